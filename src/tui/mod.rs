//! The annotation TUI, in the Elm architecture: one [`App`](app::App) state, one
//! [`Action`](action::Action) vocabulary, a pure [`update`](update::update), a pure
//! [`render`](view::render), and a thin shell ([`run`](run::run)) that reads the terminal,
//! performs [`Effect`](effect::Effect)s and is the only code touching the terminal or disk
//! (through [`persist`]).

pub mod action;
pub mod app;
pub mod assist;
pub mod corpus;
pub mod display;
pub mod effect;
pub mod find;
pub mod history;
pub mod input;
pub mod keyname;
pub mod layout;
pub mod manage_list;
pub mod menu_keys;
pub mod mode;
pub mod motion;
pub mod outcome;
pub mod persist;
pub mod preselect;
pub mod repeat;
pub mod review;
pub mod run;
pub mod save_state;
pub mod update;
pub mod view;
pub mod words;
pub mod wrap;
