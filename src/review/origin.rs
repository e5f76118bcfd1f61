//! Agreement by origin (`agree --by-origin`): the part of the text where someone accepted a
//! suggestion and the rest, compared apart, so a study can see whether accepted suggestions
//! agree more (or less) than hand-made labels. The *suggested* view of each annotator holds
//! their spans taken from suggestions and their hand-made spans that overlap another
//! annotator's suggested span of the same kind (what a second annotator, with or without
//! suggestions, marked there); the *hand-made* view holds every other span. So each span is
//! in exactly one view, and an annotator who never used suggestions is compared in both.
//! An attribution goes with its claim, keeping only the sources and cue of the same view;
//! the usual figures are computed on each view.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::{AnnotationDoc, Article, Schema, Span};
use crate::review::report::AgreementReport;
use crate::review::tally::Tally;

/// Where a record came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Accepted from a suggestion.
    Suggested,
    /// Made by hand.
    HandMade,
}

/// A suggested span's (start, end, annotator index) in its paragraph.
type Placed = (usize, usize, usize);

/// Each of `docs` (the annotators of one article) cut to the `origin` view (module docs).
#[must_use]
pub fn views(docs: &[AnnotationDoc], origin: Origin) -> Vec<AnnotationDoc> {
    // Suggested spans by (kind, paragraph): (start, end, annotator).
    let mut suggested: BTreeMap<(&str, usize), Vec<Placed>> = BTreeMap::new();
    for (who, doc) in docs.iter().enumerate() {
        for s in doc.spans.iter().filter(|s| s.suggested) {
            suggested
                .entry((s.kind.as_str(), s.anchor.para))
                .or_default()
                .push((s.anchor.start, s.anchor.end, who));
        }
    }
    let in_suggested_view = |who: usize, s: &Span| {
        s.suggested
            || suggested
                .get(&(s.kind.as_str(), s.anchor.para))
                .is_some_and(|list| {
                    list.iter().any(|&(start, end, other)| {
                        other != who && start < s.anchor.end && s.anchor.start < end
                    })
                })
    };
    docs.iter()
        .enumerate()
        .map(|(who, doc)| {
            let mut out = doc.clone();
            out.spans
                .retain(|s| in_suggested_view(who, s) == (origin == Origin::Suggested));
            let kept: BTreeSet<&str> = out.spans.iter().map(|s| s.id.as_str()).collect();
            out.attributions = doc
                .attributions
                .iter()
                .filter(|a| kept.contains(a.claim.as_str()))
                .cloned()
                .map(|mut a| {
                    a.sources.retain(|s| kept.contains(s.as_str()));
                    a.cue = a.cue.filter(|c| kept.contains(c.as_str()));
                    a
                })
                .collect();
            out
        })
        .collect()
}

/// Records of each origin, per annotator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OriginCounts {
    /// Spans accepted from suggestions.
    pub suggested_spans: usize,
    /// Spans made by hand.
    pub hand_made_spans: usize,
    /// Attributions accepted from suggestions.
    pub suggested_attributions: usize,
    /// Attributions made by hand.
    pub hand_made_attributions: usize,
}

impl OriginCounts {
    fn add(&mut self, doc: &AnnotationDoc) {
        let s = doc.spans.iter().filter(|s| s.suggested).count();
        let a = doc.attributions.iter().filter(|a| a.suggested).count();
        self.suggested_spans += s;
        self.hand_made_spans += doc.spans.len() - s;
        self.suggested_attributions += a;
        self.hand_made_attributions += doc.attributions.len() - a;
    }
}

/// The pooled figures of each origin over a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByOrigin {
    /// Records of each origin, per annotator (the order of the compared annotators).
    pub records: Vec<OriginCounts>,
    /// Agreement in the suggested view (suggested spans and what others marked over them).
    pub suggested: Option<AgreementReport>,
    /// Agreement in the hand-made view (everything else).
    pub hand_made: Option<AgreementReport>,
}

/// Pools the tallies of each origin document by document.
#[derive(Debug, Default)]
pub struct ByOriginTally {
    records: Vec<OriginCounts>,
    suggested: Option<Tally>,
    hand_made: Option<Tally>,
}

impl ByOriginTally {
    /// Add one document's annotator documents (in the compared annotators' order).
    pub fn add(&mut self, schema: &Schema, article: &Article, docs: &[AnnotationDoc]) {
        self.records.resize(docs.len(), OriginCounts::default());
        for (counts, doc) in self.records.iter_mut().zip(docs) {
            counts.add(doc);
        }
        for (origin, pooled) in [
            (Origin::Suggested, &mut self.suggested),
            (Origin::HandMade, &mut self.hand_made),
        ] {
            let cut = views(docs, origin);
            let refs: Vec<&AnnotationDoc> = cut.iter().collect();
            let tally = Tally::of_document(schema, article, &refs);
            match pooled.as_mut() {
                Some(p) => p.add(&tally),
                None => *pooled = Some(tally),
            }
        }
    }

    /// The figures.
    #[must_use]
    pub fn report(&self, confusion: bool) -> ByOrigin {
        ByOrigin {
            records: self.records.clone(),
            suggested: self
                .suggested
                .as_ref()
                .map(|t| AgreementReport::from_tally(t, confusion)),
            hand_made: self
                .hand_made
                .as_ref()
                .map(|t| AgreementReport::from_tally(t, confusion)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_span_is_in_one_view_and_others_join_the_suggested_one_where_they_overlap() {
        let schema = Schema::default_schema();
        let text = "Ann said it rains. Bo said it snows.";
        let article = Article::from_text(Path::new("a.txt"), text).expect("a");
        // A accepted the first bundle's speaker from a suggestion and marked the rest by hand.
        let mut a = AnnotationDoc::new(&schema, &article, "A", "t");
        let ann = a
            .add_span(&schema, &article, "Speaker", 0, 0, 3)
            .expect("s");
        let k = a.add_span(&schema, &article, "Cue", 0, 4, 8).expect("k");
        let c = a.add_span(&schema, &article, "Claim", 0, 9, 17).expect("c");
        a.attribute(&schema, &c, std::slice::from_ref(&ann), Some(&k))
            .expect("att");
        a.spans
            .iter_mut()
            .filter(|x| x.id == ann)
            .for_each(|x| x.suggested = true);
        // B, without suggestions: both speakers by hand.
        let mut b = AnnotationDoc::new(&schema, &article, "B", "t");
        b.add_span(&schema, &article, "Speaker", 0, 0, 3)
            .expect("s");
        b.add_span(&schema, &article, "Speaker", 0, 19, 21)
            .expect("s");
        let docs = [a, b];
        let sug = views(&docs, Origin::Suggested);
        let hand = views(&docs, Origin::HandMade);
        assert_eq!(sug[0].spans.len(), 1);
        assert!(sug[0].attributions.is_empty(), "the claim is hand-made");
        assert_eq!(
            sug[1].spans.len(),
            1,
            "B's \"Ann\" overlaps A's suggested speaker"
        );
        assert_eq!(hand[0].spans.len(), 2);
        assert_eq!(hand[1].spans.len(), 1, "B's \"Bo\"");
        // The hand-made attribution keeps its cue but loses the suggested source.
        assert!(hand[0].attributions[0].sources.is_empty());
        assert_eq!(hand[0].attributions[0].cue.as_deref(), Some(k.as_str()));
        for (who, doc) in docs.iter().enumerate() {
            assert_eq!(
                sug[who].spans.len() + hand[who].spans.len(),
                doc.spans.len()
            );
        }
    }
}
