//! Keys of the corpus list, and the annotation screen's way back to it: pure state changes.
//! Opening an article is an [`Effect::OpenEntry`] the shell performs (it saves the current
//! article first, then loads the new one through [`super::shell::open_entry`]).

use crate::config::KeyMode;
use crate::corpus::summarize_doc;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState, Screen};
use crate::tui::corpus::state::{CorpusState, SortKey, StatusFilter};
use crate::tui::effect::Effect;
use crate::tui::layout::corpus::{list_rows, list_top_row};
use crate::tui::mode::{LineEdit, Mode};

/// Apply one action on the corpus screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if action != Action::Quit {
        app.quit_armed = false;
    }
    let rows = list_rows(app.size);
    match &mut app.mode {
        Mode::Help(_) => crate::tui::update::common::help(app, &action),
        Mode::Search(edit) => {
            let edit = edit.clone();
            filter_key(app, edit, action, rows);
        }
        _ => list_key(app, action, rows, &mut fx),
    }
    fx
}

fn list_key(app: &mut App, action: Action, rows: usize, fx: &mut Vec<Effect>) {
    let Some(c) = app.corpus.as_deref_mut() else {
        return;
    };
    let page = isize::try_from(rows.saturating_sub(1).max(1)).unwrap_or(1);
    match action {
        Action::ListDown => c.move_by(1, rows),
        Action::ListUp => c.move_by(-1, rows),
        Action::PageDown => c.move_by(page, rows),
        Action::PageUp => c.move_by(-page, rows),
        Action::FirstArticle => c.move_by(isize::MIN, rows),
        Action::LastArticle => c.move_by(isize::MAX, rows),
        Action::Wheel(n, ..) => c.move_by(isize::from(n), rows),
        Action::Click(_, row) => {
            let first = list_top_row(app.size);
            let Some(line) = usize::from(row).checked_sub(usize::from(first)) else {
                return;
            };
            if line >= rows || c.top + line >= c.view().len() {
                return;
            }
            if c.cursor == c.top + line {
                open_selected(app, fx);
            } else {
                c.cursor = c.top + line;
            }
        }
        Action::OpenArticle => open_selected(app, fx),
        Action::FilterPath => app.mode = Mode::Search(LineEdit::with(&c.filter)),
        Action::CycleStatusFilter => {
            c.status_filter = c.status_filter.next();
            c.refresh(rows);
        }
        Action::ClearFilter => {
            c.filter.clear();
            c.status_filter = StatusFilter::All;
            c.refresh(rows);
        }
        Action::SortName => c.sort_by(SortKey::Name, rows),
        Action::SortStatus => c.sort_by(SortKey::Status, rows),
        Action::SortProgress => c.sort_by(SortKey::Progress, rows),
        Action::SortClaims => c.sort_by(SortKey::Claims, rows),
        Action::SortModified => c.sort_by(SortKey::Modified, rows),
        Action::Help => {
            // Open the help at the list's own keys.
            let at = crate::tui::layout::help_text::section_start(app, KeyMode::Corpus);
            app.mode = Mode::Help(u16::try_from(at).unwrap_or(0));
        }
        Action::Quit => crate::tui::update::common::quit(app, fx),
        _ => {}
    }
}

/// Typing the path filter: the list follows each key; enter keeps it, esc restores the one
/// from before; up and down move the cursor meanwhile.
fn filter_key(app: &mut App, mut edit: LineEdit, action: Action, rows: usize) {
    let Some(c) = app.corpus.as_deref_mut() else {
        app.mode = Mode::Normal;
        return;
    };
    match action {
        Action::InsertChar(ch) => edit.insert(ch),
        Action::Backspace => edit.backspace(),
        Action::CursorLeft => edit.move_by(false),
        Action::CursorRight => edit.move_by(true),
        Action::ListDown => c.move_by(1, rows),
        Action::ListUp => c.move_by(-1, rows),
        Action::Confirm => {
            c.filter_before = None;
            app.mode = Mode::Normal;
            return;
        }
        Action::Cancel => {
            app.mode = Mode::Normal;
            if let Some(before) = c.filter_before.take() {
                c.filter = before;
                c.refresh(rows);
            }
            return;
        }
        _ => {}
    }
    if edit.text != c.filter {
        if c.filter_before.is_none() {
            c.filter_before = Some(c.filter.clone());
        }
        c.filter.clone_from(&edit.text);
        c.refresh(rows);
    }
    app.mode = Mode::Search(edit);
}

fn open_selected(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(entry) = app.corpus.as_deref().and_then(CorpusState::selected) else {
        app.warn("no article to open (the filter hides them all)");
        return;
    };
    if app.corpus.as_deref().and_then(|c| c.open) == Some(entry) {
        // Still loaded: go back to it as it was left (position, undo history).
        app.screen = Screen::Annotate;
        app.mode = Mode::Normal;
        return;
    }
    fx.push(Effect::OpenEntry(entry));
}

/// Record the open article's progress in its row (from the document in memory, which is what
/// the pending save writes).
fn note_progress(app: &mut App) {
    if app.art.is_read_only() {
        // The document in memory is not the sidecar's: keep what the loader found.
        return;
    }
    let claim_kind = app.schema.relation.from.clone();
    let Some(c) = app.corpus.as_deref_mut() else {
        return;
    };
    if let Some(entry) = c.open {
        c.set_edited(entry, &summarize_doc(&app.art.doc, &claim_kind));
    }
}

/// From the annotation screen: open the next (`delta` 1) or previous (-1) article of the list.
pub fn step(app: &mut App, delta: isize, fx: &mut Vec<Effect>) {
    if editing_gold(app) {
        return;
    }
    let rows = list_rows(app.size);
    let Some(c) = app.corpus.as_deref_mut() else {
        app.warn("a single article is open: run `marginalia DIR` to go through a corpus");
        return;
    };
    if let Some(open) = c.open {
        c.select_entry(open, rows);
    }
    let target = c.cursor.checked_add_signed(delta);
    let Some(entry) = target.and_then(|t| c.view().get(t).copied()) else {
        let end = if delta > 0 { "last" } else { "first" };
        app.say(format!("this is the {end} article of the list"));
        return;
    };
    note_progress(app);
    fx.push(Effect::OpenEntry(entry));
}

/// From the annotation screen: back to the list, whose row shows the article's new progress.
pub fn back_to_list(app: &mut App) {
    if editing_gold(app) {
        return;
    }
    if app.corpus.is_none() {
        app.warn("a single article is open: run `marginalia DIR` to go through a corpus");
        return;
    }
    note_progress(app);
    let rows = list_rows(app.size);
    if let Some(c) = app.corpus.as_deref_mut()
        && let Some(open) = c.open
    {
        c.select_entry(open, rows);
    }
    app.screen = Screen::Corpus;
    app.mode = Mode::Normal;
    app.pending = None;
    if !matches!(app.art.save, SaveState::Failed(_) | SaveState::Conflict(_)) {
        app.message = None;
    }
}

/// While a review is open (editing a gold record), the article on screen is the gold
/// document: leaving it for the list goes through the review first.
fn editing_gold(app: &mut App) -> bool {
    if app.review.is_none() {
        return false;
    }
    let back = crate::tui::keyname::key(app, &crate::tui::action::Action::Quit);
    let close = crate::tui::keyname::key_in(
        app,
        crate::config::KeyMode::Review,
        &crate::tui::action::Action::Quit,
    );
    app.warn(format!(
        "a review is open: finish it first ({back} goes back to the review, {close} there closes it)"
    ));
    true
}
