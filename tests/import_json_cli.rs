//! `marginalia import label-studio` and `import citron` and `export --format citron` from the
//! command line: summaries, exit codes (0 clean, 1 something reported, 2 unreadable input) and
//! messages naming the file.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn citron_export_and_import_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let out = dir.path().join("citron");
    let export = run(&["export", s(&sample), "--format", "citron", "-o", s(&out)]);
    assert!(export.status.success());
    let stderr = String::from_utf8_lossy(&export.stderr);
    assert!(
        stderr.contains("without a cue or a source left out"),
        "{stderr}"
    );
    assert!(out.join("alice/wire-001.json").is_file());
    let imported = dir.path().join("imported");
    let import = run(&["import", "citron", s(&out), "--out", s(&imported)]);
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert_eq!(import.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("imported 7 sidecar(s)"), "{stderr}");
    assert!(imported.join("wire-001.alice.ann.ron").is_file());
    let again = run(&["import", "citron", s(&out), "-o", s(&imported)]);
    assert_eq!(again.status.code(), Some(1), "existing sidecars are kept");
    assert!(String::from_utf8_lossy(&again.stderr).contains("pass --force"));
    let missing = run(&["export", s(&sample), "--format", "citron"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn label_studio_import_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let tasks = dir.path().join("tasks.json");
    assert!(
        run(&[
            "export",
            s(&sample),
            "--format",
            "label-studio",
            "-o",
            s(&tasks)
        ])
        .status
        .success()
    );
    let out = dir.path().join("from-ls");
    let import = run(&["import", "label-studio", s(&tasks), "-o", s(&out)]);
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert_eq!(import.status.code(), Some(0), "{stderr}");
    // The annotator file next to the tasks names the users.
    for name in ["alice", "bob", "gold"] {
        assert!(
            out.join(format!("wire-001.{name}.ann.ron")).is_file(),
            "{name}"
        );
    }
    let check = run(&["check", s(&out)]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/label_studio/unicode-tasks.json");
    let foreign = run(&[
        "import",
        "label-studio",
        s(&fixture),
        "-o",
        s(&dir.path().join("f")),
    ]);
    let stderr = String::from_utf8_lossy(&foreign.stderr);
    assert_eq!(foreign.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("skipped 4 (cancelled annotation: 1, control sentiment: 1, label Organization: 1, prediction: 1)"), "{stderr}");

    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[{\"data\": {\"text\": \"x\"}},\n  {]").expect("write");
    let broken = run(&["import", "label-studio", s(&bad), "-o", s(&out)]);
    assert_eq!(broken.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains(&format!("{}:2:4: ", bad.display())),
        "{stderr}"
    );
    let help = run(&["import", "label-studio", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("--annotators"));
}
