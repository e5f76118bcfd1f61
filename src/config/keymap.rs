//! The keymap: for each input mode, which key chord triggers which [`Action`]. Defaults live
//! in code; a user `keymap.ron` overlays them key by key. A key bound twice in one mode, an
//! unknown key name or an unknown action is a startup error with `path:line:col`.
//!
//! ```ron
//! (
//!     normal: { "ctrl-n": next_paragraph, "x": delete },
//!     select: { "m": sel_grow_word },
//! )
//! ```

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};

use crate::config::error::ConfigError;
use crate::config::keychord::{Key, KeyChord};
use crate::model::Schema;
use crate::tui::action::Action;

/// The input modes that have their own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    /// Reading and moving; records of the paragraph.
    Normal,
    /// A text selection is being adjusted; schema kind keys mark it.
    Select,
    /// A menu or value picker (unbound characters pick values by their key).
    Picker,
    /// Typing: search, filter lists, notes (unbound characters are typed).
    Input,
    /// The help screen.
    Help,
    /// The corpus browser's article list.
    Corpus,
    /// The review screen (comparing annotators, adjudicating into gold).
    Review,
}

impl KeyMode {
    /// Every mode, in help order.
    pub const ALL: [KeyMode; 7] = [
        KeyMode::Normal,
        KeyMode::Select,
        KeyMode::Picker,
        KeyMode::Input,
        KeyMode::Help,
        KeyMode::Corpus,
        KeyMode::Review,
    ];

    /// Name used in keymap files and help.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Normal => "normal",
            Self::Select => "select",
            Self::Picker => "picker",
            Self::Input => "input",
            Self::Help => "help",
            Self::Corpus => "corpus",
            Self::Review => "review",
        }
    }
}

/// Key bindings of every mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    modes: BTreeMap<KeyMode, BTreeMap<KeyChord, Action>>,
}

/// The default bindings, as (mode, key, action) rows. `docs/keys.md` is generated from the same
/// data (a test checks it is up to date).
pub(crate) fn default_rows() -> Vec<(KeyMode, &'static str, Action)> {
    use Action as A;
    use KeyMode::{Corpus, Help, Input, Normal, Picker, Review, Select};
    vec![
        (Normal, "j", A::NextParagraph),
        (Normal, "down", A::NextParagraph),
        (Normal, "k", A::PrevParagraph),
        (Normal, "up", A::PrevParagraph),
        (Normal, "ctrl-d", A::PageDown),
        (Normal, "pagedown", A::PageDown),
        (Normal, "ctrl-u", A::PageUp),
        (Normal, "pageup", A::PageUp),
        (Normal, "ctrl-e", A::ScrollDown),
        (Normal, "ctrl-y", A::ScrollUp),
        (Normal, "g", A::Top),
        (Normal, "home", A::Top),
        (Normal, "G", A::Bottom),
        (Normal, "end", A::Bottom),
        (Normal, "space", A::ToggleDone),
        (Normal, "]", A::NextTodo),
        (Normal, "/", A::Search),
        (Normal, "n", A::SearchNext),
        (Normal, "N", A::SearchPrev),
        (Normal, "v", A::StartSelection),
        (Normal, "l", A::CaretRight),
        (Normal, "right", A::CaretRight),
        (Normal, "h", A::CaretLeft),
        (Normal, "left", A::CaretLeft),
        (Normal, "w", A::CaretNextWord),
        (Normal, "b", A::CaretPrevWord),
        (Normal, "e", A::CaretWordEnd),
        (Normal, "0", A::CaretSentenceStart),
        (Normal, "$", A::CaretSentenceEnd),
        (Normal, "(", A::CaretPrevSentence),
        (Normal, ")", A::CaretNextSentence),
        (Normal, "tab", A::NextRecord),
        (Normal, "J", A::NextRecord),
        (Normal, "shift-tab", A::PrevRecord),
        (Normal, "K", A::PrevRecord),
        (Normal, "a", A::Attribute),
        (Normal, "L", A::LinkEntity),
        (Normal, "enter", A::EditAttributes),
        (Normal, "!", A::SetConfidence),
        (Normal, "i", A::EditNote),
        (Normal, ".", A::RepeatChanges),
        (Normal, "s", A::NextSuggestion),
        (Normal, "S", A::PrevSuggestion),
        (Normal, "A", A::AcceptSuggestion),
        (Normal, "x", A::RejectSuggestion),
        (Normal, "C", A::EditSuggestion),
        (Normal, "P", A::AcceptParagraphSuggestions),
        (Normal, "c", A::ProposeClaim),
        (Normal, "d", A::Delete),
        (Normal, "delete", A::Delete),
        (Normal, "u", A::Undo),
        (Normal, "ctrl-r", A::Redo),
        (Normal, ">", A::NextArticle),
        (Normal, "<", A::PrevArticle),
        (Normal, "-", A::BackToList),
        (Normal, "R", A::Review),
        (Normal, "y", A::ConfirmAnchor),
        (Normal, "o", A::Orphans),
        (Normal, "E", A::Entities),
        (Normal, "W", A::SaveConflictCopy),
        (Normal, "ctrl-l", A::ReloadSidecar),
        (Normal, "?", A::Help),
        (Normal, "esc", A::Cancel),
        (Normal, "q", A::Quit),
        (Normal, "ctrl-c", A::Quit),
        (Normal, "ctrl-z", A::Suspend),
        (Select, "w", A::SelNextWord),
        (Select, "right", A::SelNextWord),
        (Select, "b", A::SelPrevWord),
        (Select, "left", A::SelPrevWord),
        (Select, "e", A::SelGrowWord),
        (Select, "E", A::SelShrinkWord),
        (Select, "B", A::SelGrowStartWord),
        (Select, "W", A::SelShrinkStartWord),
        (Select, "l", A::SelGrowChar),
        (Select, "h", A::SelShrinkChar),
        (Select, "H", A::SelGrowStartChar),
        (Select, "L", A::SelShrinkStartChar),
        (Select, "$", A::SelToSentenceEnd),
        (Select, "0", A::SelToSentenceStart),
        (Select, "p", A::SelToPhrase),
        (Select, "enter", A::Confirm),
        (Select, "esc", A::Cancel),
        (Select, "ctrl-c", A::Cancel),
        (Select, "?", A::Help),
        (Picker, "up", A::ListUp),
        (Picker, "k", A::ListUp),
        (Picker, "down", A::ListDown),
        (Picker, "j", A::ListDown),
        (Picker, "enter", A::Confirm),
        (Picker, "backspace", A::ClearValue),
        (Picker, "esc", A::Cancel),
        (Picker, "ctrl-c", A::Cancel),
        (Input, "up", A::ListUp),
        (Input, "down", A::ListDown),
        (Input, "enter", A::Confirm),
        (Input, "esc", A::Cancel),
        (Input, "ctrl-c", A::Cancel),
        (Input, "backspace", A::Backspace),
        (Input, "left", A::CursorLeft),
        (Input, "right", A::CursorRight),
        (Input, "home", A::CursorHome),
        (Input, "ctrl-a", A::CursorHome),
        (Input, "end", A::CursorEnd),
        (Input, "ctrl-e", A::CursorEnd),
        (Input, "delete", A::DeleteForward),
        (Input, "alt-enter", A::InsertNewline),
        (Input, "ctrl-j", A::InsertNewline),
        (Help, "?", A::Help),
        (Help, "esc", A::Cancel),
        (Help, "q", A::Cancel),
        (Help, "j", A::ListDown),
        (Help, "down", A::ListDown),
        (Help, "k", A::ListUp),
        (Help, "up", A::ListUp),
        (Corpus, "j", A::ListDown),
        (Corpus, "down", A::ListDown),
        (Corpus, "k", A::ListUp),
        (Corpus, "up", A::ListUp),
        (Corpus, "ctrl-d", A::PageDown),
        (Corpus, "pagedown", A::PageDown),
        (Corpus, "ctrl-u", A::PageUp),
        (Corpus, "pageup", A::PageUp),
        (Corpus, "g", A::FirstArticle),
        (Corpus, "home", A::FirstArticle),
        (Corpus, "G", A::LastArticle),
        (Corpus, "end", A::LastArticle),
        (Corpus, "enter", A::OpenArticle),
        (Corpus, "/", A::FilterPath),
        (Corpus, "f", A::CycleStatusFilter),
        (Corpus, "esc", A::ClearFilter),
        (Corpus, "n", A::SortName),
        (Corpus, "s", A::SortStatus),
        (Corpus, "p", A::SortProgress),
        (Corpus, "c", A::SortClaims),
        (Corpus, "m", A::SortModified),
        (Corpus, "?", A::Help),
        (Corpus, "q", A::Quit),
        (Corpus, "ctrl-c", A::Quit),
        (Corpus, "ctrl-z", A::Suspend),
        (Review, "j", A::NextItem),
        (Review, "down", A::NextItem),
        (Review, "k", A::PrevItem),
        (Review, "up", A::PrevItem),
        (Review, "n", A::NextUndecided),
        (Review, "tab", A::NextUndecided),
        (Review, "N", A::PrevUndecided),
        (Review, "shift-tab", A::PrevUndecided),
        (Review, "1", A::TakeA),
        (Review, "a", A::TakeA),
        (Review, "2", A::TakeB),
        (Review, "b", A::TakeB),
        (Review, "t", A::TakeAll),
        (Review, "e", A::EditItem),
        (Review, "x", A::Reject),
        (Review, "A", A::AcceptAgreements),
        (Review, "u", A::UndoDecision),
        (Review, "?", A::Help),
        (Review, "esc", A::Cancel),
        (Review, "q", A::Quit),
        (Review, "ctrl-c", A::Quit),
        (Review, "ctrl-z", A::Suspend),
    ]
}

impl Default for Keymap {
    fn default() -> Self {
        let mut modes: BTreeMap<KeyMode, BTreeMap<KeyChord, Action>> = BTreeMap::new();
        for (mode, key, action) in default_rows() {
            if let Ok(chord) = KeyChord::parse(key) {
                modes.entry(mode).or_default().insert(chord, action);
            }
        }
        Self { modes }
    }
}

/// Ordered (key, action) pairs that keep duplicates, so they can be reported.
#[derive(Debug, Default)]
struct Pairs(Vec<(String, Action)>);

impl<'de> Deserialize<'de> for Pairs {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PairsVisitor;
        impl<'de> Visitor<'de> for PairsVisitor {
            type Value = Pairs;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from key names to actions, like { \"j\": next_paragraph }")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Pairs, M::Error> {
                let mut pairs = Vec::new();
                while let Some((key, action)) = map.next_entry::<String, Action>()? {
                    if !action.is_bindable() {
                        return Err(serde::de::Error::custom("this action cannot be bound"));
                    }
                    pairs.push((key, action));
                }
                Ok(Pairs(pairs))
            }
        }
        d.deserialize_map(PairsVisitor)
    }
}

/// The user file: every section optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct KeymapFile {
    normal: Pairs,
    select: Pairs,
    picker: Pairs,
    input: Pairs,
    help: Pairs,
    corpus: Pairs,
    review: Pairs,
}

impl Keymap {
    /// The action bound to `chord` in `mode`.
    #[must_use]
    pub fn resolve(&self, mode: KeyMode, chord: KeyChord) -> Option<&Action> {
        self.modes.get(&mode)?.get(&chord)
    }

    /// Bindings of one mode, grouped by action in first-binding order (for help and hints).
    #[must_use]
    pub fn bindings(&self, mode: KeyMode) -> Vec<(Action, Vec<KeyChord>)> {
        let mut out: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        let Some(map) = self.modes.get(&mode) else {
            return out;
        };
        let order: Vec<(KeyMode, &str, Action)> = default_rows();
        let rank = |a: &Action| {
            order
                .iter()
                .position(|(m, _, act)| *m == mode && act == a)
                .unwrap_or(usize::MAX)
        };
        for (chord, action) in map {
            match out.iter_mut().find(|(a, _)| a == action) {
                Some((_, keys)) => keys.push(*chord),
                None => out.push((action.clone(), vec![*chord])),
            }
        }
        out.sort_by_key(|(a, _)| rank(a));
        out
    }

    /// The keys bound to `action` in `mode`, shortest first (for hints).
    #[must_use]
    pub fn keys_for(&self, mode: KeyMode, action: &Action) -> Vec<KeyChord> {
        let mut keys: Vec<KeyChord> = self
            .modes
            .get(&mode)
            .map(|m| {
                m.iter()
                    .filter(|(_, a)| *a == action)
                    .map(|(k, _)| *k)
                    .collect()
            })
            .unwrap_or_default();
        keys.sort_by_key(|k| k.to_string().len());
        keys
    }

    /// Overlay a user keymap file onto these bindings. `path` names it in messages.
    ///
    /// # Errors
    /// [`ConfigError::At`] for RON errors, unknown keys or actions, and keys bound twice.
    pub fn overlay(&mut self, text: &str, path: &str) -> Result<(), ConfigError> {
        let file: KeymapFile = ron::from_str(text).map_err(|e| ConfigError::from_ron(path, &e))?;
        let sections = [
            (KeyMode::Normal, file.normal),
            (KeyMode::Select, file.select),
            (KeyMode::Picker, file.picker),
            (KeyMode::Input, file.input),
            (KeyMode::Help, file.help),
            (KeyMode::Corpus, file.corpus),
            (KeyMode::Review, file.review),
        ];
        let mut seen_names: BTreeMap<String, usize> = BTreeMap::new();
        for (mode, Pairs(pairs)) in sections {
            let mut seen: BTreeMap<KeyChord, String> = BTreeMap::new();
            for (name, action) in pairs {
                let quoted = format!("\"{name}\"");
                let occurrence = *seen_names.get(&quoted).unwrap_or(&0);
                seen_names.insert(quoted.clone(), occurrence + 1);
                let chord = KeyChord::parse(&name)
                    .map_err(|m| ConfigError::at_text(path, text, &quoted, occurrence, m))?;
                if let Some(first) = seen.get(&chord) {
                    return Err(ConfigError::at_text(
                        path,
                        text,
                        &quoted,
                        occurrence,
                        format!(
                            "key `{chord}` is bound twice in `{}` (also as \"{first}\")",
                            mode.name()
                        ),
                    ));
                }
                seen.insert(chord, name);
                self.modes.entry(mode).or_default().insert(chord, action);
            }
        }
        Ok(())
    }

    /// Schema kind keys mark a selection in select mode, so they must not be bound there.
    ///
    /// # Errors
    /// The clashing key and a message naming it and the kind.
    pub fn check_schema_keys(&self, schema: &Schema) -> Result<(), (char, String)> {
        for kind in schema.spans.iter().filter(|k| k.enabled) {
            let chord = KeyChord::plain(Key::Char(kind.key));
            if let Some(action) = self.resolve(KeyMode::Select, chord) {
                return Err((
                    kind.key,
                    format!(
                        "key `{}` marks a {} span (schema) but is also bound to `{}` in select mode",
                        kind.key,
                        kind.name,
                        action.describe()
                    ),
                ));
            }
        }
        // Value keys pick values in pickers; digits open menu lines.
        let value_keys = schema.attrs.iter().flat_map(|(attr, def)| {
            def.values
                .iter()
                .map(move |v| (v.key, format!("value `{}` of `{attr}`", v.name)))
        });
        let digits = ('0'..='9').map(|d| (d, "a line of the attribute menu".to_owned()));
        for (key, what) in value_keys.chain(digits) {
            if let Some(action) = self.resolve(KeyMode::Picker, KeyChord::ch(key)) {
                return Err((
                    key,
                    format!(
                        "key `{key}` picks {what} (schema) but is also bound to `{}` in picker mode",
                        action.describe()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Every default binding as (mode, key, description) rows, for `docs/keys.md`.
    #[must_use]
    pub fn default_table() -> Vec<(&'static str, String, &'static str)> {
        default_rows()
            .into_iter()
            .map(|(m, k, a)| (m.name(), k.to_owned(), a.describe()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_no_conflict_with_the_default_schema() {
        let keymap = Keymap::default();
        assert_eq!(keymap.check_schema_keys(&Schema::default_schema()), Ok(()));
        assert_eq!(
            keymap.resolve(KeyMode::Normal, KeyChord::ch('j')),
            Some(&Action::NextParagraph)
        );
    }

    #[test]
    fn default_rows_bind_each_key_once_per_mode() {
        let mut seen = std::collections::HashSet::new();
        for (mode, key, _) in default_rows() {
            let chord = KeyChord::parse(key).expect("default key parses");
            assert!(seen.insert((mode, chord)), "{key} bound twice in {mode:?}");
        }
    }

    #[test]
    fn overlay_replaces_single_keys() {
        let mut keymap = Keymap::default();
        keymap
            .overlay("(normal: { \"x\": delete, \"j\": page_down })", "k.ron")
            .expect("valid overlay");
        assert_eq!(
            keymap.resolve(KeyMode::Normal, KeyChord::ch('x')),
            Some(&Action::Delete)
        );
        assert_eq!(
            keymap.resolve(KeyMode::Normal, KeyChord::ch('j')),
            Some(&Action::PageDown)
        );
        assert_eq!(
            keymap.resolve(KeyMode::Normal, KeyChord::ch('k')),
            Some(&Action::PrevParagraph)
        );
    }

    #[test]
    fn unknown_action_names_line_and_column() {
        let err = Keymap::default()
            .overlay("(\n  normal: { \"x\": fly_away },\n)", "k.ron")
            .expect_err("unknown action");
        let text = err.to_string();
        assert!(text.starts_with("k.ron:2:"), "{text}");
        assert!(text.contains("fly_away"), "{text}");
    }

    #[test]
    fn duplicate_binding_is_an_error_at_the_second_key() {
        let err = Keymap::default()
            .overlay(
                "(\n  normal: {\n    \"x\": delete,\n    \"x\": undo,\n  },\n)",
                "k.ron",
            )
            .expect_err("duplicate");
        assert_eq!(
            err.to_string(),
            "k.ron:4:5: key `x` is bound twice in `normal` (also as \"x\")"
        );
    }

    #[test]
    fn bad_key_name_is_located() {
        let err = Keymap::default()
            .overlay("(normal: { \"hyper-x\": delete })", "k.ron")
            .expect_err("bad key");
        assert_eq!(err.to_string(), "k.ron:1:12: unknown key `hyper-x`");
    }

    #[test]
    fn schema_key_bound_in_select_mode_is_reported() {
        let mut keymap = Keymap::default();
        keymap
            .overlay("(select: { \"c\": sel_grow_word })", "k.ron")
            .expect("valid overlay");
        let (key, err) = keymap
            .check_schema_keys(&Schema::default_schema())
            .expect_err("conflict");
        assert_eq!(key, 'c');
        assert!(err.contains("Claim"), "{err}");
    }

    #[test]
    fn value_key_bound_in_picker_mode_is_reported() {
        let mut keymap = Keymap::default();
        keymap
            .overlay("(picker: { \"q\": list_down })", "k.ron")
            .expect("valid overlay");
        let (key, err) = keymap
            .check_schema_keys(&Schema::default_schema())
            .expect_err("conflict");
        assert_eq!(key, 'q');
        assert!(err.contains("quantity"), "{err}");
    }
}
