//! The adjudication model that the review screen drives: a queue of aligned items, decisions
//! (take one annotator's record, take all, take then edit, reject, accept every full
//! agreement), and the gold document they build. Every decision updates the gold
//! [`AnnotationDoc`] at once (annotator `gold`, an ordinary sidecar): spans are copied with
//! fresh ids, speaker entities and attributions follow the spans they belong to. Opening an
//! existing gold document resumes: items already reflected in it count as decided.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{AnnotationDoc, Article, Schema};
use crate::review::align::Alignment;
use crate::review::queue::{Item, ItemStatus, build_queue};
use crate::review::report::AgreementReport;
use crate::review::stats::span_f1::MatchRule;
use crate::review::tally::Tally;
use crate::store::GOLD;

mod gold;
mod lasting;

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
    /// (annotator, span id) -> queue position.
    span_items: BTreeMap<(usize, String), usize>,
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
        let span_items = items
            .iter()
            .enumerate()
            .flat_map(|(index, item)| {
                item.members
                    .iter()
                    .enumerate()
                    .filter_map(move |(a, id)| Some(((a, id.clone()?), index)))
            })
            .collect();
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
            span_items,
        };
        this.resume();
        this.resume_rejections();
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
        self.span_items.get(&(a, id.to_owned())).copied()
    }

    /// The queue position of the item a gold span was decided for.
    #[must_use]
    pub fn item_of_gold_span(&self, gold_id: &str) -> Option<usize> {
        self.states
            .iter()
            .position(|s| s.gold.iter().any(|g| g == gold_id))
    }

    /// Agreement figures of the annotators on this article (for a summary panel).
    #[must_use]
    pub fn agreement_report(&self, article: &Article) -> AgreementReport {
        let refs: Vec<&AnnotationDoc> = self.docs.iter().collect();
        AgreementReport::from_tally(&Tally::of_document(&self.schema, article, &refs), false)
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
        if decision == Decision::Reject {
            self.record_rejection(index);
        }
        self.sync_attributions();
        self.sync_done();
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
            self.sync_done();
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
}

#[cfg(test)]
mod tests;
