//! Two-coder coefficients: Cohen's kappa (unweighted, linear and quadratic weights) and
//! Scott's pi (pooled marginals). Formulas: agreement.md §6.2.

use serde::Serialize;

use crate::review::stats::figure::{Coefficient, Figure, Undefined};
use crate::review::stats::ratings::Ratings;

/// Disagreement weights of Cohen's kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Weights {
    /// Every disagreement counts 1 (plain kappa).
    Unweighted,
    /// `|i - j|` over category ranks.
    Linear,
    /// `(i - j)^2` over category ranks.
    Quadratic,
}

impl Weights {
    #[allow(clippy::cast_precision_loss)]
    fn weight(self, i: usize, j: usize) -> f64 {
        let d = i.abs_diff(j) as f64;
        match self {
            Self::Unweighted => f64::from(u8::from(i != j)),
            Self::Linear => d,
            Self::Quadratic => d * d,
        }
    }
}

/// Counts table of coder `a` x coder `b`, with the number of units both coded. Counts stay
/// integers (exact in f64) until the final division, so a single category gives an exactly
/// zero expected disagreement instead of a rounding residue.
#[allow(clippy::cast_precision_loss)]
fn joint(r: &Ratings, a: usize, b: usize) -> (Vec<Vec<f64>>, f64, usize) {
    let pairs = r.pairs(a, b);
    let k = r.categories();
    let mut o = vec![vec![0.0; k]; k];
    let n = pairs.len();
    for (x, y) in pairs {
        o[x][y] += 1.0;
    }
    let agree = (0..k).map(|i| o[i][i]).sum();
    (o, agree, n)
}

fn marginals(o: &[Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
    let row = o.iter().map(|row| row.iter().sum()).collect();
    let col = (0..o.len())
        .map(|j| o.iter().map(|row| row[j]).sum())
        .collect();
    (row, col)
}

/// Cohen's kappa of coders `a` and `b` over the units both coded. The weights use category
/// ranks in the domain order (sklearn uses ranks among the labels present; the two agree when
/// no category in between is unused).
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn cohen_kappa(r: &Ratings, a: usize, b: usize, weights: Weights) -> Coefficient {
    let (o, agree, n) = joint(r, a, b);
    if n == 0 {
        return Coefficient::undefined(Undefined::NoItems, 0);
    }
    let nf = n as f64;
    let (row, col) = marginals(&o);
    let (mut wo, mut we) = (0.0, 0.0);
    for i in 0..o.len() {
        for j in 0..o.len() {
            let w = weights.weight(i, j);
            wo += w * o[i][j];
            we += w * row[i] * col[j];
        }
    }
    // kappa_w = 1 - (sum w*o / n) / (sum w*row*col / n^2)
    Coefficient {
        value: Figure::ratio(wo * nf, we, Undefined::NoExpectedDisagreement).map(|x| 1.0 - x),
        observed: Figure::Value(agree / nf),
        n,
    }
}

/// Scott's pi of coders `a` and `b`: like kappa, but chance agreement from the pooled
/// marginals of both coders.
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn scott_pi(r: &Ratings, a: usize, b: usize) -> Coefficient {
    let (o, agree, n) = joint(r, a, b);
    if n == 0 {
        return Coefficient::undefined(Undefined::NoItems, 0);
    }
    let nf = n as f64;
    let (row, col) = marginals(&o);
    // p_e = P / D with P = sum (row_c + col_c)^2 and D = (2n)^2; pi = (p_o D - P) / (D - P).
    let pooled: f64 = row.iter().zip(&col).map(|(r, c)| (r + c) * (r + c)).sum();
    let d = 4.0 * nf * nf;
    Coefficient {
        value: Figure::ratio(
            agree / nf * d - pooled,
            d - pooled,
            Undefined::NoExpectedDisagreement,
        ),
        observed: Figure::Value(agree / nf),
        n,
    }
}
