//! A corpus: every article under a directory with the sidecars next to it.
//!
//! Listing is cheap (file names only: no article and no sidecar is opened), so a browser can
//! show thousands of articles at once; per-annotator progress comes from [`summary`], one
//! sidecar at a time or on a background thread ([`summary::SummaryLoader`]).

pub mod listing;
pub mod summary;
pub mod walk;

pub use listing::{Corpus, CorpusEntry, CorpusError, SidecarFile, doc_id_of};
pub use summary::{Progress, Summary, SummaryEvent, SummaryLoader, summarize, summarize_doc};
pub use walk::{Walk, walk_files};
