//! `marginalia import` (under construction).

use crate::cli::{CommonArgs, EXIT_USAGE, ImportCommand};

/// Run the command.
#[must_use]
pub fn run(_cmd: &ImportCommand, _common: &CommonArgs) -> u8 {
    crate::commands::common::print_error("`import` is not available yet");
    EXIT_USAGE
}
