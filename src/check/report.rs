//! The findings of `marginalia check` and their two renderings: lines for people
//! (`path:line:col: kind: message`, like a compiler) and a JSON document for machines.

use std::path::Path;

use serde::Serialize;

use crate::check::anchors::AnchorSummary;
use crate::store::sidecar::SidecarError;
use crate::store::validate::{Problem, ProblemKind, Severity};

/// Category of a finding (stable names in `--json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The article cannot be used (not UTF-8, binary, empty, a directory).
    Article,
    /// A file could not be read.
    Unreadable,
    /// Two articles map to the same sidecar names.
    NameClash,
    /// A file named on the command line is neither an article nor a sidecar.
    NotAnArticle,
    /// A sidecar file name with an invalid annotator.
    BadAnnotator,
    /// A sidecar with no article next to it.
    NoArticle,
    /// A sidecar that does not parse.
    Parse,
    /// A sidecar from a newer marginalia (or a version never written).
    FutureVersion,
    /// Another sidecar error.
    Sidecar,
    /// A problem found by validating a parsed sidecar (written with the [`ProblemKind`] name).
    #[serde(untagged)]
    Doc(ProblemKind),
}

impl FindingKind {
    /// The name used in both outputs.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Article => "article",
            Self::Unreadable => "unreadable",
            Self::NameClash => "name_clash",
            Self::NotAnArticle => "not_an_article",
            Self::BadAnnotator => "bad_annotator",
            Self::NoArticle => "no_article",
            Self::Parse => "parse",
            Self::FutureVersion => "future_version",
            Self::Sidecar => "sidecar",
            Self::Doc(kind) => kind.as_str(),
        }
    }
}

impl From<ProblemKind> for FindingKind {
    fn from(kind: ProblemKind) -> Self {
        Self::Doc(kind)
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as reached from the paths given.
    pub path: String,
    /// 1-based line, for parse errors.
    pub line: Option<usize>,
    /// 1-based column, for parse errors.
    pub col: Option<usize>,
    /// Category.
    pub kind: FindingKind,
    /// `error` (makes `check` fail) or `warning`.
    pub severity: Severity,
    /// Record id (span, entity, attribution), when the problem concerns one.
    pub record: Option<String>,
    /// What is wrong, without the path.
    pub message: String,
}

impl Finding {
    /// A finding about a whole file; a leading `path: ` in `message` is dropped.
    #[must_use]
    pub fn new(path: &Path, kind: FindingKind, message: String) -> Self {
        let shown = path.display().to_string();
        let message = message
            .strip_prefix(&format!("{shown}: "))
            .map_or(message.clone(), str::to_owned);
        Self {
            path: shown,
            line: None,
            col: None,
            kind,
            severity: Severity::Error,
            record: None,
            message,
        }
    }

    /// A finding from a sidecar that could not be read or parsed.
    #[must_use]
    pub fn from_sidecar_error(path: &Path, error: &SidecarError) -> Self {
        match error {
            SidecarError::Parse {
                location, message, ..
            } => Self {
                line: Some(location.line),
                col: Some(location.col),
                ..Self::new(path, FindingKind::Parse, message.clone())
            },
            SidecarError::FutureVersion { .. } | SidecarError::UnknownVersion { .. } => {
                Self::new(path, FindingKind::FutureVersion, error.to_string())
            }
            SidecarError::Io { .. } => Self::new(path, FindingKind::Unreadable, error.to_string()),
            _ => Self::new(path, FindingKind::Sidecar, error.to_string()),
        }
    }

    /// A finding from sidecar validation.
    #[must_use]
    pub fn from_problem(path: &Path, problem: Problem) -> Self {
        Self {
            record: problem.record,
            severity: problem.severity,
            ..Self::new(path, problem.kind.into(), problem.message)
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.path)?;
        if let (Some(line), Some(col)) = (self.line, self.col) {
            write!(f, ":{line}:{col}")?;
        }
        // Errors keep the compiler-like `path: kind: message`; warnings and notes say so.
        match self.severity {
            Severity::Warning => f.write_str(": warning")?,
            Severity::Info => f.write_str(": info")?,
            Severity::Error => {}
        }
        write!(f, ": {}: ", self.kind.as_str())?;
        if let Some(record) = &self.record {
            write!(f, "{record}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Everything `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// Articles checked.
    pub articles: usize,
    /// Sidecars checked.
    pub sidecars: usize,
    /// Problems, sorted by path, line and record (information too, with severity `info`).
    pub problems: Vec<Finding>,
    /// Re-anchoring counts of every sidecar checked against its article.
    pub anchors: Vec<AnchorSummary>,
}

impl CheckReport {
    /// Add a finding.
    pub fn push(&mut self, finding: Finding) {
        self.problems.push(finding);
    }

    /// True when nothing was found, not even a warning (information does not count).
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.errors() == 0 && self.warnings() == 0
    }

    /// Number of errors.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    /// Number of information findings (spans re-anchoring would move exactly).
    #[must_use]
    pub fn infos(&self) -> usize {
        self.count(Severity::Info)
    }

    fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// True when there are errors (warnings alone do not fail a check).
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }

    /// True when some input could not be read at all.
    #[must_use]
    pub fn has_unreadable(&self) -> bool {
        self.problems
            .iter()
            .any(|f| f.kind == FindingKind::Unreadable && f.severity == Severity::Error)
    }

    /// Put findings in a stable order (by file, then position, then kind).
    pub fn sort(&mut self) {
        self.anchors.sort_by(|a, b| a.path.cmp(&b.path));
        self.problems.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.kind).cmp(&(&b.path, b.line, b.col, b.kind))
        });
    }

    /// The human-readable report: one line per finding, then a summary line.
    #[must_use]
    pub fn to_human(&self) -> String {
        let mut out = String::new();
        for finding in &self.problems {
            out.push_str(&finding.to_string());
            out.push('\n');
        }
        let files = {
            let mut paths: Vec<&str> = self
                .problems
                .iter()
                .filter(|f| f.severity != Severity::Info)
                .map(|f| f.path.as_str())
                .collect();
            paths.dedup();
            paths.len()
        };
        let (errors, warnings) = (self.errors(), self.warnings());
        let summary = match (errors, warnings) {
            (0, 0) => "no problems".to_owned(),
            (e, 0) => format!("{e} problem{} in {files} file{}", plural(e), plural(files)),
            (e, w) => format!(
                "{e} error{} and {w} warning{} in {files} file{}",
                plural(e),
                plural(w),
                plural(files)
            ),
        };
        out.push_str(&format!(
            "checked {} article{} and {} sidecar{}: {summary}\n",
            self.articles,
            plural(self.articles),
            self.sidecars,
            plural(self.sidecars)
        ));
        out
    }

    /// The JSON report (`{"ok", "articles", "sidecars", "errors", "warnings", "problems":
    /// [...]}`); `ok` is false only when there are errors.
    #[must_use]
    pub fn to_json(&self) -> String {
        let value = serde_json::json!({
            "ok": !self.has_errors(),
            "articles": self.articles,
            "sidecars": self.sidecars,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "infos": self.infos(),
            "problems": self.problems,
            "anchors": self.anchors,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
