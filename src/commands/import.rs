//! `marginalia import brat DIR`: brat `.txt` + `.ann` pairs into sidecars.

use crate::cli::{CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ImportCommand};
use crate::commands::common::{print_error, resolve_schema};
use crate::import::{ImportOptions, import_dir};

/// Run the command.
#[must_use]
pub fn run(cmd: &ImportCommand, common: &CommonArgs) -> u8 {
    let ImportCommand::Brat(args) = cmd;
    let schema = match resolve_schema(common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let options = ImportOptions {
        annotator: common.annotator.clone(),
        output: args.output.clone(),
        force: args.force,
        now: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
    };
    let report = match import_dir(&schema, &args.dir, &options) {
        Ok(r) => r,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    for w in &report.warnings {
        print_error(&format!("warning: {w}"));
    }
    for e in &report.errors {
        print_error(e);
    }
    eprintln!(
        "marginalia: imported {} sidecar(s); {} line(s) not imported, {} file(s) failed",
        report.written.len(),
        report.warnings.len(),
        report.errors.len()
    );
    if report.errors.is_empty() && report.warnings.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
