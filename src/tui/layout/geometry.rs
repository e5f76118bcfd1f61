//! Screen geometry shared by rendering and by `update` (scrolling and mouse clicks need to
//! know how many rows and columns the article has).

use ratatui::layout::{Constraint, Layout, Rect};

/// Smallest terminal that gets the full screen; anything smaller shows a short notice.
pub const MIN_WIDTH: u16 = 40;
/// Smallest terminal height for the full screen.
pub const MIN_HEIGHT: u16 = 10;

/// Columns of the paragraph gutter (current mark, done mark).
pub const GUTTER: u16 = 2;

/// The regions of the annotation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The article pane (with border).
    pub article: Rect,
    /// The annotation pane (with border), absent on narrow terminals.
    pub side: Option<Rect>,
    /// Message line.
    pub message: Rect,
    /// Status line.
    pub status: Rect,
}

/// True when a terminal of `size` (columns, rows) shows the "terminal too small" notice
/// instead of the annotation screen.
#[must_use]
pub fn is_too_small(size: (u16, u16)) -> bool {
    size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
}

/// Split the terminal; `None` when it is too small to draw the screen.
#[must_use]
pub fn areas(area: Rect) -> Option<Areas> {
    if is_too_small((area.width, area.height)) {
        return None;
    }
    let [body, message, status] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    if body.width < 70 {
        // Narrow terminals: the annotation pane goes under the article when there is room.
        if body.height < 22 {
            return Some(Areas {
                article: body,
                side: None,
                message,
                status,
            });
        }
        let [article, side] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(body.height * 2 / 5)])
                .areas(body);
        return Some(Areas {
            article,
            side: Some(side),
            message,
            status,
        });
    }
    let side_width = (body.width * 2 / 5).clamp(30, 64);
    let [article, side] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(side_width)]).areas(body);
    Some(Areas {
        article,
        side: Some(side),
        message,
        status,
    })
}

/// Inside of the article pane: an optional banner row, the gutter and the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleRects {
    /// Error banner row (read-only article).
    pub banner: Option<Rect>,
    /// Gutter column(s).
    pub gutter: Rect,
    /// Where text lines go.
    pub text: Rect,
}

/// The article pane's inner regions for a pane at `pane`.
#[must_use]
pub fn article_rects(pane: Rect, banner: bool) -> ArticleRects {
    let inner = Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    };
    let (banner, rest) = if banner && inner.height > 1 {
        let [b, r] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        (Some(b), r)
    } else {
        (None, inner)
    };
    let gutter = Rect {
        width: GUTTER.min(rest.width),
        ..rest
    };
    let text = Rect {
        x: rest.x.saturating_add(GUTTER),
        width: rest.width.saturating_sub(GUTTER),
        ..rest
    };
    ArticleRects {
        banner,
        gutter,
        text,
    }
}

/// The article text rectangle for a terminal of `size` (empty when too small).
#[must_use]
pub fn text_rect(size: (u16, u16), banner: bool) -> Rect {
    areas(Rect::new(0, 0, size.0, size.1))
        .map_or(Rect::default(), |a| article_rects(a.article, banner).text)
}
