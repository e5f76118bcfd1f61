//! Popups over the screen: the attribute menu, single-key value pickers, filter lists, text
//! prompts (long text wraps), the re-anchoring list (orphaned and fuzzy spans) and the entity
//! list.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::{KeyMode, Theme};
use crate::model::AnchorStatus;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::display::wrap_chars;
use crate::tui::display::{clean, truncate};
use crate::tui::keyname;
use crate::tui::manage_list::{KEY_CONFIRM, KEY_DELETE, KEY_PLACE, KEY_RENAME, review_items};
use crate::tui::menu_keys::{current_value, item_key};
use crate::tui::mode::{Field, MenuItem, Mode};

/// The characters `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

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

/// The mark in front of the row `enter` takes.
fn marker(on: bool) -> &'static str {
    if on { "▶ " } else { "  " }
}

/// What a menu line shows for a value nobody set: the schema default, marked as such.
fn unset_label(app: &App, item: &MenuItem) -> String {
    match &item.field {
        Field::Attr(name) => app
            .schema
            .default_of(name)
            .map_or_else(|| "—".to_owned(), |d| format!("{d} (default)")),
        _ => "—".to_owned(),
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
    let pk = |a: &Action| keyname::key_in(app, KeyMode::Picker, a);
    let ik = |a: &Action| keyname::key_in(app, KeyMode::Input, a);
    let (title, lines, cursor, input): (String, Vec<Line>, usize, Option<(String, usize)>) =
        match &app.mode {
            Mode::Menu(menu) => {
                let lines = menu
                    .items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        let key = item_key(i, item).map_or(' ', |k| k);
                        let owner = if item.owner == menu.record {
                            String::new()
                        } else {
                            format!(" ({})", item.owner)
                        };
                        // An unset value shows the schema default, dimmed: nobody chose it.
                        let (value, unset) = match current_value(doc, item) {
                            Some(v) => (v, false),
                            None => (unset_label(app, item), true),
                        };
                        let label = truncate(
                            &format!("{:<18} ", field_label(item)),
                            inner_w.saturating_sub(3),
                        );
                        let rest = truncate(
                            &format!("{value}{owner}"),
                            inner_w.saturating_sub(3 + label.chars().count()),
                        );
                        let style = if i == menu.cursor {
                            theme.list_selected
                        } else {
                            theme.text
                        };
                        let value_style = if unset { style.patch(theme.dim) } else { style };
                        Line::from(vec![
                            TextSpan::styled(marker(i == menu.cursor), theme.key),
                            TextSpan::styled(format!("{key} "), theme.key),
                            TextSpan::styled(label, style),
                            TextSpan::styled(rest, value_style),
                        ])
                    })
                    .collect();
                (
                    format!(
                        " {} attributes · key or {} ",
                        menu.record,
                        pk(&Action::Confirm)
                    ),
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
                    // The row `enter` takes is marked, not only coloured.
                    Line::from(vec![
                        TextSpan::styled(marker(i == list.cursor), theme.key),
                        TextSpan::styled(truncate(label, inner_w.saturating_sub(2)), style),
                    ])
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
                // Long text wraps; the cursor is placed on its wrapped row below.
                let rows = wrap_chars(&t.edit.text, inner_w.max(1));
                let lines = rows
                    .iter()
                    .map(|&(s, e)| Line::from(clean(&chars(&t.edit.text, s, e)).into_owned()))
                    .collect();
                let row = rows
                    .iter()
                    .rposition(|&(s, _)| s <= t.edit.cursor)
                    .unwrap_or(0);
                let start = rows.get(row).map_or(0, |r| r.0);
                let newline = match (
                    &t.item.field,
                    app.keymap
                        .keys_for(
                            crate::config::KeyMode::Input,
                            &crate::tui::action::Action::InsertNewline,
                        )
                        .first(),
                ) {
                    (Field::Note, Some(k)) => format!(", {k} new line"),
                    _ => String::new(),
                };
                (
                    format!(
                        " {} of {} · {} saves{newline}, {} cancels ",
                        field_label(&t.item),
                        t.item.owner,
                        ik(&Action::Confirm),
                        ik(&Action::Cancel)
                    ),
                    lines,
                    row,
                    Some((chars(&t.edit.text, start, t.edit.cursor), row)),
                )
            }
            Mode::Orphans(cursor) => {
                let items = review_items(app);
                let lines = items
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let style = if i == *cursor {
                            theme.list_selected
                        } else {
                            theme.text
                        };
                        let what = if s.status == AnchorStatus::Orphaned {
                            format!("ORPHAN was ¶{}", s.anchor.para + 1)
                        } else {
                            format!("fuzzy ¶{}", s.anchor.para + 1)
                        };
                        Line::styled(
                            truncate(
                                &format!("{} {} {what}: “{}”", s.id, s.kind, s.anchor.exact),
                                inner_w,
                            ),
                            style,
                        )
                    })
                    .collect();
                (
                    format!(
                        " re-anchoring · {KEY_PLACE}/{} place or go · {KEY_CONFIRM} confirm fuzzy · {KEY_DELETE} delete · {} ",
                        pk(&Action::Confirm),
                        pk(&Action::Cancel)
                    ),
                    lines,
                    *cursor,
                    None,
                )
            }
            Mode::Entities(cursor) => {
                let lines = doc
                    .entities
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let style = if i == *cursor {
                            theme.list_selected
                        } else {
                            theme.text
                        };
                        let mentions = doc
                            .spans
                            .iter()
                            .filter(|s| s.entity.as_deref() == Some(e.id.as_str()))
                            .count();
                        Line::styled(
                            truncate(&format!("{} {} ×{mentions}", e.id, e.name), inner_w),
                            style,
                        )
                    })
                    .collect();
                (
                    format!(
                        " entities · {KEY_RENAME}/{} rename · {KEY_DELETE} delete (mentions unlinked) · {} ",
                        pk(&Action::Confirm),
                        pk(&Action::Cancel)
                    ),
                    lines,
                    *cursor,
                    None,
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
    // The terminal cursor: in a list, after the filter text; in a text prompt, on its row.
    let at = match (&app.mode, input) {
        (Mode::List(_), Some((text, cursor))) => {
            let before: String = text.chars().take(cursor).collect();
            Some((
                8 + unicode_width::UnicodeWidthStr::width(clean(&before).as_ref()),
                0,
            ))
        }
        (Mode::Text(_), Some((before, row))) => Some((
            unicode_width::UnicodeWidthStr::width(clean(&before).as_ref()),
            row.saturating_sub(scroll),
        )),
        _ => None,
    };
    if let Some((col, row)) = at {
        let x = rect.x + 1 + u16::try_from(col).unwrap_or(u16::MAX - rect.x - 1);
        let y = rect.y + 1 + u16::try_from(row).unwrap_or(0);
        let shown = matches!(app.mode, Mode::Text(_)) || scroll == 0;
        if x < rect.right() && y + 1 < rect.bottom() && shown {
            frame.set_cursor_position(Position::new(x.min(rect.right() - 1), y));
        }
    }
}
