//! Property test: any key sequence, at any terminal size, keeps the state valid and renders
//! without panicking (offsets in range, selection inside its paragraph, records valid).

mod common;

use common::app_with;
use marginalia::config::Theme;
use marginalia::tui::action::Action;
use marginalia::tui::update::update;
use marginalia::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const KEYS: &[&str] = &[
    "j",
    "k",
    "G",
    "g",
    "ctrl-d",
    "ctrl-u",
    "ctrl-e",
    "ctrl-y",
    "v",
    "e",
    "E",
    "w",
    "b",
    "B",
    "W",
    "l",
    "h",
    "H",
    "L",
    "$",
    "(",
    ")",
    "left",
    "right",
    "0",
    "s",
    "u",
    "c",
    "a",
    "enter",
    "esc",
    "tab",
    "d",
    "u",
    "ctrl-r",
    "space",
    "]",
    "!",
    "i",
    "x",
    "2",
    "6",
    "p",
    "r",
    "n",
    "N",
    "/",
    "?",
    "backspace",
    "down",
    "up",
    "q",
];

const TEXT: &str = "“Quoted,” said the 中文 official. Talks could collapse 👩‍🔬 e\u{301}.\n\n\
    שלום עולם said \u{1b}]0;t\u{7} the other.\tTab.\n\nShort.\n\nA final paragraph that is \
    long enough to wrap several times on a narrow terminal, said someone.";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn any_keys_any_size(
        keys in prop::collection::vec(prop::sample::select(KEYS), 1..80),
        sizes in prop::collection::vec((0u16..140, 0u16..50), 1..4),
    ) {
        let mut app = app_with(TEXT);
        let theme = Theme::dark();
        for (i, key) in keys.iter().enumerate() {
            if i % 20 == 0 {
                let (w, h) = sizes[(i / 20) % sizes.len()];
                update(&mut app, Action::Resize(w, h));
            }
            app.press(key);
            app.should_quit = false;
            let art = &app.art;
            prop_assert!(art.para < art.para_count());
            prop_assert!(art.caret <= art.article.paragraphs()[art.para].char_len);
            if let Some(sel) = art.selection {
                prop_assert!(sel.start < sel.end);
                prop_assert!(sel.end <= art.article.paragraphs()[sel.para].char_len);
            }
            for span in &art.doc.spans {
                prop_assert_eq!(
                    art.article.para_slice(span.anchor.para, span.anchor.start, span.anchor.end),
                    Some(span.anchor.exact.as_str())
                );
            }
            let (w, h) = app.size;
            let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
            terminal.draw(|f| view::render(&app, &theme, f)).expect("draw");
        }
    }
}
