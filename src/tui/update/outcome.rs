//! Applying what the shell found on the disk ([`Outcome`]) to the state: a sidecar reloaded,
//! the gold sidecar saved, a review opened, gold opened for editing and left again, a corpus
//! entry opened. Pure: the shell did the reading and writing.

use crate::store::OpenedSidecar;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState, Screen};
use crate::tui::layout::corpus::list_rows;
use crate::tui::mode::Mode;
use crate::tui::outcome::Outcome;
use crate::tui::review::update::screen::{enter, enter_edit, resume};

/// Take `outcome` in.
pub fn apply(app: &mut App, outcome: Outcome) {
    match outcome {
        Outcome::Reloaded(Ok(opened)) => reloaded(app, opened),
        Outcome::Reloaded(Err(e)) => app.warn(format!("cannot reload: {e}")),
        Outcome::GoldSaved(result) => gold_saved(app, result),
        Outcome::ReviewOpened(Ok(state)) => enter(app, *state, true),
        Outcome::ReviewOpened(Err(e)) => app.warn(e),
        Outcome::GoldOpened {
            opened: Ok(state),
            span,
        } => {
            if let SaveState::ReadOnly(e) = &state.save {
                let e = e.clone();
                app.warn(format!("cannot edit the gold sidecar: {e}"));
            } else {
                enter_edit(app, *state, &span);
            }
        }
        Outcome::GoldOpened { opened: Err(e), .. } => app.warn(e),
        Outcome::ReviewResumed(Ok(gold)) => resume(app, Some(*gold)),
        Outcome::ReviewResumed(Err(e)) => {
            resume(app, None);
            app.warn(format!("the gold sidecar cannot be re-read: {e}"));
        }
        Outcome::EntryOpened {
            entry,
            opened: Ok((state, note)),
        } => entry_opened(app, entry, *state, note),
        Outcome::EntryOpened { opened: Err(e), .. } => app.warn(e),
    }
}

/// The sidecar re-read from disk replaces the document in memory; the undo history keeps
/// the version that was replaced.
fn reloaded(app: &mut App, opened: Box<OpenedSidecar>) {
    let state = &mut app.art;
    state
        .history
        .record(state.doc.clone(), "reload from disk".to_owned(), state.para);
    state.doc = opened.doc.clone();
    state.doc.canonicalize();
    state.reanchor = opened.report;
    state.opened = Some(opened);
    state.save = SaveState::Saved;
    let n = state.para_count();
    state.para = state.para.min(n.saturating_sub(1));
    state.record = 0;
    state.selection = None;
    let text = format!(
        "reloaded {} from disk ({} spans); u brings back the version you had",
        state.sidecar.display(),
        state.doc.spans.len()
    );
    app.say(text);
}

/// The review's save state follows the write.
fn gold_saved(app: &mut App, result: Result<(), String>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    match result {
        Ok(()) => {
            let was_failed = matches!(review.save, SaveState::Failed(_));
            review.save = SaveState::Saved;
            if was_failed {
                app.say("gold saved (the earlier failure is resolved)");
            }
        }
        Err(e) => {
            review.save = SaveState::Failed(e.clone());
            app.warn(format!("GOLD NOT SAVED: {e} (decisions kept in memory)"));
        }
    }
}

/// Show the opened corpus entry on the annotation screen, the list's selection on it.
fn entry_opened(
    app: &mut App,
    entry: usize,
    state: crate::tui::app::ArticleState,
    note: Option<String>,
) {
    let rows = list_rows(app.size);
    if let Some(c) = app.corpus.as_deref_mut() {
        c.open = Some(entry);
        c.select_entry(entry, rows);
    }
    app.message = None;
    if let SaveState::ReadOnly(e) = &state.save {
        app.warn(format!("read-only: {e}"));
    } else if let Some(note) = note {
        app.say(note);
    } else {
        app.say(format!("opened {}", state.article.file_name()));
    }
    app.art = state;
    app.screen = Screen::Annotate;
    app.mode = Mode::Normal;
    app.pending = None;
    let size = app.size;
    crate::tui::update::update(app, Action::Resize(size.0, size.1));
}
