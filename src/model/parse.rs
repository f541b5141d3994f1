//! Step 3 of a load: a file's text into raw structs, each event checked as soon as it
//! is read.
//!
//! serde-saphyr parses with budgets scaled to the file's size ([`parse_options`]). A big
//! file is cut between two items of its `events` list ([`split`]) into pieces that parse
//! on every core, and the pieces' events, in order, are the file's; anything else, or a
//! cut whose pieces do not parse, is parsed whole, which gives the exact error. A scalar
//! that YAML read as a number or boolean (`title: 1.50`) gets its spelling back from the
//! file before the event holding it is checked.

use std::borrow::Cow;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use serde::de::DeserializeSeed as _;

use super::diag::{At, Diagnostic, Kind, Path};
use super::locate::Locator;
use super::options::{LoadOptions, parse_options};
use super::raw::{Lenient, RawEvent, RawFile, Walk};
use super::seed::FileSeed;
use super::split::{self, Plan};
use super::validate::{Converted, ParsedFile, convert};
use super::work::{Meter, Progress};
use super::yaml_error::parse_error;

/// A file this big that is parsed whole is parsed through a reader, half as fast as from
/// a string but with progress to show.
const STREAM_MIN_BYTES: usize = 32 << 20;

/// Parses file `input`'s `text`, on every core when it is big, counting bytes parsed
/// into `progress`. Returns the text too, unless `again` can read it again: then a text
/// that is cut is freed piece by piece as it parses, so that it is never held beside all
/// of the file's events.
pub fn parse(
    input: u16,
    text: Cow<'static, str>,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    progress: Option<&Progress>,
    again: Option<&dyn Fn() -> Option<String>>,
) -> (
    Result<ParsedFile, Box<Diagnostic>>,
    Option<Cow<'static, str>>,
) {
    if let Some(d) = lone_carriage_return(input, &text) {
        return (Err(Box::new(d)), Some(text));
    }
    let len = text.len();
    let pieces = split::pieces_for(len, crate::par::cores());
    if let Some(plan) = split::plan(&text, pieces) {
        let n = plan.pieces();
        match again {
            Some(again) => {
                let cut = (0..n)
                    .map(|i| Cow::Owned(split::piece_text(&text, &plan, i).into_owned()))
                    .collect();
                drop(text);
                if let Some(parsed) = parse_plan(input, cut, len, &plan, opts, meter, progress) {
                    return (Ok(parsed), None);
                }
                // A piece failed: the whole text gives the exact error.
                return match again() {
                    Some(text) => whole(input, Cow::Owned(text), opts, meter, progress, false),
                    None => (Err(Box::new(changed(input))), None),
                };
            }
            None => {
                let cut = (0..n).map(|i| split::piece_text(&text, &plan, i)).collect();
                if let Some(parsed) = parse_plan(input, cut, len, &plan, opts, meter, progress) {
                    return (Ok(parsed), Some(text));
                }
            }
        }
    }
    whole(input, text, opts, meter, progress, again.is_none())
}

/// Parses `text` whole, through a reader that counts progress when it is very big;
/// returns the text too when `keep`.
fn whole(
    input: u16,
    text: Cow<'static, str>,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    progress: Option<&Progress>,
    keep: bool,
) -> (
    Result<ParsedFile, Box<Diagnostic>>,
    Option<Cow<'static, str>>,
) {
    let counted = progress.filter(|_| text.len() >= STREAM_MIN_BYTES);
    let parsed = parse_text(input, &text, 0, opts, meter, counted)
        .map_err(|e| Box::new(parse_error(input, &e, &text, opts)));
    if let (Some(p), None) = (progress, counted) {
        p.done.fetch_add(text.len() as u64, Ordering::Relaxed);
    }
    (parsed, keep.then_some(text))
}

/// The file could not be read again to parse it whole.
fn changed(input: u16) -> Diagnostic {
    Diagnostic::error(
        Kind::Io,
        At::File { input },
        "the file changed or went away while it was read",
    )
}

/// Parses the pieces (`cut`, in order) of a text of `len` bytes that `plan` cuts, on
/// every core, each freed once parsed, and joins their events; `None` when a piece fails
/// or reads otherwise than the plan expects (the caller then parses the text whole).
/// Each piece's bytes count into `progress` once it is parsed.
pub fn parse_plan(
    input: u16,
    cut: Vec<Cow<'_, str>>,
    len: usize,
    plan: &Plan,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    progress: Option<&Progress>,
) -> Option<ParsedFile> {
    let mut first = 0;
    let jobs: Vec<(usize, usize, Cow<'_, str>)> = cut
        .into_iter()
        .enumerate()
        .map(|(i, piece)| {
            let job = (i, first, piece);
            first += plan.items[i];
            job
        })
        .collect();
    let parts = crate::par::map(jobs, |(i, first, piece)| {
        let parsed = parse_text(input, &piece, first, opts, meter, None).ok()?;
        drop(piece);
        if parsed.events.len() != plan.items[i] {
            return None;
        }
        let (from, to) = plan.bounds(i, len);
        if let Some(p) = progress {
            p.done.fetch_add((to - from) as u64, Ordering::Relaxed);
        }
        Some((parsed, (to - from) as u64))
    });
    let counted: u64 = parts.iter().flatten().map(|(_, n)| n).sum();
    let joined = join(parts.into_iter().map(|p| p.map(|(parsed, _)| parsed)));
    if joined.is_none()
        && let Some(p) = progress
    {
        // The text is parsed whole next, and counted again.
        p.done.fetch_sub(counted, Ordering::Relaxed);
    }
    joined
}

/// The pieces' parses as one file; `None` when one failed, or a piece after the first
/// holds anything but its items (the cut saw the text differently from the parser).
fn join(mut parts: impl Iterator<Item = Option<ParsedFile>>) -> Option<ParsedFile> {
    let mut whole = parts.next()??;
    for part in parts {
        let part = part?;
        let Lenient::Ok(f) = &part.file else {
            return None;
        };
        if f.present() != ["events"] || !f.extra.unknown.is_empty() || !f.extra.repeated.is_empty()
        {
            return None;
        }
        whole.events.extend(part.events);
    }
    if let Lenient::Ok(RawFile {
        events: Some(Lenient::Ok(list)),
        ..
    }) = &mut whole.file
    {
        list.len = whole.events.len();
    }
    Some(whole)
}

/// Parses `text` whole, as the loader parses a file it does not cut.
pub fn parse_whole(
    input: u16,
    text: &str,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
) -> Result<ParsedFile, serde_saphyr::Error> {
    parse_text(input, text, 0, opts, meter, None)
}

/// Parses `text` whole, its events being items `first`… of the file's list; with
/// `progress`, through a reader that counts the bytes parsed.
fn parse_text(
    input: u16,
    text: &str,
    first: usize,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    progress: Option<&Progress>,
) -> Result<ParsedFile, serde_saphyr::Error> {
    // Each event is checked as soon as it is read, unless YAML changed the spelling of
    // one of its scalars: that one waits for the spelling to be restored.
    let mut events: Vec<Result<Converted, Lenient<RawEvent>>> = Vec::new();
    let mut each = |i: usize, ev: Lenient<RawEvent>| {
        events.push(if ev.coerced() {
            Err(ev)
        } else {
            Ok(convert(input, first + i, ev))
        });
    };
    let seed = FileSeed {
        each_event: &mut each,
    };
    let options = meter.count(parse_options(text.len(), opts));
    let mut file = match progress {
        Some(progress) => serde_saphyr::with_deserializer_from_reader_with_options(
            Counting {
                inner: text.as_bytes(),
                progress,
            },
            options,
            |d| seed.deserialize(d),
        ),
        None => serde_saphyr::with_deserializer_from_str_with_options(text, options, |d| {
            seed.deserialize(d)
        }),
    }?;
    let waiting = events.iter().any(Result::is_err);
    if waiting || file.coerced() {
        restore_spellings(text, opts, meter, &mut file, &mut events);
    }
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| e.unwrap_or_else(|ev| convert(input, first + i, ev)))
        .collect();
    Ok(ParsedFile { file, events })
}

/// Puts back the exact spelling of text scalars that YAML read as numbers or booleans
/// (`title: 1.50` stays "1.50", not "1.5"), in the file and in the events waiting for it.
fn restore_spellings(
    text: &str,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    file: &mut Lenient<RawFile>,
    events: &mut [Result<Converted, Lenient<RawEvent>>],
) {
    let locator = Locator::new(text, meter.count(parse_options(text.len(), opts)));
    let mut restore = |p: &Path, t: &mut super::raw::Text| {
        if t.coerced {
            if let Some(v) = locator.verbatim(p) {
                t.value = v.to_string();
            }
            t.coerced = false;
        }
    };
    file.walk(&Path::root(), &mut restore);
    let list = Path::root().key("events");
    for (i, e) in events.iter_mut().enumerate() {
        if let Err(ev) = e {
            ev.walk(&list.index(i), &mut restore);
        }
    }
}

/// Counts the bytes the parser reads into a load's progress.
struct Counting<'a, R> {
    inner: R,
    progress: &'a Progress,
}

impl<R: std::io::Read> std::io::Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.done.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// YAML ends a line at a carriage return alone, as old Mac files do; lines and columns
/// shown here count line feeds. Such a file is refused, at its first lone carriage
/// return, rather than shown with places that point elsewhere.
fn lone_carriage_return(input: u16, text: &str) -> Option<Diagnostic> {
    let b = text.as_bytes();
    let at = memchr::memchr_iter(b'\r', b).find(|&i| b.get(i + 1) != Some(&b'\n'))?;
    let (line, column) = super::read::line_col_of_byte(b, at);
    Some(
        Diagnostic::error(
            Kind::Encoding,
            At::Span {
                input,
                line,
                column,
                length: 1,
            },
            "a line ends with a carriage return alone (old Mac line ends), which is not supported",
        )
        .note("help: save the file with LF or CRLF line ends"),
    )
}
