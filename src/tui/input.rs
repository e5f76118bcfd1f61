//! Turning crossterm events into key chords and actions (the shell's only translation step).

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};

use crate::config::{Key, KeyChord};
use crate::tui::action::Action;
use crate::tui::app::App;

/// The chord of a key press, if it is a key we know.
#[must_use]
pub fn chord(key: &KeyEvent) -> Option<KeyChord> {
    let k = match key.code {
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F(n) => Key::F(n),
        _ => return None,
    };
    Some(KeyChord {
        key: k,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The action an event means for the app now.
#[must_use]
pub fn action(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.is_press() || key.is_repeat() => app.resolve(chord(key)?),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(MouseEvent {
            kind, column, row, ..
        }) => match kind {
            MouseEventKind::Down(_) => Some(Action::Click(*column, *row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(3, *column, *row)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(-3, *column, *row)),
            _ => None,
        },
        _ => None,
    }
}
