//! Fuzzing the loaders of user-supplied RON files: the schema, `config.ron` with `keymap.ron`,
//! themes and the suggester's lexicon, from arbitrary bytes and mutations of the shipped
//! files. Whatever the bytes: nothing panics; every error names the file, and a RON error its
//! `line:col`; a schema or lexicon that loads survives being written out and read again.

mod fuzz_support;

use std::path::Path;
use std::sync::LazyLock;

use fuzz_support::{Bytes, DEFAULT_CASES, inputs, names_line_col, run, seeds};
use marginalia::config::{ConfigError, Dirs, Theme};
use marginalia::model::Schema;
use marginalia::model::schema::SchemaError;
use marginalia::suggest::lexicon::{Lexicon, LexiconError};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "\\u{1F600}",
    "//",
    "/*",
    "*/",
    "r#\"",
    "\"#",
    "Some(",
    "None",
    "true",
    "false",
    "0",
    "1",
    "-1",
    "0.5",
    "1e999",
    "NaN",
    "inf",
    "#![enable(implicit_some)]",
    "\u{feff}",
    "\r\n",
    "\t",
    "\0",
    "“",
    "林",
    "👩\u{200d}👧",
    "e\u{301}",
    "'x'",
    "name: \"x\",",
    "key: 'c',",
    "key: \"c\",",
    "color: \"red\",",
    "fg: \"#ff00ff\",",
    "bg: \"rgb(1,2,3)\",",
    "\"ctrl-n\": next_paragraph,",
    "\"x\": delete,",
    "\"ctrl-\"",
    "\"alt-shift-f12\"",
    "\"space\"",
    "normal: {",
    "select: {",
    "review: {",
    "theme: \"light\",",
    "theme: \"/\",",
    "theme: \"../x.ron\",",
    "min_score: 2.0,",
    "annotator: \"a b\",",
    "suggestions: true,",
    "values: [],",
    "default: Some(\"x\"),",
];

const CONFIG_SEED: &str =
    "(annotator: \"alice\", theme: \"light\", suggestions: true, min_score: 0.6)\n";
const KEYMAP_SEED: &str = "(\n    normal: { \"ctrl-n\": next_paragraph, \"x\": delete, \"alt-f2\": top },\n    select: { \"m\": sel_grow_word },\n    corpus: { \"ctrl-o\": open_article },\n    review: { \"A\": take_a },\n)\n";

static SCHEMA: LazyLock<Schema> = LazyLock::new(Schema::default_schema);

fn schema_seeds() -> Vec<Vec<u8>> {
    seeds("src/model", ".schema.ron")
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    std::fs::write(path, bytes).map_err(|e| TestCaseError::fail(format!("{}: {e}", path.display())))
}

/// Names the file, with `line:col` when the RON parser complained.
fn located(message: &str, path: &str, ron_error: bool) -> Result<(), TestCaseError> {
    prop_assert!(message.starts_with(path), "does not name {path}: {message}");
    if ron_error {
        prop_assert!(names_line_col(message, path), "no line:col: {message}");
    }
    Ok(())
}

#[test]
fn fuzz_schema_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("fuzz.schema.ron");
    let shown = file.display().to_string();
    run(
        "schema",
        file!(),
        DEFAULT_CASES,
        inputs(schema_seeds(), TOKENS),
        |bytes| {
            write(&file, &bytes)?;
            match Schema::load(&file) {
                Ok(schema) => {
                    let text =
                        ron::to_string(&schema).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let back = Schema::parse(&text, "again");
                    prop_assert_eq!(
                        back.as_ref().ok(),
                        Some(&schema),
                        "{:?}",
                        back.as_ref().err()
                    );
                }
                Err(e) => located(
                    &e.to_string(),
                    &shown,
                    matches!(e, SchemaError::Parse { .. }),
                )?,
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_lexicon_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("fuzz.lexicon.ron");
    let shown = file.display().to_string();
    let seeds = seeds("src/suggest", ".lexicon.ron");
    run(
        "lexicon",
        file!(),
        DEFAULT_CASES / 2,
        inputs(seeds, TOKENS),
        |bytes| {
            write(&file, &bytes)?;
            match Lexicon::load(&file) {
                Ok(lexicon) => {
                    let text =
                        ron::to_string(&lexicon).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let back = Lexicon::parse(&text, "again");
                    prop_assert_eq!(
                        back.as_ref().ok(),
                        Some(&lexicon),
                        "{:?}",
                        back.as_ref().err()
                    );
                }
                Err(e) => located(
                    &e.to_string(),
                    &shown,
                    matches!(e, LexiconError::Parse { .. }),
                )?,
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_theme_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("fuzz-theme.ron");
    let shown = file.display().to_string();
    run(
        "theme",
        file!(),
        DEFAULT_CASES,
        inputs(seeds("themes", ".ron"), TOKENS),
        |bytes| {
            write(&file, &bytes)?;
            match marginalia::config::resolve_theme(&shown, None) {
                Ok(theme) => {
                    let _ = theme.span("Claim", 3);
                    let _ = theme.ghost("Speaker");
                }
                Err(e) => located(&e.to_string(), &shown, matches!(e, ConfigError::At { .. }))?,
            }
            // The same text given directly.
            if let Ok(text) = std::str::from_utf8(&bytes)
                && let Err(e) = Theme::parse(text, "t.ron")
            {
                located(&e.to_string(), "t.ron", matches!(e, ConfigError::At { .. }))?;
            }
            Ok(())
        },
    );
}

/// `config.ron` and `keymap.ron` in a config directory, one of them fuzzed.
#[test]
fn fuzz_config_and_keymap_loader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.ron");
    let keymap = dir.path().join("keymap.ron");
    let dirs = Dirs {
        config: Some(dir.path().to_owned()),
        data: None,
    };
    let seeds = vec![
        CONFIG_SEED.as_bytes().to_vec(),
        KEYMAP_SEED.as_bytes().to_vec(),
    ];
    let strategy = (inputs(seeds, TOKENS), any::<bool>());
    run(
        "config+keymap",
        file!(),
        DEFAULT_CASES,
        strategy,
        |(bytes, is_keymap): (Bytes, bool)| {
            let (fuzzed, fixed, fixed_text) = if is_keymap {
                (&keymap, &config, CONFIG_SEED)
            } else {
                (&config, &keymap, KEYMAP_SEED)
            };
            write(fuzzed, &bytes)?;
            write(fixed, fixed_text.as_bytes())?;
            let shown = fuzzed.display().to_string();
            match marginalia::config::load(&dirs, true, None, &SCHEMA) {
                Ok(settings) => {
                    prop_assert!((0.0..=1.0).contains(&settings.suggest.min_score));
                }
                // An error inside a theme file config.ron names is that file's.
                Err(ConfigError::At { path, .. }) if !is_keymap && path != shown => {
                    prop_assert!(path.ends_with(".ron"), "{path}");
                }
                Err(e) => located(&e.to_string(), &shown, matches!(e, ConfigError::At { .. }))?,
            }
            Ok(())
        },
    );
}

/// Found by fuzzing: a theme `config.ron` names that cannot be used (`theme: "\0light"`, or
/// one that does not exist) was reported without naming `config.ron`.
#[test]
fn a_bad_theme_name_is_reported_at_its_place_in_config_ron() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.ron");
    let dirs = Dirs {
        config: Some(dir.path().to_owned()),
        data: None,
    };
    for (text, line, col) in [
        ("(theme: \"nope\")", 1, 9),
        ("(\n  theme: \"\\u{0}light\",\n)", 2, 3),
    ] {
        std::fs::write(&config, text).expect("write");
        let message = marginalia::config::load(&dirs, true, None, &SCHEMA)
            .map(|_| ())
            .expect_err("bad theme")
            .to_string();
        let at = format!("{}:{line}:{col}: theme ", config.display());
        assert!(message.starts_with(&at), "{message}");
    }
}
