//! Format version 2 (provenance for suggestions): a version-1 sidecar keeps its meaning (made
//! by a person, nothing suggested or rejected), opening it keeps the original as `.bak`
//! before the first write, and the new fields round-trip through both readers.

use std::fs;
use std::path::{Path, PathBuf};

use marginalia::model::annotation::FORMAT_VERSION;
use marginalia::model::{Anchor, AnnotationDoc, Article, MadeBy, RejectedSuggestion, Schema};
use marginalia::store::OpenedSidecar;
use marginalia::store::sidecar;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

#[test]
fn version_1_file_migrates_to_the_current_golden_document() {
    let v1 = fs::read_to_string(fixture("migrate/unicode.alice.v1.ann.ron")).expect("v1");
    assert!(v1.contains("format_version: 1,"));
    let (doc, from) = sidecar::parse_any(&v1, Path::new("unicode.alice.ann.ron")).expect("v1");
    assert_eq!(from, Some(1));
    let current = fs::read_to_string(fixture("golden/unicode.alice.ann.ron")).expect("golden");
    let golden = sidecar::parse(&current, Path::new("golden")).expect("golden parses");
    assert_eq!(doc.format_version, FORMAT_VERSION);
    assert_eq!(doc.made_by, MadeBy::Person);
    assert_eq!(doc, golden);
    assert_eq!(sidecar::to_ron(&doc), current);
}

#[test]
fn opening_a_version_1_file_keeps_a_backup_before_the_first_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article_path = dir.path().join("unicode.txt");
    fs::copy(fixture("golden/unicode.txt"), &article_path).expect("copy article");
    let v1 = fs::read(fixture("migrate/unicode.alice.v1.ann.ron")).expect("v1");
    let sidecar_path = dir.path().join("unicode.alice.ann.ron");
    fs::write(&sidecar_path, &v1).expect("write v1");
    let schema = Schema::default_schema();
    let article = Article::load(&article_path).expect("article");
    let mut opened = OpenedSidecar::open(&article, "alice", &schema).expect("opens");
    assert_eq!(opened.migrated_from(), Some(1));
    assert!(opened.save().expect("save"));
    let bak = fs::read(dir.path().join("unicode.alice.ann.ron.bak")).expect("backup kept");
    assert_eq!(bak, v1);
    let written = fs::read_to_string(&sidecar_path).expect("written");
    assert!(written.contains(&format!("format_version: {FORMAT_VERSION},")));
    assert!(written.contains("made_by: Person,"));
}

#[test]
fn provenance_fields_round_trip_and_are_omitted_when_unset() {
    let schema = Schema::default_schema();
    let article =
        Article::from_text(Path::new("a.txt"), "“Rain,” she said.\n\nHe said no.").expect("a");
    let mut doc = AnnotationDoc::new(&schema, &article, "auto", "2026-01-01T00:00:00Z");
    let plain = sidecar::to_ron(&doc);
    assert!(!plain.contains("suggested"), "{plain}");
    assert!(!plain.contains("rejected"), "{plain}");
    let c = doc
        .add_span(&schema, &article, "Claim", 0, 0, 7)
        .expect("claim");
    doc.span_mut(&c).expect("c").suggested = true;
    doc.rejected.push(RejectedSuggestion {
        cue: Anchor::new(&article, 1, 3, 7),
        source: Anchor::new(&article, 1, 0, 2),
        claim: Anchor::new(&article, 1, 8, 10),
    });
    doc.made_by = MadeBy::Suggester {
        tool: "marginalia test".to_owned(),
        lexicon: "news-en/1".to_owned(),
        fingerprint: doc.records_fingerprint(),
    };
    let text = sidecar::to_ron(&doc);
    assert!(text.contains("suggested: true"), "{text}");
    let fast = marginalia::store::fast::parse(&text).expect("fast path");
    let slow: AnnotationDoc = ron::from_str(&text).expect("ron");
    assert_eq!(fast, slow);
    assert_eq!(fast, doc);
}

#[test]
fn fingerprint_changes_with_any_record_but_not_with_the_header() {
    let schema = Schema::default_schema();
    let article = Article::from_text(Path::new("a.txt"), "He said no.").expect("a");
    let mut doc = AnnotationDoc::new(&schema, &article, "auto", "2026-01-01T00:00:00Z");
    doc.add_span(&schema, &article, "Cue", 0, 3, 7)
        .expect("cue");
    let before = doc.records_fingerprint();
    doc.modified = "2030-01-01T00:00:00Z".to_owned();
    doc.made_by = MadeBy::Suggester {
        tool: "t".to_owned(),
        lexicon: "l".to_owned(),
        fingerprint: before.clone(),
    };
    assert_eq!(doc.records_fingerprint(), before);
    doc.done.insert(0);
    assert_ne!(doc.records_fingerprint(), before);
}

#[test]
fn sample_data_sidecars_are_in_the_current_format_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut seen = 0;
    for entry in fs::read_dir(&dir).expect("sample-data") {
        let path = entry.expect("entry").path();
        if !path.to_string_lossy().ends_with(".ann.ron") {
            continue;
        }
        let text = fs::read_to_string(&path).expect("read");
        let (doc, migrated) = sidecar::parse_any(&text, &path).expect("parses");
        assert_eq!(migrated, None, "{}", path.display());
        assert_eq!(sidecar::to_ron(&doc), text, "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 7);
}
