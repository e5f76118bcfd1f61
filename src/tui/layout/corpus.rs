//! Geometry of the corpus screen that its drawing and its key handling both need: where the
//! list starts and how many rows it has (scrolling, paging, mouse clicks).

/// Whether the terminal has a row for column headings.
#[must_use]
pub fn has_header(size: (u16, u16)) -> bool {
    size.1 >= 8
}

/// Screen row of the first list line.
#[must_use]
pub fn list_top_row(size: (u16, u16)) -> u16 {
    1 + u16::from(has_header(size))
}

/// Number of list lines for a terminal of `size` (at least 1).
#[must_use]
pub fn list_rows(size: (u16, u16)) -> usize {
    usize::from(size.1.saturating_sub(3 + u16::from(has_header(size)))).max(1)
}
