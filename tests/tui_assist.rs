//! Assisted annotation as key sequences: suggestions of the sample article stepped through,
//! accepted (records made, flagged `suggested`, one undo step), rejected (remembered in the
//! sidecar across reopening), accepted then edited, accepted a paragraph at a time; a
//! suggestion overlapping the annotator's own record is not offered.

mod common;

use common::{exact, wire};
use marginalia::tui::app::App;
use marginalia::tui::assist;
use marginalia::tui::mode::Mode;

fn suggesting() -> App {
    let mut app = wire();
    assist::shell::compute_now(&mut app);
    assert!(
        app.art.assist.suggestions.len() >= 6,
        "{}",
        app.art.assist.suggestions.len()
    );
    app
}

fn pending(app: &App) -> usize {
    app.art
        .assist
        .pending_count(&app.art.doc, &app.schema, app.art.history.changes())
}

#[test]
fn accepting_a_suggestion_makes_the_whole_bundle_in_two_keys() {
    let mut app = suggesting();
    let before = pending(&app);
    let fx = app.press("s A");
    assert!(fx.contains(&marginalia::tui::effect::Effect::Save));
    let doc = &app.art.doc;
    let att = doc.attribution_of("C1").expect("attributed claim");
    assert!(att.suggested);
    assert_eq!(
        exact(&app, &att.sources[0]),
        "The Valmora Dockworkers’ Union"
    );
    assert_eq!(exact(&app, att.cue.as_deref().expect("cue")), "said");
    assert!(exact(&app, "C1").starts_with("its members would stay off the job"));
    let entity = doc
        .span(&att.sources[0])
        .and_then(|s| s.entity.as_deref())
        .and_then(|e| doc.entity(e))
        .expect("entity");
    assert!(entity.suggested);
    assert_eq!(
        entity.attrs.get("identification").map(String::as_str),
        Some("named_organization")
    );
    assert_eq!(
        entity.attrs.get("speaker_type").map(String::as_str),
        Some("ngo_civil_society"),
        "from the mention's words"
    );
    assert!(doc.spans.iter().all(|s| s.suggested));
    assert_eq!(pending(&app), before - 1);
    // The next suggestion is selected: ¶3's.
    assert_eq!(app.art.para, 2);
    assert!(app.art.assist.current.is_some());
    // The document passes the checks `check` runs.
    let mut problems = marginalia::store::validate::check_doc(&app.art.doc, &app.schema);
    problems.extend(marginalia::store::validate::check_against_article(
        &app.art.doc,
        &app.art.article,
    ));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn undo_of_an_accept_is_one_step() {
    let mut app = suggesting();
    app.press("s A");
    assert!(!app.art.doc.spans.is_empty());
    app.press("u");
    assert!(app.art.doc.spans.is_empty(), "{:?}", app.art.doc.spans);
    assert!(app.art.doc.entities.is_empty());
    assert!(app.art.doc.attributions.is_empty());
}

#[test]
fn the_same_speaker_joins_one_entity_across_suggestions() {
    let mut app = suggesting();
    // ¶3: "a port authority official told ..." then "the official said ...".
    app.press("j j P");
    let doc = &app.art.doc;
    let entities: Vec<_> = doc
        .attributions
        .iter()
        .filter_map(|a| doc.span(&a.sources[0]).and_then(|s| s.entity.clone()))
        .collect();
    assert_eq!(entities.len(), 2, "{:?}", doc.attributions);
    assert_eq!(
        entities[0], entities[1],
        "“the official” is the same speaker"
    );
    // Accepting the paragraph is one undo step.
    app.press("u");
    assert!(app.art.doc.attributions.is_empty());
}

#[test]
fn edit_suggestion_accepts_then_opens_the_menu() {
    let mut app = suggesting();
    app.press("s C");
    let Mode::Menu(menu) = &app.mode else {
        panic!("menu expected, got {:?}", app.mode);
    };
    assert_eq!(menu.record, "C1");
    // A new entity's values are in the same menu.
    assert!(menu.items.iter().any(|i| i.owner == "E1"));
    // "Right spans, one value wrong": certainty is the 2nd line.
    app.press("2 s esc");
    let c1 = app.art.doc.span("C1").expect("claim");
    assert_eq!(
        c1.attrs.get("certainty").map(String::as_str),
        Some("possible")
    );
}

#[test]
fn a_suggestion_overlapping_your_record_is_not_offered() {
    let mut app = suggesting();
    let before = pending(&app);
    // Mark part of ¶2's suggested claim by hand.
    app.press("j /");
    app.type_text("its members");
    app.press("enter v e c");
    assert_eq!(exact(&app, "C1"), "its members");
    assert_eq!(pending(&app), before - 1);
    assert!(
        app.art
            .assist
            .pending_in(1, &app.art.doc, &app.schema)
            .is_empty()
    );
}

#[test]
fn reject_then_next_and_accept_the_next() {
    let mut app = suggesting();
    let before = pending(&app);
    app.press("s x");
    assert_eq!(app.art.doc.rejected.len(), 1);
    assert_eq!(pending(&app), before - 1);
    assert!(app.art.doc.spans.is_empty(), "a rejection makes no label");
    // The next one is selected: accept it.
    app.press("A");
    assert_eq!(
        exact(&app, "S1"),
        "a port authority official",
        "{:?}",
        app.message
    );
    // Undo brings the rejected suggestion back? No: undo undoes the accept first.
    app.press("u u");
    assert!(app.art.doc.rejected.is_empty());
    assert_eq!(pending(&app), before);
}

#[test]
fn a_rejection_survives_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wire-001.txt");
    std::fs::write(&path, common::WIRE).expect("article");
    let open = || {
        let schema = marginalia::model::Schema::default_schema();
        let article = marginalia::model::Article::load(&path).expect("article");
        let (state, _) = marginalia::tui::persist::open(article, "ann", &schema);
        let mut app = App::new(
            schema,
            marginalia::config::Keymap::default(),
            "ann".to_owned(),
            state,
        );
        marginalia::tui::update::update(&mut app, marginalia::tui::action::Action::Resize(120, 40));
        assist::shell::compute_now(&mut app);
        app
    };
    let mut app = open();
    let before = pending(&app);
    for effect in app.press("s x") {
        marginalia::tui::run::perform(&mut app, effect);
    }
    let again = open();
    assert_eq!(pending(&again), before - 1);
    assert_eq!(again.art.doc.rejected.len(), 1);
    assert!(again.art.doc.spans.is_empty());
}

#[test]
fn no_suggestions_when_they_are_off() {
    let mut app = wire();
    app.suggest.enabled = false;
    assist::shell::compute_now(&mut app);
    assert!(app.art.assist.suggestions.is_empty());
    app.press("s");
    let m = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(m.contains("off"), "{m}");
}

#[test]
fn the_pending_count_follows_an_edit_that_keeps_the_number_of_records() {
    let mut app = suggesting();
    let all = pending(&app);
    // ¶2: a hand-made speaker over part of the suggested "The Valmora Dockworkers’ Union"
    // takes that suggestion out of the pending ones.
    app.press("j v e s");
    assert_eq!(pending(&app), all - 1);
    // Delete it and mark the headline's first word instead (no suggestion there): the same
    // number of spans as before, but the suggestion is pending again.
    app.press("d");
    app.press("k v s");
    assert_eq!(app.art.doc.spans.len(), 1);
    assert_eq!(pending(&app), all);
}
