//! `marginalia agree PATH --annotators A,B[,C...] [--json] [--confusion] [--by-origin]`: agreement between
//! annotators per document and over the corpus. Exit 0 when every document was compared,
//! 1 when some documents lacked a sidecar (they are listed and left out), 2 for bad usage or
//! unreadable input (the message names the file, and line:col for RON).

use std::collections::BTreeSet;

use crate::cli::{AgreeArgs, CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE};
use crate::commands::common::{advance, print_error, progress_bar, resolve_schema};
use crate::review::corpus::CorpusReport;
use crate::review::report_text::render_corpus;
use crate::store::check_annotator;

/// Check the annotator list: at least two, valid names, no repeats.
///
/// # Errors
/// A message for the user.
pub fn check_annotators(names: &[String]) -> Result<(), String> {
    if names.len() < 2 {
        return Err(format!(
            "--annotators needs at least two names (got {})",
            names.len()
        ));
    }
    let mut seen = BTreeSet::new();
    for name in names {
        check_annotator(name)?;
        if !seen.insert(name) {
            return Err(format!("annotator `{name}` is listed twice"));
        }
    }
    Ok(())
}

/// Run the command.
#[must_use]
pub fn run(args: &AgreeArgs, common: &CommonArgs) -> u8 {
    if let Err(message) = check_annotators(&args.annotators) {
        print_error(&message);
        return EXIT_USAGE;
    }
    let schema = match resolve_schema(common) {
        Ok(schema) => schema,
        Err(message) => {
            print_error(&message);
            return EXIT_USAGE;
        }
    };
    let bar = progress_bar();
    let built = CorpusReport::build_with_progress(
        &schema,
        &args.path,
        &args.annotators,
        args.confusion,
        args.by_origin,
        &mut |done, total| advance(bar.as_ref(), done, total),
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = match built {
        Ok(report) => report,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_USAGE;
        }
    };
    for problem in &report.unwalked {
        print_error(&format!("warning: {problem}; skipped"));
    }
    if args.json {
        match serde_json::to_string_pretty(&report) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                print_error(&format!("cannot write JSON: {e}"));
                return EXIT_USAGE;
            }
        }
    } else {
        print!("{}", render_corpus(&report));
    }
    if report.skipped.is_empty() && !report.documents.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
