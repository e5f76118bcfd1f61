//! Geometry of the review screen shared by rendering and by `update`: where the article pane,
//! the queue, the detail and the summary go, which queue row shows which item, where the
//! article pane starts and which item a click on the article hits. The renderer draws from
//! these functions and the mouse handling hit-tests with them, so the two cannot disagree.

use ratatui::layout::{Constraint, Layout as Split, Rect};
use unicode_segmentation::UnicodeSegmentation;

use crate::review::queue::Item;
use crate::tui::display;
use crate::tui::review::ReviewState;
use crate::tui::wrap::{Layout, Pos, VisualLine};

/// Smallest terminal that gets the review screen.
pub const MIN_SIZE: (u16, u16) = (60, 16);

/// The regions of the review screen (panes with their borders).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewAreas {
    /// The article pane.
    pub article: Rect,
    /// The queue of items.
    pub queue: Rect,
    /// The current item's versions side by side.
    pub detail: Rect,
    /// The agreement figures.
    pub summary: Rect,
    /// Message line.
    pub message: Rect,
    /// Status line.
    pub status: Rect,
}

/// Split the terminal; `None` when it is smaller than [`MIN_SIZE`].
#[must_use]
pub fn areas(area: Rect) -> Option<ReviewAreas> {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return None;
    }
    let [body, message, status] = Split::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let side_w = (body.width * 2 / 5).clamp(30, 56);
    let [left, side] =
        Split::horizontal([Constraint::Fill(1), Constraint::Length(side_w)]).areas(body);
    let detail_h = (left.height * 2 / 5).clamp(7, 16);
    let [article, detail] =
        Split::vertical([Constraint::Fill(1), Constraint::Length(detail_h)]).areas(left);
    let summary_h = (side.height / 2).clamp(6, 20);
    let [queue, summary] =
        Split::vertical([Constraint::Fill(1), Constraint::Length(summary_h)]).areas(side);
    Some(ReviewAreas {
        article,
        queue,
        detail,
        summary,
        message,
        status,
    })
}

/// The regions for a terminal of `size`.
#[must_use]
pub fn areas_for(size: (u16, u16)) -> Option<ReviewAreas> {
    areas(Rect::new(0, 0, size.0, size.1))
}

/// The inside of a pane drawn with borders all round.
#[must_use]
pub fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// The first item shown in a queue of `len` items `rows` high: the current one stays near the
/// middle.
#[must_use]
pub fn queue_skip(cursor: usize, len: usize, rows: usize) -> usize {
    cursor
        .saturating_sub(rows / 2)
        .min(len.saturating_sub(rows))
}

/// The item the queue pane at `pane` shows at screen cell (`col`, `row`).
#[must_use]
pub fn queue_item_at(review: &ReviewState, pane: Rect, col: u16, row: u16) -> Option<usize> {
    let list = inner(pane);
    if !list.contains(ratatui::layout::Position::new(col, row)) {
        return None;
    }
    let len = review.adj.items().len();
    let skip = queue_skip(review.cursor, len, usize::from(list.height));
    let i = skip + usize::from(row - list.y);
    (i < len).then_some(i)
}

/// Where the article pane starts when it follows the current item: the paragraph before the
/// item's when the item still shows, else its own paragraph, else the line holding its start.
fn follow(review: &ReviewState, item: Option<&Item>, width: usize, height: usize) -> Pos {
    let Some(item) = item else {
        return Pos::default();
    };
    let mut cache = review.wrap.borrow_mut();
    let mut layout = Layout::new(&review.article, width, &mut cache);
    let byte = review.article.para_char_to_byte(item.para, item.start);
    let candidates = [item.para.saturating_sub(1), item.para];
    for para in candidates {
        let top = Pos { para, byte: 0 };
        let lines = layout.lines_from(top, height.saturating_sub(1));
        if lines
            .iter()
            .any(|l| !l.gap && l.para == item.para && l.byte_end >= byte)
        {
            return top;
        }
    }
    layout.line_start(item.para, byte)
}

/// The first line of the article pane `width` x `height`: where the wheel scrolled it while
/// the current item stayed the same, else following the current item.
#[must_use]
pub fn article_top(review: &ReviewState, width: usize, height: usize) -> Pos {
    match review.scroll {
        Some((cursor, top)) if cursor == review.cursor => {
            // A resize may have moved line starts: settle on the line holding the old top.
            let mut cache = review.wrap.borrow_mut();
            Layout::new(&review.article, width, &mut cache).line_start(top.para, top.byte)
        }
        _ => follow(review, review.adj.item(review.cursor), width, height),
    }
}

/// The article text rectangle for the pane at `pane` and its lines on screen.
#[must_use]
pub fn article_lines(review: &ReviewState, pane: Rect) -> (Rect, Vec<VisualLine>) {
    let text = inner(pane);
    if text.width < 2 || text.height == 0 {
        return (text, Vec::new());
    }
    let (width, height) = (usize::from(text.width), usize::from(text.height));
    let top = article_top(review, width, height);
    let mut cache = review.wrap.borrow_mut();
    let lines = Layout::new(&review.article, width, &mut cache).lines_from(top, height);
    (text, lines)
}

/// The paragraph and character under screen cell (`col`, `row`) of the article pane at
/// `pane`, if it shows text.
#[must_use]
pub fn article_char_at(
    review: &ReviewState,
    pane: Rect,
    col: u16,
    row: u16,
) -> Option<(usize, usize)> {
    let (text, lines) = article_lines(review, pane);
    if col < text.x || col >= text.right() || row < text.y {
        return None;
    }
    let line = lines.get(usize::from(row - text.y)).filter(|l| !l.gap)?;
    let want = usize::from(col - text.x);
    let body = &review.article.para_text(line.para)[line.byte_start..line.byte_end];
    let mut cols = 0;
    let mut ch = line.char_start;
    for g in body.graphemes(true) {
        let w = display::grapheme(g).1;
        if cols + w > want {
            return Some((line.para, ch));
        }
        cols += w;
        ch += g.chars().count();
    }
    // Past the end of the line's text: nothing is under the pointer.
    None
}

/// The item whose span (any annotator's) covers character `ch` of paragraph `para`: the one
/// drawn on top there, i.e. the shortest span (on a tie the current item, then the later one).
#[must_use]
pub fn item_at_char(review: &ReviewState, para: usize, ch: usize) -> Option<usize> {
    let docs = review.adj.annotators();
    let mut best: Option<(usize, usize)> = None;
    for (i, item) in review.adj.items().iter().enumerate() {
        for (a, id) in item.members.iter().enumerate() {
            let Some(span) = id.as_deref().and_then(|id| docs.get(a)?.span(id)) else {
                continue;
            };
            let an = &span.anchor;
            if an.para == para && an.start <= ch && ch < an.end {
                let len = an.end - an.start;
                let better = best.is_none_or(|(l, b)| len < l || (len == l && b != review.cursor));
                if better {
                    best = Some((len, i));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}
