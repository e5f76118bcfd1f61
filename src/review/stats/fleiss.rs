//! Fleiss' kappa for a constant number of coders per unit (agreement.md §6.2).

use crate::review::stats::figure::{Coefficient, Figure, Undefined};
use crate::review::stats::ratings::Ratings;

/// Fleiss' kappa over the units that every coder coded (the statistic needs the same number
/// of ratings per unit; units with a missing value are left out and not counted in `n`).
#[must_use]
#[allow(clippy::cast_precision_loss)]
pub fn fleiss_kappa(r: &Ratings) -> Coefficient {
    let m = r.coders();
    if m < 2 {
        return Coefficient::undefined(Undefined::NoPairableValues, 0);
    }
    let k = r.categories();
    let complete: Vec<Vec<usize>> = r
        .units()
        .iter()
        .filter(|u| u.iter().all(Option::is_some))
        .map(|u| {
            let mut counts = vec![0usize; k];
            for c in u.iter().flatten() {
                counts[*c] += 1;
            }
            counts
        })
        .collect();
    let n = complete.len();
    if n == 0 {
        return Coefficient::undefined(Undefined::NoItems, 0);
    }
    let mf = m as f64;
    let p_i: Vec<f64> = complete
        .iter()
        .map(|counts| {
            let agreeing: usize = counts.iter().map(|&c| c * c.saturating_sub(1)).sum();
            agreeing as f64 / (mf * (mf - 1.0))
        })
        .collect();
    let p_bar = p_i.iter().sum::<f64>() / n as f64;
    let p_e: f64 = (0..k)
        .map(|c| {
            let p = complete.iter().map(|u| u[c]).sum::<usize>() as f64 / (n as f64 * mf);
            p * p
        })
        .sum();
    Coefficient {
        value: Figure::ratio(p_bar - p_e, 1.0 - p_e, Undefined::NoExpectedDisagreement),
        observed: Figure::Value(p_bar),
        n,
    }
}
