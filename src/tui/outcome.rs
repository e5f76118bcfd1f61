//! Outcomes: what the shell found on the disk for an [`Effect`](crate::tui::effect::Effect),
//! handed back to the pure [`update::outcome::apply`](crate::tui::update::outcome::apply),
//! which makes every change to the state. The shell reads and writes files and never changes
//! [`App`](crate::tui::app::App) itself, so each of these state changes is tested without a
//! disk by building the outcome by hand. ([`Action`](crate::tui::action::Action) stays the
//! serialisable vocabulary of keys; outcomes carry opened documents, so they are their own
//! type.)

use crate::store::OpenedSidecar;
use crate::tui::app::ArticleState;
use crate::tui::review::ReviewState;

/// A disk task's result.
#[derive(Debug)]
pub enum Outcome {
    /// `reload_sidecar`: the sidecar re-read from disk, or why it cannot be used.
    Reloaded(Result<Box<OpenedSidecar>, String>),
    /// The gold sidecar of the review screen written, or why not.
    GoldSaved(Result<(), String>),
    /// The review of the current article opened from the annotation screen, or why not.
    ReviewOpened(Result<Box<ReviewState>, String>),
    /// The gold sidecar opened for editing at gold span `span`, or why not.
    GoldOpened {
        /// The gold document on the annotation screen's state.
        opened: Result<Box<ArticleState>, String>,
        /// The gold span to select.
        span: String,
    },
    /// Back from editing gold: the gold sidecar re-read after the edits were saved, or why
    /// it could not be (the review keeps the one it had).
    ReviewResumed(Result<Box<OpenedSidecar>, String>),
    /// Entry `entry` of the corpus list opened: its state and a note about the opening
    /// (migration, problems), or why it could not be opened.
    EntryOpened {
        /// Index in the corpus listing.
        entry: usize,
        /// The article's state and the note.
        opened: Result<(Box<ArticleState>, Option<String>), String>,
    },
}
