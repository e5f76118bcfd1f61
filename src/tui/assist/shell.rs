//! The suggestions of the open article on a thread: starting it when an article opens,
//! taking its results in from the loop without waiting (the first frame never waits), and,
//! for an article too large to read whole, reading a new window when the caret leaves the
//! one read.

use crate::suggest::window;
use crate::tui::app::App;
use crate::tui::assist::{Assist, Status, loader};

/// Start computing the open article's suggestions on a thread (when they are on); the loop
/// takes them in with [`tick`]. The first frame does not wait.
pub fn begin(app: &mut App) {
    app.art.assist = Assist::default();
    if app.suggest.enabled {
        start(app);
    }
}

/// Start reading the window around the caret on a thread.
fn start(app: &mut App) {
    let window = window::around(&app.art.article, caret_byte(app));
    let loader = loader::Loader::start(
        std::sync::Arc::clone(&app.art.article),
        app.schema.clone(),
        app.suggest.min_score,
        window,
    );
    app.art.assist.status = Status::Loading(loader);
}

/// Compute the open article's suggestions now (tests and scripts; the screen uses [`begin`]).
pub fn compute_now(app: &mut App) {
    app.art.assist = Assist::default();
    if app.suggest.enabled {
        let window = window::around(&app.art.article, caret_byte(app));
        let s = Assist::compute(
            &app.art.article,
            &app.schema,
            app.suggest.min_score,
            window.clone(),
        );
        app.art.assist.set(s, window);
    }
}

/// Take finished suggestions in (never waits), or start reading a new window when the caret
/// has left the middle of the one read; true when the screen changed.
pub fn tick(app: &mut App) -> bool {
    match &app.art.assist.status {
        Status::Off => false,
        Status::Ready => {
            if app.suggest.enabled && caret_left_window(app) {
                start(app);
                return true;
            }
            false
        }
        Status::Loading(loader) => match loader.poll() {
            loader::Poll::Waiting => false,
            loader::Poll::Done(s) => {
                let window = loader.window.clone();
                app.art.assist.set(s, window);
                true
            }
            loader::Poll::Lost => {
                let window = loader.window.clone();
                app.art.assist.set(Vec::new(), window);
                app.warn("suggestions could not be computed for this article");
                true
            }
        },
    }
}

/// Byte offset of the caret in the article's text.
fn caret_byte(app: &App) -> usize {
    app.art.article.text_byte(app.art.para, app.art.caret)
}

/// True when the window read does not cover the whole article and the caret is in neither
/// its middle three quarters nor an edge of the article it reaches.
fn caret_left_window(app: &App) -> bool {
    let w = &app.art.assist.window;
    if window::is_whole(&app.art.article, w) {
        return false;
    }
    let len = app.art.article.text().len();
    let margin = window::WINDOW_BYTES / 8;
    let low = if w.start == 0 { 0 } else { w.start + margin };
    let high = if w.end >= len {
        len
    } else {
        w.end.saturating_sub(margin)
    };
    let at = caret_byte(app);
    at < low || at > high
}
