//! `tlx import`: other formats into tlx's YAML. This command reads the file, writes the
//! result and reports; the conversion itself is [`crate::timelinejs`].
//!
//! Exit status: 0 when everything was converted (notes allowed), 1 when a slide was skipped
//! or part of one could not be converted (the rest is still written), or when the file is
//! not valid JSON, not UTF-8 or not a TimelineJS document; 2 when the file cannot be read
//! or the output cannot be written.

use std::fs;
use std::io::{self, Read as _, Write};
use std::path::Path;

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, write_output};
use crate::cli::{Global, ImportArgs, ImportFrom};
use crate::text::sanitize;
use crate::timelinejs::{self, ImportError, ProblemKind};

pub fn run(args: &ImportArgs, global: &Global) -> anyhow::Result<u8> {
    match &args.from {
        ImportFrom::Timelinejs {
            file,
            output,
            force,
        } => timelinejs_file(file, output.as_deref(), *force, global),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn timelinejs_file(
    file: &Path,
    output: Option<&Path>,
    force: bool,
    global: &Global,
) -> anyhow::Result<u8> {
    let name = file.display().to_string();
    let shown = sanitize(&name).into_owned();
    match fs::metadata(file) {
        Ok(m) if m.is_dir() => {
            eprintln!("tlx: cannot read {shown}: it is a folder");
            return Ok(EXIT_USAGE_OR_IO);
        }
        Ok(m) if m.len() > global.max_file_size => {
            eprintln!(
                "tlx: {shown} is {} bytes, over the limit of {} bytes (raise it with --max-file-size)",
                m.len(),
                global.max_file_size
            );
            return Ok(EXIT_USAGE_OR_IO);
        }
        _ => {}
    }
    // The size above is what the file system claims (nothing, for a pipe or a device):
    // count what is read, and stop past the limit.
    let mut bytes = Vec::new();
    let read = fs::File::open(file).and_then(|f| {
        io::Read::take(f, global.max_file_size.saturating_add(1)).read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        eprintln!("tlx: cannot read {shown}: {e}");
        return Ok(EXIT_USAGE_OR_IO);
    }
    if bytes.len() as u64 > global.max_file_size {
        eprintln!(
            "tlx: {shown} is over the limit of {} bytes; reading stopped there (raise it with --max-file-size)",
            global.max_file_size
        );
        return Ok(EXIT_USAGE_OR_IO);
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "tlx: {shown}: not UTF-8 text (invalid byte at offset {}); TimelineJS JSON is UTF-8",
                e.utf8_error().valid_up_to()
            );
            return Ok(EXIT_INVALID_OR_NO_MATCH);
        }
    };
    let imported = match timelinejs::import(&text, &name) {
        Ok(i) => i,
        Err(e @ ImportError::Json { .. }) => {
            eprintln!("tlx: {shown}:{}", sanitize(&e.to_string()));
            return Ok(EXIT_INVALID_OR_NO_MATCH);
        }
        Err(e) => {
            eprintln!("tlx: {shown}: {}", sanitize(&e.to_string()));
            return Ok(EXIT_INVALID_OR_NO_MATCH);
        }
    };
    {
        let mut err = io::stderr().lock();
        for p in &imported.problems {
            let _ = writeln!(err, "{}", p.render(&shown));
        }
    }

    let destination = match output.filter(|p| *p != Path::new("-")) {
        None => {
            let mut out = super::stdout();
            out.write_all(imported.yaml.as_bytes())?;
            out.flush()?;
            "standard output".to_string()
        }
        Some(path) => match write_output(path, imported.yaml.as_bytes(), force) {
            Ok(()) => sanitize(&path.display().to_string()).into_owned(),
            Err(code) => return Ok(code),
        },
    };
    let skipped = imported.count(ProblemKind::Skipped);
    let partial = imported.count(ProblemKind::NotConverted);
    let mut summary = format!(
        "tlx: converted {} and {} from {shown} to {destination}",
        plural(imported.events, "event", "events"),
        plural(imported.eras, "era", "eras"),
    );
    if !imported.is_complete() {
        let mut lost = Vec::new();
        if skipped > 0 {
            lost.push(format!(
                "{} skipped",
                plural(skipped, "slide or era", "slides or eras")
            ));
        }
        if partial > 0 {
            lost.push(format!(
                "{} not converted",
                plural(partial, "item", "items")
            ));
        }
        summary.push_str(&format!("; {} (listed above)", lost.join(", ")));
    }
    eprintln!("{summary}");
    Ok(if imported.is_complete() {
        EXIT_OK
    } else {
        EXIT_INVALID_OR_NO_MATCH
    })
}
