//! Speaker coreference for suggestions: repeated names ("Ilse Marquardt" ... "Marquardt"),
//! definite descriptions after indefinite ones ("a port official" ... "the official") and
//! pronouns ("he", "they") after the nearest compatible mention are suggested as one entity.
//! One pass with hash maps keyed by surname and head noun: linear in the number of mentions.

use std::collections::HashMap;

use crate::model::Schema;
use crate::suggest::compiled::{Compiled, flag};
use crate::suggest::rules::Raw;
use crate::suggest::tokens::{Para, Tok};
use crate::suggest::{EntityHint, Suggestion, attrs};

/// What a source mention is, for linking.
#[derive(Debug, Clone)]
pub enum Mention {
    /// No source.
    None,
    /// The same speaker as the suggestion before (split or continued quotation).
    Same,
    /// A personal pronoun: `person` for he/she/I, else plural or neuter.
    Pronoun {
        /// he, she, I, you.
        person: bool,
        /// it.
        neuter: bool,
    },
    /// A name; `key` is its last word, lower case.
    Named {
        /// Surname or last word.
        key: String,
        /// An organisation rather than a person.
        org: bool,
        /// The mention text.
        text: String,
    },
    /// A description; `head` is the head noun's text, lower case.
    Described {
        /// Head noun.
        head: String,
        /// Opened by "the" / "this" / "that".
        definite: bool,
        /// The mention text.
        text: String,
        /// Suggested identification.
        identification: Option<&'static str>,
    },
}

/// Classify the source mention of `raw` (its antecedent for a relative pronoun).
pub fn mention(toks: &[Tok], c: &Compiled, p: &Para, raw: &Raw) -> Mention {
    let Some((a, b)) = raw.antecedent.or(raw.source) else {
        return Mention::None;
    };
    let text = match (toks.get(a), toks.get(b.saturating_sub(1))) {
        (Some(s), Some(e)) => p.text.get(s.start..e.end).unwrap_or("").to_owned(),
        _ => return Mention::None,
    };
    let words: Vec<usize> = (a..b)
        .filter(|&k| toks.get(k).is_some_and(Tok::is_word))
        .collect();
    let Some(&head) = words.last() else {
        return Mention::None;
    };
    let head_tok = toks[head];
    let lower = text.to_lowercase();
    if words.len() == 1 && c.has(head_tok.word, flag::PRONOUN | flag::RELATIVE) {
        return Mention::Pronoun {
            person: matches!(lower.as_str(), "he" | "she" | "i" | "you" | "who" | "whom"),
            neuter: matches!(lower.as_str(), "it" | "which"),
        };
    }
    let identification = attrs::identification(c, p, (a, b));
    if head_tok.capital {
        return Mention::Named {
            key: p.tok_text(head).to_lowercase(),
            org: identification == Some("named_organization"),
            text,
        };
    }
    let definite = words.first().is_some_and(|&k| {
        matches!(
            p.tok_text(k).to_lowercase().as_str(),
            "the" | "this" | "that"
        )
    });
    Mention::Described {
        head: p.tok_text(head).to_lowercase(),
        definite,
        text,
        identification,
    }
}

struct Ent {
    name: String,
    person: bool,
    org: bool,
    identification: Option<&'static str>,
}

/// Give every suggestion with a source its [`EntityHint`]; `mentions[i]` describes
/// `out[i]`. A pronoun takes the identification of the entity it refers to.
pub fn link(out: &mut [Suggestion], mentions: &[Mention], schema: &Schema) {
    let mut ents: Vec<Ent> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut by_head: HashMap<String, usize> = HashMap::new();
    let mut by_text: HashMap<String, usize> = HashMap::new();
    let mut last_person = None;
    let mut last_org = None;
    let mut last_any: Option<usize> = None;
    let mut previous: Option<usize> = None;
    for (sugg, mention) in out.iter_mut().zip(mentions) {
        let Some(source) = &sugg.source else {
            previous = None;
            continue;
        };
        let source_text = source.text.clone();
        let new = |name: String,
                   person: bool,
                   org: bool,
                   id: Option<&'static str>,
                   ents: &mut Vec<Ent>| {
            ents.push(Ent {
                name,
                person,
                org,
                identification: id,
            });
            ents.len() - 1
        };
        let id = match mention {
            Mention::None => continue,
            Mention::Same => match previous {
                Some(p) => p,
                None => new(source_text, false, false, None, &mut ents),
            },
            Mention::Pronoun { person, neuter } => {
                let target = if *person {
                    last_person
                } else if *neuter {
                    last_org.or(last_any)
                } else {
                    last_any
                };
                match target {
                    Some(t) => t,
                    None => new(source_text, *person, *neuter, None, &mut ents),
                }
            }
            Mention::Named { key, org, text } => match by_key.get(key) {
                Some(&e) => {
                    if text.len() > ents[e].name.len() {
                        ents[e].name.clone_from(text);
                    }
                    e
                }
                None => {
                    let ident = Some(if *org {
                        "named_organization"
                    } else {
                        "named_person"
                    });
                    let e = new(text.clone(), !org, *org, ident, &mut ents);
                    by_key.insert(key.clone(), e);
                    e
                }
            },
            Mention::Described {
                head,
                definite,
                text,
                identification,
            } => {
                let known = if *definite {
                    by_head.get(head).copied()
                } else {
                    None
                };
                match known.or_else(|| by_text.get(&text.to_lowercase()).copied()) {
                    Some(e) => e,
                    None => {
                        let person = identification.is_some();
                        let e = new(text.clone(), person, !person, *identification, &mut ents);
                        by_head.insert(head.clone(), e);
                        by_text.insert(text.to_lowercase(), e);
                        e
                    }
                }
            }
        };
        if let Some(ent) = ents.get(id) {
            if ent.person {
                last_person = Some(id);
            }
            if ent.org {
                last_org = Some(id);
            }
            if matches!(mention, Mention::Pronoun { .. })
                && let Some(ident) = ent.identification
                && schema.check_value("identification", ident).is_ok()
            {
                sugg.attributes
                    .insert("identification".to_owned(), ident.to_owned());
            }
        }
        last_any = Some(id);
        previous = Some(id);
        sugg.entity = Some(EntityHint {
            group: id,
            name: String::new(),
        });
    }
    for sugg in out.iter_mut() {
        if let Some(hint) = &mut sugg.entity
            && let Some(ent) = ents.get(hint.group)
        {
            hint.name.clone_from(&ent.name);
        }
    }
}
