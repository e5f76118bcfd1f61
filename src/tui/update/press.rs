//! Driving the app by key names, as tests and scripts do: each name is resolved through the
//! keymap exactly as a real key press is, then handed to [`update`](crate::tui::update::update).

use crate::config::KeyChord;
use crate::tui::app::App;
use crate::tui::effect::Effect;

impl App {
    /// Press space-separated key names (`"j j v e e c"`, `"ctrl-r"`, `"space"`), resolved
    /// through the keymap as real key presses are. Returns the effects requested. A key name
    /// that does not parse is a mistake in the caller's script: it panics, naming the key, so
    /// a test never silently skips a step.
    ///
    /// # Panics
    /// On a key name [`KeyChord::parse`] does not understand.
    #[track_caller]
    pub fn press(&mut self, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for name in keys.split(' ').filter(|k| !k.is_empty()) {
            let chord = match KeyChord::parse(name) {
                Ok(chord) => chord,
                Err(e) => panic!("App::press: key name `{name}` does not parse: {e}"),
            };
            if let Some(action) = self.resolve(chord) {
                effects.extend(crate::tui::update::update(self, action));
            }
        }
        effects
    }

    /// Type literal text in an input mode (each character is one key press).
    pub fn type_text(&mut self, text: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for c in text.chars() {
            if let Some(action) = self.resolve(KeyChord::ch(c)) {
                effects.extend(crate::tui::update::update(self, action));
            }
        }
        effects
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Keymap;
    use crate::model::{AnnotationDoc, Article, Schema};
    use crate::tui::app::{ArticleState, SaveState};

    fn app() -> App {
        let schema = Schema::default_schema();
        let article =
            Article::from_text(std::path::Path::new("a.txt"), "One.\n\nTwo.").expect("article");
        let doc = AnnotationDoc::new(&schema, &article, "t", "2026-01-01T00:00:00Z");
        let state = ArticleState::new(article, doc, "a.t.ann.ron".into(), SaveState::Saved);
        App::new(schema, Keymap::default(), "t".to_owned(), state)
    }

    #[test]
    fn key_names_drive_the_app() {
        let mut app = app();
        app.press("j");
        assert_eq!(app.art.para, 1);
    }

    #[test]
    #[should_panic(expected = "key name `ctrl-` does not parse")]
    fn a_key_name_that_does_not_parse_fails_the_caller() {
        let mut app = app();
        app.press("j ctrl-");
    }
}
