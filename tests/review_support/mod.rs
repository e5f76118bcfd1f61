//! Helpers for the review screen tests: a temp copy of a sample article with its sidecars, an
//! app on the review screen, and key presses whose effects are performed as the shell does.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use marginalia::config::Keymap;
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::GOLD;
use marginalia::tui::action::Action;
use marginalia::tui::app::{App, ArticleState, SaveState};
use marginalia::tui::review::shell;
use marginalia::tui::review::update::screen::enter;
use marginalia::tui::{persist, update};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data");

/// A temp directory holding `stem.txt` and the sidecars of `annotators` from sample-data.
pub fn workspace(stem: &str, annotators: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join(format!("{stem}.txt"));
    std::fs::copy(Path::new(SAMPLE).join(format!("{stem}.txt")), &article).expect("article");
    for name in annotators {
        let file = format!("{stem}.{name}.ann.ron");
        std::fs::copy(Path::new(SAMPLE).join(&file), dir.path().join(&file)).expect("sidecar");
    }
    (dir, article)
}

/// An app on the review screen of `article` between `names` (120x40).
pub fn review_app(article: &Path, names: &[&str]) -> App {
    let schema = Schema::default_schema();
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let state = shell::open_review(&schema, article, &names).expect("review opens");
    let art = ArticleState::new(
        state.article.clone(),
        state.adj.gold().clone(),
        state.gold_path.clone(),
        SaveState::Saved,
    );
    let mut app = App::new(schema, Keymap::default(), GOLD.to_owned(), art);
    enter(&mut app, state, false);
    update::update(&mut app, Action::Resize(120, 40));
    app
}

/// An app on the annotation screen of `article` for `annotator`.
pub fn annotation_app(article: &Path, annotator: &str) -> App {
    let schema = Schema::default_schema();
    let loaded = Article::load(article).expect("article loads");
    let (state, _) = persist::open(loaded, annotator, &schema);
    let mut app = App::new(schema, Keymap::default(), annotator.to_owned(), state);
    update::update(&mut app, Action::Resize(120, 40));
    app
}

/// Press keys and perform their effects as the shell does (saving to disk).
pub fn press(app: &mut App, keys: &str) {
    for name in keys.split(' ').filter(|k| !k.is_empty()) {
        for effect in app.press(name) {
            marginalia::tui::run::perform(app, effect);
        }
    }
}

/// The gold sidecar next to `article`, parsed by the store.
pub fn gold_on_disk(article: &Path) -> AnnotationDoc {
    let path = marginalia::review::session::gold_path(article);
    marginalia::store::sidecar::load(&path)
        .expect("gold sidecar parses")
        .expect("gold sidecar exists")
}

/// The exact texts of a document's spans of `kind`.
pub fn texts(doc: &AnnotationDoc, kind: &str) -> Vec<String> {
    doc.spans
        .iter()
        .filter(|s| s.kind == kind)
        .map(|s| s.anchor.exact.clone())
        .collect()
}

/// The review state of an app.
pub fn review(app: &App) -> &marginalia::tui::review::ReviewState {
    app.review.as_deref().expect("a review is open")
}
