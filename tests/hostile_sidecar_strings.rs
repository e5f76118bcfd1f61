//! A sidecar edited by hand can hold any text in any string field. Whatever it holds, the
//! corpus list, the annotation screen and the review screen draw without panicking (no byte
//! slicing of file contents, control characters shown as placeholders).

#[path = "corpus_support/mod.rs"]
mod corpus_support;
#[path = "review_support/mod.rs"]
mod review_support;

use std::path::Path;

use marginalia::config::Theme;
use marginalia::model::AnnotationDoc;
use marginalia::store::sidecar;
use marginalia::tui::action::Action;
use marginalia::tui::app::App;
use marginalia::tui::{update, view};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Text a hand edit could leave: any scalar values, weighted towards the awkward ones.
fn hostile() -> impl Strategy<Value = String> {
    let awkward = prop_oneof![
        Just('\u{1b}'),
        Just('\u{7}'),
        Just('\u{0}'),
        Just('\t'),
        Just('\n'),
        Just('\r'),
        Just('\u{200d}'),
        Just('\u{301}'),
        Just('\u{202e}'),
        Just('年'),
        Just('👩'),
        Just('𝄞'),
        Just('“'),
        any::<char>(),
    ];
    proptest::collection::vec(awkward, 0..40).prop_map(|v| v.into_iter().collect())
}

/// Put `texts` (cycled) into every string field of `doc` that a person could edit.
fn fill(doc: &mut AnnotationDoc, texts: &[String]) {
    let mut next = {
        let mut i = 0;
        move || {
            i += 1;
            texts[i % texts.len()].clone()
        }
    };
    doc.modified = next();
    doc.created = next();
    doc.schema = next();
    for e in &mut doc.entities {
        e.name = next();
        e.note = Some(next());
        for v in e.attrs.values_mut() {
            *v = next();
        }
    }
    for s in &mut doc.spans {
        s.anchor.exact = next();
        s.anchor.prefix = next();
        s.anchor.suffix = next();
        s.note = Some(next());
        for v in s.attrs.values_mut() {
            *v = next();
        }
    }
    for a in &mut doc.attributions {
        a.note = Some(next());
        for v in a.attrs.values_mut() {
            *v = next();
        }
    }
}

fn draw(app: &mut App, w: u16, h: u16) {
    update::update(app, Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    terminal
        .draw(|f| view::render(app, &Theme::dark(), f))
        .expect("draw");
}

fn rewrite(path: &Path, texts: &[String]) {
    let mut doc = sidecar::load(path)
        .expect("sample sidecar parses")
        .expect("sample sidecar exists");
    fill(&mut doc, texts);
    sidecar::save(path, &doc).expect("save");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn every_screen_draws_whatever_the_strings_hold(
        texts in proptest::collection::vec(hostile(), 1..8),
        width in 20u16..140,
        height in 5u16..45,
    ) {
        let (dir, article) = review_support::workspace("wire-001", &["alice", "bob"]);
        for name in ["alice", "bob"] {
            rewrite(&dir.path().join(format!("wire-001.{name}.ann.ron")), &texts);
        }
        // The corpus list (its summaries read `modified` and the claims).
        let mut corpus = corpus_support::open(dir.path(), "alice", true);
        draw(&mut corpus, width, height);
        corpus_support::keys(&mut corpus, "enter");
        draw(&mut corpus, width, height);
        // The annotation screen, with the attribute menu of a record open.
        let mut annotate = review_support::annotation_app(&article, "alice");
        draw(&mut annotate, width, height);
        review_support::press(&mut annotate, "j j tab enter");
        draw(&mut annotate, width, height);
        // The review screen between the two.
        let mut review = review_support::review_app(&article, &["alice", "bob"]);
        draw(&mut review, width, height);
        review_support::press(&mut review, "j j");
        draw(&mut review, width, height);
    }
}

#[test]
fn a_non_ascii_modified_time_shows_in_the_corpus_list() {
    let (dir, _article) = review_support::workspace("wire-001", &["alice"]);
    let path = dir.path().join("wire-001.alice.ann.ron");
    let mut doc = sidecar::load(&path).expect("parses").expect("exists");
    doc.modified = "2026年01月01日T00:00:00Z".to_owned();
    sidecar::save(&path, &doc).expect("save");
    let mut app = corpus_support::open(dir.path(), "alice", true);
    let terminal = corpus_support::draw(&mut app, 140, 10);
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("2026年"), "{screen}");
}
