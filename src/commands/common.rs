//! Helpers shared by the commands: choosing the schema and the annotator, printing errors.

use crate::cli::CommonArgs;
use crate::model::Schema;
use crate::store::check_annotator;

/// The schema named by `--schema`, or the built-in one.
///
/// # Errors
/// The schema error as a printable message (`path:line:col: message` for parse errors).
pub fn resolve_schema(common: &CommonArgs) -> Result<Schema, String> {
    match &common.schema {
        Some(path) => Schema::load(path).map_err(|e| e.to_string()),
        None => Ok(Schema::default_schema()),
    }
}

/// The annotator: `--annotator`, then the user config's default, then `$USER`.
///
/// # Errors
/// A message when no valid name can be found.
pub fn resolve_annotator(
    common: &CommonArgs,
    config_default: Option<&str>,
) -> Result<String, String> {
    let from_env = std::env::var("USER").ok().filter(|u| !u.is_empty());
    let name = common
        .annotator
        .clone()
        .or_else(|| config_default.map(str::to_owned))
        .or(from_env)
        .ok_or_else(|| "no annotator name: pass --annotator NAME".to_owned())?;
    check_annotator(&name)?;
    Ok(name)
}

/// Print an error for the user, prefixed with the program name.
pub fn print_error(message: &str) {
    eprintln!("marginalia: {message}");
}

/// A progress bar on stderr for long batch work, only when stderr is a terminal (so logs and
/// pipes stay clean). Feed it with [`advance`].
#[must_use]
pub fn progress_bar() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal as _;
    std::io::stderr()
        .is_terminal()
        .then(|| indicatif::ProgressBar::new(0))
}

/// Report `done` of `total` on an optional progress bar.
pub fn advance(bar: Option<&indicatif::ProgressBar>, done: usize, total: usize) {
    if let Some(bar) = bar {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    }
}
