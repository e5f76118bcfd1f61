//! The annotation document of one annotator for one article: speaker entities, spans
//! (Speaker / Cue / Claim mentions) anchored to paragraphs, attributions linking a claim to its
//! source mention(s) and cue, and per-paragraph progress. This is exactly what a sidecar stores.
//!
//! Records carry attribute values as `name -> value` maps checked against the [`Schema`], so a
//! different schema needs no code change. Edits that keep the document consistent live in
//! [`crate::model::edit`].
//!
//! Provenance (format version 2): the document says who made it ([`MadeBy`]: a person, or the
//! rule-based suggester of [`crate::suggest`]), each record says whether it came from a
//! suggestion (`suggested`), and the suggestions an annotator rejected are kept
//! ([`RejectedSuggestion`]) so they are not offered again. None of these are labels: agreement
//! and exports never treat them as annotations.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::article::Article;
use crate::model::schema::Schema;

/// The sidecar format version this program writes.
pub const FORMAT_VERSION: u32 = 2;

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
    /// True when the record came from a suggestion (kept when the annotator accepts it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub suggested: bool,
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
    /// True when the record came from a suggestion (kept when the annotator accepts it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub suggested: bool,
}

impl Span {
    /// A new span `id` of `kind` placed exactly at `anchor`, with no entity, no values, high
    /// confidence and no note, made by hand (not from a suggestion).
    #[must_use]
    pub fn placed(id: String, kind: String, anchor: Anchor) -> Self {
        Self {
            id,
            kind,
            anchor,
            status: AnchorStatus::Exact,
            entity: None,
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        }
    }
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
    /// True when the record came from a suggestion (kept when the annotator accepts it).
    #[serde(default, skip_serializing_if = "is_false")]
    pub suggested: bool,
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
    /// Hex SHA-256 of each paragraph, in order. Shared between copies of a document (the
    /// undo history holds one per step), so a copy costs the same for any article length.
    pub paragraphs: std::sync::Arc<Vec<String>>,
}

impl ArticleRef {
    /// Describe an article as loaded now.
    #[must_use]
    pub fn of(article: &Article) -> Self {
        Self {
            file: article.file_name(),
            sha256: article.sha256().to_owned(),
            chars: article.char_len(),
            paragraphs: std::sync::Arc::new(
                article
                    .paragraphs()
                    .iter()
                    .map(|p| p.sha256.clone())
                    .collect(),
            ),
        }
    }
}

/// Who made a sidecar: a person (every file of format version 1), or the suggester.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MadeBy {
    /// A person annotating (the TUI, review mode, an import of someone's annotations).
    #[default]
    Person,
    /// `marginalia suggest --write`: rule-based suggestions no person has confirmed.
    Suggester {
        /// The program and version that wrote it (`marginalia 0.1.0`).
        tool: String,
        /// `name/version` of the cue lexicon used.
        lexicon: String,
        /// Hex SHA-256 of the records as written (see
        /// [`AnnotationDoc::records_fingerprint`]): a file whose records no longer match was
        /// edited since, and counts as a person's.
        fingerprint: String,
    },
}

impl MadeBy {
    /// True for [`MadeBy::Person`].
    #[must_use]
    pub fn is_person(&self) -> bool {
        matches!(self, Self::Person)
    }
}

/// A suggestion the annotator rejected, remembered so it is not offered again after
/// reopening. The anchors are those the suggestion had (paragraph offsets plus quote and
/// context, as for spans), so it is recognised by position or, after the text changed, by
/// quote. Never exported as a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RejectedSuggestion {
    /// The suggested cue.
    #[serde(default)]
    pub cue: Option<Anchor>,
    /// The suggested source mention.
    #[serde(default)]
    pub source: Option<Anchor>,
    /// The suggested claim.
    #[serde(default)]
    pub claim: Option<Anchor>,
}

/// Progress of one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParaStatus {
    /// Not yet finished.
    Todo,
    /// Marked done by the annotator.
    Done,
}

/// A review decision that put nothing into gold: the extent of one annotator's record that the
/// reviewer rejected, kept in the gold document so the decision lasts after reopening. Not a
/// label: exports never carry it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRejection {
    /// Span kind of the rejected record.
    pub kind: String,
    /// 0-based paragraph index.
    pub para: usize,
    /// Start offset in the paragraph (inclusive).
    pub start: usize,
    /// End offset in the paragraph (exclusive).
    pub end: usize,
    /// The text of the rejected record, for people reading the file.
    pub exact: String,
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
    /// Who made the file (format 2; files of format 1 were made by a person).
    #[serde(default)]
    pub made_by: MadeBy,
    /// Suggestions the annotator rejected (not labels; never exported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<RejectedSuggestion>,
    /// Records the reviewer rejected (gold documents only; empty and not written otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_rejections: Vec<ReviewRejection>,
}

pub use crate::model::edit::EditError;

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
            made_by: MadeBy::Person,
            rejected: Vec::new(),
            review_rejections: Vec::new(),
        }
    }

    /// Hex SHA-256 of the document's records (done paragraphs, entities, spans, attributions,
    /// rejected suggestions) in canonical order, leaving out the header (times, `made_by`).
    /// The suggester records it when it writes a file; a file whose fingerprint changed was
    /// edited by someone since.
    #[must_use]
    pub fn records_fingerprint(&self) -> String {
        let mut doc = self.clone();
        doc.canonicalize();
        let records = (
            &doc.done,
            &doc.entities,
            &doc.spans,
            &doc.attributions,
            &doc.rejected,
        );
        // Serialising plain data cannot fail; an empty string would only make the file count
        // as edited, which is the safe side.
        let text = ron::to_string(&records).unwrap_or_default();
        crate::model::text::sha256_hex(&text)
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

    /// Put records in their canonical order, so the same state always serialises to the same
    /// bytes: spans by position, entities and attributions by id number.
    pub fn canonicalize(&mut self) {
        self.review_rejections.sort();
        self.review_rejections.dedup();
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

/// `skip_serializing_if` helper: provenance flags are written only when set.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(value: &bool) -> bool {
    !*value
}

/// Sort key of an id: its letters, then its number (so `C10` sorts after `C9`).
pub(crate) fn id_key(id: &str) -> (&str, u64, &str) {
    let split = id.find(|c: char| c.is_ascii_digit()).unwrap_or(id.len());
    let (letters, rest) = id.split_at(split);
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let number = rest[..digits_end].parse().unwrap_or(0);
    (letters, number, &rest[digits_end..])
}
