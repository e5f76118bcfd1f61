//! End-to-end through tmux: open the sample article, accept two suggestions and reject one,
//! quit; the sidecar on disk holds the two bundles (flagged `suggested`) and the rejection,
//! `marginalia check` accepts it, and reopening does not offer the rejected one again.
//! Without tmux the test fails when `CI` is set and is skipped with a notice otherwise.

use std::process::Command;

mod tmux_support;
use tmux_support::{Tmux, tmux_available};

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");
const WIRE: &str = include_str!("../sample-data/wire-001.txt");

#[test]
fn accept_two_reject_one_quit_and_check() {
    if !tmux_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
    let article = dir.path().join("wire-001.txt");
    std::fs::write(&article, WIRE).expect("article");
    let cmd = format!("'{BIN}' '{}' --annotator ci", article.display());
    let t = Tmux::start(dir.path(), &cmd, 120, 40);
    // The count comes from the suggester (its figures move as the lexicon improves); the
    // test holds the flow to it: each accept or reject takes exactly one off.
    let first = t.wait_until("a suggestion count", |s| pending_count(s).is_some());
    let n = pending_count(&first).expect("count on screen");
    assert!(
        n >= 4,
        "the sample article should offer several suggestions:\n{first}"
    );
    // First suggestion: accept (2 keys), the next one is selected: accept, then reject.
    t.keys(&["s"]);
    t.wait_for(&format!("suggestion ({n} pending)"));
    t.keys(&["A"]);
    t.wait_for(&format!("{} suggested", n - 1));
    t.keys(&["A"]);
    t.wait_for(&format!("{} suggested", n - 2));
    t.keys(&["x"]);
    t.wait_for(&format!("{} suggested", n - 3));
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);

    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let text = std::fs::read_to_string(&sidecar).expect("sidecar written");
    assert!(text.contains("rejected"), "{text}");
    assert!(text.contains("suggested: true"), "{text}");
    let doc = marginalia::store::sidecar::parse(&text, &sidecar).expect("parses");
    assert_eq!(doc.attributions.len(), 2);
    assert_eq!(doc.rejected.len(), 1);
    assert!(doc.attributions.iter().all(|a| a.suggested));
    let check = Command::new(BIN)
        .arg("check")
        .arg(&sidecar)
        .output()
        .expect("run check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    // Reopen: the rest are left, the rejected one is not among them.
    let t = Tmux::start(dir.path(), &cmd, 120, 40);
    t.wait_for(&format!("{} suggested", n - 3));
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

/// The "N suggested" figure of the status bar, when it is on screen.
fn pending_count(screen: &str) -> Option<usize> {
    let at = screen.find(" suggested")?;
    let digits: String = screen[..at]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}
