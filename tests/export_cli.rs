//! `marginalia export` and `marginalia import brat` from the command line: selection, orphans,
//! usage errors and broken input.

mod export_support;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn marginalia(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
    }
}

fn rows(jsonl: &str) -> Vec<Value> {
    jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("json row"))
        .collect()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn selection_and_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    export_support::wire_corpus(dir.path());
    let all = marginalia(&["export", s(dir.path()), "--format", "jsonl"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let all = rows(&all.stdout);
    let alice = marginalia(&[
        "export",
        s(dir.path()),
        "-f",
        "jsonl",
        "--annotator",
        "alice",
    ]);
    let alice = rows(&alice.stdout);
    let gold = rows(&marginalia(&["export", s(dir.path()), "-f", "jsonl", "--gold"]).stdout);
    assert_eq!(all.len(), alice.len() + gold.len());
    assert!(alice.iter().all(|r| r["annotator"] == "alice"));
    assert!(gold.iter().all(|r| r["annotator"] == "gold"));
    assert_eq!(alice.len(), 9);
    let one = marginalia(&[
        "export",
        s(&dir.path().join("wire-001.txt")),
        "-f",
        "csv",
        "--gold",
    ]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout.lines().count(), gold.len() + 1);
}

#[test]
fn usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    export_support::wire_corpus(dir.path());
    let p = s(dir.path());
    for args in [
        vec!["export", p, "-f", "jsonl", "--offsets", "utf16"],
        vec!["export", p, "-f", "brat"],
        vec!["export", p, "-f", "label-studio"],
        vec!["export", p, "-f", "jsonl", "--annotator", "alice", "--gold"],
        vec!["export", p, "-f", "jsonl", "--annotator", "no such"],
    ] {
        let run = marginalia(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("marginalia: "), "{}", run.stderr);
    }
    let missing = marginalia(&["export", s(&dir.path().join("nope")), "-f", "jsonl"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope"), "{}", missing.stderr);
}

#[test]
fn orphans_are_counted_and_kept_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = export_support::wire_corpus(dir.path());
    let text = std::fs::read_to_string(&article).expect("read");
    let edited = text
        .replace("could collapse at any moment", "may end soon")
        .replace("Meanwhile, a port", "Meanwhile, on Tuesday, a port");
    std::fs::write(&article, edited).expect("edit article");
    let run = marginalia(&[
        "export",
        s(dir.path()),
        "-f",
        "jsonl",
        "--annotator",
        "alice",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("1 orphaned span(s) left out"),
        "{}",
        run.stderr
    );
    assert_eq!(rows(&run.stdout).len(), 8);
    let kept = marginalia(&[
        "export",
        s(dir.path()),
        "-f",
        "jsonl",
        "--annotator",
        "alice",
        "--include-orphans",
    ]);
    let kept = rows(&kept.stdout);
    assert_eq!(kept.len(), 9);
    let orphan = kept
        .iter()
        .find(|r| r["anchor_status"] == "orphaned")
        .expect("orphan row");
    assert_eq!(orphan["claim_text"], "could collapse at any moment");
    assert!(orphan["claim_start"].is_null());
    assert!(kept.iter().any(|r| r["anchor_status"] == "moved"));
}

#[test]
fn a_broken_sidecar_is_named_and_the_rest_exported() {
    let dir = tempfile::tempdir().expect("tempdir");
    export_support::wire_corpus(dir.path());
    std::fs::copy(dir.path().join("wire-001.txt"), dir.path().join("b.txt")).expect("copy");
    std::fs::write(
        dir.path().join("b.alice.ann.ron"),
        "(\n  format_version: 1,\n  oops\n",
    )
    .expect("write");
    let run = marginalia(&[
        "export",
        s(dir.path()),
        "-f",
        "jsonl",
        "--annotator",
        "alice",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("b.alice.ann.ron:3:"), "{}", run.stderr);
    assert_eq!(rows(&run.stdout).len(), 9);
}

#[test]
fn import_brat_cli_reports_unknown_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let brat = dir.path().join("brat/alice");
    std::fs::create_dir_all(&brat).expect("mkdir");
    std::fs::write(brat.join("d.txt"), "Ann said it rains.\n").expect("txt");
    std::fs::write(
        brat.join("d.ann"),
        "T1\tSpeaker 0 3\tAnn\nT2\tClaim 9 17\tit rains\nR1\tAttributedTo Arg1:T2 Arg2:T1\nX1\tWhat\n",
    )
    .expect("ann");
    let out = dir.path().join("out");
    let run = marginalia(&["import", "brat", s(&dir.path().join("brat")), "-o", s(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("d.ann:4:"), "{}", run.stderr);
    assert!(out.join("d.alice.ann.ron").exists());
    let exported = marginalia(&["export", s(&out), "-f", "jsonl"]);
    let rows = rows(&exported.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["speaker_text"], "Ann");
    assert_eq!(rows[0]["claim_text"], "it rains");
}
