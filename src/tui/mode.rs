//! Input modes of the annotation screen and the small editors and pickers they own.
//! A mode decides which keymap section resolves keys ([`Mode::key_mode`]).

use crate::config::KeyMode;

/// A text editor (search, filter, notes, text attributes). The cursor moves and deletes by
/// grapheme cluster, so an emoji with ZWJ or a letter with combining marks is one step; long
/// text wraps in the note popup, where up/down move by a wrapped line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    /// The text.
    pub text: String,
    /// Cursor, in characters (always on a grapheme boundary).
    pub cursor: usize,
}

impl LineEdit {
    /// An editor holding `text` with the cursor at its end.
    #[must_use]
    pub fn with(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            cursor: text.chars().count(),
        }
    }

    fn byte(&self, cursor: usize) -> usize {
        self.text
            .char_indices()
            .nth(cursor)
            .map_or(self.text.len(), |(b, _)| b)
    }

    /// Character offsets of every grapheme boundary (0 and the end included).
    fn boundaries(&self) -> Vec<usize> {
        let mut out = vec![0];
        let mut n = 0;
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(self.text.as_str(), true) {
            n += g.chars().count();
            out.push(n);
        }
        out
    }

    /// Insert a character at the cursor (control characters are refused).
    pub fn insert(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        let b = self.byte(self.cursor);
        self.text.insert(b, c);
        self.cursor += 1;
        // A combining mark joins the grapheme before it: keep the cursor after the cluster.
        self.cursor = self.snap(self.cursor, true);
    }

    /// The nearest grapheme boundary at or after (or before) `cursor`.
    fn snap(&self, cursor: usize, after: bool) -> usize {
        let b = self.boundaries();
        if after {
            b.iter().copied().find(|&x| x >= cursor).unwrap_or(cursor)
        } else {
            b.iter().rev().copied().find(|&x| x <= cursor).unwrap_or(0)
        }
    }

    /// Insert a line break at the cursor (notes only; other fields are one line).
    pub fn insert_newline(&mut self) {
        let b = self.byte(self.cursor);
        self.text.insert(b, '\n');
        self.cursor += 1;
    }

    /// Delete the grapheme before the cursor.
    pub fn backspace(&mut self) {
        if self.cursor == 0 {
            return;
        }
        let from = self.snap(self.cursor - 1, false);
        let (a, b) = (self.byte(from), self.byte(self.cursor));
        self.text.replace_range(a..b, "");
        self.cursor = from;
    }

    /// Delete the grapheme after the cursor.
    pub fn delete_forward(&mut self) {
        let len = self.text.chars().count();
        if self.cursor >= len {
            return;
        }
        let to = self.snap(self.cursor + 1, true);
        let (a, b) = (self.byte(self.cursor), self.byte(to));
        self.text.replace_range(a..b, "");
    }

    /// Move the cursor by one grapheme.
    pub fn move_by(&mut self, right: bool) {
        let len = self.text.chars().count();
        self.cursor = if right {
            self.snap((self.cursor + 1).min(len), true)
        } else {
            self.snap(self.cursor.saturating_sub(1), false)
        };
    }

    /// Move the cursor to the start or the end.
    pub fn home_end(&mut self, end: bool) {
        self.cursor = if end { self.text.chars().count() } else { 0 };
    }
}

/// Which value of a record a menu line or picker edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// A schema attribute.
    Attr(String),
    /// Annotator confidence.
    Confidence,
    /// Free-text note.
    Note,
    /// Canonical name of an entity.
    Name,
}

/// One editable value of the selected record (a line in the attribute menu).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuItem {
    /// Id of the record that owns the value (span, entity or attribution).
    pub owner: String,
    /// The value.
    pub field: Field,
}

/// The attribute menu of one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// The record the menu was opened on.
    pub record: String,
    /// Editable values.
    pub items: Vec<MenuItem>,
    /// Highlighted line.
    pub cursor: usize,
    /// An entity whose attributes are offered too, after the record's own (the speaker
    /// entity just created by `a`, so its values are set in the same menu).
    pub entity: Option<String>,
    /// No value was set in this menu yet (the first one starts what `.` repeats).
    pub fresh: bool,
}

/// A single-key value picker for one categorical value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValuePicker {
    /// What is edited.
    pub item: MenuItem,
    /// Choices: (key, value name, definition).
    pub choices: Vec<(char, String, String)>,
    /// Highlighted choice.
    pub cursor: usize,
    /// The menu to return to after picking.
    pub back: Option<Menu>,
}

/// What a filter list is choosing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListPurpose {
    /// The source mention of a claim.
    Source {
        /// The claim.
        claim: String,
    },
    /// The cue of a claim attributed to `sources`.
    Cue {
        /// The claim.
        claim: String,
        /// Its source mentions.
        sources: Vec<String>,
    },
    /// The entity a mention refers to; `then` continues an attribution.
    Entity {
        /// The mention.
        mention: String,
        /// Claim whose attribution continues with the cue after linking.
        then_claim: Option<String>,
    },
}

/// What choosing a list item does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListChoice {
    /// An existing record.
    Record(String),
    /// Select new text to create the record.
    NewFromSelection,
    /// Create a new entity named by the filter text (or the mention).
    NewEntity,
    /// No record (no cue, or writer's voice).
    Nothing,
}

/// A type-to-filter list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPicker {
    /// What is chosen.
    pub purpose: ListPurpose,
    /// The filter text.
    pub filter: LineEdit,
    /// Every item: (choice, label).
    pub items: Vec<(ListChoice, String)>,
    /// Highlighted line among the visible (filtered) items.
    pub cursor: usize,
}

impl ListPicker {
    /// Items matching the filter (case-insensitive substring); special items always show.
    #[must_use]
    pub fn visible(&self) -> Vec<&(ListChoice, String)> {
        let needle = self.filter.text.to_lowercase();
        self.items
            .iter()
            .filter(|(choice, label)| {
                !matches!(choice, ListChoice::Record(_)) || label.to_lowercase().contains(&needle)
            })
            .collect()
    }
}

/// A text editor for a note or a text attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPrompt {
    /// What is edited.
    pub item: MenuItem,
    /// The editor.
    pub edit: LineEdit,
    /// The menu to return to.
    pub back: Option<Menu>,
}

/// The input mode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    /// Reading, moving, choosing records.
    #[default]
    Normal,
    /// Adjusting a text selection (held in the article state).
    Select,
    /// Typing a search.
    Search(LineEdit),
    /// The attribute menu of a record.
    Menu(Menu),
    /// Picking one value with a single key.
    Values(ValuePicker),
    /// Choosing from a filter list.
    List(ListPicker),
    /// Editing text.
    Text(TextPrompt),
    /// The key help, scrolled by this many lines.
    Help(u16),
    /// The list of orphaned spans (highlighted line).
    Orphans(usize),
    /// The list of speaker entities (highlighted line).
    Entities(usize),
}

impl Mode {
    /// The keymap section that resolves keys in this mode.
    #[must_use]
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Self::Normal => KeyMode::Normal,
            Self::Select => KeyMode::Select,
            Self::Menu(_) | Self::Values(_) | Self::Orphans(_) | Self::Entities(_) => {
                KeyMode::Picker
            }
            Self::Search(_) | Self::List(_) | Self::Text(_) => KeyMode::Input,
            Self::Help(_) => KeyMode::Help,
        }
    }

    /// Short name for the status bar.
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Self::Normal => "NORMAL",
            Self::Select => "SELECT",
            Self::Search(_) => "SEARCH",
            Self::Menu(_) => "ATTRS",
            Self::Values(_) => "PICK",
            Self::List(_) => "CHOOSE",
            Self::Text(_) => "TEXT",
            Self::Help(_) => "HELP",
            Self::Orphans(_) => "ORPHANS",
            Self::Entities(_) => "ENTITIES",
        }
    }
}
