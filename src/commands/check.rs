//! `marginalia check PATH...`: report every problem in articles and sidecars; never writes.

use crate::check::check_paths;
use crate::cli::{CheckArgs, CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::commands::common::{print_error, resolve_schema};

/// Run the command: 0 when there are no errors (warnings are shown but do not fail), 1 when
/// errors were found, 2 for a bad schema, a missing path or an unreadable file.
#[must_use]
pub fn run(args: &CheckArgs, common: &CommonArgs) -> u8 {
    let schema = match resolve_schema(common) {
        Ok(schema) => schema,
        Err(message) => {
            print_error(&message);
            return EXIT_USAGE;
        }
    };
    let report = match check_paths(&args.paths, &schema) {
        Ok(report) => report,
        Err(message) => {
            print_error(&message);
            return EXIT_USAGE;
        }
    };
    if args.json {
        print!("{}", report.to_json());
    } else {
        print!("{}", report.to_human());
    }
    if report.has_unreadable() {
        EXIT_USAGE
    } else if !report.has_errors() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
