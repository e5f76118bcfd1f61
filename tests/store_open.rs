//! The open/save API: new sidecars, refusal of broken and future files (byte-identical
//! afterwards), `.bak` before the first write after re-anchoring, external changes, schema
//! problems on load.

use std::fs;
use std::path::{Path, PathBuf};

use marginalia::model::{AnchorStatus, Article, Schema};
use marginalia::store::sidecar::{self, SidecarError};
use marginalia::store::{OpenedSidecar, ProblemKind, SidecarSlot};

const TEXT: &str = "Port “news”.\n\nThe minister said the port will reopen on Monday.\n";

fn setup() -> (tempfile::TempDir, PathBuf, Article, Schema) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("wire.txt");
    fs::write(&path, TEXT).expect("write article");
    let article = Article::load(&path).expect("article");
    (dir, path, article, Schema::default_schema())
}

fn annotate(opened: &mut OpenedSidecar, article: &Article, schema: &Schema) -> String {
    opened
        .doc
        .add_span(schema, article, "Claim", 1, 18, 48)
        .expect("claim")
}

#[test]
fn new_sidecar_is_written_only_once_there_is_something_to_keep() {
    let (dir, _, article, schema) = setup();
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("open");
    assert!(opened.is_new());
    assert!(!opened.save().expect("save"), "nothing to write yet");
    let sidecar = dir.path().join("wire.alice.ann.ron");
    assert!(!sidecar.exists());
    let id = annotate(&mut opened, &article, &schema);
    assert!(opened.save().expect("save"));
    assert!(!opened.save().expect("save again"), "unchanged: no write");
    let again = OpenedSidecar::open(&article, "alice", &schema).expect("reopen");
    assert_eq!(again.doc, opened.doc);
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(
        again.doc.span(&id).map(|s| s.anchor.exact.as_str()),
        Some("the port will reopen on Monday")
    );
    humantime::parse_rfc3339(&again.doc.modified).expect("modified is RFC 3339");
    humantime::parse_rfc3339(&again.doc.created).expect("created is RFC 3339");
}

fn assert_refused_and_untouched(dir: &Path, article: &Article, schema: &Schema, content: &[u8]) {
    let sidecar_file = dir.join("wire.alice.ann.ron");
    fs::write(&sidecar_file, content).expect("write sidecar");
    let slot = SidecarSlot::open(article, "alice", schema);
    let SidecarSlot::Refused { error, .. } = &slot else {
        panic!("a broken sidecar must be refused");
    };
    assert!(error.to_string().contains("wire.alice.ann.ron"), "{error}");
    assert!(slot.ready().is_none());
    // The low-level writer refuses too.
    let doc = marginalia::model::AnnotationDoc::new(schema, article, "alice", "t");
    assert!(sidecar::save(&sidecar_file, &doc).is_err());
    assert_eq!(fs::read(&sidecar_file).expect("read"), content);
}

#[test]
fn broken_sidecar_is_refused_and_byte_identical() {
    let (dir, _, article, schema) = setup();
    assert_refused_and_untouched(
        dir.path(),
        &article,
        &schema,
        b"(\n    format_version: 1,\n    schema: oops\n",
    );
    assert_refused_and_untouched(dir.path(), &article, &schema, b"\xff\xfe not utf-8");
}

#[test]
fn future_version_is_refused_with_a_message() {
    let (dir, _, article, schema) = setup();
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("open");
    annotate(&mut opened, &article, &schema);
    opened.save().expect("save");
    let path = opened.path().to_owned();
    let text = fs::read_to_string(&path).expect("read").replacen(
        &format!(
            "format_version: {}",
            marginalia::model::annotation::FORMAT_VERSION
        ),
        "format_version: 7",
        1,
    );
    assert_refused_and_untouched(dir.path(), &article, &schema, text.as_bytes());
    match OpenedSidecar::open(&article, "alice", &schema) {
        Err(e @ SidecarError::FutureVersion { .. }) => {
            assert!(e.to_string().contains("newer"), "{e}");
        }
        other => panic!("expected FutureVersion, got {other:?}"),
    }
}

#[test]
fn reanchoring_keeps_the_original_as_bak_before_the_first_write() {
    let (_dir, path, article, schema) = setup();
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("open");
    let id = annotate(&mut opened, &article, &schema);
    opened.save().expect("save");
    let original = fs::read(opened.path()).expect("read");
    fs::write(&path, format!("Breaking.\n\n{TEXT}")).expect("edit article");
    let article = Article::load(&path).expect("article");
    let mut reopened = OpenedSidecar::open(&article, "alice", &schema).expect("reopen");
    assert_eq!(reopened.report.moved, 1, "{:?}", reopened.report);
    assert_eq!(
        reopened.doc.span(&id).map(|s| (s.status, s.anchor.para)),
        Some((AnchorStatus::Moved, 2))
    );
    // Re-anchoring alone is not a change of the annotator's: nothing is written.
    assert!(!reopened.is_dirty());
    assert!(!reopened.save().expect("save"));
    assert_eq!(fs::read(reopened.path()).expect("read"), original);
    let bak = PathBuf::from(format!("{}.bak", reopened.path().display()));
    assert!(!bak.exists());
    // The first edit writes the re-anchored document, after backing up the original.
    reopened.doc.done.insert(1);
    assert!(reopened.save().expect("save"));
    assert_eq!(fs::read(&bak).expect("backup"), original);
    // Later saves do not overwrite the backup.
    reopened.doc.done.insert(0);
    reopened.save().expect("save");
    assert_eq!(fs::read(&bak).expect("backup"), original);
}

#[test]
fn external_change_is_not_overwritten() {
    let (_dir, _, article, schema) = setup();
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("open");
    annotate(&mut opened, &article, &schema);
    opened.save().expect("save");
    let path = opened.path().to_owned();
    let theirs = fs::read_to_string(&path)
        .expect("read")
        .replacen("done: []", "done: [0]", 1);
    fs::write(&path, &theirs).expect("external write");
    opened.doc.done.insert(1);
    let err = opened.save().expect_err("must not overwrite");
    assert!(matches!(err, SidecarError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read_to_string(&path).expect("read"), theirs);
    fs::write(&path, "garbage").expect("external break");
    let err = opened.save().expect_err("must not overwrite");
    assert!(
        matches!(err, SidecarError::WouldOverwriteBroken { .. }),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).expect("read"), "garbage");
}

#[test]
fn schema_problems_are_listed_on_load_not_fatal() {
    let (_dir, _, article, schema) = setup();
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("open");
    let claim = annotate(&mut opened, &article, &schema);
    opened
        .doc
        .set_attr(&schema, &claim, "certainty", Some("certain"))
        .expect("certainty");
    opened.save().expect("save");
    let path = opened.path().to_owned();
    let text = fs::read_to_string(&path)
        .expect("read")
        .replacen("\"certain\"", "\"sure\"", 1);
    fs::write(&path, text).expect("write");
    let reopened = OpenedSidecar::open(&article, "alice", &schema).expect("opens anyway");
    assert_eq!(reopened.problems.len(), 1, "{:?}", reopened.problems);
    assert_eq!(reopened.problems[0].kind, ProblemKind::Schema);
    assert!(reopened.problems[0].message.contains("sure"));
}

#[test]
fn invalid_annotator_is_refused() {
    let (_dir, _, article, schema) = setup();
    let err = OpenedSidecar::open(&article, "../bob", &schema).expect_err("bad name");
    assert!(err.to_string().contains("invalid annotator"), "{err}");
}
