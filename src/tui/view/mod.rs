//! Rendering: a pure function of the state, `render(&App, &Theme, &mut Frame)`, split by
//! screen region. Panes borrow the state and draw; they never change it (the wrap cache is
//! the one interior-mutable exception, and only memoises).
//!
//! ```text
//! ┌ ¶ 3/7 · wire-001.txt ─────────────────────┐┌ ¶3 records ───────────────┐
//! │▌ Meanwhile, a port authority official     ││ C2 event · probable       │
//! │▌ told the Harbour Gazette that talks ...  ││   ← S2 (E2) · K2 told     │
//! │                                           ││ S2 “a port authority…”    │
//! │✓ Transport minister Ilse Marquardt ...    │├ C2 ──────────────────────┤
//! │                                           ││ detail of the selected    │
//! │                 article pane              │├ speakers ────────────────┤
//! │        (gutter: ▌ current, ✓ done)        ││ E1 Valmora union  ×2      │
//! └───────────────────────────────────────────┘└───────────────────────────┘
//!  message line: what just happened / errors
//!  status: file · annotator · ¶ i/n · done · saved · MODE · key hints
//! ```
//! Popups (menus, pickers, lists, prompts, help) are drawn over the middle of the screen.

pub mod annotations;
pub mod article;
pub mod help;
pub mod popup;
pub mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::config::Theme;
use crate::tui::app::App;
use crate::tui::layout::geometry;
use crate::tui::mode::Mode;

/// Draw the whole screen.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame) {
    if app.screen == crate::tui::app::Screen::Corpus {
        crate::tui::corpus::view::render(app, theme, frame);
        return;
    }
    if app.screen == crate::tui::app::Screen::Review {
        crate::tui::review::view::render(app, theme, frame);
        return;
    }
    let area = frame.area();
    let Some(areas) = geometry::areas(area) else {
        too_small(app, theme, frame, area);
        return;
    };
    article::render(app, theme, frame, areas.article);
    if let Some(side) = areas.side {
        annotations::render(app, theme, frame, side);
    }
    status::render_message(app, theme, frame, areas.message);
    status::render_status(app, theme, frame, areas.status);
    match &app.mode {
        Mode::Help(scroll) => help::render(app, theme, frame, area, *scroll),
        Mode::Menu(_)
        | Mode::Values(_)
        | Mode::List(_)
        | Mode::Text(_)
        | Mode::Orphans(_)
        | Mode::Entities(_) => {
            popup::render(app, theme, frame, area);
        }
        Mode::Normal | Mode::Select | Mode::Search(_) => {}
    }
}

/// The notice shown when the terminal is smaller than the screen needs.
fn too_small(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = vec![
        Line::from("Terminal too small"),
        Line::from(format!(
            "need {}x{}, have {}x{}",
            geometry::MIN_WIDTH,
            geometry::MIN_HEIGHT,
            area.width,
            area.height
        )),
        Line::from(too_small_hint(app)),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.text)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// How to get out of the too-small notice: quit where it is bound, else close.
fn too_small_hint(app: &App) -> String {
    let mode = app.key_mode();
    let quit = app.keymap.keys_for(mode, &crate::tui::action::Action::Quit);
    match quit.first() {
        Some(k) => format!("{k} quits"),
        None => format!(
            "{} closes",
            crate::tui::keyname::key_in(app, mode, &crate::tui::action::Action::Cancel)
        ),
    }
}
