//! End-to-end tests of `marginalia suggest` on a copy of sample-data: the `--json` golden
//! file, texts equal to their slices, `--write` through the store (refusing a person's
//! sidecar, replacing only its own untouched ones), and `agree` / `check` treating the
//! suggester as an annotator.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use marginalia::model::{Article, MadeBy};
use marginalia::store::sidecar;

fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    for entry in fs::read_dir(src).expect("sample-data") {
        let path = entry.expect("entry").path();
        if let Some(name) = path.file_name() {
            fs::copy(&path, dir.path().join(name)).expect("copy");
        }
    }
    dir
}

fn run(cwd: &Path, args: &[&str]) -> (u8, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(cwd)
        .args(args)
        .output()
        .expect("run marginalia");
    (
        u8::try_from(out.status.code().unwrap_or(-1)).unwrap_or(255),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let p = e.expect("entry").path();
            let bytes = fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn json_on_sample_data_matches_the_golden_file_and_texts_are_slices() {
    let dir = sample_copy();
    let (code, stdout, stderr) = run(dir.path(), &["suggest", "--json", "wire-001.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "one JSON document per article");
    insta::assert_snapshot!("suggest_json_wire_001", stdout);
    let article = Article::load(&dir.path().join("wire-001.txt")).expect("article");
    let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let suggestions = doc["suggestions"].as_array().expect("array");
    assert!(suggestions.len() >= 5);
    for s in suggestions {
        for key in ["cue", "source", "claim"] {
            let span = &s[key];
            if span.is_null() {
                continue;
            }
            let start = usize::try_from(span["start"].as_u64().expect("start")).expect("usize");
            let end = usize::try_from(span["end"].as_u64().expect("end")).expect("usize");
            assert_eq!(
                article.slice(start, end),
                span["text"].as_str(),
                "{key} of {s}"
            );
        }
        let score = s["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score));
        assert!(!s["reason"].as_str().expect("reason").is_empty());
    }
}

#[test]
fn several_articles_print_jsonl() {
    let dir = sample_copy();
    let (code, stdout, stderr) = run(dir.path(), &["suggest", "--json", "."]);
    assert_eq!(code, 0, "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("json line");
        assert!(v["article"].is_string() && v["suggestions"].is_array());
    }
}

#[test]
fn write_refuses_a_persons_sidecar_and_leaves_every_file_untouched() {
    let dir = sample_copy();
    let before = files(dir.path());
    let (code, _, stderr) = run(dir.path(), &["suggest", "--write", "alice", "wire-001.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("wire-001.alice.ann.ron: made by a person"),
        "{stderr}"
    );
    assert_eq!(files(dir.path()), before);
}

#[test]
fn write_then_agree_and_check_treat_auto_as_an_annotator() {
    let dir = sample_copy();
    let (code, _, stderr) = run(
        dir.path(),
        &["suggest", "--write", "--min-score", "0.5", "."],
    );
    assert_eq!(code, 0, "{stderr}");
    let path = dir.path().join("wire-001.auto.ann.ron");
    let doc = sidecar::load(&path).expect("parses").expect("written");
    assert!(matches!(doc.made_by, MadeBy::Suggester { .. }));
    assert!(doc.spans.iter().all(|s| s.suggested));
    assert!(doc.attributions.iter().all(|a| a.suggested));
    assert!(!doc.attributions.is_empty());
    let (code, stdout, stderr) = run(dir.path(), &["agree", ".", "--annotators", "alice,auto"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("auto"), "{stdout}");
    let (code, stdout, stderr) = run(dir.path(), &["check", "."]);
    assert!(code == 0, "check: {stdout}{stderr}");
    // Running again replaces the suggester's own untouched files.
    let (code, _, stderr) = run(dir.path(), &["suggest", "--write", "auto", "."]);
    assert_eq!(code, 0, "{stderr}");
    // Once a person edits it, it is theirs.
    let mut edited = sidecar::load(&path).expect("parses").expect("exists");
    edited.done.insert(0);
    sidecar::save(&path, &edited).expect("save");
    let bytes = fs::read(&path).expect("read");
    let (code, _, stderr) = run(dir.path(), &["suggest", "--write", "auto", "wire-001.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("edited since"), "{stderr}");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn bad_input_is_a_usage_error_naming_the_file() {
    let dir = sample_copy();
    let lexicon = dir.path().join("bad.lexicon.ron");
    fs::write(&lexicon, "(\n  name: \"x\",\n  version: oops,\n)").expect("write");
    let (code, _, stderr) = run(
        dir.path(),
        &["suggest", "--lexicon", "bad.lexicon.ron", "wire-001.txt"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("bad.lexicon.ron:3:"), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["suggest", "missing.txt"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing.txt"), "{stderr}");
    let (code, _, _) = run(dir.path(), &["suggest", "--min-score", "2", "wire-001.txt"]);
    assert_eq!(code, 2);
    let (code, _, stderr) = run(dir.path(), &["suggest", "--write", "gold", "wire-001.txt"]);
    assert_eq!(code, 2, "{stderr}");
}
