//! The agreement report computed through the library: figures on the worked example, pooling
//! of documents into corpus figures, and character offsets with non-ASCII text.

use std::path::Path;

use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::review::example;
use marginalia::review::report::AgreementReport;
use marginalia::review::stats::Figure;
use marginalia::review::tally::Tally;

fn value(f: Figure) -> f64 {
    f.value().expect("defined")
}

#[test]
fn worked_example_report() {
    let schema = Schema::default_schema();
    let (a, b) = (example::annotator_a(), example::annotator_b());
    let tally = Tally::of_document(&schema, &example::article(), &[&a, &b]);
    let report = AgreementReport::from_tally(&tally, true);
    let claim = report
        .spans
        .iter()
        .find(|k| k.kind == "Claim")
        .expect("claims");
    assert_eq!(claim.spans, [7, 6]);
    assert!((value(claim.exact.f1) - 6.0 / 13.0).abs() < 1e-12);
    assert!((value(report.attribution.f1) - 10.0 / 12.0).abs() < 1e-12);
    let certainty = report
        .attributes
        .iter()
        .find(|r| r.attribute == "certainty")
        .expect("certainty");
    assert_eq!(certainty.level, "ordinal");
    // Matched claims: C1~C1b, C2, C4~C3+C4 (possible vs certain), C5, C6.
    let kappa = certainty.figures.cohen_kappa.expect("two annotators");
    assert_eq!(kappa.n, 5);
    assert!((value(kappa.value) - 0.583_333_333).abs() < 1e-6);
    let quadratic = certainty.figures.weighted_kappa.expect("ordinal");
    assert!((value(quadratic.value) - 1.0 / 6.0).abs() < 1e-9);
    assert!(certainty.figures.fleiss_kappa.is_none());
    let confusion = &certainty.confusion.as_ref().expect("asked for")[0];
    assert_eq!(confusion.labels[1], "possible");
    assert_eq!(confusion.matrix[1][3], 1);
    // Entity attributes are measured on aligned mentions.
    let speaker_type = report
        .attributes
        .iter()
        .find(|r| r.attribute == "speaker_type")
        .expect("speaker_type");
    assert_eq!(speaker_type.applies_to, "SpeakerEntity");
    assert_eq!(speaker_type.figures.alpha_nominal.n, 5);
}

#[test]
fn corpus_figures_pool_documents() {
    let schema = Schema::default_schema();
    let (a, b) = (example::annotator_a(), example::annotator_b());
    let one = Tally::of_document(&schema, &example::article(), &[&a, &b]);
    let mut two = one.clone();
    two.add(&one);
    let claim = |t: &Tally| t.kinds["Claim"].exact[0];
    assert_eq!(claim(&two).tp, 2 * claim(&one).tp);
    assert_eq!(claim(&two).fn_, 2 * claim(&one).fn_);
    assert_eq!(two.kinds["Claim"].length, 2 * one.kinds["Claim"].length);
    let r1 = AgreementReport::from_tally(&one, false);
    let r2 = AgreementReport::from_tally(&two, false);
    let kappa = |r: &AgreementReport| {
        r.attributes
            .iter()
            .find(|x| x.attribute == "claim_type")
            .and_then(|x| x.figures.cohen_kappa)
            .expect("kappa")
    };
    // Duplicating every unit leaves kappa unchanged and doubles n.
    assert!((value(kappa(&r1).value) - value(kappa(&r2).value)).abs() < 1e-12);
    assert_eq!(kappa(&r2).n, 2 * kappa(&r1).n);
    // Unitized alpha over the two documents laid end to end stays defined.
    let u = |r: &AgreementReport| {
        value(
            r.spans
                .iter()
                .find(|k| k.kind == "Cue")
                .expect("cue")
                .unitized_alpha,
        )
    };
    assert!(u(&r1) > 0.0 && u(&r2) > 0.0);
}

#[test]
fn offsets_are_characters_with_emoji_cjk_and_combining_marks() {
    let schema = Schema::default_schema();
    let text = "👩‍👩‍👧 佐藤健 said 🥟 e\u{301}tait “fine”.\n\n佐藤健 said the stall was “fine”.";
    let article = Article::from_text(Path::new("u.txt"), text).expect("article");
    let p1: Vec<char> = article.para_text(1).chars().collect();
    assert_eq!(p1[..3].iter().collect::<String>(), "佐藤健");
    let build = |name: &str, claim_end: usize| {
        let mut d = AnnotationDoc::new(&schema, &article, name, "t");
        d.add_span(&schema, &article, "Speaker", 1, 0, 3)
            .expect("speaker");
        d.add_span(&schema, &article, "Claim", 1, 9, claim_end)
            .expect("claim");
        d
    };
    let a = build("a", 29);
    let b = build("b", 27);
    assert_eq!(
        a.span("C1").map(|s| s.anchor.exact.as_str()),
        Some("the stall was “fine”")
    );
    let tally = Tally::of_document(&schema, &article, &[&a, &b]);
    let chars = tally.kinds["Claim"].chars[0];
    assert_eq!((chars.tp, chars.fp, chars.fn_), (18, 0, 2));
    let para1 = article.doc_offset(1, 0) as u64;
    assert_eq!(para1, article.para_text(0).chars().count() as u64 + 2);
    assert!(
        tally.kinds["Speaker"]
            .units
            .iter()
            .all(|u| u.1 == para1 && u.2 == 3)
    );
}
