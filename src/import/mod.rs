//! Importing annotations made with other tools into sidecars, so existing datasets can be
//! reviewed and re-exported.

pub mod brat;
pub mod dir;

pub use brat::ann_to_doc;
pub use dir::{ImportOptions, ImportReport, import_dir};
