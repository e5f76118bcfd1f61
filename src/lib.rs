//! marginalia: hand-annotate news articles for attribution, claims and sourcing.
//!
//! The library holds the domain (`model`, `store`) that the binary, the tests and the
//! benchmarks share, plus the user configuration (`config`) and the annotation TUI (`tui`).
//! Domain modules never touch the terminal.

pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod export;
pub mod import;
pub mod model;
pub mod review;
pub mod store;
pub mod suggest;
pub mod tui;
