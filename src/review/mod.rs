//! Review mode's domain: agreement statistics, alignment of annotators' records, the
//! agreement report and the adjudication model that builds a gold sidecar. Nothing here
//! touches the terminal; the review screen and `marginalia agree` drive it.

pub mod adjudicate;
pub mod align;
pub mod corpus;
pub mod example;
pub mod origin;
pub mod queue;
pub mod report;
pub mod report_text;
pub mod session;
pub mod stats;
pub mod tally;
