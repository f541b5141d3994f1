//! `tlx validate`: every error and warning of the given files.

use std::io::{self, BufWriter, IsTerminal, Write};

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, RunStats, load, print_diagnostics, use_color};
use crate::cli::{Global, ValidateArgs};

pub fn run(args: &ValidateArgs, global: &Global) -> anyhow::Result<u8> {
    let loaded = load(&args.paths, global);
    let color = use_color(global.color, io::stdout().is_terminal());
    let mut out = BufWriter::new(super::stdout());
    print_diagnostics(&mut out, loaded.diagnostics.iter(), color)?;
    let errors = loaded.errors().count();
    let warnings = loaded.warnings().count();
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    let files = match loaded.timeline.inputs.len() {
        0 => "nothing read".to_string(),
        1 => loaded.timeline.inputs[0].name.clone(),
        n => format!("{n} files"),
    };
    let events = if errors == 0 {
        format!("{}, ", plural(loaded.timeline.events.len(), "event"))
    } else {
        String::new()
    };
    writeln!(
        out,
        "{}: {events}{}, {}",
        crate::text::sanitize(&files),
        plural(errors, "error"),
        plural(warnings, "warning")
    )?;
    out.flush()?;
    drop(out);
    RunStats::of(&loaded.timeline, loaded.stats.clone()).print_if(global);
    let code = loaded.exit_code();
    Ok(if code != EXIT_OK {
        code
    } else if args.strict && warnings > 0 {
        EXIT_INVALID_OR_NO_MATCH
    } else {
        EXIT_OK
    })
}
