//! Fuzzing the brat importer: arbitrary bytes and mutations of `.ann` files (the brat export of
//! the sample data, and a PARC-style file for the `parc` mapping, written for this test), read
//! against real articles, with and without a BOM before the text. Whatever the bytes:
//! - nothing panics; every warning names the file (`label:line: ...`);
//! - the imported document has no errors (spans on the article's text, attributions of the
//!   right kinds of span, as `check` sees it);
//! - the document survives `to_ron` -> parse, and importing what the brat export writes of it
//!   and exporting again gives the same `.ann` text.

mod fuzz_support;

use std::path::Path;
use std::sync::LazyLock;

use fuzz_support::{Bytes, DEFAULT_CASES, inputs, run};
use marginalia::export::brat::ann_text;
use marginalia::import::ann_text::decode;
use marginalia::import::{Mapping, ann_to_doc, mapped_ann_to_doc};
use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::store::sidecar::{parse, to_ron};
use marginalia::store::validate::{ProblemKind, Severity, check_against_article, check_doc};
use marginalia::store::{load_for_article, sidecar_path};
use proptest::prelude::*;

const LABEL: &str = "fuzz/wire.ann";
const NOW: &str = "2026-01-01T00:00:00Z";

const TOKENS: &[&str] = &[
    "\t",
    " ",
    "\n",
    "\r\n",
    ";",
    ":",
    "T1",
    "T2",
    "T99",
    "E1",
    "R1",
    "A1",
    "M1",
    "N1",
    "#1",
    "*",
    "T1\tClaim 0 5\tx\n",
    "T2\tSpeaker 0 0\t\n",
    "T3\tClaim 5 2\tx\n",
    "T4\tCue 0 3;2 5\tab\n",
    "R1\tSource Arg1:T1 Arg2:T2\n",
    "E1\tAttribution:T2 Source:T1 Content:T3 Cue:T4\n",
    "A1\tConfidence T1 High\n",
    "#1\tAnnotatorNotes T1\tnote\n",
    "*\tCoreference T1 T2\n",
    "Claim",
    "Speaker",
    "Attribution",
    "Source",
    "Content",
    "Cue",
    "Arg1:",
    "Arg2:",
    "Content2:",
    "AnnotatorNotes",
    "Coreference",
    "Equiv",
    "4294967295",
    "18446744073709551616",
    "-1",
    "0",
    "“",
    "林",
    "👩\u{200d}👧",
    "e\u{301}",
    "\u{feff}",
    "\0",
    "\u{2028}",
    "\\",
    "\u{85}",
];

static SCHEMA: LazyLock<Schema> = LazyLock::new(Schema::default_schema);

/// The sample articles with the brat export of each of their sidecars.
static NATIVE: LazyLock<Vec<(Article, Vec<u8>)>> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut out = Vec::new();
    for (stem, ext) in [("wire-001", "txt"), ("wire-002", "txt"), ("wire-003", "md")] {
        let path = root.join(format!("{stem}.{ext}"));
        let article = Article::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for annotator in ["alice", "bob"] {
            let (doc, _) = load_for_article(&sidecar_path(&path, annotator), &article)
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("{stem}: no {annotator} sidecar"));
            let ann = ann_text(&SCHEMA, &article, &doc).into_bytes();
            out.push((article.clone(), ann));
        }
    }
    out
});

const PARC_TEXT: &str = "Ines Kahl said the ferry will run again in June and fares will drop.\n\n\
“We are nearly there,” the harbour master said, “after the repairs.”\n\n\
Dock workers were said to doubt it. She insisted that the ferry is sound.\n";

/// A PARC-style file for `PARC_TEXT` (offsets in code points).
fn parc_ann(text: &str) -> String {
    // The extent of `needle` at its first occurrence after `after`.
    let at = |needle: &str, after: &str| {
        let from = text.find(after).unwrap_or_else(|| panic!("{after}"));
        let byte = from
            + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle}"));
        let start = text[..byte].chars().count();
        format!("{start} {}", start + needle.chars().count())
    };
    let lines = [
        format!("T1\tSource {}\tInes Kahl", at("Ines Kahl", "")),
        format!("T2\tCue {}\tsaid", at("said", "")),
        format!(
            "T3\tContent {}\tthe ferry will run again in June",
            at("the ferry will run again in June", "")
        ),
        format!("T4\tContent {}\tfares will drop", at("fares will drop", "")),
        format!("T5\tAttribution {}\tsaid", at("said", "")),
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4".to_owned(),
        format!(
            "T6\tSource {}\tthe harbour master",
            at("the harbour master", "")
        ),
        format!(
            "T7\tContent {};{}\tWe are nearly there after the repairs",
            at("We are nearly there", ""),
            at("after the repairs", "")
        ),
        format!("T8\tCue {}\tsaid", at("said", "master")),
        format!("T9\tAttribution {}\tsaid", at("said", "master")),
        "E2\tAttribution:T9 Source:T6 Cue:T8 Content:T7".to_owned(),
        format!("T10\tCue {}\twere said", at("were said", "")),
        format!("T11\tContent {}\tto doubt it", at("to doubt it", "")),
        format!("T12\tAttribution {}\twere said", at("were said", "")),
        "E3\tAttribution-no-source:T12 Cue:T10 Content:T11".to_owned(),
        format!("T13\tSource {}\tShe", at("She", "")),
        format!("T14\tCue {}\tinsisted", at("insisted", "")),
        format!(
            "T15\tContent {}\tthe ferry is sound",
            at("the ferry is sound", "")
        ),
        format!("T16\tAttribution {}\tinsisted", at("insisted", "")),
        "E4\tAttribution:T16 Source:T13 Cue:T14 Content:T15".to_owned(),
        "*\tCoreference T13 T1".to_owned(),
        "#1\tAnnotatorNotes T7\tquote broken by the cue".to_owned(),
    ];
    lines.join("\n") + "\n"
}

fn parc_article() -> Article {
    Article::from_text(Path::new("parc.txt"), PARC_TEXT).unwrap_or_else(|e| panic!("{e}"))
}

/// The seeds import without a warning, so the mutations start from meaningful files.
#[test]
fn the_seeds_import_cleanly() {
    for (article, ann) in NATIVE.iter() {
        let text = String::from_utf8(ann.clone()).expect("utf-8");
        let (doc, warnings) = ann_to_doc(&SCHEMA, article, "fuzz", &text, false, LABEL, NOW);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(!doc.spans.is_empty());
    }
    let mapping = Mapping::resolve("parc", &SCHEMA).expect("built-in mapping");
    let article = parc_article();
    let (doc, warnings, _) = mapped_ann_to_doc(
        &SCHEMA,
        &mapping,
        &article,
        "fuzz",
        &parc_ann(PARC_TEXT),
        false,
        LABEL,
        NOW,
    );
    // (The quote broken by its cue is the one thing a span cannot hold.)
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("discontinuous"), "{warnings:?}");
    assert_eq!(doc.attributions.len(), 4, "{doc:?}");
    assert_eq!(doc.spans.len(), 12, "{doc:?}");
}

fn warnings_named(warnings: &[String]) -> Result<(), TestCaseError> {
    for w in warnings {
        prop_assert!(
            w.starts_with(&format!("{LABEL}:")),
            "does not name the file: {w}"
        );
    }
    Ok(())
}

/// What every imported document must satisfy.
fn sound(doc: &AnnotationDoc, article: &Article) -> Result<(), TestCaseError> {
    let errors: Vec<String> = check_against_article(doc, article)
        .into_iter()
        .chain(check_doc(doc, &SCHEMA))
        // Values that break a rule of the schema (`via` with `channel`...) are the file's to
        // answer for, and `check` reports them; anything structural is the importer's.
        .filter(|p| p.severity == Severity::Error && p.kind != ProblemKind::Consistency)
        .map(|p| p.message)
        .collect();
    prop_assert!(
        errors.is_empty(),
        "imported document has errors: {errors:?}"
    );
    let back = parse(&to_ron(doc), Path::new("x.ann.ron"));
    prop_assert_eq!(back.as_ref().ok(), Some(doc), "sidecar round trip");
    Ok(())
}

#[test]
fn fuzz_brat_import() {
    let seeds: Vec<Vec<u8>> = NATIVE.iter().map(|(_, ann)| ann.clone()).collect();
    let strategy = (inputs(seeds, TOKENS), 0..NATIVE.len(), any::<bool>());
    run(
        "brat",
        file!(),
        DEFAULT_CASES,
        strategy,
        |(bytes, a, bom): (Bytes, usize, bool)| {
            let article = &NATIVE[a].0;
            let (ann, mut warnings) = decode(&bytes, LABEL);
            let (doc, more) = ann_to_doc(&SCHEMA, article, "fuzz", &ann, bom, LABEL, NOW);
            warnings.extend(more);
            warnings_named(&warnings)?;
            sound(&doc, article)?;
            // Export -> import -> export is a fixed point.
            let exported = ann_text(&SCHEMA, article, &doc);
            let (again, _) = ann_to_doc(&SCHEMA, article, "fuzz", &exported, false, LABEL, NOW);
            let twice = ann_text(&SCHEMA, article, &again);
            if let Some((n, (a, b))) = exported
                .lines()
                .chain(std::iter::repeat(""))
                .zip(twice.lines().chain(std::iter::repeat("")))
                .take(exported.lines().count().max(twice.lines().count()))
                .enumerate()
                .find(|(_, (a, b))| a != b)
            {
                return Err(TestCaseError::fail(format!(
                    "export -> import -> export differs at line {}: {a:?} then {b:?}",
                    n + 1
                )));
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_mapped_brat_import() {
    let article = parc_article();
    let mapping = Mapping::resolve("parc", &SCHEMA).expect("built-in mapping");
    let seeds = vec![parc_ann(PARC_TEXT).into_bytes()];
    let strategy = (inputs(seeds, TOKENS), any::<bool>());
    run(
        "brat-mapped",
        file!(),
        DEFAULT_CASES,
        strategy,
        |(bytes, bom): (Bytes, bool)| {
            let (ann, mut warnings) = decode(&bytes, LABEL);
            let (doc, more, _) =
                mapped_ann_to_doc(&SCHEMA, &mapping, &article, "fuzz", &ann, bom, LABEL, NOW);
            warnings.extend(more);
            warnings_named(&warnings)?;
            sound(&doc, &article)
        },
    );
}

/// Found by fuzzing: a claim named by an event and by a relation got two attributions (which
/// `check` rejects: one per claim), and the values written on the claim went to the wrong one.
/// Like the mapped import, the claim now has one attribution with every source.
#[test]
fn a_claim_named_by_an_event_and_a_relation_has_one_attribution() {
    let text = "Ana Ruiz said the port will close. Ben Ode agrees.\n";
    let article = Article::from_text(Path::new("two.txt"), text).expect("article");
    let ann = "T1\tSpeaker 0 8\tAna Ruiz\n\
               T2\tCue 9 13\tsaid\n\
               T3\tAttribution 9 13\tsaid\n\
               T4\tClaim 14 33\tthe port will close\n\
               T5\tSpeaker 35 42\tBen Ode\n\
               E1\tAttribution:T3 Source:T1 Content:T4\n\
               R1\tAttributedTo Arg1:T4 Arg2:T5\n\
               A1\tChannel T4 other_outlet\n";
    let (doc, warnings) = ann_to_doc(&SCHEMA, &article, "fuzz", ann, false, LABEL, NOW);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(doc.attributions.len(), 1, "{:?}", doc.attributions);
    let a = &doc.attributions[0];
    assert_eq!(a.sources.len(), 2);
    assert!(a.cue.is_some());
    assert_eq!(
        a.attrs.get("channel").map(String::as_str),
        Some("other_outlet")
    );
    let problems = check_doc(&doc, &SCHEMA);
    assert!(
        problems
            .iter()
            .all(|p| p.severity != Severity::Error || p.kind == ProblemKind::Consistency),
        "{problems:?}"
    );
    let exported = ann_text(&SCHEMA, &article, &doc);
    let (again, _) = ann_to_doc(&SCHEMA, &article, "fuzz", &exported, false, LABEL, NOW);
    assert_eq!(again.attributions, doc.attributions);
    assert_eq!(ann_text(&SCHEMA, &article, &again), exported);
}

/// Found by fuzzing: a relation or event naming a cue as its claim (or a claim as its source)
/// made an attribution `check` rejects, whose values the export then could not place.
#[test]
fn attribution_arguments_of_the_wrong_kind_are_refused_with_their_line() {
    let text = "Ana Ruiz said the port will close.\n";
    let article = Article::from_text(Path::new("k.txt"), text).expect("article");
    let ann = "T1\tSpeaker 0 8\tAna Ruiz\n\
               T2\tCue 9 13\tsaid\n\
               T3\tClaim 14 33\tthe port will close\n\
               R1\tAttributedTo Arg1:T2 Arg2:T1\n\
               R2\tAttributedTo Arg1:T3 Arg2:T3\n\
               T4\tAttribution 9 13\tsaid\n\
               E1\tAttribution:T3 Source:T1 Content:T3\n\
               E2\tAttribution:T4 Source:T3 Content:T1\n";
    let (doc, warnings) = ann_to_doc(&SCHEMA, &article, "fuzz", ann, false, LABEL, NOW);
    assert!(doc.attributions.is_empty(), "{:?}", doc.attributions);
    for line in [4, 5, 7, 8] {
        assert!(
            warnings.iter().any(|w| w.starts_with(&format!("{LABEL}:{line}: "))
                && w.contains("cannot be the")),
            "line {line}: {warnings:?}"
        );
    }
    assert!(
        check_doc(&doc, &SCHEMA)
            .iter()
            .all(|p| p.severity != Severity::Error)
    );
}

/// Found by fuzzing: a `T` line over no text (`T2\tSpeaker 0 0\t`) became an empty span, which
/// `check` rejects.
#[test]
fn an_empty_span_is_skipped_with_its_line() {
    let article = &NATIVE[0].0;
    let (doc, warnings) = ann_to_doc(
        &SCHEMA,
        article,
        "fuzz",
        "T2\tSpeaker 0 0\t\n",
        false,
        LABEL,
        NOW,
    );
    assert!(doc.spans.is_empty());
    assert_eq!(
        warnings,
        [format!("{LABEL}:1: T2: empty span 0..0; skipped")]
    );
}

/// Found by fuzzing: an event whose `Source` arguments are all missing made an attribution
/// without a source, which `check` rejects.
#[test]
fn an_event_without_a_source_is_skipped_with_its_line() {
    let text = "It was said the port will close.\n";
    let article = Article::from_text(Path::new("s.txt"), text).expect("article");
    let ann = "T1\tCue 7 11\tsaid\n\
               T2\tAttribution 7 11\tsaid\n\
               T3\tClaim 12 31\tthe port will close\n\
               E1\tAttribution:T2 Source:T9 Content:T3\n";
    let (doc, warnings) = ann_to_doc(&SCHEMA, &article, "fuzz", ann, false, LABEL, NOW);
    assert!(doc.attributions.is_empty(), "{:?}", doc.attributions);
    assert_eq!(doc.spans.len(), 2);
    assert!(
        warnings.contains(&format!("{LABEL}:4: E1: no Source argument; skipped")),
        "{warnings:?}"
    );
}

/// Found by fuzzing: an entity id in the file that a span or attribution already has
/// (`Entity:A1`, `Entity:S1`) made two records share an id.
#[test]
fn an_entity_id_already_taken_gets_a_new_one() {
    let text = "Ana Ruiz said the port will close.\n";
    let article = Article::from_text(Path::new("e.txt"), text).expect("article");
    let ann = "T1\tSpeaker 0 8\tAna Ruiz\n\
               T2\tCue 9 13\tsaid\n\
               T3\tAttribution 9 13\tsaid\n\
               T4\tClaim 14 33\tthe port will close\n\
               E1\tAttribution:T3 Source:T1 Content:T4\n\
               N1\tReference T1 Entity:A1\tAna Ruiz\n\
               N2\tReference T1 Entity:S1\tAna Ruiz\n";
    let (doc, _) = ann_to_doc(&SCHEMA, &article, "fuzz", ann, false, LABEL, NOW);
    let problems = check_doc(&doc, &SCHEMA);
    assert!(
        problems.iter().all(|p| p.kind != ProblemKind::DuplicateId),
        "{problems:?}"
    );
    assert_eq!(doc.entities.len(), 2, "{:?}", doc.entities);
    let span = doc
        .spans
        .iter()
        .find(|s| s.kind == "Speaker")
        .expect("speaker");
    let entity = span.entity.as_deref().expect("linked");
    assert!(doc.entity(entity).is_some());
}

/// Found by fuzzing: `Within` notes that make attributions enclose each other (or, once two
/// events of one claim are one attribution, itself) made a cycle, which `check` rejects.
#[test]
fn within_notes_that_would_make_a_cycle_are_refused_with_their_line() {
    let text = "Ana Ruiz said Ben Ode said the port will close. Ana Ruiz said so.\n";
    let article = Article::from_text(Path::new("w.txt"), text).expect("article");
    let ann = "T1\tSpeaker 0 8\tAna Ruiz\n\
               T2\tClaim 14 46\tBen Ode said the port will close\n\
               T3\tSpeaker 14 21\tBen Ode\n\
               T4\tClaim 27 46\tthe port will close\n\
               R1\tAttributedTo Arg1:T2 Arg2:T1\n\
               R2\tAttributedTo Arg1:T4 Arg2:T3\n\
               #1\tWithin R2\tR1\n\
               #2\tWithin R1\tR2\n\
               #3\tWithin R1\tR1\n";
    let (doc, warnings) = ann_to_doc(&SCHEMA, &article, "fuzz", ann, false, LABEL, NOW);
    let problems = check_doc(&doc, &SCHEMA);
    assert!(
        problems
            .iter()
            .all(|p| p.severity != Severity::Error || p.kind == ProblemKind::Consistency),
        "{problems:?}"
    );
    let inner = doc
        .attributions
        .iter()
        .find(|a| a.within.is_some())
        .expect("nested");
    assert_eq!(
        doc.attribution(inner.within.as_deref().expect("outer"))
            .map(|a| a.within.is_none()),
        Some(true)
    );
    for line in [8, 9] {
        assert!(
            warnings.iter().any(
                |w| w.starts_with(&format!("{LABEL}:{line}: ")) && w.contains("enclose itself")
            ),
            "line {line}: {warnings:?}"
        );
    }
}
