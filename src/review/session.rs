//! Opening and saving an adjudication on disk: the article, each annotator's sidecar
//! (re-anchored to the current text), the gold sidecar if one exists, and saves of the gold
//! sidecar after each decision through the store's safe API ([`OpenedSidecar`]): a broken gold
//! file is never overwritten, a migrated or re-anchored one is backed up first.

use std::path::{Path, PathBuf};

use crate::model::{Article, Schema};
use crate::review::adjudicate::Adjudication;
use crate::review::corpus::{CorpusError, load_document};
use crate::store::{GOLD, OpenedSidecar, SidecarError, SidecarSlot, sidecar_path};

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
    /// The gold sidecar exists but cannot be used (it is never overwritten).
    #[error("{0} (the gold sidecar is left untouched: fix or move it, then review again)")]
    Gold(#[from] SidecarError),
}

/// An adjudication opened from disk.
#[derive(Debug)]
pub struct Session {
    /// The article.
    pub article: Article,
    /// The adjudication, resumed from the gold sidecar when there was one.
    pub adjudication: Adjudication,
    /// The gold sidecar, opened through the store's safe API: decisions are saved with
    /// [`save_gold`], which refuses to overwrite a file changed on disk and keeps a `.bak` of a
    /// file that opening migrated or re-anchored.
    pub gold: OpenedSidecar,
}

/// Open the adjudication of `article_path` between `annotators`, resuming from
/// `<stem>.gold.ann.ron` when it exists. `now` (RFC 3339) stamps a new gold document.
///
/// # Errors
/// [`OpenError`]: unreadable files, annotators without a sidecar, or a gold sidecar that
/// cannot be used (unparseable, from a newer program).
pub fn open(
    schema: &Schema,
    article_path: &Path,
    annotators: &[String],
    now: &str,
) -> Result<Session, OpenError> {
    let document =
        load_document(article_path, annotators)?.map_err(|skipped| OpenError::Missing {
            article: skipped.article,
            missing: skipped.missing,
        })?;
    let gold = match SidecarSlot::open(&document.article, GOLD, schema) {
        SidecarSlot::Ready(opened) => *opened,
        SidecarSlot::Refused { error, .. } => return Err(OpenError::Gold(error)),
    };
    let resumed = (!gold.is_new()).then(|| gold.doc.clone());
    let adjudication = Adjudication::new(schema, &document.article, document.docs, resumed, now);
    Ok(Session {
        article: document.article,
        adjudication,
        gold,
    })
}

/// Where the gold sidecar of an article lives.
#[must_use]
pub fn gold_path(article_path: &Path) -> PathBuf {
    sidecar_path(article_path, GOLD)
}

/// Write the gold document of `adjudication` through `gold` (atomically; a `.bak` first when
/// opening changed the file). Returns whether a file was written; afterwards the
/// adjudication's gold document carries the modification time that was saved.
///
/// # Errors
/// [`SidecarError`] when the file changed on disk since it was read, no longer parses, or
/// cannot be written. The file on disk is untouched then.
pub fn save_gold(
    adjudication: &mut Adjudication,
    gold: &mut OpenedSidecar,
) -> Result<bool, SidecarError> {
    gold.doc = adjudication.gold().clone();
    let written = gold.save()?;
    adjudication
        .gold_mut()
        .modified
        .clone_from(&gold.doc.modified);
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::adjudicate::Decision;
    use crate::review::example;
    use crate::store::sidecar;

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
        let Session {
            adjudication: mut adj,
            mut gold,
            ..
        } = open(&schema, &article, &names, "t0").expect("open");
        assert_eq!(adj.progress().decided, 0);
        adj.accept_agreements("t1");
        let first = adj.next_undecided(None).expect("a disagreement");
        adj.decide(first, Decision::Reject, "t2").expect("reject");
        let c7 = adj.item_of_span(0, "C7").expect("C7");
        adj.decide(c7, Decision::Take(0), "t3").expect("take");
        assert!(save_gold(&mut adj, &mut gold).expect("save"));
        assert!(gold.path().ends_with("example-excerpt.gold.ann.ron"));
        let saved_at = adj.gold().modified.clone();
        let again = open(&schema, &article, &names, "t4")
            .expect("reopen")
            .adjudication;
        assert_eq!(
            again.progress().decided,
            13,
            "11 agreements, the rejection (recorded in gold) and C7"
        );
        assert_eq!(again.gold().modified, saved_at);
        std::fs::write(gold_path(&article), "(broken").expect("break gold");
        let broken = open(&schema, &article, &names, "t5");
        assert!(matches!(broken, Err(OpenError::Gold(_))));
        assert_eq!(
            std::fs::read_to_string(gold_path(&article)).expect("gold"),
            "(broken"
        );
        let missing = open(&schema, &article, &["A".to_owned(), "C".to_owned()], "t5");
        assert!(
            matches!(missing, Err(OpenError::Missing { ref missing, .. }) if missing == &["C"])
        );
    }
}
