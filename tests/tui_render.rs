//! Rendering tests: TestBackend + insta snapshots of the main screens, and style checks
//! where colour carries meaning (span kinds, selection, errors, control placeholders).

mod common;

use common::{app_with, wire};
use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::app::{App, SaveState};
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let theme = Theme::dark();
    terminal
        .draw(|f| view::render(app, &theme, f))
        .expect("draw");
    terminal
}

/// Position of the first cell where `text` starts, searching the article pane (the left
/// 60% of the screen) first, then everywhere.
fn find(buf: &Buffer, text: &str) -> (u16, u16) {
    let area = buf.area;
    find_in(buf, text, area.width * 3 / 5)
        .or_else(|| find_in(buf, text, area.width))
        .unwrap_or_else(|| panic!("`{text}` not on screen"))
}

fn find_in(buf: &Buffer, text: &str, width: u16) -> Option<(u16, u16)> {
    let area = buf.area;
    for y in 0..area.height {
        let row: String = (0..width)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return Some((u16::try_from(x).expect("fits"), y));
        }
    }
    None
}

fn annotated() -> App {
    let mut app = wire();
    app.press("j v e e e s v u /");
    app.type_text("its");
    app.press("enter v $ c a 2 p esc");
    app
}

#[test]
fn annotation_screen() {
    let mut app = annotated();
    let t = draw(&mut app, 120, 30);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn spans_are_coloured_by_kind_and_overlaps_stay_visible() {
    let mut app = annotated();
    // A claim around the speaker: the speaker keeps its colour on the claim background.
    app.press("k j v e e e e e e e c");
    let t = draw(&mut app, 120, 30);
    let theme = Theme::dark();
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "Valmora Dockworkers’ Union said");
    let cell = &buf[(x, y)];
    assert_eq!(cell.fg, theme.speaker.fg.expect("speaker colour"));
    assert_eq!(cell.bg, theme.claim.bg.expect("claim background"));
    let (x, y) = find(buf, "said on");
    assert_eq!(buf[(x, y)].fg, theme.cue.fg.expect("cue colour"));
    assert!(
        buf[(x, y)]
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    let (x, y) = find(buf, "stay off");
    assert_eq!(buf[(x, y)].bg, theme.claim.bg.expect("claim background"));
    // The current paragraph is marked in the gutter.
    let (_, y) = find(buf, "The Valmora");
    assert_eq!(buf[(1, y)].symbol(), "▌");
}

#[test]
fn selection_is_highlighted() {
    let mut app = wire();
    app.press("j v e");
    let t = draw(&mut app, 100, 24);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "The Valmora");
    assert_eq!(
        buf[(x, y)].bg,
        Theme::dark().selection.bg.expect("selection bg")
    );
    let (x, y) = find(buf, "Dockworkers");
    assert_ne!(
        buf[(x, y)].bg,
        Theme::dark().selection.bg.expect("selection bg")
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn help_screen() {
    let mut app = wire();
    app.press("?");
    let t = draw(&mut app, 100, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn attribute_menu() {
    let mut app = annotated();
    app.press("enter");
    let t = draw(&mut app, 100, 30);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn value_picker_with_schema_keys() {
    let mut app = annotated();
    app.press("enter 6");
    let t = draw(&mut app, 100, 30);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn source_list_picker() {
    let mut app = annotated();
    // `a` on an attributed claim shows the lists (to choose otherwise).
    app.press("a");
    let t = draw(&mut app, 100, 30);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn narrow_terminal_stacks_the_panes() {
    let mut app = annotated();
    let t = draw(&mut app, 60, 36);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn short_narrow_terminal_names_the_records_in_the_title() {
    // 60x20 has no room for the annotation pane: the article title says what is there, and
    // the status bar keeps the help key.
    let mut app = annotated();
    let t = draw(&mut app, 60, 20);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn mode_label_is_readable_in_every_theme() {
    let mut app = wire();
    for name in ["dark", "light", "high-contrast"] {
        let theme = Theme::builtin(name).expect("built-in theme");
        update(&mut app, Action::Resize(100, 30));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("test terminal");
        terminal
            .draw(|f| view::render(&app, &theme, f))
            .expect("draw");
        let buf = terminal.backend().buffer().clone();
        let (x, y) = find_in(&buf, "NORMAL", 100).expect("mode label");
        let cell = &buf[(x, y)];
        // Swapped status colours: what is the status background is the label's text colour.
        assert!(
            cell.modifier.contains(ratatui::style::Modifier::REVERSED),
            "{}",
            theme.name
        );
        assert_eq!(
            cell.fg,
            theme.status.fg.expect("status fg"),
            "{}",
            theme.name
        );
        assert_eq!(
            cell.bg,
            theme.status.bg.expect("status bg"),
            "{}",
            theme.name
        );
    }
}

#[test]
fn too_small_terminal() {
    let mut app = wire();
    let t = draw(&mut app, 20, 5);
    insta::assert_snapshot!(t.backend());
    for (w, h) in [(0, 0), (1, 1), (39, 9), (40, 10), (69, 12), (3, 40)] {
        draw(&mut app, w, h);
    }
}

#[test]
fn read_only_banner_and_save_failure() {
    let mut app = wire();
    app.art.save = SaveState::ReadOnly("wire-001.tester.ann.ron:4:7: expected `)`".to_owned());
    let t = draw(&mut app, 100, 20);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "READ-ONLY");
    assert_eq!(buf[(x, y)].bg, Theme::dark().error.bg.expect("error bg"));
    insta::assert_snapshot!(t.backend());

    let mut app = wire();
    app.press("j v c");
    update(
        &mut app,
        Action::SaveFinished(Err("permission denied".to_owned())),
    );
    let t = draw(&mut app, 100, 20);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "NOT SAVED");
    assert_eq!(buf[(x, y)].bg, Theme::dark().error.bg.expect("error bg"));
    find(buf, "SAVE FAILED: permission denied");
}

#[test]
fn control_characters_are_placeholders_and_scripts_align() {
    let mut app = app_with(
        "Title \u{1b}]0;pwned\u{7}\n\nClip \u{1b}]52;c;SGVsbG8=\u{7} and \u{1b}[31mred\u{1b}[0m and \u{9b}2J del\u{7f} tab\there\n\n中文 “引号” 👩‍🔬 café e\u{301} שלום",
    );
    let t = draw(&mut app, 80, 14);
    let buf = t.backend().buffer();
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control character reached the buffer: {:?}",
            cell.symbol()
        );
    }
    let (x, y) = find(buf, "␛]52");
    assert_eq!(
        buf[(x, y)].fg,
        Theme::dark().placeholder.fg.expect("placeholder colour")
    );
    insta::assert_snapshot!(t.backend());
}

#[test]
fn every_builtin_theme_renders() {
    for (name, _) in marginalia::config::theme::BUILTIN {
        let theme = Theme::builtin(name).expect("builtin");
        let mut app = annotated();
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
        terminal
            .draw(|f| view::render(&app, &theme, f))
            .expect("draw");
        app.press("?");
        terminal
            .draw(|f| view::render(&app, &theme, f))
            .expect("draw");
    }
}

#[test]
fn the_caret_is_the_terminal_cursor_in_normal_mode() {
    let mut app = wire();
    app.press("j /");
    app.type_text("said");
    app.press("enter");
    let mut t = draw(&mut app, 100, 24);
    let buf = t.backend().buffer().clone();
    let (x, y) = find(&buf, "said on Monday");
    assert_eq!(
        t.get_cursor_position().expect("cursor"),
        ratatui::layout::Position::new(x, y)
    );
}
