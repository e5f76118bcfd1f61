//! End-to-end through tmux: the demo (`marginalia` with no PATH) runs where `$USER` is empty
//! or unset, as in containers, and saves as the `demo` annotator; new sidecars follow the
//! umask. Without tmux the test fails when `CI` is set and is skipped with a notice otherwise.

use std::path::Path;

mod tmux_support;
use tmux_support::{Tmux, tmux_available};

const BIN: &str = env!("CARGO_BIN_EXE_marginalia");

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("config")).expect("config dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("data dir");
    dir
}

fn run_demo(dir: &Path, env: &str) {
    // `env` runs the binary so the harness's directory variables reach it.
    let t = Tmux::start(dir, &format!("env {env} '{BIN}'"), 120, 40);
    t.wait_for("the demo article");
    t.wait_for("demo");
    // Mark the first word of the title, so there is a sidecar to save, then quit.
    t.keys(&["v", "s"]);
    t.wait_for("S1 “Port”");
    t.keys(&["q"]);
    t.wait_for("EXITED:0");
}

/// The mode a file created the ordinary way gets here (0666 less the umask).
#[cfg(unix)]
fn umask_of_a_new_file(dir: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::write(&probe, b"").expect("probe");
    std::fs::metadata(&probe)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

#[test]
fn the_demo_runs_without_an_annotator_name() {
    if !tmux_available() {
        return;
    }
    for env in ["-u USER", "USER="] {
        let dir = workspace();
        run_demo(dir.path(), env);
        let sidecar = dir.path().join("data/demo/wire-001.demo.ann.ron");
        let listing: Vec<_> = walk(dir.path());
        let text = std::fs::read_to_string(&sidecar)
            .unwrap_or_else(|e| panic!("the demo annotator's sidecar: {e}; files: {listing:?}"));
        assert!(text.contains("annotator: \"demo\""), "{text}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&sidecar)
                .expect("meta")
                .permissions()
                .mode()
                & 0o777;
            let expected = umask_of_a_new_file(dir.path());
            assert_eq!(mode, expected, "as a new file gets, got {mode:o}");
        }
    }
}
