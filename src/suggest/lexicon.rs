//! The cue lexicon as data: reporting, cognition and evidence verbs with every form, multiword
//! cues, channel phrases, news outlets, and the English function words the rules use to find
//! where a speaker's noun phrase and a claim begin and end.
//!
//! The default is `news-en.lexicon.ron`, embedded in the binary like the schema;
//! `marginalia suggest --lexicon FILE` loads another (errors name `path:line:col`). Words are
//! matched case-insensitively, except outlet and organisation words, which are proper names.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::ron_error::{RonLocation, locate};

/// The default lexicon file, embedded at build time.
pub const DEFAULT_LEXICON_RON: &str = include_str!("news-en.lexicon.ron");

/// What kind of attribution a verb signals; selects its base score and the evidence it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CueClass {
    /// Speech and writing ("said", "told", "wrote"): fires on its own.
    Speech,
    /// A private state ("believes", "thinks"): needs a clause after it.
    Cognition,
    /// Evidence from a non-human source ("found", "showed"): needs `that` or a clause.
    Evidence,
    /// An attitude or a speech act towards something ("supported", "criticized"): the claim
    /// is its object; needs a source before it.
    Attitude,
}

/// One reporting verb with all its forms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    /// Every form that signals the cue ("say", "says", "said", "saying").
    pub forms: Vec<String>,
    /// Speech, cognition or evidence.
    pub class: CueClass,
    /// Base score in 0..1 before the pattern adjusts it.
    pub score: f64,
    /// The `cue_stance` value it suggests, if the verb shows one.
    #[serde(default)]
    pub stance: Option<String>,
    /// The `channel` value the verb itself shows ("tweeted": `social_media`).
    #[serde(default)]
    pub channel: Option<String>,
    /// The verb takes an addressee that belongs to the cue ("told CNN", "told reporters").
    #[serde(default)]
    pub addressee: bool,
    /// Fire only before `that`, `whether`, `if`, a colon or a quotation ("found that").
    #[serde(default)]
    pub needs_complement: bool,
    /// Fire only with a source before the verb (attitude verbs: "supported", "criticized").
    #[serde(default)]
    pub needs_source: bool,
    /// The verb names something with a quotation ("called the plan “a disaster”"): an object
    /// followed by a quotation is the claim.
    #[serde(default)]
    pub naming: bool,
}

/// A multiword cue whose source follows it ("according to X").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseEntry {
    /// The words, lower case ("according", "to").
    pub words: Vec<String>,
    /// Base score.
    pub score: f64,
    /// The `cue_stance` value it suggests.
    #[serde(default)]
    pub stance: Option<String>,
}

/// A phrase after a verb that names the channel and belongs to the cue ("in a statement").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelPhrase {
    /// The words, lower case; `*` matches any one word ("in", "a", "*", "statement").
    pub words: Vec<String>,
    /// The `channel` value it shows, if any.
    #[serde(default)]
    pub channel: Option<String>,
    /// An outlet may follow (`in an interview with CNN`): the outlet becomes `via`.
    #[serde(default)]
    pub outlet_follows: bool,
}

/// The words the rules need, by role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Grammar {
    /// Auxiliary verbs that may precede a reporting verb and belong to the cue ("has", "did").
    pub auxiliaries: Vec<String>,
    /// Adverbs allowed between a speaker and the verb ("also", "later").
    pub adverbs: Vec<String>,
    /// Negation ("not", "never").
    pub negations: Vec<String>,
    /// Personal pronouns that can be a speaker ("he", "they").
    pub pronouns: Vec<String>,
    /// Relative pronouns that can be a speaker ("who").
    pub relatives: Vec<String>,
    /// Determiners and possessives that open a noun phrase ("the", "his").
    pub determiners: Vec<String>,
    /// Words that end a noun phrase on its left (prepositions, conjunctions, verbs...).
    pub np_stops: Vec<String>,
    /// Words that introduce a reported clause and are left out of the claim ("that").
    pub complementizers: Vec<String>,
    /// Words that introduce a reported question and stay in the claim ("whether", "if").
    pub question_words: Vec<String>,
    /// Abbreviations whose full stop does not end a sentence ("mr", "u.s").
    pub abbreviations: Vec<String>,
    /// Addressee words after `told` that are not outlets ("reporters", "him").
    pub addressees: Vec<String>,
    /// Time words skipped between a cue and its claim ("said Thursday the plan ...").
    #[serde(default)]
    pub time_words: Vec<String>,
}

/// Words that show attribute values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signals {
    /// `certainty` value -> hedge phrases (lower case, space-separated words).
    pub hedges: BTreeMap<String, Vec<String>>,
    /// Negation inside a claim that makes `polarity` negative.
    pub claim_negations: Vec<String>,
    /// Head nouns of speakers described without a name ("official", "diplomat").
    pub described_heads: Vec<String>,
    /// Speakers with no meaningful description ("sources", "reports").
    pub vague_heads: Vec<String>,
    /// Words that make a capitalised name an organisation ("Department", "Party").
    pub organization_words: Vec<String>,
    /// Non-human sources (speaker `document_data` is not suggested; these raise the score of
    /// evidence cues: "a report found").
    pub document_heads: Vec<String>,
}

/// A complete lexicon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Lexicon name, recorded in sidecars the suggester writes.
    pub name: String,
    /// Lexicon version.
    pub version: u32,
    /// Reporting verbs.
    pub verbs: Vec<VerbEntry>,
    /// Multiword cues whose source follows.
    #[serde(default)]
    pub phrases: Vec<PhraseEntry>,
    /// Channel phrases after a verb.
    #[serde(default)]
    pub channels: Vec<ChannelPhrase>,
    /// News outlets, as written ("CNN", "The New York Times").
    #[serde(default)]
    pub outlets: Vec<String>,
    /// Words that make a named addressee an outlet ("Gazette", "Radio"), as written.
    #[serde(default)]
    pub outlet_words: Vec<String>,
    /// Function words.
    pub grammar: Grammar,
    /// Attribute signals.
    pub signals: Signals,
}

/// A lexicon file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// The file could not be read.
    #[error("{path}: cannot read lexicon: {source}")]
    Io {
        /// File path.
        path: String,
        /// Underlying error.
        source: std::io::Error,
    },
    /// The file is not valid RON for a lexicon.
    #[error("{path}:{}:{}: {message}", location.line, location.col)]
    Parse {
        /// File path.
        path: String,
        /// Where the parser stopped.
        location: RonLocation,
        /// Parser message.
        message: String,
    },
    /// The file parsed but cannot be used.
    #[error("{path}: invalid lexicon: {message}")]
    Invalid {
        /// File path.
        path: String,
        /// What is wrong.
        message: String,
    },
}

impl Lexicon {
    /// The embedded default lexicon (`news-en`).
    ///
    /// # Panics
    /// Never in a released build: a unit test parses and validates the embedded file.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn builtin() -> Self {
        Self::parse(DEFAULT_LEXICON_RON, "<built-in news-en lexicon>")
            .expect("the embedded lexicon is checked by tests")
    }

    /// Parse and validate lexicon text; `path` names the source in messages.
    ///
    /// # Errors
    /// [`LexiconError::Parse`] with line and column, or [`LexiconError::Invalid`].
    pub fn parse(text: &str, path: &str) -> Result<Self, LexiconError> {
        let lexicon: Self = ron::from_str(text).map_err(|e| LexiconError::Parse {
            path: path.to_owned(),
            location: locate(&e),
            message: e.code.to_string(),
        })?;
        lexicon
            .validate()
            .map_err(|message| LexiconError::Invalid {
                path: path.to_owned(),
                message,
            })?;
        Ok(lexicon)
    }

    /// Load a lexicon file.
    ///
    /// # Errors
    /// As [`Lexicon::parse`], plus [`LexiconError::Io`].
    pub fn load(path: &Path) -> Result<Self, LexiconError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| LexiconError::Io {
            path: shown.clone(),
            source,
        })?;
        Self::parse(&text, &shown)
    }

    /// `name/version`, as recorded in sidecars.
    #[must_use]
    pub fn id(&self) -> String {
        format!("{}/{}", self.name, self.version)
    }

    fn validate(&self) -> Result<(), String> {
        if self.verbs.is_empty() && self.phrases.is_empty() {
            return Err("no verbs and no phrases: nothing could be found".to_owned());
        }
        let scores = self
            .verbs
            .iter()
            .map(|v| (v.forms.first().map_or("", String::as_str), v.score))
            .chain(
                self.phrases
                    .iter()
                    .map(|p| (p.words.first().map_or("", String::as_str), p.score)),
            );
        for (word, score) in scores {
            if !(0.0..=1.0).contains(&score) {
                return Err(format!("score {score} of `{word}` is outside 0..1"));
            }
        }
        for verb in &self.verbs {
            if verb.forms.is_empty() || verb.forms.iter().any(|f| f.trim().is_empty()) {
                return Err("a verb has no forms or an empty form".to_owned());
            }
            if let Some(form) = verb.forms.iter().find(|f| f.contains(' ')) {
                return Err(format!(
                    "verb form `{form}` has a space; put multiword cues in `phrases`"
                ));
            }
        }
        for phrase in &self.phrases {
            if phrase.words.len() < 2 {
                return Err(format!(
                    "phrase {:?} needs at least two words (single words go in `verbs`)",
                    phrase.words
                ));
            }
        }
        if let Some(c) = self.channels.iter().find(|c| c.words.is_empty()) {
            return Err(format!("channel phrase {:?} has no words", c.words));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_parses_and_validates() {
        let lexicon = Lexicon::builtin();
        assert_eq!(lexicon.id(), "news-en/2");
        assert!(
            lexicon
                .verbs
                .iter()
                .any(|v| v.forms.contains(&"said".to_owned()))
        );
    }

    #[test]
    fn parse_errors_name_path_line_and_column() {
        let text = DEFAULT_LEXICON_RON.replacen("verbs: [", "verbs: [ oops", 1);
        let err = Lexicon::parse(&text, "my.lexicon.ron").expect_err("bad");
        let msg = err.to_string();
        let line = DEFAULT_LEXICON_RON
            .lines()
            .position(|l| l.contains("verbs: ["))
            .expect("verbs line")
            + 1;
        assert!(msg.starts_with(&format!("my.lexicon.ron:{line}:")), "{msg}");
    }

    #[test]
    fn invalid_scores_and_forms_are_refused() {
        let bad = DEFAULT_LEXICON_RON.replacen("score: 0.9", "score: 1.5", 1);
        let err = Lexicon::parse(&bad, "x").expect_err("score");
        assert!(err.to_string().contains("outside 0..1"), "{err}");
        let bad = DEFAULT_LEXICON_RON.replacen("\"said\"", "\"said so\"", 1);
        let err = Lexicon::parse(&bad, "x").expect_err("space");
        assert!(err.to_string().contains("has a space"), "{err}");
    }
}
