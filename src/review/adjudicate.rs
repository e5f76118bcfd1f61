//! The adjudication model that the review screen drives: a queue of aligned items, decisions
//! (take one annotator's record, take all, take then edit, reject, accept every full
//! agreement), and the gold document they build. Every decision updates the gold
//! [`AnnotationDoc`] at once (annotator `gold`, an ordinary sidecar): spans are copied with
//! fresh ids, speaker entities and attributions follow the spans they belong to. Opening an
//! existing gold document resumes: items already reflected in it count as decided.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{AnnotationDoc, Article, Schema, Span};
use crate::review::align::Alignment;
use crate::review::queue::{Item, ItemStatus, build_queue};
use crate::review::stats::span_f1::{Extent, MatchRule};
use crate::store::GOLD;

/// A reviewer's decision on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Copy this annotator's record (by index: 0 = A, 1 = B...).
    Take(usize),
    /// Copy every annotator's record (records with the same extent once).
    TakeAll,
    /// Copy this annotator's record; the caller then edits the gold copy.
    Edit(usize),
    /// Nothing goes into gold.
    Reject,
}

/// Why a decision was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdjudicationError {
    /// No item with this index.
    #[error("no item {0}")]
    NoItem(usize),
    /// The chosen annotator has no record in this item.
    #[error("annotator {annotator} has no record in item {item}")]
    NotPresent {
        /// Item index.
        item: usize,
        /// Annotator index.
        annotator: usize,
    },
    /// Records with the same extent but different labels cannot all be taken.
    #[error("item {0}: the records differ only in labels; take one of them")]
    CannotTakeAll(usize),
}

/// Adjudication progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Items decided (including those found in a resumed gold document).
    pub decided: usize,
    /// All items.
    pub total: usize,
    /// Undecided items that are full agreements.
    pub pending_agreements: usize,
}

/// State of one item.
#[derive(Debug, Clone, PartialEq, Eq)]
struct State {
    /// `None` while undecided; `Some(None)` when found in a resumed gold document.
    decision: Option<Option<Decision>>,
    /// Gold span ids created for (or found for) the item.
    gold: Vec<String>,
}

/// Adjudication of one article by several annotators into a gold document.
#[derive(Debug, Clone)]
pub struct Adjudication {
    schema: Schema,
    docs: Vec<AnnotationDoc>,
    alignment: Alignment,
    items: Vec<Item>,
    states: Vec<State>,
    gold: AnnotationDoc,
    /// Gold span id -> (annotator, span id) it was copied from.
    origin: BTreeMap<String, (usize, String)>,
    /// (annotator, entity id) -> gold entity id.
    entities: BTreeMap<(usize, String), String>,
    /// Gold claims whose attribution this model created (and may keep up to date).
    auto_attributions: BTreeSet<String>,
}

impl Adjudication {
    /// Start (or resume, when `gold` is given) adjudicating `docs` (one per annotator, already
    /// re-anchored to `article`). A new gold document is stamped with `now` (RFC 3339).
    #[must_use]
    pub fn new(
        schema: &Schema,
        article: &Article,
        docs: Vec<AnnotationDoc>,
        gold: Option<AnnotationDoc>,
        now: &str,
    ) -> Self {
        let refs: Vec<&AnnotationDoc> = docs.iter().collect();
        let alignment = Alignment::new(&refs, MatchRule::Overlap);
        let items = build_queue(schema, &refs, &alignment);
        let states = vec![
            State {
                decision: None,
                gold: Vec::new(),
            };
            items.len()
        ];
        let gold = gold.unwrap_or_else(|| AnnotationDoc::new(schema, article, GOLD, now));
        let mut this = Self {
            schema: schema.clone(),
            docs,
            alignment,
            items,
            states,
            gold,
            origin: BTreeMap::new(),
            entities: BTreeMap::new(),
            auto_attributions: BTreeSet::new(),
        };
        this.resume();
        this
    }

    /// The annotators' documents, in annotator order.
    #[must_use]
    pub fn annotators(&self) -> &[AnnotationDoc] {
        &self.docs
    }

    /// The alignment the queue was built from.
    #[must_use]
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The queue, in review order.
    #[must_use]
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// The item at queue position `index`.
    #[must_use]
    pub fn item(&self, index: usize) -> Option<&Item> {
        self.items.get(index)
    }

    /// The queue position of the item holding annotator `a`'s span `id`.
    #[must_use]
    pub fn item_of_span(&self, a: usize, id: &str) -> Option<usize> {
        self.items
            .iter()
            .position(|i| i.members.get(a).and_then(Option::as_deref) == Some(id))
    }

    /// True once the item is decided (or was found in a resumed gold document).
    #[must_use]
    pub fn is_decided(&self, index: usize) -> bool {
        self.states.get(index).is_some_and(|s| s.decision.is_some())
    }

    /// The decision taken in this session, if any (`None` also for items found decided in a
    /// resumed gold document).
    #[must_use]
    pub fn decision(&self, index: usize) -> Option<Decision> {
        self.states.get(index).and_then(|s| s.decision.flatten())
    }

    /// Gold span ids of an item.
    #[must_use]
    pub fn gold_spans(&self, index: usize) -> &[String] {
        self.states.get(index).map_or(&[], |s| s.gold.as_slice())
    }

    /// Decided and total items.
    #[must_use]
    pub fn progress(&self) -> Progress {
        Progress {
            decided: (0..self.items.len())
                .filter(|&i| self.is_decided(i))
                .count(),
            total: self.items.len(),
            pending_agreements: (0..self.items.len())
                .filter(|&i| !self.is_decided(i) && self.items[i].is_agreement())
                .count(),
        }
    }

    /// The next undecided item after `from` (from the start with `None`), wrapping around.
    #[must_use]
    pub fn next_undecided(&self, from: Option<usize>) -> Option<usize> {
        let n = self.items.len();
        let start = from.map_or(0, |f| f + 1);
        (0..n)
            .map(|k| (start + k) % n)
            .find(|&i| !self.is_decided(i))
    }

    /// The previous undecided item before `from` (from the end with `None`), wrapping around.
    #[must_use]
    pub fn prev_undecided(&self, from: Option<usize>) -> Option<usize> {
        let n = self.items.len();
        let start = from.unwrap_or(0) + n;
        (1..=n)
            .map(|k| (start - k) % n)
            .find(|&i| !self.is_decided(i))
    }

    /// The gold document as it stands.
    #[must_use]
    pub fn gold(&self) -> &AnnotationDoc {
        &self.gold
    }

    /// The gold document, for edits after [`Decision::Edit`]. Edits of spans that came from
    /// an item keep that item decided.
    pub fn gold_mut(&mut self) -> &mut AnnotationDoc {
        &mut self.gold
    }

    /// Give up the model and keep the gold document.
    #[must_use]
    pub fn into_gold(self) -> AnnotationDoc {
        self.gold
    }

    /// Apply a decision to item `index`, replacing any earlier decision on it. Returns the
    /// gold span ids created. `now` becomes the gold document's modification time.
    ///
    /// # Errors
    /// [`AdjudicationError`] when the item or the chosen record does not exist, or when
    /// [`Decision::TakeAll`] would have to choose between labels.
    pub fn decide(
        &mut self,
        index: usize,
        decision: Decision,
        now: &str,
    ) -> Result<Vec<String>, AdjudicationError> {
        let item = self
            .items
            .get(index)
            .cloned()
            .ok_or(AdjudicationError::NoItem(index))?;
        let takes = self.records_to_take(index, &item, decision)?;
        self.undo(index);
        let mut created = Vec::new();
        for a in takes {
            if let Some(id) = item.members[a].clone() {
                created.extend(self.copy_span(a, &id));
            }
        }
        self.states[index] = State {
            decision: Some(Some(decision)),
            gold: created.clone(),
        };
        self.sync_attributions();
        self.gold.canonicalize();
        now.clone_into(&mut self.gold.modified);
        Ok(created)
    }

    /// Take the first annotator's record of every undecided full agreement. Returns how many
    /// items were accepted.
    pub fn accept_agreements(&mut self, now: &str) -> usize {
        let mut accepted = 0;
        for index in 0..self.items.len() {
            if self.items[index].is_agreement() && !self.is_decided(index) {
                let first = self.items[index].present().first().copied().unwrap_or(0);
                if self.decide(index, Decision::Take(first), now).is_ok() {
                    accepted += 1;
                }
            }
        }
        accepted
    }

    /// Make item `index` undecided again, removing what it put into gold.
    pub fn reopen(&mut self, index: usize, now: &str) {
        if index < self.items.len() {
            self.undo(index);
            self.sync_attributions();
            now.clone_into(&mut self.gold.modified);
        }
    }

    /// Which annotators' records a decision copies.
    fn records_to_take(
        &self,
        index: usize,
        item: &Item,
        decision: Decision,
    ) -> Result<Vec<usize>, AdjudicationError> {
        match decision {
            Decision::Take(a) | Decision::Edit(a) => {
                if item.members.get(a).is_some_and(Option::is_some) {
                    Ok(vec![a])
                } else {
                    Err(AdjudicationError::NotPresent {
                        item: index,
                        annotator: a,
                    })
                }
            }
            Decision::Reject => Ok(Vec::new()),
            Decision::TakeAll => {
                if item.status == ItemStatus::AttributeConflict {
                    return Err(AdjudicationError::CannotTakeAll(index));
                }
                // One record per distinct extent.
                let mut seen = BTreeSet::new();
                Ok(item
                    .present()
                    .into_iter()
                    .filter(|&a| {
                        let span = item.members[a]
                            .as_deref()
                            .and_then(|id| self.docs[a].span(id));
                        span.is_some_and(|s| {
                            seen.insert((s.anchor.para, s.anchor.start, s.anchor.end))
                        })
                    })
                    .collect())
            }
        }
    }

    /// Remove the gold spans of item `index` (and entities left without mentions).
    fn undo(&mut self, index: usize) {
        let ids = std::mem::take(&mut self.states[index].gold);
        self.states[index].decision = None;
        for id in ids {
            let _ = self.gold.remove_span(&id);
            self.origin.remove(&id);
            self.auto_attributions.remove(&id);
        }
        let used: BTreeSet<String> = self
            .gold
            .spans
            .iter()
            .filter_map(|s| s.entity.clone())
            .collect();
        let orphans: Vec<String> = self
            .entities
            .values()
            .filter(|e| !used.contains(*e))
            .cloned()
            .collect();
        for e in orphans {
            let _ = self.gold.remove_entity(&e);
            self.entities.retain(|_, g| *g != e);
        }
    }

    /// Copy annotator `a`'s span `id` into gold with a fresh id.
    fn copy_span(&mut self, a: usize, id: &str) -> Option<String> {
        let span = self.docs[a].span(id)?.clone();
        let prefix = self.schema.span_kind(&span.kind).map_or_else(
            || span.kind.chars().take(1).collect(),
            |k| k.id_prefix.clone(),
        );
        let new_id = self.gold.next_id(&prefix);
        let entity = span.entity.as_deref().and_then(|e| self.gold_entity(a, e));
        self.gold.spans.push(Span {
            id: new_id.clone(),
            entity,
            ..span
        });
        self.origin.insert(new_id.clone(), (a, id.to_owned()));
        Some(new_id)
    }

    /// The gold entity for annotator `a`'s entity `e`, created if needed. Entities matched
    /// one-to-one across annotators share one gold entity; where annotators split an entity
    /// differently, the gold entity follows the annotator whose mention was taken.
    fn gold_entity(&mut self, a: usize, e: &str) -> Option<String> {
        if let Some(g) = self.entities.get(&(a, e.to_owned()))
            && self.gold.entity(g).is_some()
        {
            return Some(g.clone());
        }
        let group = self
            .alignment
            .entity_group_of(a, e)
            .and_then(|g| self.alignment.entity_groups.get(g))
            .filter(|g| g.is_one_to_one())
            .cloned();
        if let Some(group) = group {
            for (b, ids) in group.members.iter().enumerate() {
                if let Some(g) = ids
                    .first()
                    .and_then(|id| self.entities.get(&(b, id.clone())))
                    .cloned()
                    && self.gold.entity(&g).is_some()
                {
                    self.entities.insert((a, e.to_owned()), g.clone());
                    return Some(g);
                }
            }
        }
        let source = self.docs[a].entity(e)?.clone();
        let prefix = self
            .schema
            .entity_kind(&source.kind)
            .map_or_else(|| "E".to_owned(), |k| k.id_prefix.clone());
        let id = self.gold.next_id(&prefix);
        self.gold.entities.push(crate::model::Entity {
            id: id.clone(),
            ..source
        });
        self.entities.insert((a, e.to_owned()), id.clone());
        Some(id)
    }

    /// The gold span standing for annotator `a`'s span `id`: its own copy, or else the gold
    /// span of its item that overlaps it most.
    fn gold_for(&self, a: usize, id: &str) -> Option<String> {
        if let Some((g, _)) = self.origin.iter().find(|(_, o)| o.0 == a && o.1 == id) {
            return Some(g.clone());
        }
        let span = self.docs[a].span(id)?;
        let index = self.item_of_span(a, id)?;
        let own = Extent::of(span);
        self.states[index]
            .gold
            .iter()
            .filter_map(|g| Some((g, Extent::of(self.gold.span(g)?).iou(&own))))
            .max_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(g, _)| g.clone())
    }

    /// Give every gold claim copied from an annotator the attribution that annotator made, as
    /// far as its sources and cue are in gold. Attributions the reviewer made or changed by
    /// hand (or found on resuming) are left alone.
    fn sync_attributions(&mut self) {
        let claims: Vec<(String, usize, String)> = self
            .gold
            .spans
            .iter()
            .filter(|s| self.schema.is_claim_kind(&s.kind))
            .filter_map(|s| {
                let (a, id) = self.origin.get(&s.id)?;
                Some((s.id.clone(), *a, id.clone()))
            })
            .collect();
        for (gold_claim, a, claim) in claims {
            let existing = self.gold.attribution_of(&gold_claim).is_some();
            if existing && !self.auto_attributions.contains(&gold_claim) {
                continue;
            }
            let Some(source) = self.docs[a].attribution_of(&claim).cloned() else {
                continue;
            };
            let sources: Vec<String> = source
                .sources
                .iter()
                .filter_map(|s| self.gold_for(a, s))
                .collect();
            if sources.is_empty() {
                continue;
            }
            let cue = source.cue.as_deref().and_then(|c| self.gold_for(a, c));
            let Ok(id) = self
                .gold
                .attribute(&self.schema, &gold_claim, &sources, cue.as_deref())
            else {
                continue;
            };
            let within = source
                .within
                .as_deref()
                .and_then(|w| self.docs[a].attribution(w))
                .and_then(|w| self.gold_for(a, &w.claim))
                .and_then(|c| self.gold.attribution_of(&c).map(|r| r.id.clone()));
            if let Some(target) = self.gold.attribution_mut(&id) {
                target.attrs = source.attrs.clone();
                target.confidence = source.confidence;
                target.note = source.note.clone();
                target.within = within;
            }
            self.auto_attributions.insert(gold_claim);
        }
    }

    /// Mark items already reflected in the gold document as decided: each gold span goes to
    /// the item whose record overlaps it most (same kind), and records its origin.
    fn resume(&mut self) {
        let mut pairs = Vec::new();
        for gold_span in &self.gold.spans {
            let g = Extent::of(gold_span);
            for (index, item) in self.items.iter().enumerate() {
                for (a, id) in item.members.iter().enumerate() {
                    let Some(span) = id.as_deref().and_then(|id| self.docs[a].span(id)) else {
                        continue;
                    };
                    let iou = g.iou(&Extent::of(span));
                    if iou > 0.0 {
                        let same_labels = span.attrs == gold_span.attrs;
                        pairs.push((
                            iou,
                            same_labels,
                            gold_span.id.clone(),
                            index,
                            a,
                            span.id.clone(),
                        ));
                    }
                }
            }
        }
        pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.cmp(&x.1)));
        let mut placed = BTreeSet::new();
        for (_, _, gold_id, index, a, id) in pairs {
            if !placed.insert(gold_id.clone()) {
                continue;
            }
            self.states[index].decision = Some(None);
            self.states[index].gold.push(gold_id.clone());
            if let (Some(own), Some(gold)) = (
                self.docs[a].span(&id).and_then(|s| s.entity.clone()),
                self.gold.span(&gold_id).and_then(|s| s.entity.clone()),
            ) {
                self.entities.entry((a, own)).or_insert(gold);
            }
            self.origin.insert(gold_id, (a, id));
        }
    }
}

#[cfg(test)]
#[path = "adjudicate_tests.rs"]
mod tests;
