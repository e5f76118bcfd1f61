//! What the message line says when a key cannot do anything: it names the paragraph and the
//! key that helps, as bound in the keymap.

mod common;

use common::wire;

fn message(app: &marginalia::tui::app::App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn keys_without_a_record_say_what_to_press() {
    let mut app = wire();
    app.press("j");
    for (key, doing) in [
        ("d", "nothing to delete"),
        ("L", "no speaker mention to link"),
        ("a", "no claim to attribute"),
        ("enter", "no attributes to edit"),
        ("!", "no confidence to set"),
        ("i", "no note to edit"),
    ] {
        app.press(key);
        assert_eq!(
            message(&app),
            format!("{doing}: ¶2 has no records yet (v selects text to mark one)"),
            "{key}"
        );
    }
    app.keymap
        .overlay("(normal: { \"v\": undo, \"m\": start_selection })", "k.ron")
        .expect("valid overlay");
    app.press("d");
    assert!(
        message(&app).contains("(m selects text"),
        "{}",
        message(&app)
    );
}

#[test]
fn selecting_names_the_word_and_esc_says_it_is_cancelled() {
    let mut app = wire();
    app.press("j v");
    assert!(message(&app).starts_with("selecting “The”: e/E grow/shrink, w/b move"));
    app.press("esc");
    assert_eq!(message(&app), "selection cancelled");
}

#[test]
fn search_names_the_paragraph() {
    let mut app = wire();
    app.press("/");
    app.type_text("official");
    app.press("enter");
    assert_eq!(message(&app), "found “official” in ¶3");
}
