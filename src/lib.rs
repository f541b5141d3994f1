//! tlx: a terminal timeline explorer.
//!
//! The engine (`model`, `query`, `brief`) knows nothing of terminals; the command line
//! (`cli`) and the full-screen interface (`tui`) are two faces of it.
//!
//! - [`model`]: the timeline format: loading, validation with positions, indexes.
//! - [`query`]: the query language shared by the TUI and the CLI.
//! - [`text`]: display width, truncation, wrapping, and making text safe for terminals.

pub mod brief;
pub mod cache;
pub mod cli;
pub mod commands;
pub mod config;
pub mod fsutil;
pub mod json;
pub mod model;
pub mod query;
pub mod schema;
pub mod suggest;
pub mod text;
pub mod timelinejs;
pub mod tui;

/// `tlx` with no command: the full-screen explorer.
pub fn tui_entry(paths: &[std::path::PathBuf], global: &cli::Global) -> anyhow::Result<u8> {
    tui::main(paths, global)
}
