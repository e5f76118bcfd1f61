//! The annotation screen after the article changed on disk, and when the sidecar changed on
//! disk under us: re-anchoring counts, fuzzy spans confirmed, orphans placed again or deleted
//! (never dropped), `.bak` before the first rewrite, save conflicts resolved by a side file or a
//! reload. Key sequences through the default keymap; files in a temp directory.

mod common;

use std::path::{Path, PathBuf};

use marginalia::config::{Keymap, Theme};
use marginalia::model::{AnchorStatus, Article, Schema};
use marginalia::tui::action::Action;
use marginalia::tui::app::{App, SaveState};
use marginalia::tui::effect::Effect;
use marginalia::tui::mode::Mode;
use marginalia::tui::persist;
use marginalia::tui::update::update;

const OLD: &str = "The minister said the port will reopen on Monday.\n\n\
Union leaders warned that the strike would continue for weeks.\n\n\
A spokesperson for the harbour declined to comment on the dispute.\n\n\
Ships are waiting outside the breakwater, their crews idle.\n";

/// The same article edited: text inserted before a span (moved), a span edited inside (fuzzy),
/// a paragraph deleted (orphan).
const NEW: &str = "The minister said the port will reopen on Monday.\n\n\
Breaking: union leaders warned that the strike would continue for weeks.\n\n\
A spokesman for the harbour declined to comment on the dispute.\n";

fn open(path: &Path) -> App {
    let schema = Schema::default_schema();
    let article = Article::load(path).expect("article loads");
    let (state, note) = persist::open(article, "ci", &schema);
    let mut app = App::new(schema, Keymap::default(), "ci".to_owned(), state);
    if let Some(note) = note {
        app.add_note(&note);
    }
    update(&mut app, Action::Resize(120, 40));
    app
}

/// Perform the effects as the shell does (saves, side file, reload).
fn perform(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        marginalia::tui::run::perform(app, effect);
    }
}

fn press(app: &mut App, keys: &str) {
    let fx = app.press(keys);
    perform(app, fx);
}

fn type_text(app: &mut App, text: &str) {
    let fx = app.type_text(text);
    perform(app, fx);
}

/// Annotate OLD: a speaker (¶1), a claim (¶2) with its speaker linked to an entity, a claim
/// (¶3), a speaker (¶4) linked to the same entity with a note. Returns the sidecar path.
fn annotated_then_edited(dir: &Path) -> (PathBuf, PathBuf) {
    let article = dir.join("port.txt");
    std::fs::write(&article, OLD).expect("write article");
    let mut app = open(&article);
    press(&mut app, "v e s");
    press(&mut app, "j /");
    type_text(&mut app, "the strike");
    press(&mut app, "enter v $ c");
    press(&mut app, "j v e e e e e e e c");
    press(&mut app, "j v s L enter i");
    type_text(&mut app, "ships, not people");
    press(&mut app, "enter");
    assert_eq!(app.art.save, SaveState::Saved, "{:?}", app.message);
    let sidecar = app.art.sidecar.clone();
    assert!(sidecar.exists());
    std::fs::write(&article, NEW).expect("edit article");
    (article, sidecar)
}

#[test]
fn reopening_an_edited_article_reports_and_keeps_every_span() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (article, sidecar) = annotated_then_edited(dir.path());
    let before = std::fs::read_to_string(&sidecar).expect("sidecar");
    let mut app = open(&article);
    let message = app.message.clone().expect("a re-anchoring message").text;
    assert!(
        message.contains("re-anchored: 1 kept, 1 moved, 1 fuzzy, 1 orphaned"),
        "{message}"
    );
    assert_eq!(app.art.doc.spans.len(), 4, "no span dropped");
    let orphans: Vec<&str> = app.art.orphans().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(orphans, ["S2"]);
    // The orphan is not drawn or listed in any paragraph.
    for p in 0..app.art.para_count() {
        assert!(app.art.spans_of(p).iter().all(|s| s.id != "S2"));
    }
    // Confirm the fuzzy claim: `y` on it makes it exact.
    press(&mut app, "j j");
    let fuzzy = app.art.selected().expect("the fuzzy claim").clone();
    assert_eq!(fuzzy.status, AnchorStatus::Fuzzy);
    press(&mut app, "y");
    assert_eq!(
        app.art.doc.span(&fuzzy.id).map(|s| s.status),
        Some(AnchorStatus::Exact)
    );
    // The first save of the re-anchored file keeps the original as .bak.
    let bak = PathBuf::from(format!("{}.bak", sidecar.display()));
    assert_eq!(std::fs::read_to_string(&bak).expect(".bak written"), before);
    // Place the orphan again on "the harbour": same id, entity and note.
    press(&mut app, "o");
    assert_eq!(app.mode, Mode::Orphans(0));
    press(&mut app, "p");
    assert_eq!(
        app.mode,
        Mode::Normal,
        "move and search freely before selecting"
    );
    press(&mut app, "g /");
    type_text(&mut app, "the harbour");
    press(&mut app, "enter v e enter");
    let s2 = app.art.doc.span("S2").expect("S2 kept").clone();
    assert_eq!(s2.status, AnchorStatus::Exact);
    assert_eq!(s2.anchor.exact, "the harbour");
    assert_eq!(s2.anchor.para, 2);
    assert_eq!(s2.entity.as_deref(), Some("E1"));
    assert_eq!(s2.note.as_deref(), Some("ships, not people"));
    assert!(app.art.orphans().is_empty());
    // Undo brings the orphan back; nothing is ever dropped.
    press(&mut app, "u");
    assert_eq!(app.art.orphans().len(), 1);
    // Deleting an orphan is explicit (o, d) and undoable.
    press(&mut app, "o d");
    assert!(app.art.doc.span("S2").is_none());
    assert_eq!(app.mode, Mode::Normal, "the list closes when empty");
    press(&mut app, "u");
    assert!(app.art.doc.span("S2").is_some());
    // What is on disk now parses and still holds every span.
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("parses")
        .expect("exists");
    assert_eq!(doc.spans.len(), 4);
}

#[test]
fn placing_an_orphan_waits_for_enter_and_esc_leaves_it_orphaned() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (article, _) = annotated_then_edited(dir.path());
    let mut app = open(&article);
    press(&mut app, "o p v s");
    assert_eq!(app.mode, Mode::Select, "a kind key does not place it");
    assert_eq!(app.art.doc.spans.len(), 4, "nor create a span");
    press(&mut app, "esc");
    assert_eq!(app.art.orphans().len(), 1);
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("stays orphaned")),
        "{:?}",
        app.message
    );
    // In normal mode too, esc gives up placing.
    press(&mut app, "o p esc");
    assert_eq!(app.pending, None);
    press(&mut app, "v enter");
    assert_eq!(app.art.orphans().len(), 1, "enter no longer places it");
}

#[test]
fn reanchored_screen_snapshot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (article, _) = annotated_then_edited(dir.path());
    let mut app = open(&article);
    press(&mut app, "j j");
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 24)).expect("terminal");
    update(&mut app, Action::Resize(120, 24));
    let theme = Theme::dark();
    terminal
        .draw(|f| marginalia::tui::view::render(&app, &theme, f))
        .expect("draw");
    // The fuzzy claim carries the fuzzy style in the text.
    let buf = terminal.backend().buffer();
    let fuzzy_cells = buf
        .content()
        .iter()
        .filter(|c| c.fg == theme.fuzzy.fg.expect("fuzzy colour"))
        .count();
    assert!(fuzzy_cells > 10, "fuzzy span marked in the text");
    insta::assert_snapshot!(terminal.backend());
    press(&mut app, "o");
    terminal
        .draw(|f| marginalia::tui::view::render(&app, &theme, f))
        .expect("draw");
    insta::assert_snapshot!("orphan_list", terminal.backend());
}

#[test]
fn a_sidecar_changed_on_disk_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("port.txt");
    std::fs::write(&article, OLD).expect("write article");
    let mut app = open(&article);
    press(&mut app, "v e s");
    let sidecar = app.art.sidecar.clone();
    // Someone else (git pull, another annotator session) rewrites the sidecar.
    let mut theirs = marginalia::store::sidecar::load(&sidecar)
        .expect("parses")
        .expect("exists");
    theirs.spans[0].note = Some("their note".to_owned());
    marginalia::store::sidecar::save(&sidecar, &theirs).expect("their save");
    let on_disk = std::fs::read_to_string(&sidecar).expect("read");
    // Our next edit is not saved over theirs, and the status says what to do.
    press(&mut app, "j v c");
    assert!(
        matches!(app.art.save, SaveState::Conflict(_)),
        "{:?}",
        app.art.save
    );
    let message = app.message.clone().expect("message");
    assert!(message.error);
    assert!(message.text.contains("changed on disk"), "{}", message.text);
    assert!(
        message
            .text
            .contains("W writes your version to a side file"),
        "{}",
        message.text
    );
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), on_disk);
    // Quitting asks twice.
    assert!(app.press("q").is_empty());
    // W: our version goes to a side file next to the sidecar; the sidecar is untouched.
    press(&mut app, "esc W");
    let copies: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(".ann.ron.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].to_string_lossy().ends_with(".ann.ron"));
    let ours = marginalia::store::sidecar::load(&copies[0])
        .expect("side file parses")
        .expect("exists");
    assert_eq!(ours.spans.len(), 2);
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), on_disk);
    // ctrl-l: reload theirs; u brings ours back, and then saving is allowed again.
    press(&mut app, "ctrl-l");
    assert_eq!(app.art.save, SaveState::Saved);
    assert_eq!(app.art.doc.spans.len(), 1);
    assert_eq!(app.art.doc.spans[0].note.as_deref(), Some("their note"));
    press(&mut app, "u");
    assert_eq!(app.art.doc.spans.len(), 2);
    assert_eq!(app.art.save, SaveState::Saved);
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("parses")
        .expect("exists");
    assert_eq!(doc.spans.len(), 2, "our version saved after the reload");
}

#[test]
fn a_refused_sidecar_is_read_only_with_its_position_in_the_banner() {
    let dir = tempfile::tempdir().expect("temp dir");
    let article = dir.path().join("port.txt");
    std::fs::write(&article, OLD).expect("write article");
    let sidecar = dir.path().join("port.ci.ann.ron");
    let broken = "(\n  format_version: 1,\n  spans: [ oops\n";
    std::fs::write(&sidecar, broken).expect("sidecar");
    let mut app = open(&article);
    let SaveState::ReadOnly(e) = &app.art.save else {
        panic!("read-only expected: {:?}", app.art.save);
    };
    assert!(e.contains("port.ci.ann.ron:3:"), "{e}");
    press(&mut app, "v s space u W R");
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), broken);
    assert!(app.art.doc.spans.is_empty());
}
