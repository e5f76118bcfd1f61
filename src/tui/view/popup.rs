//! Popups over the screen: the attribute menu, single-key value pickers, filter lists and
//! text prompts.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::Theme;
use crate::tui::app::App;
use crate::tui::display::{clean, truncate};
use crate::tui::mode::{Field, MenuItem, Mode};
use crate::tui::update::pickers::{current_value, menu_key};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn field_label(item: &MenuItem) -> String {
    match &item.field {
        Field::Attr(a) => a.clone(),
        Field::Confidence => "confidence".to_owned(),
        Field::Note => "note".to_owned(),
        Field::Name => "entity name".to_owned(),
    }
}

fn frame_block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(title, theme.title))
}

/// Draw the popup of the current mode.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(72);
    let inner_w = usize::from(width.saturating_sub(2));
    let doc = &app.art.doc;
    let (title, lines, cursor, input): (String, Vec<Line>, usize, Option<(String, usize)>) =
        match &app.mode {
            Mode::Menu(menu) => {
                let lines = menu
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let key = menu_key(i).map_or(' ', |k| k);
                        let value = current_value(doc, item).unwrap_or_else(|| "—".to_owned());
                        let owner = if item.owner == menu.record {
                            String::new()
                        } else {
                            format!(" ({})", item.owner)
                        };
                        let text = truncate(
                            &format!("{:<18} {value}{owner}", field_label(item)),
                            inner_w.saturating_sub(3),
                        );
                        let style = if i == menu.cursor {
                            theme.list_selected
                        } else {
                            theme.text
                        };
                        Line::from(vec![
                            TextSpan::styled(format!("{key} "), theme.key),
                            TextSpan::styled(text, style),
                        ])
                    })
                    .collect();
                (
                    format!(" {} attributes · key or enter ", menu.record),
                    lines,
                    menu.cursor,
                    None,
                )
            }
            Mode::Values(p) => {
                let current = current_value(doc, &p.item);
                let lines = p
                    .choices
                    .iter()
                    .enumerate()
                    .map(|(i, (key, name, def))| {
                        let mark = if current.as_deref() == Some(name.as_str()) {
                            "●"
                        } else {
                            " "
                        };
                        let style = if i == p.cursor {
                            theme.list_selected
                        } else {
                            theme.text
                        };
                        Line::from(vec![
                            TextSpan::styled(format!("{key} "), theme.key),
                            TextSpan::styled(format!("{mark} {name:<22}"), style),
                            TextSpan::styled(truncate(def, inner_w.saturating_sub(28)), theme.dim),
                        ])
                    })
                    .collect();
                (
                    format!(
                        " {} of {} · press a key ",
                        field_label(&p.item),
                        p.item.owner
                    ),
                    lines,
                    p.cursor,
                    None,
                )
            }
            Mode::List(list) => {
                let visible = list.visible();
                let mut lines = vec![Line::from(vec![
                    TextSpan::styled("filter: ", theme.dim),
                    TextSpan::raw(clean(&list.filter.text).into_owned()),
                ])];
                lines.extend(visible.iter().enumerate().map(|(i, (_, label))| {
                    let style = if i == list.cursor {
                        theme.list_selected
                    } else {
                        theme.text
                    };
                    Line::styled(truncate(label, inner_w), style)
                }));
                let title = match &list.purpose {
                    crate::tui::mode::ListPurpose::Source { claim } => {
                        format!(" source of {claim} · type to filter ")
                    }
                    crate::tui::mode::ListPurpose::Cue { claim, .. } => format!(" cue of {claim} "),
                    crate::tui::mode::ListPurpose::Entity { mention, .. } => {
                        format!(" entity of {mention} · type to filter ")
                    }
                };
                (
                    title,
                    lines,
                    list.cursor + 1,
                    Some((list.filter.text.clone(), list.filter.cursor)),
                )
            }
            Mode::Text(t) => {
                let line = Line::from(clean(&t.edit.text).into_owned());
                (
                    format!(
                        " {} of {} · enter saves, esc cancels ",
                        field_label(&t.item),
                        t.item.owner
                    ),
                    vec![line],
                    0,
                    Some((t.edit.text.clone(), t.edit.cursor)),
                )
            }
            _ => return,
        };
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2))
        .max(3);
    let rect = centered(area, width, height);
    let rows = usize::from(rect.height.saturating_sub(2));
    let scroll = cursor.saturating_sub(rows.saturating_sub(1));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines)
            .block(frame_block(title, theme))
            .style(theme.text)
            .scroll((u16::try_from(scroll).unwrap_or(0), 0)),
        rect,
    );
    if let Some((text, cursor)) = input {
        let before: String = text.chars().take(cursor).collect();
        let offset = if matches!(app.mode, Mode::List(_)) {
            8
        } else {
            0
        };
        let w = unicode_width::UnicodeWidthStr::width(clean(&before).as_ref());
        let x = rect.x + 1 + u16::try_from(w + offset).unwrap_or(0);
        let y = rect.y + 1;
        if x < rect.right() && scroll == 0 {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}
