//! End-to-end test of the corpus browser through a real terminal (tmux on a private socket,
//! polled `capture-pane`, no fixed sleeps): open a copy of `sample-data`, open an article,
//! annotate a claim, go to the next article, back to the list, see the new count, quit, and
//! find the sidecar on disk. Without tmux the test fails when `CI` is set and is skipped with
//! a notice otherwise.

use std::path::Path;

mod tmux_support;
use tmux_support::{Tmux, tmux_available};

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");

/// The screen line showing `name`.
fn row<'a>(screen: &'a str, name: &str) -> &'a str {
    screen.lines().find(|l| l.contains(name)).unwrap_or("")
}

#[test]
fn browse_annotate_next_back_and_the_count_updates() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["config", "data", "corpus"] {
        std::fs::create_dir_all(dir.path().join(sub)).expect("dir");
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in std::fs::read_dir(&src).expect("sample-data") {
        let path = entry.expect("entry").path();
        let name = path.file_name().expect("file name");
        std::fs::copy(&path, dir.path().join("corpus").join(name)).expect("copy");
    }
    let t = Tmux::start(
        dir.path(),
        &format!("'{BIN}' corpus --annotator ci"),
        120,
        30,
    );
    let screen = t.wait_for("CORPUS");
    assert!(screen.contains("ci: ✓ 0 done"), "{screen}");
    assert!(row(&screen, "wire-001.txt").contains("○ not started"));
    // alice's progress fills in next to ours as her sidecars are summarised.
    t.wait_for("alice ✓2");
    t.keys(&["Enter"]);
    t.wait_for("wire-001.txt · ci");
    // One claim in the second paragraph.
    t.keys(&["j", "v", "e", "c"]);
    t.wait_for("C1 “");
    t.keys(&[">"]);
    t.wait_for("wire-002.txt · ci");
    t.keys(&["-"]);
    let screen = t.wait_until("the updated row", |s| {
        s.contains("CORPUS") && row(s, "wire-001.txt").contains("◐ in progress")
    });
    assert!(row(&screen, "wire-001.txt").contains("1 cl"), "{screen}");
    assert!(screen.contains("◐ 1 in progress"), "{screen}");
    // The article visited without edits is still not started.
    assert!(row(&screen, "wire-002.txt").contains("○ not started"));
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);

    let sidecar = dir.path().join("corpus/wire-001.ci.ann.ron");
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("sidecar parses")
        .expect("sidecar exists");
    let kinds: Vec<&str> = doc.spans.iter().map(|s| s.kind.as_str()).collect();
    assert_eq!(kinds, ["Claim"]);
    assert!(
        !dir.path().join("corpus/wire-002.ci.ann.ron").exists(),
        "no sidecar for an article only looked at"
    );
}
