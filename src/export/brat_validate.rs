//! A validator of brat standoff files holding them to what brat's own code enforces
//! (export-targets.md §2a): the line rules of its parser (`server/src/annotation.py`: TAB after
//! the id, id syntax, unique ids, known id letters, `T` fragments as integers with
//! `0 <= start <= end <= len(text)` that do not overlap (by brat's own test), the `T` text equal to the
//! fragments' text joined by one space, `R` with exactly two distinct roles, `A`/`M`/`N`/`#`/`*`
//! field shapes, references to defined ids), its `.txt`/`.ann` reading (no CR in the text, no
//! character Python's `splitlines` breaks at inside a line) and, through
//! [`crate::export::brat_verify`], its sanity and verifier checks against `annotation.conf`.
//! Used by the tests on every brat export.

use std::collections::HashMap;
use std::path::Path;

use crate::export::brat_conf::Conf;
use crate::export::brat_lines::{AnnLine, is_line_break, parse_line};

/// Problems in one `.txt` + `.ann` pair, each as `line N: message` (line 0: the file).
/// brat's warnings (a trigger no event uses, duplicate triggers) say `warning:`.
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
                for m in line_shape(line, &parsed_line, &chars) {
                    problems.push(format!("line {no}: {m}"));
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
    }
    problems.extend(crate::export::brat_verify::verify(&parsed, &kinds, conf));
    problems
}

/// brat's id syntax for a reference: letters (or `#`), digits, anything.
fn is_id(id: &str) -> bool {
    let rest = id
        .strip_prefix('#')
        .unwrap_or_else(|| id.trim_start_matches(|c: char| c.is_ascii_alphabetic()));
    (id.starts_with('#') || rest.len() < id.len()) && rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Rules of brat's line parser that [`parse_line`] leaves to the validator.
fn line_shape(raw: &str, line: &AnnLine, chars: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    match line {
        AnnLine::Text { frags, text, .. } => {
            // brat's test against each earlier fragment: `end >= ostart and start < oend`.
            for (i, &(s, e)) in frags.iter().enumerate() {
                if frags[..i].iter().any(|&(os, oe)| e >= os && s < oe) {
                    out.push("fragments overlap or touch".to_owned());
                    break;
                }
            }
            if let Some(&(_, e)) = frags.iter().find(|&&(_, e)| e > chars.len()) {
                out.push(format!(
                    "offset {e} is past the end of the text ({})",
                    chars.len()
                ));
                return out;
            }
            let expected: Vec<String> = frags
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            let expected = expected.join(" ");
            if text.is_empty() && !expected.is_empty() {
                out.push("text-bound annotation missing text".to_owned());
            } else if *text != expected {
                out.push(format!(
                    "text {text:?} does not match marked span(s) {expected:?}"
                ));
            }
        }
        AnnLine::Attribute {
            id, target, value, ..
        } => {
            if !is_id(target) {
                out.push(format!("attribute target `{target}` is not an id"));
            }
            if id.starts_with('M') && value.is_some() {
                out.push("modifier (M) lines take `Name Target` only".to_owned());
            }
        }
        AnnLine::Note { target, .. } => {
            let data = raw.split('\t').nth(1).unwrap_or_default();
            if data.split_whitespace().count() != 2 || target.contains(char::is_whitespace) {
                out.push("note needs exactly `Type Target` before its TAB".to_owned());
            }
        }
        AnnLine::Event { .. } => {
            let head = raw.split('\t').nth(1).unwrap_or_default();
            let head = head.split(' ').next().unwrap_or_default();
            if head.matches(':').count() != 1 {
                out.push(format!("event head `{head}` is not Type:Trigger"));
            }
        }
        AnnLine::Equiv { ids, .. } => {
            if ids.is_empty() {
                out.push("equivalence without ids".to_owned());
            }
        }
        AnnLine::Relation { args, .. } => {
            if args.len() != 2 {
                out.push(format!(
                    "relation has {} arguments, needs exactly two",
                    args.len()
                ));
            } else if args[0].0 == args[1].0 {
                out.push("relation roles must differ".to_owned());
            }
        }
        AnnLine::Normalization { .. } => {}
    }
    out
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
    // Walked as every command walks a directory ([`crate::corpus::walk`]).
    let walk = crate::corpus::walk_files(dir, usize::MAX)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut problems = walk.problems;
    let files = walk
        .files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "ann"));
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
#[path = "brat_validate_tests.rs"]
mod tests;
