//! Turning RON parser errors into `line:col` locations for user-facing messages.

use serde::Serialize;

/// A 1-based line and column in a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RonLocation {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
}

/// Where a RON parse error starts.
#[must_use]
pub fn locate(err: &ron::error::SpannedError) -> RonLocation {
    RonLocation {
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
    }
}
