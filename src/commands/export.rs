//! `marginalia export` (under construction).

use crate::cli::{CommonArgs, EXIT_USAGE, ExportArgs};

/// Run the command.
#[must_use]
pub fn run(_args: &ExportArgs, _common: &CommonArgs) -> u8 {
    crate::commands::common::print_error("`export` is not available yet");
    EXIT_USAGE
}
