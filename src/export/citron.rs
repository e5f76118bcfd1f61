//! Citron JSON export (the data format of BBC R&D's Citron quote extraction system): one file
//! per document and annotator, `OUT/<annotator>/<doc_id>.json`, holding the normalised text,
//! one quote per cue and set of sources (`cue`, `sources[]`, `contents[]`: every claim they
//! introduce) and a `coreference_groups` entry for each speaker entity with several mentions.
//! Spans are `{start, end, text}` in Unicode scalar values, as Python indexes the text.
//!
//! Citron needs a cue and a source for every quote: attributions without either cannot be
//! written and are counted ([`CitronRenderer::left_out`]); attribute values, confidence,
//! notes and entity names have no place in the format.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::export::place::place;
use crate::export::{ExportDoc, ExportError, Renderer};
use crate::model::{AnnotationDoc, Article};

/// A span of a Citron file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitronSpan {
    /// Start character index.
    pub start: i64,
    /// End character index (exclusive).
    pub end: i64,
    /// The text of the span.
    pub text: String,
}

/// One quote: a cue, its sources and the contents they are quoted as saying.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitronQuote {
    /// The cue (`said`); Citron requires one, a file read may lack it.
    #[serde(default)]
    pub cue: Option<CitronSpan>,
    /// Source mentions.
    #[serde(default)]
    pub sources: Vec<CitronSpan>,
    /// Content spans.
    #[serde(default)]
    pub contents: Vec<CitronSpan>,
    /// Spans the sources corefer with (Citron's resolved pronouns); read, never written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coreferences: Vec<CitronSpan>,
    /// Score of a predicted quote; read and ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

/// One Citron document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitronDoc {
    /// The document text.
    pub text: String,
    /// Quote annotations.
    #[serde(default)]
    pub quotes: Vec<CitronQuote>,
    /// Groups of mentions of one source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coreference_groups: Vec<Vec<CitronSpan>>,
}

/// The Citron document of one annotator's records, and how many attributions it could not
/// hold (no cue, no source, or a span that cannot be placed).
#[must_use]
pub fn citron_doc(article: &Article, doc: &AnnotationDoc) -> (CitronDoc, usize) {
    let span_of = |id: &str| {
        let s = doc.span(id)?;
        let p = place(article, s)?;
        Some(CitronSpan {
            start: p.start as i64,
            end: p.end as i64,
            text: p.text.to_owned(),
        })
    };
    let mut left_out = 0;
    // (cue, sources) -> quote index, in order of the first attribution.
    let mut quote_of: BTreeMap<(String, Vec<String>), usize> = BTreeMap::new();
    let mut quotes: Vec<CitronQuote> = Vec::new();
    for a in &doc.attributions {
        let (Some(cue_id), Some(claim)) = (a.cue.as_deref(), span_of(&a.claim)) else {
            left_out += 1;
            continue;
        };
        let sources: Option<Vec<CitronSpan>> = a.sources.iter().map(|s| span_of(s)).collect();
        let (Some(cue), Some(sources)) = (span_of(cue_id), sources) else {
            left_out += 1;
            continue;
        };
        if sources.is_empty() {
            left_out += 1;
            continue;
        }
        let key = (cue_id.to_owned(), a.sources.clone());
        match quote_of.get(&key) {
            Some(&i) => quotes[i].contents.push(claim),
            None => {
                quote_of.insert(key, quotes.len());
                quotes.push(CitronQuote {
                    cue: Some(cue),
                    sources,
                    contents: vec![claim],
                    coreferences: Vec::new(),
                    confidence: None,
                });
            }
        }
    }
    for q in &mut quotes {
        q.contents.sort_by_key(|c| (c.start, c.end));
    }
    let mut coreference_groups = Vec::new();
    for e in &doc.entities {
        let mut mentions: Vec<CitronSpan> = doc
            .spans
            .iter()
            .filter(|s| s.entity.as_deref() == Some(e.id.as_str()))
            .filter_map(|s| span_of(&s.id))
            .collect();
        if mentions.len() > 1 {
            mentions.sort_by_key(|m| (m.start, m.end));
            coreference_groups.push(mentions);
        }
    }
    let out = CitronDoc {
        text: article.text().to_owned(),
        quotes,
        coreference_groups,
    };
    (out, left_out)
}

/// Writes one Citron file per document and annotator under an output directory.
#[derive(Debug)]
pub struct CitronRenderer {
    out_dir: PathBuf,
    left_out: AtomicUsize,
}

impl CitronRenderer {
    /// A renderer writing under `out_dir`.
    #[must_use]
    pub fn new(out_dir: &Path) -> Self {
        Self {
            out_dir: out_dir.to_owned(),
            left_out: AtomicUsize::new(0),
        }
    }

    /// Attributions the format could not hold, over all documents rendered so far.
    #[must_use]
    pub fn left_out(&self) -> usize {
        self.left_out.load(Ordering::Relaxed)
    }
}

impl Renderer for CitronRenderer {
    fn render(&self, doc: &ExportDoc) -> Result<Vec<u8>, ExportError> {
        for ann in &doc.annotations {
            let mut path = self.out_dir.join(&ann.annotator).join(&doc.doc_id);
            let mut name = path.as_os_str().to_owned();
            name.push(".json");
            path = PathBuf::from(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
            }
            let (citron, left_out) = citron_doc(&doc.article, ann);
            self.left_out.fetch_add(left_out, Ordering::Relaxed);
            let mut bytes = serde_json::to_vec_pretty(&citron)
                .map_err(|e| ExportError::Invalid(format!("json: {e}")))?;
            bytes.push(b'\n');
            std::fs::write(&path, bytes).map_err(|e| ExportError::io(&path, e))?;
        }
        Ok(Vec::new())
    }
}
