//! `marginalia check` as a user runs it: exit codes, messages naming `path:line:col`, JSON
//! output, and no file changed by it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn check(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .arg("check")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run marginalia")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file below `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("ls").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(snapshot(&path));
        } else {
            out.insert(path.clone(), fs::read(&path).expect("read"));
        }
    }
    out
}

fn copy_sample_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for entry in fs::read_dir(manifest().join("sample-data"))
        .expect("ls")
        .flatten()
    {
        fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy");
    }
    dir
}

#[test]
fn sample_data_is_clean() {
    let out = check(&["sample-data"], manifest());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no problems"), "{}", stdout(&out));
    let json = check(&["--json", "sample-data"], manifest());
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["ok"], true);
    assert_eq!(value["sidecars"], 7);
}

#[test]
fn golden_fixtures_are_clean() {
    let out = check(&["tests/fixtures/golden"], manifest());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn invalid_fixtures_name_file_line_and_column_and_stay_untouched() {
    let dir = manifest().join("tests/fixtures/invalid");
    let before = snapshot(&dir);
    let out = check(&["tests/fixtures/invalid"], manifest());
    let after = snapshot(&dir);
    assert_eq!(before, after, "check must not write");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    insta::assert_snapshot!("invalid_fixtures", text);
    for path in before.keys() {
        let name = path
            .strip_prefix(manifest())
            .expect("inside the crate")
            .display()
            .to_string();
        let line = text
            .lines()
            .find(|l| l.starts_with(&name))
            .unwrap_or_else(|| panic!("{name} not reported:\n{text}"));
        let rest = &line[name.len()..];
        let mut parts = rest.splitn(4, ':');
        assert_eq!(parts.next(), Some(""), "{line}");
        let l: usize = parts.next().and_then(|s| s.parse().ok()).expect("line");
        let c: usize = parts.next().and_then(|s| s.parse().ok()).expect("col");
        assert!(l > 0 && c > 0, "{line}");
    }
}

#[test]
fn problems_are_found_and_nothing_is_written() {
    let dir = copy_sample_data();
    let d = dir.path();
    // The article changed under its sidecars.
    let article = fs::read_to_string(d.join("wire-001.txt")).expect("read");
    fs::write(
        d.join("wire-001.txt"),
        article.replace("on Monday", "late on Monday"),
    )
    .expect("write");
    // A schema violation, a dangling reference and a duplicate id.
    let alice = fs::read_to_string(d.join("wire-002.alice.ann.ron")).expect("read");
    let alice = alice
        .replacen("\"probable\"", "\"likely\"", 1)
        .replacen("\"certain\"", "\"sure\"", 1)
        .replacen("entity: Some(\"E1\")", "entity: Some(\"E77\")", 1)
        .replacen("id: \"K2\"", "id: \"K1\"", 1);
    fs::write(d.join("wire-002.alice.ann.ron"), alice).expect("write");
    // An article twin, a lonely sidecar, a bad annotator name, a future version.
    fs::copy(d.join("wire-003.md"), d.join("wire-003.txt")).expect("copy");
    fs::copy(
        d.join("wire-001.gold.ann.ron"),
        d.join("other.gold.ann.ron"),
    )
    .expect("copy");
    fs::copy(
        d.join("wire-001.gold.ann.ron"),
        d.join("wire-001.b@d.ann.ron"),
    )
    .expect("copy");
    let bob = fs::read_to_string(d.join("wire-002.bob.ann.ron")).expect("read");
    fs::write(
        d.join("wire-002.bob.ann.ron"),
        bob.replacen("format_version: 2", "format_version: 9", 1),
    )
    .expect("write");
    let before = snapshot(d);
    let out = check(&["--json", "."], d);
    assert_eq!(snapshot(d), before, "check must not write");
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let kinds: Vec<&str> = value["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["kind"].as_str())
        .collect();
    for kind in [
        "stale_anchor",
        "article_changed",
        "schema",
        "dangling_reference",
        "duplicate_id",
        "name_clash",
        "no_article",
        "bad_annotator",
        "future_version",
    ] {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let human = stdout(&check(&["."], d));
    let stale = human
        .lines()
        .find(|l| l.contains("stale_anchor"))
        .expect("stale line");
    assert!(stale.contains("re-anchoring would"), "{stale}");
}

#[test]
fn usage_errors_exit_2() {
    let out = check(&["does-not-exist"], manifest());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does-not-exist"));
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = dir.path().join("bad.schema.ron");
    fs::write(&schema, "(\n  name: \"x\",\n  version: oops,\n)").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(["check", "--schema"])
        .arg(&schema)
        .arg("sample-data")
        .current_dir(manifest())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.schema.ron:3:"), "{err}");
}

#[test]
fn warnings_are_shown_but_only_errors_fail() {
    let dir = copy_sample_data();
    let d = dir.path();
    let gold_path = d.join("wire-001.gold.ann.ron");
    let gold = fs::read_to_string(&gold_path).expect("read");
    assert!(
        gold.contains("\"channel\": \"other_outlet\""),
        "sample has a relay"
    );
    // `via` kept while the channel is no longer a relay: a warning, exit 0.
    fs::write(
        &gold_path,
        gold.replacen(
            "\"channel\": \"other_outlet\"",
            "\"channel\": \"public_remarks\"",
            1,
        ),
    )
    .expect("write");
    let out = check(&["."], d);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("wire-001.gold.ann.ron: warning: consistency: A2: `via`")),
        "{text}"
    );
    assert!(text.contains("0 errors and 1 warning in 1 file"), "{text}");
    let json = check(&["--json", "."], d);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["ok"], true);
    assert_eq!(value["errors"], 0);
    assert_eq!(value["warnings"], 1);
    assert_eq!(value["problems"][0]["severity"], "warning");
    assert_eq!(value["problems"][0]["kind"], "consistency");
    // A relay without `via`: an error, exit 1.
    let no_via: String = gold
        .lines()
        .filter(|l| !l.contains("\"via\":"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&gold_path, no_via).expect("write");
    let json = check(&["--json", "."], d);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("json");
    assert_eq!(value["ok"], false);
    assert_eq!(value["problems"][0]["severity"], "error");
    assert_eq!(value["problems"][0]["record"], "A2");
}
