//! A fast path for reading sidecars: the RON subset that [`super::sidecar::to_ron`] writes is
//! translated to JSON in one pass and parsed with `serde_json`, several times faster than the
//! general RON parser (what corpus-wide export needs). Anything outside that subset (comments,
//! raw strings, named structs, tuples, numbers other than plain integers...) makes the fast path
//! give up, and the caller falls back to the RON parser, which also produces the error messages.
//!
//! The translation must accept exactly what the RON parser accepts for an [`AnnotationDoc`].
//! JSON cannot tell a bare RON identifier (an enum variant) from a quoted string, so bare
//! identifiers are allowed only as the value of the model's enum fields ([`ENUM_FIELDS`]) and
//! those fields accept nothing else; any other shape falls back to the RON parser.

use crate::model::annotation::{AnnotationDoc, FORMAT_VERSION};

/// Parse sidecar text through the fast path; `None` when the text is outside the subset or is
/// not a valid document (the caller then uses the RON parser).
#[must_use]
pub fn parse(text: &str) -> Option<AnnotationDoc> {
    let json = ron_to_json(text)?;
    let doc: AnnotationDoc = serde_json::from_str(&json).ok()?;
    (doc.format_version <= FORMAT_VERSION).then_some(doc)
}

/// Fields of the sidecar model whose values are unit enum variants (`Confidence`,
/// `AnchorStatus`). A new enum field must be added here, or its files take the slow path.
pub const ENUM_FIELDS: [&str; 2] = ["confidence", "status"];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// `( key: value, ... )` -> `{ "key": value, ... }`.
    Struct,
    /// `[ ... ]`.
    List,
    /// `{ key: value, ... }`.
    Map,
    /// `Some( value )` -> `value`.
    Some,
}

/// Translate the sidecar RON subset to JSON; `None` outside the subset.
#[must_use]
pub fn ron_to_json(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<Frame> = Vec::new();
    // A comma seen in the input, written only if another element follows (RON allows a
    // trailing comma, JSON does not).
    let mut pending_comma = false;
    // A complete element was just written: only `,` or a closing bracket may follow.
    let mut after_value = false;
    // The struct field whose value comes next (None inside lists and maps).
    let mut key: Option<&str> = None;
    let mut i = 0;
    let mut done = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\n' | b'\r' | b'\t' => {
                i += 1;
                continue;
            }
            b',' => {
                if !after_value || stack.is_empty() {
                    return None;
                }
                pending_comma = true;
                after_value = false;
                i += 1;
                continue;
            }
            b')' | b']' | b'}' => {
                let frame = stack.pop()?;
                let closing = match frame {
                    Frame::Struct => (c == b')').then_some("}"),
                    Frame::Some => (c == b')').then_some(""),
                    Frame::List => (c == b']').then_some("]"),
                    Frame::Map => (c == b'}').then_some("}"),
                }?;
                if !after_value && !pending_comma && !out.ends_with(['{', '[']) {
                    return None;
                }
                out.push_str(closing);
                pending_comma = false;
                after_value = true;
                key = None;
                done = stack.is_empty();
                i += 1;
                continue;
            }
            b':' => {
                if !matches!(stack.last(), Some(Frame::Map)) || !after_value {
                    return None;
                }
                out.push(':');
                after_value = false;
                i += 1;
                continue;
            }
            _ => {}
        }
        if done || after_value {
            return None;
        }
        let enum_field = key.is_some_and(|k| ENUM_FIELDS.contains(&k));
        if enum_field && !c.is_ascii_alphabetic() {
            return None;
        }
        if pending_comma {
            out.push(',');
            pending_comma = false;
        }
        match c {
            b'(' => {
                key = None;
                // Only structs with named fields (or an empty one) are in the subset.
                let next = skip_ws(b, i + 1);
                if b.get(next) != Some(&b')') {
                    let end = ident_end(b, next);
                    if end == next || b.get(skip_ws(b, end)) != Some(&b':') {
                        return None;
                    }
                }
                out.push('{');
                stack.push(Frame::Struct);
                i += 1;
            }
            b'[' => {
                key = None;
                out.push('[');
                stack.push(Frame::List);
                i += 1;
            }
            b'{' => {
                key = None;
                out.push('{');
                stack.push(Frame::Map);
                i += 1;
            }
            b'"' => {
                i = string(text, i, &mut out)?;
                after_value = true;
                key = None;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if matches!(
                    b.get(i),
                    Some(b'.' | b'e' | b'E' | b'_' | b'x' | b'b' | b'o')
                ) || (c == b'-' && i == start + 1)
                {
                    return None;
                }
                out.push_str(&text[start..i]);
                after_value = true;
                key = None;
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                let end = ident_end(b, i);
                let ident = &text[i..end];
                let next = skip_ws(b, end);
                if b.get(next) == Some(&b':') {
                    if !matches!(stack.last(), Some(Frame::Struct)) {
                        return None;
                    }
                    out.push('"');
                    out.push_str(ident);
                    out.push_str("\":");
                    key = Some(ident);
                    i = next + 1;
                    continue;
                }
                match ident {
                    _ if enum_field && matches!(ident, "Some" | "None" | "true" | "false") => {
                        return None;
                    }
                    "Some" if b.get(next) == Some(&b'(') => {
                        stack.push(Frame::Some);
                        i = next + 1;
                        continue;
                    }
                    "None" => out.push_str("null"),
                    "true" | "false" => out.push_str(ident),
                    // `r#raw`, `r"raw string"`, `Name(...)`, `Variant(...)`: not in the subset.
                    _ if matches!(b.get(end), Some(b'#' | b'"')) || b.get(next) == Some(&b'(') => {
                        return None;
                    }
                    _ if !enum_field => return None,
                    _ => {
                        out.push('"');
                        out.push_str(ident);
                        out.push('"');
                    }
                }
                after_value = true;
                key = None;
                i = end;
            }
            _ => return None,
        }
    }
    (done && stack.is_empty()).then_some(out)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && matches!(b[i], b' ' | b'\n' | b'\r' | b'\t') {
        i += 1;
    }
    i
}

fn ident_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
        i += 1;
    }
    i
}

/// Copy the RON string starting at byte `start` (a `"`) as a JSON string; returns the index
/// after its closing quote.
fn string(text: &str, start: usize, out: &mut String) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = start + 1;
    let mut plain = true;
    while i < b.len() {
        match b[i] {
            b'"' => break,
            b'\\' => {
                plain = false;
                i += 2;
            }
            c if c < 0x20 => {
                plain = false;
                i += 1;
            }
            _ => i += 1,
        }
    }
    if i >= b.len() {
        return None;
    }
    let raw = text.get(start + 1..i)?;
    if plain {
        out.push('"');
        out.push_str(raw);
        out.push('"');
    } else {
        let decoded = unescape(raw)?;
        out.push_str(&serde_json::to_string(&decoded).ok()?);
    }
    Some(i + 1)
}

/// Decode RON string escapes.
fn unescape(raw: &str) -> Option<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            '0' => out.push('\0'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => out.push('\''),
            'u' => {
                if chars.next()? != '{' {
                    return None;
                }
                let mut hex = String::new();
                loop {
                    match chars.next()? {
                        '}' => break,
                        h if h.is_ascii_hexdigit() && hex.len() < 6 => hex.push(h),
                        _ => return None,
                    }
                }
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{AnchorStatus, Article, Confidence, Schema};
    use crate::store::sidecar::to_ron;

    #[test]
    fn fast_path_equals_the_ron_parser_on_written_sidecars() {
        let schema = Schema::default_schema();
        let article = Article::from_text(
            Path::new("a.txt"),
            "He said \"x\" \\ y 😀 e\u{301}.\n\nShe wrote\ttabs.",
        )
        .expect("article");
        let mut doc = AnnotationDoc::new(&schema, &article, "alice", "2026-01-01T00:00:00Z");
        let s = doc
            .add_span(&schema, &article, "Speaker", 0, 0, 2)
            .expect("speaker");
        let c = doc
            .add_span(&schema, &article, "Claim", 0, 8, 19)
            .expect("claim");
        let e = doc
            .add_entity(&schema, "SpeakerEntity", "“Him” \\ 漢")
            .expect("entity");
        doc.span_mut(&s).expect("s").entity = Some(e);
        doc.attribute(&schema, &c, std::slice::from_ref(&s), None)
            .expect("attribution");
        let span = doc.span_mut(&c).expect("c");
        span.note = Some("line\nbreak, \"quote\", tab\t, nul\0, 👩\u{200d}👩".to_owned());
        span.confidence = Confidence::Low;
        span.status = AnchorStatus::Fuzzy;
        doc.done.insert(1);
        let text = to_ron(&doc);
        let fast = parse(&text).expect("fast path taken");
        let slow: AnnotationDoc = ron::from_str(&text).expect("ron");
        assert_eq!(fast, slow);
        assert_eq!(fast, doc);
    }

    #[test]
    fn translates_the_subset() {
        let json = ron_to_json(
            "(\n  a: 1,\n  b: Some(\"x\\u{1F600}\\n\"),\n  c: None,\n  d: [1, 2,],\n  e: { \"k\": \"v\", },\n  f: (),\n  confidence: High,\n)\n",
        )
        .expect("subset");
        assert_eq!(
            json,
            r#"{"a":1,"b":"x😀\n","c":null,"d":[1,2],"e":{"k":"v"},"f":{},"confidence":"High"}"#
        );
    }

    #[test]
    fn gives_up_outside_the_subset() {
        for text in [
            "(a: 1) // comment",
            "(a: r\"raw\")",
            "(a: Anchor(b: 1))",
            "(1, 2)",
            "(a: 0x10)",
            "(a: 1.5)",
            "(a: 'c')",
            "(a: 1)(b: 2)",
            "(a: 1,,)",
            "(a: \"unterminated)",
            "(a: A A)",
            "(a: 1 2)",
            "(annotator: Bob)",
            "(confidence: \"High\")",
            "(confidence: Some(High))",
        ] {
            assert_eq!(ron_to_json(text), None, "{text}");
        }
    }
}
