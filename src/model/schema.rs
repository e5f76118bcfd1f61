//! The annotation schema as data: span kinds, entity kinds, the attribution relation and every
//! attribute with its values, measurement level, default and definition.
//!
//! The default `newsattr` schema is a RON file embedded in the binary; `--schema FILE` loads
//! another one. Nothing else in the program hard-codes label names: the TUI, review and export
//! all read them from here.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::ron_error::{RonLocation, locate};

/// The default schema file, embedded at build time.
pub const DEFAULT_SCHEMA_RON: &str = include_str!("newsattr.schema.ron");

/// Level of measurement of an attribute; selects the agreement coefficient in review mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Level {
    /// Unordered categories (Cohen's kappa, alpha nominal).
    Nominal,
    /// Ordered categories, listed from lowest to highest (alpha ordinal, weighted kappa).
    Ordinal,
    /// Free text (no agreement coefficient).
    Text,
}

/// One allowed value of a categorical attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttrValue {
    /// Stable identifier written to sidecars and exports (`snake_case`, no spaces).
    pub name: String,
    /// Single key that picks this value in the attribute picker.
    pub key: char,
    /// One-line definition shown in the picker and in help.
    pub definition: String,
}

/// Definition of one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttrDef {
    /// Measurement level.
    pub level: Level,
    /// One-line definition of the attribute.
    pub definition: String,
    /// Allowed values (empty for `Text`). For `Ordinal`, from lowest to highest.
    #[serde(default)]
    pub values: Vec<AttrValue>,
    /// Value filled in when a record is created.
    #[serde(default)]
    pub default: Option<String>,
    /// Optional attributes may be left unset (exported as null).
    #[serde(default)]
    pub optional: bool,
}

impl AttrDef {
    /// The value with this name, if the schema allows it.
    #[must_use]
    pub fn value(&self, name: &str) -> Option<&AttrValue> {
        self.values.iter().find(|v| v.name == name)
    }

    /// Position of a value in the declared order (the rank for ordinal attributes).
    #[must_use]
    pub fn rank(&self, name: &str) -> Option<usize> {
        self.values.iter().position(|v| v.name == name)
    }
}

/// A kind of text span (Speaker, Cue, Claim...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanKind {
    /// Name written to sidecars ("Speaker").
    pub name: String,
    /// Key that turns a selection into a span of this kind.
    pub key: char,
    /// Prefix of generated ids ("S" gives S1, S2...).
    pub id_prefix: String,
    /// One-line definition.
    pub definition: String,
    /// Entity kind that mentions of this kind refer to, if any.
    #[serde(default)]
    pub entity: Option<String>,
    /// Attributes set on spans of this kind.
    #[serde(default)]
    pub attrs: Vec<String>,
    /// Disabled kinds are kept for old sidecars but cannot be created.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// A kind of entity that span mentions refer to (speaker entities).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityKind {
    /// Name ("SpeakerEntity").
    pub name: String,
    /// Prefix of generated ids ("E").
    pub id_prefix: String,
    /// Attributes set once per entity; mentions inherit them.
    #[serde(default)]
    pub attrs: Vec<String>,
}

/// The attribution relation: a claim span, its source mention(s) and an optional cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationKind {
    /// Name ("Attribution").
    pub name: String,
    /// Prefix of generated ids ("A").
    pub id_prefix: String,
    /// Span kind of the attributed content ("Claim").
    pub from: String,
    /// Span kinds allowed as sources ("Speaker").
    pub to: Vec<String>,
    /// Span kind of the cue, if cues are used ("Cue").
    #[serde(default)]
    pub cue: Option<String>,
    /// Attributes of the relation.
    #[serde(default)]
    pub attrs: Vec<String>,
}

/// A complete annotation schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// Schema name, recorded in sidecars.
    pub name: String,
    /// Schema version, recorded in sidecars.
    pub version: u32,
    /// Span kinds.
    pub spans: Vec<SpanKind>,
    /// Entity kinds.
    #[serde(default)]
    pub entities: Vec<EntityKind>,
    /// The attribution relation.
    pub relation: RelationKind,
    /// Every attribute referenced above.
    pub attrs: BTreeMap<String, AttrDef>,
}

/// A schema file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SchemaError {
    /// The file could not be read.
    #[error("{path}: cannot read schema: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not valid RON for a schema.
    #[error("{path}:{}:{}: {message}", location.line, location.col)]
    Parse {
        /// File path.
        path: String,
        /// Where the parser stopped.
        location: RonLocation,
        /// Parser message.
        message: String,
    },
    /// The file parsed but is inconsistent.
    #[error("{path}: invalid schema: {message}")]
    Invalid {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Schema {
    /// The embedded default `newsattr` schema.
    ///
    /// # Panics
    /// Never in a released build: a unit test parses and validates the embedded file.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn default_schema() -> Self {
        Self::parse(DEFAULT_SCHEMA_RON, "<built-in newsattr schema>")
            .expect("the embedded schema is checked by tests")
    }

    /// Parse and validate schema text; `path` names the source in messages.
    ///
    /// # Errors
    /// [`SchemaError::Parse`] with line and column, or [`SchemaError::Invalid`].
    pub fn parse(text: &str, path: &str) -> Result<Self, SchemaError> {
        let schema: Schema = ron::from_str(text).map_err(|e| SchemaError::Parse {
            path: path.to_owned(),
            location: locate(&e),
            message: e.code.to_string(),
        })?;
        schema.validate().map_err(|message| SchemaError::Invalid {
            path: path.to_owned(),
            message,
        })?;
        Ok(schema)
    }

    /// Load a schema file.
    ///
    /// # Errors
    /// As [`Schema::parse`], plus [`SchemaError::Io`].
    pub fn load(path: &Path) -> Result<Self, SchemaError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| SchemaError::Io {
            path: shown.clone(),
            source,
        })?;
        Self::parse(&text, &shown)
    }

    /// `name/version`, as written to sidecars and exports.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}/{}", self.name, self.version)
    }

    /// The span kind with this name.
    #[must_use]
    pub fn span_kind(&self, name: &str) -> Option<&SpanKind> {
        self.spans.iter().find(|k| k.name == name)
    }

    /// The entity kind with this name.
    #[must_use]
    pub fn entity_kind(&self, name: &str) -> Option<&EntityKind> {
        self.entities.iter().find(|k| k.name == name)
    }

    /// The attribute definition with this name.
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&AttrDef> {
        self.attrs.get(name)
    }

    /// Is this span kind the attributed content (claims)?
    #[must_use]
    pub fn is_claim_kind(&self, kind: &str) -> bool {
        self.relation.from == kind
    }

    /// Is this span kind a possible source (speaker mentions)?
    #[must_use]
    pub fn is_source_kind(&self, kind: &str) -> bool {
        self.relation.to.iter().any(|k| k == kind)
    }

    /// Is this span kind the cue?
    #[must_use]
    pub fn is_cue_kind(&self, kind: &str) -> bool {
        self.relation.cue.as_deref() == Some(kind)
    }

    /// The schema default of attribute `name`: what an unset value is shown as (dimmed,
    /// "default") and where a value picker starts. Never stored as if chosen.
    #[must_use]
    pub fn default_of(&self, name: &str) -> Option<&str> {
        self.attrs.get(name)?.default.as_deref()
    }

    /// Default attribute values for a list of attribute names (unset where there is no
    /// default): what records whose values were never chosen read as.
    #[must_use]
    pub fn defaults_for(&self, attrs: &[String]) -> BTreeMap<String, String> {
        attrs
            .iter()
            .filter_map(|name| {
                let default = self.attrs.get(name)?.default.clone()?;
                Some((name.clone(), default))
            })
            .collect()
    }

    /// Check a value for an attribute: `Err` says why it is not allowed.
    ///
    /// # Errors
    /// A message naming the attribute and the value.
    pub fn check_value(&self, attr: &str, value: &str) -> Result<(), String> {
        let Some(def) = self.attrs.get(attr) else {
            return Err(format!("unknown attribute `{attr}`"));
        };
        if def.level == Level::Text || def.value(value).is_some() {
            return Ok(());
        }
        let allowed: Vec<&str> = def.values.iter().map(|v| v.name.as_str()).collect();
        Err(format!(
            "`{value}` is not a value of `{attr}` (allowed: {})",
            allowed.join(", ")
        ))
    }

    /// Internal consistency: every referenced kind and attribute exists, keys and ids are unique.
    fn validate(&self) -> Result<(), String> {
        let mut keys = std::collections::HashSet::new();
        let mut prefixes = std::collections::HashSet::new();
        for kind in &self.spans {
            if !keys.insert(kind.key) {
                return Err(format!("span key `{}` is used twice", kind.key));
            }
            if kind.id_prefix.is_empty() || !prefixes.insert(kind.id_prefix.clone()) {
                return Err(format!(
                    "span kind `{}` needs a unique id_prefix",
                    kind.name
                ));
            }
            if let Some(entity) = &kind.entity
                && self.entity_kind(entity).is_none()
            {
                return Err(format!(
                    "span kind `{}` names unknown entity kind `{entity}`",
                    kind.name
                ));
            }
        }
        for entity in &self.entities {
            if !prefixes.insert(entity.id_prefix.clone()) {
                return Err(format!(
                    "entity kind `{}` needs a unique id_prefix",
                    entity.name
                ));
            }
        }
        if !prefixes.insert(self.relation.id_prefix.clone()) {
            return Err("the relation needs a unique id_prefix".to_owned());
        }
        let rel = &self.relation;
        for kind in std::iter::once(&rel.from)
            .chain(&rel.to)
            .chain(rel.cue.iter())
        {
            if self.span_kind(kind).is_none() {
                return Err(format!(
                    "relation `{}` names unknown span kind `{kind}`",
                    rel.name
                ));
            }
        }
        let attr_lists = self
            .spans
            .iter()
            .map(|k| &k.attrs)
            .chain(self.entities.iter().map(|k| &k.attrs))
            .chain(std::iter::once(&rel.attrs));
        for list in attr_lists {
            for attr in list {
                if !self.attrs.contains_key(attr) {
                    return Err(format!("attribute `{attr}` is used but not defined"));
                }
            }
        }
        for (name, def) in &self.attrs {
            if def.level != Level::Text && def.values.is_empty() {
                return Err(format!("attribute `{name}` has no values"));
            }
            let mut seen_keys = std::collections::HashSet::new();
            for value in &def.values {
                if value.name.is_empty() || value.name.contains(char::is_whitespace) {
                    return Err(format!(
                        "attribute `{name}`: value `{}` must be one word",
                        value.name
                    ));
                }
                if !seen_keys.insert(value.key) {
                    return Err(format!(
                        "attribute `{name}`: key `{}` is used twice",
                        value.key
                    ));
                }
            }
            if let Some(default) = &def.default
                && def.level != Level::Text
                && def.value(default).is_none()
            {
                return Err(format!(
                    "attribute `{name}`: default `{default}` is not a value"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_schema_parses_and_validates() {
        let schema = Schema::parse(DEFAULT_SCHEMA_RON, "newsattr").expect("valid");
        assert_eq!(schema.id(), "newsattr/1");
        assert!(schema.is_claim_kind("Claim"));
        assert!(schema.is_source_kind("Speaker"));
        assert!(schema.is_cue_kind("Cue"));
        let certainty = schema.attr("certainty").expect("certainty");
        assert_eq!(certainty.level, Level::Ordinal);
        assert_eq!(certainty.rank("certain"), Some(3));
        assert_eq!(certainty.default.as_deref(), Some("certain"));
    }

    #[test]
    fn parse_error_names_file_line_and_column() {
        let err =
            Schema::parse("(\n  name: \"x\",\n  version: oops,\n)", "my.ron").expect_err("bad");
        let msg = err.to_string();
        assert!(msg.starts_with("my.ron:3:"), "{msg}");
    }

    #[test]
    fn undefined_attribute_is_invalid() {
        let text = DEFAULT_SCHEMA_RON.replacen("\"claim_type\",", "\"claim_kind\",", 1);
        let err = Schema::parse(&text, "s.ron").expect_err("invalid");
        assert!(err.to_string().contains("claim_kind"), "{err}");
    }

    #[test]
    fn check_value_lists_allowed_values() {
        let schema = Schema::default_schema();
        assert!(schema.check_value("certainty", "probable").is_ok());
        let err = schema.check_value("certainty", "sure").expect_err("bad");
        assert!(err.contains("underspecified"), "{err}");
        assert!(schema.check_value("via", "anything at all").is_ok());
    }
}
