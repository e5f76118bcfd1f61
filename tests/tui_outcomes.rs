//! What the shell finds on the disk comes back as an `Outcome` that the pure update applies:
//! each state change (a sidecar reloaded, gold saved or not, a review that cannot open, a
//! corpus entry opened or refused, gold's own review key) checked here by building the
//! outcome by hand, without the shell.

mod common;
mod review_support;

use common::{app_with, wire};
use marginalia::model::Article;
use marginalia::store::{GOLD, OpenedSidecar};
use marginalia::tui::app::{ArticleState, SaveState, Screen};
use marginalia::tui::effect::Effect;
use marginalia::tui::outcome::Outcome;
use marginalia::tui::update::outcome::apply;

fn said(app: &marginalia::tui::app::App) -> String {
    app.message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// An opened (new, never written) sidecar of the app's article holding one span.
fn opened_with_a_span(app: &marginalia::tui::app::App) -> OpenedSidecar {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("test.txt");
    std::fs::write(&path, app.art.article.text()).expect("article");
    let article = Article::load(&path).expect("article loads");
    let mut opened = OpenedSidecar::open(&article, "tester", &app.schema).expect("opens");
    opened
        .doc
        .add_span(&app.schema, &article, "Cue", 0, 0, 3)
        .expect("span");
    opened
}

#[test]
fn a_reloaded_sidecar_replaces_the_document_and_undo_brings_back_the_old_one() {
    let mut app = app_with("Ann said it rains.\n");
    app.press("v e s");
    assert_eq!(app.art.doc.spans.len(), 1);
    let kind_before = app.art.doc.spans[0].kind.clone();
    app.art.save = SaveState::Conflict("changed on disk".to_owned());
    let opened = opened_with_a_span(&app);
    apply(&mut app, Outcome::Reloaded(Ok(Box::new(opened))));
    assert_eq!(app.art.save, SaveState::Saved);
    assert_eq!(app.art.doc.spans.len(), 1);
    assert_eq!(app.art.doc.spans[0].kind, "Cue");
    assert!(said(&app).starts_with("reloaded "), "{}", said(&app));
    app.press("u");
    assert_eq!(app.art.doc.spans[0].kind, kind_before);
}

#[test]
fn a_sidecar_that_cannot_be_reloaded_leaves_the_document_alone() {
    let mut app = app_with("Ann said it rains.\n");
    app.press("v e s");
    let before = app.art.doc.clone();
    apply(
        &mut app,
        Outcome::Reloaded(Err("x.ann.ron:3:7: expected `)`".to_owned())),
    );
    assert_eq!(app.art.doc, before);
    assert!(
        said(&app).contains("cannot reload: x.ann.ron:3:7"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_review_that_cannot_open_says_why_and_stays_on_the_article() {
    let mut app = wire();
    apply(
        &mut app,
        Outcome::ReviewOpened(Err(
            "review needs the sidecars of at least two annotators".into()
        )),
    );
    assert_eq!(app.screen, Screen::Annotate);
    assert!(app.review.is_none());
    assert!(said(&app).contains("at least two annotators"));
}

#[test]
fn gold_cannot_open_its_own_review() {
    let mut app = wire();
    app.annotator = GOLD.to_owned();
    let fx = app.press("R");
    assert!(!fx.contains(&Effect::OpenReview), "{fx:?}");
    assert!(
        said(&app).contains("this is the gold sidecar"),
        "{}",
        said(&app)
    );
}

#[test]
fn a_corpus_entry_that_cannot_be_opened_keeps_the_screen() {
    let mut app = wire();
    let before = app.art.article.file_name().to_owned();
    apply(
        &mut app,
        Outcome::EntryOpened {
            entry: 3,
            opened: Err("b.txt: not UTF-8 at byte 12".to_owned()),
        },
    );
    assert_eq!(app.art.article.file_name(), before);
    assert!(said(&app).contains("not UTF-8 at byte 12"));
}

#[test]
fn an_opened_corpus_entry_is_shown_with_its_note() {
    let mut app = wire();
    let other = app_with("Another article.\n");
    let state: ArticleState = other.art;
    apply(
        &mut app,
        Outcome::EntryOpened {
            entry: 0,
            opened: Ok((
                Box::new(state),
                Some("migrated from format version 1".into()),
            )),
        },
    );
    assert_eq!(app.screen, Screen::Annotate);
    assert_eq!(app.art.article.text(), "Another article.\n");
    assert!(said(&app).contains("migrated from format version 1"));
}

#[test]
fn read_only_gold_is_not_opened_for_editing() {
    let mut app = wire();
    let mut gold = app_with("Gold.\n").art;
    gold.save = SaveState::ReadOnly("gold.ann.ron:1:1: format version 9".to_owned());
    apply(
        &mut app,
        Outcome::GoldOpened {
            opened: Ok(Box::new(gold)),
            span: "S1".to_owned(),
        },
    );
    assert!(
        said(&app).contains("cannot edit the gold sidecar"),
        "{}",
        said(&app)
    );
    assert_ne!(app.art.article.text(), "Gold.\n");
}

#[test]
fn a_failed_gold_save_is_shown_and_the_next_good_one_says_it_is_resolved() {
    let (_dir, article) = review_support::workspace("wire-001", &["alice", "bob"]);
    let mut app = review_support::review_app(&article, &["alice", "bob"]);
    apply(
        &mut app,
        Outcome::GoldSaved(Err("gold: read-only directory".into())),
    );
    assert!(matches!(
        review_support::review(&app).save,
        SaveState::Failed(_)
    ));
    assert!(said(&app).contains("GOLD NOT SAVED: gold: read-only directory"));
    apply(&mut app, Outcome::GoldSaved(Ok(())));
    assert_eq!(review_support::review(&app).save, SaveState::Saved);
    assert!(said(&app).contains("earlier failure is resolved"));
}
