//! `marginalia check` (under construction).

use crate::cli::{CheckArgs, CommonArgs, EXIT_USAGE};

/// Run the command.
#[must_use]
pub fn run(_args: &CheckArgs, _common: &CommonArgs) -> u8 {
    crate::commands::common::print_error("`check` is not available yet");
    EXIT_USAGE
}
