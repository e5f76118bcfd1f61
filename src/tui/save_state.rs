//! Whether the document on screen is on disk: the one state that the annotation screen, the
//! review screen and the corpus list all show (and that decides whether quitting asks twice).

/// Whether the sidecar on disk matches the document in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing to save.
    Saved,
    /// A save was requested and has not finished.
    Pending,
    /// The last save failed; edits are only in memory and saving is retried.
    Failed(String),
    /// The sidecar could not be read: the article is open read-only and never saved.
    ReadOnly(String),
    /// The sidecar changed on disk since it was read (another program, a `git pull`): it is
    /// not overwritten. Edits stay in memory until the annotator saves them to a side file
    /// or reloads the file from disk.
    Conflict(String),
}
