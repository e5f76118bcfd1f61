//! The review queue: one item per aligned span group, classified as agreement, only some
//! annotators, boundary conflict or attribute conflict, with what differs, and sorted for
//! review (disagreements first, low annotator confidence first, then document order).

use std::collections::BTreeSet;

use serde::Serialize;

use crate::model::{AnnotationDoc, Confidence, Schema, Span};
use crate::review::align::{Alignment, SourceKey, SpanGroup};

/// How the annotators' records in one item relate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    /// Every annotator marked the same extent with the same labels and links.
    Agreement,
    /// Only these annotators (indices) marked it. For two annotators: only A or only B.
    OnlyIn(Vec<usize>),
    /// Everyone marked it, with different boundaries.
    BoundaryConflict,
    /// Same boundaries, but labels or links differ (see [`Item::differences`]).
    AttributeConflict,
}

/// One thing to adjudicate: an aligned group of spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// Span kind.
    pub kind: String,
    /// The span id of each annotator (by annotator index), if present.
    pub members: Vec<Option<String>>,
    /// Classification.
    pub status: ItemStatus,
    /// What differs between the present records: attribute names (`claim_type`), entity
    /// attributes (`entity.speaker_type`), `attribution`, `attribution.sources`,
    /// `attribution.cue`, and relation attributes (`attribution.channel`).
    pub differences: Vec<String>,
    /// The lowest annotator confidence among the records (reviewed first when low).
    pub confidence: Confidence,
    /// Paragraph of the first record.
    pub para: usize,
    /// Start of the first record (paragraph characters).
    pub start: usize,
    /// End of the first record.
    pub end: usize,
}

impl Item {
    /// True when every annotator agrees fully.
    #[must_use]
    pub fn is_agreement(&self) -> bool {
        self.status == ItemStatus::Agreement
    }

    /// Indices of annotators with a record here.
    #[must_use]
    pub fn present(&self) -> Vec<usize> {
        (0..self.members.len())
            .filter(|&i| self.members[i].is_some())
            .collect()
    }
}

/// Keys of two maps whose values differ (missing counts as a value).
fn differing_keys(
    maps: &[&std::collections::BTreeMap<String, String>],
    prefix: &str,
) -> Vec<String> {
    let keys: BTreeSet<&String> = maps.iter().flat_map(|m| m.keys()).collect();
    keys.into_iter()
        .filter(|k| maps.iter().any(|m| m.get(*k) != maps[0].get(*k)))
        .map(|k| format!("{prefix}{k}"))
        .collect()
}

/// What an annotator's claim is attributed to, in aligned terms.
type Link = Option<(BTreeSet<SourceKey>, Option<usize>)>;

fn link_of(alignment: &Alignment, a: usize, doc: &AnnotationDoc, claim: &str) -> Link {
    let attribution = doc.attribution_of(claim)?;
    let sources = alignment
        .triples(a)
        .iter()
        .filter(|t| Some(t.claim) == alignment.group_of(a, claim))
        .map(|t| t.source)
        .collect();
    let cue = attribution
        .cue
        .as_deref()
        .and_then(|c| alignment.group_of(a, c));
    Some((sources, cue))
}

/// The differences among the present records of a group.
fn differences(
    schema: &Schema,
    docs: &[&AnnotationDoc],
    alignment: &Alignment,
    present: &[(usize, &Span)],
) -> Vec<String> {
    let mut out = differing_keys(
        &present.iter().map(|(_, s)| &s.attrs).collect::<Vec<_>>(),
        "",
    );
    let Some(&(_, first)) = present.first() else {
        return out;
    };
    if schema
        .span_kind(&first.kind)
        .is_some_and(|k| k.entity.is_some())
    {
        let empty = std::collections::BTreeMap::new();
        let attrs: Vec<_> = present
            .iter()
            .map(|(a, s)| {
                s.entity
                    .as_deref()
                    .and_then(|e| docs[*a].entity(e))
                    .map_or(&empty, |e| &e.attrs)
            })
            .collect();
        out.extend(differing_keys(&attrs, "entity."));
        let has_entity: BTreeSet<bool> = present.iter().map(|(_, s)| s.entity.is_some()).collect();
        if has_entity.len() > 1 {
            out.push("entity".to_owned());
        }
    }
    if schema.is_claim_kind(&first.kind) {
        let links: Vec<Link> = present
            .iter()
            .map(|(a, s)| link_of(alignment, *a, docs[*a], &s.id))
            .collect();
        if links.iter().any(|l| l.is_some() != links[0].is_some()) {
            out.push("attribution".to_owned());
        } else if links[0].is_some() {
            if links
                .iter()
                .any(|l| l.as_ref().map(|l| &l.0) != links[0].as_ref().map(|l| &l.0))
            {
                out.push("attribution.sources".to_owned());
            }
            if links
                .iter()
                .any(|l| l.as_ref().map(|l| l.1) != links[0].as_ref().map(|l| l.1))
            {
                out.push("attribution.cue".to_owned());
            }
            let attrs: Vec<_> = present
                .iter()
                .filter_map(|(a, s)| docs[*a].attribution_of(&s.id).map(|r| &r.attrs))
                .collect();
            out.extend(differing_keys(&attrs, "attribution."));
        }
    }
    out
}

/// Build the item of one span group.
fn item(
    schema: &Schema,
    docs: &[&AnnotationDoc],
    alignment: &Alignment,
    g: &SpanGroup,
) -> Option<Item> {
    let present: Vec<(usize, &Span)> = g
        .members
        .iter()
        .enumerate()
        .filter_map(|(a, id)| Some((a, docs[a].span(id.as_deref()?)?)))
        .collect();
    let &(_, first) = present.first()?;
    let same_extent = present.iter().all(|(_, s)| {
        (s.anchor.para, s.anchor.start, s.anchor.end)
            == (first.anchor.para, first.anchor.start, first.anchor.end)
    });
    let differences = differences(schema, docs, alignment, &present);
    let status = if present.len() < docs.len() {
        ItemStatus::OnlyIn(present.iter().map(|(a, _)| *a).collect())
    } else if !same_extent {
        ItemStatus::BoundaryConflict
    } else if !differences.is_empty() {
        ItemStatus::AttributeConflict
    } else {
        ItemStatus::Agreement
    };
    let confidence = present
        .iter()
        .map(|(_, s)| s.confidence)
        .max()
        .unwrap_or_default();
    Some(Item {
        kind: g.kind.clone(),
        members: g.members.clone(),
        status,
        differences,
        confidence,
        para: first.anchor.para,
        start: first.anchor.start,
        end: first.anchor.end,
    })
}

/// The review queue of an alignment: disagreements before agreements, then low confidence
/// first (`Low`, `Medium`, `High`), then document order.
#[must_use]
pub fn build_queue(schema: &Schema, docs: &[&AnnotationDoc], alignment: &Alignment) -> Vec<Item> {
    let mut items: Vec<Item> = alignment
        .groups
        .iter()
        .filter_map(|g| item(schema, docs, alignment, g))
        .collect();
    // Confidence orders High < Medium < Low, so reversing it puts Low first.
    items.sort_by(|x, y| {
        (
            x.is_agreement(),
            std::cmp::Reverse(x.confidence),
            x.para,
            x.start,
            x.end,
            &x.kind,
        )
            .cmp(&(
                y.is_agreement(),
                std::cmp::Reverse(y.confidence),
                y.para,
                y.start,
                y.end,
                &y.kind,
            ))
    });
    items
}
