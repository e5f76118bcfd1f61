//! Agreement coefficients, one concept per file. Every figure that can be undefined is a
//! [`Figure`], never NaN; reference values from agreement.md §6.6 are reproduced in
//! `tests.rs`.

pub mod alpha;
pub mod figure;
pub mod fleiss;
pub mod kappa;
pub mod ratings;
pub mod span_f1;
pub mod unitized;

#[cfg(test)]
mod tests;

pub use alpha::{Distance, krippendorff_alpha};
pub use figure::{Coefficient, Figure, Undefined};
pub use fleiss::fleiss_kappa;
pub use kappa::{Weights, cohen_kappa, scott_pi};
pub use ratings::Ratings;
pub use span_f1::{Counts, Extent, MatchRule, char_counts, match_spans, span_counts};
pub use unitized::{UnitizedAlpha, UnitizingStudy};
