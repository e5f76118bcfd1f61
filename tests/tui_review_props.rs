//! Property test: any key sequence on the review screen, at any terminal size, keeps the
//! review valid (cursor in the queue, progress consistent, every gold span inside its
//! paragraph and matching the text) and renders without panicking. Effects are not performed,
//! so nothing is written.

mod review_support;

use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::update::update;
use marginalia::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use review_support::{review, review_app, workspace};

const KEYS: &[&str] = &[
    "j",
    "k",
    "n",
    "N",
    "tab",
    "shift-tab",
    "1",
    "2",
    "3",
    "a",
    "b",
    "t",
    "e",
    "x",
    "A",
    "u",
    "?",
    "esc",
    "down",
    "up",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_review_keys_keep_the_state_valid(
        keys in proptest::collection::vec(0..KEYS.len(), 1..60),
        w in 20u16..160,
        h in 5u16..50,
    ) {
        let (_dir, article) = workspace("wire-002", &["alice", "bob"]);
        let mut app = review_app(&article, &["alice", "bob"]);
        update(&mut app, Action::Resize(w, h));
        let theme = Theme::dark();
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        for &k in &keys {
            // Effects (saving, editing on the annotation screen) are left to the shell.
            let _ = app.press(KEYS[k]);
            terminal.draw(|f| view::render(&app, &theme, f)).expect("draw");
        }
        let r = review(&app);
        let p = r.adj.progress();
        prop_assert!(r.cursor < p.total);
        prop_assert!(p.decided <= p.total);
        prop_assert!(r.undo.len() <= marginalia::tui::review::UNDO_DEPTH);
        for span in &r.adj.gold().spans {
            let text = r.article.para_slice(span.anchor.para, span.anchor.start, span.anchor.end);
            prop_assert_eq!(Some(span.anchor.exact.as_str()), text);
        }
    }
}
