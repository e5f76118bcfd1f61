//! The corpus browser: `marginalia DIR` lists the articles under DIR with each annotator's
//! progress and claim counts, sorted and filtered, and opens them in the annotation screen
//! (next / previous article and back to the list without leaving the program).
//!
//! Only a scan of file names happens before the first frame; summaries come from a background
//! [`crate::corpus::SummaryLoader`] that the shell polls without blocking ([`shell::tick`]).
//! [`state`] owns the list ([`cells`] its vocabulary), [`update`] its keys, [`view`] its
//! drawing (visible rows only; [`row`] formats one row), [`shell`] its contact with the disk.

pub mod cells;
pub mod row;
pub mod shell;
pub mod state;
pub mod update;
pub mod view;

pub use state::{Cell, CorpusState, SortKey, StatusFilter};
