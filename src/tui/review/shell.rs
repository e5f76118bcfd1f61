//! What the review screen needs from the disk, performed by the shell (`tui::run`) for the
//! effects `update` returns: opening a review (the article, the annotators' sidecars, the gold
//! sidecar through the store's safe API), saving the gold sidecar after each decision, and
//! switching to and from the annotation screen on the gold sidecar.

use std::path::Path;

use crate::model::Schema;
use crate::review::session;
use crate::store::open::now_rfc3339;
use crate::store::{GOLD, SidecarSlot, parse_sidecar_name};
use crate::tui::action::Action;
use crate::tui::app::{App, SaveState};
use crate::tui::effect::Effect;
use crate::tui::outcome::Outcome;
use crate::tui::review::ReviewState;
use crate::tui::{persist, update};

/// Open the review of `article_path` between `annotators` (resuming from the gold sidecar).
///
/// # Errors
/// A message naming the file: unreadable article or sidecar, a missing sidecar, a gold
/// sidecar that cannot be used.
pub fn open_review(
    schema: &Schema,
    article_path: &Path,
    annotators: &[String],
) -> Result<ReviewState, String> {
    let s = session::open(schema, article_path, annotators, &now_rfc3339())
        .map_err(|e| e.to_string())?;
    let path = s.gold.path().to_owned();
    Ok(ReviewState::new(
        s.article,
        s.adjudication,
        Some(s.gold),
        path,
    ))
}

/// Annotators with a sidecar next to `article_path` (not gold), `first` first when present,
/// the others sorted by name.
#[must_use]
pub fn sidecar_annotators(article_path: &Path, first: &str) -> Vec<String> {
    let dir = article_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(stem) = article_path.file_stem().and_then(|s| s.to_str()) else {
        return Vec::new();
    };
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| parse_sidecar_name(&e.path()))
        .filter(|(s, a)| s == stem && a != GOLD)
        .map(|(_, a)| a)
        .collect();
    names.sort();
    names.dedup();
    if let Some(i) = names.iter().position(|n| n == first) {
        let name = names.remove(i);
        names.insert(0, name);
    }
    names
}

/// Perform a review effect.
pub fn perform(app: &mut App, effect: &Effect) {
    match effect {
        Effect::SaveGold => save_gold(app),
        Effect::OpenReview => open_from_annotation(app),
        Effect::EditGold(span) => edit_gold(app, span),
        Effect::ResumeReview => back_to_review(app),
        // Performed by the shell itself.
        Effect::Save
        | Effect::Quit
        | Effect::SaveConflictCopy
        | Effect::Reload
        | Effect::Suspend
        | Effect::OpenEntry(_) => {}
    }
}

/// Save the gold document through the opened gold sidecar; the update takes the result.
pub fn save_gold(app: &mut App) {
    let Some(review) = app.review.as_deref_mut() else {
        return;
    };
    let result = match review.gold.as_mut() {
        Some(gold) => session::save_gold(&mut review.adj, gold)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        // A review without a gold sidecar has nothing to write.
        None => Ok(()),
    };
    update::outcome::apply(app, Outcome::GoldSaved(result));
}

/// Save the annotation screen's pending edits now; false (with the error shown) if that fails.
fn flush_annotation(app: &mut App) -> bool {
    if matches!(app.art.save, SaveState::Pending | SaveState::Failed(_)) {
        let result = persist::save(&mut app.art);
        update::update(app, Action::SaveFinished(result));
    }
    !matches!(app.art.save, SaveState::Failed(_))
}

/// `R` on the annotation screen: review this article against every annotator sidecar next
/// to it (the current annotator's first).
fn open_from_annotation(app: &mut App) {
    if !flush_annotation(app) {
        return;
    }
    let path = app.art.article.path().to_owned();
    let names = sidecar_annotators(&path, &app.annotator);
    let opened = if names.len() < 2 {
        let found = if names.is_empty() {
            "none".to_owned()
        } else {
            names.join(", ")
        };
        Err(format!(
            "review needs the sidecars of at least two annotators next to {} (found: {found})",
            app.art.article.file_name()
        ))
    } else {
        open_review(&app.schema, &path, &names)
            .map(Box::new)
            .map_err(|e| format!("cannot review: {e}"))
    };
    update::outcome::apply(app, Outcome::ReviewOpened(opened));
}

/// Open the gold sidecar on the annotation screen at gold span `span` (saved first).
fn edit_gold(app: &mut App, span: &str) {
    save_gold(app);
    let Some(review) = app.review.as_deref() else {
        return;
    };
    let opened = match &review.save {
        SaveState::Failed(e) => Err(format!("cannot edit: the gold sidecar is not saved ({e})")),
        _ => Ok(Box::new(
            persist::open(review.article.clone(), GOLD, &app.schema).0,
        )),
    };
    let span = span.to_owned();
    update::outcome::apply(app, Outcome::GoldOpened { opened, span });
}

/// Back from editing gold: save the edits, re-open the gold sidecar, show the review.
fn back_to_review(app: &mut App) {
    if !flush_annotation(app) {
        return;
    }
    let Some(review) = app.review.as_deref() else {
        return;
    };
    let gold = match SidecarSlot::open(&review.article, GOLD, &app.schema) {
        SidecarSlot::Ready(gold) => Ok(gold),
        SidecarSlot::Refused { error, .. } => Err(error.to_string()),
    };
    update::outcome::apply(app, Outcome::ReviewResumed(gold));
}
