//! One integration-test binary (one link step), grouped by area.

mod util;

mod cli;
mod embedded;
mod load;
mod query;
