//! Key names for messages and hints, looked up in the keymap, so that a remapped key is
//! shown as the user bound it instead of the default spelled into a string.

use crate::config::KeyMode;
use crate::tui::action::Action;
use crate::tui::app::App;

/// The shortest key bound to `action` in `mode`, or `(unbound)`.
#[must_use]
pub fn key_in(app: &App, mode: KeyMode, action: &Action) -> String {
    app.keymap
        .keys_for(mode, action)
        .first()
        .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
}

/// The shortest key bound to `action` in normal mode (the annotation screen).
#[must_use]
pub fn key(app: &App, action: &Action) -> String {
    key_in(app, KeyMode::Normal, action)
}

/// The keys of two actions as `a/b` (e.g. `j/k`), in `mode`.
#[must_use]
pub fn pair_in(app: &App, mode: KeyMode, a: &Action, b: &Action) -> String {
    format!("{}/{}", key_in(app, mode, a), key_in(app, mode, b))
}

/// The keys that resolve a save conflict, from the keymap (for messages and the banner).
#[must_use]
pub fn conflict_hint(app: &App) -> String {
    let key = |a: &Action| key(app, a);
    format!(
        "{} writes your version to a side file, {} reloads the file from disk (u then brings your edits back)",
        key(&Action::SaveConflictCopy),
        key(&Action::ReloadSidecar)
    )
}
