//! Reference values of agreement.md §6.6, reproduced to 1e-6 (computed there with sklearn,
//! nltk, statsmodels and krippendorff; the unitized fixture is DKPro's Krippendorff2004Test).

use super::*;
use crate::review::example;

const EPS: f64 = 1e-6;

fn close(figure: Figure, expected: f64) {
    let v = figure.value().unwrap_or(f64::NAN);
    assert!(
        (v - expected).abs() < EPS,
        "got {figure:?}, expected {expected}"
    );
}

const CLAIM_TYPES: [&str; 6] = [
    "event",
    "quantity",
    "prediction",
    "characterization",
    "policy_action",
    "other",
];
const A: [&str; 7] = [
    "quantity",
    "prediction",
    "characterization",
    "prediction",
    "event",
    "policy_action",
    "characterization",
];
const B: [&str; 7] = [
    "event",
    "prediction",
    "characterization",
    "prediction",
    "event",
    "policy_action",
    "event",
];
const C: [&str; 7] = [
    "quantity",
    "prediction",
    "characterization",
    "event",
    "event",
    "policy_action",
    "characterization",
];

fn claim_types(coders: &[&[&str; 7]]) -> Ratings {
    let rows: Vec<Vec<Option<&str>>> = (0..7)
        .map(|u| coders.iter().map(|c| Some(c[u])).collect())
        .collect();
    Ratings::from_labels(&CLAIM_TYPES, coders.len(), &rows)
}

fn certainty(extra_unit_for_a: bool) -> Ratings {
    let a = [3, 2, 3, 1, 3, 3, 3];
    let b = [3, 3, 3, 1, 3, 3, 2];
    let mut r = Ratings::new(4, 2);
    for u in 0..7 {
        r.push(vec![Some(a[u]), Some(b[u])]);
    }
    if extra_unit_for_a {
        r.push(vec![Some(0), None]);
    }
    r
}

#[test]
fn claim_type_two_coders() {
    let r = claim_types(&[&A, &B]);
    let kappa = cohen_kappa(&r, 0, 1, Weights::Unweighted);
    close(kappa.value, 0.641_026);
    close(kappa.observed, 5.0 / 7.0);
    assert_eq!(kappa.n, 7);
    close(scott_pi(&r, 0, 1).value, 0.626_667);
    close(krippendorff_alpha(&r, Distance::Nominal).value, 0.653_333);
}

#[test]
fn claim_type_three_coders() {
    let r = claim_types(&[&A, &B, &C]);
    let fleiss = fleiss_kappa(&r);
    close(fleiss.value, 0.631_579);
    assert_eq!(fleiss.n, 7);
    close(krippendorff_alpha(&r, Distance::Nominal).value, 0.649_123);
}

#[test]
fn certainty_weighted_kappa() {
    let r = certainty(false);
    close(cohen_kappa(&r, 0, 1, Weights::Unweighted).value, 0.363_636);
    close(cohen_kappa(&r, 0, 1, Weights::Linear).value, 0.5625);
    close(cohen_kappa(&r, 0, 1, Weights::Quadratic).value, 0.730_769);
}

#[test]
fn certainty_alpha_levels() {
    let r = certainty(false);
    close(krippendorff_alpha(&r, Distance::Nominal).value, 0.409_091);
    close(krippendorff_alpha(&r, Distance::Ordinal).value, 0.535_714);
    close(krippendorff_alpha(&r, Distance::Interval).value, 0.75);
}

#[test]
fn unpairable_unit_is_ignored() {
    let r = certainty(true);
    let alpha = krippendorff_alpha(&r, Distance::Ordinal);
    close(alpha.value, 0.535_714);
    assert_eq!(alpha.n, 7, "the unit only A rated is not pairable");
}

/// fast-krippendorff's docstring matrix (3 coders x 15 units, missing values).
#[test]
fn krippendorff_docstring_fixture() {
    let n = None;
    let data = vec![
        vec![
            n,
            n,
            n,
            n,
            n,
            Some(3),
            Some(4),
            Some(1),
            Some(2),
            Some(1),
            Some(1),
            Some(3),
            Some(3),
            n,
            Some(3),
        ],
        vec![
            Some(1),
            n,
            Some(2),
            Some(1),
            Some(3),
            Some(3),
            Some(4),
            Some(3),
            n,
            n,
            n,
            n,
            n,
            n,
            n,
        ],
        vec![
            n,
            n,
            Some(2),
            Some(1),
            Some(3),
            Some(4),
            Some(4),
            n,
            Some(2),
            Some(1),
            Some(1),
            Some(3),
            Some(3),
            n,
            Some(4),
        ],
    ];
    let r = Ratings::from_coder_rows(&[1, 2, 3, 4], &data);
    close(krippendorff_alpha(&r, Distance::Nominal).value, 0.691_358);
    close(krippendorff_alpha(&r, Distance::Interval).value, 0.810_845);
}

/// fast-krippendorff's ordinal docstring example (given to 3 decimals there).
#[test]
fn krippendorff_ordinal_docstring_fixture() {
    let n = None;
    let s = Some;
    let data = vec![
        vec![
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(1),
            s(4),
            s(1),
            s(2),
            n,
            n,
            n,
        ],
        vec![
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(2),
            s(4),
            s(1),
            s(2),
            s(5),
            n,
            s(3),
        ],
        vec![
            n,
            s(3),
            s(3),
            s(3),
            s(2),
            s(3),
            s(4),
            s(2),
            s(2),
            s(5),
            s(1),
            n,
        ],
        vec![
            s(1),
            s(2),
            s(3),
            s(3),
            s(2),
            s(4),
            s(4),
            s(1),
            s(2),
            s(5),
            s(1),
            n,
        ],
    ];
    let r = Ratings::from_coder_rows(&[1, 2, 3, 4, 5], &data);
    let v = krippendorff_alpha(&r, Distance::Ordinal)
        .value
        .value()
        .unwrap_or(f64::NAN);
    assert!((v - 0.815).abs() < 5e-4, "{v}");
    let v = krippendorff_alpha(&r, Distance::Ratio)
        .value
        .value()
        .unwrap_or(f64::NAN);
    assert!((v - 0.797).abs() < 5e-4, "{v}");
}

#[test]
fn undefined_figures_say_why() {
    let empty = Ratings::new(3, 2);
    assert_eq!(
        cohen_kappa(&empty, 0, 1, Weights::Unweighted).value,
        Figure::Undefined(Undefined::NoItems)
    );
    assert_eq!(
        krippendorff_alpha(&empty, Distance::Nominal).value,
        Figure::Undefined(Undefined::NoItems)
    );
    assert_eq!(
        fleiss_kappa(&empty).value,
        Figure::Undefined(Undefined::NoItems)
    );
    let mut one = Ratings::new(3, 3);
    for _ in 0..5 {
        one.push(vec![Some(1), Some(1), Some(1)]);
    }
    let kappa = cohen_kappa(&one, 0, 1, Weights::Quadratic);
    assert_eq!(
        kappa.value,
        Figure::Undefined(Undefined::NoExpectedDisagreement)
    );
    assert_eq!(kappa.observed, Figure::Value(1.0));
    assert_eq!(kappa.n, 5);
    for c in [
        scott_pi(&one, 0, 1),
        fleiss_kappa(&one),
        krippendorff_alpha(&one, Distance::Ordinal),
    ] {
        assert_eq!(
            c.value,
            Figure::Undefined(Undefined::NoExpectedDisagreement)
        );
    }
    let mut lonely = Ratings::new(3, 2);
    lonely.push(vec![Some(0), None]);
    assert_eq!(
        krippendorff_alpha(&lonely, Distance::Nominal).value,
        Figure::Undefined(Undefined::NoPairableValues)
    );
}

fn extents(doc: &crate::model::AnnotationDoc) -> Vec<Extent<'_>> {
    doc.spans.iter().map(Extent::of).collect()
}

#[test]
fn span_f1_on_the_worked_example() {
    let (a, b) = (example::annotator_a(), example::annotator_b());
    assert_eq!((a.spans.len(), b.spans.len()), (17, 16));
    let (ea, eb) = (extents(&a), extents(&b));
    let exact = span_counts(&ea, &eb, MatchRule::Exact);
    assert_eq!((exact.tp, exact.fp, exact.fn_), (11, 5, 6));
    close(exact.f1(), 2.0 / 3.0);
    let overlap = span_counts(&ea, &eb, MatchRule::Overlap);
    assert_eq!((overlap.tp, overlap.fp, overlap.fn_), (15, 1, 2));
    close(overlap.f1(), 30.0 / 33.0);
    assert!((overlap.f1().value().unwrap_or(0.0) - 0.9091).abs() < 5e-5);
    let half = span_counts(&ea, &eb, MatchRule::MinIou(0.5));
    assert_eq!((half.tp, half.fp, half.fn_), (13, 3, 4));
    close(half.f1(), 26.0 / 33.0);
    let per_kind = |kind: &str| {
        let fa: Vec<_> = ea.iter().copied().filter(|e| e.kind == kind).collect();
        let fb: Vec<_> = eb.iter().copied().filter(|e| e.kind == kind).collect();
        span_counts(&fa, &fb, MatchRule::Exact).f1()
    };
    close(per_kind("Speaker"), 0.8);
    close(per_kind("Cue"), 0.8);
    close(per_kind("Claim"), 6.0 / 13.0);
    let chars = char_counts(&ea, &eb);
    assert_eq!((chars.tp, chars.fp, chars.fn_), (580, 33, 35));
    assert!((chars.f1().value().unwrap_or(0.0) - 0.9446).abs() < 5e-5);
}

#[test]
fn overlap_matching_is_one_to_one_by_best_iou() {
    let a = [Extent {
        kind: "Claim",
        para: 0,
        start: 0,
        end: 10,
    }];
    let b = [
        Extent {
            kind: "Claim",
            para: 0,
            start: 0,
            end: 3,
        },
        Extent {
            kind: "Claim",
            para: 0,
            start: 2,
            end: 10,
        },
        Extent {
            kind: "Cue",
            para: 0,
            start: 0,
            end: 10,
        },
    ];
    assert_eq!(match_spans(&a, &b, MatchRule::Overlap), vec![(0, 1)]);
    assert_eq!(
        Counts::default().f1(),
        Figure::Undefined(Undefined::NoItems)
    );
}

fn dkpro_study() -> UnitizingStudy {
    let mut s = UnitizingStudy::new(2, 150, 300);
    for (offset, len, coder, cat) in [
        (225, 70, 0, "c"),
        (370, 30, 0, "c"),
        (220, 80, 1, "c"),
        (355, 20, 1, "c"),
        (400, 20, 1, "c"),
        (180, 60, 0, "k"),
        (300, 50, 0, "k"),
        (180, 60, 1, "k"),
        (300, 50, 1, "k"),
    ] {
        s.add_unit(offset, len, coder, cat);
    }
    s
}

/// DKPro's Krippendorff2004Test gives these to 4 decimals (tolerance 1e-4, and 5e-4 for the
/// overall value, which the book computes from rounded intermediates: 1 - 0.0072/0.0511).
/// Our full-precision values are pinned to 1e-6 as a regression check.
#[test]
fn unitized_alpha_krippendorff_2004_fixture() {
    let s = dkpro_study();
    let c = s.category_alpha("c");
    assert!((c.observed_disagreement - 0.0144).abs() < 1e-4);
    assert!((c.expected_disagreement - 0.0532).abs() < 1e-4);
    assert!((c.alpha.value().unwrap_or(0.0) - 0.7286).abs() < 1e-4);
    let k = s.category_alpha("k");
    assert!(k.observed_disagreement.abs() < 1e-12);
    assert!((k.expected_disagreement - 0.0490).abs() < 1e-4);
    close(k.alpha, 1.0);
    let all = s.alpha();
    assert!((all.alpha.value().unwrap_or(0.0) - 0.8591).abs() < 5e-4);
    close(c.alpha, 0.728_599);
    close(all.alpha, 0.858_665);
}

#[test]
fn unitized_distances_match_dkpro_examples() {
    // (225,70) vs (220,80): 5^2 + 5^2 = 50; (370,30) vs (355,20): 15^2 + 25^2 = 850.
    let mut s = UnitizingStudy::new(2, 0, 1000);
    s.add_unit(225, 70, 0, "c");
    s.add_unit(220, 80, 1, "c");
    let one = s.category_alpha("c").observed_disagreement;
    assert!((one - 2.0 * 50.0 / (2.0 * 1e6)).abs() < 1e-15);
    let mut s = UnitizingStudy::new(2, 0, 1000);
    s.add_unit(400, 20, 1, "c");
    // a unit of 20 inside the other coder's gap: 20^2 = 400
    let lone = s.category_alpha("c").observed_disagreement;
    assert!((lone - 2.0 * 400.0 / (2.0 * 1e6)).abs() < 1e-15);
}
