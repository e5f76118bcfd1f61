//! The `marginalia suggest --json` shape, and the grapheme guard every suggested span passes:
//! `{"article": PATH, "suggestions": [{"cue": {"start", "end", "text"} | null, "source": ...,
//! "claim": ..., "attributes": {name: value}, "score", "reason"}]}`, offsets in Unicode
//! scalar values of the normalised document text.

use serde::Serialize;
use unicode_segmentation::GraphemeCursor;

use crate::suggest::{SuggestedSpan, Suggestion};

/// A span as printed: document offsets and text.
#[derive(Debug, Serialize)]
pub struct SpanJson<'a> {
    /// Document start (code points).
    pub start: usize,
    /// Document end (code points, exclusive).
    pub end: usize,
    /// The text.
    pub text: &'a str,
}

/// One suggestion as printed.
#[derive(Debug, Serialize)]
pub struct SuggestionJson<'a> {
    /// The cue.
    pub cue: Option<SpanJson<'a>>,
    /// The source mention.
    pub source: Option<SpanJson<'a>>,
    /// The claim.
    pub claim: Option<SpanJson<'a>>,
    /// Attribute values the text shows.
    pub attributes: &'a std::collections::BTreeMap<String, String>,
    /// Score in 0..1.
    pub score: f64,
    /// Why.
    pub reason: &'a str,
}

/// The suggestions of one article as printed.
#[derive(Debug, Serialize)]
pub struct ArticleJson<'a> {
    /// The article path as given.
    pub article: &'a str,
    /// Its suggestions.
    pub suggestions: Vec<SuggestionJson<'a>>,
}

fn span(s: Option<&SuggestedSpan>) -> Option<SpanJson<'_>> {
    s.map(|s| SpanJson {
        start: s.doc_start,
        end: s.doc_end,
        text: &s.text,
    })
}

impl<'a> ArticleJson<'a> {
    /// The printed shape of `suggestions` for the article at `article`.
    #[must_use]
    pub fn new(article: &'a str, suggestions: &'a [Suggestion]) -> Self {
        Self {
            article,
            suggestions: suggestions
                .iter()
                .map(|s| SuggestionJson {
                    cue: span(s.cue.as_ref()),
                    source: span(s.source.as_ref()),
                    claim: span(s.claim.as_ref()),
                    attributes: &s.attributes,
                    score: s.score,
                    reason: &s.reason,
                })
                .collect(),
        }
    }

    /// One line of JSON (no line breaks inside).
    #[must_use]
    pub fn to_line(&self) -> String {
        // Plain data always serialises.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Widen the byte range `start..end` of `text` outwards to grapheme cluster boundaries, so a
/// span never splits an emoji sequence or a letter from its combining marks.
#[must_use]
pub fn grapheme_bounds(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut start = start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut s = start;
    while s > 0 && !is_boundary(text, s) {
        s = prev_char(text, s);
    }
    let mut e = end;
    while e < text.len() && !is_boundary(text, e) {
        e = next_char(text, e);
    }
    (s, e)
}

fn is_boundary(text: &str, at: usize) -> bool {
    if !text.is_char_boundary(at) {
        return false;
    }
    let mut cursor = GraphemeCursor::new(at, text.len(), true);
    cursor.is_boundary(text, 0).unwrap_or(true)
}

fn prev_char(text: &str, at: usize) -> usize {
    text[..at].char_indices().next_back().map_or(0, |(i, _)| i)
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len(), |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_widen_to_whole_graphemes() {
        let text = "ae\u{301}b 👩\u{200d}👩\u{200d}👧 c";
        // Ending after "e" would split it from its combining accent.
        assert_eq!(grapheme_bounds(text, 0, 2), (0, 4));
        let zwj = text.find('👩').unwrap_or(0);
        assert_eq!(grapheme_bounds(text, zwj + 4, zwj + 8), (zwj, zwj + 18));
    }
}
