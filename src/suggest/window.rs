//! Windows of a large article: the byte range of the normalised text the suggester reads
//! when the whole article would give too many suggestions to hold (a 10 MB article of wire
//! copy has ~90,000), and how a paragraph the window cuts is clipped to whole sentences.
//! Articles up to [`WHOLE_ARTICLE_BYTES`] are always read whole.

use std::ops::Range;

use crate::model::Article;

/// Articles up to this size (bytes of normalised text) are read whole: every news article
/// (a long-form piece of 10,000 words is about 60 KB), and most long reports. Suggestions take
/// about 20 times the bytes of the text they are for, so this bounds them to a few megabytes.
pub const WHOLE_ARTICLE_BYTES: usize = 128 * 1024;

/// Bytes a window covers in a larger article: about ten screens of text around the caret,
/// read in a few milliseconds.
pub const WINDOW_BYTES: usize = 32 * 1024;

/// How far past a window's edge a clipped paragraph looks for a sentence boundary.
const SNAP_BYTES: usize = 4 * 1024;

/// The window to read for a caret at byte `caret` of the article's text: the whole text for
/// an article up to [`WHOLE_ARTICLE_BYTES`], else [`WINDOW_BYTES`] starting a quarter window
/// before the caret (so stepping forward finds more than stepping back), kept inside the text.
#[must_use]
pub fn around(article: &Article, caret: usize) -> Range<usize> {
    let len = article.text().len();
    if len <= WHOLE_ARTICLE_BYTES {
        return 0..len;
    }
    let start = caret.min(len).saturating_sub(WINDOW_BYTES / 4);
    let end = (start + WINDOW_BYTES).min(len);
    end.saturating_sub(WINDOW_BYTES)..end
}

/// True when `window` covers the whole text of `article`.
#[must_use]
pub fn is_whole(article: &Article, window: &Range<usize>) -> bool {
    window.start == 0 && window.end >= article.text().len()
}

/// The part of paragraph `para` inside `window`, as (byte offset in the paragraph, text):
/// the whole paragraph when the window covers it, else from the first sentence start after
/// the window's start to the end of the sentence the window's end cuts. `None` when nothing
/// of the paragraph is left.
#[must_use]
pub fn clip<'a>(
    article: &'a Article,
    para: usize,
    window: &Range<usize>,
) -> Option<(usize, &'a str)> {
    let p = article.paragraphs().get(para)?;
    let text = article.para_text(para);
    let from = window.start.saturating_sub(p.byte_start);
    let to = window.end.saturating_sub(p.byte_start);
    let start = if from == 0 {
        0
    } else {
        sentence_start_at_or_after(text, from)
    };
    let end = if to >= text.len() {
        text.len()
    } else {
        sentence_end_at_or_after(text, to)
    };
    (start < end).then(|| (start, text.get(start..end).unwrap_or("")))
}

/// The first sentence start at or after byte `at` of `text`, looking [`SNAP_BYTES`] ahead
/// (the next character boundary when there is none that near).
fn sentence_start_at_or_after(text: &str, at: usize) -> usize {
    let at = next_boundary(text, at);
    let ahead = &text[at..next_boundary(text, at + SNAP_BYTES)];
    // A sentence starts at the first visible character after a line break, or after
    // whitespace that follows final punctuation (or a closing quotation mark).
    let mut after_break = false;
    let mut before = None;
    for (i, c) in ahead.char_indices() {
        if after_break && !c.is_whitespace() {
            return at + i;
        }
        let ends_sentence = matches!(before, Some('.' | '?' | '!' | '"' | '”'));
        after_break |= c == '\n' || (c.is_whitespace() && ends_sentence);
        before = Some(c);
    }
    at
}

/// The end of the sentence that byte `at` of `text` is in (just past its final punctuation
/// and closing quotation mark), looking [`SNAP_BYTES`] ahead; `at` itself (on a character
/// boundary) when no sentence ends that near.
fn sentence_end_at_or_after(text: &str, at: usize) -> usize {
    let at = next_boundary(text, at);
    let ahead = &text[at..next_boundary(text, at + SNAP_BYTES)];
    let mut chars = ahead.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '?' | '!') {
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '"' | '”' | '’' | '\'' | ')') {
                    end = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_none_or(|&(_, n)| n.is_whitespace()) {
                return at + end;
            }
        }
    }
    at
}

/// The first character boundary of `text` at or after `at` (its length past the end).
fn next_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article(text: &str) -> Article {
        Article::from_text(Path::new("w.txt"), text).expect("article")
    }

    #[test]
    fn small_articles_are_read_whole() {
        let a = article("One paragraph.\n\nTwo.\n");
        assert_eq!(around(&a, 5), 0..a.text().len());
        assert!(is_whole(&a, &around(&a, 5)));
    }

    #[test]
    fn a_large_article_gets_a_window_around_the_caret_inside_the_text() {
        let text = "The minister said “talks are close”, officials said. ".repeat(30_000);
        let a = article(&text);
        let len = a.text().len();
        let w = around(&a, len / 2);
        assert_eq!(w.end - w.start, WINDOW_BYTES);
        assert!(w.contains(&(len / 2)));
        assert_eq!(around(&a, 0).start, 0);
        assert_eq!(around(&a, len).end, len);
        assert!(!is_whole(&a, &w));
    }

    #[test]
    fn a_cut_paragraph_is_clipped_to_whole_sentences() {
        let a = article("First one here. Second “quoted.” Third ends. Fourth");
        // A window from inside "First" to inside "Third".
        let (base, text) = clip(&a, 0, &(3..36)).expect("clipped");
        assert_eq!(text, "Second “quoted.” Third ends.");
        assert_eq!(&a.para_text(0)[base..base + text.len()], text);
        // A window covering the paragraph leaves it whole.
        assert_eq!(clip(&a, 0, &(0..a.text().len())), Some((0, a.para_text(0))));
    }

    #[test]
    fn clipping_never_splits_a_character() {
        let a = article("漢字の文。 👩‍👩‍👧 said “é”. Then more text follows here.");
        let len = a.text().len();
        for s in 0..len {
            for e in [s + 1, s + 7, len] {
                if let Some((base, text)) = clip(&a, 0, &(s..e)) {
                    assert!(a.para_text(0).is_char_boundary(base));
                    assert!(!text.is_empty());
                }
            }
        }
    }
}
