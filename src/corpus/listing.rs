//! Discovering articles and their sidecars under a directory, by file name only.
//!
//! Order is deterministic: entries are sorted by their path relative to the root (compared as
//! `/`-separated strings), annotators by name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::store::{is_article_path, parse_sidecar_name};

/// A directory that could not be listed.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    /// The root does not exist or cannot be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The root is a file that is not an article.
    #[error("{path}: not an article (.txt or .md) or a directory")]
    NotArticle {
        /// The path.
        path: PathBuf,
    },
}

/// One sidecar file of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarFile {
    /// Annotator name from the file name (`gold` for adjudicated).
    pub annotator: String,
    /// Path of the sidecar.
    pub path: PathBuf,
}

/// One article of a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusEntry {
    /// Path of the article file.
    pub path: PathBuf,
    /// Path relative to the corpus root, `/`-separated.
    pub rel_path: String,
    /// `rel_path` without its extension: the document id used by exports.
    pub doc_id: String,
    /// Its sidecars, sorted by annotator.
    pub sidecars: Vec<SidecarFile>,
}

impl CorpusEntry {
    /// The sidecar of `annotator`, if there is one.
    #[must_use]
    pub fn sidecar(&self, annotator: &str) -> Option<&SidecarFile> {
        self.sidecars.iter().find(|s| s.annotator == annotator)
    }
}

/// The articles under a root directory (or a single article).
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    root: PathBuf,
    entries: Vec<CorpusEntry>,
    stray_sidecars: Vec<PathBuf>,
    problems: Vec<String>,
}

/// The document id of a relative path: `/`-separated, without the extension.
#[must_use]
pub fn doc_id_of(rel_path: &str) -> String {
    match rel_path.rsplit_once('.') {
        Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => stem.to_owned(),
        _ => rel_path.to_owned(),
    }
}

fn rel_string(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

impl Corpus {
    /// List the articles under `root` (recursively; hidden files and directories are skipped)
    /// and pair each with its sidecars. If `root` is an article file, the corpus holds only it,
    /// and its directory is the root. Reads directory entries only.
    ///
    /// # Errors
    /// [`CorpusError`] when the root cannot be read or is a file that is not an article.
    pub fn scan(root: &Path) -> Result<Self, CorpusError> {
        let meta = std::fs::metadata(root).map_err(|source| CorpusError::Io {
            path: root.to_owned(),
            source,
        })?;
        if meta.is_file() {
            if !is_article_path(root) {
                return Err(CorpusError::NotArticle {
                    path: root.to_owned(),
                });
            }
            let dir = root
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_owned();
            let mut corpus = Self::scan_dir(&dir, 1)?;
            let rel = rel_string(&dir, root);
            corpus.entries.retain(|e| e.rel_path == rel);
            corpus.stray_sidecars.clear();
            corpus.root = dir;
            return Ok(corpus);
        }
        Self::scan_dir(root, usize::MAX)
    }

    fn scan_dir(root: &Path, max_depth: usize) -> Result<Self, CorpusError> {
        let mut articles: BTreeMap<String, PathBuf> = BTreeMap::new();
        // (directory relative path, stem) -> sidecars
        let mut sidecars: BTreeMap<(String, String), Vec<SidecarFile>> = BTreeMap::new();
        let walk =
            crate::corpus::walk::walk_files(root, max_depth).map_err(|source| CorpusError::Io {
                path: root.to_owned(),
                source,
            })?;
        let problems = walk.problems;
        for path in &walk.files {
            if let Some((stem, annotator)) = parse_sidecar_name(path) {
                let dir = path
                    .parent()
                    .map(|d| rel_string(root, d))
                    .unwrap_or_default();
                sidecars.entry((dir, stem)).or_default().push(SidecarFile {
                    annotator,
                    path: path.to_owned(),
                });
            } else if is_article_path(path) {
                articles.insert(rel_string(root, path), path.to_owned());
            }
        }
        let mut entries = Vec::with_capacity(articles.len());
        for (rel_path, path) in articles {
            let (dir, file) = rel_path.rsplit_once('/').unwrap_or(("", &rel_path));
            let stem = doc_id_of(file);
            let mut own = sidecars.remove(&(dir.to_owned(), stem)).unwrap_or_default();
            own.sort_by(|a, b| a.annotator.cmp(&b.annotator));
            entries.push(CorpusEntry {
                path,
                doc_id: doc_id_of(&rel_path),
                rel_path,
                sidecars: own,
            });
        }
        let stray_sidecars = sidecars.into_values().flatten().map(|s| s.path).collect();
        Ok(Self {
            root: root.to_owned(),
            entries,
            stray_sidecars,
            problems,
        })
    }

    /// The root directory.
    #[must_use]
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The articles, sorted by relative path.
    #[must_use]
    pub fn entries(&self) -> &[CorpusEntry] {
        &self.entries
    }

    /// Sidecars whose article is missing (or claimed by another article of the same stem).
    #[must_use]
    pub fn stray_sidecars(&self) -> &[PathBuf] {
        &self.stray_sidecars
    }

    /// Parts of the tree that could not be listed (unreadable directories, symlink loops).
    #[must_use]
    pub fn problems(&self) -> &[String] {
        &self.problems
    }

    /// Every annotator with at least one sidecar, sorted.
    #[must_use]
    pub fn annotators(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .entries
            .iter()
            .flat_map(|e| e.sidecars.iter().map(|s| s.annotator.clone()))
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("mkdir");
        }
        std::fs::write(path, "x").expect("write");
    }

    #[test]
    fn lists_articles_with_their_sidecars_in_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        for name in [
            "b.txt",
            "b.bob.ann.ron",
            "b.alice.ann.ron",
            "a/x.y.md",
            "a/x.y.gold.ann.ron",
            "lost.alice.ann.ron",
            ".hidden/z.txt",
            "notes.pdf",
        ] {
            touch(&root.join(name));
        }
        let corpus = Corpus::scan(root).expect("scan");
        let ids: Vec<&str> = corpus.entries().iter().map(|e| e.doc_id.as_str()).collect();
        assert_eq!(ids, ["a/x.y", "b"]);
        let b = &corpus.entries()[1];
        let names: Vec<&str> = b.sidecars.iter().map(|s| s.annotator.as_str()).collect();
        assert_eq!(names, ["alice", "bob"]);
        assert_eq!(corpus.entries()[0].sidecars[0].annotator, "gold");
        assert_eq!(corpus.stray_sidecars(), [root.join("lost.alice.ann.ron")]);
        assert_eq!(corpus.annotators(), ["alice", "bob", "gold"]);

        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("a/loop")).expect("symlink");
            let looped = Corpus::scan(root).expect("scan despite the loop");
            assert_eq!(looped.entries().len(), 2);
            assert_eq!(looped.problems().len(), 1, "{:?}", looped.problems());
        }

        let single = Corpus::scan(&root.join("b.txt")).expect("single");
        assert_eq!(single.entries().len(), 1);
        assert_eq!(single.entries()[0].sidecars.len(), 2);
        assert!(Corpus::scan(&root.join("notes.pdf")).is_err());
        assert!(Corpus::scan(&root.join("missing")).is_err());
    }

    #[test]
    fn doc_ids_drop_only_the_extension() {
        assert_eq!(doc_id_of("dir/wire.001.txt"), "dir/wire.001");
        assert_eq!(doc_id_of("plain"), "plain");
    }
}
