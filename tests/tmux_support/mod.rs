//! The tmux harness of the end-to-end tests: the binary runs inside tmux (private socket,
//! fixed size), keys are sent with `send-keys`, the screen is read with `capture-pane`, polled
//! with a timeout rather than fixed sleeps. Without tmux the tests fail when `CI` is set and
//! are skipped with a notice otherwise.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Is tmux installed? Under `CI` a missing tmux fails the test instead of skipping it.
pub fn tmux_available() -> bool {
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
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// Start `command` (run by sh in `dir`) in a `w` x `h` session, with the config and data
    /// directories pointed into `dir`. The session prints `EXITED:<code>` when it ends.
    pub fn start(dir: &Path, command: &str, w: u16, h: u16) -> Self {
        let socket = format!(
            "marginalia-e2e-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
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

    /// Run a tmux command against this server; its standard output.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("run tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Send key names (`j`, `Enter`, `Escape`, `Space`...).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Type literal text.
    pub fn text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Poll the screen until `test` accepts it (20 s at most); `what` names it on failure.
    pub fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let screen = self.screen();
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

    /// Poll the screen until it contains `needle`.
    pub fn wait_for(&self, needle: &str) -> String {
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
