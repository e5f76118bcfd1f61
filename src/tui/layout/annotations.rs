//! Geometry of the annotation pane that its drawing and the mouse handling both need: its
//! regions and which record each list row shows.

use ratatui::layout::{Constraint, Layout, Rect};

use crate::tui::app::App;

/// The pane's regions: record list, detail, entities (height 0 when there is no room).
#[must_use]
pub fn regions(area: Rect) -> [Rect; 3] {
    let detail_h = if area.height >= 24 {
        11
    } else {
        area.height / 3
    };
    let entities_h = if area.height >= 20 { 7 } else { 0 };
    Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(detail_h),
        Constraint::Length(entities_h),
    ])
    .areas(area)
}

/// Which record a screen row of the list shows, for a pane at `area` (mouse clicks).
#[must_use]
pub fn record_at(app: &App, area: Rect, row: u16) -> Option<usize> {
    let [list, _, _] = regions(area);
    if row <= list.y || row + 1 >= list.bottom() {
        return None;
    }
    let (rows, selected_row) = list_rows(app);
    let skip =
        selected_row.saturating_sub(usize::from(list.height.saturating_sub(2)).saturating_sub(2));
    rows.get(usize::from(row - list.y - 1) + skip).copied()
}

/// The record index of each list line, and the line of the selected record.
#[must_use]
pub fn list_rows(app: &App) -> (Vec<usize>, usize) {
    let art = &app.art;
    let mut rows = Vec::new();
    let mut selected_row = 0;
    for (i, span) in art.spans_of(art.para).iter().enumerate() {
        if i == art.record {
            selected_row = rows.len();
        }
        rows.push(i);
        if app.schema.is_claim_kind(&span.kind) {
            rows.push(i);
        }
    }
    (rows, selected_row)
}
