//! Rendering tests of the review screen: a TestBackend snapshot, and style checks where the
//! colour is the point (agree / only A / only B / conflict, the current item, differences in
//! the side-by-side detail), in every built-in theme.

mod review_support;

use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use review_support::{press, review_app, workspace};

fn draw(app: &mut App, theme: &Theme, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, theme, f))
        .expect("draw");
    terminal
}

/// The first cell where `text` starts, searching columns `x0..x1`.
fn find(buf: &Buffer, text: &str, x0: u16, x1: u16) -> (u16, u16) {
    for y in 0..buf.area.height {
        let row: String = (x0..x1).map(|x| buf[(x, y)].symbol().to_owned()).collect();
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            return (x0 + u16::try_from(x).expect("fits"), y);
        }
    }
    panic!("`{text}` not on screen")
}

fn app() -> (tempfile::TempDir, App) {
    let (dir, article) = workspace("wire-002", &["alice", "bob"]);
    let mut app = review_app(&article, &["alice", "bob"]);
    // Item 2 is current, so item 1 (only alice) shows its plain colour.
    press(&mut app, "j");
    (dir, app)
}

#[test]
fn review_screen() {
    let (_dir, mut app) = app();
    let t = draw(&mut app, &Theme::dark(), 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn spans_are_coloured_by_how_the_annotators_relate() {
    for name in ["dark", "light", "high-contrast"] {
        let theme = Theme::builtin(name).expect("built-in theme");
        let (_dir, mut app) = app();
        let t = draw(&mut app, &theme, 120, 40);
        let buf = t.backend().buffer();
        let article = 0..70;
        let at = |text: &str| {
            let (x, y) = find(buf, text, article.start, article.end);
            buf[(x, y)].clone()
        };
        // A claim both marked the same way.
        let agree = at("A flood barrier");
        assert_eq!(agree.bg, theme.review_agree.bg.expect("agree bg"), "{name}");
        // Only alice: a writer's-voice claim.
        let only_a = at("leaving two streets");
        assert_eq!(
            only_a.bg,
            theme.review_only_a.bg.expect("only A bg"),
            "{name}"
        );
        assert!(
            !only_a.modifier.contains(Modifier::REVERSED),
            "{name}: not current"
        );
        // Only bob: the second half of the engineer's claim (drawn over alice's longer one).
        let only_b = at("software fault");
        assert_eq!(
            only_b.bg,
            theme.review_only_b.bg.expect("only B bg"),
            "{name}"
        );
        // Both marked the first half, with different boundaries.
        let conflict = at("hydraulic seals");
        assert_eq!(
            conflict.bg,
            theme.review_conflict.bg.expect("conflict bg"),
            "{name}"
        );
        // The current item (the engineer's mention) is reversed on top of its colour.
        let current = at("Chief engineer");
        assert!(current.modifier.contains(Modifier::REVERSED), "{name}");
        assert_eq!(
            current.bg,
            theme.review_conflict.bg.expect("conflict bg"),
            "{name}"
        );
        // The legend names each colour.
        let (x, y) = find(buf, " only bob ", 0, 80);
        assert_eq!(
            buf[(x, y)].bg,
            theme.review_only_b.bg.expect("legend"),
            "{name}"
        );
    }
}

#[test]
fn the_detail_highlights_what_differs() {
    let (_dir, mut app) = app();
    // Item 3: the engineer's claim, with different boundaries, claim_type and polarity.
    press(&mut app, "j");
    let theme = Theme::dark();
    let t = draw(&mut app, &theme, 120, 40);
    let buf = t.backend().buffer();
    let (x, y) = find(buf, "claim_type: ", 0, 45);
    assert_eq!(buf[(x, y)].fg, theme.review_diff.fg.expect("diff colour"));
    let (x, y) = find(buf, "certainty: ", 0, 45);
    assert_eq!(
        buf[(x, y)].fg,
        theme.text.fg.expect("text colour"),
        "same value"
    );
    let screen: String = buf.content().iter().map(|c| c.symbol()).collect();
    assert!(
        screen.contains("boundary conflict"),
        "detail title names the status"
    );
    assert!(
        screen.contains("decided 0/23"),
        "progress in the status bar"
    );
    assert!(
        screen.contains("0/23 decided"),
        "progress in the queue and panel"
    );
}

#[test]
fn small_terminals_get_a_notice() {
    let (_dir, mut app) = app();
    let t = draw(&mut app, &Theme::dark(), 40, 10);
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("too small"), "{screen}");
}

#[test]
fn help_opens_on_the_review_keys() {
    let (_dir, mut app) = app();
    review_support::press(&mut app, "?");
    let t = draw(&mut app, &Theme::dark(), 120, 40);
    let screen: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("── review ──"), "{screen}");
    assert!(screen.contains("take A: the first annotator's version"));
    assert!(screen.contains("accept every full agreement"));
    review_support::press(&mut app, "esc");
    assert_eq!(app.mode, marginalia::tui::mode::Mode::Normal);
}
