//! Review decisions last: a rejection is written into gold and is still decided after the gold
//! file is saved and reopened; gold's done marks follow the decisions.

use std::path::Path;

use marginalia::model::{AnnotationDoc, Article, Schema};
use marginalia::review::adjudicate::{Adjudication, Decision};
use marginalia::store::{fast, load_for_article, sidecar};

const NOW: &str = "2026-02-02T10:00:00Z";

fn sample(annotator: &str, article: &Article) -> AnnotationDoc {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(format!("wire-002.{annotator}.ann.ron"));
    load_for_article(&path, article)
        .expect("sample sidecar parses")
        .expect("sample sidecar exists")
        .0
}

fn start(gold: Option<AnnotationDoc>) -> (Adjudication, Article) {
    let article =
        Article::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/wire-002.txt"))
            .expect("article");
    let docs = vec![sample("alice", &article), sample("bob", &article)];
    let adj = Adjudication::new(&Schema::default_schema(), &article, docs, gold, NOW);
    (adj, article)
}

/// Save and read back the gold document as the store does (both readers).
fn round_trip(gold: &AnnotationDoc) -> AnnotationDoc {
    let text = sidecar::to_ron(gold);
    let ron = sidecar::parse(&text, Path::new("g.gold.ann.ron")).expect("gold parses");
    let quick = fast::parse(&text).expect("the fast reader reads gold too");
    assert_eq!(ron, quick, "both readers agree");
    ron
}

#[test]
fn a_rejection_is_still_decided_after_reopening_and_undoing_it_forgets_it() {
    let (mut adj, _) = start(None);
    let item = adj.next_undecided(None).expect("an item to decide");
    adj.decide(item, Decision::Reject, NOW).expect("reject");
    assert!(
        !adj.gold().review_rejections.is_empty(),
        "the rejection is in gold"
    );
    assert!(
        adj.gold().spans.is_empty(),
        "a rejection copies nothing into gold"
    );
    let saved = round_trip(adj.gold());

    let (resumed, _) = start(Some(saved));
    assert!(resumed.is_decided(item), "decided after reopening");
    assert_eq!(resumed.decision(item), Some(Decision::Reject));
    assert_ne!(
        resumed.next_undecided(None),
        Some(item),
        "review resumes after the rejected item"
    );
    let mut resumed = resumed;
    resumed.reopen(item, NOW);
    assert!(!resumed.is_decided(item));
    assert!(
        resumed.gold().review_rejections.is_empty(),
        "reopening forgets it"
    );
}

#[test]
fn done_marks_follow_the_decisions() {
    let (mut adj, article) = start(None);
    let paragraphs = article.paragraphs().len();
    let first = adj.next_undecided(None).expect("an item");
    let para = adj.item(first).expect("item").para;
    adj.decide(first, Decision::TakeAll, NOW)
        .or_else(|_| adj.decide(first, Decision::Take(0), NOW))
        .or_else(|_| adj.decide(first, Decision::Take(1), NOW))
        .expect("decided");
    let others_in_para = (0..adj.items().len())
        .filter(|&i| i != first && adj.item(i).is_some_and(|it| it.para == para))
        .count();
    assert_eq!(
        adj.gold().done.contains(&para),
        others_in_para == 0,
        "paragraph {para} is done only when all its items are"
    );
    // Decide everything: every paragraph is done; reopen one item: its paragraph is not.
    while let Some(i) = adj.next_undecided(None) {
        adj.decide(i, Decision::Reject, NOW).expect("reject");
    }
    assert_eq!(adj.gold().done.len(), paragraphs, "{:?}", adj.gold().done);
    adj.reopen(first, NOW);
    assert!(!adj.gold().done.contains(&para));
    let with_items: std::collections::BTreeSet<usize> =
        adj.items().iter().map(|it| it.para).collect();
    for p in with_items.iter().filter(|&&p| p != para) {
        assert!(adj.gold().done.contains(p), "paragraph {p} stays done");
    }
    // Paragraphs without items are done only while the whole queue is decided.
    for p in (0..paragraphs).filter(|p| !with_items.contains(p)) {
        assert!(!adj.gold().done.contains(&p), "paragraph {p}");
    }
}
