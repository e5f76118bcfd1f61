//! Colour themes: semantic styles (span kinds, selection, status...) read from RON files.
//! `dark` (default), `light` and `high-contrast` are embedded from `themes/*.ron`; a user theme
//! file overlays the dark theme field by field, so it may set only what it changes.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::config::error::ConfigError;

/// Built-in themes: (name, RON text).
pub const BUILTIN: [(&str, &str); 3] = [
    ("dark", include_str!("../../themes/dark.ron")),
    ("light", include_str!("../../themes/light.ron")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.ron"),
    ),
];

/// A colour as written in theme files: `"cyan"`, `"#ffd75f"`, `"208"`, `"reset"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ColorSpec(Color);

impl<'de> Deserialize<'de> for ColorSpec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Color::from_str(&text).map(ColorSpec).map_err(|_| {
            serde::de::Error::custom(format!(
                "unknown colour `{text}` (use a name like \"cyan\", \"#rrggbb\" or 0-255)"
            ))
        })
    }
}

/// One style in a theme file; unset fields keep the base style's.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct StyleSpec {
    fg: Option<ColorSpec>,
    bg: Option<ColorSpec>,
    bold: Option<bool>,
    italic: Option<bool>,
    underline: Option<bool>,
    reversed: Option<bool>,
}

impl StyleSpec {
    fn apply(&self, mut style: Style) -> Style {
        if let Some(c) = self.fg {
            style = style.fg(c.0);
        }
        if let Some(c) = self.bg {
            style = style.bg(c.0);
        }
        for (flag, modifier) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underline, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
        ] {
            style = match flag {
                Some(true) => style.add_modifier(modifier),
                Some(false) => style.remove_modifier(modifier),
                None => style,
            };
        }
        style
    }
}

macro_rules! theme_fields {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// Every style the screens use, by meaning.
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct Theme {
            /// Theme name (shown in help).
            pub name: String,
            $($(#[$doc])* pub $name: Style,)*
        }

        #[derive(Debug, Default, Deserialize)]
        #[serde(default, deny_unknown_fields)]
        struct ThemeFile {
            name: Option<String>,
            $($name: Option<StyleSpec>,)*
        }

        impl ThemeFile {
            fn apply(&self, mut theme: Theme) -> Theme {
                if let Some(name) = &self.name {
                    theme.name.clone_from(name);
                }
                $(if let Some(spec) = &self.$name {
                    theme.$name = spec.apply(theme.$name);
                })*
                theme
            }
        }
    };
}

theme_fields! {
    /// Article and pane text.
    text,
    /// Secondary text (ids, hints, definitions).
    dim,
    /// Pane borders.
    border,
    /// Border of the focused pane.
    border_focus,
    /// Pane titles.
    title,
    /// Gutter mark of the current paragraph.
    current_mark,
    /// Gutter mark of a paragraph marked done.
    done_mark,
    /// The text selection.
    selection,
    /// Speaker mentions.
    speaker,
    /// Cues.
    cue,
    /// Claims.
    claim,
    /// Claims nested in another claim.
    claim_nested,
    /// Spans of kinds the theme has no colour for.
    other_span,
    /// The selected record, in the text and in the list.
    record_selected,
    /// Search matches.
    search_match,
    /// Control characters shown as placeholders.
    placeholder,
    /// Status bar.
    status,
    /// Status bar: saved.
    status_ok,
    /// Status bar and banners: errors.
    error,
    /// Keys in help and hints.
    key,
    /// The highlighted item of a list or picker.
    list_selected,
    /// Corpus list: an article whose paragraphs are all done.
    progress_done,
    /// Corpus list: an article in progress.
    progress_started,
    /// Corpus list: an article not started.
    progress_todo,
    /// Review: every annotator marked it the same way.
    review_agree,
    /// Review: only the first annotator (A) marked it.
    review_only_a,
    /// Review: only the second annotator (B) marked it.
    review_only_b,
    /// Review (three or more annotators): marked by some, not all, and not only A or B.
    review_partial,
    /// Review: everyone marked it, with different boundaries or labels.
    review_conflict,
    /// Review: a value that differs between the annotators' versions.
    review_diff,
    /// Spans placed again by approximate search, until the annotator confirms them.
    fuzzy,
    /// A suggested speaker mention (a ghost: not a record until accepted).
    ghost_speaker,
    /// A suggested cue.
    ghost_cue,
    /// A suggested claim.
    ghost_claim,
    /// Patched over the ghosts of the selected suggestion.
    ghost_selected,
}

impl Theme {
    /// The built-in dark theme.
    ///
    /// # Panics
    /// Never in a released build: a unit test parses every embedded theme.
    #[must_use]
    #[allow(clippy::expect_used)]
    pub fn dark() -> Self {
        Self::builtin("dark").expect("embedded themes are checked by tests")
    }

    /// A built-in theme by name.
    #[must_use]
    pub fn builtin(name: &str) -> Option<Self> {
        let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
        Self::parse_over(Self::default(), text, name).ok()
    }

    /// Parse a theme file over the dark theme.
    ///
    /// # Errors
    /// [`ConfigError::At`] with the line and column of the problem.
    pub fn parse(text: &str, path: &str) -> Result<Self, ConfigError> {
        Self::parse_over(Self::dark(), text, path)
    }

    fn parse_over(base: Theme, text: &str, path: &str) -> Result<Self, ConfigError> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let file: ThemeFile = options
            .from_str(text)
            .map_err(|e| ConfigError::from_ron(path, &e))?;
        Ok(file.apply(base))
    }

    /// The ghost style of a suggested span of `kind`.
    #[must_use]
    pub fn ghost(&self, kind: &str) -> Style {
        match kind {
            "Speaker" => self.ghost_speaker,
            "Cue" => self.ghost_cue,
            _ => self.ghost_claim,
        }
    }

    /// The style of a span of `kind` at nesting `depth` (0 = outermost claim).
    #[must_use]
    pub fn span(&self, kind: &str, depth: usize) -> Style {
        match kind {
            "Speaker" => self.speaker,
            "Cue" => self.cue,
            "Claim" if depth > 0 => self.claim_nested,
            "Claim" => self.claim,
            _ => self.other_span,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_theme_parses_and_differs() {
        let themes: Vec<Theme> = BUILTIN
            .iter()
            .map(|(name, text)| {
                Theme::parse_over(Theme::default(), text, name).expect("builtin theme parses")
            })
            .collect();
        for t in &themes {
            assert_ne!(
                t.speaker, t.claim,
                "{}: speaker and claim must differ",
                t.name
            );
            assert_ne!(t.cue, t.claim, "{}", t.name);
            assert_ne!(t.selection, Style::default(), "{}", t.name);
            // Ghosts are set, differ from one another and from the records they suggest.
            let ghosts = [
                t.ghost_speaker,
                t.ghost_cue,
                t.ghost_claim,
                t.ghost_selected,
            ];
            for (i, g) in ghosts.iter().enumerate() {
                assert_ne!(*g, Style::default(), "{}: ghost colour {i} set", t.name);
                for h in &ghosts[i + 1..] {
                    assert_ne!(g, h, "{}: ghost colours must differ", t.name);
                }
            }
            assert_ne!(t.ghost_speaker, t.speaker, "{}", t.name);
            assert_ne!(t.ghost_cue, t.cue, "{}", t.name);
            assert_ne!(t.ghost_claim, t.claim, "{}", t.name);
            let review = [
                t.review_agree,
                t.review_only_a,
                t.review_only_b,
                t.review_partial,
                t.review_conflict,
            ];
            for (i, a) in review.iter().enumerate() {
                assert_ne!(*a, Style::default(), "{}: review colour {i} set", t.name);
                for b in &review[i + 1..] {
                    assert_ne!(a, b, "{}: review colours must differ", t.name);
                }
            }
        }
        assert_ne!(themes[0], themes[1]);
    }

    #[test]
    fn user_theme_overlays_dark_and_reports_positions() {
        let theme = Theme::parse("(speaker: (fg: \"#ff0000\"))", "mine.ron").expect("parses");
        assert_eq!(theme.speaker.fg, Some(Color::Rgb(255, 0, 0)));
        assert_eq!(theme.claim, Theme::dark().claim);
        let err =
            Theme::parse("(\n speaker: (fg: \"blurple\"),\n)", "mine.ron").expect_err("bad colour");
        assert!(err.to_string().starts_with("mine.ron:2:"), "{err}");
        let err = Theme::parse("(speeker: (fg: \"red\"))", "mine.ron").expect_err("typo");
        assert!(err.to_string().starts_with("mine.ron:1:"), "{err}");
    }
}
