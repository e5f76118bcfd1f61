//! What `.` repeats: the attribute changes last made in the menu, each with whose value it
//! was relative to the record (the record, its attribution, its speaker entity).

use crate::model::AnnotationDoc;
use crate::tui::mode::{Field, MenuItem};

/// Who owns a repeated value, relative to the record the menu was opened on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The record itself (a claim, a cue...).
    Own,
    /// The attribution of the claim.
    Attribution,
    /// The speaker entity of the claim's (first) source.
    Entity,
}

/// One value set in the attribute menu, as `.` repeats it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Whose value, relative to the record.
    pub role: Role,
    /// Which value.
    pub field: Field,
    /// The value (`None` cleared it).
    pub value: Option<String>,
}

/// The entity of the first source of `claim`'s attribution (or of `record` when it is a
/// mention itself).
pub fn entity_of(doc: &AnnotationDoc, record: &str) -> Option<String> {
    let mention = doc
        .attribution_of(record)
        .and_then(|a| a.sources.first().cloned())
        .unwrap_or_else(|| record.to_owned());
    doc.span(&mention).and_then(|s| s.entity.clone())
}

/// The role of `owner` for a menu opened on `record`.
#[must_use]
pub fn role_of(doc: &AnnotationDoc, record: &str, owner: &str) -> Option<Role> {
    if owner == record {
        Some(Role::Own)
    } else if doc.attribution_of(record).is_some_and(|a| a.id == owner) {
        Some(Role::Attribution)
    } else if doc.entity(owner).is_some() {
        Some(Role::Entity)
    } else {
        None
    }
}

/// Remember a value set in a menu opened on `record`, for `.`.
pub fn remember(
    changes: &mut Vec<Change>,
    doc: &AnnotationDoc,
    record: &str,
    item: &MenuItem,
    value: Option<&str>,
) {
    if item.field == Field::Note || item.field == Field::Name {
        return;
    }
    let Some(role) = role_of(doc, record, &item.owner) else {
        return;
    };
    let change = Change {
        role,
        field: item.field.clone(),
        value: value.map(str::to_owned),
    };
    // A value set twice counts once, with its last value.
    changes.retain(|c| !(c.role == change.role && c.field == change.field));
    changes.push(change);
}
