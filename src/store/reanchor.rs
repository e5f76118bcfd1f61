//! Re-locating spans when the article text changed since a sidecar was written
//! (design: anchoring.md §5.4). Spans are moved, marked fuzzy, or kept as orphans; never dropped.

use serde::Serialize;

use crate::model::annotation::{Anchor, AnchorStatus, AnnotationDoc, ArticleRef};
use crate::model::article::Article;

/// What re-anchoring did to a document's spans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReanchorReport {
    /// Spans found where they were.
    pub kept: usize,
    /// Spans found by exact quote search elsewhere.
    pub moved: usize,
    /// Spans found by approximate search.
    pub fuzzy: usize,
    /// Spans that could not be placed (kept in the sidecar).
    pub orphaned: usize,
}

impl ReanchorReport {
    /// True when no span changed place or was lost.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.moved == 0 && self.fuzzy == 0 && self.orphaned == 0
    }
}

/// Re-locate every span of `doc` in `article`, update the anchors and statuses, and record the
/// article as it is now. A document written against the same text is left unchanged.
pub fn reanchor(doc: &mut AnnotationDoc, article: &Article) -> ReanchorReport {
    let mut report = ReanchorReport::default();
    if doc.article.sha256 == article.sha256() {
        report.kept = doc.spans.len();
        report.orphaned = doc
            .spans
            .iter()
            .filter(|s| s.status == AnchorStatus::Orphaned)
            .count();
        report.kept -= report.orphaned;
        return report;
    }
    let old_hashes = doc.article.paragraphs.clone();
    for span in &mut doc.spans {
        let unchanged_para = old_hashes
            .get(span.anchor.para)
            .zip(article.paragraphs().get(span.anchor.para))
            .is_some_and(|(old, new)| *old == new.sha256);
        let (anchor, status) = if unchanged_para && span.status != AnchorStatus::Orphaned {
            (Some(span.anchor.clone()), AnchorStatus::Exact)
        } else {
            locate(&span.anchor, article)
        };
        match anchor {
            Some(anchor) => {
                span.anchor = anchor;
                span.status = status;
            }
            None => span.status = AnchorStatus::Orphaned,
        }
        match span.status {
            AnchorStatus::Exact => report.kept += 1,
            AnchorStatus::Moved => report.moved += 1,
            AnchorStatus::Fuzzy => report.fuzzy += 1,
            AnchorStatus::Orphaned => report.orphaned += 1,
        }
    }
    remap_done(doc, article);
    doc.article = ArticleRef::of(article);
    doc.canonicalize();
    report
}

/// Find where `old` lies in the current text: same place, or the best exact occurrence of the
/// quote (same paragraph first, then the whole article).
fn locate(old: &Anchor, article: &Article) -> (Option<Anchor>, AnchorStatus) {
    if article.para_slice(old.para, old.start, old.end) == Some(old.exact.as_str()) {
        return (
            Anchor::new(article, old.para, old.start, old.end),
            AnchorStatus::Exact,
        );
    }
    if old.exact.is_empty() {
        return (None, AnchorStatus::Orphaned);
    }
    let mut best: Option<(f64, usize, usize)> = None;
    let paras = article.paragraphs().len();
    let order = std::iter::once(old.para).chain((0..paras).filter(|&p| p != old.para));
    for para in order.filter(|&p| p < paras) {
        let text = article.para_text(para);
        for (byte, _) in text.match_indices(old.exact.as_str()) {
            let start = article.para_byte_to_char(para, byte);
            let end = start + old.exact.chars().count();
            let score = score_candidate(old, article, para, start, end);
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, para, start));
            }
        }
        // Prefer the old paragraph when it holds the quote at all.
        if para == old.para && best.is_some() {
            break;
        }
    }
    match best {
        Some((_, para, start)) => {
            let end = start + old.exact.chars().count();
            (Anchor::new(article, para, start, end), AnchorStatus::Moved)
        }
        None => (None, AnchorStatus::Orphaned),
    }
}

/// Context similarity of a candidate (shared prefix/suffix characters) plus closeness to the
/// old position, after Hypothesis' scoring.
fn score_candidate(old: &Anchor, article: &Article, para: usize, start: usize, end: usize) -> f64 {
    let Some(candidate) = Anchor::new(article, para, start, end) else {
        return 0.0;
    };
    let suffix_match = common_prefix(&old.suffix, &candidate.suffix) as f64
        / old.suffix.chars().count().max(1) as f64;
    let prefix_match = common_suffix(&old.prefix, &candidate.prefix) as f64
        / old.prefix.chars().count().max(1) as f64;
    let len = article.char_len().max(1) as f64;
    let distance = (article.doc_offset(para, start) as f64
        - article.doc_offset(old.para, old.start) as f64)
        .abs();
    let pos = 1.0 - (distance / len).min(1.0);
    (20.0 * prefix_match + 20.0 * suffix_match + 2.0 * pos) / 42.0
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Carry "done" marks over to paragraphs whose text is unchanged (matched by hash).
fn remap_done(doc: &mut AnnotationDoc, article: &Article) {
    let done_hashes: Vec<&String> = doc
        .done
        .iter()
        .filter_map(|&i| doc.article.paragraphs.get(i))
        .collect();
    let new_done = article
        .paragraphs()
        .iter()
        .filter(|p| done_hashes.contains(&&p.sha256))
        .map(|p| p.index)
        .collect();
    doc.done = new_done;
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::Schema;

    fn article(text: &str) -> Article {
        Article::from_text(Path::new("a.txt"), text).expect("article")
    }

    #[test]
    fn inserted_text_before_span_moves_it() {
        let schema = Schema::default_schema();
        let old = article("The minister said the port will reopen.");
        let mut doc = AnnotationDoc::new(&schema, &old, "A", "t");
        let id = doc
            .add_span(&schema, &old, "Claim", 0, 18, 38)
            .expect("claim");
        let new = article("New intro.\n\nOn Monday the minister said the port will reopen.");
        let report = reanchor(&mut doc, &new);
        assert_eq!(report.moved, 1);
        let span = doc.span(&id).expect("kept");
        assert_eq!((span.anchor.para, span.anchor.start), (1, 28));
        assert_eq!(
            new.para_slice(1, span.anchor.start, span.anchor.end),
            Some("the port will reopen")
        );
    }

    #[test]
    fn vanished_quote_is_orphaned_not_dropped() {
        let schema = Schema::default_schema();
        let old = article("Officials said the bridge is safe.");
        let mut doc = AnnotationDoc::new(&schema, &old, "A", "t");
        doc.add_span(&schema, &old, "Claim", 0, 15, 33)
            .expect("claim");
        let report = reanchor(&mut doc, &article("Something else entirely."));
        assert_eq!(report.orphaned, 1);
        assert_eq!(doc.spans.len(), 1);
        assert_eq!(doc.spans[0].status, AnchorStatus::Orphaned);
        assert_eq!(doc.spans[0].anchor.exact, "the bridge is safe");
    }
}
