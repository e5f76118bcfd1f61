//! Re-locating spans when the article text changed since a sidecar was written
//! (design: anchoring.md §5.4). Spans are moved, marked fuzzy, or kept as orphans; never dropped.
//! How one anchor is found is in [`crate::store::locate`].

use serde::Serialize;

use crate::model::annotation::{AnchorStatus, AnnotationDoc, ArticleRef};
use crate::model::article::Article;
pub use crate::store::locate::{ACCEPT_SCORE, Located, Locator, locate};

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

impl std::fmt::Display for ReanchorReport {
    /// `3 kept, 1 moved, 0 fuzzy, 1 orphaned`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} kept, {} moved, {} fuzzy, {} orphaned",
            self.kept, self.moved, self.fuzzy, self.orphaned
        )
    }
}

/// Re-locate every span of `doc` in `article`, update the anchors and statuses, and record the
/// article as it is now. A document written against the same text is left unchanged.
/// Orphaned spans keep their last anchor and stay in the document.
pub fn reanchor(doc: &mut AnnotationDoc, article: &Article) -> ReanchorReport {
    let mut report = ReanchorReport::default();
    if doc.article.sha256 == article.sha256() {
        for span in &doc.spans {
            report.count(span.status);
        }
        return report;
    }
    let old_hashes = doc.article.paragraphs.clone();
    let locator = Locator::new(&old_hashes, article);
    for span in &mut doc.spans {
        match locator.locate(&span.anchor) {
            Some(found) => {
                span.anchor = found.anchor;
                span.status = found.status;
            }
            None => span.status = AnchorStatus::Orphaned,
        }
        report.count(span.status);
    }
    remap_done(doc, article);
    doc.article = ArticleRef::of(article);
    doc.canonicalize();
    report
}

impl ReanchorReport {
    fn count(&mut self, status: AnchorStatus) {
        match status {
            AnchorStatus::Exact => self.kept += 1,
            AnchorStatus::Moved => self.moved += 1,
            AnchorStatus::Fuzzy => self.fuzzy += 1,
            AnchorStatus::Orphaned => self.orphaned += 1,
        }
    }
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

    /// A document with one span per (paragraph, quote), written against `old`.
    fn doc_with(old: &Article, spans: &[(usize, &str)]) -> (AnnotationDoc, Vec<String>) {
        let schema = Schema::default_schema();
        let mut doc = AnnotationDoc::new(&schema, old, "A", "t");
        let ids = spans
            .iter()
            .map(|&(para, quote)| {
                let text = old.para_text(para);
                let byte = text.find(quote).expect("quote in paragraph");
                let start = old.para_byte_to_char(para, byte);
                let end = start + quote.chars().count();
                doc.add_span(&schema, old, "Claim", para, start, end)
                    .expect("span")
            })
            .collect();
        (doc, ids)
    }

    fn text_of(doc: &AnnotationDoc, article: &Article, id: &str) -> (AnchorStatus, String) {
        let span = doc.span(id).expect("span kept");
        let text = article
            .para_slice(span.anchor.para, span.anchor.start, span.anchor.end)
            .expect("valid range")
            .to_owned();
        assert_eq!(text, span.anchor.exact, "quote matches the new text");
        (span.status, text)
    }

    #[test]
    fn edit_inside_span_is_found_approximately() {
        let old = article(
            "Title\n\nThe mayor said the new “flood wall” will protect 3,000 homes by next winter, officials added.",
        );
        let (mut doc, ids) = doc_with(
            &old,
            &[(1, "the new “flood wall” will protect 3,000 homes")],
        );
        let new = article(
            "Title\n\nThe mayor said the new “flood wall” would protect 3,500 homes by next winter, officials added.",
        );
        let report = reanchor(&mut doc, &new);
        assert_eq!(report.to_string(), "0 kept, 0 moved, 1 fuzzy, 0 orphaned");
        let (status, text) = text_of(&doc, &new, &ids[0]);
        assert_eq!(status, AnchorStatus::Fuzzy);
        assert_eq!(text, "the new “flood wall” would protect 3,500 homes");
    }

    #[test]
    fn deleted_paragraph_orphans_its_spans_and_moves_later_ones() {
        let old = article(
            "Intro 漢字.\n\nThe firm denied any wrongdoing.\n\nResidents said 👩‍👩‍👧 the water rose fast.",
        );
        let (mut doc, ids) = doc_with(&old, &[(1, "any wrongdoing"), (2, "the water rose fast")]);
        let new = article("Intro 漢字.\n\nResidents said 👩‍👩‍👧 the water rose fast.");
        let report = reanchor(&mut doc, &new);
        assert_eq!((report.moved, report.orphaned), (1, 1), "{report:?}");
        assert_eq!(doc.spans.len(), 2, "the orphan is kept");
        let orphan = doc.span(&ids[0]).expect("kept");
        assert_eq!(orphan.status, AnchorStatus::Orphaned);
        assert_eq!(orphan.anchor.exact, "any wrongdoing");
        let moved = doc.span(&ids[1]).expect("kept");
        assert_eq!((moved.status, moved.anchor.para), (AnchorStatus::Moved, 1));
    }

    #[test]
    fn split_paragraph_moves_spans_to_the_new_paragraphs() {
        let old = article(
            "The minister said the port will reopen on Monday. Unions said the strike would go on until pay is restored.",
        );
        let (mut doc, ids) = doc_with(
            &old,
            &[
                (0, "the port will reopen on Monday"),
                (0, "the strike would go on until pay is restored"),
            ],
        );
        let new = article(
            "The minister said the port will reopen on Monday.\n\nUnions said the strike would go on until pay is restored.",
        );
        let report = reanchor(&mut doc, &new);
        assert_eq!(report.orphaned, 0, "{report:?}");
        let (first, _) = text_of(&doc, &new, &ids[0]);
        assert_eq!(first, AnchorStatus::Exact);
        let (second, text) = text_of(&doc, &new, &ids[1]);
        assert_eq!(second, AnchorStatus::Moved);
        assert_eq!(text, "the strike would go on until pay is restored");
        assert_eq!(doc.span(&ids[1]).expect("kept").anchor.para, 1);
    }

    #[test]
    fn merged_paragraphs_keep_their_spans() {
        let old = article("Police said 12 people were hurt.\n\nThe mayor called it “a tragedy”.");
        let (mut doc, ids) = doc_with(&old, &[(0, "12 people were hurt"), (1, "“a tragedy”")]);
        let new = article("Police said 12 people were hurt. The mayor called it “a tragedy”.");
        let report = reanchor(&mut doc, &new);
        assert_eq!(report.orphaned + report.fuzzy, 0, "{report:?}");
        assert_eq!(text_of(&doc, &new, &ids[0]).1, "12 people were hurt");
        let (status, text) = text_of(&doc, &new, &ids[1]);
        assert_eq!(
            (status, text.as_str()),
            (AnchorStatus::Moved, "“a tragedy”")
        );
        assert_eq!(doc.span(&ids[1]).expect("kept").anchor.para, 0);
    }

    #[test]
    fn short_quote_elsewhere_without_its_context_is_not_taken() {
        let old = article("Alpha beta gamma said delta.\n\nOther text.");
        let (mut doc, ids) = doc_with(&old, &[(0, "said")]);
        let new = article("Completely rewritten.\n\nOther text. Someone said so.");
        reanchor(&mut doc, &new);
        assert_eq!(
            doc.span(&ids[0]).expect("kept").status,
            AnchorStatus::Orphaned
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
