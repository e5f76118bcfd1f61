//! Krippendorff's unitized alpha (uα; Krippendorff 1995, *Content Analysis* 2004 §12): each
//! coder's units of one category segment the continuum into units and gaps; disagreement is
//! measured on overlapping sections of different coders (agreement.md §6.1). Acceptance test:
//! the Krippendorff (2004, p. 254) example as used by DKPro Statistics.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::review::stats::figure::{Figure, Undefined};

/// A unitizing study: a continuum `[begin, begin + length)` and the units each coder marked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitizingStudy {
    begin: u64,
    length: u64,
    coders: usize,
    units: Vec<(usize, String, u64, u64)>,
}

/// Observed and expected disagreement of one category and the resulting alpha.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct UnitizedAlpha {
    /// uα = 1 - D_o / D_e.
    pub alpha: Figure,
    /// Observed disagreement D_o.
    pub observed_disagreement: f64,
    /// Expected disagreement D_e.
    pub expected_disagreement: f64,
}

/// A unit or gap of one coder: `[start, end)` and whether it is a unit.
type Section = (u64, u64, bool);

impl UnitizingStudy {
    /// A study of `coders` coders over `length` positions starting at `begin`.
    #[must_use]
    pub fn new(coders: usize, begin: u64, length: u64) -> Self {
        Self {
            begin,
            length,
            coders,
            units: Vec::new(),
        }
    }

    /// Coder `coder` marked `[offset, offset + length)` as `category`. Parts outside the
    /// continuum are clipped; empty units are ignored.
    pub fn add_unit(&mut self, offset: u64, length: u64, coder: usize, category: &str) {
        let start = offset.max(self.begin);
        let end = (offset + length).min(self.begin + self.length);
        if start < end && coder < self.coders {
            self.units
                .push((coder, category.to_owned(), start, end - start));
        }
    }

    /// The categories used, sorted.
    #[must_use]
    pub fn categories(&self) -> Vec<String> {
        let set: BTreeSet<&String> = self.units.iter().map(|u| &u.1).collect();
        set.into_iter().cloned().collect()
    }

    /// Coder `coder`'s units of `category` as sorted `[start, end)` ranges; overlapping units
    /// of one coder are merged, since the method needs a segmentation.
    fn unit_ranges(&self, coder: usize, category: &str) -> Vec<(u64, u64)> {
        let mut ranges: Vec<(u64, u64)> = self
            .units
            .iter()
            .filter(|u| u.0 == coder && u.1 == category)
            .map(|u| (u.2, u.2 + u.3))
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(u64, u64)> = Vec::new();
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }

    /// Units and gaps of one coder covering the whole continuum.
    fn sections(&self, coder: usize, category: &str) -> Vec<Section> {
        let end = self.begin + self.length;
        let mut out = Vec::new();
        let mut pos = self.begin;
        for (s, e) in self.unit_ranges(coder, category) {
            if s > pos {
                out.push((pos, s, false));
            }
            out.push((s, e, true));
            pos = e;
        }
        if pos < end {
            out.push((pos, end, false));
        }
        out
    }

    /// Squared distance of two overlapping sections of different coders.
    fn distance(x: Section, y: Section) -> f64 {
        let sq = |v: u64, w: u64| {
            let d = v.abs_diff(w);
            #[allow(clippy::cast_precision_loss)]
            let d = d as f64;
            d * d
        };
        match (x.2, y.2) {
            (true, true) => sq(x.0, y.0) + sq(x.1, y.1),
            (true, false) if x.0 >= y.0 && x.1 <= y.1 => sq(x.1, x.0),
            (false, true) if y.0 >= x.0 && y.1 <= x.1 => sq(y.1, y.0),
            _ => 0.0,
        }
    }

    /// Observed disagreement of `category`.
    #[allow(clippy::cast_precision_loss)]
    fn observed(&self, category: &str) -> f64 {
        let sections: Vec<Vec<Section>> = (0..self.coders)
            .map(|c| self.sections(c, category))
            .collect();
        let mut sum = 0.0;
        for (i, si) in sections.iter().enumerate() {
            for sj in &sections[i + 1..] {
                for &x in si {
                    for &y in sj {
                        if x.0 < y.1 && y.0 < x.1 {
                            sum += Self::distance(x, y);
                        }
                    }
                }
            }
        }
        let (m, l) = (self.coders as f64, self.length as f64);
        2.0 * sum / (m * (m - 1.0) * l * l)
    }

    /// Expected disagreement of `category`: every unit compared with every possible placement
    /// against units and gaps of all coders (Krippendorff 2004, pp. 251-256).
    #[allow(clippy::cast_precision_loss)]
    fn expected(&self, category: &str) -> f64 {
        let mut lengths = Vec::new();
        let mut gaps = Vec::new();
        for c in 0..self.coders {
            for (s, e, is_unit) in self.sections(c, category) {
                if is_unit {
                    lengths.push((e - s) as f64);
                } else {
                    gaps.push((e - s) as f64);
                }
            }
        }
        let n_c = lengths.len() as f64;
        let squared: f64 = lengths.iter().map(|l| l * (l - 1.0)).sum();
        let mut sum = 0.0;
        for &l in &lengths {
            sum += (n_c - 1.0) * (2.0 * l * l * l - 3.0 * l * l + l) / 3.0;
            let fits: f64 = gaps.iter().filter(|&&g| g >= l).map(|g| g - l + 1.0).sum();
            sum += l * l * fits;
        }
        let (m, len) = (self.coders as f64, self.length as f64);
        let ml = m * len;
        (2.0 / len) * sum / (ml * (ml - 1.0) - squared)
    }

    /// uα of one category.
    #[must_use]
    pub fn category_alpha(&self, category: &str) -> UnitizedAlpha {
        let (d_o, d_e) = self.disagreements(category);
        UnitizedAlpha {
            alpha: Figure::ratio(d_o, d_e, Undefined::NoExpectedDisagreement).map(|x| 1.0 - x),
            observed_disagreement: d_o,
            expected_disagreement: d_e,
        }
    }

    /// uα over all categories: mean observed over mean expected disagreement.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn alpha(&self) -> UnitizedAlpha {
        let cats = self.categories();
        let k = cats.len() as f64;
        let (mut d_o, mut d_e) = (0.0, 0.0);
        for c in &cats {
            let (o, e) = self.disagreements(c);
            d_o += o / k;
            d_e += e / k;
        }
        let alpha = if cats.is_empty() {
            Figure::Undefined(Undefined::NoItems)
        } else {
            Figure::ratio(d_o, d_e, Undefined::NoExpectedDisagreement).map(|x| 1.0 - x)
        };
        UnitizedAlpha {
            alpha,
            observed_disagreement: d_o,
            expected_disagreement: d_e,
        }
    }

    fn disagreements(&self, category: &str) -> (f64, f64) {
        if self.coders < 2 || self.length == 0 {
            return (0.0, 0.0);
        }
        (self.observed(category), self.expected(category))
    }
}
