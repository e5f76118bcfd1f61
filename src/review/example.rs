//! The worked example of the default schema (schema.md §7.7) as model data: the four example
//! paragraphs and annotator A's 17 spans, 4 speaker entities and 6 attributions, plus the
//! variant annotator B of agreement.md §6.6. Built through the model API; used by the
//! reference-value tests and the documentation.

use std::path::Path;

use crate::model::{AnnotationDoc, Article, Confidence, Schema};

/// The four paragraphs of the example (p0 183 chars, p1 255, p2 150, p3 103).
pub const PARAGRAPHS: [&str; 4] = [
    "The Al-Qassam Brigades, the military wing of Hamas, said that its fighters killed 9 Israeli soldiers and destroyed or damaged 22 tanks and vehicles in various areas of the Gaza Strip.",
    "Meanwhile, a US official told CNN that Hamas and Israel are close to reaching an agreement to release detainees in the Gaza Strip in exchange for a temporary truce. However, the official said that the talks are \u{201c}volatile\u{201d} and could collapse at any moment.",
    "An Israeli official confirmed that negotiations regarding the detainees are ongoing with the mediation of Qatar, US intelligence, and Israel\u{2019}s Mossad.",
    "On Tuesday, the US State Department announced the designation of Akram Al-Ajouri as a global terrorist.",
];

/// Timestamp written into the example documents.
const NOW: &str = "2026-01-01T00:00:00Z";

/// The example article, as `example-excerpt.txt`.
///
/// # Panics
/// Never: the text is a constant that the tests load.
#[must_use]
#[allow(clippy::expect_used)]
pub fn article() -> Article {
    Article::from_text(Path::new("example-excerpt.txt"), &PARAGRAPHS.join("\n\n"))
        .expect("the example text is valid")
}

/// A span of the example: kind, paragraph, start, end, attributes.
type SpanSpec = (
    &'static str,
    usize,
    usize,
    usize,
    &'static [(&'static str, &'static str)],
);

const SPEAKERS: [SpanSpec; 5] = [
    ("Speaker", 0, 0, 22, &[]),
    ("Speaker", 1, 11, 24, &[]),
    ("Speaker", 1, 174, 186, &[]),
    ("Speaker", 2, 0, 19, &[]),
    ("Speaker", 3, 12, 35, &[]),
];

const NEUTRAL: &[(&str, &str)] = &[("cue_stance", "neutral")];
const CUES: [SpanSpec; 5] = [
    ("Cue", 0, 52, 56, NEUTRAL),
    ("Cue", 1, 25, 33, NEUTRAL),
    ("Cue", 1, 187, 191, NEUTRAL),
    ("Cue", 2, 20, 29, &[("cue_stance", "endorsing")]),
    ("Cue", 3, 36, 45, NEUTRAL),
];

const C1: &[(&str, &str)] = &[
    ("claim_type", "quantity"),
    ("certainty", "certain"),
    ("quote_form", "indirect"),
    ("check_worthiness", "check_worthy"),
];
const C2: &[(&str, &str)] = &[
    ("claim_type", "prediction"),
    ("certainty", "probable"),
    ("quote_form", "indirect"),
    ("check_worthiness", "check_worthy"),
];
const C3: &[(&str, &str)] = &[
    ("claim_type", "characterization"),
    ("certainty", "certain"),
    ("quote_form", "mixed"),
    ("check_worthiness", "not_factual"),
];
const C4: &[(&str, &str)] = &[
    ("claim_type", "prediction"),
    ("certainty", "possible"),
    ("quote_form", "indirect"),
    ("check_worthiness", "not_factual"),
];
const C5: &[(&str, &str)] = &[
    ("claim_type", "event"),
    ("certainty", "certain"),
    ("quote_form", "indirect"),
    ("check_worthiness", "check_worthy"),
];
const C6: &[(&str, &str)] = &[
    ("claim_type", "policy_action"),
    ("certainty", "certain"),
    ("quote_form", "indirect"),
    ("check_worthiness", "check_worthy"),
];
const C7: &[(&str, &str)] = &[
    ("claim_type", "event"),
    ("certainty", "certain"),
    ("quote_form", "none"),
    ("check_worthiness", "unimportant"),
];

const UNSPECIFIED_SELF: &[(&str, &str)] = &[
    ("channel", "unspecified"),
    ("stake", "self"),
    ("knowledge", "first_hand"),
];
const VIA_CNN: &[(&str, &str)] = &[
    ("channel", "other_outlet"),
    ("via", "CNN"),
    ("stake", "third_party"),
    ("knowledge", "unclear"),
];
const OFFICIAL: &[(&str, &str)] = &[
    ("channel", "official_statement"),
    ("stake", "self"),
    ("knowledge", "first_hand"),
];

/// Entities: name, speaker_type, identification; and which speaker (index) mentions each.
const ENTITIES: [(&str, &str, &str, &[usize]); 4] = [
    (
        "Al-Qassam Brigades",
        "armed_group",
        "named_organization",
        &[0],
    ),
    (
        "US official (unnamed)",
        "government",
        "anonymous_described",
        &[1, 2],
    ),
    (
        "Israeli official (unnamed)",
        "government",
        "anonymous_described",
        &[3],
    ),
    (
        "US State Department",
        "government",
        "named_organization",
        &[4],
    ),
];

/// An attribution of the example: claim, speaker and cue indices, attributes.
type AttributionSpec = (usize, usize, usize, &'static [(&'static str, &'static str)]);

/// Build a document from span specs, entities and attributions given as
/// `(claim index, speaker index, cue index, attrs, confidence)` over the spec lists.
#[allow(clippy::expect_used)]
fn build(
    annotator: &str,
    speakers: &[SpanSpec],
    cues: &[SpanSpec],
    claims: &[(SpanSpec, Confidence)],
    attributions: &[AttributionSpec],
) -> AnnotationDoc {
    let schema = Schema::default_schema();
    let article = article();
    let mut doc = AnnotationDoc::new(&schema, &article, annotator, NOW);
    let add = |doc: &mut AnnotationDoc, spec: &SpanSpec| -> String {
        let (kind, para, start, end, attrs) = *spec;
        let id = doc
            .add_span(&schema, &article, kind, para, start, end)
            .expect("example span");
        for (attr, value) in attrs {
            doc.set_attr(&schema, &id, attr, Some(value))
                .expect("example attr");
        }
        id
    };
    let speaker_ids: Vec<String> = speakers.iter().map(|s| add(&mut doc, s)).collect();
    let cue_ids: Vec<String> = cues.iter().map(|s| add(&mut doc, s)).collect();
    let mut claim_ids = Vec::new();
    for (spec, confidence) in claims {
        let id = add(&mut doc, spec);
        if let Some(span) = doc.span_mut(&id) {
            span.confidence = *confidence;
        }
        claim_ids.push(id);
    }
    for (name, speaker_type, identification, mentions) in ENTITIES {
        let id = doc
            .add_entity(&schema, "SpeakerEntity", name)
            .expect("example entity");
        doc.set_attr(&schema, &id, "speaker_type", Some(speaker_type))
            .expect("speaker_type");
        doc.set_attr(&schema, &id, "identification", Some(identification))
            .expect("identification");
        for &m in mentions {
            if let Some(span) = speaker_ids.get(m).and_then(|s| doc.span_mut(s)) {
                span.entity = Some(id.clone());
            }
        }
    }
    for &(claim, speaker, cue, attrs) in attributions {
        let id = doc
            .attribute(
                &schema,
                &claim_ids[claim],
                std::slice::from_ref(&speaker_ids[speaker]),
                Some(&cue_ids[cue]),
            )
            .expect("example attribution");
        for (attr, value) in attrs {
            doc.set_attr(&schema, &id, attr, Some(value))
                .expect("attribution attr");
        }
        let confidence = doc.span(&claim_ids[claim]).map(|s| s.confidence);
        if let (Some(a), Some(c)) = (doc.attribution_mut(&id), confidence) {
            a.confidence = c;
        }
    }
    doc.canonicalize();
    doc
}

/// Annotator A: the worked example of schema.md §7.7 (17 spans, 4 entities, 6 attributions).
#[must_use]
pub fn annotator_a() -> AnnotationDoc {
    use Confidence::{High, Medium};
    let claims = [
        (("Claim", 0, 62, 182, C1), High),
        (("Claim", 1, 39, 163, C2), Medium),
        (("Claim", 1, 197, 221, C3), Medium),
        (("Claim", 1, 226, 254, C4), High),
        (("Claim", 2, 35, 149, C5), High),
        (("Claim", 3, 46, 102, C6), High),
        (("Claim", 0, 24, 50, C7), High),
    ];
    build(
        "A",
        &SPEAKERS,
        &CUES,
        &claims,
        &[
            (0, 0, 0, UNSPECIFIED_SELF),
            (1, 1, 1, VIA_CNN),
            (2, 2, 2, VIA_CNN),
            (3, 2, 2, VIA_CNN),
            (4, 3, 3, UNSPECIFIED_SELF),
            (5, 4, 4, OFFICIAL),
        ],
    )
}

/// Annotator B of agreement.md §6.6: S1 is the whole noun phrase 0-50 (so no C7), C1 is split
/// into 62-100 and 105-182, cue K2 is only "told" (25-29), C3 and C4 are merged into 197-254.
/// Everything else as A (16 spans).
#[must_use]
pub fn annotator_b() -> AnnotationDoc {
    use Confidence::{High, Low, Medium};
    let mut speakers = SPEAKERS;
    speakers[0] = ("Speaker", 0, 0, 50, &[]);
    let mut cues = CUES;
    cues[1] = ("Cue", 1, 25, 29, NEUTRAL);
    let claims = [
        (("Claim", 0, 62, 100, C1), Low),
        (("Claim", 0, 105, 182, C1), High),
        (("Claim", 1, 39, 163, C2), Medium),
        (("Claim", 1, 197, 254, C3), Medium),
        (("Claim", 2, 35, 149, C5), High),
        (("Claim", 3, 46, 102, C6), High),
    ];
    build(
        "B",
        &speakers,
        &cues,
        &claims,
        &[
            (0, 0, 0, UNSPECIFIED_SELF),
            (1, 0, 0, UNSPECIFIED_SELF),
            (2, 1, 1, VIA_CNN),
            (3, 2, 2, VIA_CNN),
            (4, 3, 3, UNSPECIFIED_SELF),
            (5, 4, 4, OFFICIAL),
        ],
    )
}
