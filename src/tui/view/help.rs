//! The help screen: the lines of [`crate::tui::layout::help_text`] (from the keymap, the
//! schema's kind keys and the picker keys), styled and scrolled in a popup.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::config::Theme;
use crate::tui::app::App;
use crate::tui::layout::help_text::{HelpLine, help_lines};

/// Every help line, styled (also used by tests).
#[must_use]
pub fn lines<'a>(app: &App, theme: &Theme) -> Vec<Line<'a>> {
    help_lines(app)
        .into_iter()
        .map(|line| match line {
            HelpLine::Heading(_) => Line::styled(line.text(), theme.title),
            HelpLine::Binding { keys, what } => Line::from(vec![
                TextSpan::styled(format!("  {keys:<18}"), theme.key),
                TextSpan::styled(what, theme.text),
            ]),
            HelpLine::Note(text) => Line::styled(text, theme.dim),
        })
        .collect()
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
