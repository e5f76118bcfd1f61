//! Word and sentence boundaries for selections, computed in a bounded window around a
//! position so that even a multi-megabyte paragraph answers in constant time. Words are
//! Unicode word segments (UAX #29) that contain a letter or digit; punctuation between
//! words is included when a selection grows across it but never starts or ends one.

use unicode_segmentation::UnicodeSegmentation;

/// Bytes examined on each side of a position.
pub(crate) const WINDOW: usize = 8 * 1024;

fn floor(text: &str, mut b: usize) -> usize {
    b = b.min(text.len());
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

fn ceil(text: &str, mut b: usize) -> usize {
    b = b.min(text.len());
    while b < text.len() && !text.is_char_boundary(b) {
        b += 1;
    }
    b
}

fn is_word(seg: &str) -> bool {
    seg.chars().any(char::is_alphanumeric)
}

/// Words (byte ranges) in `[from, to)` of `text`.
fn words_in(text: &str, from: usize, to: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let from = floor(text, from);
    let to = ceil(text, to);
    text[from..to]
        .split_word_bound_indices()
        .filter(|(_, s)| is_word(s))
        .map(move |(b, s)| (from + b, from + b + s.len()))
}

/// The first word ending after `byte` (the word containing it, or the next one).
#[must_use]
pub fn word_at_or_after(text: &str, byte: usize) -> Option<(usize, usize)> {
    // Start a little before so a word containing `byte` is seen whole.
    let from = byte.saturating_sub(64);
    words_in(text, from, byte + WINDOW).find(|(_, e)| *e > byte)
}

/// The first word starting at or after `byte`.
#[must_use]
pub fn word_starting_after(text: &str, byte: usize) -> Option<(usize, usize)> {
    words_in(text, byte, byte + WINDOW).find(|(s, _)| *s >= byte)
}

/// The last word ending at or before `byte`.
#[must_use]
pub fn word_ending_before(text: &str, byte: usize) -> Option<(usize, usize)> {
    words_in(text, byte.saturating_sub(WINDOW), byte)
        .filter(|(_, e)| *e <= byte)
        .last()
}

/// The end of the sentence containing `byte`: before its closing full stop (or `!`, `?`),
/// or the end of the text or window.
#[must_use]
pub fn sentence_end(text: &str, byte: usize) -> usize {
    let to = ceil(text, byte + WINDOW);
    let from = floor(text, byte);
    let hay = &text[from..to];
    let mut chars = hay.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            return from + i;
        }
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？') {
            let next = chars.peek().map(|(_, n)| *n);
            if next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’' | '\'')) {
                return from + i;
            }
        }
    }
    to
}

/// The start of the sentence containing `byte`: after the previous sentence's end and its
/// spaces, or the start of the text or window.
#[must_use]
pub fn sentence_start(text: &str, byte: usize) -> usize {
    let to = floor(text, byte);
    let from = floor(text, to.saturating_sub(WINDOW));
    let hay = &text[from..to];
    let mut start = from;
    // True after a full stop (and any closing quotes or brackets that follow it).
    let mut after_stop = false;
    for (i, c) in hay.char_indices() {
        if c == '\n' || (after_stop && c.is_whitespace()) {
            start = from + i;
            after_stop = false;
        } else if matches!(c, '.' | '!' | '?' | '。' | '！' | '？') {
            after_stop = true;
        } else if !(after_stop && matches!(c, '"' | '”' | '’' | '\'' | ')' | ']')) {
            after_stop = false;
        }
    }
    // Skip spaces after the boundary.
    let rest = &text[start..to];
    start + (rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "The union’s chief said: “We stay out.” Talks failed.";

    fn word(r: Option<(usize, usize)>) -> &'static str {
        r.map_or("", |(s, e)| &T[s..e])
    }

    #[test]
    fn words_skip_punctuation() {
        assert_eq!(word(word_at_or_after(T, 0)), "The");
        assert_eq!(word(word_at_or_after(T, 1)), "The");
        assert_eq!(word(word_starting_after(T, 3)), "union’s");
        let said = T.find("said").expect("present");
        assert_eq!(word(word_starting_after(T, said + 4)), "We");
        assert_eq!(word(word_ending_before(T, said)), "chief");
    }

    #[test]
    fn sentences() {
        let we = T.find("We").expect("present");
        assert_eq!(&T[we..sentence_end(T, we)], "We stay out");
        let talks = T.find("Talks").expect("present");
        assert_eq!(sentence_start(T, talks + 3), talks);
        assert_eq!(&T[talks..sentence_end(T, talks)], "Talks failed");
    }

    #[test]
    fn cjk_words_are_single_ideographs() {
        let t = "中文字";
        assert_eq!(word_at_or_after(t, 0), Some((0, 3)));
        assert_eq!(word_starting_after(t, 3), Some((3, 6)));
    }
}
