//! Approximate string matching for re-anchoring: where does a quote occur in a text with at
//! most `k` edits (insertions, deletions, substitutions of Unicode scalar values)?
//!
//! Sellers' dynamic programme (semi-global edit distance) finds the end positions, then a
//! second, end-anchored programme over the reversed strings finds each match's start, as
//! `approx-string-match` does for Hypothesis. Cost is O(m·n) for a quote of m characters and a
//! window of n; callers bound n (see [`window_for`]) so even a 10 MB paragraph stays cheap.

/// Budget of DP cells for one approximate search (quote length × window length).
pub const CELL_BUDGET: usize = 8_000_000;

/// Longest quote that is searched approximately; longer quotes are only found exactly.
pub const MAX_FUZZY_QUOTE: usize = 4096;

/// Most candidate end positions examined per search.
const MAX_CANDIDATES: usize = 16;

/// One approximate occurrence: `[start, end)` in characters of the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Start offset (inclusive).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
    /// Edit distance between the quote and `text[start..end]`.
    pub errors: usize,
}

/// Hypothesis' error bound: `min(256, len / 2)`.
#[must_use]
pub fn max_errors(quote_len: usize) -> usize {
    (quote_len / 2).min(256)
}

/// The character window `[lo, hi)` of a region `[region_lo, region_hi)` to search for a quote
/// of `quote_len` characters expected near `hint`: the whole region when it fits the cell
/// budget, otherwise a slice of it centred on the hint.
#[must_use]
pub fn window_for(
    region_lo: usize,
    region_hi: usize,
    hint: usize,
    quote_len: usize,
) -> (usize, usize) {
    let width = (CELL_BUDGET / quote_len.max(1)).max(2 * quote_len + 2 * max_errors(quote_len));
    if region_hi.saturating_sub(region_lo) <= width {
        return (region_lo, region_hi);
    }
    let half = width / 2;
    let centre = hint.clamp(region_lo, region_hi);
    let lo = centre.saturating_sub(half).max(region_lo);
    let hi = (lo + width).min(region_hi);
    (hi.saturating_sub(width).max(region_lo), hi)
}

/// Approximate occurrences of `pattern` in `text` with at most `k` errors, best first
/// (fewest errors, then earliest). At most a handful are returned: local minima only.
#[must_use]
pub fn search(pattern: &[char], text: &[char], k: usize) -> Vec<Match> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return Vec::new();
    }
    // column[i] = fewest errors matching pattern[..i] so that it ends at the current text char.
    let mut column: Vec<usize> = (0..=m).collect();
    let mut ends: Vec<(usize, usize)> = Vec::new(); // (errors, end)
    // Scores at the previous two text positions; an end is kept when it is a local minimum
    // (strictly below the one before, not above the one after), so a plateau yields one end.
    let (mut before, mut prev) = (usize::MAX, usize::MAX);
    for (j, &tc) in text.iter().enumerate() {
        let mut diag = 0; // column[i-1] at the previous text position; row 0 is free
        for i in 1..=m {
            let above = column[i];
            let sub = diag + usize::from(pattern[i - 1] != tc);
            column[i] = sub.min(above + 1).min(column[i - 1] + 1);
            diag = above;
        }
        let score = column[m];
        // `prev` is the score of a match ending just before character j (end offset j).
        if prev <= k && prev < before && prev <= score {
            ends.push((prev, j));
        }
        before = prev;
        prev = score;
    }
    if prev <= k && prev < before {
        ends.push((prev, text.len()));
    }
    ends.sort_unstable();
    ends.truncate(MAX_CANDIDATES);
    let mut out: Vec<Match> = ends
        .into_iter()
        .map(|(errors, end)| {
            let start = find_start(pattern, text, end, k);
            Match { start, end, errors }
        })
        .collect();
    out.sort_by_key(|m| (m.errors, m.start));
    out.dedup_by_key(|m| (m.start, m.end));
    out
}

/// The start of the best match of `pattern` that ends at `end`: edit distance of the pattern
/// against every suffix of `text[..end]` no longer than `m + k`, computed on the reversed strings.
fn find_start(pattern: &[char], text: &[char], end: usize, k: usize) -> usize {
    let m = pattern.len();
    let reach = (m + k).min(end);
    // row[j] = distance between the reversed pattern prefix and the last j chars before `end`.
    let mut row: Vec<usize> = (0..=reach).collect();
    for (i, &pc) in pattern.iter().rev().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for j in 1..=reach {
            let tc = text[end - j];
            let sub = diag + usize::from(pc != tc);
            let best = sub.min(row[j] + 1).min(row[j - 1] + 1);
            diag = row[j];
            row[j] = best;
        }
    }
    // Fewest errors; among equals, the length closest to the pattern's.
    let best_len = (0..=reach)
        .min_by_key(|&j| (row[j], j.abs_diff(m)))
        .unwrap_or(m.min(end));
    end - best_len
}

/// Plain Levenshtein distance over Unicode scalar values (for short context strings).
#[must_use]
pub fn levenshtein(a: &[char], b: &[char]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ac) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &bc) in b.iter().enumerate() {
            let best = (diag + usize::from(ac != bc))
                .min(row[j + 1] + 1)
                .min(row[j] + 1);
            diag = row[j + 1];
            row[j + 1] = best;
        }
    }
    row[b.len()]
}

/// Similarity of two strings in 0..=1: `1 − distance / expected.len()` (1 for an empty
/// expectation, as Hypothesis treats a missing prefix or suffix).
#[must_use]
pub fn similarity(expected: &[char], found: &[char]) -> f64 {
    if expected.is_empty() {
        return 1.0;
    }
    let d = levenshtein(expected, found);
    1.0 - (d as f64 / expected.len() as f64).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_an_edited_quote_with_its_boundaries() {
        let text = chars("Officials said that the bridge is quite safe to cross, again.");
        let found = search(&chars("the bridge is safe to cross"), &text, 13);
        let best = found.first().expect("a match");
        let got: String = text[best.start..best.end].iter().collect();
        assert_eq!(got, "the bridge is quite safe to cross");
        assert_eq!(best.errors, 6);
    }

    #[test]
    fn exact_occurrence_has_no_errors_and_astral_chars_count_once() {
        let text = chars("a 👩‍👩‍👧 b “q” 漢字 end");
        let found = search(&chars("“q” 漢字"), &text, 3);
        let best = found.first().expect("a match");
        assert_eq!(best.errors, 0);
        assert_eq!((best.start, best.end), (10, 16));
    }

    #[test]
    fn nothing_within_the_bound() {
        assert!(search(&chars("zzzzzz"), &chars("abcdefgh"), 2).is_empty());
    }

    #[test]
    fn levenshtein_and_similarity() {
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("ab")), 2);
        assert!((similarity(&chars("abcd"), &chars("abcd")) - 1.0).abs() < 1e-9);
        assert!((similarity(&[], &chars("x")) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn window_is_bounded_and_contains_the_hint() {
        let (lo, hi) = window_for(0, 10_000_000, 5_000_000, 100);
        assert!(hi - lo <= CELL_BUDGET / 100);
        assert!((lo..hi).contains(&5_000_000));
        assert_eq!(window_for(10, 500, 0, 100), (10, 500));
    }
}
