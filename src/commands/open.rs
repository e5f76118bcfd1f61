//! `marginalia [PATH]`: the annotation TUI. Everything that can be wrong with the command
//! line, configuration, keymap, theme or article is reported here, before the terminal is
//! taken over (exit code 2). Without PATH the bundled demo article opens (copied once into
//! the data directory so its sidecar has a home).

use std::io::IsTerminal;

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use crate::cli::{EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, OpenArgs};
use crate::commands::common::{print_error, resolve_annotator, resolve_schema};
use crate::config::{self, Dirs};
use crate::model::Article;
use crate::tui::app::{App, SaveState};
use crate::tui::persist;

/// The annotator of the demo article when no name is given or found.
pub const DEMO_ANNOTATOR: &str = "demo";

/// Run the command.
#[must_use]
pub fn run(args: &OpenArgs) -> u8 {
    match prepare(args) {
        Ok((app, theme)) => interact(app, &theme),
        Err(message) => {
            print_error(&message);
            EXIT_USAGE
        }
    }
}

/// Everything up to the first frame; errors are printed by the caller.
fn prepare(args: &OpenArgs) -> Result<(App, config::Theme), String> {
    let dirs = Dirs::from_env();
    let schema = resolve_schema(&args.common)?;
    let settings = config::load(&dirs, !args.no_user_config, args.theme.as_deref(), &schema)
        .map_err(|e| {
            format!("{e}\n(run with --no-user-config to ignore the user configuration)")
        })?;
    let path = match &args.path {
        Some(p) => p.clone(),
        None => {
            let data = dirs
                .data
                .as_deref()
                .ok_or("no data directory for the demo article: set MARGINALIA_DATA_DIR")?;
            persist::demo_article(data)?
        }
    };
    // A mistyped command or path is reported as such before anything else is asked for.
    if let Err(e) = std::fs::metadata(&path) {
        return Err(format!("{}: {e}", path.display()));
    }
    let mut suggest = settings.suggest;
    suggest.enabled &= !args.no_suggest;
    let annotator = match resolve_annotator(&args.common, settings.annotator.as_deref()) {
        // The demo works anywhere, also where `$USER` is empty (containers): its sidecar is
        // the `demo` annotator's.
        Err(_) if args.path.is_none() && args.common.annotator.is_none() => {
            DEMO_ANNOTATOR.to_owned()
        }
        other => other?,
    };
    if path.is_dir() {
        // The corpus browser: file names only before the first frame.
        let mut app =
            crate::tui::corpus::shell::open_dir(&path, schema, settings.keymap, annotator, true)?;
        app.suggest = suggest;
        return need_terminal(app, settings.theme);
    }
    let article = Article::load(&path).map_err(|e| e.to_string())?;
    let (state, note) = persist::open(article, &annotator, &schema);
    let mut app = App::new(schema, settings.keymap, annotator, state);
    app.suggest = suggest;
    // On a thread: the first frame does not wait for the suggestions.
    crate::tui::assist::shell::begin(&mut app);
    if args.path.is_none() {
        let help = crate::tui::keyname::key(&app, &crate::tui::action::Action::Help);
        app.say(format!(
            "the demo article (a copy in {}); {help} shows the keys",
            path.parent()
                .map_or_else(String::new, |p| p.display().to_string())
        ));
    }
    if let Some(note) = note {
        app.add_note(&note);
    }
    need_terminal(app, settings.theme)
}

fn need_terminal(app: App, theme: config::Theme) -> Result<(App, config::Theme), String> {
    if !std::io::stdout().is_terminal() {
        return Err("the annotation screen needs a terminal (stdout is not a TTY)".to_owned());
    }
    Ok((app, theme))
}

/// Run the TUI on `app` until it quits; the exit code says whether everything was saved.
pub(crate) fn interact(mut app: App, theme: &config::Theme) -> u8 {
    // ratatui::init installs a panic hook that restores the terminal; ours also turns the
    // mouse off first. Sidecars are only written whole and atomically, so a panic cannot
    // leave one half-written.
    let mut terminal = ratatui::init();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = crate::tui::run::run(&mut terminal, &mut app, theme);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    if let Err(e) = result {
        print_error(&format!("terminal error: {e}"));
        return EXIT_PROBLEMS;
    }
    if let SaveState::Failed(e) | SaveState::Conflict(e) = &app.art.save {
        print_error(&format!("quit with unsaved edits: {e}"));
        return EXIT_PROBLEMS;
    }
    if let Some(SaveState::Failed(e) | SaveState::Conflict(e)) =
        app.review.as_deref().map(|r| &r.save)
    {
        print_error(&format!("quit with unsaved gold decisions: {e}"));
        return EXIT_PROBLEMS;
    }
    EXIT_OK
}
