//! The `tlx` binary: parse the command line, run, exit with the documented status.

use std::process::ExitCode;

use clap::Parser;

#[global_allocator]
static GLOBAL: tlx::alloc::Allocator = tlx::alloc::Allocator;

fn main() -> ExitCode {
    let cli = match tlx::cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    tlx::commands::run(cli)
}
