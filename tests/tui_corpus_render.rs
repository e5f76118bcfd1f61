//! The corpus list on screen and while summaries arrive: unknown (`…`) cells, sorting on what
//! is known, re-sorts that keep the selection, TestBackend snapshots down to 20x5, and random
//! key sequences at random sizes.

mod corpus_support;

use corpus_support::{corpus, draw, events, generated, keys, open, sample_copy, selected, shown};
use marginalia::config::Theme;
use marginalia::tui::corpus::shell::{absorb, perform};

#[test]
fn unknown_cells_sort_last_and_arrivals_keep_the_selection() {
    let (_dir, root) = generated(&[
        ("a", Some(1)),
        ("b", Some(4)),
        ("c", Some(2)),
        ("d", None),
        ("e", Some(3)),
    ]);
    let mut app = open(&root, "tester", false);
    assert_eq!(corpus(&app).totals(0).unknown, 4);
    let t = draw(&mut app, 100, 10);
    insta::assert_snapshot!("unknown_cells", t.backend());
    // Sorting by claims works on what is known: d (no sidecar, 0 claims), then the unknown.
    keys(&mut app, "c");
    assert_eq!(shown(&app), ["d.txt", "a.txt", "b.txt", "c.txt", "e.txt"]);
    assert_eq!(selected(&app), "a.txt", "the selection follows its article");
    keys(&mut app, "j");
    assert_eq!(selected(&app), "b.txt");
    // Part of the summaries: nothing moves until the batch is big enough or loading ends.
    let mut all = events(&app);
    let rest = all.split_off(2);
    absorb(&mut app, all, false);
    assert_eq!(shown(&app), ["d.txt", "a.txt", "b.txt", "c.txt", "e.txt"]);
    assert_eq!(corpus(&app).totals(0).unknown, 2);
    absorb(&mut app, rest, true);
    assert_eq!(shown(&app), ["b.txt", "e.txt", "c.txt", "a.txt", "d.txt"]);
    assert_eq!(
        selected(&app),
        "b.txt",
        "the selected article stays selected"
    );
    assert_eq!(corpus(&app).totals(0).unknown, 0);
    // Reverse, then the status filter "in progress" hides d.
    keys(&mut app, "c");
    assert_eq!(shown(&app), ["d.txt", "a.txt", "c.txt", "e.txt", "b.txt"]);
    keys(&mut app, "f f f");
    assert_eq!(shown(&app), ["a.txt", "c.txt", "e.txt", "b.txt"]);
}

#[test]
fn corpus_screen_snapshots() {
    let (_dir, root) = sample_copy();
    let mut app = open(&root, "alice", true);
    keys(&mut app, "j");
    let t = draw(&mut app, 120, 12);
    insta::assert_snapshot!("corpus_wide", t.backend());
    // Colour carries the status (the selected row is one uniform highlight).
    let theme = Theme::dark();
    let buf = t.backend().buffer();
    assert_eq!(buf[(44, 2)].symbol(), "◐");
    assert_eq!(buf[(44, 2)].fg, theme.progress_started.fg.expect("colour"));
    assert_eq!(buf[(44, 4)].fg, theme.progress_done.fg.expect("colour"));
    assert_eq!(buf[(44, 3)].bg, theme.list_selected.bg.expect("colour"));
    let t = draw(&mut app, 60, 10);
    insta::assert_snapshot!("corpus_narrow", t.backend());
    let t = draw(&mut app, 20, 5);
    insta::assert_snapshot!("corpus_20x5", t.backend());
    let t = draw(&mut app, 12, 3);
    insta::assert_snapshot!("corpus_too_small", t.backend());
    // The filter prompt.
    keys(&mut app, "/");
    app.type_text("003");
    let t = draw(&mut app, 120, 12);
    insta::assert_snapshot!("corpus_filter", t.backend());
}

const CORPUS_KEYS: &[&str] = &[
    "j",
    "k",
    "G",
    "g",
    "ctrl-d",
    "ctrl-u",
    "enter",
    "esc",
    "/",
    "w",
    "1",
    "backspace",
    "f",
    "n",
    "s",
    "p",
    "c",
    "m",
    "?",
    ">",
    "<",
    "b",
    "v",
    "e",
    "space",
    "u",
    "down",
    "up",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Any key sequence at any size keeps the list valid (cursor on a shown row or the list
    /// empty, the open article in the corpus) and draws without panicking.
    #[test]
    fn random_keys_keep_the_list_valid(
        keys in proptest::collection::vec(proptest::sample::select(CORPUS_KEYS), 1..40),
        w in 1u16..140,
        h in 1u16..45,
    ) {
        let (_dir, root) = sample_copy();
        let mut app = open(&root, "prop", true);
        for key in keys {
            let fx = app.press(key);
            perform(&mut app, fx);
            let c = corpus(&app);
            proptest::prop_assert!(c.view().is_empty() || c.cursor < c.view().len());
            proptest::prop_assert!(c.open.is_none_or(|e| e < c.entries().len()));
            let t = draw(&mut app, w, h);
            drop(t);
        }
    }
}
