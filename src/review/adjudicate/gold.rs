//! How decisions write into the gold document: copying spans with fresh ids, carrying speaker
//! entities and attributions along, undoing a decision, and recognising earlier decisions in
//! a resumed gold document.

use std::collections::BTreeSet;

use crate::model::Span;
use crate::review::adjudicate::Adjudication;
use crate::review::stats::span_f1::Extent;

impl Adjudication {
    /// Remove the gold spans of item `index` (and entities left without mentions).
    pub(super) fn undo(&mut self, index: usize) {
        let ids = std::mem::take(&mut self.states[index].gold);
        if self.states[index].decision == Some(Some(crate::review::adjudicate::Decision::Reject)) {
            self.forget_rejection(index);
        }
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
    pub(super) fn copy_span(&mut self, a: usize, id: &str) -> Option<String> {
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
    pub(super) fn gold_entity(&mut self, a: usize, e: &str) -> Option<String> {
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
    pub(super) fn gold_for(&self, a: usize, id: &str) -> Option<String> {
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
    pub(super) fn sync_attributions(&mut self) {
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
    pub(super) fn resume(&mut self) {
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
