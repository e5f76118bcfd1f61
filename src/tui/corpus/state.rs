//! The corpus browser's state: the listing (from [`Corpus::scan`], names only), one [`Cell`] per
//! article and annotator that fills in as summaries arrive, running totals, and the sorted,
//! filtered view with its cursor.
//!
//! Cost model: everything a frame or a cursor move touches is O(visible rows). Totals are kept
//! up to date cell by cell. Sorting and filtering are O(n log n) / O(n), done once per key press
//! that asks for them, and while summaries arrive at most once per [`refresh_every`] results.

use std::collections::BTreeSet;
use std::path::Path;

use crate::corpus::{Corpus, CorpusEntry, Summary, SummaryLoader};
pub use crate::tui::corpus::cells::{Brief, Cell, SortKey, StatusFilter, Totals};

/// The summaries still to come for the open corpus, and the thread computing them.
#[derive(Debug)]
pub struct Background {
    /// The thread computing them (the shell takes its results in).
    pub loader: SummaryLoader,
    /// Results expected in all (one per sidecar of an article).
    pub expected: usize,
    /// Results received.
    pub arrived: usize,
}

/// Results to absorb between two automatic re-sorts while summaries arrive: at most about
/// eight re-sorts over a whole corpus, and none for small ones until loading ends.
#[must_use]
pub fn refresh_every(entries: usize) -> usize {
    (entries / 8).max(256)
}

/// The corpus browser.
#[derive(Debug)]
pub struct CorpusState {
    corpus: Corpus,
    /// Name shown in the title (the directory's name).
    pub name: String,
    /// Annotator columns: the current annotator first, then the others by name.
    pub columns: Vec<String>,
    cells: Vec<Cell>,
    totals: Vec<Totals>,
    /// Sort order.
    pub sort: SortKey,
    /// Sort direction.
    pub descending: bool,
    /// Status filter (current annotator).
    pub status_filter: StatusFilter,
    /// Path filter: every whitespace-separated word must occur (case-insensitive).
    pub filter: String,
    /// The path filter before the current edit (restored by esc).
    pub filter_before: Option<String>,
    order: Vec<usize>,
    view: Vec<usize>,
    /// Selected line of the view.
    pub cursor: usize,
    /// First line shown.
    pub top: usize,
    /// Entry open in the annotation screen (its article stays in `App::art`).
    pub open: Option<usize>,
    /// Entries whose current-annotator cell comes from the editor: later loader results for
    /// it are older and ignored.
    edited: BTreeSet<usize>,
    lower: Vec<String>,
    /// Summary results absorbed since the last re-sort.
    pub since_refresh: usize,
    /// Summaries still being computed in the background.
    pub background: Option<Background>,
}

impl CorpusState {
    /// A browser over `corpus` for `annotator`: cells of annotators without a sidecar are known
    /// (not started); the others wait for their summary. O(entries x annotators).
    #[must_use]
    pub fn new(corpus: Corpus, annotator: &str) -> Self {
        let mut columns = vec![annotator.to_owned()];
        columns.extend(corpus.annotators().into_iter().filter(|a| a != annotator));
        let mut cells = Vec::with_capacity(corpus.entries().len() * columns.len());
        let mut totals = vec![Totals::default(); columns.len()];
        for entry in corpus.entries() {
            for (c, name) in columns.iter().enumerate() {
                let cell = if entry.sidecar(name).is_some() {
                    Cell::Unknown
                } else {
                    Cell::Known(Brief::not_started())
                };
                *totals[c].slot(&cell) += 1;
                cells.push(cell);
            }
        }
        let order: Vec<usize> = (0..corpus.entries().len()).collect();
        Self {
            view: order.clone(),
            order,
            name: corpus.root().display().to_string(),
            corpus,
            columns,
            cells,
            totals,
            sort: SortKey::Name,
            descending: false,
            status_filter: StatusFilter::All,
            filter: String::new(),
            filter_before: None,
            cursor: 0,
            top: 0,
            open: None,
            edited: BTreeSet::new(),
            lower: Vec::new(),
            since_refresh: 0,
            background: None,
        }
    }

    /// The corpus root.
    #[must_use]
    pub fn root(&self) -> &Path {
        self.corpus.root()
    }

    /// Every article of the corpus.
    #[must_use]
    pub fn entries(&self) -> &[CorpusEntry] {
        self.corpus.entries()
    }

    /// The scanned corpus.
    #[must_use]
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Entry indices shown, in order.
    #[must_use]
    pub fn view(&self) -> &[usize] {
        &self.view
    }

    /// The selected entry.
    #[must_use]
    pub fn selected(&self) -> Option<usize> {
        self.view.get(self.cursor).copied()
    }

    /// The cell of `entry` in annotator column `col`.
    #[must_use]
    pub fn cell(&self, entry: usize, col: usize) -> &Cell {
        &self.cells[entry * self.columns.len() + col]
    }

    /// Totals of annotator column `col`.
    #[must_use]
    pub fn totals(&self, col: usize) -> Totals {
        self.totals.get(col).copied().unwrap_or_default()
    }

    /// Whether the order or filter depend on summaries (so arriving ones may re-sort).
    #[must_use]
    pub fn depends_on_summaries(&self) -> bool {
        self.sort != SortKey::Name || self.status_filter != StatusFilter::All
    }

    /// Set a cell from a loader result; `false` if ignored (column unknown, or the editor's
    /// fresher summary wins).
    pub fn absorb(&mut self, entry: usize, annotator: &str, cell: Cell) -> bool {
        let Some(col) = self.columns.iter().position(|a| a == annotator) else {
            return false;
        };
        if entry >= self.entries().len() || (col == 0 && self.edited.contains(&entry)) {
            return false;
        }
        self.set(entry, col, cell);
        true
    }

    /// Set the current annotator's cell of `entry` from the editor's document.
    pub fn set_edited(&mut self, entry: usize, summary: &Summary) {
        if entry >= self.entries().len() {
            return;
        }
        self.edited.insert(entry);
        self.set(entry, 0, Cell::Known(Brief::from(summary)));
    }

    fn set(&mut self, entry: usize, col: usize, cell: Cell) {
        let i = entry * self.columns.len() + col;
        *self.totals[col].slot(&self.cells[i]) -= 1;
        *self.totals[col].slot(&cell) += 1;
        self.cells[i] = cell;
    }

    /// Choose a sort key (the same key again reverses) and re-sort.
    pub fn sort_by(&mut self, key: SortKey, rows: usize) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = key.descending_first();
        }
        self.refresh(rows);
    }

    /// Re-sort and re-filter, keeping the selected article selected and on the same screen
    /// row when it is still shown. O(n log n).
    pub fn refresh(&mut self, rows: usize) {
        let selected = self.selected();
        let offset = self.cursor.saturating_sub(self.top);
        self.sort_order();
        self.apply_filter();
        if let Some(pos) = selected.and_then(|e| self.view.iter().position(|&v| v == e)) {
            self.cursor = pos;
            self.top = pos.saturating_sub(offset);
        }
        self.since_refresh = 0;
        self.clamp(rows);
    }

    fn sort_order(&mut self) {
        let mut order = std::mem::take(&mut self.order);
        order.clear();
        order.extend(0..self.entries().len());
        let desc = self.descending;
        if self.sort == SortKey::Name {
            if desc {
                order.reverse();
            }
        } else {
            let key = |e: usize| -> Option<(u64, u64, &str)> {
                let Cell::Known(b) = self.cell(e, 0) else {
                    return None;
                };
                let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
                Some(match self.sort {
                    SortKey::Status => (b.progress.map_or(0, |p| p as u64), 0, ""),
                    // Share done, then status: an article started with nothing done yet
                    // comes after one not started.
                    SortKey::Progress => (
                        n(b.paras_done * 10_000 / b.paras_total.max(1)),
                        b.progress.map_or(0, |p| p as u64),
                        "",
                    ),
                    SortKey::Claims => (n(b.claims), 0, ""),
                    SortKey::Modified | SortKey::Name => (0, 0, b.modified.as_str()),
                })
            };
            // Unknown and unreadable cells go last in either direction; ties keep path order.
            order.sort_by(|&a, &b| match (key(a), key(b)) {
                (Some(x), Some(y)) => {
                    let o = x.cmp(&y);
                    if desc { o.reverse() } else { o }.then(a.cmp(&b))
                }
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(&b),
            });
        }
        self.order = order;
    }

    fn apply_filter(&mut self) {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if !words.is_empty() && self.lower.len() != self.entries().len() {
            self.lower = self
                .entries()
                .iter()
                .map(|e| e.rel_path.to_lowercase())
                .collect();
        }
        let status = self.status_filter;
        let mut view = std::mem::take(&mut self.view);
        view.clear();
        view.extend(self.order.iter().copied().filter(|&e| {
            status.passes(self.cell(e, 0))
                && words.iter().all(|w| self.lower[e].contains(w.as_str()))
        }));
        self.view = view;
    }

    /// Keep the cursor on a line and on screen (`rows` lines of list).
    pub fn clamp(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.cursor = self.cursor.min(self.view.len().saturating_sub(1));
        if self.cursor < self.top {
            self.top = self.cursor;
        }
        if self.cursor >= self.top + rows {
            self.top = self.cursor + 1 - rows;
        }
        self.top = self.top.min(self.view.len().saturating_sub(rows));
    }

    /// Move the cursor by `delta` lines.
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        self.cursor = self.cursor.saturating_add_signed(delta);
        self.clamp(rows);
    }

    /// Put the cursor on `entry` if it is shown; returns whether it is.
    pub fn select_entry(&mut self, entry: usize, rows: usize) -> bool {
        if self.selected() == Some(entry) {
            return true;
        }
        match self.view.iter().position(|&e| e == entry) {
            Some(pos) => {
                self.cursor = pos;
                self.clamp(rows);
                true
            }
            None => false,
        }
    }
}
