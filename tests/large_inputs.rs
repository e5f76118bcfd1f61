//! 10 MB articles (one paragraph, and many paragraphs) load, round-trip offsets at the far end,
//! and re-anchor after edits without scanning quadratically.

use marginalia::model::{AnchorStatus, AnnotationDoc, Article, Schema};
use marginalia::store::reanchor;

const TEN_MB: usize = 10 * 1024 * 1024;

/// A sentence with multi-byte characters so byte and character offsets differ.
const SENTENCE: &str = "The “port” official 林 said the talks could collapse 👩‍👩‍👧 at any moment. ";

fn big_text(paragraph_every: Option<usize>) -> String {
    let mut text = String::with_capacity(TEN_MB + 1024);
    let mut n = 0;
    while text.len() < TEN_MB {
        text.push_str(SENTENCE);
        n += 1;
        if paragraph_every.is_some_and(|every| n % every == 0) {
            text.push_str("\n\n");
        }
    }
    text.push_str("Finally the minister said the harbour will reopen on Monday.");
    text
}

fn load(text: &str) -> (tempfile::TempDir, Article) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.txt");
    std::fs::write(&path, text).expect("write");
    let article = Article::load(&path).expect("10 MB article loads");
    (dir, article)
}

fn span_at_end(article: &Article, schema: &Schema) -> (AnnotationDoc, String) {
    let last = article.paragraphs().len() - 1;
    let quote = "the harbour will reopen on Monday";
    let byte = article.para_text(last).rfind(quote).expect("quote");
    let start = article.para_byte_to_char(last, byte);
    let mut doc = AnnotationDoc::new(schema, article, "a", "t");
    let id = doc
        .add_span(
            schema,
            article,
            "Claim",
            last,
            start,
            start + quote.chars().count(),
        )
        .expect("span");
    (doc, id)
}

#[test]
fn single_paragraph_ten_megabytes() {
    let text = big_text(None);
    let (_dir, article) = load(&text);
    assert_eq!(article.paragraphs().len(), 1);
    assert_eq!(article.char_len(), text.chars().count());
    let schema = Schema::default_schema();
    let (mut doc, id) = span_at_end(&article, &schema);
    // Edit inside the span and insert text before it: approximate search in a 10 MB paragraph.
    let edited = format!("Update: {text}").replace("reopen on Monday", "reopen on Tuesday");
    let (_dir2, changed) = load(&edited);
    let report = reanchor(&mut doc, &changed);
    assert_eq!(report.fuzzy, 1, "{report:?}");
    let span = doc.span(&id).expect("kept");
    assert_eq!(span.status, AnchorStatus::Fuzzy);
    assert_eq!(span.anchor.exact, "the harbour will reopen on Tuesday");
}

#[test]
fn many_paragraphs_ten_megabytes() {
    let text = big_text(Some(3));
    let (_dir, article) = load(&text);
    assert!(article.paragraphs().len() > 30_000);
    let schema = Schema::default_schema();
    let (mut doc, id) = span_at_end(&article, &schema);
    let edited = format!("A new first paragraph.\n\n{text}");
    let (_dir2, changed) = load(&edited);
    let report = reanchor(&mut doc, &changed);
    assert_eq!(report.moved, 1, "{report:?}");
    let span = doc.span(&id).expect("kept");
    assert_eq!(span.anchor.para, article.paragraphs().len());
    assert_eq!(
        changed.para_slice(span.anchor.para, span.anchor.start, span.anchor.end),
        Some("the harbour will reopen on Monday")
    );
}
