//! brat import of hostile `.ann` files: every line that cannot be used is reported with the
//! file and its own line number, natively and through the `parc` mapping, and a trigger that
//! could stand on several cues is reported rather than resolved silently.

use std::path::Path;

use marginalia::import::ann_text::decode;
use marginalia::import::{Mapping, ann_to_doc, mapped_ann_to_doc};
use marginalia::model::{Article, Schema};
use proptest::prelude::*;

const TEXT: &str = "Ann said it rains.\n\nBob “denied” 😀 it.";

fn article() -> Article {
    Article::from_text(Path::new("h.txt"), TEXT).expect("article")
}

/// Line numbers named by `warnings` (`h.ann:<line>: ...`).
fn lines_named(warnings: &[String]) -> Vec<usize> {
    warnings
        .iter()
        .map(|w| {
            let rest = w
                .strip_prefix("h.ann:")
                .unwrap_or_else(|| panic!("no file: {w}"));
            rest.split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line: {w}"))
        })
        .collect()
}

/// A line that can never be imported, natively or mapped: offsets out of range, negative or
/// reversed, overlapping fragments, references to ids that do not exist.
fn bad_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (40u32..500, 0u32..20).prop_map(|(s, d)| format!("T{s}\tSpeaker {s} {}\tx", s + d + 1)),
        (1u32..30, 1u32..9).prop_map(|(s, d)| format!("T1\tSpeaker -{d} {s}\tx")),
        (5u32..30, 1u32..5).prop_map(|(e, d)| format!("T2\tClaim {} {}\tx", e + d, e)),
        (0u32..10, 1u32..5).prop_map(|(s, d)| format!(
            "T3\tClaim {s} {};{} {}\tx",
            s + d + 2,
            s + 1,
            s + d + 3
        )),
        (100u32..200, 200u32..300)
            .prop_map(|(a, b)| format!("E1\tAttribution:T{a} Source:T{b} Content:T{a}")),
        (100u32..200).prop_map(|a| format!("A1\tCueStance T{a} neutral")),
        (100u32..200).prop_map(|a| format!("#1\tAnnotatorNotes T{a}\tnote")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Each hostile line is reported, with its own line number, by the native import.
    #[test]
    fn every_hostile_line_is_reported_with_its_line(
        lines in prop::collection::vec(bad_line(), 1..15),
        junk_at in prop::option::of(0usize..15),
    ) {
        let schema = Schema::default_schema();
        let mut bytes: Vec<u8> = Vec::new();
        let mut expected = Vec::new();
        let mut no = 0;
        for (i, line) in lines.iter().enumerate() {
            if junk_at == Some(i) {
                no += 1;
                bytes.extend_from_slice(b"T7\tSpeaker 0 3\tA\xffn\n");
                expected.push(no);
            }
            no += 1;
            bytes.extend_from_slice(line.as_bytes());
            bytes.push(b'\n');
            expected.push(no);
        }
        let (ann, mut warnings) = decode(&bytes, "h.ann");
        let (doc, more) = ann_to_doc(&schema, &article(), "h", &ann, false, "h.ann", "t");
        warnings.extend(more);
        let named = lines_named(&warnings);
        for line in &expected {
            prop_assert!(named.contains(line), "line {line} not reported: {warnings:?}\n{ann}");
        }
        prop_assert!(doc.attributions.is_empty());
        let mapping = Mapping::resolve("parc", &schema).expect("parc");
        let (_, mapped, _) =
            mapped_ann_to_doc(&schema, &mapping, &article(), "h", &ann, false, "h.ann", "t");
        lines_named(&mapped);
    }
}

#[test]
fn a_trigger_over_several_cues_is_reported() {
    let schema = Schema::default_schema();
    // Two cues over `said`, the trigger written after neither: which cue is meant is unknown.
    let ann = "T1\tSpeaker 0 3\tAnn\n\
               T2\tCue 4 8\tsaid\n\
               T3\tCue 4 8\tsaid\n\
               T4\tClaim 9 17\tit rains\n\
               T5\tAttribution 4 8\tsaid\n\
               E1\tAttribution:T5 Source:T1 Content:T4\n";
    let (doc, warnings) = ann_to_doc(&schema, &article(), "h", ann, false, "h.ann", "t");
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("h.ann:5: trigger T5 stands on 2 cues")),
        "{warnings:?}"
    );
    assert_eq!(doc.attributions.len(), 1);
    // Written just after its cue, as the export writes it, the trigger is not ambiguous.
    let ann = "T1\tSpeaker 0 3\tAnn\n\
               T2\tCue 4 8\tsaid\n\
               T3\tCue 4 8\tsaid\n\
               T5\tAttribution 4 8\tsaid\n\
               T4\tClaim 9 17\tit rains\n\
               E1\tAttribution:T5 Source:T1 Content:T4\n";
    let (doc, warnings) = ann_to_doc(&schema, &article(), "h", ann, false, "h.ann", "t");
    assert!(warnings.is_empty(), "{warnings:?}");
    let cue = doc.attributions[0].cue.as_deref().expect("cue");
    assert_eq!(doc.span(cue).map(|s| s.anchor.exact.as_str()), Some("said"));
}
