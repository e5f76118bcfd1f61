//! The review screen: the article with every annotator's spans coloured by how they relate
//! (agree / only A / only B / only some / conflict, a legend at the bottom of the pane), the
//! queue, the side-by-side detail of the current item and the agreement summary
//! ([`panels`]), the message line and a status bar with the progress.
//!
//! ```text
//! ┌ wire-002.txt · alice ↔ bob ──────────┐┌ queue · 3/27 decided ─────┐
//! │ article, items coloured by status     ││▸· bounds Claim low “…”   │
//! │ (the current item reversed)           ││ ✓ agree  Cue        “…”   │
//! └ agree  only alice  only bob  conflict ┘├ agreement ───────────────┤
//! ┌ item 1/27 · Claim · boundary conflict ┐│ Claim exact 0.667 …      │
//! │ A alice          │ B bob              │└──────────────────────────┘
//! └───────────────────────────────────────┘
//!  message line
//!  REVIEW · file · decided 3/27 · saved · key hints
//! ```

pub mod panels;
pub mod summary;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::config::{KeyMode, Theme};

use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::display::{self, truncate};
use crate::tui::layout::review_geometry::{self, ReviewAreas};
use crate::tui::mode::Mode;
use crate::tui::review::ReviewState;
use crate::tui::review::view::panels::status_style;
use crate::tui::view::{help, status};
use crate::tui::wrap::VisualLine;

/// Smallest terminal that gets the review screen.
pub use crate::tui::layout::review_geometry::MIN_SIZE;

/// Draw the review screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(review) = app.review.as_deref() else {
        return;
    };
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "Terminal too small for review: need {}x{}, have {}x{} · {} quits",
            MIN_SIZE.0,
            MIN_SIZE.1,
            area.width,
            area.height,
            crate::tui::keyname::key_in(app, KeyMode::Review, &crate::tui::action::Action::Quit)
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.text)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let Some(ReviewAreas {
        article,
        queue,
        detail,
        summary,
        message,
        status: status_row,
    }) = review_geometry::areas(area)
    else {
        return;
    };
    render_article(review, theme, frame, article);
    panels::render_queue(review, theme, frame, queue);
    panels::render_detail(review, &app.schema, theme, frame, detail);
    summary::render_summary(review, theme, frame, summary);
    status::render_message(app, theme, frame, message);
    render_status(app, review, theme, frame, status_row);
    if let Mode::Help(scroll) = app.mode {
        help::render(app, theme, frame, area, scroll);
    }
}

/// The legend: one sample of each colour, named after the annotators.
fn legend(review: &ReviewState, theme: &Theme) -> Line<'static> {
    let names = review.names();
    let name = |a: usize| names.get(a).cloned().unwrap_or_default();
    let mut parts = vec![
        (" agree ".to_owned(), theme.review_agree),
        (format!(" only {} ", name(0)), theme.review_only_a),
        (format!(" only {} ", name(1)), theme.review_only_b),
    ];
    if names.len() > 2 {
        parts.push((" only some ".to_owned(), theme.review_partial));
    }
    parts.push((" conflict ".to_owned(), theme.review_conflict));
    let mut spans = Vec::new();
    for (text, style) in parts {
        spans.push(TextSpan::styled(text, style));
        spans.push(TextSpan::styled(" ", theme.border));
    }
    Line::from(spans)
}

/// One coloured extent: an annotator's span of an item.
struct Extent {
    para: usize,
    start: usize,
    end: usize,
    style: Style,
    current: bool,
}

/// Every annotator's span of every item, longest first (so shorter spans inside longer ones
/// are drawn over them).
fn extents(review: &ReviewState, theme: &Theme) -> Vec<Extent> {
    let docs = review.adj.annotators();
    let mut out: Vec<Extent> = Vec::new();
    for (i, item) in review.adj.items().iter().enumerate() {
        let style = status_style(theme, &item.status);
        let kind = Style::new().add_modifier(theme.span(&item.kind, 0).add_modifier);
        for (a, id) in item.members.iter().enumerate() {
            let Some(span) = id.as_deref().and_then(|id| docs.get(a)?.span(id)) else {
                continue;
            };
            out.push(Extent {
                para: span.anchor.para,
                start: span.anchor.start,
                end: span.anchor.end,
                style: style.patch(kind),
                current: i == review.cursor,
            });
        }
    }
    out.sort_by_key(|e| (std::cmp::Reverse(e.end - e.start), e.current));
    out
}

fn render_article(review: &ReviewState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let names = review.names().join(" ↔ ");
    let title = format!(
        " {} · {} ",
        truncate(&review.article.file_name(), 30),
        truncate(&names, 40)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(title, theme.title))
        .title_bottom(legend(review, theme));
    frame.render_widget(block, area);
    let (inner, lines) = review_geometry::article_lines(review, area);
    let extents = extents(review, theme);
    let buf = frame.buffer_mut();
    for (row, line) in lines.iter().enumerate() {
        if line.gap {
            continue;
        }
        let y = inner.y + u16::try_from(row).unwrap_or(u16::MAX);
        let styled = styled_line(review, theme, line, &extents);
        buf.set_line(inner.x, y, &styled, inner.width);
    }
}

fn styled_line(
    review: &ReviewState,
    theme: &Theme,
    line: &VisualLine,
    extents: &[Extent],
) -> Line<'static> {
    let text = &review.article.para_text(line.para)[line.byte_start..line.byte_end];
    let here: Vec<&Extent> = extents
        .iter()
        .filter(|e| {
            e.para == line.para
                && e.start < line.char_end.max(line.char_start + 1)
                && e.end > line.char_start
        })
        .collect();
    let out = display::styled_runs(text, line.char_start, theme.placeholder, |ch| {
        let mut style = theme.text;
        for e in here.iter().filter(|e| e.start <= ch && ch < e.end) {
            style = style.patch(e.style);
            if e.current {
                style = style.patch(theme.record_selected);
            }
        }
        style
    });
    Line::from(out)
}

fn render_status(app: &App, review: &ReviewState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (save_text, save_style) = match &review.save {
        SaveState::Saved => ("gold saved", theme.status_ok),
        SaveState::Pending => ("saving", theme.status),
        SaveState::Failed(_) => ("GOLD NOT SAVED", theme.error),
        SaveState::ReadOnly(_) => ("READ-ONLY", theme.error),
        SaveState::Conflict(_) => ("GOLD CHANGED ON DISK", theme.error),
    };
    let p = review.adj.progress();
    let left = format!(
        " {} · decided {}/{} ",
        truncate(&review.article.file_name(), 24),
        p.decided,
        p.total
    );
    let label = if app.mode == Mode::Normal {
        if review.choosing_edit {
            " EDIT WHICH? "
        } else {
            " REVIEW "
        }
    } else {
        " HELP "
    };
    let hints = hints(app);
    let used = left.chars().count() + save_text.len() + 2 + label.len() + 1;
    let room = usize::from(area.width).saturating_sub(used);
    let line = Line::from(vec![
        TextSpan::styled(left, theme.status),
        TextSpan::styled(format!(" {save_text} "), save_style),
        TextSpan::styled(label, theme.status.patch(theme.key)),
        TextSpan::styled(format!(" {}", truncate(&hints, room)), theme.status),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// Key hints from the keymap.
fn hints(app: &App) -> String {
    let wanted = [
        (Action::TakeA, "take A"),
        (Action::TakeB, "take B"),
        (Action::TakeAll, "both"),
        (Action::EditItem, "edit"),
        (Action::Reject, "reject"),
        (Action::AcceptAgreements, "agreements"),
        (Action::NextUndecided, "next"),
        (Action::UndoDecision, "undo"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ];
    wanted
        .iter()
        .filter_map(|(action, short)| {
            let key = app.keymap.keys_for(KeyMode::Review, action);
            key.first().map(|k| format!("{k} {short}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
}
