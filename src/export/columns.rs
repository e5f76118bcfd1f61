//! The flat dataset (dataset-columns.md): one row per claim with fixed columns, one column per
//! schema attribute and the derived columns. Shared by the JSONL and CSV writers.

use std::borrow::Cow;

use crate::export::derived;
use crate::export::place::place;
use crate::model::{AnnotationDoc, Article, Schema, Span};

/// Columns before the attribute columns, in order.
pub const LEADING: [&str; 20] = [
    "doc_id",
    "article_sha256",
    "annotator",
    "schema",
    "para_index",
    "claim_id",
    "claim_start",
    "claim_end",
    "claim_para_start",
    "claim_para_end",
    "claim_text",
    "source",
    "speaker_entity_id",
    "speaker_entity",
    "speaker_text",
    "speaker_start",
    "speaker_end",
    "cue_text",
    "cue_start",
    "cue_end",
];

/// Columns after the attribute columns, in order.
pub const TRAILING: [&str; 9] = [
    "factbank",
    "factuality_scalar",
    "anonymous",
    "intermediary",
    "interested_party_unverified",
    "confidence",
    "note",
    "anchor_status",
    "suggested",
];

/// One cell of a row (borrowing from the document where it can).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Missing value (JSON `null`, empty CSV field).
    Null,
    /// Text.
    Str(Cow<'a, str>),
    /// Integer.
    Int(i64),
    /// Boolean.
    Bool(bool),
}

impl<'a> Cell<'a> {
    fn opt_str(value: Option<&'a str>) -> Self {
        value.map_or(Self::Null, |v| Self::Str(Cow::Borrowed(v)))
    }

    fn str(value: &'a str) -> Self {
        Self::Str(Cow::Borrowed(value))
    }

    fn opt_int(value: Option<usize>) -> Self {
        value.map_or(Self::Null, |v| {
            Self::Int(i64::try_from(v).unwrap_or(i64::MAX))
        })
    }
}

/// The column layout for one schema.
#[derive(Debug, Clone)]
pub struct Columns {
    names: Vec<String>,
    attrs: Vec<String>,
}

impl Columns {
    /// Columns for `schema`: attributes of the claim kind, the source kinds and their entity
    /// kinds, the cue kind and the relation, then any other schema attribute.
    ///
    /// # Errors
    /// A message when a schema attribute has the name of a fixed column.
    pub fn new(schema: &Schema) -> Result<Self, String> {
        let mut attrs: Vec<String> = Vec::new();
        let mut push = |list: &[String]| {
            for a in list {
                if !attrs.contains(a) {
                    attrs.push(a.clone());
                }
            }
        };
        let rel = &schema.relation;
        if let Some(k) = schema.span_kind(&rel.from) {
            push(&k.attrs);
        }
        for source in &rel.to {
            if let Some(k) = schema.span_kind(source) {
                push(&k.attrs);
                if let Some(e) = k.entity.as_deref().and_then(|e| schema.entity_kind(e)) {
                    push(&e.attrs);
                }
            }
        }
        if let Some(k) = rel.cue.as_deref().and_then(|c| schema.span_kind(c)) {
            push(&k.attrs);
        }
        push(&rel.attrs);
        let rest: Vec<String> = schema.attrs.keys().cloned().collect();
        push(&rest);
        let fixed: Vec<&str> = LEADING.iter().chain(TRAILING.iter()).copied().collect();
        if let Some(clash) = attrs.iter().find(|a| fixed.contains(&a.as_str())) {
            return Err(format!(
                "schema attribute `{clash}` has the name of a fixed dataset column; rename it"
            ));
        }
        let names = LEADING
            .iter()
            .map(|s| (*s).to_owned())
            .chain(attrs.iter().cloned())
            .chain(TRAILING.iter().map(|s| (*s).to_owned()))
            .collect();
        Ok(Self { names, attrs })
    }

    /// Every column name, in order.
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// One row per claim of `doc`, in document order.
    #[must_use]
    pub fn rows<'a>(
        &self,
        schema: &Schema,
        doc_id: &'a str,
        article: &'a Article,
        doc: &'a AnnotationDoc,
    ) -> Vec<Vec<Cell<'a>>> {
        doc.spans
            .iter()
            .filter(|s| schema.is_claim_kind(&s.kind))
            .map(|claim| self.row(doc_id, article, doc, claim))
            .collect()
    }

    fn row<'a>(
        &self,
        doc_id: &'a str,
        article: &'a Article,
        doc: &'a AnnotationDoc,
        claim: &'a Span,
    ) -> Vec<Cell<'a>> {
        let attribution = doc.attribution_of(&claim.id);
        let speaker = attribution
            .and_then(|a| a.sources.first())
            .and_then(|id| doc.span(id));
        let entity = speaker
            .and_then(|s| s.entity.as_deref())
            .and_then(|id| doc.entity(id));
        let cue = attribution
            .and_then(|a| a.cue.as_deref())
            .and_then(|id| doc.span(id));
        let placed_claim = place(article, claim);
        let placed_speaker = speaker.and_then(|s| place(article, s));
        let placed_cue = cue.and_then(|s| place(article, s));
        let lookup = |name: &str| -> Option<&'a str> {
            claim
                .attrs
                .get(name)
                .or_else(|| attribution.and_then(|a| a.attrs.get(name)))
                .or_else(|| entity.and_then(|e| e.attrs.get(name)))
                .or_else(|| speaker.and_then(|s| s.attrs.get(name)))
                .or_else(|| cue.and_then(|s| s.attrs.get(name)))
                .map(String::as_str)
        };
        let mut row = Vec::with_capacity(self.names.len());
        row.extend([
            Cell::str(doc_id),
            Cell::str(article.sha256()),
            Cell::str(&doc.annotator),
            Cell::str(&doc.schema),
            Cell::opt_int(Some(claim.anchor.para)),
            Cell::str(&claim.id),
            Cell::opt_int(placed_claim.map(|p| p.start)),
            Cell::opt_int(placed_claim.map(|p| p.end)),
            Cell::opt_int(placed_claim.map(|p| p.para_start)),
            Cell::opt_int(placed_claim.map(|p| p.para_end)),
            Cell::str(placed_claim.map_or(claim.anchor.exact.as_str(), |p| p.text)),
            Cell::str(if attribution.is_some() {
                "speaker"
            } else {
                "writer"
            }),
            Cell::opt_str(entity.map(|e| e.id.as_str())),
            Cell::opt_str(entity.map(|e| e.name.as_str())),
            Cell::opt_str(placed_speaker.map(|p| p.text)),
            Cell::opt_int(placed_speaker.map(|p| p.start)),
            Cell::opt_int(placed_speaker.map(|p| p.end)),
            Cell::opt_str(placed_cue.map(|p| p.text)),
            Cell::opt_int(placed_cue.map(|p| p.start)),
            Cell::opt_int(placed_cue.map(|p| p.end)),
        ]);
        row.extend(self.attrs.iter().map(|a| Cell::opt_str(lookup(a))));
        let certainty = lookup("certainty");
        let polarity = lookup("polarity");
        row.extend([
            derived::factbank(certainty, polarity).map_or(Cell::Null, |f| Cell::Str(Cow::Owned(f))),
            derived::factuality_scalar(certainty, polarity).map_or(Cell::Null, Cell::Int),
            Cell::Bool(derived::anonymous(lookup("identification"))),
            Cell::Bool(derived::intermediary(lookup("channel"))),
            Cell::Bool(derived::interested_party_unverified(
                lookup("stake"),
                lookup("verification"),
            )),
            Cell::str(claim.confidence.as_str()),
            Cell::opt_str(claim.note.as_deref()),
            Cell::str(claim.status.as_str()),
            // Provenance, not a label: the claim was accepted from a suggestion.
            Cell::Bool(claim.suggested),
        ]);
        row
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn unset_values_are_null_and_chosen_ones_text() {
        let schema = Schema::default_schema();
        let article =
            Article::from_text(Path::new("a.txt"), "Officials said the port will reopen.")
                .expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "alice", "2026-01-01T00:00:00Z");
        let claim = doc
            .add_span(&schema, &article, "Claim", 0, 15, 35)
            .expect("claim");
        doc.set_attr(&schema, &claim, "certainty", Some("probable"))
            .expect("set");
        let columns = Columns::new(&schema).expect("columns");
        let rows = columns.rows(&schema, "a", &article, &doc);
        let cell = |name: &str| {
            let i = columns
                .names()
                .iter()
                .position(|n| n == name)
                .expect("column");
            rows[0][i].clone()
        };
        assert_eq!(cell("certainty"), Cell::Str(Cow::Borrowed("probable")));
        assert_eq!(cell("polarity"), Cell::Null, "left at default: null");
        assert_eq!(cell("factbank"), Cell::Null, "needs both values");
    }
}
