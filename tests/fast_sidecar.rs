//! The fast sidecar reader (`store::fast`) must agree with the RON parser: every document
//! `to_ron` writes takes the fast path to the same value, and any other text either parses to
//! exactly what the RON parser returns or falls back to it.

use std::collections::{BTreeMap, BTreeSet};

use marginalia::model::annotation::FORMAT_VERSION;
use marginalia::model::{
    Anchor, AnchorStatus, AnnotationDoc, ArticleRef, Attribution, Confidence, Entity, MadeBy,
    RejectedSuggestion, ReviewRejection, Span,
};
use marginalia::store::fast;
use marginalia::store::sidecar::to_ron;
use proptest::prelude::*;

/// Strings built from pieces that look like RON syntax, escapes and comments, plus Unicode
/// that serialisers escape (ZWJ, combining marks, BOM, controls).
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        "\\PC{0,5}",
        "[\\x00-\\x1f\\x7f]{1,2}",
        prop::sample::select(vec![
            "\"",
            "\\",
            "\\\"",
            "\\\\",
            "//",
            "/*",
            "*/",
            "\\u{41}",
            "\\u{1F600}",
            "\\x41",
            "\\n",
            "r#\"",
            "\"#",
            "r\"",
            "b\"",
            "Some(",
            "None",
            ")",
            "(",
            "]",
            "[",
            "{",
            "}",
            ":",
            ",",
            ", ",
            "confidence: High",
            "note: None",
            "\n",
            "\r\n",
            "\r",
            "\t",
            "“q”",
            "林美华",
            "👩\u{200d}👩\u{200d}👧",
            "𝄞",
            "e\u{301}",
            "\u{feff}",
            "\u{2028}",
            "\u{85}",
            "\0",
            "'",
            "#",
            "_1",
            "-1",
            "+1",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(pieces, 0..6).prop_map(|v| v.concat())
}

fn attrs() -> impl Strategy<Value = BTreeMap<String, String>> {
    let key = prop_oneof![
        text(),
        prop::sample::select(vec!["confidence", "status", "note", "Some", "None", "id"])
            .prop_map(str::to_owned),
    ];
    prop::collection::btree_map(key, text(), 0..4)
}

fn confidence() -> impl Strategy<Value = Confidence> {
    prop::sample::select(vec![Confidence::High, Confidence::Medium, Confidence::Low])
}

fn status() -> impl Strategy<Value = AnchorStatus> {
    prop::sample::select(vec![
        AnchorStatus::Exact,
        AnchorStatus::Moved,
        AnchorStatus::Fuzzy,
        AnchorStatus::Orphaned,
    ])
}

fn number() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..100, any::<usize>(), Just(usize::MAX)]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (number(), number(), number(), text(), text(), text()).prop_map(
        |(para, start, end, exact, prefix, suffix)| Anchor {
            para,
            start,
            end,
            exact,
            prefix,
            suffix,
        },
    )
}

fn span() -> impl Strategy<Value = Span> {
    (
        (text(), text(), anchor(), status()),
        (
            prop::option::of(text()),
            attrs(),
            confidence(),
            prop::option::of(text()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((id, kind, anchor, status), (entity, attrs, confidence, note, suggested))| Span {
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
        text(),
        text(),
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
        (text(), text(), prop::collection::vec(text(), 0..3)),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            attrs(),
            confidence(),
            prop::option::of(text()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |((id, claim, sources), (cue, within, attrs, confidence, note, suggested))| {
                Attribution {
                    id,
                    claim,
                    sources,
                    cue,
                    within,
                    attrs,
                    confidence,
                    note,
                    suggested,
                }
            },
        )
}

fn made_by() -> impl Strategy<Value = MadeBy> {
    prop_oneof![
        Just(MadeBy::Person),
        (text(), text(), text()).prop_map(|(tool, lexicon, fingerprint)| MadeBy::Suggester {
            tool,
            lexicon,
            fingerprint,
        }),
    ]
}

fn rejected() -> impl Strategy<Value = RejectedSuggestion> {
    (
        prop::option::of(anchor()),
        prop::option::of(anchor()),
        prop::option::of(anchor()),
    )
        .prop_map(|(cue, source, claim)| RejectedSuggestion { cue, source, claim })
}

fn review_rejection() -> impl Strategy<Value = ReviewRejection> {
    (text(), number(), number(), number(), text()).prop_map(|(kind, para, start, end, exact)| {
        ReviewRejection {
            kind,
            para,
            start,
            end,
            exact,
        }
    })
}

fn doc() -> impl Strategy<Value = AnnotationDoc> {
    (
        (0..=FORMAT_VERSION, text(), text(), text(), text(), number()),
        (
            prop::collection::vec(text(), 0..3),
            text(),
            text(),
            prop::collection::btree_set(number(), 0..4),
        ),
        prop::collection::vec(entity(), 0..3),
        prop::collection::vec(span(), 0..4),
        prop::collection::vec(attribution(), 0..3),
        (
            made_by(),
            prop::collection::vec(rejected(), 0..3),
            prop::collection::vec(review_rejection(), 0..3),
        ),
    )
        .prop_map(
            |(
                (format_version, schema, annotator, file, sha256, chars),
                (paragraphs, created, modified, done),
                entities,
                spans,
                attributions,
                (made_by, rejected, review_rejections),
            )| AnnotationDoc {
                format_version,
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

/// The fast path either declines or returns what the RON parser returns; it never accepts
/// a text the RON parser refuses, nor a format version from the future.
fn agrees(text: &str) -> Result<(), String> {
    let Some(fast) = fast::parse(text) else {
        return Ok(());
    };
    match ron::from_str::<AnnotationDoc>(text) {
        Ok(slow) if slow == fast && fast.format_version <= FORMAT_VERSION => Ok(()),
        Ok(slow) => Err(format!("fast {fast:?}\nron {slow:?}\n{text}")),
        Err(e) => Err(format!("fast accepted what RON refuses ({e}):\n{text}")),
    }
}

/// Fragments spliced into a written sidecar to alter it.
const SPLICES: &[&str] = &[
    ",",
    ",,",
    ")",
    "(",
    "]",
    "[",
    "{",
    "}",
    ":",
    "\"",
    "\\",
    "// c\n",
    "/* c */",
    "Some(",
    "None",
    "Some(None)",
    "r#",
    "r\"x\"",
    "_",
    "-",
    "+",
    "0",
    "1",
    "x",
    "\\u{41}",
    "\\x41",
    "High",
    "\"High\"",
    "note: None,",
    "note: \"n\",",
    "id: \"X\",",
    "confidence: Low,",
    "attrs: (),",
    "attrs: {},",
    "within: Some(\"A1\"),",
    "done: [],",
    " ",
    "\n",
    "\\\n",
    "\u{2028}",
    "\u{feff}",
    "format_version: 2,",
    "format_version: 1,",
    "suggested: true,",
    "suggested: false,",
    "made_by: Person,",
    "Suggester(tool: \"t\"),",
    "rejected: [],",
    "true",
    "false",
];

/// Apply `(position, delete, splice)` edits to `text` at character boundaries.
fn mutate(text: &str, edits: &[(usize, usize, usize)]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for &(pos, delete, splice) in edits {
        let at = pos % (chars.len() + 1);
        let end = (at + delete).min(chars.len());
        let insert: Vec<char> = SPLICES[splice % SPLICES.len()].chars().collect();
        chars.splice(at..end, insert);
    }
    chars.into_iter().collect()
}

/// Index of the bracket closing the one at `open`, skipping strings.
fn matching(b: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut i = open;
    while i < b.len() {
        match b[i] {
            b'\\' if in_string => i += 1,
            b'"' => in_string = !in_string,
            b'(' | b'[' | b'{' if !in_string => depth += 1,
            b')' | b']' | b'}' if !in_string => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index just after the string starting at `open` (a `"`).
fn string_end(b: &[u8], open: usize) -> Option<usize> {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The `n`th (modulo their count) occurrence of `pat` in `text`.
fn nth(text: &str, pat: &str, n: usize) -> Option<usize> {
    let hits: Vec<usize> = text.match_indices(pat).map(|(i, _)| i).collect();
    (!hits.is_empty()).then(|| hits[n % hits.len()])
}

/// Change the shape of one value the way a hand edit or another tool might: unwrap or add
/// `Some(...)`, swap a pair of brackets for another kind, quote an enum variant, nest a
/// `None`. Returns `None` when the text has no place for that edit.
fn reshape(text: &str, kind: usize, n: usize) -> Option<String> {
    let b = text.as_bytes();
    let mut s = text.to_owned();
    match kind % 5 {
        0 => {
            let at = nth(text, "Some(", n)?;
            let close = matching(b, at + 4)?;
            s.replace_range(close..=close, "");
            s.replace_range(at..at + 5, "");
        }
        1 => {
            let at = nth(text, ": \"", n)? + 2;
            let end = string_end(b, at)?;
            s.insert(end, ')');
            s.insert_str(at, "Some(");
        }
        2 => {
            let opens: Vec<usize> = (0..b.len())
                .filter(|&i| matches!(b[i], b'(' | b'[' | b'{'))
                .collect();
            let at = *opens.get(n % opens.len().max(1))?;
            let close = matching(b, at)?;
            let pairs = [("(", ")"), ("[", "]"), ("{", "}")];
            let (o, c) = pairs[(n / 7) % 3];
            s.replace_range(close..=close, c);
            s.replace_range(at..=at, o);
        }
        3 => {
            let at = [
                ": High", ": Medium", ": Low", ": Exact", ": Moved", ": Fuzzy",
            ]
            .iter()
            .filter_map(|p| nth(text, p, n))
            .min()?
                + 2;
            let end = at + text[at..].find(',')?;
            s.insert(end, '"');
            s.insert(at, '"');
        }
        _ => {
            let at = nth(text, "None", n)?;
            s.replace_range(at..at + 4, "Some(None)");
        }
    }
    Some(s)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn written_sidecars_take_the_fast_path_to_the_same_document(d in doc()) {
        let text = to_ron(&d);
        let slow: AnnotationDoc = ron::from_str(&text)
            .map_err(|e| TestCaseError::fail(format!("ron: {e}\n{text}")))?;
        prop_assert_eq!(&slow, &d);
        prop_assert_eq!(fast::parse(&text), Some(d));
    }

    #[test]
    fn altered_sidecars_parse_identically_or_fall_back(
        d in doc(),
        edits in prop::collection::vec((any::<usize>(), 0usize..4, any::<usize>()), 1..4),
    ) {
        let text = mutate(&to_ron(&d), &edits);
        agrees(&text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn reshaped_sidecars_parse_identically_or_fall_back(
        d in doc(),
        edits in prop::collection::vec((any::<usize>(), any::<usize>()), 1..3),
    ) {
        let mut text = to_ron(&d);
        for (kind, n) in edits {
            if let Some(changed) = reshape(&text, kind, n) {
                text = changed;
            }
        }
        agrees(&text).map_err(TestCaseError::fail)?;
    }
}

/// A small document, written with every optional field present.
const BASE: &str = r#"(
    format_version: 1,
    schema: "newsattr/1",
    annotator: "alice",
    article: (
        file: "a.txt",
        sha256: "00",
        chars: 12,
        paragraphs: ["p0", "p1"],
    ),
    created: "2026-01-01T00:00:00Z",
    modified: "2026-01-01T00:00:00Z",
    done: [0],
    entities: [
        (id: "E1", kind: "SpeakerEntity", name: "Ann", attrs: {"speaker_type": "government"}, confidence: High, note: None),
    ],
    spans: [
        (
            id: "C1",
            kind: "Claim",
            anchor: (para: 0, start: 0, end: 4, exact: "Rain", prefix: "", suffix: " fell"),
            status: Exact,
            entity: None,
            attrs: {"certainty": "certain"},
            confidence: Medium,
            note: Some("n"),
        ),
    ],
    attributions: [
        (id: "A1", claim: "C1", sources: ["S1"], cue: None, within: Some("A0"), attrs: {}, confidence: Low, note: None),
    ],
)
"#;

/// The `article` record of [`BASE`].
const ARTICLE: &str = "article: (\n        file: \"a.txt\",\n        sha256: \"00\",\n        chars: 12,\n        paragraphs: [\"p0\", \"p1\"],\n    ),";

fn variant(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

#[test]
fn hand_written_variants_that_take_the_fast_path() {
    let cases = [
        BASE.to_owned(),
        variant("note: Some(\"n\"),", "note: Some ( \"n\" , ),"),
        variant(
            "note: Some(\"n\")",
            "note: Some(\"a // b /* c */ \\\" \\u{1F600} \\' r#\\\"x\\\"#\")",
        ),
        variant(
            "name: \"Ann\"",
            "name: \"\\u{200d}\\u{301}\\u{0041}\\u{00000A}\"",
        ),
        variant("name: \"Ann\"", "name: \"raw\tcontrol\nchars\r\""),
        variant("name: \"Ann\"", "name: \"confidence: High\""),
        variant(
            "{\"speaker_type\": \"government\"}",
            "{\"confidence\": \"High\", \"status\": \"x\",}",
        ),
        variant(
            "paragraphs: [\"p0\", \"p1\"],",
            "paragraphs: [\"p0\", \"p1\",],\n",
        ),
        variant("    done: [0],\n", ""),
        variant("status: Exact,\n", ""),
        variant("confidence: Low, ", "confidence  :  Low ,\t"),
        variant("chars: 12", "chars: 18446744073709551615"),
        variant("done: [0]", "done: [3, 1, 3, 0]"),
        variant(
            "attrs: {\"certainty\": \"certain\"}",
            "attrs: {\"k\": \"1\", \"k\": \"2\"}",
        ),
        variant("format_version: 1", "format_version: 0"),
    ];
    for text in cases {
        let fast = fast::parse(&text).unwrap_or_else(|| panic!("fast path declined:\n{text}"));
        let slow: AnnotationDoc = ron::from_str(&text).expect("ron parses");
        assert_eq!(fast, slow, "{text}");
    }
}

#[test]
fn hand_written_variants_that_fall_back_or_fail_on_both_paths() {
    let cases = [
        // Valid RON outside the subset: the RON parser reads them.
        variant("done: [0],", "done: [0], // done\n"),
        variant("done: [0],", "/* block */ done: [0],"),
        variant("name: \"Ann\"", "name: r#\"A\"nn\"#"),
        variant("name: \"Ann\"", "name: \"A\\\n     nn\""),
        variant("name: \"Ann\"", "name: \"\\x41nn\""),
        variant("chars: 12", "chars: 1_2"),
        variant("chars: 12", "chars: 0xC"),
        variant("chars: 12", "chars: +12"),
        variant("chars: 12", "chars: 012"),
        variant("chars: 12", "chars: -0"),
        variant(
            "(\n    format_version",
            "AnnotationDoc(\n    format_version",
        ),
        variant("anchor: (", "anchor: Anchor("),
        variant("status: Exact", "status: r#Exact"),
        variant("id: \"C1\"", "r#id: \"C1\""),
        variant(
            "(\n    format_version",
            "#![enable(implicit_some)]\n(\n    format_version",
        ),
        variant("done: [0],", "done: [0],\u{2028}"),
        // Not valid sidecars: both refuse.
        variant("annotator: \"alice\"", "annotator: Some(\"alice\")"),
        variant("note: Some(\"n\")", "note: \"n\""),
        variant("note: Some(\"n\")", "note: Some(Some(\"n\"))"),
        variant("note: Some(\"n\")", "note: Some(None)"),
        variant("note: Some(\"n\")", "note: Some()"),
        variant("attrs: {}", "attrs: ()"),
        variant("attrs: {}", "attrs: (channel: \"wire\")"),
        variant("confidence: Medium", "confidence: \"Medium\""),
        variant("confidence: Medium", "confidence: Sure"),
        variant("confidence: Medium", "confidence: Some(Medium)"),
        variant("chars: 12,", "chars: 12, chars: 13,"),
        variant("chars: 12,", "chars: 12, pages: 1,"),
        variant("chars: 12", "chars: -1"),
        variant("chars: 12", "chars: 1.0"),
        variant("chars: 12", "chars: 184467440737095516160"),
        variant("format_version: 1", "format_version: 4294967296"),
        variant("done: [0]", "done: [Some(0)]"),
        variant("done: [0]", "done: [,]"),
        variant(
            "paragraphs: [\"p0\", \"p1\"],",
            "paragraphs: [\"p0\" \"p1\"],",
        ),
        variant("    created: \"2026-01-01T00:00:00Z\",\n", ""),
        variant(
            ARTICLE,
            "article: [\"a.txt\", \"00\", 12, [\"p0\", \"p1\"]],",
        ),
        variant(
            ARTICLE,
            "article: {\"file\": \"a.txt\", \"sha256\": \"00\", \"chars\": 12, \"paragraphs\": []},",
        ),
        format!("{BASE}()"),
        format!("{BASE},"),
    ];
    for text in cases {
        agrees(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fast::parse(&text), None, "fast path taken:\n{text}");
    }
    // A future version falls back, and the RON parser reads it (the caller refuses it).
    let future = variant("format_version: 1", "format_version: 99");
    assert_eq!(fast::parse(&future), None);
    assert!(ron::from_str::<AnnotationDoc>(&future).is_ok());
}
