//! `marginalia [PATH]`: the annotation TUI (under construction).

use crate::cli::{EXIT_USAGE, OpenArgs};

/// Run the command.
#[must_use]
pub fn run(_args: &OpenArgs) -> u8 {
    crate::commands::common::print_error("the annotation screen is not available yet");
    EXIT_USAGE
}
