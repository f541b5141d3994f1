//! Loading: files and folders in, one validated timeline (and its diagnostics) out.
//!
//! 1. Paths expand into files (a folder means every `*.yaml` / `*.yml` in it,
//!    recursively, in path order; symlink loops are detected; named pipes, sockets and
//!    devices in a folder are skipped with a warning).
//! 2. Each file is size-checked before it is read, then read whole, hashed, checked for
//!    UTF-8 and parsed by serde-saphyr from memory (about twice as fast as from a reader)
//!    with budgets scaled to its size. Files parse in parallel, and a big file is cut
//!    between events into pieces that parse in parallel (`split.rs`). Bytes are counted
//!    as they are read, and reading stops past `--max-file-size`: a file may grow, and a
//!    pipe or a device named on the command line has no size to check beforehand (it is
//!    read into memory, since it can be read only once). A file whose bytes are wrong
//!    (binary, not UTF-8) is read again as a stream, which places the problem.
//! 3. Validation builds one timeline from all of them (`validate.rs`). Each event is
//!    checked as soon as it is parsed (on the thread parsing it), so that the raw
//!    structs of a whole file never exist at once; what needs the other events (ids,
//!    references, tag counts) follows in file order.
//! 4. Only when something is reported is a file read again to find lines and columns,
//!    never past the limit.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_saphyr::budget::BudgetBreach;
use sha2::{Digest, Sha256};

use super::diag::{At, Diagnostic, Kind, Path, Severity};
use super::locate::{Locator, line_text};
use super::raw::{Lenient, RawFile, Walk};
use super::split;
use super::types::{Input, Timeline};
use super::validate::build;

/// The curated timeline shipped in the binary.
pub const EMBEDDED: &str = include_str!("../../events.yaml");
/// The name the embedded timeline goes by in messages and briefs.
pub const EMBEDDED_NAME: &str = "events.yaml";
/// Files larger than this are refused before they are read, unless raised.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 256 * 1024 * 1024;
/// How far aliases may expand a file, as a multiple of its size.
pub const DEFAULT_MAX_EXPANSION: u64 = 4;

/// Limits for loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadOptions {
    /// Largest file accepted, in bytes (`--max-file-size`).
    pub max_file_size: u64,
    /// How many times its own size a file may grow through YAML aliases (`--max-expansion`).
    pub max_expansion: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_expansion: DEFAULT_MAX_EXPANSION,
        }
    }
}

/// What a load measured (for `--stats`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadStats {
    pub files: usize,
    pub bytes: u64,
    pub events: usize,
    pub elapsed: Duration,
    pub work: Work,
}

/// How much a load did, counted rather than timed: the same on any machine, so that a
/// test can bound it against the size of what was read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Work {
    /// Bytes read from files, pipes and devices (the embedded timeline and texts given
    /// in memory are not read).
    pub bytes_read: u64,
    /// YAML events the parser produced, over every parse of the load: each file once
    /// (or once per piece), and again only to restore a spelling or place a diagnostic.
    pub yaml_events: u64,
    /// Aliases (`*name`) the parser replayed.
    pub aliases: u64,
    /// Bytes of text scanned to find the lines that diagnostics show.
    pub line_bytes: u64,
}

/// Counts a load's [`Work`] from whichever thread does it.
#[derive(Debug, Default)]
pub struct Meter {
    bytes_read: AtomicU64,
    yaml_events: AtomicU64,
    aliases: AtomicU64,
    line_bytes: AtomicU64,
}

impl Meter {
    pub fn work(&self) -> Work {
        Work {
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            yaml_events: self.yaml_events.load(Ordering::Relaxed),
            aliases: self.aliases.load(Ordering::Relaxed),
            line_bytes: self.line_bytes.load(Ordering::Relaxed),
        }
    }
    /// `options`, counting what the parser does with them into this meter.
    pub fn count(self: &Arc<Self>, options: serde_saphyr::Options) -> serde_saphyr::Options {
        let meter = Arc::clone(self);
        options.with_budget_report(move |r| {
            meter
                .yaml_events
                .fetch_add(r.events as u64, Ordering::Relaxed);
            meter.aliases.fetch_add(r.aliases as u64, Ordering::Relaxed);
        })
    }
    fn read(&self, n: u64) {
        self.bytes_read.fetch_add(n, Ordering::Relaxed);
    }
    fn scanned(&self, n: u64) {
        self.line_bytes.fetch_add(n, Ordering::Relaxed);
    }
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

/// The serde-saphyr options for a file of `bytes` bytes: budgets scale with the size,
/// so a big honest file loads and a small file cannot expand into a big one.
pub fn parse_options(bytes: usize, opts: &LoadOptions) -> serde_saphyr::Options {
    let factor = opts.max_expansion.max(1) as usize;
    let mut budget = serde_saphyr::Budget::default();
    budget.max_reader_input_bytes = Some(opts.max_file_size as usize);
    // Every event of an alias-free file costs at least one byte: `factor` times the size
    // bounds what aliases may add.
    budget.max_events = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_nodes = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_total_scalar_bytes = bytes.saturating_mul(factor).saturating_add(65536);
    budget.max_recorded_anchor_events = bytes.saturating_mul(factor).saturating_add(4096);
    budget.max_recorded_anchor_bytes = bytes.saturating_mul(factor).saturating_add(65536);
    budget.max_aliases = (bytes / 4).saturating_add(1024);
    budget.max_anchors = (bytes / 4).saturating_add(1024);
    budget.max_documents = 1;
    budget.max_depth = 64;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    o.strict_booleans = true;
    o.leading_zero_numbers_as_strings = true;
    o.underscored_numbers_as_strings = true;
    o.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    o
}

/// Whether a file in a folder is a timeline: named `*.yaml` or `*.yml` (any case). The
/// one rule for the folder walk, the cache and the explorer's watcher.
pub fn is_yaml(path: &FsPath) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// One input before parsing.
struct Pending {
    input: Input,
    content: Content,
}

/// Where an input's text comes from.
enum Content {
    /// In memory (the embedded timeline, tests, imports).
    Text(Cow<'static, str>),
    /// A file on disk, read when loading (and again only to place a problem).
    File,
}

/// How far a load has come, for a progress display: bytes read of the total.
#[derive(Debug, Default)]
pub struct Progress {
    pub total: AtomicU64,
    pub done: AtomicU64,
}

/// Loads the curated timeline embedded in the binary.
pub fn load_embedded(opts: &LoadOptions) -> Loaded {
    let start = Instant::now();
    let input = Input {
        name: EMBEDDED_NAME.to_string(),
        path: None,
        bytes: EMBEDDED.len() as u64,
        sha256: Sha256::digest(EMBEDDED.as_bytes()).into(),
    };
    finish(
        vec![Pending {
            input,
            content: Content::Text(Cow::Borrowed(EMBEDDED)),
        }],
        Vec::new(),
        opts,
        start,
        None,
    )
}

/// Loads in-memory texts as if they were files with these names (tests, imports).
pub fn load_texts(texts: &[(&str, &str)], opts: &LoadOptions) -> Loaded {
    let start = Instant::now();
    let pending = texts
        .iter()
        .map(|(name, text)| Pending {
            input: Input {
                name: (*name).to_string(),
                path: None,
                bytes: text.len() as u64,
                sha256: Sha256::digest(text.as_bytes()).into(),
            },
            content: Content::Text(Cow::Owned((*text).to_string())),
        })
        .collect();
    finish(pending, Vec::new(), opts, start, None)
}

/// Loads files and folders, merged in the order given (a folder's files in path order).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    load_paths_with(paths, opts, None)
}

/// [`load_paths`], reporting bytes read to `progress` as it goes.
pub fn load_paths_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: Option<&Progress>,
) -> Loaded {
    load_listed(list_paths(paths), opts, progress)
}

/// The files a load reads, listed from the paths given (step 1), with what listing
/// found wrong. [`load_listed`] reads them; [`load_paths`] does both.
#[derive(Debug)]
pub struct Listing {
    /// The files to read, in order.
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    start: Instant,
}

/// Expands files and folders into the files to read, without reading any of them.
pub fn list_paths(paths: &[PathBuf]) -> Listing {
    let start = Instant::now();
    let (files, diagnostics) = expand(paths);
    Listing {
        files,
        diagnostics,
        start,
    }
}

/// Reads and validates the files of a [`Listing`], reporting bytes read to `progress`.
/// A file that is gone or unreadable by now is an I/O error naming it.
pub fn load_listed(listing: Listing, opts: &LoadOptions, progress: Option<&Progress>) -> Loaded {
    let Listing {
        files,
        diagnostics: early,
        start,
    } = listing;
    if let Some(p) = progress {
        let total: u64 = files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum();
        p.total.store(total, Ordering::Relaxed);
    }
    let pending = files
        .iter()
        .map(|p| Pending {
            input: Input {
                name: display_path(p),
                path: Some(p.clone()),
                bytes: 0,
                sha256: [0; 32],
            },
            content: Content::File,
        })
        .collect();
    finish(pending, early, opts, start, progress)
}

/// Runs `f` over `items` on up to the machine's cores, keeping order.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    if threads == 1 {
        return items.iter().enumerate().map(|(i, t)| f(i, t)).collect();
    }
    let next = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut out);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    let r = f(i, &items[i]);
                    results.lock().expect("no panics while holding")[i] = Some(r);
                }
            });
        }
    });
    out.into_iter()
        .map(|r| r.expect("every item done"))
        .collect()
}

/// How a path is shown: as given, with `./` dropped.
fn display_path(p: &FsPath) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

fn io_error(path: &FsPath, what: &str, e: &std::io::Error) -> Diagnostic {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    let mut d = Diagnostic::error(
        Kind::Io,
        At::Nowhere,
        format!("cannot {what} {}: {reason}", display_path(path)),
    );
    d.file = None;
    d
}

/// Expands folders into their YAML files, in path order, without duplicates.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut seen_files = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => diags.push(io_error(p, "read", &e)),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let mut visited = HashSet::new();
                walk_dir(p, &mut found, &mut visited, &mut diags);
                if found.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            Kind::Io,
                            At::Nowhere,
                            format!(
                                "no timeline files in folder {}: it holds no *.yaml or *.yml file",
                                display_path(p)
                            ),
                        )
                        .note("help: name timeline files with a .yaml or .yml extension"),
                    );
                }
                found.sort();
                for f in found {
                    let key = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
                    if seen_files.insert(key) {
                        files.push(f);
                    }
                }
            }
            Ok(_) => {
                let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                if seen_files.insert(key) {
                    files.push(p.clone());
                }
            }
        }
    }
    (files, diags)
}

fn walk_dir(
    dir: &FsPath,
    out: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            diags.push(io_error(dir, "read folder", &e));
            return;
        }
    };
    if !visited.insert(canonical) {
        // A symlink loop (or a folder reached twice): already walked.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(io_error(dir, "read folder", &e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let is_yaml = is_yaml(&p);
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, out, visited, diags),
            Ok(m) if m.is_file() => {
                if is_yaml {
                    out.push(p);
                }
            }
            // A named pipe, a socket or a device: reading it could block for ever or
            // never end. Only a path named on the command line is read as one.
            Ok(m) => {
                if is_yaml {
                    diags.push(
                        Diagnostic::warning(
                            Kind::Io,
                            At::Nowhere,
                            format!(
                                "skipped {}: it is {}, not a regular file",
                                display_path(&p),
                                special_kind(&m.file_type())
                            ),
                        )
                        .note("help: name it on the command line to read it anyway"),
                    );
                }
            }
            // A dangling symlink or a file that vanished: only matters if it is YAML.
            Err(e) => {
                if is_yaml {
                    diags.push(io_error(&p, "read", &e));
                }
            }
        }
    }
}

/// What a file that is neither a regular file nor a folder is, for messages.
fn special_kind(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = t;
    "a special file"
}

fn human_size(bytes: u64) -> String {
    const MIB: f64 = 1024.0 * 1024.0;
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / MIB)
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// What an input turned into: the raw file (or why not), its size and hash, and its
/// text when it cannot be read a second time (a pipe), for finding lines and columns.
type Read = (Parsed, u64, [u8; 32], Option<String>);

/// A problem with the bytes of a file, found while reading it.
#[derive(Clone, Copy, Debug)]
enum BadBytes {
    Nul(u64),
    Utf8(u64, u8),
}

/// Reads a file for the parser: hashes it, counts progress, drops a leading byte-order
/// mark, and refuses NUL bytes and invalid UTF-8 (noting where) as it goes.
struct Checked<'a, R> {
    inner: R,
    hasher: Sha256,
    bytes: u64,
    /// An incomplete UTF-8 sequence at the end of the last read.
    carry: Vec<u8>,
    progress: Option<&'a Progress>,
    bad: Option<BadBytes>,
    /// The most bytes read before [`Checked::over`] is set and reading stops: the size
    /// checked beforehand is only what the file system claims.
    limit: u64,
    over: bool,
}

impl<'a, R> Checked<'a, R> {
    fn new(inner: R, limit: u64, progress: Option<&'a Progress>) -> Self {
        Checked {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
            carry: Vec::new(),
            progress,
            bad: None,
            limit,
            over: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for Checked<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.over {
            return Err(over_limit_error());
        }
        let mut n = self.inner.read(buf)?;
        if self.bytes + n as u64 > self.limit {
            self.over = true;
            return Err(over_limit_error());
        }
        if n == 0 {
            if !self.carry.is_empty() {
                let at = self.bytes - self.carry.len() as u64;
                self.bad = Some(BadBytes::Utf8(at, self.carry[0]));
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    "not UTF-8",
                ));
            }
            return Ok(0);
        }
        self.hasher.update(&buf[..n]);
        if let Some(p) = self.progress {
            p.done.fetch_add(n as u64, Ordering::Relaxed);
        }
        let base = self.bytes;
        self.bytes += n as u64;
        if let Some(i) = memchr::memchr(0, &buf[..n]) {
            self.bad = Some(BadBytes::Nul(base + i as u64));
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "binary",
            ));
        }
        // Check UTF-8, carrying an incomplete sequence over to the next read.
        let mut joined;
        let (check, offset): (&[u8], u64) = if self.carry.is_empty() {
            (&buf[..n], base)
        } else {
            joined = std::mem::take(&mut self.carry);
            let o = base - joined.len() as u64;
            joined.extend_from_slice(&buf[..n]);
            (&joined[..], o)
        };
        if let Err(e) = std::str::from_utf8(check) {
            let good = e.valid_up_to();
            match e.error_len() {
                Some(_) => {
                    self.bad = Some(BadBytes::Utf8(offset + good as u64, check[good]));
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        "not UTF-8",
                    ));
                }
                None => self.carry = check[good..].to_vec(),
            }
        }
        if base == 0 && buf[..n].starts_with(b"\xEF\xBB\xBF") {
            buf.copy_within(3..n, 0);
            n -= 3;
        }
        Ok(n)
    }
}

fn over_limit_error() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::FileTooLarge, "over the size limit")
}

/// The refusal of a file over `--max-file-size`.
fn too_large(input: u16, message: String) -> Diagnostic {
    Diagnostic::error(Kind::TooLarge, At::File { input }, message).note(
        "help: raise the limit with --max-file-size <BYTES> (for example --max-file-size 512MiB)",
    )
}

/// The refusal of a file found to be over the limit while it was read (its size was not
/// known beforehand, or it grew).
fn grew_too_large(input: u16, opts: &LoadOptions) -> Diagnostic {
    too_large(
        input,
        format!(
            "file is over the {} limit for one file; reading stopped there",
            human_size(opts.max_file_size)
        ),
    )
}

/// At most `max` bytes from the start of the regular file at `path`: a file is read a
/// second time only to show where a problem is, and never past the limit.
fn read_prefix(path: &FsPath, max: u64) -> Option<Vec<u8>> {
    use std::io::Read as _;
    // Something else may have taken the file's place: never block on a pipe here.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut v = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(max)
        .read_to_end(&mut v)
        .ok()?;
    Some(v)
}

/// Reads a file that is not a regular file (a pipe, `/dev/stdin`, a device) into
/// memory, since it can be read only once, counting bytes: past the limit, reading
/// stops and the file is refused. After a NUL byte (binary, already an error) the rest
/// is counted but not kept. Returns the bytes kept.
fn read_special(
    input: u16,
    path: &FsPath,
    opts: &LoadOptions,
    meter: &Meter,
) -> Result<Vec<u8>, Box<Diagnostic>> {
    use std::io::Read as _;
    let mut f = std::fs::File::open(path).map_err(|e| Box::new(io_error(path, "read", &e)))?;
    let mut kept = Vec::new();
    let mut keep = true;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match f.read(&mut buf) {
            Ok(0) => return Ok(kept),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Box::new(io_error(path, "read", &e))),
        };
        total += n as u64;
        meter.read(n as u64);
        if total > opts.max_file_size {
            return Err(Box::new(grew_too_large(input, opts)));
        }
        if keep {
            match memchr::memchr(0, &buf[..n]) {
                Some(i) => {
                    kept.extend_from_slice(&buf[..=i]);
                    keep = false;
                }
                None => kept.extend_from_slice(&buf[..n]),
            }
        }
    }
}

/// Reads and parses one file as a stream: the size limit first, then the bytes, checked
/// and hashed on the way into the parser. A file that is not a regular file is read
/// into memory first (see [`read_special`]).
fn stream_file(
    input: u16,
    meta: &Input,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Read {
    let path = meta.path.as_ref().expect("files have paths");
    let fail = |d: Diagnostic| (Err(with_file(Box::new(d), meta)), 0, [0u8; 32], None);
    let m = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return fail(io_error(path, "read", &e)),
    };
    if !m.is_file() {
        return match read_special(input, path, opts, meter) {
            Ok(bytes) => parse_checked(input, meta, opts, progress, meter, Source::Memory(&bytes)),
            Err(d) => fail(*d),
        };
    }
    if m.len() > opts.max_file_size {
        return fail(too_large(
            input,
            format!(
                "file is {}, over the {} limit for one file; it was not read",
                human_size(m.len()),
                human_size(opts.max_file_size)
            ),
        ));
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(io_error(path, "read", &e)),
    };
    if let Some(read) = parse_whole(input, meta, opts, progress, meter, &file, m.len()) {
        return read;
    }
    // Reading found something wrong: read again as a stream, which reports it.
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return fail(io_error(path, "read", &e)),
    };
    parse_checked(
        input,
        meta,
        opts,
        progress,
        meter,
        Source::File(file, m.len(), path),
    )
}

/// A file this big that is not cut into pieces ([`split`]) is parsed through a reader,
/// half as fast as from a string but with progress to show.
const STREAM_MIN_BYTES: usize = 32 << 20;

/// Reads a regular file whole, then parses it from memory: serde-saphyr parses a string
/// about twice as fast as a reader, and a big file can then be cut into pieces that parse
/// on every core ([`split`]). `None` when reading found a problem (a NUL byte, invalid
/// UTF-8, growth past the limit, an I/O error): the streaming path reads it again and
/// reports it with its place.
fn parse_whole(
    input: u16,
    meta: &Input,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
    file: &std::fs::File,
    len: u64,
) -> Option<Read> {
    let (text, n, sha) = read_whole(file, len, opts, meter)?;
    let text = match split::parse_cut_owned(input, text, opts, progress, meter) {
        Ok(file) => return Some((Ok(file), n, sha, None)),
        Err(split::NotCut::Whole(text)) => text,
        // The pieces were freed as they parsed: read the file again to parse it whole
        // (its size and hash are then those of what is parsed).
        Err(split::NotCut::Failed) => {
            use std::io::Seek as _;
            let mut f = file;
            f.seek(std::io::SeekFrom::Start(0)).ok()?;
            let (text, n, sha) = read_whole(file, len, opts, meter)?;
            return Some((
                parse_text_counted(input, meta, &text, n, opts, progress, meter),
                n,
                sha,
                None,
            ));
        }
    };
    Some((
        parse_text_counted(input, meta, &text, n, opts, progress, meter),
        n,
        sha,
        None,
    ))
}

/// Reads `file` (listed at `len` bytes) whole through [`Checked`]: its text, size and
/// SHA-256. `None` on any problem, which the streaming path reports with its place.
fn read_whole(
    file: &std::fs::File,
    len: u64,
    opts: &LoadOptions,
    meter: &Meter,
) -> Option<(String, u64, [u8; 32])> {
    use std::io::Read as _;
    // Progress counts bytes parsed, not read: reading is the quick part.
    let mut reader = Checked::new(file, opts.max_file_size, None);
    let mut bytes = Vec::with_capacity(len.min(opts.max_file_size) as usize + 1);
    let read = reader.read_to_end(&mut bytes);
    meter.read(reader.bytes);
    read.ok()?;
    if reader.bad.is_some() || reader.over {
        return None;
    }
    let n = reader.bytes;
    let sha: [u8; 32] = reader.hasher.finalize().into();
    Some((String::from_utf8(bytes).ok()?, n, sha))
}

/// Parses a file's text whole. A very big file through a reader, so that progress moves
/// while it parses for seconds; others from the string, counted when done. The file can
/// be read again to place what validation finds, so its text is not kept. `bytes` is the
/// file's size, counted into `progress`.
fn parse_text_counted(
    input: u16,
    meta: &Input,
    text: &str,
    bytes: u64,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Parsed {
    let counted = progress.filter(|_| text.len() >= STREAM_MIN_BYTES);
    let parsed = parse_text(input, text, opts, counted, meter).map_err(|d| with_file(d, meta));
    if let (Some(p), None) = (progress, counted) {
        p.done.fetch_add(bytes, Ordering::Relaxed);
    }
    parsed
}

/// Where the bytes of a file come from.
enum Source<'a> {
    /// A regular file, open, with its size as listed; read again only to show a problem.
    File(std::fs::File, u64, &'a FsPath),
    /// The bytes of a file that cannot be read twice.
    Memory(&'a [u8]),
}

impl Source<'_> {
    /// At most `max` bytes from the start, read again.
    fn again(&self, max: u64) -> Option<Cow<'_, [u8]>> {
        match self {
            Source::File(_, _, path) => read_prefix(path, max).map(Cow::Owned),
            Source::Memory(b) => Some(Cow::Borrowed(&b[..b.len().min(max as usize)])),
        }
    }
}

/// Parses one file's bytes through [`Checked`], and turns what went wrong into a
/// diagnostic with a place.
fn parse_checked(
    input: u16,
    meta: &Input,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
    source: Source<'_>,
) -> Read {
    let (size, memory) = match &source {
        Source::File(_, len, _) => (*len, false),
        Source::Memory(b) => (b.len() as u64, true),
    };
    let result: Result<Lenient<RawFile>, serde_saphyr::Error>;
    let (bytes, sha, bad, over) = {
        let inner: Box<dyn std::io::Read + '_> = match &source {
            Source::File(f, _, _) => Box::new(std::io::BufReader::with_capacity(1 << 16, f)),
            Source::Memory(b) => Box::new(*b),
        };
        let mut reader = Checked::new(inner, opts.max_file_size, progress);
        let options = meter.count(parse_options(size as usize, opts));
        result = super::validate::converting(input, 0, || {
            serde_saphyr::from_reader_with_options(&mut reader, options)
        });
        // Hash what the parser did not read (after an early error, or trailing bytes).
        let _ = std::io::copy(&mut reader, &mut std::io::sink());
        // Bytes from memory were counted when they were read into it.
        if !memory {
            meter.read(reader.bytes);
        }
        let sha: [u8; 32] = reader.hasher.clone().finalize().into();
        (reader.bytes, sha, reader.bad, reader.over)
    };
    if over {
        return (
            Err(with_file(Box::new(grew_too_large(input, opts)), meta)),
            bytes,
            sha,
            None,
        );
    }
    // Anything worth a second look needs the text: read it again, only then, and never
    // past the limit.
    let text = || -> Option<String> {
        source.again(opts.max_file_size).map(|b| {
            let s = String::from_utf8_lossy(&b).into_owned();
            s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)
        })
    };
    if let Some(bad) = bad {
        let (at, message, note) = match bad {
            BadBytes::Nul(o) => (
                o,
                "the file is binary (it contains a NUL byte), not a YAML timeline".to_string(),
                None,
            ),
            BadBytes::Utf8(o, b) => (
                o,
                format!(
                    "the file is not valid UTF-8 (byte 0x{b:02X} cannot start a character here)"
                ),
                Some("help: save the file as UTF-8"),
            ),
        };
        // Only the bytes before the bad one are needed to place it.
        let raw = source.again(at).unwrap_or_default();
        let (line, column) = line_col_of_byte(&raw, at as usize);
        let mut d = Diagnostic::error(
            Kind::Encoding,
            At::Span {
                input,
                line,
                column,
                length: 1,
            },
            message,
        );
        if let Some(n) = note {
            d = d.note(n);
        }
        return (Err(with_file(Box::new(d), meta)), bytes, sha, None);
    }
    // A pipe's text is kept for placing what validation finds.
    let kept = if memory { text() } else { None };
    match result {
        Ok(mut f) => {
            if has_coerced(&mut f)
                && let Some(t) = kept.clone().or_else(text)
            {
                restore_spellings(&mut f, &t, opts, meter);
            }
            (Ok(f), bytes, sha, kept)
        }
        Err(e) => {
            let src = kept.clone().or_else(text).unwrap_or_default();
            (
                Err(with_file(
                    Box::new(parse_error(input, &e, &src, opts)),
                    meta,
                )),
                bytes,
                sha,
                kept,
            )
        }
    }
}

fn with_file(mut d: Box<Diagnostic>, meta: &Input) -> Box<Diagnostic> {
    d.file = Some(meta.name.clone());
    d
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col_of_byte(bytes: &[u8], pos: usize) -> (u32, u32) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|&&c| c == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line as u32, col as u32)
}

/// Turns a serde-saphyr error into a diagnostic with a position and a plain message.
fn parse_error(input: u16, err: &serde_saphyr::Error, src: &str, opts: &LoadOptions) -> Diagnostic {
    let loc = err.location().filter(|l| l.line() > 0);
    let at = match loc {
        Some(l) => At::Span {
            input,
            line: l.line() as u32,
            column: l.column() as u32,
            length: 1,
        },
        None => At::File { input },
    };
    let factor = opts.max_expansion;
    let size = human_size(src.len() as u64);
    let expansion_help = format!(
        "help: the limits scale with the file's size ({factor}x); if this file is trusted, raise them with --max-expansion <FACTOR>"
    );
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    let (kind, message, note) = match inner {
        serde_saphyr::Error::Budget { breach, .. } => {
            let (msg, note) = match breach {
                BudgetBreach::Events { events } => (
                    format!("the file expands past the parser's event budget ({events} YAML events for a {size} file): YAML aliases (*name) repeating large anchors (&name) are the usual cause"),
                    expansion_help,
                ),
                BudgetBreach::Nodes { nodes } => (
                    format!("the file expands past the parser's node budget ({nodes} nodes for a {size} file): YAML aliases (*name) repeating large anchors (&name) are the usual cause"),
                    expansion_help,
                ),
                BudgetBreach::ScalarBytes { total_scalar_bytes } => (
                    format!("the file expands past the parser's text budget ({total_scalar_bytes} bytes of text for a {size} file)"),
                    expansion_help,
                ),
                BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => (
                    format!("the file's anchors (&name) hold more than the parser's anchor budget allows for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::Aliases { aliases } => (
                    format!("the file uses too many YAML aliases (*name): {aliases}, over the alias budget for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::Anchors { anchors } => (
                    format!("the file defines too many YAML anchors (&name): {anchors}, over the anchor budget for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::AliasAnchorRatio { aliases, anchors } => (
                    format!("the file repeats YAML aliases far more than it defines anchors ({aliases} aliases for {anchors} anchors, over the limit of 10 uses per anchor): it looks like an alias bomb"),
                    "help: write the repeated content out, or use fewer aliases".to_string(),
                ),
                BudgetBreach::Depth { depth } => (
                    format!("the file nests deeper than the parser's depth budget of 64 levels (reached {depth})"),
                    "help: a timeline needs only a few levels of nesting".to_string(),
                ),
                BudgetBreach::Documents { .. } => (
                    "the file holds more than one YAML document (`---`): a timeline file is one document".to_string(),
                    "help: split the documents into separate files, which tlx merges".to_string(),
                ),
                BudgetBreach::InputBytes { input_bytes } => (
                    format!("the file is over the size limit ({input_bytes} bytes read)"),
                    "help: raise the limit with --max-file-size <BYTES>".to_string(),
                ),
                other => (
                    format!("the file breaks a parser budget: {other:?}"),
                    expansion_help,
                ),
            };
            (Kind::Budget, msg, Some(note))
        }
        serde_saphyr::Error::MultipleDocuments { .. } => (
            Kind::Syntax,
            "the file holds more than one YAML document (`---`): a timeline file is one document"
                .to_string(),
            Some("help: split the documents into separate files, which tlx merges".to_string()),
        ),
        other => {
            let mut msg = other.render_with_options(serde_saphyr::render_options! {
                snippets: serde_saphyr::SnippetMode::Off,
            });
            msg = clean_parser_message(&msg);
            if msg.contains("recursion limit exceeded") {
                (
                    Kind::Budget,
                    "the file nests flow collections ([ and {) deeper than the parser's limit of 255 levels".to_string(),
                    Some("help: a timeline needs only a few levels of nesting".to_string()),
                )
            } else {
                (Kind::Syntax, format!("invalid YAML: {msg}"), None)
            }
        }
    };
    let mut d = Diagnostic::error(kind, at, message);
    if let Some(n) = note {
        d.notes.push(n);
    }
    if kind == Kind::Syntax
        && let Some(l) = loc
        && let Some((line, col, c)) = unclosed_flow(src, l.line() as u32)
    {
        d.notes.push(format!(
            "help: the '{c}' at line {line}, column {col} is never closed; close it with '{}'",
            if c == '[' { ']' } else { '}' }
        ));
    }
    if let Some(l) = loc {
        let text = line_text(src, l.line() as u32).unwrap_or("");
        // The parser may report a tab that indents a key on the line before it.
        let tabbed =
            |n: u32| line_text(src, n).is_some_and(|t| t.trim_start_matches(' ').starts_with('\t'));
        if tabbed(l.line() as u32) || tabbed(l.line() as u32 + 1) {
            d.notes
                .push("help: YAML does not allow tabs for indentation; indent with spaces".into());
        }
        d.line_text = Some(text.to_string());
    }
    d
}

/// The innermost flow collection (`[` or `{`) still open at the start of line `upto`,
/// if any: the usual cause of a confusing YAML error a few lines further down.
fn unclosed_flow(src: &str, upto: u32) -> Option<(u32, u32, char)> {
    let mut stack: Vec<(u32, u32, char)> = Vec::new();
    for (n, line) in src.split('\n').enumerate() {
        let n = n as u32 + 1;
        if n >= upto {
            break;
        }
        let mut quote: Option<char> = None;
        // Where a flow collection may begin: at a value start, or anywhere inside one.
        let mut value_start = true;
        for (col, c) in line.chars().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '#' if col == 0
                    || line[..line.char_indices().nth(col).map_or(0, |(b, _)| b)]
                        .ends_with(' ') =>
                {
                    break;
                }
                '"' | '\'' if value_start || !stack.is_empty() => quote = Some(c),
                '[' | '{' if value_start || !stack.is_empty() => {
                    stack.push((n, col as u32 + 1, c));
                    value_start = true;
                    continue;
                }
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                }
                ':' | '-' | ',' => {
                    value_start = true;
                    continue;
                }
                ' ' => continue,
                _ => {}
            }
            value_start = false;
        }
    }
    stack.pop()
}

/// Drops the parser's own "error: line 3 column 5:" prefix and trailing location.
fn clean_parser_message(msg: &str) -> String {
    let mut m = msg.trim().to_string();
    if let Some(rest) = m.strip_prefix("error: ") {
        m = rest.to_string();
    }
    if let Some(rest) = m.strip_prefix("line ")
        && let Some(idx) = rest.find(": ")
        && rest[..idx].contains("column")
    {
        m = rest[idx + 2..].to_string();
    }
    if let Some(idx) = m.find(" at line ") {
        m.truncate(idx);
    }
    m.lines().next().unwrap_or("").trim().to_string()
}

/// A file parsed into raw structs, or why it could not be.
type Parsed = Result<Lenient<RawFile>, Box<Diagnostic>>;

fn parse_one(input: u16, text: &str, opts: &LoadOptions, meter: &Arc<Meter>) -> Parsed {
    match split::parse_cut(input, text, opts, None, meter) {
        Some(file) => Ok(file),
        None => parse_text(input, text, opts, None, meter),
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

/// Parses `text` whole (not cut). With `progress`, through a reader that counts the
/// bytes parsed (half as fast as from the string, but a long parse shows it moving).
fn parse_text(
    input: u16,
    text: &str,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Parsed {
    let options = meter.count(parse_options(text.len(), opts));
    let parsed = super::validate::converting(input, 0, || match progress {
        Some(progress) => serde_saphyr::from_reader_with_options(
            Counting {
                inner: text.as_bytes(),
                progress,
            },
            options,
        ),
        None => serde_saphyr::from_str_with_options(text, options),
    });
    let mut file: Lenient<RawFile> = match parsed {
        Ok(f) => f,
        Err(e) => return Err(Box::new(parse_error(input, &e, text, opts))),
    };
    restore_spellings(&mut file, text, opts, meter);
    Ok(file)
}

/// True when some text scalar was read as a number or boolean.
fn has_coerced(file: &mut Lenient<RawFile>) -> bool {
    let mut any = false;
    file.walk(&Path::root(), &mut |_, t| any |= t.coerced);
    any
}

/// Puts back the exact spelling of text scalars that YAML read as numbers or booleans
/// (`title: 1.50` stays "1.50", not "1.5").
pub(super) fn restore_spellings(
    file: &mut Lenient<RawFile>,
    text: &str,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
) {
    let mut paths = Vec::new();
    file.walk(&Path::root(), &mut |p, t| {
        if t.coerced {
            paths.push(p.clone());
        }
    });
    if paths.is_empty() {
        return;
    }
    let locator = Locator::new(text, meter.count(parse_options(text.len(), opts)));
    let verbatim: HashMap<usize, String> = paths
        .iter()
        .enumerate()
        .filter_map(|(i, p)| locator.verbatim(p).map(|v| (i, v.to_string())))
        .collect();
    let mut i = 0;
    file.walk(&Path::root(), &mut |_, t| {
        if t.coerced {
            if let Some(v) = verbatim.get(&i) {
                t.value = v.clone();
            }
            t.coerced = false;
            i += 1;
        }
    });
}

fn finish(
    pending: Vec<Pending>,
    early: Vec<Diagnostic>,
    opts: &LoadOptions,
    start: Instant,
    progress: Option<&Progress>,
) -> Loaded {
    let meter = Arc::new(Meter::default());
    let meter = &meter;
    let mut diagnostics = early;
    // A warning from listing (a skipped special file) leaves the timeline whole.
    let mut complete = !diagnostics.iter().any(Diagnostic::is_error);
    let parsed: Vec<Read> = parallel_map(&pending, |i, p| match &p.content {
        Content::Text(t) => (
            parse_one(i as u16, t, opts, meter),
            p.input.bytes,
            p.input.sha256,
            None,
        ),
        Content::File => stream_file(i as u16, &p.input, opts, progress, meter),
    });
    let mut pending = pending;
    let mut inputs: Vec<Input> = pending.iter().map(|p| p.input.clone()).collect();
    let mut files = Vec::with_capacity(parsed.len());
    for (i, (r, bytes, sha, kept)) in parsed.into_iter().enumerate() {
        inputs[i].bytes = bytes;
        inputs[i].sha256 = sha;
        if let Some(text) = kept {
            pending[i].content = Content::Text(Cow::Owned(text));
        }
        match r {
            Ok(f) => files.push((i as u16, f)),
            Err(d) => {
                complete = false;
                diagnostics.push(*d);
            }
        }
    }
    let built = build(&inputs, files, complete);
    diagnostics.extend(built.diagnostics);
    locate_all(&mut diagnostics, &inputs, &pending, opts, meter);
    drop(pending);
    // What building freed goes back now: a program that waits for keys next would
    // otherwise hold it for as long as it waits.
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

/// Turns paths into lines and columns, names files, and sorts by place.
fn locate_all(
    diagnostics: &mut [Diagnostic],
    inputs: &[Input],
    pending: &[Pending],
    opts: &LoadOptions,
    meter: &Arc<Meter>,
) {
    // The text of each input that has something to locate: files are read again here,
    // and only here, when a diagnostic needs a line and column.
    let needed: std::collections::BTreeSet<u16> = diagnostics
        .iter()
        .flat_map(|d| [Some(&d.at), d.related.as_ref().map(|(a, _)| a)])
        .flatten()
        .filter_map(|a| match a {
            At::Path { input, .. } => Some(*input),
            _ => None,
        })
        .collect();
    let texts: HashMap<u16, Cow<'_, str>> = needed
        .into_iter()
        .filter_map(|i| {
            let p = pending.get(i as usize)?;
            let text = match &p.content {
                Content::Text(t) => Cow::Borrowed(t.as_ref()),
                Content::File => {
                    let b = read_prefix(p.input.path.as_ref()?, opts.max_file_size)?;
                    let s = String::from_utf8(b).ok()?;
                    Cow::Owned(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))
                }
            };
            Some((i, text))
        })
        .collect();
    let mut locators: HashMap<u16, Locator<'_>> = HashMap::new();
    let mut resolve = |at: &At| -> (At, Option<String>) {
        match at {
            At::Path { input, path } => {
                let Some(text) = texts.get(input).map(|t| t.as_ref()) else {
                    return (At::File { input: *input }, None);
                };
                let loc = locators.entry(*input).or_insert_with(|| {
                    Locator::new(text, meter.count(parse_options(text.len(), opts)))
                });
                match loc.locate(path) {
                    Some(p) => (
                        At::Span {
                            input: *input,
                            line: p.line,
                            column: p.column,
                            length: p.length,
                        },
                        loc.line_text(p.line).map(str::to_string),
                    ),
                    None => (At::File { input: *input }, None),
                }
            }
            other => (other.clone(), None),
        }
    };
    for d in diagnostics.iter_mut() {
        if matches!(d.at, At::Path { .. }) {
            let (at, line) = resolve(&d.at);
            d.at = at;
            d.line_text = line;
        }
        if let Some(input) = d.at.input()
            && d.file.is_none()
        {
            d.file = inputs.get(input as usize).map(|i| i.name.clone());
        }
        if let Some((at, _)) = &d.related {
            let (at, _) = resolve(at);
            let mut s = String::new();
            if let Some(i) = at.input() {
                s.push_str(&inputs[i as usize].name);
            }
            if let At::Span { line, column, .. } = at {
                let _ = write!(s, ":{line}:{column}");
            }
            d.related_location = Some(s);
        }
    }
    for loc in locators.values() {
        meter.scanned(loc.scanned());
    }
    diagnostics.sort_by_key(|d| {
        let (input, line, col) = match d.at {
            At::Nowhere => (u16::MAX, 0, 0),
            At::File { input } | At::Path { input, .. } => (input, 0, 0),
            At::Span {
                input,
                line,
                column,
                ..
            } => (input, line, column),
        };
        (input, line, col)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_message_prefixes_are_dropped() {
        assert_eq!(
            clean_parser_message("error: line 2 column 2: illegal placement of ':' indicator"),
            "illegal placement of ':' indicator"
        );
        assert_eq!(
            clean_parser_message("unexpected end at line 3 column 1"),
            "unexpected end"
        );
    }

    #[test]
    fn unclosed_flow_collections_are_found() {
        let src = "a: 1\nb: [x, y\nc: 2\n";
        assert_eq!(unclosed_flow(src, 3), Some((2, 4, '[')));
        assert_eq!(unclosed_flow("a: [x]\nb: {c: [1]}\nd: e\n", 3), None);
        assert_eq!(unclosed_flow("t: see [1] and [2\nx: y\n", 2), None);
        assert_eq!(unclosed_flow("t: \"[\"\nx: y\n", 2), None);
    }

    #[test]
    fn byte_positions_become_lines_and_columns() {
        assert_eq!(line_col_of_byte(b"ab\ncd\xff", 5), (2, 3));
        assert_eq!(line_col_of_byte(b"\xff", 0), (1, 1));
    }
}
