//! Opening and saving an adjudication on disk: the article, each annotator's sidecar
//! (re-anchored to the current text), the gold sidecar if one exists, and atomic saves of the
//! gold sidecar after each decision.

use std::path::{Path, PathBuf};

use crate::model::{Article, Schema};
use crate::review::adjudicate::Adjudication;
use crate::review::corpus::{CorpusError, load_document};
use crate::store::{GOLD, SidecarError, load_for_article, sidecar, sidecar_path};

/// Why an adjudication cannot be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The article or a sidecar cannot be read.
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// Some annotators have no sidecar for this article.
    #[error("{article}: no sidecar of {}", missing.join(", "))]
    Missing {
        /// The article.
        article: PathBuf,
        /// Annotators without a sidecar.
        missing: Vec<String>,
    },
    /// The gold sidecar cannot be read.
    #[error(transparent)]
    Gold(#[from] SidecarError),
}

/// Open the adjudication of `article_path` between `annotators`, resuming from
/// `<stem>.gold.ann.ron` when it exists. `now` (RFC 3339) stamps a new gold document.
///
/// # Errors
/// [`OpenError`]: unreadable files, or annotators without a sidecar.
pub fn open(
    schema: &Schema,
    article_path: &Path,
    annotators: &[String],
    now: &str,
) -> Result<(Article, Adjudication), OpenError> {
    let document =
        load_document(article_path, annotators)?.map_err(|skipped| OpenError::Missing {
            article: skipped.article,
            missing: skipped.missing,
        })?;
    let gold = load_for_article(&gold_path(article_path), &document.article)?.map(|(doc, _)| doc);
    let adjudication = Adjudication::new(schema, &document.article, document.docs, gold, now);
    Ok((document.article, adjudication))
}

/// Where the gold sidecar of an article lives.
#[must_use]
pub fn gold_path(article_path: &Path) -> PathBuf {
    sidecar_path(article_path, GOLD)
}

/// Write the gold document of `adjudication` next to the article (atomically).
///
/// # Errors
/// [`SidecarError::Io`] when it cannot be written.
pub fn save_gold(
    adjudication: &Adjudication,
    article_path: &Path,
) -> Result<PathBuf, SidecarError> {
    let path = gold_path(article_path);
    sidecar::save(&path, adjudication.gold())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::adjudicate::Decision;
    use crate::review::example;

    #[test]
    fn decisions_saved_to_disk_resume_on_reopening() {
        let dir = tempfile::tempdir().expect("tempdir");
        let article = dir.path().join("example-excerpt.txt");
        std::fs::write(&article, example::PARAGRAPHS.join("\n\n")).expect("article");
        for (name, doc) in [("A", example::annotator_a()), ("B", example::annotator_b())] {
            sidecar::save(&sidecar_path(&article, name), &doc).expect("sidecar");
        }
        let schema = Schema::default_schema();
        let names = vec!["A".to_owned(), "B".to_owned()];
        let (_, mut adj) = open(&schema, &article, &names, "t0").expect("open");
        assert_eq!(adj.progress().decided, 0);
        adj.accept_agreements("t1");
        let first = adj.next_undecided(None).expect("a disagreement");
        adj.decide(first, Decision::Reject, "t2").expect("reject");
        let c7 = adj.item_of_span(0, "C7").expect("C7");
        adj.decide(c7, Decision::Take(0), "t3").expect("take");
        let saved = save_gold(&adj, &article).expect("save");
        assert!(saved.ends_with("example-excerpt.gold.ann.ron"));
        let (_, again) = open(&schema, &article, &names, "t4").expect("reopen");
        assert_eq!(
            again.progress().decided,
            12,
            "11 agreements and C7; the rejection left no trace"
        );
        assert_eq!(again.gold().modified, "t3");
        let missing = open(&schema, &article, &["A".to_owned(), "C".to_owned()], "t5");
        assert!(
            matches!(missing, Err(OpenError::Missing { ref missing, .. }) if missing == &["C"])
        );
    }
}
