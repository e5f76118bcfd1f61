//! End-to-end tests through a real terminal: the binary runs inside tmux (private socket,
//! fixed size), keys are sent with `send-keys`, the screen is read with `capture-pane`
//! (polled with a timeout, no fixed sleeps). Without tmux these tests fail when `CI` is set
//! and are skipped with a notice otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

mod tmux_support;
use tmux_support::{Tmux, tmux_available};

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");
const WIRE: &str = include_str!("../sample-data/wire-001.txt");

/// A temp directory with `config/`, `data/` and a copy of the sample article.
fn workspace(article_text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
    let article = dir.path().join("wire-001.txt");
    std::fs::write(&article, article_text).expect("write article");
    (dir, article)
}

fn open_cmd(article: &Path) -> String {
    format!("'{BIN}' '{}' --annotator ci", article.display())
}

#[test]
fn annotate_quit_reopen_and_the_sidecar_parses() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = workspace(WIRE);
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    // Speaker: ¶2 "The Valmora Dockworkers' Union".
    t.keys(&["j", "v", "e", "e", "e"]);
    t.wait_for("SELECT");
    t.keys(&["s"]);
    t.wait_for("S1 “The Valmora Dockworkers’ Union”");
    // Cue: the next word, "said".
    t.keys(&["v", "u"]);
    t.wait_for("K1 “said”");
    // Claim: from "its members" to the end of the sentence.
    t.keys(&["/"]);
    t.text("its members");
    t.keys(&["Enter"]);
    t.wait_for("found “its members”");
    t.keys(&["v"]);
    t.text("$");
    t.keys(&["c"]);
    t.wait_for("C1 “its members");
    // Attribute: the sentence's only mention S1 (a new entity) and cue K1 are taken without
    // asking; then certainty and channel.
    t.keys(&["a"]);
    t.wait_for("C1 attributes");
    t.keys(&["2"]);
    t.wait_for("certainty of C1");
    t.keys(&["p"]);
    t.wait_for("probable");
    t.keys(&["6"]);
    t.wait_for("channel of A1");
    // other_outlet asks for `via` at once.
    t.keys(&["r"]);
    t.wait_for("via of A1");
    t.text("Harbour Gazette");
    t.keys(&["Enter"]);
    t.wait_for("C1 attributes");
    t.keys(&["Escape"]);
    t.wait_for("NORMAL");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);

    // The sidecar is on disk and has the records.
    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("sidecar parses")
        .expect("sidecar exists");
    let kinds: Vec<(&str, &str)> = doc
        .spans
        .iter()
        .map(|s| (s.id.as_str(), s.kind.as_str()))
        .collect();
    assert_eq!(kinds, [("S1", "Speaker"), ("K1", "Cue"), ("C1", "Claim")]);
    let c1 = doc.span("C1").expect("claim");
    assert_eq!(
        c1.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    let a1 = doc.attribution_of("C1").expect("attribution");
    assert_eq!(a1.sources, ["S1"]);
    assert_eq!(a1.cue.as_deref(), Some("K1"));
    assert_eq!(
        a1.attrs.get("channel").map(String::as_str),
        Some("other_outlet")
    );
    assert_eq!(
        a1.attrs.get("via").map(String::as_str),
        Some("Harbour Gazette")
    );
    assert_eq!(doc.entities.len(), 1);
    // The shipped checker agrees the sidecar is valid.
    let check = Command::new(BIN)
        .arg("check")
        .arg(&sidecar)
        .output()
        .expect("run marginalia check");
    assert_eq!(
        check.status.code(),
        Some(0),
        "marginalia check failed:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    // Reopen: the records are shown again.
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    t.keys(&["j"]);
    let screen = t.wait_for("C1 “its members");
    assert!(screen.contains("← S1"), "attribution shown:\n{screen}");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn resize_to_20x5_and_back() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = workspace(WIRE);
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    t.tmux(&["resize-window", "-t", "e2e", "-x", "20", "-y", "5"]);
    t.wait_for("Terminal too small");
    t.tmux(&["resize-window", "-t", "e2e", "-x", "120", "-y", "40"]);
    t.wait_for("NORMAL");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn escape_sequences_in_the_article_never_reach_the_terminal() {
    if !tmux_available() {
        return;
    }
    let hostile = "Headline \u{1b}]0;pwned-title\u{7} here\n\n\
        Clipboard \u{1b}]52;c;cG93bmVk\u{7} and \u{1b}[5;7;9mblink\u{1b}[0m and \u{9b}2J and bell\u{7} del\u{7f}.\n";
    let (dir, article) = workspace(hostile);
    let raw = dir.path().join("pane.raw");
    // The shell waits for a line before starting the app, so pipe-pane sees every byte.
    let t = Tmux::start(
        dir.path(),
        &format!("read go; {}", open_cmd(&article)),
        100,
        30,
    );
    t.tmux(&[
        "pipe-pane",
        "-o",
        "-t",
        "e2e",
        &format!("cat >> '{}'", raw.display()),
    ]);
    t.keys(&["Enter"]);
    t.wait_for("␛]52;c;cG93bmVk␇");
    let screen = t.wait_for("NORMAL");
    assert!(
        screen.contains("␛]0;pwned-title␇"),
        "shown as placeholders:\n{screen}"
    );
    t.keys(&["j", "G", "g"]);
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    let bytes = std::fs::read(&raw).expect("pane output captured");
    assert!(bytes.len() > 1000, "captured the drawing");
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(
        !has(b"\x1b]"),
        "no OSC sequence (title, clipboard) reached the terminal"
    );
    assert!(!has(b"\x07"), "no BEL reached the terminal");
    assert!(
        !has(b"\x1b[5;7;9m"),
        "the article's CSI did not reach the terminal"
    );
    assert!(!has("\u{9b}".as_bytes()), "no C1 CSI reached the terminal");
    assert!(!has(b"\x7f"), "no DEL reached the terminal");
}

#[test]
fn a_failed_save_is_shown_retried_and_guards_quit() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = workspace(WIRE);
    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    // A directory where the sidecar goes makes every save fail (even for root).
    std::fs::create_dir(&sidecar).expect("block the sidecar path");
    t.keys(&["j", "v", "c"]);
    let screen = t.wait_for("NOT SAVED");
    assert!(screen.contains("SAVE FAILED"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("press q again");
    // Unblock: the retry saves the edits without another key.
    std::fs::remove_dir(&sidecar).expect("unblock");
    t.wait_for("the earlier failure is resolved");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("sidecar parses")
        .expect("sidecar exists");
    assert_eq!(doc.spans.len(), 1);
}

#[test]
fn editing_the_article_between_sessions_keeps_every_span_and_a_backup() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = workspace(WIRE);
    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    // S1 in ¶2; C1 in ¶4 (a paragraph that will be deleted).
    t.keys(&["j", "v", "e", "e", "e", "s"]);
    t.wait_for("S1 “The Valmora Dockworkers’ Union”");
    t.keys(&["j", "j", "v", "e", "e", "c"]);
    t.wait_for("C1 “Transport minister Ilse”");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);
    let first = std::fs::read_to_string(&sidecar).expect("sidecar written");

    // Someone edits the article: a note on top, the minister's paragraph deleted.
    let edited: Vec<&str> = WIRE
        .split("\n\n")
        .filter(|p| !p.starts_with("Transport minister"))
        .collect();
    let edited = format!(
        "EDITOR'S NOTE: updated on Tuesday.\n\n{}",
        edited.join("\n\n")
    );
    std::fs::write(&article, edited).expect("edit the article");

    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    let screen = t.wait_for("re-anchored: 0 kept, 1 moved, 0 fuzzy, 1 orphaned");
    assert!(screen.contains("1 ORPHANED"), "{screen}");
    // The orphan list shows the old quote.
    t.keys(&["o"]);
    t.wait_for("C1 Claim ORPHAN was ¶4: “Transport minister Ilse”");
    t.keys(&["Escape"]);
    // Any edit saves; the file as it was is kept as .bak first.
    t.keys(&["space"]);
    t.wait_for("paragraph 1 done");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);

    let bak = dir.path().join("wire-001.ci.ann.ron.bak");
    assert_eq!(
        std::fs::read_to_string(&bak).expect(".bak exists"),
        first,
        "the backup is the file as it was"
    );
    let doc = marginalia::store::sidecar::load(&sidecar)
        .expect("sidecar parses")
        .expect("sidecar exists");
    let spans: Vec<(&str, &str, usize)> = doc
        .spans
        .iter()
        .map(|s| (s.id.as_str(), s.status.as_str(), s.anchor.para))
        .collect();
    assert!(spans.contains(&("S1", "moved", 2)), "{spans:?}");
    assert!(spans.contains(&("C1", "orphaned", 3)), "{spans:?}");
    assert_eq!(spans.len(), 2, "every span kept");
    assert!(doc.done.contains(&0));
}

#[test]
fn a_sidecar_changed_on_disk_is_a_conflict_resolved_by_keys() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = workspace(WIRE);
    let sidecar = dir.path().join("wire-001.ci.ann.ron");
    let t = Tmux::start(dir.path(), &open_cmd(&article), 120, 40);
    t.wait_for("NORMAL");
    t.keys(&["j", "v", "s"]);
    t.wait_for("S1 “The”");
    // Wait for the save to reach the disk.
    let deadline = Instant::now() + Duration::from_secs(20);
    while !std::fs::read_to_string(&sidecar).is_ok_and(|t| t.contains("S1")) {
        assert!(Instant::now() < deadline, "the first save never happened");
        std::thread::sleep(Duration::from_millis(30));
    }
    // Another program rewrites the sidecar (here: marks a paragraph done).
    let mut theirs = marginalia::store::sidecar::load(&sidecar)
        .expect("parses")
        .expect("exists");
    theirs.done.insert(6);
    marginalia::store::sidecar::save(&sidecar, &theirs).expect("their save");
    let on_disk = std::fs::read_to_string(&sidecar).expect("read");
    t.keys(&["space"]);
    let screen = t.wait_for("CONFLICT");
    assert!(screen.contains("SIDECAR CHANGED ON DISK"), "{screen}");
    assert!(screen.contains("W writes your version"), "{screen}");
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), on_disk);
    t.keys(&["W"]);
    t.wait_for("your version is in");
    t.keys(&["C-l"]);
    t.wait_for("reloaded");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    let copies = std::fs::read_dir(dir.path())
        .expect("list")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".conflict-"))
        })
        .count();
    assert_eq!(copies, 1);
    assert_eq!(std::fs::read_to_string(&sidecar).expect("read"), on_disk);
}

/// A temp directory with `config/`, `data/` and sample-data's wire-002 with alice's and
/// bob's sidecars.
fn review_workspace() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for file in [
        "wire-002.txt",
        "wire-002.alice.ann.ron",
        "wire-002.bob.ann.ron",
    ] {
        std::fs::copy(sample.join(file), dir.path().join(file)).expect("copy sample");
    }
    let article = dir.path().join("wire-002.txt");
    (dir, article)
}

#[test]
fn review_adjudicate_quit_check_and_reopen_gold() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = review_workspace();
    let review = format!(
        "'{BIN}' review '{}' --annotators alice,bob",
        article.display()
    );
    let t = Tmux::start(dir.path(), &review, 120, 40);
    t.wait_for("REVIEW");
    t.wait_for("decided 0/23");
    // Accept every full agreement, take alice's claim, bob's mention, reject the next.
    t.keys(&["A"]);
    t.wait_for("accepted 13 full agreements");
    t.keys(&["1"]);
    t.wait_for("decided 14/23");
    t.keys(&["2"]);
    t.wait_for("took bob's version · 15/23 decided");
    t.keys(&["x"]);
    t.wait_for("decided 16/23");
    // Undo the rejection, then take both versions of the engineer's claim.
    t.keys(&["u"]);
    t.wait_for("undone: item 3: rejected");
    t.keys(&["t"]);
    t.wait_for("decided 16/23");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    drop(t);

    // The gold sidecar parses with the store's parser and passes `marginalia check`.
    let gold_path = dir.path().join("wire-002.gold.ann.ron");
    let gold = marginalia::store::sidecar::load(&gold_path)
        .expect("gold parses")
        .expect("gold exists");
    assert_eq!(gold.annotator, "gold");
    assert_eq!(
        gold.spans.len(),
        17,
        "13 agreements, 1 + 1 taken, 2 of take both"
    );
    let speakers: Vec<&str> = gold
        .spans
        .iter()
        .filter(|s| s.kind == "Speaker")
        .map(|s| s.anchor.exact.as_str())
        .collect();
    assert!(speakers.contains(&"Chief engineer 林美华"), "{speakers:?}");
    let check = Command::new(BIN)
        .arg("check")
        .arg(dir.path())
        .output()
        .expect("run check");
    assert!(
        check.status.success(),
        "marginalia check: {}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );

    // The gold sidecar opens on the annotation screen like any other.
    let t = Tmux::start(
        dir.path(),
        &format!("'{BIN}' '{}' --annotator gold", article.display()),
        120,
        40,
    );
    t.wait_for("NORMAL");
    t.keys(&["j"]);
    let screen = t.wait_for("Chief engineer 林美华");
    assert!(screen.contains("gold"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");

    // Reviewing again resumes: what is in gold counts as decided.
    let t = Tmux::start(dir.path(), &review, 120, 40);
    t.wait_for("decided 16/23");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

#[test]
fn review_from_the_annotation_screen_and_edit_a_gold_record() {
    if !tmux_available() {
        return;
    }
    let (dir, article) = review_workspace();
    let t = Tmux::start(
        dir.path(),
        &format!("'{BIN}' '{}' --annotator alice", article.display()),
        120,
        40,
    );
    t.wait_for("NORMAL");
    t.keys(&["R"]);
    t.wait_for("review of alice, bob");
    // Item 1 has alice's version only: `e` takes it and opens it in gold.
    t.keys(&["e"]);
    t.wait_for("editing gold C1");
    t.keys(&["Enter"]);
    t.wait_for("C1 attributes");
    t.keys(&["1"]);
    t.wait_for("claim_type of C1");
    t.keys(&["e", "Escape"]);
    t.wait_for("NORMAL");
    t.keys(&["R"]);
    t.wait_for("back to review: 1/23 decided");
    t.keys(&["q"]);
    t.wait_for("review closed");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
    let gold = marginalia::store::sidecar::load(&dir.path().join("wire-002.gold.ann.ron"))
        .expect("gold parses")
        .expect("gold exists");
    let claim = gold.span("C1").expect("the edited claim");
    assert_eq!(
        claim.attrs.get("claim_type").map(String::as_str),
        Some("event")
    );
}
