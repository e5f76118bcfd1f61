//! `sel_to_phrase`: grow a selection to the phrase the suggester reads around it: the whole
//! name of a speaker ("The Valmora Dockworkers’ Union"), a cue with its addressee ("told the
//! Harbour Gazette"), the reported claim; pressed again, to the next larger one. Only the
//! sentences near the selection are read, so a key costs the same in any article.

use crate::model::{Article, Schema};
use crate::suggest::{SuggestedSpan, Suggester};
use crate::tui::app::Selection;

/// Bytes read on each side of the selection.
const AROUND_BYTES: usize = 2048;

/// The smallest phrase the suggester finds that contains `sel` and is larger than it, as
/// (start, end) characters of the selection's paragraph.
#[must_use]
pub fn around(article: &Article, schema: &Schema, sel: Selection) -> Option<(usize, usize)> {
    let para = article.paragraphs().get(sel.para)?;
    let from = article.text_byte(sel.para, sel.start);
    let to = article.text_byte(sel.para, sel.end);
    let window = from.saturating_sub(AROUND_BYTES).max(para.byte_start)
        ..(to + AROUND_BYTES).min(para.byte_end);
    let suggestions = Suggester::shared().suggest_window(article, schema, window);
    let contains = |s: &&SuggestedSpan| {
        s.para == sel.para
            && s.start <= sel.start
            && sel.end <= s.end
            && s.end - s.start > sel.end - sel.start
    };
    suggestions
        .iter()
        .flat_map(|s| [&s.source, &s.cue, &s.claim])
        .flatten()
        .filter(contains)
        .min_by_key(|s| (s.end - s.start, s.start))
        .map(|s| (s.start, s.end))
}
