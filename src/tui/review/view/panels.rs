//! The review screen's panels: the queue of items (current one highlighted, decided ones
//! ticked) and the side-by-side detail of the current item with what differs highlighted.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::config::Theme;
use crate::model::{AnnotationDoc, Schema, Span};
use crate::review::adjudicate::Decision;
use ratatui::style::Style;

use crate::review::queue::{Item, ItemStatus};
use crate::tui::display::{clean, truncate};
use crate::tui::layout::review_geometry;
use crate::tui::review::ReviewState;

/// A bordered panel with a title.
pub(crate) fn block(theme: &Theme, title: String) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(title, theme.title))
}

/// A short name of an item's status.
#[must_use]
pub fn status_label(review: &ReviewState, status: &ItemStatus) -> String {
    match status {
        ItemStatus::Agreement => "agree".to_owned(),
        ItemStatus::OnlyIn(who) => {
            let letters: Vec<String> = who.iter().map(|&a| ReviewState::letter(a)).collect();
            if review.names().len() == 2 {
                format!("only {}", letters.join(","))
            } else {
                format!("only {}", letters.join(""))
            }
        }
        ItemStatus::BoundaryConflict => "bounds".to_owned(),
        ItemStatus::AttributeConflict => "labels".to_owned(),
    }
}

fn long_status(review: &ReviewState, status: &ItemStatus) -> String {
    match status {
        ItemStatus::Agreement => "full agreement".to_owned(),
        ItemStatus::OnlyIn(who) => {
            let names: Vec<&str> = who
                .iter()
                .filter_map(|&a| review.names().get(a).map(String::as_str))
                .collect();
            format!("only {}", names.join(", "))
        }
        ItemStatus::BoundaryConflict => "boundary conflict".to_owned(),
        ItemStatus::AttributeConflict => "label conflict".to_owned(),
    }
}

/// The text of an item (its first present record).
fn item_text(review: &ReviewState, item: &Item) -> String {
    let docs = review.adj.annotators();
    item.members
        .iter()
        .enumerate()
        .find_map(|(a, id)| docs.get(a)?.span(id.as_deref()?))
        .map(|s| s.anchor.exact.clone())
        .unwrap_or_default()
}

/// Draw the queue.
pub fn render_queue(review: &ReviewState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let p = review.adj.progress();
    let b = block(
        theme,
        format!(" queue · {}/{} decided ", p.decided, p.total),
    );
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let items = review.adj.items();
    if items.is_empty() {
        frame.render_widget(
            Paragraph::new("nothing to review: no annotator marked anything").style(theme.dim),
            inner,
        );
        return;
    }
    let h = usize::from(inner.height);
    let skip = review_geometry::queue_skip(review.cursor, items.len(), h);
    let width = usize::from(inner.width);
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(skip)
        .take(h)
        .map(|(i, item)| {
            let current = i == review.cursor;
            let mark = if current { "▸" } else { " " };
            let done = if review.adj.is_decided(i) {
                "✓"
            } else {
                "·"
            };
            let label = format!("{:<7}", status_label(review, &item.status));
            // The confidence column only when the text keeps some room.
            let head = if width >= 44 {
                format!(
                    " {:<7} {:<6} ",
                    truncate(&item.kind, 7),
                    item.confidence.as_str()
                )
            } else {
                format!(" {:<7} ", truncate(&item.kind, 7))
            };
            let used = 2 + 1 + label.chars().count() + head.chars().count();
            let text = format!(
                "“{}”",
                truncate(&item_text(review, item), width.saturating_sub(used + 2))
            );
            let base = if current {
                theme.list_selected
            } else {
                theme.text
            };
            Line::from(vec![
                TextSpan::styled(format!("{mark}{done} "), base),
                TextSpan::styled(label, status_style(theme, &item.status)),
                TextSpan::styled(head, base),
                TextSpan::styled(text, base),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn decision_text(review: &ReviewState, index: usize) -> String {
    let name = |a: usize| review.names().get(a).cloned().unwrap_or_default();
    match review.adj.decision(index) {
        Some(Decision::Take(a)) => format!("took {}", name(a)),
        Some(Decision::Edit(a)) => format!("took {} to edit", name(a)),
        Some(Decision::TakeAll) => "took all".to_owned(),
        Some(Decision::Reject) => "rejected".to_owned(),
        None if review.adj.is_decided(index) => "in gold".to_owned(),
        None => "undecided".to_owned(),
    }
}

/// Draw the detail of the current item: one column per annotator.
pub fn render_detail(
    review: &ReviewState,
    schema: &Schema,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let Some(item) = review.adj.item(review.cursor) else {
        frame.render_widget(block(theme, " item ".to_owned()), area);
        return;
    };
    let title = format!(
        " item {}/{} · {} · {} · {} ",
        review.cursor + 1,
        review.adj.items().len(),
        item.kind,
        long_status(review, &item.status),
        decision_text(review, review.cursor)
    );
    let b = block(theme, title).border_style(status_style(theme, &item.status));
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let n = item.members.len().max(1);
    let columns = Layout::horizontal(vec![Constraint::Ratio(1, u32::try_from(n).unwrap_or(1)); n])
        .split(inner);
    for (a, col) in columns.iter().enumerate() {
        let lines = version_lines(review, schema, theme, item, a);
        let col = if a > 0 {
            let sep = Block::default()
                .borders(Borders::LEFT)
                .border_style(theme.border);
            let inner = sep.inner(*col);
            frame.render_widget(sep, *col);
            inner
        } else {
            *col
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), col);
    }
}

/// Lines of annotator `a`'s version of `item`.
fn version_lines(
    review: &ReviewState,
    schema: &Schema,
    theme: &Theme,
    item: &Item,
    a: usize,
) -> Vec<Line<'static>> {
    let name = review.names().get(a).cloned().unwrap_or_default();
    let key = match a {
        0 => "1/a".to_owned(),
        1 => "2/b".to_owned(),
        n => (n + 1).to_string(),
    };
    let mut out = vec![Line::from(vec![
        TextSpan::styled(format!("{} {name} ", ReviewState::letter(a)), theme.title),
        TextSpan::styled(format!("[{key}]"), theme.key),
    ])];
    let doc = &review.adj.annotators()[a.min(review.adj.annotators().len() - 1)];
    let Some(span) = item.members.get(a).and_then(|id| doc.span(id.as_deref()?)) else {
        out.push(Line::styled("(not marked)", theme.dim));
        return out;
    };
    let differs = |key: &str| item.differences.iter().any(|d| d == key);
    let style = |diff: bool| if diff { theme.review_diff } else { theme.text };
    let bounds = item.status == ItemStatus::BoundaryConflict;
    out.push(Line::styled(
        format!(
            "{} · ¶{} {}–{}",
            span.id,
            span.anchor.para + 1,
            span.anchor.start,
            span.anchor.end
        ),
        if bounds { theme.review_diff } else { theme.dim },
    ));
    out.push(Line::styled(
        format!("“{}”", clean(&span.anchor.exact)),
        style(bounds),
    ));
    // Values, differing ones first so they show in a short pane.
    let mut values: Vec<(bool, Line<'static>)> = span
        .attrs
        .iter()
        .map(|(k, v)| {
            (
                differs(k),
                Line::styled(format!("{k}: {v}"), style(differs(k))),
            )
        })
        .collect();
    if schema
        .span_kind(&span.kind)
        .is_some_and(|k| k.entity.is_some())
    {
        entity_lines(doc, span, theme, &differs, &mut values);
    }
    if schema.is_claim_kind(&span.kind) {
        attribution_lines(doc, span, theme, &differs, &mut values);
    }
    values.sort_by_key(|(diff, _)| !diff);
    out.extend(values.into_iter().map(|(_, line)| line));
    out.push(Line::styled(
        format!("confidence: {}", span.confidence.as_str()),
        theme.dim,
    ));
    if let Some(note) = &span.note {
        out.push(Line::styled(format!("note: {}", clean(note)), theme.dim));
    }
    out
}

/// A value line and whether it differs.
type Value = (bool, Line<'static>);

/// A value line, in the difference style when `differs`.
fn value_line(theme: &Theme, text: String, differs: bool) -> Value {
    let style = if differs {
        theme.review_diff
    } else {
        theme.text
    };
    (differs, Line::styled(text, style))
}

fn entity_lines(
    doc: &AnnotationDoc,
    span: &Span,
    theme: &Theme,
    differs: &dyn Fn(&str) -> bool,
    out: &mut Vec<Value>,
) {
    let line = |text: String, d: bool| value_line(theme, text, d);
    match span.entity.as_deref().and_then(|e| doc.entity(e)) {
        Some(e) => {
            out.push(line(
                format!("entity {} “{}”", e.id, clean(&e.name)),
                differs("entity"),
            ));
            for (k, v) in &e.attrs {
                let key = format!("entity.{k}");
                out.push(line(format!("{key}: {v}"), differs(&key)));
            }
        }
        None => out.push(line("no entity".to_owned(), differs("entity"))),
    }
}

fn attribution_lines(
    doc: &AnnotationDoc,
    span: &Span,
    theme: &Theme,
    differs: &dyn Fn(&str) -> bool,
    out: &mut Vec<Value>,
) {
    let line = |text: String, d: bool| value_line(theme, text, d);
    let Some(att) = doc.attribution_of(&span.id) else {
        out.push(line(
            "no attribution (writer's voice)".to_owned(),
            differs("attribution"),
        ));
        return;
    };
    let text = |id: &str| {
        doc.span(id).map_or_else(
            || id.to_owned(),
            |s| format!("“{}”", clean(&s.anchor.exact)),
        )
    };
    let sources: Vec<String> = att
        .sources
        .iter()
        .map(|s| {
            let entity = doc
                .span(s)
                .and_then(|m| m.entity.as_deref())
                .and_then(|e| doc.entity(e))
                .map(|e| format!(" ({})", clean(&e.name)))
                .unwrap_or_default();
            format!("{}{entity}", text(s))
        })
        .collect();
    out.push(line(
        format!("← {}", sources.join(", ")),
        differs("attribution") || differs("attribution.sources"),
    ));
    out.push(line(
        format!(
            "cue: {}",
            att.cue.as_deref().map_or_else(|| "none".to_owned(), text)
        ),
        differs("attribution.cue"),
    ));
    for (k, v) in &att.attrs {
        let key = format!("attribution.{k}");
        out.push(line(format!("{key}: {v}"), differs(&key)));
    }
}

/// The style of an item's status (the same in the article, the queue and the legend).
#[must_use]
pub fn status_style(theme: &Theme, status: &ItemStatus) -> Style {
    match status {
        ItemStatus::Agreement => theme.review_agree,
        ItemStatus::OnlyIn(who) if who.as_slice() == [0] => theme.review_only_a,
        ItemStatus::OnlyIn(who) if who.as_slice() == [1] => theme.review_only_b,
        ItemStatus::OnlyIn(_) => theme.review_partial,
        ItemStatus::BoundaryConflict | ItemStatus::AttributeConflict => theme.review_conflict,
    }
}
