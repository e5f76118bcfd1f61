//! Where marginalia keeps user files: the config directory (config.ron, keymap.ron, themes/)
//! and the data directory (the demo article). `MARGINALIA_CONFIG_DIR` and
//! `MARGINALIA_DATA_DIR` override them (tests use them); otherwise the `directories` crate
//! picks the platform's usual places.

use std::path::PathBuf;

/// Environment variable that overrides the config directory.
pub const CONFIG_ENV: &str = "MARGINALIA_CONFIG_DIR";
/// Environment variable that overrides the data directory.
pub const DATA_ENV: &str = "MARGINALIA_DATA_DIR";

/// The two user directories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dirs {
    /// Config directory (may not exist).
    pub config: Option<PathBuf>,
    /// Data directory (created when the demo article is first copied).
    pub data: Option<PathBuf>,
}

impl Dirs {
    /// The directories from the environment, else the platform defaults.
    #[must_use]
    pub fn from_env() -> Self {
        let project = directories::ProjectDirs::from("org", "marginalia", "marginalia");
        let pick = |var: &str, fallback: Option<PathBuf>| {
            std::env::var_os(var)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .or(fallback)
        };
        Self {
            config: pick(
                CONFIG_ENV,
                project.as_ref().map(|p| p.config_dir().to_owned()),
            ),
            data: pick(DATA_ENV, project.as_ref().map(|p| p.data_dir().to_owned())),
        }
    }
}
