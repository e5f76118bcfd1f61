//! Importing annotations made with other tools into sidecars, so existing datasets can be
//! reviewed and re-exported: brat standoff (as this tool exports it, or a foreign scheme
//! through a [`mapping::Mapping`]), Label Studio JSON and Citron JSON.

pub mod ann_text;
pub mod brat;
pub mod citron;
pub mod counts;
pub mod dir;
pub mod label_studio;
pub mod label_studio_result;
pub mod layout;
pub mod mapped;
pub mod mapping;
pub mod offsets;
pub mod unionfind;
pub mod write_out;

pub use brat::ann_to_doc;
pub use counts::Counts;
pub use dir::{ImportOptions, ImportReport, import_dir};
pub use layout::Layout;
pub use mapped::mapped_ann_to_doc;
pub use mapping::Mapping;
