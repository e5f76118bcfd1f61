//! Golden files of every export format on the sample article annotated by two annotators,
//! produced through the command line.

mod export_support;

use std::path::Path;
use std::process::Command;

use marginalia::export::brat_validate::validate_dir;

fn marginalia(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .args(args)
        .output()
        .expect("run marginalia");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).expect("utf-8 stderr"),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let articles = dir.path().join("corpus");
    std::fs::create_dir_all(&articles).expect("mkdir");
    export_support::wire_corpus(&articles);
    dir
}

fn export(dir: &Path, format: &str, out: &str, extra: &[&str]) -> String {
    let corpus = dir.join("corpus");
    let out = dir.join(out);
    let mut args = vec![
        "export",
        corpus.to_str().expect("utf-8 path"),
        "--format",
        format,
        "-o",
        out.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let (code, stderr) = marginalia(&args);
    assert_eq!(code, 0, "{stderr}");
    stderr
}

#[test]
fn jsonl_golden() {
    let dir = corpus();
    export(dir.path(), "jsonl", "claims.jsonl", &[]);
    insta::assert_snapshot!(read(&dir.path().join("claims.jsonl")));
}

#[test]
fn csv_golden() {
    let dir = corpus();
    export(dir.path(), "csv", "claims.csv", &["--gold"]);
    let text = read(&dir.path().join("claims.csv"));
    assert!(!text.contains('\r'), "LF line ends");
    insta::assert_snapshot!(text);
}

#[test]
fn brat_golden() {
    let dir = corpus();
    export(dir.path(), "brat", "brat", &[]);
    let out = dir.path().join("brat");
    assert_eq!(validate_dir(&out).expect("validate"), Vec::<String>::new());
    insta::assert_snapshot!("annotation_conf", read(&out.join("annotation.conf")));
    insta::assert_snapshot!("alice_ann", read(&out.join("alice/wire-001.ann")));
    insta::assert_snapshot!("gold_ann", read(&out.join("gold/wire-001.ann")));
    let txt = read(&out.join("alice/wire-001.txt"));
    let article = read(&dir.path().join("corpus/wire-001.txt"));
    assert_eq!(txt, article.replace("\r\n", "\n"));
}

#[test]
fn label_studio_golden() {
    let dir = corpus();
    export(
        dir.path(),
        "label-studio",
        "ls/tasks.json",
        &["--annotator", "alice"],
    );
    let tasks = read(&dir.path().join("ls/tasks.json"));
    let parsed: serde_json::Value = serde_json::from_str(&tasks).expect("valid JSON");
    insta::assert_snapshot!(
        "tasks",
        serde_json::to_string_pretty(&parsed).expect("pretty")
    );
    insta::assert_snapshot!("config", read(&dir.path().join("ls/tasks.config.xml")));
    insta::assert_snapshot!(
        "annotators",
        read(&dir.path().join("ls/tasks.annotators.json"))
    );
}

/// The sample corpus of the repository (three articles, two annotators, gold for one).
fn sample_data() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .to_str()
        .expect("utf-8 path")
        .to_owned()
}

fn export_sample(format: &str, out: &Path, extra: &[&str]) {
    let sample = sample_data();
    let mut args = vec![
        "export",
        sample.as_str(),
        "--format",
        format,
        "-o",
        out.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    let (code, stderr) = marginalia(&args);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn sample_data_jsonl_and_csv_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("claims.jsonl");
    let csv = dir.path().join("claims.csv");
    export_sample("jsonl", &jsonl, &[]);
    export_sample("csv", &csv, &[]);
    let jsonl = read(&jsonl);
    let csv = read(&csv);
    assert_eq!(jsonl.lines().count() + 1, csv.lines().count());
    insta::assert_snapshot!("sample_jsonl", jsonl);
    insta::assert_snapshot!("sample_csv", csv);
}

#[test]
fn sample_data_brat_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("brat");
    export_sample("brat", &out, &[]);
    assert_eq!(validate_dir(&out).expect("validate"), Vec::<String>::new());
    for (annotator, doc) in [
        ("alice", "wire-001"),
        ("bob", "wire-001"),
        ("gold", "wire-001"),
        ("alice", "wire-002"),
        ("bob", "wire-002"),
        ("alice", "wire-003"),
        ("bob", "wire-003"),
    ] {
        let ann = read(&out.join(annotator).join(format!("{doc}.ann")));
        insta::assert_snapshot!(format!("sample_brat_{annotator}_{doc}"), ann);
    }
}

#[test]
fn sample_data_label_studio_golden() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("tasks.json");
    export_sample("label-studio", &out, &["--offsets", "utf16"]);
    let parsed: serde_json::Value = serde_json::from_str(&read(&out)).expect("valid JSON");
    insta::assert_snapshot!(
        "sample_label_studio_utf16",
        serde_json::to_string_pretty(&parsed).expect("pretty")
    );
}
