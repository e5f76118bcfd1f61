//! Adjudication sequences on the worked example (annotator A) against its variant B.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::model::{Confidence, Span};
use crate::review::example;
use crate::store::sidecar;

const NOW: &str = "2026-02-02T10:00:00Z";

fn start(b: AnnotationDoc, gold: Option<AnnotationDoc>) -> Adjudication {
    Adjudication::new(
        &Schema::default_schema(),
        &example::article(),
        vec![example::annotator_a(), b],
        gold,
        NOW,
    )
}

/// Queue position of the item holding annotator `a`'s span at `para:start-end`.
fn find(adj: &Adjudication, a: usize, para: usize, start: usize, end: usize) -> usize {
    let doc = &adj.annotators()[a];
    let span = doc
        .spans
        .iter()
        .find(|s| (s.anchor.para, s.anchor.start, s.anchor.end) == (para, start, end))
        .expect("span exists");
    adj.item_of_span(a, &span.id).expect("span has an item")
}

fn gold_span<'a>(
    gold: &'a AnnotationDoc,
    kind: &str,
    para: usize,
    start: usize,
    end: usize,
) -> &'a Span {
    gold.spans
        .iter()
        .find(|s| {
            s.kind == kind && (s.anchor.para, s.anchor.start, s.anchor.end) == (para, start, end)
        })
        .expect("gold span")
}

/// Every id is unique and every link points at an existing record of the right kind.
fn assert_consistent(gold: &AnnotationDoc) {
    let mut ids = BTreeSet::new();
    for id in gold
        .spans
        .iter()
        .map(|s| &s.id)
        .chain(gold.entities.iter().map(|e| &e.id))
        .chain(gold.attributions.iter().map(|a| &a.id))
    {
        assert!(ids.insert(id.clone()), "duplicate id {id}");
    }
    for s in &gold.spans {
        if let Some(e) = &s.entity {
            assert!(
                gold.entity(e).is_some(),
                "{} links missing entity {e}",
                s.id
            );
        }
    }
    for a in &gold.attributions {
        assert_eq!(gold.span(&a.claim).map(|s| s.kind.as_str()), Some("Claim"));
        for s in &a.sources {
            assert_eq!(gold.span(s).map(|s| s.kind.as_str()), Some("Speaker"));
        }
        if let Some(c) = &a.cue {
            assert_eq!(gold.span(c).map(|s| s.kind.as_str()), Some("Cue"));
        }
    }
    assert_eq!(gold.annotator, "gold");
}

#[test]
fn queue_puts_disagreements_and_low_confidence_first() {
    let adj = start(example::annotator_b(), None);
    let items = adj.items();
    assert_eq!(items.len(), 18);
    let agreements = items.iter().filter(|i| i.is_agreement()).count();
    assert_eq!(agreements, 11);
    assert!(items[..7].iter().all(|i| !i.is_agreement()));
    // B's low-confidence first part of the split C1 leads the queue.
    assert_eq!(items[0].status, ItemStatus::OnlyIn(vec![1]));
    assert_eq!(items[0].confidence, Confidence::Low);
    assert_eq!((items[0].start, items[0].end), (62, 100));
    assert_eq!(items[1].confidence, Confidence::Medium);
    assert_eq!(items[1].status, ItemStatus::OnlyIn(vec![0]), "A's C3");
    let boundary = items
        .iter()
        .filter(|i| i.status == ItemStatus::BoundaryConflict)
        .count();
    assert_eq!(boundary, 4, "S1, K2, C1 and C4/C3+C4");
    assert_eq!(
        adj.progress(),
        Progress {
            decided: 0,
            total: 18,
            pending_agreements: 11
        }
    );
}

#[test]
fn attribute_conflicts_name_what_differs() {
    let mut b = example::annotator_b();
    let c5 = b
        .spans
        .iter()
        .find(|s| s.kind == "Claim" && s.anchor.para == 2)
        .map(|s| s.id.clone())
        .expect("C5");
    b.set_attr(
        &Schema::default_schema(),
        &c5,
        "claim_type",
        Some("quantity"),
    )
    .expect("set");
    let attribution = b
        .attribution_of(&c5)
        .map(|a| a.id.clone())
        .expect("attribution");
    b.set_attr(
        &Schema::default_schema(),
        &attribution,
        "stake",
        Some("opponent"),
    )
    .expect("set");
    let mut adj = start(b, None);
    let i = find(&adj, 0, 2, 35, 149);
    let item = adj.item(i).expect("item").clone();
    assert_eq!(item.status, ItemStatus::AttributeConflict);
    assert_eq!(item.differences, ["claim_type", "attribution.stake"]);
    assert_eq!(
        adj.decide(i, Decision::TakeAll, NOW),
        Err(AdjudicationError::CannotTakeAll(i))
    );
    let c7 = find(&adj, 0, 0, 24, 50);
    assert_eq!(
        adj.decide(c7, Decision::Take(1), NOW),
        Err(AdjudicationError::NotPresent {
            item: c7,
            annotator: 1
        })
    );
    adj.accept_agreements(NOW);
    adj.decide(i, Decision::Take(1), NOW).expect("take B");
    let gold = adj.gold();
    let claim = gold_span(gold, "Claim", 2, 35, 149);
    assert_eq!(
        claim.attrs.get("claim_type").map(String::as_str),
        Some("quantity")
    );
    let a = gold.attribution_of(&claim.id).expect("attribution carried");
    assert_eq!(a.attrs.get("stake").map(String::as_str), Some("opponent"));
    assert_consistent(gold);
}

#[test]
fn full_sequence_builds_a_consistent_gold_document() {
    let mut adj = start(example::annotator_b(), None);
    assert_eq!(adj.accept_agreements(NOW), 11);
    assert_eq!(adj.gold().spans.len(), 11);
    assert_eq!(adj.gold().modified, NOW);
    // C2's attribution exists already; its cue (K2) is still undecided.
    let c2 = gold_span(adj.gold(), "Claim", 1, 39, 163).id.clone();
    assert_eq!(
        adj.gold().attribution_of(&c2).map(|a| a.cue.clone()),
        Some(None)
    );

    // C1: take B's second part; its speaker (S1) is not decided yet, so no attribution.
    let c1 = find(&adj, 0, 0, 62, 182);
    let created = adj.decide(c1, Decision::Take(1), NOW).expect("take B");
    assert_eq!(created.len(), 1);
    let gold_c1 = created[0].clone();
    assert!(adj.gold().attribution_of(&gold_c1).is_none());
    // S1: take A's minimal NP; B's attribution of its C1 part now resolves through the item.
    let s1 = find(&adj, 0, 0, 0, 22);
    let s1_gold = adj.decide(s1, Decision::Take(0), NOW).expect("take A");
    let attribution = adj
        .gold()
        .attribution_of(&gold_c1)
        .expect("attribution")
        .clone();
    assert_eq!(attribution.sources, s1_gold);
    let speaker = adj.gold().span(&s1_gold[0]).expect("speaker");
    let entity = adj
        .gold()
        .entity(speaker.entity.as_deref().expect("entity"))
        .expect("E");
    assert_eq!(entity.name, "Al-Qassam Brigades");
    assert_eq!(
        attribution
            .cue
            .as_deref()
            .map(|k| adj.gold().span(k).map(|s| s.anchor.start)),
        Some(Some(52))
    );

    // C3 + C4 merged by B: keep both of A's? Take all keeps A's C4 and B's merged span.
    let c4 = find(&adj, 0, 1, 226, 254);
    assert_eq!(
        adj.decide(c4, Decision::TakeAll, NOW).expect("all").len(),
        2
    );
    // B's low-confidence fragment: reject.
    let c1a = find(&adj, 1, 0, 62, 100);
    assert!(
        adj.decide(c1a, Decision::Reject, NOW)
            .expect("reject")
            .is_empty()
    );
    // A's writer's-voice claim C7 and A's C3.
    adj.decide(find(&adj, 0, 0, 24, 50), Decision::Take(0), NOW)
        .expect("C7");
    adj.decide(find(&adj, 0, 1, 197, 221), Decision::Take(0), NOW)
        .expect("C3");
    // K2: take B's "told", then edit the gold copy to "told CNN".
    let k2 = find(&adj, 0, 1, 25, 33);
    let k = adj.decide(k2, Decision::Edit(1), NOW).expect("edit")[0].clone();
    if let Some(span) = adj.gold_mut().span_mut(&k) {
        span.anchor.end = 33;
    }
    assert_eq!(
        adj.gold().attribution_of(&c2).and_then(|a| a.cue.clone()),
        Some(k.clone())
    );
    assert_eq!(adj.decision(k2), Some(Decision::Edit(1)));
    assert_eq!(adj.item_of_gold_span(&k), Some(k2));
    let report = adj.agreement_report(&example::article());
    assert_eq!(report.annotators, ["A", "B"]);

    assert_eq!(
        adj.progress(),
        Progress {
            decided: 18,
            total: 18,
            pending_agreements: 0
        }
    );
    assert_eq!(adj.next_undecided(None), None);
    let gold = adj.gold();
    assert_eq!(
        gold.spans.len(),
        18,
        "11 agreed + C1 + S1 + C4 + B's C3+C4 + C7 + C3 + K2"
    );
    assert_eq!(gold.entities.len(), 4);
    assert_eq!(
        gold.attributions.len(),
        7,
        "A1..A6 of A plus B's merged C3+C4"
    );
    assert_consistent(gold);
    // C3 carries A's attribution to "the official" (S3) with cue "said".
    let c3 = gold_span(gold, "Claim", 1, 197, 221);
    let a3 = gold.attribution_of(&c3.id).expect("C3 attribution");
    assert_eq!(gold.span(&a3.sources[0]).map(|s| s.anchor.start), Some(174));
    assert_eq!(a3.attrs.get("via").map(String::as_str), Some("CNN"));
}

#[test]
fn redeciding_replaces_the_earlier_choice() {
    let mut adj = start(example::annotator_b(), None);
    adj.accept_agreements(NOW);
    let s1 = find(&adj, 0, 0, 0, 22);
    adj.decide(s1, Decision::Take(0), NOW).expect("A");
    let c1 = find(&adj, 0, 0, 62, 182);
    adj.decide(c1, Decision::Take(1), NOW).expect("B");
    adj.decide(c1, Decision::Take(0), NOW).expect("A instead");
    let gold = adj.gold();
    assert!(
        gold.spans
            .iter()
            .all(|s| (s.anchor.start, s.anchor.end) != (105, 182))
    );
    let claim = gold_span(gold, "Claim", 0, 62, 182);
    assert!(gold.attribution_of(&claim.id).is_some());
    // Switching the speaker to B's whole NP re-links the attribution to the new mention.
    let s_b = adj.decide(s1, Decision::Take(1), NOW).expect("B's NP")[0].clone();
    let gold = adj.gold();
    let claim = gold_span(gold, "Claim", 0, 62, 182);
    assert_eq!(
        gold.attribution_of(&claim.id).map(|a| a.sources.clone()),
        Some(vec![s_b])
    );
    assert_eq!(
        gold.entities.len(),
        4,
        "the entity of the removed mention is not duplicated"
    );
    assert_consistent(gold);
    adj.reopen(c1, NOW);
    assert!(!adj.is_decided(c1));
    assert_consistent(adj.gold());
}

#[test]
fn reopening_a_gold_sidecar_resumes() {
    let mut adj = start(example::annotator_b(), None);
    adj.accept_agreements(NOW);
    adj.decide(find(&adj, 0, 0, 62, 182), Decision::Take(1), NOW)
        .expect("C1");
    let k2 = find(&adj, 0, 1, 25, 33);
    let k = adj.decide(k2, Decision::Edit(1), NOW).expect("K2")[0].clone();
    if let Some(span) = adj.gold_mut().span_mut(&k) {
        span.anchor.end = 31;
    }
    adj.decide(find(&adj, 1, 0, 62, 100), Decision::Reject, NOW)
        .expect("reject");
    let text = sidecar::to_ron(adj.gold());
    let saved =
        sidecar::parse(&text, Path::new("example-excerpt.gold.ann.ron")).expect("ordinary sidecar");
    let resumed = start(example::annotator_b(), Some(saved.clone()));
    // 11 agreements + C1 + the edited K2 are in gold, and the rejection is recorded there.
    assert_eq!(resumed.progress().decided, 14);
    assert_eq!(
        resumed.decision(find(&resumed, 1, 0, 62, 100)),
        Some(Decision::Reject)
    );
    assert_eq!(resumed.gold(), &saved);
    let next = resumed.next_undecided(None).expect("something left");
    assert!(!resumed.is_decided(next));
    assert!(resumed.is_decided(resumed.item_of_span(0, "K2").expect("K2 item")));
    // Deciding more after resuming keeps ids unique and reuses the resumed entities.
    let mut resumed = resumed;
    resumed
        .decide(find(&resumed, 0, 0, 0, 22), Decision::Take(0), NOW)
        .expect("S1");
    assert_eq!(resumed.gold().entities.len(), 4);
    assert_consistent(resumed.gold());
}

/// A links "a US official" and "the official" to one entity; B makes two entities.
#[test]
fn entities_follow_the_side_taken() {
    let schema = Schema::default_schema();
    let mut b = example::annotator_b();
    let e = b
        .add_entity(&schema, "SpeakerEntity", "the official (B)")
        .expect("entity");
    b.set_attr(&schema, &e, "speaker_type", Some("government"))
        .expect("type");
    b.set_attr(&schema, &e, "identification", Some("anonymous_described"))
        .expect("id");
    let s3 = b
        .spans
        .iter()
        .find(|s| s.kind == "Speaker" && s.anchor.start == 174)
        .map(|s| s.id.clone())
        .expect("S3");
    b.span_mut(&s3).expect("S3").entity = Some(e);
    let mut adj = start(b.clone(), None);
    assert_eq!(
        adj.alignment()
            .entity_groups
            .iter()
            .filter(|g| g.is_split())
            .count(),
        1
    );
    let s2 = find(&adj, 0, 1, 11, 24);
    let s3_item = find(&adj, 0, 1, 174, 186);
    assert_eq!(
        adj.item(s3_item).map(|i| i.differences.clone()),
        Some(vec![]),
        "same attrs"
    );
    adj.decide(s2, Decision::Take(0), NOW).expect("S2 from A");
    adj.decide(s3_item, Decision::Take(0), NOW)
        .expect("S3 from A");
    let g = adj.gold();
    let ents: BTreeSet<_> = g.spans.iter().filter_map(|s| s.entity.clone()).collect();
    assert_eq!(ents.len(), 1, "A's single entity");
    adj.decide(s3_item, Decision::Take(1), NOW)
        .expect("S3 from B");
    let g = adj.gold();
    let ents: BTreeSet<_> = g.spans.iter().filter_map(|s| s.entity.clone()).collect();
    assert_eq!(ents.len(), 2, "B's separate entity for the second mention");
    assert_consistent(g);
}

#[test]
fn three_annotators_queue_and_decisions() {
    let mut c = example::annotator_a();
    c.annotator = "C".into();
    let mut adj = Adjudication::new(
        &Schema::default_schema(),
        &example::article(),
        vec![example::annotator_a(), example::annotator_b(), c],
        None,
        NOW,
    );
    let c7 = find(&adj, 0, 0, 24, 50);
    assert_eq!(
        adj.item(c7).map(|i| i.status.clone()),
        Some(ItemStatus::OnlyIn(vec![0, 2]))
    );
    assert_eq!(adj.accept_agreements(NOW), 11);
    // Take all on a boundary conflict keeps one copy per distinct extent: A's and B's.
    let s1 = find(&adj, 0, 0, 0, 22);
    assert_eq!(
        adj.decide(s1, Decision::TakeAll, NOW).expect("all").len(),
        2
    );
    adj.decide(c7, Decision::Take(2), NOW).expect("C's copy");
    assert_consistent(adj.gold());
    assert_eq!(adj.progress().decided, 13);
}
