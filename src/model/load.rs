//! Loading: files and folders in, one validated timeline (and its diagnostics) out.
//!
//! 1. Paths expand into files ([`walk`](super::walk)).
//! 2. Each file is read whole, bounded and checked ([`read`](super::read)); files are
//!    read and parsed on every core.
//! 3. Each file is parsed, its events checked as they are read
//!    ([`parse`](super::parse)).
//! 4. Validation builds one timeline from all of them ([`validate`](super::validate)).
//! 5. Only when something is reported is a file parsed again, to find lines and columns
//!    ([`locate`](super::locate)).
//!
//! Every text is kept until the load is done, so a file is read once.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use super::diag::{Diagnostic, Severity};
use super::locate::place_all;
use super::parse::parse;
use super::read::read_file;
use super::types::{Input, Timeline};
use super::validate::{ParsedFile, Unparsed, build};

pub use super::options::{
    DEFAULT_MAX_EXPANSION, DEFAULT_MAX_FILE_SIZE, LoadOptions, parse_options,
};
pub use super::walk::{Listing, is_yaml, list_paths};
pub use super::work::{Meter, Progress, Work};

/// The curated timeline shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../events.yaml");
/// The name the embedded timeline goes by in messages and briefs.
pub const EMBEDDED_NAME: &str = "events.yaml";

/// What a load measured (for `--stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub files: usize,
    pub bytes: u64,
    pub events: usize,
    pub elapsed: Duration,
    pub work: Work,
}

/// A finished load: the timeline is usable only when there are no errors.
#[derive(Debug)]
pub struct Loaded {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: LoadStats,
}

impl Loaded {
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }
    pub fn has_errors(&self) -> bool {
        self.errors().next().is_some()
    }
    /// 2 when a file could not be read, 1 for invalid content, 0 when loaded.
    pub fn exit_code(&self) -> u8 {
        if self.errors().any(Diagnostic::is_io) {
            2
        } else if self.has_errors() {
            1
        } else {
            0
        }
    }
}

/// An input to load: its text in memory, or a file to read.
enum Source {
    Text(Cow<'static, str>),
    File(PathBuf),
}

/// Loads the curated timeline embedded in the binary.
pub fn load_embedded(opts: &LoadOptions) -> Loaded {
    let text = (
        EMBEDDED_NAME.to_string(),
        Source::Text(Cow::Borrowed(EMBEDDED)),
    );
    load(vec![text], Vec::new(), opts, Instant::now(), None)
}

/// Loads in-memory texts as if they were files with these names (tests, imports).
pub fn load_texts(texts: &[(&str, &str)], opts: &LoadOptions) -> Loaded {
    let sources = texts
        .iter()
        .map(|(name, text)| {
            let text = Source::Text(Cow::Owned((*text).to_string()));
            ((*name).to_string(), text)
        })
        .collect();
    load(sources, Vec::new(), opts, Instant::now(), None)
}

/// Loads files and folders, merged in the order given (a folder's files in path order).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    load_paths_with(paths, opts, None)
}

/// [`load_paths`], reporting bytes parsed to `progress` as it goes.
pub fn load_paths_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: Option<&Progress>,
) -> Loaded {
    load_listed(list_paths(paths), opts, progress)
}

/// Reads and validates the files of a [`Listing`], reporting bytes parsed to
/// `progress`. A file that is gone or unreadable by now is an I/O error naming it.
pub fn load_listed(listing: Listing, opts: &LoadOptions, progress: Option<&Progress>) -> Loaded {
    let start = Instant::now();
    if let Some(p) = progress {
        let total: u64 = listing
            .files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        p.total.store(total, std::sync::atomic::Ordering::Relaxed);
    }
    let sources = listing
        .files
        .into_iter()
        .map(|p| (super::walk::display_path(&p), Source::File(p)))
        .collect();
    load(sources, listing.diagnostics, opts, start, progress)
}

/// The inputs that diagnostics point into by path (to be placed at a line and column).
fn needs_places(diagnostics: &[Diagnostic]) -> std::collections::BTreeSet<u16> {
    diagnostics
        .iter()
        .flat_map(|d| [Some(&d.at), d.related.as_ref().map(|(a, _)| a)])
        .flatten()
        .filter_map(|a| match a {
            super::diag::At::Path { input, .. } => Some(*input),
            _ => None,
        })
        .collect()
}

/// Reads (when a file), parses and validates every input, on every core.
fn load(
    sources: Vec<(String, Source)>,
    early: Vec<Diagnostic>,
    opts: &LoadOptions,
    start: Instant,
    progress: Option<&Progress>,
) -> Loaded {
    let meter = Arc::new(Meter::default());
    let jobs: Vec<(u16, String, Source)> = sources
        .into_iter()
        .enumerate()
        .map(|(i, (name, s))| (i as u16, name, s))
        .collect();
    let read = crate::par::map(jobs, |(input, name, source)| {
        read_and_parse(input, name, source, opts, &meter, progress)
    });
    // The pieces' texts and the parser's scratch were freed as files parsed: give them
    // back before building allocates the timeline.
    crate::alloc::collect();
    let mut diagnostics = early;
    // A warning from listing (a skipped special file) leaves the timeline whole; an error
    // (a path that is not there) is an input that may define anything.
    let listing_failed = diagnostics.iter().any(Diagnostic::is_error);
    let mut inputs = Vec::with_capacity(read.len());
    let mut texts = Vec::with_capacity(read.len());
    let mut files = Vec::with_capacity(read.len());
    let mut failed = Vec::new();
    for (i, (input, text, parsed)) in read.into_iter().enumerate() {
        match parsed {
            Ok(f) => files.push((i as u16, f)),
            Err(mut d) => {
                d.file = Some(input.name.clone());
                diagnostics.push(*d);
                failed.push(i);
            }
        }
        inputs.push(input);
        texts.push(text);
    }
    let unparsed = if listing_failed {
        Unparsed::Unread
    } else if files.is_empty() {
        // Nothing parsed, so nothing refers to anything: no file is read again.
        Unparsed::of(failed.iter().map(|_| Some("")))
    } else {
        // The text of a file that did not parse, to tell which ids it may define: kept,
        // or read again (never for one that could not be read).
        let again: Vec<Option<String>> = failed
            .iter()
            .map(|&i| match texts[i] {
                Some(_) => None,
                None if inputs[i].sha256 != [0; 32] => {
                    read_again(i as u16, &inputs[i], opts, &meter)
                }
                None => None,
            })
            .collect();
        Unparsed::of(
            failed
                .iter()
                .zip(&again)
                .map(|(&i, a)| texts[i].as_deref().or(a.as_deref())),
        )
    };
    let built = build(&inputs, files, &unparsed);
    drop(unparsed);
    diagnostics.extend(built.diagnostics);
    // Files whose text was not kept are read again, only if something in them is to be
    // placed.
    let needed = needs_places(&diagnostics);
    let texts: Vec<Option<Cow<'static, str>>> = texts
        .into_iter()
        .zip(&inputs)
        .enumerate()
        .map(|(i, (text, meta))| match text {
            Some(t) => Some(t),
            None if needed.contains(&(i as u16)) && meta.sha256 != [0; 32] => {
                read_again(i as u16, meta, opts, &meter).map(Cow::Owned)
            }
            None => None,
        })
        .collect();
    let texts: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
    place_all(&mut diagnostics, &inputs, &texts, opts, &meter);
    drop(texts);
    // What the parse and the build freed goes back now: a program that waits for keys
    // next would otherwise hold it for as long as it waits.
    crate::alloc::collect();
    let timeline = built.timeline;
    let stats = LoadStats {
        files: inputs.len(),
        bytes: inputs.iter().map(|i| i.bytes).sum(),
        events: timeline.events.len(),
        elapsed: start.elapsed(),
        work: meter.work(),
    };
    Loaded {
        timeline,
        diagnostics,
        stats,
    }
}

/// One input read and parsed: what it is (with its size and hash once read), its text
/// when it is kept (a file's text is read again rather than kept, if it is needed), and
/// the parse or why there is none.
fn read_and_parse(
    input: u16,
    name: String,
    source: Source,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
    progress: Option<&Progress>,
) -> (
    Input,
    Option<Cow<'static, str>>,
    Result<ParsedFile, Box<Diagnostic>>,
) {
    let path = match source {
        Source::Text(text) => {
            let meta = Input {
                name,
                path: None,
                bytes: text.len() as u64,
                sha256: Sha256::digest(text.as_bytes()).into(),
            };
            let (parsed, text) = parse(input, text, opts, meter, progress, None);
            return (meta, text, parsed);
        }
        Source::File(path) => path,
    };
    let read = read_file(input, &path, opts, meter);
    let mut meta = Input {
        name,
        path: Some(path),
        bytes: 0,
        sha256: [0; 32],
    };
    let f = match read {
        Ok(f) => f,
        Err(d) => return (meta, None, Err(d)),
    };
    meta.bytes = f.bytes;
    meta.sha256 = f.sha256;
    // A file that is not a regular file (a pipe) cannot be read twice: its text is kept.
    let again = || read_again(input, &meta, opts, meter);
    let regular = meta.path.as_ref().is_some_and(|p| p.is_file());
    let again: Option<&dyn Fn() -> Option<String>> = if regular { Some(&again) } else { None };
    let (parsed, text) = parse(input, Cow::Owned(f.text), opts, meter, progress, again);
    (meta, text, parsed)
}

/// The text of a file read once already, if it is still what was read (same size and
/// hash): to parse it whole after a cut failed, or to place what is reported.
fn read_again(input: u16, meta: &Input, opts: &LoadOptions, meter: &Meter) -> Option<String> {
    let f = read_file(input, meta.path.as_ref()?, opts, meter).ok()?;
    (f.sha256 == meta.sha256).then_some(f.text)
}
