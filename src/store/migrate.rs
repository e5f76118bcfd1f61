//! Bringing sidecars of older format versions up to [`FORMAT_VERSION`] in memory.
//!
//! Version 1 is the first format marginalia wrote, so there is no older version to convert
//! yet. When the format changes, bump `FORMAT_VERSION`, add a step here that reads the old
//! shape and returns the new one, and a fixture of the old version under `tests/fixtures/`.
//! Callers keep the original file as `<file>.bak` before the first write
//! (see [`crate::store::open`]).

use std::path::Path;

use crate::model::annotation::{AnnotationDoc, FORMAT_VERSION};
use crate::store::sidecar::SidecarError;

/// Convert sidecar text declaring version `found` (< [`FORMAT_VERSION`]) to the current model.
///
/// # Errors
/// [`SidecarError::UnknownVersion`] for a version marginalia never wrote (0).
pub fn migrate(_text: &str, found: u32, path: &Path) -> Result<AnnotationDoc, SidecarError> {
    debug_assert!(found < FORMAT_VERSION);
    Err(SidecarError::UnknownVersion {
        path: path.to_owned(),
        found,
    })
}
