//! Krippendorff's alpha for any number of coders, missing values and the nominal, ordinal,
//! interval and ratio levels (agreement.md §6.2). Units with fewer than two values are
//! unpairable and drop out.

use serde::Serialize;

use crate::review::stats::figure::{Coefficient, Figure, Undefined};
use crate::review::stats::ratings::Ratings;

/// Level of measurement: selects the distance between two categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Distance {
    /// `[c != k]`.
    Nominal,
    /// Krippendorff's frequency-based ordinal distance:
    /// `(sum_{g=c..k} n_g - (n_c + n_k) / 2)^2`.
    Ordinal,
    /// `(c - k)^2` over the categories' numeric values.
    Interval,
    /// `((c - k) / (c + k))^2` over the numeric values.
    Ratio,
}

/// The coincidence matrix `o_ck` and the number of pairable units.
#[allow(clippy::cast_precision_loss)]
fn coincidences(r: &Ratings) -> (Vec<Vec<f64>>, usize) {
    let k = r.categories();
    let mut o = vec![vec![0.0; k]; k];
    let mut pairable = 0;
    for unit in r.units() {
        let mut counts = vec![0usize; k];
        for c in unit.iter().flatten() {
            counts[*c] += 1;
        }
        let m: usize = counts.iter().sum();
        if m < 2 {
            continue;
        }
        pairable += 1;
        let scale = 1.0 / (m - 1) as f64;
        for c in 0..k {
            for d in 0..k {
                let pairs = counts[c] * (counts[d] - usize::from(c == d).min(counts[d]));
                o[c][d] += pairs as f64 * scale;
            }
        }
    }
    (o, pairable)
}

/// Squared distances between categories for this level, given the marginals `n_c`.
fn distances(r: &Ratings, level: Distance, n_c: &[f64]) -> Vec<Vec<f64>> {
    let k = n_c.len();
    let mut d = vec![vec![0.0; k]; k];
    for c in 0..k {
        for e in 0..k {
            d[c][e] = match level {
                Distance::Nominal => f64::from(u8::from(c != e)),
                Distance::Ordinal => {
                    let (lo, hi) = (c.min(e), c.max(e));
                    let between: f64 = n_c[lo..=hi].iter().sum();
                    let x = between - (n_c[c] + n_c[e]) / 2.0;
                    x * x
                }
                Distance::Interval => {
                    let x = r.numeric(c) - r.numeric(e);
                    x * x
                }
                Distance::Ratio => {
                    let (x, y) = (r.numeric(c), r.numeric(e));
                    if x + y == 0.0 {
                        0.0
                    } else {
                        ((x - y) / (x + y)).powi(2)
                    }
                }
            };
        }
    }
    d
}

/// Krippendorff's alpha at `level`. `n` is the number of pairable units; `observed` is the
/// share of pairable value pairs that agree exactly.
#[must_use]
pub fn krippendorff_alpha(r: &Ratings, level: Distance) -> Coefficient {
    let (o, pairable) = coincidences(r);
    if pairable == 0 {
        let reason = if r.units().is_empty() {
            Undefined::NoItems
        } else {
            Undefined::NoPairableValues
        };
        return Coefficient::undefined(reason, 0);
    }
    let n_c: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = n_c.iter().sum();
    let d = distances(r, level, &n_c);
    let k = n_c.len();
    let (mut observed_d, mut expected_d, mut agree) = (0.0, 0.0, 0.0);
    for c in 0..k {
        agree += o[c][c];
        for e in 0..k {
            observed_d += o[c][e] * d[c][e];
            expected_d += n_c[c] * n_c[e] * d[c][e];
        }
    }
    // alpha = 1 - D_o / D_e = 1 - (n - 1) * sum o*d / sum n_c*n_k*d
    Coefficient {
        value: Figure::ratio(
            (n - 1.0) * observed_d,
            expected_d,
            Undefined::NoExpectedDisagreement,
        )
        .map(|x| 1.0 - x),
        observed: Figure::Value(agree / n),
        n: pairable,
    }
}
