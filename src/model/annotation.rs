//! The annotation document of one annotator for one article: speaker entities, spans
//! (Speaker / Cue / Claim mentions) anchored to paragraphs, attributions linking a claim to its
//! source mention(s) and cue, and per-paragraph progress. This is exactly what a sidecar stores.
//!
//! Records carry attribute values as `name -> value` maps checked against the [`Schema`], so a
//! different schema needs no code change.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::article::Article;
use crate::model::schema::Schema;

/// The sidecar format version this program writes.
pub const FORMAT_VERSION: u32 = 1;

/// Characters of context stored before and after a span (as Hypothesis does).
pub const CONTEXT_CHARS: usize = 32;

/// The annotator's confidence in one record (not a label to agree on).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Confidence {
    /// Sure of this record.
    #[default]
    High,
    /// Some doubt.
    Medium,
    /// Unsure; reviewed first.
    Low,
}

impl Confidence {
    /// Lower-case name used in exports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
        }
    }
}

/// How a span's anchor was last resolved against the article text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AnchorStatus {
    /// Created on this text, or found at its stored position.
    #[default]
    Exact,
    /// Found by exact quote search at another position.
    Moved,
    /// Found by approximate search; the quote was updated and should be reviewed.
    Fuzzy,
    /// Not found; kept with its old anchor so the annotator can place it again.
    Orphaned,
}

impl AnchorStatus {
    /// Lower-case name used in exports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Exact => "exact",
            Self::Moved => "moved",
            Self::Fuzzy => "fuzzy",
            Self::Orphaned => "orphaned",
        }
    }
}

/// Where a span sits: paragraph-relative Unicode scalar offsets plus a quote selector.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Anchor {
    /// 0-based paragraph index.
    pub para: usize,
    /// Start offset in the paragraph (inclusive).
    pub start: usize,
    /// End offset in the paragraph (exclusive).
    pub end: usize,
    /// The exact text of the span.
    pub exact: String,
    /// Up to 32 characters before the span, within the paragraph.
    pub prefix: String,
    /// Up to 32 characters after the span, within the paragraph.
    pub suffix: String,
}

impl Anchor {
    /// Build an anchor for `start..end` of paragraph `para`; `None` if the range is invalid.
    #[must_use]
    pub fn new(article: &Article, para: usize, start: usize, end: usize) -> Option<Self> {
        let exact = article.para_slice(para, start, end)?.to_owned();
        let len = article.paragraphs().get(para)?.char_len;
        let prefix = article
            .para_slice(para, start.saturating_sub(CONTEXT_CHARS), start)?
            .to_owned();
        let suffix = article
            .para_slice(para, end, (end + CONTEXT_CHARS).min(len))?
            .to_owned();
        Some(Self {
            para,
            start,
            end,
            exact,
            prefix,
            suffix,
        })
    }

    /// Number of characters covered.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty range.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A speaker entity (or another schema entity kind): mentions in different places that refer
/// to the same source, e.g. "a US official" ... "the official".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Id, e.g. `E1`.
    pub id: String,
    /// Entity kind from the schema.
    pub kind: String,
    /// Canonical name.
    pub name: String,
    /// Attribute values.
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// Annotator confidence.
    #[serde(default)]
    pub confidence: Confidence,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// A marked span of text of one schema kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    /// Id, e.g. `S1`, `K2`, `C3`.
    pub id: String,
    /// Span kind from the schema.
    pub kind: String,
    /// Where it is.
    pub anchor: Anchor,
    /// How the anchor was last resolved.
    #[serde(default)]
    pub status: AnchorStatus,
    /// Entity this mention refers to (source kinds only).
    #[serde(default)]
    pub entity: Option<String>,
    /// Attribute values.
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// Annotator confidence.
    #[serde(default)]
    pub confidence: Confidence,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// Links one claim to its source mention(s) and cue. A claim without one is in the writer's
/// voice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// Id, e.g. `A1`.
    pub id: String,
    /// The claim span.
    pub claim: String,
    /// Source mention span(s); several for a joint statement.
    pub sources: Vec<String>,
    /// The cue span, if any.
    #[serde(default)]
    pub cue: Option<String>,
    /// An enclosing attribution (nested attribution), if any.
    #[serde(default)]
    pub within: Option<String>,
    /// Attribute values.
    #[serde(default)]
    pub attrs: BTreeMap<String, String>,
    /// Annotator confidence.
    #[serde(default)]
    pub confidence: Confidence,
    /// Free-text note.
    #[serde(default)]
    pub note: Option<String>,
}

/// What the sidecar records about the article it was written against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleRef {
    /// The article's file name.
    pub file: String,
    /// Hex SHA-256 of the normalised text.
    pub sha256: String,
    /// Length of the normalised text in characters.
    pub chars: usize,
    /// Hex SHA-256 of each paragraph, in order.
    pub paragraphs: Vec<String>,
}

impl ArticleRef {
    /// Describe an article as loaded now.
    #[must_use]
    pub fn of(article: &Article) -> Self {
        Self {
            file: article.file_name(),
            sha256: article.sha256().to_owned(),
            chars: article.char_len(),
            paragraphs: article
                .paragraphs()
                .iter()
                .map(|p| p.sha256.clone())
                .collect(),
        }
    }
}

/// Progress of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParaStatus {
    /// Not yet finished.
    Todo,
    /// Marked done by the annotator.
    Done,
}

/// Everything one annotator recorded for one article: the content of a sidecar file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationDoc {
    /// Sidecar format version.
    pub format_version: u32,
    /// `name/version` of the schema used.
    pub schema: String,
    /// Annotator name (`gold` for adjudicated files).
    pub annotator: String,
    /// The article this was written against.
    pub article: ArticleRef,
    /// When the sidecar was first written (RFC 3339, UTC).
    pub created: String,
    /// When it was last written (RFC 3339, UTC).
    pub modified: String,
    /// Indices of paragraphs marked done; every other paragraph is todo.
    #[serde(default)]
    pub done: BTreeSet<usize>,
    /// Entities.
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Spans.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Attributions.
    #[serde(default)]
    pub attributions: Vec<Attribution>,
}

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No record with that id.
    #[error("no record `{0}`")]
    NotFound(String),
    /// The schema has no such kind, or it is disabled.
    #[error("unknown or disabled kind `{0}`")]
    UnknownKind(String),
    /// The range is empty or outside the paragraph.
    #[error("invalid range {start}..{end} in paragraph {para}")]
    BadRange {
        /// Paragraph.
        para: usize,
        /// Start.
        start: usize,
        /// End.
        end: usize,
    },
    /// The value is not allowed by the schema.
    #[error("{0}")]
    BadValue(String),
    /// The records cannot be linked that way.
    #[error("{0}")]
    BadLink(String),
}

impl AnnotationDoc {
    /// An empty document for `article`, written by `annotator` at time `now` (RFC 3339).
    #[must_use]
    pub fn new(schema: &Schema, article: &Article, annotator: &str, now: &str) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            schema: schema.id(),
            annotator: annotator.to_owned(),
            article: ArticleRef::of(article),
            created: now.to_owned(),
            modified: now.to_owned(),
            done: BTreeSet::new(),
            entities: Vec::new(),
            spans: Vec::new(),
            attributions: Vec::new(),
        }
    }

    /// The next free id with this prefix (`C` -> `C4` when `C3` is the highest).
    #[must_use]
    pub fn next_id(&self, prefix: &str) -> String {
        let ids = self
            .entities
            .iter()
            .map(|e| &e.id)
            .chain(self.spans.iter().map(|s| &s.id))
            .chain(self.attributions.iter().map(|a| &a.id));
        let highest = ids
            .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", highest + 1)
    }

    /// The span with this id.
    #[must_use]
    pub fn span(&self, id: &str) -> Option<&Span> {
        self.spans.iter().find(|s| s.id == id)
    }

    /// The span with this id, mutably.
    pub fn span_mut(&mut self, id: &str) -> Option<&mut Span> {
        self.spans.iter_mut().find(|s| s.id == id)
    }

    /// The entity with this id.
    #[must_use]
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The entity with this id, mutably.
    pub fn entity_mut(&mut self, id: &str) -> Option<&mut Entity> {
        self.entities.iter_mut().find(|e| e.id == id)
    }

    /// The attribution with this id.
    #[must_use]
    pub fn attribution(&self, id: &str) -> Option<&Attribution> {
        self.attributions.iter().find(|a| a.id == id)
    }

    /// The attribution with this id, mutably.
    pub fn attribution_mut(&mut self, id: &str) -> Option<&mut Attribution> {
        self.attributions.iter_mut().find(|a| a.id == id)
    }

    /// The attribution of a claim, if it has one (one per claim in v1).
    #[must_use]
    pub fn attribution_of(&self, claim_id: &str) -> Option<&Attribution> {
        self.attributions.iter().find(|a| a.claim == claim_id)
    }

    /// Spans in paragraph `para`, in document order.
    pub fn spans_in(&self, para: usize) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(move |s| s.anchor.para == para)
    }

    /// Mark a span of `kind` over `start..end` of paragraph `para`, with schema defaults.
    ///
    /// # Errors
    /// [`EditError::UnknownKind`] or [`EditError::BadRange`].
    pub fn add_span(
        &mut self,
        schema: &Schema,
        article: &Article,
        kind: &str,
        para: usize,
        start: usize,
        end: usize,
    ) -> Result<String, EditError> {
        let span_kind = schema
            .span_kind(kind)
            .filter(|k| k.enabled)
            .ok_or_else(|| EditError::UnknownKind(kind.to_owned()))?;
        let bad_range = || EditError::BadRange { para, start, end };
        if start >= end {
            return Err(bad_range());
        }
        let anchor = Anchor::new(article, para, start, end).ok_or_else(bad_range)?;
        let id = self.next_id(&span_kind.id_prefix);
        self.spans.push(Span {
            id: id.clone(),
            kind: kind.to_owned(),
            anchor,
            status: AnchorStatus::Exact,
            entity: None,
            attrs: schema.defaults_for(&span_kind.attrs),
            confidence: Confidence::High,
            note: None,
        });
        self.canonicalize();
        Ok(id)
    }

    /// Create an entity of `kind` named `name`, with schema defaults.
    ///
    /// # Errors
    /// [`EditError::UnknownKind`].
    pub fn add_entity(
        &mut self,
        schema: &Schema,
        kind: &str,
        name: &str,
    ) -> Result<String, EditError> {
        let entity_kind = schema
            .entity_kind(kind)
            .ok_or_else(|| EditError::UnknownKind(kind.to_owned()))?;
        let id = self.next_id(&entity_kind.id_prefix);
        self.entities.push(Entity {
            id: id.clone(),
            kind: kind.to_owned(),
            name: name.to_owned(),
            attrs: schema.defaults_for(&entity_kind.attrs),
            confidence: Confidence::High,
            note: None,
        });
        self.canonicalize();
        Ok(id)
    }

    /// Attribute `claim` to `sources` with optional `cue`, replacing any earlier attribution of
    /// that claim (its attribute values are kept). Returns the attribution id.
    ///
    /// # Errors
    /// [`EditError::BadLink`] when the kinds do not fit the schema's relation.
    pub fn attribute(
        &mut self,
        schema: &Schema,
        claim: &str,
        sources: &[String],
        cue: Option<&str>,
    ) -> Result<String, EditError> {
        let kind_of = |id: &str| self.span(id).map(|s| s.kind.clone());
        let claim_kind = kind_of(claim).ok_or_else(|| EditError::NotFound(claim.to_owned()))?;
        if !schema.is_claim_kind(&claim_kind) {
            return Err(EditError::BadLink(format!(
                "{claim} is a {claim_kind}, not a {}",
                schema.relation.from
            )));
        }
        for source in sources {
            let kind = kind_of(source).ok_or_else(|| EditError::NotFound(source.clone()))?;
            if !schema.is_source_kind(&kind) {
                return Err(EditError::BadLink(format!(
                    "{source} is a {kind}, not a source mention"
                )));
            }
        }
        if let Some(cue) = cue {
            let kind = kind_of(cue).ok_or_else(|| EditError::NotFound(cue.to_owned()))?;
            if !schema.is_cue_kind(&kind) {
                return Err(EditError::BadLink(format!("{cue} is a {kind}, not a cue")));
            }
        }
        if let Some(existing) = self.attributions.iter_mut().find(|a| a.claim == claim) {
            existing.sources = sources.to_vec();
            existing.cue = cue.map(str::to_owned);
            return Ok(existing.id.clone());
        }
        let id = self.next_id(&schema.relation.id_prefix);
        self.attributions.push(Attribution {
            id: id.clone(),
            claim: claim.to_owned(),
            sources: sources.to_vec(),
            cue: cue.map(str::to_owned),
            within: None,
            attrs: schema.defaults_for(&schema.relation.attrs),
            confidence: Confidence::High,
            note: None,
        });
        self.canonicalize();
        Ok(id)
    }

    /// Set (or with `None`, clear) attribute `attr` on the record `id` (span, entity or
    /// attribution), checking the value against the schema.
    ///
    /// # Errors
    /// [`EditError::NotFound`] or [`EditError::BadValue`].
    pub fn set_attr(
        &mut self,
        schema: &Schema,
        id: &str,
        attr: &str,
        value: Option<&str>,
    ) -> Result<(), EditError> {
        if let Some(value) = value {
            schema
                .check_value(attr, value)
                .map_err(EditError::BadValue)?;
        }
        let attrs = if let Some(s) = self.spans.iter_mut().find(|s| s.id == id) {
            &mut s.attrs
        } else if let Some(e) = self.entities.iter_mut().find(|e| e.id == id) {
            &mut e.attrs
        } else if let Some(a) = self.attributions.iter_mut().find(|a| a.id == id) {
            &mut a.attrs
        } else {
            return Err(EditError::NotFound(id.to_owned()));
        };
        match value {
            Some(v) => attrs.insert(attr.to_owned(), v.to_owned()),
            None => attrs.remove(attr),
        };
        Ok(())
    }

    /// Delete a span and everything that only makes sense with it: the attribution of a claim,
    /// and the span's place as a source or cue of other attributions. An attribution left with
    /// no source is removed (its claim returns to the writer's voice).
    ///
    /// # Errors
    /// [`EditError::NotFound`].
    pub fn remove_span(&mut self, id: &str) -> Result<Span, EditError> {
        let pos = self
            .spans
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
        let span = self.spans.remove(pos);
        self.attributions.retain_mut(|a| {
            if a.claim == id {
                return false;
            }
            a.sources.retain(|s| s != id);
            if a.cue.as_deref() == Some(id) {
                a.cue = None;
            }
            !a.sources.is_empty()
        });
        let live: BTreeSet<String> = self.attributions.iter().map(|a| a.id.clone()).collect();
        for a in &mut self.attributions {
            if a.within.as_ref().is_some_and(|w| !live.contains(w)) {
                a.within = None;
            }
        }
        Ok(span)
    }

    /// Delete an entity and unlink its mentions.
    ///
    /// # Errors
    /// [`EditError::NotFound`].
    pub fn remove_entity(&mut self, id: &str) -> Result<Entity, EditError> {
        let pos = self
            .entities
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
        for span in &mut self.spans {
            if span.entity.as_deref() == Some(id) {
                span.entity = None;
            }
        }
        Ok(self.entities.remove(pos))
    }

    /// Put records in their canonical order, so the same state always serialises to the same
    /// bytes: spans by position, entities and attributions by id number.
    pub fn canonicalize(&mut self) {
        self.spans.sort_by(|a, b| {
            (
                a.anchor.para,
                a.anchor.start,
                a.anchor.end,
                &a.kind,
                id_key(&a.id),
            )
                .cmp(&(
                    b.anchor.para,
                    b.anchor.start,
                    b.anchor.end,
                    &b.kind,
                    id_key(&b.id),
                ))
        });
        self.entities
            .sort_by(|a, b| id_key(&a.id).cmp(&id_key(&b.id)));
        self.attributions
            .sort_by(|a, b| id_key(&a.id).cmp(&id_key(&b.id)));
    }
}

/// Sort key of an id: its letters, then its number (so `C10` sorts after `C9`).
fn id_key(id: &str) -> (&str, u64, &str) {
    let split = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let (letters, rest) = id.split_at(split);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let number = rest[..digits_end].parse().unwrap_or(0);
    (letters, number, &rest[digits_end..])
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn fixture() -> (Schema, Article, AnnotationDoc) {
        let schema = Schema::default_schema();
        let article = Article::from_text(
            Path::new("a.txt"),
            "Meanwhile, a US official told CNN that Hamas and Israel are close to a deal.\n\nSecond.",
        )
        .expect("article");
        let doc = AnnotationDoc::new(&schema, &article, "A", "2026-01-01T00:00:00Z");
        (schema, article, doc)
    }

    #[test]
    fn anchors_carry_quote_and_clipped_context() {
        let (schema, article, mut doc) = fixture();
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 11, 24)
            .expect("span");
        let span = doc.span(&s).expect("exists");
        assert_eq!(span.id, "S1");
        assert_eq!(span.anchor.exact, "a US official");
        assert_eq!(span.anchor.prefix, "Meanwhile, ");
        assert_eq!(span.anchor.suffix, " told CNN that Hamas and Israel ");
    }

    #[test]
    fn attribution_links_and_removal_cascades() {
        let (schema, article, mut doc) = fixture();
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 11, 24)
            .expect("speaker");
        let k = doc
            .add_span(&schema, &article, "Cue", 0, 25, 33)
            .expect("cue");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 39, 75)
            .expect("claim");
        assert_eq!(
            doc.span(&c)
                .and_then(|s| s.attrs.get("certainty"))
                .map(String::as_str),
            Some("certain")
        );
        let a = doc
            .attribute(&schema, &c, std::slice::from_ref(&s), Some(&k))
            .expect("attribution");
        assert_eq!(
            doc.attribution(&a)
                .and_then(|a| a.attrs.get("channel"))
                .map(String::as_str),
            Some("unspecified")
        );
        assert!(
            doc.attribute(&schema, &s, std::slice::from_ref(&c), None)
                .is_err()
        );
        doc.set_attr(&schema, &a, "channel", Some("other_outlet"))
            .expect("set");
        assert!(
            doc.set_attr(&schema, &a, "channel", Some("telepathy"))
                .is_err()
        );
        doc.remove_span(&k).expect("remove cue");
        assert_eq!(doc.attribution(&a).and_then(|a| a.cue.clone()), None);
        doc.remove_span(&s).expect("remove speaker");
        assert!(
            doc.attributions.is_empty(),
            "no source left: writer's voice"
        );
    }

    #[test]
    fn ids_sort_numerically() {
        assert!(id_key("C10") > id_key("C9"));
        let (_, _, mut doc) = fixture();
        doc.entities.push(Entity {
            id: "E9".into(),
            kind: "SpeakerEntity".into(),
            name: String::new(),
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
        });
        assert_eq!(doc.next_id("E"), "E10");
    }
}
