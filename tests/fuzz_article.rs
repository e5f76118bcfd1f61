//! Fuzzing the article loader: arbitrary bytes and mutations of real articles with BOMs,
//! CRLF and lone CR, NUL, invalid UTF-8 (overlong forms, surrogates, cut sequences), curly
//! quotes, CJK, emoji ZWJ, astral characters and combining marks. Whatever the bytes:
//! - nothing panics; an error names the file;
//! - loading from disk and from bytes give the same article;
//! - the text is normalised (no BOM, no CR) and normalising it again changes nothing;
//! - paragraphs tile the text and every offset conversion agrees with counting characters.

mod fuzz_support;

use std::path::Path;

use fuzz_support::{Bytes, DEFAULT_CASES, inputs, run, seeds};
use marginalia::model::Article;
use proptest::prelude::*;

const NAME: &str = "fuzz-article.txt";

const TOKENS: &[&str] = &[
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\r\n\r\n",
    "\n \n",
    "\u{feff}",
    "\0",
    "\t",
    " ",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "“",
    "”",
    "’",
    "林美华",
    "漢字",
    "👩\u{200d}👩\u{200d}👧",
    "🏳\u{fe0f}\u{200d}🌈",
    "𝄞",
    "e\u{301}",
    "a\u{308}\u{301}",
    "\u{200b}",
    "\u{202e}",
    "#",
    "# Title\n\n",
    "- ",
    "> ",
    "**",
    "\u{fffd}",
    // Invalid UTF-8: cut, overlong, surrogate, out of range, stray continuation bytes.
    "\u{0}\u{0}",
];

/// Raw byte sequences that are not UTF-8 (inserted by the flip and insert mutations too).
const BAD_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe6\x9e",
    b"\xf0\x9f\x91",
    b"\xc0\x80",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x80",
    b"\xef\xbb",
];

fn all_seeds() -> Vec<Vec<u8>> {
    let mut all = seeds("sample-data", ".txt");
    all.extend(seeds("sample-data", ".md"));
    all.extend(seeds("tests/fixtures/golden", ".txt"));
    // The same texts with Windows line ends and a BOM, as editors save them.
    let crlf: Vec<Vec<u8>> = all
        .iter()
        .map(|s| {
            let mut out = b"\xef\xbb\xbf".to_vec();
            out.extend(
                String::from_utf8_lossy(s)
                    .replace('\n', "\r\n")
                    .into_bytes(),
            );
            out
        })
        .collect();
    all.extend(crlf);
    all
}

fn article_inputs() -> impl Strategy<Value = Bytes> {
    (
        inputs(all_seeds(), TOKENS),
        prop::collection::vec(
            (any::<prop::sample::Index>(), prop::sample::select(BAD_UTF8)),
            0..2,
        ),
    )
        .prop_map(|(Bytes(mut bytes), bad)| {
            for (at, seq) in bad {
                let p = at.index(bytes.len() + 1);
                bytes.splice(p..p, seq.iter().copied());
            }
            Bytes(bytes)
        })
}

fn check(bytes: &[u8], file: &Path) -> Result<(), TestCaseError> {
    let shown = file.display().to_string();
    let from_bytes = Article::from_bytes(file, bytes);
    std::fs::write(file, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let loaded = Article::load(file);
    let article = match (from_bytes, loaded) {
        (Err(a), Err(b)) => {
            for e in [a.to_string(), b.to_string()] {
                prop_assert!(e.starts_with(&shown), "does not name the file: {e}");
            }
            return Ok(());
        }
        (Ok(a), Ok(b)) => {
            prop_assert_eq!(a.text(), b.text());
            prop_assert_eq!(a.sha256(), b.sha256());
            prop_assert_eq!(a.paragraphs(), b.paragraphs());
            a
        }
        (a, b) => {
            return Err(TestCaseError::fail(format!(
                "from_bytes and load disagree: {:?} / {:?}",
                a.map(|x| x.char_len()),
                b.map(|x| x.char_len())
            )));
        }
    };
    let text = article.text();
    // The rule as Python states it: one leading BOM removed, CRLF and lone CR made LF.
    let raw = std::str::from_utf8(bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let expected = raw
        .strip_prefix('\u{feff}')
        .unwrap_or(raw)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    prop_assert_eq!(text, expected.as_str(), "not normalised as documented");
    prop_assert!(!text.contains('\0'));
    if !text.starts_with('\u{feff}') {
        // (A second BOM is text: normalising again would take it as the BOM.)
        let again =
            Article::from_text(file, text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(again.text(), text, "normalising twice changed the text");
        prop_assert_eq!(again.sha256(), article.sha256());
    }
    let chars: Vec<char> = text.chars().collect();
    prop_assert_eq!(article.char_len(), chars.len());
    let mut covered = 0;
    for (i, para) in article.paragraphs().iter().enumerate() {
        prop_assert!(para.char_start >= covered, "paragraphs overlap");
        covered = para.char_start + para.char_len;
        prop_assert!(covered <= chars.len());
        let expected: String = chars[para.char_start..covered].iter().collect();
        prop_assert_eq!(article.para_text(i), expected.as_str());
        prop_assert_eq!(
            article.para_slice(i, 0, para.char_len),
            Some(expected.as_str())
        );
        prop_assert_eq!(article.para_slice(i, 0, para.char_len + 1), None);
        prop_assert_eq!(article.para_at(para.char_start), Some(i));
        prop_assert_eq!(article.doc_offset(i, 0), para.char_start);
        let byte = article.para_char_to_byte(i, para.char_len);
        prop_assert_eq!(article.para_byte_to_char(i, byte), para.char_len);
    }
    // Offset conversions, sampled (every offset would be quadratic on big inputs).
    let step = (chars.len() / 64).max(1);
    for offset in (0..=chars.len()).step_by(step) {
        let byte = article.char_to_byte(offset);
        prop_assert_eq!(text[..byte].chars().count(), offset);
        let rest: String = chars[offset..].iter().collect();
        prop_assert_eq!(article.slice(offset, chars.len()), Some(rest.as_str()));
    }
    prop_assert_eq!(article.slice(0, chars.len() + 1), None);
    prop_assert_eq!(article.slice(chars.len(), chars.len()), Some(""));
    Ok(())
}

#[test]
fn fuzz_article_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join(NAME);
    run(
        "article",
        file!(),
        DEFAULT_CASES * 4,
        article_inputs(),
        |bytes| check(&bytes, &file),
    );
}
