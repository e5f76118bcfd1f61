//! The review screen's state: one article adjudicated by several annotators into the gold
//! sidecar. [`ReviewState`] holds the [`Adjudication`] (queue, decisions, gold document), the
//! opened gold sidecar, the current item, the undo stack of decisions, and the agreement
//! figures of the article. The pure transitions between screens live here too
//! ([`enter`], [`enter_edit`], [`resume`]); what touches the disk is in [`shell`].
//!
//! Screens: the review screen is [`Screen::Review`] with the state in `App::review`. While the
//! reviewer edits a gold record on the annotation screen, `App::art` holds the gold sidecar and
//! the state waits in `App::review` (with the article state it replaced in
//! [`ReviewState::stash`]) until `R` comes back.

pub mod shell;

use std::cell::RefCell;
use std::path::PathBuf;

use crate::model::Article;
use crate::review::adjudicate::Adjudication;
use crate::review::report::AgreementReport;
use crate::store::OpenedSidecar;
use crate::tui::app::{App, ArticleState, SaveState, Screen};
use crate::tui::mode::Mode;
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
    /// The article state (and annotator name) the annotation screen showed before the gold
    /// sidecar replaced it, while a gold record is edited.
    pub stash: Option<(ArticleState, String)>,
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
            stash: None,
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

/// Show the review screen with `state`.
pub fn enter(app: &mut App, mut state: ReviewState, from_annotation: bool) {
    state.from_annotation = from_annotation;
    let p = state.adj.progress();
    let mut text = format!(
        "review of {}: {} items, {} decided, {} full agreements pending (A accepts them)",
        state.names().join(", "),
        p.total,
        p.decided,
        p.pending_agreements
    );
    if let Some(gold) = &state.gold {
        let r = &gold.report;
        if !r.is_clean() {
            text.push_str(&format!(
                "; gold re-anchored to the changed article ({} moved, {} fuzzy, {} orphaned; .bak kept on the first save)",
                r.moved, r.fuzzy, r.orphaned
            ));
        }
        if !gold.problems.is_empty() {
            text.push_str(&format!(
                "; the gold sidecar has {} problems (marginalia check lists them)",
                gold.problems.len()
            ));
        }
    }
    app.review = Some(Box::new(state));
    app.screen = Screen::Review;
    app.mode = Mode::Normal;
    app.say(text);
}

/// Switch to the annotation screen on the gold document `gold` (opened by the shell), with
/// gold span `span` selected. The article state shown before is kept for [`resume`].
pub fn enter_edit(app: &mut App, gold: ArticleState, span: &str) {
    let Some(review) = app.review.as_mut() else {
        return;
    };
    let previous = std::mem::replace(&mut app.art, gold);
    let annotator = std::mem::replace(&mut app.annotator, crate::store::GOLD.to_owned());
    review.stash = Some((previous, annotator));
    app.screen = Screen::Annotate;
    app.mode = Mode::Normal;
    if let Some(s) = app.art.doc.span(span) {
        let para = s.anchor.para;
        app.art.para = para;
        app.art.caret = s.anchor.start;
        app.art.record = app
            .art
            .spans_of(para)
            .iter()
            .position(|x| x.id == span)
            .unwrap_or(0);
    }
    crate::tui::update::nav::ensure_para_visible(app);
    let key = app
        .keymap
        .keys_for(
            crate::config::KeyMode::Normal,
            &crate::tui::action::Action::Review,
        )
        .first()
        .map_or_else(|| "review".to_owned(), ToString::to_string);
    app.say(format!(
        "editing gold {span}: every change is saved to the gold sidecar; {key} goes back to review"
    ));
}

/// Back from editing gold: the edited gold document replaces the adjudication's, `gold` is the
/// gold sidecar re-opened by the shell after the annotation screen saved it (`None` keeps the
/// one the review had).
pub fn resume(app: &mut App, gold: Option<OpenedSidecar>) {
    let Some(review) = app.review.as_mut() else {
        return;
    };
    let Some((previous, annotator)) = review.stash.take() else {
        app.screen = Screen::Review;
        return;
    };
    let edited = std::mem::replace(&mut app.art, previous);
    app.annotator = annotator;
    *review.adj.gold_mut() = edited.doc;
    if let Some(gold) = gold {
        review.gold = Some(gold);
    }
    if let Some(next) = review.adj.next_undecided(Some(review.cursor)) {
        review.cursor = next;
    }
    app.screen = Screen::Review;
    app.mode = Mode::Normal;
    let p = review.adj.progress();
    app.say(format!("back to review: {}/{} decided", p.decided, p.total));
}
