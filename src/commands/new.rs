//! `tlx new [FILE]`: a small, valid timeline to start from, with the schema line for
//! editors, one era, one actor, one source and two related events.

use std::io::Write;

use super::{EXIT_OK, EXIT_USAGE_OR_IO, write_output};
use crate::cli::{Global, NewArgs};

/// The timeline `tlx new` writes.
pub const TEMPLATE: &str = include_str!("../../assets/new-timeline.yaml");

pub fn run(args: &NewArgs, _global: &Global) -> anyhow::Result<u8> {
    if args.file.as_os_str() == "-" {
        let mut out = super::stdout();
        out.write_all(TEMPLATE.as_bytes())?;
        out.flush()?;
        return Ok(EXIT_OK);
    }
    let shown = crate::text::sanitize(&args.file.display().to_string()).into_owned();
    if !args.force && crate::fsutil::exists(&args.file) {
        eprintln!("tlx: {shown} already exists");
        eprintln!(
            "  = help: name another file (tlx new my-timeline.yaml), or use --force to replace it"
        );
        return Ok(EXIT_USAGE_OR_IO);
    }
    if let Err(code) = write_output(&args.file, TEMPLATE.as_bytes(), args.force) {
        return Ok(code);
    }
    eprintln!("tlx: wrote {shown}: a timeline of 2 events to build on");
    eprintln!("  = next: tlx {shown}  (E on an event edits it in $EDITOR)");
    eprintln!("  = editors check it with: tlx generate schema > timeline.schema.json");
    Ok(EXIT_OK)
}
