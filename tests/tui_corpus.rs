//! The corpus browser driven by key sequences on temp copies of `sample-data`: sort, filter,
//! open an article, next / previous article, back to the list with the new progress, save
//! failures, review, the keymap section.

mod corpus_support;

use corpus_support::{corpus, draw, keys, open, sample_copy, selected, shown};
use marginalia::config::{Keymap, Theme};
use marginalia::corpus::Progress;
use marginalia::model::Schema;
use marginalia::store::sidecar;
use marginalia::tui::action::Action;
use marginalia::tui::app::{SaveState, Screen};
use marginalia::tui::corpus::Cell;
use marginalia::tui::corpus::shell::{open_dir, perform, wait_loaded};
use marginalia::tui::effect::Effect;
use marginalia::tui::update::update;
use marginalia::tui::view;

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
    // By share of paragraphs done (5/7 before 6/6 and 7/7), then reversed; by last change,
    // newest first.
    keys(&mut app, "p");
    assert_eq!(shown(&app), ["wire-001.txt", "wire-002.txt", "wire-003.md"]);
    keys(&mut app, "p");
    assert_eq!(shown(&app), ["wire-002.txt", "wire-003.md", "wire-001.txt"]);
    keys(&mut app, "m");
    assert_eq!(shown(&app), ["wire-003.md", "wire-002.txt", "wire-001.txt"]);
    keys(&mut app, "s s");
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
    keys(&mut app, "space -");
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
    keys(&mut app, "- q");
    assert!(app.should_quit);
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
    keys(&mut app, "-");
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
    let fx = app.press("- > <");
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
    keys(&mut app, "-");
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
    keys(&mut app, "-");
    assert_eq!(app.screen, Screen::Corpus);
    assert_eq!(selected(&app), "wire-001.txt");
}
