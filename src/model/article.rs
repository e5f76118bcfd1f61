//! Articles: loading a `.txt`/`.md` file as UTF-8, normalising it (BOM removed, CRLF/CR to LF)
//! before any offset is computed, and splitting it into paragraphs separated by blank lines.
//!
//! All offsets the program stores are Unicode scalar values (Python `str` indices) into the
//! normalised text, relative to a paragraph.

use std::path::{Path, PathBuf};

use crate::model::text::{CharIndex, normalize_newlines, normalize_newlines_owned, sha256_hex};

/// Largest article the program opens (a guard against opening a disk image by mistake).
pub const MAX_ARTICLE_BYTES: u64 = 256 * 1024 * 1024;

/// An article that could not be loaded. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// File path.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
    /// A directory was given where an article file was expected.
    #[error("{path}: is a directory, expected an article file (.txt or .md)")]
    IsDirectory {
        /// The path.
        path: PathBuf,
    },
    /// The bytes are not valid UTF-8.
    #[error(
        "{path}: not valid UTF-8 (first bad byte at offset {byte}); convert it first, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {name} > {name}.utf8`"
    )]
    NotUtf8 {
        /// File path.
        path: PathBuf,
        /// Byte offset of the first invalid sequence.
        byte: usize,
        /// File name, for the suggested command.
        name: String,
    },
    /// The file looks binary (it contains NUL bytes).
    #[error("{path}: looks like a binary file (NUL byte at offset {byte}), not an article")]
    Binary {
        /// File path.
        path: PathBuf,
        /// Byte offset of the first NUL.
        byte: usize,
    },
    /// The file is empty or only whitespace.
    #[error("{path}: is empty (no text to annotate)")]
    Empty {
        /// File path.
        path: PathBuf,
    },
    /// The file is larger than the program opens.
    #[error("{path}: is {size} bytes, larger than the {max} bytes marginalia opens")]
    TooLarge {
        /// File path.
        path: PathBuf,
        /// File size.
        size: u64,
        /// The limit.
        max: u64,
    },
}

/// One paragraph: a block of non-blank lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 0-based paragraph index.
    pub index: usize,
    /// Byte offset of the paragraph in the normalised text.
    pub byte_start: usize,
    /// Byte offset one past the paragraph's last byte.
    pub byte_end: usize,
    /// Character offset of the paragraph in the normalised text.
    pub char_start: usize,
    /// Number of characters in the paragraph.
    pub char_len: usize,
    /// Hex SHA-256 of the paragraph text.
    pub sha256: String,
}

/// A loaded, normalised article.
#[derive(Debug, Clone)]
pub struct Article {
    path: PathBuf,
    text: String,
    sha256: String,
    paragraphs: Vec<Paragraph>,
    index: CharIndex,
}

impl Article {
    /// Load an article file.
    ///
    /// # Errors
    /// Any [`ArticleError`]; every variant names the file.
    pub fn load(path: &Path) -> Result<Self, ArticleError> {
        let meta = std::fs::metadata(path).map_err(|source| ArticleError::Io {
            path: path.to_owned(),
            source,
        })?;
        if meta.is_dir() {
            return Err(ArticleError::IsDirectory {
                path: path.to_owned(),
            });
        }
        if meta.len() > MAX_ARTICLE_BYTES {
            return Err(ArticleError::TooLarge {
                path: path.to_owned(),
                size: meta.len(),
                max: MAX_ARTICLE_BYTES,
            });
        }
        let bytes = std::fs::read(path).map_err(|source| ArticleError::Io {
            path: path.to_owned(),
            source,
        })?;
        // The bytes become the text without a copy (normalised in place when needed).
        check_binary(path, &bytes)?;
        let raw =
            String::from_utf8(bytes).map_err(|e| not_utf8(path, e.utf8_error().valid_up_to()))?;
        check_nul(path, &raw)?;
        Self::build(path, normalize_newlines_owned(raw))
    }

    /// Build an article from raw file bytes; `path` is used for messages and the sidecar.
    ///
    /// # Errors
    /// [`ArticleError::Binary`], [`ArticleError::NotUtf8`] or [`ArticleError::Empty`].
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Self, ArticleError> {
        check_binary(path, bytes)?;
        let raw = std::str::from_utf8(bytes).map_err(|e| not_utf8(path, e.valid_up_to()))?;
        check_nul(path, raw)?;
        Self::from_text(path, raw)
    }

    /// Build an article from text (normalised here).
    ///
    /// # Errors
    /// [`ArticleError::Empty`] for empty or whitespace-only text.
    pub fn from_text(path: &Path, raw: &str) -> Result<Self, ArticleError> {
        Self::build(path, normalize_newlines(raw))
    }

    /// Index and hash normalised text. The whole-text hash runs on a second thread while the
    /// paragraphs are split and hashed, so the text is read by both at once rather than twice
    /// in a row.
    fn build(path: &Path, text: String) -> Result<Self, ArticleError> {
        if text.trim().is_empty() {
            return Err(ArticleError::Empty {
                path: path.to_owned(),
            });
        }
        let (sha256, (index, paragraphs)) = std::thread::scope(|scope| {
            let whole =
                (text.len() >= PARALLEL_HASH_BYTES).then(|| scope.spawn(|| sha256_hex(&text)));
            let index = CharIndex::new(&text);
            let paragraphs = paragraphs_of(&text, &index, &split_paragraphs(&text));
            let sha = match whole {
                // A panic while hashing is not expected; hash here again if it happens.
                Some(handle) => handle.join().unwrap_or_else(|_| sha256_hex(&text)),
                None => sha256_hex(&text),
            };
            (sha, (index, paragraphs))
        });
        Ok(Self {
            path: path.to_owned(),
            sha256,
            text,
            paragraphs,
            index,
        })
    }

    /// The path the article was loaded from.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file name (what sidecars record).
    #[must_use]
    pub fn file_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The normalised text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Hex SHA-256 of the normalised text.
    #[must_use]
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Length of the normalised text in characters.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.index.char_len()
    }

    /// The paragraphs, in order.
    #[must_use]
    pub fn paragraphs(&self) -> &[Paragraph] {
        &self.paragraphs
    }

    /// Text of paragraph `para` (empty if out of range).
    #[must_use]
    pub fn para_text(&self, para: usize) -> &str {
        self.paragraphs
            .get(para)
            .and_then(|p| self.text.get(p.byte_start..p.byte_end))
            .unwrap_or("")
    }

    /// Byte offset inside paragraph `para` of its character `char_offset` (clamped to its end).
    #[must_use]
    pub fn para_char_to_byte(&self, para: usize, char_offset: usize) -> usize {
        let Some(p) = self.paragraphs.get(para) else {
            return 0;
        };
        let clamped = char_offset.min(p.char_len);
        self.index.char_to_byte(&self.text, p.char_start + clamped) - p.byte_start
    }

    /// Byte offset in [`Article::text`] of character `char_offset` of paragraph `para`
    /// (clamped to the paragraph's end; 0 for a paragraph that does not exist).
    #[must_use]
    pub fn text_byte(&self, para: usize, char_offset: usize) -> usize {
        self.paragraphs.get(para).map_or(0, |p| {
            p.byte_start + self.para_char_to_byte(para, char_offset)
        })
    }

    /// Character offset inside paragraph `para` of its byte `byte_offset` (clamped to its end).
    #[must_use]
    pub fn para_byte_to_char(&self, para: usize, byte_offset: usize) -> usize {
        let Some(p) = self.paragraphs.get(para) else {
            return 0;
        };
        let byte = (p.byte_start + byte_offset).min(p.byte_end);
        self.index.byte_to_char(&self.text, byte) - p.char_start
    }

    /// The text between two character offsets of paragraph `para`, if in range.
    #[must_use]
    pub fn para_slice(&self, para: usize, start: usize, end: usize) -> Option<&str> {
        let p = self.paragraphs.get(para)?;
        if start > end || end > p.char_len {
            return None;
        }
        let text = self.para_text(para);
        text.get(self.para_char_to_byte(para, start)..self.para_char_to_byte(para, end))
    }

    /// Byte offset in [`Article::text`] of document character `char_offset` (clamped to the end).
    #[must_use]
    pub fn char_to_byte(&self, char_offset: usize) -> usize {
        self.index.char_to_byte(&self.text, char_offset)
    }

    /// The text between two document character offsets, if in range.
    #[must_use]
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end || end > self.char_len() {
            return None;
        }
        self.text
            .get(self.char_to_byte(start)..self.char_to_byte(end))
    }

    /// The paragraph containing document character `char_offset`, if any (offsets in the
    /// blank lines between paragraphs belong to none).
    #[must_use]
    pub fn para_at(&self, char_offset: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.char_start <= char_offset)
            .checked_sub(1)?;
        let p = self.paragraphs.get(i)?;
        (char_offset < p.char_start + p.char_len).then_some(i)
    }

    /// Document-level character offset of a paragraph-relative offset.
    #[must_use]
    pub fn doc_offset(&self, para: usize, char_offset: usize) -> usize {
        self.paragraphs
            .get(para)
            .map_or(char_offset, |p| p.char_start + char_offset)
    }
}

/// Texts at least this long hash the whole text on a second thread (below, a thread costs
/// more than it saves).
const PARALLEL_HASH_BYTES: usize = 256 * 1024;

/// A NUL early on is the classic sign of a binary file (git uses the same test).
fn check_binary(path: &Path, bytes: &[u8]) -> Result<(), ArticleError> {
    let probe = &bytes[..bytes.len().min(8192)];
    match probe.iter().position(|&b| b == 0) {
        Some(byte) => Err(ArticleError::Binary {
            path: path.to_owned(),
            byte,
        }),
        None => Ok(()),
    }
}

/// A NUL anywhere in valid UTF-8 text.
fn check_nul(path: &Path, text: &str) -> Result<(), ArticleError> {
    match text.find('\0') {
        Some(byte) => Err(ArticleError::Binary {
            path: path.to_owned(),
            byte,
        }),
        None => Ok(()),
    }
}

fn not_utf8(path: &Path, byte: usize) -> ArticleError {
    ArticleError::NotUtf8 {
        path: path.to_owned(),
        byte,
        name: path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    }
}

/// Split normalised text into paragraphs: maximal runs of lines that are not whitespace-only.
/// Returns byte ranges; lines are found with a byte search for `\n`.
fn split_paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        // `trim_start` alone decides blankness, and stops at the first visible character.
        if content.trim_start().is_empty() {
            if let Some(s) = start.take() {
                spans.push((s, end));
            }
        } else {
            start.get_or_insert(line_start);
            end = line_start + content.len();
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        spans.push((s, end));
    }
    spans
}

/// Paragraph records of byte ranges: character offsets from the index (counted only at
/// paragraph boundaries), SHA-256 of each.
fn paragraphs_of(text: &str, index: &CharIndex, spans: &[(usize, usize)]) -> Vec<Paragraph> {
    spans
        .iter()
        .enumerate()
        .map(|(i, &(byte_start, byte_end))| {
            let char_start = index.byte_to_char(text, byte_start);
            Paragraph {
                index: i,
                byte_start,
                byte_end,
                char_start,
                char_len: index.byte_to_char(text, byte_end) - char_start,
                sha256: sha256_hex(text.get(byte_start..byte_end).unwrap_or("")),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::from_text(Path::new("t.txt"), text).expect("valid article")
    }

    #[test]
    fn paragraphs_are_split_on_blank_lines() {
        let a =
            article("\u{feff}First line\r\ncontinues.\r\n  \r\n\r\nSecond “para”.\n\n\nThird 👩‍👩‍👧\n");
        assert_eq!(a.paragraphs().len(), 3);
        assert_eq!(a.para_text(0), "First line\ncontinues.");
        assert_eq!(a.para_text(1), "Second “para”.");
        assert_eq!(a.para_text(2), "Third 👩‍👩‍👧");
        assert_eq!(a.paragraphs()[1].char_start, 26);
        assert_eq!(a.paragraphs()[2].char_len, 11);
        assert_eq!(a.para_slice(1, 7, 13), Some("“para”"));
        assert_eq!(a.doc_offset(1, 7), 33);
        assert_eq!(
            a.text().chars().skip(33).take(6).collect::<String>(),
            "“para”"
        );
    }

    #[test]
    fn bad_inputs_are_named_errors() {
        let p = Path::new("bad.txt");
        let e = Article::from_bytes(p, b"ok \xff\xfe").expect_err("not utf8");
        assert!(
            e.to_string()
                .contains("bad.txt: not valid UTF-8 (first bad byte at offset 3)"),
            "{e}"
        );
        assert!(e.to_string().contains("iconv"), "{e}");
        let e = Article::from_bytes(p, b"PK\x03\x04\x00\x00").expect_err("binary");
        assert!(e.to_string().contains("binary"), "{e}");
        let e = Article::from_bytes(p, b" \n\t\r\n").expect_err("empty");
        assert!(e.to_string().contains("bad.txt: is empty"), "{e}");
    }

    #[test]
    fn load_normalises_in_place_like_from_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        for (i, raw) in [
            "\u{feff}“Quote,” she said.\r\n\r\nSecond 👩\u{200d}👧 para\rthird line\r\n",
            "plain text\n\nno normalising needed 中文\n",
        ]
        .iter()
        .enumerate()
        {
            let path = dir.path().join(format!("a{i}.txt"));
            std::fs::write(&path, raw).expect("write");
            let loaded = Article::load(&path).expect("loads");
            let built = Article::from_text(&path, raw).expect("builds");
            assert_eq!(loaded.text(), built.text());
            assert_eq!(loaded.sha256(), built.sha256());
            assert_eq!(loaded.paragraphs(), built.paragraphs());
            assert!(!loaded.text().contains('\r') && !loaded.text().starts_with('\u{feff}'));
        }
        // A long text takes the parallel hashing path; the hash is the same.
        let long = "word “quoted” 漢字\n\n".repeat(PARALLEL_HASH_BYTES / 10);
        let a = Article::from_text(Path::new("long.txt"), &long).expect("long");
        assert_eq!(a.sha256(), sha256_hex(&long));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn paragraph_offsets_match_a_naive_count(text in "[a é漢👩\u{200d}\n \t]{1,80}") {
            if let Ok(a) = Article::from_text(Path::new("p.txt"), &text) {
                for p in a.paragraphs() {
                    let t = a.text();
                    proptest::prop_assert_eq!(p.char_start, t[..p.byte_start].chars().count());
                    proptest::prop_assert_eq!(p.char_len, t[p.byte_start..p.byte_end].chars().count());
                    proptest::prop_assert_eq!(&p.sha256, &sha256_hex(&t[p.byte_start..p.byte_end]));
                }
            }
        }
    }

    #[test]
    fn offsets_round_trip_through_bytes() {
        let a = article("é́ 漢字 𝄞 a\u{200d}b");
        let text = a.para_text(0);
        for c in 0..=a.paragraphs()[0].char_len {
            let b = a.para_char_to_byte(0, c);
            assert!(text.is_char_boundary(b));
            assert_eq!(a.para_byte_to_char(0, b), c);
        }
    }
}
