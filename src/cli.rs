//! Command-line interface: the argument definitions shared by every subcommand.
//!
//! `marginalia [PATH]` opens the annotation TUI (an article, a directory of articles, or the
//! bundled demo article when PATH is omitted); the subcommands are batch tools.
//! Exit codes: 0 success, 1 problems found, 2 usage error or unreadable input.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran and found problems (check, agree with missing data...).
pub const EXIT_PROBLEMS: u8 = 1;
/// Exit code: bad usage or unreadable input.
pub const EXIT_USAGE: u8 = 2;

/// Keyboard-first annotation of who is quoted in news articles, what they claim, how certain
/// the claim is presented and how it is sourced.
#[derive(Debug, Parser)]
#[command(name = "marginalia", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Options shared with the annotation TUI.
    #[command(flatten)]
    pub open: OpenArgs,
    /// A batch command; without one, the TUI opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the annotation TUI (`marginalia [PATH]`).
#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Article (.txt/.md) or directory of articles to open; the bundled demo article if omitted.
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Colour theme: a built-in name (dark, light, high-contrast) or a theme file.
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// Ignore keymap.ron, themes and config.ron in the user config directory.
    #[arg(long)]
    pub no_user_config: bool,
    /// Do not compute or show suggestions (overrides config.ron `suggestions`).
    #[arg(long)]
    pub no_suggest: bool,
}

/// Options every command that reads sidecars understands.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// Annotator name ([A-Za-z0-9_-]+); default from the user config, then $USER.
    #[arg(long, short = 'a', value_name = "NAME", global = true)]
    pub annotator: Option<String>,
    /// Use this schema file instead of the built-in newsattr schema.
    #[arg(long, value_name = "FILE", global = true)]
    pub schema: Option<PathBuf>,
}

/// Batch commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles and sidecars: parse errors, schema violations, stale anchors, dangling links.
    Check(CheckArgs),
    /// Review and adjudicate two or more annotators' sidecars of one article in the TUI.
    Review(ReviewArgs),
    /// Agreement statistics between annotators, per document and over a corpus.
    Agree(AgreeArgs),
    /// Export a labelled dataset (JSONL, CSV, brat standoff, Label Studio JSON).
    Export(ExportArgs),
    /// Import annotations from another tool into sidecars.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Suggest attributions (speaker, cue, claim) with offline rules; print or write them.
    Suggest(SuggestArgs),
}

/// `marginalia suggest`.
#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Articles or directories of articles (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Print one JSON document per article and line (offsets in code points).
    #[arg(long)]
    pub json: bool,
    /// Write the suggestions as annotator NAME's sidecars (default `auto`); a sidecar a
    /// person made is never overwritten.
    #[arg(long, value_name = "NAME", num_args = 0..=1, default_missing_value = "auto")]
    pub write: Option<String>,
    /// Leave out suggestions scoring below X (0 to 1).
    #[arg(long, value_name = "X", default_value_t = 0.0)]
    pub min_score: f64,
    /// Use this cue lexicon (RON) instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

/// `marginalia check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories (searched recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Machine-readable JSON output.
    #[arg(long)]
    pub json: bool,
    /// Write the re-anchored sidecar of every article that changed (the original is kept as
    /// `.bak`), so a team can commit refreshed sidecars. Without it, `check` never writes.
    #[arg(long)]
    pub fix: bool,
}

/// `marginalia review`.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// The article to adjudicate.
    pub article: PathBuf,
    /// Annotators to compare, comma-separated (at least two).
    #[arg(long, value_delimiter = ',', num_args = 1.., required = true)]
    pub annotators: Vec<String>,
    /// Colour theme: a built-in name or a theme file.
    #[arg(long, value_name = "NAME|FILE")]
    pub theme: Option<String>,
    /// Ignore the user config directory.
    #[arg(long)]
    pub no_user_config: bool,
}

/// `marginalia agree`.
#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// An article or a directory of articles.
    pub path: PathBuf,
    /// Annotators to compare, comma-separated (at least two).
    #[arg(long, value_delimiter = ',', num_args = 1.., required = true)]
    pub annotators: Vec<String>,
    /// Machine-readable JSON output.
    #[arg(long)]
    pub json: bool,
    /// Also print a confusion matrix per attribute.
    #[arg(long)]
    pub confusion: bool,
    /// Also compare the records taken from suggestions and the hand-made ones apart.
    #[arg(long)]
    pub by_origin: bool,
}

/// Dataset formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON object per claim per line.
    Jsonl,
    /// One row per claim, same columns as jsonl.
    Csv,
    /// brat standoff: .txt + .ann per document and annotator, plus annotation.conf.
    Brat,
    /// Label Studio tasks JSON plus the labeling config XML.
    LabelStudio,
    /// Citron JSON (BBC quote extraction): OUT/<annotator>/<doc>.json per document.
    Citron,
}

/// Offset units for exports aimed at JavaScript tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OffsetUnit {
    /// Unicode code points (Python `str` indices).
    #[default]
    Codepoint,
    /// UTF-16 code units (older JavaScript tools).
    Utf16,
}

/// `marginalia export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// An article or a directory of articles.
    pub path: PathBuf,
    /// Output format.
    #[arg(long, short = 'f', value_enum)]
    pub format: ExportFormat,
    /// Only the gold (adjudicated) sidecars.
    #[arg(long, conflicts_with = "all")]
    pub gold: bool,
    /// Every annotator's sidecars (the default when no annotator is given).
    #[arg(long)]
    pub all: bool,
    /// Output file (jsonl, csv, label-studio) or directory (brat, citron); stdout if omitted.
    #[arg(long, short = 'o', value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Include orphaned spans (left out with a warning count by default).
    #[arg(long)]
    pub include_orphans: bool,
    /// Offset unit for label-studio.
    #[arg(long, value_enum, default_value_t = OffsetUnit::Codepoint)]
    pub offsets: OffsetUnit,
}

/// `marginalia import`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import brat standoff (.txt + .ann pairs) from a directory into sidecars.
    Brat(ImportBratArgs),
    /// Import a Label Studio JSON export (tasks with annotations) into articles and sidecars.
    LabelStudio(ImportLabelStudioArgs),
    /// Import Citron JSON files (a file, or a directory of <annotator>/<doc>.json).
    Citron(ImportCitronArgs),
}

/// `marginalia import label-studio`.
#[derive(Debug, Args)]
pub struct ImportLabelStudioArgs {
    /// The JSON export: an array of tasks (Label Studio's JSON export, or `export --format
    /// label-studio`).
    pub file: PathBuf,
    /// Where to write articles (`<doc_id>.txt`, else `task-<id>.txt`) and sidecars
    /// (default: the directory of FILE).
    #[arg(long, short = 'o', visible_alias = "out", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Annotator names of Label Studio user ids: a JSON object `{"alice": 1, ...}`
    /// (default: `<FILE stem>.annotators.json` when it exists). Users not in it are named
    /// after their email, else `user<id>`; `--annotator` names annotations without
    /// `completed_by`.
    #[arg(long, value_name = "FILE")]
    pub annotators: Option<PathBuf>,
    /// Offset unit of the file (Label Studio's Text tag counts code points).
    #[arg(long, value_enum, default_value_t = OffsetUnit::Codepoint)]
    pub offsets: OffsetUnit,
    /// Key of the article text in each task's `data`.
    #[arg(long, value_name = "KEY", default_value = "text")]
    pub text_key: String,
    /// Overwrite existing sidecars.
    #[arg(long)]
    pub force: bool,
}

/// `marginalia import citron`.
#[derive(Debug, Args)]
pub struct ImportCitronArgs {
    /// A Citron JSON file, or a directory searched for `.json` files (`<annotator>/<doc>.json`
    /// unless `--annotator` names the annotator of all).
    pub path: PathBuf,
    /// Where to write articles and sidecars (default: PATH, or the directory of a file).
    #[arg(long, short = 'o', visible_alias = "out", value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite existing sidecars.
    #[arg(long)]
    pub force: bool,
}

/// Where an imported brat corpus keeps its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ImportLayout {
    /// DIR/<annotator>/<doc>.ann beside <doc>.txt (what `export --format brat` writes).
    #[default]
    AnnotatorDirs,
    /// <dir>/attributions/<stem>_<annotator>.ann with the text in <dir>/text/<stem>.txt (PolNeAR).
    Polnear,
}

/// `marginalia import brat`.
#[derive(Debug, Args)]
pub struct ImportBratArgs {
    /// Directory holding .txt + .ann pairs (annotator subdirectories allowed).
    pub dir: PathBuf,
    /// Read a foreign annotation scheme through a mapping: a built-in name (parc) or a
    /// mapping file (RON; see docs/import.md). Without it, the files are read as
    /// `export --format brat` writes them.
    #[arg(long, value_name = "NAME|FILE")]
    pub mapping: Option<String>,
    /// How the files are laid out.
    #[arg(long, value_enum, default_value_t = ImportLayout::AnnotatorDirs)]
    pub layout: ImportLayout,
    /// Where to write articles and sidecars (default: next to the .txt files).
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Overwrite existing sidecars.
    #[arg(long)]
    pub force: bool,
}
