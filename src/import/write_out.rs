//! Writing what a JSON import (Label Studio, Citron) read: the article text at
//! `OUT/<doc id>.txt` (or checking that an existing copy holds the same text) and one sidecar
//! per annotator beside it. An existing sidecar is kept unless the import is forced, and
//! `sidecar::save` never overwrites one that does not parse.

use std::path::{Component, Path, PathBuf};

use crate::model::{AnnotationDoc, Article};
use crate::store::{check_annotator, sidecar, sidecar_path};

/// Is `doc_id` a relative `/`-separated path that stays inside the output directory?
#[must_use]
pub fn is_safe_doc_id(doc_id: &str) -> bool {
    !doc_id.is_empty()
        && !doc_id.contains(['\\', '\0', ':'])
        && doc_id
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
        && Path::new(doc_id)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// The article path of `doc_id` under `out`: `out/<doc_id>.txt` (`.md` ids keep their name).
#[must_use]
pub fn article_path(out: &Path, doc_id: &str) -> PathBuf {
    let mut path = out.to_owned();
    for part in doc_id.split('/') {
        path.push(part);
    }
    let keep = path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt") || x.eq_ignore_ascii_case("md"));
    if !keep {
        let mut name = path.as_os_str().to_owned();
        name.push(".txt");
        path = PathBuf::from(name);
    }
    path
}

/// The article `raw` (the text as the file holds it) as it will be loaded from `path`.
///
/// # Errors
/// A message naming `path` when the text cannot be an article.
pub fn article_at(path: &Path, raw: &str) -> Result<Article, String> {
    Article::from_text(path, raw).map_err(|e| e.to_string())
}

/// Write the article text to `path` unless an identical copy is there, then each document as
/// its annotator's sidecar beside it. Returns the sidecars written and one message per
/// sidecar (or the article) that could not be written.
#[must_use]
pub fn write_docs(
    path: &Path,
    raw: &str,
    article: &Article,
    docs: &[AnnotationDoc],
    force: bool,
) -> (Vec<PathBuf>, Vec<String>) {
    if let Err(e) = write_article(path, raw, article) {
        return (Vec::new(), vec![e]);
    }
    let mut written = Vec::new();
    let mut errors = Vec::new();
    for doc in docs {
        if let Err(e) = check_annotator(&doc.annotator) {
            errors.push(format!("{}: {e}", path.display()));
            continue;
        }
        let target = sidecar_path(path, &doc.annotator);
        if target.exists() && !force {
            errors.push(format!(
                "{}: exists; pass --force to overwrite",
                target.display()
            ));
            continue;
        }
        match sidecar::save(&target, doc) {
            Ok(()) => written.push(target),
            Err(e) => errors.push(e.to_string()),
        }
    }
    (written, errors)
}

fn write_article(path: &Path, raw: &str, article: &Article) -> Result<(), String> {
    match std::fs::read(path) {
        Ok(existing) => {
            let same =
                Article::from_bytes(path, &existing).is_ok_and(|a| a.sha256() == article.sha256());
            if same {
                Ok(())
            } else {
                Err(format!(
                    "{}: exists with a different text than the imported document",
                    path.display()
                ))
            }
        }
        Err(_) => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            crate::store::atomic::write_atomic(path, raw.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_ids_stay_inside_the_output_directory() {
        for ok in ["wire-001", "a/b", "news/2024/x.md"] {
            assert!(is_safe_doc_id(ok), "{ok}");
        }
        for bad in [
            "",
            "../x",
            "a/../../x",
            "/etc/passwd",
            "a//b",
            "a\\b",
            "c:x",
            "./a",
        ] {
            assert!(!is_safe_doc_id(bad), "{bad}");
        }
        assert_eq!(
            article_path(Path::new("out"), "a/b"),
            Path::new("out/a/b.txt")
        );
        assert_eq!(
            article_path(Path::new("out"), "x.md"),
            Path::new("out/x.md")
        );
    }
}
