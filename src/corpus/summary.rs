//! Per-annotator progress of one article, read from its sidecar alone (the sidecar records the
//! paragraph hashes and the set of done paragraphs, so the article is never opened).
//!
//! [`summarize`] computes one entry; [`SummaryLoader`] computes a whole listing on a background
//! thread and delivers results over a channel, so a list view can be drawn before any sidecar
//! is read.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use serde::Deserialize;

use crate::corpus::listing::{Corpus, SidecarFile};
use crate::model::Schema;
use crate::model::annotation::FORMAT_VERSION;
use crate::model::ron_error::locate;
use crate::store::SidecarError;

/// Progress of one annotator on one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Progress {
    /// No sidecar, or a sidecar with nothing in it.
    NotStarted,
    /// Some spans or some paragraphs done.
    InProgress,
    /// Every paragraph marked done.
    Done,
}

impl Progress {
    /// Lower-case label for lists and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }
}

/// What a list view shows for one article and annotator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Annotator name.
    pub annotator: String,
    /// Overall status.
    pub progress: Progress,
    /// Paragraphs marked done.
    pub paras_done: usize,
    /// Paragraphs in the article when the sidecar was written.
    pub paras_total: usize,
    /// Spans of the schema's claim kind.
    pub claims: usize,
    /// Spans of any kind.
    pub spans: usize,
    /// Spans stored as orphaned.
    pub orphaned: usize,
    /// When the sidecar was last written (RFC 3339), as recorded in it.
    pub modified: String,
}

impl Summary {
    /// The summary of an annotator who has no sidecar yet.
    #[must_use]
    pub fn not_started(annotator: &str) -> Self {
        Self {
            annotator: annotator.to_owned(),
            progress: Progress::NotStarted,
            paras_done: 0,
            paras_total: 0,
            claims: 0,
            spans: 0,
            orphaned: 0,
            modified: String::new(),
        }
    }
}

/// The fields of a sidecar a summary needs; everything else is skipped by the parser.
#[derive(Deserialize)]
struct Probe {
    format_version: u32,
    annotator: String,
    article: ProbeArticle,
    #[serde(default)]
    modified: String,
    #[serde(default)]
    done: BTreeSet<usize>,
    #[serde(default)]
    spans: Vec<ProbeSpan>,
}

#[derive(Deserialize)]
struct ProbeArticle {
    paragraphs: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
struct ProbeSpan {
    kind: String,
    #[serde(default)]
    status: crate::model::AnchorStatus,
}

/// Summarise one sidecar; `claim_kind` is the schema's claim span kind (`Schema::relation.from`).
///
/// # Errors
/// [`SidecarError`] when the file cannot be read or parsed, or is from a newer program.
pub fn summarize(path: &Path, claim_kind: &str) -> Result<Summary, SidecarError> {
    let bytes = std::fs::read(path).map_err(|source| SidecarError::Io {
        path: path.to_owned(),
        action: "cannot read",
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    // Sidecars as the program writes them take the fast path (see `store::fast`).
    let fast = crate::store::fast::ron_to_json(&text)
        .and_then(|json| serde_json::from_str::<Probe>(&json).ok());
    let probe = match fast {
        Some(probe) => probe,
        None => ron::from_str(&text).map_err(|e| SidecarError::Parse {
            path: path.to_owned(),
            location: locate(&e),
            message: e.code.to_string(),
        })?,
    };
    if probe.format_version > FORMAT_VERSION {
        return Err(SidecarError::FutureVersion {
            path: path.to_owned(),
            found: probe.format_version,
            supported: FORMAT_VERSION,
        });
    }
    let paras_total = probe.article.paragraphs.len();
    let paras_done = probe.done.iter().filter(|&&i| i < paras_total).count();
    let progress = if paras_total > 0 && paras_done == paras_total {
        Progress::Done
    } else if paras_done > 0 || !probe.spans.is_empty() {
        Progress::InProgress
    } else {
        Progress::NotStarted
    };
    Ok(Summary {
        annotator: probe.annotator,
        progress,
        paras_done,
        paras_total,
        claims: probe.spans.iter().filter(|s| s.kind == claim_kind).count(),
        spans: probe.spans.len(),
        orphaned: probe
            .spans
            .iter()
            .filter(|s| s.status == crate::model::AnchorStatus::Orphaned)
            .count(),
        modified: probe.modified,
    })
}

/// Summarise a document held in memory, exactly as [`summarize`] would summarise it once saved
/// (a browser uses this for the article just edited, without reading the disk again).
#[must_use]
pub fn summarize_doc(doc: &crate::model::AnnotationDoc, claim_kind: &str) -> Summary {
    let paras_total = doc.article.paragraphs.len();
    let paras_done = doc.done.iter().filter(|&&i| i < paras_total).count();
    let progress = if paras_total > 0 && paras_done == paras_total {
        Progress::Done
    } else if paras_done > 0 || !doc.spans.is_empty() {
        Progress::InProgress
    } else {
        Progress::NotStarted
    };
    Summary {
        annotator: doc.annotator.clone(),
        progress,
        paras_done,
        paras_total,
        claims: doc.spans.iter().filter(|s| s.kind == claim_kind).count(),
        spans: doc.spans.len(),
        orphaned: doc
            .spans
            .iter()
            .filter(|s| s.status == crate::model::AnchorStatus::Orphaned)
            .count(),
        modified: doc.modified.clone(),
    }
}

/// One result delivered by a [`SummaryLoader`].
#[derive(Debug)]
pub struct SummaryEvent {
    /// Index of the entry in the list given to [`SummaryLoader::spawn`].
    pub index: usize,
    /// The sidecar's annotator (from its file name).
    pub annotator: String,
    /// The summary, or why the sidecar could not be read.
    pub result: Result<Summary, SidecarError>,
}

/// Computes summaries on a background thread, in list order, and sends each as it is ready.
/// Dropping the loader (or its receiver) stops the thread at the next sidecar.
#[derive(Debug)]
pub struct SummaryLoader {
    receiver: Receiver<SummaryEvent>,
    handle: Option<JoinHandle<()>>,
}

impl SummaryLoader {
    /// Start summarising the sidecars of each entry: `jobs[i]` are the sidecars of entry `i`
    /// (e.g. `corpus.entries().iter().map(|e| e.sidecars.clone())`).
    #[must_use]
    pub fn spawn(jobs: Vec<Vec<SidecarFile>>, claim_kind: String) -> Self {
        let (sender, receiver) = channel();
        let handle = std::thread::spawn(move || run(&jobs, &claim_kind, &sender));
        Self {
            receiver,
            handle: Some(handle),
        }
    }

    /// Start summarising every sidecar of `corpus` (entry indices as in `corpus.entries()`).
    #[must_use]
    pub fn for_corpus(corpus: &Corpus, schema: &Schema) -> Self {
        let jobs = corpus
            .entries()
            .iter()
            .map(|e| e.sidecars.clone())
            .collect();
        Self::spawn(jobs, schema.relation.from.clone())
    }

    /// The results ready now, without waiting.
    pub fn try_iter(&self) -> impl Iterator<Item = SummaryEvent> + '_ {
        self.receiver.try_iter()
    }

    /// The receiving end, for callers that want to block or select on it.
    #[must_use]
    pub fn receiver(&self) -> &Receiver<SummaryEvent> {
        &self.receiver
    }
}

impl Drop for SummaryLoader {
    fn drop(&mut self) {
        // Detach: the thread ends on its own when its next send fails.
        drop(self.handle.take());
    }
}

fn run(jobs: &[Vec<SidecarFile>], claim_kind: &str, sender: &Sender<SummaryEvent>) {
    for (index, sidecars) in jobs.iter().enumerate() {
        for sidecar in sidecars {
            let event = SummaryEvent {
                index,
                annotator: sidecar.annotator.clone(),
                result: summarize(&sidecar.path, claim_kind),
            };
            if sender.send(event).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{AnnotationDoc, Article, Schema};
    use crate::store::sidecar;

    #[test]
    fn summaries_come_from_the_sidecar_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let schema = Schema::default_schema();
        let article =
            Article::from_text(Path::new("a.txt"), "One said two.\n\nThree.").expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "alice", "2026-01-01T00:00:00Z");
        let path = dir.path().join("a.alice.ann.ron");
        sidecar::save(&path, &doc).expect("save");
        assert_eq!(
            summarize(&path, "Claim").expect("empty").progress,
            Progress::NotStarted
        );
        doc.add_span(&schema, &article, "Claim", 0, 9, 12)
            .expect("claim");
        doc.add_span(&schema, &article, "Speaker", 0, 0, 3)
            .expect("speaker");
        doc.done.insert(0);
        sidecar::save(&path, &doc).expect("save");
        let s = summarize(&path, "Claim").expect("summary");
        assert_eq!(s, summarize_doc(&doc, "Claim"), "same summary from memory");
        assert_eq!(
            (s.progress, s.paras_done, s.paras_total, s.claims, s.spans),
            (Progress::InProgress, 1, 2, 1, 2)
        );
        doc.done.insert(1);
        sidecar::save(&path, &doc).expect("save");
        assert_eq!(
            summarize(&path, "Claim").expect("done").progress,
            Progress::Done
        );

        let broken = dir.path().join("b.alice.ann.ron");
        std::fs::write(&broken, "(\n  format_version: oops").expect("write");
        let err = summarize(&broken, "Claim").expect_err("broken");
        assert!(err.to_string().contains("b.alice.ann.ron:2:"), "{err}");

        let loader = SummaryLoader::spawn(
            vec![
                vec![SidecarFile {
                    annotator: "alice".into(),
                    path: path.clone(),
                }],
                vec![SidecarFile {
                    annotator: "alice".into(),
                    path: broken,
                }],
            ],
            "Claim".into(),
        );
        let events: Vec<SummaryEvent> = loader.receiver().iter().collect();
        assert_eq!(events.len(), 2);
        std::fs::write(dir.path().join("a.txt"), "One said two.\n\nThree.").expect("article");
        let corpus = Corpus::scan(dir.path()).expect("scan");
        let listed: Vec<SummaryEvent> = SummaryLoader::for_corpus(&corpus, &schema)
            .receiver()
            .iter()
            .collect();
        assert_eq!(listed.len(), 1, "the stray b sidecar has no article");
        assert_eq!(listed[0].annotator, "alice");
        assert_eq!(
            listed[0].result.as_ref().expect("summary").progress,
            Progress::Done
        );
        assert_eq!(events[0].index, 0);
        assert!(events[0].result.is_ok());
        assert!(events[1].result.is_err());
    }
}
