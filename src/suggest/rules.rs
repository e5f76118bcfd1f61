//! The attribution patterns, per paragraph, in token indices:
//!
//! - `SOURCE (aux|adv|not)* VERB (addressee|channel)* (that)? CLAIM` ("He has also said that");
//! - `CLAIM, SOURCE VERB.` and `CLAIM, VERB SOURCE.`, with the claim a quotation or the clause
//!   from the sentence start; `"Q1," SOURCE VERB, "Q2."` gives both parts;
//! - apposition: `NAME, APPOSITIVE, VERB ...` takes NAME as the source;
//! - `according to SOURCE, CLAIM` and `CLAIM, according to SOURCE`;
//! - `SOURCE: "QUOTE"` (the colon is the cue);
//! - participles after a comma (`, adding that ...`) take the source of the cue before them;
//! - a quotation left open at a paragraph end continues in the next paragraph's opening
//!   quotation, with the same cue and source.
//!
//! Cues inside quotations are skipped (a quotation's own words are content). Every rule reads
//! a bounded window around its cue, so the whole pass is linear in the text.

use crate::model::{Article, Schema};
use crate::suggest::compiled::{Compiled, flag};
use crate::suggest::lexicon::{CueClass, Lexicon};
use crate::suggest::tokens::{Para, Tok, TokKind};
use crate::suggest::{SuggestedSpan, Suggester, Suggestion, attrs, entities, np};

/// Farthest a rule looks back for the comma opening an appositive, in tokens.
const APPOSITIVE_WINDOW: usize = 16;

/// A suggestion in token indices of one paragraph, before attributes and entities.
#[derive(Debug, Clone)]
pub struct Raw {
    /// Cue tokens `[start, end)`.
    pub cue: (usize, usize),
    /// Source tokens.
    pub source: Option<(usize, usize)>,
    /// The noun phrase a relative pronoun source ("who") stands for.
    pub antecedent: Option<(usize, usize)>,
    /// Claim parts.
    pub claims: Vec<(usize, usize)>,
    /// Base score before adjustments.
    pub score: f64,
    /// Reason pieces.
    pub reason: Vec<String>,
    /// `cue_stance` from the lexicon.
    pub stance: Option<String>,
    /// `channel` the cue shows.
    pub channel: Option<String>,
    /// Outlet tokens (`via`).
    pub via: Option<(usize, usize)>,
}

/// A paragraph with the lexicon, for the rules.
struct Ctx<'p, 'a> {
    p: &'p Para<'a>,
    c: &'p Compiled,
    lex: &'p Lexicon,
}

impl Ctx<'_, '_> {
    fn tok(&self, i: usize) -> Option<Tok> {
        self.p.toks.get(i).copied()
    }

    fn has(&self, i: usize, bits: u32) -> bool {
        self.tok(i)
            .is_some_and(|t| t.is_word() && self.c.has(t.word, bits))
    }

    fn is_punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is(c))
    }

    fn kind(&self, i: usize) -> Option<TokKind> {
        self.tok(i).map(|t| t.kind)
    }

    fn text(&self, i: usize) -> &str {
        self.p.tok_text(i)
    }

    /// The word pattern matches at `i`; returns its length.
    fn matches(&self, i: usize, pattern: &[Option<u32>]) -> bool {
        pattern.iter().enumerate().all(|(k, w)| {
            self.tok(i + k)
                .is_some_and(|t| t.is_word() && w.is_none_or(|w| t.word == w))
        })
    }

    /// An outlet starting at `i`: its length in tokens.
    fn outlet_at(&self, i: usize) -> Option<usize> {
        self.c.outlets.iter().find_map(|words| {
            let hit = words.iter().enumerate().all(|(k, w)| {
                self.tok(i + k).is_some_and(|t| t.is_word()) && self.text(i + k) == w
            });
            hit.then_some(words.len())
        })
    }

    /// End of the claim starting at `start` and running to the end of sentence `end`, without
    /// the final full stop (kept when a quotation closes after it).
    fn clause_end(&self, start: usize, end: usize) -> usize {
        let mut e = end;
        while e > start {
            match self.kind(e - 1) {
                Some(TokKind::Punct('.' | ',' | ';' | ':' | '—' | '-' | ')')) => e -= 1,
                _ => break,
            }
        }
        e
    }

    /// The claim of a quotation opening at token `open`: to its closing mark, or to the
    /// paragraph end when it is left open.
    fn quote_claim(&self, open: usize) -> Option<(usize, usize)> {
        let q = self.tok(open)?.quote?;
        let quote = self.p.quotes.get(q as usize)?;
        let end = quote.close.map_or(self.p.toks.len(), |c| c + 1);
        (end > open + 1).then_some((open, end))
    }
}

/// How a claim after the cue was introduced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Intro {
    That,
    Quote,
    Question,
    Colon,
    Pronoun,
    Clause,
    /// Starts with a preposition: used only when there is no claim before the cue.
    Weak,
}

/// Where a tokenised text lies: its paragraph, and the byte offset of the text in that
/// paragraph (not 0 when a window of the article starts inside the paragraph).
#[derive(Debug, Clone, Copy)]
struct Place {
    para: usize,
    base: usize,
}

/// Every suggestion in the bytes `window` of the article's normalised text (the whole text
/// for the whole article); paragraphs cut by the window are read from the first sentence
/// start inside it to the end of the sentence it cuts.
pub fn suggest(
    s: &Suggester,
    article: &Article,
    schema: &Schema,
    window: std::ops::Range<usize>,
) -> Vec<Suggestion> {
    let mut out: Vec<Suggestion> = Vec::new();
    let mut mentions = Vec::new();
    // The last suggestion of the previous paragraph, when its claim is a quotation left open.
    let mut open_quote: Option<Suggestion> = None;
    let paragraphs = article.paragraphs();
    let first = paragraphs.partition_point(|p| p.byte_end <= window.start);
    let last = paragraphs.partition_point(|p| p.byte_start < window.end);
    for para in first..last {
        let Some((base, text)) = crate::suggest::window::clip(article, para, &window) else {
            continue;
        };
        let place = Place { para, base };
        let p = Para::new(text, &s.compiled.vocab, &s.compiled.abbreviations);
        let ctx = Ctx {
            p: &p,
            c: &s.compiled,
            lex: &s.lexicon,
        };
        let raws = find(&ctx);
        let first_quote_claimed = raws.iter().any(|r| r.claims.iter().any(|&(a, _)| a == 0));
        let mut carried = None;
        if let Some(prev) = open_quote.take()
            && !first_quote_claimed
            && p.toks.first().is_some_and(|t| t.kind == TokKind::OpenQuote)
            && let Some(claim) = ctx.quote_claim(0)
            && let Some(span) = span_of(article, &p, place, claim)
        {
            let mut next = prev.clone();
            next.claim = Some(span);
            next.score = round2((prev.score - 0.1).max(0.05));
            next.reason = "quotation continued from the previous paragraph".to_owned();
            next.attributes
                .insert("quote_form".to_owned(), "direct".to_owned());
            attrs::keep_allowed(schema, &mut next.attributes);
            let open =
                claim.1 == p.toks.len() && p.quotes.first().is_some_and(|q| q.close.is_none());
            mentions.push(entities::Mention::Same);
            out.push(next.clone());
            if open {
                carried = Some(next);
            }
        }
        for raw in &raws {
            let mention = entities::mention(&ctx.p.toks, ctx.c, &p, raw);
            for (n, &claim) in raw.claims.iter().enumerate() {
                let Some(sugg) = to_suggestion(s, schema, article, &p, place, raw, claim, n) else {
                    continue;
                };
                mentions.push(if n == 0 {
                    mention.clone()
                } else {
                    entities::Mention::Same
                });
                let open = claim.1 == p.toks.len()
                    && p.toks
                        .get(claim.0)
                        .is_some_and(|t| t.kind == TokKind::OpenQuote)
                    && p.quotes.last().is_some_and(|q| q.close.is_none());
                if open {
                    carried = Some(sugg.clone());
                }
                out.push(sugg);
            }
        }
        open_quote = carried;
    }
    entities::link(&mut out, &mentions, schema);
    // Document order by cue, then claim (both already in order within a paragraph); the sort
    // is stable, so ties keep the order found, and sorting in place holds the list once.
    out.sort_by_key(|s| {
        (
            s.cue.as_ref().map_or(0, |c| c.doc_start),
            s.claim.as_ref().map_or(0, |c| c.doc_start),
        )
    });
    out
}

#[allow(clippy::too_many_arguments)]
fn to_suggestion(
    s: &Suggester,
    schema: &Schema,
    article: &Article,
    p: &Para,
    place: Place,
    raw: &Raw,
    claim: (usize, usize),
    part: usize,
) -> Option<Suggestion> {
    let cue = span_of(article, p, place, raw.cue)?;
    let source = raw.source.and_then(|r| span_of(article, p, place, r));
    let claim_span = span_of(article, p, place, claim)?;
    let mut attributes = attrs::suggest(&s.compiled, p, raw, claim);
    attrs::keep_allowed(schema, &mut attributes);
    let mut reason = raw.reason.join(" + ");
    if part > 0 {
        reason.push_str(" (second part of a split quotation)");
    }
    Some(Suggestion {
        cue: Some(cue),
        source,
        claim: Some(claim_span),
        entity: None,
        attributes,
        score: round2(raw.score.clamp(0.05, 0.99)),
        reason,
    })
}

/// Round to two decimals, as printed.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The span of tokens `[a, b)` of the text at `place`, widened to grapheme boundaries.
fn span_of(
    article: &Article,
    p: &Para,
    Place { para, base }: Place,
    (a, b): (usize, usize),
) -> Option<SuggestedSpan> {
    if a >= b {
        return None;
    }
    let start_byte = p.toks.get(a)?.start;
    let end_byte = p.toks.get(b - 1)?.end;
    let (start_byte, end_byte) =
        crate::suggest::json::grapheme_bounds(p.text, start_byte, end_byte);
    let text = p.text.get(start_byte..end_byte)?.to_owned();
    let start = article.para_byte_to_char(para, base + start_byte);
    let end = article.para_byte_to_char(para, base + end_byte);
    Some(SuggestedSpan {
        para,
        start,
        end,
        doc_start: article.doc_offset(para, start),
        doc_end: article.doc_offset(para, end),
        text,
    })
}

/// Every suggestion of one paragraph, in token order.
fn find(x: &Ctx) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let n = x.p.toks.len();
    let mut i = 0;
    while i < n {
        let t = x.p.toks[i];
        let closed = t
            .quote
            .and_then(|q| x.p.quotes.get(q as usize))
            .is_some_and(|q| q.close.is_some());
        if closed {
            i += 1;
            continue;
        }
        if t.is_word()
            && let Some((len, phrase)) = phrase_at(x, i)
        {
            if let Some(raw) = according(x, i, len, phrase) {
                out.push(raw);
            }
            i += len;
            continue;
        }
        if t.is_word()
            && let Some(verb) = x.c.verb(t.word)
        {
            if let Some(raw) = verb_cue(x, i, verb, &out) {
                let next = raw.cue.1.max(i + 1);
                out.push(raw);
                i = next;
                continue;
            }
        } else if t.is(':')
            && let Some(raw) = colon(x, i)
        {
            out.push(raw);
        }
        i += 1;
    }
    out
}

fn phrase_at(x: &Ctx, i: usize) -> Option<(usize, usize)> {
    x.c.phrases
        .iter()
        .find(|(pattern, _)| x.matches(i, pattern))
        .map(|(pattern, n)| (pattern.len(), *n))
}

/// `according to SOURCE, CLAIM` / `CLAIM, according to SOURCE`.
fn according(x: &Ctx, i: usize, len: usize, phrase: usize) -> Option<Raw> {
    let entry = x.lex.phrases.get(phrase)?;
    let (s, e) = x.p.sentence(i);
    let src_start = i + len;
    // The source runs to the comma that ends the phrase ("according to figures published by
    // the chamber, ..."), else it is the noun phrase after the cue.
    let comma = (src_start..(src_start + 16).min(e)).find(|&k| x.is_punct(k, ','));
    let src_end = match comma {
        Some(c)
            if c > src_start
                && (src_start..c).all(|k| {
                    x.tok(k).is_some_and(|t| {
                        t.quote.is_none() && (t.is_word() || t.is('.') || t.is('-'))
                    })
                }) =>
        {
            c
        }
        _ => source_right(x, src_start, e)?,
    };
    let words = x.text(i).to_lowercase() + " " + &x.text(i + 1).to_lowercase();
    let mut reason = vec![format!("`{words}` + source after")];
    let at_start = i == s
        || (i == s + 1 && (x.has(s, flag::NP_STOP) || x.kind(s) == Some(TokKind::OpenQuote)));
    let claim = if at_start && x.is_punct(src_end, ',') {
        reason.push("clause after".to_owned());
        let start = src_end + 1;
        let end = x.clause_end(start, e);
        (end > start).then_some((start, end))
    } else if i > s {
        reason.push("clause before".to_owned());
        left_claim(x, i - 1, s).or_else(|| {
            let end = x.clause_end(s, i);
            (end > s).then_some((s, end))
        })
    } else {
        None
    }?;
    Some(Raw {
        cue: (i, i + len),
        source: Some((src_start, src_end)),
        antecedent: None,
        claims: vec![claim],
        score: entry.score,
        reason,
        stance: entry.stance.clone(),
        channel: None,
        via: None,
    })
}

/// A noun phrase (or pronoun) starting at `start` that can be a source after its cue, ending
/// before `limit`; returns its end.
fn source_right(x: &Ctx, start: usize, limit: usize) -> Option<usize> {
    if x.has(start, flag::PRONOUN) && !x.has(start, flag::DET) {
        return Some(start + 1);
    }
    if let Some(len) = x.outlet_at(start) {
        return Some(start + len);
    }
    let end = np::right(x.p, x.c, start, limit)?;
    (end > start).then_some(end)
}

/// `SOURCE: "QUOTE"`.
fn colon(x: &Ctx, i: usize) -> Option<Raw> {
    let (s, e) = x.p.sentence(i);
    let quoted = x.kind(i + 1) == Some(TokKind::OpenQuote);
    // "Senator Smith: Tax Plan Will Fail" in a headline: a short name opening the paragraph.
    let headline = !quoted && s == 0 && i <= 6 && x.tok(0).is_some_and(|t| t.capital);
    if !(quoted || headline) || i == 0 {
        return None;
    }
    if (s..i).any(|k| {
        x.tok(k)
            .is_some_and(|t| t.is_word() && x.c.verb(t.word).is_some())
    }) {
        return None;
    }
    let last = i - 1;
    let start = if x.has(last, flag::PRONOUN) {
        last
    } else {
        np::left(x.p, x.c, last, s)?
    };
    if start != s {
        return None;
    }
    let (claim, score, why) = if quoted {
        (x.quote_claim(i + 1)?, 0.6, "colon before a quotation")
    } else {
        let end = x.clause_end(i + 1, e);
        let words = (i + 1..end)
            .filter(|&k| x.tok(k).is_some_and(|t| t.is_word()))
            .count();
        if words < 3 {
            return None;
        }
        ((i + 1, end), 0.5, "name and colon opening a headline")
    };
    Some(Raw {
        cue: (i, i + 1),
        source: Some((start, i)),
        antecedent: None,
        claims: vec![claim],
        score,
        reason: vec![why.to_owned()],
        stance: Some("neutral".to_owned()),
        channel: None,
        via: None,
    })
}

/// A reporting verb at `v` (entry `verb`) with its source and claim(s).
#[allow(clippy::too_many_lines)]
fn verb_cue(x: &Ctx, v: usize, verb: usize, earlier: &[Raw]) -> Option<Raw> {
    let entry = x.lex.verbs.get(verb)?;
    let (s, e) = x.p.sentence(v);
    // A noun, not a verb: "the said company", "his claims", "reports say".
    if v > s && x.has(v - 1, flag::DET) && !x.has(v - 1, flag::COMPLEMENTIZER) {
        return None;
    }
    // "denied reports that", "the brigade’s report": an object or a possessed noun.
    if v > s
        && (x
            .tok(v - 1)
            .is_some_and(|t| t.is_word() && x.c.verb(t.word).is_some())
            || ["’s", "'s", "s’", "s'"]
                .iter()
                .any(|p| x.text(v - 1).ends_with(p)))
    {
        return None;
    }
    // "instead of, say, the party": an interjection.
    if v > s
        && x.is_punct(v - 1, ',')
        && x.is_punct(v + 1, ',')
        && x.text(v).eq_ignore_ascii_case("say")
    {
        return None;
    }
    // "asked not to be named": no attribution.
    if x.has(v + 1, flag::NEG) && x.text(v + 2).eq_ignore_ascii_case("to") {
        return None;
    }
    // "reports say", "claims show": a plural noun before the verb.
    if x.text(v).ends_with('s')
        && x.tok(v + 1)
            .is_some_and(|t| t.is_word() && x.c.verb(t.word).is_some())
    {
        return None;
    }
    // Auxiliaries, negation and adverbs before the verb ("has not yet said").
    let mut walked = v;
    while walked > s && x.has(walked - 1, flag::AUX | flag::NEG | flag::ADV) {
        walked -= 1;
    }
    let mut cue_start = walked;
    while cue_start < v && x.has(cue_start, flag::ADV) && !x.has(cue_start, flag::AUX | flag::NEG) {
        cue_start += 1;
    }
    let word = x.text(v).to_lowercase();
    let mut reason = vec![match entry.class {
        CueClass::Speech => format!("reporting verb `{word}`"),
        CueClass::Cognition => format!("cognition verb `{word}`"),
        CueClass::Evidence => format!("evidence verb `{word}`"),
        CueClass::Attitude => format!("attitude verb `{word}`"),
    }];
    let mut score = entry.score;
    // Addressee, outlet and channel phrases belong to the cue.
    let mut cue_end = v + 1;
    let mut channel = entry.channel.clone();
    let mut via = None;
    if entry.addressee {
        if let Some(len) = x.outlet_at(cue_end) {
            via = Some((cue_end, cue_end + len));
            channel = Some("other_outlet".to_owned());
            reason.push(format!("outlet `{}`", outlet_text(x, cue_end, len)));
            cue_end += len;
        } else if let Some(pattern) = x.c.addressees.iter().find(|p| x.matches(cue_end, p)) {
            cue_end += pattern.len();
        } else if let Some(end) = np::right(x.p, x.c, cue_end, e)
            && (x.has(end, flag::COMPLEMENTIZER | flag::QUESTION) || x.is_punct(end, ','))
            && (cue_end..end).any(|k| x.tok(k).is_some_and(|t| t.capital))
        {
            if (cue_end..end).any(|k| x.c.outlet_words.contains(x.text(k))) {
                via = Some((cue_end, end));
                channel = Some("other_outlet".to_owned());
                reason.push(format!(
                    "outlet `{}`",
                    outlet_text(x, cue_end, end - cue_end)
                ));
            }
            cue_end = end;
        }
    }
    for _ in 0..2 {
        let Some((pattern, n)) = x.c.channels.iter().find(|(p, n)| {
            x.matches(cue_end, p)
                && x.lex.channels.get(*n).is_some_and(|ch| {
                    !ch.outlet_follows || x.outlet_at(cue_end + p.len()).is_some()
                })
        }) else {
            break;
        };
        let Some(ch) = x.lex.channels.get(*n) else {
            break;
        };
        cue_end += pattern.len();
        if ch.outlet_follows
            && let Some(len) = x.outlet_at(cue_end)
        {
            via = Some((cue_end, cue_end + len));
            channel = Some("other_outlet".to_owned());
            reason.push(format!("outlet `{}`", outlet_text(x, cue_end, len)));
            cue_end += len;
        } else if let Some(value) = &ch.channel {
            channel = Some(value.clone());
            let words: Vec<&str> = (cue_end - pattern.len()..cue_end)
                .map(|k| x.text(k))
                .collect();
            reason.push(format!("`{}`", words.join(" ").to_lowercase()));
        }
    }
    // "In a statement, the company said": a channel phrase opening the sentence.
    if channel.is_none()
        && let Some((pattern, n)) = x.c.channels.iter().find(|(p, _)| x.matches(s, p))
        && x.is_punct(s + pattern.len(), ',')
        && let Some(value) = x.lex.channels.get(*n).and_then(|ch| ch.channel.clone())
    {
        channel = Some(value);
        reason.push("channel phrase opening the sentence".to_owned());
    }
    // The source: before the cue, after an appositive, or after the verb (inverted).
    let mut source = None;
    let mut antecedent = None;
    let mut inverted = false;
    let left = walked.checked_sub(1).filter(|&l| l >= s);
    if let Some(l) = left {
        let lt = x.tok(l)?;
        if lt.is_word()
            && let Some(src) = relative_subject(x, l, s)
        {
            // "A vendor who asked not to be named said": the noun phrase before `who`.
            source = Some(src);
        } else if lt.is(')')
            && let Some(open) = (l.saturating_sub(8).max(s)..l)
                .rev()
                .find(|&k| x.is_punct(k, '('))
            && open > s
            && let Some(a) = np::left(x.p, x.c, open - 1, s)
        {
            // "Chief engineer Lin (the project lead) said": the name before the brackets.
            source = Some((a, open));
        } else if lt.is_word() {
            if x.has(l, flag::PRONOUN | flag::RELATIVE) && !x.has(l, flag::COMPLEMENTIZER) {
                source = Some((l, l + 1));
                if x.has(l, flag::RELATIVE) && l > s && x.is_punct(l - 1, ',') && l >= 2 {
                    antecedent = np::left(x.p, x.c, l - 2, s).map(|a| (a, l - 1));
                }
            } else if let Some(a) = np::left(x.p, x.c, l, s) {
                source = Some((a, l + 1));
            }
        } else if lt.is(',') {
            if let Some(src) = appositive_source(x, l, s) {
                source = Some(src);
                reason.push("appositive left out".to_owned());
            } else if !word.ends_with("ing") // ", citing costs" is no "..., said X"
                && let Some(end) = source_right(x, cue_end, e)
                && (end >= e
                    || matches!(
                        x.kind(end),
                        Some(
                            TokKind::Punct('.' | ',' | ';' | ':' | '!' | '?') | TokKind::OpenQuote
                        )
                    ))
            {
                source = Some((cue_end, end));
                inverted = true;
            }
        } else if lt.kind == TokKind::CloseQuote
            && let Some(end) = source_right(x, cue_end, e)
        {
            source = Some((cue_end, end));
            inverted = true;
        }
    }
    // The claim after the cue (or after an inverted source).
    let after = source.filter(|_| inverted).map_or(cue_end, |(_, end)| end);
    let mut right = right_claim(x, after, e);
    if inverted && !right.is_some_and(|(_, _, intro)| matches!(intro, Intro::Quote | Intro::Colon))
    {
        // "..., said Tomás Ruiz, who runs a firm": what follows an inverted source describes
        // the source; the claim is before the cue.
        right = None;
    }
    let right_is_split_quote =
        right.is_some_and(|(_, _, intro)| intro == Intro::Quote) && x.is_punct(after, ',');
    if entry.naming
        && !right.is_some_and(|(_, _, intro)| intro == Intro::Quote)
        && let Some(end) = np::right(x.p, x.c, after, e)
        && x.kind(end) == Some(TokKind::OpenQuote)
        && let Some((_, close)) = x.quote_claim(end)
    {
        // "called the plan “a disaster”": what is named and the quoted name.
        right = Some((after, close, Intro::Quote));
    }
    let document_source = source.is_some_and(|(_, end)| x.has(end - 1, flag::DOCUMENT));
    let complement = right.is_some_and(|(a, _, intro)| match intro {
        Intro::Clause => {
            // "I think the plan failed" (not "believe it"), "polls show Trump ahead".
            (entry.class == CueClass::Cognition && !x.has(a, flag::PRONOUN)) || document_source
        }
        Intro::Weak => false,
        _ => true,
    });
    if entry.needs_complement && !complement {
        return None;
    }
    if entry.needs_source && source.is_none() {
        return None;
    }
    let participle = word.ends_with("ing") && left.is_some_and(|l| x.is_punct(l, ','));
    let mut claims = Vec::new();
    let boundary = if inverted {
        left
    } else {
        source.map_or(left, |(a, _)| a.checked_sub(1).filter(|&b| b >= s))
    };
    // "“... missing.” Trump said.": the quotation ended the sentence before.
    let boundary =
        boundary.or_else(|| (s > 0 && x.kind(s - 1) == Some(TokKind::CloseQuote)).then(|| s - 1));
    let weak = right.is_some_and(|(_, _, intro)| intro == Intro::Weak);
    let claim_left = if right.is_none() || weak || right_is_split_quote || participle_ends(x, after)
    {
        boundary.and_then(|b| left_claim(x, b, s))
    } else {
        None
    };
    if let Some(c) = claim_left {
        claims.push(c);
        reason.push(if x.kind(c.0) == Some(TokKind::OpenQuote) {
            "quotation before".to_owned()
        } else {
            "clause before".to_owned()
        });
    }
    if let Some((a, b, intro)) = right
        && (claim_left.is_none() || (right_is_split_quote && !weak))
    {
        claims.push((a, b));
        reason.push(
            match intro {
                Intro::That => "that-clause",
                Intro::Quote => "quotation after",
                Intro::Question => "reported question",
                Intro::Colon => "colon",
                Intro::Pronoun | Intro::Clause | Intro::Weak => "clause after",
            }
            .to_owned(),
        );
    }
    if claims.is_empty() {
        return None;
    }
    if source.is_none() && participle {
        // ", adding that ...": the speaker of the cue before, in the same sentence.
        if let Some(prev) = earlier.iter().rev().find(|r| r.cue.0 >= s && r.cue.0 < v) {
            source = prev.source;
            antecedent = prev.antecedent;
            reason.push("speaker of the cue before".to_owned());
        }
    }
    match source {
        Some(_) => {
            score += 0.05;
            reason.insert(
                1,
                if inverted {
                    "source after".to_owned()
                } else {
                    "source before".to_owned()
                },
            );
        }
        None => score -= 0.3,
    }
    Some(Raw {
        cue: (cue_start, cue_end),
        source,
        antecedent,
        claims,
        score,
        reason,
        stance: entry.stance.clone(),
        channel,
        via,
    })
}

fn outlet_text(x: &Ctx, start: usize, len: usize) -> String {
    (start..start + len)
        .map(|k| x.text(k))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `, adding that` / `, according to`: the text after the cue is another attribution, so the
/// claim of this cue is before it.
fn participle_ends(x: &Ctx, after: usize) -> bool {
    x.is_punct(after, ',')
        && x.tok(after + 1).is_some_and(|t| {
            t.is_word()
                && (x.c.verb(t.word).is_some()
                    || x.text(after + 1).eq_ignore_ascii_case("according"))
        })
}

/// `NP who ... VERB`: a relative clause without commas between the speaker and the cue, whose
/// last word is `last`; returns the noun phrase before `who`.
fn relative_subject(x: &Ctx, last: usize, s: usize) -> Option<(usize, usize)> {
    let floor = last.saturating_sub(10).max(s);
    let who = (floor..=last)
        .rev()
        .find(|&k| x.text(k).eq_ignore_ascii_case("who"))?;
    if who == s || who == last || x.is_punct(who - 1, ',') {
        return None;
    }
    let clean =
        (who + 1..=last).all(|k| x.tok(k).is_some_and(|t| t.is_word() && t.quote.is_none()));
    if !clean {
        return None;
    }
    let start = np::left(x.p, x.c, who - 1, s)?;
    Some((start, who))
}

/// `NAME, APPOSITIVE, VERB`: the comma at `comma` closes the appositive; returns NAME.
fn appositive_source(x: &Ctx, comma: usize, s: usize) -> Option<(usize, usize)> {
    let floor = comma.saturating_sub(APPOSITIVE_WINDOW).max(s);
    let open = (floor..comma).rev().find(|&k| x.is_punct(k, ','))?;
    if open + 1 >= comma || open == s {
        return None;
    }
    let inner = open + 1..comma;
    let clean = inner.clone().all(|k| {
        x.tok(k).is_some_and(|t| {
            t.quote.is_none()
                && !(t.is_word() && x.c.verb(t.word).is_some() && !x.has(k, flag::AUX))
        })
    });
    let first = x.tok(open + 1)?;
    let opens_np = first.is_word()
        && (first.capital
            || x.has(open + 1, flag::DET | flag::RELATIVE)
            || x.text(open + 1).eq_ignore_ascii_case("whose"));
    if !clean || !opens_np {
        return None;
    }
    let last = open - 1;
    let start = if x.has(last, flag::PRONOUN) {
        last
    } else {
        np::left(x.p, x.c, last, s)?
    };
    x.tok(start)
        .is_some_and(|t| t.capital || x.has(start, flag::DET))
        .then_some((start, open))
}

/// The claim after the cue, starting at `r` in a sentence ending at `e`.
fn right_claim(x: &Ctx, mut r: usize, e: usize) -> Option<(usize, usize, Intro)> {
    let mut intro = Intro::Clause;
    // Punctuation and sentence adverbs before the claim: "said, however, that".
    while r < e {
        if x.is_punct(r, ',') || x.is_punct(r, ':') || x.is_punct(r, '—') || x.is_punct(r, '–')
        {
            if x.is_punct(r, ':') {
                intro = Intro::Colon;
            }
            r += 1;
        } else if (x.has(r, flag::ADV) && !x.has(r, flag::AUX | flag::NEG)
            || x.text(r).eq_ignore_ascii_case("however"))
            && (x.is_punct(r + 1, ',') || x.has(r + 1, flag::COMPLEMENTIZER))
        {
            r += 1;
        } else {
            break;
        }
    }
    if r >= e {
        return None;
    }
    if x.kind(r) == Some(TokKind::OpenQuote) {
        let (a, b) = x.quote_claim(r)?;
        return Some((a, b, Intro::Quote));
    }
    if participle_ends(x, r.saturating_sub(1)) {
        return None;
    }
    if intro == Intro::Clause
        && !x.has(r, flag::COMPLEMENTIZER)
        && let Some(that) = (r + 1..(r + 9).min(e)).find(|&k| x.has(k, flag::COMPLEMENTIZER))
        && (r..that).all(|k| {
            x.tok(k).is_some_and(|t| {
                (t.is_word()
                    && x.c.verb(t.word).is_none()
                    && !x.has(k, flag::PRONOUN | flag::AUX | flag::COMPLEMENTIZER))
                    || matches!(t.kind, TokKind::Punct('‘' | '’' | '\'' | '—' | ','))
            })
        })
    {
        // "said on Monday that ...", "said in a 2008 interview that": the adverbial is
        // neither cue nor claim.
        r = that;
    }
    // "said Thursday his worry", "said last week the plan": leading time words.
    let mut t = r;
    while t < e && t < r + 4 && x.has(t, flag::TIME) {
        t += 1;
    }
    if t > r && t < e && x.tok(t).is_some_and(|tok| tok.is_word()) {
        r = t;
    }
    if x.has(r, flag::COMPLEMENTIZER) && intro == Intro::Clause {
        intro = Intro::That;
        r += 1;
    } else if x.has(r, flag::QUESTION) && intro == Intro::Clause {
        intro = Intro::Question;
    } else if x.has(r, flag::PRONOUN)
        && !x.has(r, flag::DET)
        && intro == Intro::Clause
        && x.has(r + 1, flag::AUX)
    {
        intro = Intro::Pronoun;
    } else if intro == Intro::Clause && x.has(r, flag::NP_STOP) {
        // "said on Friday he met": a short prepositional phrase, then the clause.
        let subject = (r + 1..(r + 6).min(e)).find(|&k| {
            x.has(k, flag::PRONOUN)
                && !x.has(k, flag::DET)
                && x.tok(k).is_some_and(|t| !t.capital || x.text(k) == "I")
        });
        let clean = subject.is_some_and(|k| {
            (r..k).all(|m| {
                x.tok(m)
                    .is_some_and(|t| t.is_word() && x.c.verb(t.word).is_none())
            })
        });
        match subject {
            Some(k) if clean => {
                r = k;
                intro = Intro::Pronoun;
            }
            // "told reporters at the site": maybe not what was said; the caller prefers a
            // claim before the cue.
            _ => intro = Intro::Weak,
        }
    }
    let end = x.clause_end(r, e);
    // A claim is more than a lone word unless it is a quotation.
    let words = (r..end)
        .filter(|&k| x.tok(k).is_some_and(|t| t.is_word()))
        .count();
    (words >= 2 || (words == 1 && intro != Intro::Clause)).then_some((r, end, intro))
}

/// The claim before a cue whose left neighbour is token `b` (a comma or closing quotation
/// mark): the quotation that ends there, or the clause from the sentence start `s`.
fn left_claim(x: &Ctx, b: usize, s: usize) -> Option<(usize, usize)> {
    let close = match x.kind(b)? {
        TokKind::CloseQuote => Some(b),
        TokKind::Punct(',' | '—') if b > 0 && x.kind(b - 1) == Some(TokKind::CloseQuote) => {
            Some(b - 1)
        }
        TokKind::Punct(',' | '—') => None,
        _ => return None,
    };
    if let Some(c) = close {
        let q = x.tok(c)?.quote?;
        let open = x.p.quotes.get(q as usize)?.open;
        return Some((open, c + 1));
    }
    let end = x.clause_end(s, b);
    let words = (s..end)
        .filter(|&k| x.tok(k).is_some_and(|t| t.is_word()))
        .count();
    (words >= 2).then_some((s, end))
}
