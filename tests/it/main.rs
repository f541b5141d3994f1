//! One integration-test binary (one link step), grouped by area.

mod util;

mod brief;
mod cli;
mod embedded;
mod load;
mod query;
