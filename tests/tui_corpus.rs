//! The corpus browser driven by key sequences on real directories (temp copies): open a
//! directory, sort, filter, open an article, next / previous article, back to the list with
//! the new progress; summaries fed by hand to test unknown cells and re-sorting; TestBackend
//! snapshots of the list down to 20x5.

use std::path::{Path, PathBuf};

use marginalia::config::{Keymap, Theme};
use marginalia::corpus::{Progress, SummaryEvent, summarize};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::sidecar;
use marginalia::tui::action::Action;
use marginalia::tui::app::{App, SaveState, Screen};
use marginalia::tui::corpus::shell::{absorb, open_dir, perform, wait_loaded};
use marginalia::tui::corpus::{Cell, CorpusState};
use marginalia::tui::effect::Effect;
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A temp directory holding a copy of `sample-data` under `corpus/`.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    std::fs::create_dir(&root).expect("corpus dir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in std::fs::read_dir(&src).expect("sample-data") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, root.join(path.file_name().expect("name"))).expect("copy");
    }
    (dir, root)
}

fn open(root: &Path, annotator: &str, load: bool) -> App {
    let mut app = open_dir(
        root,
        Schema::default_schema(),
        Keymap::default(),
        annotator.to_owned(),
        load,
    )
    .expect("corpus opens");
    update(&mut app, Action::Resize(120, 20));
    if load {
        wait_loaded(&mut app);
    }
    app
}

fn corpus(app: &App) -> &CorpusState {
    app.corpus.as_deref().expect("corpus state")
}

/// Relative paths shown, in order.
fn shown(app: &App) -> Vec<String> {
    let c = corpus(app);
    c.view()
        .iter()
        .map(|&e| c.entries()[e].rel_path.clone())
        .collect()
}

fn selected(app: &App) -> String {
    let c = corpus(app);
    c.entries()[c.selected().expect("a selection")]
        .rel_path
        .clone()
}

/// Press keys and perform what they ask (saving, opening) as the shell does.
fn keys(app: &mut App, keys: &str) {
    for key in keys.split(' ') {
        let fx = app.press(key);
        perform(app, fx);
    }
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, &Theme::dark(), f))
        .expect("draw");
    terminal
}

#[test]
fn sort_and_filter_the_sample_corpus() {
    let (_dir, root) = sample_copy();
    let mut app = open(&root, "alice", true);
    assert_eq!(app.screen, Screen::Corpus);
    assert_eq!(shown(&app), ["wire-001.txt", "wire-002.txt", "wire-003.md"]);
    let t = corpus(&app).totals(0);
    assert_eq!(
        (t.done, t.in_progress, t.not_started, t.unknown),
        (2, 1, 0, 0)
    );
    assert_eq!(corpus(&app).columns, ["alice", "bob", "gold"]);
    // By status: in progress before done; the selected article stays selected.
    keys(&mut app, "j s");
    assert_eq!(shown(&app), ["wire-001.txt", "wire-002.txt", "wire-003.md"]);
    assert_eq!(selected(&app), "wire-002.txt");
    keys(&mut app, "s");
    assert_eq!(shown(&app), ["wire-002.txt", "wire-003.md", "wire-001.txt"]);
    assert_eq!(selected(&app), "wire-002.txt");
    // Status filter: not done.
    keys(&mut app, "f");
    assert_eq!(shown(&app), ["wire-001.txt"]);
    keys(&mut app, "f f f");
    assert_eq!(shown(&app), ["wire-002.txt", "wire-003.md"], "done");
    keys(&mut app, "esc n");
    assert_eq!(shown(&app).len(), 3);
    // Type to filter; esc restores the filter from before, enter keeps it.
    keys(&mut app, "/");
    app.type_text("MD");
    assert_eq!(shown(&app), ["wire-003.md"], "case-insensitive");
    keys(&mut app, "esc");
    assert_eq!(shown(&app).len(), 3);
    keys(&mut app, "/");
    app.type_text("wire 2");
    keys(&mut app, "enter");
    assert_eq!(shown(&app), ["wire-002.txt"], "every word must occur");
    assert!(corpus(&app).filter == "wire 2");
}

#[test]
fn open_annotate_next_previous_and_back_to_the_list() {
    let (_dir, root) = sample_copy();
    // carol has no sidecars: every article is not started for her.
    let mut app = open(&root, "carol", true);
    assert_eq!(corpus(&app).columns, ["carol", "alice", "bob", "gold"]);
    assert_eq!(corpus(&app).totals(0).not_started, 3);
    keys(&mut app, "enter");
    assert_eq!(app.screen, Screen::Annotate);
    assert_eq!(app.art.article.file_name(), "wire-001.txt");
    // One claim, then the next article: the claim is saved first.
    keys(&mut app, "j v e c");
    assert_eq!(app.art.doc.spans.len(), 1);
    keys(&mut app, ">");
    assert_eq!(app.art.article.file_name(), "wire-002.txt");
    let saved = sidecar::load(&root.join("wire-001.carol.ann.ron"))
        .expect("sidecar parses")
        .expect("sidecar written when leaving");
    assert_eq!(saved.spans.len(), 1);
    keys(&mut app, "> >");
    assert_eq!(
        app.art.article.file_name(),
        "wire-003.md",
        "stops at the end"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("last article"))
    );
    keys(&mut app, "< <");
    assert_eq!(app.art.article.file_name(), "wire-001.txt");
    assert_eq!(app.art.doc.spans.len(), 1, "reopened from its sidecar");
    keys(&mut app, "space b");
    assert_eq!(app.screen, Screen::Corpus);
    assert_eq!(selected(&app), "wire-001.txt");
    let c = corpus(&app);
    let Cell::Known(brief) = c.cell(0, 0) else {
        panic!("known after editing: {:?}", c.cell(0, 0));
    };
    assert_eq!(
        (
            brief.progress,
            brief.paras_done,
            brief.paras_total,
            brief.claims
        ),
        (Some(Progress::InProgress), 1, 7, 1)
    );
    assert_eq!(c.totals(0).in_progress, 1);
    // Enter goes back to the same article as it was left (undo history kept).
    keys(&mut app, "enter u");
    assert_eq!(app.screen, Screen::Annotate);
    assert!(app.art.doc.done.is_empty(), "undo of the done mark");
    let t = draw(&mut app, 120, 20);
    let _ = t;
    keys(&mut app, "b q");
    assert!(app.should_quit);
}

/// Articles with `claims` claims each (`None`: no sidecar), for annotator `tester`.
fn generated(specs: &[(&str, Option<usize>)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("gen");
    std::fs::create_dir(&root).expect("dir");
    let schema = Schema::default_schema();
    let text = "Alpha beta gamma delta epsilon zeta eta theta.\n\nSecond paragraph here.\n";
    for (name, claims) in specs {
        let path = root.join(format!("{name}.txt"));
        std::fs::write(&path, text).expect("article");
        let Some(claims) = claims else { continue };
        let article = Article::load(&path).expect("article loads");
        let mut doc = AnnotationDoc::new(&schema, &article, "tester", "2026-01-01T00:00:00Z");
        for i in 0..*claims {
            doc.add_span(&schema, &article, "Claim", 0, i * 6, i * 6 + 5)
                .expect("claim");
        }
        sidecar::save(&root.join(format!("{name}.tester.ann.ron")), &doc).expect("save");
    }
    (dir, root)
}

fn events(app: &App) -> Vec<SummaryEvent> {
    let c = corpus(app);
    c.entries()
        .iter()
        .enumerate()
        .flat_map(|(index, e)| {
            e.sidecars.iter().map(move |s| SummaryEvent {
                index,
                annotator: s.annotator.clone(),
                result: summarize(&s.path, "Claim"),
            })
        })
        .collect()
}

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

#[test]
fn clicks_select_then_open_and_an_unreadable_sidecar_stays_marked() {
    let (_dir, root) = sample_copy();
    std::fs::write(root.join("wire-002.alice.ann.ron"), "(format_version: oops").expect("break");
    let mut app = open(&root, "alice", true);
    let Cell::Unreadable(why) = corpus(&app).cell(1, 0) else {
        panic!("unreadable: {:?}", corpus(&app).cell(1, 0));
    };
    assert!(why.contains("wire-002.alice.ann.ron:1:"), "{why}");
    assert_eq!(corpus(&app).totals(0).unreadable, 1);
    // Rows start under the title and the column headings.
    update(&mut app, Action::Click(5, 3));
    assert_eq!(selected(&app), "wire-002.txt");
    let fx = update(&mut app, Action::Click(5, 3));
    perform(&mut app, fx);
    assert_eq!(app.screen, Screen::Annotate);
    assert!(app.art.is_read_only(), "a broken sidecar opens read-only");
    keys(&mut app, "b");
    assert!(matches!(corpus(&app).cell(1, 0), Cell::Unreadable(_)));
    let t = draw(&mut app, 120, 12);
    let screen = format!("{}", t.backend());
    assert!(screen.contains("✗ unreadable sidecar"), "{screen}");
    assert!(screen.contains("✗ 1 unreadable"), "{screen}");
}

#[test]
fn a_single_article_has_no_list_to_go_back_to() {
    let mut app = open(&sample_copy().1, "alice", true);
    app.corpus = None;
    app.screen = Screen::Annotate;
    let fx = app.press("b > <");
    assert!(fx.is_empty());
    assert!(app.message.as_ref().is_some_and(|m| m.error));
}

#[test]
fn help_lists_the_corpus_keys() {
    let (_dir, root) = sample_copy();
    let mut app = open(&root, "alice", true);
    keys(&mut app, "?");
    let text: String = view::help::lines(&app, &Theme::dark())
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(text.contains("── corpus ──"), "{text}");
    assert!(text.contains("sort by status"), "{text}");
    assert!(text.contains("save, back to the corpus list"), "{text}");
    let t = draw(&mut app, 80, 12);
    let screen = format!("{}", t.backend());
    assert!(
        screen.contains("── corpus ──"),
        "help opens at the list's keys:\n{screen}"
    );
    keys(&mut app, "esc");
    assert_eq!(app.screen, Screen::Corpus);
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

#[test]
fn keymap_ron_rebinds_corpus_keys() {
    let (_dir, root) = sample_copy();
    let mut keymap = Keymap::default();
    keymap
        .overlay(
            "(corpus: { \"x\": sort_claims, \"s\": sort_name })",
            "keymap.ron",
        )
        .expect("valid overlay");
    let mut app = open_dir(
        &root,
        Schema::default_schema(),
        keymap,
        "alice".to_owned(),
        true,
    )
    .expect("corpus opens");
    wait_loaded(&mut app);
    keys(&mut app, "x");
    assert_eq!(corpus(&app).sort, marginalia::tui::corpus::SortKey::Claims);
    keys(&mut app, "s");
    assert_eq!(corpus(&app).sort, marginalia::tui::corpus::SortKey::Name);
    let err = Keymap::default()
        .overlay("(corpus: { \"x\": fly })", "keymap.ron")
        .expect_err("unknown action");
    assert!(err.to_string().starts_with("keymap.ron:1:"), "{err}");
}

#[test]
fn a_failed_save_keeps_the_article_open_and_shows_on_the_list() {
    let (_dir, root) = sample_copy();
    let mut app = open(&root, "carol", true);
    keys(&mut app, "enter");
    // A directory where the sidecar goes makes every save fail.
    let sidecar = root.join("wire-001.carol.ann.ron");
    std::fs::create_dir(&sidecar).expect("block the sidecar");
    keys(&mut app, "j v e c");
    assert!(matches!(app.art.save, SaveState::Failed(_)));
    keys(&mut app, ">");
    assert_eq!(app.art.article.file_name(), "wire-001.txt", "not left");
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("NOT saved"))
    );
    keys(&mut app, "b");
    let t = draw(&mut app, 120, 12);
    assert!(format!("{}", t.backend()).contains("NOT SAVED"));
    keys(&mut app, "q");
    assert!(!app.should_quit, "quit asks again while edits are unsaved");
    std::fs::remove_dir(&sidecar).expect("unblock");
    perform(&mut app, vec![Effect::Save]);
    assert_eq!(app.art.save, SaveState::Saved);
    keys(&mut app, "q");
    assert!(app.should_quit);
    let doc = sidecar::load(&sidecar).expect("parses").expect("exists");
    assert_eq!(doc.spans.len(), 1);
}

#[test]
fn review_from_a_corpus_article_and_back_to_the_list() {
    let (_dir, root) = sample_copy();
    let mut app = open(&root, "alice", true);
    keys(&mut app, "enter R");
    assert_eq!(app.screen, Screen::Review);
    keys(&mut app, "q");
    assert_eq!(
        app.screen,
        Screen::Annotate,
        "review closed: {:?}",
        app.message
    );
    assert!(app.review.is_none());
    keys(&mut app, "b");
    assert_eq!(app.screen, Screen::Corpus);
    assert_eq!(selected(&app), "wire-001.txt");
}
