//! One test per attribution pattern the suggester must find, each with its own sentence
//! (written for these tests), checking cue, source and claim texts and the attributes the text
//! shows.

use std::path::Path;

use marginalia::model::{Article, Schema};
use marginalia::suggest::{Suggestion, suggest};

fn run(text: &str) -> Vec<Suggestion> {
    let article = Article::from_text(Path::new("t.txt"), text).expect("article");
    let out = suggest(&article, &Schema::default_schema());
    for s in &out {
        for span in [&s.cue, &s.source, &s.claim].into_iter().flatten() {
            assert_eq!(
                article.slice(span.doc_start, span.doc_end),
                Some(span.text.as_str()),
                "span text is its slice"
            );
        }
    }
    out
}

fn text(span: Option<&marginalia::suggest::SuggestedSpan>) -> &str {
    span.map_or("", |s| s.text.as_str())
}

/// The suggestion whose cue is `cue`.
fn by_cue<'a>(out: &'a [Suggestion], cue: &str) -> &'a Suggestion {
    out.iter()
        .find(|s| text(s.cue.as_ref()) == cue)
        .unwrap_or_else(|| panic!("no cue {cue:?} in {out:#?}"))
}

fn attr<'a>(s: &'a Suggestion, name: &str) -> Option<&'a str> {
    s.attributes.get(name).map(String::as_str)
}

#[test]
fn apposition_source_is_the_name() {
    let out = run("José Martínez, whose café flooded, said he would rebuild by summer.");
    let s = by_cue(&out, "said");
    assert_eq!(text(s.source.as_ref()), "José Martínez");
    assert_eq!(text(s.claim.as_ref()), "he would rebuild by summer");
}

#[test]
fn told_outlet_gives_channel_and_via() {
    let out = run("A senior diplomat told CNN that the ceasefire talks may resume next week.");
    let s = by_cue(&out, "told CNN");
    assert_eq!(text(s.source.as_ref()), "A senior diplomat");
    assert_eq!(
        text(s.claim.as_ref()),
        "the ceasefire talks may resume next week"
    );
    assert_eq!(attr(s, "channel"), Some("other_outlet"));
    assert_eq!(attr(s, "via"), Some("CNN"));
    assert_eq!(attr(s, "identification"), Some("anonymous_described"));
    assert_eq!(attr(s, "certainty"), Some("possible"));
    assert_eq!(attr(s, "quote_form"), Some("indirect"));
}
