//! The `tlx` binary: parse the command line, run the command, exit with the documented
//! status (0 ok, 1 nothing matched or invalid data, 2 usage or I/O error; a closed pipe
//! is success).

use std::process::ExitCode;

use clap::Parser;
use tlx::cli::{Cli, Command};
use tlx::commands::{self, EXIT_OK, EXIT_USAGE_OR_IO};

#[global_allocator]
static GLOBAL: tlx::alloc::Allocator = tlx::alloc::Allocator;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            // clap prints help and version to stdout (exit 0) and usage errors to stderr (exit 2).
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let global = cli.global.clone();
    let result = match cli.command {
        Some(Command::List(a)) => commands::list::run(&a, &global),
        Some(Command::Show(a)) => commands::show::run(&a, &global),
        Some(Command::Validate(a)) => commands::validate::run(&a, &global),
        Some(Command::Stats(a)) => commands::stats::run(&a, &global),
        Some(Command::Export(a)) => commands::export::run(&a, &global),
        Some(Command::Import(a)) => commands::import::run(&a, &global),
        Some(Command::Facets(a)) => commands::facets::run(&a, &global),
        Some(Command::Notes(a)) => commands::notes::run(&a, &global),
        Some(Command::Lint(a)) => commands::lint::run(&a, &global),
        Some(Command::Diff(a)) => commands::diff::run(&a, &global),
        Some(Command::New(a)) => commands::new::run(&a, &global),
        Some(Command::Generate(a)) => commands::generate::run(&a, &global),
        None => tlx::tui_entry(&cli.paths, &global),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if commands::is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("tlx: {}", tlx::text::sanitize(&format!("{e:#}")));
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}
