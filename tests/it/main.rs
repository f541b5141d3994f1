//! One integration-test binary (one link step), grouped by area.

mod util;

mod brief;
mod cli;
mod embedded;
mod generator;
mod load;
mod query;
