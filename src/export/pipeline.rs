//! Streaming a corpus through a [`Renderer`]: documents are loaded and rendered a chunk at a
//! time on all cores, then written in corpus order. Memory is bounded by one chunk, whatever
//! the corpus size.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Condvar, Mutex, PoisonError};

use crate::corpus::{Corpus, CorpusEntry};
use crate::export::place::prune_orphans;
use crate::export::{ExportDoc, ExportError, Renderer, Selection};
use crate::model::Article;

/// Documents each worker may run ahead of the writer.
const PER_WORKER: usize = 32;

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportStats {
    /// Documents written (with at least one selected sidecar).
    pub documents: usize,
    /// Sidecars written.
    pub sidecars: usize,
    /// Orphaned spans left out.
    pub orphans_left_out: usize,
    /// Orphaned spans kept (with `--include-orphans`).
    pub orphans_kept: usize,
    /// Documents that could not be exported, with the reason (naming the file).
    pub errors: Vec<String>,
}

/// Result of loading one corpus entry.
#[derive(Debug)]
pub struct Loaded {
    /// The document, or `None` when no sidecar is selected.
    pub doc: Option<ExportDoc>,
    /// Orphaned spans removed.
    pub orphans_left_out: usize,
    /// Orphaned spans kept.
    pub orphans_kept: usize,
}

/// Load entry `index` of a corpus: the article and each selected sidecar, re-anchored against
/// the current text, orphans pruned unless `include_orphans`.
///
/// # Errors
/// A message naming the article or sidecar that could not be read.
pub fn load_doc(
    index: usize,
    entry: &CorpusEntry,
    selection: &Selection,
    include_orphans: bool,
) -> Result<Loaded, String> {
    let selected: Vec<_> = entry
        .sidecars
        .iter()
        .filter(|s| selection.includes(&s.annotator))
        .collect();
    let mut loaded = Loaded {
        doc: None,
        orphans_left_out: 0,
        orphans_kept: 0,
    };
    if selected.is_empty() {
        return Ok(loaded);
    }
    let article = Article::load(&entry.path).map_err(|e| e.to_string())?;
    let mut annotations = Vec::with_capacity(selected.len());
    for sidecar in selected {
        let Some((mut doc, report)) =
            crate::store::load_for_article(&sidecar.path, &article).map_err(|e| e.to_string())?
        else {
            continue;
        };
        if include_orphans {
            loaded.orphans_kept += report.orphaned;
        } else {
            loaded.orphans_left_out += prune_orphans(&mut doc);
        }
        annotations.push(doc);
    }
    loaded.doc = Some(ExportDoc {
        index,
        doc_id: entry.doc_id.clone(),
        article,
        annotations,
    });
    Ok(loaded)
}

type Rendered = Result<(Loaded, Vec<u8>), String>;

fn load_and_render(
    index: usize,
    entry: &CorpusEntry,
    selection: &Selection,
    include_orphans: bool,
    renderer: &dyn Renderer,
) -> Rendered {
    let loaded = load_doc(index, entry, selection, include_orphans)?;
    let bytes = match &loaded.doc {
        Some(doc) => renderer.render(doc).map_err(|e| e.to_string())?,
        None => Vec::new(),
    };
    Ok((loaded, bytes))
}

/// Export every entry of `corpus` through `renderer` into `out`, in corpus order. Problems
/// with single documents are collected in [`ExportStats::errors`] and do not stop the export.
/// A progress bar is drawn on stderr when it is a terminal and `progress` is true.
///
/// Worker threads (one per core) load and render documents; this thread writes them in corpus
/// order. Workers never run more than a fixed window of documents ahead of the writer, so
/// memory stays bounded whatever the corpus size.
///
/// # Errors
/// [`ExportError::Io`] when writing `out` fails (`out_name` names it).
pub fn export_corpus(
    corpus: &Corpus,
    renderer: &dyn Renderer,
    selection: &Selection,
    include_orphans: bool,
    out: &mut dyn Write,
    out_name: &str,
    progress: bool,
) -> Result<ExportStats, ExportError> {
    let entries = corpus.entries();
    let bar = (progress && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(entries.len() as u64));
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let window = workers * PER_WORKER;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let written = (Mutex::new(0_usize), Condvar::new());
    let (sender, receiver) = sync_channel::<(usize, Rendered)>(window);
    let work = |sender: SyncSender<(usize, Rendered)>| {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(entry) = entries.get(index) else {
                break;
            };
            {
                let (lock, ready) = &written;
                let mut done = lock.lock().unwrap_or_else(PoisonError::into_inner);
                while index >= *done + window && !stop.load(Ordering::Relaxed) {
                    done = ready.wait(done).unwrap_or_else(PoisonError::into_inner);
                }
            }
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let result = load_and_render(index, entry, selection, include_orphans, renderer);
            if sender.send((index, result)).is_err() {
                break;
            }
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let work = &work;
            scope.spawn(move || work(sender));
        }
        // Only the workers hold senders now: if they all end early, `recv` fails instead of
        // waiting forever.
        drop(sender);
        let result = write_in_order(
            &receiver,
            entries.len(),
            renderer,
            out,
            out_name,
            &written,
            bar.as_ref(),
        );
        // Release workers waiting for the window (after an error) and let them finish.
        stop.store(true, Ordering::Relaxed);
        written.1.notify_all();
        drop(receiver);
        result
    })
    .inspect(|_| {
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
    })
}

/// Receive rendered documents, and write them in index order.
fn write_in_order(
    receiver: &Receiver<(usize, Rendered)>,
    total: usize,
    renderer: &dyn Renderer,
    out: &mut dyn Write,
    out_name: &str,
    written: &(Mutex<usize>, Condvar),
    bar: Option<&indicatif::ProgressBar>,
) -> Result<ExportStats, ExportError> {
    let io = |source| ExportError::Io {
        path: out_name.to_owned(),
        source,
    };
    let mut stats = ExportStats::default();
    out.write_all(&renderer.header()).map_err(io)?;
    let mut first = true;
    let mut pending: BTreeMap<usize, Rendered> = BTreeMap::new();
    let mut expected = 0;
    while expected < total {
        let Ok((index, result)) = receiver.recv() else {
            return Err(ExportError::Invalid(
                "internal error: an export worker stopped".to_owned(),
            ));
        };
        pending.insert(index, result);
        while let Some(result) = pending.remove(&expected) {
            match result {
                Ok((loaded, bytes)) => {
                    stats.orphans_left_out += loaded.orphans_left_out;
                    stats.orphans_kept += loaded.orphans_kept;
                    if let Some(doc) = &loaded.doc {
                        stats.documents += 1;
                        stats.sidecars += doc.annotations.len();
                        if !bytes.is_empty() {
                            if !first {
                                out.write_all(renderer.separator()).map_err(io)?;
                            }
                            first = false;
                            out.write_all(&bytes).map_err(io)?;
                        }
                    }
                }
                Err(message) => stats.errors.push(message),
            }
            expected += 1;
            let (lock, ready) = written;
            *lock.lock().unwrap_or_else(PoisonError::into_inner) = expected;
            ready.notify_all();
            if let Some(bar) = bar {
                bar.inc(1);
            }
        }
    }
    out.write_all(&renderer.footer()).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::export::table::{TableKind, TableRenderer};
    use crate::model::{AnnotationDoc, Schema};
    use crate::store::{sidecar, sidecar_path};

    /// A corpus of `n` one-claim articles annotated by `alice`.
    fn corpus(dir: &Path, n: usize) -> Corpus {
        let schema = Schema::default_schema();
        for i in 0..n {
            let path = dir.join(format!("a{i:04}.txt"));
            let text = format!("Claim number {i} stands.");
            std::fs::write(&path, &text).expect("write");
            let article = Article::from_text(&path, &text).expect("article");
            let mut doc = AnnotationDoc::new(&schema, &article, "alice", "t");
            doc.add_span(&schema, &article, "Claim", 0, 0, 5)
                .expect("claim");
            sidecar::save(&sidecar_path(&path, "alice"), &doc).expect("save");
        }
        Corpus::scan(dir).expect("scan")
    }

    struct FailAfter(usize);

    impl Write for FailAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("disk full"));
            }
            self.0 -= 1;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn output_is_in_corpus_order_and_write_errors_stop_the_workers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = corpus(dir.path(), 300);
        let schema = Schema::default_schema();
        let renderer = TableRenderer::new(&schema, TableKind::Jsonl).expect("renderer");
        let mut out = Vec::new();
        let stats = export_corpus(
            &corpus,
            &renderer,
            &Selection::All,
            false,
            &mut out,
            "mem",
            false,
        )
        .expect("export");
        assert_eq!(stats.documents, 300);
        let text = String::from_utf8(out).expect("utf-8");
        let ids: Vec<&str> = text
            .lines()
            .map(|l| &l[l.find("\"a0").expect("doc id") + 1..][..5])
            .collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
        let err = export_corpus(
            &corpus,
            &renderer,
            &Selection::All,
            false,
            &mut FailAfter(10),
            "out.jsonl",
            false,
        )
        .expect_err("write error");
        assert!(
            err.to_string()
                .starts_with("out.jsonl: cannot write: disk full"),
            "{err}"
        );
    }
}
