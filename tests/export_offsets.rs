//! Property: every exported span's text equals the slice of the article at its offsets, in code
//! points (JSONL, CSV, brat, Label Studio) and in UTF-16 units (Label Studio `--offsets utf16`),
//! on texts with astral characters, ZWJ sequences, combining marks, curly quotes, CJK, line
//! breaks inside paragraphs and CRLF or BOM sources.

mod export_support;

use std::path::Path;

use marginalia::corpus::Corpus;
use marginalia::export::brat::BratRenderer;
use marginalia::export::brat_validate::validate_dir;
use marginalia::export::label_studio::LabelStudioRenderer;
use marginalia::export::table::{TableKind, TableRenderer};
use marginalia::export::{OffsetUnit, Renderer, Selection, export_corpus};
use marginalia::import::{ImportOptions, import_dir};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::{sidecar, sidecar_path};
use proptest::prelude::*;
use serde_json::Value;

const ATOMS: [&str; 14] = [
    "a",
    "Zb",
    " ",
    "é",
    "e\u{301}",
    "漢字",
    "😀",
    "👩\u{200d}👩\u{200d}👧",
    "𝄞",
    "“",
    "”",
    "’",
    "\t",
    "ß",
];

fn text_strategy() -> impl Strategy<Value = (String, bool, bool)> {
    let line = prop::collection::vec(prop::sample::select(ATOMS.to_vec()), 0..12)
        .prop_map(|atoms| format!("x{}", atoms.concat()));
    let para = prop::collection::vec(line, 1..3).prop_map(|lines| lines.join("\n"));
    (
        prop::collection::vec(para, 1..4),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(paras, crlf, bom)| (paras.join("\n\n"), crlf, bom))
}

type Seeds = Vec<(u16, u16, u16, u8)>;

/// Annotate `article` with spans chosen by `seeds`; every claim is attributed to the latest
/// speaker (through the latest cue when there is one).
fn annotate(schema: &Schema, article: &Article, seeds: &Seeds) -> AnnotationDoc {
    let mut doc = AnnotationDoc::new(schema, article, "alice", export_support::NOW);
    let paras = article.paragraphs();
    let (mut speaker, mut cue) = (None::<String>, None::<String>);
    for &(p, s, l, k) in seeds {
        let para = &paras[usize::from(p) % paras.len()];
        let start = usize::from(s) % para.char_len;
        let end = start + 1 + usize::from(l) % (para.char_len - start);
        let kind = ["Speaker", "Cue", "Claim", "Claim"][usize::from(k) % 4];
        let id = doc
            .add_span(schema, article, kind, para.index, start, end)
            .expect("valid span");
        match kind {
            "Speaker" => {
                let e = doc
                    .add_entity(schema, "SpeakerEntity", "Some “one” 😀")
                    .expect("entity");
                doc.span_mut(&id).expect("speaker").entity = Some(e);
                speaker = Some(id);
            }
            "Cue" => cue = Some(id),
            _ => {
                if let Some(s) = &speaker {
                    doc.attribute(schema, &id, std::slice::from_ref(s), cue.as_deref())
                        .expect("attribution");
                }
                if k % 3 == 0 {
                    doc.span_mut(&id).expect("claim").note = Some("line one\nline\ttwo 😀".into());
                }
            }
        }
    }
    doc
}

fn render(corpus: &Corpus, renderer: &dyn Renderer) -> String {
    let mut out = Vec::new();
    let stats = export_corpus(
        corpus,
        renderer,
        &Selection::All,
        false,
        &mut out,
        "mem",
        false,
    )
    .expect("export");
    assert!(stats.errors.is_empty(), "{:?}", stats.errors);
    String::from_utf8(out).expect("utf-8 output")
}

fn slice(chars: &[char], start: &Value, end: &Value) -> String {
    let s = usize::try_from(start.as_u64().expect("start")).expect("usize");
    let e = usize::try_from(end.as_u64().expect("end")).expect("usize");
    chars[s..e].iter().collect()
}

fn check_jsonl(text: &str, jsonl: &str) {
    let chars: Vec<char> = text.chars().collect();
    for line in jsonl.lines() {
        let row: Value = serde_json::from_str(line).expect("json row");
        for prefix in ["claim", "speaker", "cue"] {
            let t = &row[format!("{prefix}_text")];
            if t.is_null() {
                continue;
            }
            let got = slice(
                &chars,
                &row[format!("{prefix}_start")],
                &row[format!("{prefix}_end")],
            );
            assert_eq!(t.as_str(), Some(got.as_str()), "{prefix} in {line}");
        }
    }
}

fn check_csv(text: &str, csv_text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let (t, s, e) = (col("claim_text"), col("claim_start"), col("claim_end"));
    for record in reader.records() {
        let record = record.expect("record");
        let s: usize = record[s].parse().expect("start");
        let e: usize = record[e].parse().expect("end");
        assert_eq!(&record[t], chars[s..e].iter().collect::<String>());
    }
}

fn check_label_studio(tasks: &str, utf16: bool) -> usize {
    let tasks: Value = serde_json::from_str(tasks).expect("tasks json");
    let mut checked = 0;
    for task in tasks.as_array().expect("array") {
        let text = task["data"]["text"].as_str().expect("text");
        let chars: Vec<char> = text.chars().collect();
        let units: Vec<u16> = text.encode_utf16().collect();
        for ann in task["annotations"].as_array().expect("annotations") {
            for result in ann["result"].as_array().expect("result") {
                if result["type"] != "labels" {
                    continue;
                }
                let v = &result["value"];
                let got = if utf16 {
                    let s = usize::try_from(v["start"].as_u64().expect("start")).expect("usize");
                    let e = usize::try_from(v["end"].as_u64().expect("end")).expect("usize");
                    String::from_utf16(&units[s..e]).expect("slice on code point boundaries")
                } else {
                    slice(&chars, &v["start"], &v["end"])
                };
                assert_eq!(v["text"].as_str(), Some(got.as_str()));
                checked += 1;
            }
        }
    }
    checked
}

fn write_case(dir: &Path, raw: &str, seeds: &Seeds) -> (Schema, String) {
    let schema = Schema::default_schema();
    let path = dir.join("doc.txt");
    std::fs::write(&path, raw).expect("write article");
    let article = Article::load(&path).expect("load");
    let doc = annotate(&schema, &article, seeds);
    sidecar::save(&sidecar_path(&path, "alice"), &doc).expect("save");
    (schema, article.text().to_owned())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn exported_spans_equal_their_slices(
        (text, crlf, bom) in text_strategy(),
        seeds in prop::collection::vec((any::<u16>(), any::<u16>(), any::<u16>(), any::<u8>()), 1..10),
    ) {
        let mut raw = if crlf { text.replace('\n', "\r\n") } else { text };
        if bom {
            raw.insert(0, '\u{feff}');
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let (schema, normalised) = write_case(dir.path(), &raw, &seeds);
        let corpus = Corpus::scan(dir.path()).expect("scan");

        let jsonl = render(&corpus, &TableRenderer::new(&schema, TableKind::Jsonl).expect("jsonl"));
        check_jsonl(&normalised, &jsonl);
        let csv = render(&corpus, &TableRenderer::new(&schema, TableKind::Csv).expect("csv"));
        check_csv(&normalised, &csv);

        let users = corpus.annotators();
        for (unit, utf16) in [(OffsetUnit::Codepoint, false), (OffsetUnit::Utf16, true)] {
            let ls = LabelStudioRenderer::new(&schema, &users, unit).expect("ls");
            let spans = check_label_studio(&render(&corpus, &ls), utf16);
            prop_assert_eq!(spans, seeds.len());
        }

        let out = dir.path().join("brat-out");
        let brat = BratRenderer::new(&schema, &out);
        brat.write_conf().expect("conf");
        render(&corpus, &brat);
        prop_assert_eq!(validate_dir(&out).expect("validate"), Vec::<String>::new());

        // brat round trip: importing the export and exporting again gives the same .ann.
        let imported = dir.path().join("imported");
        let options = ImportOptions {
            annotator: None,
            output: Some(imported.clone()),
            force: false,
            now: export_support::NOW.to_owned(),
            ..ImportOptions::default()
        };
        let report = import_dir(&schema, &out, &options).expect("import");
        prop_assert!(report.errors.is_empty() && report.warnings.is_empty(), "{:?}", report);
        let again = dir.path().join("brat-again");
        let brat2 = BratRenderer::new(&schema, &again);
        render(&Corpus::scan(&imported).expect("scan"), &brat2);
        let read = |d: &Path| std::fs::read_to_string(d.join("alice/doc.ann")).expect("ann");
        prop_assert_eq!(read(&out), read(&again));
    }
}
