//! Drawing the corpus list. Only the rows on screen are formatted, whatever the corpus size.
//!
//! ```text
//!  sample-data · 3 articles · alice: ✓ 1 done · ◐ 1 in progress · ○ 1 not started
//!    article                 alice (you)                   modified          bob ✓1
//!  › wire-001.txt            ✓ done           7/7    4 cl  2026-11-25 09:41  ◐   3/7   2c
//!    wire-002.txt            ◐ in progress    2/5    1 cl  2026-11-24 17:02  …
//!  sort name ↑ · status all · path "wire"            (message line; `/` edits the filter)
//!  alice · 3/3 shown  CORPUS  enter open  / filter  f status  s sort …  (status bar)
//! ```
//! Narrow terminals drop the modified column, then the other annotators, then shorten the
//! current annotator's cell to its status mark and paragraphs.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::config::{KeyMode, Theme};
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::corpus::row::{CellWidth, Columns, MODIFIED, columns, list_line, pad};
use crate::tui::corpus::state::CorpusState;
use crate::tui::display::{clean, truncate};
use crate::tui::layout::corpus::{has_header, list_rows, list_top_row};
use crate::tui::mode::Mode;

/// Smallest terminal the list is drawn in.
pub const MIN_SIZE: (u16, u16) = (16, 4);

/// Draw the corpus screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    let area = frame.area();
    let Some(c) = app.corpus.as_deref() else {
        return;
    };
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "Terminal too small ({}x{}); q quits",
            area.width, area.height
        );
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.text)
                .wrap(ratatui::widgets::Wrap { trim: true }),
            area,
        );
        return;
    }
    let size = (area.width, area.height);
    let row = |y: u16| Rect::new(area.x, area.y + y, area.width, 1);
    frame.render_widget(title(app, c, theme, area.width), row(0));
    let cols = columns(usize::from(area.width), c.columns.len());
    if has_header(size) {
        frame.render_widget(header(app, c, &cols, theme), row(1));
    }
    let rows = list_rows(size);
    let first = list_top_row(size);
    let top = c.top.min(c.view().len().saturating_sub(rows));
    for (i, &entry) in c.view().iter().skip(top).take(rows).enumerate() {
        let selected = top + i == c.cursor;
        let line = list_line(c, entry, selected, &cols, theme);
        let y = first + u16::try_from(i).unwrap_or(0);
        frame.render_widget(Paragraph::new(line), row(y));
    }
    if c.view().is_empty() {
        let text = if c.entries().is_empty() {
            "no articles (.txt, .md) under this directory"
        } else {
            "no article matches the filter (esc clears it)"
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim), row(first));
    }
    message(app, c, theme, frame, row(area.height - 2));
    frame.render_widget(status(app, c, theme, area.width), row(area.height - 1));
    if let Mode::Help(scroll) = app.mode {
        crate::tui::view::help::render(app, theme, frame, area, scroll);
    }
}

fn title<'a>(app: &App, c: &CorpusState, theme: &Theme, width: u16) -> Paragraph<'a> {
    let t = c.totals(0);
    if width < 80 {
        // Narrow: the counts matter more than the words.
        let mut text = format!(
            " {} ✓{} ◐{} ○{}",
            clean(&c.name),
            t.done,
            t.in_progress,
            t.not_started
        );
        if t.unreadable > 0 {
            text.push_str(&format!(" ✗{}", t.unreadable));
        }
        if t.unknown > 0 {
            text.push_str(&format!(" …{}", t.unknown));
        }
        text.push_str(&format!(" · {} articles", c.entries().len()));
        return Paragraph::new(truncate(&text, usize::from(width))).style(theme.title);
    }
    let mut spans = vec![
        Span::styled(
            format!(
                " {} · {} articles · {}: ",
                clean(&c.name),
                c.entries().len(),
                app.annotator
            ),
            theme.title,
        ),
        Span::styled(format!("✓ {} done", t.done), theme.progress_done),
        Span::styled(" · ", theme.dim),
        Span::styled(
            format!("◐ {} in progress", t.in_progress),
            theme.progress_started,
        ),
        Span::styled(" · ", theme.dim),
        Span::styled(
            format!("○ {} not started", t.not_started),
            theme.progress_todo,
        ),
    ];
    if t.unreadable > 0 {
        spans.push(Span::styled(" · ", theme.dim));
        spans.push(Span::styled(
            format!("✗ {} unreadable", t.unreadable),
            theme.error,
        ));
    }
    if t.unknown > 0 {
        spans.push(Span::styled(
            format!(" · … {} loading", t.unknown),
            theme.dim,
        ));
    }
    Paragraph::new(Line::from(spans))
}

fn header<'a>(app: &App, c: &CorpusState, cols: &Columns, theme: &Theme) -> Paragraph<'a> {
    let mut text = format!("  {}", pad("article", cols.name));
    let you = format!("{} (you)", app.annotator);
    text.push(' ');
    text.push_str(&pad(&you, cols.current.width()));
    if cols.modified {
        text.push(' ');
        text.push_str(&pad("modified", MODIFIED));
    }
    for (col, name) in c.columns.iter().enumerate().skip(1).take(cols.others) {
        let t = c.totals(col);
        text.push(' ');
        text.push_str(&pad(
            &format!("{name} ✓{}", t.done),
            CellWidth::Compact.width(),
        ));
    }
    let hidden = c.columns.len() - 1 - cols.others;
    if hidden > 0 && cols.current != CellWidth::Tiny {
        text.push_str(&format!(" +{hidden}"));
    }
    Paragraph::new(text).style(theme.title)
}

fn message(app: &App, c: &CorpusState, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Mode::Search(edit) = &app.mode {
        frame.render_widget(
            Paragraph::new(format!("filter: {}", clean(&edit.text))).style(theme.text),
            area,
        );
        let before: String = edit.text.chars().take(edit.cursor).collect();
        let x = area.x + 8 + u16::try_from(clean(&before).width()).unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    if let Some(msg) = &app.message {
        let style = if msg.error { theme.error } else { theme.text };
        frame.render_widget(
            Paragraph::new(truncate(&msg.text, usize::from(area.width))).style(style),
            area,
        );
        return;
    }
    let arrow = if c.descending { "↓" } else { "↑" };
    let mut text = format!(
        "sort {} {arrow} · status {}",
        c.sort.label(),
        c.status_filter.label()
    );
    if !c.filter.is_empty() {
        text.push_str(&format!(" · path \"{}\"", c.filter));
    }
    frame.render_widget(
        Paragraph::new(truncate(&text, usize::from(area.width))).style(theme.dim),
        area,
    );
}

fn status<'a>(app: &App, c: &CorpusState, theme: &Theme, width: u16) -> Paragraph<'a> {
    let left = format!(
        " {} · {}/{} shown ",
        app.annotator,
        c.view().len(),
        c.entries().len()
    );
    let filtering = matches!(app.mode, Mode::Search(_));
    let mode = if filtering { " FILTER " } else { " CORPUS " };
    let typing: &[(Action, &str)] = &[(Action::Confirm, "keep"), (Action::Cancel, "restore")];
    let listing: &[(Action, &str)] = &[
        (Action::OpenArticle, "open"),
        (Action::FilterPath, "filter"),
        (Action::CycleStatusFilter, "status"),
        (Action::SortStatus, "by status"),
        (Action::SortProgress, "by progress"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
    ];
    let (wanted, section) = if filtering {
        (typing, KeyMode::Input)
    } else {
        (listing, KeyMode::Corpus)
    };
    let hints: Vec<String> = wanted
        .iter()
        .filter_map(|(a, label)| {
            let key = app.keymap.keys_for(section, a).first().copied()?;
            Some(format!("{key} {label}"))
        })
        .collect();
    let mut hints = hints;
    if filtering {
        hints.push("↑↓ move".to_owned());
    }
    // The article left last may still be waiting for a save that failed.
    let unsaved = if matches!(app.art.save, SaveState::Failed(_) | SaveState::Conflict(_)) {
        " NOT SAVED "
    } else {
        ""
    };
    let room = usize::from(width).saturating_sub(left.width() + unsaved.len() + mode.len() + 1);
    Paragraph::new(Line::from(vec![
        Span::styled(left, theme.status),
        Span::styled(unsaved, theme.error),
        Span::styled(mode, theme.status.patch(theme.key)),
        Span::styled(
            format!(" {}", truncate(&hints.join("  "), room)),
            theme.status,
        ),
    ]))
    .style(theme.status)
}
