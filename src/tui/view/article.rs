//! The article pane: wrapped paragraphs of the visible rows only, the current paragraph and
//! done marks in the gutter, spans highlighted by kind (claims as background so speakers and
//! cues inside them stay visible; nested claims in another shade), the selection, the search
//! match and the selected record; fuzzy (approximately re-anchored) spans carry the theme's
//! `fuzzy` mark until confirmed; pending suggestions are drawn as ghosts (their own theme
//! styles, under the annotator's records). Control characters are drawn as placeholders.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_segmentation::UnicodeSegmentation;

use crate::config::Theme;
use crate::model::{AnchorStatus, Span};
use crate::tui::app::App;
use crate::tui::display;
use crate::tui::layout::geometry::article_rects;
use crate::tui::wrap::{Layout, VisualLine};

/// Draw the article pane in `area`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let art = &app.art;
    let mut title = format!(
        " ¶ {}/{} · {} ",
        art.para + 1,
        art.para_count(),
        display::truncate(&art.article.file_name(), 40)
    );
    // Too narrow for the annotation pane: the title says what the paragraph holds.
    let side_hidden =
        crate::tui::layout::geometry::areas(frame.area()).is_some_and(|a| a.side.is_none());
    if side_hidden {
        let n = art.spans_of(art.para).len();
        title.push_str(&format!("· {n} rec "));
        if let Some(s) = art.selected() {
            title.push_str(&format!(
                "· ▶ {} {} “{}” ",
                s.id,
                s.kind,
                display::truncate(&s.anchor.exact, 16)
            ));
        }
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Line::styled(title, theme.title));
    frame.render_widget(block, area);
    let rects = article_rects(area, art.has_banner());
    if let Some(banner) = rects.banner {
        let text = match &art.save {
            crate::tui::app::SaveState::ReadOnly(e) => format!("READ-ONLY, not saved: {e}"),
            crate::tui::app::SaveState::Conflict(_) => format!(
                "SIDECAR CHANGED ON DISK, edits not saved: {}",
                crate::tui::keyname::conflict_hint(app)
            ),
            _ => String::new(),
        };
        let text = display::truncate(&text, usize::from(banner.width));
        frame.render_widget(Paragraph::new(text).style(theme.error), banner);
    }
    if rects.text.width == 0 || rects.text.height == 0 {
        return;
    }
    let lines = {
        let mut cache = art.wrap.borrow_mut();
        Layout::new(&art.article, usize::from(rects.text.width), &mut cache)
            .lines_from(art.top, usize::from(rects.text.height))
    };
    let buf = frame.buffer_mut();
    for (row, line) in lines.iter().enumerate() {
        let y = rects.text.y + u16::try_from(row).unwrap_or(u16::MAX);
        if line.gap {
            continue;
        }
        if line.para == art.para {
            buf.set_string(rects.gutter.x, y, "▌", theme.current_mark);
        }
        if line.byte_start == 0 && art.doc.done.contains(&line.para) && rects.gutter.width > 1 {
            buf.set_string(rects.gutter.x + 1, y, "✓", theme.done_mark);
        }
        let styled = styled_line(app, theme, line);
        buf.set_line(rects.text.x, y, &styled, rects.text.width);
    }
    // Show the terminal cursor at the caret (where `v` starts a selection) in normal mode.
    if app.mode == crate::tui::mode::Mode::Normal
        && let Some((row, col)) = caret_cell(app, &lines)
    {
        let x = rects.text.x.saturating_add(col);
        let y = rects.text.y.saturating_add(row);
        if x < rects.text.right() && y < rects.text.bottom() {
            frame.set_cursor_position(ratatui::layout::Position::new(x, y));
        }
    }
}

/// Row and column of the caret among the visible lines.
fn caret_cell(app: &App, lines: &[VisualLine]) -> Option<(u16, u16)> {
    let art = &app.art;
    let (row, line) = lines.iter().enumerate().find(|(_, l)| {
        !l.gap
            && l.para == art.para
            && l.char_start <= art.caret
            && art.caret < l.char_end.max(l.char_start + 1)
    })?;
    let text = &art.article.para_text(line.para)[line.byte_start..line.byte_end];
    let mut ch = line.char_start;
    let mut col = 0;
    for g in text.graphemes(true) {
        if ch >= art.caret {
            break;
        }
        col += display::grapheme(g).1;
        ch += g.chars().count();
    }
    Some((u16::try_from(row).ok()?, u16::try_from(col).ok()?))
}

/// The ghost spans (kind, start, end, of the selected suggestion) of pending suggestions on
/// `line`: only the suggestions of its paragraph are looked at.
fn ghosts_of_line(app: &App, line: &VisualLine) -> Vec<(String, usize, usize, bool)> {
    let art = &app.art;
    let assist = &art.assist;
    let rel = &app.schema.relation;
    let mut out = Vec::new();
    for i in assist.pending_in(line.para, &art.doc, &app.schema) {
        let s = &assist.suggestions[i];
        let current = assist.current == Some(i);
        let parts = [
            (rel.from.as_str(), &s.claim),
            (rel.cue.as_deref().unwrap_or("Cue"), &s.cue),
            (rel.to.first().map_or("Speaker", String::as_str), &s.source),
        ];
        for (kind, part) in parts {
            if let Some(p) = part
                && p.para == line.para
                && p.start < line.char_end.max(line.char_start + 1)
                && p.end > line.char_start
            {
                out.push((kind.to_owned(), p.start, p.end, current));
            }
        }
    }
    out
}

/// The text of one visual line with every grapheme styled.
fn styled_line(app: &App, theme: &Theme, line: &VisualLine) -> Line<'static> {
    let art = &app.art;
    let text = &art.article.para_text(line.para)[line.byte_start..line.byte_end];
    let spans: Vec<&Span> = art
        .spans_of(line.para)
        .into_iter()
        .filter(|s| {
            s.anchor.start < line.char_end.max(line.char_start + 1)
                && s.anchor.end > line.char_start
        })
        .collect();
    let claims: Vec<(&Span, usize)> = spans
        .iter()
        .filter(|s| app.schema.is_claim_kind(&s.kind))
        .map(|c| {
            let depth = spans
                .iter()
                .filter(|o| {
                    o.id != c.id
                        && app.schema.is_claim_kind(&o.kind)
                        && o.anchor.start <= c.anchor.start
                        && o.anchor.end >= c.anchor.end
                })
                .count();
            (*c, depth)
        })
        .collect();
    let selected = if line.para == art.para {
        art.selected()
    } else {
        None
    };
    let selection = art.selection.filter(|s| s.para == line.para);
    let found = art.found.filter(|m| m.para == line.para);
    let ghosts = ghosts_of_line(app, line);

    let out = display::styled_runs(text, line.char_start, theme.placeholder, |ch| {
        let inside = |start: usize, end: usize| start <= ch && ch < end;
        let mut style = theme.text;
        // Ghosts first: the annotator's own records are drawn over them.
        for (kind, start, end, current) in &ghosts {
            if inside(*start, *end) {
                style = style.patch(theme.ghost(kind));
                if *current {
                    style = style.patch(theme.ghost_selected);
                }
            }
        }
        let mut by_depth: Vec<&(&Span, usize)> = claims
            .iter()
            .filter(|(c, _)| inside(c.anchor.start, c.anchor.end))
            .collect();
        by_depth.sort_by_key(|(_, d)| *d);
        for (c, d) in by_depth {
            style = style.patch(theme.span(&c.kind, *d));
        }
        for s in spans.iter().filter(|s| !app.schema.is_claim_kind(&s.kind)) {
            if inside(s.anchor.start, s.anchor.end) {
                style = style.patch(theme.span(&s.kind, 0));
            }
        }
        if spans
            .iter()
            .any(|s| s.status == AnchorStatus::Fuzzy && inside(s.anchor.start, s.anchor.end))
        {
            style = style.patch(theme.fuzzy);
        }
        if found.is_some_and(|m| inside(m.start, m.end)) {
            style = style.patch(theme.search_match);
        }
        if selected.is_some_and(|s| inside(s.anchor.start, s.anchor.end)) {
            style = style.patch(theme.record_selected);
        }
        if selection.is_some_and(|s| inside(s.start, s.end)) {
            style = style.patch(theme.selection);
        }
        style
    });
    Line::from(out).style(Style::default())
}
