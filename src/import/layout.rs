//! Where a corpus keeps its files: which `.ann` belongs to which text and annotator, and where
//! the imported article goes. Two layouts as corpora publish them: one directory per annotator
//! (`DIR/<annotator>/<doc>.ann` beside `<doc>.txt`, as the brat export writes) and PolNeAR's
//! (`<split>/attributions/<stem>_<annotator>.ann` beside `<split>/text/<stem>.txt`).

use std::path::{Path, PathBuf};

/// How `.ann` files are laid out under the imported directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// `DIR/<annotator>/<path>.ann` with `<path>.txt` beside it (or any `.ann` with
    /// `--annotator`).
    #[default]
    AnnotatorDirs,
    /// `<dirs>/attributions/<stem>_<annotator>.ann` with the text at `<dirs>/text/<stem>.txt`.
    Polnear,
}

/// One `.ann` file placed: its text, annotator and the article's path relative to the root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The `.txt` the offsets refer to.
    pub txt: PathBuf,
    /// Annotator name.
    pub annotator: String,
    /// Components of the article's path relative to an output directory (ending in `.txt`).
    pub doc_parts: Vec<String>,
}

fn components(path: &Path) -> Vec<String> {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

impl Layout {
    /// Place `ann` found under `root`; `annotator` overrides the one the layout gives.
    ///
    /// # Errors
    /// A message naming the file when it does not fit the layout.
    pub fn place(self, root: &Path, ann: &Path, annotator: Option<&str>) -> Result<Placed, String> {
        let shown = ann.display();
        let rel = components(ann.strip_prefix(root).unwrap_or(ann));
        match self {
            Self::AnnotatorDirs => {
                let (who, parts) = match annotator {
                    Some(a) => (a.to_owned(), rel.as_slice()),
                    None if rel.len() >= 2 => (rel[0].clone(), &rel[1..]),
                    None => {
                        return Err(format!(
                            "{shown}: cannot tell the annotator; put files in one directory per annotator or pass --annotator"
                        ));
                    }
                };
                let mut doc_parts = parts.to_vec();
                if let Some(last) = doc_parts.last_mut() {
                    *last = format!("{}.txt", last.trim_end_matches(".ann"));
                }
                Ok(Placed {
                    txt: ann.with_extension("txt"),
                    annotator: who,
                    doc_parts,
                })
            }
            Self::Polnear => {
                let name = ann
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let in_attributions = ann
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|d| d == "attributions");
                let split_dir = ann.parent().and_then(Path::parent);
                let (Some((stem, who)), true, Some(split_dir)) =
                    (name.rsplit_once('_'), in_attributions, split_dir)
                else {
                    return Err(format!(
                        "{shown}: not <dir>/attributions/<stem>_<annotator>.ann (--layout polnear)"
                    ));
                };
                let mut doc_parts = components(split_dir.strip_prefix(root).unwrap_or(split_dir));
                doc_parts.push(format!("{stem}.txt"));
                Ok(Placed {
                    txt: split_dir.join("text").join(format!("{stem}.txt")),
                    annotator: annotator.unwrap_or(who).to_owned(),
                    doc_parts,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_files_of_both_layouts() {
        let root = Path::new("/c");
        let p = Layout::AnnotatorDirs
            .place(root, Path::new("/c/alice/sub/doc.ann"), None)
            .expect("dirs");
        assert_eq!(p.annotator, "alice");
        assert_eq!(p.txt, Path::new("/c/alice/sub/doc.txt"));
        assert_eq!(p.doc_parts, ["sub", "doc.txt"]);
        assert!(
            Layout::AnnotatorDirs
                .place(root, Path::new("/c/doc.ann"), None)
                .is_err()
        );
        let p = Layout::Polnear
            .place(root, Path::new("/c/dev/attributions/a_b-c_4e07.ann"), None)
            .expect("polnear");
        assert_eq!(p.annotator, "4e07");
        assert_eq!(p.txt, Path::new("/c/dev/text/a_b-c.txt"));
        assert_eq!(p.doc_parts, ["dev", "a_b-c.txt"]);
        assert!(
            Layout::Polnear
                .place(root, Path::new("/c/dev/other/a_4e07.ann"), None)
                .is_err()
        );
    }
}
