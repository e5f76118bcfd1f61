//! Attribute values the text shows, for one suggestion: `quote_form` from the quotation
//! marks, `channel`/`via` from the cue, `certainty` from hedges and `polarity` from negation in
//! the claim, `cue_stance` from the lexicon, `identification` from the source's noun phrase.
//! Whatever the text does not show is left out, so the schema default applies.

use std::collections::BTreeMap;

use crate::model::Schema;
use crate::suggest::compiled::{Compiled, flag};
use crate::suggest::rules::Raw;
use crate::suggest::tokens::{Para, TokKind};

/// Attribute values for `raw` with claim part `claim` (token range).
pub fn suggest(
    c: &Compiled,
    p: &Para,
    raw: &Raw,
    claim: (usize, usize),
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(stance) = &raw.stance {
        out.insert("cue_stance".to_owned(), stance.clone());
    }
    if let Some(channel) = &raw.channel {
        out.insert("channel".to_owned(), channel.clone());
    }
    if let Some((a, b)) = raw.via
        && let (Some(s), Some(e)) = (p.toks.get(a), p.toks.get(b.saturating_sub(1)))
        && let Some(text) = p.text.get(s.start..e.end)
    {
        out.insert("via".to_owned(), text.to_owned());
    }
    out.insert("quote_form".to_owned(), quote_form(p, claim).to_owned());
    if let Some(value) = certainty(c, p, claim) {
        out.insert("certainty".to_owned(), value);
    }
    let negated = (claim.0..claim.1).any(|k| {
        p.toks
            .get(k)
            .is_some_and(|t| t.is_word() && c.has(t.word, flag::CLAIM_NEG))
    });
    if negated {
        out.insert("polarity".to_owned(), "negative".to_owned());
    }
    let named = raw.antecedent.or(raw.source);
    if let Some(value) = named.and_then(|src| identification(c, p, src)) {
        out.insert("identification".to_owned(), value.to_owned());
    }
    out
}

/// Drop attributes the schema does not define or whose value it does not allow.
pub fn keep_allowed(schema: &Schema, attrs: &mut BTreeMap<String, String>) {
    attrs.retain(|name, value| {
        schema.attr(name).is_some() && schema.check_value(name, value).is_ok()
    });
}

fn quote_form(p: &Para, (a, b): (usize, usize)) -> &'static str {
    let kind = |k: usize| p.toks.get(k).map(|t| t.kind);
    let opens = kind(a) == Some(TokKind::OpenQuote);
    let closes = kind(b.saturating_sub(1)) == Some(TokKind::CloseQuote) || b == p.toks.len();
    let whole = opens
        && closes
        && p.toks.get(a).and_then(|t| t.quote)
            == p.toks.get(b.saturating_sub(1)).and_then(|t| t.quote);
    if whole {
        "direct"
    } else if (a..b).any(|k| matches!(kind(k), Some(TokKind::OpenQuote | TokKind::CloseQuote))) {
        "mixed"
    } else {
        "indirect"
    }
}

fn certainty(c: &Compiled, p: &Para, (a, b): (usize, usize)) -> Option<String> {
    (a..b).find_map(|k| {
        c.hedges.iter().find_map(|(pattern, value)| {
            let hit = pattern.iter().enumerate().all(|(n, w)| {
                k + n < b
                    && p.toks
                        .get(k + n)
                        .is_some_and(|t| t.is_word() && w.is_none_or(|w| t.word == w))
            });
            hit.then(|| value.clone())
        })
    })
}

/// `named_person`, `named_organization`, `anonymous_described` or `anonymous_vague` from the
/// words of a source noun phrase; `None` for pronouns and anything unclear.
pub fn identification(c: &Compiled, p: &Para, (a, b): (usize, usize)) -> Option<&'static str> {
    let words: Vec<usize> = (a..b)
        .filter(|&k| p.toks.get(k).is_some_and(|t| t.is_word()))
        .collect();
    let &head = words.last()?;
    let head_tok = p.toks.get(head)?;
    if words.len() == 1 && c.has(head_tok.word, flag::PRONOUN | flag::RELATIVE) {
        return None;
    }
    let first_is_det = words
        .first()
        .is_some_and(|&k| p.toks.get(k).is_some_and(|t| c.has(t.word, flag::DET)));
    if head_tok.capital {
        let org = words
            .iter()
            .any(|&k| c.organization_words.contains(p.tok_text(k)))
            || (first_is_det && p.tok_text(words[0]).eq_ignore_ascii_case("the"));
        return Some(if org {
            "named_organization"
        } else {
            "named_person"
        });
    }
    if c.has(head_tok.word, flag::VAGUE) {
        let described = words[..words.len() - 1].iter().any(|&k| {
            p.toks
                .get(k)
                .is_some_and(|t| t.capital || !c.has(t.word, flag::DET))
        });
        return Some(if described {
            "anonymous_described"
        } else {
            "anonymous_vague"
        });
    }
    if c.has(head_tok.word, flag::DESCRIBED) {
        return Some("anonymous_described");
    }
    None
}
