//! One row of the corpus list: column widths for a terminal width, and the text and style of
//! each cell (status mark, paragraphs done, claims, last change).

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::config::Theme;
use crate::corpus::Progress;
use crate::tui::corpus::state::{Cell, CorpusState};
use crate::tui::display::truncate;

/// Cell widths: the current annotator's cell (full, compact or tiny), the modified column, and
/// how many other annotators fit.
pub(crate) struct Columns {
    pub(crate) name: usize,
    pub(crate) current: CellWidth,
    pub(crate) modified: bool,
    pub(crate) others: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellWidth {
    Full,
    Compact,
    Tiny,
}

impl CellWidth {
    pub(crate) fn width(self) -> usize {
        match self {
            Self::Full => 29,
            Self::Compact => 14,
            Self::Tiny => 7,
        }
    }
}

pub(crate) const MODIFIED: usize = 16;
pub(crate) const NAME_MIN: usize = 12;

pub(crate) fn columns(width: usize, annotators: usize) -> Columns {
    let tiny = CellWidth::Tiny.width() + 1;
    if width < 2 + NAME_MIN + tiny {
        // Very narrow: the name gives way to the status mark and paragraphs.
        return Columns {
            name: width.saturating_sub(2 + tiny).max(1),
            current: CellWidth::Tiny,
            modified: false,
            others: 0,
        };
    }
    let mut room = width.saturating_sub(2 + NAME_MIN);
    let current = [CellWidth::Full, CellWidth::Compact, CellWidth::Tiny]
        .into_iter()
        .find(|c| c.width() < room)
        .unwrap_or(CellWidth::Tiny);
    room = room.saturating_sub(current.width() + 1);
    let modified = current == CellWidth::Full && room >= MODIFIED + 1 + 20;
    if modified {
        room -= MODIFIED + 1;
    }
    let others = (room / (CellWidth::Compact.width() + 1)).min(annotators.saturating_sub(1));
    room -= others * (CellWidth::Compact.width() + 1);
    Columns {
        name: NAME_MIN + room,
        current,
        modified,
        others,
    }
}

pub(crate) fn pad(text: &str, width: usize) -> String {
    let text = truncate(text, width);
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

pub(crate) fn mark(progress: Progress) -> &'static str {
    match progress {
        Progress::Done => "✓",
        Progress::InProgress => "◐",
        Progress::NotStarted => "○",
    }
}

/// The text and style of one cell.
pub(crate) fn cell_text(cell: &Cell, width: CellWidth, theme: &Theme) -> (String, Style) {
    let b = match cell {
        Cell::Unknown => return ("…".to_owned(), theme.dim),
        Cell::Unreadable(_) => {
            let text = if width == CellWidth::Full {
                "✗ unreadable sidecar"
            } else {
                "✗"
            };
            return (text.to_owned(), theme.error);
        }
        Cell::Known(b) => b,
    };
    let progress = b.progress.unwrap_or(Progress::NotStarted);
    let style = match progress {
        Progress::Done => theme.progress_done,
        Progress::InProgress => theme.progress_started,
        Progress::NotStarted => theme.progress_todo,
    };
    if b.paras_total == 0 {
        // No sidecar: nothing to count.
        let text = if width == CellWidth::Full {
            "○ not started"
        } else {
            "○ —"
        };
        return (text.to_owned(), style);
    }
    let paras = format!("{}/{}", b.paras_done, b.paras_total);
    let text = match width {
        CellWidth::Full => format!(
            "{} {:<11} {paras:>7} {:>4} cl",
            mark(progress),
            progress.as_str(),
            b.claims
        ),
        CellWidth::Compact => format!("{} {paras:>7} {:>3}c", mark(progress), b.claims),
        CellWidth::Tiny => format!("{} {paras:>5}", mark(progress)),
    };
    (text, style)
}

pub(crate) fn modified_text(cell: &Cell) -> String {
    match cell {
        // RFC 3339 to "YYYY-MM-DD HH:MM". The time comes from a file that may have been edited
        // by hand, so it is cut by characters, never by bytes.
        Cell::Known(b) if b.modified.chars().count() >= 16 => b
            .modified
            .chars()
            .take(16)
            .collect::<String>()
            .replacen('T', " ", 1),
        _ => String::new(),
    }
}

pub(crate) fn list_line<'a>(
    c: &CorpusState,
    entry: usize,
    selected: bool,
    cols: &Columns,
    theme: &Theme,
) -> Line<'a> {
    let rel = &c.entries()[entry].rel_path;
    let marker = if selected { "› " } else { "  " };
    let mut spans = vec![
        Span::styled(marker, theme.key),
        Span::styled(pad(rel, cols.name), theme.text),
    ];
    let current = c.cell(entry, 0);
    let (text, style) = cell_text(current, cols.current, theme);
    spans.push(Span::styled(
        format!(" {}", pad(&text, cols.current.width())),
        style,
    ));
    if cols.modified {
        spans.push(Span::styled(
            format!(" {}", pad(&modified_text(current), MODIFIED)),
            theme.dim,
        ));
    }
    for col in 1..=cols.others {
        let (text, style) = cell_text(c.cell(entry, col), CellWidth::Compact, theme);
        spans.push(Span::styled(
            format!(" {}", pad(&text, CellWidth::Compact.width())),
            style,
        ));
    }
    if selected {
        // One uniform highlight: progress colours would fight the selection background.
        for span in &mut spans {
            span.style = theme.list_selected;
        }
    }
    Line::from(spans)
}
