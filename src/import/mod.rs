//! Importing annotations made with other tools into sidecars, so existing datasets can be
//! reviewed and re-exported.

pub mod brat;

pub use brat::{ImportOptions, ImportReport, ann_to_doc, import_dir};
