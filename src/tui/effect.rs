//! Effects: what `update` asks the outer loop to do in the world (the only place that
//! touches the disk and the terminal).

/// A request from `update` to the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the current article's sidecar now (atomic save).
    Save,
    /// Leave the program.
    Quit,
    /// Corpus browser: save the current article, then open entry `n` of the corpus listing.
    OpenEntry(usize),
}
