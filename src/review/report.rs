//! The agreement report of one document or a corpus, computed from a [`Tally`]: span F1
//! (exact, overlap, character level) and unitized alpha per kind, attribution triple F1, and
//! per attribute Cohen's kappa (two annotators), Fleiss' kappa (three or more), Krippendorff's
//! alpha (nominal, or ordinal plus quadratic-weighted kappa for ordinal attributes), each with
//! observed agreement and n. Serialises to the stable JSON of `marginalia agree --json`.

use serde::Serialize;

use crate::model::Level;
use crate::review::stats::span_f1::Counts;
use crate::review::stats::{
    Coefficient, Distance, Figure, Ratings, Undefined, Weights, cohen_kappa, fleiss_kappa,
    krippendorff_alpha,
};
use crate::review::tally::{AttrTally, EntityCounts, Tally, pairs};

/// F1 of one annotator pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairF1 {
    /// The two annotators (the first is the reference for tp/fp/fn).
    pub annotators: [String; 2],
    /// Counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// F1 = 2TP / (2TP + FP + FN).
    pub f1: Figure,
}

/// F1 averaged over annotator pairs (bratiaa's method), with each pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct F1Summary {
    /// Mean F1 over the pairs whose F1 is defined.
    pub f1: Figure,
    /// Each pair.
    pub pairs: Vec<PairF1>,
}

/// Span identification agreement of one kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanKindReport {
    /// Span kind.
    pub kind: String,
    /// Spans per annotator.
    pub spans: Vec<usize>,
    /// Same paragraph, start and end.
    pub exact: F1Summary,
    /// Any overlap, matched one-to-one greedily by IoU.
    pub overlap: F1Summary,
    /// Character level.
    pub chars: F1Summary,
    /// Krippendorff's unitized alpha over character positions.
    pub unitized_alpha: Figure,
}

/// Coefficients of one attribute over a set of units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttrFigures {
    /// Cohen's kappa (exactly two annotators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cohen_kappa: Option<Coefficient>,
    /// Quadratic-weighted kappa (ordinal attributes, two annotators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weighted_kappa: Option<Coefficient>,
    /// Fleiss' kappa (three or more annotators).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fleiss_kappa: Option<Coefficient>,
    /// Krippendorff's alpha, nominal.
    pub alpha_nominal: Coefficient,
    /// Krippendorff's alpha, ordinal (ordinal attributes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpha_ordinal: Option<Coefficient>,
}

/// A confusion matrix of two annotators on one attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confusion {
    /// Rows are the first annotator's values, columns the second's.
    pub annotators: [String; 2],
    /// Category names (rows and columns), in schema order.
    pub labels: Vec<String>,
    /// Counts.
    pub matrix: Vec<Vec<usize>>,
}

/// Agreement on one attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttrReport {
    /// Attribute name.
    pub attribute: String,
    /// Nominal or ordinal.
    pub level: &'static str,
    /// What it is recorded on.
    pub applies_to: String,
    /// Over every aligned record.
    #[serde(flatten)]
    pub figures: AttrFigures,
    /// Over the records every annotator marked High confidence.
    pub high_confidence: AttrFigures,
    /// Per annotator: aligned records whose value was left at the schema default (unset, so
    /// not counted in the figures).
    pub left_at_default: Vec<usize>,
    /// Confusion matrices per annotator pair, when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confusion: Option<Vec<Confusion>>,
}

/// The full agreement report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    /// Annotators compared.
    pub annotators: Vec<String>,
    /// Per span kind.
    pub spans: Vec<SpanKindReport>,
    /// Attribution (claim, speaker entity, cue) triple F1.
    pub attribution: F1Summary,
    /// How speaker entities aligned.
    pub entities: EntityCounts,
    /// Per categorical attribute.
    pub attributes: Vec<AttrReport>,
    /// Spans left out per annotator because they could not be placed in the current text.
    pub orphaned_spans: Vec<usize>,
}

fn summary(annotators: &[String], counts: &[Counts]) -> F1Summary {
    let pairs: Vec<PairF1> = pairs(annotators.len())
        .into_iter()
        .zip(counts)
        .map(|((a, b), c)| PairF1 {
            annotators: [annotators[a].clone(), annotators[b].clone()],
            counts: *c,
            f1: c.f1(),
        })
        .collect();
    let defined: Vec<f64> = pairs.iter().filter_map(|p| p.f1.value()).collect();
    #[allow(clippy::cast_precision_loss)]
    let f1 = if defined.is_empty() {
        Figure::Undefined(Undefined::NoItems)
    } else {
        Figure::Value(defined.iter().sum::<f64>() / defined.len() as f64)
    };
    F1Summary { f1, pairs }
}

fn figures(ratings: &Ratings, level: Level) -> AttrFigures {
    let coders = ratings.coders();
    let ordinal = level == Level::Ordinal;
    AttrFigures {
        cohen_kappa: (coders == 2).then(|| cohen_kappa(ratings, 0, 1, Weights::Unweighted)),
        weighted_kappa: (coders == 2 && ordinal)
            .then(|| cohen_kappa(ratings, 0, 1, Weights::Quadratic)),
        fleiss_kappa: (coders >= 3).then(|| fleiss_kappa(ratings)),
        alpha_nominal: krippendorff_alpha(ratings, Distance::Nominal),
        alpha_ordinal: ordinal.then(|| krippendorff_alpha(ratings, Distance::Ordinal)),
    }
}

fn attr_report(name: &str, t: &AttrTally, annotators: &[String], confusion: bool) -> AttrReport {
    let high = t
        .ratings
        .filter_units(|u| t.high_confidence.get(u).copied().unwrap_or(false));
    AttrReport {
        attribute: name.to_owned(),
        level: if t.level == Level::Ordinal {
            "ordinal"
        } else {
            "nominal"
        },
        applies_to: t.applies_to.clone(),
        figures: figures(&t.ratings, t.level),
        high_confidence: figures(&high, t.level),
        left_at_default: t.unset.clone(),
        confusion: confusion.then(|| {
            pairs(annotators.len())
                .into_iter()
                .map(|(a, b)| Confusion {
                    annotators: [annotators[a].clone(), annotators[b].clone()],
                    labels: t.domain.clone(),
                    matrix: t.ratings.confusion(a, b),
                })
                .collect()
        }),
    }
}

impl AgreementReport {
    /// Compute the report of a tally; `confusion` adds confusion matrices.
    #[must_use]
    pub fn from_tally(tally: &Tally, confusion: bool) -> Self {
        let names = &tally.annotators;
        let spans = tally
            .kinds
            .iter()
            .filter(|(_, k)| k.spans.iter().any(|&n| n > 0))
            .map(|(kind, k)| SpanKindReport {
                kind: kind.clone(),
                spans: k.spans.clone(),
                exact: summary(names, &k.exact),
                overlap: summary(names, &k.overlap),
                chars: summary(names, &k.chars),
                unitized_alpha: tally
                    .unitizing_study(kind)
                    .map_or(Figure::Undefined(Undefined::NoItems), |s| {
                        s.category_alpha(kind).alpha
                    }),
            })
            .collect();
        Self {
            annotators: names.clone(),
            spans,
            attribution: summary(names, &tally.triples),
            entities: tally.entities,
            attributes: tally
                .attrs
                .iter()
                .map(|(name, t)| attr_report(name, t, names, confusion))
                .collect(),
            orphaned_spans: tally.orphaned.clone(),
        }
    }
}
