//! Helpers for the corpus browser tests: temp copies of `sample-data`, generated corpora,
//! apps opened on them, and key presses performed as the shell performs them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use marginalia::config::{Keymap, Theme};
use marginalia::corpus::{SummaryEvent, summarize};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::sidecar;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::corpus::CorpusState;
use marginalia::tui::corpus::shell::{open_dir, perform, wait_loaded};
use marginalia::tui::update::update;
use marginalia::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A temp directory holding a copy of `sample-data` under `corpus/`.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
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

pub fn open(root: &Path, annotator: &str, load: bool) -> App {
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

pub fn corpus(app: &App) -> &CorpusState {
    app.corpus.as_deref().expect("corpus state")
}

/// Relative paths shown, in order.
pub fn shown(app: &App) -> Vec<String> {
    let c = corpus(app);
    c.view()
        .iter()
        .map(|&e| c.entries()[e].rel_path.clone())
        .collect()
}

pub fn selected(app: &App) -> String {
    let c = corpus(app);
    c.entries()[c.selected().expect("a selection")]
        .rel_path
        .clone()
}

/// Press keys and perform what they ask (saving, opening) as the shell does.
pub fn keys(app: &mut App, keys: &str) {
    for key in keys.split(' ') {
        let fx = app.press(key);
        perform(app, fx);
    }
}

pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| view::render(app, &Theme::dark(), f))
        .expect("draw");
    terminal
}

/// Articles with `claims` claims each (`None`: no sidecar), for annotator `tester`.
pub fn generated(specs: &[(&str, Option<usize>)]) -> (tempfile::TempDir, PathBuf) {
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

pub fn events(app: &App) -> Vec<SummaryEvent> {
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
