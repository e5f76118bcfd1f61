//! Mapped brat import: a fixture in PolNeAR's layout and scheme (sentences written for this
//! test), with discontinuous spans, an event with two Content arguments, a source-less event,
//! unmapped types and coreference; and hostile `.ann` lines that must never panic and are each
//! reported with file and line.

use std::path::Path;

use marginalia::import::{ImportOptions, Layout, Mapping, import_dir, mapped_ann_to_doc};
use marginalia::model::{Article, Schema};
use proptest::prelude::*;

const TEXT: &str = "Mara Voss said the bridge will reopen in May and tolls will fall.\n\n\
“We are ready,” the mayor said, “to start work.”\n\n\
Officials were reported to doubt it. She repeated that the bridge is safe.\n";

// Offsets are code points; “ and ” count one each.
const ANN: &str = "T1\tSource 0 9\tMara Voss\n\
T2\tCue 10 14\tsaid\n\
T3\tContent 15 44\tthe bridge will reopen in May\n\
T4\tContent 49 64\ttolls will fall\n\
T5\tAttribution 10 14\tsaid\n\
E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4\n\
T6\tSource 83 92\tthe mayor\n\
T7\tCue 93 97\tsaid\n\
T8\tContent 68 81;100 113\tWe are ready, to start work\n\
T9\tAttribution 93 97\tsaid\n\
E2\tAttribution:T9 Cue:T7 Source:T6 Content:T8\n\
T10\tCue 127 140\twere reported\n\
T11\tContent 141 152\tto doubt it\n\
T12\tAttribution 127 140\twere reported\n\
E3\tAttribution-no-source:T12 Cue:T10 Content:T11\n\
T13\tSource 154 157\tShe\n\
T14\tCue 158 166\trepeated\n\
T15\tContent 172 190\tthe bridge is safe\n\
T16\tAttribution 158 166\trepeated\n\
E4\tAttribution:T16 Source:T13 Cue:T14 Content:T15\n\
*\tCoreference T13 T1\n\
T17\tDiscuss 0 4\tMara\n\
#1\tAnnotatorNotes T8\tquote broken by the cue\n";

fn write_fixture(root: &Path) {
    let text = root.join("split/text");
    let atts = root.join("split/attributions");
    std::fs::create_dir_all(&text).expect("text dir");
    std::fs::create_dir_all(&atts).expect("attributions dir");
    std::fs::write(text.join("bridge.txt"), TEXT).expect("txt");
    std::fs::write(atts.join("bridge_ann1.ann"), ANN).expect("ann");
    std::fs::write(atts.join("bridge_ann2.ann"), "T1\tSource 0 9\tMara Voss\n").expect("ann2");
}

#[test]
fn fixture_offsets_are_what_the_text_says() {
    let chars: Vec<char> = TEXT.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    assert_eq!(slice(83, 92), "the mayor");
    assert_eq!(slice(68, 81), "We are ready,");
    assert_eq!(slice(100, 113), "to start work");
    assert_eq!(slice(172, 190), "the bridge is safe");
}

#[test]
fn polnear_layout_and_parc_scheme_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    write_fixture(dir.path());
    let schema = Schema::default_schema();
    let options = ImportOptions {
        output: Some(dir.path().join("out")),
        now: "2026-01-01T00:00:00Z".to_owned(),
        layout: Layout::Polnear,
        mapping: Some(Mapping::resolve("parc", &schema).expect("parc")),
        ..ImportOptions::default()
    };
    let report = import_dir(&schema, dir.path(), &options).expect("import");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.written.len(), 2);
    let sidecar = dir.path().join("out/split/bridge.ann1.ann.ron");
    assert!(sidecar.exists(), "{:?}", report.written);
    let c = &report.counts;
    assert_eq!(c.foreign_spans["Content"], (5, 5));
    assert_eq!(c.foreign_spans["Source"], (4, 4));
    assert_eq!(c.events["Attribution"], (3, 3));
    assert_eq!(c.events["Attribution-no-source"], (1, 0));
    assert_eq!(c.skipped["Discuss"], 1);
    assert!(
        c.summary()
            .contains("skipped 2 (Discuss: 1, event Attribution-no-source")
    );
    // Two Content arguments: two attributions from one event; the discontinuous quote is its
    // covering span, with a warning naming file and line.
    assert_eq!(c.attributions, 4, "{}", c.summary());
    let warned = report.warnings.join("\n");
    assert!(
        warned.contains("bridge_ann1.ann:9: T8: discontinuous span imported as its covering span"),
        "{warned}"
    );
    let text = std::fs::read_to_string(&sidecar).expect("sidecar");
    assert!(
        text.contains("exact: \"We are ready,” the mayor said, “to start work\""),
        "{text}"
    );
    assert!(text.contains("quote broken by the cue"), "{text}");
    // "She" corefers with "Mara Voss": one entity for both mentions, named by the first.
    let doc: marginalia::model::AnnotationDoc = ron::from_str(&text).expect("ron");
    let entity_of = |t: &str| {
        doc.spans
            .iter()
            .find(|s| s.anchor.exact == t)
            .and_then(|s| s.entity.clone())
            .expect("mention")
    };
    assert_eq!(entity_of("She"), entity_of("Mara Voss"));
    assert_ne!(entity_of("the mayor"), entity_of("Mara Voss"));
    assert_eq!(doc.entities.len(), 2);
    let problems = marginalia::store::validate::check_doc(&doc, &schema);
    assert!(problems.is_empty(), "{problems:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Hostile lines: offsets out of range, negative, reversed, overlapping fragments, unknown
    /// ids, junk bytes. Import never panics, and every warning names the file and a line.
    #[test]
    fn hostile_lines_never_panic_and_are_reported_with_file_and_line(
        lines in prop::collection::vec(
            prop_oneof![
                (0i64..300, -5i64..300).prop_map(|(s, e)| format!("T{s}\tSource {s} {e}\tx")),
                (0u32..50, 0u32..50, 0u32..50, 0u32..50)
                    .prop_map(|(a, b, c, d)| format!("T9\tContent {a} {b};{c} {d}\tx")),
                (0u32..20, 0u32..20).prop_map(|(a, b)| format!("E{a}\tAttribution:T{b} Source:T{a} Content:T{b}")),
                "[A-Z#*]?[0-9]{0,2}\t?[ -~]{0,20}",
                Just("*\tCoreference T1 T99".to_owned()),
                Just("R1\tCoreference Arg1:T1".to_owned()),
                Just("A1\tNegated T1".to_owned()),
                Just("T1\tCue -3 2\tab".to_owned()),
            ],
            0..25,
        ),
        bad_bytes in any::<bool>(),
    ) {
        let schema = Schema::default_schema();
        let mapping = Mapping::resolve("parc", &schema).expect("parc");
        let article = Article::from_text(Path::new("a.txt"), "Ann said it rains.\n\nBob “denied” 😀 it.")
            .expect("article");
        let mut bytes = lines.join("\n").into_bytes();
        if bad_bytes {
            bytes.extend_from_slice(b"\nT5\tSource \xff\xfe 1\tx");
        }
        let (ann, mut warnings) = marginalia::import::ann_text::decode(&bytes, "h.ann");
        let (doc, more, _) = mapped_ann_to_doc(&schema, &mapping, &article, "h", &ann, false, "h.ann", "t");
        warnings.extend(more);
        for w in &warnings {
            let rest = w.strip_prefix("h.ann:").expect("file named");
            let line: usize = rest.split(':').next().and_then(|n| n.parse().ok()).expect("line number");
            prop_assert!(line >= 1 && line <= lines.len() + 2, "{w}");
        }
        let (_, native) = marginalia::import::ann_to_doc(&schema, &article, "h", &ann, false, "h.ann", "t");
        for w in &native {
            prop_assert!(w.starts_with("h.ann:"), "{w}");
        }
        for s in &doc.spans {
            prop_assert!(article.para_slice(s.anchor.para, s.anchor.start, s.anchor.end).is_some());
        }
    }
}
