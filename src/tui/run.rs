//! The shell: draw, wait for an event, map it to an action, update, perform effects. The only
//! code that touches the terminal; saving goes through [`persist`](crate::tui::persist).
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
/// # Errors
/// Terminal I/O errors.
pub fn run(terminal: &mut DefaultTerminal, app: &mut App, theme: &Theme) -> std::io::Result<()> {
    let size = terminal.size()?;
    update::update(app, Action::Resize(size.width, size.height));
    while !app.should_quit {
        terminal.draw(|f| view::render(app, theme, f))?;
        if !event::poll(RETRY)? {
            if matches!(app.art.save, SaveState::Failed(_)) {
                perform(app, Effect::Save);
            }
            continue;
        }
        // Drain what is queued so a burst of keys costs one frame.
        loop {
            let ev = event::read()?;
            if let Some(action) = input::action(app, &ev) {
                for effect in update::update(app, action) {
                    perform(app, effect);
                }
            }
            if app.should_quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(())
}

fn perform(app: &mut App, effect: Effect) {
    match effect {
        Effect::Save => {
            let result = persist::save(&mut app.art);
            update::update(app, Action::SaveFinished(result));
        }
        Effect::Quit => app.should_quit = true,
    }
}
