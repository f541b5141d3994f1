//! tlx: a terminal timeline explorer.
//!
//! The engine (`model`, `query`, `brief`) knows nothing of terminals; the command line
//! (`cli`) and the full-screen interface (`tui`) are two faces of it.
//!
//! - [`model`]: the timeline format: loading, validation with positions, indexes.
//! - [`query`]: the query language shared by the TUI and the CLI.
//! - [`text`]: display width, truncation, wrapping, and making text safe for terminals.
//! - [`workspace`]: the analyst's marks, notes, labels and saved views, kept beside a
//!   timeline and never in it.

pub mod alloc;
pub mod brief;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diff;
pub mod fsutil;
pub mod json;
pub mod model;
pub mod par;
pub mod query;
pub mod revision;
pub mod schema;
pub mod slug;
pub mod spreadsheet;
pub mod suggest;
pub mod term;
pub mod text;
pub mod timelinejs;
pub mod tui;
pub mod workspace;

/// `tlx` with no command: the full-screen explorer.
pub fn tui_entry(paths: &[std::path::PathBuf], global: &cli::Global) -> anyhow::Result<u8> {
    if let Some(message) = mistyped_command(paths) {
        eprintln!("{message}");
        return Ok(commands::EXIT_USAGE_OR_IO);
    }
    tui::main(paths, global)
}

/// When a path that does not exist is a command's name, or close to one (`tlx lsit`,
/// `tlx case.yaml list`), the user meant the command: say so rather than try to open
/// a timeline of that name.
pub fn mistyped_command(paths: &[std::path::PathBuf]) -> Option<String> {
    use clap::CommandFactory;
    let cmd = cli::Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .flat_map(|c| std::iter::once(c.get_name()).chain(c.get_all_aliases()))
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    for (i, p) in paths.iter().enumerate() {
        let Some(word) = p.to_str() else { continue };
        if word.contains(['/', '.']) || std::fs::symlink_metadata(p).is_ok() {
            continue;
        }
        let exact = names.iter().any(|n| n == word);
        let name = if exact {
            word
        } else {
            suggest::closest(word, names.iter().map(String::as_str))?
        };
        let rest: Vec<String> = paths
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, q)| text::sanitize(&q.to_string_lossy()).into_owned())
            .collect();
        let example = std::iter::once(format!("tlx {name}"))
            .chain(rest)
            .collect::<Vec<_>>()
            .join(" ");
        let what = if exact {
            format!("'{word}' is a command, and commands come first")
        } else {
            format!(
                "no file or folder '{}', and no command of that name",
                text::sanitize(word)
            )
        };
        return Some(format!(
            "error: {what}\n  = help: did you mean `{example}`? (see `tlx --help`)"
        ));
    }
    None
}
