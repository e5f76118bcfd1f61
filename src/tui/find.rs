//! Text search as the annotator expects it: smart case (all lower case matches any case; an
//! upper-case letter makes the search exact about case) and curly or straight quotes alike
//! (`'` finds `’` and `‘`, `"` finds `“` and `”`). Matches are found in byte offsets of the
//! article text; every folded character stays one character, so a match is as many
//! characters long as the search text.

/// A search text prepared for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    chars: Vec<char>,
    ignore_case: bool,
}

/// Quotes and apostrophes folded to their straight form.
fn fold_quote(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '`' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        _ => c,
    }
}

/// `c` lower-cased when that gives one character (else unchanged, so lengths stay equal).
fn lower(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

impl Needle {
    /// Prepare `text`; `None` when it is empty.
    #[must_use]
    pub fn new(text: &str) -> Option<Self> {
        if text.is_empty() {
            return None;
        }
        let ignore_case = !text.chars().any(char::is_uppercase);
        let chars = text.chars().map(|c| Self::fold(c, ignore_case)).collect();
        Some(Self { chars, ignore_case })
    }

    fn fold(c: char, ignore_case: bool) -> char {
        let c = fold_quote(c);
        if ignore_case { lower(c) } else { c }
    }

    /// Characters in a match.
    #[must_use]
    pub fn char_len(&self) -> usize {
        self.chars.len()
    }

    /// Does the needle match `text` at byte `at`?
    fn matches_at(&self, text: &str, at: usize) -> bool {
        let mut hay = text[at..].chars();
        self.chars.iter().all(|&n| {
            hay.next()
                .is_some_and(|h| Self::fold(h, self.ignore_case) == n)
        })
    }

    /// The first match starting at byte `from` or later.
    #[must_use]
    pub fn find_from(&self, text: &str, from: usize) -> Option<usize> {
        let from = (from..=text.len()).find(|&b| text.is_char_boundary(b))?;
        let first = self.chars[0];
        text[from..]
            .char_indices()
            .filter(|&(_, c)| Self::fold(c, self.ignore_case) == first)
            .map(|(b, _)| from + b)
            .find(|&b| self.matches_at(text, b))
    }

    /// The last match starting before byte `before`.
    #[must_use]
    pub fn rfind_before(&self, text: &str, before: usize) -> Option<usize> {
        let before = before.min(text.len());
        let first = self.chars[0];
        text[..before]
            .char_indices()
            .rev()
            .filter(|&(_, c)| Self::fold(c, self.ignore_case) == first)
            .map(|(b, _)| b)
            .find(|&b| self.matches_at(text, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(needle: &str, text: &str) -> Option<usize> {
        Needle::new(needle)?.find_from(text, 0)
    }

    #[test]
    fn smart_case() {
        assert_eq!(find("union", "The Union said"), Some(4));
        assert_eq!(find("Union", "the union, the Union"), Some(15));
        assert_eq!(find("The union", "the Union"), None);
    }

    #[test]
    fn quotes_fold_both_ways() {
        assert_eq!(find("workers'", "Dockworkers’ Union"), Some(4));
        assert_eq!(find("“fragile”", "are \"fragile\" and"), Some(4));
        assert_eq!(find("\"fragile\"", "are “fragile” and"), Some(4));
    }

    #[test]
    fn multibyte_text_and_backwards() {
        let text = "林美华 said, 林美华 added";
        let n = Needle::new("林美华").expect("needle");
        assert_eq!(
            n.find_from(text, 1),
            Some(text.find(", ").expect("comma") + 2)
        );
        assert_eq!(n.rfind_before(text, text.len()), Some(16));
        assert_eq!(n.rfind_before(text, 16), Some(0));
        assert_eq!(n.char_len(), 3);
        // Lower-casing that would change the length keeps the character.
        assert_eq!(find("i̇", "İ"), None);
    }
}
