//! Which workspace a command uses, and reading it for the commands that ask about it
//! (`is:marked`, `label:`, `note:`, `view:` in a query; `--marked`, `tlx notes`).
//!
//! First found wins: `--no-workspace` (none); `--workspace PATH`; `$TLX_WORKSPACE`; the
//! config's `workspace:`; else the timeline's own file under `$XDG_DATA_HOME/tlx/`
//! ([`place`](crate::workspace::place)). A workspace is never one of the timeline's
//! files: those are never written.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::cli::Global;
use crate::config::Config;
use crate::model::Timeline;
use crate::workspace::{Annotations, Workspace, place};

/// The workspace seen from `tl`, read only when `query` asks about it.
pub fn annotations_for(
    global: &Global,
    paths: &[PathBuf],
    tl: &Timeline,
    query: Option<&str>,
) -> Annotations {
    let asks = query.is_some_and(|q| crate::query::parse(q).is_ok_and(|q| q.asks_workspace()));
    if asks {
        Annotations::new(&read_or_warn(global, paths), tl)
    } else {
        Annotations::default()
    }
}

/// The timeline paths a command opens: the given ones, else the config's (empty: the
/// embedded timeline).
pub fn effective_paths(paths: &[PathBuf], config: &Config) -> Vec<PathBuf> {
    if paths.is_empty() {
        config.paths.clone()
    } else {
        paths.to_vec()
    }
}

/// The workspace file for the timeline of `paths` (as opened), or `None` with
/// `--no-workspace` or when no folder for it is known. An error when the chosen file is
/// one of the timeline's own.
pub fn workspace_file(
    global: &Global,
    config: &Config,
    paths: &[PathBuf],
) -> Result<Option<PathBuf>, String> {
    if global.no_workspace {
        return Ok(None);
    }
    let env = std::env::var_os("TLX_WORKSPACE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let chosen = global
        .workspace
        .clone()
        .or(env)
        .or_else(|| config.workspace.clone());
    let file = match chosen {
        Some(f) => f,
        None => {
            let data = std::env::var_os("XDG_DATA_HOME");
            let home = std::env::var_os("HOME");
            match place::default_workspace(paths, data, home) {
                Some(f) => f,
                None => return Ok(None),
            }
        }
    };
    if place::is_timeline_file(&file, paths) {
        return Err(format!(
            "the workspace {} is one of the timeline's files, which tlx never writes: choose another file (--workspace PATH)",
            crate::text::sanitize(&file.display().to_string())
        ));
    }
    Ok(Some(file))
}

/// The session state file for the timeline of `paths` (`None` with `--no-workspace`).
pub fn session_file(global: &Global, paths: &[PathBuf]) -> Option<PathBuf> {
    if global.no_workspace {
        return None;
    }
    place::session_file(
        paths,
        std::env::var_os("XDG_STATE_HOME"),
        std::env::var_os("HOME"),
    )
}

/// The workspace for a command other than the explorer, read once: one that does not read
/// is reported on stderr (every problem, with its line and column) and the command goes
/// on without it.
pub fn read_or_warn(global: &Global, paths: &[PathBuf]) -> Workspace {
    let config = config_for(global, paths);
    let paths = effective_paths(paths, &config);
    let file = match workspace_file(global, &config, &paths) {
        Ok(Some(f)) => f,
        Ok(None) => return Workspace::default(),
        Err(e) => {
            eprintln!("tlx: warning: {e}");
            return Workspace::default();
        }
    };
    read_file_or_warn(global, &file)
}

/// The config, for finding the workspace. Without PATHS the loader has read it already
/// (and warned about it), so it is read quietly then.
fn config_for(global: &Global, paths: &[PathBuf]) -> Config {
    if paths.is_empty() {
        Config::load(
            global.config.as_deref(),
            &crate::config::Env::from_process(),
        )
        .0
    } else {
        super::config_or_warn(global)
    }
}

fn read_file_or_warn(global: &Global, file: &Path) -> Workspace {
    match crate::workspace::file::read(file) {
        Ok(w) => w,
        Err(e) => {
            let color = crate::term::use_color(global.color, std::io::stderr().is_terminal());
            let mut out = String::new();
            for d in &e.diagnostics {
                let mut d = d.clone();
                d.severity = crate::model::Severity::Warning;
                out.push_str(&d.render(color));
            }
            eprint!("{out}");
            eprintln!("tlx: the workspace was not used: going on without it");
            Workspace::default()
        }
    }
}

/// The config's `author:`, which a brief names as its analyst (only when the config
/// gives one: a login name is not a byline).
pub fn analyst(global: &Global) -> Option<String> {
    Config::load(
        global.config.as_deref(),
        &crate::config::Env::from_process(),
    )
    .0
    .author
}

/// The selection and options of the workspace's draft `name`, its lint on stderr; the
/// exit code when there is no such draft.
pub fn draft(
    global: &Global,
    paths: &[PathBuf],
    tl: &Timeline,
    name: &str,
    changes: bool,
) -> Result<(crate::brief::Selection, crate::brief::Options), u8> {
    let work = read_or_warn(global, paths);
    let name = name.trim().to_lowercase();
    let Some(d) = work.drafts.get(&name) else {
        let names: Vec<&str> = work.drafts.keys().map(String::as_str).collect();
        let mean = crate::suggest::did_you_mean(&name, names.iter().copied());
        eprintln!(
            "tlx: no brief draft '{}'{mean}",
            crate::text::sanitize(&name)
        );
        if names.is_empty() {
            eprintln!("  = help: no draft is kept yet: e in the explorer composes one");
        } else {
            eprintln!(
                "  = help: the drafts: {}",
                crate::text::sanitize(&names.join(", "))
            );
        }
        return Err(super::EXIT_USAGE_OR_IO);
    };
    for l in crate::brief::lint::lint_draft(tl, d) {
        eprintln!(
            "tlx: warning: draft '{name}', {}",
            crate::text::sanitize(&l.to_string())
        );
    }
    let (sel, mut opts) = crate::brief::draft::from_draft(tl, d, &work);
    if changes {
        let events = sel.normalized(tl);
        opts.changes = crate::brief::draft::changes(tl, &name, d, &work, &events);
        if opts.changes.is_none() {
            eprintln!(
                "tlx: warning: no brief of draft '{}' has been written to a file yet: there is nothing to compare with, so the brief has no changes section",
                crate::text::sanitize(&name)
            );
        }
    }
    Ok((sel, opts))
}

/// Keeps in the workspace what a brief of the draft `name`, written at `at`, was built
/// from (the next brief compares with it). A workspace that cannot be written is said on
/// stderr: the brief is written all the same.
pub fn record_brief(
    global: &Global,
    paths: &[PathBuf],
    tl: &Timeline,
    name: &str,
    events: &[crate::model::EventIx],
    at: &str,
) {
    let config = config_for(global, paths);
    let paths = effective_paths(paths, &config);
    let file = match workspace_file(global, &config, &paths) {
        Ok(Some(f)) => f,
        Ok(None) => return,
        Err(e) => {
            eprintln!("tlx: warning: {e}");
            return;
        }
    };
    let (mut store, read) = crate::workspace::Store::open(&file);
    let mut work = match read {
        Ok(w) => w,
        Err(e) => {
            eprintln!(
                "tlx: warning: the brief was not recorded in the workspace: {}",
                crate::text::sanitize(&e.summary())
            );
            return;
        }
    };
    let name = name.trim().to_lowercase();
    work.record_brief(crate::workspace::briefs::record(tl, &name, events, at));
    if let Err(e) = store.save(&work) {
        eprintln!(
            "tlx: warning: the brief was not recorded in the workspace {}: {}",
            crate::text::sanitize(&file.display().to_string()),
            crate::text::sanitize(&e.to_string())
        );
    }
}
