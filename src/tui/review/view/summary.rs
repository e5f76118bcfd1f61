//! The review screen's summary panel: the adjudication progress and this article's agreement
//! figures (the same computation as `marginalia agree`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::Paragraph;

use crate::config::Theme;
use crate::review::stats::Figure;
use crate::tui::display::truncate;
use crate::tui::review::ReviewState;
use crate::tui::review::view::panels::block;

fn fig(f: Figure) -> String {
    f.value()
        .map_or_else(|| "n/a".to_owned(), |v| format!("{v:.3}"))
}

/// Draw the agreement summary and the progress.
pub fn render_summary(review: &ReviewState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let b = block(theme, " agreement · this article ".to_owned());
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let r = &review.report;
    let p = review.adj.progress();
    let mut lines = vec![
        Line::from(vec![
            TextSpan::styled("progress ", theme.dim),
            TextSpan::styled(format!("{}/{} decided", p.decided, p.total), theme.title),
            TextSpan::styled(
                format!(" · {} agreements pending", p.pending_agreements),
                theme.dim,
            ),
        ]),
        Line::styled(
            format!(
                "{:<9}{:>8}{:>9}{:>8}",
                "spans", "exact F1", "overlap", "α unit"
            ),
            theme.dim,
        ),
    ];
    for k in &r.spans {
        lines.push(Line::styled(
            format!(
                "{:<9}{:>8}{:>9}{:>8}",
                truncate(&k.kind, 9),
                fig(k.exact.f1),
                fig(k.overlap.f1),
                fig(k.unitized_alpha)
            ),
            theme.text,
        ));
    }
    lines.push(Line::styled(
        format!("attribution F1 {}", fig(r.attribution.f1)),
        theme.text,
    ));
    let kappa = if r.annotators.len() == 2 { "κ" } else { "Fκ" };
    lines.push(Line::styled(
        format!("{:<16}{:>7}{:>7}{:>6}", "attribute", kappa, "α", "n"),
        theme.dim,
    ));
    for a in &r.attributes {
        let k = a
            .figures
            .cohen_kappa
            .or(a.figures.fleiss_kappa)
            .map_or_else(|| "-".to_owned(), |c| fig(c.value));
        let alpha = a.figures.alpha_nominal;
        let style = if alpha.value.value().is_some_and(|v| v < 0.667) {
            theme.review_diff
        } else {
            theme.text
        };
        lines.push(Line::styled(
            format!(
                "{:<16}{:>7}{:>7}{:>6}",
                truncate(&a.attribute, 16),
                k,
                fig(alpha.value),
                alpha.n
            ),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines).style(Style::default()), inner);
}
