//! `marginalia export`: write a dataset of a corpus (or one article) as JSONL, CSV, brat
//! standoff, Label Studio tasks or Citron JSON. Messages go to stderr; data to `-o` or stdout.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::cli::{CommonArgs, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, ExportArgs, ExportFormat};
use crate::commands::common::{print_error, resolve_schema};
use crate::corpus::Corpus;
use crate::export::brat::BratRenderer;
use crate::export::citron::CitronRenderer;
use crate::export::label_studio::LabelStudioRenderer;
use crate::export::table::{TableKind, TableRenderer};
use crate::export::{ExportError, ExportStats, OffsetUnit, Renderer, Selection, export_corpus};
use crate::model::Schema;
use crate::store::check_annotator;

/// Run the command.
#[must_use]
pub fn run(args: &ExportArgs, common: &CommonArgs) -> u8 {
    let schema = match resolve_schema(common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let selection = match selection(args, common) {
        Ok(s) => s,
        Err(e) => {
            print_error(&e);
            return EXIT_USAGE;
        }
    };
    let offsets = match args.offsets {
        crate::cli::OffsetUnit::Codepoint => OffsetUnit::Codepoint,
        crate::cli::OffsetUnit::Utf16 if args.format == ExportFormat::LabelStudio => {
            OffsetUnit::Utf16
        }
        crate::cli::OffsetUnit::Utf16 => {
            print_error(
                "--offsets utf16 applies to label-studio only; jsonl, csv and brat use code points",
            );
            return EXIT_USAGE;
        }
    };
    let corpus = match Corpus::scan(&args.path) {
        Ok(c) => c,
        Err(e) => {
            print_error(&e.to_string());
            return EXIT_USAGE;
        }
    };
    for problem in corpus.problems() {
        print_error(&format!("warning: {problem}; skipped"));
    }
    for stray in corpus.stray_sidecars() {
        print_error(&format!(
            "warning: {}: sidecar without an article, skipped",
            stray.display()
        ));
    }
    match export(args, &schema, &corpus, &selection, offsets) {
        Ok(stats) => report(&stats, args.include_orphans),
        Err(ExportError::Invalid(message)) => {
            print_error(&message);
            EXIT_USAGE
        }
        Err(e) => {
            print_error(&e.to_string());
            EXIT_PROBLEMS
        }
    }
}

fn selection(args: &ExportArgs, common: &CommonArgs) -> Result<Selection, String> {
    match (&common.annotator, args.gold, args.all) {
        (Some(_), true, _) | (Some(_), _, true) => {
            Err("give one of --annotator NAME, --gold or --all".to_owned())
        }
        (Some(name), false, false) => {
            check_annotator(name)?;
            Ok(Selection::Annotator(name.clone()))
        }
        (None, true, _) => Ok(Selection::Gold),
        (None, false, _) => Ok(Selection::All),
    }
}

fn required_output(args: &ExportArgs, what: &str) -> Result<PathBuf, ExportError> {
    args.output
        .clone()
        .ok_or_else(|| ExportError::Invalid(format!("--format {what} needs -o OUT")))
}

fn export(
    args: &ExportArgs,
    schema: &Schema,
    corpus: &Corpus,
    selection: &Selection,
    offsets: OffsetUnit,
) -> Result<ExportStats, ExportError> {
    let run = |renderer: &dyn Renderer, out: Option<&Path>| -> Result<ExportStats, ExportError> {
        match out {
            Some(path) => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
                }
                let file = File::create(path).map_err(|e| ExportError::io(path, e))?;
                let mut w = BufWriter::with_capacity(1 << 20, file);
                let name = path.display().to_string();
                let stats = export_corpus(
                    corpus,
                    renderer,
                    selection,
                    args.include_orphans,
                    &mut w,
                    &name,
                    true,
                )?;
                w.into_inner()
                    .map_err(|e| ExportError::io(path, e.into_error()))?
                    .sync_all()
                    .map_err(|e| ExportError::io(path, e))?;
                Ok(stats)
            }
            None => {
                let stdout = std::io::stdout();
                let mut w = BufWriter::with_capacity(1 << 20, stdout.lock());
                let stats = export_corpus(
                    corpus,
                    renderer,
                    selection,
                    args.include_orphans,
                    &mut w,
                    "<stdout>",
                    true,
                )?;
                w.flush().map_err(|e| ExportError::Io {
                    path: "<stdout>".to_owned(),
                    source: e,
                })?;
                Ok(stats)
            }
        }
    };
    match args.format {
        ExportFormat::Jsonl | ExportFormat::Csv => {
            let kind = if args.format == ExportFormat::Csv {
                TableKind::Csv
            } else {
                TableKind::Jsonl
            };
            let renderer = TableRenderer::new(schema, kind)?;
            run(&renderer, args.output.as_deref())
        }
        ExportFormat::Brat => {
            let dir = required_output(args, "brat")?;
            let renderer = BratRenderer::new(schema, &dir);
            renderer.write_conf()?;
            let mut sink = std::io::sink();
            let name = dir.display().to_string();
            export_corpus(
                corpus,
                &renderer,
                selection,
                args.include_orphans,
                &mut sink,
                &name,
                true,
            )
        }
        ExportFormat::Citron => {
            let dir = required_output(args, "citron")?;
            let renderer = CitronRenderer::new(&dir);
            let mut sink = std::io::sink();
            let name = dir.display().to_string();
            let stats = export_corpus(
                corpus,
                &renderer,
                selection,
                args.include_orphans,
                &mut sink,
                &name,
                true,
            )?;
            if renderer.left_out() > 0 {
                print_error(&format!(
                    "warning: {} attribution(s) without a cue or a source left out (a Citron quote needs both)",
                    renderer.left_out()
                ));
            }
            Ok(stats)
        }
        ExportFormat::LabelStudio => {
            let out = required_output(args, "label-studio")?;
            let renderer = LabelStudioRenderer::new(schema, &corpus.annotators(), offsets)?;
            let stats = run(&renderer, Some(&out))?;
            let config = out.with_extension("config.xml");
            let xml =
                crate::export::ls_config::labeling_config(schema).map_err(ExportError::Invalid)?;
            std::fs::write(&config, xml).map_err(|e| ExportError::io(&config, e))?;
            let users = out.with_extension("annotators.json");
            std::fs::write(&users, renderer.users_json())
                .map_err(|e| ExportError::io(&users, e))?;
            Ok(stats)
        }
    }
}

fn report(stats: &ExportStats, include_orphans: bool) -> u8 {
    for error in &stats.errors {
        print_error(error);
    }
    if stats.orphans_left_out > 0 {
        print_error(&format!(
            "warning: {} orphaned span(s) left out (their text is gone); --include-orphans keeps them in jsonl/csv",
            stats.orphans_left_out
        ));
    }
    if include_orphans && stats.orphans_kept > 0 {
        print_error(&format!(
            "warning: {} orphaned span(s) kept with null offsets (jsonl/csv); brat and label-studio cannot place them",
            stats.orphans_kept
        ));
    }
    eprintln!(
        "marginalia: exported {} document(s), {} sidecar(s)",
        stats.documents, stats.sidecars
    );
    if stats.errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}
