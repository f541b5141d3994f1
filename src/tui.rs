//! The full-screen explorer: `tlx` with no command.
//!
//! The Elm shape: [`app::App`] holds all state; keys become [`action::Action`]s in the
//! [`keymap`]; `App::update` returns [`action::Effect`]s; [`view`] draws without deciding;
//! [`runner`] performs effects and owns the terminal through [`terminal`].

pub mod action;
pub mod app;
pub mod clipboard;
pub mod copy;
pub mod editor;
pub mod input;
pub mod keeper;
pub mod keymap;
pub mod loading;
pub mod open;
pub mod reload;
pub mod runner;
pub mod terminal;
pub mod theme;
pub mod view;
pub mod watchdog;

use std::io::IsTerminal;
use std::path::PathBuf;

use crate::cli::Global;
use crate::commands::{EXIT_OK, EXIT_USAGE_OR_IO, report_load_errors};
use crate::config::{Config, Env};
use crate::term::use_color;

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
    let paths: Vec<PathBuf> = if paths.is_empty() {
        config_paths
    } else {
        paths.to_vec()
    };
    let opts = crate::model::LoadOptions {
        max_file_size: global.max_file_size,
        max_expansion: global.max_expansion,
    };
    let what = match paths.as_slice() {
        [] => crate::model::load::EMBEDDED_NAME.to_string(),
        [one] => one.display().to_string(),
        many => format!("{} files and folders", many.len()),
    };
    let watch = paths.clone();
    let work = match work_files(global, &paths) {
        Ok((file, session)) => keeper::WorkSetup::open(file, session),
        Err(e) => {
            eprintln!("tlx: {e}");
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
    let load = loader(paths, opts.clone(), global.no_cache);
    // A copy of the embedded timeline, written from the explorer, is worked on from then
    // on: loaded from its file, with its own workspace.
    let global_copy = global.clone();
    let reopen: copy::Reopen = Box::new(move |paths: &[PathBuf]| {
        let (workspace, session) = work_files(&global_copy, paths)?;
        Ok(copy::Reopened {
            load: loader(paths.to_vec(), opts.clone(), global_copy.no_cache),
            workspace,
            session,
        })
    });
    match runner::run(load, what, watch, settings, work, reopen)? {
        runner::Outcome::Quit => Ok(EXIT_OK),
        runner::Outcome::Signal(sig) => Ok((128 + sig).clamp(0, 255) as u8),
        runner::Outcome::LoadFailed(loaded) => Ok(report_load_errors(&loaded, global)),
    }
}

/// How the timeline of `paths` is loaded: files through the cache of parsed timelines (a
/// reload after an edit is a miss, and stores the new version); the embedded timeline
/// (no paths) never goes through it.
fn loader(paths: Vec<PathBuf>, opts: crate::model::LoadOptions, no_cache: bool) -> loading::Loader {
    let cache = crate::cache::Cache::from_env(no_cache);
    std::sync::Arc::new(move |progress: &crate::model::load::Progress| {
        if paths.is_empty() {
            (crate::model::load_embedded(&opts), None)
        } else {
            let cached = crate::cache::load_with(&paths, &opts, &cache, || {
                crate::model::load::load_paths_with(&paths, &opts, Some(progress))
            });
            (cached.loaded, cached.index)
        }
    })
}

/// The workspace file and the session state file for the timeline of `paths`; an error
/// when the workspace chosen is one of the timeline's files.
fn work_files(
    global: &Global,
    paths: &[PathBuf],
) -> Result<(Option<PathBuf>, Option<PathBuf>), String> {
    // The config's problems are the status line's (`settings_from`): here it only names
    // a workspace, or not.
    let config = Config::load(global.config.as_deref(), &Env::from_process()).0;
    let file = crate::commands::work::workspace_file(global, &config, paths)?;
    let session = crate::commands::work::session_file(global, paths);
    Ok((file, session))
}

/// The explorer's settings from the config (`--config`, `TLX_CONFIG` or the usual place),
/// and the config's default timeline paths. `color` is the colour decision for the
/// terminal (`--color`, `NO_COLOR`): without colour the theme is mono whatever the config
/// says. A bad value of the config is left out (the whole config, when it does not parse):
/// `startup_notice` says so in the status line, and `config_problems` holds the problems
/// in full for the problems window (nothing is printed: the screen is about to be taken).
pub fn settings_from(global: &Global, env: &Env, color: bool) -> (app::Settings, Vec<PathBuf>) {
    let (config, problems) = Config::load(global.config.as_deref(), env);
    let notice = problems.as_ref().map(config_notice);
    let config_problems = problems.as_ref().map(config_lines).unwrap_or_default();
    let settings = app::Settings {
        keymap: config.keymap,
        theme: theme::Theme::choose(config.theme, color),
        mouse: config.mouse,
        date_style: config.date_style,
        tz: global.tz.or(config.tz),
        startup_notice: notice,
        config_problems,
        author: config
            .author
            .clone()
            .unwrap_or_else(app::state::default_author),
        analyst: config.author.clone(),
        limits: crate::model::LoadOptions {
            max_file_size: global.max_file_size,
            max_expansion: global.max_expansion,
        },
    };
    (settings, config.paths)
}

/// A config's problems as warnings: the explorer goes on without what they are about, as
/// the other commands do.
fn as_warnings(e: &crate::config::ConfigError) -> crate::config::ConfigError {
    let mut e = e.clone();
    for d in &mut e.diagnostics {
        d.severity = crate::model::Severity::Warning;
    }
    e
}

/// The problems window's lines for a config's problems: what was done about them, then
/// each in full, as printed.
fn config_lines(e: &crate::config::ConfigError) -> Vec<String> {
    let mut lines = vec![format!(
        "The config ({}): {}; it is read again when tlx starts.",
        e.file.display(),
        e.outcome()
    )];
    lines.extend(reload::rendered(&as_warnings(e).diagnostics));
    lines
}

/// The status line's word on a config with problems.
fn config_notice(e: &crate::config::ConfigError) -> String {
    let warned = as_warnings(e);
    let none = warned.diagnostics.is_empty();
    let summary = warned.summary();
    if none {
        // The summary's own line for a config without details.
        summary.replacen(": error: ", ": warning: ", 1)
    } else {
        summary
    }
}
