//! brat standoff import: `.txt` + `.ann` pairs into sidecars, reading the mapping the brat
//! export writes (see [`crate::export::brat`]): `T` lines become spans (a `T` of the relation's
//! type is an event trigger standing on the cue with the same fragments), `N ... Entity:<id>` links mentions to entities, `E` events and `AttributedTo`
//! relations become attributions, `A` lines attribute values and confidence, `#` lines notes,
//! free-text attributes, nested attributions (`Within`) and, on an `N` reference, the entity's
//! note and confidence. Lines that cannot be used are reported, never silently dropped.

use std::collections::HashMap;

use crate::export::brat_conf::{
    ATTRIBUTION_CONFIDENCE, CONFIDENCE, CONTENT_ROLE, ENTITY_CONFIDENCE_NOTE, ENTITY_DB,
    FACTUALITY, NO_CUE_RELATION, SOURCE_ROLE, WITHIN_NOTE, attr_from_brat,
};
use crate::export::brat_lines::{AnnLine, parse_line};
use crate::model::{Anchor, AnnotationDoc, Article, Attribution, Confidence, Entity, Schema, Span};

fn confidence(value: &str) -> Option<Confidence> {
    match value {
        "high" => Some(Confidence::High),
        "medium" => Some(Confidence::Medium),
        "low" => Some(Confidence::Low),
        _ => None,
    }
}

/// State while reading one `.ann` file.
struct Reader<'a> {
    schema: &'a Schema,
    article: &'a Article,
    label: &'a str,
    /// Offset shift: 1 when the `.txt` starts with a BOM, which brat counts and we drop.
    shift: usize,
    /// The article's characters, for checking `T` texts.
    chars: Vec<char>,
    doc: AnnotationDoc,
    /// brat id -> our span id (T) or attribution id (E, R).
    ids: HashMap<String, String>,
    /// brat `N` id -> our entity id.
    references: HashMap<String, String>,
    /// Entity id in the file (`Entity:<id>`) -> our entity id.
    entity_ids: HashMap<String, String>,
    /// Fragments (BOM shift removed) of each imported cue -> its span id, to resolve triggers.
    cue_at: HashMap<Vec<(usize, usize)>, Vec<String>>,
    /// Line number of each imported cue's `T` -> its span id.
    cue_on_line: HashMap<usize, String>,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl std::fmt::Display) {
        self.warnings
            .push(format!("{}:{line}: {message}", self.label));
    }

    /// An event trigger (a `T` of the relation's type): the cue `T` over the same fragments
    /// when there is one (as the export writes it), otherwise a cue of its own (files written
    /// before cues and triggers were separate lines).
    fn trigger(&mut self, no: usize, id: &str, frags: &[(usize, usize)], text: &str) {
        let shifted: Vec<(usize, usize)> = frags
            .iter()
            .map(|&(s, e)| (s.saturating_sub(self.shift), e.saturating_sub(self.shift)))
            .collect();
        // The export writes a trigger right after its cue: that line decides when several
        // cues share the fragments.
        let before = no
            .checked_sub(1)
            .and_then(|n| self.cue_on_line.get(&n))
            .filter(|c| self.cue_at.get(&shifted).is_some_and(|v| v.contains(c)))
            .cloned();
        let candidates = self.cue_at.get(&shifted).cloned().unwrap_or_default();
        if before.is_none() && candidates.len() > 1 {
            // Several cues over the trigger's text and none written just before it: the
            // events using this trigger could mean any of them.
            self.warn(
                no,
                format!(
                    "trigger {id} stands on {} cues over the same text ({}); its events take the first",
                    candidates.len(),
                    candidates.join(", ")
                ),
            );
        }
        if let Some(cue) = before.or_else(|| candidates.first().cloned()) {
            self.ids.insert(id.to_owned(), cue);
            return;
        }
        let ty = self.schema.relation.cue.clone().unwrap_or_default();
        self.text_bound(no, id, &ty, frags, text);
    }

    fn text_bound(&mut self, no: usize, id: &str, ty: &str, frags: &[(usize, usize)], text: &str) {
        let kind = self.schema.span_kind(ty).map(|k| k.name.clone());
        let Some(kind) = kind else {
            self.warn(
                no,
                format!(
                    "type `{ty}` is not in schema {}; {id} skipped",
                    self.schema.id()
                ),
            );
            return;
        };
        let shifted: Vec<(usize, usize)> = frags
            .iter()
            .map(|&(s, e)| (s.saturating_sub(self.shift), e.saturating_sub(self.shift)))
            .collect();
        let (Some(start), Some(end)) = (
            shifted.iter().map(|f| f.0).min(),
            shifted.iter().map(|f| f.1).max(),
        ) else {
            return;
        };
        if end > self.chars.len() {
            self.warn(
                no,
                format!("{id}: offset {end} is past the end of the text; skipped"),
            );
            return;
        }
        if start >= end {
            // A span must cover text (`check` rejects an empty one).
            self.warn(no, format!("{id}: empty span {start}..{end}; skipped"));
            return;
        }
        let chars = &self.chars;
        let expected: Vec<String> = shifted
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        let mut sorted = shifted.clone();
        sorted.sort_unstable();
        let gap_has_text = sorted.windows(2).any(|w| {
            chars[w[0].1..w[1].0.max(w[0].1)]
                .iter()
                .any(|&c| !crate::export::brat_lines::is_line_break(c))
        });
        if expected.join(" ") != text {
            self.warn(
                no,
                format!("{id}: text {text:?} does not match the marked span(s)"),
            );
        }
        if gap_has_text {
            self.warn(
                no,
                format!("{id}: discontinuous span joined into one (not supported)"),
            );
        }
        let para = self
            .article
            .paragraphs()
            .iter()
            .find(|p| p.char_start <= start && end <= p.char_start + p.char_len);
        let Some(para) = para else {
            self.warn(
                no,
                format!("{id}: span {start}..{end} is not inside one paragraph; skipped"),
            );
            return;
        };
        let (pi, ps) = (para.index, para.char_start);
        let Some(anchor) = Anchor::new(self.article, pi, start - ps, end - ps) else {
            self.warn(no, format!("{id}: invalid range; skipped"));
            return;
        };
        let prefix = self
            .schema
            .span_kind(&kind)
            .map_or("X", |k| k.id_prefix.as_str())
            .to_owned();
        let our = self.doc.next_id(&prefix);
        if self.schema.is_cue_kind(&kind) {
            self.cue_at
                .entry(shifted.clone())
                .or_default()
                .push(our.clone());
            self.cue_on_line.insert(no, our.clone());
        }
        self.doc.spans.push(Span::placed(our.clone(), kind, anchor));
        self.ids.insert(id.to_owned(), our);
    }

    /// Attribute `claim` to `sources` (through `cue`). The schema allows one attribution per
    /// claim, so a claim already attributed (by an event and a relation, or two of either)
    /// gains the new sources, and its cue if it had none. `None`, with a warning, when a new
    /// attribution would have no source.
    fn attribute_claim(
        &mut self,
        no: usize,
        id: &str,
        claim: String,
        sources: Vec<String>,
        cue: Option<String>,
    ) -> Option<String> {
        if let Some(a) = self.doc.attributions.iter_mut().find(|a| a.claim == claim) {
            for s in sources {
                if !a.sources.contains(&s) {
                    a.sources.push(s);
                }
            }
            if a.cue.is_none() {
                a.cue = cue;
            }
            return Some(a.id.clone());
        }
        if sources.is_empty() {
            self.warn(no, format!("{id}: no {SOURCE_ROLE} argument; skipped"));
            return None;
        }
        let id = self.doc.next_id(&self.schema.relation.id_prefix);
        self.doc.attributions.push(Attribution {
            id: id.clone(),
            claim,
            sources,
            cue,
            within: None,
            attrs: std::collections::BTreeMap::new(),
            confidence: Confidence::High,
            note: None,
            suggested: false,
        });
        Some(id)
    }

    fn span_id(&mut self, no: usize, brat: &str) -> Option<String> {
        let found = self
            .ids
            .get(brat)
            .filter(|id| self.doc.span(id).is_some())
            .cloned();
        if found.is_none() {
            self.warn(no, format!("{brat} is not an imported span"));
        }
        found
    }

    /// The imported span of brat id `brat` when its kind can play `role` in an attribution
    /// (a hand-edited file can name a cue as a claim); otherwise a warning and `None`.
    fn span_as(&mut self, no: usize, brat: &str, role: Role) -> Option<String> {
        let id = self.span_id(no, brat)?;
        let kind = self
            .doc
            .span(&id)
            .map(|s| s.kind.clone())
            .unwrap_or_default();
        let fits = match role {
            Role::Claim => self.schema.is_claim_kind(&kind),
            Role::Source => self.schema.is_source_kind(&kind),
            Role::Cue => self.schema.is_cue_kind(&kind),
        };
        if !fits {
            self.warn(
                no,
                format!(
                    "{brat} is a {kind} span and cannot be the {} of an attribution; ignored",
                    role.name()
                ),
            );
            return None;
        }
        Some(id)
    }

    fn event(&mut self, no: usize, id: &str, ty: &str, trigger: &str, args: &[(String, String)]) {
        if ty != self.schema.relation.name {
            self.warn(
                no,
                format!("event type `{ty}` is not the schema's relation; {id} skipped"),
            );
            return;
        }
        let Some(cue) = self.span_as(no, trigger, Role::Cue) else {
            return;
        };
        let mut sources = Vec::new();
        let mut claim = None;
        for (role, arg) in args {
            let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
            match base {
                b if b == SOURCE_ROLE => sources.extend(self.span_as(no, arg, Role::Source)),
                b if b == CONTENT_ROLE && claim.is_none() => {
                    claim = self.span_as(no, arg, Role::Claim);
                }
                _ => self.warn(no, format!("{id}: role `{role}` not understood; ignored")),
            }
        }
        let Some(claim) = claim else {
            self.warn(no, format!("{id}: no {CONTENT_ROLE} argument; skipped"));
            return;
        };
        if let Some(ours) = self.attribute_claim(no, id, claim, sources, Some(cue)) {
            self.ids.insert(id.to_owned(), ours);
        }
    }

    fn relation(&mut self, no: usize, id: &str, ty: &str, args: &[(String, String)]) {
        if ty != NO_CUE_RELATION {
            self.warn(
                no,
                format!("relation type `{ty}` not understood; {id} skipped"),
            );
            return;
        }
        let arg = |role: &str| args.iter().find(|(r, _)| r == role).map(|(_, a)| a.clone());
        let (Some(claim), Some(source)) = (arg("Arg1"), arg("Arg2")) else {
            self.warn(
                no,
                format!("{id}: needs Arg1 (claim) and Arg2 (source); skipped"),
            );
            return;
        };
        let (Some(claim), Some(source)) = (
            self.span_as(no, &claim, Role::Claim),
            self.span_as(no, &source, Role::Source),
        ) else {
            return;
        };
        if let Some(ours) = self.attribute_claim(no, id, claim, vec![source], None) {
            self.ids.insert(id.to_owned(), ours);
        }
    }

    /// The attribution a value written on brat id `target` belongs to: the attribution itself
    /// (an event or relation) or a claim's (the export writes a cue-less attribution's values
    /// on its claim). `None`, with a warning, for anything else.
    fn attribution_for(
        &mut self,
        no: usize,
        target: &str,
        ours: &str,
        attr: &str,
    ) -> Option<String> {
        if self.doc.attribution(ours).is_some() {
            return Some(ours.to_owned());
        }
        let found = self
            .doc
            .span(ours)
            .filter(|s| self.schema.is_claim_kind(&s.kind))
            .and_then(|s| self.doc.attribution_of(&s.id))
            .map(|a| a.id.clone());
        if found.is_none() {
            self.warn(
                no,
                format!("{target} has no attribution to carry `{attr}`; ignored"),
            );
        }
        found
    }

    /// Set schema attribute `attr` from a line targeting brat id `target`.
    fn set_value(&mut self, no: usize, attr: &str, target: &str, value: &str) {
        if let Err(message) = self.schema.check_value(attr, value) {
            self.warn(no, format!("{message}; ignored"));
            return;
        }
        let Some(ours) = self.ids.get(target).cloned() else {
            self.warn(no, format!("{target} is not an imported annotation"));
            return;
        };
        let rel = &self.schema.relation;
        let on_relation = rel.attrs.iter().any(|a| a == attr);
        if let Some(span) = self.doc.span(&ours).cloned() {
            let kind = self.schema.span_kind(&span.kind);
            let own = kind.is_some_and(|k| k.attrs.iter().any(|a| a == attr));
            let entity_kind = kind
                .and_then(|k| k.entity.as_deref())
                .and_then(|e| self.schema.entity_kind(e));
            let of_entity = entity_kind.is_some_and(|k| k.attrs.iter().any(|a| a == attr));
            if own {
                if let Some(s) = self.doc.span_mut(&ours) {
                    s.attrs.insert(attr.to_owned(), value.to_owned());
                }
            } else if of_entity {
                let entity = span.entity.clone();
                match entity.and_then(|e| self.doc.entity_mut(&e)) {
                    Some(e) => {
                        let old = e.attrs.insert(attr.to_owned(), value.to_owned());
                        if old.as_deref().is_some_and(|o| o != value) {
                            self.warn(no, format!("{target}: mentions of one entity disagree on `{attr}`; last wins"));
                        }
                    }
                    None => self.warn(
                        no,
                        format!("{target} has no entity to carry `{attr}`; ignored"),
                    ),
                }
            } else if on_relation && self.schema.is_claim_kind(&span.kind) {
                if let Some(a) = self.attribution_for(no, target, &ours, attr)
                    && let Some(a) = self.doc.attribution_mut(&a)
                {
                    a.attrs.insert(attr.to_owned(), value.to_owned());
                }
            } else {
                self.warn(
                    no,
                    format!(
                        "`{attr}` does not apply to {target} ({}); ignored",
                        span.kind
                    ),
                );
            }
        } else if let Some(a) = self.doc.attribution_mut(&ours).filter(|_| on_relation) {
            a.attrs.insert(attr.to_owned(), value.to_owned());
        } else {
            self.warn(no, format!("`{attr}` does not apply to {target}; ignored"));
        }
    }

    fn attribute(&mut self, no: usize, name: &str, target: &str, value: Option<&str>) {
        let Some(value) = value else {
            self.warn(
                no,
                format!("binary attribute `{name}` not in the schema; ignored"),
            );
            return;
        };
        if name == FACTUALITY {
            return; // derived from certainty and polarity at export
        }
        if name == CONFIDENCE || name == ATTRIBUTION_CONFIDENCE {
            let Some(level) = confidence(value) else {
                self.warn(
                    no,
                    format!("confidence `{value}` is not high, medium or low"),
                );
                return;
            };
            let Some(ours) = self.ids.get(target).cloned() else {
                self.warn(no, format!("{target} is not an imported annotation"));
                return;
            };
            if name == ATTRIBUTION_CONFIDENCE {
                if let Some(a) = self.attribution_for(no, target, &ours, "confidence")
                    && let Some(a) = self.doc.attribution_mut(&a)
                {
                    a.confidence = level;
                }
            } else if let Some(s) = self.doc.span_mut(&ours) {
                s.confidence = level;
            } else if let Some(a) = self.doc.attribution_mut(&ours) {
                a.confidence = level;
            }
            return;
        }
        match attr_from_brat(self.schema, name) {
            Some(attr) => self.set_value(no, attr, target, value),
            None => self.warn(
                no,
                format!("attribute `{name}` is not in the schema; ignored"),
            ),
        }
    }

    fn note(&mut self, no: usize, ty: &str, target: &str, text: &str) {
        if let Some(entity) = self.references.get(target).cloned() {
            self.entity_note(no, ty, target, &entity, text);
            return;
        }
        if ty == WITHIN_NOTE {
            self.within(no, target, text.trim());
            return;
        }
        if ty != "AnnotatorNotes" {
            match attr_from_brat(self.schema, ty) {
                Some(attr) => self.set_value(no, attr, target, text),
                None => self.warn(no, format!("note type `{ty}` not understood; ignored")),
            }
            return;
        }
        let Some(ours) = self.ids.get(target).cloned() else {
            self.warn(no, format!("{target} is not an imported annotation"));
            return;
        };
        let note = Some(text.to_owned());
        if let Some(s) = self.doc.span_mut(&ours) {
            s.note = note;
        } else if let Some(a) = self.doc.attribution_mut(&ours) {
            a.note = note;
        }
    }

    /// A note on an entity's `N` reference: its confidence or its note.
    fn entity_note(&mut self, no: usize, ty: &str, target: &str, entity: &str, text: &str) {
        let level = confidence(text.trim());
        let Some(e) = self.doc.entity_mut(entity) else {
            return;
        };
        match ty {
            "AnnotatorNotes" => e.note = Some(text.to_owned()),
            t if t == ENTITY_CONFIDENCE_NOTE => match level {
                Some(level) => e.confidence = level,
                None => self.warn(
                    no,
                    format!("{target}: confidence `{text}` is not high, medium or low"),
                ),
            },
            _ => self.warn(
                no,
                format!("note type `{ty}` on a reference not understood; ignored"),
            ),
        }
    }

    /// `#n Within <E|R>\t<E|R>`: the target attribution is nested in the one named.
    /// Whether attribution `inner` is `outer` or encloses it (through `within` links), so that
    /// putting `inner` within `outer` would make a cycle.
    fn encloses(&self, inner: &str, outer: &str) -> bool {
        let mut at = Some(outer.to_owned());
        // Each step follows one link; more steps than attributions means a cycle already.
        for _ in 0..=self.doc.attributions.len() {
            match at {
                Some(ref id) if id == inner => return true,
                Some(ref id) => at = self.doc.attribution(id).and_then(|a| a.within.clone()),
                None => return false,
            }
        }
        true
    }

    fn within(&mut self, no: usize, target: &str, outer: &str) {
        let attribution = |reader: &Self, brat: &str| {
            reader
                .ids
                .get(brat)
                .filter(|id| reader.doc.attribution(id).is_some())
                .cloned()
        };
        match (attribution(self, target), attribution(self, outer)) {
            (Some(inner), Some(outer)) => {
                if self.encloses(&inner, &outer) {
                    // (Also when two events of one claim became one attribution.)
                    self.warn(
                        no,
                        format!("{WITHIN_NOTE}: {target} in {outer} would enclose itself; ignored"),
                    );
                } else if let Some(a) = self.doc.attribution_mut(&inner) {
                    a.within = Some(outer);
                }
            }
            _ => self.warn(
                no,
                format!("{WITHIN_NOTE}: {target} and {outer} must both be imported events or relations; ignored"),
            ),
        }
    }

    fn normalization(
        &mut self,
        no: usize,
        id: &str,
        target: &str,
        db: &str,
        entry: &str,
        name: &str,
    ) {
        if db != ENTITY_DB {
            self.warn(
                no,
                format!("normalization database `{db}` not understood; ignored"),
            );
            return;
        }
        let Some(span) = self.span_id(no, target) else {
            return;
        };
        let kind = self
            .doc
            .span(&span)
            .and_then(|s| self.schema.span_kind(&s.kind))
            .and_then(|k| k.entity.clone());
        let Some(kind) = kind else {
            self.warn(no, format!("{target} cannot refer to an entity; ignored"));
            return;
        };
        // The file's entity id is kept (the export writes ours) unless a span or attribution
        // already has it: a hand-edited `Entity:A1` must not make two records share an id.
        let ours = match self.entity_ids.get(entry) {
            Some(ours) => ours.clone(),
            None => {
                let taken = self.doc.span(entry).is_some()
                    || self.doc.attribution(entry).is_some()
                    || self.doc.entity(entry).is_some();
                let ours = if taken {
                    let prefix = self
                        .schema
                        .entity_kind(&kind)
                        .map_or("E", |k| k.id_prefix.as_str())
                        .to_owned();
                    self.doc.next_id(&prefix)
                } else {
                    entry.to_owned()
                };
                self.doc.entities.push(Entity {
                    id: ours.clone(),
                    kind,
                    name: name.to_owned(),
                    attrs: std::collections::BTreeMap::new(),
                    confidence: Confidence::High,
                    note: None,
                    suggested: false,
                });
                self.entity_ids.insert(entry.to_owned(), ours.clone());
                ours
            }
        };
        if let Some(s) = self.doc.span_mut(&span) {
            s.entity = Some(ours.clone());
        }
        self.references.insert(id.to_owned(), ours);
    }
}

/// The part of an attribution a span stands for.
#[derive(Debug, Clone, Copy)]
enum Role {
    Claim,
    Source,
    Cue,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Source => "source",
            Self::Cue => "cue",
        }
    }
}

/// Build one annotator's document from `.ann` text for `article` (loaded from the `.txt`);
/// `raw_txt_has_bom` says whether the `.txt` began with a BOM (brat counts it, we drop it).
/// Returns the document and the warnings (`label:line: message`).
#[must_use]
pub fn ann_to_doc(
    schema: &Schema,
    article: &Article,
    annotator: &str,
    ann: &str,
    raw_txt_has_bom: bool,
    label: &str,
    now: &str,
) -> (AnnotationDoc, Vec<String>) {
    let mut reader = Reader {
        schema,
        article,
        label,
        shift: usize::from(raw_txt_has_bom),
        chars: article.text().chars().collect(),
        doc: AnnotationDoc::new(schema, article, annotator, now),
        ids: HashMap::new(),
        references: HashMap::new(),
        entity_ids: HashMap::new(),
        cue_at: HashMap::new(),
        cue_on_line: HashMap::new(),
        warnings: Vec::new(),
    };
    let mut parsed = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Ok(l) => parsed.push((i + 1, l)),
            Err(message) => reader.warn(i + 1, format!("{message}; line not imported: {line}")),
        }
    }
    // Spans first (event triggers after the cues they stand on), then links, then values:
    // brat files may list them in any order.
    for triggers in [false, true] {
        for (no, line) in &parsed {
            if let AnnLine::Text {
                id,
                ty,
                frags,
                text,
            } = line
                && (*ty == schema.relation.name) == triggers
            {
                if triggers {
                    reader.trigger(*no, id, frags, text);
                } else {
                    reader.text_bound(*no, id, ty, frags, text);
                }
            }
        }
    }
    for (no, line) in &parsed {
        match line {
            AnnLine::Normalization {
                id,
                target,
                db,
                entry,
                text,
                ..
            } => {
                reader.normalization(*no, id, target, db, entry, text);
            }
            AnnLine::Event {
                id,
                ty,
                trigger,
                args,
            } => reader.event(*no, id, ty, trigger, args),
            AnnLine::Relation { id, ty, args } => reader.relation(*no, id, ty, args),
            AnnLine::Equiv { ty, .. } => {
                reader.warn(*no, format!("equivalence `{ty}` not supported; ignored"));
            }
            _ => {}
        }
    }
    for (no, line) in &parsed {
        match line {
            AnnLine::Attribute {
                name,
                target,
                value,
                ..
            } => {
                reader.attribute(*no, name, target, value.as_deref());
            }
            AnnLine::Note {
                ty, target, text, ..
            } => reader.note(*no, ty, target, text),
            _ => {}
        }
    }
    reader.doc.canonicalize();
    (reader.doc, reader.warnings)
}
