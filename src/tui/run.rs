//! The shell: draw, wait for an event, map it to an action, update, perform effects. The only
//! code that touches the terminal; saving goes through [`persist`].
//! A failed save is retried every [`RETRY`] while edits are only in memory.

use std::time::Duration;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event;

use crate::config::Theme;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::effect::Effect;
use crate::tui::{input, persist, update, view};

/// How often a failed save is retried.
pub const RETRY: Duration = Duration::from_secs(2);

/// Run the app until it quits.
///
/// Saves requested by a key are performed right after the frame that shows the key's effect
/// (so an fsync never delays what the user sees), and always before the program exits; if
/// that last save fails, the program stays open with the error shown.
///
/// # Errors
/// Terminal I/O errors.
pub fn run(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> std::io::Result<()> {
    let size = terminal.size()?;
    update::update(app, Action::Resize(size.width, size.height));
    let mut save_due = false;
    loop {
        if app.should_quit {
            if !save_due {
                break;
            }
            save(app);
            save_due = false;
            if matches!(app.art.save, SaveState::Failed(_) | SaveState::Conflict(_)) {
                app.should_quit = false;
            }
            continue;
        }
        terminal.draw(|f| view::render(app, theme, f))?;
        if save_due {
            save_due = false;
            save(app);
            continue;
        }
        if !event::poll(RETRY)? {
            save_due = matches!(app.art.save, SaveState::Failed(_));
            continue;
        }
        // Handle everything queued so a burst of keys costs one frame.
        loop {
            let ev = event::read()?;
            if let Some(action) = input::action(app, &ev) {
                for effect in update::update(app, action) {
                    match effect {
                        // Saved after the next frame, so an fsync never delays the screen.
                        Effect::Save => save_due = true,
                        other => perform(app, other),
                    }
                }
            }
            if app.should_quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

/// Perform one effect now. The loop defers saves to after the next frame; everything else,
/// and every effect in tests that drive the app without a terminal, goes through here.
pub fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Save => save(app),
        Effect::Quit => app.should_quit = true,
        Effect::SaveConflictCopy => {
            let result = persist::save_conflict_copy(&mut app.art);
            let note = conflict_copy_note(app, result);
            update::update(app, Action::Report(note));
        }
        Effect::Reload => {
            let result = persist::reload(&mut app.art, &app.annotator, &app.schema);
            update::update(app, Action::Report(result));
        }
        other => crate::tui::review::shell::perform(app, &other),
    }
}

fn save(app: &mut App) {
    let action = match persist::save_checked(&mut app.art) {
        Ok(()) => Action::SaveFinished(Ok(())),
        Err(persist::SaveError::Conflict(m)) => Action::SaveConflict(m),
        Err(persist::SaveError::Failed(m)) => Action::SaveFinished(Err(m)),
    };
    update::update(app, action);
}

fn conflict_copy_note(
    app: &App,
    result: Result<std::path::PathBuf, String>,
) -> Result<String, String> {
    let reload = app
        .keymap
        .keys_for(crate::config::KeyMode::Normal, &Action::ReloadSidecar)
        .first()
        .map_or_else(|| "reload_sidecar".to_owned(), ToString::to_string);
    result.map(|p| {
        format!(
            "your version is in {}; merge it by hand, then {reload} reloads the sidecar",
            p.display()
        )
    })
}
