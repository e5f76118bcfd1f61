//! Turning a suggestion into the annotator's records: the speaker mention (reusing a mention
//! with exactly its extent), its entity (the one made for the same suggested speaker, one
//! named word for word alike, or a new one with the values the mention's words show), the
//! cue, the claim, the attribution and the suggested values. Every record made is flagged
//! `suggested`; a record the annotator had already made is reused as it is.

use std::collections::BTreeMap;

use crate::model::annotation::EditError;
use crate::model::{AnnotationDoc, Article, Schema};
use crate::suggest::{SuggestedSpan, Suggestion};

/// The records an accepted suggestion made or reused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Accepted {
    /// The claim.
    pub claim: String,
    /// The speaker mention.
    pub source: Option<String>,
    /// The speaker entity, and whether it was made now.
    pub entity: Option<(String, bool)>,
    /// The cue.
    pub cue: Option<String>,
    /// The attribution.
    pub attribution: Option<String>,
}

/// The span of `kind` with exactly the extent of `s`, else a new one flagged `suggested`.
fn span_for(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    article: &Article,
    kind: &str,
    s: &SuggestedSpan,
) -> Result<String, EditError> {
    let existing = doc.spans.iter().find(|x| {
        x.kind == kind
            && x.anchor.para == s.para
            && x.anchor.start == s.start
            && x.anchor.end == s.end
    });
    if let Some(x) = existing {
        return Ok(x.id.clone());
    }
    let id = doc.add_span(schema, article, kind, s.para, s.start, s.end)?;
    if let Some(x) = doc.span_mut(&id) {
        x.suggested = true;
    }
    Ok(id)
}

/// Set `name = value` on `owner` unless it has a value already.
fn set_unset(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    owner: &str,
    name: &str,
    value: &str,
) -> Result<(), EditError> {
    let has = doc
        .span(owner)
        .map(|s| s.attrs.contains_key(name))
        .or_else(|| doc.entity(owner).map(|e| e.attrs.contains_key(name)))
        .or_else(|| doc.attribution(owner).map(|a| a.attrs.contains_key(name)))
        .unwrap_or(true);
    if has {
        return Ok(());
    }
    doc.set_attr(schema, owner, name, Some(value))
}

/// Make the records of `s` in `doc`. `groups` maps the suggester's entity groups to the
/// entities made for them (updated); `reading` gives the values of a new entity from its
/// mention's words.
///
/// # Errors
/// An [`EditError`] when a span does not fit the article (the suggestion is stale).
pub fn accept(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    article: &Article,
    s: &Suggestion,
    groups: &mut BTreeMap<usize, String>,
    reading: &dyn Fn(&str) -> Vec<(String, String)>,
) -> Result<Accepted, EditError> {
    let rel = &schema.relation;
    let claim_span = s
        .claim
        .as_ref()
        .ok_or_else(|| EditError::BadLink("the suggestion has no claim".to_owned()))?;
    let claim = span_for(doc, schema, article, &rel.from, claim_span)?;
    let cue = match (rel.cue.as_deref(), &s.cue) {
        (Some(kind), Some(c)) => Some(span_for(doc, schema, article, kind, c)?),
        _ => None,
    };
    let source_kind = rel.to.first().cloned();
    let source = match (source_kind.as_deref(), &s.source) {
        (Some(kind), Some(src)) => Some(span_for(doc, schema, article, kind, src)?),
        _ => None,
    };
    let mut out = Accepted {
        claim: claim.clone(),
        source: source.clone(),
        cue: cue.clone(),
        ..Accepted::default()
    };
    if let Some(source) = &source {
        out.entity = link_entity(doc, schema, s, source, groups, reading)?;
        let sources = std::slice::from_ref(source);
        let a = doc.attribute(schema, &claim, sources, cue.as_deref())?;
        if let Some(att) = doc.attribution_mut(&a) {
            att.suggested = true;
        }
        out.attribution = Some(a);
    }
    // Each suggested value goes to the record whose kind has the attribute.
    let claim_attrs = schema
        .span_kind(&rel.from)
        .map(|k| k.attrs.clone())
        .unwrap_or_default();
    let cue_attrs = rel
        .cue
        .as_deref()
        .and_then(|k| schema.span_kind(k))
        .map(|k| k.attrs.clone())
        .unwrap_or_default();
    let new_entity = out
        .entity
        .as_ref()
        .filter(|(_, new)| *new)
        .map(|(e, _)| e.clone());
    let entity_attrs = new_entity
        .as_deref()
        .and_then(|e| doc.entity(e))
        .and_then(|e| schema.entity_kind(&e.kind))
        .map(|k| k.attrs.clone())
        .unwrap_or_default();
    for (name, value) in &s.attributes {
        let owner = if claim_attrs.contains(name) {
            Some(claim.clone())
        } else if cue_attrs.contains(name) {
            cue.clone()
        } else if rel.attrs.contains(name) {
            out.attribution.clone()
        } else if entity_attrs.contains(name) {
            new_entity.clone()
        } else {
            None
        };
        if let Some(owner) = owner
            && schema.check_value(name, value).is_ok()
        {
            set_unset(doc, schema, &owner, name, value)?;
        }
    }
    Ok(out)
}

/// The entity of mention `source`: kept when linked; the group's when the suggester saw the
/// same speaker before; one whose name has the same words; else a new one.
fn link_entity(
    doc: &mut AnnotationDoc,
    schema: &Schema,
    s: &Suggestion,
    source: &str,
    groups: &mut BTreeMap<usize, String>,
    reading: &dyn Fn(&str) -> Vec<(String, String)>,
) -> Result<Option<(String, bool)>, EditError> {
    let Some(span) = doc.span(source) else {
        return Ok(None);
    };
    if let Some(e) = span.entity.clone() {
        return Ok(Some((e, false)));
    }
    let text = span.anchor.exact.clone();
    let Some(kind) = schema.span_kind(&span.kind).and_then(|k| k.entity.clone()) else {
        return Ok(None);
    };
    let group = s.entity.as_ref().map(|h| h.group);
    let known = group
        .and_then(|g| groups.get(&g))
        .filter(|e| doc.entity(e).is_some())
        .cloned()
        .or_else(|| {
            crate::tui::preselect::entity_match(doc, source, &text)
                .filter(|(_, exact)| *exact)
                .map(|(e, _)| e)
        });
    let (entity, new) = match known {
        Some(e) => (e, false),
        None => {
            let name = s.entity.as_ref().map_or(text.as_str(), |h| h.name.as_str());
            let e = doc.add_entity(schema, &kind, name)?;
            for (k, v) in reading(&text) {
                set_unset(doc, schema, &e, &k, &v)?;
            }
            if let Some(x) = doc.entity_mut(&e) {
                x.suggested = true;
            }
            (e, true)
        }
    };
    if let Some(g) = group {
        groups.insert(g, entity.clone());
    }
    if let Some(x) = doc.span_mut(source) {
        x.entity = Some(entity.clone());
    }
    Ok(Some((entity, new)))
}
