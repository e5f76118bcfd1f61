//! Mappings from a foreign brat annotation scheme to this tool's schema: which `T` types are
//! which span kinds, which events and relations are attributions (and which of their roles
//! are sources, contents and cues), which relations and equivalences mean coreference of
//! source mentions, and which attributes and values become schema attributes. A mapping is a
//! RON file (docs/import.md); the built-in ones are embedded data files, chosen by name.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::model::Schema;
use crate::model::ron_error::locate;

/// Built-in mappings: name and RON text.
const BUILT_IN: &[(&str, &str)] = &[("parc", include_str!("mappings/parc.mapping.ron"))];

/// Names of the built-in mappings.
#[must_use]
pub fn built_in_names() -> Vec<&'static str> {
    BUILT_IN.iter().map(|(name, _)| *name).collect()
}

/// Roles of an event type that is an attribution.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventMap {
    /// Roles (without brat's numbering: `Source` covers `Source2`) naming source mentions.
    #[serde(default)]
    pub source: Vec<String>,
    /// Roles naming the attributed content; each content argument is one attribution.
    #[serde(default)]
    pub content: Vec<String>,
    /// Roles naming the cue; without one, the trigger's text is the cue.
    #[serde(default)]
    pub cue: Vec<String>,
}

/// Roles of a relation type that is an attribution without a cue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationMap {
    /// Role of the content (claim) argument.
    pub content: String,
    /// Role of the source argument.
    pub source: String,
}

/// A foreign attribute that becomes a schema attribute.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttrMap {
    /// The schema attribute.
    pub attr: String,
    /// Foreign value -> schema value; a value not listed is taken as it is.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// The schema value a binary (value-less) foreign attribute stands for.
    #[serde(default)]
    pub binary: Option<String>,
}

/// A mapping of a foreign brat scheme onto the schema.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Foreign `T` type -> span kind.
    #[serde(default)]
    pub spans: BTreeMap<String, String>,
    /// Foreign event type -> its roles; the event's trigger `T` type is the same name.
    #[serde(default)]
    pub events: BTreeMap<String, EventMap>,
    /// Foreign relation type -> its roles, for attributions without a cue.
    #[serde(default)]
    pub relations: BTreeMap<String, RelationMap>,
    /// Relation and equivalence (`*`) types linking mentions of one speaker.
    #[serde(default)]
    pub coreference: Vec<String>,
    /// Source mentions with identical text in one document are one entity.
    #[serde(default)]
    pub same_text_entities: bool,
    /// Foreign attribute name -> schema attribute.
    #[serde(default)]
    pub attributes: BTreeMap<String, AttrMap>,
    /// `#` note types kept as the record's note.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Give every attribute the corpus leaves unset the schema's default, as marking a span in
    /// the editor does (so `check` finds the import complete); `false` leaves them unset.
    #[serde(default = "yes")]
    pub schema_defaults: bool,
}

fn yes() -> bool {
    true
}

/// 1-based line and column of the first occurrence of `needle` in `text` (or 1:1).
fn position_of(text: &str, needle: &str) -> (usize, usize) {
    let Some(at) = text.find(needle) else {
        return (1, 1);
    };
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |nl| &before[nl + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

impl Mapping {
    /// Parse mapping text and check it against `schema`; `path` names it in messages, which
    /// read `path:line:col: message`.
    ///
    /// # Errors
    /// The message, with the position of the RON error or of the offending name.
    pub fn parse(text: &str, path: &str, schema: &Schema) -> Result<Self, String> {
        let mapping: Self = ron::from_str(text).map_err(|e| {
            let at = locate(&e);
            format!("{path}:{}:{}: {}", at.line, at.col, e.code)
        })?;
        mapping.check(schema).map_err(|(needle, message)| {
            let (line, col) = position_of(text, &format!("\"{needle}\""));
            format!("{path}:{line}:{col}: {message}")
        })?;
        Ok(mapping)
    }

    /// A built-in mapping by name, or a mapping file.
    ///
    /// # Errors
    /// A message naming the file (with `line:col`), or listing the built-in names.
    pub fn resolve(name_or_file: &str, schema: &Schema) -> Result<Self, String> {
        if let Some((name, text)) = BUILT_IN.iter().find(|(n, _)| *n == name_or_file) {
            return Self::parse(text, &format!("<built-in mapping {name}>"), schema);
        }
        let path = Path::new(name_or_file);
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(&text, name_or_file, schema),
            Err(e) => Err(format!(
                "{name_or_file}: {e} (built-in mappings: {})",
                built_in_names().join(", ")
            )),
        }
    }

    /// The name that is wrong and why.
    fn check(&self, schema: &Schema) -> Result<(), (String, String)> {
        for (foreign, kind) in &self.spans {
            if schema.span_kind(kind).is_none() {
                return Err((
                    kind.clone(),
                    format!(
                        "`{foreign}` maps to span kind `{kind}`, which schema {} does not have",
                        schema.id()
                    ),
                ));
            }
        }
        for (foreign, a) in &self.attributes {
            let Some(def) = schema.attr(&a.attr) else {
                return Err((
                    a.attr.clone(),
                    format!(
                        "`{foreign}` maps to attribute `{}`, which schema {} does not have",
                        a.attr,
                        schema.id()
                    ),
                ));
            };
            let values = a.values.values().chain(a.binary.iter());
            for v in values {
                if def.level != crate::model::Level::Text && def.value(v).is_none() {
                    return Err((v.clone(), format!("`{v}` is not a value of `{}`", a.attr)));
                }
            }
        }
        for (ty, e) in &self.events {
            if e.content.is_empty() {
                return Err((ty.clone(), format!("event `{ty}` needs a content role")));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_mappings_parse() {
        let schema = Schema::default_schema();
        for name in built_in_names() {
            let m = Mapping::resolve(name, &schema).expect(name);
            assert!(!m.spans.is_empty());
        }
    }

    #[test]
    fn errors_name_path_line_and_column() {
        let schema = Schema::default_schema();
        let syntax = Mapping::parse("(\n  spans: {\"Source\" \"Speaker\"},\n)", "m.ron", &schema)
            .expect_err("syntax");
        assert!(syntax.starts_with("m.ron:2:"), "{syntax}");
        let unknown = Mapping::parse("(\n  spanz: {},\n)", "m.ron", &schema).expect_err("field");
        assert!(unknown.starts_with("m.ron:2:"), "{unknown}");
        let kind = Mapping::parse(
            "(\n  spans: {\n    \"Source\": \"Person\",\n  },\n)",
            "m.ron",
            &schema,
        )
        .expect_err("kind");
        assert!(kind.starts_with("m.ron:3:15: "), "{kind}");
        assert!(kind.contains("span kind `Person`"), "{kind}");
        let value = Mapping::parse(
            "(attributes: {\"Fact\": (attr: \"certainty\", values: {\"CT\": \"sure\"})})",
            "m.ron",
            &schema,
        )
        .expect_err("value");
        assert!(value.starts_with("m.ron:1:"), "{value}");
        assert!(value.contains("`sure` is not a value"), "{value}");
    }
}
