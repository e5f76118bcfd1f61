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
    /// Write the gold sidecar of the review screen now (through the store's safe API).
    SaveGold,
    /// Open the review screen for the current article against the annotator sidecars next
    /// to it (the current annotator's pending edits are saved first).
    OpenReview,
    /// Switch to the annotation screen on the gold sidecar, at this gold span.
    EditGold(String),
    /// Back from editing the gold sidecar to the review screen (its edits saved first).
    ResumeReview,
    /// Write the document in memory to a conflict side file (the sidecar changed on disk).
    SaveConflictCopy,
    /// Reload the sidecar from disk, replacing the document in memory.
    Reload,
    /// Suspend the program as a shell's job control does (`ctrl-z`; `fg` resumes): the
    /// terminal is restored first and taken over again on resume.
    Suspend,
}
