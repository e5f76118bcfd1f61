//! Application state. [`App`] holds what every screen shares (schema, keymap, annotator,
//! mode, terminal size, messages); [`ArticleState`] holds everything about the one open
//! article (text, annotations, cursor, view, undo, save state), so a corpus browser can swap
//! articles by replacing it. [`Screen`] names the screen on show; the review/adjudication
//! screen and the corpus browser are meant to become further variants with their own state.
//!
//! Adding a screen:
//! 1. a variant of [`Screen`] carrying its state (e.g. `Review(ReviewState)` with the
//!    annotators' documents and the gold [`ArticleState`]; `Browser(BrowserState)` with the
//!    article list and cursor);
//! 2. bindable [`Action`] variants with `describe()` lines, and a [`crate::config::KeyMode`]
//!    section for its keys (help and `docs/keys.md` pick them up from the keymap);
//! 3. a branch in `update::update` dispatching on `app.screen` before the mode, and a
//!    `view/<screen>.rs` drawn by `view::render`;
//! 4. effects for what touches the disk (`Effect::Save` saves `app.art`; the corpus browser's
//!    `Effect::OpenEntry` saves it, then swaps in another article through `persist::open`).

use std::cell::RefCell;
use std::path::PathBuf;

use crate::config::{KeyChord, Keymap};
use crate::model::{AnchorStatus, AnnotationDoc, Article, Schema, Span};
use crate::store::{OpenedSidecar, ReanchorReport};
use crate::tui::action::Action;
use crate::tui::history::History;
use crate::tui::mode::Mode;
pub use crate::tui::save_state::SaveState;
use crate::tui::wrap::{Pos, WrapCache};

/// Which screen is shown: annotation; review (comparing annotators and writing a gold sidecar,
/// state in [`App::review`], keys in the `review` keymap section); or the corpus browser's
/// list (`marginalia DIR`, state in [`App::corpus`], keys in the `corpus` section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    /// Annotating one article.
    #[default]
    Annotate,
    /// The corpus browser's article list (state in [`App::corpus`]).
    Corpus,
    /// Comparing annotators and adjudicating into gold (state in [`App::review`]).
    Review,
}

/// A text selection in one paragraph (character offsets, end exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Paragraph.
    pub para: usize,
    /// Start (inclusive).
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
}

/// A search match (character offsets in a paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Paragraph.
    pub para: usize,
    /// Start.
    pub start: usize,
    /// End.
    pub end: usize,
}

/// Everything about the open article.
#[derive(Debug)]
pub struct ArticleState {
    /// The article text (shared with the thread that computes its suggestions, so a large
    /// article is not held twice).
    pub article: std::sync::Arc<Article>,
    /// This annotator's annotations.
    pub doc: AnnotationDoc,
    /// Where the sidecar lives.
    pub sidecar: PathBuf,
    /// Save state (read-only when the sidecar could not be parsed).
    pub save: SaveState,
    /// Current paragraph.
    pub para: usize,
    /// Caret: character offset in the current paragraph where a selection starts.
    pub caret: usize,
    /// Selected record of the current paragraph (index into its spans).
    pub record: usize,
    /// First line shown in the article pane.
    pub top: Pos,
    /// Text selection being made.
    pub selection: Option<Selection>,
    /// Last search text.
    pub search: Option<String>,
    /// Last search match.
    pub found: Option<Match>,
    /// Undo/redo.
    pub history: History,
    /// Wrapped-line cache (interior mutability: rendering borrows the state immutably).
    pub wrap: RefCell<WrapCache>,
    /// The sidecar as opened from disk (saving goes through it: backups, the changed-on-disk
    /// guard). `None` for a document that only lives in memory (tests).
    pub opened: Option<Box<OpenedSidecar>>,
    /// What re-anchoring did when the sidecar was opened.
    pub reanchor: ReanchorReport,
    /// The suggestions for this article (computed on a thread after opening).
    pub assist: crate::tui::assist::Assist,
}

impl ArticleState {
    /// Select the record under the caret (the shortest span holding it), so that `enter`,
    /// `a` and `d` act on what the caret is on; the selection stays when no span holds it.
    pub fn select_under_caret(&mut self) {
        let caret = self.caret;
        let under = self
            .spans_of(self.para)
            .iter()
            .enumerate()
            .filter(|(_, s)| s.anchor.start <= caret && caret < s.anchor.end)
            .min_by_key(|(_, s)| s.anchor.end - s.anchor.start)
            .map(|(i, _)| i);
        if let Some(i) = under {
            self.record = i;
        }
    }

    /// State for `article` with `doc`, saved at `sidecar`.
    #[must_use]
    pub fn new(
        article: Article,
        mut doc: AnnotationDoc,
        sidecar: PathBuf,
        save: SaveState,
    ) -> Self {
        doc.canonicalize();
        Self {
            article: std::sync::Arc::new(article),
            doc,
            sidecar,
            save,
            para: 0,
            caret: 0,
            record: 0,
            top: Pos::default(),
            selection: None,
            search: None,
            found: None,
            history: History::default(),
            wrap: RefCell::new(WrapCache::default()),
            opened: None,
            reanchor: ReanchorReport::default(),
            assist: crate::tui::assist::Assist::default(),
        }
    }

    /// True when edits must not be saved.
    #[must_use]
    pub fn is_read_only(&self) -> bool {
        matches!(self.save, SaveState::ReadOnly(_))
    }

    /// True when a banner row above the article explains why nothing is saved.
    #[must_use]
    pub fn has_banner(&self) -> bool {
        matches!(self.save, SaveState::ReadOnly(_) | SaveState::Conflict(_))
    }

    /// Placed spans of paragraph `para`, in position order (spans are kept sorted by
    /// paragraph). Orphaned spans are left out: their anchor points at text that is gone.
    #[must_use]
    pub fn spans_of(&self, para: usize) -> Vec<&Span> {
        let spans = &self.doc.spans;
        let lo = spans.partition_point(|s| s.anchor.para < para);
        let hi = spans.partition_point(|s| s.anchor.para <= para);
        spans[lo..hi]
            .iter()
            .filter(|s| s.status != AnchorStatus::Orphaned)
            .collect()
    }

    /// Spans that re-anchoring could not place (kept until placed again or deleted).
    #[must_use]
    pub fn orphans(&self) -> Vec<&Span> {
        self.doc
            .spans
            .iter()
            .filter(|s| s.status == AnchorStatus::Orphaned)
            .collect()
    }

    /// The selected record of the current paragraph.
    #[must_use]
    pub fn selected(&self) -> Option<&Span> {
        self.spans_of(self.para).get(self.record).copied()
    }

    /// Number of paragraphs.
    #[must_use]
    pub fn para_count(&self) -> usize {
        self.article.paragraphs().len()
    }
}

/// The message shown when opening re-anchored spans: counts, and what to do next (with the
/// keys of `keymap`).
#[must_use]
pub fn reanchor_note(report: &ReanchorReport, keymap: &Keymap) -> String {
    let key = |a: &Action| {
        keymap
            .keys_for(crate::config::KeyMode::Normal, a)
            .first()
            .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
    };
    let mut text = format!("re-anchored: {report} (the article changed)");
    if report.fuzzy > 0 {
        let confirm = key(&Action::ConfirmAnchor);
        text.push_str(&format!(
            " · fuzzy spans are marked ~, {confirm} confirms one"
        ));
    }
    if report.orphaned > 0 {
        let list = key(&Action::Orphans);
        text.push_str(&format!(" · {list} lists orphans to place again or delete"));
    }
    text
}

/// A message in the status line: what just happened, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Text.
    pub text: String,
    /// Shown in the error style.
    pub error: bool,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The schema (kinds, attributes, keys).
    pub schema: Schema,
    /// Key bindings.
    pub keymap: Keymap,
    /// Annotator name.
    pub annotator: String,
    /// Screen on show.
    pub screen: Screen,
    /// Input mode.
    pub mode: Mode,
    /// The open article.
    pub art: ArticleState,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Status message.
    pub message: Option<Message>,
    /// Quit was pressed once with unsaved edits.
    pub quit_armed: bool,
    /// The loop should end.
    pub should_quit: bool,
    /// An attribution waiting for a new source or cue to be selected.
    pub pending: Option<Pending>,
    /// `d` was pressed once on this span, whose delete would empty an attribution: pressing
    /// it again confirms (any other key forgets it).
    pub delete_armed: Option<String>,
    /// The speaker entity created in the `a` flow under way: its attributes are offered at
    /// the end of the claim's menu.
    pub new_entity: Option<String>,
    /// The span marked last (the "one just marked" that `a` takes without asking).
    pub last_marked: Option<String>,
    /// The cue whose claim `c` proposed: marking that claim attributes it at once.
    pub claim_from_cue: Option<String>,
    /// The values set in the last attribute menu, which `.` repeats.
    pub repeat: Vec<crate::tui::repeat::Change>,
    /// Whether suggestions are computed and shown, and their minimum score.
    pub suggest: crate::config::SuggestSettings,
    /// The corpus browser, when a directory was opened (its list outlives the open article).
    pub corpus: Option<Box<crate::tui::corpus::CorpusState>>,
    /// The review in progress: shown on [`Screen::Review`], kept while a gold record is edited.
    pub review: Option<Box<crate::tui::review::ReviewState>>,
    /// The article state (and annotator name) the annotation screen showed before a gold
    /// record of the review replaced it, while that record is edited.
    pub review_stash: Option<(ArticleState, String)>,
}

/// A multi-step action waiting for the user to select text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    /// The new span becomes the source mention of `claim`.
    SourceFor(String),
    /// The new span becomes the cue of `claim` attributed to `sources`.
    CueFor(String, Vec<String>),
    /// The selection becomes the new place of the orphaned span with this id.
    Reattach(String),
}

impl App {
    /// A new app on the annotation screen.
    #[must_use]
    pub fn new(schema: Schema, keymap: Keymap, annotator: String, art: ArticleState) -> Self {
        let message = match &art.save {
            SaveState::ReadOnly(e) => Some(Message {
                text: format!("read-only: {e}"),
                error: true,
            }),
            _ => None,
        };
        // The article changed since the sidecar was written: say what happened to the spans.
        let message = message.or_else(|| {
            (!art.reanchor.is_clean()).then(|| Message {
                text: reanchor_note(&art.reanchor, &keymap),
                error: art.reanchor.orphaned > 0,
            })
        });
        Self {
            schema,
            keymap,
            annotator,
            screen: Screen::Annotate,
            mode: Mode::Normal,
            art,
            size: (120, 40),
            message,
            quit_armed: false,
            should_quit: false,
            pending: None,
            delete_armed: None,
            new_entity: None,
            last_marked: None,
            claim_from_cue: None,
            repeat: Vec::new(),
            suggest: crate::config::SuggestSettings::default(),
            corpus: None,
            review: None,
            review_stash: None,
        }
    }

    /// Set the status message.
    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    /// Add a note to the message shown (after what is there, e.g. the re-anchoring counts).
    pub fn add_note(&mut self, note: &str) {
        match &mut self.message {
            Some(m) => m.text = format!("{}; {note}", m.text),
            None => self.say(note),
        }
    }

    /// Set an error message.
    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// The action a key chord means in the current mode, through the keymap; unbound
    /// characters mark spans (select), pick values (pickers) or are typed (input).
    #[must_use]
    pub fn resolve(&self, chord: KeyChord) -> Option<Action> {
        let mode = self.key_mode();
        if let Some(action) = self.keymap.resolve(mode, chord) {
            return Some(action.clone());
        }
        let crate::config::Key::Char(c) = chord.key else {
            return None;
        };
        if chord.ctrl || chord.alt {
            return None;
        }
        match mode {
            crate::config::KeyMode::Select => self
                .schema
                .spans
                .iter()
                .find(|k| k.enabled && k.key == c)
                .map(|k| Action::MakeSpan(k.name.clone())),
            crate::config::KeyMode::Picker => Some(Action::PickKey(c)),
            crate::config::KeyMode::Input => Some(Action::InsertChar(c)),
            crate::config::KeyMode::Review => c
                .to_digit(10)
                .filter(|&d| d >= 1)
                .map(|d| Action::Take(d as usize - 1)),
            _ => None,
        }
    }

    /// The keymap section that resolves keys now (the mode's, or `review` / `corpus` on
    /// those screens outside help and text input).
    #[must_use]
    pub fn key_mode(&self) -> crate::config::KeyMode {
        match (self.screen, &self.mode) {
            (Screen::Review, Mode::Normal) => crate::config::KeyMode::Review,
            (Screen::Corpus, Mode::Normal) => crate::config::KeyMode::Corpus,
            _ => self.mode.key_mode(),
        }
    }
}
