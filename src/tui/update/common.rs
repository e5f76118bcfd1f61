//! What every screen does alike: scrolling and closing the help, quitting (which asks twice
//! while edits are not saved), and saying why a key found no record.

use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::effect::Effect;
use crate::tui::keyname;
use crate::tui::mode::Mode;

/// Scroll or close the help.
pub(crate) fn help(app: &mut App, action: &Action) {
    if let Mode::Help(scroll) = &mut app.mode {
        match action {
            Action::ListDown => *scroll = scroll.saturating_add(1),
            Action::ListUp => *scroll = scroll.saturating_sub(1),
            Action::Help | Action::Cancel | Action::Quit => app.mode = Mode::Normal,
            _ => {}
        }
    }
}

/// Quit. A pending save is still performed by the shell before it exits; only edits whose
/// save failed make quitting ask twice.
pub(crate) fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    if app.review.is_some() {
        // Editing a gold record: quitting goes back to the review screen.
        fx.push(Effect::ResumeReview);
        return;
    }
    if let SaveState::Failed(why) | SaveState::Conflict(why) = &app.art.save
        && !app.quit_armed
    {
        let why = why.clone();
        let hint = if matches!(app.art.save, SaveState::Conflict(_)) {
            format!(" or: {}", keyname::conflict_hint(app))
        } else {
            String::new()
        };
        app.quit_armed = true;
        let quit = keyname::key(app, &Action::Quit);
        app.warn(format!(
            "edits are NOT saved ({why}); press {quit} again to quit and lose them{hint}"
        ));
        return;
    }
    app.should_quit = true;
    fx.push(Effect::Quit);
}

/// Say why `doing` (e.g. "nothing to delete") found no record, and what to press.
pub(crate) fn warn_no_record(app: &mut App, doing: &str) {
    let select = keyname::key(app, &Action::StartSelection);
    let next = keyname::key(app, &Action::NextRecord);
    if app.art.spans_of(app.art.para).is_empty() {
        app.warn(format!(
            "{doing}: ¶{} has no records yet ({select} selects text to mark one)",
            app.art.para + 1
        ));
    } else {
        app.warn(format!(
            "{doing}: no record selected ({next} moves between records)"
        ));
    }
}
