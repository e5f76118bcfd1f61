//! brat names for schema concepts and the `annotation.conf` that declares them (read back by
//! [`crate::export::brat_conf_read`]).
//!
//! Span kinds keep their schema names; a cue that triggers an attribution takes the relation's
//! name (brat event triggers carry the event type). Attributes are `CamelCase` versions of the
//! schema names (`claim_type` -> `ClaimType`); free-text attributes become notes of that type.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Level, Schema};

/// Relation type used when an attribution has no cue: `AttributedTo Arg1:<claim> Arg2:<source>`.
pub const NO_CUE_RELATION: &str = "AttributedTo";
/// Event role of the source mention(s); repeated as `Source2`, `Source3`...
pub const SOURCE_ROLE: &str = "Source";
/// Event role of the claim.
pub const CONTENT_ROLE: &str = "Content";
/// Attribute holding the annotator confidence of a span or attribution event.
pub const CONFIDENCE: &str = "Confidence";
/// Attribute on a claim holding the confidence of its cue-less attribution.
pub const ATTRIBUTION_CONFIDENCE: &str = "AttributionConfidence";
/// Derived FactBank tag on claims (not read back on import).
pub const FACTUALITY: &str = "Factuality";
/// Note type on an attribution's event or relation whose text is the id of the enclosing
/// attribution's event or relation (`within`).
pub const WITHIN_NOTE: &str = "Within";
/// Note type on an entity's first `N` reference holding its confidence (`medium`, `low`).
pub const ENTITY_CONFIDENCE_NOTE: &str = "EntityConfidence";
/// Normalization database naming speaker entities (`Entity:E2`).
pub const ENTITY_DB: &str = "Entity";
/// Every FactBank tag [`crate::export::derived::factbank`] can produce.
pub const FACTBANK_TAGS: [&str; 12] = [
    "CT+", "CT-", "CTu", "PR+", "PR-", "PRu", "PS+", "PS-", "PSu", "U+", "U-", "Uu",
];

/// `claim_type` -> `ClaimType`.
#[must_use]
pub fn camel(name: &str) -> String {
    name.split(['_', '-', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut chars = p.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect()
}

/// The schema attribute whose brat name is `brat_name`.
#[must_use]
pub fn attr_from_brat<'a>(schema: &'a Schema, brat_name: &str) -> Option<&'a str> {
    schema
        .attrs
        .keys()
        .find(|name| camel(name) == brat_name)
        .map(String::as_str)
}

/// The text of `annotation.conf` for `schema`.
#[must_use]
pub fn annotation_conf(schema: &Schema) -> String {
    let rel = &schema.relation;
    let mut out = format!(
        "# brat configuration written by marginalia for schema {}\n[entities]\n",
        schema.id()
    );
    for kind in &schema.spans {
        out.push_str(&kind.name);
        out.push('\n');
    }
    let sources = rel.to.join("|");
    out.push_str("\n[relations]\n");
    out.push_str(&format!(
        "{NO_CUE_RELATION}\tArg1:{}, Arg2:{sources}\n",
        rel.from
    ));
    // Spans may overlap and nest (content can hold a nested attribution).
    out.push_str("<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n");
    out.push_str("\n[events]\n");
    if rel.cue.is_some() {
        out.push_str(&format!(
            "{}\t{SOURCE_ROLE}*:{sources}, {CONTENT_ROLE}:{}\n",
            rel.name, rel.from
        ));
    }
    out.push_str("\n[attributes]\n");
    for (name, targets) in attribute_targets(schema) {
        let Some(def) = schema.attr(&name) else {
            continue;
        };
        if def.level == Level::Text {
            continue;
        }
        let values: Vec<&str> = def.values.iter().map(|v| v.name.as_str()).collect();
        out.push_str(&format!(
            "{}\tArg:{}, Value:{}\n",
            camel(&name),
            targets.into_iter().collect::<Vec<_>>().join("|"),
            values.join("|")
        ));
    }
    let mut all: Vec<String> = schema.spans.iter().map(|k| k.name.clone()).collect();
    if rel.cue.is_some() {
        all.push(rel.name.clone());
    }
    out.push_str(&format!(
        "{CONFIDENCE}\tArg:{}, Value:high|medium|low\n",
        all.join("|")
    ));
    out.push_str(&format!(
        "{ATTRIBUTION_CONFIDENCE}\tArg:{}, Value:high|medium|low\n",
        rel.from
    ));
    out.push_str(&format!(
        "{FACTUALITY}\tArg:{}, Value:{}\n",
        rel.from,
        FACTBANK_TAGS.join("|")
    ));
    out
}

/// For each schema attribute, the brat types its `A` lines may target.
fn attribute_targets(schema: &Schema) -> BTreeMap<String, BTreeSet<String>> {
    let rel = &schema.relation;
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |attr: &String, ty: &str| {
        map.entry(attr.clone()).or_default().insert(ty.to_owned());
    };
    for kind in &schema.spans {
        for attr in &kind.attrs {
            add(attr, &kind.name);
            if rel.cue.as_deref() == Some(kind.name.as_str()) {
                add(attr, &rel.name);
            }
        }
        if let Some(entity) = kind.entity.as_deref().and_then(|e| schema.entity_kind(e)) {
            for attr in &entity.attrs {
                add(attr, &kind.name);
            }
        }
    }
    for attr in &rel.attrs {
        add(attr, &rel.from);
        if rel.cue.is_some() {
            add(attr, &rel.name);
        }
    }
    for name in schema.attrs.keys() {
        map.entry(name.clone()).or_default();
    }
    map.retain(|_, targets| !targets.is_empty());
    map
}

pub use crate::export::brat_conf_read::Conf;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conf_declares_the_default_schema() {
        let schema = Schema::default_schema();
        let text = annotation_conf(&schema);
        let conf = Conf::parse(&text).expect("parse");
        assert!(conf.entities.contains("Claim"));
        assert!(conf.events.contains_key("Attribution"));
        let roles: Vec<&str> = conf.relations[NO_CUE_RELATION][0]
            .args
            .iter()
            .map(|a| a.role.as_str())
            .collect();
        assert_eq!(roles, ["Arg1", "Arg2"]);
        let channel = conf.attributes["Channel"].values.clone().expect("values");
        assert!(channel.contains("other_outlet"));
        assert!(text.contains("Channel\tArg:Attribution|Claim, Value:"));
        assert!(text.contains("SpeakerType\tArg:Speaker, Value:"));
        assert!(
            !conf.attributes.contains_key("Via"),
            "text attributes are notes"
        );
        assert_eq!(camel("claim_type"), "ClaimType");
        assert_eq!(attr_from_brat(&schema, "CueStance"), Some("cue_stance"));
    }
}
