//! Values derived at export and never annotated (schema.md §7.4-7.5): the FactBank tag and
//! scalar from certainty x polarity, and the triage flags `anonymous`, `intermediary` and
//! `interested_party_unverified`.

/// FactBank tag (`CT+`, `PR-`, `Uu`...) from `certainty` and `polarity` values; `None` when
/// either is missing or not a value of the default schema.
#[must_use]
pub fn factbank(certainty: Option<&str>, polarity: Option<&str>) -> Option<String> {
    let c = match certainty? {
        "certain" => "CT",
        "probable" => "PR",
        "possible" => "PS",
        "underspecified" => "U",
        _ => return None,
    };
    let p = match polarity? {
        "positive" => "+",
        "negative" => "-",
        "unknown" => "u",
        _ => return None,
    };
    Some(format!("{c}{p}"))
}

/// FactBank scalar -3..3 (CT+ 3, PR+ 2, PS+ 1, U or unknown polarity 0, PS- -1, PR- -2, CT- -3).
#[must_use]
pub fn factuality_scalar(certainty: Option<&str>, polarity: Option<&str>) -> Option<i64> {
    let magnitude = match certainty? {
        "certain" => 3,
        "probable" => 2,
        "possible" => 1,
        "underspecified" => 0,
        _ => return None,
    };
    match polarity? {
        "positive" => Some(magnitude),
        "negative" => Some(-magnitude),
        "unknown" => Some(0),
        _ => None,
    }
}

/// The speaker is not named (`identification` is one of the `anonymous_*` values).
#[must_use]
pub fn anonymous(identification: Option<&str>) -> bool {
    identification.is_some_and(|v| v.starts_with("anonymous"))
}

/// The claim reached the article through another outlet (`channel = other_outlet`).
#[must_use]
pub fn intermediary(channel: Option<&str>) -> bool {
    channel == Some("other_outlet")
}

/// A party reports on its own side or its adversary and the article does not address
/// verification.
#[must_use]
pub fn interested_party_unverified(stake: Option<&str>, verification: Option<&str>) -> bool {
    matches!(stake, Some("self" | "opponent")) && verification == Some("not_addressed")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factbank_crosses_certainty_and_polarity() {
        assert_eq!(
            factbank(Some("certain"), Some("positive")).as_deref(),
            Some("CT+")
        );
        assert_eq!(
            factbank(Some("probable"), Some("negative")).as_deref(),
            Some("PR-")
        );
        assert_eq!(
            factbank(Some("underspecified"), Some("unknown")).as_deref(),
            Some("Uu")
        );
        assert_eq!(factbank(None, Some("positive")), None);
        assert_eq!(
            factuality_scalar(Some("certain"), Some("negative")),
            Some(-3)
        );
        assert_eq!(
            factuality_scalar(Some("possible"), Some("positive")),
            Some(1)
        );
        assert_eq!(
            factuality_scalar(Some("probable"), Some("unknown")),
            Some(0)
        );
        assert_eq!(factuality_scalar(Some("sure"), Some("positive")), None);
    }

    #[test]
    fn triage_flags() {
        assert!(anonymous(Some("anonymous_described")));
        assert!(!anonymous(Some("named_person")));
        assert!(!anonymous(None));
        assert!(intermediary(Some("other_outlet")));
        assert!(interested_party_unverified(
            Some("self"),
            Some("not_addressed")
        ));
        assert!(!interested_party_unverified(
            Some("self"),
            Some("corroborated")
        ));
        assert!(!interested_party_unverified(
            Some("third_party"),
            Some("not_addressed")
        ));
    }
}
