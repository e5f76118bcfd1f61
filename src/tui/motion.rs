//! Caret motions inside one paragraph for normal mode (vim-style `h` `l` `w` `b` `e` `0` `$`
//! `(` `)`): each takes the caret as a byte offset into the paragraph text and returns the new
//! one, or `None` when the motion runs off the paragraph (the caller then crosses into the
//! next or previous paragraph). Characters are grapheme clusters; words and sentences come
//! from [`crate::tui::words`], which looks at a bounded window, so a motion in a 10 MB
//! paragraph costs the same as in a short one.

use unicode_segmentation::GraphemeCursor;

use crate::tui::words::{self, WINDOW};

/// The grapheme boundary after `byte` (`None` at the end of the text).
#[must_use]
pub fn next_grapheme(text: &str, byte: usize) -> Option<usize> {
    if byte >= text.len() {
        return None;
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.next_boundary(text, 0) {
        Ok(Some(b)) => Some(b),
        // The whole text is one chunk, so this does not happen; step a character instead.
        _ => text[byte..].chars().next().map(|c| byte + c.len_utf8()),
    }
}

/// The grapheme boundary before `byte` (`None` at the start of the text).
#[must_use]
pub fn prev_grapheme(text: &str, byte: usize) -> Option<usize> {
    let byte = byte.min(text.len());
    if byte == 0 {
        return None;
    }
    let mut cursor = GraphemeCursor::new(byte, text.len(), true);
    match cursor.prev_boundary(text, 0) {
        Ok(Some(b)) => Some(b),
        _ => text[..byte]
            .chars()
            .next_back()
            .map(|c| byte - c.len_utf8()),
    }
}

/// Where the caret may rest last in `text`: the start of its last grapheme.
#[must_use]
pub fn last_caret(text: &str) -> usize {
    prev_grapheme(text, text.len()).unwrap_or(0)
}

/// `l`: one grapheme right; `None` when the caret is on the last grapheme.
#[must_use]
pub fn right(text: &str, byte: usize) -> Option<usize> {
    next_grapheme(text, byte).filter(|&b| b < text.len())
}

/// `h`: one grapheme left; `None` at the start.
#[must_use]
pub fn left(text: &str, byte: usize) -> Option<usize> {
    prev_grapheme(text, byte)
}

/// A step of a whole window when a window holds no word (a long run of punctuation), so the
/// caret still makes progress instead of leaving the paragraph.
fn window_step(text: &str, byte: usize, forward: bool) -> Option<usize> {
    if forward {
        let to = byte + WINDOW;
        (to < text.len()).then(|| (to..text.len()).find(|b| text.is_char_boundary(*b)))?
    } else {
        let from = byte.checked_sub(WINDOW)?;
        (0..=from).rev().find(|b| text.is_char_boundary(*b))
    }
}

/// `w`: the start of the next word.
#[must_use]
pub fn next_word(text: &str, byte: usize) -> Option<usize> {
    let found = match words::word_at_or_after(text, byte) {
        Some((s, _)) if s > byte => Some(s),
        Some((_, e)) => words::word_starting_after(text, e).map(|w| w.0),
        None => None,
    };
    found.or_else(|| window_step(text, byte, true))
}

/// `b`: the start of the word the caret is in, or of the previous word.
#[must_use]
pub fn prev_word(text: &str, byte: usize) -> Option<usize> {
    let found = match words::word_at_or_after(text, byte) {
        Some((s, _)) if s < byte => Some(s),
        _ => words::word_ending_before(text, byte).map(|w| w.0),
    };
    found.or_else(|| window_step(text, byte, false))
}

/// `e`: the last grapheme of the word the caret is in, or of the next word when the caret
/// is already on a word's last grapheme.
#[must_use]
pub fn word_end(text: &str, byte: usize) -> Option<usize> {
    let after = next_grapheme(text, byte)?;
    match words::word_at_or_after(text, after) {
        Some((s, e)) => Some(prev_grapheme(text, e).unwrap_or(s).max(s)),
        None => window_step(text, byte, true),
    }
}

/// The last grapheme of the first word of `text` (where `e` lands entering a paragraph).
#[must_use]
pub fn first_word_end(text: &str) -> usize {
    words::word_at_or_after(text, 0)
        .and_then(|(s, e)| prev_grapheme(text, e).map(|b| b.max(s)))
        .unwrap_or(0)
}

/// The start of the first word of `text` (where `w` lands entering a paragraph).
#[must_use]
pub fn first_word(text: &str) -> usize {
    words::word_at_or_after(text, 0).map_or(0, |w| w.0)
}

/// The start of the last word of `text` (where `b` lands entering a paragraph from below).
#[must_use]
pub fn last_word(text: &str) -> usize {
    words::word_ending_before(text, text.len()).map_or_else(|| last_caret(text), |w| w.0)
}

/// `0`: the start of the sentence the caret is in.
#[must_use]
pub fn sentence_start(text: &str, byte: usize) -> usize {
    words::sentence_start(text, byte)
}

/// `$`: the last grapheme of the last word of the sentence the caret is in (before its
/// full stop, so that `v` there selects that word). `None` when the caret is already past it.
#[must_use]
pub fn sentence_end(text: &str, byte: usize) -> Option<usize> {
    let stop = words::sentence_end(text, byte);
    let (s, e) = words::word_ending_before(text, stop)?;
    let last = prev_grapheme(text, e).unwrap_or(s).max(s);
    (last > byte).then_some(last)
}

/// `)`: the start of the next sentence; `None` when the paragraph ends first.
#[must_use]
pub fn next_sentence(text: &str, byte: usize) -> Option<usize> {
    // In the spaces before a sentence: that sentence is the next one.
    let first = skip_spaces(text, byte);
    if first > byte && first < text.len() && words::sentence_start(text, first) == first {
        return Some(first);
    }
    let stop = words::sentence_end(text, byte);
    let mut b = stop;
    // Past the full stop and the closing quotes or brackets after it.
    for c in text[stop..].chars() {
        if matches!(
            c,
            '.' | '!' | '?' | '。' | '！' | '？' | '"' | '”' | '’' | '\'' | ')' | ']'
        ) {
            b += c.len_utf8();
        } else {
            break;
        }
    }
    let b = skip_spaces(text, b);
    (b < text.len() && b > byte).then_some(b)
}

/// `(`: the start of the sentence the caret is in, or of the previous one when the caret is
/// at a sentence start; `None` at the start of the paragraph.
#[must_use]
pub fn prev_sentence(text: &str, byte: usize) -> Option<usize> {
    let start = words::sentence_start(text, byte);
    if start < byte {
        return Some(start);
    }
    let before = text[..start].trim_end().len();
    (before > 0).then(|| words::sentence_start(text, before))
}

/// The first byte at or after `byte` that is not white space.
fn skip_spaces(text: &str, byte: usize) -> usize {
    let rest = &text[byte.min(text.len())..];
    byte + (rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "Officials said: “We stay out.” Talks failed. Done";

    fn at(s: &str) -> usize {
        T.find(s).expect("present")
    }

    #[test]
    fn words_forward_and_back() {
        assert_eq!(next_word(T, 0), Some(at("said")));
        assert_eq!(next_word(T, at("said")), Some(at("We")));
        assert_eq!(prev_word(T, at("We")), Some(at("said")));
        assert_eq!(prev_word(T, at("said") + 2), Some(at("said")));
        assert_eq!(prev_word(T, 0), None);
        assert_eq!(next_word(T, at("Done")), None);
    }

    #[test]
    fn word_ends() {
        assert_eq!(word_end(T, 0), Some(at("s said")));
        assert_eq!(word_end(T, at("s said")), Some(at("said") + 3));
        assert_eq!(word_end(T, at("Done") + 3), None);
    }

    #[test]
    fn graphemes_are_single_steps() {
        let t = "a👩‍👩‍👧e\u{301}b";
        let family = 1;
        let e = t.find('e').expect("e");
        assert_eq!(right(t, 0), Some(family));
        assert_eq!(right(t, family), Some(e));
        assert_eq!(right(t, e), Some(t.len() - 1));
        assert_eq!(right(t, t.len() - 1), None);
        assert_eq!(left(t, e), Some(family));
        assert_eq!(left(t, family), Some(0));
        assert_eq!(left(t, 0), None);
        assert_eq!(last_caret(t), t.len() - 1);
    }

    #[test]
    fn sentences() {
        assert_eq!(next_sentence(T, 0), Some(at("Talks")));
        assert_eq!(next_sentence(T, at("Talks")), Some(at("Done")));
        assert_eq!(next_sentence(T, at("Done")), None);
        assert_eq!(prev_sentence(T, at("failed")), Some(at("Talks")));
        assert_eq!(prev_sentence(T, at("Talks")), Some(0));
        assert_eq!(prev_sentence(T, 0), None);
        assert_eq!(sentence_start(T, at("failed")), at("Talks"));
        assert_eq!(sentence_end(T, at("Talks")), Some(at("failed") + 5));
        assert_eq!(sentence_end(T, at("failed") + 5), None);
    }

    #[test]
    fn cjk_and_long_text_stay_bounded() {
        let t = "中文字";
        assert_eq!(next_word(t, 0), Some(3));
        let long = "word ".repeat(2_000_000);
        let mid = long.len() / 2;
        assert_eq!(next_word(&long, mid), Some(mid + 5));
        assert_eq!(prev_word(&long, mid), Some(mid - 5));
        let punct = "-".repeat(3 * WINDOW);
        assert_eq!(next_word(&punct, 0), Some(WINDOW));
    }
}
