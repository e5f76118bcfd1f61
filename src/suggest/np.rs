//! Noun phrase extents without a parser: from a head word, walk over the words a speaker's
//! noun phrase is made of (names, titles, modifiers, `of`, possessives) and stop at what
//! cannot be part of it (prepositions, conjunctions, verbs, punctuation other than the dot of
//! an abbreviation), or after a determiner. Bounded by [`MAX_NP`] tokens.

use crate::suggest::compiled::{Compiled, flag};
use crate::suggest::tokens::{Para, TokKind};

/// Longest noun phrase taken, in tokens.
pub const MAX_NP: usize = 9;

/// Start of the noun phrase ending at token `last` (inclusive), not before `floor`; `None`
/// when `last` cannot end one.
pub fn left(p: &Para, c: &Compiled, last: usize, floor: usize) -> Option<usize> {
    let head = p.toks.get(last)?;
    let noun_head = c.has(head.word, flag::DOCUMENT | flag::DESCRIBED | flag::VAGUE);
    if !head.is_word()
        || c.has(head.word, flag::NP_STOP | flag::DET)
        || (is_verb(c, head.word) && !noun_head)
    {
        // Pronouns are handled by the caller; a stop word is no head.
        return None;
    }
    let mut start = last;
    while start > floor && last - start + 1 < MAX_NP {
        let k = start - 1;
        let t = p.toks[k];
        match t.kind {
            TokKind::Word => {
                let info = c.info(t.word);
                if info.flags & flag::DET != 0 {
                    start = k;
                    break;
                }
                if info.flags & (flag::NP_STOP | flag::PRONOUN | flag::RELATIVE) != 0
                    || info.verb.is_some()
                {
                    break;
                }
                start = k;
            }
            // "Mr. Smith", "Sen. Warren": the dot after an abbreviation or an initial.
            TokKind::Punct('.') if k > floor && p.toks[k - 1].end == t.start => {
                let w = p.toks[k - 1];
                let short = w.end - w.start <= 4 && w.capital;
                if short || c.abbreviations.contains(&w.word) {
                    start = k;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // "people familiar with the tender", "a spokesman for the ministry": up to two
    // prepositional phrases inside the speaker's noun phrase.
    for _ in 0..2 {
        if start < floor + 2 || last - start + 1 >= MAX_NP {
            break;
        }
        let prep = start - 1;
        let joins = matches!(
            p.tok_text(prep).to_lowercase().as_str(),
            "of" | "with" | "for" | "at" | "from"
        );
        let before = p.toks[prep - 1];
        if !joins
            || !before.is_word()
            || c.has(before.word, flag::NP_STOP | flag::PRONOUN)
            || c.verb(before.word).is_some()
        {
            break;
        }
        match left(p, c, prep - 1, floor) {
            Some(s) if last - s < MAX_NP + 4 => start = s,
            _ => break,
        }
    }
    Some(start)
}

/// End (exclusive) of the noun phrase starting at token `first`, before `limit`; `None` when
/// no noun phrase starts there.
pub fn right(p: &Para, c: &Compiled, first: usize, limit: usize) -> Option<usize> {
    let t = p.toks.get(first)?;
    if !t.is_word() {
        return None;
    }
    let info = c.info(t.word);
    if info.flags & flag::PRONOUN != 0 && info.flags & flag::DET == 0 {
        return Some(first + 1);
    }
    if info.flags & flag::NP_STOP != 0 && info.flags & flag::DET == 0 || info.verb.is_some() {
        return None;
    }
    let mut end = first + 1;
    while end < limit && end - first < MAX_NP {
        let t = p.toks[end];
        match t.kind {
            TokKind::Word => {
                let info = c.info(t.word);
                let of = p.tok_text(end) == "of";
                if !of
                    && (info.flags & (flag::NP_STOP | flag::RELATIVE) != 0 || info.verb.is_some())
                {
                    break;
                }
                end += 1;
            }
            TokKind::Punct('.') if p.toks[end - 1].end == t.start => {
                let w = p.toks[end - 1];
                let short = w.end - w.start <= 3 && w.capital;
                let next_is_word = p
                    .toks
                    .get(end + 1)
                    .is_some_and(|n| n.is_word() && n.capital);
                if (short || c.abbreviations.contains(&w.word)) && next_is_word {
                    end += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // A phrase does not end on "of" or a determiner.
    while end > first + 1 {
        let w = p.toks[end - 1].word;
        if p.tok_text(end - 1) == "of" || c.has(w, flag::DET) {
            end -= 1;
        } else {
            break;
        }
    }
    Some(end)
}

fn is_verb(c: &Compiled, word: u32) -> bool {
    c.verb(word).is_some()
}
