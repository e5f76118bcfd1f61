//! Importing a directory of brat files: finding `.txt` + `.ann` pairs, naming the annotator
//! (first directory under the root, or given), placing articles and sidecars, and collecting
//! what could not be imported.

use std::path::{Path, PathBuf};

use crate::import::brat::ann_to_doc;
use crate::model::{Article, Schema};
use crate::store::{check_annotator, sidecar, sidecar_path};

/// How to import a directory.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Annotator for every file; otherwise the first directory under the root names it.
    pub annotator: Option<String>,
    /// Where to write articles and sidecars; `None`: next to the `.txt` files.
    pub output: Option<PathBuf>,
    /// Overwrite existing sidecars.
    pub force: bool,
    /// Timestamp recorded in the sidecars (RFC 3339).
    pub now: String,
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
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|x| x == "ann") {
            files.push(entry.into_path());
        }
    }
    let mut report = ImportReport::default();
    for ann_path in files {
        if let Err(e) = import_one(schema, dir, &ann_path, options, &mut report) {
            report.errors.push(e);
        }
    }
    Ok(report)
}

fn import_one(
    schema: &Schema,
    root: &Path,
    ann_path: &Path,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<(), String> {
    let shown = ann_path.display().to_string();
    let rel: Vec<String> = ann_path
        .strip_prefix(root)
        .unwrap_or(ann_path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let (annotator, doc_parts) = match &options.annotator {
        Some(a) => (a.clone(), rel.as_slice()),
        None if rel.len() >= 2 => (rel[0].clone(), &rel[1..]),
        None => {
            return Err(format!(
                "{shown}: cannot tell the annotator; put files in one directory per annotator or pass --annotator"
            ));
        }
    };
    check_annotator(&annotator).map_err(|e| format!("{shown}: {e}"))?;
    let txt_path = ann_path.with_extension("txt");
    let raw = std::fs::read(&txt_path).map_err(|e| format!("{}: {e}", txt_path.display()))?;
    let article = Article::from_bytes(&txt_path, &raw).map_err(|e| e.to_string())?;
    let ann = std::fs::read_to_string(ann_path).map_err(|e| format!("{shown}: {e}"))?;
    let article_path = match &options.output {
        Some(out) => {
            let mut p = out.clone();
            for part in doc_parts {
                p.push(part);
            }
            let p = p.with_extension("txt");
            match std::fs::read(&p) {
                Ok(existing) => {
                    let same = Article::from_bytes(&p, &existing)
                        .is_ok_and(|a| a.sha256() == article.sha256());
                    if !same {
                        return Err(format!(
                            "{}: exists with a different text than {}",
                            p.display(),
                            txt_path.display()
                        ));
                    }
                }
                Err(_) => {
                    if let Some(d) = p.parent() {
                        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
                    }
                    crate::store::atomic::write_atomic(&p, &raw)
                        .map_err(|e| format!("{}: {e}", p.display()))?;
                }
            }
            p
        }
        None => txt_path.clone(),
    };
    let article = Article::from_bytes(&article_path, &raw).map_err(|e| e.to_string())?;
    let bom = raw.starts_with("\u{feff}".as_bytes());
    let (doc, warnings) = ann_to_doc(
        schema,
        &article,
        &annotator,
        &ann,
        bom,
        &shown,
        &options.now,
    );
    report.warnings.extend(warnings);
    let target = sidecar_path(&article_path, &annotator);
    if target.exists() && !options.force {
        return Err(format!(
            "{}: exists; pass --force to overwrite",
            target.display()
        ));
    }
    sidecar::save(&target, &doc).map_err(|e| e.to_string())?;
    report.written.push(target);
    Ok(())
}
