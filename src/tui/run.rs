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
use crate::tui::outcome::Outcome;
use crate::tui::{corpus, input, persist, update, view};

/// How often a failed save is retried.
pub const RETRY: Duration = Duration::from_secs(2);

/// How often the corpus list takes in new summaries while they are computed.
pub const TICK: Duration = Duration::from_millis(50);

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
        corpus::shell::tick(app);
        crate::tui::assist::shell::tick(app);
        terminal.draw(|f| view::render(app, theme, f))?;
        if save_due {
            save_due = false;
            save(app);
            continue;
        }
        // While corpus summaries arrive, wake up often enough to show them.
        let wait = if corpus::shell::loading(app) || app.art.assist.is_loading() {
            TICK
        } else {
            RETRY
        };
        if !event::poll(wait)? {
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
                        Effect::Suspend => suspend(terminal)?,
                        // Opening another article saves this one first, in `perform`.
                        Effect::OpenEntry(entry) => {
                            save_due = false;
                            perform(app, Effect::OpenEntry(entry));
                        }
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
            let result = persist::save_conflict_copy(&app.art);
            let note = conflict_copy_note(app, result);
            update::update(app, Action::Report(note));
        }
        Effect::Reload => {
            let result = persist::reread(&app.art, &app.annotator, &app.schema);
            update::outcome::apply(app, Outcome::Reloaded(result));
        }
        Effect::OpenEntry(entry) => {
            // Save the article being left first; if that fails it stays open.
            if matches!(app.art.save, SaveState::Pending | SaveState::Failed(_)) {
                save(app);
            }
            corpus::shell::open_entry(app, entry);
        }
        other => crate::tui::review::shell::perform(app, &other),
    }
}

/// Give the terminal back to the shell and stop as `ctrl-z` does elsewhere; when `fg`
/// resumes the program, take the terminal over again and redraw everything.
fn suspend(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
    use ratatui::crossterm::execute;
    use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    #[cfg(unix)]
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    // Resumed (`fg`): the same screen setup as at start.
    enable_raw_mode()?;
    execute!(std::io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()
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
