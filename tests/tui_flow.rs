//! The newcomer's annotation flow as key sequences: pickers pre-select the obvious answer,
//! caret moves select the span under the caret, deletes say what went with them, values
//! nobody chose stay unset, paragraph numbers agree across screens.

mod common;

use common::{app_with, exact, wire};
use marginalia::model::Schema;
use marginalia::review::tally::Tally;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::mode::Mode;
use marginalia::tui::update::update;

/// Wire ¶2 S1 "The Valmora Dockworkers’ Union", K1 "said", C1 "its members would ...",
/// attributed through `a` (the only mention and cue of the sentence: no list asks; the
/// menu is closed).
fn first_bundle(app: &mut App) {
    app.press("j v e e e s v u");
    app.press("/");
    app.type_text("its members");
    app.press("enter v $ c a esc");
    assert!(
        app.art.doc.attribution_of("C1").is_some(),
        "{:?}",
        app.message
    );
}

fn message(app: &App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn a_second_speaker_gets_a_new_entity_with_enter() {
    let mut app = wire();
    first_bundle(&mut app);
    // ¶3: "a port authority official told the Harbour Gazette that talks ..."
    app.press("/");
    app.type_text("a port authority");
    app.press("enter v e e e s");
    assert_eq!(exact(&app, "S2"), "a port authority official");
    // The entity picker starts on "+ new entity": enter makes E2, not E1.
    app.press("L enter");
    let e2 = app.art.doc.span("S2").and_then(|s| s.entity.clone());
    assert_eq!(e2.as_deref(), Some("E2"), "a new entity, not E1");
    assert_eq!(app.art.doc.entities.len(), 2);
    assert_eq!(app.art.doc.entities[1].name, "a port authority official");
    app.press("v u");
    assert_eq!(exact(&app, "K2"), "told");
    app.press("/");
    app.type_text("talks");
    app.press("enter v $ c");
    // Re-attributing shows every list, each on the obvious answer.
    app.press("a esc a enter enter esc");
    let att = app.art.doc.attribution_of("C2").expect("C2 attributed");
    assert_eq!(att.sources, ["S2"]);
    assert_eq!(
        att.cue.as_deref(),
        Some("K2"),
        "the nearest unattributed cue"
    );
    assert_eq!(app.art.doc.entities.len(), 2);
}

#[test]
fn the_entity_picker_preselects_an_entity_whose_name_matches_the_mention() {
    let mut app = wire();
    first_bundle(&mut app);
    // A later "The union" mention matches E1's name word for word: E1 is pre-selected.
    app.press("G");
    app.press("/");
    app.type_text("The union");
    app.press("enter v e s L");
    let Mode::List(list) = &app.mode else {
        panic!("entity list expected, got {:?}", app.mode);
    };
    let (choice, _) = list.visible()[list.cursor].clone();
    assert_eq!(
        choice,
        marginalia::tui::mode::ListChoice::Record("E1".into()),
        "{:?}",
        list.items
    );
}

#[test]
fn search_then_delete_deletes_the_span_under_the_caret() {
    let mut app = wire();
    app.press("j v e e e s v u");
    // Back on S1, then search lands the caret on "said" (K1).
    app.press("K");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    app.press("g /");
    app.type_text("said");
    app.press("enter");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("K1"));
    app.press("d");
    assert!(app.art.doc.span("K1").is_none(), "the span under the caret");
    assert!(app.art.doc.span("S1").is_some(), "S1 is kept");
}

#[test]
fn n_selects_the_span_under_the_caret() {
    let mut app = wire();
    app.press("j v e e e s v u");
    app.press("g /");
    app.type_text("union");
    // First match: inside S1 ("Dockworkers’ Union" is a different case: smart case finds
    // it, since the search is all lower case).
    app.press("enter");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    app.press("n");
    assert_eq!(app.art.para, 2, "{}", message(&app));
    assert_eq!(app.art.selected(), None, "¶3 has no records");
    app.press("d");
    assert!(app.art.doc.span("S1").is_some() && app.art.doc.span("K1").is_some());
}

#[test]
fn search_is_smart_case_and_matches_curly_and_straight_quotes() {
    let mut app = wire();
    app.press("/");
    app.type_text("dockworkers'");
    app.press("enter");
    assert_eq!((app.art.para, app.art.caret), (1, 12), "{}", message(&app));
    // An upper-case letter makes the search case-sensitive.
    app.press("g /");
    app.type_text("The Union");
    app.press("enter");
    assert!(message(&app).contains("not found"), "{}", message(&app));
    app.press("/");
    app.type_text("\"fragile\"");
    app.press("enter");
    assert_eq!(app.art.para, 2, "{}", message(&app));
}

#[test]
fn deleting_the_only_source_asks_once_and_says_what_went_with_it() {
    let mut app = wire();
    first_bundle(&mut app);
    app.press("enter");
    // Set the channel to other_outlet with via.
    let Mode::Menu(menu) = &app.mode else {
        panic!("menu expected, got {:?}", app.mode);
    };
    assert_eq!(menu.record, "C1");
    app.press("esc");
    let channel = |app: &App| {
        app.art
            .doc
            .attribution_of("C1")
            .and_then(|a| a.attrs.get("channel").cloned())
    };
    // S1 is linked already: source, cue, then the menu on its first attribution line.
    app.press("a enter enter");
    app.press("enter r");
    app.type_text("CNN");
    app.press("enter esc");
    assert_eq!(channel(&app).as_deref(), Some("other_outlet"));
    // Caret onto S1 and delete: asked first, nothing gone yet.
    app.press("g /");
    app.type_text("Valmora Dock");
    app.press("enter");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    app.press("d");
    assert!(app.art.doc.span("S1").is_some(), "asked, not deleted");
    let asked = message(&app);
    assert!(asked.contains("A1") && asked.contains("d again"), "{asked}");
    // Anything else cancels the question: after `l` the next `d` asks again.
    app.press("l d");
    assert!(app.art.doc.span("S1").is_some());
    assert!(message(&app).contains("d again"));
    app.press("d");
    let told = message(&app);
    assert!(app.art.doc.span("S1").is_none());
    assert!(app.art.doc.attribution_of("C1").is_none());
    assert!(
        told.contains("deleted S1") && told.contains("A1") && told.contains("channel"),
        "{told}"
    );
    // One undo brings both back.
    app.press("u");
    assert!(app.art.doc.span("S1").is_some());
    assert_eq!(channel(&app).as_deref(), Some("other_outlet"));
}

#[test]
fn deleting_a_cue_says_the_attribution_lost_it() {
    let mut app = wire();
    first_bundle(&mut app);
    app.press("g /");
    app.type_text("said");
    app.press("enter d");
    let told = message(&app);
    assert!(
        app.art.doc.span("K1").is_none(),
        "a cue is not asked for: {told}"
    );
    assert!(told.contains("A1") && told.contains("cue"), "{told}");
    assert!(app.art.doc.attribution_of("C1").is_some());
}

#[test]
fn values_nobody_chose_are_not_stored_and_agree_ignores_them() {
    let schema = Schema::default_schema();
    let mut alice = wire();
    let mut bob = wire();
    for app in [&mut alice, &mut bob] {
        first_bundle(app);
    }
    // Alice chooses a certainty; Bob leaves every value at its default.
    alice.press("enter 2 p esc");
    let claim = |app: &App| app.art.doc.span("C1").cloned().expect("C1");
    assert_eq!(
        claim(&alice).attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    assert!(claim(&bob).attrs.is_empty(), "{:?}", claim(&bob).attrs);
    // The new entity carries only what the mention's words say, no schema default.
    let e1 = &bob.art.doc.entities[0].attrs;
    assert_eq!(
        e1.get("speaker_type").map(String::as_str),
        Some("ngo_civil_society"),
        "{e1:?}"
    );
    assert_ne!(
        e1.get("identification").map(String::as_str),
        Some("named_person")
    );
    assert!(
        bob.art
            .doc
            .attribution_of("C1")
            .expect("A1")
            .attrs
            .is_empty()
    );
    let tally = Tally::of_document(&schema, &alice.art.article, &[&alice.art.doc, &bob.art.doc]);
    let certainty = tally.attr("certainty").expect("certainty tallied");
    let both = certainty
        .ratings
        .units()
        .iter()
        .filter(|u| u.iter().all(Option::is_some))
        .count();
    assert_eq!(both, 0, "bob chose nothing: no pair of values");
    assert_eq!(certainty.unset, vec![0, 1], "bob left one at default");
    let polarity = tally.attr("polarity").expect("polarity");
    assert_eq!(polarity.unset, vec![1, 1], "nobody chose a polarity");
}

#[test]
fn the_menu_shows_unset_values_as_the_dimmed_default_and_enter_picks_it() {
    let mut app = wire();
    first_bundle(&mut app);
    // Open certainty: the picker starts on the schema default, enter makes it a choice.
    app.press("enter 2");
    let Mode::Values(picker) = &app.mode else {
        panic!("value picker expected, got {:?}", app.mode);
    };
    assert_eq!(picker.choices[picker.cursor].1, "certain");
    app.press("enter esc");
    let c1 = app.art.doc.span("C1").expect("C1");
    assert_eq!(
        c1.attrs.get("certainty").map(String::as_str),
        Some("certain")
    );
}

#[test]
fn a_new_entity_offers_its_attributes_at_the_end_of_a() {
    let mut app = wire();
    app.press("j v e e e s v u");
    app.press("/");
    app.type_text("its members");
    app.press("enter v $ c a");
    let Mode::Menu(menu) = &app.mode else {
        panic!("menu expected, got {:?}", app.mode);
    };
    let owners: Vec<&str> = menu.items.iter().map(|i| i.owner.as_str()).collect();
    assert!(owners.contains(&"E1"), "{owners:?}");
    // Choose speaker_type through the claim's menu.
    let line = menu
        .items
        .iter()
        .position(|i| i.field == marginalia::tui::mode::Field::Attr("speaker_type".into()))
        .expect("speaker_type offered");
    let key = marginalia::tui::menu_keys::item_key(line, &menu.items[line])
        .expect("a key")
        .to_string();
    app.press(&format!("{key} n esc"));
    let e1 = &app.art.doc.entities[0];
    assert_eq!(
        e1.attrs.get("speaker_type").map(String::as_str),
        Some("ngo_civil_society")
    );
}

#[test]
fn confidence_has_the_same_key_in_every_menu() {
    let mut app = wire();
    first_bundle(&mut app);
    // The claim's menu (long) and the cue's (short): `!` opens confidence in both.
    for record in ["C1", "K1"] {
        while app.art.selected().map(|s| s.id.as_str()) != Some(record) {
            app.press("tab");
        }
        app.press("enter !");
        let Mode::Values(picker) = &app.mode else {
            panic!("{record}: confidence picker expected, got {:?}", app.mode);
        };
        assert_eq!(
            picker.item.field,
            marginalia::tui::mode::Field::Confidence,
            "{record}"
        );
        app.press("l esc");
    }
    assert_eq!(
        app.art.doc.span("K1").map(|s| s.confidence),
        Some(marginalia::model::Confidence::Low)
    );
}

#[test]
fn paragraph_numbers_in_messages_are_one_based() {
    let mut app = wire();
    app.press("j j");
    assert_eq!(app.art.para, 2);
    app.press("d");
    assert!(message(&app).contains("¶3"), "{}", message(&app));
    app.press("v e s");
    app.press("a");
    assert!(message(&app).contains("Speaker"), "{}", message(&app));
    let label = marginalia::tui::update::records::span_label(
        &app.art.doc,
        app.art.doc.span("S1").expect("S1"),
    );
    assert!(label.contains("¶3"), "{label}");
}

#[test]
fn edit_keys_do_nothing_while_the_terminal_is_too_small() {
    let mut app = app_with("One two three.");
    update(&mut app, Action::Resize(10, 3));
    app.press("v s");
    assert!(app.art.doc.spans.is_empty(), "no span marked blind");
    assert_eq!(app.mode, Mode::Normal);
    update(&mut app, Action::Resize(120, 40));
    app.press("v s");
    assert_eq!(app.art.doc.spans.len(), 1);
    update(&mut app, Action::Resize(10, 3));
    app.press("d u");
    assert_eq!(app.art.doc.spans.len(), 1);
    // Quit still works.
    app.press("q");
    assert!(app.should_quit);
}

#[test]
fn ctrl_z_asks_the_shell_to_suspend() {
    let mut app = wire();
    let fx = app.press("ctrl-z");
    assert_eq!(fx, vec![marginalia::tui::effect::Effect::Suspend]);
}
