//! The help screen, generated from the keymap and [`Action::describe`](crate::tui::action::Action::describe),
//! plus the schema's kind keys for select mode and the picker keys.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::{KeyMode, Theme};
use crate::tui::app::App;

/// Every help line (also used by tests).
#[must_use]
pub fn lines<'a>(app: &App, theme: &Theme) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for mode in KeyMode::ALL {
        out.push(Line::styled(format!("── {} ──", mode.name()), theme.title));
        for (action, keys) in app.keymap.bindings(mode) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            out.push(Line::from(vec![
                TextSpan::styled(format!("  {:<18}", keys.join(" ")), theme.key),
                TextSpan::styled(action.describe(), theme.text),
            ]));
        }
        match mode {
            KeyMode::Select => {
                for kind in app.schema.spans.iter().filter(|k| k.enabled) {
                    out.push(Line::from(vec![
                        TextSpan::styled(format!("  {:<18}", kind.key), theme.key),
                        TextSpan::styled(format!("mark as {}", kind.name), theme.text),
                    ]));
                }
            }
            KeyMode::Picker => out.push(Line::styled(
                "  1-9 0 / value keys  choose a menu line / a value (keys from the schema)",
                theme.dim,
            )),
            KeyMode::Input => out.push(Line::styled("  other keys          typed", theme.dim)),
            KeyMode::Review => {
                out.push(Line::styled(
                    "  3-9                 take the n-th annotator's version (three or more annotators)",
                    theme.dim,
                ));
                out.push(Line::styled(
                    "  mouse               click a span or a queue row to select its item; the wheel scrolls the article (the queue under the pointer)",
                    theme.dim,
                ));
            }
            KeyMode::Normal => out.push(Line::styled(
                "  mouse               click a word to put the caret there, a record to select it; the wheel scrolls",
                theme.dim,
            )),
            _ => {}
        }
    }
    out
}

/// Draw the help popup.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect, scroll: u16) {
    // A tenth of margin on wide terminals; on narrow ones the descriptions need every column.
    let margin = if area.width >= 100 {
        area.width / 10
    } else {
        1
    };
    let popup = Rect {
        x: area.x + margin,
        y: area.y + 1,
        width: area.width.saturating_sub(2 * margin),
        height: area.height.saturating_sub(3),
    };
    frame.render_widget(Clear, popup);
    let key = |a| crate::tui::keyname::key_in(app, crate::config::KeyMode::Help, a);
    let title = format!(
        " keys · theme {} · {} or {} closes ",
        theme.name,
        key(&crate::tui::action::Action::Help),
        key(&crate::tui::action::Action::Cancel)
    );
    frame.render_widget(
        Paragraph::new(lines(app, theme))
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme.border_focus)
                    .title(Line::styled(title, theme.title)),
            )
            .style(theme.text)
            .scroll((scroll, 0)),
        popup,
    );
}
