//! The Label Studio labeling config (XML) matching [`crate::export::label_studio`] output:
//! one `<Labels>` with every span kind, the relation labels (`attributed_to`, `cued_by`,
//! `within`), and per-region `<Choices>` / `<TextArea>` controls named after the schema
//! attributes, plus confidence, notes and the speaker entity's name, confidence and note.

use std::collections::BTreeSet;

use crate::model::{Level, Schema};

/// Name of the text object tag (`to_name` of every result).
pub const TEXT: &str = "text";
/// Name of the span labels control.
pub const LABELS: &str = "label";
/// Relation label from a claim to a source mention.
pub const ATTRIBUTED_TO: &str = "attributed_to";
/// Relation label from a claim to its cue.
pub const CUED_BY: &str = "cued_by";
/// Relation label from a claim to the claim of the attribution its attribution is nested in.
pub const WITHIN: &str = "within";
/// Per-region choices with the annotator confidence of a span.
pub const CONFIDENCE: &str = "confidence";
/// Per-region choices on a claim with the confidence of its attribution.
pub const ATTRIBUTION_CONFIDENCE: &str = "attribution_confidence";
/// Per-region text area with a span's note.
pub const NOTE: &str = "note";
/// Per-region text area on a claim with its attribution's note.
pub const ATTRIBUTION_NOTE: &str = "attribution_note";
/// Per-region text area on a source mention with its entity's canonical name.
pub const ENTITY: &str = "entity";
/// Per-region choices on a source mention with its entity's confidence (written when not high).
pub const ENTITY_CONFIDENCE: &str = "entity_confidence";
/// Per-region text area on a source mention with its entity's note.
pub const ENTITY_NOTE: &str = "entity_note";

/// Control names the exporter uses besides the schema attributes.
pub const RESERVED: [&str; 9] = [
    TEXT,
    LABELS,
    CONFIDENCE,
    ATTRIBUTION_CONFIDENCE,
    NOTE,
    ATTRIBUTION_NOTE,
    ENTITY,
    ENTITY_CONFIDENCE,
    ENTITY_NOTE,
];

/// Escape text for an XML attribute value.
#[must_use]
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// The span kinds whose regions carry attribute `attr`.
#[must_use]
pub fn kinds_of_attr(schema: &Schema, attr: &str) -> BTreeSet<String> {
    let rel = &schema.relation;
    let mut kinds = BTreeSet::new();
    for kind in &schema.spans {
        let entity_has = kind
            .entity
            .as_deref()
            .and_then(|e| schema.entity_kind(e))
            .is_some_and(|e| e.attrs.iter().any(|a| a == attr));
        if kind.attrs.iter().any(|a| a == attr) || entity_has {
            kinds.insert(kind.name.clone());
        }
    }
    if rel.attrs.iter().any(|a| a == attr) {
        kinds.insert(rel.from.clone());
    }
    kinds
}

fn visible_when(kinds: &BTreeSet<String>) -> String {
    match kinds.iter().next() {
        Some(kind) if kinds.len() == 1 => format!(
            " visibleWhen=\"region-selected\" whenTagName=\"{LABELS}\" whenLabelValue=\"{}\"",
            xml_escape(kind)
        ),
        _ => " visibleWhen=\"region-selected\"".to_owned(),
    }
}

fn choices(name: &str, values: &[&str], kinds: &BTreeSet<String>) -> String {
    let mut out = format!(
        "  <Choices name=\"{}\" toName=\"{TEXT}\" perRegion=\"true\" choice=\"single\"{}>\n",
        xml_escape(name),
        visible_when(kinds)
    );
    for v in values {
        out.push_str(&format!("    <Choice value=\"{}\"/>\n", xml_escape(v)));
    }
    out.push_str("  </Choices>\n");
    out
}

fn text_area(name: &str, kinds: &BTreeSet<String>) -> String {
    format!(
        "  <TextArea name=\"{}\" toName=\"{TEXT}\" perRegion=\"true\" maxSubmissions=\"1\" editable=\"true\"{}/>\n",
        xml_escape(name),
        visible_when(kinds)
    )
}

/// The labeling config for `schema`.
///
/// # Errors
/// A message when a schema attribute has the name of a reserved control.
pub fn labeling_config(schema: &Schema) -> Result<String, String> {
    if let Some(clash) = schema.attrs.keys().find(|a| RESERVED.contains(&a.as_str())) {
        return Err(format!(
            "schema attribute `{clash}` has the name of a Label Studio control of the export; rename it"
        ));
    }
    let rel = &schema.relation;
    let mut out = String::from("<View>\n");
    out.push_str(&format!("  <Labels name=\"{LABELS}\" toName=\"{TEXT}\">\n"));
    for kind in &schema.spans {
        out.push_str(&format!(
            "    <Label value=\"{}\"/>\n",
            xml_escape(&kind.name)
        ));
    }
    out.push_str("  </Labels>\n");
    out.push_str(&format!("  <Text name=\"{TEXT}\" value=\"$text\"/>\n"));
    out.push_str("  <Relations>\n");
    out.push_str(&format!("    <Relation value=\"{ATTRIBUTED_TO}\"/>\n"));
    if rel.cue.is_some() {
        out.push_str(&format!("    <Relation value=\"{CUED_BY}\"/>\n"));
    }
    out.push_str(&format!("    <Relation value=\"{WITHIN}\"/>\n"));
    out.push_str("  </Relations>\n");
    for (name, def) in &schema.attrs {
        let kinds = kinds_of_attr(schema, name);
        if def.level == Level::Text {
            out.push_str(&text_area(name, &kinds));
        } else {
            let values: Vec<&str> = def.values.iter().map(|v| v.name.as_str()).collect();
            out.push_str(&choices(name, &values, &kinds));
        }
    }
    let all = BTreeSet::new();
    let claims: BTreeSet<String> = std::iter::once(rel.from.clone()).collect();
    let levels = ["high", "medium", "low"];
    out.push_str(&choices(CONFIDENCE, &levels, &all));
    out.push_str(&choices(ATTRIBUTION_CONFIDENCE, &levels, &claims));
    out.push_str(&text_area(NOTE, &all));
    out.push_str(&text_area(ATTRIBUTION_NOTE, &claims));
    let sources: BTreeSet<String> = rel.to.iter().cloned().collect();
    out.push_str(&text_area(ENTITY, &sources));
    out.push_str(&choices(ENTITY_CONFIDENCE, &levels, &sources));
    out.push_str(&text_area(ENTITY_NOTE, &sources));
    out.push_str("</View>\n");
    Ok(out)
}
