//! Assisted annotation: the rule-based suggester's bundles (speaker, cue, claim and their
//! values) shown as "ghosts" on the annotation screen, stepped through, accepted (they become
//! the annotator's records, flagged `suggested`) or rejected (remembered in the sidecar) by
//! key; and what the suggester reads in a speaker mention for entities made by hand
//! ([`reading`]). Suggestions are computed on a thread ([`loader`]) so the first frame never
//! waits for them; [`accept`] turns one into records.

pub mod accept;
pub mod loader;
pub mod reading;
pub mod shell;

pub use crate::config::{DEFAULT_MIN_SCORE, SuggestSettings};

use crate::model::{AnnotationDoc, Article, Schema, Span};
use crate::suggest::{SuggestedSpan, Suggestion};

/// Where the suggestions of the open article are.
#[derive(Debug, Default)]
pub enum Status {
    /// Not computed (suggestions are off, or the article has not asked for them).
    #[default]
    Off,
    /// Being computed on a thread.
    Loading(loader::Loader),
    /// Computed.
    Ready,
}

/// The suggestions of the open article and which one is selected.
#[derive(Debug, Default)]
pub struct Assist {
    /// Every suggestion above the minimum score with a claim, in document order.
    pub suggestions: Vec<Suggestion>,
    /// The selected suggestion (index into `suggestions`), when one is.
    pub current: Option<usize>,
    /// Computing or computed.
    pub status: Status,
    /// The bytes of the article text the suggestions are for: all of it, or for a large
    /// article a window around the caret that moves with it
    /// ([`crate::suggest::window::around`]).
    pub window: std::ops::Range<usize>,
    /// Entities made when accepting, by the suggester's entity group (so "the official"
    /// joins the entity of "a port authority official").
    pub groups: std::collections::BTreeMap<usize, String>,
    /// The pending count and the document revision it is for, so the status bar does not
    /// scan every suggestion on every frame.
    counted: std::cell::Cell<Option<(u64, usize)>>,
}

/// True when `a` and `b` (paragraph ranges) overlap.
fn overlaps(s: &SuggestedSpan, span: &Span) -> bool {
    span.anchor.para == s.para && span.anchor.start < s.end && s.start < span.anchor.end
}

/// True when `span` has exactly the extent of `s`.
fn same_extent(s: &SuggestedSpan, span: &Span) -> bool {
    span.anchor.para == s.para && span.anchor.start == s.start && span.anchor.end == s.end
}

impl Assist {
    /// Suggestions in bytes `window` of `article`, computed now (tests, and the loader's
    /// thread).
    #[must_use]
    pub fn compute(
        article: &Article,
        schema: &Schema,
        min_score: f64,
        window: std::ops::Range<usize>,
    ) -> Vec<Suggestion> {
        let mut out = crate::suggest::Suggester::shared().suggest_window(article, schema, window);
        out.retain(|s| s.claim.is_some() && s.score >= min_score);
        // Held while the article is open: no spare capacity.
        out.shrink_to_fit();
        out
    }

    /// Take computed suggestions in, for bytes `window` of the article. The selected
    /// suggestion stays selected when the new window has it too (a window that moved).
    pub fn set(&mut self, suggestions: Vec<Suggestion>, window: std::ops::Range<usize>) {
        let selected = self
            .current
            .and_then(|i| self.suggestions.get(i))
            .and_then(|s| s.claim.as_ref())
            .map(|c| (c.doc_start, c.doc_end));
        self.current = selected.and_then(|key| {
            suggestions.iter().position(|s| {
                s.claim
                    .as_ref()
                    .is_some_and(|c| (c.doc_start, c.doc_end) == key)
            })
        });
        if self.window != window {
            // Entity groups are numbered per computation: a new window numbers them anew.
            self.groups.clear();
        }
        self.suggestions = suggestions;
        self.window = window;
        self.counted.set(None);
        self.status = Status::Ready;
    }

    /// True when the suggestions reach the start (`forward` false) or the end of the
    /// article's text `len` bytes long.
    #[must_use]
    pub fn reaches(&self, forward: bool, len: usize) -> bool {
        if forward {
            self.window.end >= len
        } else {
            self.window.start == 0
        }
    }

    /// True when suggestions were computed (and none is being computed now).
    #[must_use]
    pub fn is_ready(&self) -> bool {
        matches!(self.status, Status::Ready)
    }

    /// True while suggestions are computed.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        matches!(self.status, Status::Loading(_))
    }

    /// True when suggestion `i` is still to be decided: not rejected in `doc`, and none of
    /// its spans overlaps a record the annotator made (a source or cue with exactly the
    /// suggested extent is reused, so a quotation split around its cue stays offered).
    #[must_use]
    pub fn is_pending(&self, i: usize, doc: &AnnotationDoc, schema: &Schema) -> bool {
        let Some(s) = self.suggestions.get(i) else {
            return false;
        };
        let Some(claim) = &s.claim else {
            return false;
        };
        let spans = spans_near(doc, claim.para);
        let claim_taken = spans
            .iter()
            .any(|x| schema.is_claim_kind(&x.kind) && overlaps(claim, x));
        let part_taken = |part: &Option<SuggestedSpan>, is_kind: &dyn Fn(&str) -> bool| {
            part.as_ref().is_some_and(|p| {
                spans_near(doc, p.para)
                    .iter()
                    .any(|x| is_kind(&x.kind) && overlaps(p, x) && !same_extent(p, x))
            })
        };
        !claim_taken
            && !part_taken(&s.cue, &|k| schema.is_cue_kind(k))
            && !part_taken(&s.source, &|k| schema.is_source_kind(k))
            && !s.is_rejected_in(doc)
    }

    /// Pending suggestions whose claim is in paragraph `para`, in order.
    #[must_use]
    pub fn pending_in(&self, para: usize, doc: &AnnotationDoc, schema: &Schema) -> Vec<usize> {
        let lo = self
            .suggestions
            .partition_point(|s| s.claim.as_ref().is_some_and(|c| c.para < para));
        (lo..self.suggestions.len())
            .take_while(|&i| {
                self.suggestions[i]
                    .claim
                    .as_ref()
                    .is_some_and(|c| c.para == para)
            })
            .filter(|&i| self.is_pending(i, doc, schema))
            .collect()
    }

    /// The next (or previous) pending suggestion after (before) position `(para, char)`,
    /// wrapping around when `wrap` is true.
    #[must_use]
    pub fn step(
        &self,
        from: (usize, usize),
        forward: bool,
        wrap: bool,
        doc: &AnnotationDoc,
        schema: &Schema,
    ) -> Option<usize> {
        let key = |i: usize| {
            let c = self.suggestions[i]
                .claim
                .as_ref()
                .map_or((0, 0), |c| (c.para, c.start));
            (c, i)
        };
        let n = self.suggestions.len();
        let here = (
            from,
            self.current.unwrap_or(if forward { 0 } else { usize::MAX }),
        );
        let pending = |i: &usize| self.is_pending(*i, doc, schema);
        let onward = if forward {
            (0..n).filter(|&i| key(i) > here).find(pending)
        } else {
            (0..n).rev().filter(|&i| key(i) < here).find(pending)
        };
        match (onward, wrap) {
            (Some(i), _) => Some(i),
            (None, false) => None,
            (None, true) if forward => (0..n).find(pending),
            (None, true) => (0..n).rev().find(pending),
        }
    }

    /// Number of pending suggestions, for `doc` at `revision` (`History::changes`: every
    /// edit, undo and redo moves it, so the count is recomputed only after a change).
    #[must_use]
    pub fn pending_count(&self, doc: &AnnotationDoc, schema: &Schema, revision: u64) -> usize {
        if let Some((k, n)) = self.counted.get()
            && k == revision
        {
            return n;
        }
        let n = (0..self.suggestions.len())
            .filter(|&i| self.is_pending(i, doc, schema))
            .count();
        self.counted.set(Some((revision, n)));
        n
    }
}

/// The spans of paragraph `para` (the document keeps spans sorted by paragraph).
fn spans_near(doc: &AnnotationDoc, para: usize) -> &[Span] {
    let lo = doc.spans.partition_point(|s| s.anchor.para < para);
    let hi = doc.spans.partition_point(|s| s.anchor.para <= para);
    &doc.spans[lo..hi]
}

/// The `identification` the suggester reads in the words of mention `id`: its own
/// suggestion for that mention when it made one, else its reading of the words alone (the
/// mention as the speaker of a one-sentence report).
#[must_use]
pub fn identification_of(
    doc: &AnnotationDoc,
    assist: &Assist,
    schema: &Schema,
    id: &str,
) -> Option<String> {
    let span = doc.span(id)?;
    let from_suggestion = assist.suggestions.iter().find_map(|s| {
        let src = s.source.as_ref()?;
        same_extent(src, span)
            .then(|| s.attributes.get("identification").cloned())
            .flatten()
    });
    from_suggestion.or_else(|| read_mention(&span.anchor.exact, schema))
}

/// The suggester's `identification` for a speaker named `text`, read from the sentence
/// "`text` said it was over." (the mention alone, as the source of a plain report).
fn read_mention(text: &str, schema: &Schema) -> Option<String> {
    let sentence = format!("{text} said it was over.");
    let article = Article::from_text(std::path::Path::new("mention.txt"), &sentence).ok()?;
    crate::suggest::suggest(&article, schema)
        .into_iter()
        .find(|s| s.source.as_ref().is_some_and(|src| src.start == 0))
        .and_then(|s| s.attributes.get("identification").cloned())
}

/// A one-line description of suggestion `s`: `“claim” ← source · cue`.
#[must_use]
pub fn describe(s: &Suggestion) -> String {
    let text = |x: &Option<crate::suggest::SuggestedSpan>, n: usize| {
        x.as_ref()
            .map(|x| crate::tui::display::truncate(&x.text, n))
    };
    let mut out = format!("“{}”", text(&s.claim, 40).unwrap_or_default());
    if let Some(src) = text(&s.source, 24) {
        out.push_str(&format!(" ← {src}"));
    }
    if let Some(cue) = text(&s.cue, 16) {
        out.push_str(&format!(" · {cue}"));
    }
    out
}

/// The intermediary the cue of attribution `attribution` names ("told the Harbour Gazette"
/// -> "the Harbour Gazette"): the suggester's `via` for a suggestion with that cue, else the
/// words after "told" in the cue.
#[must_use]
pub fn via_of(doc: &AnnotationDoc, assist: &Assist, attribution: &str) -> Option<String> {
    let cue = doc.span(doc.attribution(attribution)?.cue.as_deref()?)?;
    let suggested = assist.suggestions.iter().find_map(|s| {
        let c = s.cue.as_ref()?;
        same_extent(c, cue)
            .then(|| s.attributes.get("via").cloned())
            .flatten()
    });
    suggested.or_else(|| {
        let text = cue.anchor.exact.trim();
        let rest = text
            .strip_prefix("told ")
            .or_else(|| text.strip_prefix("Told "))?;
        let rest = rest.trim();
        (!rest.is_empty()).then(|| rest.to_owned())
    })
}
