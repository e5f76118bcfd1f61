//! What re-anchoring would do to a sidecar whose article changed since it was written, for
//! `marginalia check`: the counts (`kept`, `moved`, `fuzzy`, `orphaned`, the names `agree --json`
//! uses), the findings (spans moved exactly are information, fuzzy placements warnings, orphans
//! errors), and `check --fix`, which writes the re-anchored sidecar through the store (the
//! original kept as `.bak`).

use std::path::Path;

use serde::Serialize;

use crate::model::annotation::AnchorStatus;
use crate::model::{AnnotationDoc, Article, Schema};
use crate::store::validate::check_against_article;
use crate::store::{OpenedSidecar, Problem, ProblemKind, ReanchorReport, SidecarError, reanchor};

/// Re-anchoring counts of one sidecar, in `check --json` (`"anchors": [...]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnchorSummary {
    /// The sidecar, as reached from the paths given.
    pub path: String,
    /// True when the article text differs from the one the sidecar was written against.
    pub article_changed: bool,
    /// Spans found where they were.
    pub kept: usize,
    /// Spans re-anchoring would move to an exact match elsewhere.
    pub moved: usize,
    /// Spans re-anchoring would place approximately (to review).
    pub fuzzy: usize,
    /// Spans re-anchoring could not place (kept in the sidecar as orphans).
    pub orphaned: usize,
    /// True when `--fix` wrote the re-anchored sidecar.
    pub fixed: bool,
}

impl AnchorSummary {
    fn new(path: &Path, article_changed: bool, report: ReanchorReport) -> Self {
        Self {
            path: path.display().to_string(),
            article_changed,
            kept: report.kept,
            moved: report.moved,
            fuzzy: report.fuzzy,
            orphaned: report.orphaned,
            fixed: false,
        }
    }

    /// `42 spans would move, 0 fuzzy, 0 orphaned` (`moved` once fixed).
    #[must_use]
    pub fn sentence(&self) -> String {
        let verb = if self.fixed { "moved" } else { "would move" };
        format!(
            "{} span{} {verb}, {} fuzzy, {} orphaned ({} kept)",
            self.moved,
            if self.moved == 1 { "" } else { "s" },
            self.fuzzy,
            self.orphaned,
            self.kept
        )
    }
}

/// The anchor problems of `doc` against `article` and its re-anchoring counts. When the article
/// is unchanged the document is checked as it stands (a quote that does not match is a
/// hand-edited offset: an error); when it changed, the document is re-anchored in memory as
/// opening it would, and only what that cannot solve is reported.
#[must_use]
pub fn check_anchors(
    path: &Path,
    doc: &AnnotationDoc,
    article: &Article,
) -> (AnchorSummary, Vec<Problem>) {
    let changed = doc.article.sha256 != article.sha256();
    if !changed {
        let mut placed = doc.clone();
        let report = reanchor(&mut placed, article);
        return (
            AnchorSummary::new(path, false, report),
            check_against_article(doc, article),
        );
    }
    let mut placed = doc.clone();
    let report = reanchor(&mut placed, article);
    let mut problems = check_against_article(&placed, article);
    for span in &placed.spans {
        let was_fuzzy = doc
            .span(&span.id)
            .is_some_and(|s| s.status == AnchorStatus::Fuzzy);
        if span.status == AnchorStatus::Fuzzy && !was_fuzzy {
            let a = &span.anchor;
            let old = doc.span(&span.id).map_or("", |s| s.anchor.exact.as_str());
            problems.push(Problem::warning(
                ProblemKind::StaleAnchor,
                Some(&span.id),
                format!(
                    "quote “{old}” is no longer in the text; re-anchoring would place it approximately at paragraph {} {}..{} “{}” (review it)",
                    a.para + 1,
                    a.start,
                    a.end,
                    a.exact
                ),
            ));
        }
    }
    (AnchorSummary::new(path, true, report), problems)
}

/// Write the re-anchored (and, for an older format, migrated) sidecar at `path`, keeping the
/// original as `.bak`. Returns whether a file was written.
///
/// # Errors
/// The store's error when the sidecar cannot be opened or written; nothing is written then.
pub fn fix(
    path: &Path,
    article: &Article,
    annotator: &str,
    schema: &Schema,
) -> Result<bool, SidecarError> {
    let mut opened = OpenedSidecar::open_at(path, article, annotator, schema)?;
    opened.write_what_opening_changed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Severity;

    const TEXT: &str = "Title line.\n\nThe mayor said the market will reopen in spring.\n\nPolice confirmed that two people were hurt in the fire.";

    fn setup() -> (Schema, AnnotationDoc) {
        let schema = Schema::default_schema();
        let article = Article::from_text(Path::new("a.txt"), TEXT).expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "alice", "2026-01-01T00:00:00Z");
        // "The mayor" (moves exactly), "two people were hurt" (becomes fuzzy) and
        // "reopen in spring" (its words are deleted: orphaned).
        doc.add_span(&schema, &article, "Speaker", 1, 0, 9)
            .expect("s");
        doc.add_span(&schema, &article, "Claim", 2, 22, 42)
            .expect("c");
        doc.add_span(&schema, &article, "Claim", 1, 31, 47)
            .expect("c2");
        (schema, doc)
    }

    #[test]
    fn exact_moves_are_information_fuzzy_ones_warnings_and_orphans_errors() {
        let (_, doc) = setup();
        let changed = Article::from_text(
            Path::new("a.txt"),
            "Editor's note: updated.\n\nTitle line.\n\nThe mayor said the market will stay closed.\n\nPolice confirmed that two persons were hurt in the fire.",
        )
        .expect("article");
        let (summary, problems) = check_anchors(Path::new("a.alice.ann.ron"), &doc, &changed);
        assert!(summary.article_changed);
        assert_eq!(
            (
                summary.kept + summary.moved,
                summary.fuzzy,
                summary.orphaned
            ),
            (1, 1, 1),
            "{summary:?}"
        );
        let by_severity = |s: Severity| problems.iter().filter(|p| p.severity == s).count();
        assert_eq!(by_severity(Severity::Warning), 1, "{problems:?}");
        assert_eq!(by_severity(Severity::Error), 1, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.kind == ProblemKind::Orphaned && p.message.contains("paragraph 2")),
            "paragraphs counted from 1: {problems:?}"
        );
        assert!(summary.sentence().contains("1 fuzzy, 1 orphaned"));
    }

    #[test]
    fn an_unchanged_article_has_nothing_to_say() {
        let (_, doc) = setup();
        let same = Article::from_text(Path::new("a.txt"), TEXT).expect("article");
        let (summary, problems) = check_anchors(Path::new("a.alice.ann.ron"), &doc, &same);
        assert!(!summary.article_changed);
        assert_eq!((summary.kept, summary.moved), (3, 0));
        assert!(problems.is_empty(), "{problems:?}");
    }
}
