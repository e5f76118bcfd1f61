//! Streaming a corpus through a [`Renderer`]: documents are loaded and rendered a chunk at a
//! time on all cores, then written in corpus order. Memory is bounded by one chunk, whatever
//! the corpus size.

use std::io::{IsTerminal, Write};

use crate::corpus::{Corpus, CorpusEntry};
use crate::export::place::prune_orphans;
use crate::export::{ExportDoc, ExportError, Renderer, Selection};
use crate::model::Article;

/// Documents loaded and rendered per worker between two writes.
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
    let io = |source| ExportError::Io {
        path: out_name.to_owned(),
        source,
    };
    let entries = corpus.entries();
    let bar = (progress && std::io::stderr().is_terminal())
        .then(|| indicatif::ProgressBar::new(entries.len() as u64));
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .clamp(1, 8);
    let mut stats = ExportStats::default();
    out.write_all(&renderer.header()).map_err(io)?;
    let mut first = true;
    for (chunk_no, chunk) in entries.chunks(workers * PER_WORKER).enumerate() {
        let base = chunk_no * workers * PER_WORKER;
        let results = render_chunk(base, chunk, workers, selection, include_orphans, renderer);
        for result in results {
            match result {
                Ok((loaded, bytes)) => {
                    stats.orphans_left_out += loaded.orphans_left_out;
                    stats.orphans_kept += loaded.orphans_kept;
                    if let Some(doc) = &loaded.doc {
                        stats.documents += 1;
                        stats.sidecars += doc.annotations.len();
                        if !first && !bytes.is_empty() {
                            out.write_all(renderer.separator()).map_err(io)?;
                        }
                        if !bytes.is_empty() {
                            first = false;
                        }
                        out.write_all(&bytes).map_err(io)?;
                    }
                }
                Err(message) => stats.errors.push(message),
            }
        }
        if let Some(bar) = &bar {
            bar.inc(chunk.len() as u64);
        }
    }
    out.write_all(&renderer.footer()).map_err(io)?;
    out.flush().map_err(io)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok(stats)
}

/// Load and render one chunk on `workers` threads; results come back in entry order.
fn render_chunk(
    base: usize,
    chunk: &[CorpusEntry],
    workers: usize,
    selection: &Selection,
    include_orphans: bool,
    renderer: &dyn Renderer,
) -> Vec<Rendered> {
    if workers <= 1 || chunk.len() <= 1 {
        return chunk
            .iter()
            .enumerate()
            .map(|(i, e)| load_and_render(base + i, e, selection, include_orphans, renderer))
            .collect();
    }
    let per = chunk.len().div_ceil(workers);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per)
            .enumerate()
            .map(|(part, entries)| {
                scope.spawn(move || {
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            let index = base + part * per + i;
                            load_and_render(index, e, selection, include_orphans, renderer)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| vec![Err("internal error: export worker panicked".into())])
            })
            .collect()
    })
}
