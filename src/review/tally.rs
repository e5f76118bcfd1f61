//! The raw material of an agreement report: span match counts per annotator pair, attribute
//! ratings on aligned records (only values an annotator chose: an unset value is missing,
//! counted apart as "left at default"), attribution triples and unitizing data. Tallies of several
//! documents add up to the corpus tally (counts summed, rating units pooled), so corpus
//! figures are computed over all items rather than averaged over documents.

use std::collections::BTreeMap;

use crate::model::{AnchorStatus, AnnotationDoc, Article, Confidence, Level, Schema, Span};
use crate::review::align::Alignment;
use crate::review::stats::span_f1::{Counts, Extent, MatchRule, char_counts, span_counts};
use crate::review::stats::{Ratings, UnitizingStudy};

/// Counts of one span kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindTally {
    /// Spans per annotator.
    pub spans: Vec<usize>,
    /// Exact-match counts per annotator pair.
    pub exact: Vec<Counts>,
    /// Overlap (one-to-one by IoU) counts per annotator pair.
    pub overlap: Vec<Counts>,
    /// Character-level counts per annotator pair.
    pub chars: Vec<Counts>,
    /// Units for unitized alpha: (annotator, document offset, length).
    pub units: Vec<(usize, u64, u64)>,
    /// Length of the continuum (all documents' characters).
    pub length: u64,
}

/// Ratings of one attribute on aligned records.
#[derive(Debug, Clone, PartialEq)]
pub struct AttrTally {
    /// Measurement level.
    pub level: Level,
    /// What the attribute is recorded on ("Claim", "Cue", "SpeakerEntity", "Attribution").
    pub applies_to: String,
    /// Category names in schema order.
    pub domain: Vec<String>,
    /// One unit per aligned record.
    pub ratings: Ratings,
    /// Per unit: every annotator's record there has High confidence.
    pub high_confidence: Vec<bool>,
    /// Per annotator: records on aligned units that carry no value of this attribute (left
    /// at the schema default; not counted as a rating).
    pub unset: Vec<usize>,
}

/// Everything needed to compute the agreement figures of one document or a corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Annotator names.
    pub annotators: Vec<String>,
    /// Span kinds, by name.
    pub kinds: BTreeMap<String, KindTally>,
    /// Attribution triple counts per annotator pair.
    pub triples: Vec<Counts>,
    /// Attributes in schema order: those of each span kind, of its entities, then of the
    /// relation (text attributes are left out).
    pub attrs: Vec<(String, AttrTally)>,
    /// Entity groups: total, one-to-one, split, unmatched.
    pub entities: EntityCounts,
    /// Spans left out because re-anchoring could not place them, per annotator.
    pub orphaned: Vec<usize>,
}

/// How speaker entities aligned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct EntityCounts {
    /// Entity groups.
    pub groups: usize,
    /// Groups with exactly one entity of every annotator.
    pub one_to_one: usize,
    /// Groups where an annotator has several entities (split or merged differently).
    pub split: usize,
    /// Groups missing some annotator.
    pub unmatched: usize,
}

/// Annotator pairs `(a, b)` with `a < b`, in order.
#[must_use]
pub fn pairs(n: usize) -> Vec<(usize, usize)> {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .collect()
}

impl Tally {
    /// Tally one article annotated by `docs` (one per annotator, already re-anchored).
    #[must_use]
    pub fn of_document(schema: &Schema, article: &Article, docs: &[&AnnotationDoc]) -> Self {
        let n = docs.len();
        let placed: Vec<Vec<&Span>> = docs
            .iter()
            .map(|d| {
                d.spans
                    .iter()
                    .filter(|s| s.status != AnchorStatus::Orphaned && !s.anchor.is_empty())
                    .collect()
            })
            .collect();
        let mut kinds = BTreeMap::new();
        let mut names: Vec<&str> = schema.spans.iter().map(|k| k.name.as_str()).collect();
        for list in &placed {
            for s in list {
                if !names.contains(&s.kind.as_str()) {
                    names.push(&s.kind);
                }
            }
        }
        for kind in names {
            let ext: Vec<Vec<Extent<'_>>> = placed
                .iter()
                .map(|l| {
                    l.iter()
                        .filter(|s| s.kind == kind)
                        .map(|s| Extent::of(s))
                        .collect()
                })
                .collect();
            let mut tally = KindTally {
                spans: ext.iter().map(Vec::len).collect(),
                length: article.char_len() as u64,
                ..KindTally::default()
            };
            for (a, b) in pairs(n) {
                tally
                    .exact
                    .push(span_counts(&ext[a], &ext[b], MatchRule::Exact));
                tally
                    .overlap
                    .push(span_counts(&ext[a], &ext[b], MatchRule::Overlap));
                tally.chars.push(char_counts(&ext[a], &ext[b]));
            }
            for (a, list) in ext.iter().enumerate() {
                for e in list {
                    let start = article.doc_offset(e.para, e.start) as u64;
                    tally.units.push((a, start, e.len() as u64));
                }
            }
            kinds.insert(kind.to_owned(), tally);
        }
        let alignment = Alignment::new(docs, MatchRule::Overlap);
        let triples = pairs(n)
            .into_iter()
            .map(|(a, b)| alignment.triple_counts(a, b))
            .collect();
        let attrs = attribute_tallies(schema, docs, &alignment);
        let groups = &alignment.entity_groups;
        let entities = EntityCounts {
            groups: groups.len(),
            one_to_one: groups.iter().filter(|g| g.is_one_to_one()).count(),
            split: groups.iter().filter(|g| g.is_split()).count(),
            unmatched: groups.iter().filter(|g| g.is_unmatched()).count(),
        };
        Self {
            annotators: docs.iter().map(|d| d.annotator.clone()).collect(),
            kinds,
            triples,
            attrs,
            entities,
            orphaned: docs
                .iter()
                .zip(&placed)
                .map(|(d, p)| d.spans.len() - p.len())
                .collect(),
        }
    }

    /// Add another document's tally (same annotators, same schema).
    pub fn add(&mut self, other: &Self) {
        for (kind, theirs) in &other.kinds {
            let ours = self.kinds.entry(kind.clone()).or_insert_with(|| KindTally {
                spans: vec![0; theirs.spans.len()],
                exact: vec![Counts::default(); theirs.exact.len()],
                overlap: vec![Counts::default(); theirs.overlap.len()],
                chars: vec![Counts::default(); theirs.chars.len()],
                ..KindTally::default()
            });
            add_each(&mut ours.exact, &theirs.exact);
            add_each(&mut ours.overlap, &theirs.overlap);
            add_each(&mut ours.chars, &theirs.chars);
            for (x, y) in ours.spans.iter_mut().zip(&theirs.spans) {
                *x += y;
            }
            let shift = ours.length;
            ours.units
                .extend(theirs.units.iter().map(|&(a, s, l)| (a, s + shift, l)));
            ours.length += theirs.length;
        }
        add_each(&mut self.triples, &other.triples);
        for (name, theirs) in &other.attrs {
            match self.attr_mut(name) {
                Some(ours) => {
                    ours.ratings.extend(&theirs.ratings);
                    ours.high_confidence.extend(&theirs.high_confidence);
                    ours.unset
                        .resize(theirs.unset.len().max(ours.unset.len()), 0);
                    for (x, y) in ours.unset.iter_mut().zip(&theirs.unset) {
                        *x += y;
                    }
                }
                None => self.attrs.push((name.clone(), theirs.clone())),
            }
        }
        self.entities.groups += other.entities.groups;
        self.entities.one_to_one += other.entities.one_to_one;
        self.entities.split += other.entities.split;
        self.entities.unmatched += other.entities.unmatched;
        for (x, y) in self.orphaned.iter_mut().zip(&other.orphaned) {
            *x += y;
        }
    }

    /// The tally of attribute `name`.
    #[must_use]
    pub fn attr(&self, name: &str) -> Option<&AttrTally> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, t)| t)
    }

    fn attr_mut(&mut self, name: &str) -> Option<&mut AttrTally> {
        self.attrs
            .iter_mut()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t)
    }

    /// The unitizing study of one span kind.
    #[must_use]
    pub fn unitizing_study(&self, kind: &str) -> Option<UnitizingStudy> {
        let k = self.kinds.get(kind)?;
        let mut study = UnitizingStudy::new(self.annotators.len(), 0, k.length);
        for &(a, start, len) in &k.units {
            study.add_unit(start, len, a, kind);
        }
        Some(study)
    }
}

fn add_each(ours: &mut Vec<Counts>, theirs: &[Counts]) {
    ours.resize(theirs.len().max(ours.len()), Counts::default());
    for (x, y) in ours.iter_mut().zip(theirs) {
        x.add(*y);
    }
}

/// An annotator's value of one attribute on one record (`None` = unset), and its confidence.
type Rated = (Option<String>, Confidence);

/// Ratings of every categorical attribute of the schema over the aligned records: span
/// attributes on span groups of their kind, entity attributes on aligned mentions (every
/// mention inherits its entity's values), relation attributes on the attributions of aligned
/// claims.
fn attribute_tallies(
    schema: &Schema,
    docs: &[&AnnotationDoc],
    alignment: &Alignment,
) -> Vec<(String, AttrTally)> {
    let mut out: Vec<(String, AttrTally)> = Vec::new();
    let mut add = |attr: &str,
                   applies_to: &str,
                   kind: &str,
                   pick: &dyn Fn(usize, &Span, &str) -> Option<Rated>| {
        let Some(def) = schema.attr(attr) else { return };
        if def.level == Level::Text {
            return;
        }
        let domain: Vec<String> = def.values.iter().map(|v| v.name.clone()).collect();
        let mut ratings = Ratings::new(domain.len(), docs.len());
        let mut high = Vec::new();
        let mut unset = vec![0; docs.len()];
        for group in alignment.groups.iter().filter(|g| g.kind == kind) {
            let mut unit = Vec::new();
            let mut all_high = true;
            for (a, id) in group.members.iter().enumerate() {
                let rated = id
                    .as_deref()
                    .and_then(|id| docs[a].span(id))
                    .and_then(|s| pick(a, s, attr));
                all_high &= rated.as_ref().is_none_or(|r| r.1 == Confidence::High);
                if rated.as_ref().is_some_and(|r| r.0.is_none()) {
                    unset[a] += 1;
                }
                unit.push(rated.and_then(|r| r.0).and_then(|v| def.rank(&v)));
            }
            ratings.push(unit);
            high.push(all_high);
        }
        // An attribute used by two kinds is measured where it appears first.
        if out.iter().all(|(n, _)| n != attr) {
            out.push((
                attr.to_owned(),
                AttrTally {
                    level: def.level,
                    applies_to: applies_to.to_owned(),
                    domain,
                    ratings,
                    high_confidence: high,
                    unset,
                },
            ));
        }
    };
    for kind in &schema.spans {
        for attr in &kind.attrs {
            add(attr, &kind.name, &kind.name, &|_, s, attr| {
                Some((s.attrs.get(attr).cloned(), s.confidence))
            });
        }
        if let Some(entity_kind) = kind.entity.as_deref().and_then(|e| schema.entity_kind(e)) {
            for attr in &entity_kind.attrs {
                add(attr, &entity_kind.name, &kind.name, &|a, s, attr| {
                    let e = docs[a].entity(s.entity.as_deref()?)?;
                    Some((e.attrs.get(attr).cloned(), e.confidence))
                });
            }
        }
    }
    for attr in &schema.relation.attrs {
        add(
            attr,
            &schema.relation.name,
            &schema.relation.from,
            &|a, s, attr| {
                let r = docs[a].attribution_of(&s.id)?;
                Some((r.attrs.get(attr).cloned(), r.confidence))
            },
        );
    }
    out
}
