//! The checks brat applies to a parsed document beyond single lines: the sanity rules of its
//! parser (`Annotations._sanity` in `server/src/annotation.py`: event triggers exist and carry
//! the event's type, nothing but events and relations refers to a trigger) and every check of
//! its verifier (`verify_annotations.py`) against `annotation.conf`: known types, allowed
//! equivalences, allowed overlaps of entity spans, triggers used by an event and not
//! duplicated, relation argument roles and types, event argument counts, roles and types, and
//! attributes allowed on their target's type with declared values.

use std::collections::{BTreeMap, HashMap};

use crate::export::brat_conf_read::Conf;
use crate::export::brat_lines::AnnLine;

/// The type of the annotation `id` (`T`, `E` or `R`), if it has one.
fn type_of<'a>(kinds: &'a HashMap<String, AnnLine>, id: &str) -> Option<&'a str> {
    match kinds.get(id)? {
        AnnLine::Text { ty, .. } | AnnLine::Event { ty, .. } | AnnLine::Relation { ty, .. } => {
            Some(ty)
        }
        _ => None,
    }
}

/// `Theme2` -> `Theme` (brat numbers repeated roles).
fn base_role(role: &str) -> &str {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// Problems (`line N: message`) of the parsed lines `parsed`, whose ids are in `kinds`.
#[must_use]
pub fn verify(
    parsed: &[(usize, AnnLine)],
    kinds: &HashMap<String, AnnLine>,
    conf: &Conf,
) -> Vec<String> {
    let mut problems = Vec::new();
    let triggers: HashMap<&str, usize> = parsed
        .iter()
        .filter_map(|(no, l)| match l {
            AnnLine::Event { trigger, .. } => Some((trigger.as_str(), *no)),
            _ => None,
        })
        .collect();
    for (no, line) in parsed {
        let mut problem = |m: String| problems.push(format!("line {no}: {m}"));
        match line {
            AnnLine::Text { id, ty, .. } => {
                if !conf.entities.contains(ty) && !conf.is_event(ty) {
                    problem(format!(
                        "type {ty} is not declared in annotation.conf (known textbound type)"
                    ));
                }
                if conf.is_event(ty) && !triggers.contains_key(id.as_str()) {
                    problem(format!(
                        "warning: trigger {id} is not referenced from any event"
                    ));
                }
            }
            AnnLine::Event {
                ty, trigger, args, ..
            } => {
                if !conf.is_event(ty) {
                    problem(format!("event type {ty} is not declared"));
                }
                match kinds.get(trigger) {
                    Some(AnnLine::Text { ty: t, .. }) if t == ty => {}
                    Some(_) => problem(format!("trigger {trigger} is not a T of type {ty}")),
                    None => problem(format!("event without trigger: {trigger} is not defined")),
                }
                event_args(ty, args, kinds, conf, &mut problem);
            }
            AnnLine::Relation { ty, args, .. } => {
                if !conf.relations.contains_key(ty) {
                    problem(format!("relation type {ty} is not declared"));
                } else if let [(r1, a1), (r2, a2)] = args.as_slice() {
                    let (t1, t2) = (type_of(kinds, a1), type_of(kinds, a2));
                    if let (Some(t1), Some(t2)) = (t1, t2) {
                        let fits = |ra: &str, ta: &str, rb: &str, tb: &str| {
                            conf.relations[ty].iter().any(|spec| {
                                matches!(spec.args.as_slice(), [x, y]
                                    if x.role == ra && y.role == rb
                                        && conf.admits(&x.types, ta) && conf.admits(&y.types, tb))
                            })
                        };
                        if !fits(r1, t1, r2, t2) && !fits(r2, t2, r1, t1) {
                            problem(format!("{ty} relation {r1}:{t1} {r2}:{t2} not allowed"));
                        }
                    }
                }
            }
            AnnLine::Attribute {
                name,
                target,
                value,
                ..
            } => match conf.attributes.get(name) {
                None => problem(format!("attribute {name} is not declared")),
                Some(spec) => {
                    match (&spec.values, value) {
                        (Some(values), Some(v)) if !values.contains(v) => {
                            problem(format!("value {v} of {name} is not declared"));
                        }
                        (Some(_), None) => problem(format!("attribute {name} needs a value")),
                        (None, Some(v)) => {
                            problem(format!("binary attribute {name} has value {v}"));
                        }
                        _ => {}
                    }
                    if let Some(t) = type_of(kinds, target)
                        && !conf.admits(&spec.targets, t)
                    {
                        problem(format!("{t} cannot take a {name} attribute"));
                    }
                }
            },
            AnnLine::Equiv { ty, ids } => {
                let types: Vec<&str> = ids.iter().filter_map(|i| type_of(kinds, i)).collect();
                let allowed = |a: &str, b: &str| {
                    conf.relations.get(ty).is_some_and(|specs| {
                        specs.iter().any(|s| {
                            s.equiv
                                && matches!(s.args.as_slice(), [x, y]
                                    if conf.admits(&x.types, a) && conf.admits(&y.types, b))
                        })
                    })
                };
                // One message per line, naming the first pair of types not allowed.
                let pairs = types.iter().flat_map(|a| types.iter().map(move |b| (a, b)));
                if let Some((a, b)) = pairs.into_iter().find(|(a, b)| !allowed(a, b)) {
                    problem(format!(
                        "equivalence relation {ty} not allowed between {a} and {b}"
                    ));
                }
            }
            AnnLine::Normalization { .. } | AnnLine::Note { .. } => {}
        }
        if !matches!(line, AnnLine::Event { .. } | AnnLine::Relation { .. }) {
            for r in line.references() {
                if kinds
                    .get(r)
                    .is_some_and(|k| matches!(k, AnnLine::Text { .. }))
                    && triggers.contains_key(r)
                {
                    problems.push(format!(
                        "line {no}: trigger {r} referenced by non-event {}",
                        line.id().unwrap_or("*")
                    ));
                }
            }
        }
    }
    duplicate_triggers(parsed, conf, &mut problems);
    entity_overlaps(parsed, conf, &mut problems);
    problems
}

fn event_args(
    ty: &str,
    args: &[(String, String)],
    kinds: &HashMap<String, AnnLine>,
    conf: &Conf,
    problem: &mut impl FnMut(String),
) {
    let Some(specs) = conf.events.get(ty) else {
        return;
    };
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (role, arg) in args {
        let role = base_role(role);
        *counts.entry(role).or_default() += 1;
        match specs.iter().find(|s| s.role == role) {
            None => problem(format!("{ty} cannot take a {role} argument")),
            Some(spec) => {
                if let Some(t) = type_of(kinds, arg)
                    && !conf.admits(&spec.types, t)
                {
                    problem(format!("{ty} argument {role} cannot be of type {t}"));
                }
            }
        }
    }
    for spec in specs {
        let n = counts.get(spec.role.as_str()).copied().unwrap_or(0);
        if n < spec.min {
            problem(format!(
                "incomplete: at least {} {} argument(s) required for {ty}",
                spec.min, spec.role
            ));
        }
        if n > spec.max {
            if spec.max == 1 {
                problem(format!("{ty} cannot take multiple {} arguments", spec.role));
            } else {
                problem(format!(
                    "{ty} can take at most {} {} arguments",
                    spec.max, spec.role
                ));
            }
        }
    }
}

/// The fragments of a `T` line, sorted.
type Fragments = Vec<(usize, usize)>;

/// brat warns about two triggers with the same fragments and type.
fn duplicate_triggers(parsed: &[(usize, AnnLine)], conf: &Conf, problems: &mut Vec<String>) {
    let mut seen: HashMap<(Fragments, &str), &str> = HashMap::new();
    for (no, line) in parsed {
        if let AnnLine::Text { id, ty, frags, .. } = line
            && conf.is_event(ty)
        {
            let mut key = frags.clone();
            key.sort_unstable();
            key.dedup();
            if let Some(first) = seen.insert((key, ty.as_str()), id.as_str()) {
                problems.push(format!(
                    "line {no}: warning: triggers {first},{id} have identical span and type"
                ));
            }
        }
    }
}

/// brat's verifier allows entity spans (not triggers) to be identical, nested or crossing
/// only where an `<OVERLAP>` rule says so.
fn entity_overlaps(parsed: &[(usize, AnnLine)], conf: &Conf, problems: &mut Vec<String>) {
    let mut spans: Vec<(usize, usize, usize, &str, &str)> = parsed
        .iter()
        .filter_map(|(no, l)| match l {
            AnnLine::Text { id, ty, frags, .. } if conf.entities.contains(ty) => {
                let start = frags.iter().map(|f| f.0).min()?;
                let end = frags.iter().map(|f| f.1).max()?;
                Some((start, end, *no, ty.as_str(), id.as_str()))
            }
            _ => None,
        })
        .collect();
    spans.sort_unstable();
    for (i, a) in spans.iter().enumerate() {
        for b in &spans[i + 1..] {
            if b.0 >= a.1 {
                break;
            }
            let kind = if (a.0, a.1) == (b.0, b.1) {
                "equal"
            } else if (a.0 <= b.0 && b.1 <= a.1) || (b.0 <= a.0 && a.1 <= b.1) {
                "contain"
            } else {
                "cross"
            };
            if !conf.overlap_allowed(a.3, b.3, kind) {
                problems.push(format!(
                    "line {}: {} and {} overlap ({kind}) without an <OVERLAP> rule allowing it",
                    b.2, a.4, b.4
                ));
            }
        }
    }
}
