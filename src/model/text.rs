//! Text primitives shared by every part of the program: newline normalisation, SHA-256,
//! and a sparse index that converts Unicode scalar offsets to UTF-8 byte offsets in
//! constant-ish time, so that even a 10 MB single-paragraph article never needs a full scan
//! per key press.

use sha2::{Digest, Sha256};

/// Remove a leading BOM and turn CRLF and lone CR into LF.
#[must_use]
pub fn normalize_newlines(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    if !raw.contains('\r') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Normalise an owned text in place: remove a leading BOM and turn CRLF and lone CR into LF.
/// Text with neither (the usual case) is returned as it is, without a copy.
#[must_use]
pub fn normalize_newlines_owned(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if !text.contains('\r') {
        return text;
    }
    // CRLF -> LF and CR -> LF never grow the text: compact the bytes in place. CR and LF are
    // ASCII, so the result is still UTF-8.
    let mut bytes = text.into_bytes();
    let mut write = 0;
    let mut read = 0;
    while read < bytes.len() {
        let b = bytes[read];
        if b == b'\r' {
            bytes[write] = b'\n';
            if bytes.get(read + 1) == Some(&b'\n') {
                read += 1;
            }
        } else {
            bytes[write] = b;
        }
        write += 1;
        read += 1;
    }
    bytes.truncate(write);
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Lower-case hex SHA-256 of a string's UTF-8 bytes.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(text.as_bytes());
    // A table instead of `write!` per byte: articles with thousands of paragraphs hash each.
    let mut out = String::with_capacity(64);
    for byte in digest {
        out.push(char::from(HEX[usize::from(byte >> 4)]));
        out.push(char::from(HEX[usize::from(byte & 0xf)]));
    }
    out
}

/// Number of Unicode scalar values in a string.
#[must_use]
pub fn char_len(text: &str) -> usize {
    count_chars(text.as_bytes())
}

/// Number of characters in valid UTF-8 bytes: the bytes that are not continuation bytes.
#[must_use]
pub fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// How many characters lie between two checkpoints of a [`CharIndex`].
const CHECKPOINT_EVERY: usize = 256;

/// Sparse map from Unicode scalar offsets to byte offsets of one string.
///
/// Stores the byte offset of every 256th character; a lookup walks at most 255 characters.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    checkpoints: Vec<usize>,
    char_len: usize,
    byte_len: usize,
}

impl CharIndex {
    /// Build the index for `text`.
    #[must_use]
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut checkpoints = Vec::with_capacity(bytes.len() / CHECKPOINT_EVERY + 1);
        let mut count = 0;
        let mut next = 0;
        // Push the checkpoints that fall among the character starts of `bytes[at..]`.
        let mut walk = |at: usize, chunk: &[u8], mut c: usize, next: &mut usize| {
            for (i, &b) in chunk.iter().enumerate() {
                if b & 0xC0 != 0x80 {
                    if c == *next {
                        checkpoints.push(at + i);
                        *next += CHECKPOINT_EVERY;
                    }
                    c += 1;
                }
            }
        };
        // Eight bytes at a time: a byte starts a character unless it is a UTF-8 continuation
        // byte (0b10xx_xxxx), so the starts in a word are 8 minus the continuation bytes, found
        // with two shifts and a popcount. Only a word holding the next checkpoint is walked.
        let mut words = bytes.chunks_exact(8);
        let mut at = 0;
        for word in words.by_ref() {
            let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
            let continuation = (w & !(w << 1) & 0x8080_8080_8080_8080).count_ones();
            let starts = 8 - continuation as usize;
            if count + starts > next {
                walk(at, word, count, &mut next);
            }
            count += starts;
            at += 8;
        }
        let rest = words.remainder();
        walk(at, rest, count, &mut next);
        count += count_chars(rest);
        Self {
            checkpoints,
            char_len: count,
            byte_len: text.len(),
        }
    }

    /// Number of characters in the indexed text.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of character `char_offset` (the text length when it is at or past the end).
    #[must_use]
    pub fn char_to_byte(&self, text: &str, char_offset: usize) -> usize {
        if char_offset >= self.char_len {
            return self.byte_len;
        }
        let checkpoint = char_offset / CHECKPOINT_EVERY;
        let base = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        let rest = char_offset - checkpoint * CHECKPOINT_EVERY;
        text.get(base..)
            .and_then(|tail| tail.char_indices().nth(rest))
            .map_or(self.byte_len, |(b, _)| base + b)
    }

    /// Character offset of the character that contains byte `byte_offset`.
    #[must_use]
    pub fn byte_to_char(&self, text: &str, byte_offset: usize) -> usize {
        if byte_offset >= self.byte_len {
            return self.char_len;
        }
        let checkpoint = self
            .checkpoints
            .partition_point(|&b| b <= byte_offset)
            .saturating_sub(1);
        let base = self.checkpoints.get(checkpoint).copied().unwrap_or(0);
        // Characters starting in base..byte_offset: counted on bytes, not decoded.
        let walked = text
            .as_bytes()
            .get(base..byte_offset)
            .map_or(0, count_chars);
        // If the byte is inside a character, that character started before it and was
        // counted: its index is one less.
        let exact = text.is_char_boundary(byte_offset);
        checkpoint * CHECKPOINT_EVERY + walked - usize::from(!exact && walked > 0)
    }
}

/// The substring of `text` between two character offsets, if they are in range.
#[must_use]
pub fn slice_chars(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let mut iter = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let start_byte = iter.nth(start)?;
    let end_byte = if end == start {
        start_byte
    } else {
        iter.nth(end - start - 1)?
    };
    text.get(start_byte..end_byte)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(normalize_newlines("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize_newlines("plain"), "plain");
        for raw in [
            "\u{feff}a\r\nb\rc\n",
            "plain",
            "\r\r\n\n“é”\r",
            "\u{feff}",
            "中\r\n👩\u{200d}👧\r",
            "",
        ] {
            assert_eq!(
                normalize_newlines_owned(raw.to_owned()),
                normalize_newlines(raw),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn sha256_of_empty_string() {
        assert_eq!(
            sha256_hex(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn slice_chars_counts_scalars_not_bytes() {
        let text = "the talks are “volatile” 👩‍👩‍👧 ok";
        assert_eq!(slice_chars(text, 14, 24), Some("“volatile”"));
        assert_eq!(slice_chars(text, 25, 30), Some("👩‍👩‍👧"));
        assert_eq!(slice_chars(text, 0, 0), Some(""));
        assert_eq!(slice_chars(text, 3, 2), None);
        assert_eq!(slice_chars(text, 0, 100), None);
    }

    proptest! {
        #[test]
        fn char_index_agrees_with_naive_scan(text in "\\PC{0,700}", pick in 0usize..800) {
            let index = CharIndex::new(&text);
            let n = text.chars().count();
            prop_assert_eq!(index.char_len(), n);
            let c = pick.min(n);
            let naive = text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
            prop_assert_eq!(index.char_to_byte(&text, c), naive);
            prop_assert_eq!(index.byte_to_char(&text, naive), c);
        }

        #[test]
        fn every_byte_maps_to_the_character_containing_it(text in "[a é漢👩\u{200d}\n]{0,600}") {
            let index = CharIndex::new(&text);
            let mut expected = Vec::with_capacity(text.len());
            for (i, c) in text.chars().enumerate() {
                expected.extend(std::iter::repeat_n(i, c.len_utf8()));
            }
            for (byte, want) in expected.iter().enumerate() {
                prop_assert_eq!(index.byte_to_char(&text, byte), *want, "byte {}", byte);
            }
            for (i, (byte, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(index.char_to_byte(&text, i), byte);
            }
        }
    }
}
