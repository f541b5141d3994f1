//! One integration-test binary (one link step), grouped by area.

mod util;

mod brief;
mod cli;
mod e2e;
mod embedded;
mod generator;
mod load;
mod query;
mod tui;
