//! Property tests: any annotation document (Unicode quotes and notes included) survives
//! `to_ron` -> `parse` unchanged, and serialising is deterministic.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use marginalia::model::{
    Anchor, AnchorStatus, AnnotationDoc, ArticleRef, Attribution, Confidence, Entity, MadeBy,
    RejectedSuggestion, ReviewRejection, Span,
};
use marginalia::store::sidecar::{parse, to_ron};
use proptest::prelude::*;

/// Text with the characters that break naive serialisers: quotes, backslashes, newlines, CR,
/// tabs, curly quotes, CJK, ZWJ sequences, astral characters, combining marks, braces.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "\\PC{0,6}",
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t".to_owned()),
        Just("“volatile”".to_owned()),
        Just("林美华".to_owned()),
        Just("👩\u{200d}👩\u{200d}👧".to_owned()),
        Just("𝄞".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("){}]".to_owned()),
        Just("\u{feff}".to_owned()),
    ];
    prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

fn id() -> impl Strategy<Value = String> {
    "[A-Z][1-9][0-9]{0,2}"
}

fn attrs() -> impl Strategy<Value = BTreeMap<String, String>> {
    prop::collection::btree_map("[a-z_]{1,12}", text(), 0..4)
}

fn confidence() -> impl Strategy<Value = Confidence> {
    prop_oneof![
        Just(Confidence::High),
        Just(Confidence::Medium),
        Just(Confidence::Low)
    ]
}

fn status() -> impl Strategy<Value = AnchorStatus> {
    prop_oneof![
        Just(AnchorStatus::Exact),
        Just(AnchorStatus::Moved),
        Just(AnchorStatus::Fuzzy),
        Just(AnchorStatus::Orphaned)
    ]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (
        0usize..50,
        0usize..100_000,
        0usize..500,
        text(),
        text(),
        text(),
    )
        .prop_map(|(para, start, len, exact, prefix, suffix)| Anchor {
            para,
            start,
            end: start + len,
            exact,
            prefix,
            suffix,
        })
}

fn span() -> impl Strategy<Value = Span> {
    (
        id(),
        "[A-Za-z]{1,10}",
        anchor(),
        status(),
        prop::option::of(id()),
        attrs(),
        confidence(),
        prop::option::of(text()),
        any::<bool>(),
    )
        .prop_map(
            |(id, kind, anchor, status, entity, attrs, confidence, note, suggested)| Span {
                id,
                kind,
                anchor,
                status,
                entity,
                attrs,
                confidence,
                note,
                suggested,
            },
        )
}

fn entity() -> impl Strategy<Value = Entity> {
    (
        id(),
        "[A-Za-z]{1,14}",
        text(),
        attrs(),
        confidence(),
        prop::option::of(text()),
        any::<bool>(),
    )
        .prop_map(
            |(id, kind, name, attrs, confidence, note, suggested)| Entity {
                id,
                kind,
                name,
                attrs,
                confidence,
                note,
                suggested,
            },
        )
}

fn attribution() -> impl Strategy<Value = Attribution> {
    (
        id(),
        id(),
        prop::collection::vec(id(), 0..3),
        prop::option::of(id()),
        prop::option::of(id()),
        attrs(),
        confidence(),
        prop::option::of(text()),
        any::<bool>(),
    )
        .prop_map(
            |(id, claim, sources, cue, within, attrs, confidence, note, suggested)| Attribution {
                id,
                claim,
                sources,
                cue,
                within,
                attrs,
                confidence,
                note,
                suggested,
            },
        )
}

fn doc() -> impl Strategy<Value = AnnotationDoc> {
    (
        (
            text(),
            "[A-Za-z0-9_-]{1,12}",
            text(),
            "[0-9a-f]{64}",
            0usize..10_000_000,
            prop::collection::vec("[0-9a-f]{64}", 0..4),
        ),
        ("[0-9TZ:-]{0,20}", "[0-9TZ:-]{0,20}"),
        prop::collection::btree_set(0usize..60, 0..5),
        prop::collection::vec(entity(), 0..3),
        prop::collection::vec(span(), 0..5),
        prop::collection::vec(attribution(), 0..3),
        prop_oneof![
            Just(MadeBy::Person),
            (text(), "[0-9a-f]{64}").prop_map(|(tool, fingerprint)| MadeBy::Suggester {
                tool,
                lexicon: "news-en/1".to_owned(),
                fingerprint,
            }),
        ],
        prop::collection::vec(
            (prop::option::of(anchor()), prop::option::of(anchor())).prop_map(|(cue, claim)| {
                RejectedSuggestion {
                    cue,
                    source: None,
                    claim,
                }
            }),
            0..3,
        ),
        prop::collection::vec(
            (text(), 0usize..9, 0usize..50, 0usize..50, text()).prop_map(
                |(kind, para, start, end, exact)| ReviewRejection {
                    kind,
                    para,
                    start,
                    end,
                    exact,
                },
            ),
            0..3,
        ),
    )
        .prop_map(
            |(
                (schema, annotator, file, sha256, chars, paragraphs),
                (created, modified),
                done,
                entities,
                spans,
                attributions,
                made_by,
                rejected,
                review_rejections,
            )| AnnotationDoc {
                format_version: marginalia::model::annotation::FORMAT_VERSION,
                schema,
                annotator,
                article: ArticleRef {
                    file,
                    sha256,
                    chars,
                    paragraphs: paragraphs.into(),
                },
                created,
                modified,
                done: done.into_iter().collect::<BTreeSet<_>>(),
                entities,
                spans,
                attributions,
                made_by,
                rejected,
                review_rejections,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sidecar_round_trips_exactly(d in doc()) {
        let text = to_ron(&d);
        prop_assert!(!text.contains('\r'), "raw CR in output");
        let back = parse(&text, Path::new("x.ann.ron"))
            .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(to_ron(&back), text);
    }

    /// The same records in any order serialise to the same bytes once canonicalised.
    #[test]
    fn serialising_is_deterministic(d in doc()) {
        let mut a = d;
        let mut seen = BTreeSet::new();
        a.spans.retain(|s| seen.insert(s.id.clone()));
        a.entities.retain(|e| seen.insert(e.id.clone()));
        a.attributions.retain(|x| seen.insert(x.id.clone()));
        let mut b = a.clone();
        b.spans.reverse();
        b.entities.reverse();
        b.attributions.reverse();
        a.canonicalize();
        b.canonicalize();
        prop_assert_eq!(to_ron(&a), to_ron(&b));
    }
}
