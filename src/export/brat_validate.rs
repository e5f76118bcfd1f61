//! A validator of brat standoff files enforcing the reference parser's rules
//! (export-targets.md §2a): TAB/space structure, unique ids, existing references, relations
//! with two distinct roles, offsets inside the text, `T` text equal to the fragments' text
//! joined by one space, no CR in `.txt`, and types and attribute values declared in
//! `annotation.conf`. Used by the tests on every brat export.

use std::collections::HashMap;
use std::path::Path;

use crate::export::brat_conf::Conf;
use crate::export::brat_lines::{AnnLine, is_line_break, parse_line};

/// Problems in one `.txt` + `.ann` pair, each as `line N: message` (line 0: the file).
#[must_use]
pub fn validate(txt: &str, ann: &str, conf: &Conf) -> Vec<String> {
    let mut problems = Vec::new();
    if txt.contains('\r') {
        problems.push("line 0: .txt contains CR; brat offsets would shift".to_owned());
    }
    let chars: Vec<char> = txt.chars().collect();
    let mut parsed: Vec<(usize, AnnLine)> = Vec::new();
    let mut kinds: HashMap<String, AnnLine> = HashMap::new();
    if !ann.is_empty() && !ann.ends_with('\n') {
        problems.push("line 0: .ann does not end with a newline".to_owned());
    }
    let lines: Vec<&str> = ann.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let no = i + 1;
        if line.is_empty() {
            // The text after the final newline is empty by construction.
            if i + 1 < lines.len() {
                problems.push(format!("line {no}: empty line"));
            }
            continue;
        }
        if line.chars().any(is_line_break) {
            problems.push(format!("line {no}: contains a line break character"));
            continue;
        }
        match parse_line(line) {
            Ok(parsed_line) => {
                if let Some(id) = parsed_line.id() {
                    if kinds.contains_key(id) {
                        problems.push(format!("line {no}: duplicate id {id}"));
                    }
                    kinds.insert(id.to_owned(), parsed_line.clone());
                }
                parsed.push((no, parsed_line));
            }
            Err(message) => problems.push(format!("line {no}: {message}: {line}")),
        }
    }
    for (no, line) in &parsed {
        for id in line.references() {
            if !kinds.contains_key(id) {
                problems.push(format!("line {no}: refers to unknown id {id}"));
            }
        }
        check_line(*no, line, &chars, conf, &kinds, &mut problems);
    }
    problems
}

fn check_line(
    no: usize,
    line: &AnnLine,
    chars: &[char],
    conf: &Conf,
    kinds: &HashMap<String, AnnLine>,
    problems: &mut Vec<String>,
) {
    let mut problem = |m: String| problems.push(format!("line {no}: {m}"));
    match line {
        AnnLine::Text {
            ty, frags, text, ..
        } => {
            if !conf.entities.contains(ty) && !conf.events.contains(ty) {
                problem(format!("type {ty} is not declared in annotation.conf"));
            }
            let mut sorted = frags.clone();
            sorted.sort_unstable();
            if sorted.windows(2).any(|w| w[0].1 > w[1].0) {
                problem("fragments overlap".to_owned());
            }
            if let Some(&(_, e)) = frags.iter().find(|&&(_, e)| e > chars.len()) {
                problem(format!(
                    "offset {e} is past the end of the text ({})",
                    chars.len()
                ));
                return;
            }
            let expected: Vec<String> = frags
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            let expected = expected.join(" ");
            if *text != expected {
                problem(format!(
                    "text {text:?} does not match marked span(s) {expected:?}"
                ));
            }
        }
        AnnLine::Event {
            ty, trigger, args, ..
        } => {
            if !conf.events.contains(ty) {
                problem(format!("event type {ty} is not declared"));
            }
            match kinds.get(trigger) {
                Some(AnnLine::Text { ty: t, .. }) if t == ty => {}
                Some(_) => problem(format!("trigger {trigger} is not a T of type {ty}")),
                None => {}
            }
            let mut roles: Vec<&str> = args.iter().map(|(r, _)| r.as_str()).collect();
            roles.sort_unstable();
            if roles.windows(2).any(|w| w[0] == w[1]) {
                problem("repeated role without a number".to_owned());
            }
        }
        AnnLine::Relation { ty, args, .. } => {
            match conf.relations.get(ty) {
                None => problem(format!("relation type {ty} is not declared")),
                Some(declared) => {
                    for (role, _) in args {
                        if !declared.contains(role) {
                            problem(format!("role {role} is not declared for {ty}"));
                        }
                    }
                }
            }
            if args.len() != 2 {
                problem(format!(
                    "relation has {} arguments, needs exactly two",
                    args.len()
                ));
            } else if args[0].0 == args[1].0 {
                problem("relation roles must differ".to_owned());
            }
        }
        AnnLine::Attribute {
            name,
            target,
            value,
            ..
        } => {
            match conf.attributes.get(name) {
                None => problem(format!("attribute {name} is not declared")),
                Some(values) => match (values, value) {
                    (Some(values), Some(v)) if !values.contains(v) => {
                        problem(format!("value {v} of {name} is not declared"));
                    }
                    (Some(_), None) => problem(format!("attribute {name} needs a value")),
                    (None, Some(v)) => problem(format!("binary attribute {name} has value {v}")),
                    _ => {}
                },
            }
            if matches!(kinds.get(target), Some(AnnLine::Relation { .. })) {
                problem(format!(
                    "attribute on relation {target}; brat does not support it"
                ));
            }
        }
        AnnLine::Normalization { .. } | AnnLine::Note { .. } | AnnLine::Equiv { .. } => {}
    }
}

/// Validate every `.ann` file under `dir` against `dir/annotation.conf`; problems are prefixed
/// with the file path.
///
/// # Errors
/// A message when the directory or a file cannot be read, or the conf is malformed.
pub fn validate_dir(dir: &Path) -> Result<Vec<String>, String> {
    let conf_path = dir.join("annotation.conf");
    let conf_text =
        std::fs::read_to_string(&conf_path).map_err(|e| format!("{}: {e}", conf_path.display()))?;
    let conf = Conf::parse(&conf_text).map_err(|e| format!("{}: {e}", conf_path.display()))?;
    let mut problems = Vec::new();
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "ann"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    for ann_path in files {
        let txt_path = ann_path.with_extension("txt");
        let read =
            |p: &Path| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()));
        let txt = read(&txt_path)?;
        let ann = read(&ann_path)?;
        for p in validate(&txt, &ann, &conf) {
            problems.push(format!("{}: {p}", ann_path.display()));
        }
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conf() -> Conf {
        Conf::parse(
            "[entities]\nSpeaker\nClaim\n[relations]\nAttributedTo\tArg1:Claim, Arg2:Speaker\n\
             [events]\nAttribution\tSource*:Speaker, Content:Claim\n\
             [attributes]\nStake\tArg:Attribution, Value:self|opponent\n",
        )
        .expect("conf")
    }

    #[test]
    fn accepts_a_valid_file() {
        let txt = "Ann said it rains.\nYes";
        let ann = "T1\tSpeaker 0 3\tAnn\nT2\tAttribution 4 8\tsaid\nT3\tClaim 9 17;19 22\tit rains Yes\n\
                   E1\tAttribution:T2 Source:T1 Content:T3\nA1\tStake E1 self\n#1\tAnnotatorNotes T3\tok\n";
        assert_eq!(validate(txt, ann, &conf()), Vec::<String>::new());
    }

    #[test]
    fn reports_each_rule() {
        let txt = "Ann said it.\r\n";
        let ann = "T1\tSpeaker 0 3\tBob\nT1\tPerson 0 99\tx\nR1\tAttributedTo Arg1:T1 Arg1:T9\n\
                   A1\tStake R1 maybe\nT5 Claim 0 1\tA\n";
        let problems = validate(txt, ann, &conf()).join("\n");
        for expected in [
            "CR",
            "does not match",
            "duplicate id T1",
            "not declared",
            "past the end",
            "roles must differ",
            "unknown id T9",
            "value maybe",
            "attribute on relation",
            "line 5: `T5 Claim 0 1` is not a valid id",
        ] {
            assert!(
                problems.contains(expected),
                "{expected} missing in:\n{problems}"
            );
        }
    }
}
