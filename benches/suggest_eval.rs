//! Evaluation of `marginalia suggest` against brat files with the PARC-style attribution
//! scheme (`Source`, `Cue`, `Content` spans and `Attribution` events, as in PolNeAR):
//! precision, recall and F1, exact and overlap, for cue, source and claim (content), and
//! attribution F1.
//!
//! Usage (through `benches/suggest-eval.sh DIR`):
//! `cargo bench --bench suggest_eval -- DIR [--errors N] [--min-score X] [--lexicon FILE]`
//! where DIR holds `text/<stem>.txt` and `attributions/<stem>_<annotator>.ann` (a PolNeAR
//! split directory), or `.txt` and `.ann` files side by side. Every `.ann` file is one gold
//! document. `--errors N` prints up to N missed and N spurious cues with their sentences (for
//! tuning; never on the split you report). Without DIR it prints this usage and exits 0, so a
//! plain `cargo bench` does not fail.
//!
//! Matching: spans are `[start, end)` document offsets in code points of the normalised text
//! (brat offsets on the raw file are mapped through BOM removal and CRLF -> LF). A gold
//! discontinuous span is one unit of several segments. Predictions are grouped by cue: the
//! parts of a split quotation are one predicted claim. Exact = same segments; overlap = any
//! segment of one overlaps any of the other; each gold unit matches at most one prediction.
//! An attribution matches when cue and claim overlap and the sources overlap (or both are
//! absent).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use marginalia::model::{Article, Schema};
use marginalia::suggest::{Lexicon, Suggester, Suggestion};

type Unit = Vec<(usize, usize)>;

#[derive(Default)]
struct Gold {
    cues: Vec<Unit>,
    sources: Vec<Unit>,
    contents: Vec<Unit>,
    /// (cue, source, content)
    attributions: Vec<(Unit, Option<Unit>, Unit)>,
}

#[derive(Default, Clone, Copy)]
struct Count {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl Count {
    fn add(&mut self, other: Count) {
        self.tp += other.tp;
        self.pred += other.pred;
        self.gold += other.gold;
    }

    fn prf(self) -> (f64, f64, f64) {
        let p = ratio(self.tp, self.pred);
        let r = ratio(self.tp, self.gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn overlaps(a: &Unit, b: &Unit) -> bool {
    a.iter()
        .any(|&(s1, e1)| b.iter().any(|&(s2, e2)| s1 < e2 && s2 < e1))
}

fn exact(a: &Unit, b: &Unit) -> bool {
    let mut x = a.clone();
    let mut y = b.clone();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// One-to-one greedy matching of predictions to gold units.
fn score(pred: &[Unit], gold: &[Unit], same: fn(&Unit, &Unit) -> bool) -> Count {
    let mut used = vec![false; gold.len()];
    let mut tp = 0;
    for p in pred {
        if let Some(g) = (0..gold.len()).find(|&g| !used[g] && same(p, &gold[g])) {
            used[g] = true;
            tp += 1;
        }
    }
    Count {
        tp,
        pred: pred.len(),
        gold: gold.len(),
    }
}

/// Map raw-file code point offsets to normalised offsets (BOM removed, CRLF/CR -> LF).
fn offset_map(raw: &str) -> Vec<usize> {
    let chars: Vec<char> = raw.chars().collect();
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut out = 0usize;
    for (i, &c) in chars.iter().enumerate() {
        map.push(out);
        let dropped = (i == 0 && c == '\u{feff}') || (c == '\r' && chars.get(i + 1) == Some(&'\n'));
        if !dropped {
            out += 1;
        }
    }
    map.push(out);
    map
}

fn parse_ann(text: &str, map: &[usize]) -> Gold {
    let mut spans: BTreeMap<&str, (&str, Unit)> = BTreeMap::new();
    let mut events = Vec::new();
    for line in text.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((kind, ranges)) = body.split_once(' ') else {
                continue;
            };
            let unit: Unit = ranges
                .split(';')
                .filter_map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    let a: usize = a.parse().ok()?;
                    let b: usize = b.parse().ok()?;
                    Some((*map.get(a)?, *map.get(b)?))
                })
                .collect();
            spans.insert(id, (kind, unit));
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut gold = Gold::default();
    for (kind, unit) in spans.values() {
        match *kind {
            "Cue" => gold.cues.push(unit.clone()),
            "Source" => gold.sources.push(unit.clone()),
            "Content" => gold.contents.push(unit.clone()),
            _ => {}
        }
    }
    for body in events {
        let mut cue = None;
        let mut source = None;
        let mut content = None;
        for arg in body.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let unit = spans.get(id).map(|(_, u)| u.clone());
            if role.starts_with("Cue") {
                cue = unit;
            } else if role.starts_with("Source") {
                source = unit;
            } else if role.starts_with("Content") {
                content = unit;
            }
        }
        if let (Some(cue), Some(content)) = (cue, content) {
            gold.attributions.push((cue, source, content));
        }
    }
    gold
}

/// Predictions grouped by cue: (cue, source, claim segments).
fn predictions(suggestions: &[Suggestion]) -> Vec<(Unit, Option<Unit>, Unit)> {
    let mut out: Vec<(Unit, Option<Unit>, Unit)> = Vec::new();
    for s in suggestions {
        let Some(cue) = &s.cue else { continue };
        let cue = vec![(cue.doc_start, cue.doc_end)];
        let source = s.source.as_ref().map(|x| vec![(x.doc_start, x.doc_end)]);
        let claim = s.claim.as_ref().map(|x| (x.doc_start, x.doc_end));
        if let Some(group) = out.iter_mut().find(|(c, _, _)| *c == cue) {
            group.2.extend(claim);
        } else {
            out.push((cue, source, claim.into_iter().collect()));
        }
    }
    out
}

/// Gold documents: (text path, ann path).
fn documents(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let (ann_dir, text_dir) = if dir.join("attributions").is_dir() {
        (dir.join("attributions"), dir.join("text"))
    } else {
        (dir.to_owned(), dir.to_owned())
    };
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(&ann_dir) else {
        return out;
    };
    let mut anns: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    for ann in anns {
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let direct = text_dir.join(format!("{stem}.txt"));
        let text = if direct.is_file() {
            direct
        } else if let Some((base, _annotator)) = stem.rsplit_once('_') {
            text_dir.join(format!("{base}.txt"))
        } else {
            continue;
        };
        if text.is_file() {
            out.push((text, ann));
        }
    }
    out
}

struct Options {
    dir: PathBuf,
    errors: usize,
    min_score: f64,
    lexicon: Option<PathBuf>,
}

fn options() -> Option<Options> {
    let mut args = std::env::args().skip(1).filter(|a| a != "--bench");
    let mut opts = Options {
        dir: PathBuf::new(),
        errors: 0,
        min_score: 0.0,
        lexicon: None,
    };
    let mut dir = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => opts.errors = args.next()?.parse().ok()?,
            "--min-score" => opts.min_score = args.next()?.parse().ok()?,
            "--lexicon" => opts.lexicon = Some(PathBuf::from(args.next()?)),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    opts.dir = dir?;
    Some(opts)
}

fn context(text: &str, unit: &Unit) -> String {
    let Some(&(s, e)) = unit.first() else {
        return String::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let a = s.saturating_sub(60);
    let b = (e + 60).min(chars.len());
    let pick = |x: usize, y: usize| {
        chars[x.min(chars.len())..y.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    format!("{}[{}]{}", pick(a, s), pick(s, e), pick(e, b)).replace('\n', " ")
}

fn main() {
    let Some(opts) = options() else {
        eprintln!(
            "usage: cargo bench --bench suggest_eval -- DIR [--errors N] [--min-score X] [--lexicon FILE]"
        );
        return;
    };
    let lexicon = match &opts.lexicon {
        Some(p) => match Lexicon::load(p) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        },
        None => Lexicon::builtin(),
    };
    let suggester = Suggester::new(lexicon);
    let schema = Schema::default_schema();
    let docs = documents(&opts.dir);
    if docs.is_empty() {
        eprintln!(
            "{}: no brat .ann files with their .txt found",
            opts.dir.display()
        );
        std::process::exit(2);
    }
    let names = ["cue", "source", "claim"];
    let mut ex = [Count::default(); 3];
    let mut ov = [Count::default(); 3];
    let mut attr = Count::default();
    let mut chars = 0usize;
    let mut busy = std::time::Duration::ZERO;
    let mut missed = Vec::new();
    let mut spurious = Vec::new();
    for (text_path, ann_path) in &docs {
        let (Ok(raw), Ok(ann)) = (
            std::fs::read_to_string(text_path),
            std::fs::read_to_string(ann_path),
        ) else {
            eprintln!("{}: cannot read", ann_path.display());
            continue;
        };
        let map = offset_map(&raw);
        let gold = parse_ann(&ann, &map);
        let Ok(article) = Article::from_text(text_path, &raw) else {
            continue;
        };
        let started = Instant::now();
        let mut suggestions = suggester.suggest(&article, &schema);
        busy += started.elapsed();
        chars += article.char_len();
        suggestions.retain(|s| s.score >= opts.min_score);
        let pred = predictions(&suggestions);
        let pred_cues: Vec<Unit> = pred.iter().map(|p| p.0.clone()).collect();
        let mut pred_sources: Vec<Unit> = pred.iter().filter_map(|p| p.1.clone()).collect();
        pred_sources.dedup();
        let pred_claims: Vec<Unit> = pred
            .iter()
            .map(|p| p.2.clone())
            .filter(|c| !c.is_empty())
            .collect();
        let golds = [&gold.cues, &gold.sources, &gold.contents];
        let preds = [&pred_cues, &pred_sources, &pred_claims];
        for k in 0..3 {
            ex[k].add(score(preds[k], golds[k], exact));
            ov[k].add(score(preds[k], golds[k], overlaps));
        }
        let mut used = vec![false; gold.attributions.len()];
        let mut tp = 0;
        for (cue, source, claim) in &pred {
            let hit = (0..gold.attributions.len()).find(|&g| {
                let (gc, gs, gt) = &gold.attributions[g];
                !used[g]
                    && overlaps(cue, gc)
                    && overlaps(claim, gt)
                    && match (source, gs) {
                        (Some(a), Some(b)) => overlaps(a, b),
                        (None, None) => true,
                        _ => false,
                    }
            });
            if let Some(g) = hit {
                used[g] = true;
                tp += 1;
            }
        }
        attr.add(Count {
            tp,
            pred: pred.len(),
            gold: gold.attributions.len(),
        });
        if opts.errors > 0 {
            let text = article.text();
            for g in &gold.cues {
                if !pred_cues.iter().any(|p| overlaps(p, g)) && missed.len() < opts.errors {
                    missed.push(context(text, g));
                }
            }
            for p in &pred_cues {
                if !gold.cues.iter().any(|g| overlaps(p, g)) && spurious.len() < opts.errors {
                    spurious.push(context(text, p));
                }
            }
        }
    }
    println!(
        "{} documents ({} articles' worth of text, {:.1} MB), suggester time {:.1} ms",
        docs.len(),
        docs.len(),
        chars as f64 / 1e6,
        busy.as_secs_f64() * 1e3
    );
    println!(
        "{:<12} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}",
        "", "exact P", "R", "F1", "overl P", "R", "F1"
    );
    for k in 0..3 {
        let (p, r, f) = ex[k].prf();
        let (op, or, of) = ov[k].prf();
        println!(
            "{:<12} {p:>7.3} {r:>7.3} {f:>7.3}   {op:>7.3} {or:>7.3} {of:>7.3}   (gold {}, predicted {})",
            names[k], ov[k].gold, ov[k].pred
        );
    }
    let (p, r, f) = attr.prf();
    println!(
        "{:<12} {:>7} {:>7} {:>7}   {p:>7.3} {r:>7.3} {f:>7.3}   (gold {}, predicted {})",
        "attribution", "", "", "", attr.gold, attr.pred
    );
    for m in &missed {
        println!("MISSED   {m}");
    }
    for s in &spurious {
        println!("SPURIOUS {s}");
    }
}
