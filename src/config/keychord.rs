//! Key chords as written in keymap files and shown in help: `j`, `J`, `ctrl-r`, `alt-x`,
//! `space`, `enter`, `esc`, `tab`, `shift-tab`, `pagedown`, `f1`...

use std::fmt;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    /// A character (upper case means shift).
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Function key.
    F(u8),
}

/// A key plus Ctrl/Alt. Shift is part of the character (`J`), or `BackTab`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyChord {
    /// The key.
    pub key: Key,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl KeyChord {
    /// A plain key.
    #[must_use]
    pub const fn plain(key: Key) -> Self {
        Self {
            key,
            ctrl: false,
            alt: false,
        }
    }

    /// A plain character.
    #[must_use]
    pub const fn ch(c: char) -> Self {
        Self::plain(Key::Char(c))
    }

    /// Ctrl + character.
    #[must_use]
    pub const fn ctrl(c: char) -> Self {
        Self {
            key: Key::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parse `ctrl-r`, `J`, `space`, `shift-tab`...
    ///
    /// # Errors
    /// A message naming the bad key.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut chord = Self::plain(Key::Esc);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if lower.starts_with("ctrl-") && rest.len() > 5 {
                chord.ctrl = true;
                rest = &rest[5..];
            } else if lower.starts_with("alt-") && rest.len() > 4 {
                chord.alt = true;
                rest = &rest[4..];
            } else if lower == "shift-tab" {
                chord.key = Key::BackTab;
                return Ok(chord);
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            chord.key = Key::Char(c);
            return Ok(chord);
        }
        chord.key = match rest.to_ascii_lowercase().as_str() {
            "space" => Key::Char(' '),
            "enter" | "return" => Key::Enter,
            "esc" | "escape" => Key::Esc,
            "tab" => Key::Tab,
            "backtab" => Key::BackTab,
            "backspace" => Key::Backspace,
            "delete" | "del" => Key::Delete,
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "home" => Key::Home,
            "end" => Key::End,
            "pageup" => Key::PageUp,
            "pagedown" => Key::PageDown,
            f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n) if (1..=24).contains(&n) => Key::F(n),
                _ => return Err(format!("unknown key `{text}`")),
            },
            _ => return Err(format!("unknown key `{text}`")),
        };
        Ok(chord)
    }
}

impl fmt::Display for KeyChord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("ctrl-")?;
        }
        if self.alt {
            f.write_str("alt-")?;
        }
        match self.key {
            Key::Char(' ') => f.write_str("space"),
            Key::Char(c) => write!(f, "{c}"),
            Key::Enter => f.write_str("enter"),
            Key::Esc => f.write_str("esc"),
            Key::Tab => f.write_str("tab"),
            Key::BackTab => f.write_str("shift-tab"),
            Key::Backspace => f.write_str("backspace"),
            Key::Delete => f.write_str("delete"),
            Key::Up => f.write_str("up"),
            Key::Down => f.write_str("down"),
            Key::Left => f.write_str("left"),
            Key::Right => f.write_str("right"),
            Key::Home => f.write_str("home"),
            Key::End => f.write_str("end"),
            Key::PageUp => f.write_str("pageup"),
            Key::PageDown => f.write_str("pagedown"),
            Key::F(n) => write!(f, "f{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display_round_trip() {
        for text in [
            "j",
            "J",
            "ctrl-r",
            "alt-x",
            "space",
            "enter",
            "esc",
            "shift-tab",
            "pagedown",
            "f5",
            "-",
            "/",
            "?",
        ] {
            let chord = KeyChord::parse(text).expect("valid key");
            assert_eq!(chord.to_string(), text);
        }
        assert_eq!(KeyChord::parse("ctrl-r"), Ok(KeyChord::ctrl('r')));
        assert!(KeyChord::parse("hyper-q").is_err());
        assert!(KeyChord::parse("f99").is_err());
    }
}
