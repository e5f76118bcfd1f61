//! Loading a corpus for comparison: the articles under a path, each annotator's sidecar
//! (re-anchored to the current text), the documents some annotator has not annotated, and the
//! per-document and pooled agreement reports.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::corpus::{Corpus, CorpusError as ListingError};
use crate::model::{AnnotationDoc, Article, ArticleError, Schema};
use crate::review::origin::{ByOrigin, ByOriginTally};
use crate::review::report::AgreementReport;
use crate::review::tally::Tally;
use crate::store::{ReanchorReport, SidecarError, load_for_article, sidecar_path};

/// Why a corpus could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The path does not exist or a directory cannot be listed.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// An article cannot be read.
    #[error(transparent)]
    Article(#[from] ArticleError),
    /// A sidecar cannot be read or parsed (`path:line:col: message`).
    #[error(transparent)]
    Sidecar(#[from] SidecarError),
    /// No article file under the path.
    #[error("{0}: no articles (.txt or .md) found")]
    NoArticles(PathBuf),
}

/// One article with every requested annotator's sidecar.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article.
    pub article: Article,
    /// One document per annotator, in the order requested, re-anchored to the article.
    pub docs: Vec<AnnotationDoc>,
    /// What re-anchoring did, per annotator.
    pub reanchored: Vec<ReanchorReport>,
}

/// An article left out because some annotators have no sidecar for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The article.
    pub article: PathBuf,
    /// Annotators without a sidecar.
    pub missing: Vec<String>,
}

/// The articles at `path`: the file itself, or every article of the corpus under a directory
/// (as [`crate::corpus::Corpus::scan`] lists them: walked by [`crate::corpus::walk`], sorted),
/// with what could not be walked (`path: reason`, e.g. a symbolic link loop).
///
/// # Errors
/// [`CorpusError::Io`] or [`CorpusError::NoArticles`].
pub fn find_articles(path: &Path) -> Result<(Vec<PathBuf>, Vec<String>), CorpusError> {
    let meta = std::fs::metadata(path).map_err(|source| CorpusError::Io {
        path: path.to_owned(),
        source,
    })?;
    // A file named on the command line is compared whatever its extension.
    if meta.is_file() {
        return Ok((vec![path.to_owned()], Vec::new()));
    }
    let corpus = Corpus::scan(path).map_err(|e| match e {
        ListingError::Io { path, source } => CorpusError::Io { path, source },
        ListingError::NotArticle { path } => CorpusError::NoArticles(path),
    })?;
    let found: Vec<PathBuf> = corpus.entries().iter().map(|e| e.path.clone()).collect();
    if found.is_empty() {
        return Err(CorpusError::NoArticles(path.to_owned()));
    }
    Ok((found, corpus.problems().to_vec()))
}

/// Load `article` with each annotator's sidecar. `Ok(Err(skipped))` when some annotator has
/// none.
///
/// # Errors
/// An unreadable article or an unreadable or unparseable sidecar.
pub fn load_document(
    article_path: &Path,
    annotators: &[String],
) -> Result<Result<Document, Skipped>, CorpusError> {
    let article = Article::load(article_path)?;
    let mut docs = Vec::new();
    let mut reanchored = Vec::new();
    let mut missing = Vec::new();
    for name in annotators {
        match load_for_article(&sidecar_path(article_path, name), &article)? {
            Some((doc, report)) => {
                docs.push(doc);
                reanchored.push(report);
            }
            None => missing.push(name.clone()),
        }
    }
    if !missing.is_empty() {
        return Ok(Err(Skipped {
            article: article_path.to_owned(),
            missing,
        }));
    }
    Ok(Ok(Document {
        article,
        docs,
        reanchored,
    }))
}

/// Agreement of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentReport {
    /// The article.
    pub article: PathBuf,
    /// What re-anchoring did to each annotator's sidecar (annotator order).
    pub reanchored: Vec<ReanchorReport>,
    /// The figures.
    pub agreement: AgreementReport,
}

/// Agreement over a corpus: each document, the documents left out, and the pooled figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CorpusReport {
    /// Annotators compared.
    pub annotators: Vec<String>,
    /// Each compared document.
    pub documents: Vec<DocumentReport>,
    /// Documents left out because some (not all) annotators have no sidecar.
    pub skipped: Vec<Skipped>,
    /// Files under a directory that none of the annotators annotated (not counted as
    /// problems: a directory may hold articles nobody has started, or a README).
    pub unannotated: Vec<PathBuf>,
    /// Figures over all compared documents pooled (absent when none was compared).
    pub corpus: Option<AgreementReport>,
    /// The pooled figures of suggested and hand-made records apart (`agree --by-origin`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_origin: Option<ByOrigin>,
    /// Directories or links below the path that could not be walked (`path: reason`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unwalked: Vec<String>,
}

impl CorpusReport {
    /// Compare `annotators` on every article under `path`.
    ///
    /// # Errors
    /// As [`find_articles`] and [`load_document`].
    pub fn build(
        schema: &Schema,
        path: &Path,
        annotators: &[String],
        confusion: bool,
    ) -> Result<Self, CorpusError> {
        Self::build_with_progress(schema, path, annotators, confusion, false, &mut |_, _| {})
    }

    /// As [`CorpusReport::build`], calling `progress(done, total)` after each article; with
    /// `by_origin`, also the figures of suggested and hand-made records apart.
    ///
    /// # Errors
    /// As [`find_articles`] and [`load_document`].
    pub fn build_with_progress(
        schema: &Schema,
        path: &Path,
        annotators: &[String],
        confusion: bool,
        by_origin: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Self, CorpusError> {
        let mut origins = by_origin.then(ByOriginTally::default);
        let mut documents = Vec::new();
        let mut skipped = Vec::new();
        let mut unannotated = Vec::new();
        let is_dir = path.is_dir();
        let mut pooled: Option<Tally> = None;
        let (articles, unwalked) = find_articles(path)?;
        let total = articles.len();
        for (done, article_path) in articles.into_iter().enumerate() {
            progress(done, total);
            match load_document(&article_path, annotators)? {
                Ok(doc) => {
                    let refs: Vec<&AnnotationDoc> = doc.docs.iter().collect();
                    let tally = Tally::of_document(schema, &doc.article, &refs);
                    if let Some(o) = origins.as_mut() {
                        o.add(schema, &doc.article, &doc.docs);
                    }
                    documents.push(DocumentReport {
                        article: article_path,
                        reanchored: doc.reanchored,
                        agreement: AgreementReport::from_tally(&tally, confusion),
                    });
                    match pooled.as_mut() {
                        Some(p) => p.add(&tally),
                        None => pooled = Some(tally),
                    }
                }
                Err(skip) if is_dir && skip.missing.len() == annotators.len() => {
                    unannotated.push(skip.article);
                }
                Err(skip) => skipped.push(skip),
            }
        }
        progress(total, total);
        Ok(Self {
            annotators: annotators.to_vec(),
            documents,
            skipped,
            unannotated,
            corpus: pooled.map(|t| AgreementReport::from_tally(&t, confusion)),
            by_origin: origins.map(|o| o.report(confusion)),
            unwalked,
        })
    }
}
