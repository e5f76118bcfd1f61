//! The two bottom lines: the message line (what just happened, errors, the search prompt)
//! and the status bar (file, annotator, paragraph, done count, save state, mode, key hints
//! generated from the keymap).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::Paragraph;

use crate::config::KeyMode;
use crate::config::Theme;
use crate::model::AnchorStatus;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::display::{clean, truncate};
use crate::tui::keyname;
use crate::tui::mode::Mode;

/// Draw the message line.
pub fn render_message(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if let Mode::Search(line) = &app.mode {
        let text = format!("/{}", clean(&line.text));
        frame.render_widget(Paragraph::new(text).style(theme.text), area);
        let before: String = line.text.chars().take(line.cursor).collect();
        let x = area.x
            + 1
            + u16::try_from(unicode_width::UnicodeWidthStr::width(
                clean(&before).as_ref(),
            ))
            .unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let Some(msg) = &app.message else {
        return;
    };
    let style = if msg.error { theme.error } else { theme.text };
    frame.render_widget(
        Paragraph::new(truncate(&msg.text, usize::from(area.width))).style(style),
        area,
    );
}

/// Draw the status bar.
pub fn render_status(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let art = &app.art;
    let (save_text, save_style) = match &art.save {
        SaveState::Saved => ("saved", theme.status_ok),
        SaveState::Pending => ("saving", theme.status),
        SaveState::Failed(_) => ("NOT SAVED", theme.error),
        SaveState::ReadOnly(_) => ("READ-ONLY", theme.error),
        SaveState::Conflict(_) => ("CONFLICT", theme.error),
    };
    let para = format!("¶ {}/{}", art.para + 1, art.para_count());
    let done = format!("done {}/{}", art.doc.done.len(), art.para_count());
    let file = truncate(&art.article.file_name(), 24);
    // From the most to the least informative; a narrow terminal drops the file and annotator
    // names before the key hints lose the help key.
    let lefts = [
        format!(" {file} · {} · {para} · {done} ", app.annotator),
        format!(" {file} · {para} · {done} "),
        format!(" {para} · {done} "),
        format!(" {para} "),
    ];
    let mode = format!(" {} ", app.mode.label());
    let parts = hints(app);
    let essential = parts.last().map_or(0, |p| p.chars().count() + 1);
    let fixed = save_text.len() + 2 + mode.len() + 1;
    let width = usize::from(area.width);
    let left = lefts
        .iter()
        .find(|l| l.chars().count() + fixed + essential <= width)
        .unwrap_or(&lefts[lefts.len() - 1])
        .clone();
    let room = width.saturating_sub(left.chars().count() + fixed);
    let line = Line::from(vec![
        TextSpan::styled(left, theme.status),
        TextSpan::styled(format!(" {save_text} "), save_style),
        // The status colours swapped: readable in every theme (a key colour on the status
        // background is not, e.g. yellow on white in high contrast).
        TextSpan::styled(
            mode,
            theme
                .status
                .add_modifier(ratatui::style::Modifier::BOLD | ratatui::style::Modifier::REVERSED),
        ),
        TextSpan::styled(format!(" {}", fit(&parts, room)), theme.status),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// The hints that fit in `room` columns, whole: the first ones in order, and always the last
/// one (the help key) when it fits at all.
fn fit(parts: &[String], room: usize) -> String {
    let Some((last, rest)) = parts.split_last() else {
        return String::new();
    };
    let sep = 2;
    let mut budget = room.saturating_sub(last.chars().count());
    let mut out: Vec<&str> = Vec::new();
    for part in rest {
        let need = part.chars().count() + sep;
        if need > budget {
            break;
        }
        budget -= need;
        out.push(part);
    }
    if last.chars().count() <= room {
        out.push(last);
        out.join("  ")
    } else {
        truncate(&out.join("  "), room)
    }
}

/// Key hints for the current mode, from the keymap, most useful first; the help key (where
/// bound) comes last and is kept by [`fit`] whatever the width.
fn hints(app: &App) -> Vec<String> {
    let mode = app.mode.key_mode();
    // The last action of each list is the one kept on the narrowest bar.
    let wanted: &[Action] = match app.mode {
        Mode::Normal => &[
            Action::StartSelection,
            Action::CaretNextWord,
            Action::NextRecord,
            Action::Attribute,
            Action::EditAttributes,
            Action::ToggleDone,
            Action::Undo,
            Action::Quit,
            Action::Help,
        ],
        Mode::Select => &[
            Action::SelToPhrase,
            Action::SelGrowWord,
            Action::SelShrinkWord,
            Action::SelNextWord,
            Action::SelGrowChar,
            Action::SelToSentenceEnd,
            Action::Cancel,
            Action::Help,
        ],
        Mode::Text(_) => &[
            Action::Confirm,
            Action::CursorHome,
            Action::CursorEnd,
            Action::Cancel,
        ],
        Mode::Search(_) => &[Action::Confirm, Action::Cancel],
        Mode::Help(_) => &[Action::ListDown, Action::Cancel],
        _ => &[Action::Confirm, Action::ListDown, Action::Cancel],
    };
    let mut parts: Vec<String> = Vec::new();
    if matches!(app.mode, Mode::Normal) {
        if let Some(crate::tui::app::Pending::Reattach(id)) = &app.pending {
            parts.push(format!(
                "PLACING {id}: {} select, {} attach",
                keyname::key(app, &Action::StartSelection),
                keyname::key_in(app, KeyMode::Select, &Action::Confirm)
            ));
        }
        let mut first = |action: Action, label: &str| {
            if let Some(key) = app.keymap.keys_for(mode, &action).first() {
                parts.push(format!("{key} {label}"));
            }
        };
        if matches!(app.art.save, SaveState::Conflict(_)) {
            first(Action::SaveConflictCopy, "save mine aside");
            first(Action::ReloadSidecar, "reload");
        }
        let orphans = app.art.orphans().len();
        if orphans > 0 {
            first(Action::Orphans, &format!("{orphans} orphans"));
        }
        if app
            .art
            .selected()
            .is_some_and(|s| s.status == AnchorStatus::Fuzzy)
        {
            first(Action::ConfirmAnchor, "confirm place");
        }
        // Suggestions pending: how to go through them comes first.
        let assist = &app.art.assist;
        if assist.is_loading() {
            parts.push("suggesting…".to_owned());
        } else if !assist.suggestions.is_empty() {
            let n = assist.pending_count(&app.art.doc, &app.schema, app.art.history.changes());
            if n > 0 {
                first(Action::NextSuggestion, &format!("{n} suggested"));
                first(Action::AcceptSuggestion, "accept");
                first(Action::RejectSuggestion, "reject");
            }
        }
    }
    if matches!(app.mode, Mode::Select) {
        if let Some(crate::tui::app::Pending::Reattach(id)) = &app.pending {
            parts.push(format!(
                "{} places {id} here",
                keyname::key_in(app, KeyMode::Select, &Action::Confirm)
            ));
        }
        parts.extend(
            app.schema
                .spans
                .iter()
                .filter(|k| k.enabled)
                .map(|k| format!("{} {}", k.key, k.name)),
        );
    }
    for action in wanted {
        let Some(key) = app
            .keymap
            .keys_for(mode, action)
            .first()
            .map(ToString::to_string)
        else {
            continue;
        };
        let back = match action {
            Action::CaretNextWord => Some(Action::CaretPrevWord),
            Action::ListDown => Some(Action::ListUp),
            _ => None,
        };
        let key = match back.and_then(|b| app.keymap.keys_for(mode, &b).first().copied()) {
            Some(other) => format!("{key}/{other}"),
            None => key,
        };
        parts.push(format!("{key} {}", short(app, action)));
    }
    parts
}

fn short(app: &App, action: &Action) -> &'static str {
    match action {
        Action::CaretNextWord => "word",
        Action::ListDown if matches!(app.mode, Mode::Help(_)) => "scroll",
        Action::ListDown => "move",
        Action::Confirm if matches!(app.mode, Mode::Search(_)) => "search",
        Action::Cancel if matches!(app.mode, Mode::Help(_)) => "close",
        Action::StartSelection => "select",
        Action::NextRecord => "record",
        Action::Attribute => "attribute",
        Action::EditAttributes => "attrs",
        Action::ToggleDone => "done",
        Action::Undo => "undo",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::SelGrowWord => "+word",
        Action::SelShrinkWord => "-word",
        Action::SelNextWord => "next",
        Action::SelGrowChar => "+char",
        Action::SelToSentenceEnd => "sentence",
        Action::SelToPhrase => "phrase",
        Action::Cancel => "cancel",
        Action::Confirm => "ok",
        Action::CursorHome => "start",
        Action::CursorEnd => "end",
        other => other.describe(),
    }
}
