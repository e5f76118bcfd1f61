//! What a speaker mention's words say about its entity, for a new entity made by hand:
//! `speaker_type` from telling words ("official", "spokesperson", "ministry", "brigades",
//! "police"...) and `identification` from the suggester's reading of the mention. Values the
//! words do not show stay unset (the schema default applies).

use crate::model::Schema;

/// Telling words of each `speaker_type` value (lower case; a word matches itself and its
/// plural or possessive).
const SPEAKER_TYPES: &[(&str, &[&str])] = &[
    (
        "military_security",
        &[
            "police",
            "policeman",
            "army",
            "military",
            "soldier",
            "troops",
            "navy",
            "commander",
            "general",
            "colonel",
            "officer",
            "forces",
            "intelligence",
            "guard",
        ],
    ),
    (
        "armed_group",
        &[
            "brigades",
            "brigade",
            "militia",
            "militants",
            "militant",
            "rebels",
            "rebel",
            "insurgents",
            "fighters",
            "wing",
        ],
    ),
    (
        "government",
        &[
            "official",
            "officials",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "ministry",
            "minister",
            "government",
            "president",
            "premier",
            "mayor",
            "governor",
            "council",
            "department",
            "embassy",
            "ambassador",
            "authority",
            "administration",
            "cabinet",
            "diplomat",
            "senator",
        ],
    ),
    (
        "intergovernmental",
        &[
            "un", "nations", "eu", "nato", "who", "imf", "unicef", "unhcr",
        ],
    ),
    (
        "ngo_civil_society",
        &[
            "union",
            "charity",
            "ngo",
            "association",
            "federation",
            "campaigners",
            "activists",
        ],
    ),
    (
        "corporate",
        &[
            "company",
            "firm",
            "ceo",
            "executive",
            "bank",
            "corporation",
            "chamber",
        ],
    ),
    (
        "expert",
        &[
            "professor",
            "analyst",
            "researcher",
            "economist",
            "scientist",
            "expert",
        ],
    ),
    (
        "witness_public",
        &[
            "witness",
            "witnesses",
            "resident",
            "residents",
            "bystander",
            "passer-by",
        ],
    ),
    (
        "media",
        &[
            "newspaper",
            "reporter",
            "journalist",
            "broadcaster",
            "agency",
            "gazette",
        ],
    ),
    (
        "document_data",
        &["report", "figures", "data", "survey", "study", "statement"],
    ),
];

/// Lower-case words of `text`, possessives and plurals reduced (`officials'` -> `official`
/// is matched through both forms in the table).
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '‘'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches("'s").trim_end_matches('\'').to_owned())
        .collect()
}

/// The `speaker_type` the words of `mention` show, if any. Security forces and armed groups
/// are named by any of their words ("a police official", "the group's armed wing"); other
/// values by the word nearest the head of the noun phrase ("the ministry's spokesperson").
#[must_use]
pub fn speaker_type(mention: &str) -> Option<&'static str> {
    let ws = words(mention);
    let first_two = &SPEAKER_TYPES[..2];
    for (value, telling) in first_two {
        if ws.iter().any(|w| telling.contains(&w.as_str())) {
            return Some(value);
        }
    }
    // From the head of the noun phrase (its end) back to its first words.
    ws.iter().rev().find_map(|w| {
        SPEAKER_TYPES[2..]
            .iter()
            .find(|(_, telling)| telling.contains(&w.as_str()))
            .map(|(value, _)| *value)
    })
}

/// Attribute values for a new entity of a mention reading `mention`, with `identification`
/// as the suggester read it (`None` when it did not say), kept only where `schema` allows
/// them.
#[must_use]
pub fn entity_values(
    schema: &Schema,
    mention: &str,
    identification: Option<&str>,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if let Some(v) = speaker_type(mention) {
        out.push(("speaker_type".to_owned(), v.to_owned()));
    }
    if let Some(v) = identification {
        out.push(("identification".to_owned(), v.to_owned()));
    }
    out.retain(|(k, v)| schema.attr(k).is_some() && schema.check_value(k, v).is_ok());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telling_words_give_the_speaker_type() {
        assert_eq!(speaker_type("a US official"), Some("government"));
        assert_eq!(speaker_type("The Al-Qassam Brigades"), Some("armed_group"));
        assert_eq!(speaker_type("police"), Some("military_security"));
        assert_eq!(
            speaker_type("The Valmora Dockworkers’ Union"),
            Some("ngo_civil_society")
        );
        assert_eq!(
            speaker_type("the ministry's spokesperson"),
            Some("government")
        );
        assert_eq!(speaker_type("a police official"), Some("military_security"));
        assert_eq!(speaker_type("Tomás Ruiz"), None);
    }
}
