//! Decisions that leave no span in gold still last: a rejection is written into the gold
//! document ([`ReviewRejection`]) so the item stays decided after reopening, and gold's done
//! marks follow the decisions (a paragraph is done once every item in it is decided; a
//! paragraph without items once the whole queue is).

use std::collections::BTreeSet;

use crate::model::annotation::ReviewRejection;
use crate::review::adjudicate::{Adjudication, Decision};

impl Adjudication {
    /// The rejection records of item `index`: one per annotator record in it.
    fn rejections_of(&self, index: usize) -> Vec<ReviewRejection> {
        let Some(item) = self.items.get(index) else {
            return Vec::new();
        };
        item.members
            .iter()
            .enumerate()
            .filter_map(|(a, id)| self.docs.get(a)?.span(id.as_deref()?))
            .map(|span| ReviewRejection {
                kind: span.kind.clone(),
                para: span.anchor.para,
                start: span.anchor.start,
                end: span.anchor.end,
                exact: span.anchor.exact.clone(),
            })
            .collect()
    }

    /// Write the rejection of item `index` into gold.
    pub(super) fn record_rejection(&mut self, index: usize) {
        let records = self.rejections_of(index);
        self.gold.review_rejections.extend(records);
        self.gold.review_rejections.sort();
        self.gold.review_rejections.dedup();
    }

    /// Remove what a rejection of item `index` wrote into gold.
    pub(super) fn forget_rejection(&mut self, index: usize) {
        let records: BTreeSet<ReviewRejection> = self.rejections_of(index).into_iter().collect();
        self.gold.review_rejections.retain(|r| !records.contains(r));
    }

    /// On resuming: items whose records gold lists as rejected are decided (rejected).
    pub(super) fn resume_rejections(&mut self) {
        if self.gold.review_rejections.is_empty() {
            return;
        }
        let rejected: BTreeSet<(&str, usize, usize, usize)> = self
            .gold
            .review_rejections
            .iter()
            .map(|r| (r.kind.as_str(), r.para, r.start, r.end))
            .collect();
        let found: Vec<usize> = (0..self.items.len())
            .filter(|&index| self.states[index].decision.is_none())
            .filter(|&index| {
                self.rejections_of(index)
                    .iter()
                    .any(|r| rejected.contains(&(r.kind.as_str(), r.para, r.start, r.end)))
            })
            .collect();
        for index in found {
            self.states[index].decision = Some(Some(Decision::Reject));
        }
    }

    /// Set gold's done marks from the decisions.
    pub(super) fn sync_done(&mut self) {
        let paragraphs = self.gold.article.paragraphs.len();
        let mut with_items = BTreeSet::new();
        let mut open = BTreeSet::new();
        for (index, item) in self.items.iter().enumerate() {
            with_items.insert(item.para);
            if !self.is_decided(index) {
                open.insert(item.para);
            }
        }
        let all_decided = open.is_empty();
        self.gold.done = (0..paragraphs)
            .filter(|p| {
                if with_items.contains(p) {
                    !open.contains(p)
                } else {
                    all_decided
                }
            })
            .collect();
    }
}
