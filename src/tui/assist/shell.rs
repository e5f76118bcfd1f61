//! The suggestions of the open article on a thread: starting it when an article opens, and
//! taking its results in from the loop without waiting (the first frame never waits).

use crate::tui::app::App;
use crate::tui::assist::{Assist, Status, loader};

/// Start computing the open article's suggestions on a thread (when they are on); the loop
/// takes them in with [`tick`]. The first frame does not wait.
pub fn begin(app: &mut App) {
    app.art.assist = Assist::default();
    if !app.suggest.enabled {
        return;
    }
    let loader = loader::Loader::start(
        app.art.article.clone(),
        app.schema.clone(),
        app.suggest.min_score,
    );
    app.art.assist.status = Status::Loading(loader);
}

/// Compute the open article's suggestions now (tests and scripts; the screen uses [`begin`]).
pub fn compute_now(app: &mut App) {
    app.art.assist = Assist::default();
    if app.suggest.enabled {
        let s = Assist::compute(&app.art.article, &app.schema, app.suggest.min_score);
        app.art.assist.set(s);
    }
}

/// Take finished suggestions in (never waits); true when the screen changed.
pub fn tick(app: &mut App) -> bool {
    let Status::Loading(loader) = &app.art.assist.status else {
        return false;
    };
    match loader.poll() {
        loader::Poll::Waiting => false,
        loader::Poll::Done(s) => {
            app.art.assist.set(s);
            true
        }
        loader::Poll::Lost => {
            app.art.assist.set(Vec::new());
            app.warn("suggestions could not be computed for this article");
            true
        }
    }
}
