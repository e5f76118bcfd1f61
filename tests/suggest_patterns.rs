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

#[test]
fn reporting_verb_with_auxiliary_and_adverb() {
    let out = run("The harbour master has also said that the pier will reopen.");
    let s = by_cue(&out, "has also said");
    assert_eq!(text(s.source.as_ref()), "The harbour master");
    assert_eq!(text(s.claim.as_ref()), "the pier will reopen");
}

#[test]
fn negated_cue_keeps_its_negation() {
    let out = run("The mayor did not say whether the budget would pass.");
    let s = by_cue(&out, "did not say");
    assert_eq!(text(s.source.as_ref()), "The mayor");
    assert_eq!(text(s.claim.as_ref()), "whether the budget would pass");
}

#[test]
fn curly_quote_before_inverted_source() {
    let out = run("“The bridge is safe,” said Marta Olsen.");
    let s = by_cue(&out, "said");
    assert_eq!(text(s.source.as_ref()), "Marta Olsen");
    assert_eq!(text(s.claim.as_ref()), "“The bridge is safe,”");
    assert_eq!(attr(s, "quote_form"), Some("direct"));
    assert_eq!(attr(s, "identification"), Some("named_person"));
}

#[test]
fn straight_quote_before_source_and_verb() {
    let out = run("\"We have no money left,\" the treasurer said.");
    let s = by_cue(&out, "said");
    assert_eq!(text(s.source.as_ref()), "the treasurer");
    assert_eq!(text(s.claim.as_ref()), "\"We have no money left,\"");
    assert_eq!(attr(s, "quote_form"), Some("direct"));
}

#[test]
fn split_quote_gives_two_parts_with_one_cue_and_source() {
    let out = run("“The dam held,” the engineer said, “but the road did not.”");
    let parts: Vec<&Suggestion> = out
        .iter()
        .filter(|s| text(s.cue.as_ref()) == "said")
        .collect();
    assert_eq!(parts.len(), 2, "{out:#?}");
    assert_eq!(text(parts[0].claim.as_ref()), "“The dam held,”");
    assert_eq!(text(parts[1].claim.as_ref()), "“but the road did not.”");
    for p in parts {
        assert_eq!(text(p.source.as_ref()), "the engineer");
    }
}

#[test]
fn quote_over_a_paragraph_end_continues_with_the_same_speaker() {
    let out = run("The coach said: “We trained hard all winter.\n\n“Now we want the title.”");
    let parts: Vec<&Suggestion> = out
        .iter()
        .filter(|s| text(s.cue.as_ref()) == "said")
        .collect();
    assert_eq!(parts.len(), 2, "{out:#?}");
    assert_eq!(
        text(parts[0].claim.as_ref()),
        "“We trained hard all winter."
    );
    assert_eq!(parts[1].claim.as_ref().map(|c| c.para), Some(1));
    assert_eq!(text(parts[1].claim.as_ref()), "“Now we want the title.”");
    assert_eq!(text(parts[1].source.as_ref()), "The coach");
}

#[test]
fn colon_introduces_a_quote() {
    let out = run("The ferry captain: “Nobody was hurt.”");
    let s = by_cue(&out, ":");
    assert_eq!(text(s.source.as_ref()), "The ferry captain");
    assert_eq!(text(s.claim.as_ref()), "“Nobody was hurt.”");
}

#[test]
fn according_to_before_and_after_the_claim() {
    let out = run(
        "According to the weather service, the storm will weaken overnight. Ten roads were closed, according to police.",
    );
    let first = &out[0];
    assert_eq!(text(first.cue.as_ref()), "According to");
    assert_eq!(text(first.source.as_ref()), "the weather service");
    assert_eq!(
        text(first.claim.as_ref()),
        "the storm will weaken overnight"
    );
    let second = &out[1];
    assert_eq!(text(second.cue.as_ref()), "according to");
    assert_eq!(text(second.source.as_ref()), "police");
    assert_eq!(text(second.claim.as_ref()), "Ten roads were closed");
}

#[test]
fn pronoun_source_links_to_the_nearest_person() {
    let out = run("Nurse Petra Lind said the ward was full. She also said that staff were tired.");
    let first = by_cue(&out, "said");
    let second = out
        .iter()
        .find(|s| text(s.source.as_ref()) == "She")
        .expect("she");
    assert_eq!(text(second.cue.as_ref()), "said");
    let (a, b) = (
        first.entity.as_ref().expect("e1"),
        second.entity.as_ref().expect("e2"),
    );
    assert_eq!(a.group, b.group);
    assert_eq!(b.name, "Nurse Petra Lind");
    assert_eq!(attr(second, "identification"), Some("named_person"));
}

#[test]
fn repeated_description_is_the_same_entity() {
    let out = run(
        "A city official said the fountain was broken. Later the official said it would be fixed.",
    );
    assert_eq!(out.len(), 2, "{out:#?}");
    assert_eq!(text(out[1].source.as_ref()), "the official");
    assert_eq!(
        out[0].entity.as_ref().map(|e| e.group),
        out[1].entity.as_ref().map(|e| e.group)
    );
    assert_eq!(attr(&out[1], "identification"), Some("anonymous_described"));
}

#[test]
fn said_in_a_statement_is_an_official_statement() {
    let out = run("The Trade Ministry said in a statement that exports had doubled.");
    let s = by_cue(&out, "said in a statement");
    assert_eq!(attr(s, "channel"), Some("official_statement"));
    assert_eq!(attr(s, "identification"), Some("named_organization"));
    assert_eq!(text(s.claim.as_ref()), "exports had doubled");
}

#[test]
fn tweeted_is_social_media() {
    let out = run("The senator tweeted that the vote was rigged.");
    let s = by_cue(&out, "tweeted");
    assert_eq!(attr(s, "channel"), Some("social_media"));
}

#[test]
fn hedges_set_certainty_and_negation_sets_polarity() {
    let out = run(
        "The agency said the talks are close to a deal. The union said the strike might spread. The firm said it had not broken any rule.",
    );
    assert_eq!(attr(&out[0], "certainty"), Some("probable"));
    assert_eq!(attr(&out[1], "certainty"), Some("possible"));
    assert_eq!(attr(&out[2], "polarity"), Some("negative"));
    assert_eq!(attr(&out[2], "certainty"), None, "no hedge: schema default");
}

#[test]
fn denial_and_distancing_stances_come_from_the_lexicon() {
    let out =
        run("The driver denied that he was speeding. The owner claimed that the dog was friendly.");
    assert_eq!(attr(by_cue(&out, "denied"), "cue_stance"), Some("denial"));
    assert_eq!(
        attr(by_cue(&out, "claimed"), "cue_stance"),
        Some("distancing")
    );
}

#[test]
fn cognition_and_evidence_cues_score_lower() {
    let out = run(
        "The inspector said the wiring was old. The inspector believes that the wiring caused the fire. A survey found that most tenants agree.",
    );
    let said = by_cue(&out, "said").score;
    let believes = by_cue(&out, "believes");
    let found = by_cue(&out, "found");
    assert!(believes.score < said && found.score < said, "{out:#?}");
    assert_eq!(attr(believes, "cue_stance"), Some("belief"));
    assert_eq!(text(found.source.as_ref()), "A survey");
}

#[test]
fn reported_question() {
    let out = run("The reporter asked whether the school would close.");
    let s = by_cue(&out, "asked");
    assert_eq!(text(s.claim.as_ref()), "whether the school would close");
}

#[test]
fn nouns_and_cues_inside_quotes_are_not_cues() {
    let out = run("His claims were ignored. “They said nothing,” the guard told me.");
    assert!(
        out.iter().all(|s| text(s.cue.as_ref()) != "claims"),
        "{out:#?}"
    );
    assert!(
        out.iter().all(|s| text(s.cue.as_ref()) != "said"),
        "{out:#?}"
    );
    assert_eq!(out.len(), 1, "{out:#?}");
}

#[test]
fn claim_ends_at_the_sentence_not_the_paragraph() {
    let out = run("The pilot said the engine failed. The plane landed in a field.");
    assert_eq!(text(out[0].claim.as_ref()), "the engine failed");
}

#[test]
fn same_text_gives_the_same_suggestions() {
    let text = "A US official told Reuters that the deal was off. “Wait,” he said.";
    let a = run(text);
    let b = run(text);
    assert_eq!(a, b);
    assert!(!a.is_empty());
}
