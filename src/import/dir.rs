//! Importing a directory of brat files: finding the `.ann` files, placing each with its text
//! and annotator ([`Layout`]), reading it natively or through a [`Mapping`], writing articles
//! and sidecars, and collecting what could not be imported. Files are read on all cores; the
//! report lists them in path order.

use std::path::{Path, PathBuf};

use crate::import::ann_text::decode;
use crate::import::brat::ann_to_doc;
use crate::import::counts::Counts;
use crate::import::layout::{Layout, Placed};
use crate::import::mapped::mapped_ann_to_doc;
use crate::import::mapping::Mapping;
use crate::model::{Article, Schema};
use crate::store::{check_annotator, sidecar, sidecar_path};

/// How to import a directory.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Annotator for every file; otherwise the layout names it.
    pub annotator: Option<String>,
    /// Where to write articles and sidecars; `None`: next to the `.txt` files.
    pub output: Option<PathBuf>,
    /// Overwrite existing sidecars.
    pub force: bool,
    /// Timestamp recorded in the sidecars (RFC 3339).
    pub now: String,
    /// Where the files are.
    pub layout: Layout,
    /// Foreign scheme; `None` reads what the brat export writes.
    pub mapping: Option<Mapping>,
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportReport {
    /// Sidecars written.
    pub written: Vec<PathBuf>,
    /// Lines or files that could not be used (with file and line).
    pub warnings: Vec<String>,
    /// Files that could not be imported at all.
    pub errors: Vec<String>,
    /// What a mapped import read and made.
    pub counts: Counts,
}

/// Outcome of one file.
#[derive(Default)]
struct FileResult {
    written: Option<PathBuf>,
    warnings: Vec<String>,
    error: Option<String>,
    counts: Counts,
}

/// Import every `.ann` file (with its `.txt`) under `dir`.
///
/// # Errors
/// A message when `dir` cannot be read.
pub fn import_dir(
    schema: &Schema,
    dir: &Path,
    options: &ImportOptions,
) -> Result<ImportReport, String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    // Walked as every command walks a directory; a link loop or an unreadable subdirectory is
    // a warning, not the end of the import.
    let walk = crate::corpus::walk_files(dir, usize::MAX)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let files: Vec<PathBuf> = walk
        .files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    // Writing a sidecar waits for the disk (fsync), so more threads than cores keep it busy.
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .max(8)
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<FileResult> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|ann| {
                            let mut r = FileResult::default();
                            match import_one(schema, dir, ann, options, &mut r) {
                                Ok(path) => r.written = Some(path),
                                Err(e) => r.error = Some(e),
                            }
                            r
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join().unwrap_or_else(|_| {
                    vec![FileResult {
                        error: Some("internal error while importing".to_owned()),
                        ..FileResult::default()
                    }]
                })
            })
            .collect()
    });
    let mut report = ImportReport {
        warnings: walk.problems,
        ..ImportReport::default()
    };
    for r in results {
        report.written.extend(r.written);
        report.warnings.extend(r.warnings);
        report.errors.extend(r.error);
        report.counts.add(&r.counts);
    }
    Ok(report)
}

/// Where the article of `placed` is imported to, copying its text there when `-o` is given.
fn article_path(
    placed: &Placed,
    raw: &[u8],
    article: &Article,
    options: &ImportOptions,
) -> Result<PathBuf, String> {
    let Some(out) = &options.output else {
        return Ok(placed.txt.clone());
    };
    let mut p = out.clone();
    for part in &placed.doc_parts {
        p.push(part);
    }
    match std::fs::read(&p) {
        Ok(existing) => {
            let same =
                Article::from_bytes(&p, &existing).is_ok_and(|a| a.sha256() == article.sha256());
            if !same {
                return Err(format!(
                    "{}: exists with a different text than {}",
                    p.display(),
                    placed.txt.display()
                ));
            }
        }
        Err(_) => {
            if let Some(d) = p.parent() {
                std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
            }
            crate::store::atomic::write_atomic(&p, raw)
                .map_err(|e| format!("{}: {e}", p.display()))?;
        }
    }
    Ok(p)
}

fn import_one(
    schema: &Schema,
    root: &Path,
    ann_path: &Path,
    options: &ImportOptions,
    result: &mut FileResult,
) -> Result<PathBuf, String> {
    let shown = ann_path.display().to_string();
    let placed = options
        .layout
        .place(root, ann_path, options.annotator.as_deref())?;
    check_annotator(&placed.annotator).map_err(|e| format!("{shown}: {e}"))?;
    let raw = std::fs::read(&placed.txt).map_err(|e| format!("{}: {e}", placed.txt.display()))?;
    let article = Article::from_bytes(&placed.txt, &raw).map_err(|e| e.to_string())?;
    let bytes = std::fs::read(ann_path).map_err(|e| format!("{shown}: {e}"))?;
    let (ann, mut warnings) = decode(&bytes, &shown);
    let path = article_path(&placed, &raw, &article, options)?;
    let target = sidecar_path(&path, &placed.annotator);
    if target.exists() && !options.force {
        return Err(format!(
            "{}: exists; pass --force to overwrite",
            target.display()
        ));
    }
    let article = Article::from_bytes(&path, &raw).map_err(|e| e.to_string())?;
    let bom = raw.starts_with("\u{feff}".as_bytes());
    let doc = match &options.mapping {
        Some(mapping) => {
            let (doc, more, counts) = mapped_ann_to_doc(
                schema,
                mapping,
                &article,
                &placed.annotator,
                &ann,
                bom,
                &shown,
                &options.now,
            );
            warnings.extend(more);
            result.counts = counts;
            doc
        }
        None => {
            let (doc, more) = ann_to_doc(
                schema,
                &article,
                &placed.annotator,
                &ann,
                bom,
                &shown,
                &options.now,
            );
            warnings.extend(more);
            doc
        }
    };
    result.warnings = warnings;
    sidecar::save(&target, &doc).map_err(|e| e.to_string())?;
    Ok(target)
}
