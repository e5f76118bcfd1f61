//! Screen geometry that `update` (scrolling, paging, mouse hit-testing) and `view` (drawing)
//! both need, so neither layer reaches into the other: the annotation screen's areas, the
//! annotation pane's rows, the review screen's panes, the corpus list, and the help text.

pub mod annotations;
pub mod corpus;
pub mod geometry;
pub mod help_text;
pub mod review_geometry;
