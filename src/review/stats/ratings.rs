//! Reliability data: which category each coder gave each unit, with missing values allowed.
//! The input of every categorical coefficient (Cohen, Scott, Fleiss, Krippendorff).

/// Units x coders table of category indices (`None` = not coded by that coder).
///
/// Categories are indices into an ordered domain (for ordinal data the order matters: lowest
/// first, as the schema lists ordinal values).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ratings {
    categories: usize,
    coders: usize,
    units: Vec<Vec<Option<usize>>>,
    numeric: Option<Vec<f64>>,
}

impl Ratings {
    /// An empty table for `coders` coders over `categories` categories.
    #[must_use]
    pub fn new(categories: usize, coders: usize) -> Self {
        Self {
            categories,
            coders,
            units: Vec::new(),
            numeric: None,
        }
    }

    /// Build a table from label rows (one row per unit, one entry per coder) over `domain`.
    /// Labels outside the domain count as missing.
    #[must_use]
    pub fn from_labels(domain: &[&str], coders: usize, rows: &[Vec<Option<&str>>]) -> Self {
        let mut table = Self::new(domain.len(), coders);
        for row in rows {
            table.push(
                row.iter()
                    .map(|v| v.and_then(|v| domain.iter().position(|d| *d == v)))
                    .collect(),
            );
        }
        table
    }

    /// Build a table from coder-major integer data (`data[coder][unit]`, `None` = missing),
    /// the layout of `krippendorff.alpha(reliability_data=...)`. Category `i` is `domain[i]`.
    #[must_use]
    pub fn from_coder_rows(domain: &[i64], data: &[Vec<Option<i64>>]) -> Self {
        let coders = data.len();
        let units = data.iter().map(Vec::len).max().unwrap_or(0);
        let mut table = Self::new(domain.len(), coders);
        for u in 0..units {
            table.push(
                data.iter()
                    .map(|row| {
                        let v = row.get(u).copied().flatten()?;
                        domain.iter().position(|d| *d == v)
                    })
                    .collect(),
            );
        }
        // Interval and ratio distances use the numbers themselves.
        #[allow(clippy::cast_precision_loss)]
        table.set_numeric(domain.iter().map(|&d| d as f64).collect());
        table
    }

    /// Add one unit: one entry per coder. Missing entries are padded; entries beyond the
    /// coder count and categories outside the domain are treated as missing.
    pub fn push(&mut self, mut unit: Vec<Option<usize>>) {
        unit.resize(self.coders, None);
        for v in &mut unit {
            if v.is_some_and(|c| c >= self.categories) {
                *v = None;
            }
        }
        self.units.push(unit);
    }

    /// Append every unit of `other` (same domain and coders).
    pub fn extend(&mut self, other: &Self) {
        for unit in &other.units {
            self.push(unit.clone());
        }
    }

    /// Numeric values of the categories for interval and ratio distances (default: the
    /// category index, i.e. equally spaced ranks). Ignored if the length does not match.
    pub fn set_numeric(&mut self, values: Vec<f64>) {
        if values.len() == self.categories {
            self.numeric = Some(values);
        }
    }

    /// Number of categories in the domain.
    #[must_use]
    pub fn categories(&self) -> usize {
        self.categories
    }

    /// Number of coders.
    #[must_use]
    pub fn coders(&self) -> usize {
        self.coders
    }

    /// The units.
    #[must_use]
    pub fn units(&self) -> &[Vec<Option<usize>>] {
        &self.units
    }

    /// Numeric value of category `c`.
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn numeric(&self, c: usize) -> f64 {
        self.numeric
            .as_ref()
            .and_then(|v| v.get(c).copied())
            .unwrap_or(c as f64)
    }

    /// Pairs `(value of coder a, value of coder b)` over units both coded.
    #[must_use]
    pub fn pairs(&self, a: usize, b: usize) -> Vec<(usize, usize)> {
        self.units
            .iter()
            .filter_map(|u| Some(((*u.get(a)?)?, (*u.get(b)?)?)))
            .collect()
    }

    /// Keep only the units for which `keep(index)` is true.
    #[must_use]
    pub fn filter_units(&self, keep: impl Fn(usize) -> bool) -> Self {
        Self {
            units: self
                .units
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(*i))
                .map(|(_, u)| u.clone())
                .collect(),
            ..self.clone()
        }
    }

    /// Confusion matrix of coder `a` (rows) against coder `b` (columns).
    #[must_use]
    pub fn confusion(&self, a: usize, b: usize) -> Vec<Vec<usize>> {
        let mut m = vec![vec![0; self.categories]; self.categories];
        for (x, y) in self.pairs(a, b) {
            m[x][y] += 1;
        }
        m
    }
}
