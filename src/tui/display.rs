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
    fn truncate_counts_cells() {
        assert_eq!(truncate("中文中文", 5), "中文…");
        assert_eq!(truncate("abc", 3), "abc");
    }
}
