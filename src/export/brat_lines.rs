//! The brat standoff line grammar (export-targets.md §2a), shared by the export validator and
//! the importer: `ID<TAB>DATA[<TAB>TAIL]`, fields in DATA separated by single spaces.

/// One parsed `.ann` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnnLine {
    /// `T1<TAB>Type s e[;s e...]<TAB>text`.
    Text {
        /// Id (`T1`).
        id: String,
        /// Type.
        ty: String,
        /// Fragments, start inclusive, end exclusive, in code points.
        frags: Vec<(usize, usize)>,
        /// The text field.
        text: String,
    },
    /// `E1<TAB>Type:T1 Role:T2 ...`.
    Event {
        /// Id.
        id: String,
        /// Event type.
        ty: String,
        /// Trigger T id.
        trigger: String,
        /// Role and id of each argument, in order.
        args: Vec<(String, String)>,
    },
    /// `R1<TAB>Type Role1:T1 Role2:T2`.
    Relation {
        /// Id.
        id: String,
        /// Relation type.
        ty: String,
        /// Role and id of each argument.
        args: Vec<(String, String)>,
    },
    /// `A1<TAB>Name Target[ Value]` (legacy `M`).
    Attribute {
        /// Id.
        id: String,
        /// Attribute name.
        name: String,
        /// Annotated id.
        target: String,
        /// Value, absent for binary attributes.
        value: Option<String>,
    },
    /// `N1<TAB>Reference Target DB:Entry<TAB>text`.
    Normalization {
        /// Id.
        id: String,
        /// Normalization type (`Reference`).
        ty: String,
        /// Annotated id.
        target: String,
        /// Database name.
        db: String,
        /// Entry id in the database.
        entry: String,
        /// Display text.
        text: String,
    },
    /// `#1<TAB>Type Target<TAB>text`.
    Note {
        /// Id.
        id: String,
        /// Note type (`AnnotatorNotes`).
        ty: String,
        /// Annotated id.
        target: String,
        /// Free text.
        text: String,
    },
    /// `*<TAB>Type ID ID ...`.
    Equiv {
        /// Type.
        ty: String,
        /// Equivalent ids.
        ids: Vec<String>,
    },
}

impl AnnLine {
    /// The line's own id (`None` for equivalences).
    #[must_use]
    pub fn id(&self) -> Option<&str> {
        match self {
            Self::Text { id, .. }
            | Self::Event { id, .. }
            | Self::Relation { id, .. }
            | Self::Attribute { id, .. }
            | Self::Normalization { id, .. }
            | Self::Note { id, .. } => Some(id),
            Self::Equiv { .. } => None,
        }
    }

    /// Ids this line refers to.
    #[must_use]
    pub fn references(&self) -> Vec<&str> {
        match self {
            Self::Text { .. } => Vec::new(),
            Self::Event { trigger, args, .. } => std::iter::once(trigger.as_str())
                .chain(args.iter().map(|(_, id)| id.as_str()))
                .collect(),
            Self::Relation { args, .. } => args.iter().map(|(_, id)| id.as_str()).collect(),
            Self::Attribute { target, .. }
            | Self::Normalization { target, .. }
            | Self::Note { target, .. } => vec![target.as_str()],
            Self::Equiv { ids, .. } => ids.iter().map(String::as_str).collect(),
        }
    }
}

fn valid_id(id: &str) -> bool {
    // The parser's regex: ^([A-Za-z]+|#[A-Za-z]*)([0-9]+)(.*?)$ ; we also forbid a tail.
    let letters = id.strip_prefix('#').unwrap_or(id);
    let split = letters
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(letters.len());
    let (alpha, digits) = letters.split_at(split);
    (id.starts_with('#') || !alpha.is_empty())
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
}

fn role_arg(field: &str) -> Result<(String, String), String> {
    match field.split_once(':') {
        Some((role, id)) if !role.is_empty() && !id.is_empty() => {
            Ok((role.to_owned(), id.to_owned()))
        }
        _ => Err(format!("`{field}` is not ROLE:ID")),
    }
}

fn fields(data: &str) -> Result<Vec<&str>, String> {
    let parts: Vec<&str> = data.split(' ').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err("fields must be separated by single spaces".to_owned());
    }
    Ok(parts)
}

fn parse_frags(spec: &str) -> Result<Vec<(usize, usize)>, String> {
    spec.split(';')
        .map(|frag| {
            let (s, e) = frag
                .split_once(' ')
                .ok_or_else(|| format!("fragment `{frag}` is not `start end`"))?;
            let s: usize = s.parse().map_err(|_| format!("bad offset `{s}`"))?;
            let e: usize = e.parse().map_err(|_| format!("bad offset `{e}`"))?;
            if s > e {
                return Err(format!("fragment {s} {e} ends before it starts"));
            }
            Ok((s, e))
        })
        .collect()
}

/// Parse one line (without its line end).
///
/// # Errors
/// A message saying what is wrong with the line.
pub fn parse_line(line: &str) -> Result<AnnLine, String> {
    let (id, rest) = line
        .split_once('\t')
        .ok_or_else(|| "no TAB after the id".to_owned())?;
    if id == "*" {
        let parts = fields(rest)?;
        let (ty, ids) = parts.split_first().ok_or("empty equivalence")?;
        return Ok(AnnLine::Equiv {
            ty: (*ty).to_owned(),
            ids: ids.iter().map(|s| (*s).to_owned()).collect(),
        });
    }
    if !valid_id(id) {
        return Err(format!("`{id}` is not a valid id"));
    }
    let (data, tail) = match rest.split_once('\t') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let owned = |s: &str| s.to_owned();
    match id.chars().next() {
        Some('T') => {
            let (ty, spec) = data
                .split_once(' ')
                .ok_or_else(|| "text-bound needs `Type start end`".to_owned())?;
            Ok(AnnLine::Text {
                id: owned(id),
                ty: owned(ty),
                frags: parse_frags(spec)?,
                text: tail.map(owned).ok_or("text-bound without text")?,
            })
        }
        Some('E') => {
            let parts = fields(data)?;
            let (head, args) = parts.split_first().ok_or("empty event")?;
            let (ty, trigger) = role_arg(head)?;
            Ok(AnnLine::Event {
                id: owned(id),
                ty,
                trigger,
                args: args.iter().map(|a| role_arg(a)).collect::<Result<_, _>>()?,
            })
        }
        Some('R') => {
            let parts = fields(data)?;
            let (ty, args) = parts.split_first().ok_or("empty relation")?;
            Ok(AnnLine::Relation {
                id: owned(id),
                ty: owned(ty),
                args: args.iter().map(|a| role_arg(a)).collect::<Result<_, _>>()?,
            })
        }
        Some('A' | 'M') => {
            let parts = fields(data)?;
            match parts.as_slice() {
                [name, target] => Ok(AnnLine::Attribute {
                    id: owned(id),
                    name: owned(name),
                    target: owned(target),
                    value: None,
                }),
                [name, target, value] => Ok(AnnLine::Attribute {
                    id: owned(id),
                    name: owned(name),
                    target: owned(target),
                    value: Some(owned(value)),
                }),
                _ => Err("attribute needs `Name Target [Value]`".to_owned()),
            }
        }
        Some('N') => {
            let parts = fields(data)?;
            let [ty, target, reference] = parts.as_slice() else {
                return Err("normalization needs `Type Target DB:Entry`".to_owned());
            };
            let (db, entry) = reference
                .split_once(':')
                .ok_or_else(|| format!("`{reference}` is not DB:ENTRY"))?;
            Ok(AnnLine::Normalization {
                id: owned(id),
                ty: owned(ty),
                target: owned(target),
                db: owned(db),
                entry: owned(entry),
                text: tail.map(owned).unwrap_or_default(),
            })
        }
        Some('#') => {
            let (ty, target) = data
                .split_once(' ')
                .ok_or_else(|| "note needs `Type Target`".to_owned())?;
            Ok(AnnLine::Note {
                id: owned(id),
                ty: owned(ty),
                target: owned(target),
                text: tail.map(owned).unwrap_or_default(),
            })
        }
        _ => Err(format!("unknown annotation kind `{id}`")),
    }
}

/// Characters at which Python's `str.splitlines` (used by brat to read `.ann` files) breaks
/// a line; none may appear inside an `.ann` field.
#[must_use]
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_kind() {
        assert_eq!(
            parse_line("T1\tLocation 0 5;16 23\tNorth America"),
            Ok(AnnLine::Text {
                id: "T1".into(),
                ty: "Location".into(),
                frags: vec![(0, 5), (16, 23)],
                text: "North America".into()
            })
        );
        let e = parse_line("E1\tAttribution:T3 Source:T1 Content:T4").expect("event");
        assert_eq!(e.references(), ["T3", "T1", "T4"]);
        assert!(matches!(
            parse_line("A2\tConfidence E2 L1"),
            Ok(AnnLine::Attribute { value: Some(_), .. })
        ));
        assert!(matches!(
            parse_line("N1\tReference T1 Wikipedia:534366\tBarack Obama"),
            Ok(AnnLine::Normalization { .. })
        ));
        assert!(matches!(
            parse_line("#1\tAnnotatorNotes T1\tsuspect"),
            Ok(AnnLine::Note { .. })
        ));
        assert!(matches!(
            parse_line("*\tEquiv T1 T2"),
            Ok(AnnLine::Equiv { .. })
        ));
        assert!(parse_line("T1 Location 0 5 North").is_err());
        assert!(parse_line("R1\tOrigin  Arg1:T3 Arg2:T4").is_err());
        assert!(parse_line("X1\tWhat").is_err());
        assert!(parse_line("T1\tLoc 5 2\tx").is_err());
    }
}
