//! Edits of an annotation document that keep it consistent: marking spans, creating entities,
//! attributing claims, setting checked attribute values, and deleting records together with
//! the links that depend on them ([`AnnotationDoc::delete_consequences`] says what a delete
//! takes along before it is done).
//!
//! New records carry no attribute values: a value is stored only once the annotator chose it.
//! The schema default is what an unset value is shown as, never written as if chosen (so
//! agreement figures and exports see only real choices).

use std::collections::{BTreeMap, BTreeSet};

use crate::model::annotation::{Anchor, AnnotationDoc, Attribution, Confidence, Entity, Span};
use crate::model::article::Article;
use crate::model::schema::Schema;

/// Why an edit was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No record with that id.
    #[error("no record `{0}`")]
    NotFound(String),
    /// The schema has no such kind, or it is disabled.
    #[error("unknown or disabled kind `{0}`")]
    UnknownKind(String),
    /// The range is empty or outside the paragraph.
    #[error("invalid range {start}..{end} in paragraph {para}")]
    BadRange {
        /// Paragraph.
        para: usize,
        /// Start.
        start: usize,
        /// End.
        end: usize,
    },
    /// The value is not allowed by the schema.
    #[error("{0}")]
    BadValue(String),
    /// The records cannot be linked that way.
    #[error("{0}")]
    BadLink(String),
}

/// Why a delete removes an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovedBecause {
    /// The deleted span is the attribution's claim.
    Claim,
    /// The deleted span is its only source: the claim returns to the writer's voice.
    LastSource,
}

/// An attribution a delete removes, with what the annotator had put on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedAttribution {
    /// Attribution id.
    pub id: String,
    /// Its claim.
    pub claim: String,
    /// Why it goes.
    pub because: RemovedBecause,
    /// What is lost with it: `cue` when it had another cue, then the attributes set on it.
    pub values: Vec<String>,
}

/// What deleting one span takes along ([`AnnotationDoc::delete_consequences`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeleteConsequences {
    /// Attributions removed.
    pub removed: Vec<RemovedAttribution>,
    /// Attributions that keep going without this span as their cue.
    pub lost_cue: Vec<String>,
    /// Attributions that keep going without this span as one of their sources.
    pub lost_source: Vec<String>,
}

impl DeleteConsequences {
    /// True when the delete takes nothing along.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.removed.is_empty() && self.lost_cue.is_empty() && self.lost_source.is_empty()
    }

    /// True when an attribution loses its last source (the annotator is asked first: the
    /// attribution's values go with it although the claim stays).
    #[must_use]
    pub fn empties_an_attribution(&self) -> bool {
        self.removed
            .iter()
            .any(|r| r.because == RemovedBecause::LastSource)
    }
}

impl AnnotationDoc {
    /// Mark a span of `kind` over `start..end` of paragraph `para` (no attribute values set).
    ///
    /// # Errors
    /// [`EditError::UnknownKind`] or [`EditError::BadRange`].
    pub fn add_span(
        &mut self,
        schema: &Schema,
        article: &Article,
        kind: &str,
        para: usize,
        start: usize,
        end: usize,
    ) -> Result<String, EditError> {
        let span_kind = schema
            .span_kind(kind)
            .filter(|k| k.enabled)
            .ok_or_else(|| EditError::UnknownKind(kind.to_owned()))?;
        let bad_range = || EditError::BadRange { para, start, end };
        if start >= end {
            return Err(bad_range());
        }
        let anchor = Anchor::new(article, para, start, end).ok_or_else(bad_range)?;
        let id = self.next_id(&span_kind.id_prefix);
        self.spans
            .push(Span::placed(id.clone(), kind.to_owned(), anchor));
        self.canonicalize();
        Ok(id)
    }

    /// Create an entity of `kind` named `name` (no attribute values set).
    ///
    /// # Errors
    /// [`EditError::UnknownKind`].
    pub fn add_entity(
        &mut self,
        schema: &Schema,
        kind: &str,
        name: &str,
    ) -> Result<String, EditError> {
        let entity_kind = schema
            .entity_kind(kind)
            .ok_or_else(|| EditError::UnknownKind(kind.to_owned()))?;
        let id = self.next_id(&entity_kind.id_prefix);
        self.entities.push(Entity {
            id: id.clone(),
            kind: kind.to_owned(),
            name: name.to_owned(),
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        });
        self.canonicalize();
        Ok(id)
    }

    /// Attribute `claim` to `sources` with optional `cue`, replacing any earlier attribution of
    /// that claim (its attribute values are kept). Returns the attribution id.
    ///
    /// # Errors
    /// [`EditError::BadLink`] when the kinds do not fit the schema's relation.
    pub fn attribute(
        &mut self,
        schema: &Schema,
        claim: &str,
        sources: &[String],
        cue: Option<&str>,
    ) -> Result<String, EditError> {
        let kind_of = |id: &str| self.span(id).map(|s| s.kind.clone());
        let claim_kind = kind_of(claim).ok_or_else(|| EditError::NotFound(claim.to_owned()))?;
        if !schema.is_claim_kind(&claim_kind) {
            return Err(EditError::BadLink(format!(
                "{claim} is a {claim_kind}, not a {}",
                schema.relation.from
            )));
        }
        for source in sources {
            let kind = kind_of(source).ok_or_else(|| EditError::NotFound(source.clone()))?;
            if !schema.is_source_kind(&kind) {
                return Err(EditError::BadLink(format!(
                    "{source} is a {kind}, not a source mention"
                )));
            }
        }
        if let Some(cue) = cue {
            let kind = kind_of(cue).ok_or_else(|| EditError::NotFound(cue.to_owned()))?;
            if !schema.is_cue_kind(&kind) {
                return Err(EditError::BadLink(format!("{cue} is a {kind}, not a cue")));
            }
        }
        if let Some(existing) = self.attributions.iter_mut().find(|a| a.claim == claim) {
            existing.sources = sources.to_vec();
            existing.cue = cue.map(str::to_owned);
            return Ok(existing.id.clone());
        }
        let id = self.next_id(&schema.relation.id_prefix);
        self.attributions.push(Attribution {
            id: id.clone(),
            claim: claim.to_owned(),
            sources: sources.to_vec(),
            cue: cue.map(str::to_owned),
            within: None,
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        });
        self.canonicalize();
        Ok(id)
    }

    /// Set (or with `None`, clear) attribute `attr` on the record `id` (span, entity or
    /// attribution), checking the value against the schema.
    ///
    /// # Errors
    /// [`EditError::NotFound`] or [`EditError::BadValue`].
    pub fn set_attr(
        &mut self,
        schema: &Schema,
        id: &str,
        attr: &str,
        value: Option<&str>,
    ) -> Result<(), EditError> {
        if let Some(value) = value {
            schema
                .check_value(attr, value)
                .map_err(EditError::BadValue)?;
        }
        let attrs = if let Some(s) = self.spans.iter_mut().find(|s| s.id == id) {
            &mut s.attrs
        } else if let Some(e) = self.entities.iter_mut().find(|e| e.id == id) {
            &mut e.attrs
        } else if let Some(a) = self.attributions.iter_mut().find(|a| a.id == id) {
            &mut a.attrs
        } else {
            return Err(EditError::NotFound(id.to_owned()));
        };
        match value {
            Some(v) => attrs.insert(attr.to_owned(), v.to_owned()),
            None => attrs.remove(attr),
        };
        Ok(())
    }

    /// What deleting span `id` would take along: attributions removed (the span is their
    /// claim or their last source) and attributions that lose it as a cue or as one of
    /// several sources. Empty when the span is linked to nothing.
    #[must_use]
    pub fn delete_consequences(&self, id: &str) -> DeleteConsequences {
        let mut out = DeleteConsequences::default();
        for a in &self.attributions {
            let is_source = a.sources.iter().any(|s| s == id);
            let why = if a.claim == id {
                Some(RemovedBecause::Claim)
            } else if is_source && a.sources.len() == 1 {
                Some(RemovedBecause::LastSource)
            } else {
                None
            };
            if let Some(because) = why {
                let mut values: Vec<String> = a.attrs.keys().cloned().collect();
                if a.cue.is_some() && a.cue.as_deref() != Some(id) {
                    values.insert(0, "cue".to_owned());
                }
                out.removed.push(RemovedAttribution {
                    id: a.id.clone(),
                    claim: a.claim.clone(),
                    because,
                    values,
                });
                continue;
            }
            if is_source {
                out.lost_source.push(a.id.clone());
            }
            if a.cue.as_deref() == Some(id) {
                out.lost_cue.push(a.id.clone());
            }
        }
        out
    }

    /// Delete a span and everything that only makes sense with it: the attribution of a claim,
    /// and the span's place as a source or cue of other attributions. An attribution left with
    /// no source is removed (its claim returns to the writer's voice).
    ///
    /// # Errors
    /// [`EditError::NotFound`].
    pub fn remove_span(&mut self, id: &str) -> Result<Span, EditError> {
        let pos = self
            .spans
            .iter()
            .position(|s| s.id == id)
            .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
        let span = self.spans.remove(pos);
        self.attributions.retain_mut(|a| {
            if a.claim == id {
                return false;
            }
            a.sources.retain(|s| s != id);
            if a.cue.as_deref() == Some(id) {
                a.cue = None;
            }
            !a.sources.is_empty()
        });
        let live: BTreeSet<String> = self.attributions.iter().map(|a| a.id.clone()).collect();
        for a in &mut self.attributions {
            if a.within.as_ref().is_some_and(|w| !live.contains(w)) {
                a.within = None;
            }
        }
        Ok(span)
    }

    /// Delete an entity and unlink its mentions.
    ///
    /// # Errors
    /// [`EditError::NotFound`].
    pub fn remove_entity(&mut self, id: &str) -> Result<Entity, EditError> {
        let pos = self
            .entities
            .iter()
            .position(|e| e.id == id)
            .ok_or_else(|| EditError::NotFound(id.to_owned()))?;
        for span in &mut self.spans {
            if span.entity.as_deref() == Some(id) {
                span.entity = None;
            }
        }
        Ok(self.entities.remove(pos))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::annotation::{Confidence, Entity, id_key};

    fn fixture() -> (Schema, Article, AnnotationDoc) {
        let schema = Schema::default_schema();
        let article = Article::from_text(
            Path::new("a.txt"),
            "Meanwhile, a US official told CNN that Hamas and Israel are close to a deal.\n\nSecond.",
        )
        .expect("article");
        let doc = AnnotationDoc::new(&schema, &article, "A", "2026-01-01T00:00:00Z");
        (schema, article, doc)
    }

    #[test]
    fn copies_of_a_document_share_its_paragraph_hashes() {
        // The undo history keeps a copy per edit: its cost must not grow with the article.
        let (schema, article, mut doc) = fixture();
        let copy = doc.clone();
        assert!(std::sync::Arc::ptr_eq(
            &doc.article.paragraphs,
            &copy.article.paragraphs
        ));
        doc.add_span(&schema, &article, "Cue", 0, 24, 28)
            .expect("span");
        assert_eq!(doc.article.paragraphs.len(), 2);
        assert!(std::sync::Arc::ptr_eq(
            &doc.article.paragraphs,
            &copy.article.paragraphs
        ));
    }

    #[test]
    fn anchors_carry_quote_and_clipped_context() {
        let (schema, article, mut doc) = fixture();
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 11, 24)
            .expect("span");
        let span = doc.span(&s).expect("exists");
        assert_eq!(span.id, "S1");
        assert_eq!(span.anchor.exact, "a US official");
        assert_eq!(span.anchor.prefix, "Meanwhile, ");
        assert_eq!(span.anchor.suffix, " told CNN that Hamas and Israel ");
    }

    #[test]
    fn attribution_links_and_removal_cascades() {
        let (schema, article, mut doc) = fixture();
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 11, 24)
            .expect("speaker");
        let k = doc
            .add_span(&schema, &article, "Cue", 0, 25, 33)
            .expect("cue");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 39, 75)
            .expect("claim");
        assert!(
            doc.span(&c).is_some_and(|s| s.attrs.is_empty()),
            "no value until one is chosen"
        );
        let a = doc
            .attribute(&schema, &c, std::slice::from_ref(&s), Some(&k))
            .expect("attribution");
        assert!(doc.attribution(&a).is_some_and(|a| a.attrs.is_empty()));
        assert!(
            doc.attribute(&schema, &s, std::slice::from_ref(&c), None)
                .is_err()
        );
        doc.set_attr(&schema, &a, "channel", Some("other_outlet"))
            .expect("set");
        assert!(
            doc.set_attr(&schema, &a, "channel", Some("telepathy"))
                .is_err()
        );
        doc.set_attr(&schema, &a, "via", Some("CNN")).expect("via");
        let what = doc.delete_consequences(&s);
        assert!(what.empties_an_attribution());
        assert_eq!(what.removed[0].values, ["cue", "channel", "via"]);
        assert_eq!(
            doc.delete_consequences(&k).lost_cue,
            std::slice::from_ref(&a)
        );
        assert!(!doc.delete_consequences(&c).empties_an_attribution());
        doc.remove_span(&k).expect("remove cue");
        assert_eq!(doc.attribution(&a).and_then(|a| a.cue.clone()), None);
        doc.remove_span(&s).expect("remove speaker");
        assert!(
            doc.attributions.is_empty(),
            "no source left: writer's voice"
        );
    }

    #[test]
    fn ids_sort_numerically() {
        assert!(id_key("C10") > id_key("C9"));
        let (_, _, mut doc) = fixture();
        doc.entities.push(Entity {
            id: "E9".into(),
            kind: "SpeakerEntity".into(),
            name: String::new(),
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        });
        assert_eq!(doc.next_id("E"), "E10");
    }
}
