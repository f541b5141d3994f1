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
use crate::commands::{EXIT_OK, EXIT_USAGE_OR_IO, load_valid_from, use_color};
use crate::config::{Config, Env};

/// `tlx [PATHS]`: reads the config, loads the timeline (reporting errors before the screen
/// is taken over) and runs the explorer. Without PATHS, the config's `paths:` are opened
/// (and without those, the embedded timeline).
pub fn main(paths: &[PathBuf], global: &Global) -> anyhow::Result<u8> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "tlx: the explorer needs a terminal (standard input and output are not both one).\n  = help: to print events instead, use `tlx list` (see `tlx --help`)"
        );
        return Ok(EXIT_USAGE_OR_IO);
    }
    let (settings, config_paths) =
        settings_from(global, &Env::from_process(), use_color(global.color, true));
    let paths = if paths.is_empty() {
        &config_paths
    } else {
        paths
    };
    let (tl, _) = match load_valid_from(paths, global, false) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    runner::run(tl, settings)?;
    Ok(EXIT_OK)
}

/// The explorer's settings from the config (`--config`, `TLX_CONFIG` or the usual place),
/// and the config's default timeline paths. `color` is the colour decision for the
/// terminal (`--color`, `NO_COLOR`): without colour the theme is mono whatever the config
/// says. A config with a problem is not used: the defaults are, and `startup_notice` says
/// why, for the status line (nothing is printed: the screen is about to be taken).
pub fn settings_from(global: &Global, env: &Env, color: bool) -> (app::Settings, Vec<PathBuf>) {
    let (config, notice) = match Config::load(global.config.as_deref(), env) {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e.summary())),
    };
    let settings = app::Settings {
        keymap: config.keymap,
        theme: theme::Theme::choose(config.theme, color),
        mouse: config.mouse,
        date_style: config.date_style,
        startup_notice: notice,
    };
    (settings, config.paths)
}
