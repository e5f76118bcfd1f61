//! Offsets of JSON formats (Label Studio, Citron) into the article as marginalia stores it:
//! document offsets counted on the text as the file holds it (Unicode scalar values, or
//! UTF-16 code units for tools that count like JavaScript) are mapped onto the normalised
//! text (BOM removed, CRLF and CR turned into LF), then placed in one paragraph as an
//! [`Anchor`].

use crate::model::{Anchor, Article};

/// How a file counts its offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputUnit {
    /// Unicode scalar values (Python `str` indices).
    #[default]
    Codepoint,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

/// Maps offsets of a raw text onto its normalised form.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// For every position of the raw text in the input unit (0..=len), the normalised scalar
    /// offset; `None` inside a UTF-16 surrogate pair.
    to_norm: Vec<Option<usize>>,
}

impl OffsetMap {
    /// The map for `raw` (the text as the file holds it) counted in `unit`.
    #[must_use]
    pub fn new(raw: &str, unit: InputUnit) -> Self {
        let mut to_norm = Vec::with_capacity(raw.len() + 1);
        let mut norm = 0usize;
        let mut prev_cr = false;
        for (i, c) in raw.chars().enumerate() {
            to_norm.push(Some(norm));
            if unit == InputUnit::Utf16 && c.len_utf16() == 2 {
                to_norm.push(None);
            }
            // Dropped by normalisation: a leading BOM and the LF of a CRLF pair.
            let dropped = (i == 0 && c == '\u{feff}') || (c == '\n' && prev_cr);
            if !dropped {
                norm += 1;
            }
            prev_cr = c == '\r';
        }
        to_norm.push(Some(norm));
        Self { to_norm }
    }

    /// The normalised offset of raw offset `raw`, or `None` when it is past the end or splits
    /// a UTF-16 surrogate pair.
    #[must_use]
    pub fn get(&self, raw: usize) -> Option<usize> {
        self.to_norm.get(raw).copied().flatten()
    }

    /// Length of the raw text in the input unit.
    #[must_use]
    pub fn raw_len(&self) -> usize {
        self.to_norm.len().saturating_sub(1)
    }
}

/// Place normalised document range `start..end` in `article`: the anchor, or why it cannot be
/// placed (empty, past the end, across paragraphs).
///
/// # Errors
/// A message saying what is wrong with the range.
pub fn anchor_at(article: &Article, start: usize, end: usize) -> Result<Anchor, String> {
    if start >= end {
        return Err(format!("empty or reversed range {start}..{end}"));
    }
    if end > article.char_len() {
        return Err(format!(
            "range {start}..{end} is past the end of the text ({} characters)",
            article.char_len()
        ));
    }
    let para = article
        .paragraphs()
        .iter()
        .find(|p| p.char_start <= start && end <= p.char_start + p.char_len)
        .ok_or_else(|| format!("range {start}..{end} is not inside one paragraph"))?;
    Anchor::new(
        article,
        para.index,
        start - para.char_start,
        end - para.char_start,
    )
    .ok_or_else(|| format!("range {start}..{end} cannot be placed"))
}

/// Map raw range `start..end` through `map` and place it; the error says what is wrong.
///
/// # Errors
/// A message when an offset is negative, past the end, inside a surrogate pair, or the range
/// cannot be placed in one paragraph.
pub fn place_raw(
    article: &Article,
    map: &OffsetMap,
    start: i64,
    end: i64,
) -> Result<Anchor, String> {
    let conv = |o: i64| {
        usize::try_from(o)
            .ok()
            .and_then(|o| map.get(o))
            .ok_or_else(|| {
                format!(
                    "offset {o} is not a position of the text (0..={})",
                    map.raw_len()
                )
            })
    };
    let (s, e) = (conv(start)?, conv(end)?);
    anchor_at(article, s, e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn crlf_bom_and_astral_characters_map_onto_the_normalised_text() {
        let raw = "\u{feff}a😀\r\nb";
        let cp = OffsetMap::new(raw, InputUnit::Codepoint);
        // raw: BOM a 😀 CR LF b ; norm: a 😀 LF b
        assert_eq!(
            (0..=6).map(|i| cp.get(i)).collect::<Vec<_>>(),
            [0, 0, 1, 2, 3, 3, 4].map(Some)
        );
        let u16 = OffsetMap::new(raw, InputUnit::Utf16);
        assert_eq!(u16.get(2), Some(1));
        assert_eq!(u16.get(3), None, "inside the surrogate pair");
        assert_eq!(u16.get(4), Some(2));
        assert_eq!(u16.get(8), None, "past the end");
    }

    #[test]
    fn ranges_are_placed_in_one_paragraph_or_refused() {
        let article =
            Article::from_text(Path::new("a.txt"), "Ann “said” 😀 it.\n\nBob did.").expect("a");
        let a = anchor_at(&article, 4, 10).expect("inside");
        assert_eq!(a.exact, "“said”");
        let b = anchor_at(&article, 18, 21).expect("second paragraph");
        assert_eq!((b.para, b.exact.as_str()), (1, "Bob"));
        assert!(anchor_at(&article, 10, 20).is_err(), "across paragraphs");
        assert!(anchor_at(&article, 5, 5).is_err(), "empty");
        assert!(anchor_at(&article, 5, 99).is_err(), "past the end");
        let map = OffsetMap::new(article.text(), InputUnit::Codepoint);
        assert!(place_raw(&article, &map, -1, 3).is_err(), "negative");
    }
}
