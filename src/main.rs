//! The `marginalia` binary: parse the command line and dispatch to a command.

use std::process::ExitCode;

use clap::Parser;
use marginalia::cli::{Cli, Command};
use marginalia::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let common = &cli.open.common;
    let code = match &cli.command {
        None => commands::open::run(&cli.open),
        Some(Command::Check(args)) => commands::check::run(args, common),
        Some(Command::Review(args)) => commands::review::run(args, common),
        Some(Command::Agree(args)) => commands::agree::run(args, common),
        Some(Command::Export(args)) => commands::export::run(args, common),
        Some(Command::Import(cmd)) => commands::import::run(cmd, common),
        Some(Command::Suggest(args)) => commands::suggest::run(args, common),
    };
    ExitCode::from(code)
}
