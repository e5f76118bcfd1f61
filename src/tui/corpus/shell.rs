//! The corpus browser's contact with the disk: building the app for a directory (a scan of
//! file names only, so the first frame never waits for a sidecar), taking in summaries from the
//! background [`SummaryLoader`] without blocking, and opening an article of the list.

use std::path::Path;
use std::sync::mpsc::TryRecvError;

use crate::config::Keymap;
use crate::corpus::{Corpus, SummaryEvent, SummaryLoader};
use crate::model::{AnnotationDoc, Article, Schema};
use crate::tui::app::{App, ArticleState, SaveState, Screen};
use crate::tui::corpus::state::{Background, Cell, CorpusState, refresh_every};
use crate::tui::effect::Effect;
use crate::tui::layout::corpus::list_rows;
use crate::tui::outcome::Outcome;
use crate::tui::{persist, update};

/// The app for `root` on the corpus screen. Before any article is opened, `app.art` holds a
/// read-only placeholder that is never drawn or saved.
///
/// # Errors
/// A message naming the directory when it cannot be listed.
pub fn open_dir(
    root: &Path,
    schema: Schema,
    keymap: Keymap,
    annotator: String,
    load_summaries: bool,
) -> Result<App, String> {
    let corpus = Corpus::scan(root).map_err(|e| e.to_string())?;
    let problems = corpus.problems().len();
    let background = load_summaries.then(|| Background {
        loader: SummaryLoader::for_corpus(&corpus, &schema),
        expected: corpus.entries().iter().map(|e| e.sidecars.len()).sum(),
        arrived: 0,
    });
    let state = CorpusState::new(corpus, &annotator);
    let placeholder = placeholder(root, &schema, &annotator)?;
    let mut app = App::new(schema, keymap, annotator, placeholder);
    app.message = None;
    if problems > 0 {
        app.warn(format!(
            "{problems} part(s) of the directory could not be read (see `marginalia check`)"
        ));
    }
    app.screen = Screen::Corpus;
    let mut state = state;
    state.background = background;
    // The directory's own name, also for `.` or a path ending in `..`.
    if let Some(name) = std::fs::canonicalize(root)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
    {
        state.name = name;
    }
    app.corpus = Some(Box::new(state));
    Ok(app)
}

fn placeholder(root: &Path, schema: &Schema, annotator: &str) -> Result<ArticleState, String> {
    let article = Article::from_text(&root.join("(no article open)"), "No article is open.")
        .map_err(|e| e.to_string())?;
    let doc = AnnotationDoc::new(schema, &article, annotator, &persist::now());
    Ok(ArticleState::new(
        article,
        doc,
        root.join("(no sidecar)"),
        SaveState::ReadOnly("no article is open".to_owned()),
    ))
}

/// Whether summaries are still arriving.
#[must_use]
pub fn loading(app: &App) -> bool {
    app.corpus
        .as_deref()
        .and_then(|c| c.background.as_ref())
        .is_some_and(|b| b.arrived < b.expected)
}

/// Take in the summaries ready now, without waiting. Re-sorts (keeping the selected article
/// selected) when the order depends on summaries and enough arrived, or the last one did.
/// Returns whether anything changed.
pub fn tick(app: &mut App) -> bool {
    let Some(c) = app.corpus.as_deref_mut() else {
        return false;
    };
    let Some(bg) = c.background.as_mut() else {
        return false;
    };
    let mut events: Vec<SummaryEvent> = Vec::new();
    // A loader thread that ended early (it never should) must not leave the list loading.
    let stopped = loop {
        match bg.loader.receiver().try_recv() {
            Ok(event) => events.push(event),
            Err(TryRecvError::Empty) => break false,
            Err(TryRecvError::Disconnected) => break true,
        }
    };
    bg.arrived += events.len();
    let finished = stopped || bg.arrived >= bg.expected;
    if finished {
        c.background = None;
    }
    absorb(app, events, finished)
}

/// Block until every summary has arrived (tests and scripts).
pub fn wait_loaded(app: &mut App) {
    let Some(bg) = app.corpus.as_deref_mut().and_then(|c| c.background.take()) else {
        return;
    };
    let events: Vec<SummaryEvent> = bg
        .loader
        .receiver()
        .iter()
        .take(bg.expected - bg.arrived)
        .collect();
    absorb(app, events, true);
}

/// Put summary results into the list (also used by tests to feed results by hand).
pub fn absorb(app: &mut App, events: Vec<SummaryEvent>, finished: bool) -> bool {
    let rows = list_rows(app.size);
    let Some(c) = app.corpus.as_deref_mut() else {
        return false;
    };
    let changed = !events.is_empty();
    for event in events {
        let cell = match &event.result {
            Ok(summary) => Cell::Known(summary.into()),
            Err(e) => Cell::Unreadable(e.to_string()),
        };
        if c.absorb(event.index, &event.annotator, cell) {
            c.since_refresh += 1;
        }
    }
    let due =
        c.since_refresh >= refresh_every(c.entries().len()) || (finished && c.since_refresh > 0);
    if c.depends_on_summaries() && due {
        c.refresh(rows);
    }
    changed
}

/// Open entry `entry` of the corpus in the annotation screen. The current article must be
/// saved already: if its last save failed, nothing is opened and the list stays.
pub fn open_entry(app: &mut App, entry: usize) {
    let opened = read_entry(app, entry);
    let ok = opened.is_ok();
    update::outcome::apply(app, Outcome::EntryOpened { entry, opened });
    if ok {
        crate::tui::assist::shell::begin(app);
    }
}

/// The article of entry `entry` and its sidecar, read from disk.
fn read_entry(app: &App, entry: usize) -> Result<(Box<ArticleState>, Option<String>), String> {
    if let SaveState::Failed(why) | SaveState::Conflict(why) = &app.art.save {
        return Err(format!(
            "edits are NOT saved ({why}); staying on this article until saving works"
        ));
    }
    let path = app
        .corpus
        .as_deref()
        .and_then(|c| c.entries().get(entry))
        .map(|e| e.path.clone())
        .ok_or_else(|| format!("no article {} in the list", entry + 1))?;
    let article = Article::load(&path).map_err(|e| e.to_string())?;
    let (state, note) = persist::open(article, &app.annotator, &app.schema);
    Ok((Box::new(state), note))
}

/// Perform effects at once, as the shell does (saving before opening another article), for
/// tests and scripts that drive the app without a terminal. Returns whether quitting was asked.
pub fn perform(app: &mut App, effects: Vec<Effect>) -> bool {
    let mut quit = false;
    for effect in effects {
        quit |= effect == Effect::Quit;
        crate::tui::run::perform(app, effect);
    }
    quit
}
