//! Golden sidecar: an article with a BOM, CRLF line endings, curly quotes, CJK, an emoji ZWJ
//! sequence, astral characters (𝄞, a flag) and combining marks, annotated through the model
//! API. The serialised sidecar must equal the committed file byte for byte, and the offsets
//! must be Unicode scalar values after BOM removal and CRLF -> LF (as Python `str` indices,
//! computed independently).
//!
//! To accept an intended format change: `MARGINALIA_BLESS=1 cargo test --test golden_sidecar`,
//! then review the diff of `tests/fixtures/golden/unicode.alice.ann.ron`.

use std::path::{Path, PathBuf};

use marginalia::model::{AnnotationDoc, Article, Confidence, Schema};
use marginalia::store::sidecar;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name)
}

/// Mark `quote` (its first occurrence in `para`) as a span of `kind`.
fn mark(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    article: &Article,
    kind: &str,
    para: usize,
    quote: &str,
) -> String {
    let byte = article.para_text(para).find(quote).expect("quote present");
    let start = article.para_byte_to_char(para, byte);
    let end = start + quote.chars().count();
    doc.add_span(schema, article, kind, para, start, end)
        .expect("span")
}

fn build() -> (Article, AnnotationDoc) {
    let schema = Schema::default_schema();
    let article = Article::load(&fixture("unicode.txt")).expect("article");
    let mut doc = AnnotationDoc::new(&schema, &article, "alice", "2026-11-25T09:00:00Z");
    doc.modified = "2026-11-25T09:30:00Z".to_owned();
    let e1 = doc
        .add_entity(&schema, "SpeakerEntity", "王小明")
        .expect("entity");
    doc.set_attr(&schema, &e1, "speaker_type", Some("expert"))
        .expect("attr");
    let s1 = mark(&mut doc, &schema, &article, "Speaker", 1, "Dr 王小明");
    doc.span_mut(&s1).expect("s1").entity = Some(e1);
    let k1 = mark(&mut doc, &schema, &article, "Cue", 1, "said");
    let c1 = mark(
        &mut doc,
        &schema,
        &article,
        "Claim",
        1,
        "the dam is “safe” 𝄞",
    );
    doc.set_attr(&schema, &c1, "quote_form", Some("mixed"))
        .expect("attr");
    doc.attribute(&schema, &c1, &[s1], Some(&k1))
        .expect("attribution");
    let e2 = doc
        .add_entity(&schema, "SpeakerEntity", "José")
        .expect("entity");
    let s2 = mark(&mut doc, &schema, &article, "Speaker", 2, "José");
    doc.span_mut(&s2).expect("s2").entity = Some(e2);
    let k2 = mark(&mut doc, &schema, &article, "Cue", 2, "told Radio 🇵🇹");
    let c2 = mark(
        &mut doc,
        &schema,
        &article,
        "Claim",
        2,
        "“We e\u{301}nded it.”",
    );
    let a2 = doc
        .attribute(&schema, &c2, &[s2], Some(&k2))
        .expect("attribution");
    doc.set_attr(&schema, &a2, "channel", Some("other_outlet"))
        .expect("attr");
    doc.set_attr(&schema, &a2, "via", Some("Radio 🇵🇹"))
        .expect("attr");
    let attribution = doc.attribution_mut(&a2).expect("a2");
    attribution.confidence = Confidence::Low;
    attribution.note = Some("“via” is a flag emoji: 2 astral chars\nsecond line".to_owned());
    let title = mark(&mut doc, &schema, &article, "Claim", 0, "“quoted” title 👩‍👩‍👧");
    doc.span_mut(&title).expect("title").note = Some("Zoe\u{308} 👩‍👩‍👧".to_owned());
    doc.done.insert(0);
    choose_defaults(&mut doc, &schema);
    (article, doc)
}

/// This annotator chose every value: the schema default wherever nothing else was set (new
/// records carry no values until one is chosen).
fn choose_defaults(doc: &mut AnnotationDoc, schema: &Schema) {
    let fill = |attrs: &mut std::collections::BTreeMap<String, String>, names: &[String]| {
        for (k, v) in schema.defaults_for(names) {
            attrs.entry(k).or_insert(v);
        }
    };
    for span in &mut doc.spans {
        if let Some(kind) = schema.span_kind(&span.kind) {
            fill(&mut span.attrs, &kind.attrs);
        }
    }
    for entity in &mut doc.entities {
        if let Some(kind) = schema.entity_kind(&entity.kind) {
            fill(&mut entity.attrs, &kind.attrs);
        }
    }
    for a in &mut doc.attributions {
        fill(&mut a.attrs, &schema.relation.attrs);
    }
}

#[test]
fn offsets_are_python_str_indices_after_bom_and_crlf_removal() {
    let (article, doc) = build();
    assert!(!article.text().starts_with('\u{feff}'));
    assert!(!article.text().contains('\r'));
    let got: Vec<(String, usize, usize, usize)> = doc
        .spans
        .iter()
        .map(|s| {
            (
                s.anchor.exact.clone(),
                s.anchor.para,
                s.anchor.start,
                s.anchor.end,
            )
        })
        .collect();
    // Computed with Python: p.index(q), p.index(q) + len(q) on the normalised paragraphs.
    let expected = [
        ("“quoted” title 👩‍👩‍👧", 0, 2, 22),
        ("Dr 王小明", 1, 0, 6),
        ("said", 1, 7, 11),
        ("the dam is “safe” 𝄞", 1, 12, 31),
        ("José", 2, 18, 22),
        ("told Radio 🇵🇹", 2, 24, 37),
        ("“We e\u{301}nded it.”", 2, 38, 53),
    ];
    let expected: Vec<(String, usize, usize, usize)> = expected
        .iter()
        .map(|&(q, p, s, e)| (q.to_owned(), p, s, e))
        .collect();
    assert_eq!(got, expected);
    assert_eq!(article.paragraphs()[1].char_len, 61);
}

#[test]
fn serialised_sidecar_matches_the_golden_file() {
    let (_, doc) = build();
    let text = sidecar::to_ron(&doc);
    let golden = fixture("unicode.alice.ann.ron");
    if std::env::var_os("MARGINALIA_BLESS").is_some() {
        std::fs::write(&golden, &text).expect("bless golden file");
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file");
    assert_eq!(text, expected, "sidecar format changed (see file header)");
    let parsed = sidecar::parse(&expected, &golden).expect("golden parses");
    assert_eq!(parsed, doc);
    assert_eq!(sidecar::to_ron(&parsed), expected, "deterministic");
}
