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
    let left = format!(
        " {} · {} · ¶ {}/{} · done {}/{} ",
        truncate(&art.article.file_name(), 24),
        app.annotator,
        art.para + 1,
        art.para_count(),
        art.doc.done.len(),
        art.para_count()
    );
    let mode = format!(" {} ", app.mode.label());
    let hints = hints(app);
    let used = left.chars().count() + save_text.len() + 2 + mode.len() + 1;
    let room = usize::from(area.width).saturating_sub(used);
    let line = Line::from(vec![
        TextSpan::styled(left, theme.status),
        TextSpan::styled(format!(" {save_text} "), save_style),
        TextSpan::styled(mode, theme.status.patch(theme.key)),
        TextSpan::styled(format!(" {}", truncate(&hints, room)), theme.status),
    ]);
    frame.render_widget(Paragraph::new(line).style(theme.status), area);
}

/// Key hints for the current mode, from the keymap.
fn hints(app: &App) -> String {
    let mode = app.mode.key_mode();
    let wanted: &[Action] = match app.mode {
        Mode::Normal => &[
            Action::StartSelection,
            Action::NextRecord,
            Action::Attribute,
            Action::EditAttributes,
            Action::ToggleDone,
            Action::Undo,
            Action::Help,
            Action::Quit,
        ],
        Mode::Select => &[
            Action::SelGrowWord,
            Action::SelShrinkWord,
            Action::SelNextWord,
            Action::SelGrowChar,
            Action::SelToSentenceEnd,
            Action::Cancel,
        ],
        Mode::Text(_) => &[
            Action::Confirm,
            Action::Cancel,
            Action::CursorHome,
            Action::CursorEnd,
        ],
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
        if let Some(key) = app.keymap.keys_for(mode, action).first() {
            parts.push(format!("{key} {}", short(action)));
        }
    }
    parts.join("  ")
}

fn short(action: &Action) -> &'static str {
    match action {
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
        Action::Cancel => "cancel",
        Action::Confirm => "ok",
        Action::ListDown => "down",
        Action::CursorHome => "start",
        Action::CursorEnd => "end",
        other => other.describe(),
    }
}
