//! What a mapped import read and made, summed over files: spans and attributions imported,
//! the foreign spans and events seen and used, and what was skipped, by type.

use std::collections::BTreeMap;

/// Counts of one file or of a whole import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Spans created.
    pub spans: usize,
    /// Attributions created.
    pub attributions: usize,
    /// Speaker entities created.
    pub entities: usize,
    /// Per mapped foreign `T` type: lines seen and lines imported as one or more spans.
    pub foreign_spans: BTreeMap<String, (usize, usize)>,
    /// Per mapped event or relation type: seen and imported as one or more attributions.
    pub events: BTreeMap<String, (usize, usize)>,
    /// Lines left out because the mapping does not map their type, by type.
    pub skipped: BTreeMap<String, usize>,
}

impl Counts {
    /// Add `other` into `self`.
    pub fn add(&mut self, other: &Self) {
        self.spans += other.spans;
        self.attributions += other.attributions;
        self.entities += other.entities;
        for (mine, theirs) in [
            (&mut self.foreign_spans, &other.foreign_spans),
            (&mut self.events, &other.events),
        ] {
            for (ty, (seen, used)) in theirs {
                let entry = mine.entry(ty.clone()).or_default();
                entry.0 += seen;
                entry.1 += used;
            }
        }
        for (ty, n) in &other.skipped {
            *self.skipped.entry(ty.clone()).or_default() += n;
        }
    }

    /// Lines skipped in all.
    #[must_use]
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }

    /// `imported N spans, M attributions; skipped K (by type)`.
    #[must_use]
    pub fn summary(&self) -> String {
        let by_type: Vec<String> = self
            .skipped
            .iter()
            .map(|(ty, n)| format!("{ty}: {n}"))
            .collect();
        let skipped = if by_type.is_empty() {
            "skipped 0".to_owned()
        } else {
            format!("skipped {} ({})", self.skipped_total(), by_type.join(", "))
        };
        format!(
            "imported {} spans, {} attributions, {} entities; {skipped}",
            self.spans, self.attributions, self.entities
        )
    }

    /// Note that a `T` of a mapped type was seen (and whether it was imported).
    pub fn span_seen(&mut self, ty: &str, imported: bool) {
        let entry = self.foreign_spans.entry(ty.to_owned()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(imported);
    }

    /// Note that an event or relation of a mapped type was seen (and whether it became an
    /// attribution).
    pub fn event_seen(&mut self, ty: &str, imported: bool) {
        let entry = self.events.entry(ty.to_owned()).or_default();
        entry.0 += 1;
        entry.1 += usize::from(imported);
    }

    /// `Source 100.00% (n of m), ...; events: Attribution 100.00% (n of m), ...`: how much of
    /// each mapped foreign type was imported.
    #[must_use]
    pub fn coverage(&self) -> String {
        let list = |map: &BTreeMap<String, (usize, usize)>| {
            map.iter()
                .map(|(ty, &(seen, used))| {
                    #[allow(clippy::cast_precision_loss)]
                    let pct = if seen == 0 {
                        100.0
                    } else {
                        used as f64 * 100.0 / seen as f64
                    };
                    format!("{ty} {pct:.2}% ({used} of {seen})")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "spans imported: {}; attributions from: {}",
            list(&self.foreign_spans),
            list(&self.events)
        )
    }
}
