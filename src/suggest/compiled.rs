//! The lexicon compiled for lookups: every word the lexicon names gets a vocabulary id, and
//! each id a set of role flags, so tokenising a paragraph is one hash lookup per word and the
//! rules compare small integers.

use std::collections::{HashMap, HashSet};

use crate::suggest::lexicon::{CueClass, Lexicon};

/// Role flags of a vocabulary word.
pub mod flag {
    /// An auxiliary verb.
    pub const AUX: u32 = 1;
    /// An adverb allowed between speaker and verb.
    pub const ADV: u32 = 1 << 1;
    /// Negation.
    pub const NEG: u32 = 1 << 2;
    /// A personal pronoun.
    pub const PRONOUN: u32 = 1 << 3;
    /// A relative pronoun.
    pub const RELATIVE: u32 = 1 << 4;
    /// A determiner or possessive.
    pub const DET: u32 = 1 << 5;
    /// Ends a noun phrase on its left.
    pub const NP_STOP: u32 = 1 << 6;
    /// Introduces a reported clause ("that").
    pub const COMPLEMENTIZER: u32 = 1 << 7;
    /// Introduces a reported question ("whether").
    pub const QUESTION: u32 = 1 << 8;
    /// Negation inside a claim.
    pub const CLAIM_NEG: u32 = 1 << 9;
    /// Head noun of a described speaker.
    pub const DESCRIBED: u32 = 1 << 10;
    /// Head of a vague speaker.
    pub const VAGUE: u32 = 1 << 11;
    /// Head of a document source.
    pub const DOCUMENT: u32 = 1 << 12;
    /// A time word ("Monday", "yesterday", "last").
    pub const TIME: u32 = 1 << 13;
}

/// What the compiled lexicon knows about one vocabulary word.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    /// [`flag`] bits.
    pub flags: u32,
    /// Index into [`Lexicon::verbs`] when the word is a verb form.
    pub verb: Option<u32>,
}

/// A word sequence pattern; `None` matches any one word.
pub type Pattern = Vec<Option<u32>>;

/// The lexicon ready for matching.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// Lower-case word -> id.
    pub vocab: HashMap<String, u32>,
    /// Id -> roles.
    pub info: Vec<WordInfo>,
    /// Multiword cues: (words, index into [`Lexicon::phrases`]).
    pub phrases: Vec<(Pattern, usize)>,
    /// Channel phrases: (words, index into [`Lexicon::channels`]).
    pub channels: Vec<(Pattern, usize)>,
    /// Addressee phrases after "told".
    pub addressees: Vec<Pattern>,
    /// Hedges: (words, certainty value).
    pub hedges: Vec<(Pattern, String)>,
    /// Abbreviation ids.
    pub abbreviations: Vec<u32>,
    /// Outlets as word sequences, as written.
    pub outlets: Vec<Vec<String>>,
    /// Organisation words, as written.
    pub organization_words: HashSet<String>,
    /// Words that make an addressee a news outlet, as written.
    pub outlet_words: HashSet<String>,
}

impl Compiled {
    /// Compile `lexicon`.
    #[must_use]
    pub fn new(lexicon: &Lexicon) -> Self {
        let mut c = Self {
            vocab: HashMap::new(),
            info: Vec::new(),
            phrases: Vec::new(),
            channels: Vec::new(),
            addressees: Vec::new(),
            hedges: Vec::new(),
            abbreviations: Vec::new(),
            outlets: Vec::new(),
            organization_words: lexicon.signals.organization_words.iter().cloned().collect(),
            outlet_words: lexicon.outlet_words.iter().cloned().collect(),
        };
        for (n, verb) in lexicon.verbs.iter().enumerate() {
            for form in &verb.forms {
                let id = c.id(form);
                c.info[id as usize].verb = u32::try_from(n).ok();
            }
        }
        let g = &lexicon.grammar;
        let s = &lexicon.signals;
        let lists: [(&[String], u32); 13] = [
            (&g.time_words, flag::TIME),
            (&g.auxiliaries, flag::AUX),
            (&g.adverbs, flag::ADV),
            (&g.negations, flag::NEG),
            (&g.pronouns, flag::PRONOUN),
            (&g.relatives, flag::RELATIVE),
            (&g.determiners, flag::DET),
            (&g.np_stops, flag::NP_STOP),
            (&g.complementizers, flag::COMPLEMENTIZER),
            (&g.question_words, flag::QUESTION),
            (&s.described_heads, flag::DESCRIBED),
            (&s.vague_heads, flag::VAGUE),
            (&s.document_heads, flag::DOCUMENT),
        ];
        for (words, bit) in lists {
            for w in words {
                let id = c.id(w);
                c.info[id as usize].flags |= bit;
            }
        }
        for w in &s.claim_negations {
            let id = c.id(w);
            c.info[id as usize].flags |= flag::CLAIM_NEG;
        }
        c.abbreviations = g.abbreviations.iter().map(|w| c.id(w)).collect();
        for (n, p) in lexicon.phrases.iter().enumerate() {
            let pattern = c.pattern(&p.words);
            c.phrases.push((pattern, n));
        }
        for (n, ch) in lexicon.channels.iter().enumerate() {
            let pattern = c.pattern(&ch.words);
            c.channels.push((pattern, n));
        }
        for a in &g.addressees {
            let words: Vec<String> = a.split_whitespace().map(str::to_owned).collect();
            let pattern = c.pattern(&words);
            c.addressees.push(pattern);
        }
        for (value, phrases) in &s.hedges {
            for h in phrases {
                let words: Vec<String> = h.split_whitespace().map(str::to_owned).collect();
                let pattern = c.pattern(&words);
                c.hedges.push((pattern, value.clone()));
            }
        }
        // Longer patterns first, so "in a press release" wins over "in a".
        c.channels
            .sort_by_key(|(p, n)| (std::cmp::Reverse(p.len()), *n));
        c.hedges.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        c.outlets = lexicon
            .outlets
            .iter()
            .map(|o| o.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        c.outlets.sort_by_key(|w| std::cmp::Reverse(w.len()));
        c
    }

    fn id(&mut self, word: &str) -> u32 {
        let lower: String = word.chars().flat_map(char::to_lowercase).collect();
        if let Some(&id) = self.vocab.get(&lower) {
            return id;
        }
        let id = u32::try_from(self.info.len()).unwrap_or(u32::MAX - 1);
        self.vocab.insert(lower, id);
        self.info.push(WordInfo::default());
        id
    }

    fn pattern(&mut self, words: &[String]) -> Pattern {
        words
            .iter()
            .map(|w| (w != "*").then(|| self.id(w)))
            .collect()
    }

    /// Roles of vocabulary word `id` (none for unknown words).
    #[must_use]
    pub fn info(&self, id: u32) -> WordInfo {
        self.info.get(id as usize).copied().unwrap_or_default()
    }

    /// True when word `id` has any of the `bits`.
    #[must_use]
    pub fn has(&self, id: u32, bits: u32) -> bool {
        self.info(id).flags & bits != 0
    }

    /// The verb entry index of word `id`, if it is a verb form.
    #[must_use]
    pub fn verb(&self, id: u32) -> Option<usize> {
        self.info(id).verb.map(|v| v as usize)
    }

    /// The class of the verb at entry `n`.
    #[must_use]
    pub fn class(lexicon: &Lexicon, n: usize) -> CueClass {
        lexicon.verbs.get(n).map_or(CueClass::Speech, |v| v.class)
    }
}
