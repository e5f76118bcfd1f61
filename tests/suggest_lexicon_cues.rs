//! Cues the lexicon adds beyond plain reporting verbs, each with its own sentence (written for
//! these tests): speech acts whose claim is their object ("criticized the rota"), verbs that
//! fire only after a source, the participle after a comma, and words that are nouns far more
//! often than cues and so are left out.

use std::path::Path;

use marginalia::model::{Article, Schema};
use marginalia::suggest::{SuggestedSpan, Suggestion, suggest};

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

fn text(span: Option<&SuggestedSpan>) -> &str {
    span.map_or("", |s| s.text.as_str())
}

fn cues(out: &[Suggestion]) -> Vec<&str> {
    out.iter().map(|s| text(s.cue.as_ref())).collect()
}

/// The only suggestion, checked to have `cue`, `source` and `claim`.
fn one(text_in: &str, cue: &str, source: &str, claim: &str) {
    let out = run(text_in);
    assert_eq!(cues(&out), [cue], "{out:#?}");
    let s = &out[0];
    assert_eq!(text(s.source.as_ref()), source);
    assert_eq!(text(s.claim.as_ref()), claim);
}

#[test]
fn criticism_verb_takes_its_object_as_claim() {
    one(
        "The union criticized the new rota for night nurses.",
        "criticized",
        "The union",
        "the new rota for night nurses",
    );
}

#[test]
fn accusation_without_that_clause() {
    one(
        "Critics accused the mayor of ignoring the flood warnings.",
        "accused",
        "Critics",
        "the mayor of ignoring the flood warnings",
    );
}

#[test]
fn description_without_quotation() {
    one(
        "Residents described the flood as the worst in decades.",
        "described",
        "Residents",
        "the flood as the worst in decades",
    );
}

#[test]
fn expected_with_its_auxiliary() {
    one(
        "The council is expected to approve the harbour budget on Friday.",
        "is expected",
        "The council",
        "to approve the harbour budget on Friday",
    );
}

#[test]
fn appearance_verb_before_an_infinitive() {
    one(
        "The senator appeared to soften his stance on the levy.",
        "appeared",
        "The senator",
        "to soften his stance on the levy",
    );
}

#[test]
fn added_speech_verbs_fire_on_their_own() {
    one(
        "The minister reiterated her support for the northern bridge.",
        "reiterated",
        "The minister",
        "her support for the northern bridge",
    );
    one(
        "The coach expressed confidence in the young goalkeeper.",
        "expressed",
        "The coach",
        "confidence in the young goalkeeper",
    );
}

#[test]
fn base_forms_need_a_source_before_them() {
    one(
        "Farmers oppose the tariff on imported seed.",
        "oppose",
        "Farmers",
        "the tariff on imported seed",
    );
    let out = run("To oppose the tariff now would be costly.");
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn continued_needs_a_source() {
    one(
        "Ana Ruiz continued: \u{201c}We will not close the clinic.\u{201d}",
        "continued",
        "Ana Ruiz",
        "\u{201c}We will not close the clinic.\u{201d}",
    );
    let out = run("Continued rain closed the coast road.");
    assert!(out.is_empty(), "{out:#?}");
}

#[test]
fn participle_after_a_comma_is_not_an_inverted_source() {
    let out = run("The bakery closed its doors, citing rising flour costs.");
    let s = out
        .iter()
        .find(|s| text(s.cue.as_ref()) == "citing")
        .unwrap_or_else(|| panic!("no cue `citing` in {out:#?}"));
    assert_eq!(text(s.claim.as_ref()), "rising flour costs");
    assert_ne!(text(s.source.as_ref()), "rising flour costs");
}

#[test]
fn nouns_that_look_like_verbs_are_no_cues() {
    let out = run("She read the emails and the comments before lunch.");
    assert!(out.is_empty(), "{out:#?}");
    let out = run("Their plans for the weekend were planned in March.");
    assert!(out.is_empty(), "{out:#?}");
}
