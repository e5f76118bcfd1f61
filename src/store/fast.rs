//! A fast path for reading sidecars: the RON subset that [`super::sidecar::to_ron`] writes is
//! translated to JSON in one pass and parsed with `serde_json`, several times faster than the
//! general RON parser (what corpus-wide export needs). Anything outside that subset (comments,
//! raw strings, named structs, string continuations, numbers other than plain decimal
//! integers...) makes the fast path give up, and the caller falls back to the RON parser, which
//! also produces the error messages.
//!
//! The translation must never accept a document differently from the RON parser. JSON is more
//! lenient than RON (`serde_json` builds a struct from an array or a map, an `Option` from a
//! bare value, a map from any object), so the translator is driven by the *shape* of every
//! field of the model ([`DOC`]): a struct must be `( field: ... )`, a map `{ "k": "v" }`, a
//! list `[ ... ]`, an optional string `None` or `Some("...")`, an enum a bare identifier, a
//! number plain decimal digits. A field the table does not know ends the fast path; what is
//! left to `serde_json` (duplicate fields, missing fields, defaults, unknown variants) is
//! decided by the same `serde` derive code the RON parser drives, so both agree.
//!
//! The table must follow the model: `tests/fast_sidecar.rs` checks that every document
//! `to_ron` writes takes the fast path to the same value, and that altered texts either parse
//! to what the RON parser returns or fall back.

use crate::model::annotation::{AnnotationDoc, FORMAT_VERSION};

/// Parse sidecar text through the fast path; `None` when the text is outside the subset or is
/// not a valid document (the caller then uses the RON parser).
#[must_use]
pub fn parse(text: &str) -> Option<AnnotationDoc> {
    let json = ron_to_json(text)?;
    let doc: AnnotationDoc = serde_json::from_str(&json).ok()?;
    (doc.format_version <= FORMAT_VERSION).then_some(doc)
}

/// The shape a value must have, by the model's type.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// `String`: a `"..."` string.
    Str,
    /// `usize` / `u32`: plain decimal digits.
    Uint,
    /// `Option<String>`: `None` or `Some("...")`.
    OptStr,
    /// A unit enum variant: a bare identifier.
    Variant,
    /// `bool`: `true` or `false`.
    Bool,
    /// `Option<T>` of a non-string `T`: `None` or `Some(value)`.
    Opt(&'static Shape),
    /// An enum of unit variants (`Name`) and struct variants (`Name(field: ...)`), by name;
    /// `None` marks a unit variant.
    Enum(&'static [(&'static str, Option<&'static [Field]>)]),
    /// `BTreeMap<String, String>`: `{ "k": "v", ... }`.
    StrMap,
    /// `Vec<T>` / `BTreeSet<T>`: `[ ... ]`.
    Seq(&'static Shape),
    /// A struct with named fields: `( name: value, ... )`.
    Struct(&'static [Field]),
}

/// A struct field and the shape of its value.
pub type Field = (&'static str, Shape);

const ANCHOR: &[Field] = &[
    ("para", Shape::Uint),
    ("start", Shape::Uint),
    ("end", Shape::Uint),
    ("exact", Shape::Str),
    ("prefix", Shape::Str),
    ("suffix", Shape::Str),
];

const ENTITY: &[Field] = &[
    ("id", Shape::Str),
    ("kind", Shape::Str),
    ("name", Shape::Str),
    ("attrs", Shape::StrMap),
    ("confidence", Shape::Variant),
    ("note", Shape::OptStr),
    ("suggested", Shape::Bool),
];

const SPAN: &[Field] = &[
    ("id", Shape::Str),
    ("kind", Shape::Str),
    ("anchor", Shape::Struct(ANCHOR)),
    ("status", Shape::Variant),
    ("entity", Shape::OptStr),
    ("attrs", Shape::StrMap),
    ("confidence", Shape::Variant),
    ("note", Shape::OptStr),
    ("suggested", Shape::Bool),
];

const ATTRIBUTION: &[Field] = &[
    ("id", Shape::Str),
    ("claim", Shape::Str),
    ("sources", Shape::Seq(&Shape::Str)),
    ("cue", Shape::OptStr),
    ("within", Shape::OptStr),
    ("attrs", Shape::StrMap),
    ("confidence", Shape::Variant),
    ("note", Shape::OptStr),
    ("suggested", Shape::Bool),
];

const ARTICLE: &[Field] = &[
    ("file", Shape::Str),
    ("sha256", Shape::Str),
    ("chars", Shape::Uint),
    ("paragraphs", Shape::Seq(&Shape::Str)),
];

const MADE_BY: &[(&str, Option<&[Field]>)] = &[
    ("Person", None),
    (
        "Suggester",
        Some(&[
            ("tool", Shape::Str),
            ("lexicon", Shape::Str),
            ("fingerprint", Shape::Str),
        ]),
    ),
];

const REJECTED: &[Field] = &[
    ("cue", Shape::Opt(&Shape::Struct(ANCHOR))),
    ("source", Shape::Opt(&Shape::Struct(ANCHOR))),
    ("claim", Shape::Opt(&Shape::Struct(ANCHOR))),
];

/// The fields of [`AnnotationDoc`] and, recursively, of every record in it.
pub const DOC: &[Field] = &[
    ("format_version", Shape::Uint),
    ("schema", Shape::Str),
    ("annotator", Shape::Str),
    ("article", Shape::Struct(ARTICLE)),
    ("created", Shape::Str),
    ("modified", Shape::Str),
    ("done", Shape::Seq(&Shape::Uint)),
    ("entities", Shape::Seq(&Shape::Struct(ENTITY))),
    ("spans", Shape::Seq(&Shape::Struct(SPAN))),
    ("attributions", Shape::Seq(&Shape::Struct(ATTRIBUTION))),
    ("made_by", Shape::Enum(MADE_BY)),
    ("rejected", Shape::Seq(&Shape::Struct(REJECTED))),
];

/// Translate a sidecar in the RON subset to JSON; `None` outside the subset.
#[must_use]
pub fn ron_to_json(text: &str) -> Option<String> {
    let mut t = Translator {
        text,
        b: text.as_bytes(),
        i: 0,
        out: String::with_capacity(text.len()),
    };
    t.ws();
    t.value(Shape::Struct(DOC))?;
    t.ws();
    (t.i == t.b.len()).then_some(t.out)
}

struct Translator<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
    out: String,
}

impl<'a> Translator<'a> {
    /// Skip the whitespace of the subset (comments are not in it).
    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        let hit = self.b.get(self.i) == Some(&c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        self.eat(c).then_some(())
    }

    /// An ASCII identifier `[A-Za-z_][A-Za-z0-9_]*`. Whatever follows it is checked by the
    /// caller, so `r#raw`, `Name(` and non-ASCII identifiers are refused there.
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.i;
        if !matches!(self.b.get(start), Some(b'A'..=b'Z' | b'a'..=b'z' | b'_')) {
            return None;
        }
        let mut end = start + 1;
        while matches!(self.b.get(end), Some(c) if c.is_ascii_alphanumeric() || *c == b'_') {
            end += 1;
        }
        self.i = end;
        let text: &'a str = self.text;
        text.get(start..end)
    }

    fn value(&mut self, shape: Shape) -> Option<()> {
        match shape {
            Shape::Str => self.string(),
            Shape::Uint => self.uint(),
            Shape::OptStr => match self.ident()? {
                "None" => {
                    self.out.push_str("null");
                    Some(())
                }
                "Some" => {
                    self.ws();
                    self.expect(b'(')?;
                    self.ws();
                    self.string()?;
                    self.ws();
                    if self.eat(b',') {
                        self.ws();
                    }
                    self.expect(b')')
                }
                _ => None,
            },
            Shape::Variant => {
                let name = self.ident()?;
                self.out.push('"');
                self.out.push_str(name);
                self.out.push('"');
                Some(())
            }
            Shape::Bool => match self.ident()? {
                word @ ("true" | "false") => {
                    self.out.push_str(word);
                    Some(())
                }
                _ => None,
            },
            Shape::Opt(inner) => match self.ident()? {
                "None" => {
                    self.out.push_str("null");
                    Some(())
                }
                "Some" => {
                    self.ws();
                    self.expect(b'(')?;
                    self.ws();
                    self.value(*inner)?;
                    self.ws();
                    if self.eat(b',') {
                        self.ws();
                    }
                    self.expect(b')')
                }
                _ => None,
            },
            Shape::Enum(variants) => {
                let name = self.ident()?;
                let &(name, fields) = variants.iter().find(|(v, _)| *v == name)?;
                match fields {
                    None => {
                        self.out.push('"');
                        self.out.push_str(name);
                        self.out.push('"');
                    }
                    Some(fields) => {
                        self.ws();
                        self.out.push_str("{\"");
                        self.out.push_str(name);
                        self.out.push_str("\":");
                        self.value(Shape::Struct(fields))?;
                        self.out.push('}');
                    }
                }
                Some(())
            }
            Shape::StrMap => {
                self.expect(b'{')?;
                self.out.push('{');
                self.items(b'}', |t| {
                    t.string()?;
                    t.ws();
                    t.expect(b':')?;
                    t.out.push(':');
                    t.ws();
                    t.string()
                })?;
                self.out.push('}');
                Some(())
            }
            Shape::Seq(item) => {
                self.expect(b'[')?;
                self.out.push('[');
                self.items(b']', |t| t.value(*item))?;
                self.out.push(']');
                Some(())
            }
            Shape::Struct(fields) => {
                self.expect(b'(')?;
                self.out.push('{');
                self.items(b')', |t| {
                    let name = t.ident()?;
                    let &(name, shape) = fields.iter().find(|(f, _)| *f == name)?;
                    t.ws();
                    t.expect(b':')?;
                    t.out.push('"');
                    t.out.push_str(name);
                    t.out.push_str("\":");
                    t.ws();
                    t.value(shape)
                })?;
                self.out.push('}');
                Some(())
            }
        }
    }

    /// Comma-separated items up to `close` (consumed), a trailing comma allowed; the opening
    /// bracket is already consumed.
    fn items(&mut self, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.ws();
        if self.eat(close) {
            return Some(());
        }
        loop {
            item(self)?;
            self.ws();
            if self.eat(close) {
                return Some(());
            }
            self.expect(b',')?;
            self.ws();
            if self.eat(close) {
                return Some(());
            }
            self.out.push(',');
        }
    }

    /// `0` or `[1-9][0-9]*` (at most 20 digits); signs, underscores, other bases, floats and
    /// suffixes make the caller fail on the character that follows.
    fn uint(&mut self) -> Option<()> {
        let start = self.i;
        while matches!(self.b.get(self.i), Some(b'0'..=b'9')) {
            self.i += 1;
        }
        let digits = self.text.get(start..self.i)?;
        if digits.is_empty() || digits.len() > 20 || (digits.len() > 1 && digits.starts_with('0')) {
            return None;
        }
        self.out.push_str(digits);
        Some(())
    }

    /// Copy the RON string at the cursor (a `"`) as a JSON string.
    fn string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        let start = self.i;
        let b = self.b;
        let mut i = start;
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
        let raw = self.text.get(start..i)?;
        if plain {
            self.out.push('"');
            self.out.push_str(raw);
            self.out.push('"');
        } else {
            let decoded = unescape(raw)?;
            self.out.push_str(&serde_json::to_string(&decoded).ok()?);
        }
        self.i = i + 1;
        Some(())
    }
}

/// Decode the RON string escapes of the subset: `\n \r \t \0 \\ \" \'` and `\u{1-6 hex}`.
/// `\x..` escapes and string continuations (`\` at the end of a line) are left to RON.
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
        span.suggested = true;
        doc.done.insert(1);
        doc.made_by = crate::model::MadeBy::Suggester {
            tool: "marginalia 0.1.0".to_owned(),
            lexicon: "news-en/1".to_owned(),
            fingerprint: doc.records_fingerprint(),
        };
        doc.rejected.push(crate::model::RejectedSuggestion {
            cue: crate::model::Anchor::new(&article, 0, 3, 7),
            source: None,
            claim: crate::model::Anchor::new(&article, 1, 0, 3),
        });
        let text = to_ron(&doc);
        let fast = parse(&text).expect("fast path taken");
        let slow: AnnotationDoc = ron::from_str(&text).expect("ron");
        assert_eq!(fast, slow);
        assert_eq!(fast, doc);
    }

    #[test]
    fn translates_the_subset() {
        let json = ron_to_json(
            "(\n  format_version: 1,\n  schema: \"x\\u{1F600}\\n\",\n  done: [1, 2,],\n  spans: [(\n    attrs: { \"k\": \"v\", },\n    note: Some(\"n\" , ),\n    entity: None,\n    confidence: High,\n  )],\n  article: (),\n)\n",
        )
        .expect("subset");
        assert_eq!(
            json,
            r#"{"format_version":1,"schema":"x😀\n","done":[1,2],"spans":[{"attrs":{"k":"v"},"note":"n","entity":null,"confidence":"High"}],"article":{}}"#
        );
    }

    #[test]
    fn translates_provenance_fields() {
        let json = ron_to_json(
            "(made_by: Suggester(tool: \"m\", lexicon: \"l\", fingerprint: \"f\",), spans: [(suggested: true)], rejected: [(cue: Some((para: 1,)), claim: None)])",
        )
        .expect("subset");
        assert_eq!(
            json,
            r#"{"made_by":{"Suggester":{"tool":"m","lexicon":"l","fingerprint":"f"}},"spans":[{"suggested":true}],"rejected":[{"cue":{"para":1},"claim":null}]}"#
        );
        assert_eq!(
            ron_to_json("(made_by: Person)").as_deref(),
            Some(r#"{"made_by":"Person"}"#)
        );
    }

    #[test]
    fn gives_up_outside_the_subset() {
        for text in [
            "(format_version: 1) // comment",
            "(schema: r\"raw\")",
            "(article: ArticleRef(chars: 1))",
            "(1, 2)",
            "(format_version: 0x10)",
            "(format_version: 1.5)",
            "(format_version: 1_0)",
            "(format_version: +1)",
            "(format_version: -1)",
            "(format_version: 01)",
            "(format_version: 1u32)",
            "(schema: 'c')",
            "(schema: \"a\")(annotator: \"b\")",
            "(schema: \"a\",,)",
            "(schema: \"unterminated)",
            "(schema: \"a\" \"b\")",
            "(annotator: Bob)",
            "(annotator: Some(\"a\"))",
            "(spans: [(confidence: \"High\")])",
            "(spans: [(confidence: Some(High))])",
            "(spans: [(note: \"bare\")])",
            "(spans: [(note: Some(Some(\"x\")))])",
            "(spans: [(note: Some(None))])",
            "(spans: [(attrs: ())])",
            "(spans: [(attrs: (a: \"b\"))])",
            "(spans: [(attrs: {\"a\": High})])",
            "(article: [\"f\", \"s\", 1, []])",
            "(article: {\"file\": \"f\"})",
            "(done: [Some(1)])",
            "(unknown: 1)",
            "(r#schema: \"a\")",
            "(schema: \"a\\x41\")",
            "(schema: \"a\\\n b\")",
            "(spans: [(suggested: 1)])",
            "(spans: [(suggested: \"true\")])",
            "(spans: [(suggested: True)])",
            "(made_by: \"Person\")",
            "(made_by: Person())",
            "(made_by: Robot)",
            "(made_by: Suggester)",
            "(made_by: Suggester(tool: \"t\", other: \"x\"))",
            "(rejected: [(cue: (para: 0))])",
            "(rejected: [(cue: Some(\"x\"))])",
        ] {
            assert_eq!(ron_to_json(text), None, "{text}");
        }
    }
}
