//! The annotation pane: the records of the current paragraph (claims with their source,
//! cue and attributes; mentions and cues), then its pending suggestions with their reason,
//! the selected record in detail, and the document's speaker entities.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::config::Theme;
use crate::model::{AnchorStatus, AnnotationDoc, Schema, Span};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::display::{clean, truncate};
use crate::tui::layout::annotations::regions;

/// Draw the pane in `area`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let [list, detail, entities] = regions(area);
    let entities_h = entities.height;
    render_list(app, theme, frame, list);
    render_detail(app, theme, frame, detail);
    if entities_h > 0 {
        render_entities(app, theme, frame, entities);
    }
}

/// The first normal-mode key of `action`, for titles.
fn key_of(app: &App, action: &Action) -> String {
    app.keymap
        .keys_for(crate::config::KeyMode::Normal, action)
        .first()
        .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
}

fn block<'a>(title: String, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Line::styled(title, theme.title))
}

/// `claim_type · certainty · ...` of a record's set values.
fn attr_summary(attrs: &std::collections::BTreeMap<String, String>, order: &[String]) -> String {
    order
        .iter()
        .filter_map(|a| attrs.get(a))
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" · ")
}

fn source_line(doc: &AnnotationDoc, claim: &Span, width: usize) -> String {
    match doc.attribution_of(&claim.id) {
        None => "  writer's voice".to_owned(),
        Some(a) => {
            let sources: Vec<String> = a
                .sources
                .iter()
                .map(|s| {
                    let span = doc.span(s);
                    let entity = span
                        .and_then(|x| x.entity.as_deref())
                        .and_then(|e| doc.entity(e))
                        .map(|e| format!(" ({})", e.name))
                        .unwrap_or_default();
                    let text = span.map(|x| x.anchor.exact.as_str()).unwrap_or("?");
                    format!("{s} {}{entity}", truncate(text, 24))
                })
                .collect();
            let cue = a
                .cue
                .as_deref()
                .map(|k| {
                    let text = doc.span(k).map(|x| x.anchor.exact.as_str()).unwrap_or("?");
                    format!(" · {k} {}", truncate(text, 16))
                })
                .unwrap_or_default();
            truncate(&format!("  ← {}{cue}", sources.join(" + ")), width)
        }
    }
}

fn kind_style(theme: &Theme, schema: &Schema, kind: &str) -> Style {
    if schema.is_claim_kind(kind) {
        theme.span(kind, 0).patch(theme.text)
    } else {
        theme.span(kind, 0)
    }
}

/// `1 record`, `3 records`.
fn records(n: usize) -> String {
    if n == 1 {
        "1 record".to_owned()
    } else {
        format!("{n} records")
    }
}

fn render_list(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let art = &app.art;
    let spans = art.spans_of(art.para);
    let orphans = art.orphans().len();
    let title = if orphans > 0 {
        format!(
            " ¶{} · {} · {orphans} ORPHANED ({}) ",
            art.para + 1,
            records(spans.len()),
            key_of(app, &Action::Orphans)
        )
    } else {
        format!(" ¶{} · {} ", art.para + 1, records(spans.len()))
    };
    let inner_w = usize::from(area.width.saturating_sub(2));
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_row = 0;
    for (i, span) in spans.iter().enumerate() {
        let is_sel = i == art.record;
        if is_sel {
            selected_row = lines.len();
        }
        let mark = match (is_sel, span.status) {
            (true, _) => "▶",
            (false, AnchorStatus::Fuzzy) => "~",
            _ => " ",
        };
        let fuzzy = if span.status == AnchorStatus::Fuzzy {
            "~fuzzy "
        } else {
            ""
        };
        let attrs = app
            .schema
            .span_kind(&span.kind)
            .map(|k| attr_summary(&span.attrs, &k.attrs))
            .unwrap_or_default();
        let head = truncate(
            &format!("{} {fuzzy}“{}” {}", span.id, span.anchor.exact, attrs),
            inner_w.saturating_sub(2),
        );
        let style = if is_sel {
            kind_style(theme, &app.schema, &span.kind).patch(theme.record_selected)
        } else {
            kind_style(theme, &app.schema, &span.kind)
        };
        lines.push(Line::from(vec![
            TextSpan::styled(mark, theme.key),
            TextSpan::raw(" "),
            TextSpan::styled(head, style),
        ]));
        if app.schema.is_claim_kind(&span.kind) {
            lines.push(Line::styled(
                source_line(&art.doc, span, inner_w),
                theme.dim,
            ));
        }
    }
    let ghosts = art.assist.pending_in(art.para, &art.doc, &app.schema);
    if lines.is_empty() && ghosts.is_empty() {
        lines.push(Line::styled(
            format!(
                "no records: {} selects text",
                key_of(app, &Action::StartSelection)
            ),
            theme.dim,
        ));
    }
    if !ghosts.is_empty() {
        lines.push(Line::styled(
            truncate(
                &format!(
                    "suggested ({}) · {} next · {} accept · {} reject",
                    ghosts.len(),
                    key_of(app, &Action::NextSuggestion),
                    key_of(app, &Action::AcceptSuggestion),
                    key_of(app, &Action::RejectSuggestion)
                ),
                inner_w,
            ),
            theme.dim,
        ));
    }
    for i in ghosts {
        let s = &art.assist.suggestions[i];
        let current = art.assist.current == Some(i);
        if current {
            selected_row = lines.len();
        }
        let style = if current {
            theme.ghost_claim.patch(theme.ghost_selected)
        } else {
            theme.ghost_claim
        };
        lines.push(Line::from(vec![
            TextSpan::styled(if current { "▷" } else { "◇" }, theme.key),
            TextSpan::raw(" "),
            TextSpan::styled(
                truncate(&crate::tui::assist::describe(s), inner_w.saturating_sub(2)),
                style,
            ),
        ]));
        lines.push(Line::styled(
            truncate(&format!("  {} ({:.2})", s.reason, s.score), inner_w),
            theme.dim,
        ));
    }
    let height = usize::from(area.height.saturating_sub(2));
    let skip = selected_row.saturating_sub(height.saturating_sub(2));
    let scroll = u16::try_from(skip).unwrap_or(0);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(title, theme))
            .style(theme.text)
            .scroll((scroll, 0)),
        area,
    );
}

fn render_detail(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let art = &app.art;
    let Some(span) = art.selected() else {
        frame.render_widget(
            Paragraph::new("").block(block(" detail ".to_owned(), theme)),
            area,
        );
        return;
    };
    let doc = &art.doc;
    let mut lines: Vec<Line> = vec![Line::from(vec![
        TextSpan::styled(
            format!("{} {}", span.id, span.kind),
            kind_style(theme, &app.schema, &span.kind),
        ),
        TextSpan::styled(
            format!(
                "  {}..{} {}",
                span.anchor.start,
                span.anchor.end,
                span.status.as_str()
            ),
            theme.dim,
        ),
    ])];
    if span.status == AnchorStatus::Fuzzy {
        lines.push(Line::styled(
            format!(
                "FUZZY: placed by approximate search; check it, {} confirms",
                key_of(app, &Action::ConfirmAnchor)
            ),
            theme.fuzzy,
        ));
    }
    lines.push(Line::from(format!("“{}”", clean(&span.anchor.exact))));
    // The note first: the pane is short, and a note is what the annotator wrote themselves.
    if let Some(note) = &span.note {
        for (i, part) in note.split('\n').enumerate() {
            lines.push(Line::from(vec![
                TextSpan::styled(if i == 0 { "note: " } else { "      " }, theme.dim),
                TextSpan::raw(clean(part).into_owned()),
            ]));
        }
    }
    let schema = &app.schema;
    let mut kv = |k: &str, v: Option<String>| {
        // An unset value shows its schema default, dimmed and marked: nobody chose it.
        let value = match v {
            Some(v) => TextSpan::raw(v),
            None => TextSpan::styled(
                schema
                    .default_of(k)
                    .map_or_else(|| "—".to_owned(), |d| format!("{d} (default)")),
                theme.dim,
            ),
        };
        lines.push(Line::from(vec![
            TextSpan::styled(format!("{k}: "), theme.dim),
            value,
        ]));
    };
    let values = |attrs: &std::collections::BTreeMap<String, String>, order: &[String]| {
        // Schema order, then anything else stored (from another schema version).
        order
            .iter()
            .map(|a| (a.clone(), attrs.get(a).cloned()))
            .chain(
                attrs
                    .iter()
                    .filter(|(k, _)| !order.contains(k))
                    .map(|(k, v)| (k.clone(), Some(v.clone()))),
            )
            .collect::<Vec<_>>()
    };
    let own = schema
        .span_kind(&span.kind)
        .map(|k| k.attrs.clone())
        .unwrap_or_default();
    for (k, v) in values(&span.attrs, &own) {
        kv(&k, v);
    }
    if let Some(e) = span.entity.as_deref().and_then(|e| doc.entity(e)) {
        kv("entity", Some(format!("{} {}", e.id, clean(&e.name))));
        let order = schema
            .entity_kind(&e.kind)
            .map(|k| k.attrs.clone())
            .unwrap_or_default();
        for (k, v) in values(&e.attrs, &order) {
            kv(&k, v);
        }
    }
    if let Some(a) = doc.attribution_of(&span.id) {
        kv(
            "attribution",
            Some(format!("{} ← {}", a.id, a.sources.join(", "))),
        );
        if let Some(cue) = &a.cue {
            kv("cue", Some(cue.clone()));
        }
        for (k, v) in values(&a.attrs, &schema.relation.attrs) {
            kv(&k, v);
        }
    } else if schema.is_claim_kind(&span.kind) {
        kv(
            "source",
            Some(format!(
                "writer's voice ({}: attribute)",
                key_of(app, &Action::Attribute)
            )),
        );
    }
    kv("confidence", Some(span.confidence.as_str().to_owned()));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(format!(" {} ", span.id), theme))
            .style(theme.text)
            .wrap(Wrap { trim: false }),
        area,
    );
}

fn render_entities(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let doc = &app.art.doc;
    let inner_w = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    let lines: Vec<Line> = if doc.entities.is_empty() {
        vec![Line::styled(
            format!(
                "none yet: {} links a mention",
                key_of(app, &Action::LinkEntity)
            ),
            theme.dim,
        )]
    } else {
        doc.entities
            .iter()
            .take(rows)
            .map(|e| {
                let mentions = doc
                    .spans
                    .iter()
                    .filter(|s| s.entity.as_deref() == Some(&e.id))
                    .count();
                let kind = e.attrs.values().cloned().collect::<Vec<_>>().join(", ");
                Line::from(truncate(
                    &format!("{} {} ×{mentions} {kind}", e.id, e.name),
                    inner_w,
                ))
            })
            .collect()
    };
    frame.render_widget(
        Paragraph::new(lines)
            .block(block(
                format!(
                    " speakers ({}) · {} edit ",
                    doc.entities.len(),
                    key_of(app, &Action::Entities)
                ),
                theme,
            ))
            .style(theme.text),
        area,
    );
}
