//! Computing an article's suggestions on a thread, so opening a large article shows its first
//! frame at once: the loop takes the result in with [`Loader::poll`], which never blocks (as
//! the corpus browser's summaries arrive).

use std::ops::Range;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::model::{Article, Schema};
use crate::suggest::Suggestion;
use crate::tui::assist::Assist;

/// A computation under way.
#[derive(Debug)]
pub struct Loader {
    rx: Receiver<Vec<Suggestion>>,
    /// The bytes of the article being read.
    pub window: Range<usize>,
}

/// What polling found.
#[derive(Debug)]
pub enum Poll {
    /// Not finished.
    Waiting,
    /// The suggestions.
    Done(Vec<Suggestion>),
    /// The thread ended without a result (it panicked): there are none.
    Lost,
}

impl Loader {
    /// Start computing the suggestions in bytes `window` of `article` (shared, not copied)
    /// on a thread.
    #[must_use]
    pub fn start(
        article: Arc<Article>,
        schema: Schema,
        min_score: f64,
        window: Range<usize>,
    ) -> Self {
        let (tx, rx) = channel();
        let range = window.clone();
        std::thread::spawn(move || {
            let suggestions = Assist::compute(&article, &schema, min_score, range);
            // The receiver is gone when the article was closed meanwhile: nothing to do.
            let _ = tx.send(suggestions);
        });
        Self { rx, window }
    }

    /// The result, if it is there (never waits).
    #[must_use]
    pub fn poll(&self) -> Poll {
        match self.rx.try_recv() {
            Ok(s) => Poll::Done(s),
            Err(TryRecvError::Empty) => Poll::Waiting,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}
