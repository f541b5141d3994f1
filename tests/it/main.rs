//! One integration-test binary (one link step), grouped by area.

mod util;

mod axis;
mod background_search;
mod brief;
mod cache;
mod cache_hostile;
mod changes_view;
mod cli;
mod complete;
mod csv_import;
mod diff;
mod e2e;
mod e2e_edit;
mod e2e_workspace;
mod ecosystem;
mod edit_event;
mod embedded;
mod filter_panel;
mod generator;
mod hostile;
mod hostile_files;
mod load;
mod media;
mod props;
mod query;
mod split;
mod tag_titles;
mod timelinejs;
mod timelinejs_forms;
mod times;
mod tui;
mod typing;
mod workspace;
