//! One module per command; each `run` prints its own messages and returns the exit code
//! (see [`crate::cli`] for their meaning).

pub mod agree;
pub mod check;
pub mod common;
pub mod export;
pub mod import;
pub mod import_json;
pub mod open;
pub mod review;
pub mod suggest;
