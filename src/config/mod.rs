//! User configuration: `config.ron` (default annotator and theme), `keymap.ron` (key overlay)
//! and themes, all read and checked before the terminal is taken over. Anything wrong is a
//! [`ConfigError`] printed as `path:line:col: message`; nothing falls back silently.
//!
//! ```ron
//! // config.ron
//! (annotator: "alice", theme: "light", suggestions: true, min_score: 0.6)
//! ```

pub mod dirs;
pub mod error;
pub mod keychord;
pub mod keymap;
pub mod keys_doc;
pub mod theme;

use std::path::Path;

use serde::Deserialize;

pub use dirs::Dirs;
pub use error::ConfigError;
pub use keychord::{Key, KeyChord};
pub use keymap::{KeyMode, Keymap};
pub use theme::Theme;

use crate::model::Schema;

/// What `config.ron` may say.
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ConfigFile {
    /// Default annotator name (after `--annotator`, before `$USER`).
    pub annotator: Option<String>,
    /// Theme name or file (after `--theme`).
    pub theme: Option<String>,
    /// Show the suggester's suggestions on the annotation screen (default true).
    pub suggestions: Option<bool>,
    /// Leave out suggestions scoring below this, 0 to 1 (default 0.5).
    pub min_score: Option<f64>,
}

/// Everything the TUI needs from configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Key bindings (defaults plus the user overlay).
    pub keymap: Keymap,
    /// The chosen theme.
    pub theme: Theme,
    /// Default annotator from config.ron.
    pub annotator: Option<String>,
    /// Suggestions on the annotation screen (config.ron `suggestions`, `min_score`).
    pub suggest: SuggestSettings,
}

/// Read config.ron, keymap.ron and the theme. `user` is false with `--no-user-config`.
///
/// # Errors
/// The first [`ConfigError`] found.
pub fn load(
    dirs: &Dirs,
    user: bool,
    theme_arg: Option<&str>,
    schema: &Schema,
) -> Result<Settings, ConfigError> {
    let config_dir = dirs.config.as_deref().filter(|_| user);
    let mut file = ConfigFile::default();
    let mut keymap = Keymap::default();
    let mut keymap_path = "<built-in keymap>".to_owned();
    let mut keymap_text = None;
    let mut config_text = None;
    if let Some(dir) = config_dir {
        let path = dir.join("config.ron");
        if let Some(text) = error::read_optional(&path)? {
            let shown = path.display().to_string();
            let options = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
            file = options
                .from_str(&text)
                .map_err(|e| ConfigError::from_ron(&shown, &e))?;
            config_text = Some((shown, text));
        }
        let path = dir.join("keymap.ron");
        if let Some(text) = error::read_optional(&path)? {
            keymap_path = path.display().to_string();
            keymap.overlay(&text, &keymap_path)?;
            keymap_text = Some(text);
        }
    }
    keymap.check_schema_keys(schema).map_err(|(key, message)| {
        let quoted = format!("\"{key}\"");
        match &keymap_text {
            Some(text) if text.contains(&quoted) => {
                ConfigError::at_text(&keymap_path, text, &quoted, 0, message)
            }
            _ => ConfigError::Invalid {
                path: keymap_path.clone(),
                message,
            },
        }
    })?;
    let theme = match (theme_arg, file.theme.as_deref(), &config_text) {
        (Some(spec), _, _) => resolve_theme(spec, config_dir)?,
        (None, Some(spec), Some((path, text))) => resolve_theme(spec, config_dir)
            .map_err(|e| theme_named_in_config(e, spec, path, text))?,
        (None, spec, _) => {
            spec.map_or_else(|| Ok(Theme::dark()), |s| resolve_theme(s, config_dir))?
        }
    };
    let defaults = SuggestSettings::default();
    let min_score = file.min_score.unwrap_or(defaults.min_score);
    if !(0.0..=1.0).contains(&min_score) {
        let path = config_dir.map_or_else(
            || "config.ron".to_owned(),
            |d| d.join("config.ron").display().to_string(),
        );
        return Err(ConfigError::Invalid {
            path,
            message: format!("min_score {min_score} is outside 0..1"),
        });
    }
    Ok(Settings {
        keymap,
        theme,
        annotator: file.annotator,
        suggest: SuggestSettings {
            enabled: file.suggestions.unwrap_or(defaults.enabled),
            min_score,
        },
    })
}

/// A theme `config.ron` names that cannot be used is reported at its place in `config.ron`
/// (the user may not remember where the name came from); an error inside an existing theme
/// file stays that file's.
fn theme_named_in_config(error: ConfigError, spec: &str, path: &str, text: &str) -> ConfigError {
    if matches!(error, ConfigError::At { .. }) {
        return error;
    }
    let quoted = format!("\"{spec}\"");
    let needle = if text.contains(&quoted) {
        quoted.as_str()
    } else {
        "theme"
    };
    let reason = match error {
        ConfigError::Invalid { message, .. } => message,
        other => other.to_string(),
    };
    ConfigError::at_text(path, text, needle, 0, format!("theme {spec:?}: {reason}"))
}

/// A theme by built-in name, user theme name (`<config>/themes/NAME.ron`) or file path.
///
/// # Errors
/// [`ConfigError`] when no such theme exists or the file is wrong.
pub fn resolve_theme(spec: &str, config_dir: Option<&Path>) -> Result<Theme, ConfigError> {
    let as_path = Path::new(spec);
    let is_path = spec.contains(std::path::MAIN_SEPARATOR)
        || spec.contains('/')
        || as_path.extension().is_some_and(|e| e == "ron");
    if !is_path {
        if let Some(dir) = config_dir {
            let user = dir.join("themes").join(format!("{spec}.ron"));
            if let Some(text) = error::read_optional(&user)? {
                return Theme::parse(&text, &user.display().to_string());
            }
        }
        if let Some(theme) = Theme::builtin(spec) {
            return Ok(theme);
        }
        let names: Vec<&str> = theme::BUILTIN.iter().map(|(n, _)| *n).collect();
        return Err(ConfigError::Invalid {
            path: spec.to_owned(),
            message: format!(
                "no such theme (built-in: {}; or a .ron file path)",
                names.join(", ")
            ),
        });
    }
    let shown = as_path.display().to_string();
    match error::read_optional(as_path)? {
        Some(text) => Theme::parse(&text, &shown),
        None => Err(ConfigError::Invalid {
            path: shown,
            message: "theme file not found".to_owned(),
        }),
    }
}

/// The user's choice about suggestions (`config.ron` `suggestions` and `min_score`,
/// `--no-suggest`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuggestSettings {
    /// Compute and show suggestions.
    pub enabled: bool,
    /// Leave out suggestions scoring below this (0 to 1).
    pub min_score: f64,
}

impl Default for SuggestSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            min_score: DEFAULT_MIN_SCORE,
        }
    }
}

/// The default minimum score: the built-in rules score their weakest patterns below it.
pub const DEFAULT_MIN_SCORE: f64 = 0.5;
