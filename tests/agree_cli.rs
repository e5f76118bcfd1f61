//! End-to-end tests of `marginalia agree` on the worked example written to a temporary
//! directory: human table, stable JSON, missing sidecars, bad input.

use std::path::Path;
use std::process::Command;

use marginalia::model::AnnotationDoc;
use marginalia::review::example;
use marginalia::store::{sidecar, sidecar_path};

fn write_corpus(dir: &Path) {
    let article = dir.join("example-excerpt.txt");
    std::fs::write(&article, example::PARAGRAPHS.join("\n\n")).expect("write article");
    let save = |name: &str, mut doc: AnnotationDoc| {
        doc.annotator = name.to_owned();
        sidecar::save(&sidecar_path(&article, name), &doc).expect("save sidecar");
    };
    save("alice", example::annotator_a());
    save("bob", example::annotator_b());
}

fn agree(args: &[&str]) -> (u8, String, String) {
    agree_in(Path::new("."), args)
}

fn agree_in(cwd: &Path, args: &[&str]) -> (u8, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(cwd)
        .arg("agree")
        .args(args)
        .output()
        .expect("run marginalia");
    (
        u8::try_from(out.status.code().unwrap_or(-1)).unwrap_or(255),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn table_shows_span_and_attribute_agreement() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, out, err) = agree(&[path, "--annotators", "alice,bob"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Claim"), "{out}");
    assert!(
        out.contains("0.462 (3/3/4)"),
        "claim exact F1 with counts: {out}"
    );
    assert!(out.contains("0.800 (4/1/1)"), "speaker exact F1: {out}");
    assert!(
        out.contains("Attribution (claim, speaker entity, cue) F1: 0.833 (5/1/1)"),
        "{out}"
    );
    assert!(out.contains("certainty"), "{out}");
}

#[test]
fn json_is_stable() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let (code, out, err) = agree_in(dir.path(), &[".", "--annotators", "alice,bob", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let claim = &json["corpus"]["spans"][0];
    assert_eq!(claim["kind"], "Claim");
    assert_eq!(claim["overlap"]["pairs"][0]["tp"], 5);
    let attributes = json["corpus"]["attributes"].as_array().expect("attributes");
    let certainty = attributes
        .iter()
        .find(|a| a["attribute"] == "certainty")
        .expect("certainty");
    assert_eq!(certainty["attribute"], "certainty");
    assert!(certainty["weighted_kappa"]["value"].is_number());
    insta::assert_snapshot!("agree_example_json", out);
}

#[test]
fn confusion_matrices_on_request() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, out, _) = agree(&[path, "--annotators", "alice,bob", "--confusion"]);
    assert_eq!(code, 0);
    assert!(out.contains("certainty (rows alice, columns bob)"), "{out}");
    let (_, json, _) = agree(&[path, "--annotators", "alice,bob", "--json", "--confusion"]);
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let certainty = json["corpus"]["attributes"]
        .as_array()
        .and_then(|a| a.iter().find(|a| a["attribute"] == "certainty"))
        .expect("certainty");
    let matrix = &certainty["confusion"][0]["matrix"];
    // certainty: underspecified, possible, probable, certain; A possible vs B certain once.
    assert_eq!(matrix[1][3], 1);
    assert_eq!(matrix[3][3], 3);
}

#[test]
fn documents_without_every_sidecar_are_listed_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let nested = dir.path().join("more");
    std::fs::create_dir(&nested).expect("mkdir");
    let other = nested.join("other.txt");
    std::fs::write(&other, "Someone said something.").expect("article");
    let mut doc = example::annotator_a();
    doc.annotator = "alice".into();
    sidecar::save(&sidecar_path(&other, "alice"), &doc).expect("sidecar");
    std::fs::write(nested.join("nobody.md"), "Nobody annotated this.").expect("article");
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, out, _) = agree(&[path, "--annotators", "alice,bob"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("other.txt (no sidecar of bob)"), "{out}");
    assert!(out.contains("Not annotated by any of them:"), "{out}");
    assert!(out.contains("nobody.md"), "{out}");
    assert!(out.contains("example-excerpt.txt ==="), "{out}");
    // A single article nobody annotated is a problem, not an omission.
    let single = nested.join("nobody.md");
    let (code, out, _) = agree(&[single.to_str().expect("path"), "--annotators", "alice,bob"]);
    assert_eq!(code, 1);
    assert!(out.contains("no sidecar of alice, bob"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, _, err) = agree(&[path, "--annotators", "alice"]);
    assert_eq!(code, 2);
    assert!(err.contains("at least two"), "{err}");
    let (code, _, err) = agree(&[path, "--annotators", "alice,alice"]);
    assert_eq!(code, 2);
    assert!(err.contains("twice"), "{err}");
    let (code, _, err) = agree(&[path, "--annotators", "alice,b/ob"]);
    assert_eq!(code, 2, "{err}");
    let missing = dir.path().join("nope");
    let (code, _, err) = agree(&[missing.to_str().expect("path"), "--annotators", "alice,bob"]);
    assert_eq!(code, 2);
    assert!(err.contains("nope"), "{err}");
}

#[test]
fn unparseable_sidecar_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let bad = dir.path().join("example-excerpt.bob.ann.ron");
    let text = std::fs::read_to_string(&bad).expect("read");
    std::fs::write(
        &bad,
        text.replacen("annotator: \"B\"", "annotator: B B", 1)
            .replacen("annotator: \"bob\"", "annotator: bob bob", 1),
    )
    .expect("write");
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, _, err) = agree(&[path, "--annotators", "alice,bob"]);
    assert_eq!(code, 2);
    assert!(err.contains("example-excerpt.bob.ann.ron:4:"), "{err}");
}

#[test]
fn three_annotators_get_fleiss_kappa() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let article = dir.path().join("example-excerpt.txt");
    let mut carol = example::annotator_a();
    carol.annotator = "carol".into();
    sidecar::save(&sidecar_path(&article, "carol"), &carol).expect("save");
    let path = dir.path().to_str().expect("utf-8 path");
    let (code, out, err) = agree(&[path, "--annotators", "alice,bob,carol"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Fleiss κ"), "{out}");
    assert!(out.contains("mean over annotator pairs"), "{out}");
}

#[test]
fn sidecars_of_an_older_text_are_reanchored_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_corpus(dir.path());
    let path = dir.path().to_str().expect("utf-8 path");
    let (_, before, _) = agree(&[path, "--annotators", "alice,bob", "--json"]);
    // The second paragraph gains words in front after both annotators finished.
    let article = dir.path().join("example-excerpt.txt");
    let text = std::fs::read_to_string(&article).expect("read");
    let edited = text.replacen(
        "Meanwhile, a US official",
        "On Tuesday, meanwhile, a US official",
        1,
    );
    assert_ne!(edited, text);
    std::fs::write(&article, edited).expect("write");
    let (code, after, err) = agree(&[path, "--annotators", "alice,bob", "--json"]);
    assert_eq!(code, 0, "{err}");
    let mut before: serde_json::Value = serde_json::from_str(&before).expect("json");
    let mut after: serde_json::Value = serde_json::from_str(&after).expect("json");
    let reanchored = &after["documents"][0]["reanchored"];
    assert_eq!(
        (
            reanchored[0]["moved"].as_u64(),
            reanchored[0]["kept"].as_u64()
        ),
        (Some(7), Some(10))
    );
    assert_eq!(
        (
            reanchored[1]["moved"].as_u64(),
            reanchored[1]["kept"].as_u64()
        ),
        (Some(6), Some(10))
    );
    // Unitized alpha depends on the text length; everything else is unchanged.
    for report in [&mut before, &mut after] {
        for kind in report["corpus"]["spans"].as_array_mut().expect("spans") {
            kind["unitized_alpha"] = serde_json::Value::Null;
        }
    }
    assert_eq!(
        after["corpus"]["spans"], before["corpus"]["spans"],
        "same figures, moved text"
    );
    assert_eq!(
        after["corpus"]["attributes"],
        before["corpus"]["attributes"]
    );
    assert_eq!(
        after["corpus"]["attribution"],
        before["corpus"]["attribution"]
    );
    let (_, table, _) = agree(&[path, "--annotators", "alice,bob"]);
    assert!(
        table.contains("alice: sidecar re-anchored to the current text (7 moved"),
        "{table}"
    );
}

#[test]
fn by_origin_compares_suggested_and_hand_made_records_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = dir.path().join("example-excerpt.txt");
    std::fs::write(&article, example::PARAGRAPHS.join("\n\n")).expect("write article");
    // Alice took her speakers from suggestions; Bob marked everything by hand.
    let mut alice = example::annotator_a();
    alice.annotator = "alice".to_owned();
    for s in alice.spans.iter_mut().filter(|s| s.kind == "Speaker") {
        s.suggested = true;
    }
    let speakers = alice.spans.iter().filter(|s| s.suggested).count();
    sidecar::save(&sidecar_path(&article, "alice"), &alice).expect("save");
    let mut bob = example::annotator_b();
    bob.annotator = "bob".to_owned();
    sidecar::save(&sidecar_path(&article, "bob"), &bob).expect("save");

    let path = article.to_string_lossy().into_owned();
    let (code, out, err) = agree(&[&path, "--annotators", "alice,bob", "--by-origin", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let by = &json["by_origin"];
    assert_eq!(by["records"][0]["suggested_spans"], speakers);
    assert_eq!(by["records"][1]["suggested_spans"], 0);
    let kinds = |view: &str| by[view]["spans"].as_array().cloned().unwrap_or_default();
    let speaker_row = |view: &str| {
        kinds(view)
            .into_iter()
            .find(|k| k["kind"] == "Speaker")
            .unwrap_or_default()
    };
    // Alice's speakers are all in the suggested view, with Bob's speakers over them.
    assert_eq!(speaker_row("suggested")["spans"][0], speakers, "{by}");
    assert_eq!(speaker_row("suggested")["spans"][1], speakers, "{by}");
    assert!(
        speaker_row("hand_made").is_null(),
        "no speaker left by hand: {by}"
    );
    // Without the flag the JSON has no such part.
    let (_, plain, _) = agree(&[&path, "--annotators", "alice,bob", "--json"]);
    assert!(!plain.contains("by_origin"));
    let (_, text, _) = agree(&[&path, "--annotators", "alice,bob", "--by-origin"]);
    assert!(text.contains("=== by origin ==="), "{text}");
}
