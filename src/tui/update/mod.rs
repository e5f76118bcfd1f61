//! The pure state update: `update(&mut App, Action) -> Vec<Effect>`. No terminal, no disk,
//! no clock: the outer loop performs the returned effects and reports back with
//! [`Action::SaveFinished`]. Split by concern: [`nav`] (moving, scrolling, search, mouse),
//! [`select`] (text selection), [`records`] (creating and editing annotations), [`pickers`]
//! (menus, value pickers, lists, text prompts).

pub mod caret;
pub mod common;
pub mod manage;
pub mod menu;
pub mod nav;
pub mod outcome;
pub mod phrase;
pub mod pickers;

mod press;
pub mod quick;

use crate::tui::keyname::conflict_hint;
pub(crate) use common::{help, quit};
pub mod records;
pub mod select;
pub mod suggestions;

use crate::model::annotation::EditError;
use crate::model::{AnnotationDoc, Article, Schema};
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::effect::Effect;
use crate::tui::mode::{LineEdit, Mode};

/// Apply one action to the app; returns what the shell must do.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    match action {
        Action::Resize(w, h) => {
            app.size = (w, h);
            nav::settle(app);
            return fx;
        }
        Action::SaveFinished(result) => {
            save_finished(app, result);
            return fx;
        }
        Action::SaveConflict(message) => {
            save_conflict(app, message);
            return fx;
        }
        Action::Suspend => {
            fx.push(Effect::Suspend);
            return fx;
        }
        Action::Report(result) => {
            match result {
                Ok(text) => app.say(text),
                Err(text) => app.warn(text),
            }
            return fx;
        }
        _ if app.screen == crate::tui::app::Screen::Corpus => {
            return crate::tui::corpus::update::update(app, action);
        }
        _ if app.screen == crate::tui::app::Screen::Review => {
            return crate::tui::review::update::update(app, action);
        }
        Action::Click(col, row) => {
            nav::click(app, col, row);
            return fx;
        }
        Action::Wheel(n, ..) => {
            nav::scroll(app, isize::from(n));
            return fx;
        }
        _ => {}
    }
    if action != Action::Quit {
        app.quit_armed = false;
    }
    if action != Action::Delete {
        app.delete_armed = None;
    }
    // The "terminal too small" notice hides the article: keys that would change it (or open
    // what cannot be shown) do nothing until the terminal grows; moving and quitting work.
    if app.screen == crate::tui::app::Screen::Annotate
        && crate::tui::layout::geometry::is_too_small(app.size)
        && !allowed_when_too_small(&action)
    {
        app.warn("terminal too small: make it larger to edit");
        return fx;
    }
    match app.mode.key_mode() {
        crate::config::KeyMode::Normal | crate::config::KeyMode::Review => {
            normal(app, action, &mut fx);
        }
        crate::config::KeyMode::Select => select::handle(app, action, &mut fx),
        crate::config::KeyMode::Picker | crate::config::KeyMode::Input => {
            if matches!(app.mode, Mode::Orphans(_) | Mode::Entities(_)) {
                manage::handle(app, action, &mut fx);
            } else {
                pickers::handle(app, action, &mut fx);
            }
        }
        crate::config::KeyMode::Help => help(app, &action),
        crate::config::KeyMode::Corpus => {}
    }
    fx
}

/// Keys that still work while the "terminal too small" notice is shown: quitting, help,
/// cancelling, and moving around (nothing is changed blind).
fn allowed_when_too_small(action: &Action) -> bool {
    matches!(
        action,
        Action::Quit
            | Action::Cancel
            | Action::Help
            | Action::NextParagraph
            | Action::PrevParagraph
            | Action::PageDown
            | Action::PageUp
            | Action::ScrollDown
            | Action::ScrollUp
            | Action::Top
            | Action::Bottom
    )
}

fn normal(app: &mut App, action: Action, fx: &mut Vec<Effect>) {
    if caret::handle(app, &action) {
        return;
    }
    match action {
        Action::NextParagraph => nav::move_para(app, 1),
        Action::PrevParagraph => nav::move_para(app, -1),
        Action::PageDown => nav::page(app, true),
        Action::PageUp => nav::page(app, false),
        Action::ScrollDown => nav::scroll(app, 1),
        Action::ScrollUp => nav::scroll(app, -1),
        Action::Top => nav::top(app),
        Action::Bottom => nav::bottom(app),
        Action::NextTodo => nav::next_todo(app),
        Action::ToggleDone => records::toggle_done(app, fx),
        Action::Search => app.mode = Mode::Search(LineEdit::default()),
        Action::SearchNext => nav::search(app, true),
        Action::SearchPrev => nav::search(app, false),
        Action::StartSelection => select::start(app),
        Action::NextRecord => records::cycle(app, 1),
        Action::PrevRecord => records::cycle(app, -1),
        Action::Attribute => records::attribute(app, fx),
        Action::LinkEntity => records::link_entity(app),
        Action::EditAttributes => menu::open_menu(app),
        Action::SetConfidence => pickers::open_confidence(app),
        Action::EditNote => pickers::open_note(app),
        Action::RepeatChanges => quick::repeat(app, fx),
        Action::NextSuggestion => suggestions::step(app, true),
        Action::PrevSuggestion => suggestions::step(app, false),
        Action::AcceptSuggestion => suggestions::accept_one(app, fx, false),
        Action::EditSuggestion => suggestions::accept_one(app, fx, true),
        Action::RejectSuggestion => suggestions::reject(app, fx),
        Action::AcceptParagraphSuggestions => suggestions::accept_paragraph(app, fx),
        Action::ProposeClaim => quick::propose_claim(app),
        Action::Delete => records::delete(app, fx),
        Action::Undo => records::undo(app, fx, true),
        Action::Redo => records::undo(app, fx, false),
        Action::Help => app.mode = Mode::Help(0),
        Action::Review if app.review.is_some() => fx.push(Effect::ResumeReview),
        // Both screens would write the same file; the review owns gold while it is open.
        Action::Review if app.annotator == crate::store::GOLD => app.warn(
            "this is the gold sidecar: open the review from an annotator's sidecar, or run `marginalia review`",
        ),
        Action::Review => fx.push(Effect::OpenReview),
        Action::Quit => quit(app, fx),
        Action::NextArticle => crate::tui::corpus::update::step(app, 1, fx),
        Action::PrevArticle => crate::tui::corpus::update::step(app, -1, fx),
        Action::BackToList => crate::tui::corpus::update::back_to_list(app),
        Action::Cancel => match app.pending.take() {
            Some(crate::tui::app::Pending::Reattach(id)) => {
                let list = crate::tui::keyname::key(app, &Action::Orphans);
                app.say(format!("{id} stays orphaned ({list} lists orphans)"));
            }
            Some(_) => app.say("cancelled"),
            None => app.message = None,
        },
        Action::ConfirmAnchor => manage::confirm_anchor(app, fx),
        Action::Orphans => manage::open_orphans(app),
        Action::Entities => manage::open_entities(app),
        Action::SaveConflictCopy | Action::ReloadSidecar => conflict_action(app, &action, fx),
        _ => {}
    }
}

/// The two ways out of a save conflict; only offered while there is one.
fn conflict_action(app: &mut App, action: &Action, fx: &mut Vec<Effect>) {
    if !matches!(app.art.save, SaveState::Conflict(_)) {
        app.say("no save conflict: the sidecar on disk is the one you are editing");
        return;
    }
    fx.push(if *action == Action::ReloadSidecar {
        Effect::Reload
    } else {
        Effect::SaveConflictCopy
    });
}

fn save_conflict(app: &mut App, message: String) {
    if app.art.is_read_only() {
        return;
    }
    app.warn(format!(
        "NOT SAVED: {message}; edits kept in memory. {}",
        conflict_hint(app)
    ));
    app.art.save = SaveState::Conflict(message);
}

fn save_finished(app: &mut App, result: Result<(), String>) {
    if app.art.is_read_only() {
        return;
    }
    match result {
        Ok(()) => {
            if matches!(app.art.save, SaveState::Failed(_) | SaveState::Conflict(_)) {
                app.say("saved (the earlier failure is resolved)");
            }
            app.art.save = SaveState::Saved;
        }
        Err(e) => {
            app.warn(format!("SAVE FAILED: {e} (edits kept in memory, retrying)"));
            app.art.save = SaveState::Failed(e);
        }
    }
}

/// Ask the shell to save, unless the article is read-only.
fn request_save(app: &mut App, fx: &mut Vec<Effect>) {
    if app.art.is_read_only() {
        return;
    }
    if !matches!(app.art.save, SaveState::Failed(_) | SaveState::Conflict(_)) {
        app.art.save = SaveState::Pending;
    }
    fx.push(Effect::Save);
}

/// Change the document as one undoable step labelled `label`, then save. On error the
/// document is left as it was and the error is shown.
pub(crate) fn edit<T>(
    app: &mut App,
    fx: &mut Vec<Effect>,
    label: &str,
    f: impl FnOnce(&mut AnnotationDoc, &Schema, &Article) -> Result<T, EditError>,
) -> Option<T> {
    if let SaveState::ReadOnly(e) = &app.art.save {
        let e = e.clone();
        app.warn(format!("read-only, nothing changed: {e}"));
        return None;
    }
    let before = app.art.doc.clone();
    match f(&mut app.art.doc, &app.schema, &app.art.article) {
        Ok(value) => {
            app.art
                .history
                .record(before, label.to_owned(), app.art.para);
            app.say(label);
            request_save(app, fx);
            Some(value)
        }
        Err(e) => {
            app.art.doc = before;
            app.warn(e.to_string());
            None
        }
    }
}
