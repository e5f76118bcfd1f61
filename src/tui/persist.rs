//! The one place that loads and saves sidecars for the TUI. A sidecar that cannot be read or
//! parsed opens the article read-only and is never written over.

use std::path::Path;

use crate::model::{AnnotationDoc, Article, Schema};
use crate::store;
use crate::tui::app::{ArticleState, SaveState};

/// Current time as RFC 3339 (UTC, seconds).
#[must_use]
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Open `article` for `annotator`: its sidecar if there is one (re-anchored), else an empty
/// document. Returns the state and a note about re-anchoring, if any.
#[must_use]
pub fn open(article: Article, annotator: &str, schema: &Schema) -> (ArticleState, Option<String>) {
    let sidecar = store::sidecar_path(article.path(), annotator);
    let fresh = |article: &Article| AnnotationDoc::new(schema, article, annotator, &now());
    match store::load_for_article(&sidecar, &article) {
        Ok(Some((doc, report))) => {
            let note = (!report.is_clean()).then(|| {
                format!(
                    "the article changed since the sidecar was written: {} spans moved, {} fuzzy, {} orphaned",
                    report.moved, report.fuzzy, report.orphaned
                )
            });
            (
                ArticleState::new(article, doc, sidecar, SaveState::Saved),
                note,
            )
        }
        Ok(None) => {
            let doc = fresh(&article);
            (
                ArticleState::new(article, doc, sidecar, SaveState::Saved),
                None,
            )
        }
        Err(e) => {
            let doc = fresh(&article);
            let state =
                ArticleState::new(article, doc, sidecar, SaveState::ReadOnly(e.to_string()));
            (state, None)
        }
    }
}

/// Save the document of `state` atomically (stamping its modification time).
///
/// # Errors
/// The store's message.
pub fn save(state: &mut ArticleState) -> Result<(), String> {
    if state.is_read_only() {
        return Err("read-only".to_owned());
    }
    state.doc.modified = now();
    store::sidecar::save(&state.sidecar, &state.doc).map_err(|e| e.to_string())
}

/// Copy the bundled demo article into `data_dir/demo/` once and return its path.
///
/// # Errors
/// A message naming the path when it cannot be written.
pub fn demo_article(data_dir: &Path) -> Result<std::path::PathBuf, String> {
    let dir = data_dir.join("demo");
    let path = dir.join("wire-001.txt");
    if !path.exists() {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        store::atomic::write_atomic(&path, DEMO_ARTICLE.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    Ok(path)
}

/// The bundled demo article.
pub const DEMO_ARTICLE: &str = include_str!("../../sample-data/wire-001.txt");
