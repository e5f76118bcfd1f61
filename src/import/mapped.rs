//! brat import through a [`Mapping`]: a foreign scheme's `T` spans, attribution events and
//! relations, coreference, attributes and notes into one annotator's document.
//!
//! A span whose fragments lie in one paragraph becomes one span (its covering span, with a
//! warning when the gap holds text: the schema has no discontinuous spans); fragments in
//! several paragraphs become one span per paragraph (a cue keeps its first). An event becomes
//! one attribution per content argument (the schema's way with a discontinuous or multiple
//! content), sourced by its source arguments and cued by its cue argument or, without one,
//! the text of its trigger. Source mentions linked by coreference, or with identical text when
//! the mapping says so, become one entity; others one entity each. Lines of unmapped types are
//! counted by type; everything else that cannot be used is reported as `file:line: message`.

use std::collections::{BTreeMap, HashMap};

use crate::export::brat_lines::{AnnLine, parse_line};
use crate::import::counts::Counts;
use crate::import::mapping::Mapping;
use crate::import::unionfind::groups;
use crate::model::{Anchor, AnnotationDoc, Article, Attribution, Confidence, Entity, Schema, Span};

/// A line with the lines that continue it (a `T` text holding a line break is written by
/// some tools over several lines).
type Logical = (usize, String, Vec<(usize, String)>);

/// Does `line` start a record (`ID<TAB>` with a brat id, or `*<TAB>`)?
fn starts_record(line: &str) -> bool {
    line.split_once('\t').is_some_and(|(id, _)| {
        id == "*"
            || (id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '#')
                && id.chars().skip(1).all(|c| c.is_ascii_alphanumeric()))
    })
}

fn logical_lines(ann: &str) -> Vec<Logical> {
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in ann.split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if !starts_record(line)
            && !line.trim().is_empty()
            && let Some((_, prev, cont)) = out.last_mut()
            && prev.starts_with('T')
        {
            cont.push((i + 1, line.to_owned()));
            continue;
        }
        out.push((i + 1, line.to_owned(), Vec::new()));
    }
    out
}

/// A test of a span kind against the schema (`Schema::is_source_kind`...).
type KindTest = fn(&Schema, &str) -> bool;

struct Reader<'a> {
    schema: &'a Schema,
    mapping: &'a Mapping,
    article: &'a Article,
    label: &'a str,
    shift: usize,
    chars: Vec<char>,
    doc: AnnotationDoc,
    /// brat `T` id -> our span ids (several when its fragments lie in several paragraphs).
    spans_of: HashMap<String, Vec<String>>,
    /// brat trigger id -> its fragments.
    triggers: HashMap<String, Vec<(usize, usize)>>,
    /// (kind, paragraph, start, end) -> span id, so one text is one span of a kind.
    at: HashMap<(String, usize, usize, usize), String>,
    /// brat `E`/`R` id -> our attribution ids.
    attributions_of: HashMap<String, Vec<String>>,
    /// Pairs of our span ids that corefer.
    coref: Vec<(String, String)>,
    /// Entity attribute values given on a mention: (span id, attribute, value).
    entity_values: Vec<(String, String, String)>,
    counts: Counts,
    warnings: Vec<String>,
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl std::fmt::Display) {
        self.warnings
            .push(format!("{}:{line}: {message}", self.label));
    }

    fn skip(&mut self, what: String) {
        *self.counts.skipped.entry(what).or_default() += 1;
    }

    /// The non-empty parts of `frags` in each paragraph, as (paragraph, start, end) relative
    /// to the paragraph.
    fn pieces(&self, frags: &[(usize, usize)]) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for p in self.article.paragraphs() {
            let (ps, pe) = (p.char_start, p.char_start + p.char_len);
            let inside: Vec<(usize, usize)> = frags
                .iter()
                .map(|&(s, e)| (s.max(ps), e.min(pe)))
                .filter(|(s, e)| s < e)
                .collect();
            if let (Some(s), Some(e)) = (
                inside.iter().map(|f| f.0).min(),
                inside.iter().map(|f| f.1).max(),
            ) {
                out.push((p.index, s - ps, e - ps));
            }
        }
        if out.len() > 1 {
            // Parts that are only the spaces around a paragraph break are no span.
            let chars = &self.chars;
            let starts: HashMap<usize, usize> = self
                .article
                .paragraphs()
                .iter()
                .map(|p| (p.index, p.char_start))
                .collect();
            out.retain(|&(p, s, e)| {
                let base = starts.get(&p).copied().unwrap_or(0);
                chars[base + s..base + e].iter().any(|c| !c.is_whitespace())
            });
        }
        out
    }

    fn span(&mut self, kind: &str, (para, start, end): (usize, usize, usize)) -> Option<String> {
        let key = (kind.to_owned(), para, start, end);
        if let Some(id) = self.at.get(&key) {
            return Some(id.clone());
        }
        let anchor = Anchor::new(self.article, para, start, end)?;
        let prefix = self.schema.span_kind(kind)?.id_prefix.clone();
        let id = self.doc.next_id(&prefix);
        self.doc
            .spans
            .push(Span::placed(id.clone(), kind.to_owned(), anchor));
        self.counts.spans += 1;
        self.at.insert(key, id.clone());
        Some(id)
    }

    fn text_bound(&mut self, no: usize, line: &AnnLine, cont: &[(usize, String)]) {
        let AnnLine::Text { id, ty, .. } = line else {
            return;
        };
        let before = self.spans_of.contains_key(id);
        self.read_text_bound(no, line, cont);
        if self.mapping.spans.contains_key(ty) {
            let imported = !before && self.spans_of.contains_key(id);
            self.counts.span_seen(ty, imported);
        }
    }

    fn read_text_bound(&mut self, no: usize, line: &AnnLine, cont: &[(usize, String)]) {
        let AnnLine::Text {
            id,
            ty,
            frags,
            text,
        } = line
        else {
            return;
        };
        let kind = self.mapping.spans.get(ty).cloned();
        let trigger = kind.is_none() && self.mapping.events.contains_key(ty);
        if kind.is_none() && !trigger {
            self.skip(ty.clone());
            return;
        }
        let mut frags: Vec<(usize, usize)> = frags
            .iter()
            .map(|&(s, e)| (s.saturating_sub(self.shift), e.saturating_sub(self.shift)))
            .collect();
        frags.sort_unstable();
        if let Some(&(_, e)) = frags.iter().find(|f| f.1 > self.chars.len()) {
            let len = self.chars.len();
            self.warn(
                no,
                format!("{id}: offset {e} is past the end of the text ({len}); skipped"),
            );
            return;
        }
        if frags.windows(2).any(|w| w[0].1 > w[1].0) {
            self.warn(no, format!("{id}: fragments overlap; skipped"));
            return;
        }
        let expected: Vec<String> = frags
            .iter()
            .map(|&(s, e)| self.chars[s..e].iter().collect())
            .collect();
        let expected = expected.join(" ");
        let mut full = text.clone();
        for (_, more) in cont {
            full.push('\n');
            full.push_str(more);
        }
        if full != expected {
            for (n, more) in cont {
                self.warn(*n, format!("not an annotation line; not imported: {more}"));
            }
            if *text != expected {
                self.warn(
                    no,
                    format!("{id}: text {text:?} does not match the marked span(s); offsets kept"),
                );
            }
        }
        if trigger {
            self.triggers.insert(id.clone(), frags);
            return;
        }
        let Some(kind) = kind else { return };
        let mut pieces = self.pieces(&frags);
        if pieces.is_empty() {
            self.warn(no, format!("{id}: empty span; skipped"));
            return;
        }
        if pieces.len() > 1 {
            if self.schema.is_cue_kind(&kind) {
                self.warn(
                    no,
                    format!(
                        "{id}: cue in {} paragraphs; its first part kept",
                        pieces.len()
                    ),
                );
                pieces.truncate(1);
            } else {
                self.warn(
                    no,
                    format!(
                        "{id}: in {} paragraphs; imported as {} {kind} spans (no discontinuous spans in the schema)",
                        pieces.len(),
                        pieces.len()
                    ),
                );
            }
        } else if frags.windows(2).any(|w| {
            self.chars[w[0].1..w[1].0]
                .iter()
                .any(|c| !c.is_whitespace())
        }) {
            self.warn(
                no,
                format!("{id}: discontinuous span imported as its covering span"),
            );
        }
        let ids: Vec<String> = pieces
            .into_iter()
            .filter_map(|piece| self.span(&kind, piece))
            .collect();
        if ids.is_empty() {
            self.warn(no, format!("{id}: invalid range; skipped"));
            return;
        }
        self.spans_of.insert(id.clone(), ids);
    }

    fn kind_is(&self, span: &str, test: impl Fn(&Schema, &str) -> bool) -> bool {
        self.doc
            .span(span)
            .is_some_and(|s| test(self.schema, &s.kind))
    }

    /// Attribute `claim`; a claim already attributed gains the new sources (one attribution
    /// per claim in the schema).
    fn attribution(&mut self, claim: &str, sources: &[String], cue: Option<&String>) -> String {
        if let Some(a) = self.doc.attributions.iter_mut().find(|a| a.claim == claim) {
            for s in sources {
                if !a.sources.contains(s) {
                    a.sources.push(s.clone());
                }
            }
            if a.cue.is_none() {
                a.cue = cue.cloned();
            }
            return a.id.clone();
        }
        let id = self.doc.next_id(&self.schema.relation.id_prefix);
        self.doc.attributions.push(Attribution {
            id: id.clone(),
            claim: claim.to_owned(),
            sources: sources.to_vec(),
            cue: cue.cloned(),
            within: None,
            attrs: BTreeMap::new(),
            confidence: Confidence::High,
            suggested: false,
            note: None,
        });
        self.counts.attributions += 1;
        id
    }

    fn event(&mut self, no: usize, id: &str, ty: &str, trigger: &str, args: &[(String, String)]) {
        let Some(map) = self.mapping.events.get(ty).cloned() else {
            self.skip(format!("event {ty}"));
            return;
        };
        let (mut sources, mut contents, mut cue) = (Vec::new(), Vec::new(), None);
        for (role, arg) in args {
            let base = role
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_owned();
            let Some(spans) = self.spans_of.get(arg).cloned() else {
                self.warn(
                    no,
                    format!("{id}: argument {role}:{arg} is not an imported span; ignored"),
                );
                continue;
            };
            let (list, test): (&mut Vec<String>, KindTest) = if map.source.contains(&base) {
                (&mut sources, Schema::is_source_kind)
            } else if map.content.contains(&base) {
                (&mut contents, Schema::is_claim_kind)
            } else if map.cue.contains(&base) {
                if cue.is_none() {
                    cue = spans
                        .first()
                        .filter(|s| self.kind_is(s, Schema::is_cue_kind))
                        .cloned();
                }
                continue;
            } else {
                self.warn(
                    no,
                    format!("{id}: role `{role}` not in the mapping; ignored"),
                );
                continue;
            };
            let (fit, misfit): (Vec<String>, Vec<String>) =
                spans.into_iter().partition(|s| self.kind_is(s, test));
            list.extend(fit);
            if !misfit.is_empty() {
                self.warn(
                    no,
                    format!("{id}: {role}:{arg} is not of a kind that role takes; ignored"),
                );
            }
        }
        if cue.is_none()
            && let Some(frags) = self.triggers.get(trigger).cloned()
            && let Some(kind) = self.schema.relation.cue.clone()
            && let Some(piece) = self.pieces(&frags).first().copied()
        {
            cue = self.span(&kind, piece);
        }
        if contents.is_empty() {
            self.warn(no, format!("{id}: no content argument imported; skipped"));
            self.counts.event_seen(ty, false);
            return;
        }
        if sources.is_empty() {
            // The schema's attribution needs a source: the content and cue stay as spans,
            // the content in the writer's voice.
            self.counts.event_seen(ty, false);
            self.skip(format!(
                "event {ty} without a source (content and cue kept as spans)"
            ));
            return;
        }
        let ours: Vec<String> = contents
            .iter()
            .map(|c| self.attribution(c, &sources, cue.as_ref()))
            .collect();
        self.counts.event_seen(ty, true);
        self.attributions_of.insert(id.to_owned(), ours);
    }

    fn relation(&mut self, no: usize, id: &str, ty: &str, args: &[(String, String)]) {
        let arg = |role: &str| {
            args.iter()
                .find(|(r, _)| r == role)
                .and_then(|(_, a)| self.spans_of.get(a).cloned())
        };
        if self.mapping.coreference.iter().any(|c| c == ty) {
            let all: Vec<String> = args
                .iter()
                .filter_map(|(_, a)| self.spans_of.get(a))
                .flatten()
                .cloned()
                .collect();
            self.link(&all);
            return;
        }
        let Some(map) = self.mapping.relations.get(ty).cloned() else {
            self.skip(format!("relation {ty}"));
            return;
        };
        let (Some(contents), Some(sources)) = (arg(&map.content), arg(&map.source)) else {
            self.counts.event_seen(ty, false);
            self.warn(
                no,
                format!(
                    "{id}: needs imported {} and {} arguments; skipped",
                    map.content, map.source
                ),
            );
            return;
        };
        let sources: Vec<String> = sources
            .into_iter()
            .filter(|s| self.kind_is(s, Schema::is_source_kind))
            .collect();
        let contents: Vec<String> = contents
            .into_iter()
            .filter(|s| self.kind_is(s, Schema::is_claim_kind))
            .collect();
        if contents.is_empty() || sources.is_empty() {
            self.warn(no, format!("{id}: arguments of the wrong kinds; skipped"));
            self.counts.event_seen(ty, false);
            return;
        }
        let ours = contents
            .iter()
            .map(|c| self.attribution(c, &sources, None))
            .collect();
        self.counts.event_seen(ty, true);
        self.attributions_of.insert(id.to_owned(), ours);
    }

    fn link(&mut self, spans: &[String]) {
        for pair in spans.windows(2) {
            self.coref.push((pair[0].clone(), pair[1].clone()));
        }
    }

    fn attribute(&mut self, no: usize, name: &str, target: &str, value: Option<&str>) {
        let Some(map) = self.mapping.attributes.get(name).cloned() else {
            self.skip(format!("attribute {name}"));
            return;
        };
        let value = match value {
            Some(v) => map.values.get(v).cloned().unwrap_or_else(|| v.to_owned()),
            None => match &map.binary {
                Some(v) => v.clone(),
                None => {
                    self.warn(
                        no,
                        format!("`{name}` has no value and the mapping gives none"),
                    );
                    return;
                }
            },
        };
        if let Err(message) = self.schema.check_value(&map.attr, &value) {
            self.warn(no, format!("{message}; ignored"));
            return;
        }
        self.set(no, target, &map.attr, &value);
    }

    fn set(&mut self, no: usize, target: &str, attr: &str, value: &str) {
        let schema = self.schema;
        if let Some(spans) = self.spans_of.get(target).cloned() {
            for span in spans {
                let Some(s) = self.doc.span_mut(&span) else {
                    continue;
                };
                let kind = schema.span_kind(&s.kind);
                if kind.is_some_and(|k| k.attrs.iter().any(|a| a == attr)) {
                    s.attrs.insert(attr.to_owned(), value.to_owned());
                } else if kind
                    .and_then(|k| k.entity.as_deref())
                    .and_then(|e| schema.entity_kind(e))
                    .is_some_and(|e| e.attrs.iter().any(|a| a == attr))
                {
                    self.entity_values
                        .push((span, attr.to_owned(), value.to_owned()));
                } else {
                    self.warn(no, format!("`{attr}` does not apply to {target}; ignored"));
                }
            }
        } else if let Some(atts) = self.attributions_of.get(target).cloned()
            && schema.relation.attrs.iter().any(|a| a == attr)
        {
            for a in atts {
                if let Some(a) = self.doc.attribution_mut(&a) {
                    a.attrs.insert(attr.to_owned(), value.to_owned());
                }
            }
        } else {
            self.warn(no, format!("`{attr}` cannot be set on {target}; ignored"));
        }
    }

    fn note(&mut self, no: usize, ty: &str, target: &str, text: &str) {
        if !self.mapping.notes.iter().any(|n| n == ty) {
            self.skip(format!("note {ty}"));
            return;
        }
        let note = Some(text.to_owned());
        if let Some(spans) = self.spans_of.get(target).cloned() {
            for s in spans {
                if let Some(s) = self.doc.span_mut(&s) {
                    s.note.clone_from(&note);
                }
            }
        } else if let Some(atts) = self.attributions_of.get(target).cloned() {
            for a in atts {
                if let Some(a) = self.doc.attribution_mut(&a) {
                    a.note.clone_from(&note);
                }
            }
        } else {
            self.warn(
                no,
                format!("note on {target}, which was not imported; ignored"),
            );
        }
    }

    /// One entity per group of coreferent (or, if mapped so, same-text) source mentions.
    fn entities(&mut self) {
        self.doc.canonicalize();
        let schema = self.schema;
        let mentions: Vec<(String, String, String)> = self
            .doc
            .spans
            .iter()
            .filter_map(|s| {
                let kind = schema.span_kind(&s.kind)?.entity.clone()?;
                Some((s.id.clone(), kind, s.anchor.exact.clone()))
            })
            .collect();
        let index: HashMap<&str, usize> = mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (m.0.as_str(), i))
            .collect();
        let mut pairs: Vec<(usize, usize)> = self
            .coref
            .iter()
            .filter_map(|(a, b)| Some((*index.get(a.as_str())?, *index.get(b.as_str())?)))
            .collect();
        if self.mapping.same_text_entities {
            let mut first: HashMap<(&str, &str), usize> = HashMap::new();
            for (i, (_, kind, text)) in mentions.iter().enumerate() {
                let j = *first.entry((kind.as_str(), text.as_str())).or_insert(i);
                if j != i {
                    pairs.push((j, i));
                }
            }
        }
        for group in groups(mentions.len(), &pairs) {
            let Some(&head) = group.first() else { continue };
            let (_, kind, name) = &mentions[head];
            let Some(prefix) = schema.entity_kind(kind).map(|k| k.id_prefix.clone()) else {
                continue;
            };
            let id = self.doc.next_id(&prefix);
            self.doc.entities.push(Entity {
                id: id.clone(),
                kind: kind.clone(),
                name: name.clone(),
                attrs: BTreeMap::new(),
                confidence: Confidence::High,
                suggested: false,
                note: None,
            });
            self.counts.entities += 1;
            for &m in &group {
                if let Some(s) = self.doc.span_mut(&mentions[m].0) {
                    s.entity = Some(id.clone());
                }
            }
        }
        for (span, attr, value) in std::mem::take(&mut self.entity_values) {
            let entity = self.doc.span(&span).and_then(|s| s.entity.clone());
            if let Some(e) = entity.and_then(|e| self.doc.entity_mut(&e)) {
                e.attrs.insert(attr, value);
            }
        }
    }
}

/// Give every record the schema's default for each attribute it lacks.
fn fill_defaults(schema: &Schema, doc: &mut AnnotationDoc) {
    let fill = |attrs: &mut BTreeMap<String, String>, names: &[String]| {
        for (name, value) in schema.defaults_for(names) {
            attrs.entry(name).or_insert(value);
        }
    };
    for s in &mut doc.spans {
        if let Some(kind) = schema.span_kind(&s.kind) {
            fill(&mut s.attrs, &kind.attrs);
        }
    }
    for e in &mut doc.entities {
        if let Some(kind) = schema.entity_kind(&e.kind) {
            fill(&mut e.attrs, &kind.attrs);
        }
    }
    for a in &mut doc.attributions {
        fill(&mut a.attrs, &schema.relation.attrs);
    }
}

/// Build one annotator's document from `.ann` text through `mapping`; `raw_txt_has_bom` says
/// whether the `.txt` began with a BOM (brat counts it, the article drops it). Returns the
/// document, the warnings (`label:line: message`) and the counts.
#[must_use]
#[allow(clippy::too_many_arguments)]
pub fn mapped_ann_to_doc(
    schema: &Schema,
    mapping: &Mapping,
    article: &Article,
    annotator: &str,
    ann: &str,
    raw_txt_has_bom: bool,
    label: &str,
    now: &str,
) -> (AnnotationDoc, Vec<String>, Counts) {
    let mut r = Reader {
        schema,
        mapping,
        article,
        label,
        shift: usize::from(raw_txt_has_bom),
        chars: article.text().chars().collect(),
        doc: AnnotationDoc::new(schema, article, annotator, now),
        spans_of: HashMap::new(),
        triggers: HashMap::new(),
        at: HashMap::new(),
        attributions_of: HashMap::new(),
        coref: Vec::new(),
        entity_values: Vec::new(),
        counts: Counts::default(),
        warnings: Vec::new(),
    };
    let mut parsed = Vec::new();
    for (no, line, cont) in logical_lines(ann) {
        if line.trim().is_empty() {
            continue;
        }
        match parse_line(&line) {
            Ok(l) => parsed.push((no, l, cont)),
            Err(message) => {
                r.warn(no, format!("{message}; line not imported: {line}"));
                for (n, more) in cont {
                    r.warn(n, format!("not an annotation line; not imported: {more}"));
                }
            }
        }
    }
    for (no, line, cont) in &parsed {
        r.text_bound(*no, line, cont);
    }
    for (no, line, _) in &parsed {
        match line {
            AnnLine::Event {
                id,
                ty,
                trigger,
                args,
            } => r.event(*no, id, ty, trigger, args),
            AnnLine::Relation { id, ty, args } => r.relation(*no, id, ty, args),
            AnnLine::Equiv { ty, ids } => {
                if r.mapping.coreference.iter().any(|c| c == ty) {
                    let spans: Vec<String> = ids
                        .iter()
                        .filter_map(|i| r.spans_of.get(i))
                        .flatten()
                        .cloned()
                        .collect();
                    r.link(&spans);
                } else {
                    r.skip(format!("equivalence {ty}"));
                }
            }
            _ => {}
        }
    }
    for (no, line, _) in &parsed {
        match line {
            AnnLine::Attribute {
                name,
                target,
                value,
                ..
            } => r.attribute(*no, name, target, value.as_deref()),
            AnnLine::Note {
                ty, target, text, ..
            } => r.note(*no, ty, target, text),
            AnnLine::Normalization { ty, .. } => r.skip(format!("normalization {ty}")),
            _ => {}
        }
    }
    r.entities();
    if mapping.schema_defaults {
        fill_defaults(schema, &mut r.doc);
    }
    r.doc.canonicalize();
    (r.doc, r.warnings, r.counts)
}
