//! Offline, rule-based attribution suggestions: given an [`Article`] and the [`Schema`], find
//! who is quoted (source), the words that signal it (cue) and what is reported (claim), with
//! the attribute values the text shows, a score in 0..1 and a short reason.
//!
//! No model, network or external process: a cue lexicon ([`Lexicon`], data embedded like the
//! schema) and patterns of English news attribution. Deterministic (same text, same
//! suggestions, same order) and linear in the text: every rule looks at a bounded window of
//! tokens around a cue, and speakers are linked to earlier mentions through hash maps, never by
//! comparing candidate pairs.
//!
//! Module map: [`lexicon`] the data, [`compiled`] its lookup tables, [`tokens`] paragraph
//! tokens, quotations and sentences, `np` noun phrase extents, `rules` the patterns, `attrs`
//! attribute values, `entities` speaker coreference, [`json`] the `--json` shape, [`sidecar`]
//! suggestions as an annotator's document and rejected suggestions.

pub mod compiled;
pub mod json;
pub mod lexicon;
pub mod sidecar;
pub mod tokens;
pub mod window;

mod attrs;
mod entities;
mod np;
mod rules;

use std::collections::BTreeMap;

use crate::model::annotation::RejectedSuggestion;
use crate::model::{AnnotationDoc, Article, Schema};

pub use lexicon::{DEFAULT_LEXICON_RON, Lexicon, LexiconError};

/// A suggested span of text, always inside one paragraph and on grapheme boundaries.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SuggestedSpan {
    /// 0-based paragraph index.
    pub para: usize,
    /// Start in the paragraph, in Unicode scalar values (as span anchors).
    pub start: usize,
    /// End in the paragraph (exclusive).
    pub end: usize,
    /// Start in the whole normalised text, in Unicode scalar values (as `--json` prints).
    pub doc_start: usize,
    /// End in the whole normalised text (exclusive).
    pub doc_end: usize,
    /// The text of the span: exactly the article's characters `doc_start..doc_end`.
    pub text: String,
}

/// The speaker entity a suggested source mention refers to: mentions with the same `group`
/// are the same speaker ("a US official" ... "the official" ... "he").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityHint {
    /// Entity number in the article, from 0 in order of first mention.
    pub group: usize,
    /// A name for the entity: its fullest mention ("Ilse Marquardt").
    pub name: String,
}

/// One suggested attribution bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    /// The cue ("said", "told CNN", "according to"); `None` never happens for the built-in
    /// rules but is allowed by the format.
    pub cue: Option<SuggestedSpan>,
    /// The source mention; `None` when the text names none (the claim is attributed to an
    /// unnamed source or the suggestion is a continuation without a speaker).
    pub source: Option<SuggestedSpan>,
    /// The claim (content). A quotation split around its cue, or one running over a paragraph
    /// end, gives one suggestion per part, with the same cue and source.
    pub claim: Option<SuggestedSpan>,
    /// The speaker entity of `source`, linking repeated and pronoun mentions.
    pub entity: Option<EntityHint>,
    /// Attribute values the text shows, by schema attribute name (`quote_form`, `channel`,
    /// `via`, `identification`, `certainty`, `polarity`, `cue_stance`). Attributes the text
    /// does not show are left out: they keep the schema default.
    pub attributes: BTreeMap<String, String>,
    /// Confidence in 0..1 (two decimals).
    pub score: f64,
    /// Why, in a few words ("reporting verb `told` + outlet `CNN`").
    pub reason: String,
}

impl Suggestion {
    /// The record that remembers this suggestion as rejected in a sidecar.
    #[must_use]
    pub fn rejection(&self, article: &Article) -> RejectedSuggestion {
        sidecar::rejection(self, article)
    }

    /// True when `doc` lists this suggestion as rejected (same cue and claim, by position or
    /// by quote).
    #[must_use]
    pub fn is_rejected_in(&self, doc: &AnnotationDoc) -> bool {
        sidecar::is_rejected(self, doc)
    }
}

/// A lexicon compiled for repeated use over many articles.
#[derive(Debug, Clone)]
pub struct Suggester {
    lexicon: Lexicon,
    compiled: compiled::Compiled,
}

impl Suggester {
    /// Compile `lexicon`.
    #[must_use]
    pub fn new(lexicon: Lexicon) -> Self {
        let compiled = compiled::Compiled::new(&lexicon);
        Self { lexicon, compiled }
    }

    /// The suggester with the built-in `news-en` lexicon.
    #[must_use]
    pub fn builtin() -> Self {
        Self::new(Lexicon::builtin())
    }

    /// The built-in suggester, compiled once per process (for callers that read a few
    /// sentences at a time, such as the annotation screen's keys).
    #[must_use]
    pub fn shared() -> &'static Self {
        static SHARED: std::sync::OnceLock<Suggester> = std::sync::OnceLock::new();
        SHARED.get_or_init(Self::builtin)
    }

    /// The lexicon in use.
    #[must_use]
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Suggestions for `article`, in document order (by claim, then cue position). Attribute
    /// values are only suggested when `schema` defines the attribute and allows the value.
    #[must_use]
    pub fn suggest(&self, article: &Article, schema: &Schema) -> Vec<Suggestion> {
        rules::suggest(self, article, schema, 0..article.text().len())
    }

    /// Suggestions found in the bytes `window` of the article's normalised text only (an
    /// article too large to hold every suggestion at once is read a window at a time, see
    /// [`window::around`]). A paragraph the window cuts is read from its first sentence
    /// start inside the window to the end of the sentence the window's end cuts. Entities are
    /// grouped within the window, and a quotation continued from before it is not seen.
    #[must_use]
    pub fn suggest_window(
        &self,
        article: &Article,
        schema: &Schema,
        window: std::ops::Range<usize>,
    ) -> Vec<Suggestion> {
        rules::suggest(self, article, schema, window)
    }
}

/// Suggestions for `article` with the built-in lexicon (see [`Suggester::suggest`]; build a
/// [`Suggester`] once when suggesting for many articles).
#[must_use]
pub fn suggest(article: &Article, schema: &Schema) -> Vec<Suggestion> {
    Suggester::shared().suggest(article, schema)
}
