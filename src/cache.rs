//! The cache of parsed timelines: a big timeline that has not changed opens without being
//! parsed again.
//!
//! After a load of files over [`MIN_BYTES`] in total that produced no diagnostic at all,
//! the validated timeline is written to the user's cache folder ([`default_dir`]:
//! `$XDG_CACHE_HOME/tlx/`, else `~/.cache/tlx/`), one file per set of inputs, named after
//! a hash of the inputs' canonical paths. The next load of the same inputs checks, in
//! order of cost: the list of files (folders are listed again), each file's size and
//! modification time, the tlx version and build, the load options, then each file's
//! SHA-256 and the checksum of the cache file. Anything that differs, or a cache file
//! that is missing, truncated or corrupt, falls back to parsing: never a crash, never
//! stale data.
//!
//! The format is hand-written (little-endian integers, length-prefixed strings, no
//! serde), so that reading it is one `read` and one tight pass; the indexes are rebuilt
//! with [`crate::model::validate::assemble`], the same code the loader uses. See
//! `docs/cache.md` for the layout and the decisions.
//!
//! The entry points are [`load_paths`] and [`load_with`] (for a loader of its own, such as
//! one that reports progress); [`Cache`] says where the cache lives and when it is used.

use std::ffi::OsString;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::model::validate::assemble;
use crate::model::{
    Actor, ActorKind, ActorRole, Citation, Confidence, Credibility, Date, Era, Event, Input, Link,
    LoadOptions, LoadStats, Loaded, Origin, Qualifier, RelKind, Reliability, Source, SourceKind,
    Timeline,
};

/// Inputs smaller than this in total (bytes) are not cached: they parse in a few
/// milliseconds anyway. [`Cache::min_bytes`] overrides it (tests use 0).
pub const MIN_BYTES: u64 = 4 * 1024 * 1024;

/// The layout of a cache file; bumped whenever the encoding changes.
pub const LAYOUT: u32 = 1;

/// The version of tlx that writes and reads cache files: a cache file written by another
/// version is not used.
pub const TLX_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The first bytes of every cache file.
pub const MAGIC: &[u8; 8] = b"TLXCACHE";

/// The extension of cache files.
pub const EXTENSION: &str = "tlxc";

/// Where the cache lives and when it is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cache {
    /// The cache folder; `None` turns the cache off (`--no-cache`, or no folder known).
    pub dir: Option<PathBuf>,
    /// Inputs under this many bytes in total are neither read from nor written to the
    /// cache ([`MIN_BYTES`] unless a test says otherwise).
    pub min_bytes: u64,
    /// Why there is no folder, for `--stats` (when `dir` is `None`).
    pub off_because: Option<&'static str>,
}

impl Cache {
    /// The cache turned off.
    pub fn off() -> Cache {
        Cache {
            dir: None,
            min_bytes: MIN_BYTES,
            off_because: Some("--no-cache"),
        }
    }
    /// The cache in this folder, with the default threshold.
    pub fn in_dir(dir: impl Into<PathBuf>) -> Cache {
        Cache {
            dir: Some(dir.into()),
            min_bytes: MIN_BYTES,
            off_because: None,
        }
    }
    /// The same cache, used for inputs of at least `min_bytes` bytes.
    pub fn with_min_bytes(mut self, min_bytes: u64) -> Cache {
        self.min_bytes = min_bytes;
        self
    }
    /// The cache as the command line wants it: off with `--no-cache`, else in
    /// [`default_dir`] of the process's environment.
    pub fn from_global(global: &crate::cli::Global) -> Cache {
        if global.no_cache {
            return Cache::off();
        }
        match default_dir() {
            Some(dir) => Cache::in_dir(dir),
            None => Cache {
                dir: None,
                min_bytes: MIN_BYTES,
                off_because: Some("no cache folder: neither XDG_CACHE_HOME nor HOME is set"),
            },
        }
    }
}

/// `$XDG_CACHE_HOME/tlx` (when set to an absolute path), else `$HOME/.cache/tlx`.
pub fn default_dir() -> Option<PathBuf> {
    dir_from(std::env::var_os("XDG_CACHE_HOME"), std::env::var_os("HOME"))
}

/// [`default_dir`] from given values of `XDG_CACHE_HOME` and `HOME`. As the XDG base
/// directory specification says, a relative `XDG_CACHE_HOME` is ignored.
pub fn dir_from(xdg_cache_home: Option<OsString>, home: Option<OsString>) -> Option<PathBuf> {
    if let Some(x) = xdg_cache_home.filter(|x| !x.is_empty()).map(PathBuf::from)
        && x.is_absolute()
    {
        return Some(x.join("tlx"));
    }
    let home = home.filter(|h| !h.is_empty()).map(PathBuf::from)?;
    Some(home.join(".cache").join("tlx"))
}

/// Why a cached timeline was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Miss {
    /// No cache file for these inputs.
    Absent,
    /// The cache file could not be read.
    Unreadable(String),
    /// Written by another version or build of tlx, or in another layout.
    Version,
    /// Written for other `--max-file-size` / `--max-expansion` limits.
    Options,
    /// The list of files, or a file's size or modification time, differs.
    Stale,
    /// A file's content differs (its SHA-256), though its size and time do not.
    Changed,
    /// The file is truncated or corrupt (what was wrong).
    Corrupt(&'static str),
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Miss::Absent => f.write_str("no cached copy"),
            Miss::Unreadable(e) => write!(f, "the cache file could not be read: {e}"),
            Miss::Version => f.write_str("cached by another version of tlx"),
            Miss::Options => f.write_str("cached with other limits"),
            Miss::Stale => f.write_str("the files changed (list, size or time)"),
            Miss::Changed => f.write_str("a file's content changed"),
            Miss::Corrupt(what) => write!(f, "the cache file is corrupt ({what})"),
        }
    }
}

/// What became of the fresh load, after a miss.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// Written to the cache.
    Yes,
    /// Not written: the load reported errors or warnings (only clean loads are cached).
    Diagnostics,
    /// Not written: the inputs changed while they were loaded, or the loader read other
    /// files than the cache expected.
    InputsMoved,
    /// Not written: the folder or the file could not be written (not an error).
    Failed(String),
}

/// Whether and how the cache served a load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The cache is off (`--no-cache`, or no folder); the reason.
    Off(&'static str),
    /// The inputs are under [`Cache::min_bytes`]: the cache was neither read nor written.
    Small,
    /// The inputs could not be listed (a missing file, an empty folder…): the loader
    /// reports why; the cache was neither read nor written.
    Unlisted,
    /// The timeline came from the cache.
    Hit,
    /// The timeline was parsed.
    Miss { why: Miss, stored: Stored },
}

impl Status {
    pub fn is_hit(&self) -> bool {
        matches!(self, Status::Hit)
    }
}

/// Where the time of a cached load went (zero for steps not taken).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timings {
    /// Listing the files and reading their metadata.
    pub check: Duration,
    /// Reading the cache file.
    pub read: Duration,
    /// Hashing the inputs (SHA-256), on a second thread while the first decodes.
    pub hash: Duration,
    /// Checksumming the cache file ([`checksum`]), on the second thread after hashing.
    pub checksum: Duration,
    /// Decoding the payload into events, actors, sources… (the second thread joins in
    /// after its checks): from the start of decoding to the last event, so it includes
    /// the checks when they take longer.
    pub decode: Duration,
    /// Rebuilding the indexes ([`assemble`]).
    pub index: Duration,
    /// The fresh load (parse and validation), after a miss.
    pub fresh: Duration,
    /// Encoding and writing the cache file, after a miss.
    pub write: Duration,
    /// Everything, as the caller waited for it.
    pub total: Duration,
}

/// A load that went through the cache.
#[derive(Debug)]
pub struct CachedLoad {
    pub loaded: Loaded,
    pub status: Status,
    /// The cache file read or written (when there was one).
    pub file: Option<PathBuf>,
    pub timings: Timings,
}

impl CachedLoad {
    /// The `--stats` line: `hit (…/tlx/ab12….tlxc): …` or why the cache was not used.
    pub fn describe(&self) -> String {
        let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
        let t = &self.timings;
        let file = self
            .file
            .as_ref()
            .map_or(String::new(), |f| f.display().to_string());
        match &self.status {
            Status::Off(why) => format!("off ({why})"),
            Status::Small => format!(
                "not used (the inputs are under {} MiB)",
                MIN_BYTES / (1024 * 1024)
            ),
            Status::Unlisted => {
                "not used (the inputs could not be listed, or are not regular files)".to_string()
            }
            Status::Hit => format!(
                "hit ({file}) in {} ms: check {}, read {}, decode {} (meanwhile hash {}, checksum {}), index {}",
                ms(t.total),
                ms(t.check),
                ms(t.read),
                ms(t.decode),
                ms(t.hash),
                ms(t.checksum),
                ms(t.index),
            ),
            Status::Miss { why, stored } => {
                let stored = match stored {
                    Stored::Yes => format!("stored in {file} ({} ms)", ms(t.write)),
                    Stored::Diagnostics => {
                        "not stored (only loads without errors or warnings are cached)".into()
                    }
                    Stored::InputsMoved => {
                        "not stored (the files changed while they were read)".into()
                    }
                    Stored::Failed(e) => format!("not stored ({e})"),
                };
                format!("miss ({why}); {stored}")
            }
        }
    }
}

/// Loads files and folders like [`crate::model::load_paths`], through the cache.
pub fn load_paths(paths: &[PathBuf], opts: &LoadOptions, cache: &Cache) -> CachedLoad {
    load_with(paths, opts, cache, || crate::model::load_paths(paths, opts))
}

/// Loads through the cache, with `fresh` as the loader of `paths` on a miss (it must load
/// exactly `paths` with `opts`, as [`crate::model::load_paths`] does).
pub fn load_with(
    paths: &[PathBuf],
    opts: &LoadOptions,
    cache: &Cache,
    fresh: impl FnOnce() -> Loaded,
) -> CachedLoad {
    let start = Instant::now();
    let mut timings = Timings::default();
    let plan = match &cache.dir {
        None => Err(Status::Off(cache.off_because.unwrap_or("off"))),
        Some(dir) => match Key::new(paths, opts) {
            None => Err(Status::Unlisted),
            Some(key) if key.total_bytes() < cache.min_bytes => Err(Status::Small),
            Some(key) => Ok((dir, key)),
        },
    };
    timings.check = start.elapsed();
    let (dir, key) = match plan {
        Ok(plan) => plan,
        Err(status) => {
            let mut loaded = fresh();
            timings.fresh = loaded.stats.elapsed;
            timings.total = start.elapsed();
            loaded.stats.elapsed = timings.total;
            return CachedLoad {
                loaded,
                status,
                file: None,
                timings,
            };
        }
    };
    let file = dir.join(key.file_name());
    let why = match read_cached(&file, &key, &mut timings) {
        Ok(timeline) => {
            // The file's bytes and the decoding's scratch go back before anything else
            // (the explorer's search index) is built.
            crate::alloc::collect();
            timings.total = start.elapsed();
            let stats = LoadStats {
                files: timeline.inputs.len(),
                bytes: timeline.inputs.iter().map(|i| i.bytes).sum(),
                events: timeline.events.len(),
                elapsed: timings.total,
                work: Default::default(),
            };
            return CachedLoad {
                loaded: Loaded {
                    timeline,
                    diagnostics: Vec::new(),
                    stats,
                },
                status: Status::Hit,
                file: Some(file),
                timings,
            };
        }
        Err(why) => why,
    };
    let fresh_start = Instant::now();
    let loaded = fresh();
    timings.fresh = fresh_start.elapsed();
    let write_start = Instant::now();
    let stored = store(dir, &file, &key, &loaded);
    timings.write = write_start.elapsed();
    timings.total = start.elapsed();
    let mut loaded = loaded;
    loaded.stats.elapsed = timings.total;
    CachedLoad {
        loaded,
        status: Status::Miss { why, stored },
        file: Some(file),
        timings,
    }
}

/// One input file as found before loading.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    path: PathBuf,
    size: u64,
    /// Modification time: seconds and nanoseconds since 1970 (seconds may be negative).
    mtime: (i64, u32),
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    let mtime = match m.modified().ok()?.duration_since(UNIX_EPOCH) {
        Ok(d) => (i64::try_from(d.as_secs()).ok()?, d.subsec_nanos()),
        Err(e) => {
            // Before 1970: store it as a negative count of whole seconds plus nanoseconds.
            let d = e.duration();
            let secs = i64::try_from(d.as_secs()).ok()?;
            if d.subsec_nanos() == 0 {
                (-secs, 0)
            } else {
                (-secs - 1, 1_000_000_000 - d.subsec_nanos())
            }
        }
    };
    Some(Stamp {
        path: path.to_path_buf(),
        size: m.len(),
        mtime,
    })
}

/// What a cache file is for: the files the inputs expand to (with their size and time),
/// the load options, and the file name derived from the inputs' canonical paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    files: Vec<Stamp>,
    max_file_size: u64,
    max_expansion: u64,
    name: String,
}

impl Key {
    /// Lists the files that loading `paths` reads (a folder's `*.yaml` and `*.yml` files,
    /// recursively, in path order, as the loader does) with their size and modification
    /// time. `None` when a path cannot be read or listed: the loader will report it, and
    /// the cache stays out of the way.
    pub fn new(paths: &[PathBuf], opts: &LoadOptions) -> Option<Key> {
        let files = expand(paths)?;
        let stamps: Vec<Stamp> = files.iter().map(|f| stamp(f)).collect::<Option<_>>()?;
        if stamps.is_empty() || stamps.len() > usize::from(u16::MAX) {
            return None;
        }
        let mut h = Sha256::new();
        for p in paths {
            let c = fs::canonicalize(p).ok()?;
            h.update(c.as_os_str().as_encoded_bytes());
            h.update([0]);
        }
        let digest = h.finalize();
        let mut name = hex(&digest[..16]);
        name.push('.');
        name.push_str(EXTENSION);
        Some(Key {
            files: stamps,
            max_file_size: opts.max_file_size,
            max_expansion: opts.max_expansion,
            name,
        })
    }
    /// The cache file's name in the cache folder: `<32 hex digits>.tlxc`.
    pub fn file_name(&self) -> &str {
        &self.name
    }
    /// The files' total size.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|s| s.size).sum()
    }
    /// The files, in load order.
    pub fn files(&self) -> impl Iterator<Item = &Path> {
        self.files.iter().map(|s| s.path.as_path())
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The files the loader reads for `paths`, or `None` on anything the loader would
/// report. Mirrors the loader's expansion; a difference would only make the cache miss
/// (the files actually loaded are compared with these before anything is stored).
fn expand(paths: &[PathBuf]) -> Option<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        let m = fs::metadata(p).ok()?;
        if m.is_dir() {
            let mut found = Vec::new();
            let mut visited = std::collections::HashSet::new();
            walk(p, &mut found, &mut visited)?;
            if found.is_empty() {
                return None;
            }
            found.sort();
            for f in found {
                let key = fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
                if seen.insert(key) {
                    files.push(f);
                }
            }
        } else {
            let key = fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            if seen.insert(key) {
                files.push(p.clone());
            }
        }
    }
    Some(files)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    visited: &mut std::collections::HashSet<PathBuf>,
) -> Option<()> {
    let canonical = fs::canonicalize(dir).ok()?;
    if !visited.insert(canonical) {
        return Some(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, out, visited)?,
            Ok(_) if is_yaml(&p) => out.push(p),
            Ok(_) => {}
            Err(_) if is_yaml(&p) => return None,
            Err(_) => {}
        }
    }
    Some(())
}

/// This build of tlx: the size and modification time of the running executable, so that
/// two builds of the same version (while developing) never read each other's files.
fn build_stamp() -> (u64, i64, u32) {
    std::env::current_exe()
        .ok()
        .and_then(|exe| stamp(&exe))
        .map_or((0, 0, 0), |s| (s.size, s.mtime.0, s.mtime.1))
}

// ---------------------------------------------------------------------------------------
// Reading

/// Reads and checks the cache file: `Ok` only when everything matches.
fn read_cached(file: &Path, key: &Key, timings: &mut Timings) -> Result<Timeline, Miss> {
    let t = Instant::now();
    let bytes = match fs::read(file) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Unreadable(e.to_string())),
    };
    timings.read = t.elapsed();
    let header = read_header(&bytes, key, TLX_VERSION, build_stamp())?;
    let decode_start = Instant::now();
    let front = decode_front(header.payload, header.inputs.len())?;
    let expected: Vec<[u8; 32]> = header.inputs.iter().map(|i| i.sha256).collect();
    let files: Vec<&Path> = key.files().collect();
    let (checked, sum) = (header.checked, header.checksum);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    // The helper hashes the inputs and checksums the file, then joins in decoding the
    // events; this thread decodes from the start. The decoder is safe on any bytes, and
    // what it made is dropped unless both checks pass.
    let (checks, mine) = std::thread::scope(|s| {
        let helper = s.spawn(|| {
            let t = Instant::now();
            let same = files
                .iter()
                .zip(&expected)
                .all(|(f, sha)| hash_file(f).is_ok_and(|h| &h == sha));
            let hash = t.elapsed();
            let t = Instant::now();
            let sum_ok = checksum(checked) == sum;
            let checksum_time = t.elapsed();
            let theirs = if same && sum_ok {
                decode_chunks(&front, &next, &failed)
            } else {
                failed.store(true, Ordering::Relaxed);
                Vec::new()
            };
            (same, sum_ok, hash, checksum_time, theirs)
        });
        let mine = decode_chunks(&front, &next, &failed);
        (helper.join(), mine)
    });
    let (same, sum_ok, hash, checksum_time, theirs) =
        checks.map_err(|_| Miss::Corrupt("checker failed"))?;
    timings.hash = hash;
    timings.checksum = checksum_time;
    if !same {
        return Err(Miss::Changed);
    }
    if !sum_ok {
        return Err(Miss::Corrupt("checksum"));
    }
    let events = gather(&front, mine, theirs)?;
    let Front {
        title,
        summary,
        updated,
        eras,
        actors,
        sources,
        tags,
        ..
    } = front;
    timings.decode = decode_start.elapsed();
    let t = Instant::now();
    let timeline = assemble(
        title,
        summary,
        updated,
        header.inputs,
        eras,
        actors,
        sources,
        tags,
        events,
    );
    timings.index = t.elapsed();
    Ok(timeline)
}

/// The SHA-256 of a file, read in pieces.
fn hash_file(path: &Path) -> io::Result<[u8; 32]> {
    let mut f = File::open(path)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().into())
}

/// The checksum of a cache file: 64 bits in the style of xxHash64 (four independent lanes
/// of multiply-rotate rounds over 32-byte blocks, then a final mix), so that checking 40 MB
/// takes a few milliseconds. It detects corruption (a truncated write, a flipped bit, bytes
/// from elsewhere); it is not a defence against a forged file, which the decoder survives
/// anyway: every length, count and index is checked.
pub fn checksum(data: &[u8]) -> u64 {
    const P1: u64 = 0x9E37_79B1_85EB_CA87;
    const P2: u64 = 0xC2B2_AE3D_27D4_EB4F;
    const P3: u64 = 0x1656_67B1_9E37_79F9;
    const P4: u64 = 0x85EB_CA77_C2B2_AE63;
    const P5: u64 = 0x27D4_EB2F_1656_67C5;
    #[inline(always)]
    fn round(acc: u64, word: u64) -> u64 {
        acc.wrapping_add(word.wrapping_mul(P2))
            .rotate_left(31)
            .wrapping_mul(P1)
    }
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().expect("8 bytes"));
    let mut v = [P1.wrapping_add(P2), P2, 0, P1.wrapping_neg()];
    let mut blocks = data.chunks_exact(32);
    for b in &mut blocks {
        v[0] = round(v[0], word(&b[0..8]));
        v[1] = round(v[1], word(&b[8..16]));
        v[2] = round(v[2], word(&b[16..24]));
        v[3] = round(v[3], word(&b[24..32]));
    }
    let mut h = v[0]
        .rotate_left(1)
        .wrapping_add(v[1].rotate_left(7))
        .wrapping_add(v[2].rotate_left(12))
        .wrapping_add(v[3].rotate_left(18));
    for lane in v {
        h = (h ^ round(0, lane)).wrapping_mul(P1).wrapping_add(P4);
    }
    h = h.wrapping_add(data.len() as u64);
    let mut tail = blocks.remainder().chunks_exact(8);
    for w in &mut tail {
        h = (h ^ round(0, word(w)))
            .rotate_left(27)
            .wrapping_mul(P1)
            .wrapping_add(P4);
    }
    for &b in tail.remainder() {
        h = (h ^ u64::from(b).wrapping_mul(P5))
            .rotate_left(11)
            .wrapping_mul(P1);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(P2);
    h ^= h >> 29;
    h = h.wrapping_mul(P3);
    h ^ (h >> 32)
}

/// A checked header: the inputs as the timeline will hold them, and the payload.
struct Header<'a> {
    inputs: Vec<Input>,
    /// The checksum stored last in the file, of every byte before it ([`Header::checked`]).
    checksum: u64,
    checked: &'a [u8],
    payload: &'a [u8],
}

fn read_header<'a>(
    bytes: &'a [u8],
    key: &Key,
    version: &str,
    build: (u64, i64, u32),
) -> Result<Header<'a>, Miss> {
    let mut r = Reader::new(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return Err(Miss::Corrupt("not a tlx cache file"));
    }
    if r.u32()? != LAYOUT {
        return Err(Miss::Version);
    }
    if r.str()? != version {
        return Err(Miss::Version);
    }
    if (r.u64()?, r.i64()?, r.u32()?) != build {
        return Err(Miss::Version);
    }
    if (r.u64()?, r.u64()?) != (key.max_file_size, key.max_expansion) {
        return Err(Miss::Options);
    }
    let n = r.u32()? as usize;
    if n != key.files.len() {
        return Err(Miss::Stale);
    }
    let mut inputs = Vec::with_capacity(n);
    for s in &key.files {
        let path = r.bytes()?;
        let name = r.str()?;
        let size = r.u64()?;
        let mtime = (r.i64()?, r.u32()?);
        let sha256: [u8; 32] = r.array()?;
        if path != s.path.as_os_str().as_encoded_bytes() || size != s.size || mtime != s.mtime {
            return Err(Miss::Stale);
        }
        inputs.push(Input {
            name: name.to_string(),
            path: Some(s.path.clone()),
            bytes: size,
            sha256,
        });
    }
    let len = r.u64()?;
    if len != (bytes.len() - r.pos).saturating_sub(8) as u64 {
        return Err(Miss::Corrupt("truncated or extended"));
    }
    let payload = r.take(len as usize)?;
    let checksum = r.u64()?;
    Ok(Header {
        inputs,
        checksum,
        checked: &bytes[..bytes.len() - 8],
        payload,
    })
}

/// A cursor over untrusted bytes: every read is bounds-checked.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

type R<T> = Result<T, Miss>;

const TRUNCATED: Miss = Miss::Corrupt("truncated");
/// Marks an absent optional string (a length no real string has).
const NONE_LEN: u32 = u32::MAX;

impl<'a> Reader<'a> {
    fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, pos: 0 }
    }
    #[inline]
    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(TRUNCATED)?;
        let s = self.b.get(self.pos..end).ok_or(TRUNCATED)?;
        self.pos = end;
        Ok(s)
    }
    fn rest(&mut self) -> &'a [u8] {
        let s = &self.b[self.pos..];
        self.pos = self.b.len();
        s
    }
    fn array<const N: usize>(&mut self) -> R<[u8; N]> {
        Ok(self.take(N)?.try_into().expect("N bytes"))
    }
    #[inline]
    fn u8(&mut self) -> R<u8> {
        let v = *self.b.get(self.pos).ok_or(TRUNCATED)?;
        self.pos += 1;
        Ok(v)
    }
    #[inline]
    fn u16(&mut self) -> R<u16> {
        Ok(u16::from_le_bytes(self.array()?))
    }
    #[inline]
    fn u32(&mut self) -> R<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> R<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }
    fn i64(&mut self) -> R<i64> {
        Ok(i64::from_le_bytes(self.array()?))
    }
    /// A count of items that each take at least `min_size` bytes: bounded by what is left,
    /// so that a corrupt count cannot ask for a huge allocation.
    #[inline]
    fn count(&mut self, min_size: usize) -> R<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_size) > self.b.len() - self.pos {
            return Err(TRUNCATED);
        }
        Ok(n)
    }
    #[inline]
    fn bytes(&mut self) -> R<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
    #[inline]
    fn str(&mut self) -> R<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| Miss::Corrupt("invalid UTF-8"))
    }
    #[inline]
    fn string(&mut self) -> R<String> {
        Ok(self.str()?.to_owned())
    }
    #[inline]
    fn opt_string(&mut self) -> R<Option<String>> {
        let n = self.u32()?;
        if n == NONE_LEN {
            return Ok(None);
        }
        let s = self.take(n as usize)?;
        Ok(Some(
            std::str::from_utf8(s)
                .map_err(|_| Miss::Corrupt("invalid UTF-8"))?
                .to_owned(),
        ))
    }
    /// An index below `len`.
    #[inline]
    fn ix(&mut self, len: usize) -> R<u32> {
        let i = self.u32()?;
        if i as usize >= len {
            return Err(Miss::Corrupt("index out of range"));
        }
        Ok(i)
    }
    /// One of `all` by position, or none (`0xFF`).
    #[inline]
    fn opt_enum<T: Copy>(&mut self, all: &[T]) -> R<Option<T>> {
        match self.u8()? {
            0xFF => Ok(None),
            i => all
                .get(usize::from(i))
                .copied()
                .map(Some)
                .ok_or(Miss::Corrupt("unknown keyword")),
        }
    }
    fn origin(&mut self, inputs: usize) -> R<Origin> {
        let input = self.u16()?;
        if usize::from(input) >= inputs {
            return Err(Miss::Corrupt("input out of range"));
        }
        Ok(Origin { input })
    }
}

/// Dates are few and repeated: each distinct one is parsed once.
#[derive(Default)]
struct Dates {
    seen: std::collections::HashMap<u64, Date>,
}

impl Dates {
    #[inline]
    fn date(&mut self, r: &mut Reader<'_>) -> R<Date> {
        let raw: [u8; 5] = r.array()?;
        let packed = u64::from(u32::from_le_bytes(raw[..4].try_into().expect("4")))
            | (u64::from(raw[4]) << 32);
        if let Some(d) = self.seen.get(&packed) {
            return Ok(*d);
        }
        let year = i16::from_le_bytes([raw[0], raw[1]]);
        let (month, day, q) = (raw[2], raw[3], raw[4]);
        let qualifier = match q {
            0 => Qualifier::None,
            1 => Qualifier::Approximate,
            2 => Qualifier::Uncertain,
            3 => Qualifier::ApproximateUncertain,
            _ => return Err(Miss::Corrupt("bad date")),
        };
        if !(-9999..=9999).contains(&year) || month > 12 || day > 31 || (month == 0 && day != 0) {
            return Err(Miss::Corrupt("bad date"));
        }
        // The date as the format writes it, parsed by the format's own parser: the bounds
        // come out exactly as when the file was loaded.
        let mut text = String::with_capacity(14);
        if year < 0 {
            text.push('-');
        }
        push_digits(&mut text, u32::from(year.unsigned_abs()), 4);
        if month != 0 {
            text.push('-');
            push_digits(&mut text, u32::from(month), 2);
        }
        if day != 0 {
            text.push('-');
            push_digits(&mut text, u32::from(day), 2);
        }
        text.push_str(qualifier.suffix());
        let d = Date::parse(&text).map_err(|_| Miss::Corrupt("bad date"))?;
        self.seen.insert(packed, d);
        Ok(d)
    }
    fn opt_date(&mut self, r: &mut Reader<'_>) -> R<Option<Date>> {
        match r.u8()? {
            0 => Ok(None),
            1 => self.date(r).map(Some),
            _ => Err(Miss::Corrupt("bad date")),
        }
    }
}

fn push_digits(s: &mut String, n: u32, width: u32) {
    for p in (0..width).rev() {
        s.push(char::from(b'0' + (n / 10u32.pow(p) % 10) as u8));
    }
}

/// Events are written in chunks of this many, so that two threads can decode them.
const CHUNK: usize = 2048;

/// The part of the payload before the events, decoded, and where the events' chunks are.
struct Front<'a> {
    title: String,
    summary: Option<String>,
    updated: Option<Date>,
    eras: Vec<Era>,
    actors: Vec<Actor>,
    sources: Vec<Source>,
    tags: Vec<String>,
    n_inputs: usize,
    n_events: usize,
    /// Each chunk: how many events, and their bytes.
    chunks: Vec<(usize, &'a [u8])>,
}

fn decode_front(payload: &[u8], n_inputs: usize) -> R<Front<'_>> {
    let mut r = Reader::new(payload);
    let mut dates = Dates::default();
    let title = r.string()?;
    let summary = r.opt_string()?;
    let updated = dates.opt_date(&mut r)?;

    let n = r.count(16)?;
    let mut eras = Vec::with_capacity(n);
    for _ in 0..n {
        eras.push(Era {
            id: r.string()?,
            title: r.string()?,
            start: dates.date(&mut r)?,
            end: dates.opt_date(&mut r)?,
            origin: r.origin(n_inputs)?,
        });
    }

    let n = r.count(16)?;
    let mut actors = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.string()?;
        let name = r.string()?;
        let kind = r.opt_enum(ActorKind::ALL)?;
        let country = r.opt_string()?;
        let k = r.count(4)?;
        let mut aliases = Vec::with_capacity(k);
        for _ in 0..k {
            aliases.push(r.string()?);
        }
        actors.push(Actor {
            id,
            name,
            kind,
            country,
            aliases,
            origin: r.origin(n_inputs)?,
        });
    }

    let n = r.count(30)?;
    let mut sources = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.string()?;
        let inline = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(Miss::Corrupt("bad flag")),
        };
        sources.push(Source {
            id,
            inline,
            publisher: r.string()?,
            title: r.opt_string()?,
            url: r.opt_string()?,
            published: dates.opt_date(&mut r)?,
            author: r.opt_string()?,
            kind: r.opt_enum(SourceKind::ALL)?,
            reliability: r.opt_enum(&Reliability::ALL)?,
            archive_url: r.opt_string()?,
            origin: r.origin(n_inputs)?,
        });
    }

    let n = r.count(4)?;
    let mut tags = Vec::with_capacity(n);
    for _ in 0..n {
        tags.push(r.string()?);
    }

    let n_events = r.count(41)?;
    let n_chunks = r.count(12)?;
    let mut sizes = Vec::with_capacity(n_chunks);
    let mut total = 0usize;
    for _ in 0..n_chunks {
        let count = r.u32()? as usize;
        let len = usize::try_from(r.u64()?).map_err(|_| TRUNCATED)?;
        total = total.checked_add(count).ok_or(TRUNCATED)?;
        sizes.push((count, len));
    }
    if total != n_events {
        return Err(Miss::Corrupt("event count"));
    }
    let mut chunks = Vec::with_capacity(n_chunks);
    for (count, len) in sizes {
        chunks.push((count, r.take(len)?));
    }
    if !r.rest().is_empty() {
        return Err(Miss::Corrupt("trailing bytes"));
    }
    Ok(Front {
        title,
        summary,
        updated,
        eras,
        actors,
        sources,
        tags,
        n_inputs,
        n_events,
        chunks,
    })
}

/// Decoded chunks, by chunk number.
type Decoded = Vec<(usize, R<Vec<Event>>)>;

/// Decodes chunks until none is left (or a thread failed), taking them in turn with the
/// other thread.
fn decode_chunks(front: &Front<'_>, next: &AtomicUsize, failed: &AtomicBool) -> Decoded {
    let mut dates = Dates::default();
    let mut out = Vec::new();
    while !failed.load(Ordering::Relaxed) {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(&(count, bytes)) = front.chunks.get(i) else {
            break;
        };
        let r = decode_events(front, count, bytes, &mut dates);
        if r.is_err() {
            failed.store(true, Ordering::Relaxed);
        }
        out.push((i, r));
    }
    out
}

/// The events in order, from the two threads' chunks.
fn gather(front: &Front<'_>, mine: Decoded, theirs: Decoded) -> R<Vec<Event>> {
    let mut all: Vec<Option<Vec<Event>>> = (0..front.chunks.len()).map(|_| None).collect();
    for (i, r) in mine.into_iter().chain(theirs) {
        all[i] = Some(r?);
    }
    let mut events = Vec::with_capacity(front.n_events);
    for chunk in all {
        events.extend(chunk.ok_or(Miss::Corrupt("chunk missing"))?);
    }
    Ok(events)
}

fn decode_events(
    front: &Front<'_>,
    count: usize,
    bytes: &[u8],
    dates: &mut Dates,
) -> R<Vec<Event>> {
    let mut r = Reader::new(bytes);
    if count.saturating_mul(41) > bytes.len() {
        return Err(TRUNCATED);
    }
    let mut events = Vec::with_capacity(count);
    let (n_events, n_tags, n_actors, n_sources) = (
        front.n_events,
        front.tags.len(),
        front.actors.len(),
        front.sources.len(),
    );
    for _ in 0..count {
        let id = r.string()?;
        let date = dates.date(&mut r)?;
        let end = dates.opt_date(&mut r)?;
        let display_date = r.opt_string()?;
        let title = r.string()?;
        let summary = r.opt_string()?;
        let k = r.count(4)?;
        let mut event_tags = Vec::with_capacity(k);
        for _ in 0..k {
            event_tags.push(r.ix(n_tags)?);
        }
        let k = r.count(8)?;
        let mut event_actors = Vec::with_capacity(k);
        for _ in 0..k {
            event_actors.push(ActorRole {
                actor: r.ix(n_actors)?,
                role: r.opt_string()?,
            });
        }
        let k = r.count(13)?;
        let mut citations = Vec::with_capacity(k);
        for _ in 0..k {
            let source = r.ix(n_sources)?;
            let quote = r.opt_string()?;
            let locator = r.opt_string()?;
            let credibility = match r.u8()? {
                0 => None,
                c => Some(Credibility::new(i128::from(c)).ok_or(Miss::Corrupt("bad grade"))?),
            };
            citations.push(Citation {
                source,
                quote,
                locator,
                credibility,
            });
        }
        let k = r.count(5)?;
        let mut related = Vec::with_capacity(k);
        for _ in 0..k {
            let event = r.ix(n_events)?;
            let kind = r
                .opt_enum(RelKind::ALL)?
                .ok_or(Miss::Corrupt("unknown keyword"))?;
            related.push(Link { event, kind });
        }
        let confidence = r.opt_enum(Confidence::ALL)?;
        events.push(Event {
            id,
            date,
            end,
            display_date,
            title,
            summary,
            tags: event_tags,
            actors: event_actors,
            citations,
            related,
            confidence,
            origin: r.origin(front.n_inputs)?,
        });
    }
    if !r.rest().is_empty() {
        return Err(Miss::Corrupt("trailing bytes"));
    }
    Ok(events)
}

// ---------------------------------------------------------------------------------------
// Writing

/// Writes a clean load to the cache, atomically.
fn store(dir: &Path, file: &Path, key: &Key, loaded: &Loaded) -> Stored {
    if !loaded.diagnostics.is_empty() {
        return Stored::Diagnostics;
    }
    // The files must be the ones the key listed, unchanged since (size and time).
    let still = key.files.iter().all(|s| stamp(&s.path).as_ref() == Some(s));
    let Some(bytes) = still
        .then(|| encode_as(&loaded.timeline, key, TLX_VERSION, build_stamp()))
        .flatten()
    else {
        return Stored::InputsMoved;
    };
    match write_atomically(dir, file, &bytes) {
        Ok(()) => Stored::Yes,
        Err(e) => Stored::Failed(format!("cannot write {}: {e}", file.display())),
    }
}

fn write_atomically(dir: &Path, file: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = file
        .file_name()
        .map_or_else(|| "cache".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.{nanos}.tmp", std::process::id()));
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = options.open(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        drop(f);
        fs::rename(&tmp, file)
    });
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The bytes of a cache file for `timeline`, loaded from the files of `key`, as this
/// build writes them. `None` when the timeline's inputs are not the key's files (or it has
/// more than the format holds).
pub fn encode(timeline: &Timeline, key: &Key) -> Option<Vec<u8>> {
    encode_as(timeline, key, TLX_VERSION, build_stamp())
}

/// [`encode`] as if written by another version of tlx (for tests of the version check).
#[doc(hidden)]
pub fn encode_with_version(timeline: &Timeline, key: &Key, version: &str) -> Option<Vec<u8>> {
    encode_as(timeline, key, version, build_stamp())
}

fn encode_as(
    timeline: &Timeline,
    key: &Key,
    version: &str,
    build: (u64, i64, u32),
) -> Option<Vec<u8>> {
    if timeline.inputs.len() != key.files.len() {
        return None;
    }
    for (input, s) in timeline.inputs.iter().zip(&key.files) {
        if input.path.as_deref() != Some(s.path.as_path()) || input.bytes != s.size {
            return None;
        }
    }
    let mut w = Writer(Vec::with_capacity(
        usize::try_from(key.total_bytes()).unwrap_or(0) / 2 + 4096,
    ));
    w.0.extend_from_slice(MAGIC);
    w.u32(LAYOUT);
    w.bytes(version.as_bytes())?;
    w.u64(build.0);
    w.i64(build.1);
    w.u32(build.2);
    w.u64(key.max_file_size);
    w.u64(key.max_expansion);
    w.len(key.files.len())?;
    for (input, s) in timeline.inputs.iter().zip(&key.files) {
        w.bytes(s.path.as_os_str().as_encoded_bytes())?;
        w.string(&input.name)?;
        w.u64(s.size);
        w.i64(s.mtime.0);
        w.u32(s.mtime.1);
        w.0.extend_from_slice(&input.sha256);
    }
    let len_at = w.0.len();
    w.u64(0);
    let payload_at = w.0.len();
    encode_payload(&mut w, timeline)?;
    let payload_len = (w.0.len() - payload_at) as u64;
    w.0[len_at..payload_at].copy_from_slice(&payload_len.to_le_bytes());
    // Last, the checksum of everything before it: header and payload.
    let sum = checksum(&w.0);
    w.u64(sum);
    Some(w.0)
}

struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// A count or length; `None` past what the format holds.
    fn len(&mut self, n: usize) -> Option<()> {
        let n = u32::try_from(n).ok().filter(|&n| n != NONE_LEN)?;
        self.u32(n);
        Some(())
    }
    fn bytes(&mut self, b: &[u8]) -> Option<()> {
        self.len(b.len())?;
        self.0.extend_from_slice(b);
        Some(())
    }
    fn string(&mut self, s: &str) -> Option<()> {
        self.bytes(s.as_bytes())
    }
    fn opt_string(&mut self, s: Option<&str>) -> Option<()> {
        match s {
            Some(s) => self.string(s),
            None => {
                self.u32(NONE_LEN);
                Some(())
            }
        }
    }
    fn date(&mut self, d: &Date) -> Option<()> {
        let year = i16::try_from(d.year()).ok()?;
        self.0.extend_from_slice(&year.to_le_bytes());
        self.u8(u8::try_from(d.month().unwrap_or(0)).ok()?);
        self.u8(u8::try_from(d.day().unwrap_or(0)).ok()?);
        self.u8(match d.qualifier() {
            Qualifier::None => 0,
            Qualifier::Approximate => 1,
            Qualifier::Uncertain => 2,
            Qualifier::ApproximateUncertain => 3,
        });
        Some(())
    }
    fn opt_date(&mut self, d: Option<&Date>) -> Option<()> {
        match d {
            Some(d) => {
                self.u8(1);
                self.date(d)
            }
            None => {
                self.u8(0);
                Some(())
            }
        }
    }
    fn opt_enum<T: PartialEq>(&mut self, v: Option<T>, all: &[T]) -> Option<()> {
        match v {
            Some(v) => {
                let i = all.iter().position(|x| *x == v)?;
                self.u8(u8::try_from(i).ok().filter(|&i| i != 0xFF)?);
            }
            None => self.u8(0xFF),
        }
        Some(())
    }
}

fn encode_payload(w: &mut Writer, tl: &Timeline) -> Option<()> {
    w.string(&tl.title)?;
    w.opt_string(tl.summary.as_deref())?;
    w.opt_date(tl.updated.as_ref())?;

    w.len(tl.eras.len())?;
    for e in &tl.eras {
        w.string(&e.id)?;
        w.string(&e.title)?;
        w.date(&e.start)?;
        w.opt_date(e.end.as_ref())?;
        w.u16(e.origin.input);
    }

    w.len(tl.actors.len())?;
    for a in &tl.actors {
        w.string(&a.id)?;
        w.string(&a.name)?;
        w.opt_enum(a.kind, ActorKind::ALL)?;
        w.opt_string(a.country.as_deref())?;
        w.len(a.aliases.len())?;
        for alias in &a.aliases {
            w.string(alias)?;
        }
        w.u16(a.origin.input);
    }

    w.len(tl.sources.len())?;
    for s in &tl.sources {
        w.string(&s.id)?;
        w.u8(u8::from(s.inline));
        w.string(&s.publisher)?;
        w.opt_string(s.title.as_deref())?;
        w.opt_string(s.url.as_deref())?;
        w.opt_date(s.published.as_ref())?;
        w.opt_string(s.author.as_deref())?;
        w.opt_enum(s.kind, SourceKind::ALL)?;
        w.opt_enum(s.reliability, &Reliability::ALL)?;
        w.opt_string(s.archive_url.as_deref())?;
        w.u16(s.origin.input);
    }

    w.len(tl.tags.len())?;
    for t in &tl.tags {
        w.string(t)?;
    }

    // The events, in chunks of CHUNK: the count of events, the count of chunks, each
    // chunk's count and length, then the chunks.
    w.len(tl.events.len())?;
    let chunks: Vec<Writer> = tl
        .events
        .chunks(CHUNK)
        .map(|events| {
            let mut c = Writer(Vec::with_capacity(events.len() * 256));
            for e in events {
                encode_event(&mut c, e)?;
            }
            Some(c)
        })
        .collect::<Option<_>>()?;
    w.len(chunks.len())?;
    for (events, c) in tl.events.chunks(CHUNK).zip(&chunks) {
        w.len(events.len())?;
        w.u64(c.0.len() as u64);
    }
    for c in chunks {
        w.0.extend_from_slice(&c.0);
    }
    Some(())
}

fn encode_event(w: &mut Writer, e: &Event) -> Option<()> {
    w.string(&e.id)?;
    w.date(&e.date)?;
    w.opt_date(e.end.as_ref())?;
    w.opt_string(e.display_date.as_deref())?;
    w.string(&e.title)?;
    w.opt_string(e.summary.as_deref())?;
    w.len(e.tags.len())?;
    for &t in &e.tags {
        w.u32(t);
    }
    w.len(e.actors.len())?;
    for a in &e.actors {
        w.u32(a.actor);
        w.opt_string(a.role.as_deref())?;
    }
    w.len(e.citations.len())?;
    for c in &e.citations {
        w.u32(c.source);
        w.opt_string(c.quote.as_deref())?;
        w.opt_string(c.locator.as_deref())?;
        w.u8(c.credibility.map_or(0, Credibility::value));
    }
    w.len(e.related.len())?;
    for l in &e.related {
        w.u32(l.event);
        w.opt_enum(Some(l.kind), RelKind::ALL)?;
    }
    w.opt_enum(e.confidence, Confidence::ALL)?;
    w.u16(e.origin.input);
    Some(())
}

/// The command line's load: through the cache as `global` says (off with `--no-cache`,
/// else in [`default_dir`]), with `fresh` as the loader of `paths`. With `--stats`, a
/// `cache:` line on stderr says whether the cache was used (and where the time went).
pub fn load_for_cli(
    paths: &[PathBuf],
    opts: &LoadOptions,
    global: &crate::cli::Global,
    fresh: impl FnOnce() -> Loaded,
) -> Loaded {
    let cached = load_with(paths, opts, &Cache::from_global(global), fresh);
    if global.stats {
        eprintln!(
            "cache:         {}",
            crate::text::sanitize(&cached.describe())
        );
    }
    cached.loaded
}
