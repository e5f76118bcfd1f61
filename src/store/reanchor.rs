//! Re-locating spans when the article text changed since a sidecar was written
//! (design: anchoring.md §5.4). Spans are moved, marked fuzzy, or kept as orphans; never dropped.

use serde::Serialize;

use crate::model::annotation::{Anchor, AnchorStatus, AnnotationDoc, ArticleRef};
use crate::model::article::Article;
use crate::store::fuzzy::{
    MAX_FUZZY_QUOTE, levenshtein, max_errors, search, similarity, window_for,
};

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

/// Lowest Hypothesis score at which a quote found away from its paragraph, or found only
/// approximately, is accepted (anchoring.md §5.4; tune on data).
pub const ACCEPT_SCORE: f64 = 0.75;

/// Most exact occurrences scored per search (the ones nearest the expected position), so a
/// short quote such as "said" in a 10 MB article stays cheap.
const MAX_EXACT_CANDIDATES: usize = 256;

/// Where a span was found in the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    /// The new anchor (quote and context taken from the current text).
    pub anchor: Anchor,
    /// `Exact` (same place), `Moved` (exact quote elsewhere) or `Fuzzy` (approximate match).
    pub status: AnchorStatus,
    /// Hypothesis score of the match in 0..=1 (1 for an unchanged position).
    pub score: f64,
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
    for span in &mut doc.spans {
        match locate(&span.anchor, &old_hashes, article) {
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

/// Find where `old` lies in the current text (anchoring.md §5.4): the same paragraph
/// unchanged, the same paragraph text at another index, the quote still at its offsets, the
/// best exact occurrence of the quote, then an approximate match scoring at least
/// [`ACCEPT_SCORE`]. `old_hashes` are the paragraph hashes the anchor was written against.
/// `None` means orphaned.
#[must_use]
pub fn locate(old: &Anchor, old_hashes: &[String], article: &Article) -> Option<Located> {
    let paras = article.paragraphs();
    let exact = |anchor: Anchor, status| Located {
        anchor,
        status,
        score: 1.0,
    };
    let old_hash = old_hashes.get(old.para);
    // 1. The paragraph is unchanged where it was.
    if let (Some(h), Some(p)) = (old_hash, paras.get(old.para))
        && *h == p.sha256
        && article.para_slice(old.para, old.start, old.end) == Some(old.exact.as_str())
    {
        return Anchor::new(article, old.para, old.start, old.end)
            .map(|a| exact(a, AnchorStatus::Exact));
    }
    // 2. The paragraph is unchanged but elsewhere (paragraphs inserted or deleted before it).
    if let Some(h) = old_hash {
        let mut same = paras.iter().filter(|p| p.sha256 == *h);
        if let (Some(p), None) = (same.next(), same.next())
            && article.para_slice(p.index, old.start, old.end) == Some(old.exact.as_str())
        {
            return Anchor::new(article, p.index, old.start, old.end)
                .map(|a| exact(a, AnchorStatus::Moved));
        }
    }
    // 3. The paragraph changed elsewhere; the quote is still at its offsets.
    if article.para_slice(old.para, old.start, old.end) == Some(old.exact.as_str()) {
        return Anchor::new(article, old.para, old.start, old.end)
            .map(|a| exact(a, AnchorStatus::Exact));
    }
    if old.exact.is_empty() {
        return None;
    }
    let scorer = Scorer::new(old, old_hashes, article);
    // 4. Exact occurrences: in the old paragraph any will do; elsewhere the context must agree.
    if let Some(found) = scorer.best_exact(Some(old.para)) {
        return Some(found);
    }
    if let Some(found) = scorer.best_exact(None).filter(|f| f.score >= ACCEPT_SCORE) {
        return Some(found);
    }
    // 5. Approximate search: the paragraph, its neighbours (splits and merges), the document.
    scorer.best_fuzzy()
}

/// Scores candidate positions of one old anchor with Hypothesis' formula
/// `(50·quote + 20·prefix + 20·suffix + 2·position) / 92`.
struct Scorer<'a> {
    old: &'a Anchor,
    article: &'a Article,
    quote: Vec<char>,
    prefix: Vec<char>,
    suffix: Vec<char>,
    /// Expected document offset of the start.
    hint: usize,
    /// Best guess of the paragraph the span is in now.
    hint_para: usize,
}

impl<'a> Scorer<'a> {
    fn new(old: &'a Anchor, old_hashes: &[String], article: &'a Article) -> Self {
        let last = article.paragraphs().len().saturating_sub(1);
        let hint_para = guess_para(old.para, old_hashes, article).min(last);
        Self {
            old,
            article,
            quote: old.exact.chars().collect(),
            prefix: old.prefix.chars().collect(),
            suffix: old.suffix.chars().collect(),
            hint: article
                .doc_offset(hint_para, old.start)
                .min(article.char_len()),
            hint_para,
        }
    }

    /// Score of the document range `[start, end)` matched with `errors` quote errors.
    fn score(&self, start: usize, end: usize, errors: usize) -> f64 {
        let quote = 1.0 - (errors as f64 / self.quote.len().max(1) as f64).min(1.0);
        // Context is read across paragraph breaks, so a split or merged paragraph still
        // matches most of its old context.
        let before: Vec<char> = self
            .article
            .slice(start.saturating_sub(self.prefix.len()), start)
            .unwrap_or("")
            .chars()
            .collect();
        let after_end = (end + self.suffix.len()).min(self.article.char_len());
        let after: Vec<char> = self
            .article
            .slice(end.min(after_end), after_end)
            .unwrap_or("")
            .chars()
            .collect();
        let prefix = similarity(&self.prefix, &before);
        let suffix = similarity(&self.suffix, &after);
        let len = self.article.char_len().max(1) as f64;
        let pos = 1.0 - (start.abs_diff(self.hint) as f64 / len).min(1.0);
        (50.0 * quote + 20.0 * prefix + 20.0 * suffix + 2.0 * pos) / 92.0
    }

    /// The best-scoring exact occurrence of the quote, in one paragraph or anywhere.
    fn best_exact(&self, only_para: Option<usize>) -> Option<Located> {
        let article = self.article;
        let (lo, hi) = match only_para.and_then(|p| article.paragraphs().get(p)) {
            Some(p) => (p.byte_start, p.byte_end),
            None if only_para.is_some() => return None,
            None => (0, article.text().len()),
        };
        let haystack = article.text().get(lo..hi)?;
        let hint_byte = article.char_to_byte(self.hint);
        let mut hits: Vec<usize> = haystack
            .match_indices(self.old.exact.as_str())
            .map(|(b, _)| lo + b)
            .collect();
        hits.sort_by_key(|&b| b.abs_diff(hint_byte));
        hits.truncate(MAX_EXACT_CANDIDATES);
        let text = article.text();
        let mut best: Option<Located> = None;
        for byte in hits {
            let start = char_offset_of(article, text, byte);
            let end = start + self.quote.len();
            let Some(anchor) = anchor_at(article, start, end) else {
                continue;
            };
            let score = self.score(start, end, 0);
            if best.as_ref().is_none_or(|b| score > b.score) {
                best = Some(Located {
                    anchor,
                    status: AnchorStatus::Moved,
                    score,
                });
            }
        }
        best
    }

    /// The best approximate match in the paragraph, then its neighbours, then the document.
    fn best_fuzzy(&self) -> Option<Located> {
        let m = self.quote.len();
        if m == 0 || m > MAX_FUZZY_QUOTE {
            return None;
        }
        let paras = self.article.paragraphs();
        let range = |first: usize, last: usize| -> Option<(usize, usize)> {
            let a = paras.get(first)?;
            let b = paras.get(last)?;
            Some((a.char_start, b.char_start + b.char_len))
        };
        let p = self.hint_para;
        let regions = [
            range(p, p),
            range(
                p.saturating_sub(1),
                (p + 1).min(paras.len().saturating_sub(1)),
            ),
            Some((0, self.article.char_len())),
        ];
        let mut searched: Vec<(usize, usize)> = Vec::new();
        for (region_lo, region_hi) in regions.into_iter().flatten() {
            let (lo, hi) = window_for(region_lo, region_hi, self.hint, m);
            if searched.contains(&(lo, hi)) {
                continue;
            }
            searched.push((lo, hi));
            if let Some(found) = self.fuzzy_in(lo, hi) {
                return Some(found);
            }
        }
        None
    }

    /// The best approximate match in the document window `[lo, hi)` scoring at least
    /// [`ACCEPT_SCORE`].
    fn fuzzy_in(&self, lo: usize, hi: usize) -> Option<Located> {
        let window: Vec<char> = self.article.slice(lo, hi)?.chars().collect();
        let mut best: Option<Located> = None;
        for found in search(&self.quote, &window, max_errors(self.quote.len())) {
            let (start, end) = (lo + found.start, lo + found.end);
            let Some((start, end)) = clip_to_paragraph(self.article, start, end) else {
                continue;
            };
            let Some(anchor) = anchor_at(self.article, start, end) else {
                continue;
            };
            let errors = if (start, end) == (lo + found.start, lo + found.end) {
                found.errors
            } else {
                levenshtein(&self.quote, &anchor.exact.chars().collect::<Vec<_>>())
            };
            let score = self.score(start, end, errors);
            if score >= ACCEPT_SCORE && best.as_ref().is_none_or(|b| score > b.score) {
                best = Some(Located {
                    anchor,
                    status: AnchorStatus::Fuzzy,
                    score,
                });
            }
        }
        best
    }
}

/// Where old paragraph `para` probably is now: after the nearest earlier paragraph whose text
/// is unchanged (found by hash), at the same distance.
fn guess_para(para: usize, old_hashes: &[String], article: &Article) -> usize {
    for back in 0..=para.min(old_hashes.len().saturating_sub(1)) {
        let Some(hash) = old_hashes.get(para - back) else {
            continue;
        };
        if let Some(p) = article.paragraphs().iter().find(|p| p.sha256 == *hash) {
            return p.index + back;
        }
    }
    para
}

/// Document character offset of a byte offset of the article text.
fn char_offset_of(article: &Article, text: &str, byte: usize) -> usize {
    // Paragraph-relative conversion uses the sparse index; find the paragraph by bytes first.
    let paras = article.paragraphs();
    let i = paras
        .partition_point(|p| p.byte_start <= byte)
        .saturating_sub(1);
    match paras.get(i) {
        Some(p) if byte >= p.byte_start => {
            p.char_start + article.para_byte_to_char(i, byte - p.byte_start)
        }
        _ => text.get(..byte).map_or(0, |t| t.chars().count()),
    }
}

/// The anchor of document range `[start, end)` if it lies inside one paragraph.
fn anchor_at(article: &Article, start: usize, end: usize) -> Option<Anchor> {
    let para = article.para_at(start)?;
    let base = article.paragraphs().get(para)?.char_start;
    Anchor::new(article, para, start - base, end - base)
}

/// Clip a document range to the paragraph holding most of it (a match may straddle a break
/// after a paragraph split); `None` if nothing is left.
fn clip_to_paragraph(article: &Article, start: usize, end: usize) -> Option<(usize, usize)> {
    let paras = article.paragraphs();
    let overlap = |p: &crate::model::Paragraph| {
        let lo = start.max(p.char_start);
        let hi = end.min(p.char_start + p.char_len);
        hi.saturating_sub(lo)
    };
    let first = article
        .para_at(start)
        .or_else(|| article.para_at(end.saturating_sub(1)))?;
    let candidates = [first.saturating_sub(1), first, first + 1];
    let best = candidates
        .iter()
        .filter_map(|&i| paras.get(i))
        .max_by_key(|p| overlap(p))?;
    let lo = start.max(best.char_start);
    let hi = end.min(best.char_start + best.char_len);
    if (lo, hi) == (start, end) {
        return Some((lo, hi));
    }
    // Trim whitespace the clip exposed at either end.
    let slice = article.slice(lo, hi)?;
    let lead = slice.chars().take_while(|c| c.is_whitespace()).count();
    let trail = slice
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    let (lo, hi) = (lo + lead, hi.saturating_sub(trail));
    (hi > lo).then_some((lo, hi))
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
