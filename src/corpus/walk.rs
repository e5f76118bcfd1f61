//! The one directory walk of every command that takes a directory (`check`, the corpus
//! browser, `agree`, `export`, `import`), so they all see the same files:
//! - names starting with `.` below the root are skipped (version control, editors' files);
//! - `target` and `node_modules` directories are skipped (build output, never a corpus);
//! - symbolic links are followed, and a link loop or an unreadable directory below the root is
//!   reported as a problem without hiding the rest;
//! - files come in file-name order, directory by directory, so every run lists them alike.

use std::path::{Path, PathBuf};

/// Directory names that are never searched.
pub const SKIPPED_DIRS: &[&str] = &["target", "node_modules"];

/// The files below a root and what could not be walked.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Walk {
    /// Every regular file (or link to one), in walk order.
    pub files: Vec<PathBuf>,
    /// `path: reason` for each directory or link that could not be followed.
    pub problems: Vec<String>,
}

/// True for an entry the walk skips (see the module header).
fn skipped(entry: &walkdir::DirEntry) -> bool {
    if entry.depth() == 0 {
        return false;
    }
    let name = entry.file_name().to_string_lossy();
    name.starts_with('.') || (entry.file_type().is_dir() && SKIPPED_DIRS.contains(&name.as_ref()))
}

/// Walk `root` down to `max_depth` levels (1: the files in `root` only).
///
/// # Errors
/// The I/O error when `root` itself cannot be read.
pub fn walk_files(root: &Path, max_depth: usize) -> std::io::Result<Walk> {
    let walker = walkdir::WalkDir::new(root)
        .max_depth(max_depth)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !skipped(e));
    let mut walk = Walk::default();
    for item in walker {
        let entry = match item {
            Ok(entry) => entry,
            Err(e) if e.depth() == 0 => {
                return Err(e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot list")));
            }
            Err(e) => {
                let path = e.path().map_or_else(|| root.to_owned(), Path::to_owned);
                let reason = if e.loop_ancestor().is_some() {
                    "symbolic link loop, not followed".to_owned()
                } else {
                    e.io_error()
                        .map_or_else(|| e.to_string(), ToString::to_string)
                };
                walk.problems.push(format!("{}: {reason}", path.display()));
                continue;
            }
        };
        if entry.file_type().is_file() {
            walk.files.push(entry.into_path());
        }
    }
    Ok(walk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("dir");
        }
        std::fs::write(path, "x").expect("write");
    }

    #[test]
    fn skips_hidden_and_build_directories_and_sorts() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        for rel in [
            "b.txt",
            "a.txt",
            "sub/c.txt",
            ".git/x.txt",
            ".hidden.txt",
            "target/y.txt",
            "node_modules/z.txt",
            "sub/target.txt",
        ] {
            touch(&root.join(rel));
        }
        let walk = walk_files(root, usize::MAX).expect("walk");
        let rel: Vec<String> = walk
            .files
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .expect("below root")
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(rel, ["a.txt", "b.txt", "sub/c.txt", "sub/target.txt"]);
        assert!(walk.problems.is_empty());
        let top = walk_files(root, 1).expect("walk");
        assert_eq!(top.files.len(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn follows_links_and_reports_loops() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path().join("corpus");
        touch(&root.join("real/a.txt"));
        std::os::unix::fs::symlink(root.join("real"), root.join("linked")).expect("link");
        std::os::unix::fs::symlink(&root, root.join("real/loop")).expect("loop");
        let walk = walk_files(&root, usize::MAX).expect("walk");
        assert_eq!(walk.files.len(), 2, "{walk:?}");
        assert!(walk.problems.iter().any(|p| p.contains("loop")), "{walk:?}");
    }

    #[test]
    fn a_missing_root_is_an_error() {
        assert!(walk_files(Path::new("/nonexistent/marginalia-walk"), 3).is_err());
    }
}
