//! One Label Studio annotation (its `result` list) into one annotator's document: `labels`
//! regions become spans (their ids kept when they fit the schema's prefixes), per-region
//! `choices` and `textarea` results with a region's id become its attribute values,
//! confidence, note and, on source mentions, the speaker entity's canonical name (`entity`);
//! `relation` results between a claim and a source or cue become attributions, `within`
//! between two claims nests the first one's attribution in the second's. The control
//! names are those of [`crate::export::ls_config`], so an export reads back as it was;
//! relations of foreign configs are understood by the kinds of their ends.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use crate::export::ls_config::{
    ATTRIBUTED_TO, ATTRIBUTION_CONFIDENCE, ATTRIBUTION_NOTE, CONFIDENCE, CUED_BY, ENTITY,
    ENTITY_CONFIDENCE, ENTITY_NOTE, NOTE, WITHIN,
};
use crate::import::counts::Counts;
use crate::import::offsets::{OffsetMap, place_raw};
use crate::model::{AnnotationDoc, Article, Attribution, Confidence, Entity, Level, Schema, Span};

/// Parse `high`, `medium` or `low`.
#[must_use]
pub fn confidence_of(value: &str) -> Option<Confidence> {
    match value {
        "high" => Some(Confidence::High),
        "medium" => Some(Confidence::Medium),
        "low" => Some(Confidence::Low),
        _ => None,
    }
}

/// Builds one document from one annotation's results.
pub struct ResultReader<'a> {
    /// The schema records are checked against.
    pub schema: &'a Schema,
    /// The article (normalised text).
    pub article: &'a Article,
    /// Raw offsets of the file onto the article.
    pub map: &'a OffsetMap,
    /// Prefix of every warning (`file: task N, annotation M`).
    pub label: String,
    /// The document being built.
    pub doc: AnnotationDoc,
    /// What was imported and skipped.
    pub counts: Counts,
    /// Warnings, each starting with [`Self::label`].
    pub warnings: Vec<String>,
    /// Region id in the file -> span id.
    regions: HashMap<String, String>,
    /// Span id -> canonical entity name given by an `entity` text area.
    entity_names: HashMap<String, String>,
}

fn str_of<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The first string of array `key` in `value` (`labels`, `choices`; a text area's `text`
/// lines joined by line breaks).
fn first_string(value: &Value, key: &str) -> Option<String> {
    let items = value.get(key)?.as_array()?;
    let strings: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
    if strings.is_empty() {
        return None;
    }
    if key == "text" {
        Some(strings.join("\n"))
    } else {
        strings.first().map(|s| (*s).to_owned())
    }
}

impl<'a> ResultReader<'a> {
    /// A reader for an empty document of `annotator`.
    #[must_use]
    pub fn new(
        schema: &'a Schema,
        article: &'a Article,
        map: &'a OffsetMap,
        label: String,
        doc: AnnotationDoc,
    ) -> Self {
        Self {
            schema,
            article,
            map,
            label,
            doc,
            counts: Counts::default(),
            warnings: Vec::new(),
            regions: HashMap::new(),
            entity_names: HashMap::new(),
        }
    }

    fn warn(&mut self, message: impl std::fmt::Display) {
        self.warnings.push(format!("{}: {message}", self.label));
    }

    fn skip(&mut self, what: String) {
        *self.counts.skipped.entry(what).or_default() += 1;
    }

    /// Read every result of the annotation; regions first, then relations, then values.
    pub fn read(&mut self, results: &[Value]) {
        let is_relation = |r: &Value| str_of(r, "type") == Some("relation");
        for r in results.iter().filter(|r| !is_relation(r)) {
            if r.get("value").and_then(|v| v.get("labels")).is_some() {
                self.region(r);
            }
        }
        for r in results.iter().filter(|r| !is_relation(r)) {
            if str_of(r, "from_name") == Some(ENTITY) {
                self.per_region(r);
            }
        }
        self.make_entities();
        let within = |r: &&Value| first_string(r, "labels").as_deref() == Some(WITHIN);
        for r in results.iter().filter(|r| is_relation(r) && !within(r)) {
            self.relation(r);
        }
        // Nesting links attributions, so it is read once they all exist.
        for r in results.iter().filter(|r| is_relation(r) && within(r)) {
            self.within(r);
        }
        for r in results.iter().filter(|r| !is_relation(r)) {
            let labels = r.get("value").and_then(|v| v.get("labels")).is_some();
            if !labels && str_of(r, "from_name") != Some(ENTITY) {
                self.per_region(r);
            }
        }
        self.doc.canonicalize();
    }

    fn region(&mut self, r: &Value) {
        let value = &r["value"];
        let Some(kind) = first_string(value, "labels") else {
            self.warn("a labels result without a label; skipped");
            return;
        };
        let Some(prefix) = self.schema.span_kind(&kind).map(|k| k.id_prefix.clone()) else {
            self.counts.span_seen(&kind, false);
            self.skip(format!("label {kind}"));
            return;
        };
        let region_id = str_of(r, "id").unwrap_or_default().to_owned();
        let (Some(start), Some(end)) = (
            value.get("start").and_then(Value::as_i64),
            value.get("end").and_then(Value::as_i64),
        ) else {
            self.counts.span_seen(&kind, false);
            self.warn(format!(
                "region {region_id:?} ({kind}) has no numeric start and end; skipped"
            ));
            return;
        };
        if self.regions.contains_key(&region_id) {
            self.counts.span_seen(&kind, false);
            self.warn(format!(
                "region id {region_id:?} is used twice; the second is skipped"
            ));
            return;
        }
        let anchor = match place_raw(self.article, self.map, start, end) {
            Ok(a) => a,
            Err(e) => {
                self.counts.span_seen(&kind, false);
                self.warn(format!("region {region_id:?} ({kind}): {e}; skipped"));
                return;
            }
        };
        if let Some(text) = str_of(value, "text")
            && text != anchor.exact
        {
            self.warn(format!(
                "region {region_id:?}: text {text:?} differs from the text at {start}..{end} ({:?}); the offsets are kept (is the file counted in UTF-16? see --offsets)",
                anchor.exact
            ));
        }
        let fits = region_id
            .strip_prefix(prefix.as_str())
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            && self.doc.span(&region_id).is_none();
        let id = if fits {
            region_id.clone()
        } else {
            self.doc.next_id(&prefix)
        };
        self.doc
            .spans
            .push(Span::placed(id.clone(), kind.clone(), anchor));
        self.counts.spans += 1;
        self.counts.span_seen(&kind, true);
        self.regions.insert(region_id, id);
    }

    /// One speaker entity per canonical name (per mention without one), ids in text order.
    fn make_entities(&mut self) {
        self.doc.canonicalize();
        let mut by_name: HashMap<String, String> = HashMap::new();
        let mut links = Vec::new();
        let mentions: Vec<(String, String, String)> = self
            .doc
            .spans
            .iter()
            .filter_map(|s| {
                let kind = self.schema.span_kind(&s.kind)?.entity.clone()?;
                Some((s.id.clone(), kind, s.anchor.exact.clone()))
            })
            .collect();
        for (span_id, kind, exact) in mentions {
            let name = self.entity_names.get(&span_id).cloned().unwrap_or(exact);
            let named = self.entity_names.contains_key(&span_id);
            let existing = named.then(|| by_name.get(&name).cloned()).flatten();
            let prefix = self
                .schema
                .entity_kind(&kind)
                .map_or_else(|| "E".to_owned(), |k| k.id_prefix.clone());
            let id = existing.unwrap_or_else(|| {
                let id = self.doc.next_id(&prefix);
                self.doc.entities.push(Entity {
                    id: id.clone(),
                    kind,
                    name: name.clone(),
                    attrs: BTreeMap::new(),
                    confidence: Confidence::High,
                    note: None,
                    suggested: false,
                });
                if named {
                    by_name.insert(name, id.clone());
                }
                id
            });
            links.push((span_id, id));
        }
        self.counts.entities += self.doc.entities.len();
        for (span, entity) in links {
            if let Some(s) = self.doc.span_mut(&span) {
                s.entity = Some(entity);
            }
        }
    }

    fn span_of(&self, region: Option<&str>) -> Option<Span> {
        let id = self.regions.get(region?)?;
        self.doc.span(id).cloned()
    }

    /// The attribution of claim `claim`, created (without sources or cue) if it has none.
    fn attribution_of(&mut self, claim: &str) -> String {
        if let Some(a) = self.doc.attribution_of(claim) {
            return a.id.clone();
        }
        let id = self.doc.next_id(&self.schema.relation.id_prefix);
        self.doc.attributions.push(Attribution {
            id: id.clone(),
            claim: claim.to_owned(),
            sources: Vec::new(),
            cue: None,
            within: None,
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        });
        self.counts.attributions += 1;
        id
    }

    /// `within` from a claim to the claim of the enclosing attribution.
    fn within(&mut self, r: &Value) {
        let inner = self.span_of(str_of(r, "from_id"));
        let outer = self.span_of(str_of(r, "to_id"));
        let attribution = |reader: &Self, s: Option<Span>| {
            s.and_then(|s| reader.doc.attribution_of(&s.id).map(|a| a.id.clone()))
        };
        let (Some(inner), Some(outer)) = (attribution(self, inner), attribution(self, outer))
        else {
            self.counts.event_seen(WITHIN, false);
            self.warn(format!(
                "relation {WITHIN} from {:?} to {:?}: both ends must be attributed claims; skipped",
                str_of(r, "from_id").unwrap_or_default(),
                str_of(r, "to_id").unwrap_or_default()
            ));
            return;
        };
        if let Some(a) = self.doc.attribution_mut(&inner) {
            a.within = Some(outer);
        }
        self.counts.event_seen(WITHIN, true);
    }

    fn relation(&mut self, r: &Value) {
        let label = first_string(r, "labels");
        let shown = label.clone().unwrap_or_else(|| "(no label)".to_owned());
        let from = self.span_of(str_of(r, "from_id"));
        let to = self.span_of(str_of(r, "to_id"));
        let (Some(from), Some(to)) = (from, to) else {
            self.counts.event_seen(&shown, false);
            self.warn(format!(
                "relation {shown} between {:?} and {:?}: an end is not an imported region; skipped",
                str_of(r, "from_id").unwrap_or_default(),
                str_of(r, "to_id").unwrap_or_default()
            ));
            return;
        };
        let s = self.schema;
        let (claim, other) = if s.is_claim_kind(&from.kind) {
            (from, to)
        } else if s.is_claim_kind(&to.kind) {
            (to, from)
        } else {
            self.counts.event_seen(&shown, false);
            self.skip(format!("relation {shown} without a claim"));
            return;
        };
        let as_source = s.is_source_kind(&other.kind);
        let as_cue = s.is_cue_kind(&other.kind);
        let expected = if as_source { ATTRIBUTED_TO } else { CUED_BY };
        if let Some(l) = label.as_deref()
            && (l == ATTRIBUTED_TO || l == CUED_BY)
            && l != expected
        {
            self.warn(format!(
                "relation {l} from {} to a {}; read by the kinds of its ends",
                claim.id, other.kind
            ));
        }
        if !as_source && !as_cue {
            self.counts.event_seen(&shown, false);
            self.skip(format!("relation {shown} from a claim to a {}", other.kind));
            return;
        }
        let a = self.attribution_of(&claim.id);
        let mut second_cue = None;
        if let Some(att) = self.doc.attribution_mut(&a) {
            if as_source {
                if !att.sources.contains(&other.id) {
                    att.sources.push(other.id.clone());
                }
            } else if att.cue.is_none() {
                att.cue = Some(other.id.clone());
            } else if att.cue.as_deref() != Some(other.id.as_str()) {
                second_cue = Some(other.id.clone());
            }
        }
        if let Some(cue) = second_cue {
            self.warn(format!(
                "claim {} has a second cue {cue}; the first is kept",
                claim.id
            ));
        }
        self.counts.event_seen(&shown, true);
    }

    fn per_region(&mut self, r: &Value) {
        let name = str_of(r, "from_name").unwrap_or_default().to_owned();
        let region = str_of(r, "id").unwrap_or_default().to_owned();
        let value = r.get("value").unwrap_or(&Value::Null);
        let text = first_string(value, "choices").or_else(|| first_string(value, "text"));
        let Some(text) = text else {
            self.warn(format!("{name} on region {region:?} has no value; skipped"));
            return;
        };
        let Some(span) = self.span_of(Some(&region)) else {
            self.skip(format!("{name} on a region that was not imported"));
            return;
        };
        match name.as_str() {
            n if n == ENTITY => {
                if self.schema.is_source_kind(&span.kind) {
                    self.entity_names.insert(span.id, text);
                } else {
                    self.warn(format!("{ENTITY} on {} ({}); ignored", span.id, span.kind));
                }
            }
            n if n == ENTITY_CONFIDENCE || n == ENTITY_NOTE => {
                let level = confidence_of(&text);
                let entity = span.entity.as_deref().and_then(|e| self.doc.entity_mut(e));
                match (entity, n == ENTITY_NOTE, level) {
                    (Some(e), true, _) => e.note = Some(text),
                    (Some(e), false, Some(level)) => e.confidence = level,
                    (Some(_), false, None) => self.warn(format!(
                        "{name} {text:?} on {} is not high, medium or low; ignored",
                        span.id
                    )),
                    (None, ..) => self.warn(format!(
                        "{name} on {} ({}), which has no entity; ignored",
                        span.id, span.kind
                    )),
                }
            }
            n if n == CONFIDENCE || n == ATTRIBUTION_CONFIDENCE => {
                let Some(level) = confidence_of(&text) else {
                    self.warn(format!(
                        "{name} {text:?} on {} is not high, medium or low; ignored",
                        span.id
                    ));
                    return;
                };
                if n == CONFIDENCE {
                    if let Some(s) = self.doc.span_mut(&span.id) {
                        s.confidence = level;
                    }
                } else if self.schema.is_claim_kind(&span.kind) {
                    let a = self.attribution_of(&span.id);
                    if let Some(a) = self.doc.attribution_mut(&a) {
                        a.confidence = level;
                    }
                }
            }
            n if n == NOTE => {
                if let Some(s) = self.doc.span_mut(&span.id) {
                    s.note = Some(text);
                }
            }
            n if n == ATTRIBUTION_NOTE && self.schema.is_claim_kind(&span.kind) => {
                let a = self.attribution_of(&span.id);
                if let Some(a) = self.doc.attribution_mut(&a) {
                    a.note = Some(text);
                }
            }
            _ => self.attribute(&name, &span, text),
        }
    }

    /// Schema attribute `name` on `span`: its own, its entity's, or its attribution's.
    fn attribute(&mut self, name: &str, span: &Span, value: String) {
        let Some(def) = self.schema.attr(name) else {
            self.skip(format!("control {name}"));
            return;
        };
        if def.level != Level::Text
            && let Err(message) = self.schema.check_value(name, &value)
        {
            self.warn(format!("{}: {message}; ignored", span.id));
            return;
        }
        let kind = self.schema.span_kind(&span.kind);
        let own = kind.is_some_and(|k| k.attrs.iter().any(|a| a == name));
        let of_entity = kind
            .and_then(|k| k.entity.as_deref())
            .and_then(|e| self.schema.entity_kind(e))
            .is_some_and(|e| e.attrs.iter().any(|a| a == name));
        let of_relation = self.schema.relation.attrs.iter().any(|a| a == name)
            && self.schema.is_claim_kind(&span.kind);
        if own {
            if let Some(s) = self.doc.span_mut(&span.id) {
                s.attrs.insert(name.to_owned(), value);
            }
        } else if of_entity {
            let entity = span.entity.clone().unwrap_or_default();
            let mut disagree = false;
            if let Some(e) = self.doc.entity_mut(&entity) {
                let old = e.attrs.insert(name.to_owned(), value.clone());
                disagree = old.is_some_and(|o| o != value);
            }
            if disagree {
                self.warn(format!(
                    "mentions of entity {entity} disagree on `{name}`; the last is kept"
                ));
            }
        } else if of_relation {
            let a = self.attribution_of(&span.id);
            if let Some(a) = self.doc.attribution_mut(&a) {
                a.attrs.insert(name.to_owned(), value);
            }
        } else {
            self.warn(format!(
                "`{name}` does not apply to {} ({}); ignored",
                span.id, span.kind
            ));
        }
    }
}
