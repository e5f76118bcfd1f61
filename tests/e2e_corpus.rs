//! End-to-end test of the corpus browser through a real terminal (tmux on a private socket,
//! polled `capture-pane`, no fixed sleeps): open a copy of `sample-data`, open an article,
//! annotate a claim, go to the next article, back to the list, see the new count, quit, and
//! find the sidecar on disk. Without tmux the test fails when `CI` is set and is skipped with
//! a notice otherwise.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");

fn tmux_available() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "tmux is required for the end-to-end tests in CI"
        );
        eprintln!("notice: tmux not found, skipping the end-to-end test");
    }
    ok
}

/// A tmux server on a private socket running one session.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(dir: &Path, command: &str, w: u16, h: u16) -> Self {
        let socket = format!("marginalia-e2e-corpus-{}", std::process::id());
        let env = format!(
            "MARGINALIA_CONFIG_DIR='{0}/config' MARGINALIA_DATA_DIR='{0}/data' TERM=xterm-256color",
            dir.display()
        );
        let script = format!(
            "cd '{}' && {env} {command}; echo EXITED:$?; sleep 600",
            dir.display()
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-s", "e2e", "-x", &w.to_string(), "-y", &h.to_string()])
            .args(["sh", "-c", &script])
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux new-session failed");
        Self { socket }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Poll the screen until `test` accepts it.
    fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.tmux(&["capture-pane", "-p", "-t", "e2e"]);
            if test(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        self.wait_until(&format!("`{needle}`"), |s| s.contains(needle))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

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
