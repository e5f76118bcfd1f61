//! Sidecars change on disk only when their annotations change: opening, navigating, leaving,
//! moving to the next or previous article and quitting leave every file's bytes and mtime as
//! they were (teams share corpora through git).

#[path = "corpus_support/mod.rs"]
mod corpus_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use corpus_support::{keys, open, sample_copy};
use marginalia::tui::app::Screen;

/// Every file below `root` with its bytes and modification time.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(root).expect("list") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let mtime = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime");
        out.insert(path, (bytes, mtime));
    }
    out
}

/// Same files with the same bytes, and (when `check_mtime`) never rewritten at all.
fn assert_untouched(
    root: &Path,
    before: &BTreeMap<PathBuf, (Vec<u8>, SystemTime)>,
    check_mtime: bool,
) {
    let after = snapshot(root);
    let names = |m: &BTreeMap<PathBuf, _>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(before), names(&after), "no file created or removed");
    for (path, (bytes, mtime)) in before {
        let (now_bytes, now_mtime) = &after[path];
        assert!(
            bytes == now_bytes,
            "{} was rewritten:\n{}",
            path.display(),
            String::from_utf8_lossy(now_bytes)
        );
        if check_mtime {
            assert_eq!(mtime, now_mtime, "{} mtime moved", path.display());
        }
    }
}

#[test]
fn browsing_a_corpus_without_editing_writes_nothing() {
    let (_dir, root) = sample_copy();
    let before = snapshot(&root);
    // Let a tick of time pass so a rewrite would show in the mtime too.
    std::thread::sleep(std::time::Duration::from_millis(20));
    for annotator in ["alice", "bob", "carol"] {
        let mut app = open(&root, annotator, true);
        keys(&mut app, "enter");
        assert_eq!(app.screen, Screen::Annotate);
        keys(&mut app, "j j k l w b ] > > < -");
        assert_eq!(app.screen, Screen::Corpus);
        keys(&mut app, "j enter j - q");
        assert!(app.should_quit);
        assert_untouched(&root, &before, true);
    }
}

#[test]
fn an_edit_undone_restores_the_original_bytes() {
    let (_dir, root) = sample_copy();
    let before = snapshot(&root);
    let mut app = open(&root, "alice", true);
    // Marking a paragraph done writes the file; undoing it writes the original bytes back
    // (its old `modified` time included), so version control sees no change.
    keys(&mut app, "enter j space");
    let marked = std::fs::read(root.join("wire-001.alice.ann.ron")).expect("sidecar");
    assert!(
        marked != before[&root.join("wire-001.alice.ann.ron")].0,
        "the done mark is saved at once"
    );
    keys(&mut app, "u > - q");
    assert_untouched(&root, &before, false);
}

#[test]
fn re_anchoring_alone_is_not_written_but_the_first_edit_writes_it_with_a_backup() {
    let (_dir, root) = sample_copy();
    let article = root.join("wire-001.txt");
    let text = std::fs::read_to_string(&article).expect("article");
    std::fs::write(&article, format!("Editor's note: corrected.\n\n{text}")).expect("edit");
    let before = snapshot(&root);
    let mut app = open(&root, "alice", true);
    keys(&mut app, "enter j j - q");
    assert_untouched(&root, &before, true);
    // An edit writes the re-anchored document, keeping the original as .bak.
    let mut app = open(&root, "alice", true);
    keys(&mut app, "enter j space -");
    let bak = root.join("wire-001.alice.ann.ron.bak");
    assert_eq!(
        std::fs::read(&bak).expect("backup written"),
        before[&root.join("wire-001.alice.ann.ron")].0
    );
}
