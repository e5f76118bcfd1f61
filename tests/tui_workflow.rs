//! Daily workflow pieces driven by keys: deleting an entity (mentions unlinked, undo brings it
//! back), the note editor (grapheme-aware editing, wrapped long text, up/down by row), and the
//! `via` prompt that follows channel = other_outlet.

mod common;

use common::{app_with, wire};
use marginalia::tui::mode::{Field, Mode};

#[test]
fn deleting_an_entity_unlinks_its_mentions_and_undo_restores_it() {
    let mut app = wire();
    // Two mentions linked to one entity.
    app.press("j v e e e s L enter");
    app.press("j /");
    app.type_text("The union");
    app.press("enter v e s L");
    app.press("enter");
    assert_eq!(app.art.doc.entities.len(), 1);
    let linked = |app: &marginalia::tui::app::App| {
        app.art
            .doc
            .spans
            .iter()
            .filter(|s| s.entity.as_deref() == Some("E1"))
            .count()
    };
    assert_eq!(linked(&app), 2);
    app.press("E");
    assert_eq!(app.mode, Mode::Entities(0));
    app.press("d");
    assert!(app.art.doc.entities.is_empty());
    assert_eq!(linked(&app), 0, "mentions unlinked");
    assert_eq!(app.art.doc.spans.len(), 2, "mentions kept");
    assert_eq!(app.mode, Mode::Normal);
    app.press("u");
    assert_eq!(app.art.doc.entities.len(), 1);
    assert_eq!(linked(&app), 2);
    // Renaming from the list.
    app.press("E r ctrl-a delete delete delete delete");
    app.type_text("A ");
    app.press("enter");
    assert!(
        app.art.doc.entities[0].name.starts_with("A Valmora"),
        "{}",
        app.art.doc.entities[0].name
    );
}

#[test]
fn the_note_editor_is_grapheme_aware_and_wraps_long_text() {
    let mut app = app_with("A short paragraph to hang a note on.");
    app.press("v c i");
    let family = "👩\u{200d}👩\u{200d}👧";
    app.type_text(&format!("e\u{301}{family}中"));
    // Left over 中, then backspace removes the whole family emoji (one grapheme).
    app.press("left backspace");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    assert_eq!(prompt.edit.text, "e\u{301}中");
    assert_eq!(prompt.edit.cursor, 2);
    app.press("left");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    assert_eq!(prompt.edit.cursor, 0, "e + combining accent is one step");
    // A long note wraps at the popup width (120 columns: 70 text columns); up and down move by
    // a wrapped row, keeping the column.
    app.press("end");
    let long = "word ".repeat(40);
    app.type_text(&long);
    app.press("home down");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    let rows = marginalia::tui::display::wrap_chars(&prompt.edit.text, 70);
    assert!(rows.len() >= 3, "{rows:?}");
    assert_eq!(prompt.edit.cursor, rows[1].0);
    app.press("right right up");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    assert_eq!(prompt.edit.cursor, 2);
    // From the end of a long last row, up lands on the (shorter) row above, not on the start
    // of the last row.
    app.press("end");
    app.type_text(&format!(" {} {}", "y".repeat(60), "z".repeat(69)));
    app.press("up");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    let rows = marginalia::tui::display::wrap_chars(&prompt.edit.text, 70);
    let n = rows.len();
    assert!(
        rows[n - 2].0 <= prompt.edit.cursor && prompt.edit.cursor < rows[n - 2].1,
        "{} not in {:?}",
        prompt.edit.cursor,
        rows[n - 2]
    );
    app.press("enter");
    let note = app.art.doc.spans[0].note.clone().expect("note saved");
    assert!(note.starts_with("e\u{301}中word word"), "{note}");
    // Notes may have several lines: alt-enter (or ctrl-j) breaks the line; up and down cross
    // line breaks; the line break is kept in the sidecar.
    app.press("i ctrl-a");
    for _ in 0..400 {
        app.press("delete");
    }
    app.type_text("first line");
    app.press("alt-enter");
    app.type_text("second");
    app.press("up");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor open");
    };
    assert_eq!(prompt.edit.cursor, 6, "same column on the line above");
    app.press("down ctrl-j");
    app.type_text("third");
    app.press("enter");
    assert_eq!(
        app.art.doc.spans[0].note.as_deref(),
        Some("first line\nsecond\nthird")
    );
}

#[test]
fn other_outlet_asks_for_via_and_esc_skips_it() {
    let mut app = app_with("The union said on Monday that its members would stay out.");
    app.press("v e s v u /");
    app.type_text("its");
    app.press("enter v $ c a 6 r");
    let Mode::Text(prompt) = &app.mode else {
        panic!("via prompt expected, got {:?}", app.mode);
    };
    assert_eq!(prompt.item.field, Field::Attr("via".to_owned()));
    app.press("esc");
    assert!(matches!(app.mode, Mode::Menu(_)), "back to the menu");
    let a = app.art.doc.attribution_of("C1").expect("attributed");
    assert_eq!(a.attrs.get("via"), None);
    // Setting another channel does not ask.
    app.press("6 d");
    assert!(matches!(app.mode, Mode::Menu(_)), "{:?}", app.mode);
    // Past the tenth line, confidence and note have their normal-mode keys.
    app.press("!");
    let Mode::Values(picker) = &app.mode else {
        panic!("confidence picker expected, got {:?}", app.mode);
    };
    assert_eq!(picker.item.field, Field::Confidence);
    app.press("l i");
    let Mode::Text(prompt) = &app.mode else {
        panic!("note editor expected, got {:?}", app.mode);
    };
    assert_eq!(prompt.item.field, Field::Note);
}
