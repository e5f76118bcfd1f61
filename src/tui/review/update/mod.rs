//! The pure update of the review screen: moving through the queue (keys and mouse: clicks and
//! the wheel, hit-tested with [`geometry`], the renderer's own layout), decisions (take A, take B,
//! take the n-th, take all, edit, reject, accept every agreement), undo of the last decision,
//! help and quitting. Every decision changes the gold document in memory and asks the shell
//! to save it ([`Effect::SaveGold`]); editing asks it to open the gold sidecar on the
//! annotation screen ([`Effect::EditGold`]). No disk, no clock: the gold document's own
//! modification time stands in for "now" (the save stamps the real time).

pub mod screen;

use ratatui::layout::Position;

use crate::config::KeyMode;
use crate::review::adjudicate::{AdjudicationError, Decision};
use crate::review::queue::ItemStatus;
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState, Screen};
use crate::tui::effect::Effect;
use crate::tui::keyname;
use crate::tui::layout::review_geometry as geometry;
use crate::tui::mode::Mode;
use crate::tui::review::{ReviewState, Snapshot, UNDO_DEPTH};
use crate::tui::wrap::Layout;

/// Apply one action on the review screen.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if matches!(app.mode, Mode::Help(_)) {
        crate::tui::update::common::help(app, &action);
        return fx;
    }
    let Some(review) = app.review.as_deref_mut() else {
        app.screen = Screen::Annotate;
        return fx;
    };
    if action != Action::Quit {
        review.quit_armed = false;
    }
    match action {
        Action::Click(col, row) => {
            if std::mem::take(&mut review.choosing_edit) {
                app.say("edit cancelled");
            }
            click(app, col, row);
            return fx;
        }
        Action::Wheel(n, col, row) => {
            wheel(app, n, col, row);
            return fx;
        }
        _ => {}
    }
    if review.choosing_edit {
        review.choosing_edit = false;
        let side = match action {
            Action::TakeA => Some(0),
            Action::TakeB => Some(1),
            Action::Take(n) => Some(n),
            _ => None,
        };
        match side {
            Some(a) => decide(app, Decision::Edit(a), &mut fx),
            None => app.say("edit cancelled"),
        }
        return fx;
    }
    match action {
        Action::NextItem => step(review, 1),
        Action::PrevItem => step(review, -1),
        Action::NextUndecided => {
            let next = review.adj.next_undecided(Some(review.cursor));
            jump(app, next);
        }
        Action::PrevUndecided => {
            let prev = review.adj.prev_undecided(Some(review.cursor));
            jump(app, prev);
        }
        Action::TakeA => decide(app, Decision::Take(0), &mut fx),
        Action::TakeB => decide(app, Decision::Take(1), &mut fx),
        Action::Take(n) => decide(app, Decision::Take(n), &mut fx),
        Action::TakeAll => decide(app, Decision::TakeAll, &mut fx),
        Action::Reject => decide(app, Decision::Reject, &mut fx),
        Action::EditItem => edit(app, &mut fx),
        Action::AcceptAgreements => accept_agreements(app, &mut fx),
        Action::UndoDecision => undo(app, &mut fx),
        Action::Help => app.mode = Mode::Help(help_offset(app)),
        Action::Quit => quit(app, &mut fx),
        _ => {}
    }
    fx
}

/// The help line where the `review` section starts, so help opens on the review keys.
fn help_offset(app: &App) -> u16 {
    let at = crate::tui::layout::help_text::section_start(app, crate::config::KeyMode::Review);
    u16::try_from(at).unwrap_or(0)
}

/// A click: on a span in the article, its item becomes current (the innermost span when
/// several overlap); on a row of the queue, that item. The pane keeps its place, since what
/// was clicked is on screen.
fn click(app: &mut App, col: u16, row: u16) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let Some(areas) = geometry::areas_for(app.size) else {
        return;
    };
    let at = Position::new(col, row);
    let hit = if areas.queue.contains(at) {
        geometry::queue_item_at(review, areas.queue, col, row)
    } else if areas.article.contains(at) {
        geometry::article_char_at(review, areas.article, col, row)
            .and_then(|(para, ch)| geometry::item_at_char(review, para, ch))
    } else {
        None
    };
    let Some(i) = hit else {
        return;
    };
    if areas.article.contains(at) {
        let text = geometry::inner(areas.article);
        let top = geometry::article_top(review, usize::from(text.width), usize::from(text.height));
        review.scroll = Some((i, top));
    }
    review.cursor = i;
}

/// The wheel: over the queue it moves through the items, elsewhere it scrolls the article.
fn wheel(app: &mut App, n: i16, col: u16, row: u16) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let Some(areas) = geometry::areas_for(app.size) else {
        return;
    };
    if areas.queue.contains(Position::new(col, row)) {
        step(review, isize::from(n));
        return;
    }
    let text = geometry::inner(areas.article);
    if text.width < 2 || text.height == 0 {
        return;
    }
    let (width, height) = (usize::from(text.width), usize::from(text.height));
    let top = geometry::article_top(review, width, height);
    let top = {
        let mut cache = review.wrap.borrow_mut();
        let mut layout = Layout::new(&review.article, width, &mut cache);
        if n >= 0 {
            layout.forward(top, n.unsigned_abs().into())
        } else {
            layout.back(top, n.unsigned_abs().into())
        }
    };
    review.scroll = Some((review.cursor, top));
}

fn step(review: &mut ReviewState, by: isize) {
    let n = review.adj.items().len();
    if n > 0 {
        review.cursor = review.cursor.saturating_add_signed(by).min(n - 1);
    }
}

fn jump(app: &mut App, to: Option<usize>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    match to {
        Some(i) => review.cursor = i,
        None => app.say("every item is decided"),
    }
}

/// Remember the model before a change.
fn snapshot(review: &mut ReviewState, label: String) {
    if review.undo.len() >= UNDO_DEPTH {
        review.undo.remove(0);
    }
    review.undo.push(Snapshot {
        adj: review.adj.clone(),
        cursor: review.cursor,
        label,
    });
}

fn request_save(review: &mut ReviewState, fx: &mut Vec<Effect>) {
    if !matches!(review.save, SaveState::Failed(_)) {
        review.save = SaveState::Pending;
    }
    fx.push(Effect::SaveGold);
}

fn describe(review: &ReviewState, decision: Decision) -> String {
    let name = |a: usize| {
        review
            .names()
            .get(a)
            .map_or_else(|| format!("annotator {}", a + 1), Clone::clone)
    };
    match decision {
        Decision::Take(a) => format!("took {}'s version", name(a)),
        Decision::Edit(a) => format!("took {}'s version to edit", name(a)),
        Decision::TakeAll => "took every version".to_owned(),
        Decision::Reject => "rejected".to_owned(),
    }
}

fn explain(review: &ReviewState, e: &AdjudicationError) -> String {
    match e {
        AdjudicationError::NotPresent { annotator, .. } => match review.names().get(*annotator) {
            Some(name) => format!("{name} has no version of this item"),
            None => format!("there is no annotator {}", annotator + 1),
        },
        AdjudicationError::CannotTakeAll(_) => {
            "the versions differ only in labels: take one of them (or edit)".to_owned()
        }
        AdjudicationError::NoItem(_) => {
            "nothing to review: no annotator marked anything".to_owned()
        }
    }
}

/// Apply `decision` to the current item, save, and move to the next undecided item (except
/// after an edit, which opens the gold record).
fn decide(app: &mut App, decision: Decision, fx: &mut Vec<Effect>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let index = review.cursor;
    let label = format!("item {}: {}", index + 1, describe(review, decision));
    snapshot(review, label.clone());
    let now = review.adj.gold().modified.clone();
    match review.adj.decide(index, decision, &now) {
        Ok(created) => {
            request_save(review, fx);
            if let Decision::Edit(_) = decision {
                if let Some(first) = created.first() {
                    fx.push(Effect::EditGold(first.clone()));
                }
            } else if let Some(next) = review.adj.next_undecided(Some(index)) {
                review.cursor = next;
            }
            let p = review.adj.progress();
            app.say(format!("{label} · {}/{} decided", p.decided, p.total));
        }
        Err(e) => {
            review.undo.pop();
            let text = explain(review, &e);
            app.warn(text);
        }
    }
}

fn edit(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let Some(item) = review.adj.item(review.cursor) else {
        app.warn("nothing to review: no annotator marked anything");
        return;
    };
    let present = item.present();
    if let [only] = present.as_slice() {
        let only = *only;
        decide(app, Decision::Edit(only), fx);
        return;
    }
    review.choosing_edit = true;
    let choices: Vec<String> = present
        .iter()
        .map(|&a| {
            let key = match a {
                0 => "1/a".to_owned(),
                1 => "2/b".to_owned(),
                n => (n + 1).to_string(),
            };
            format!("{key} {}", review.names().get(a).map_or("", String::as_str))
        })
        .collect();
    let conflict = if item.status == ItemStatus::AttributeConflict {
        " (labels differ)"
    } else {
        ""
    };
    let cancel = keyname::key_in(app, KeyMode::Review, &Action::Cancel);
    app.say(format!(
        "edit which version{conflict}? {} · {cancel} cancels",
        choices.join("  ")
    ));
}

fn accept_agreements(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    if review.adj.progress().pending_agreements == 0 {
        app.say("no undecided full agreement");
        return;
    }
    snapshot(review, "accepted every full agreement".to_owned());
    let now = review.adj.gold().modified.clone();
    let accepted = review.adj.accept_agreements(&now);
    request_save(review, fx);
    if let Some(next) = review.adj.next_undecided(None) {
        review.cursor = next;
    }
    let p = review.adj.progress();
    app.say(format!(
        "accepted {accepted} full agreements · {}/{} decided",
        p.decided, p.total
    ));
}

fn undo(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let Some(snap) = review.undo.pop() else {
        app.say("nothing to undo");
        return;
    };
    review.adj = snap.adj;
    review.cursor = snap.cursor;
    request_save(review, fx);
    let p = review.adj.progress();
    app.say(format!(
        "undone: {} · {}/{} decided",
        snap.label, p.decided, p.total
    ));
}

/// Quit: back to the annotation screen when the review was opened from it, else leave the
/// program. An unsaved gold document makes quitting ask twice.
fn quit(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    if let SaveState::Failed(why) = &review.save
        && !review.quit_armed
    {
        let why = why.clone();
        review.quit_armed = true;
        let quit = keyname::key_in(app, KeyMode::Review, &Action::Quit);
        app.warn(format!(
            "gold is NOT saved ({why}); press {quit} again to leave and lose the decisions"
        ));
        return;
    }
    if review.from_annotation {
        let path = review.gold_path.display().to_string();
        app.review = None;
        app.screen = Screen::Annotate;
        app.say(format!("review closed; gold is in {path}"));
        return;
    }
    app.should_quit = true;
    fx.push(Effect::Quit);
}
