//! `tlx import`: other formats into tlx's YAML. This command reads the file, writes the
//! result and reports; the conversion itself is [`crate::timelinejs`].
//!
//! Exit status: 0 when everything was converted (notes allowed), 1 when a slide was skipped
//! or part of one could not be converted (the rest is still written), or when the file is
//! not valid JSON, not UTF-8 or not a TimelineJS document; 2 when the file cannot be read
//! or the output cannot be written.

use std::fs;
use std::io::{self, IsTerminal, Read as _, Write};
use std::path::Path;

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, write_output};
use crate::cli::{DateOrderArg, Global, ImportArgs, ImportFrom};
use crate::spreadsheet;
use crate::text::{sanitize, width};
use crate::timelinejs::{self, ImportError, ProblemKind};

pub fn run(args: &ImportArgs, global: &Global) -> anyhow::Result<u8> {
    match &args.from {
        ImportFrom::Timelinejs {
            file,
            media_base,
            output,
            force,
        } => {
            if let Some(b) = media_base
                && !crate::model::validate::is_http_url(b)
            {
                eprintln!(
                    "tlx: --media-base '{}': an http(s) URL, the folder the timeline is published from",
                    sanitize(b)
                );
                return Ok(EXIT_USAGE_OR_IO);
            }
            timelinejs_file(
                file,
                media_base.as_deref(),
                output.as_deref(),
                *force,
                global,
            )
        }
        ImportFrom::Csv {
            file,
            output,
            force,
            map,
            map_file,
            date_order,
            delimiter,
            dry_run,
        } => {
            let mapping = match (map, map_file) {
                (Some(spec), _) => Some(spec.clone()),
                (None, Some(f)) => match fs::read_to_string(f) {
                    Ok(t) => Some(t),
                    Err(e) => {
                        let shown = sanitize(&f.display().to_string()).into_owned();
                        eprintln!("tlx: cannot read the mapping {shown}: {e}");
                        return Ok(EXIT_USAGE_OR_IO);
                    }
                },
                (None, None) => None,
            };
            let map = match mapping.as_deref().map(spreadsheet::parse_map).transpose() {
                Ok(m) => m,
                Err(e) => {
                    eprintln!("tlx: {}", sanitize(&e));
                    return Ok(EXIT_USAGE_OR_IO);
                }
            };
            let delimiter = match delimiter {
                Some(c) if c.is_ascii() && !c.is_ascii_alphanumeric() && *c != '"' => {
                    Some(*c as u8)
                }
                Some(c) => {
                    eprintln!(
                        "tlx: --delimiter '{c}': the separator is one ASCII character that is not a letter, a digit or \""
                    );
                    return Ok(EXIT_USAGE_OR_IO);
                }
                None => None,
            };
            let opts = spreadsheet::Options {
                map,
                date_order: date_order.map(|o| match o {
                    DateOrderArg::Mdy => spreadsheet::DateOrder::Mdy,
                    DateOrderArg::Dmy => spreadsheet::DateOrder::Dmy,
                }),
                delimiter,
            };
            csv_file(file, output.as_deref(), *force, *dry_run, &opts, global)
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many rows `--dry-run` shows as events.
const DRY_RUN_ROWS: usize = 10;

fn csv_file(
    file: &Path,
    output: Option<&Path>,
    force: bool,
    dry_run: bool,
    opts: &spreadsheet::Options,
    global: &Global,
) -> anyhow::Result<u8> {
    let name = file.display().to_string();
    let shown = sanitize(&name).into_owned();
    let Ok(text) = read_text(file, global, "save the sheet as CSV UTF-8") else {
        return Ok(EXIT_USAGE_OR_IO);
    };
    // Progress on a terminal, for a big sheet.
    let tty = io::stderr().is_terminal();
    let mut progress = |n: usize| {
        if tty {
            eprint!("\rtlx: reading {shown}: {n} rows…");
        }
    };
    let imported = spreadsheet::import(&text, &name, opts, &mut progress);
    if tty && text.len() > 500_000 {
        eprint!("\r\x1b[2K");
    }
    let imported = match imported {
        Ok(i) => i,
        Err(e) => {
            let e = sanitize(&e.to_string()).into_owned();
            match e.split_once(": ") {
                // A line number first: FILE:LINE: message.
                Some((line, rest)) if line.bytes().all(|b| b.is_ascii_digit()) => {
                    eprintln!("tlx: {shown}:{line}: {rest}")
                }
                _ => eprintln!("tlx: {shown}: {e}"),
            }
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
    {
        let mut err = io::stderr().lock();
        for p in &imported.problems {
            let _ = writeln!(err, "{}", p.render(&shown));
        }
    }
    let destination = if dry_run {
        dry_run_preview(&imported)?;
        "nowhere (--dry-run)".to_string()
    } else {
        match write_yaml(&imported.yaml, output, force)? {
            Ok(d) => d,
            Err(code) => return Ok(code),
        }
    };
    let summary = format!(
        "tlx: converted {} of {} from {shown}{} to {destination}",
        plural(imported.events, "event", "events"),
        plural(imported.rows, "row", "rows"),
        if imported.template {
            " (the TimelineJS sheet template)"
        } else {
            ""
        },
    );
    Ok(finish(
        summary,
        imported.count(ProblemKind::Skipped),
        ("row", "rows"),
        imported.count(ProblemKind::NotConverted),
    ))
}

/// Prints the last line of an import, what was not converted added to `summary`, and
/// returns the exit status: 0 when everything was converted, else 1.
fn finish(mut summary: String, skipped: usize, what: (&str, &str), partial: usize) -> u8 {
    let mut lost = Vec::new();
    if skipped > 0 {
        lost.push(format!("{} skipped", plural(skipped, what.0, what.1)));
    }
    if partial > 0 {
        lost.push(format!(
            "{} not converted",
            plural(partial, "item", "items")
        ));
    }
    if !lost.is_empty() {
        summary.push_str(&format!("; {} (listed above)", lost.join(", ")));
    }
    eprintln!("{summary}");
    if lost.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID_OR_NO_MATCH
    }
}

/// `--dry-run`: the first events as `tlx list` shows them, from the timeline that would
/// be written.
fn dry_run_preview(imported: &spreadsheet::Imported) -> io::Result<()> {
    let loaded = crate::model::load_texts(
        &[("converted.yaml", &imported.yaml)],
        &crate::model::LoadOptions::default(),
    );
    let tl = &loaded.timeline;
    let mut out = super::stdout();
    let shown = &tl.events[..tl.events.len().min(DRY_RUN_ROWS)];
    let when = |e: &crate::model::Event| e.when(crate::model::DateStyle::Text, None);
    let w = shown.iter().map(|e| width(&when(e))).max().unwrap_or(0);
    for e in shown {
        let pad = " ".repeat(w - width(&when(e)));
        writeln!(
            out,
            "{}{pad} {:<32} {}",
            when(e),
            sanitize(&e.id),
            sanitize(&e.title)
        )?;
    }
    if tl.events.len() > DRY_RUN_ROWS {
        writeln!(out, "… and {} more", tl.events.len() - DRY_RUN_ROWS)?;
    }
    out.flush()
}

fn timelinejs_file(
    file: &Path,
    media_base: Option<&str>,
    output: Option<&Path>,
    force: bool,
    global: &Global,
) -> anyhow::Result<u8> {
    let name = file.display().to_string();
    let shown = sanitize(&name).into_owned();
    let text = match read_text(file, global, "TimelineJS JSON is UTF-8") {
        Ok(t) => t,
        // Text that is not UTF-8 is not a TimelineJS document (1); a file that cannot be
        // read is 2.
        Err(Unread::NotUtf8) => return Ok(EXIT_INVALID_OR_NO_MATCH),
        Err(Unread::Io) => return Ok(EXIT_USAGE_OR_IO),
    };
    let imported = match timelinejs::import_with(&text, &name, media_base) {
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

    let destination = match write_yaml(&imported.yaml, output, force)? {
        Ok(d) => d,
        Err(code) => return Ok(code),
    };
    let summary = format!(
        "tlx: converted {} and {} from {shown} to {destination}",
        plural(imported.events, "event", "events"),
        plural(imported.eras, "era", "eras"),
    );
    Ok(finish(
        summary,
        imported.skipped,
        ("slide or era", "slides or eras"),
        imported.count(ProblemKind::NotConverted),
    ))
}

/// Writes the timeline to `output` (standard output for none or `-`); where it went, or
/// the exit code of a write that failed (its message printed).
fn write_yaml(yaml: &str, output: Option<&Path>, force: bool) -> io::Result<Result<String, u8>> {
    Ok(match output.filter(|p| *p != Path::new("-")) {
        None => {
            let mut out = super::stdout();
            out.write_all(yaml.as_bytes())?;
            out.flush()?;
            Ok("standard output".to_string())
        }
        Some(path) => match write_output(path, yaml.as_bytes(), force) {
            Ok(()) => Ok(sanitize(&path.display().to_string()).into_owned()),
            Err(code) => Err(code),
        },
    })
}

/// Why a file's text was not read (the message is printed).
enum Unread {
    Io,
    NotUtf8,
}

/// The text of `file`, read up to `--max-file-size`; `utf8` says what the file should
/// be, for the message when it is not UTF-8.
fn read_text(file: &Path, global: &Global, utf8: &str) -> Result<String, Unread> {
    let shown = sanitize(&file.display().to_string()).into_owned();
    match fs::metadata(file) {
        Ok(m) if m.is_dir() => {
            eprintln!("tlx: cannot read {shown}: it is a folder");
            return Err(Unread::Io);
        }
        Ok(m) if m.len() > global.max_file_size => {
            eprintln!(
                "tlx: {shown} is {} bytes, over the limit of {} bytes (raise it with --max-file-size)",
                m.len(),
                global.max_file_size
            );
            return Err(Unread::Io);
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
        return Err(Unread::Io);
    }
    if bytes.len() as u64 > global.max_file_size {
        eprintln!(
            "tlx: {shown} is over the limit of {} bytes; reading stopped there (raise it with --max-file-size)",
            global.max_file_size
        );
        return Err(Unread::Io);
    }
    String::from_utf8(bytes).map_err(|e| {
        eprintln!(
            "tlx: {shown}: not UTF-8 text (invalid byte at offset {}); {utf8}",
            e.utf8_error().valid_up_to()
        );
        Unread::NotUtf8
    })
}
