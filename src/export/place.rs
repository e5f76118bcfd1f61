//! Placing spans in the document: paragraph anchors to document offsets and text, orphan
//! pruning, and UTF-16 conversion for JavaScript tools.

use crate::model::{AnchorStatus, AnnotationDoc, Article, Span};

/// A span located in the current article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed<'a> {
    /// Paragraph index.
    pub para: usize,
    /// Start within the paragraph (scalar values).
    pub para_start: usize,
    /// End within the paragraph (scalar values, exclusive).
    pub para_end: usize,
    /// Start in the document (scalar values).
    pub start: usize,
    /// End in the document (scalar values, exclusive).
    pub end: usize,
    /// The text, exactly the slice of the article.
    pub text: &'a str,
}

/// Where `span` lies in `article`; `None` for an orphaned span or a range outside the text.
#[must_use]
pub fn place<'a>(article: &'a Article, span: &Span) -> Option<Placed<'a>> {
    if span.status == AnchorStatus::Orphaned {
        return None;
    }
    let a = &span.anchor;
    let text = article.para_slice(a.para, a.start, a.end)?;
    Some(Placed {
        para: a.para,
        para_start: a.start,
        para_end: a.end,
        start: article.doc_offset(a.para, a.start),
        end: article.doc_offset(a.para, a.end),
        text,
    })
}

/// Remove orphaned spans (and what only makes sense with them) from `doc`; returns how many
/// spans were removed. Unlike an edit, an attribution that loses its sources is kept (its
/// claim is still attributed, to a mention that can no longer be placed).
pub fn prune_orphans(doc: &mut AnnotationDoc) -> usize {
    let before = doc.spans.len();
    doc.spans.retain(|s| s.status != AnchorStatus::Orphaned);
    let removed = before - doc.spans.len();
    if removed == 0 {
        return 0;
    }
    let live: std::collections::HashSet<String> = doc.spans.iter().map(|s| s.id.clone()).collect();
    doc.attributions.retain_mut(|a| {
        a.sources.retain(|s| live.contains(s));
        if a.cue.as_ref().is_some_and(|c| !live.contains(c)) {
            a.cue = None;
        }
        live.contains(&a.claim)
    });
    removed
}

/// Converts scalar-value offsets of one text to UTF-16 code units.
#[derive(Debug, Clone, Default)]
pub struct Utf16Offsets {
    /// Scalar offsets of the characters outside the Basic Multilingual Plane.
    astral: Vec<usize>,
}

impl Utf16Offsets {
    /// Index `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let astral = text
            .chars()
            .enumerate()
            .filter(|(_, c)| c.len_utf16() == 2)
            .map(|(i, _)| i)
            .collect();
        Self { astral }
    }

    /// UTF-16 offset of scalar offset `offset`.
    #[must_use]
    pub fn convert(&self, offset: usize) -> usize {
        offset + self.astral.partition_point(|&i| i < offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_astral_characters_twice() {
        let text = "a𝄞b👩\u{200d}👩c";
        let map = Utf16Offsets::new(text);
        let units: Vec<u16> = text.encode_utf16().collect();
        for (i, _) in text.chars().enumerate() {
            let prefix: String = text.chars().take(i).collect();
            assert_eq!(map.convert(i), prefix.encode_utf16().count());
        }
        assert_eq!(map.convert(text.chars().count()), units.len());
    }
}
