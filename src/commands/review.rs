//! `marginalia review` (under construction).

use crate::cli::{CommonArgs, EXIT_USAGE, ReviewArgs};

/// Run the command.
#[must_use]
pub fn run(_args: &ReviewArgs, _common: &CommonArgs) -> u8 {
    crate::commands::common::print_error("`review` is not available yet");
    EXIT_USAGE
}
