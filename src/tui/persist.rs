//! The one place that loads and saves sidecars for the TUI, through the store's
//! [`SidecarSlot`] / [`OpenedSidecar`](crate::store::OpenedSidecar):
//! - a sidecar that cannot be read or parsed (or comes from a newer program) opens the article
//!   read-only; there is no code path that writes it;
//! - a file that opening changed (re-anchoring, migration) is copied to `.bak` before the
//!   first write;
//! - a file changed on disk by someone else since it was read is never overwritten: the save
//!   reports a [`SaveError::Conflict`], and the annotator either writes their version to a side
//!   file ([`save_conflict_copy`]) or reloads the file from disk ([`reread`]).

use std::path::{Path, PathBuf};

use crate::model::{AnnotationDoc, Article, Schema};
use crate::store::{self, SidecarError, SidecarSlot};
use crate::tui::app::{ArticleState, SaveState};

/// Current time as RFC 3339 (UTC, seconds).
#[must_use]
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// The file on disk changed since it was read; it was left alone.
    Conflict(String),
    /// Anything else (read-only, I/O); saving may be retried.
    Failed(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Conflict(m) | Self::Failed(m) => f.write_str(m),
        }
    }
}

/// Open `article` for `annotator`: its sidecar if there is one (re-anchored to the current
/// text), else an empty document. Returns the state and a note about the opening (schema
/// problems found, a migration), if any.
#[must_use]
pub fn open(article: Article, annotator: &str, schema: &Schema) -> (ArticleState, Option<String>) {
    match SidecarSlot::open(&article, annotator, schema) {
        SidecarSlot::Ready(opened) => {
            let mut notes = Vec::new();
            if let Some(v) = opened.migrated_from() {
                notes.push(format!(
                    "migrated from format version {v} (the original is kept as .bak on the first save)"
                ));
            }
            // Orphans and a changed article are what the re-anchoring message is about.
            let problems = opened
                .problems
                .iter()
                .filter(|p| {
                    !matches!(
                        p.kind,
                        store::ProblemKind::Orphaned | store::ProblemKind::ArticleChanged
                    )
                })
                .count();
            if problems > 0 {
                let name = opened
                    .path()
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                notes.push(format!(
                    "{problems} problem(s) in the sidecar; run `marginalia check {name}`"
                ));
            }
            let doc = opened.doc.clone();
            let path = opened.path().to_owned();
            let mut state = ArticleState::new(article, doc, path, SaveState::Saved);
            state.reanchor = opened.report;
            state.opened = Some(opened);
            (state, (!notes.is_empty()).then(|| notes.join("; ")))
        }
        SidecarSlot::Refused { path, error } => {
            let doc = AnnotationDoc::new(schema, &article, annotator, &now());
            let state =
                ArticleState::new(article, doc, path, SaveState::ReadOnly(error.to_string()));
            (state, None)
        }
    }
}

/// Save the document of `state` (atomically, stamping its modification time).
///
/// # Errors
/// The store's message.
pub fn save(state: &mut ArticleState) -> Result<(), String> {
    save_checked(state).map_err(|e| e.to_string())
}

/// Save the document of `state`, telling a changed-on-disk conflict from other failures.
///
/// # Errors
/// [`SaveError::Conflict`] when the file changed on disk since it was read (nothing written);
/// [`SaveError::Failed`] for a read-only article or an I/O error.
pub fn save_checked(state: &mut ArticleState) -> Result<(), SaveError> {
    if let SaveState::ReadOnly(e) = &state.save {
        return Err(SaveError::Failed(format!("read-only: {e}")));
    }
    let Some(opened) = state.opened.as_mut() else {
        return Err(SaveError::Failed(format!(
            "{}: no sidecar was opened for this article",
            state.sidecar.display()
        )));
    };
    opened.doc.clone_from(&state.doc);
    match opened.save() {
        Ok(_) => {
            state.doc.modified.clone_from(&opened.doc.modified);
            Ok(())
        }
        Err(e @ SidecarError::ChangedOnDisk { .. }) => Err(SaveError::Conflict(e.to_string())),
        Err(e) => Err(SaveError::Failed(e.to_string())),
    }
}

/// `<sidecar>.conflict-<UTC time>.ann.ron`, next to the sidecar (a later number is added when
/// such a file exists already).
#[must_use]
pub fn conflict_path(sidecar: &Path, now: std::time::SystemTime) -> PathBuf {
    let stamp = humantime::format_rfc3339_seconds(now)
        .to_string()
        .replace(['-', ':'], "");
    let base = sidecar.as_os_str().to_string_lossy().into_owned();
    let mut candidate = PathBuf::from(format!("{base}.conflict-{stamp}.ann.ron"));
    let mut n = 2;
    while candidate.exists() {
        candidate = PathBuf::from(format!("{base}.conflict-{stamp}-{n}.ann.ron"));
        n += 1;
    }
    candidate
}

/// Write the document in memory to a side file next to the sidecar (the sidecar itself is not
/// touched), so nothing is lost when the file on disk changed under us. Returns the path.
///
/// # Errors
/// A message naming the file when it cannot be written.
pub fn save_conflict_copy(state: &ArticleState) -> Result<PathBuf, String> {
    let path = conflict_path(&state.sidecar, std::time::SystemTime::now());
    let mut doc = state.doc.clone();
    doc.modified = now();
    doc.canonicalize();
    store::atomic::write_atomic(&path, store::sidecar::to_ron(&doc).as_bytes())
        .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    Ok(path)
}

/// Re-read the sidecar of `state` from disk (after it changed under us), for
/// [`Outcome::Reloaded`](crate::tui::outcome::Outcome::Reloaded): the update replaces the
/// document in memory, keeping the undo history.
///
/// # Errors
/// The store's message when the file on disk cannot be used.
pub fn reread(
    state: &ArticleState,
    annotator: &str,
    schema: &Schema,
) -> Result<Box<store::OpenedSidecar>, String> {
    match SidecarSlot::open(&state.article, annotator, schema) {
        SidecarSlot::Ready(opened) => Ok(opened),
        SidecarSlot::Refused { error, .. } => Err(error.to_string()),
    }
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
