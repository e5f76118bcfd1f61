//! `marginalia check PATH...`: report every problem in articles and sidecars; writes only with
//! `--fix` (re-anchored sidecars of changed articles, originals kept as `.bak`).

use crate::check::{Fix, check_paths_with_progress};
use crate::cli::{CheckArgs, CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::commands::common::{advance, print_error, progress_bar, resolve_schema};

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
    let bar = progress_bar();
    let fix = if args.fix { Fix::Reanchor } else { Fix::No };
    let checked = check_paths_with_progress(&args.paths, &schema, fix, &mut |done, total| {
        advance(bar.as_ref(), done, total);
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = match checked {
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
