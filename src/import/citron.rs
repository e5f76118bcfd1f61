//! Citron JSON import (see [`crate::export::citron`]): every `.json` file under a path, one
//! document of one annotator each (`<annotator>/<doc>.json`, or any file with `--annotator`),
//! into the article `OUT/<doc>.txt` and its sidecar.
//!
//! A quote's cue becomes a Cue span, its sources Speaker spans and each content a Claim with
//! an attribution to the quote's sources and cue (the schema's way with a quote in several
//! parts). Spans at the same place are one span. Sources in one `coreference_groups` entry,
//! or linked by a quote's `coreferences`, are one speaker entity, named by its first mention;
//! other sources one entity each. Offsets are Python string indices (Unicode scalar values)
//! of `text`, normalised with it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::export::citron::{CitronDoc, CitronSpan};
use crate::import::counts::Counts;
use crate::import::dir::ImportReport;
use crate::import::label_studio::json_error;
use crate::import::offsets::{InputUnit, OffsetMap, place_raw};
use crate::import::unionfind::groups;
use crate::import::write_out::{article_at, article_path, write_docs};
use crate::model::{AnnotationDoc, Article, Attribution, Confidence, Entity, Schema, Span};

/// How to import Citron files.
#[derive(Debug, Clone, Default)]
pub struct CitronOptions {
    /// Where articles and sidecars go; default: the directory imported (a file's directory).
    pub output: Option<PathBuf>,
    /// Overwrite existing sidecars.
    pub force: bool,
    /// Timestamp recorded in the sidecars.
    pub now: String,
    /// Annotator of every file; otherwise the first directory under the path names it.
    pub annotator: Option<String>,
}

struct Builder<'a> {
    schema: &'a Schema,
    article: &'a Article,
    map: OffsetMap,
    label: &'a str,
    doc: AnnotationDoc,
    counts: Counts,
    warnings: Vec<String>,
    /// (kind, start, end) -> span id, so one place is one span.
    at: HashMap<(String, usize, usize), String>,
    /// Source mentions in order of first use, for the entity groups.
    mentions: Vec<String>,
    mention_index: HashMap<String, usize>,
    links: Vec<(usize, usize)>,
}

impl Builder<'_> {
    fn warn(&mut self, message: impl std::fmt::Display) {
        self.warnings.push(format!("{}: {message}", self.label));
    }

    fn span(&mut self, kind: &str, s: &CitronSpan, what: &str) -> Option<String> {
        let anchor = match place_raw(self.article, &self.map, s.start, s.end) {
            Ok(a) => a,
            Err(e) => {
                self.counts.span_seen(what, false);
                self.warn(format!("{what} {}..{}: {e}; skipped", s.start, s.end));
                return None;
            }
        };
        self.counts.span_seen(what, true);
        if anchor.exact != s.text {
            self.warn(format!(
                "{what} {}..{}: text {:?} differs from the text there ({:?}); the offsets are kept",
                s.start, s.end, s.text, anchor.exact
            ));
        }
        let para = self.article.paragraphs().get(anchor.para)?;
        let key = (
            kind.to_owned(),
            para.char_start + anchor.start,
            para.char_start + anchor.end,
        );
        if let Some(id) = self.at.get(&key) {
            return Some(id.clone());
        }
        let prefix = self.schema.span_kind(kind)?.id_prefix.clone();
        let id = self.doc.next_id(&prefix);
        self.doc
            .spans
            .push(Span::placed(id.clone(), kind.to_owned(), anchor));
        self.counts.spans += 1;
        self.at.insert(key, id.clone());
        Some(id)
    }

    /// A source mention: a span of the schema's source kind, remembered for the entities.
    fn mention(&mut self, s: &CitronSpan, what: &str) -> Option<(String, usize)> {
        let kind = self.schema.relation.to.first()?.clone();
        let id = self.span(&kind, s, what)?;
        let next = self.mentions.len();
        let index = *self.mention_index.entry(id.clone()).or_insert(next);
        if index == next {
            self.mentions.push(id.clone());
        }
        Some((id, index))
    }

    fn quote(&mut self, no: usize, q: &crate::export::citron::CitronQuote) {
        let cue_kind = self.schema.relation.cue.clone();
        let cue = match (&q.cue, cue_kind) {
            (Some(c), Some(kind)) => self.span(&kind, c, "cue"),
            (Some(_), None) => {
                self.warn(format!(
                    "quote {no}: the schema has no cue kind; cue ignored"
                ));
                None
            }
            (None, _) => None,
        };
        let mut sources = Vec::new();
        let mut indices = Vec::new();
        for s in &q.sources {
            if let Some((id, i)) = self.mention(s, "source") {
                if !sources.contains(&id) {
                    sources.push(id);
                }
                indices.push(i);
            }
        }
        for c in &q.coreferences {
            if let Some((_, i)) = self.mention(c, "coreference") {
                self.links.extend(indices.iter().map(|&j| (i, j)));
            }
        }
        let claim_kind = self.schema.relation.from.clone();
        if q.contents.is_empty() {
            *self
                .counts
                .skipped
                .entry("quote without contents".to_owned())
                .or_default() += 1;
        }
        for content in &q.contents {
            let Some(claim) = self.span(&claim_kind, content, "content") else {
                continue;
            };
            if sources.is_empty() {
                self.counts.event_seen("quote", false);
                *self
                    .counts
                    .skipped
                    .entry("quote without a source (content kept as a claim)".to_owned())
                    .or_default() += 1;
                continue;
            }
            if self.doc.attribution_of(&claim).is_some() {
                self.counts.event_seen("quote", false);
                self.warn(format!(
                    "quote {no}: content {}..{} is already attributed by an earlier quote; skipped",
                    content.start, content.end
                ));
                continue;
            }
            let id = self.doc.next_id(&self.schema.relation.id_prefix);
            self.doc.attributions.push(Attribution {
                id,
                claim,
                sources: sources.clone(),
                cue: cue.clone(),
                within: None,
                attrs: std::collections::BTreeMap::new(),
                confidence: Confidence::High,
                note: None,
                suggested: false,
            });
            self.counts.attributions += 1;
            self.counts.event_seen("quote", true);
        }
    }

    fn entities(&mut self) {
        let Some(kind) = self
            .schema
            .relation
            .to
            .first()
            .and_then(|k| self.schema.span_kind(k))
            .and_then(|k| k.entity.clone())
        else {
            return;
        };
        let prefix = self
            .schema
            .entity_kind(&kind)
            .map_or_else(|| "E".to_owned(), |k| k.id_prefix.clone());
        for group in groups(self.mentions.len(), &self.links) {
            let members: Vec<String> = group
                .iter()
                .filter_map(|&i| self.mentions.get(i).cloned())
                .collect();
            let first = members
                .iter()
                .filter_map(|id| self.doc.span(id))
                .min_by_key(|s| (s.anchor.para, s.anchor.start));
            let name = first.map(|s| s.anchor.exact.clone()).unwrap_or_default();
            let id = self.doc.next_id(&prefix);
            self.doc.entities.push(Entity {
                id: id.clone(),
                kind: kind.clone(),
                name,
                attrs: std::collections::BTreeMap::new(),
                confidence: Confidence::High,
                note: None,
                suggested: false,
            });
            self.counts.entities += 1;
            for m in members {
                if let Some(s) = self.doc.span_mut(&m) {
                    s.entity = Some(id.clone());
                }
            }
        }
    }
}

/// One annotator's document from a Citron document, with warnings (`label: message`) and
/// counts.
#[must_use]
pub fn citron_to_doc(
    schema: &Schema,
    article: &Article,
    annotator: &str,
    citron: &CitronDoc,
    label: &str,
    now: &str,
) -> (AnnotationDoc, Vec<String>, Counts) {
    let mut b = Builder {
        schema,
        article,
        map: OffsetMap::new(&citron.text, InputUnit::Codepoint),
        label,
        doc: AnnotationDoc::new(schema, article, annotator, now),
        counts: Counts::default(),
        warnings: Vec::new(),
        at: HashMap::new(),
        mentions: Vec::new(),
        mention_index: HashMap::new(),
        links: Vec::new(),
    };
    // Coreference groups first: their order is the order of the entities.
    for (g, group) in citron.coreference_groups.iter().enumerate() {
        let members: Vec<usize> = group
            .iter()
            .filter_map(|s| b.mention(s, "coreference group member").map(|m| m.1))
            .collect();
        if members.is_empty() && !group.is_empty() {
            b.warn(format!("coreference group {}: no member imported", g + 1));
        }
        b.links.extend(members.windows(2).map(|w| (w[0], w[1])));
    }
    for (i, q) in citron.quotes.iter().enumerate() {
        b.quote(i + 1, q);
    }
    b.entities();
    b.doc.canonicalize();
    (b.doc, b.warnings, b.counts)
}

/// The `.json` files under `path` (or `path` itself) and the directory they are relative to.
fn json_files(path: &Path) -> Result<(PathBuf, Vec<PathBuf>), String> {
    if path.is_file() {
        let root = path.parent().map(Path::to_owned).unwrap_or_default();
        return Ok((root, vec![path.to_owned()]));
    }
    if !path.is_dir() {
        return Err(format!("{}: no such file or directory", path.display()));
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(path).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "json") {
            files.push(entry.into_path());
        }
    }
    Ok((path.to_owned(), files))
}

/// Import every Citron file under `path`.
///
/// # Errors
/// A message when `path` cannot be read.
pub fn import_citron(
    schema: &Schema,
    path: &Path,
    options: &CitronOptions,
) -> Result<ImportReport, String> {
    let (root, files) = json_files(path)?;
    let out = options.output.clone().unwrap_or_else(|| root.clone());
    let mut report = ImportReport::default();
    for file in files {
        if let Err(e) = import_file(schema, &root, &out, &file, options, &mut report) {
            report.errors.push(e);
        }
    }
    Ok(report)
}

fn import_file(
    schema: &Schema,
    root: &Path,
    out: &Path,
    file: &Path,
    options: &CitronOptions,
    report: &mut ImportReport,
) -> Result<(), String> {
    let shown = file.display().to_string();
    let rel = file.strip_prefix(root).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let annotator = match &options.annotator {
        Some(a) => a.clone(),
        None if parts.len() >= 2 => parts.remove(0),
        None => {
            return Err(format!(
                "{shown}: no annotator directory above the file; pass --annotator NAME"
            ));
        }
    };
    crate::store::check_annotator(&annotator).map_err(|e| format!("{shown}: {e}"))?;
    if let Some(last) = parts.last_mut()
        && let Some(stem) = last.strip_suffix(".json")
    {
        *last = stem.to_owned();
    }
    let doc_id = parts.join("/");
    let bytes = std::fs::read(file).map_err(|e| format!("{shown}: {e}"))?;
    let citron: CitronDoc = serde_json::from_slice(&bytes).map_err(|e| json_error(file, &e))?;
    let path = article_path(out, &doc_id);
    let article = article_at(&path, &citron.text).map_err(|e| format!("{shown}: {e}"))?;
    let (doc, warnings, counts) =
        citron_to_doc(schema, &article, &annotator, &citron, &shown, &options.now);
    report.warnings.extend(warnings);
    report.counts.add(&counts);
    let (written, errors) = write_docs(&path, &citron.text, &article, &[doc], options.force);
    report.written.extend(written);
    report.errors.extend(errors);
    Ok(())
}
