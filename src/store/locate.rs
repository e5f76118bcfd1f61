//! Finding one anchor in a changed text (design: anchoring.md §5.4): unchanged paragraph,
//! paragraph moved (same hash elsewhere), quote still at its offsets, best exact occurrence,
//! then a bounded approximate search, each candidate scored as Hypothesis does.

use std::collections::HashMap;

use crate::model::annotation::{Anchor, AnchorStatus};
use crate::model::article::Article;
use crate::store::fuzzy::{
    MAX_FUZZY_QUOTE, levenshtein, max_errors, search, similarity, window_for,
};

/// Lowest Hypothesis score at which a quote found away from its paragraph, or found only
/// approximately, is accepted (anchoring.md §5.4; tune on data).
pub const ACCEPT_SCORE: f64 = 0.75;

/// Most exact occurrences scored per search (the ones nearest the expected position), so a
/// short quote such as "said" in a 10 MB article stays cheap.
const MAX_EXACT_CANDIDATES: usize = 256;

/// Bytes searched on each side of the expected place before the whole paragraph or article.
const EXACT_WINDOW_BYTES: usize = 64 * 1024;

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

/// Find where `old` lies in the current text; see [`Locator::locate`]. For many spans of one
/// document, build a [`Locator`] once instead.
#[must_use]
pub fn locate(old: &Anchor, old_hashes: &[String], article: &Article) -> Option<Located> {
    Locator::new(old_hashes, article).locate(old)
}

/// Re-locates anchors written against paragraphs with hashes `old_hashes` in `article`.
pub struct Locator<'a> {
    article: &'a Article,
    old_hashes: &'a [String],
    /// Current paragraph index of each paragraph hash; `None` when the text occurs twice.
    by_hash: HashMap<&'a str, Option<usize>>,
}

impl<'a> Locator<'a> {
    /// Index the current paragraphs by hash (once per document).
    #[must_use]
    pub fn new(old_hashes: &'a [String], article: &'a Article) -> Self {
        let mut by_hash: HashMap<&str, Option<usize>> = HashMap::new();
        for p in article.paragraphs() {
            by_hash
                .entry(p.sha256.as_str())
                .and_modify(|i| *i = None)
                .or_insert(Some(p.index));
        }
        Self {
            article,
            old_hashes,
            by_hash,
        }
    }

    /// The current index of old paragraph `para`, if its text is unchanged and unique.
    fn same_para(&self, para: usize) -> Option<usize> {
        let hash = self.old_hashes.get(para)?;
        self.by_hash.get(hash.as_str()).copied().flatten()
    }

    /// Where old paragraph `para` probably is now: at the same distance after the nearest
    /// earlier paragraph whose text is unchanged (looking back a bounded number of paragraphs).
    fn guess_para(&self, para: usize) -> usize {
        (0..=para.min(1024))
            .find_map(|back| Some(self.same_para(para - back)? + back))
            .unwrap_or(para)
    }

    /// Find where `old` lies in the current text (anchoring.md §5.4): the same paragraph
    /// unchanged, the same paragraph text at another index, the quote still at its offsets, the
    /// best exact occurrence of the quote, then an approximate match scoring at least
    /// [`ACCEPT_SCORE`]. `None` means orphaned.
    #[must_use]
    pub fn locate(&self, old: &Anchor) -> Option<Located> {
        let article = self.article;
        let exact = |anchor: Anchor, status| Located {
            anchor,
            status,
            score: 1.0,
        };
        let quote_at =
            |para: usize| article.para_slice(para, old.start, old.end) == Some(old.exact.as_str());
        // 1. The paragraph is unchanged, where it was or elsewhere (paragraphs inserted or
        //    deleted before it).
        if let Some(now) = self.same_para(old.para)
            && quote_at(now)
        {
            let status = if now == old.para {
                AnchorStatus::Exact
            } else {
                AnchorStatus::Moved
            };
            return Anchor::new(article, now, old.start, old.end).map(|a| exact(a, status));
        }
        // 2. The paragraph changed elsewhere; the quote is still at its offsets.
        if quote_at(old.para) {
            return Anchor::new(article, old.para, old.start, old.end)
                .map(|a| exact(a, AnchorStatus::Exact));
        }
        if old.exact.is_empty() {
            return None;
        }
        let scorer = Scorer::new(old, self.guess_para(old.para), article);
        // 3. Exact occurrences: in the old paragraph any will do; elsewhere the context must
        //    agree.
        if let Some(found) = scorer.best_exact(Some(old.para)) {
            return Some(found);
        }
        if let Some(found) = scorer.best_exact(None).filter(|f| f.score >= ACCEPT_SCORE) {
            return Some(found);
        }
        // 4. Approximate search: the paragraph, its neighbours (splits, merges), the document.
        scorer.best_fuzzy()
    }
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
    fn new(old: &'a Anchor, hint_para: usize, article: &'a Article) -> Self {
        let last = article.paragraphs().len().saturating_sub(1);
        let hint_para = hint_para.min(last);
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
        let text = article.text();
        let (lo, hi) = match only_para.and_then(|p| article.paragraphs().get(p)) {
            Some(p) => (p.byte_start, p.byte_end),
            None if only_para.is_some() => return None,
            None => (0, text.len()),
        };
        // Look near the expected place first, so many spans of a huge paragraph do not each
        // scan all of it; fall back to the whole region when nothing acceptable is near.
        let hint_byte = article.char_to_byte(self.hint).clamp(lo, hi);
        let near_lo = floor_boundary(text, hint_byte.saturating_sub(EXACT_WINDOW_BYTES).max(lo));
        let near_hi = ceil_boundary(text, (hint_byte + EXACT_WINDOW_BYTES).min(hi));
        let near = self.best_exact_in(near_lo, near_hi);
        let good_enough = |f: &Located| only_para.is_some() || f.score >= ACCEPT_SCORE;
        if near.as_ref().is_some_and(good_enough) || (near_lo, near_hi) == (lo, hi) {
            return near;
        }
        let far = self.best_exact_in(lo, hi);
        match (near, far) {
            (Some(n), Some(f)) => Some(if f.score > n.score { f } else { n }),
            (n, f) => f.or(n),
        }
    }

    /// The best-scoring exact occurrence starting in the byte range `[lo, hi)` of the text.
    fn best_exact_in(&self, lo: usize, hi: usize) -> Option<Located> {
        let article = self.article;
        let text = article.text();
        let haystack = text.get(lo..hi)?;
        let hint_byte = article.char_to_byte(self.hint);
        let mut hits: Vec<usize> = haystack
            .match_indices(self.old.exact.as_str())
            .map(|(b, _)| lo + b)
            .collect();
        hits.sort_by_key(|&b| b.abs_diff(hint_byte));
        hits.truncate(MAX_EXACT_CANDIDATES);
        let mut best: Option<(f64, usize, usize)> = None;
        for byte in hits {
            let start = char_offset_of(article, text, byte);
            let end = start + self.quote.len();
            if article.para_at(start).is_none() {
                continue;
            }
            // Nearest first: an occurrence with its whole old context cannot be beaten by a
            // farther one, so stop there (the common case of text inserted or removed nearby).
            if self.context_unchanged(start, end) {
                best = Some((self.score(start, end, 0), start, end));
                break;
            }
            let score = self.score(start, end, 0);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, start, end));
            }
        }
        let (score, start, end) = best?;
        Some(Located {
            anchor: anchor_at(article, start, end)?,
            status: AnchorStatus::Moved,
            score,
        })
    }

    /// Does the text around `[start, end)` equal the stored prefix and suffix?
    fn context_unchanged(&self, start: usize, end: usize) -> bool {
        let before = self
            .article
            .slice(start.saturating_sub(self.prefix.len()), start);
        let after_end = (end + self.suffix.len()).min(self.article.char_len());
        let after = self.article.slice(end.min(after_end), after_end);
        before == Some(self.old.prefix.as_str()) && after == Some(self.old.suffix.as_str())
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

/// The nearest char boundary at or before `i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest char boundary at or after `i`.
fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i.min(text.len())
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
