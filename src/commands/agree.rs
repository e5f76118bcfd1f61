//! `marginalia agree` (under construction).

use crate::cli::{AgreeArgs, CommonArgs, EXIT_USAGE};

/// Run the command.
#[must_use]
pub fn run(_args: &AgreeArgs, _common: &CommonArgs) -> u8 {
    crate::commands::common::print_error("`agree` is not available yet");
    EXIT_USAGE
}
