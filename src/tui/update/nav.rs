//! Moving through the article: paragraphs, pages, lines, top and bottom, the next paragraph
//! not done, search, and the mouse. Every step lays out only the rows on screen.

use crate::tui::app::{App, Match};
use crate::tui::layout::geometry::text_rect;
use crate::tui::wrap::{Layout, Pos, VisualLine};

/// Text columns and rows of the article pane (at least 1 x 1).
fn geom(app: &App) -> (usize, usize) {
    let r = text_rect(app.size, app.art.has_banner());
    (usize::from(r.width.max(1)), usize::from(r.height.max(1)))
}

/// The article lines on screen now (for tests and the mouse).
#[must_use]
pub fn visible_lines(app: &App) -> Vec<VisualLine> {
    visible(app)
}

/// The lines on screen from the current top.
pub(crate) fn visible(app: &App) -> Vec<VisualLine> {
    let (w, h) = geom(app);
    let mut cache = app.art.wrap.borrow_mut();
    Layout::new(&app.art.article, w, &mut cache).lines_from(app.art.top, h)
}

fn with_layout<T>(app: &App, f: impl FnOnce(&mut Layout<'_>, usize) -> T) -> T {
    let (w, h) = geom(app);
    let mut cache = app.art.wrap.borrow_mut();
    let mut layout = Layout::new(&app.art.article, w, &mut cache);
    f(&mut layout, h)
}

/// Go to paragraph `para` (caret at its start, first record selected).
pub(crate) fn set_para(app: &mut App, para: usize) {
    let last = app.art.para_count().saturating_sub(1);
    let para = para.min(last);
    if para != app.art.para {
        app.art.record = 0;
    }
    app.art.para = para;
    app.art.caret = 0;
    app.art.selection = None;
}

/// Keep the view valid after a resize: the top must be a line start for the new width.
pub(crate) fn settle(app: &mut App) {
    let top = app.art.top;
    app.art.top = with_layout(app, |l, _| l.line_start(top.para, top.byte));
}

/// Move by `delta` paragraphs and bring the paragraph into view.
pub(crate) fn move_para(app: &mut App, delta: isize) {
    let target = app.art.para.saturating_add_signed(delta);
    set_para(app, target);
    ensure_para_visible(app);
}

/// Scroll so paragraph `para` shows whole, or at least starts near the top.
pub(crate) fn ensure_para_visible(app: &mut App) {
    let p = app.art.para;
    let len = app.art.article.para_text(p).len();
    let lines = visible(app);
    let starts = lines
        .iter()
        .position(|l| !l.gap && l.para == p && l.byte_start == 0);
    let ends = lines
        .iter()
        .any(|l| !l.gap && l.para == p && l.byte_end >= len);
    match starts {
        Some(_) if ends => {}
        Some(row) if row <= 2 => {}
        _ => {
            app.art.top = with_layout(app, |l, _| l.back(Pos { para: p, byte: 0 }, 1));
        }
    }
}

/// Scroll so character `ch` of paragraph `para` is on screen (with two lines of context).
pub(crate) fn ensure_visible(app: &mut App, para: usize, ch: usize) {
    let byte = app.art.article.para_char_to_byte(para, ch);
    let len = app.art.article.para_text(para).len();
    let lines = visible(app);
    let shown = lines.iter().any(|l| {
        !l.gap
            && l.para == para
            && l.byte_start <= byte
            && (byte < l.byte_end
                || (byte == l.byte_end && l.byte_end >= len)
                || byte == l.byte_start)
    });
    if !shown {
        app.art.top = with_layout(app, |l, _| {
            let start = l.line_start(para, byte);
            l.back(start, 2)
        });
    }
}

/// Scroll the least needed so character `ch` of paragraph `para` is on screen, as a text
/// editor does: a target below the view comes in at the bottom (one line of context), one
/// above it at the top. Used when the caret or a selection's end moves by small steps.
pub(crate) fn scroll_to_show(app: &mut App, para: usize, ch: usize) {
    let byte = app.art.article.para_char_to_byte(para, ch);
    let len = app.art.article.para_text(para).len();
    let lines = visible(app);
    let shown = |l: &VisualLine| {
        !l.gap
            && l.para == para
            && l.byte_start <= byte
            && (byte < l.byte_end || (byte == l.byte_end && l.byte_end >= len))
    };
    // The first and last rows leave no context above or below: scroll a line then (unless
    // the view is at the start of the article, or too short for context).
    let (_, rows) = geom(app);
    let top = app.art.top;
    let row = lines.iter().position(shown);
    match row {
        Some(_) if rows <= 2 => return,
        Some(r) if r >= 1 && r + 1 < rows => return,
        Some(0) if top == Pos::default() => return,
        _ => {}
    }
    let up = match row {
        Some(r) => r == 0,
        None => (para, byte) < (top.para, top.byte),
    };
    app.art.top = with_layout(app, |l, h| {
        let start = l.line_start(para, byte);
        if up {
            l.back(start, 1)
        } else {
            l.back(start, h.saturating_sub(2))
        }
    });
}

/// After the view moved: keep the caret (and the current paragraph) on screen.
fn follow_view(app: &mut App) {
    let lines = visible(app);
    let (para, caret) = (app.art.para, app.art.caret);
    let caret_shown = lines
        .iter()
        .any(|l| !l.gap && l.para == para && l.char_start <= caret && caret <= l.char_end);
    if caret_shown {
        return;
    }
    if let Some(l) = lines.iter().find(|l| !l.gap && l.para == para) {
        app.art.caret = l.char_start;
    } else if let Some(l) = lines.iter().find(|l| !l.gap) {
        let ch = l.char_start;
        set_para(app, l.para);
        app.art.caret = ch;
    }
}

/// Scroll by `n` lines (negative: up).
pub(crate) fn scroll(app: &mut App, n: isize) {
    let top = app.art.top;
    app.art.top = with_layout(app, |l, _| {
        if n >= 0 {
            l.forward(top, n.unsigned_abs())
        } else {
            l.back(top, n.unsigned_abs())
        }
    });
    follow_view(app);
}

/// Scroll one page.
pub(crate) fn page(app: &mut App, down: bool) {
    let (_, h) = geom(app);
    let step = isize::try_from(h.saturating_sub(2).max(1)).unwrap_or(1);
    scroll(app, if down { step } else { -step });
}

/// First paragraph.
pub(crate) fn top(app: &mut App) {
    set_para(app, 0);
    app.art.top = Pos::default();
}

/// End of the article: the last line at the bottom of the pane.
pub(crate) fn bottom(app: &mut App) {
    let last = app.art.para_count().saturating_sub(1);
    set_para(app, last);
    let len = app.art.article.para_text(last).len();
    let (end, top) = with_layout(app, |l, h| {
        let end = l.line_start(last, len.saturating_sub(1));
        (end, l.back(end, h.saturating_sub(1)))
    });
    app.art.top = top;
    app.art.caret = app.art.article.para_byte_to_char(last, end.byte);
}

/// The next paragraph (after the current one, wrapping) not marked done.
pub(crate) fn next_todo(app: &mut App) {
    let n = app.art.para_count();
    let done = &app.art.doc.done;
    let first_gap = |from: usize| {
        let mut p = from;
        for d in done.range(from..) {
            if *d != p {
                break;
            }
            p += 1;
        }
        (p < n).then_some(p)
    };
    match first_gap(app.art.para + 1).or_else(|| first_gap(0)) {
        Some(p) => {
            set_para(app, p);
            ensure_para_visible(app);
            app.say(format!("paragraph {} is not done", p + 1));
        }
        None => app.say("every paragraph is done"),
    }
}

/// Find the next (or previous) match of the last search from the caret, wrapping around.
pub(crate) fn search(app: &mut App, forward: bool) {
    let Some(needle) = app.art.search.clone().filter(|s| !s.is_empty()) else {
        let search = crate::tui::keyname::key(app, &crate::tui::action::Action::Search);
        app.warn(format!("no search yet: press {search} to search"));
        return;
    };
    let Some(finder) = crate::tui::find::Needle::new(&needle) else {
        return;
    };
    let article = &app.art.article;
    let text = article.text();
    let here = article.text_byte(app.art.para, app.art.caret);
    let found = if forward {
        finder
            .find_from(text, here + 1)
            .map(|b| (b, false))
            .or_else(|| finder.find_from(text, 0).map(|b| (b, true)))
    } else {
        finder
            .rfind_before(text, here)
            .map(|b| (b, false))
            .or_else(|| finder.rfind_before(text, text.len()).map(|b| (b, true)))
    };
    let Some((byte, wrapped)) = found else {
        app.warn(format!("not found: {needle}"));
        app.art.found = None;
        return;
    };
    let paras = article.paragraphs();
    let p = paras
        .partition_point(|x| x.byte_start <= byte)
        .saturating_sub(1);
    let start = article.para_byte_to_char(p, byte - paras[p].byte_start);
    let end = start + finder.char_len();
    set_para(app, p);
    app.art.caret = start;
    app.art.select_under_caret();
    app.art.found = Some(Match {
        para: p,
        start,
        end,
    });
    ensure_visible(app, p, start);
    app.say(if wrapped {
        format!("search wrapped to the top: “{needle}” in ¶{}", p + 1)
    } else {
        format!("found “{needle}” in ¶{}", p + 1)
    });
}

/// A click: in the article, go to that paragraph (caret at the clicked character); in the
/// record list, select that record.
pub(crate) fn click(app: &mut App, col: u16, row: u16) {
    let full = ratatui::layout::Rect::new(0, 0, app.size.0, app.size.1);
    if let Some(side) = crate::tui::layout::geometry::areas(full).and_then(|a| a.side)
        && side.contains(ratatui::layout::Position::new(col, row))
    {
        if app.mode == crate::tui::mode::Mode::Normal
            && let Some(i) = crate::tui::layout::annotations::record_at(app, side, row)
        {
            app.art.record = i;
        }
        return;
    }
    let rect = text_rect(app.size, app.art.has_banner());
    if row < rect.y
        || row >= rect.y + rect.height
        || col < rect.x.saturating_sub(2)
        || col >= rect.x + rect.width
    {
        return;
    }
    let lines = visible(app);
    let Some(line) = lines.get(usize::from(row - rect.y)).copied() else {
        return;
    };
    if line.gap {
        return;
    }
    app.mode = crate::tui::mode::Mode::Normal;
    set_para(app, line.para);
    let want = usize::from(col.saturating_sub(rect.x));
    let text = app.art.article.para_text(line.para);
    let mut cols = 0;
    let mut ch = line.char_start;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(
        &text[line.byte_start..line.byte_end],
        true,
    ) {
        let w = crate::tui::display::grapheme(g).1;
        if cols + w > want {
            break;
        }
        cols += w;
        ch += g.chars().count();
    }
    app.art.caret = ch;
    app.art.select_under_caret();
}
