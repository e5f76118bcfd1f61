//! Caret movement in normal mode, driven by keys through the default keymap: by grapheme,
//! word and sentence, across paragraph ends, in any script, in a huge paragraph, and with
//! the mouse. `v` then selects from the caret.

mod common;

use common::{app_with, exact};
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::mode::Mode;
use marginalia::tui::update::{nav, update};

const TEXT: &str = "Officials said: “We stay out.” Talks failed. Done\n\nNext para here.";

/// The text from the caret to the end of its word-ish run (for readable assertions).
fn at_caret(app: &App) -> String {
    let p = app.art.para;
    let len = app.art.article.paragraphs()[p].char_len;
    let end = (app.art.caret + 6).min(len);
    app.art
        .article
        .para_slice(p, app.art.caret, end)
        .expect("caret in range")
        .to_owned()
}

#[test]
fn w_b_e_move_by_word_and_cross_paragraphs() {
    let mut app = app_with(TEXT);
    assert_eq!(app.art.caret, 0);
    app.press("w");
    assert_eq!(at_caret(&app), "said: ");
    app.press("w");
    assert_eq!(at_caret(&app), "We sta");
    app.press("b b");
    assert_eq!(at_caret(&app), "Offici");
    app.press("e");
    assert_eq!(at_caret(&app), "s said");
    app.press("e");
    assert_eq!(at_caret(&app), "d: “We");
    // Past the last word: the next paragraph's first word, and back.
    app.press("w w w w w w");
    assert_eq!(app.art.para, 0);
    assert_eq!(at_caret(&app), "Done");
    app.press("w");
    assert_eq!((app.art.para, app.art.caret), (1, 0));
    app.press("b");
    assert_eq!(app.art.para, 0);
    assert_eq!(at_caret(&app), "Done");
    app.press("e");
    assert_eq!(at_caret(&app), "e");
    app.press("e");
    assert_eq!(app.art.para, 1);
    assert_eq!(at_caret(&app), "t para");
}

#[test]
fn h_l_and_arrows_move_by_grapheme_cluster() {
    // Family emoji with ZWJ (5 scalars), e + combining acute (2), CJK, astral.
    let mut app = app_with("a👩‍👩‍👧e\u{301}中𝒳b\n\nz");
    app.press("l");
    assert_eq!(app.art.caret, 1);
    app.press("right");
    assert_eq!(app.art.caret, 6);
    app.press("l");
    assert_eq!(app.art.caret, 8);
    app.press("l l");
    assert_eq!(app.art.caret, 10);
    app.press("l");
    assert_eq!((app.art.para, app.art.caret), (1, 0));
    // Back: onto the last grapheme of the previous paragraph, then cluster by cluster.
    app.press("h");
    assert_eq!((app.art.para, app.art.caret), (0, 10));
    app.press("left left left");
    assert_eq!(app.art.caret, 6);
    app.press("h h");
    assert_eq!(app.art.caret, 0);
    app.press("h");
    assert_eq!((app.art.para, app.art.caret), (0, 0));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("start of the article")
    );
}

#[test]
fn sentences_with_zero_dollar_and_parentheses() {
    let mut app = app_with(TEXT);
    app.press(")");
    assert_eq!(at_caret(&app), "Talks ");
    app.press("$");
    assert_eq!(at_caret(&app), "d. Don");
    app.press("0");
    assert_eq!(at_caret(&app), "Talks ");
    app.press("(");
    assert_eq!(app.art.caret, 0);
    app.press(") ) )");
    assert_eq!((app.art.para, app.art.caret), (1, 0));
    app.press("(");
    assert_eq!(app.art.para, 0);
    assert_eq!(at_caret(&app), "Done");
}

#[test]
fn v_selects_from_the_caret_and_link_entity_moved_to_capital_l() {
    let mut app = app_with(TEXT);
    app.press("w w v e e");
    assert_eq!(app.mode, Mode::Select);
    app.press("s");
    assert_eq!(exact(&app, "S1"), "We stay out");
    app.press("L");
    assert!(matches!(app.mode, Mode::List(_)), "L links the mention");
    app.press("enter");
    assert_eq!(
        app.art.doc.span("S1").and_then(|s| s.entity.as_deref()),
        Some("E1")
    );
}

#[test]
fn remapped_link_key_shows_in_messages_and_panes() {
    let mut app = app_with(TEXT);
    app.keymap
        .overlay(
            "(normal: { \"L\": delete, \"ctrl-k\": link_entity })",
            "k.ron",
        )
        .expect("valid overlay");
    app.press("E");
    let text = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(text.contains("ctrl-k"), "{text}");
    assert!(!text.contains(" L "), "{text}");
    // The empty entity pane says the same.
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut terminal = ratatui::Terminal::new(backend).expect("test terminal");
    let theme = marginalia::config::Theme::dark();
    terminal
        .draw(|f| marginalia::tui::view::render(&app, &theme, f))
        .expect("draws");
    let screen = format!("{:?}", terminal.backend().buffer());
    assert!(
        screen.contains("none yet: ctrl-k links a mention"),
        "{screen}"
    );
}

#[test]
fn caret_moves_in_a_huge_single_paragraph_and_stays_on_screen() {
    let word = "word ";
    let text = word.repeat(2_000_000); // 10 MB, one paragraph
    let mut app = app_with(&text);
    app.press("G");
    let end = app.art.caret;
    assert!(end > 9_000_000, "bottom puts the caret near the end: {end}");
    app.press("w");
    assert_eq!(app.art.caret, end + 5);
    app.press("b b");
    assert_eq!(app.art.caret, end - 5);
    app.press("g");
    app.press("w w w e l h");
    assert_eq!(app.art.caret, 18);
    // Moving line after line keeps the caret on screen: the view scrolls.
    for _ in 0..400 {
        update(&mut app, Action::CaretNextWord);
    }
    assert_eq!(app.art.caret, 15 + 400 * 5);
    let lines = nav::visible_lines(&app);
    assert!(
        lines
            .iter()
            .any(|l| !l.gap && l.char_start <= app.art.caret && app.art.caret < l.char_end),
        "caret {} is on screen",
        app.art.caret
    );
}

#[test]
fn a_click_on_a_word_puts_the_caret_there() {
    let mut app = app_with(TEXT);
    let lines = nav::visible_lines(&app);
    let rect = marginalia::tui::layout::geometry::text_rect(app.size, false);
    let first = lines.first().expect("a line");
    assert_eq!(first.para, 0);
    // "said" starts at column 10 of the first line.
    update(&mut app, Action::Click(rect.x + 11, rect.y));
    assert_eq!(app.art.caret, 11);
    app.press("v");
    let sel = app.art.selection.expect("selection");
    assert_eq!((sel.start, sel.end), (10, 14));
}

#[test]
fn moving_past_the_bottom_scrolls_a_line_not_a_page() {
    let text = "alpha beta gamma delta ".repeat(2000); // under the wrap cache limit
    let mut app = app_with(&text);
    let same = |a: &marginalia::tui::wrap::VisualLine, b: &marginalia::tui::wrap::VisualLine| {
        a.para == b.para && a.byte_start == b.byte_start
    };
    let mut scrolled = 0;
    for key in ["w", "b"] {
        for _ in 0..600 {
            let before = nav::visible_lines(&app);
            app.press(key);
            let after = nav::visible_lines(&app);
            // How far the view moved, in lines: where each top is in the other view.
            let shift = before
                .iter()
                .position(|l| same(l, &after[0]))
                .or_else(|| after.iter().position(|l| same(l, &before[0])))
                .unwrap_or_else(|| {
                    panic!(
                        "{key}: the view jumped at caret {}: {:?} -> {:?}",
                        app.art.caret, before[0], after[0]
                    )
                });
            assert!(shift <= 1, "{key}: scrolled {shift} lines at once");
            scrolled += shift;
            let row = after
                .iter()
                .position(|l| l.char_start <= app.art.caret && app.art.caret < l.char_end)
                .expect("caret on screen");
            assert!(row + 1 < after.len(), "a line of context below the caret");
        }
    }
    assert!(
        scrolled > 10,
        "the view followed the caret down and up: {scrolled}"
    );
    assert_eq!(app.art.caret, 0);
}

#[test]
fn the_caret_on_a_span_selects_that_record() {
    let mut app = app_with(TEXT);
    // S1 "Officials", C1 "We stay out" with nothing under "said".
    app.press("v s w w v e e c");
    assert_eq!(exact(&app, "C1"), "We stay out");
    app.press("0");
    assert_eq!(app.art.caret, 0, "{:?}", app.message);
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    app.press("w");
    // Not on a span: the selection stays.
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("S1"));
    app.press("w e");
    assert_eq!(app.art.selected().map(|s| s.id.as_str()), Some("C1"));
    // enter edits what the caret is on ("We" is in C1, "said" in nothing, then S1).
    app.press("b b b enter");
    let Mode::Menu(menu) = &app.mode else {
        panic!("menu expected, got {:?}", app.mode);
    };
    assert_eq!(menu.record, "S1");
}
