//! Ghost highlights of suggestions: their own theme styles in every built-in theme, the
//! selected suggestion marked, the annotator's records drawn as records (never as ghosts),
//! the pane's list of the paragraph's suggestions, and a 20x5 terminal.

mod common;

use common::wire;
use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::assist;
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Style;

fn draw(app: &mut App, theme: &Theme, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, theme, f))
        .expect("draw");
    terminal
}

/// The first cell where `text` starts in columns `0..width`.
fn find(buf: &Buffer, text: &str, width: u16) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: String = (0..width)
            .map(|x| buf[(x, y)].symbol().to_owned())
            .collect();
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return (u16::try_from(x).expect("fits"), y);
        }
    }
    panic!("`{text}` not on screen")
}

fn suggesting() -> App {
    let mut app = wire();
    assist::shell::compute_now(&mut app);
    app
}

/// True when the cell's style carries everything `want` sets.
fn has(buf: &Buffer, at: (u16, u16), want: Style) -> bool {
    let cell = &buf[at];
    let style = cell.style();
    want.fg.is_none_or(|c| style.fg == Some(c))
        && want.bg.is_none_or(|c| style.bg == Some(c))
        && style.add_modifier.contains(want.add_modifier)
}

#[test]
fn ghosts_have_their_own_colours_in_every_theme() {
    for name in ["dark", "light", "high-contrast"] {
        let theme = Theme::builtin(name).expect("built-in theme");
        let mut app = suggesting();
        // Select ¶3's first suggestion; accept ¶2's so it is drawn as records.
        app.press("s A");
        let t = draw(&mut app, &theme, 120, 40);
        let buf = t.backend().buffer();
        let w = 72;
        // ¶3 is pending: its speaker, cue and claim are ghosts, the selected one marked.
        let speaker = find(buf, "a port authority official", w);
        assert!(
            has(buf, speaker, theme.ghost_speaker),
            "{name}: ghost speaker"
        );
        assert!(has(buf, speaker, theme.ghost_selected), "{name}: selected");
        let cue = find(buf, "told the Harbour", w);
        assert!(has(buf, cue, theme.ghost_cue), "{name}: ghost cue");
        // ¶3's second suggestion ("the official said") is a ghost, not selected.
        let other = find(buf, "the negotiations", w);
        assert!(has(buf, other, theme.ghost_claim), "{name}: ghost claim");
        assert_ne!(
            buf[other].style().bg,
            theme
                .ghost_selected
                .bg
                .or(Some(ratatui::style::Color::Reset)),
            "{name}"
        );
        // ¶2 was accepted: drawn as the annotator's records, no ghost left.
        let accepted = find(buf, "The Valmora Dockworkers", w);
        assert!(has(buf, accepted, theme.speaker), "{name}: a record");
        assert!(
            !buf[accepted]
                .style()
                .add_modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
                || theme
                    .speaker
                    .add_modifier
                    .contains(ratatui::style::Modifier::UNDERLINED),
            "{name}: no ghost underline on a record"
        );
        // The pane lists ¶3's suggestions with their reason.
        let (_, row) = find(buf, "suggested (2)", 120);
        assert!(row > 0, "{name}");
        find(buf, "reporting verb", 120);
    }
}

#[test]
fn suggestions_screen_snapshot() {
    let mut app = suggesting();
    app.press("s");
    let t = draw(&mut app, &Theme::dark(), 120, 30);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn tiny_terminal_with_suggestions() {
    let mut app = suggesting();
    app.press("s");
    let t = draw(&mut app, &Theme::dark(), 20, 5);
    insta::assert_snapshot!(t.backend());
    // Edit keys do nothing there: accepting waits until the screen shows what it accepts.
    app.press("A");
    assert!(app.art.doc.spans.is_empty());
    update(&mut app, Action::Resize(120, 40));
    app.press("A");
    assert!(!app.art.doc.spans.is_empty());
}
