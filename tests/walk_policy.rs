//! Every command that takes a directory walks it alike: `check DIR`, `export DIR`,
//! `agree DIR ...` and `import brat DIR` see the same articles in a tree holding a hidden
//! directory, a `target` directory, a symlinked directory and a symbolic link loop.
#![cfg(unix)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .current_dir(cwd)
        .env("MARGINALIA_CONFIG_DIR", cwd.join("no-config"))
        .output()
        .expect("run marginalia")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// An article `stem.txt` with a brat file claiming one stretch of it.
fn article(dir: &Path, stem: &str) {
    fs::create_dir_all(dir).expect("dir");
    let text = format!("The mayor of {stem} said the new bridge would open in May.\n");
    let claim = "the new bridge would open in May";
    let start = text.find(claim).expect("claim");
    let (start, end) = (
        text[..start].chars().count(),
        text[..start].chars().count() + claim.chars().count(),
    );
    fs::write(dir.join(format!("{stem}.txt")), &text).expect("txt");
    fs::write(
        dir.join(format!("{stem}.ann")),
        format!("T1\tClaim {start} {end}\t{claim}\n"),
    )
    .expect("ann");
}

/// Give every article under `dir` (taken as the root, so nothing in it is skipped) sidecars
/// of `alice` and `bob`.
fn annotate(dir: &Path, cwd: &Path) {
    for name in ["alice", "bob"] {
        let d = dir.to_str().expect("utf-8 path");
        let out = run(&["import", "brat", "--force", "-a", name, d], cwd);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
    }
}

fn strip(path: &str, root: &Path) -> String {
    let root = root.to_string_lossy();
    path.strip_prefix(root.as_ref())
        .unwrap_or(path)
        .trim_start_matches("./")
        .trim_start_matches('/')
        .to_owned()
}

#[test]
fn check_export_agree_and_import_see_the_same_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("corpus");
    let outside = tmp.path().join("outside");
    article(&root, "alpha");
    article(&root.join("sub"), "beta");
    article(&root.join(".hidden"), "hidden");
    article(&root.join("target"), "built");
    article(&outside, "linked");
    for dir in [root.join(".hidden"), root.join("target"), outside.clone()] {
        annotate(&dir, tmp.path());
    }
    annotate(&root, tmp.path());
    std::os::unix::fs::symlink(&outside, root.join("shared")).expect("link");
    std::os::unix::fs::symlink(&root, root.join("sub").join("loop")).expect("loop");
    let expected: BTreeSet<String> = ["alpha", "shared/linked", "sub/beta"]
        .map(String::from)
        .into();

    // check: three articles with two sidecars each, and the loop is a warning.
    let check = run(&["check", "--json", "corpus"], tmp.path());
    let value = json(&check);
    assert_eq!(value["articles"], expected.len(), "{value}");
    assert_eq!(value["sidecars"], 2 * expected.len(), "{value}");
    assert!(value.to_string().contains("loop"), "{value}");

    // export: one record per annotator and document.
    let export = run(&["export", "corpus", "--format", "jsonl"], tmp.path());
    assert_eq!(export.status.code(), Some(0), "{export:?}");
    let stdout = String::from_utf8_lossy(&export.stdout);
    let exported: BTreeSet<String> = stdout
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
            v["doc_id"].as_str().expect("doc_id").to_owned()
        })
        .collect();
    assert_eq!(exported, expected);
    assert!(String::from_utf8_lossy(&export.stderr).contains("loop"));

    // agree: the same documents compared.
    let agree = run(
        &["agree", "corpus", "--json", "--annotators", "alice,bob"],
        tmp.path(),
    );
    let value = json(&agree);
    let compared: BTreeSet<String> = value["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|d| {
            let article = strip(d["article"].as_str().expect("article"), Path::new("corpus"));
            article.trim_end_matches(".txt").to_owned()
        })
        .collect();
    assert_eq!(compared, expected, "{value}");
    assert!(String::from_utf8_lossy(&agree.stderr).contains("loop"));

    // import brat: the same articles imported (written under -o by their relative paths).
    let import = run(
        &["import", "brat", "-a", "carol", "-o", "imported", "corpus"],
        tmp.path(),
    );
    // The loop is a warning, and import exits 1 when it has warnings.
    assert_eq!(import.status.code(), Some(1), "{import:?}");
    let imported = tmp.path().join("imported");
    let walk = marginalia::corpus::walk_files(&imported, usize::MAX).expect("walk");
    let written: BTreeSet<String> = walk
        .files
        .iter()
        .filter_map(|p| {
            let rel = p
                .strip_prefix(&imported)
                .ok()?
                .to_string_lossy()
                .into_owned();
            rel.strip_suffix(".carol.ann.ron").map(str::to_owned)
        })
        .collect();
    assert_eq!(written, expected);
    assert!(String::from_utf8_lossy(&import.stderr).contains("loop"));
}
