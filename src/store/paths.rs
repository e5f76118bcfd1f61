//! Where sidecars live and how annotator names are checked.
//!
//! `<dir>/<article stem>.<annotator>.ann.ron`, next to the article; `gold` is the adjudicated
//! file written by review mode.

use std::path::{Path, PathBuf};

/// Suffix shared by every sidecar file.
pub const SIDECAR_SUFFIX: &str = ".ann.ron";

/// The annotator name reserved for adjudicated sidecars.
pub const GOLD: &str = "gold";

/// Is `name` a valid annotator name (`[A-Za-z0-9_-]+`)?
#[must_use]
pub fn is_valid_annotator(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// Check an annotator name, with a message saying what is allowed.
///
/// # Errors
/// A message naming the bad annotator.
pub fn check_annotator(name: &str) -> Result<(), String> {
    if is_valid_annotator(name) {
        Ok(())
    } else {
        Err(format!(
            "invalid annotator name `{name}`: use letters, digits, `_` and `-` only"
        ))
    }
}

/// The sidecar path of `article` for `annotator`.
#[must_use]
pub fn sidecar_path(article: &Path, annotator: &str) -> PathBuf {
    let stem = article
        .file_stem()
        .map_or_else(|| "article".into(), |s| s.to_string_lossy().into_owned());
    article.with_file_name(format!("{stem}.{annotator}{SIDECAR_SUFFIX}"))
}

/// If `path` is a sidecar, its article stem and annotator.
#[must_use]
pub fn parse_sidecar_name(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_str()?;
    let base = name.strip_suffix(SIDECAR_SUFFIX)?;
    let (stem, annotator) = base.rsplit_once('.')?;
    (is_valid_annotator(annotator) && !stem.is_empty())
        .then(|| (stem.to_owned(), annotator.to_owned()))
}

/// Is `path` an article file the program opens (`.txt` or `.md`)? A corpus's `README.md` or
/// `README.txt` (any case) documents the corpus and is not an article.
#[must_use]
pub fn is_article_path(path: &Path) -> bool {
    let is_readme = path
        .file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"));
    !is_readme
        && matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md")
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_names_round_trip() {
        let p = sidecar_path(Path::new("corpus/wire-001.txt"), "alice");
        assert_eq!(p, Path::new("corpus/wire-001.alice.ann.ron"));
        assert_eq!(
            parse_sidecar_name(&p),
            Some(("wire-001".into(), "alice".into()))
        );
        assert_eq!(parse_sidecar_name(Path::new("notes.ron")), None);
    }

    #[test]
    fn articles_are_txt_and_md_but_not_readmes() {
        assert!(is_article_path(Path::new("c/wire-1.txt")));
        assert!(is_article_path(Path::new("c/wire-1.md")));
        assert!(!is_article_path(Path::new("c/README.md")));
        assert!(!is_article_path(Path::new("c/readme.txt")));
        assert!(!is_article_path(Path::new("c/wire-1.alice.ann.ron")));
    }

    #[test]
    fn annotator_names_are_restricted() {
        assert!(is_valid_annotator("bob_2-x"));
        assert!(!is_valid_annotator("bob smith"));
        assert!(!is_valid_annotator("../x"));
        assert!(!is_valid_annotator(""));
    }
}
