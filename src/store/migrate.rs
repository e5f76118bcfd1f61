//! Bringing sidecars of older format versions up to [`FORMAT_VERSION`] in memory.
//!
//! Steps, oldest first (each with a fixture of the old version under `tests/fixtures/`):
//! - **1 -> 2**: version 2 added provenance: `made_by` (who made the file), `suggested` on
//!   entities, spans and attributions, and the list of `rejected` suggestions. Every version-1
//!   file was made by a person and holds no suggestions, which is exactly what the defaults of
//!   those fields say, so the step reads the file with the current model (the new fields
//!   absent) and records the new version. A version-1 file that already uses a version-2
//!   field is refused: it was not written by marginalia 1.
//!
//! Callers keep the original file as `<file>.bak` before the first write
//! (see [`crate::store::open`]).

use std::path::Path;

use crate::model::annotation::{AnnotationDoc, FORMAT_VERSION, MadeBy};
use crate::model::ron_error::locate;
use crate::store::sidecar::SidecarError;

/// Convert sidecar text declaring version `found` (< [`FORMAT_VERSION`]) to the current model.
///
/// # Errors
/// [`SidecarError::UnknownVersion`] for a version marginalia never wrote (0),
/// [`SidecarError::Parse`] (`path:line:col`) when the text is not a valid sidecar of that
/// version.
pub fn migrate(text: &str, found: u32, path: &Path) -> Result<AnnotationDoc, SidecarError> {
    debug_assert!(found < FORMAT_VERSION);
    match found {
        1 => from_v1(text, path),
        _ => Err(SidecarError::UnknownVersion {
            path: path.to_owned(),
            found,
        }),
    }
}

/// Version 1 -> 2: the same records, made by a person, nothing suggested or rejected.
fn from_v1(text: &str, path: &Path) -> Result<AnnotationDoc, SidecarError> {
    let mut doc = match crate::store::fast::parse(text) {
        Some(doc) => doc,
        None => ron::from_str::<AnnotationDoc>(text).map_err(|e| SidecarError::Parse {
            path: path.to_owned(),
            location: locate(&e),
            message: e.code.to_string(),
        })?,
    };
    let uses_v2 = doc.made_by != MadeBy::Person
        || !doc.rejected.is_empty()
        || doc.entities.iter().any(|e| e.suggested)
        || doc.spans.iter().any(|s| s.suggested)
        || doc.attributions.iter().any(|a| a.suggested);
    if uses_v2 {
        return Err(SidecarError::Parse {
            path: path.to_owned(),
            location: crate::model::ron_error::RonLocation { line: 1, col: 1 },
            message: "format_version 1 cannot hold `made_by`, `suggested` or `rejected` (fields of version 2)".to_owned(),
        });
    }
    doc.format_version = FORMAT_VERSION;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = "(\n    format_version: 1,\n    schema: \"newsattr/1\",\n    annotator: \"alice\",\n    article: (file: \"a.txt\", sha256: \"00\", chars: 3, paragraphs: [\"00\"]),\n    created: \"2026-01-01T00:00:00Z\",\n    modified: \"2026-01-01T00:00:00Z\",\n    spans: [(id: \"C1\", kind: \"Claim\", anchor: (para: 0, start: 0, end: 3, exact: \"abc\", prefix: \"\", suffix: \"\"))],\n)\n";

    #[test]
    fn version_1_becomes_a_persons_version_2_file() {
        let doc = migrate(V1, 1, Path::new("a.alice.ann.ron")).expect("migrates");
        assert_eq!(doc.format_version, FORMAT_VERSION);
        assert_eq!(doc.made_by, MadeBy::Person);
        assert!(doc.rejected.is_empty());
        assert!(!doc.spans[0].suggested);
        assert_eq!(doc.spans[0].anchor.exact, "abc");
    }

    #[test]
    fn version_1_with_version_2_fields_is_refused() {
        let text = V1.replace("suffix: \"\")", "suffix: \"\"), suggested: true");
        let err = migrate(&text, 1, Path::new("a.alice.ann.ron")).expect_err("refused");
        assert!(err.to_string().starts_with("a.alice.ann.ron:1:1:"), "{err}");
    }

    #[test]
    fn version_0_is_unknown() {
        let err = migrate(V1, 0, Path::new("x")).expect_err("unknown");
        assert!(matches!(err, SidecarError::UnknownVersion { found: 0, .. }));
    }
}
