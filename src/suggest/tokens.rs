//! One paragraph cut into tokens (words and single punctuation marks, with byte ranges),
//! its quotations (paired quotation marks, or a quotation left open to the paragraph end) and
//! its sentences. Everything is one pass over the text; later rules look tokens up by index.

use std::collections::HashMap;

/// Id of a word that is not in the lexicon's vocabulary.
pub const NO_WORD: u32 = u32::MAX;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters and digits, with inner apostrophes, hyphens, dots and ampersands ("O’Malley",
    /// "U.S", "al-Qassam").
    Word,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// Any other character that is not a space.
    Punct(char),
}

/// A token of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Byte offset in the paragraph.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
    /// Lexicon vocabulary id of the lower-cased word, or [`NO_WORD`].
    pub word: u32,
    /// The word starts with an upper-case letter (or is a number).
    pub capital: bool,
    /// Index of the quotation the token is inside, if any (the marks themselves included).
    pub quote: Option<u32>,
}

impl Tok {
    /// True for a word.
    #[must_use]
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }

    /// True for this punctuation mark.
    #[must_use]
    pub fn is(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
}

/// A quotation in a paragraph: token indices of its marks.
#[derive(Debug, Clone, Copy)]
pub struct Quote {
    /// Index of the opening mark.
    pub open: usize,
    /// Index of the closing mark; `None` when the quotation runs to the paragraph end (it
    /// continues in the next paragraph, as news quotations over several paragraphs do).
    pub close: Option<usize>,
}

/// A tokenised paragraph.
#[derive(Debug, Default)]
pub struct Para<'a> {
    /// The paragraph text.
    pub text: &'a str,
    /// Its tokens.
    pub toks: Vec<Tok>,
    /// Its quotations, in order.
    pub quotes: Vec<Quote>,
    /// Sentences as token index ranges `[start, end)`, covering every token.
    pub sentences: Vec<(usize, usize)>,
    /// For each token, the index of its sentence.
    pub sentence_of: Vec<u32>,
}

impl<'a> Para<'a> {
    /// Tokenise `text`, looking words up in `vocab` (lower-case keys) and splitting sentences
    /// (a full stop after a word in `abbreviations` does not end one).
    #[must_use]
    pub fn new(text: &'a str, vocab: &HashMap<String, u32>, abbreviations: &[u32]) -> Self {
        let mut toks = tokenize(text, vocab);
        let quotes = pair_quotes(text, &mut toks);
        let sentences = split_sentences(&toks, &quotes, abbreviations);
        let mut sentence_of = vec![0; toks.len()];
        for (n, &(s, e)) in sentences.iter().enumerate() {
            for slot in &mut sentence_of[s..e] {
                *slot = u32::try_from(n).unwrap_or(u32::MAX);
            }
        }
        Self {
            text,
            toks,
            quotes,
            sentences,
            sentence_of,
        }
    }

    /// The sentence `[start, end)` holding token `i`.
    #[must_use]
    pub fn sentence(&self, i: usize) -> (usize, usize) {
        self.sentence_of
            .get(i)
            .and_then(|&n| self.sentences.get(n as usize))
            .copied()
            .unwrap_or((0, self.toks.len()))
    }

    /// The text of token `i`.
    #[must_use]
    pub fn tok_text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// Vocabulary id of token `i` ([`NO_WORD`] out of range).
    #[must_use]
    pub fn word(&self, i: usize) -> u32 {
        self.toks.get(i).map_or(NO_WORD, |t| t.word)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that join two word parts ("O’Malley", "U.S", "al-Qassam", "AT&T", "3.2").
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '‑')
}

fn tokenize(text: &str, vocab: &HashMap<String, u32>) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut lower = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                match chars.peek().copied() {
                    Some((j, d)) if is_word_char(d) => {
                        end = j + d.len_utf8();
                        chars.next();
                    }
                    Some((j, d)) if is_joiner(d) => {
                        let after = j + d.len_utf8();
                        let next = text[after..].chars().next();
                        // "Dockworkers’ Union": a plural possessive keeps its apostrophe.
                        let plural_possessive = matches!(d, '’' | '\'')
                            && text[..j].ends_with('s')
                            && next.is_some_and(char::is_whitespace)
                            && text[after..].trim_start().starts_with(char::is_uppercase);
                        if next.is_some_and(is_word_char) || plural_possessive {
                            end = after;
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let word = &text[i..end];
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            // "didn't" and "he's" keep their apostrophe forms in the vocabulary.
            let id = vocab.get(lower.as_str()).copied().unwrap_or(NO_WORD);
            toks.push(Tok {
                start: i,
                end,
                kind: TokKind::Word,
                word: id,
                // Scripts without case (CJK) count as capitalised names.
                capital: !c.is_lowercase(),
                quote: None,
            });
        } else {
            let mut end = i + c.len_utf8();
            let mut kind = TokKind::Punct(c);
            // Two apostrophes are a double quotation mark (as some newspapers type it).
            if c == '\'' && text[end..].starts_with('\'') {
                chars.next();
                end += 1;
                kind = TokKind::Punct('"');
            }
            toks.push(Tok {
                start: i,
                end,
                kind,
                word: NO_WORD,
                capital: false,
                quote: None,
            });
        }
    }
    toks
}

/// Decide which `"` and curly marks open and close quotations, mark the tokens inside, and
/// return the quotations. A straight `"` opens after a space or bracket (or at the start) and
/// closes otherwise; a quotation left open ends at the paragraph end.
fn pair_quotes(text: &str, toks: &mut [Tok]) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut open: Option<usize> = None;
    for i in 0..toks.len() {
        let c = match toks[i].kind {
            TokKind::Punct(c) => c,
            _ => continue,
        };
        let before = text[..toks[i].start].chars().next_back();
        let after = text[toks[i].end..].chars().next();
        let opens = match c {
            // Curly marks say which way they face, but typists get them wrong: "review“ of"
            // closes, " ”Yes" opens.
            '“' | '«' | '„' => Some(
                !(before.is_some_and(|b| !b.is_whitespace())
                    && after.is_none_or(|a| a.is_whitespace() || ",.;:!?".contains(a))),
            ),
            '”' | '»' => Some(
                before.is_none_or(char::is_whitespace) && after.is_some_and(char::is_alphanumeric),
            ),
            '"' => Some(
                before.is_none_or(|b| b.is_whitespace() || matches!(b, '(' | '[' | '—' | '–'))
                    && after.is_some_and(|a| !a.is_whitespace()),
            ),
            _ => None,
        };
        match (opens, open) {
            (Some(true), None) => {
                toks[i].kind = TokKind::OpenQuote;
                open = Some(i);
            }
            (Some(true), Some(o)) => {
                // A second opening mark before any close: the first quotation ended
                // unmarked; start again here.
                quotes.push(Quote {
                    open: o,
                    close: Some(i.saturating_sub(1).max(o)),
                });
                toks[i].kind = TokKind::OpenQuote;
                open = Some(i);
            }
            (Some(false), Some(o)) => {
                toks[i].kind = TokKind::CloseQuote;
                quotes.push(Quote {
                    open: o,
                    close: Some(i),
                });
                open = None;
            }
            // A stray closing mark: keep it as punctuation.
            _ => {}
        }
    }
    if let Some(o) = open {
        quotes.push(Quote {
            open: o,
            close: None,
        });
    }
    let last = toks.len().saturating_sub(1);
    for (n, q) in quotes.iter().enumerate() {
        let end = q.close.unwrap_or(last);
        for t in &mut toks[q.open..=end.min(last)] {
            t.quote = Some(u32::try_from(n).unwrap_or(u32::MAX));
        }
    }
    quotes
}

/// Sentences end after `.`, `!` or `?` (with any closing quotation marks and brackets after
/// them) when a capital, a digit or an opening mark follows, except after an abbreviation or
/// an initial, and never inside a quotation that closes in this paragraph (so a quotation of
/// several sentences stays with its cue).
fn split_sentences(toks: &[Tok], quotes: &[Quote], abbreviations: &[u32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let ends = matches!(t.kind, TokKind::Punct('.' | '!' | '?'));
        if ends && !inside_closed_quote(toks, quotes, i) {
            let mut j = i + 1;
            while j < toks.len()
                && matches!(
                    toks[j].kind,
                    TokKind::CloseQuote | TokKind::Punct(')' | ']' | '.' | '!' | '?' | '’')
                )
            {
                j += 1;
            }
            let next_starts = toks.get(j).is_none_or(|n| {
                n.capital || matches!(n.kind, TokKind::OpenQuote | TokKind::Punct('(' | '—'))
            });
            let abbrev = t.is('.')
                && i > 0
                && toks[i - 1].is_word()
                && toks[i - 1].end == t.start
                && (abbreviations.contains(&toks[i - 1].word)
                    || toks[i - 1].end - toks[i - 1].start == 1);
            if next_starts && !abbrev {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// True when token `i` is inside a quotation that closes later in this paragraph, other than
/// right after it (a stop right before the closing mark ends the sentence with the quotation).
fn inside_closed_quote(toks: &[Tok], quotes: &[Quote], i: usize) -> bool {
    let close = toks[i]
        .quote
        .and_then(|q| quotes.get(q as usize))
        .and_then(|q| q.close);
    close.is_some_and(|c| c > i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Para<'_> {
        let vocab: HashMap<String, u32> = [("mr".to_owned(), 0)].into_iter().collect();
        Para::new(text, &vocab, &[0])
    }

    #[test]
    fn words_keep_inner_apostrophes_and_dots() {
        let p = para("O’Malley’s U.S. plan, al-Qassam said.");
        let words: Vec<&str> = (0..p.toks.len()).map(|i| p.tok_text(i)).collect();
        assert_eq!(
            words,
            [
                "O’Malley’s",
                "U.S",
                ".",
                "plan",
                ",",
                "al-Qassam",
                "said",
                "."
            ]
        );
    }

    #[test]
    fn straight_and_curly_quotes_pair() {
        let p = para("\"Go,\" he said. “Stay,” she said, \"and wait");
        assert_eq!(p.quotes.len(), 3);
        assert_eq!(p.quotes[0].close, Some(3));
        assert!(p.quotes[2].close.is_none());
    }

    #[test]
    fn sentences_do_not_split_inside_closed_quotes_or_after_abbreviations() {
        let p = para("“We won. We always do,” he said. Mr. Smith left.");
        assert_eq!(p.sentences.len(), 2, "{:?}", p.sentences);
    }
}
