//! Word-wrapping the article into screen lines, lazily: only the lines on screen are computed.
//!
//! A position in the article view is a [`Pos`] (paragraph, byte offset of a line start).
//! Lines are produced forward from any position ([`wrap_line`]) or found backward with a
//! bounded window ([`Layout::back`]), so no frame or key costs time in proportion to the
//! article or paragraph size. Paragraphs up to [`CACHE_MAX_BYTES`] are wrapped whole once per
//! width and cached ([`WrapCache`]); longer ones are wrapped on the fly around the view.
//! Widths come from `unicode-width` per grapheme cluster (CJK, emoji, combining marks);
//! control characters are one cell wide because they are drawn as placeholders.

use std::collections::HashMap;
use std::rc::Rc;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::Article;
use crate::tui::display;

/// Paragraphs at most this long (bytes) are wrapped whole and cached per width.
pub const CACHE_MAX_BYTES: usize = 64 * 1024;

/// Cached paragraphs kept before the cache is cleared (bounds memory).
const CACHE_MAX_ENTRIES: usize = 4096;

/// A line start in the article view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, PartialOrd, Ord)]
pub struct Pos {
    /// Paragraph index.
    pub para: usize,
    /// Byte offset of the line start within the paragraph.
    pub byte: usize,
}

/// One wrapped line of a paragraph (or the blank gap after a paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    /// Paragraph index.
    pub para: usize,
    /// Byte range in the paragraph text.
    pub byte_start: usize,
    /// End byte (exclusive) of the drawn text.
    pub byte_end: usize,
    /// Character offset of the line start (what span offsets use).
    pub char_start: usize,
    /// Character offset of the line end.
    pub char_end: usize,
    /// True for the blank line between paragraphs.
    pub gap: bool,
}

/// Where one wrapped line ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Break {
    /// End of the drawn text (bytes from the paragraph start).
    pub end: usize,
    /// Start of the next line.
    pub next: usize,
    /// Characters from the line start to `end`.
    pub chars: usize,
    /// Characters from the line start to `next`.
    pub next_chars: usize,
}

/// Wrap one line of `text` starting at byte `start` into `width` cells. Breaks after
/// whitespace when it can, inside a word only when a word is wider than the line; a newline
/// always ends the line. Always makes progress when `start < text.len()`.
#[must_use]
pub fn wrap_line(text: &str, start: usize, width: usize) -> Break {
    let width = width.max(1);
    let rest = text.get(start..).unwrap_or("");
    let mut col = 0;
    let mut chars = 0;
    let mut last_break: Option<Break> = None;
    for (off, g) in rest.grapheme_indices(true) {
        let b = start + off;
        let n = g.chars().count();
        if g == "\n" {
            return Break {
                end: b,
                next: b + 1,
                chars,
                next_chars: chars + 1,
            };
        }
        let (_, w, _) = display::grapheme(g);
        let is_space = g.chars().all(char::is_whitespace);
        if col + w > width && chars > 0 {
            if is_space {
                // Swallow the space that would overflow: the next line starts after it.
                return Break {
                    end: b,
                    next: b + g.len(),
                    chars,
                    next_chars: chars + n,
                };
            }
            if let Some(br) = last_break {
                return br;
            }
            return Break {
                end: b,
                next: b,
                chars,
                next_chars: chars,
            };
        }
        col += w;
        chars += n;
        if is_space {
            last_break = Some(Break {
                end: b + g.len(),
                next: b + g.len(),
                chars,
                next_chars: chars,
            });
        }
    }
    Break {
        end: text.len(),
        next: text.len(),
        chars,
        next_chars: chars,
    }
}

/// Line starts of a whole paragraph, as (byte, char) pairs.
#[must_use]
pub fn wrap_all(text: &str, width: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0)];
    let (mut byte, mut ch) = (0, 0);
    while byte < text.len() {
        let br = wrap_line(text, byte, width);
        if br.next >= text.len() {
            break;
        }
        byte = br.next;
        ch += br.next_chars;
        out.push((byte, ch));
    }
    out
}

/// Wrapped line starts of short paragraphs, for one width.
#[derive(Debug, Default)]
pub struct WrapCache {
    width: usize,
    paras: HashMap<usize, Rc<Vec<(usize, usize)>>>,
}

impl WrapCache {
    /// Line starts of paragraph `para` if it is short enough to cache.
    pub fn lines(
        &mut self,
        article: &Article,
        para: usize,
        width: usize,
    ) -> Option<Rc<Vec<(usize, usize)>>> {
        let text = article.para_text(para);
        if text.len() > CACHE_MAX_BYTES {
            return None;
        }
        if self.width != width {
            self.width = width;
            self.paras.clear();
        }
        if self.paras.len() > CACHE_MAX_ENTRIES {
            self.paras.clear();
        }
        Some(Rc::clone(
            self.paras
                .entry(para)
                .or_insert_with(|| Rc::new(wrap_all(text, width))),
        ))
    }

    /// Number of cached paragraphs (tests and benches).
    #[must_use]
    pub fn len(&self) -> usize {
        self.paras.len()
    }

    /// True when nothing is cached.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.paras.is_empty()
    }
}

/// Byte offset at most `byte`, on a char boundary.
fn floor_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while byte > 0 && !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Up to `n` line starts (byte, char-from-window) before byte `target` of paragraph `para`,
/// nearest last. Long paragraphs are wrapped from a window before the target only.
fn lines_before_uncached(text: &str, target: usize, width: usize, n: usize) -> Vec<usize> {
    let mut window = (n + 1) * width.max(1) * 8 + 64;
    loop {
        let mut start = floor_boundary(text, target.saturating_sub(window));
        if start > 0 {
            // Start at a word boundary so the lines look like the forward wrap.
            if let Some(sp) = text[start..target].find(char::is_whitespace) {
                start += sp;
                start += text[start..].chars().next().map_or(0, char::len_utf8);
            }
        }
        let mut starts = Vec::new();
        let mut byte = start;
        while byte < target {
            starts.push(byte);
            let br = wrap_line(text, byte, width);
            if br.next <= byte {
                break;
            }
            byte = br.next;
        }
        if starts.len() >= n || start == 0 {
            let skip = starts.len().saturating_sub(n);
            return starts.split_off(skip);
        }
        window *= 2;
    }
}

/// The layout engine: line iteration over an article for one width.
pub struct Layout<'a> {
    /// The article.
    pub article: &'a Article,
    /// Text width in cells.
    pub width: usize,
    cache: &'a mut WrapCache,
}

impl<'a> Layout<'a> {
    /// A layout of `article` at `width` using `cache`.
    pub fn new(article: &'a Article, width: usize, cache: &'a mut WrapCache) -> Self {
        Self {
            article,
            width: width.max(1),
            cache,
        }
    }

    /// The visual line starting at `pos`, or `None` past the end of the paragraph.
    fn line_at(&mut self, pos: Pos, char_start: Option<usize>) -> Option<VisualLine> {
        let text = self.article.para_text(pos.para);
        if pos.byte >= text.len() && !(pos.byte == 0 && text.is_empty()) {
            return None;
        }
        let char_start =
            char_start.unwrap_or_else(|| self.article.para_byte_to_char(pos.para, pos.byte));
        let br = wrap_line(text, pos.byte, self.width);
        Some(VisualLine {
            para: pos.para,
            byte_start: pos.byte,
            byte_end: br.end,
            char_start,
            char_end: char_start + br.chars,
            gap: false,
        })
    }

    /// The start of the line containing byte `byte` of paragraph `para`.
    pub fn line_start(&mut self, para: usize, byte: usize) -> Pos {
        let text = self.article.para_text(para);
        let byte = floor_boundary(text, byte);
        if let Some(lines) = self.cache.lines(self.article, para, self.width) {
            let i = lines.partition_point(|(b, _)| *b <= byte).saturating_sub(1);
            return Pos {
                para,
                byte: lines.get(i).map_or(0, |l| l.0),
            };
        }
        // The line containing `byte` is the last one starting before the end of its character.
        let target = text[byte..]
            .chars()
            .next()
            .map_or(text.len(), |c| byte + c.len_utf8());
        let starts = lines_before_uncached(text, target, self.width, 1);
        Pos {
            para,
            byte: starts.last().copied().unwrap_or(0),
        }
    }

    /// Lines from `top` filling `height` rows (paragraph gaps included).
    pub fn lines_from(&mut self, top: Pos, height: usize) -> Vec<VisualLine> {
        let mut out = Vec::with_capacity(height);
        let paras = self.article.paragraphs().len();
        let mut pos = top;
        let mut char_hint = None;
        while out.len() < height && pos.para < paras {
            let cached = self.cache.lines(self.article, pos.para, self.width);
            if let Some(line) = self.line_at(pos, char_hint) {
                let text_len = self.article.para_text(pos.para).len();
                let br_next = match &cached {
                    Some(lines) => {
                        let i = lines.partition_point(|(b, _)| *b <= pos.byte);
                        lines.get(i).map(|l| l.0)
                    }
                    None => None,
                };
                let next = br_next.unwrap_or_else(|| {
                    wrap_line(self.article.para_text(pos.para), pos.byte, self.width).next
                });
                let next_chars = line.char_start
                    + self.article.para_text(pos.para)[pos.byte..next.max(pos.byte)]
                        .chars()
                        .count();
                out.push(line);
                if next < text_len && next > pos.byte {
                    pos.byte = next;
                    char_hint = Some(next_chars);
                    continue;
                }
            }
            if out.len() < height && pos.para + 1 < paras {
                out.push(VisualLine {
                    para: pos.para,
                    byte_start: 0,
                    byte_end: 0,
                    char_start: 0,
                    char_end: 0,
                    gap: true,
                });
            }
            pos = Pos {
                para: pos.para + 1,
                byte: 0,
            };
            char_hint = Some(0);
        }
        out
    }

    /// The position `n` lines above `pos` (gap lines count), stopping at the article start.
    pub fn back(&mut self, pos: Pos, n: usize) -> Pos {
        let mut pos = pos;
        let mut left = n;
        while left > 0 {
            if pos.byte > 0 {
                let text = self.article.para_text(pos.para);
                let starts: Vec<usize> = match self.cache.lines(self.article, pos.para, self.width)
                {
                    Some(lines) => lines
                        .iter()
                        .map(|l| l.0)
                        .filter(|b| *b < pos.byte)
                        .collect(),
                    None => lines_before_uncached(text, pos.byte, self.width, left),
                };
                if starts.is_empty() {
                    pos.byte = 0;
                    continue;
                }
                let take = left.min(starts.len());
                pos.byte = starts[starts.len() - take];
                left -= take;
            } else if pos.para > 0 {
                // The gap line plus the previous paragraph's last line.
                let prev = pos.para - 1;
                let len = self.article.para_text(prev).len();
                pos = self.line_start(prev, len.saturating_sub(1));
                left = left.saturating_sub(2);
            } else {
                break;
            }
        }
        pos
    }

    /// The position one line below `pos`, if there is one.
    pub fn forward(&mut self, pos: Pos, n: usize) -> Pos {
        let lines = self.lines_from(pos, n + 1);
        lines
            .iter()
            .skip(1)
            .filter(|l| !l.gap)
            .nth(n.saturating_sub(1))
            .or_else(|| lines.iter().rev().find(|l| !l.gap))
            .map_or(pos, |l| Pos {
                para: l.para,
                byte: l.byte_start,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::path::Path;
    use unicode_width::UnicodeWidthStr;

    /// Text mixing scripts, emoji, combining marks, controls, tabs and newlines.
    fn mixed() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "word",
            " ",
            "  ",
            "中文",
            "👩‍🔬",
            "e\u{301}",
            "\u{1b}]0;x\u{7}",
            "\t",
            "\n",
            "שלום",
            "“q”",
            "averyveryverylongwordthatdoesnotfit",
            "\u{9b}",
            ".",
        ]);
        prop::collection::vec(pieces, 1..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn wrapping_covers_the_text_and_fits_the_width(text in mixed(), width in 1usize..30) {
            let starts = wrap_all(&text, width);
            prop_assert_eq!(starts[0], (0, 0));
            for pair in starts.windows(2) {
                prop_assert!(pair[0].0 < pair[1].0, "line starts increase");
                prop_assert_eq!(pair[1].1 - pair[0].1, text[pair[0].0..pair[1].0].chars().count());
            }
            for (b, _) in &starts {
                let br = wrap_line(&text, *b, width);
                let line = &text[*b..br.end];
                let shown: String = line.graphemes(true).map(|g| display::grapheme(g).0.into_owned()).collect();
                let single = line.graphemes(true).count() <= 1;
                prop_assert!(shown.width() <= width || single, "{shown:?} wider than {width}");
            }
        }

        #[test]
        fn backward_lines_are_line_starts(text in mixed(), width in 1usize..30, at in 0usize..400) {
            let target = floor_boundary(&text, at.min(text.len()));
            let starts = lines_before_uncached(&text, target, width, 3);
            for b in &starts {
                prop_assert!(*b < target.max(1) && text.is_char_boundary(*b));
            }
        }

        #[test]
        fn layout_moves_never_panic_on_long_paragraphs(text in mixed(), width in 1usize..30, n in 0usize..50) {
            // Repeat to pass the cache limit, so the windowed (uncached) path is exercised.
            let long = text.repeat(CACHE_MAX_BYTES / text.len().max(1) + 2).replace("\n\n", "\n");
            let Ok(a) = Article::from_text(Path::new("t.txt"), &long) else { return Ok(()); };
            let mut cache = WrapCache::default();
            let mut layout = Layout::new(&a, width, &mut cache);
            let last = a.paragraphs().len() - 1;
            let len = a.para_text(last).len();
            let end = layout.line_start(last, len.saturating_sub(1) * n / 49);
            let up = layout.back(end, n);
            let down = layout.forward(up, n);
            prop_assert!(up <= end && down >= up);
            let lines = layout.lines_from(up, 20);
            prop_assert!(!lines.is_empty());
        }
    }

    fn article(text: &str) -> Article {
        Article::from_text(Path::new("t.txt"), text).expect("valid article")
    }

    fn shown(text: &str, width: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut b = 0;
        while b < text.len() {
            let br = wrap_line(text, b, width);
            out.push(text[b..br.end].to_owned());
            b = br.next;
        }
        out
    }

    #[test]
    fn wraps_at_spaces_and_newlines() {
        assert_eq!(shown("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(shown("aaa bbb ccc", 6), ["aaa ", "bbb ", "ccc"]);
        assert_eq!(shown("aaa\nbbb", 10), ["aaa", "bbb"]);
        assert_eq!(shown("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn wide_and_combining_characters() {
        // Each CJK character is two cells: three fit in 6 columns.
        assert_eq!(shown("中文字符测试", 6), ["中文字", "符测试"]);
        // Combining marks take no cell.
        assert_eq!(
            shown("e\u{301}e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}e\u{301}"]
        );
        // A ZWJ emoji stays whole.
        assert_eq!(shown("👩‍🔬👩‍🔬", 2), ["👩‍🔬", "👩‍🔬"]);
        // A wide character wider than the line still makes progress.
        assert_eq!(shown("中中", 1), ["中", "中"]);
        // RTL text wraps by logical order.
        assert_eq!(shown("שלום עולם", 5), ["שלום ", "עולם"]);
    }

    #[test]
    fn char_offsets_follow_bytes() {
        let a = article("“Quoted” 中文 text here\n\nsecond");
        let mut cache = WrapCache::default();
        let mut layout = Layout::new(&a, 8, &mut cache);
        let lines = layout.lines_from(Pos::default(), 10);
        for l in lines.iter().filter(|l| !l.gap) {
            assert_eq!(l.char_start, a.para_byte_to_char(l.para, l.byte_start));
            assert_eq!(l.char_end, a.para_byte_to_char(l.para, l.byte_end));
        }
        assert!(lines.iter().any(|l| l.gap));
        assert_eq!(lines.last().map(|l| l.para), Some(1));
    }

    #[test]
    fn back_and_forward_agree_on_long_paragraphs() {
        let text = "word ".repeat(40_000);
        let a = article(&text);
        let mut cache = WrapCache::default();
        let mut layout = Layout::new(&a, 30, &mut cache);
        let end = layout.line_start(0, a.para_text(0).len());
        let up = layout.back(end, 5);
        assert!(up.byte < end.byte);
        assert_eq!(layout.forward(up, 5), end);
        assert!(cache.is_empty(), "long paragraphs are not cached");
    }
}
