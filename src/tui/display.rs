//! How article and record text is shown on screen: control characters (C0, ESC, DEL, C1)
//! become visible placeholders so nothing in an article can drive the terminal, tabs become
//! spaces. Only the display changes; offsets always refer to the original text.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Spaces a tab is drawn as.
pub const TAB_WIDTH: usize = 4;

/// The placeholder for one control character: U+2400 control pictures for C0 (`␛` for ESC),
/// `␡` for DEL, `¤` for C1 controls.
#[must_use]
pub fn placeholder(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        '\u{80}'..='\u{9f}' => Some('¤'),
        _ => None,
    }
}

/// How one grapheme cluster is drawn: the text to draw, its width in cells, and whether it is
/// a placeholder for something that cannot be drawn as is.
#[must_use]
pub fn grapheme(g: &str) -> (Cow<'_, str>, usize, bool) {
    if g == "\t" {
        return (Cow::Borrowed("    "), TAB_WIDTH, false);
    }
    if g.chars().any(|c| placeholder(c).is_some()) {
        let shown: String = g
            .chars()
            .map(|c| {
                if c == '\t' {
                    ' '
                } else {
                    placeholder(c).unwrap_or(c)
                }
            })
            .collect();
        let width = shown.width();
        return (Cow::Owned(shown), width, true);
    }
    (Cow::Borrowed(g), g.width(), false)
}

/// A whole string made safe to draw on one line (newlines shown as `␊`), for record text,
/// names, notes and file names.
#[must_use]
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| placeholder(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.graphemes(true)
            .map(|g| grapheme(g).0.into_owned())
            .collect(),
    )
}

/// Cut `text` to at most `max` cells, with `…` when cut.
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    let text = clean(text);
    if text.width() <= max {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// The text between two character offsets.
fn chars_between(text: &str, start: usize, end: usize) -> &str {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    text.get(byte(start)..byte(end)).unwrap_or("")
}

/// Wrap `text` into rows of at most `width` cells, as (start, end) character ranges; breaks
/// at line breaks (not part of either row), after whitespace when it can, inside a word only
/// when the word is wider than a row.
/// Widths are per grapheme cluster as drawn (placeholders included). Always one row at least.
#[must_use]
pub fn wrap_chars(text: &str, width: usize) -> Vec<(usize, usize)> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let (mut start, mut col, mut ch) = (0, 0, 0);
    // Character offset just after the last whitespace of the current row, and its column.
    let mut soft: Option<(usize, usize)> = None;
    for g in text.graphemes(true) {
        if g == "\n" {
            // A line break ends the row; the next starts after it.
            rows.push((start, ch));
            ch += 1;
            start = ch;
            col = 0;
            soft = None;
            continue;
        }
        let w = grapheme(g).1;
        let n = g.chars().count();
        let space = g.chars().all(char::is_whitespace);
        // Whitespace may hang past the edge: a row breaks before the next word instead.
        if col + w > width && ch > start && !space {
            match soft {
                Some((at, at_col)) if at > start => {
                    rows.push((start, at));
                    start = at;
                    col -= at_col;
                }
                _ => {
                    rows.push((start, ch));
                    start = ch;
                    col = 0;
                }
            }
            soft = None;
        }
        col += w;
        ch += n;
        if space {
            soft = Some((ch, col));
        }
    }
    rows.push((start, ch));
    rows
}

/// Cells taken by the characters `start..end` of `text`.
#[must_use]
pub fn width_of(text: &str, start: usize, end: usize) -> usize {
    chars_between(text, start, end)
        .graphemes(true)
        .map(|g| grapheme(g).1)
        .sum()
}

/// The character offset (on a grapheme boundary) in `start..end` of `text` at column `col`.
#[must_use]
pub fn char_at_col(text: &str, start: usize, end: usize, col: usize) -> usize {
    let mut used = 0;
    let mut ch = start;
    for g in chars_between(text, start, end).graphemes(true) {
        let w = grapheme(g).1;
        if used + w > col {
            break;
        }
        used += w;
        ch += g.chars().count();
    }
    ch
}

/// One screen line of article text as styled runs: each grapheme drawn as [`grapheme`] shows
/// it, styled by `style_at(char offset)` (with `placeholder` patched on for control
/// characters), and neighbouring graphemes of equal style merged into one run.
/// `first_char` is the paragraph offset of the line's first character.
pub fn styled_runs(
    text: &str,
    first_char: usize,
    placeholder_style: ratatui::style::Style,
    style_at: impl Fn(usize) -> ratatui::style::Style,
) -> Vec<ratatui::text::Span<'static>> {
    let mut out = Vec::new();
    let mut run = String::new();
    let mut run_style = ratatui::style::Style::default();
    let mut ch = first_char;
    for g in text.graphemes(true) {
        let (shown, _, is_placeholder) = grapheme(g);
        let mut style = style_at(ch);
        if is_placeholder {
            style = style.patch(placeholder_style);
        }
        if style != run_style && !run.is_empty() {
            out.push(ratatui::text::Span::styled(
                std::mem::take(&mut run),
                run_style,
            ));
        }
        run_style = style;
        run.push_str(&shown);
        ch += g.chars().count();
    }
    if !run.is_empty() {
        out.push(ratatui::text::Span::styled(run, run_style));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_placeholders() {
        let shown = clean("a\u{1b}]52;c;SGVsbG8=\u{7}b\u{9b}31m\u{7f}");
        assert_eq!(shown, "a␛]52;c;SGVsbG8=␇b¤31m␡");
        assert!(!shown.chars().any(char::is_control));
    }

    #[test]
    fn tabs_and_wide_characters() {
        assert_eq!(grapheme("\t"), (Cow::Borrowed("    "), 4, false));
        assert_eq!(grapheme("中").1, 2);
        assert_eq!(grapheme("e\u{301}").1, 1);
        assert_eq!(grapheme("👩‍🔬").1, 2);
        assert_eq!(grapheme("\u{1b}"), (Cow::Owned("␛".to_owned()), 1, true));
    }

    #[test]
    fn wrap_chars_breaks_after_spaces_and_inside_long_words() {
        assert_eq!(wrap_chars("aaa bbb ccc", 7), vec![(0, 8), (8, 11)]);
        assert_eq!(wrap_chars("abcdefgh", 3), vec![(0, 3), (3, 6), (6, 8)]);
        assert_eq!(wrap_chars("", 5), vec![(0, 0)]);
        // Wide characters and a ZWJ emoji are never split.
        assert_eq!(wrap_chars("中文中文", 5), vec![(0, 2), (2, 4)]);
        let family = "👩\u{200d}👩\u{200d}👧";
        let rows = wrap_chars(&format!("ab{family}"), 3);
        assert_eq!(rows, vec![(0, 2), (2, 7)]);
        assert_eq!(char_at_col("中文中文", 0, 4, 3), 1);
        assert_eq!(wrap_chars("ab\ncd\n", 10), vec![(0, 2), (3, 5), (6, 6)]);
        assert_eq!(width_of("中文x", 0, 3), 5);
    }

    #[test]
    fn truncate_counts_cells() {
        assert_eq!(truncate("中文中文", 5), "中文…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
