//! Loading: files and folders in, one validated timeline (and its diagnostics) out.
//!
//! 1. Paths expand into files (a folder means every `*.yaml` / `*.yml` in it,
//!    recursively, in path order; symlink loops are detected).
//! 2. Each file is size-checked before it is read, then read, hashed, checked for UTF-8
//!    and parsed by serde-saphyr with budgets scaled to its size. Files parse in parallel.
//! 3. Validation builds one timeline from all of them (`validate.rs`).
//! 4. Only when something is reported is a file read again to find lines and columns.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path as FsPath, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_saphyr::budget::BudgetBreach;
use sha2::{Digest, Sha256};

use super::diag::{At, Diagnostic, Kind, Path, Severity};
use super::locate::{Locator, line_text};
use super::raw::{Lenient, RawFile, Walk};
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

/// One input before parsing.
struct Pending {
    input: Input,
    /// The text, or why it could not be had.
    text: Result<Cow<'static, str>, Box<Diagnostic>>,
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
            text: Ok(Cow::Borrowed(EMBEDDED)),
        }],
        Vec::new(),
        opts,
        start,
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
            text: Ok(Cow::Owned((*text).to_string())),
        })
        .collect();
    finish(pending, Vec::new(), opts, start)
}

/// Loads files and folders, merged in the order given (a folder's files in path order).
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let start = Instant::now();
    let (files, early) = expand(paths);
    let names: Vec<String> = files.iter().map(|p| display_path(p)).collect();
    let inputs: Vec<Input> = files
        .iter()
        .zip(&names)
        .map(|(p, n)| Input {
            name: n.clone(),
            path: Some(p.clone()),
            bytes: 0,
            sha256: [0; 32],
        })
        .collect();
    // Read in parallel: each file is independent.
    let results = parallel_map(&inputs, |i, input| read_file(i as u16, input, opts));
    let pending = inputs
        .into_iter()
        .zip(results)
        .map(|(mut input, r)| match r {
            Ok((text, sha, bytes)) => {
                input.sha256 = sha;
                input.bytes = bytes;
                Pending {
                    input,
                    text: Ok(Cow::Owned(text)),
                }
            }
            Err(d) => Pending {
                input,
                text: Err(d),
            },
        })
        .collect();
    finish(pending, early, opts, start)
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
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, out, visited, diags),
            Ok(_) => {
                let is_yaml = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
                if is_yaml {
                    out.push(p);
                }
            }
            // A dangling symlink or a file that vanished: only matters if it is YAML.
            Err(e) => {
                let is_yaml = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                });
                if is_yaml {
                    diags.push(io_error(&p, "read", &e));
                }
            }
        }
    }
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

/// Reads one file: size limit first, then bytes, hash, encoding.
fn read_file(
    input: u16,
    meta: &Input,
    opts: &LoadOptions,
) -> Result<(String, [u8; 32], u64), Box<Diagnostic>> {
    let path = meta.path.as_ref().expect("files have paths");
    let m = std::fs::metadata(path)
        .map_err(|e| with_file(Box::new(io_error(path, "read", &e)), meta))?;
    if m.len() > opts.max_file_size {
        return Err(with_file(
            Box::new(Diagnostic::error(
                Kind::TooLarge,
                At::File { input },
                format!(
                    "file is {}, over the {} limit for one file; it was not read",
                    human_size(m.len()),
                    human_size(opts.max_file_size)
                ),
            )
            .note("help: raise the limit with --max-file-size <BYTES> (for example --max-file-size 512MiB)")),
            meta,
        ));
    }
    let bytes =
        std::fs::read(path).map_err(|e| with_file(Box::new(io_error(path, "read", &e)), meta))?;
    if bytes.len() as u64 > opts.max_file_size {
        return Err(with_file(
            Box::new(
                Diagnostic::error(
                    Kind::TooLarge,
                    At::File { input },
                    format!(
                        "file grew to {} while being read, over the {} limit",
                        human_size(bytes.len() as u64),
                        human_size(opts.max_file_size)
                    ),
                )
                .note("help: raise the limit with --max-file-size <BYTES>"),
            ),
            meta,
        ));
    }
    let sha: [u8; 32] = Sha256::digest(&bytes).into();
    let len = bytes.len() as u64;
    let text = decode(input, bytes).map_err(|d| with_file(d, meta))?;
    Ok((text, sha, len))
}

fn with_file(mut d: Box<Diagnostic>, meta: &Input) -> Box<Diagnostic> {
    d.file = Some(meta.name.clone());
    d
}

/// Bytes to text: UTF-8 only, a leading byte-order mark dropped, binary refused.
fn decode(input: u16, bytes: Vec<u8>) -> Result<String, Box<Diagnostic>> {
    if let Some(pos) = memchr_nul(&bytes) {
        let (line, column) = line_col_of_byte(&bytes, pos);
        return Err(Box::new(Diagnostic::error(
            Kind::Encoding,
            At::Span {
                input,
                line,
                column,
                length: 1,
            },
            "the file is binary (it contains a NUL byte), not a YAML timeline",
        )));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(match s.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => s,
        }),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let (line, column) = line_col_of_byte(bytes, pos);
            Err(Box::new(
                Diagnostic::error(
                    Kind::Encoding,
                    At::Span {
                        input,
                        line,
                        column,
                        length: 1,
                    },
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} cannot start a character here)",
                        bytes[pos]
                    ),
                )
                .note("help: save the file as UTF-8"),
            ))
        }
    }
}

fn memchr_nul(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == 0)
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

fn parse_one(input: u16, text: &str, opts: &LoadOptions) -> Parsed {
    let options = parse_options(text.len(), opts);
    let mut file: Lenient<RawFile> = match serde_saphyr::from_str_with_options(text, options) {
        Ok(f) => f,
        Err(e) => return Err(Box::new(parse_error(input, &e, text, opts))),
    };
    restore_spellings(&mut file, text, opts);
    Ok(file)
}

/// Puts back the exact spelling of text scalars that YAML read as numbers or booleans
/// (`title: 1.50` stays "1.50", not "1.5").
fn restore_spellings(file: &mut Lenient<RawFile>, text: &str, opts: &LoadOptions) {
    let mut paths = Vec::new();
    file.walk(&Path::root(), &mut |p, t| {
        if t.coerced {
            paths.push(p.clone());
        }
    });
    if paths.is_empty() {
        return;
    }
    let locator = Locator::new(text, parse_options(text.len(), opts));
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
) -> Loaded {
    let inputs: Vec<Input> = pending.iter().map(|p| p.input.clone()).collect();
    let mut diagnostics = early;
    let mut complete = diagnostics.is_empty();
    let parsed = parallel_map(&pending, |i, p| {
        let r = match &p.text {
            Ok(t) => parse_one(i as u16, t, opts),
            Err(d) => Err(d.clone()),
        };
        (i as u16, r)
    });
    let mut files = Vec::with_capacity(parsed.len());
    for (i, r) in parsed {
        match r {
            Ok(f) => files.push((i, f)),
            Err(d) => {
                complete = false;
                diagnostics.push(*d);
            }
        }
    }
    let built = build(&inputs, files, complete);
    diagnostics.extend(built.diagnostics);
    let texts: Vec<Option<&str>> = pending
        .iter()
        .map(|p| p.text.as_ref().ok().map(|t| t.as_ref()))
        .collect();
    locate_all(&mut diagnostics, &inputs, &texts, opts);
    let timeline = built.timeline;
    let stats = LoadStats {
        files: inputs.len(),
        bytes: inputs.iter().map(|i| i.bytes).sum(),
        events: timeline.events.len(),
        elapsed: start.elapsed(),
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
    texts: &[Option<&str>],
    opts: &LoadOptions,
) {
    let mut locators: HashMap<u16, Locator<'_>> = HashMap::new();
    let mut resolve = |at: &At| -> (At, Option<String>) {
        match at {
            At::Path { input, path } => {
                let Some(text) = texts.get(*input as usize).copied().flatten() else {
                    return (At::File { input: *input }, None);
                };
                let loc = locators
                    .entry(*input)
                    .or_insert_with(|| Locator::new(text, parse_options(text.len(), opts)));
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
