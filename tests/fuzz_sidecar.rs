//! Fuzzing the sidecar readers: arbitrary bytes and mutations of real sidecars (sample data,
//! golden, invalid and old-format fixtures). Whatever the bytes:
//! - nothing panics, neither parsing nor what opening a sidecar does next (re-anchoring,
//!   checking against the schema and the article, the corpus summary, brat export);
//! - every error names the file, parse errors with `line:col`;
//! - the fast reader never accepts a text differently from the RON parser, and the corpus
//!   list's summary reader (which reads a few fields, fast or through RON) agrees with the
//!   summary of the fully parsed document;
//! - a document that parses survives `to_ron` -> parse unchanged, through the fast path.

mod fuzz_support;

use std::path::Path;
use std::sync::LazyLock;

use fuzz_support::{DEFAULT_CASES, inputs, names_line_col, run, seeds};
use marginalia::model::annotation::FORMAT_VERSION;
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::sidecar::{self, SidecarError, to_ron};
use marginalia::store::{fast, reanchor, validate};
use proptest::prelude::*;

const PATH: &str = "fuzz/wire.alice.ann.ron";

/// Pieces of the sidecar syntax the mutations insert.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\\"",
    "\\u{1F600}",
    "\\u{D800}",
    "\\x41",
    "\\n",
    "\\\n",
    "//",
    "/* ",
    " */",
    "r#\"",
    "\"#",
    "b\"",
    "Some(",
    "None",
    "true",
    "false",
    "Some(\"x\")",
    "format_version: 1,",
    "format_version: 2,",
    "format_version: 99,",
    "spans: [],",
    "entities: [],",
    "done: [0],",
    "attrs: {\"a\": \"b\"},",
    "para: 0,",
    "start: 0,",
    "end: 4294967295,",
    "confidence: High,",
    "status: Orphaned,",
    "Claim",
    "E1",
    "#![enable(implicit_some)]",
    "AnnotationDoc",
    "\u{feff}",
    "\r\n",
    "\r",
    "\t",
    "\0",
    "\u{2028}",
    "\u{85}",
    "“",
    "林美华",
    "👩\u{200d}👩\u{200d}👧",
    "e\u{301}",
    "𝄞",
    "\u{a0}",
    "0",
    "1",
    "01",
    "-1",
    "1.0",
    "'c'",
];

/// The articles the fuzzed sidecars are opened against.
static ARTICLES: LazyLock<Vec<Article>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "sample-data/wire-001.txt",
        "sample-data/wire-003.md",
        "tests/fixtures/golden/unicode.txt",
    ]
    .iter()
    .map(|rel| Article::load(&root.join(rel)).unwrap_or_else(|e| panic!("{e}")))
    .collect()
});

static SCHEMA: LazyLock<Schema> = LazyLock::new(Schema::default_schema);

fn all_seeds() -> Vec<Vec<u8>> {
    let mut all = seeds("sample-data", ".ann.ron");
    for dir in [
        "tests/fixtures/golden",
        "tests/fixtures/invalid",
        "tests/fixtures/migrate",
    ] {
        all.extend(seeds(dir, ".ann.ron"));
    }
    all
}

/// An error as the user sees it: names the file; a parse error also the line and column.
fn error_is_located(e: &SidecarError) -> Result<(), TestCaseError> {
    let message = e.to_string();
    prop_assert!(
        message.starts_with(PATH),
        "does not name the file: {message}"
    );
    if matches!(e, SidecarError::Parse { .. }) {
        prop_assert!(names_line_col(&message, PATH), "no line:col: {message}");
    }
    Ok(())
}

/// What opening a parsed sidecar does: none of it may panic, and the document round-trips.
fn use_document(doc: &AnnotationDoc, article: &Article) -> Result<(), TestCaseError> {
    let text = to_ron(doc);
    let quick = fast::parse(&text);
    prop_assert_eq!(quick.as_ref(), Some(doc), "to_ron left the fast path");
    let back = sidecar::parse(&text, Path::new(PATH));
    prop_assert_eq!(
        back.as_ref().ok(),
        Some(doc),
        "round trip changed the document"
    );
    let mut opened = doc.clone();
    let report = reanchor(&mut opened, article);
    let _ = report.is_clean();
    let _ = validate::check_doc(&opened, &SCHEMA);
    let _ = validate::check_against_article(&opened, article);
    let _ = marginalia::corpus::summarize_doc(&opened, "Claim");
    let _ = marginalia::export::brat::ann_text(&SCHEMA, article, &opened);
    Ok(())
}

/// The corpus list's summary of the file agrees with the parsed document's.
fn summary_agrees(file: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(file, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let shown = file.display().to_string();
    let summary = marginalia::corpus::summarize(file, "Claim");
    if let Err(e) = &summary {
        let message = e.to_string();
        prop_assert!(
            message.starts_with(&shown),
            "does not name the file: {message}"
        );
        if matches!(e, SidecarError::Parse { .. }) {
            prop_assert!(names_line_col(&message, &shown), "no line:col: {message}");
        }
    }
    let parsed = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| sidecar::parse(text, file).ok())
        .filter(|doc| doc.format_version == FORMAT_VERSION);
    if let Some(doc) = parsed {
        let expected = marginalia::corpus::summarize_doc(&doc, "Claim");
        prop_assert_eq!(
            summary.ok(),
            Some(expected),
            "summary differs from the document's"
        );
    }
    Ok(())
}

fn check(bytes: &[u8], article: &Article, file: &Path) -> Result<(), TestCaseError> {
    summary_agrees(file, bytes)?;
    let path = Path::new(PATH);
    let text = match sidecar::decode(bytes, path) {
        Ok(text) => text,
        Err(e) => return error_is_located(&e),
    };
    if let Some(quick) = fast::parse(text) {
        match ron::from_str::<AnnotationDoc>(text) {
            Ok(slow) => prop_assert_eq!(&quick, &slow, "fast path and RON disagree"),
            Err(e) => {
                return Err(TestCaseError::fail(format!(
                    "the fast path accepts what RON refuses ({e})"
                )));
            }
        }
    }
    match sidecar::parse(text, path) {
        Ok(doc) => use_document(&doc, article)?,
        Err(e) => error_is_located(&e)?,
    }
    match sidecar::parse_any(text, path) {
        Ok((doc, _)) => use_document(&doc, article)?,
        Err(e) => error_is_located(&e)?,
    }
    Ok(())
}

#[test]
fn fuzz_sidecar_readers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("wire.alice.ann.ron");
    let strategy = (inputs(all_seeds(), TOKENS), 0..ARTICLES.len());
    run("sidecar", file!(), DEFAULT_CASES, strategy, |(bytes, a)| {
        check(&bytes, &ARTICLES[a], &file)
    });
}
