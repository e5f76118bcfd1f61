//! Shared machinery of the `fuzz_*` targets: a bounded run of a proptest strategy that counts
//! executions, arbitrary bytes, and structure-aware mutations of real files (byte flips,
//! insertions of format tokens, deletions, truncation, splicing from another seed, duplicated
//! and swapped lines, numbers replaced by huge ones, deep nesting).
//!
//! The number of cases per target is `MARGINALIA_FUZZ_CASES` (default [`DEFAULT_CASES`], so the
//! ordinary `cargo test` stays quick); `benches/fuzz.sh` runs them long in release. A failure is
//! shrunk and its seed kept in `tests/fuzz_*.proptest-regressions`, replayed on every run.
#![allow(dead_code)]

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence, TestRunner};

/// Cases per target in an ordinary test run.
pub const DEFAULT_CASES: u32 = 48;

/// Cases per target: `MARGINALIA_FUZZ_CASES`, else `default`.
#[must_use]
pub fn cases(default: u32) -> u32 {
    std::env::var("MARGINALIA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Run `test` on `cases` values of `strategy`, print `fuzz NAME: N executions ...` (what
/// `benches/fuzz.sh` collects) and fail with the shrunk input if any case failed or panicked.
pub fn run<S: Strategy>(
    name: &str,
    source_file: &'static str,
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S::Value: std::fmt::Debug,
{
    let config = Config {
        cases: cases(default_cases),
        source_file: Some(source_file),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        // Long runs on big inputs: do not stop at proptest's global-reject limits.
        max_global_rejects: u32::MAX,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let executions = AtomicU64::new(0);
    let start = Instant::now();
    let mut runner = TestRunner::new(config);
    let result = runner.run(&strategy, |value| {
        executions.fetch_add(1, Ordering::Relaxed);
        test(value)
    });
    let n = executions.load(Ordering::Relaxed);
    let secs = start.elapsed().as_secs_f64();
    let findings = usize::from(result.is_err());
    eprintln!(
        "fuzz {name}: {n} executions in {secs:.1} s ({:.0}/s), {findings} finding(s)",
        n as f64 / secs.max(1e-9)
    );
    if let Err(e) = result {
        panic!("fuzz {name}: {e}");
    }
}

/// Read every file of `dir` (relative to the crate) whose name ends with `suffix`, sorted.
#[must_use]
pub fn seeds(dir: &str, suffix: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// One change to a seed.
#[derive(Debug, Clone)]
pub enum Mutation {
    /// XOR one byte.
    Flip(Index, u8),
    /// Insert bytes (random or a token of the format).
    Insert(Index, Vec<u8>),
    /// Delete up to `n` bytes.
    Delete(Index, usize),
    /// Cut the file.
    Truncate(Index),
    /// Insert a stretch of another seed.
    Splice(Index, Index, Index, usize),
    /// Repeat a line (duplicated fields, records).
    DupLine(Index),
    /// Swap two lines.
    SwapLines(Index, Index),
    /// Replace a run of digits with a huge or odd number.
    Number(Index, &'static str),
    /// Open (and maybe close) brackets many levels deep.
    Nest(Index, u8, usize, bool),
    /// Replace a stretch of text with a string of random Unicode.
    Unicode(Index, usize, String),
}

/// Numbers that break parsers: past `u32`/`u64`, negative, float, hex, empty.
pub const NUMBERS: &[&str] = &[
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999999999999",
    "-1",
    "-0",
    "+1",
    "1e400",
    "0.5",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "00",
    "",
];

fn mutation(tokens: &'static [&'static str]) -> impl Strategy<Value = Mutation> {
    let token = prop::sample::select(tokens).prop_map(|t| t.as_bytes().to_vec());
    let bytes = prop_oneof![
        3 => token,
        1 => prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        3 => (any::<Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        4 => (any::<Index>(), bytes).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), any::<Index>(), any::<Index>(), 1usize..256)
            .prop_map(|(s, f, t, n)| Mutation::Splice(s, f, t, n)),
        2 => any::<Index>().prop_map(Mutation::DupLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        2 => (any::<Index>(), prop::sample::select(NUMBERS)).prop_map(|(i, n)| Mutation::Number(i, n)),
        1 => (any::<Index>(), prop::sample::select(&b"([{"[..]), 1usize..2000, any::<bool>())
            .prop_map(|(i, c, d, close)| Mutation::Nest(i, c, d, close)),
        2 => (any::<Index>(), 0usize..8, "\\PC{0,6}").prop_map(|(i, n, s)| Mutation::Unicode(i, n, s)),
    ]
}

fn line_ranges(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// Apply `m` to `data`; `others` are the seeds a splice takes from.
pub fn apply(data: &mut Vec<u8>, m: &Mutation, others: &[Vec<u8>]) {
    let len = data.len();
    let at = |i: &Index| if len == 0 { 0 } else { i.index(len + 1) };
    match m {
        Mutation::Flip(i, x) => {
            if len > 0 {
                data[i.index(len)] ^= x;
            }
        }
        Mutation::Insert(i, b) => {
            let p = at(i);
            data.splice(p..p, b.iter().copied());
        }
        Mutation::Delete(i, n) => {
            let p = at(i).min(len);
            data.drain(p..(p + n).min(len));
        }
        Mutation::Truncate(i) => data.truncate(at(i)),
        Mutation::Splice(s, f, t, n) => {
            let Some(src) = (!others.is_empty()).then(|| &others[s.index(others.len())]) else {
                return;
            };
            if src.is_empty() {
                return;
            }
            let from = f.index(src.len());
            let piece = src[from..(from + n).min(src.len())].to_vec();
            let p = at(t);
            data.splice(p..p, piece);
        }
        Mutation::DupLine(i) => {
            let lines = line_ranges(data);
            if !lines.is_empty() {
                let (a, b) = lines[i.index(lines.len())];
                let line = data[a..b].to_vec();
                data.splice(b..b, line);
            }
        }
        Mutation::SwapLines(x, y) => {
            let lines = line_ranges(data);
            if lines.len() > 1 {
                let (mut p, mut q) = (lines[x.index(lines.len())], lines[y.index(lines.len())]);
                if p.0 > q.0 {
                    std::mem::swap(&mut p, &mut q);
                }
                if p.1 <= q.0 {
                    let mut out = data[..p.0].to_vec();
                    out.extend_from_slice(&data[q.0..q.1]);
                    out.extend_from_slice(&data[p.1..q.0]);
                    out.extend_from_slice(&data[p.0..p.1]);
                    out.extend_from_slice(&data[q.1..]);
                    *data = out;
                }
            }
        }
        Mutation::Number(i, n) => {
            let runs: Vec<(usize, usize)> = digit_runs(data);
            if !runs.is_empty() {
                let (a, b) = runs[i.index(runs.len())];
                data.splice(a..b, n.bytes());
            }
        }
        Mutation::Nest(i, open, depth, close) => {
            let p = at(i);
            let closing = match open {
                b'(' => b')',
                b'[' => b']',
                _ => b'}',
            };
            let mut piece = vec![*open; *depth];
            if *close {
                piece.extend(std::iter::repeat_n(closing, *depth));
            }
            data.splice(p..p, piece);
        }
        Mutation::Unicode(i, n, s) => {
            let p = at(i).min(len);
            data.splice(p..(p + n).min(len), s.bytes());
        }
    }
}

fn digit_runs(data: &[u8]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < data.len() {
        if data[i].is_ascii_digit() {
            let start = i;
            while i < data.len() && data[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs
}

/// Fuzzer input: bytes shown as a byte string (`b"..."`) when a case fails.
#[derive(Clone, PartialEq, Eq)]
pub struct Bytes(pub Vec<u8>);

impl std::fmt::Debug for Bytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}

impl std::ops::Deref for Bytes {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

/// Inputs for a parser: arbitrary bytes, or a seed with up to six mutations (mostly).
pub fn inputs(
    seeds: Vec<Vec<u8>>,
    tokens: &'static [&'static str],
) -> impl Strategy<Value = Bytes> {
    let n = seeds.len();
    assert!(n > 0, "no seeds");
    let seeds = std::sync::Arc::new(seeds);
    let mutated =
        (0..n, prop::collection::vec(mutation(tokens), 0..6)).prop_map(move |(seed, mutations)| {
            let mut data = seeds[seed].clone();
            for m in &mutations {
                apply(&mut data, m, &seeds);
            }
            data
        });
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(prop::sample::select(tokens), 0..40)
            .prop_map(|t| t.concat().into_bytes()),
        8 => mutated,
    ]
    .prop_map(Bytes)
}

/// True when `message` starts `path:LINE:COL: ` (a RON error as users see it).
#[must_use]
pub fn names_line_col(message: &str, path: &str) -> bool {
    let Some(rest) = message.strip_prefix(path).and_then(|r| r.strip_prefix(':')) else {
        return false;
    };
    let mut parts = rest.splitn(3, ':');
    let line = parts.next().unwrap_or("");
    let col = parts.next().unwrap_or("");
    !line.is_empty()
        && !col.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && col.bytes().all(|b| b.is_ascii_digit())
        && line != "0"
        && col != "0"
}
