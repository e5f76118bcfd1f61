//! brat import: export -> import -> export gives identical files, and lines the importer
//! cannot use are reported with file and line.

mod export_support;

use std::path::Path;

use marginalia::corpus::Corpus;
use marginalia::export::brat::BratRenderer;
use marginalia::export::brat_validate::validate_dir;
use marginalia::export::{Selection, export_corpus};
use marginalia::import::{ImportOptions, ann_to_doc, import_dir};
use marginalia::model::{Article, Schema};

fn export_brat(corpus_dir: &Path, out: &Path) {
    let schema = Schema::default_schema();
    let corpus = Corpus::scan(corpus_dir).expect("scan");
    let renderer = BratRenderer::new(&schema, out);
    renderer.write_conf().expect("conf");
    let stats = export_corpus(
        &corpus,
        &renderer,
        &Selection::All,
        false,
        &mut std::io::sink(),
        "brat",
        false,
    )
    .expect("export");
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    assert_eq!(validate_dir(out).expect("validate"), Vec::<String>::new());
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            let text = std::fs::read_to_string(e.path()).expect("read");
            (rel.display().to_string(), text)
        })
        .collect();
    out.sort();
    out
}

fn options(output: &Path) -> ImportOptions {
    ImportOptions {
        annotator: None,
        output: Some(output.to_owned()),
        force: false,
        now: export_support::NOW.to_owned(),
        ..ImportOptions::default()
    }
}

fn round_trip(corpus: &Path, work: &Path) {
    let first = work.join("first");
    export_brat(corpus, &first);
    let imported = work.join("imported");
    let report =
        import_dir(&Schema::default_schema(), &first, &options(&imported)).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let second = work.join("second");
    export_brat(&imported, &second);
    let (a, b) = (files(&first), files(&second));
    assert!(a.len() > 2);
    for ((pa, ta), (pb, tb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert_eq!(ta, tb, "{pa} differs after the round trip");
    }
    assert_eq!(a.len(), b.len());
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
    export_support::generate_corpus(&corpus, 12, 10);
    round_trip(&corpus, dir.path());
}

#[test]
fn import_next_to_the_txt_files_and_refuse_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    export_support::wire_corpus(&corpus);
    let out = dir.path().join("brat");
    export_brat(&corpus, &out);
    let mut opts = options(&out);
    opts.output = None;
    let schema = Schema::default_schema();
    let report = import_dir(&schema, &out, &opts).expect("import");
    assert_eq!(report.written.len(), 2);
    assert!(out.join("alice/wire-001.alice.ann.ron").exists());
    assert!(out.join("gold/wire-001.gold.ann.ron").exists());
    let again = import_dir(&schema, &out, &opts).expect("import again");
    assert_eq!(again.errors.len(), 2, "{:?}", again.errors);
    assert!(again.errors[0].contains("--force"), "{}", again.errors[0]);
    opts.force = true;
    assert!(
        import_dir(&schema, &out, &opts)
            .expect("forced")
            .errors
            .is_empty()
    );
}

#[test]
fn unusable_lines_are_reported_with_their_line() {
    let schema = Schema::default_schema();
    let text = "Ann said it rains.\nBob agreed.";
    let article = Article::from_text(Path::new("x.txt"), text).expect("article");
    let ann = "T1\tSpeaker 0 3\tAnn\n\
               T2\tPerson 9 11\tit\n\
               garbage line\n\
               T3\tClaim 9 17\tit rains\n\
               R1\tAttributedTo Arg1:T3 Arg2:T1\n\
               A1\tStake T3 maybe\n\
               A2\tNegation T3\n\
               *\tEquiv T1 T3\n\
               T4\tClaim 9 17\tit snows\n\
               T5\tClaim 0 3;9 11\tAnn it\n";
    let (doc, warnings) = ann_to_doc(&schema, &article, "alice", ann, false, "x.ann", "now");
    let all = warnings.join("\n");
    for expected in [
        "x.ann:2: type `Person` is not in schema",
        "x.ann:3: no TAB after the id",
        "x.ann:6: `maybe` is not a value of `stake`",
        "x.ann:7: binary attribute `Negation`",
        "x.ann:8: equivalence `Equiv` not supported",
        "x.ann:9: T4: text \"it snows\" does not match",
        "x.ann:10: T5: discontinuous span",
    ] {
        assert!(all.contains(expected), "{expected} missing in:\n{all}");
    }
    assert_eq!(doc.attributions.len(), 1);
    assert_eq!(doc.attributions[0].sources, ["S1"]);
}

#[test]
fn sample_data_round_trips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    round_trip(&sample, dir.path());
}

#[test]
fn flat_directories_need_an_annotator() {
    let dir = tempfile::tempdir().expect("tempdir");
    let flat = dir.path().join("flat");
    std::fs::create_dir_all(&flat).expect("mkdir");
    std::fs::write(flat.join("d.txt"), "\u{feff}Ann said it rains.\r\n").expect("txt");
    // brat counts the BOM as a character; the importer shifts offsets back.
    std::fs::write(flat.join("d.ann"), "T1\tSpeaker 1 4\tAnn\n").expect("ann");
    let schema = Schema::default_schema();
    let mut opts = options(&dir.path().join("out"));
    let report = import_dir(&schema, &flat, &opts).expect("import");
    assert_eq!(report.errors.len(), 1);
    assert!(
        report.errors[0].contains("--annotator"),
        "{}",
        report.errors[0]
    );
    opts.annotator = Some("carol".into());
    let report = import_dir(&schema, &flat, &opts).expect("import");
    assert!(
        report.errors.is_empty() && report.warnings.is_empty(),
        "{report:?}"
    );
    let doc = marginalia::store::sidecar::load(&dir.path().join("out/d.carol.ann.ron"))
        .expect("load")
        .expect("written");
    assert_eq!(doc.spans[0].anchor.exact, "Ann");
    assert_eq!((doc.spans[0].anchor.start, doc.spans[0].anchor.end), (0, 3));
}

/// Nested attributions (with and without a cue, inside either kind), an entity's note and
/// confidence survive export -> import -> export.
#[test]
fn nested_attributions_and_entity_notes_round_trip() {
    use marginalia::export::brat::ann_text;
    use marginalia::model::{AnnotationDoc, Confidence};
    let schema = Schema::default_schema();
    let text = "The mayor said the minister told reporters that the bridge is safe, \
                and an engineer wrote that the minister believes it.";
    let article = Article::from_text(Path::new("n.txt"), text).expect("article");
    let mut doc = AnnotationDoc::new(&schema, &article, "alice", export_support::NOW);
    let (find, span) = (
        |needle: &str| {
            let byte = text.find(needle).expect("needle");
            let start = text[..byte].chars().count();
            (start, start + needle.chars().count())
        },
        |doc: &mut AnnotationDoc, kind: &str, (s, e): (usize, usize)| {
            doc.add_span(&schema, &article, kind, 0, s, e)
                .expect("span")
        },
    );
    let mayor = span(&mut doc, "Speaker", find("The mayor"));
    let said = span(&mut doc, "Cue", find("said"));
    let outer_claim = span(
        &mut doc,
        "Claim",
        find("the minister told reporters that the bridge is safe"),
    );
    let minister = span(&mut doc, "Speaker", find("minister told"));
    let told = span(&mut doc, "Cue", find("told reporters"));
    let inner_claim = span(&mut doc, "Claim", find("the bridge is safe"));
    let engineer = span(&mut doc, "Speaker", find("an engineer"));
    let belief = span(&mut doc, "Claim", find("the minister believes it"));
    for (mention, name) in [
        (&mayor, "mayor"),
        (&minister, "minister"),
        (&engineer, "engineer"),
    ] {
        let e = doc
            .add_entity(&schema, "SpeakerEntity", name)
            .expect("entity");
        doc.span_mut(mention).expect("mention").entity = Some(e);
    }
    let outer = doc
        .attribute(&schema, &outer_claim, &[mayor], Some(&said))
        .expect("outer");
    let inner = doc
        .attribute(&schema, &inner_claim, &[minister], Some(&told))
        .expect("inner");
    let cueless = doc
        .attribute(&schema, &belief, &[engineer], None)
        .expect("cue-less");
    doc.attribution_mut(&inner).expect("inner").within = Some(outer.clone());
    doc.attribution_mut(&cueless).expect("cue-less").within = Some(inner.clone());
    let entity = &mut doc.entities[1];
    entity.note = Some("named later\tas the transport minister".to_owned());
    entity.confidence = Confidence::Low;
    doc.entities[2].confidence = Confidence::Medium;
    doc.canonicalize();

    let ann = ann_text(&schema, &article, &doc);
    assert!(ann.contains("\tWithin E2\tE1\n"), "{ann}");
    assert!(ann.contains("\tEntityConfidence N2\tlow\n"), "{ann}");
    let (back, warnings) = ann_to_doc(
        &schema,
        &article,
        "alice",
        &ann,
        false,
        "n.ann",
        export_support::NOW,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let within: Vec<Option<&str>> = back
        .attributions
        .iter()
        .map(|a| a.within.as_deref())
        .collect();
    assert_eq!(
        within.iter().filter(|w| w.is_some()).count(),
        2,
        "{within:?}"
    );
    let minister = back
        .entities
        .iter()
        .find(|e| e.name == "minister")
        .expect("minister");
    assert_eq!(
        minister.note.as_deref(),
        Some("named later as the transport minister")
    );
    assert_eq!(minister.confidence, Confidence::Low);
    assert_eq!(
        ann_text(&schema, &article, &back),
        ann,
        "second export differs"
    );
}
