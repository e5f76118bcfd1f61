//! Effects: what `update` asks the outer loop to do in the world (the only place that
//! touches the disk and the terminal).

/// A request from `update` to the shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Write the current article's sidecar now (atomic save).
    Save,
    /// Leave the program.
    Quit,
    /// Write the document in memory to a conflict side file (the sidecar changed on disk).
    SaveConflictCopy,
    /// Reload the sidecar from disk, replacing the document in memory.
    Reload,
}
