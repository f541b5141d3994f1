//! The full-screen explorer: `tlx` with no command.
//!
//! The Elm shape: [`app::App`] holds all state; keys become [`action::Action`]s in the
//! [`keymap`]; `App::update` returns [`action::Effect`]s; [`view`] draws without deciding;
//! [`runner`] performs effects and owns the terminal through [`terminal`].

pub mod action;
pub mod app;
pub mod clipboard;
pub mod input;
pub mod keymap;
pub mod open;
pub mod runner;
pub mod terminal;
pub mod theme;
pub mod view;

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::Global;
use crate::commands::{EXIT_OK, EXIT_USAGE_OR_IO, load_valid, use_color};

/// `tlx [PATHS]`: loads the timeline (reporting errors before the screen is taken over)
/// and runs the explorer.
pub fn main(paths: &[PathBuf], global: &Global) -> anyhow::Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "tlx: the explorer needs a terminal (standard input and output are not both one).\n  = help: to print events instead, use `tlx list` (see `tlx --help`)"
        );
        return Ok(EXIT_USAGE_OR_IO);
    }
    let (tl, _) = match load_valid(paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let settings = app::Settings {
        keymap: keymap::Keymap::defaults(),
        theme: theme::Theme::for_color(use_color(global.color, true)),
        mouse: true,
    };
    runner::run(tl, settings)?;
    Ok(EXIT_OK)
}
