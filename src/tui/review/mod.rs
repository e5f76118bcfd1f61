//! The review screen's state: one article adjudicated by several annotators into the gold
//! sidecar. [`ReviewState`] holds the [`Adjudication`] (queue, decisions, gold document), the
//! opened gold sidecar, the current item, the undo stack of decisions, and the agreement
//! figures of the article. The pure transitions between screens are in
//! [`crate::tui::review::update::screen`]; what touches the disk is in [`shell`].
//!
//! Screens: the review screen is `Screen::Review` with the state in `App::review`. While the
//! reviewer edits a gold record on the annotation screen, `App::art` holds the gold sidecar and
//! the state waits in `App::review` (with the article state it replaced in `App::review_stash`)
//! until `R` comes back.

pub mod shell;
pub mod update;
pub mod view;

use std::cell::RefCell;
use std::path::PathBuf;

use crate::model::Article;
use crate::review::adjudicate::Adjudication;
use crate::review::report::AgreementReport;
use crate::store::OpenedSidecar;
use crate::tui::save_state::SaveState;
use crate::tui::wrap::{Pos, WrapCache};

/// Decisions kept for undo.
pub const UNDO_DEPTH: usize = 100;

/// The adjudication before one decision, for undo.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The model before the decision.
    pub adj: Adjudication,
    /// The current item before the decision.
    pub cursor: usize,
    /// What the decision was (shown when undoing).
    pub label: String,
}

/// Everything the review screen shows and changes.
#[derive(Debug)]
pub struct ReviewState {
    /// The article.
    pub article: Article,
    /// Queue, decisions and the gold document.
    pub adj: Adjudication,
    /// The gold sidecar on disk (`None` only for in-memory use, e.g. tests: nothing is saved).
    pub gold: Option<OpenedSidecar>,
    /// Where the gold sidecar lives.
    pub gold_path: PathBuf,
    /// Whether the gold document is on disk.
    pub save: SaveState,
    /// The current item (queue position).
    pub cursor: usize,
    /// Earlier states, newest last.
    pub undo: Vec<Snapshot>,
    /// Agreement figures of the annotators on this article.
    pub report: AgreementReport,
    /// `e` was pressed on an item with several versions: the next take key chooses the one
    /// to edit.
    pub choosing_edit: bool,
    /// Opened from the annotation screen: quitting goes back there.
    pub from_annotation: bool,
    /// Quit was pressed once while the gold document is not saved.
    pub quit_armed: bool,
    /// Wrapped-line cache of the article pane.
    pub wrap: RefCell<WrapCache>,
    /// Where the wheel scrolled the article pane, with the item current then: while that item
    /// stays current the pane keeps this top; once another item is current the pane follows it.
    pub scroll: Option<(usize, Pos)>,
}

impl ReviewState {
    /// A review of `article`; the current item is the first undecided one.
    #[must_use]
    pub fn new(
        article: Article,
        adj: Adjudication,
        gold: Option<OpenedSidecar>,
        gold_path: PathBuf,
    ) -> Self {
        let report = adj.agreement_report(&article);
        let cursor = adj.next_undecided(None).unwrap_or(0);
        Self {
            article,
            adj,
            gold,
            gold_path,
            save: SaveState::Saved,
            cursor,
            undo: Vec::new(),
            report,
            choosing_edit: false,
            from_annotation: false,
            quit_armed: false,
            wrap: RefCell::new(WrapCache::default()),
            scroll: None,
        }
    }

    /// Annotator names, in order (A, B, ...).
    #[must_use]
    pub fn names(&self) -> &[String] {
        &self.adj.alignment().annotators
    }

    /// The letter of annotator `a` (A, B, ... then numbers).
    #[must_use]
    pub fn letter(a: usize) -> String {
        u8::try_from(a)
            .ok()
            .filter(|&a| a < 26)
            .map_or_else(|| (a + 1).to_string(), |a| char::from(b'A' + a).to_string())
    }
}
