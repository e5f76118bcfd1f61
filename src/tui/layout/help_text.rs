//! The content of the help screen, generated from the keymap, [`Action::describe`] and the
//! schema: plain lines that the help view styles and that `update` counts and searches
//! (scrolling, opening the help at a screen's own keys).
//!
//! [`Action::describe`]: crate::tui::action::Action::describe

use crate::config::KeyMode;
use crate::tui::app::App;

/// One line of the help screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// `── normal ──`: the start of a keymap section.
    Heading(String),
    /// Keys and what they do.
    Binding {
        /// The keys, space-separated.
        keys: String,
        /// What the keys do.
        what: String,
    },
    /// A remark (keys that come from the schema, the mouse).
    Note(String),
}

impl HelpLine {
    /// The line as text, without styles.
    #[must_use]
    pub fn text(&self) -> String {
        match self {
            Self::Heading(name) => format!("── {name} ──"),
            Self::Binding { keys, what } => format!("  {keys:<18}{what}"),
            Self::Note(text) => text.clone(),
        }
    }
}

/// Every help line, section by section.
#[must_use]
pub fn help_lines(app: &App) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for mode in KeyMode::ALL {
        out.push(HelpLine::Heading(mode.name().to_owned()));
        for (action, keys) in app.keymap.bindings(mode) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(HelpLine::Binding {
                keys: keys.join(" "),
                what: action.describe().to_string(),
            });
        }
        let note = |text: &str| HelpLine::Note(text.to_owned());
        match mode {
            KeyMode::Select => {
                for kind in app.schema.spans.iter().filter(|k| k.enabled) {
                    out.push(HelpLine::Binding {
                        keys: kind.key.to_string(),
                        what: format!("mark as {}", kind.name),
                    });
                }
            }
            KeyMode::Picker => out.push(note(
                "  1-9 0 / value keys  choose a menu line / a value (keys from the schema)",
            )),
            KeyMode::Input => out.push(note("  other keys          typed")),
            KeyMode::Review => {
                out.push(note(
                    "  3-9                 take the n-th annotator's version (three or more annotators)",
                ));
                out.push(note(
                    "  mouse               click a span or a queue row to select its item; the wheel scrolls the article (the queue under the pointer)",
                ));
            }
            KeyMode::Normal => out.push(note(
                "  mouse               click a word to put the caret there, a record to select it; the wheel scrolls",
            )),
            _ => {}
        }
    }
    out
}

/// The line where the help section of `mode` starts.
#[must_use]
pub fn section_start(app: &App, mode: KeyMode) -> usize {
    help_lines(app)
        .iter()
        .position(|l| *l == HelpLine::Heading(mode.name().to_owned()))
        .unwrap_or(0)
}
