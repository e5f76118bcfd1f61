//! Reading and writing sidecar files: deterministic RON, parse errors with `path:line:col`,
//! refusal of files from a newer program, atomic saves.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::model::annotation::{AnnotationDoc, FORMAT_VERSION};
use crate::model::ron_error::{RonLocation, locate};
use crate::store::atomic::write_atomic;

/// A sidecar that could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum SidecarError {
    /// Reading or writing failed.
    #[error("{path}: {action}: {source}")]
    Io {
        /// File path.
        path: PathBuf,
        /// What was being done ("cannot read", "cannot save").
        action: &'static str,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not valid sidecar RON.
    #[error("{path}:{}:{}: {message}", location.line, location.col)]
    Parse {
        /// File path.
        path: PathBuf,
        /// Where the parser stopped.
        location: RonLocation,
        /// Parser message.
        message: String,
    },
    /// The file declares a format version this program never wrote.
    #[error("{path}: unknown sidecar format version {found}")]
    UnknownVersion {
        /// File path.
        path: PathBuf,
        /// Version in the file.
        found: u32,
    },
    /// The annotator name is not allowed.
    #[error("{path}: {message}")]
    BadAnnotator {
        /// Sidecar path.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The file changed on disk since it was read; saving would lose those changes.
    #[error(
        "{path}: changed on disk since it was opened; not overwritten (reopen it to see the changes)"
    )]
    ChangedOnDisk {
        /// File path.
        path: PathBuf,
    },
    /// The file on disk is not a valid sidecar; it is never overwritten.
    #[error(
        "{path}: the file on disk does not parse as a sidecar; refusing to overwrite it (fix or move it first)"
    )]
    WouldOverwriteBroken {
        /// File path.
        path: PathBuf,
    },
    /// The file was written by a newer marginalia.
    #[error(
        "{path}: sidecar format version {found} is newer than this marginalia supports ({supported}); upgrade marginalia to open it"
    )]
    FutureVersion {
        /// File path.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Highest version this program reads.
        supported: u32,
    },
}

/// Just enough of a sidecar to read its version before parsing the rest.
#[derive(Deserialize)]
struct VersionProbe {
    format_version: u32,
}

/// Serialise a document as deterministic, pretty RON with LF line endings.
#[must_use]
pub fn to_ron(doc: &AnnotationDoc) -> String {
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .separate_tuple_members(false)
        .enumerate_arrays(false);
    // Serialising plain data structs to a String cannot fail; fall back to the compact form
    // rather than panic if it ever did.
    let mut text = ron::ser::to_string_pretty(doc, config)
        .unwrap_or_else(|_| ron::to_string(doc).unwrap_or_default());
    text.push('\n');
    text
}

/// The format version a sidecar text declares, if it can be read.
#[must_use]
pub fn declared_version(text: &str) -> Option<u32> {
    ron::from_str::<VersionProbe>(text)
        .ok()
        .map(|p| p.format_version)
}

/// Parse sidecar text; `path` names the file in messages.
///
/// # Errors
/// [`SidecarError::Parse`] or [`SidecarError::FutureVersion`].
pub fn parse(text: &str, path: &Path) -> Result<AnnotationDoc, SidecarError> {
    // Files as this program writes them take the fast path; anything else (and every error)
    // goes through the RON parser.
    if let Some(doc) = crate::store::fast::parse(text) {
        return Ok(doc);
    }
    if let Some(found) = declared_version(text)
        && found > FORMAT_VERSION
    {
        return Err(SidecarError::FutureVersion {
            path: path.to_owned(),
            found,
            supported: FORMAT_VERSION,
        });
    }
    ron::from_str::<AnnotationDoc>(text).map_err(|e| SidecarError::Parse {
        path: path.to_owned(),
        location: locate(&e),
        message: e.code.to_string(),
    })
}

/// Parse sidecar text of any supported version; an older version is migrated in memory and
/// reported as `Some(old_version)`.
///
/// # Errors
/// As [`parse`], plus [`SidecarError::UnknownVersion`].
pub fn parse_any(text: &str, path: &Path) -> Result<(AnnotationDoc, Option<u32>), SidecarError> {
    // A current file as this program writes it: the fast path alone decides (probing the
    // version first would run the whole RON parser on every file).
    if let Some(doc) = crate::store::fast::parse(text)
        && doc.format_version == FORMAT_VERSION
    {
        return Ok((doc, None));
    }
    match declared_version(text) {
        Some(found) if found < FORMAT_VERSION => {
            crate::store::migrate::migrate(text, found, path).map(|doc| (doc, Some(found)))
        }
        _ => parse(text, path).map(|doc| (doc, None)),
    }
}

/// The raw bytes of a file; `Ok(None)` when it does not exist.
///
/// # Errors
/// [`SidecarError::Io`] for any other read failure.
pub fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>, SidecarError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SidecarError::Io {
            path: path.to_owned(),
            action: "cannot read",
            source,
        }),
    }
}

/// Sidecar bytes as text.
///
/// # Errors
/// [`SidecarError::Parse`] at the first invalid UTF-8 sequence.
pub fn decode<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, SidecarError> {
    std::str::from_utf8(bytes).map_err(|e| SidecarError::Parse {
        path: path.to_owned(),
        location: line_col_of_byte(&bytes[..e.valid_up_to()]),
        message: "sidecar is not valid UTF-8".to_owned(),
    })
}

/// Read a sidecar (migrating an older format in memory); `Ok(None)` when the file does not
/// exist yet. Prefer [`crate::store::open::OpenedSidecar`], which also re-anchors, checks the
/// schema and keeps backups.
///
/// # Errors
/// As [`parse_any`], plus [`SidecarError::Io`] for unreadable files.
pub fn load(path: &Path) -> Result<Option<AnnotationDoc>, SidecarError> {
    let Some(bytes) = read_bytes(path)? else {
        return Ok(None);
    };
    parse_any(decode(&bytes, path)?, path).map(|(doc, _)| Some(doc))
}

/// Atomically write a document to `path`. An existing file that is not a valid sidecar (or is
/// from a newer program) is never replaced.
///
/// # Errors
/// [`SidecarError::WouldOverwriteBroken`] or [`SidecarError::FutureVersion`] for such a file,
/// [`SidecarError::Io`] when the file cannot be written.
pub fn save(path: &Path, doc: &AnnotationDoc) -> Result<(), SidecarError> {
    if let Some(bytes) = read_bytes(path)? {
        match decode(&bytes, path).and_then(|t| parse_any(t, path)) {
            Ok(_) => {}
            Err(e @ SidecarError::FutureVersion { .. }) => return Err(e),
            Err(_) => {
                return Err(SidecarError::WouldOverwriteBroken {
                    path: path.to_owned(),
                });
            }
        }
    }
    write_atomic(path, to_ron(doc).as_bytes()).map_err(|source| SidecarError::Io {
        path: path.to_owned(),
        action: "cannot save",
        source,
    })
}

/// 1-based line and column just after `prefix`.
fn line_col_of_byte(prefix: &[u8]) -> RonLocation {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    RonLocation { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Schema};

    fn doc() -> AnnotationDoc {
        let schema = Schema::default_schema();
        let article =
            Article::from_text(Path::new("a.txt"), "“Quote,” she said. 漢字 👩‍👩‍👧").expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "A", "2026-01-01T00:00:00Z");
        doc.add_span(&schema, &article, "Claim", 0, 0, 8)
            .expect("claim");
        doc
    }

    #[test]
    fn round_trip_is_identical_and_deterministic() {
        let d = doc();
        let text = to_ron(&d);
        assert!(!text.contains('\r'));
        let back = parse(&text, Path::new("x.ann.ron")).expect("parse");
        assert_eq!(back, d);
        assert_eq!(to_ron(&back), text);
    }

    #[test]
    fn parse_error_names_file_line_col() {
        let mut text = to_ron(&doc());
        text = text.replacen("annotator: \"A\"", "annotator: A A", 1);
        let err = parse(&text, Path::new("x.ann.ron")).expect_err("bad");
        let msg = err.to_string();
        assert!(msg.starts_with("x.ann.ron:4:"), "{msg}");
    }

    #[test]
    fn future_version_is_refused() {
        let text = to_ron(&doc()).replacen(
            &format!("format_version: {FORMAT_VERSION}"),
            "format_version: 99",
            1,
        );
        let err = parse(&text, Path::new("x.ann.ron")).expect_err("future");
        assert!(
            matches!(err, SidecarError::FutureVersion { found: 99, .. }),
            "{err}"
        );
    }
}
