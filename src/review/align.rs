//! Alignment of two or more annotators' records of one article (agreement.md §6.1, §6.3):
//! spans of the same kind are grouped one-to-one, greedily by IoU (exactly, by any overlap or
//! by an IoU threshold); speaker entities are grouped when any of their mentions are aligned;
//! attributions become (claim, speaker entity, cue) triples over the aligned spans.
//!
//! Documents written against an older text must be re-anchored first
//! ([`crate::store::load_for_article`] does it); orphaned spans are left out here.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{AnchorStatus, AnnotationDoc, Span};
use crate::review::stats::span_f1::{Counts, Extent, MatchRule};

/// A group of aligned spans: at most one span of each annotator, all of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpanGroup {
    /// Span kind.
    pub kind: String,
    /// The span id of each annotator (by annotator index), if that annotator has one here.
    pub members: Vec<Option<String>>,
}

impl SpanGroup {
    /// Indices of the annotators that have a span in this group.
    #[must_use]
    pub fn present(&self) -> Vec<usize> {
        (0..self.members.len())
            .filter(|&i| self.members[i].is_some())
            .collect()
    }

    /// True when every annotator has a span here.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.members.iter().all(Option::is_some)
    }
}

/// A group of speaker entities linked through aligned mentions. An annotator may have several
/// entities in one group (it split what another merged) or none (unmatched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityGroup {
    /// Entity ids of each annotator (by annotator index), sorted.
    pub members: Vec<Vec<String>>,
}

impl EntityGroup {
    /// Every annotator has exactly one entity here.
    #[must_use]
    pub fn is_one_to_one(&self) -> bool {
        self.members.iter().all(|m| m.len() == 1)
    }

    /// Some annotator has no entity here.
    #[must_use]
    pub fn is_unmatched(&self) -> bool {
        self.members.iter().any(Vec::is_empty)
    }

    /// Some annotator split this entity into several.
    #[must_use]
    pub fn is_split(&self) -> bool {
        self.members.iter().any(|m| m.len() > 1)
    }
}

/// What an attribution's source is, in aligned terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceKey {
    /// The source mention's entity, by entity group.
    Entity(usize),
    /// A source mention with no entity, by span group.
    Mention(usize),
}

/// An attribution as an aligned (claim, speaker entity, cue) triple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    /// Span group of the claim.
    pub claim: usize,
    /// The source.
    pub source: SourceKey,
    /// Span group of the cue, if any.
    pub cue: Option<usize>,
}

/// The alignment of several annotators' documents of one article.
#[derive(Debug, Clone)]
pub struct Alignment {
    /// Annotator names, in the order given.
    pub annotators: Vec<String>,
    /// Span groups, in document order of their first member.
    pub groups: Vec<SpanGroup>,
    /// Entity groups.
    pub entity_groups: Vec<EntityGroup>,
    /// `(annotator, span id) -> span group`.
    span_index: BTreeMap<(usize, String), usize>,
    /// `(annotator, entity id) -> entity group`.
    entity_index: BTreeMap<(usize, String), usize>,
    /// Attribution triples of each annotator.
    triples: Vec<Vec<Triple>>,
}

/// Spans that take part in alignment (orphans have no place in the current text).
fn placed(doc: &AnnotationDoc) -> Vec<&Span> {
    doc.spans
        .iter()
        .filter(|s| s.status != AnchorStatus::Orphaned && !s.anchor.is_empty())
        .collect()
}

/// Union-find root with path halving.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Alignment {
    /// Align `docs` (one per annotator). Spans are grouped under `rule`; for two annotators
    /// this is exactly the one-to-one greedy matching of [`crate::review::stats::match_spans`],
    /// and for more it merges the best-IoU pairs first while keeping at most one span per
    /// annotator in a group.
    #[must_use]
    pub fn new(docs: &[&AnnotationDoc], rule: MatchRule) -> Self {
        let spans: Vec<Vec<&Span>> = docs.iter().map(|d| placed(d)).collect();
        // Flat numbering of every span: (annotator, index in its list).
        let flat: Vec<(usize, usize)> = spans
            .iter()
            .enumerate()
            .flat_map(|(a, list)| (0..list.len()).map(move |i| (a, i)))
            .collect();
        let position: BTreeMap<(usize, usize), usize> =
            flat.iter().enumerate().map(|(n, &k)| (k, n)).collect();
        let mut pairs = Vec::new();
        for a in 0..spans.len() {
            for b in a + 1..spans.len() {
                let ea: Vec<Extent<'_>> = spans[a].iter().map(|s| Extent::of(s)).collect();
                let eb: Vec<Extent<'_>> = spans[b].iter().map(|s| Extent::of(s)).collect();
                for (i, j, iou) in crate::review::stats::span_f1::candidates(&ea, &eb, rule) {
                    pairs.push((iou, position[&(a, i)], position[&(b, j)]));
                }
            }
        }
        pairs.sort_by(|p, q| q.0.total_cmp(&p.0).then((p.1, p.2).cmp(&(q.1, q.2))));
        let mut parent: Vec<usize> = (0..flat.len()).collect();
        // Which annotators each root's group already holds.
        let mut holds: Vec<BTreeSet<usize>> =
            flat.iter().map(|&(a, _)| BTreeSet::from([a])).collect();
        for (_, x, y) in pairs {
            let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
            if rx == ry || !holds[rx].is_disjoint(&holds[ry]) {
                continue;
            }
            parent[ry] = rx;
            let moved = std::mem::take(&mut holds[ry]);
            holds[rx].extend(moved);
        }
        let mut by_root: BTreeMap<usize, SpanGroup> = BTreeMap::new();
        for (n, &(a, i)) in flat.iter().enumerate() {
            let r = root(&mut parent, n);
            let span = spans[a][i];
            let group = by_root.entry(r).or_insert_with(|| SpanGroup {
                kind: span.kind.clone(),
                members: vec![None; docs.len()],
            });
            group.members[a] = Some(span.id.clone());
        }
        let mut groups: Vec<SpanGroup> = by_root.into_values().collect();
        let first_extent = |g: &SpanGroup| {
            g.members
                .iter()
                .enumerate()
                .filter_map(|(a, id)| {
                    let s = docs[a].span(id.as_deref()?)?;
                    Some((s.anchor.para, s.anchor.start, s.anchor.end, a))
                })
                .min()
        };
        groups.sort_by_key(|g| (first_extent(g), g.kind.clone()));
        let mut span_index = BTreeMap::new();
        for (g, group) in groups.iter().enumerate() {
            for (a, id) in group.members.iter().enumerate() {
                if let Some(id) = id {
                    span_index.insert((a, id.clone()), g);
                }
            }
        }
        let (entity_groups, entity_index) = entity_groups(docs, &groups);
        let mut alignment = Self {
            annotators: docs.iter().map(|d| d.annotator.clone()).collect(),
            groups,
            entity_groups,
            span_index,
            entity_index,
            triples: Vec::new(),
        };
        alignment.triples = (0..docs.len())
            .map(|a| alignment.collect_triples(a, docs[a]))
            .collect();
        alignment
    }

    /// The span group of annotator `a`'s span `id`.
    #[must_use]
    pub fn group_of(&self, a: usize, id: &str) -> Option<usize> {
        self.span_index.get(&(a, id.to_owned())).copied()
    }

    /// The entity group of annotator `a`'s entity `id`.
    #[must_use]
    pub fn entity_group_of(&self, a: usize, id: &str) -> Option<usize> {
        self.entity_index.get(&(a, id.to_owned())).copied()
    }

    /// Attribution triples of annotator `a` (one per source of each attribution whose claim
    /// is placed).
    #[must_use]
    pub fn triples(&self, a: usize) -> &[Triple] {
        self.triples.get(a).map_or(&[], Vec::as_slice)
    }

    /// Triple F1 counts of annotator `b` against `a` (one-to-one: equal triples pair up).
    #[must_use]
    pub fn triple_counts(&self, a: usize, b: usize) -> Counts {
        let count = |x: usize| {
            let mut m: BTreeMap<Triple, usize> = BTreeMap::new();
            for t in self.triples(x) {
                *m.entry(*t).or_default() += 1;
            }
            m
        };
        let (ma, mb) = (count(a), count(b));
        let tp = ma
            .iter()
            .map(|(t, n)| (*n).min(mb.get(t).copied().unwrap_or(0)))
            .sum();
        crate::review::stats::span_f1::counts_of(tp, self.triples(a).len(), self.triples(b).len())
    }

    fn collect_triples(&self, a: usize, doc: &AnnotationDoc) -> Vec<Triple> {
        let mut out = Vec::new();
        for attribution in &doc.attributions {
            let Some(claim) = self.group_of(a, &attribution.claim) else {
                continue;
            };
            let cue = attribution.cue.as_deref().and_then(|c| self.group_of(a, c));
            let mut sources = BTreeSet::new();
            for source in &attribution.sources {
                let entity = doc
                    .span(source)
                    .and_then(|s| s.entity.as_deref())
                    .and_then(|e| self.entity_group_of(a, e));
                let key = match entity {
                    Some(e) => Some(SourceKey::Entity(e)),
                    None => self.group_of(a, source).map(SourceKey::Mention),
                };
                sources.extend(key);
            }
            out.extend(
                sources
                    .into_iter()
                    .map(|source| Triple { claim, source, cue }),
            );
        }
        out.sort_unstable();
        out
    }
}

/// Group entities of all annotators: two entities are linked when a mention of one is in the
/// same span group as a mention of the other.
type EntityGrouping = (Vec<EntityGroup>, BTreeMap<(usize, String), usize>);

fn entity_groups(docs: &[&AnnotationDoc], groups: &[SpanGroup]) -> EntityGrouping {
    let keys: Vec<(usize, String)> = docs
        .iter()
        .enumerate()
        .flat_map(|(a, d)| d.entities.iter().map(move |e| (a, e.id.clone())))
        .collect();
    let index: BTreeMap<(usize, String), usize> = keys
        .iter()
        .cloned()
        .enumerate()
        .map(|(n, k)| (k, n))
        .collect();
    let mut parent: Vec<usize> = (0..keys.len()).collect();
    for group in groups {
        let linked: Vec<usize> = group
            .members
            .iter()
            .enumerate()
            .filter_map(|(a, id)| {
                let entity = docs[a].span(id.as_deref()?)?.entity.clone()?;
                index.get(&(a, entity)).copied()
            })
            .collect();
        for pair in linked.windows(2) {
            let (x, y) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            if x != y {
                parent[y.max(x)] = x.min(y);
            }
        }
    }
    let mut by_root: BTreeMap<usize, EntityGroup> = BTreeMap::new();
    for (n, (a, id)) in keys.iter().enumerate() {
        let r = root(&mut parent, n);
        by_root
            .entry(r)
            .or_insert_with(|| EntityGroup {
                members: vec![Vec::new(); docs.len()],
            })
            .members[*a]
            .push(id.clone());
    }
    let entity_groups: Vec<EntityGroup> = by_root.into_values().collect();
    let mut entity_index = BTreeMap::new();
    for (g, group) in entity_groups.iter().enumerate() {
        for (a, ids) in group.members.iter().enumerate() {
            for id in ids {
                entity_index.insert((a, id.clone()), g);
            }
        }
    }
    (entity_groups, entity_index)
}

#[cfg(test)]
#[path = "align_tests.rs"]
mod tests;
