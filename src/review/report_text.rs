//! Plain-text rendering of agreement reports: aligned tables for people, with every figure
//! beside its counts and every undefined figure explained.

use std::fmt::Write as _;

use crate::review::corpus::CorpusReport;
use crate::review::report::{AgreementReport, AttrFigures, F1Summary};
use crate::review::stats::{Coefficient, Figure, Undefined};

/// Decimal places shown.
const DECIMALS: usize = 3;

/// Lay out rows of cells as columns separated by two spaces; the first column is left
/// aligned, the others right aligned.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let width = |c: usize| {
        rows.iter()
            .filter_map(|r| r.get(c))
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..cols).map(width).collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.chars().count());
            if c == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Collects the reasons of undefined figures shown as `n/a`: reason -> subject -> figures.
#[derive(Default)]
struct Notes(Vec<(Undefined, Vec<Subject>)>);

/// A subject (span kind, attribute) and the figures of it that are undefined.
type Subject = (String, Vec<String>);

impl Notes {
    fn figure(&mut self, subject: &str, what: &str, f: Figure) -> String {
        match f {
            Figure::Value(v) => format!("{v:.DECIMALS$}"),
            Figure::Undefined(u) => {
                let pos = self.0.iter().position(|(r, _)| *r == u).unwrap_or_else(|| {
                    self.0.push((u, Vec::new()));
                    self.0.len() - 1
                });
                let subjects = &mut self.0[pos].1;
                let at = subjects
                    .iter()
                    .position(|(s, _)| s == subject)
                    .unwrap_or_else(|| {
                        subjects.push((subject.to_owned(), Vec::new()));
                        subjects.len() - 1
                    });
                if !subjects[at].1.iter().any(|w| w == what) {
                    subjects[at].1.push(what.to_owned());
                }
                "n/a".to_owned()
            }
        }
    }

    fn f1(&mut self, subject: &str, what: &str, s: &F1Summary) -> String {
        let value = self.figure(subject, what, s.f1);
        match s.pairs.as_slice() {
            [one] => format!(
                "{value} ({}/{}/{})",
                one.counts.tp, one.counts.fp, one.counts.fn_
            ),
            _ => value,
        }
    }

    fn render(&self) -> String {
        let mut out = String::new();
        for (reason, subjects) in &self.0 {
            let _ = writeln!(out, "n/a: {reason}");
            for (subject, whats) in subjects {
                let _ = writeln!(out, "  {subject}: {}", whats.join(", "));
            }
        }
        out
    }
}

fn span_section(r: &AgreementReport, notes: &mut Notes) -> String {
    let mut header = vec!["Spans".to_owned()];
    header.extend(r.annotators.iter().cloned());
    let f1_titles = if r.annotators.len() == 2 {
        ["exact F1 (tp/fp/fn)", "overlap F1 (tp/fp/fn)"]
    } else {
        ["exact F1", "overlap F1"]
    };
    header.extend(
        f1_titles
            .iter()
            .chain(&["char F1", "unitized α"])
            .map(|s| (*s).to_owned()),
    );
    let mut rows = vec![header];
    for k in &r.spans {
        let mut row = vec![k.kind.clone()];
        row.extend(k.spans.iter().map(ToString::to_string));
        row.push(notes.f1(&k.kind, "exact F1", &k.exact));
        row.push(notes.f1(&k.kind, "overlap F1", &k.overlap));
        row.push(notes.figure(&k.kind, "char F1", k.chars.f1));
        row.push(notes.figure(&k.kind, "unitized α", k.unitized_alpha));
        rows.push(row);
    }
    let mut out = table(&rows);
    if r.annotators.len() > 2 {
        out.push_str("(F1 is the mean over annotator pairs; --json lists each pair)\n");
    }
    let triple = notes.f1("Attribution", "triple F1", &r.attribution);
    let _ = writeln!(out, "Attribution (claim, speaker entity, cue) F1: {triple}");
    let e = r.entities;
    let _ = writeln!(
        out,
        "Speaker entities: {} groups, {} one-to-one, {} split differently, {} unmatched",
        e.groups, e.one_to_one, e.split, e.unmatched
    );
    if r.orphaned_spans.iter().any(|&n| n > 0) {
        let list: Vec<String> = r
            .annotators
            .iter()
            .zip(&r.orphaned_spans)
            .filter(|(_, n)| **n > 0)
            .map(|(a, n)| format!("{a} {n}"))
            .collect();
        let _ = writeln!(out, "Orphaned spans left out: {}", list.join(", "));
    }
    out
}

fn coefficient(notes: &mut Notes, subject: &str, what: &str, c: Option<&Coefficient>) -> String {
    c.map_or_else(|| "-".to_owned(), |c| notes.figure(subject, what, c.value))
}

fn attr_rows(name: &str, on: &str, f: &AttrFigures, notes: &mut Notes, three: bool) -> Vec<String> {
    let n = f.alpha_nominal.n;
    let observed = notes.figure(name, "observed", f.alpha_nominal.observed);
    let kappa = if three {
        coefficient(notes, name, "Fleiss κ", f.fleiss_kappa.as_ref())
    } else {
        coefficient(notes, name, "Cohen κ", f.cohen_kappa.as_ref())
    };
    vec![
        name.to_owned(),
        on.to_owned(),
        n.to_string(),
        observed,
        kappa,
        notes.figure(name, "α nominal", f.alpha_nominal.value),
        coefficient(notes, name, "α ordinal", f.alpha_ordinal.as_ref()),
        coefficient(notes, name, "κ quadratic", f.weighted_kappa.as_ref()),
    ]
}

fn attr_section(r: &AgreementReport, notes: &mut Notes, high: bool) -> String {
    let three = r.annotators.len() > 2;
    let kappa = if three { "Fleiss κ" } else { "Cohen κ" };
    let title = if high {
        "Attribute (high conf.)"
    } else {
        "Attribute"
    };
    let mut rows = vec![
        [
            title,
            "on",
            "n",
            "observed",
            kappa,
            "α nominal",
            "α ordinal",
            "κ quadratic",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect::<Vec<_>>(),
    ];
    for a in &r.attributes {
        let f = if high { &a.high_confidence } else { &a.figures };
        let name = if high {
            format!("{} (high)", a.attribute)
        } else {
            a.attribute.clone()
        };
        rows.push(attr_rows(&name, &a.applies_to, f, notes, three));
    }
    table(&rows)
}

fn confusion_section(r: &AgreementReport) -> String {
    let mut out = String::new();
    for a in &r.attributes {
        for c in a.confusion.iter().flatten() {
            let used: Vec<usize> = (0..c.labels.len())
                .filter(|&i| {
                    c.matrix[i].iter().sum::<usize>() > 0 || c.matrix.iter().any(|row| row[i] > 0)
                })
                .collect();
            let _ = writeln!(
                out,
                "\n{} (rows {}, columns {})",
                a.attribute, c.annotators[0], c.annotators[1]
            );
            if used.is_empty() {
                out.push_str("  no matched records\n");
                continue;
            }
            let mut rows = vec![
                std::iter::once(String::new())
                    .chain(used.iter().map(|&i| c.labels[i].clone()))
                    .collect::<Vec<_>>(),
            ];
            for &i in &used {
                rows.push(
                    std::iter::once(c.labels[i].clone())
                        .chain(used.iter().map(|&j| c.matrix[i][j].to_string()))
                        .collect(),
                );
            }
            out.push_str(&table(&rows));
        }
    }
    out
}

/// The values left at the schema default (unset, so not in the figures), per attribute and
/// annotator; empty when every value was chosen.
fn default_note(r: &AgreementReport) -> String {
    let parts: Vec<String> = r
        .attributes
        .iter()
        .filter(|a| a.left_at_default.iter().any(|&n| n > 0))
        .map(|a| {
            let who: Vec<String> = r
                .annotators
                .iter()
                .zip(&a.left_at_default)
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            format!("{} ({})", a.attribute, who.join(", "))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("left at default, not counted: {}\n", parts.join("; "))
    }
}

/// Render one agreement report.
#[must_use]
pub fn render_report(r: &AgreementReport) -> String {
    let mut notes = Notes::default();
    let mut out = span_section(r, &mut notes);
    out.push('\n');
    out.push_str(&attr_section(r, &mut notes, false));
    out.push_str(&default_note(r));
    // The high-confidence table only says something new when some record was not High.
    if r.attributes
        .iter()
        .any(|a| a.high_confidence.alpha_nominal.n != a.figures.alpha_nominal.n)
    {
        out.push('\n');
        out.push_str(&attr_section(r, &mut notes, true));
    }
    out.push_str(&confusion_section(r));
    if !notes.0.is_empty() {
        out.push('\n');
        out.push_str(&notes.render());
    }
    out
}

/// Render a corpus report: each document, the documents left out, and the pooled figures.
#[must_use]
pub fn render_corpus(c: &CorpusReport) -> String {
    let mut out = format!("Agreement of {}\n", c.annotators.join(", "));
    for d in &c.documents {
        let _ = writeln!(out, "\n=== {} ===", d.article.display());
        for (name, re) in c.annotators.iter().zip(&d.reanchored) {
            if !re.is_clean() {
                let _ = writeln!(
                    out,
                    "{name}: sidecar re-anchored to the current text ({} moved, {} fuzzy, {} orphaned)",
                    re.moved, re.fuzzy, re.orphaned
                );
            }
        }
        out.push_str(&render_report(&d.agreement));
    }
    if let Some(corpus) = &c.corpus
        && c.documents.len() > 1
    {
        let _ = writeln!(
            out,
            "\n=== corpus: {} documents pooled ===",
            c.documents.len()
        );
        out.push_str(&render_report(corpus));
    }
    if let Some(by) = &c.by_origin {
        out.push_str(&render_by_origin(&c.annotators, by));
    }
    if c.documents.is_empty() {
        out.push_str("\nNo document has a sidecar of every annotator.\n");
    }
    if !c.skipped.is_empty() {
        out.push_str("\nLeft out (missing sidecars):\n");
        for s in &c.skipped {
            let _ = writeln!(
                out,
                "  {} (no sidecar of {})",
                s.article.display(),
                s.missing.join(", ")
            );
        }
    }
    if !c.unannotated.is_empty() {
        out.push_str("\nNot annotated by any of them:\n");
        for p in &c.unannotated {
            let _ = writeln!(out, "  {}", p.display());
        }
    }
    out
}

/// The figures of suggested and hand-made records apart, with how many of each there are.
fn render_by_origin(annotators: &[String], by: &crate::review::origin::ByOrigin) -> String {
    let mut out = String::from("\n=== by origin ===\n");
    for (name, n) in annotators.iter().zip(&by.records) {
        let _ = writeln!(
            out,
            "{name}: {} spans and {} attributions from suggestions, {} spans and {} attributions by hand",
            n.suggested_spans,
            n.suggested_attributions,
            n.hand_made_spans,
            n.hand_made_attributions
        );
    }
    for (label, report) in [
        (
            "where suggestions were accepted (suggested spans and what others marked over them)",
            &by.suggested,
        ),
        ("everywhere else (hand-made)", &by.hand_made),
    ] {
        let _ = writeln!(out, "\n--- {label} ---");
        if let Some(r) = report {
            out.push_str(&render_report(r));
        }
    }
    out
}
