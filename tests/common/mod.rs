//! Helpers shared by the TUI tests: apps built in memory from text, no terminal, no disk.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use marginalia::config::Keymap;
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::tui::app::{App, ArticleState, SaveState};

/// The bundled sample article.
pub const WIRE: &str = include_str!("../../sample-data/wire-001.txt");

/// An app on `text` with an empty document, 120x40 terminal.
pub fn app_with(text: &str) -> App {
    let article = Article::from_text(Path::new("test.txt"), text).expect("valid test article");
    let schema = Schema::default_schema();
    let doc = AnnotationDoc::new(&schema, &article, "tester", "2026-01-01T00:00:00Z");
    let state = ArticleState::new(
        article,
        doc,
        PathBuf::from("test.tester.ann.ron"),
        SaveState::Saved,
    );
    let mut app = App::new(schema, Keymap::default(), "tester".to_owned(), state);
    marginalia::tui::update::update(&mut app, marginalia::tui::action::Action::Resize(120, 40));
    app
}

/// An app on the sample article.
pub fn wire() -> App {
    app_with(WIRE)
}

/// The text of span `id`.
pub fn exact(app: &App, id: &str) -> String {
    app.art
        .doc
        .span(id)
        .map(|s| s.anchor.exact.clone())
        .expect("span exists")
}
