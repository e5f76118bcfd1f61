//! Label Studio import: a hand-written export with astral characters, emoji ZWJ sequences,
//! combining marks and CJK (so the offset unit matters) reads into the records it describes;
//! export -> import -> export gives identical files and records; bad input is reported with
//! the file (and JSON line:column), never a panic.

mod export_support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use marginalia::corpus::Corpus;
use marginalia::export::label_studio::LabelStudioRenderer;
use marginalia::export::{OffsetUnit, Selection, export_corpus};
use marginalia::import::label_studio::{LabelStudioOptions, import_label_studio, read_users};
use marginalia::import::offsets::InputUnit;
use marginalia::model::{AnnotationDoc, Confidence, Schema};
use marginalia::store::{sidecar, sidecar_path};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/label_studio/unicode-tasks.json")
}

fn options(out: &Path) -> LabelStudioOptions {
    LabelStudioOptions {
        output: out.to_owned(),
        now: export_support::NOW.to_owned(),
        text_key: "text".to_owned(),
        ..LabelStudioOptions::default()
    }
}

fn load(article: &Path, annotator: &str) -> AnnotationDoc {
    sidecar::load(&sidecar_path(article, annotator))
        .expect("sidecar parses")
        .expect("sidecar exists")
}

#[test]
fn fixture_export_reads_into_the_records_it_describes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = Schema::default_schema();
    let report = import_label_studio(&schema, &fixture(), &options(dir.path())).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        report.written.len(),
        2,
        "the cancelled annotation is not imported"
    );
    assert_eq!(report.counts.skipped.get("label Organization"), Some(&1));
    assert_eq!(report.counts.skipped.get("control sentiment"), Some(&1));
    assert_eq!(report.counts.skipped.get("cancelled annotation"), Some(&1));
    assert_eq!(report.counts.skipped.get("prediction"), Some(&1));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);

    let article = dir.path().join("task-41.txt");
    let doc = load(&article, "user7");
    let text = |id: &str| doc.span(id).expect("span").anchor.exact.clone();
    assert_eq!(text("S1"), "Mayor Zoe\u{308} Ruiz");
    assert_eq!(
        text("C1"),
        "the 👨‍👩‍👧 parade “will go ahead” in 東京 on Sunday"
    );
    // `x-17` does not fit the Speaker prefix: it gets the next free id.
    let spokesman = doc
        .spans
        .iter()
        .find(|s| s.anchor.exact == "A spokesman 😀")
        .expect("spokesman");
    assert_eq!(spokesman.id, "S2");
    assert_eq!(text("C2"), "𝔘nion members would march");
    let c1 = doc.span("C1").expect("C1");
    assert_eq!(
        c1.attrs.get("certainty").map(String::as_str),
        Some("probable")
    );
    assert_eq!(c1.confidence, Confidence::Medium);
    assert_eq!(c1.note.as_deref(), Some("“will go ahead” is hers 😀"));
    let mayor = doc
        .entity(
            doc.span("S1")
                .and_then(|s| s.entity.as_deref())
                .expect("entity"),
        )
        .expect("entity record");
    assert_eq!(mayor.name, "Zoe\u{308} Ruiz");
    assert_eq!(
        mayor.attrs.get("speaker_type").map(String::as_str),
        Some("government")
    );
    let a1 = doc.attribution_of("C1").expect("attribution of C1");
    assert_eq!(
        (a1.sources.as_slice(), a1.cue.as_deref()),
        (&["S1".to_owned()][..], Some("K1"))
    );
    // Unlabelled relations of a foreign config, either direction, read by their ends' kinds.
    let a2 = doc.attribution_of("C2").expect("attribution of C2");
    assert_eq!(
        (a2.sources.as_slice(), a2.cue.as_deref()),
        (&["S2".to_owned()][..], Some("K2"))
    );
    assert_eq!(doc.created, "2026-02-01T10:00:00.000000Z");
    assert_eq!(doc.modified, "2026-02-01T11:00:00.000000Z");
    assert!(marginalia::store::validate::check_doc(&doc, &schema).is_empty());

    // completed_by with an email: its local part.
    let rita = load(&article, "rita-k");
    assert_eq!(rita.spans.len(), 2);
    assert_eq!(rita.attributions.len(), 1);
}

#[test]
fn a_users_file_names_the_annotators_and_utf16_files_are_read_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let users = dir.path().join("users.json");
    std::fs::write(&users, r#"{"mara": 7}"#).expect("write");
    let mut opts = options(dir.path());
    opts.users = read_users(&users).expect("users");
    let schema = Schema::default_schema();
    import_label_studio(&schema, &fixture(), &opts).expect("import");
    let article = dir.path().join("task-41.txt");
    let doc = load(&article, "mara");

    // The same file counted in UTF-16: every region moves, so read as UTF-16 it gives the
    // same records, and read as code points it does not.
    let raw = std::fs::read_to_string(fixture()).expect("read");
    let mut tasks: serde_json::Value = serde_json::from_str(&raw).expect("json");
    let text = tasks[0]["data"]["text"].as_str().expect("text").to_owned();
    let to16 = |cp: u64| -> u64 {
        text.chars()
            .take(usize::try_from(cp).expect("small"))
            .map(|c| c.len_utf16() as u64)
            .sum()
    };
    for ann in tasks[0]["annotations"].as_array_mut().expect("annotations") {
        for r in ann["result"].as_array_mut().expect("result") {
            if let Some(v) = r.get_mut("value")
                && let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64())
            {
                v["start"] = to16(s).into();
                v["end"] = to16(e).into();
            }
        }
    }
    let file16 = dir.path().join("utf16.json");
    std::fs::write(&file16, tasks.to_string()).expect("write");
    let out16 = dir.path().join("u16");
    let mut opts16 = options(&out16);
    opts16.users = opts.users.clone();
    opts16.unit = InputUnit::Utf16;
    let report = import_label_studio(&schema, &file16, &opts16).expect("import utf16");
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let doc16 = load(&out16.join("task-41.txt"), "mara");
    assert_eq!(doc16.spans, doc.spans);
    assert_eq!(doc16.attributions, doc.attributions);
    let wrong = import_label_studio(&schema, &file16, &options(&dir.path().join("cp")))
        .expect("import as code points");
    assert!(
        wrong.warnings.iter().any(|w| w.contains("UTF-16")),
        "{:?}",
        wrong.warnings
    );
}

fn export_ls(corpus_dir: &Path, out: &Path, unit: OffsetUnit) -> (String, BTreeMap<u64, String>) {
    let schema = Schema::default_schema();
    let corpus = Corpus::scan(corpus_dir).expect("scan");
    let renderer = LabelStudioRenderer::new(&schema, &corpus.annotators(), unit).expect("r");
    let mut bytes = Vec::new();
    let stats = export_corpus(
        &corpus,
        &renderer,
        &Selection::All,
        false,
        &mut bytes,
        "tasks",
        false,
    )
    .expect("export");
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    std::fs::write(out, &bytes).expect("write tasks");
    let users_path = out.with_extension("annotators.json");
    std::fs::write(&users_path, renderer.users_json()).expect("users");
    let users = read_users(&users_path).expect("read users");
    (String::from_utf8(bytes).expect("utf-8"), users)
}

/// What Label Studio carries of a document: spans with their values, entities by name and
/// values, attributions by claim (ids of attributions and entities are renumbered).
fn carried(doc: &AnnotationDoc) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.spans {
        let entity = s.entity.as_deref().and_then(|e| doc.entity(e)).map(|e| {
            (
                e.name.clone(),
                e.attrs.clone(),
                e.confidence,
                e.note.clone(),
            )
        });
        out.push(format!(
            "{} {} {:?} {:?} {:?} {:?} {:?}",
            s.id, s.kind, s.anchor, s.attrs, s.confidence, s.note, entity
        ));
    }
    for a in &doc.attributions {
        let within = a
            .within
            .as_deref()
            .and_then(|w| doc.attribution(w))
            .map(|o| o.claim.clone());
        out.push(format!(
            "{} <- {:?} via {:?} {:?} {:?} {:?} within {within:?}",
            a.claim, a.sources, a.cue, a.attrs, a.confidence, a.note
        ));
    }
    out.sort();
    out
}

fn round_trip(corpus: &Path, work: &Path, unit: OffsetUnit) {
    let first = work.join("first.json");
    let (a, users) = export_ls(corpus, &first, unit);
    let imported = work.join("imported");
    let mut opts = options(&imported);
    opts.users = users;
    opts.unit = match unit {
        OffsetUnit::Codepoint => InputUnit::Codepoint,
        OffsetUnit::Utf16 => InputUnit::Utf16,
    };
    let report = import_label_studio(&Schema::default_schema(), &first, &opts).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    assert!(!report.written.is_empty());
    let (b, _) = export_ls(&imported, &work.join("second.json"), unit);
    assert_eq!(a, b, "export -> import -> export changed the tasks");
    let original = Corpus::scan(corpus).expect("scan");
    for entry in original.entries() {
        for file in &entry.sidecars {
            let before = sidecar::load(&file.path).expect("load").expect("exists");
            let after_article = imported.join(format!("{}.txt", entry.doc_id));
            let after = load(&after_article, &file.annotator);
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
    round_trip(&corpus, dir.path(), OffsetUnit::Codepoint);
}

#[test]
fn generated_corpus_with_astral_text_round_trips_in_both_units() {
    for unit in [OffsetUnit::Codepoint, OffsetUnit::Utf16] {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = dir.path().join("corpus");
        export_support::generate_corpus(&corpus, 6, 8);
        round_trip(&corpus, dir.path(), unit);
    }
}

#[test]
fn bad_files_are_reported_with_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = Schema::default_schema();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "[\n  {\"data\": {\"text\": \"x\"}},\n  oops\n]").expect("write");
    let e = import_label_studio(&schema, &bad, &options(dir.path())).expect_err("not json");
    assert!(e.starts_with(&format!("{}:3:3: ", bad.display())), "{e}");
    std::fs::write(&bad, "42").expect("write");
    let e = import_label_studio(&schema, &bad, &options(dir.path())).expect_err("not tasks");
    assert!(e.contains("bad.json"), "{e}");
    let users = dir.path().join("users.json");
    std::fs::write(&users, "{\"a b\": 1}").expect("write");
    assert!(
        read_users(&users)
            .expect_err("bad name")
            .contains("users.json")
    );
}

#[test]
fn hostile_results_are_warnings_naming_file_and_task_never_panics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let schema = Schema::default_schema();
    let file = dir.path().join("hostile.json");
    let results = serde_json::json!([
        {"id": "S1", "type": "labels", "value": {"start": -4, "end": 3, "labels": ["Speaker"]}},
        {"id": "S2", "type": "labels", "value": {"start": 9, "end": 2, "labels": ["Speaker"]}},
        {"id": "S3", "type": "labels", "value": {"start": 0, "end": 9999, "labels": ["Speaker"]}},
        {"id": "S4", "type": "labels", "value": {"start": 1, "end": 2, "labels": []}},
        {"id": "S5", "type": "labels", "value": {"start": "a", "end": 2, "labels": ["Cue"]}},
        {"id": "C1", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["Claim"]}},
        {"id": "C1", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["Claim"]}},
        {"id": "C1", "from_name": "certainty", "type": "choices", "value": {"choices": ["nope"]}},
        {"id": "C1", "from_name": "confidence", "type": "choices", "value": {"choices": ["huge"]}},
        {"id": "C1", "from_name": "note", "type": "textarea", "value": {}},
        {"from_id": "C1", "to_id": "nowhere", "type": "relation"},
        {"from_id": "C1", "to_id": "C1", "type": "relation", "labels": ["x"]},
        17, null, "text", [],
    ]);
    let tasks = serde_json::json!([
        {"id": 5, "data": {"text": "Ann said it.\n\nBob 😀 too."},
         "annotations": [{"completed_by": 1, "result": results},
                         {"completed_by": -3, "result": []},
                         {"completed_by": 1, "result": []}]},
        {"id": 6, "data": {"text": 3}},
        {"id": 7, "data": {"text": "x", "doc_id": "../../escape"}, "annotations": []},
        "not a task",
    ]);
    std::fs::write(&file, tasks.to_string()).expect("write");
    let report = import_label_studio(&schema, &file, &options(dir.path())).expect("import");
    let shown = file.display().to_string();
    assert!(report.warnings.len() >= 8, "{:?}", report.warnings);
    for message in report.warnings.iter().chain(&report.errors) {
        assert!(message.starts_with(&format!("{shown}: task ")), "{message}");
    }
    assert!(
        dir.path().join("task-7.txt").exists(),
        "unsafe doc_id renamed"
    );
    assert!(!dir.path().join("../escape.txt").exists());
    let doc = load(&dir.path().join("task-5.txt"), "user1");
    assert_eq!(doc.spans.len(), 1, "only C1 can be placed: {:?}", doc.spans);
}

#[test]
fn nested_attributions_and_entity_notes_round_trip() {
    use marginalia::model::Article;
    let schema = Schema::default_schema();
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let text = "The mayor said the minister told reporters that the bridge 🌉 is safe, \
                and an engineer wrote that the minister believes it.";
    let path = corpus.join("n.txt");
    std::fs::write(&path, text).expect("write");
    let article = Article::from_text(&path, text).expect("article");
    let mut b = export_support::Builder::new(&schema, &article, "alice");
    let mayor_e = b.entity("mayor", &[]);
    let minister_e = b.entity("minister", &[]);
    let engineer_e = b.entity("engineer", &[]);
    let mayor = b.speaker(0, "The mayor", &mayor_e);
    let said = b.span("Cue", 0, "said", 0);
    let outer_claim = b.span(
        "Claim",
        0,
        "the minister told reporters that the bridge 🌉 is safe",
        0,
    );
    let minister = b.speaker(0, "minister told", &minister_e);
    let told = b.span("Cue", 0, "told reporters", 0);
    let inner_claim = b.span("Claim", 0, "the bridge 🌉 is safe", 0);
    let engineer = b.speaker(0, "an engineer", &engineer_e);
    let belief = b.span("Claim", 0, "the minister believes it", 0);
    let outer = b.attribute(&outer_claim, &[&mayor], Some(&said));
    let inner = b.attribute(&inner_claim, &[&minister], Some(&told));
    let cueless = b.attribute(&belief, &[&engineer], None);
    b.doc.attribution_mut(&inner).expect("inner").within = Some(outer);
    b.doc.attribution_mut(&cueless).expect("cue-less").within = Some(inner);
    let e = b.doc.entity_mut(&minister_e).expect("minister");
    e.note = Some("named later as the transport minister".to_owned());
    e.confidence = Confidence::Low;
    b.doc.entity_mut(&engineer_e).expect("engineer").confidence = Confidence::Medium;
    b.save(&path);
    round_trip(&corpus, dir.path(), OffsetUnit::Codepoint);
    let back = load(&dir.path().join("imported/n.txt"), "alice");
    let nested = back
        .attributions
        .iter()
        .filter(|a| a.within.is_some())
        .count();
    assert_eq!(nested, 2);
}
