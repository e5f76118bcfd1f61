//! Sidecar storage: one RON file per article per annotator, written atomically, never
//! overwritten when it failed to parse.

pub mod atomic;
pub mod fast;
pub mod fuzzy;
pub mod locate;
pub mod migrate;
pub mod open;
pub mod paths;
pub mod reanchor;
pub mod rules;
pub mod sidecar;
pub mod validate;

pub use open::{OpenedSidecar, SidecarSlot};
pub use paths::{GOLD, check_annotator, is_article_path, parse_sidecar_name, sidecar_path};
pub use reanchor::{ReanchorReport, reanchor};
pub use sidecar::SidecarError;
pub use validate::{Problem, ProblemKind, Severity};

use std::path::Path;

use crate::model::{AnnotationDoc, Article};

/// Load the sidecar at `path` for `article` and re-anchor its spans if the text changed.
/// `Ok(None)` when there is no sidecar yet.
///
/// # Errors
/// [`SidecarError`] when the file cannot be read or parsed, or is from a newer program.
pub fn load_for_article(
    path: &Path,
    article: &Article,
) -> Result<Option<(AnnotationDoc, ReanchorReport)>, SidecarError> {
    Ok(sidecar::load(path)?.map(|mut doc| {
        let report = reanchor(&mut doc, article);
        (doc, report)
    }))
}
