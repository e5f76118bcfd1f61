//! The lists of the manage popups (what re-anchoring left: orphans, then fuzzy spans) and the
//! single keys that act on their lines: shared by the manage keys (`update`) and the popup
//! (`view`).

use crate::model::{AnchorStatus, Span};
use crate::tui::app::App;

/// Key that places the highlighted orphan (or goes to the highlighted fuzzy span).
pub const KEY_PLACE: char = 'p';

/// Key that deletes the highlighted orphan, fuzzy span or entity.
pub const KEY_DELETE: char = 'd';

/// Key that renames the highlighted entity.
pub const KEY_RENAME: char = 'r';

/// Key that confirms the highlighted fuzzy span's place.
pub const KEY_CONFIRM: char = 'y';

/// Spans re-anchoring left for the annotator: orphans first, then fuzzy spans.
#[must_use]
pub fn review_items(app: &App) -> Vec<&Span> {
    let mut items = app.art.orphans();
    items.extend(
        app.art
            .doc
            .spans
            .iter()
            .filter(|s| s.status == AnchorStatus::Fuzzy),
    );
    items
}
