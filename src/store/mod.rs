//! Sidecar storage: one RON file per article per annotator, written atomically, never
//! overwritten when it failed to parse.

pub mod atomic;
pub mod paths;
pub mod sidecar;

pub use paths::{GOLD, check_annotator, is_article_path, parse_sidecar_name, sidecar_path};
pub use sidecar::SidecarError;
