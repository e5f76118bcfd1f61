//! Errors in user configuration files (config.ron, keymap.ron, themes). Every message names
//! the file and, where the text is at fault, the line and column: `path:line:col: message`.

use crate::model::ron_error::locate;

/// A configuration file that cannot be used. The program prints it and exits with code 2
/// before the terminal is taken over.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        message: String,
    },
    /// The text is wrong at a known place.
    #[error("{path}:{line}:{col}: {message}")]
    At {
        /// File path.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// Something else is wrong (a theme name that does not exist...).
    #[error("{path}: {message}")]
    Invalid {
        /// File path or name.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl ConfigError {
    /// Wrap a RON parse error of the file at `path`.
    #[must_use]
    pub fn from_ron(path: &str, err: &ron::error::SpannedError) -> Self {
        let loc = locate(err);
        Self::At {
            path: path.to_owned(),
            line: loc.line,
            col: loc.col,
            message: err.code.to_string(),
        }
    }

    /// An error at the first place `needle` occurs in `text` after `skip` earlier occurrences
    /// (used for problems found after parsing, like a key bound twice).
    #[must_use]
    pub fn at_text(path: &str, text: &str, needle: &str, skip: usize, message: String) -> Self {
        let byte = text
            .match_indices(needle)
            .nth(skip)
            .or_else(|| text.match_indices(needle).next())
            .map_or(0, |(b, _)| b);
        let before = &text[..byte];
        let line = before.matches('\n').count() + 1;
        let col = before.rfind('\n').map_or(before.chars().count(), |nl| {
            before[nl + 1..].chars().count()
        }) + 1;
        Self::At {
            path: path.to_owned(),
            line,
            col,
            message,
        }
    }
}

/// Read an optional file: `Ok(None)` when it does not exist.
///
/// # Errors
/// [`ConfigError::Io`] for any other read failure.
pub fn read_optional(path: &std::path::Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(ConfigError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}
