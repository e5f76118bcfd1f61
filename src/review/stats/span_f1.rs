//! Span identification agreement: one-to-one matching of two annotators' spans (exact, any
//! overlap, or IoU at least a threshold; greedy by IoU) and F1 over the matches, plus
//! character-level F1 (agreement.md §6.1).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::Span;
use crate::review::stats::figure::{Figure, Undefined};

/// Where a span is: kind, paragraph and `[start, end)` in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Extent<'a> {
    /// Span kind.
    pub kind: &'a str,
    /// Paragraph index.
    pub para: usize,
    /// Start (inclusive).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

impl<'a> Extent<'a> {
    /// The extent of a model span.
    #[must_use]
    pub fn of(span: &'a Span) -> Self {
        Self {
            kind: &span.kind,
            para: span.anchor.para,
            start: span.anchor.start,
            end: span.anchor.end,
        }
    }

    /// Number of characters.
    #[must_use]
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Intersection over union of two extents of the same kind and paragraph (0 otherwise).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn iou(&self, other: &Self) -> f64 {
        if self.kind != other.kind || self.para != other.para {
            return 0.0;
        }
        let inter = self
            .end
            .min(other.end)
            .saturating_sub(self.start.max(other.start));
        let union = self.end.max(other.end) - self.start.min(other.start);
        if inter == 0 || union == 0 {
            0.0
        } else {
            inter as f64 / union as f64
        }
    }
}

/// When two spans of the same kind count as the same.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchRule {
    /// Same paragraph, start and end.
    Exact,
    /// Any character overlap.
    Overlap,
    /// Intersection over union at least this value.
    MinIou(f64),
}

impl MatchRule {
    fn accepts(self, iou: f64) -> bool {
        match self {
            Self::Exact => iou >= 1.0,
            Self::Overlap => iou > 0.0,
            Self::MinIou(theta) => iou > 0.0 && iou >= theta,
        }
    }
}

/// Candidate pairs `(i, j, iou)` that `rule` accepts, best IoU first (ties by position, so
/// the result is deterministic).
#[must_use]
pub fn candidates(a: &[Extent<'_>], b: &[Extent<'_>], rule: MatchRule) -> Vec<(usize, usize, f64)> {
    let mut pairs = Vec::new();
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            let iou = x.iou(y);
            if rule.accepts(iou) {
                pairs.push((i, j, iou));
            }
        }
    }
    pairs.sort_by(|p, q| q.2.total_cmp(&p.2).then((p.0, p.1).cmp(&(q.0, q.1))));
    pairs
}

/// One-to-one matching of `a` to `b` under `rule`, greedy by IoU: the best-overlapping pair is
/// taken first and each span is used at most once. Returns `(index in a, index in b)` pairs.
#[must_use]
pub fn match_spans(a: &[Extent<'_>], b: &[Extent<'_>], rule: MatchRule) -> Vec<(usize, usize)> {
    let mut used_a = vec![false; a.len()];
    let mut used_b = vec![false; b.len()];
    let mut out = Vec::new();
    for (i, j, _) in candidates(a, b, rule) {
        if !used_a[i] && !used_b[j] {
            used_a[i] = true;
            used_b[j] = true;
            out.push((i, j));
        }
    }
    out.sort_unstable();
    out
}

/// True positives, false positives and false negatives of `b` measured against `a` (F1 is
/// symmetric, so which side is the reference does not change it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Matched.
    pub tp: usize,
    /// Only in `b`.
    pub fp: usize,
    /// Only in `a`.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// F1 = 2TP / (2TP + FP + FN); undefined when neither side has anything.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn f1(&self) -> Figure {
        let tp2 = 2.0 * self.tp as f64;
        Figure::ratio(tp2, tp2 + (self.fp + self.fn_) as f64, Undefined::NoItems)
    }

    /// Add another set of counts (micro-averaging).
    pub fn add(&mut self, other: Self) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

/// Counts of a matching: `matched` pairs out of `a_len` and `b_len` spans.
#[must_use]
pub fn counts_of(matched: usize, a_len: usize, b_len: usize) -> Counts {
    Counts {
        tp: matched,
        fp: b_len - matched.min(b_len),
        fn_: a_len - matched.min(a_len),
    }
}

/// Span F1 counts of `b` against `a` under `rule` (spans of all kinds; kinds never match
/// each other).
#[must_use]
pub fn span_counts(a: &[Extent<'_>], b: &[Extent<'_>], rule: MatchRule) -> Counts {
    counts_of(match_spans(a, b, rule).len(), a.len(), b.len())
}

/// Character-level counts: each (kind, paragraph, character) covered by a span is one item;
/// overlapping spans of the same kind count a character once.
#[must_use]
pub fn char_counts(a: &[Extent<'_>], b: &[Extent<'_>]) -> Counts {
    let cover = |spans: &[Extent<'_>]| -> BTreeSet<(String, usize, usize)> {
        spans
            .iter()
            .flat_map(|s| (s.start..s.end).map(move |c| (s.kind.to_owned(), s.para, c)))
            .collect()
    };
    let (ca, cb) = (cover(a), cover(b));
    let tp = ca.intersection(&cb).count();
    Counts {
        tp,
        fp: cb.len() - tp,
        fn_: ca.len() - tp,
    }
}
