//! `marginalia import brat DIR`: brat `.txt` + `.ann` pairs into sidecars, natively or through
//! a mapping of a foreign scheme (`import label-studio` and `import citron` are in
//! [`crate::commands::import_json`]).

use crate::cli::{
    CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ImportBratArgs, ImportCommand, ImportLayout,
};
use crate::commands::common::{print_error, resolve_schema};
use crate::import::{ImportOptions, ImportReport, Layout, Mapping, import_dir};

/// Run the command.
#[must_use]
pub fn run(cmd: &ImportCommand, common: &CommonArgs) -> u8 {
    match cmd {
        ImportCommand::Brat(args) => brat(args, common),
        ImportCommand::LabelStudio(args) => {
            crate::commands::import_json::label_studio(args, common)
        }
        ImportCommand::Citron(args) => crate::commands::import_json::citron(args, common),
    }
}

fn brat(args: &ImportBratArgs, common: &CommonArgs) -> u8 {
    let schema = match resolve_schema(common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let mapping = match args
        .mapping
        .as_deref()
        .map(|m| Mapping::resolve(m, &schema))
    {
        None => None,
        Some(Ok(m)) => Some(m),
        Some(Err(e)) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let mapped = mapping.is_some();
    let options = ImportOptions {
        annotator: common.annotator.clone(),
        output: args.output.clone(),
        force: args.force,
        now: humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string(),
        layout: match args.layout {
            ImportLayout::AnnotatorDirs => Layout::AnnotatorDirs,
            ImportLayout::Polnear => Layout::Polnear,
        },
        mapping,
    };
    let report = match import_dir(&schema, &args.dir, &options) {
        Ok(r) => r,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    summarize(&report, mapped)
}

/// Print an import's warnings, errors and counts (with the per-type coverage when `counted`)
/// to stderr; the exit code: problems when anything was warned about or failed.
pub(crate) fn summarize(report: &ImportReport, counted: bool) -> u8 {
    for w in &report.warnings {
        print_error(&format!("warning: {w}"));
    }
    for e in &report.errors {
        print_error(e);
    }
    eprintln!(
        "marginalia: imported {} sidecar(s); {} warning(s), {} file(s) failed",
        report.written.len(),
        report.warnings.len(),
        report.errors.len()
    );
    if counted {
        eprintln!("marginalia: {}", report.counts.summary());
        eprintln!("marginalia: {}", report.counts.coverage());
    }
    if report.errors.is_empty() && report.warnings.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
