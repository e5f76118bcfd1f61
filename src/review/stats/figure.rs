//! Agreement figures that may be undefined: a coefficient is either a number or an explicit
//! reason why it cannot be computed (no items, one category only...), never NaN.

use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Why a figure cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Undefined {
    /// There is nothing to compare.
    NoItems,
    /// No unit was rated by at least two coders.
    NoPairableValues,
    /// Every value is the same category, so chance agreement is perfect and the expected
    /// disagreement is zero (the coefficient divides by it).
    NoExpectedDisagreement,
    /// The coefficient needs exactly two coders.
    NeedsTwoCoders,
    /// The coefficient needs at least three coders.
    NeedsThreeCoders,
}

impl Undefined {
    /// A short explanation for people.
    #[must_use]
    pub fn reason(self) -> &'static str {
        match self {
            Self::NoItems => "no items",
            Self::NoPairableValues => "no unit coded by two or more annotators",
            Self::NoExpectedDisagreement => {
                "one category only: no expected disagreement, the coefficient divides by zero"
            }
            Self::NeedsTwoCoders => "needs exactly two annotators",
            Self::NeedsThreeCoders => "needs three or more annotators",
        }
    }
}

impl fmt::Display for Undefined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// A number, or the reason there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// The computed value (always finite).
    Value(f64),
    /// Cannot be computed.
    Undefined(Undefined),
}

impl Figure {
    /// `numerator / denominator`, undefined with `reason` when the denominator is zero (or the
    /// result is not finite).
    #[must_use]
    pub fn ratio(numerator: f64, denominator: f64, reason: Undefined) -> Self {
        if denominator == 0.0 {
            return Self::Undefined(reason);
        }
        Self::finite(numerator / denominator, reason)
    }

    /// `value`, or undefined with `reason` if it is not finite.
    #[must_use]
    pub fn finite(value: f64, reason: Undefined) -> Self {
        if value.is_finite() {
            Self::Value(value)
        } else {
            Self::Undefined(reason)
        }
    }

    /// The value, if defined.
    #[must_use]
    pub fn value(self) -> Option<f64> {
        match self {
            Self::Value(v) => Some(v),
            Self::Undefined(_) => None,
        }
    }

    /// Apply `f` to a defined value.
    #[must_use]
    pub fn map(self, f: impl FnOnce(f64) -> f64) -> Self {
        match self {
            Self::Value(v) => Self::Value(f(v)),
            undefined @ Self::Undefined(_) => undefined,
        }
    }

    /// Fixed-point text with `decimals` places, or `n/a (reason)`.
    #[must_use]
    pub fn display(self, decimals: usize) -> String {
        match self {
            Self::Value(v) => format!("{v:.decimals$}"),
            Self::Undefined(u) => format!("n/a ({u})"),
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(4))
    }
}

/// JSON form: `{"value": 0.64}` or `{"value": null, "undefined": "no_items"}`.
impl Serialize for Figure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(v) => {
                let mut s = serializer.serialize_struct("Figure", 1)?;
                s.serialize_field("value", v)?;
                s.end()
            }
            Self::Undefined(u) => {
                let mut s = serializer.serialize_struct("Figure", 2)?;
                s.serialize_field("value", &Option::<f64>::None)?;
                s.serialize_field("undefined", u)?;
                s.end()
            }
        }
    }
}

/// A chance-corrected coefficient with the raw figures that must be read beside it (the
/// "kappa paradox": with skewed categories kappa can be low despite high raw agreement).
///
/// JSON form: `{"value": 0.64, "observed": 0.71, "n": 7}`, or with `"value": null,
/// "undefined": "<reason>"` (observed is null only when there were no items).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Coefficient {
    /// The coefficient (kappa, pi, alpha...).
    pub value: Figure,
    /// Observed agreement: the share of pairable value pairs that are equal.
    pub observed: Figure,
    /// Number of units that entered the computation.
    pub n: usize,
}

impl Serialize for Coefficient {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Coefficient", 4)?;
        s.serialize_field("value", &self.value.value())?;
        if let Figure::Undefined(reason) = self.value {
            s.serialize_field("undefined", &reason)?;
        }
        s.serialize_field("observed", &self.observed.value())?;
        s.serialize_field("n", &self.n)?;
        s.end()
    }
}

impl Coefficient {
    /// A coefficient that cannot be computed, with nothing observed.
    #[must_use]
    pub fn undefined(reason: Undefined, n: usize) -> Self {
        Self {
            value: Figure::Undefined(reason),
            observed: Figure::Undefined(reason),
            n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_denominator_is_undefined_not_nan() {
        assert_eq!(
            Figure::ratio(0.0, 0.0, Undefined::NoItems),
            Figure::Undefined(Undefined::NoItems)
        );
        assert_eq!(
            Figure::finite(f64::NAN, Undefined::NoExpectedDisagreement),
            Figure::Undefined(Undefined::NoExpectedDisagreement)
        );
        assert_eq!(
            Figure::ratio(1.0, 4.0, Undefined::NoItems),
            Figure::Value(0.25)
        );
    }

    #[test]
    fn coefficient_json_is_flat() {
        let c = Coefficient {
            value: Figure::Undefined(Undefined::NoExpectedDisagreement),
            observed: Figure::Value(1.0),
            n: 3,
        };
        let json = serde_json::to_string(&c).expect("json");
        assert_eq!(
            json,
            r#"{"value":null,"undefined":"no_expected_disagreement","observed":1.0,"n":3}"#
        );
    }

    #[test]
    fn json_form_is_explicit() {
        let v = serde_json::to_string(&Figure::Value(0.5)).expect("json");
        assert_eq!(v, r#"{"value":0.5}"#);
        let u = serde_json::to_string(&Figure::Undefined(Undefined::NoItems)).expect("json");
        assert_eq!(u, r#"{"value":null,"undefined":"no_items"}"#);
        assert_eq!(
            Figure::Undefined(Undefined::NoItems).display(3),
            "n/a (no items)"
        );
    }
}
