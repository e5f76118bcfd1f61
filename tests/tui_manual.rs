//! The fast manual path as key sequences: a full bundle (speaker, cue, claim, attribution,
//! certainty, channel with via, confidence) in at most 15 keys; `a` taking the obvious
//! answers and saying so; new entities reading their values from the mention; `.`
//! repeating the last menu's values.

mod common;

use common::{app_with, exact};
use marginalia::model::Confidence;
use marginalia::tui::app::App;
use marginalia::tui::mode::Mode;

/// Press `keys` one by one and count them (typed text counts one key per character).
fn count(app: &mut App, keys: &str) -> usize {
    let keys: Vec<&str> = keys.split(' ').filter(|k| !k.is_empty()).collect();
    for k in &keys {
        app.press(k);
    }
    keys.len()
}

#[test]
fn a_full_bundle_by_hand_in_fifteen_keys() {
    let mut app = app_with("Officials told CNN that the talks are close to a deal.");
    let mut keys = 0;
    // Speaker, cue.
    keys += count(&mut app, "v s v e u");
    assert_eq!(exact(&app, "S1"), "Officials");
    assert_eq!(exact(&app, "K1"), "told CNN");
    // `c` proposes the claim after the cue; the claim key marks it and attributes it.
    keys += count(&mut app, "c");
    assert_eq!(app.mode, Mode::Select);
    keys += count(&mut app, "c");
    assert_eq!(exact(&app, "C1"), "the talks are close to a deal");
    let att = app
        .art
        .doc
        .attribution_of("C1")
        .expect("attributed at once");
    assert_eq!(att.sources, ["S1"]);
    assert_eq!(att.cue.as_deref(), Some("K1"));
    assert!(matches!(app.mode, Mode::Menu(_)), "{:?}", app.mode);
    // Channel other_outlet: via is the outlet the cue names. Certainty, confidence, close.
    keys += count(&mut app, "6 r 2 p ! m esc");
    assert!(keys <= 15, "{keys} keys");
    let att = app.art.doc.attribution_of("C1").expect("attributed");
    assert_eq!(
        att.attrs.get("channel").map(String::as_str),
        Some("other_outlet")
    );
    assert_eq!(att.attrs.get("via").map(String::as_str), Some("CNN"));
    let c1 = app.art.doc.span("C1").expect("claim");
    assert_eq!(
        c1.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    assert_eq!(c1.confidence, Confidence::Medium);
    assert_eq!(app.mode, Mode::Normal);
    assert!(
        !app.art.doc.spans.iter().any(|s| s.suggested),
        "made by hand"
    );
}

#[test]
fn a_says_what_it_chose_and_lists_when_there_is_a_choice() {
    let mut app = app_with("Police said the road was closed, and residents said it was not.");
    app.press("v s v u w v e e e c");
    assert_eq!(exact(&app, "C1"), "the road was closed");
    app.press("a");
    let msg = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(msg.contains("S1") && msg.contains("K1"), "{msg}");
    assert!(matches!(app.mode, Mode::Menu(_)));
    app.press("esc");
    // The second claim of the sentence: S1 and K1 are C1's, so S2 and K2 are obvious.
    app.press("/");
    app.type_text("residents");
    app.press("enter v s v u w v e e c a esc");
    assert_eq!(exact(&app, "S2"), "residents");
    let a2 = app.art.doc.attribution_of("C2").expect("attributed");
    assert_eq!(
        (a2.sources[0].as_str(), a2.cue.as_deref()),
        ("S2", Some("K2"))
    );
}

#[test]
fn two_free_mentions_in_the_sentence_make_a_ask() {
    let mut app = app_with("Police and residents said the road was closed.");
    app.press("v s w w v s v u c c");
    assert_eq!(exact(&app, "C1"), "the road was closed");
    // Two mentions in the sentence, neither just marked: the source list asks.
    let Mode::List(list) = &app.mode else {
        panic!("two mentions: the source list asks, got {:?}", app.mode);
    };
    let (choice, _) = list.visible()[list.cursor].clone();
    assert_eq!(
        choice,
        marginalia::tui::mode::ListChoice::Record("S2".into()),
        "the nearest mention"
    );
}

#[test]
fn a_new_entity_reads_its_values_from_the_mention() {
    let mut app = app_with("A US official said the ceasefire would hold.");
    app.press("v e e s v u c c esc");
    let e1 = &app.art.doc.entities[0];
    assert_eq!(e1.name, "A US official");
    assert_eq!(
        e1.attrs.get("identification").map(String::as_str),
        Some("anonymous_described")
    );
    assert_eq!(
        e1.attrs.get("speaker_type").map(String::as_str),
        Some("government")
    );
}

#[test]
fn dot_repeats_the_last_menu_values_on_the_selected_claim() {
    let mut app =
        app_with("Officials said the port would reopen. Ministers said the ships would leave.");
    app.press("v s v u c c 2 p 6 p esc");
    app.press(")");
    app.press("v s v u c c esc");
    assert_eq!(exact(&app, "C2"), "the ships would leave");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("C2"));
    app.press(".");
    let c2 = app.art.doc.span("C2").expect("claim");
    assert_eq!(
        c2.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    let a2 = app.art.doc.attribution_of("C2").expect("attributed");
    assert_eq!(
        a2.attrs.get("channel").map(String::as_str),
        Some("public_remarks")
    );
    // One undo step takes both back.
    app.press("u");
    let c2 = app.art.doc.span("C2").expect("claim");
    assert!(c2.attrs.is_empty());
}

#[test]
fn c_without_a_cue_just_marked_explains_itself() {
    let mut app = app_with("Officials said the port would reopen.");
    app.press("c");
    assert_eq!(app.mode, Mode::Normal);
    let msg = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(msg.contains("cue"), "{msg}");
}

#[test]
fn c_starts_the_claim_after_a_that_a_few_words_on() {
    let mut app = app_with("The union said on Monday that its members would stay out.");
    app.press("v e s v u c c esc");
    assert_eq!(exact(&app, "C1"), "its members would stay out");
    assert!(app.art.doc.attribution_of("C1").is_some());
}

#[test]
fn p_grows_a_selection_to_the_phrase_read_there() {
    let mut app = common::wire();
    // ¶3: "Meanwhile, a port authority official told the Harbour Gazette that ..."
    app.press("j j w");
    let keys = count(&mut app, "v p s");
    assert_eq!(keys, 3);
    let speaker = app
        .art
        .doc
        .spans
        .iter()
        .find(|s| s.kind == "Speaker")
        .expect("speaker marked");
    assert_eq!(speaker.anchor.exact, "a port authority official");
    count(&mut app, "v p u");
    let cue = app
        .art
        .doc
        .spans
        .iter()
        .find(|s| s.kind == "Cue")
        .expect("cue marked");
    assert_eq!(cue.anchor.exact, "told the Harbour Gazette");
    // The rest of the documented 15-key bundle (docs/keys.md).
    count(&mut app, "c c 6 r 2 p ! m esc");
    let claim = app
        .art
        .doc
        .spans
        .iter()
        .find(|s| s.kind == "Claim")
        .expect("claim");
    assert!(
        claim.anchor.exact.starts_with("talks with the union"),
        "{}",
        claim.anchor.exact
    );
    let att = app.art.doc.attribution_of(&claim.id).expect("attributed");
    assert_eq!(
        att.attrs.get("via").map(String::as_str),
        Some("the Harbour Gazette")
    );
    let entity = app.art.doc.entities.first().expect("entity made");
    assert_eq!(
        entity.attrs.get("identification").map(String::as_str),
        Some("anonymous_described")
    );
    assert_eq!(
        entity.attrs.get("speaker_type").map(String::as_str),
        Some("government")
    );
}

#[test]
fn p_again_grows_to_the_next_larger_phrase_and_says_when_there_is_none() {
    let mut app = app_with("Officials told CNN that the talks are close to a deal.");
    app.press("v p");
    let sel = app.art.selection.expect("selected");
    assert_eq!(
        (sel.start, sel.end),
        (0, 9),
        "the speaker is one word already"
    );
    // From "told": the cue, then nothing larger contains it.
    let mut app = app_with("Officials told CNN that the talks are close to a deal.");
    app.press("w v p");
    let sel = app.art.selection.expect("selected");
    assert_eq!((sel.start, sel.end), (10, 18));
    app.press("p");
    let sel = app.art.selection.expect("still selected");
    assert_eq!((sel.start, sel.end), (10, 18));
    let said = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(said.contains("no larger phrase"), "{said}");
}
