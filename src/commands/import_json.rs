//! `marginalia import label-studio FILE` and `marginalia import citron PATH`: JSON exports of
//! other tools into articles and sidecars, with a summary of what was imported and skipped.

use crate::cli::{CommonArgs, EXIT_USAGE, ImportCitronArgs, ImportLabelStudioArgs, OffsetUnit};
use crate::commands::common::{print_error, resolve_schema};
use crate::import::ImportReport;
use crate::import::citron::{CitronOptions, import_citron};
use crate::import::label_studio::{
    LabelStudioOptions, default_users_file, import_label_studio, read_users,
};
use crate::import::offsets::InputUnit;

fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

/// Run `import label-studio`.
#[must_use]
pub fn label_studio(args: &ImportLabelStudioArgs, common: &CommonArgs) -> u8 {
    let schema = match resolve_schema(common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    if let Some(name) = &common.annotator
        && let Err(e) = crate::store::check_annotator(name)
    {
        print_error(&e);
        return EXIT_USAGE;
    }
    let users_file = args
        .annotators
        .clone()
        .or_else(|| Some(default_users_file(&args.file)).filter(|p| p.is_file()));
    let users = match users_file.as_deref().map(read_users) {
        None => Default::default(),
        Some(Ok(u)) => u,
        Some(Err(e)) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| {
        args.file
            .parent()
            .map(std::path::Path::to_owned)
            .unwrap_or_default()
    });
    let options = LabelStudioOptions {
        output,
        force: args.force,
        now: now(),
        unit: match args.offsets {
            OffsetUnit::Codepoint => InputUnit::Codepoint,
            OffsetUnit::Utf16 => InputUnit::Utf16,
        },
        users,
        annotator: common.annotator.clone(),
        text_key: args.text_key.clone(),
    };
    match import_label_studio(&schema, &args.file, &options) {
        Ok(report) => summary(&report),
        Err(e) => {
            print_error(&e);
            EXIT_USAGE
        }
    }
}

/// Run `import citron`.
#[must_use]
pub fn citron(args: &ImportCitronArgs, common: &CommonArgs) -> u8 {
    let schema = match resolve_schema(common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let options = CitronOptions {
        output: args.output.clone(),
        force: args.force,
        now: now(),
        annotator: common.annotator.clone(),
    };
    match import_citron(&schema, &args.path, &options) {
        Ok(report) => summary(&report),
        Err(e) => {
            print_error(&e);
            EXIT_USAGE
        }
    }
}

fn summary(report: &ImportReport) -> u8 {
    crate::commands::import::summarize(report, true)
}
