//! `marginalia review ARTICLE --annotators A,B[,C...]`: the review screen. The annotators'
//! sidecars are compared, the reviewer adjudicates the disagreements, and every decision is
//! written at once to `<stem>.gold.ann.ron` (resumed when it exists). Problems with the command
//! line, configuration, article or sidecars are reported before the terminal is taken over
//! (exit code 2).

use std::io::IsTerminal;

use crate::cli::{CommonArgs, EXIT_USAGE, ReviewArgs};
use crate::commands::agree::check_annotators;
use crate::commands::common::{print_error, resolve_schema};
use crate::config::{self, Dirs};
use crate::store::GOLD;
use crate::tui::app::{App, ArticleState, SaveState};
use crate::tui::review::shell;
use crate::tui::review::update::screen::enter;

/// Run the command.
#[must_use]
pub fn run(args: &ReviewArgs, common: &CommonArgs) -> u8 {
    match prepare(args, common) {
        Ok((app, theme)) => crate::commands::open::interact(app, &theme),
        Err(message) => {
            print_error(&message);
            EXIT_USAGE
        }
    }
}

fn prepare(args: &ReviewArgs, common: &CommonArgs) -> Result<(App, config::Theme), String> {
    check_annotators(&args.annotators)?;
    let schema = resolve_schema(common)?;
    let settings = config::load(
        &Dirs::from_env(),
        !args.no_user_config,
        args.theme.as_deref(),
        &schema,
    )
    .map_err(|e| format!("{e}\n(run with --no-user-config to ignore the user configuration)"))?;
    let state = shell::open_review(&schema, &args.article, &args.annotators)?;
    // The annotation screen shows the gold sidecar when a record is edited; until then it
    // holds the gold document as opened (never saved from here: the review saves gold).
    let art = ArticleState::new(
        state.article.clone(),
        state.adj.gold().clone(),
        state.gold_path.clone(),
        SaveState::Saved,
    );
    let mut app = App::new(schema, settings.keymap, GOLD.to_owned(), art);
    enter(&mut app, state, false);
    if !std::io::stdout().is_terminal() {
        return Err("the review screen needs a terminal (stdout is not a TTY)".to_owned());
    }
    Ok((app, settings.theme))
}
