//! Reading brat's `annotation.conf` as brat's `projectconfig.py` does, as far as its verifier
//! (`verify_annotations.py`) needs it: entity and event types, event argument roles with their
//! allowed types and counts (`Role?`, `Role*`, `Role+`, `Role{2}`, `Role{1-3}`), relation
//! argument roles and types (and `<REL-TYPE>:symmetric-transitive` equivalences), `<OVERLAP>`
//! rules, and attributes with their target types and values.

use std::collections::{BTreeMap, BTreeSet};

/// Stands for any type in an argument, target or overlap rule.
const ANY: &str = "<ANY>";

/// One argument of an event or relation declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArgSpec {
    /// Role name (`Source`, `Arg1`).
    pub role: String,
    /// Allowed types (`<ANY>`, `<ENTITY>`, `<EVENT>` stand for groups).
    pub types: BTreeSet<String>,
    /// Fewest occurrences.
    pub min: usize,
    /// Most occurrences.
    pub max: usize,
}

/// A relation declaration (a type may be declared several times with different arguments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationSpec {
    /// The arguments in order.
    pub args: Vec<ArgSpec>,
    /// `<REL-TYPE>:symmetric-transitive` (an equivalence, written as `*` lines).
    pub equiv: bool,
}

/// An attribute declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttrSpec {
    /// Types it may be attached to.
    pub targets: BTreeSet<String>,
    /// Declared values; `None` for a binary attribute.
    pub values: Option<BTreeSet<String>>,
}

/// Which overlaps of two entity spans a `<OVERLAP>` rule allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverlapRule {
    /// Types of the first span.
    pub first: BTreeSet<String>,
    /// Types of the second span.
    pub second: BTreeSet<String>,
    /// `equal`, `contain`, `cross` or `<ANY>`.
    pub kinds: BTreeSet<String>,
}

/// What an `annotation.conf` declares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conf {
    /// `[entities]` types.
    pub entities: BTreeSet<String>,
    /// `[events]` types with their arguments.
    pub events: BTreeMap<String, Vec<ArgSpec>>,
    /// `[relations]` types with each declaration.
    pub relations: BTreeMap<String, Vec<RelationSpec>>,
    /// `[attributes]`.
    pub attributes: BTreeMap<String, AttrSpec>,
    /// `<OVERLAP>` rules.
    pub overlap: Vec<OverlapRule>,
}

fn type_set(types: &str) -> BTreeSet<String> {
    types.split('|').map(|t| t.trim().to_owned()).collect()
}

/// `Role*` -> (`Role`, 0, many); `Role{2-3}` -> (`Role`, 2, 3).
fn role_count(role: &str) -> (String, usize, usize) {
    let many = usize::MAX;
    if let Some(r) = role.strip_suffix('?') {
        return (r.to_owned(), 0, 1);
    }
    if let Some(r) = role.strip_suffix('*') {
        return (r.to_owned(), 0, many);
    }
    if let Some(r) = role.strip_suffix('+') {
        return (r.to_owned(), 1, many);
    }
    if let Some((r, count)) = role.strip_suffix('}').and_then(|r| r.split_once('{')) {
        let (lo, hi) = count.split_once('-').unwrap_or((count, count));
        let lo = lo.trim().parse().unwrap_or(1);
        let hi = hi.trim().parse().unwrap_or(lo);
        return (r.to_owned(), lo, hi);
    }
    (role.to_owned(), 1, 1)
}

impl Conf {
    /// Read the text of an `annotation.conf`.
    ///
    /// # Errors
    /// A message with the line number of a line outside any section.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut conf = Self::default();
        let mut section = String::new();
        for (no, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name.trim() {
                    "spans" => "entities".to_owned(),
                    "modifiers" => "attributes".to_owned(),
                    other => other.to_owned(),
                };
                continue;
            }
            let (ty, args) = line
                .split_once(char::is_whitespace)
                .map_or((line, ""), |(t, a)| (t, a.trim()));
            let ty = ty.trim_start_matches('!').to_owned();
            let args: Vec<(&str, &str)> = args
                .split(',')
                .filter_map(|a| a.trim().split_once(':'))
                .map(|(k, v)| (k.trim(), v.trim()))
                .collect();
            match section.as_str() {
                "entities" if !ty.starts_with('<') => {
                    conf.entities.insert(ty);
                }
                "events" if !ty.starts_with('<') => {
                    let specs = args
                        .iter()
                        .map(|(role, types)| {
                            let (role, min, max) = role_count(role);
                            ArgSpec {
                                role,
                                types: type_set(types),
                                min,
                                max,
                            }
                        })
                        .collect();
                    conf.events.insert(ty, specs);
                }
                "relations" if ty == "<OVERLAP>" => {
                    let get = |k: &str| {
                        args.iter()
                            .find(|(key, _)| *key == k)
                            .map_or_else(|| type_set(ANY), |(_, v)| type_set(v))
                    };
                    conf.overlap.push(OverlapRule {
                        first: get("Arg1"),
                        second: get("Arg2"),
                        kinds: get("<OVL-TYPE>"),
                    });
                }
                "relations" if !ty.starts_with('<') => {
                    let equiv = args
                        .iter()
                        .any(|(k, v)| *k == "<REL-TYPE>" && v.contains("symmetric-transitive"));
                    let specs = args
                        .iter()
                        .filter(|(k, _)| !k.starts_with('<'))
                        .map(|(role, types)| ArgSpec {
                            role: (*role).to_owned(),
                            types: type_set(types),
                            min: 1,
                            max: 1,
                        })
                        .collect();
                    conf.relations
                        .entry(ty)
                        .or_default()
                        .push(RelationSpec { args: specs, equiv });
                }
                "attributes" => {
                    let get = |k: &str| args.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
                    conf.attributes.insert(
                        ty,
                        AttrSpec {
                            targets: get("Arg").map(type_set).unwrap_or_default(),
                            values: get("Value").map(type_set),
                        },
                    );
                }
                "entities" | "events" | "relations" => {}
                _ => return Err(format!("line {}: entry outside a known section", no + 1)),
            }
        }
        Ok(conf)
    }

    /// Is `ty` a declared event type?
    #[must_use]
    pub fn is_event(&self, ty: &str) -> bool {
        self.events.contains_key(ty)
    }

    /// Does the set `types` (from an argument, target or rule) admit `ty`?
    #[must_use]
    pub fn admits(&self, types: &BTreeSet<String>, ty: &str) -> bool {
        types.contains(ty)
            || types.contains(ANY)
            || (types.contains("<ENTITY>") && self.entities.contains(ty))
            || (types.contains("<EVENT>") && self.is_event(ty))
    }

    /// May entity spans of types `a` and `b` overlap in this way (`equal`, `contain`,
    /// `cross`)? Without any `<OVERLAP>` rule brat allows none.
    #[must_use]
    pub fn overlap_allowed(&self, a: &str, b: &str, kind: &str) -> bool {
        self.overlap.iter().any(|rule| {
            let kinds = rule.kinds.contains(ANY) || rule.kinds.contains(kind);
            let pair = (self.admits(&rule.first, a) && self.admits(&rule.second, b))
                || (self.admits(&rule.first, b) && self.admits(&rule.second, a));
            kinds && pair
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_roles_counts_overlap_and_attributes() {
        let conf = Conf::parse(
            "[entities]\nPerson\n[relations]\nLocated\tArg1:Person, Arg2:GPE\n\
             Equiv\tArg1:Person, Arg2:Person, <REL-TYPE>:symmetric-transitive\n\
             <OVERLAP>\tArg1:Person, Arg2:<ANY>, <OVL-TYPE>:contain\n\
             [events]\nMarry\tPerson-Arg{2}:Person, Place-Arg?:GPE, Theme*:<ENTITY>\n\
             [attributes]\nNegation\tArg:<EVENT>\nConfidence\tArg:Marry, Value:High|Low\n",
        )
        .expect("conf");
        let marry = &conf.events["Marry"];
        assert_eq!((marry[0].min, marry[0].max), (2, 2));
        assert_eq!((marry[1].min, marry[1].max), (0, 1));
        assert_eq!((marry[2].min, marry[2].max), (0, usize::MAX));
        assert!(conf.relations["Equiv"][0].equiv);
        assert!(conf.overlap_allowed("Person", "Person", "contain"));
        assert!(!conf.overlap_allowed("Person", "Person", "cross"));
        assert!(conf.attributes["Negation"].values.is_none());
        assert!(conf.admits(&conf.attributes["Negation"].targets, "Marry"));
        assert!(Conf::parse("Person\n").is_err());
    }
}
