//! Properties of the agreement coefficients on random data: known identities between them
//! (Fleiss = Scott for two coders; alpha = pi + (1 - pi) / 2N), perfect agreement gives 1,
//! span F1 is symmetric and monotone in the match rule, and nothing is ever NaN.

use marginalia::review::stats::{
    Distance, Extent, Figure, MatchRule, Ratings, Weights, cohen_kappa, fleiss_kappa,
    krippendorff_alpha, match_spans, scott_pi, span_counts,
};
use proptest::prelude::*;

fn ratings(rows: &[(usize, usize)], k: usize) -> Ratings {
    let mut r = Ratings::new(k, 2);
    for &(a, b) in rows {
        r.push(vec![Some(a % k), Some(b % k)]);
    }
    r
}

fn defined_or_explained(f: Figure) -> bool {
    match f {
        Figure::Value(v) => v.is_finite(),
        Figure::Undefined(_) => true,
    }
}

fn close(x: Figure, y: Figure) -> bool {
    match (x, y) {
        (Figure::Value(a), Figure::Value(b)) => (a - b).abs() < 1e-9,
        (Figure::Undefined(_), Figure::Undefined(_)) => true,
        _ => false,
    }
}

const KINDS: [&str; 2] = ["Claim", "Cue"];

fn extents(raw: &[(usize, usize, usize, usize)]) -> Vec<Extent<'static>> {
    raw.iter()
        .map(|&(k, para, start, len)| Extent {
            kind: KINDS[k % 2],
            para: para % 2,
            start,
            end: start + len + 1,
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn two_coder_identities(rows in prop::collection::vec((0usize..4, 0usize..4), 1..30)) {
        let r = ratings(&rows, 4);
        let pi = scott_pi(&r, 0, 1).value;
        prop_assert!(close(fleiss_kappa(&r).value, pi), "Fleiss = Scott for two coders");
        #[allow(clippy::cast_precision_loss)]
        let n2 = 2.0 * rows.len() as f64;
        let alpha = krippendorff_alpha(&r, Distance::Nominal).value;
        prop_assert!(close(alpha, pi.map(|p| p + (1.0 - p) / n2)), "alpha = pi + (1 - pi)/2N");
        for w in [Weights::Unweighted, Weights::Linear, Weights::Quadratic] {
            let c = cohen_kappa(&r, 0, 1, w);
            prop_assert!(defined_or_explained(c.value));
            prop_assert_eq!(c.n, rows.len());
        }
        for d in [Distance::Nominal, Distance::Ordinal, Distance::Interval, Distance::Ratio] {
            prop_assert!(defined_or_explained(krippendorff_alpha(&r, d).value));
        }
    }

    #[test]
    fn perfect_agreement_is_one(values in prop::collection::vec(0usize..4, 2..30)) {
        prop_assume!(values.iter().any(|&v| v != values[0]));
        let rows: Vec<(usize, usize)> = values.iter().map(|&v| (v, v)).collect();
        let r = ratings(&rows, 4);
        prop_assert_eq!(cohen_kappa(&r, 0, 1, Weights::Quadratic).value, Figure::Value(1.0));
        prop_assert!(close(krippendorff_alpha(&r, Distance::Ordinal).value, Figure::Value(1.0)));
        prop_assert_eq!(cohen_kappa(&r, 0, 1, Weights::Unweighted).observed, Figure::Value(1.0));
    }

    #[test]
    fn span_f1_is_symmetric_and_monotone(
        a in prop::collection::vec((0usize..2, 0usize..2, 0usize..60, 0usize..15), 0..12),
        b in prop::collection::vec((0usize..2, 0usize..2, 0usize..60, 0usize..15), 0..12),
    ) {
        let (a, b) = (extents(&a), extents(&b));
        let exact = span_counts(&a, &b, MatchRule::Exact);
        let half = span_counts(&a, &b, MatchRule::MinIou(0.5));
        let overlap = span_counts(&a, &b, MatchRule::Overlap);
        prop_assert!(exact.tp <= half.tp && half.tp <= overlap.tp);
        prop_assert_eq!(span_counts(&b, &a, MatchRule::Overlap).f1(), overlap.f1());
        let pairs = match_spans(&a, &b, MatchRule::Overlap);
        let mut used_a: Vec<usize> = pairs.iter().map(|p| p.0).collect();
        let mut used_b: Vec<usize> = pairs.iter().map(|p| p.1).collect();
        used_a.dedup();
        used_b.sort_unstable();
        used_b.dedup();
        prop_assert_eq!(used_a.len(), pairs.len(), "one-to-one on a's side");
        prop_assert_eq!(used_b.len(), pairs.len(), "one-to-one on b's side");
        for (i, j) in pairs {
            prop_assert_eq!(a[i].kind, b[j].kind);
            prop_assert!(a[i].iou(&b[j]) > 0.0);
        }
    }
}
