//! Dataset export: one row per claim (JSONL, CSV), brat standoff, Label Studio tasks and
//! Citron JSON.
//!
//! The corpus is streamed document by document ([`pipeline`]): each article is loaded with its
//! selected sidecars (re-anchored against the current text), rendered by the format's
//! [`Renderer`], and written in corpus order, so output is deterministic and memory stays flat.
//! Offsets are Unicode scalar values of the normalised text unless UTF-16 is asked for.

pub mod brat;
pub mod brat_conf;
pub mod brat_conf_read;
pub mod brat_lines;
pub mod brat_validate;
pub mod brat_verify;
pub mod citron;
pub mod columns;
pub mod derived;
pub mod label_studio;
pub mod ls_config;
pub mod pipeline;
pub mod place;
pub mod table;

use crate::model::{AnnotationDoc, Article};

pub use pipeline::{ExportStats, export_corpus, load_doc};

/// Which sidecars to export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every annotator's, `gold` included.
    All,
    /// Only `gold`.
    Gold,
    /// Only this annotator's.
    Annotator(String),
}

impl Selection {
    /// Does this selection include `annotator`?
    #[must_use]
    pub fn includes(&self, annotator: &str) -> bool {
        match self {
            Self::All => true,
            Self::Gold => annotator == crate::store::GOLD,
            Self::Annotator(name) => name == annotator,
        }
    }
}

/// Offset unit of Label Studio output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// Unicode scalar values (Python `str` indices).
    #[default]
    Codepoint,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

/// One document ready to render: the article and the selected annotators' documents, sorted
/// by annotator, with orphaned spans already removed unless they were asked for.
#[derive(Debug, Clone)]
pub struct ExportDoc {
    /// Position in the corpus listing (0-based).
    pub index: usize,
    /// Path relative to the corpus root, without extension, `/`-separated.
    pub doc_id: String,
    /// The article as it is now.
    pub article: Article,
    /// One document per selected annotator.
    pub annotations: Vec<AnnotationDoc>,
}

/// Something that went wrong while exporting; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing output failed.
    #[error("{path}: cannot write: {source}")]
    Io {
        /// The output path (`<stdout>` for standard output).
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The request cannot be exported as asked.
    #[error("{0}")]
    Invalid(String),
}

impl ExportError {
    /// Wrap an I/O error for `path`.
    #[must_use]
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.display().to_string(),
            source,
        }
    }
}

/// Renders one document to bytes (or, for brat, to files of its own); the pipeline writes the
/// returned bytes in corpus order between [`Renderer::header`] and [`Renderer::footer`].
pub trait Renderer: Sync {
    /// Bytes written before the first document.
    fn header(&self) -> Vec<u8> {
        Vec::new()
    }
    /// Render one document.
    ///
    /// # Errors
    /// [`ExportError`] when a file of the document cannot be written.
    fn render(&self, doc: &ExportDoc) -> Result<Vec<u8>, ExportError>;
    /// Separator written between two rendered documents.
    fn separator(&self) -> &[u8] {
        b""
    }
    /// Bytes written after the last document.
    fn footer(&self) -> Vec<u8> {
        Vec::new()
    }
}
