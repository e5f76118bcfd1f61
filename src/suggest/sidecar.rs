//! Suggestions as an annotator's sidecar document (`marginalia suggest --write NAME`), the
//! rule that keeps a person's sidecar from being overwritten, and rejected suggestions.

use crate::model::annotation::{Anchor, MadeBy, RejectedSuggestion};
use crate::model::{AnnotationDoc, Article, Schema};
use crate::suggest::{SuggestedSpan, Suggestion};

/// The program name and version recorded in `made_by`.
#[must_use]
pub fn tool_name() -> String {
    format!("marginalia {}", env!("CARGO_PKG_VERSION"))
}

/// A document holding `suggestions` as annotator `annotator`'s records, every record marked
/// `suggested`, and `made_by` the suggester with the fingerprint of those records. Source
/// mentions of one [`crate::suggest::EntityHint`] group share one entity; a span suggested
/// by several suggestions (the cue of a split quotation) is written once. Suggestions without
/// a source are left out (an attribution needs one).
#[must_use]
pub fn to_doc(
    article: &Article,
    schema: &Schema,
    annotator: &str,
    now: &str,
    lexicon_id: &str,
    suggestions: &[Suggestion],
) -> AnnotationDoc {
    let mut doc = AnnotationDoc::new(schema, article, annotator, now);
    let claim_kind = schema.relation.from.clone();
    let cue_kind = schema.relation.cue.clone();
    let source_kind = schema.relation.to.first().cloned();
    let entity_kind = source_kind
        .as_deref()
        .and_then(|k| schema.span_kind(k))
        .and_then(|k| k.entity.clone());
    let mut entity_ids: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    let mut span_ids: std::collections::HashMap<(String, usize, usize, usize), String> =
        std::collections::HashMap::new();
    for s in suggestions {
        // An attribution needs a source mention (`check` requires one); a suggestion without
        // a speaker stays a suggestion for the annotation screen and is not written.
        let (Some(claim), Some(_)) = (s.claim.as_ref(), s.source.as_ref()) else {
            continue;
        };
        let Some(claim_id) = add_span(&mut doc, schema, article, &claim_kind, claim, &mut span_ids)
        else {
            continue;
        };
        let cue_id = cue_kind
            .as_deref()
            .zip(s.cue.as_ref())
            .and_then(|(kind, cue)| add_span(&mut doc, schema, article, kind, cue, &mut span_ids));
        let source_id = source_kind
            .as_deref()
            .zip(s.source.as_ref())
            .and_then(|(kind, src)| add_span(&mut doc, schema, article, kind, src, &mut span_ids));
        if let (Some(source_id), Some(kind)) = (&source_id, &entity_kind) {
            let group = s.entity.as_ref().map_or(usize::MAX, |e| e.group);
            let name = s.entity.as_ref().map_or_else(
                || s.source.as_ref().map_or("", |x| x.text.as_str()).to_owned(),
                |e| e.name.clone(),
            );
            let entity = match entity_ids.get(&group) {
                Some(id) => Some(id.clone()),
                None => doc.add_entity(schema, kind, &name).ok().inspect(|id| {
                    if group != usize::MAX {
                        entity_ids.insert(group, id.clone());
                    }
                }),
            };
            if let Some(entity) = entity {
                set_attrs(&mut doc, schema, &entity, s);
                if let Some(span) = doc.span_mut(source_id) {
                    span.entity = Some(entity.clone());
                }
                if let Some(e) = doc.entity_mut(&entity) {
                    e.suggested = true;
                }
            }
        }
        set_attrs(&mut doc, schema, &claim_id, s);
        if let Some(cue_id) = &cue_id {
            set_attrs(&mut doc, schema, cue_id, s);
        }
        let sources: Vec<String> = source_id.into_iter().collect();
        if let Ok(a) = doc.attribute(schema, &claim_id, &sources, cue_id.as_deref()) {
            set_attrs(&mut doc, schema, &a, s);
            if let Some(att) = doc.attribution_mut(&a) {
                att.suggested = true;
            }
        }
    }
    doc.canonicalize();
    doc.made_by = MadeBy::Suggester {
        tool: tool_name(),
        lexicon: lexicon_id.to_owned(),
        fingerprint: doc.records_fingerprint(),
    };
    doc
}

fn add_span(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    article: &Article,
    kind: &str,
    span: &SuggestedSpan,
    ids: &mut std::collections::HashMap<(String, usize, usize, usize), String>,
) -> Option<String> {
    let key = (kind.to_owned(), span.para, span.start, span.end);
    if let Some(id) = ids.get(&key) {
        return Some(id.clone());
    }
    let id = doc
        .add_span(schema, article, kind, span.para, span.start, span.end)
        .ok()?;
    if let Some(s) = doc.span_mut(&id) {
        s.suggested = true;
    }
    ids.insert(key, id.clone());
    Some(id)
}

/// Set the suggestion's attribute values that belong to record `id`'s kind.
fn set_attrs(doc: &mut AnnotationDoc, schema: &Schema, id: &str, s: &Suggestion) {
    let attrs: Vec<String> = if let Some(span) = doc.span(id) {
        schema
            .span_kind(&span.kind)
            .map(|k| k.attrs.clone())
            .unwrap_or_default()
    } else if let Some(e) = doc.entity(id) {
        schema
            .entity_kind(&e.kind)
            .map(|k| k.attrs.clone())
            .unwrap_or_default()
    } else if doc.attribution(id).is_some() {
        schema.relation.attrs.clone()
    } else {
        Vec::new()
    };
    for name in attrs {
        if let Some(value) = s.attributes.get(&name) {
            // Values were checked against the schema when suggested.
            let _ = doc.set_attr(schema, id, &name, Some(value));
        }
    }
}

/// Why `existing` (the sidecar on disk) must not be replaced by suggestions, if it must not:
/// a person made it, or the suggester made it and someone edited it since.
#[must_use]
pub fn refuse_overwrite(existing: &AnnotationDoc) -> Option<&'static str> {
    match &existing.made_by {
        MadeBy::Person => Some("made by a person"),
        MadeBy::Suggester { fingerprint, .. } if *fingerprint != existing.records_fingerprint() => {
            Some("made by the suggester but edited since")
        }
        MadeBy::Suggester { .. } => None,
    }
}

fn anchor(article: &Article, span: Option<&SuggestedSpan>) -> Option<Anchor> {
    span.and_then(|s| Anchor::new(article, s.para, s.start, s.end))
}

/// The record that remembers `s` as rejected.
#[must_use]
pub fn rejection(s: &Suggestion, article: &Article) -> RejectedSuggestion {
    RejectedSuggestion {
        cue: anchor(article, s.cue.as_ref()),
        source: anchor(article, s.source.as_ref()),
        claim: anchor(article, s.claim.as_ref()),
    }
}

/// True when `doc` lists `s` as rejected: the cue and the claim have the texts they had when
/// it was rejected (wherever they are now, so an edit elsewhere in the article does not bring
/// a rejected suggestion back).
#[must_use]
pub fn is_rejected(s: &Suggestion, doc: &AnnotationDoc) -> bool {
    doc.rejected
        .iter()
        .any(|r| same(r.cue.as_ref(), s.cue.as_ref()) && same(r.claim.as_ref(), s.claim.as_ref()))
}

fn same(anchor: Option<&Anchor>, span: Option<&SuggestedSpan>) -> bool {
    match (anchor, span) {
        (None, None) => true,
        (Some(a), Some(s)) => a.exact == s.text,
        _ => false,
    }
}
