//! Moving between the review screen and the others: showing a review, editing one gold
//! record on the annotation screen, and coming back (pure; the shell opens and saves files).

use crate::store::OpenedSidecar;
use crate::tui::app::{App, ArticleState, Screen};
use crate::tui::mode::Mode;
use crate::tui::review::ReviewState;

/// Show the review screen with `state`.
pub fn enter(app: &mut App, mut state: ReviewState, from_annotation: bool) {
    state.from_annotation = from_annotation;
    let p = state.adj.progress();
    let mut text = format!(
        "review of {}: {} items, {} decided, {} full agreements pending (A accepts them)",
        state.names().join(", "),
        p.total,
        p.decided,
        p.pending_agreements
    );
    if let Some(gold) = &state.gold {
        let r = &gold.report;
        if !r.is_clean() {
            text.push_str(&format!(
                "; gold re-anchored to the changed article ({} moved, {} fuzzy, {} orphaned; .bak kept on the first save)",
                r.moved, r.fuzzy, r.orphaned
            ));
        }
        if !gold.problems.is_empty() {
            text.push_str(&format!(
                "; the gold sidecar has {} problems (marginalia check lists them)",
                gold.problems.len()
            ));
        }
    }
    app.review = Some(Box::new(state));
    app.screen = Screen::Review;
    app.mode = Mode::Normal;
    app.say(text);
}

/// Switch to the annotation screen on the gold document `gold` (opened by the shell), with
/// gold span `span` selected. The article state shown before is kept for [`resume`].
pub fn enter_edit(app: &mut App, gold: ArticleState, span: &str) {
    if app.review.is_none() {
        return;
    }
    let previous = std::mem::replace(&mut app.art, gold);
    let annotator = std::mem::replace(&mut app.annotator, crate::store::GOLD.to_owned());
    app.review_stash = Some((previous, annotator));
    app.screen = Screen::Annotate;
    app.mode = Mode::Normal;
    if let Some(s) = app.art.doc.span(span) {
        let para = s.anchor.para;
        app.art.para = para;
        app.art.caret = s.anchor.start;
        app.art.record = app
            .art
            .spans_of(para)
            .iter()
            .position(|x| x.id == span)
            .unwrap_or(0);
    }
    crate::tui::update::nav::ensure_para_visible(app);
    let key = app
        .keymap
        .keys_for(
            crate::config::KeyMode::Normal,
            &crate::tui::action::Action::Review,
        )
        .first()
        .map_or_else(|| "review".to_owned(), ToString::to_string);
    app.say(format!(
        "editing gold {span}: every change is saved to the gold sidecar; {key} goes back to review"
    ));
}

/// Back from editing gold: the edited gold document replaces the adjudication's, `gold` is the
/// gold sidecar re-opened by the shell after the annotation screen saved it (`None` keeps the
/// one the review had).
pub fn resume(app: &mut App, gold: Option<OpenedSidecar>) {
    let Some(review) = app.review.as_mut() else {
        return;
    };
    let Some((previous, annotator)) = app.review_stash.take() else {
        app.screen = Screen::Review;
        return;
    };
    let edited = std::mem::replace(&mut app.art, previous);
    app.annotator = annotator;
    *review.adj.gold_mut() = edited.doc;
    if let Some(gold) = gold {
        review.gold = Some(gold);
    }
    if let Some(next) = review.adj.next_undecided(Some(review.cursor)) {
        review.cursor = next;
    }
    app.screen = Screen::Review;
    app.mode = Mode::Normal;
    let p = review.adj.progress();
    app.say(format!("back to review: {}/{} decided", p.decided, p.total));
}
