//! Alignment tests: split, merged and shifted spans, three annotators, entities split
//! differently, and attribution triples on the worked example.

use std::path::Path;

use super::*;
use crate::model::{Article, Schema};
use crate::review::example;

const TEXT: &str = "The minister said on Monday that the port will reopen and that the strike is over, a spokesman told reporters.";

fn setup() -> (Schema, Article) {
    let article = Article::from_text(Path::new("t.txt"), TEXT).expect("article");
    (Schema::default_schema(), article)
}

fn doc(name: &str, spans: &[(&str, usize, usize)]) -> AnnotationDoc {
    let (schema, article) = setup();
    let mut d = AnnotationDoc::new(&schema, &article, name, "2026-01-01T00:00:00Z");
    for &(kind, start, end) in spans {
        d.add_span(&schema, &article, kind, 0, start, end)
            .expect("span");
    }
    d
}

fn members(al: &Alignment, d: &[&AnnotationDoc]) -> Vec<Vec<Option<(usize, usize)>>> {
    al.groups
        .iter()
        .map(|g| {
            g.members
                .iter()
                .enumerate()
                .map(|(a, id)| {
                    let s = d[a].span(id.as_deref()?)?;
                    Some((s.anchor.start, s.anchor.end))
                })
                .collect()
        })
        .collect()
}

#[test]
fn split_span_pairs_with_the_larger_part() {
    let a = doc("a", &[("Claim", 33, 81)]);
    let b = doc("b", &[("Claim", 33, 53), ("Claim", 62, 81)]);
    let al = Alignment::new(&[&a, &b], MatchRule::Overlap);
    assert_eq!(
        members(&al, &[&a, &b]),
        vec![
            vec![Some((33, 81)), Some((33, 53))],
            vec![None, Some((62, 81))],
        ],
        "IoU 20/48 beats 19/48: the first part is matched"
    );
    assert_eq!(al.groups.len(), 2);
    let merged = Alignment::new(&[&b, &a], MatchRule::Overlap);
    assert_eq!(
        merged.groups.len(),
        2,
        "merged is the mirror image of split"
    );
    assert!(merged.groups.iter().any(|g| g.is_complete()));
}

#[test]
fn shifted_span_matches_by_overlap_not_exactly() {
    let a = doc("a", &[("Speaker", 0, 12), ("Cue", 13, 17)]);
    let b = doc("b", &[("Speaker", 4, 12), ("Cue", 13, 17)]);
    let overlap = Alignment::new(&[&a, &b], MatchRule::Overlap);
    assert_eq!(overlap.groups.len(), 2);
    assert!(overlap.groups.iter().all(SpanGroup::is_complete));
    let exact = Alignment::new(&[&a, &b], MatchRule::Exact);
    assert_eq!(exact.groups.len(), 3);
    let kinds: Vec<&str> = exact.groups.iter().map(|g| g.kind.as_str()).collect();
    assert_eq!(kinds, ["Speaker", "Speaker", "Cue"]);
}

#[test]
fn kinds_never_align_with_each_other() {
    let a = doc("a", &[("Claim", 0, 12)]);
    let b = doc("b", &[("Speaker", 0, 12)]);
    let al = Alignment::new(&[&a, &b], MatchRule::Overlap);
    assert_eq!(al.groups.len(), 2);
}

#[test]
fn three_annotators_keep_one_span_each_per_group() {
    let a = doc("a", &[("Claim", 33, 81)]);
    let b = doc("b", &[("Claim", 33, 53), ("Claim", 62, 81)]);
    let c = doc("c", &[("Claim", 33, 81)]);
    let al = Alignment::new(&[&a, &b, &c], MatchRule::Overlap);
    assert_eq!(
        members(&al, &[&a, &b, &c]),
        vec![
            vec![Some((33, 81)), Some((33, 53)), Some((33, 81))],
            vec![None, Some((62, 81)), None],
        ]
    );
}

/// A links "The minister" and "a spokesman" as one speaker; B makes them two entities.
#[test]
fn entities_split_differently_are_grouped_through_mentions() {
    let (schema, article) = setup();
    let build = |name: &str, split: bool| {
        let mut d = AnnotationDoc::new(&schema, &article, name, "t");
        let s1 = d
            .add_span(&schema, &article, "Speaker", 0, 0, 12)
            .expect("s1");
        let s2 = d
            .add_span(&schema, &article, "Speaker", 0, 83, 94)
            .expect("s2");
        let k = d.add_span(&schema, &article, "Cue", 0, 13, 17).expect("k");
        let c = d
            .add_span(&schema, &article, "Claim", 0, 33, 53)
            .expect("c");
        let c2 = d
            .add_span(&schema, &article, "Claim", 0, 62, 81)
            .expect("c2");
        let e1 = d
            .add_entity(&schema, "SpeakerEntity", "minister")
            .expect("e1");
        let e2 = if split {
            d.add_entity(&schema, "SpeakerEntity", "spokesman")
                .expect("e2")
        } else {
            e1.clone()
        };
        let lonely = d
            .add_entity(&schema, "SpeakerEntity", "nobody")
            .expect("e3");
        assert!(!lonely.is_empty());
        d.span_mut(&s1).expect("s1").entity = Some(e1);
        d.span_mut(&s2).expect("s2").entity = Some(e2);
        d.attribute(&schema, &c, std::slice::from_ref(&s1), Some(&k))
            .expect("a1");
        d.attribute(&schema, &c2, std::slice::from_ref(&s2), None)
            .expect("a2");
        d
    };
    let a = build("a", false);
    let b = build("b", true);
    let al = Alignment::new(&[&a, &b], MatchRule::Overlap);
    let split: Vec<&EntityGroup> = al.entity_groups.iter().filter(|g| g.is_split()).collect();
    assert_eq!(split.len(), 1);
    assert_eq!(
        split[0].members,
        vec![vec!["E1".to_owned()], vec!["E1".into(), "E2".into()]]
    );
    // Each annotator's unused entity is unmatched.
    let unmatched = al.entity_groups.iter().filter(|g| g.is_unmatched()).count();
    assert_eq!(unmatched, 2);
    let counts = al.triple_counts(0, 1);
    assert_eq!(
        (counts.tp, counts.fp, counts.fn_),
        (2, 0, 0),
        "entities matched via mentions"
    );
}

#[test]
fn worked_example_alignment_and_triples() {
    let (a, b) = (example::annotator_a(), example::annotator_b());
    let al = Alignment::new(&[&a, &b], MatchRule::Overlap);
    // 15 matched pairs, C7 and C3 only in A, 62-100 only in B.
    assert_eq!(al.groups.len(), 18);
    assert_eq!(al.groups.iter().filter(|g| g.is_complete()).count(), 15);
    let g = al.group_of(0, "C1").expect("C1 aligned");
    let b_span = al.groups[g].members[1]
        .as_deref()
        .and_then(|id| b.span(id))
        .expect("B part");
    assert_eq!((b_span.anchor.start, b_span.anchor.end), (105, 182));
    let g4 = al.group_of(0, "C4").expect("C4");
    let merged = al.groups[g4].members[1]
        .as_deref()
        .and_then(|id| b.span(id))
        .expect("B merged");
    assert_eq!((merged.anchor.start, merged.anchor.end), (197, 254));
    assert!(al.entity_groups.iter().all(EntityGroup::is_one_to_one));
    let counts = al.triple_counts(0, 1);
    assert_eq!((counts.tp, counts.fp, counts.fn_), (5, 1, 1));
}

#[test]
fn orphaned_spans_are_left_out() {
    let a = doc("a", &[("Claim", 33, 81)]);
    let mut b = doc("b", &[("Claim", 33, 81)]);
    b.spans[0].status = AnchorStatus::Orphaned;
    let al = Alignment::new(&[&a, &b], MatchRule::Overlap);
    assert_eq!(al.groups.len(), 1);
    assert!(!al.groups[0].is_complete());
}
