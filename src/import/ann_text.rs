//! Reading `.ann` bytes as lines: a line that is not UTF-8 is reported with its number and
//! left out, so the rest of the file still imports and line numbers stay those of the file.

/// The file's text with every non-UTF-8 line emptied, and a `label:line: message` warning
/// for each such line.
#[must_use]
pub fn decode(bytes: &[u8], label: &str) -> (String, Vec<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_owned(), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len());
    let mut warnings = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line) {
            Ok(line) => text.push_str(line),
            Err(e) => warnings.push(format!(
                "{label}:{}: not valid UTF-8 (byte {}); line not imported",
                i + 1,
                e.valid_up_to() + 1
            )),
        }
    }
    (text, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_and_emptied() {
        let (text, warnings) = decode(b"T1\tA 0 1\tx\nT2\tA \xff\nT3\tA 0 1\tx", "f.ann");
        assert_eq!(text, "T1\tA 0 1\tx\n\nT3\tA 0 1\tx");
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("f.ann:2: not valid UTF-8"),
            "{warnings:?}"
        );
    }
}
