//! Citron JSON: export -> import -> export gives identical files and the records Citron
//! carries; a hand-written file with a quote in two parts, coreference, astral characters,
//! emoji ZWJ sequences, combining marks and CJK imports as it says; errors name the file.

mod export_support;

use std::path::{Path, PathBuf};

use marginalia::corpus::Corpus;
use marginalia::export::citron::CitronRenderer;
use marginalia::export::{Selection, export_corpus};
use marginalia::import::citron::{CitronOptions, import_citron};
use marginalia::model::{AnnotationDoc, Schema};
use marginalia::store::{sidecar, sidecar_path};

fn export_citron(corpus_dir: &Path, out: &Path) -> usize {
    let corpus = Corpus::scan(corpus_dir).expect("scan");
    let renderer = CitronRenderer::new(out);
    let stats = export_corpus(
        &corpus,
        &renderer,
        &Selection::All,
        false,
        &mut std::io::sink(),
        "citron",
        false,
    )
    .expect("export");
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    renderer.left_out()
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            (
                rel.display().to_string(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    out.sort();
    out
}

fn options(out: &Path) -> CitronOptions {
    CitronOptions {
        output: Some(out.to_owned()),
        now: export_support::NOW.to_owned(),
        ..CitronOptions::default()
    }
}

/// What Citron carries: spans in quotes or coreference groups, attributions with a cue and a
/// source, and which mentions share an entity.
fn carried(doc: &AnnotationDoc) -> Vec<String> {
    let place = |id: &str| {
        doc.span(id)
            .map(|s| {
                format!(
                    "{} {}:{}-{}",
                    s.kind, s.anchor.para, s.anchor.start, s.anchor.end
                )
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for a in doc
        .attributions
        .iter()
        .filter(|a| a.cue.is_some() && !a.sources.is_empty())
    {
        let sources: Vec<String> = a.sources.iter().map(|s| place(s)).collect();
        out.push(format!(
            "{} <- {sources:?} via {}",
            place(&a.claim),
            place(a.cue.as_deref().unwrap_or_default())
        ));
    }
    for e in &doc.entities {
        let mut mentions: Vec<String> = doc
            .spans
            .iter()
            .filter(|s| s.entity.as_deref() == Some(e.id.as_str()))
            .map(|s| place(&s.id))
            .collect();
        mentions.sort();
        if mentions.len() > 1 {
            out.push(format!("entity {mentions:?}"));
        }
    }
    out.sort();
    out
}

fn round_trip(corpus: &Path, work: &Path) {
    let first = work.join("first");
    export_citron(corpus, &first);
    let imported = work.join("imported");
    let report =
        import_citron(&Schema::default_schema(), &first, &options(&imported)).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let second = work.join("second");
    assert_eq!(
        export_citron(&imported, &second),
        0,
        "all imported is carried"
    );
    let (a, b) = (files(&first), files(&second));
    assert!(a.len() > 1);
    assert_eq!(a, b, "export -> import -> export changed the files");
    let original = Corpus::scan(corpus).expect("scan");
    for entry in original.entries() {
        for file in &entry.sidecars {
            let before = sidecar::load(&file.path).expect("load").expect("exists");
            let article = imported.join(format!("{}.txt", entry.doc_id));
            let after = sidecar::load(&sidecar_path(&article, &file.annotator))
                .expect("load")
                .expect("imported");
            assert_eq!(carried(&before), carried(&after), "{}", file.path.display());
        }
    }
}

#[test]
fn sample_article_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    export_support::wire_corpus(&corpus);
    round_trip(&corpus, dir.path());
}

#[test]
fn generated_corpus_with_astral_text_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    export_support::generate_corpus(&corpus, 6, 10);
    round_trip(&corpus, dir.path());
}

#[test]
fn sample_data_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    round_trip(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data"),
        dir.path(),
    );
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/citron/unicode.json")
}

#[test]
fn fixture_imports_as_it_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = Schema::default_schema();
    let mut opts = options(dir.path());
    opts.annotator = Some("bbc".to_owned());
    let report = import_citron(&schema, &fixture(), &opts).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert_eq!(
        report
            .counts
            .skipped
            .get("quote without a source (content kept as a claim)"),
        Some(&1)
    );
    let article = dir.path().join("unicode.txt");
    let doc = sidecar::load(&sidecar_path(&article, "bbc"))
        .expect("load")
        .expect("written");
    let by_text = |t: &str| {
        doc.spans
            .iter()
            .find(|s| s.anchor.exact == t)
            .unwrap_or_else(|| panic!("no span {t:?}: {:?}", doc.spans))
    };
    let mayor = by_text("Mayor Zoe\u{308} Ruiz");
    let cue = by_text("said");
    // A quote in two parts: two claims, each attributed to the mayor through `said`.
    for part in ["the 👨‍👩‍👧 parade “will go ahead”", "on Sunday"] {
        let claim = by_text(part);
        assert_eq!(claim.kind, "Claim");
        let a = doc.attribution_of(&claim.id).expect("attributed");
        assert_eq!(a.sources, vec![mayor.id.clone()]);
        assert_eq!(a.cue.as_deref(), Some(cue.id.as_str()));
    }
    // coreference_groups and a quote's coreferences join mentions into one entity.
    assert_eq!(by_text("Harbour news").entity, mayor.entity);
    assert_eq!(
        by_text("Harbour news 🏳️‍🌈").entity,
        by_text("A spokesman 😀").entity
    );
    assert_ne!(mayor.entity, by_text("A spokesman 😀").entity);
    let entity = doc
        .entity(mayor.entity.as_deref().expect("entity"))
        .expect("e");
    assert_eq!(entity.name, "Harbour news", "named by its first mention");
    assert_eq!(by_text("𝔘nion members would march").kind, "Claim");
    assert!(doc.attribution_of(&by_text("at dawn").id).is_none());
    assert!(marginalia::store::validate::check_doc(&doc, &schema).is_empty());
}

#[test]
fn bad_files_are_reported_with_their_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = Schema::default_schema();
    let root = dir.path().join("in");
    std::fs::create_dir_all(root.join("ann")).expect("mkdir");
    std::fs::write(
        root.join("ann/bad.json"),
        "{\"text\": \"x\",\n \"quotes\": 3}",
    )
    .expect("w");
    std::fs::write(
        root.join("ann/hostile.json"),
        serde_json::json!({
            "text": "Ann said it.",
            "quotes": [
                {"cue": {"start": 4, "end": 8, "text": "said"},
                 "sources": [{"start": -1, "end": 3, "text": "Ann"}],
                 "contents": [{"start": 9, "end": 99, "text": "it"},
                              {"start": 11, "end": 9, "text": ""}]},
            ],
        })
        .to_string(),
    )
    .expect("w");
    std::fs::write(root.join("flat.json"), "{\"text\": \"x\"}").expect("w");
    let report = import_citron(&schema, &root, &options(&dir.path().join("out"))).expect("run");
    let bad = root.join("ann/bad.json").display().to_string();
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.starts_with(&format!("{bad}:2:"))),
        "{:?}",
        report.errors
    );
    assert!(
        report
            .errors
            .iter()
            .any(|e| e.contains("flat.json") && e.contains("--annotator")),
        "{:?}",
        report.errors
    );
    let hostile = root.join("ann/hostile.json").display().to_string();
    assert_eq!(report.warnings.len(), 3, "{:?}", report.warnings);
    for w in &report.warnings {
        assert!(w.starts_with(&hostile), "{w}");
    }
}
