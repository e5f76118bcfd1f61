//! The vocabulary of the corpus list: what a cell knows ([`Cell`], [`Brief`]), the per-column
//! counts ([`Totals`]), and the sort and status-filter choices.

use crate::corpus::{Progress, Summary};

/// What the list knows about one annotator's work on one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// The sidecar exists and has not been summarised yet (drawn as `…`).
    Unknown,
    /// Summarised (an annotator without a sidecar is known as not started at once).
    Known(Brief),
    /// The sidecar could not be read or parsed: the message.
    Unreadable(String),
}

/// The part of a [`Summary`] a list row shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Brief {
    /// Overall status.
    pub progress: Option<Progress>,
    /// Paragraphs marked done.
    pub paras_done: usize,
    /// Paragraphs in the article (0 when there is no sidecar).
    pub paras_total: usize,
    /// Claims.
    pub claims: usize,
    /// Last change (RFC 3339), empty without a sidecar.
    pub modified: String,
}

impl From<&Summary> for Brief {
    fn from(s: &Summary) -> Self {
        Self {
            progress: Some(s.progress),
            paras_done: s.paras_done,
            paras_total: s.paras_total,
            claims: s.claims,
            modified: s.modified.clone(),
        }
    }
}

impl Brief {
    pub(crate) fn not_started() -> Self {
        Self {
            progress: Some(Progress::NotStarted),
            ..Self::default()
        }
    }
}

/// Article counts of one annotator column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Every paragraph done.
    pub done: usize,
    /// Started.
    pub in_progress: usize,
    /// Not started (no sidecar, or an empty one).
    pub not_started: usize,
    /// Not summarised yet.
    pub unknown: usize,
    /// Sidecar unreadable.
    pub unreadable: usize,
}

impl Totals {
    pub(crate) fn slot(&mut self, cell: &Cell) -> &mut usize {
        match cell {
            Cell::Unknown => &mut self.unknown,
            Cell::Unreadable(_) => &mut self.unreadable,
            Cell::Known(b) => match b.progress {
                Some(Progress::Done) => &mut self.done,
                Some(Progress::InProgress) => &mut self.in_progress,
                _ => &mut self.not_started,
            },
        }
    }
}

/// Sort order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Relative path.
    #[default]
    Name,
    /// Status of the current annotator (not started, in progress, done).
    Status,
    /// Share of paragraphs done.
    Progress,
    /// Number of claims.
    Claims,
    /// Last change of the sidecar.
    Modified,
}

impl SortKey {
    /// Label for the status line.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Status => "status",
            Self::Progress => "progress",
            Self::Claims => "claims",
            Self::Modified => "modified",
        }
    }

    /// Whether a first press sorts descending (most claims, newest first).
    pub(crate) fn descending_first(self) -> bool {
        matches!(self, Self::Claims | Self::Modified)
    }
}

/// Which articles the list shows, by the current annotator's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every article.
    #[default]
    All,
    /// Not started or in progress.
    NotDone,
    /// Not started.
    NotStarted,
    /// In progress.
    InProgress,
    /// Done.
    Done,
}

impl StatusFilter {
    /// The next filter in the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::All => Self::NotDone,
            Self::NotDone => Self::NotStarted,
            Self::NotStarted => Self::InProgress,
            Self::InProgress => Self::Done,
            Self::Done => Self::All,
        }
    }

    /// Label for the status line.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::NotDone => "not done",
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::Done => "done",
        }
    }

    /// Whether a cell passes. Unknown cells pass every filter until they are known (they may
    /// match); unreadable ones only `All` and `NotDone`.
    pub(crate) fn passes(self, cell: &Cell) -> bool {
        let progress = match cell {
            Cell::Unknown => return true,
            Cell::Unreadable(_) => return matches!(self, Self::All | Self::NotDone),
            Cell::Known(b) => b.progress.unwrap_or(Progress::NotStarted),
        };
        match self {
            Self::All => true,
            Self::NotDone => progress != Progress::Done,
            Self::NotStarted => progress == Progress::NotStarted,
            Self::InProgress => progress == Progress::InProgress,
            Self::Done => progress == Progress::Done,
        }
    }
}
