//! Which key picks which line of a menu, and the value a line shows: shared by the picker
//! keys (`update`) and the menu popup (`view`).

use crate::model::AnnotationDoc;
use crate::tui::mode::{Field, MenuItem};

/// The current value of a menu item, as text.
#[must_use]
pub fn current_value(doc: &AnnotationDoc, item: &MenuItem) -> Option<String> {
    let (attrs, confidence, note) = if let Some(s) = doc.span(&item.owner) {
        (&s.attrs, s.confidence, &s.note)
    } else if let Some(e) = doc.entity(&item.owner) {
        (&e.attrs, e.confidence, &e.note)
    } else if let Some(a) = doc.attribution(&item.owner) {
        (&a.attrs, a.confidence, &a.note)
    } else {
        return None;
    };
    match &item.field {
        Field::Attr(name) => attrs.get(name).cloned(),
        Field::Confidence => Some(confidence.as_str().to_owned()),
        Field::Note => note.clone(),
        Field::Name => doc.entity(&item.owner).map(|e| e.name.clone()),
    }
}

/// Keys of menu lines past the tenth: letters that no picker key or menu line uses
/// (`i` is the note, `j`/`k` move).
const MORE_MENU_KEYS: &[char] = &['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'l', 'm', 'n', 'o'];

/// Keys of menu lines: 1-9, 0, then the letters of [`MORE_MENU_KEYS`].
#[must_use]
pub fn menu_key(index: usize) -> Option<char> {
    match index {
        0..=8 => char::from_digit(u32::try_from(index + 1).ok()?, 10),
        9 => Some('0'),
        _ => MORE_MENU_KEYS.get(index - 10).copied(),
    }
}

/// The key of a menu line: `!` for confidence and `i` for the note in every menu (as in
/// normal mode), digits 1-9 then 0 for the other lines in order.
#[must_use]
pub fn item_key(index: usize, item: &MenuItem) -> Option<char> {
    match item.field {
        Field::Confidence => Some('!'),
        Field::Note => Some('i'),
        _ => menu_key(index),
    }
}
