//! Where the cache lives and when it is used, and what became of a load that went
//! through it: the words of `--stats`.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use super::stored::StoredIndex;
use crate::model::Loaded;

/// Inputs smaller than this in total (bytes) are not cached: they parse in a few
/// milliseconds anyway. [`Cache::min_bytes`] overrides it (tests use 0).
pub const MIN_BYTES: u64 = 4 * 1024 * 1024;

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
    /// The cache as a command wants it: off with `no_cache` (`--no-cache`), else in
    /// [`default_dir`] of the process's environment.
    pub fn from_env(no_cache: bool) -> Cache {
        if no_cache {
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
    /// The cache folder or file is not only the user's: it belongs to someone else, or
    /// others may write to it (what, and why).
    Untrusted(String),
    /// Written by another version or build of tlx, or in another layout.
    Version,
    /// Written for other `--max-file-size` / `--max-expansion` limits.
    Options,
    /// The list of files, or a file's size or modification time, differs.
    Stale,
    /// A file's content differs (its SHA-256), though its size and time do not.
    Changed,
    /// The file is truncated or corrupt, or holds what a load never makes (what).
    Corrupt(&'static str),
}

impl fmt::Display for Miss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Miss::Absent => f.write_str("no cached copy"),
            Miss::Unreadable(e) => write!(f, "the cache file could not be read: {e}"),
            Miss::Untrusted(why) => write!(f, "not trusted: {why}"),
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
    /// Not written: the folder or the file could not be written, or is not the user's
    /// alone (not an error).
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
    /// Reading the rest of the cache file and checksumming it ([`super::checksum`]),
    /// while the events are decoded.
    pub checksum: Duration,
    /// Decoding the timeline and checking each run of events, on every core, with the
    /// checksum and the inputs' hashes.
    pub decode: Duration,
    /// Hashing the inputs (SHA-256), while the events are decoded.
    pub hash: Duration,
    /// The checks that need every run of events (where runs meet, links, tag uses,
    /// citations).
    pub verify: Duration,
    /// Rebuilding the indexes ([`crate::model::validate::assemble`]).
    pub index: Duration,
    /// The fresh load (parse and validation), after a miss.
    pub fresh: Duration,
    /// Building the search index, encoding and writing the cache file, after a miss.
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
    /// The search index of the timeline, when the cache has it: read with a hit (and
    /// decoded only when asked for), or built to be stored after a miss.
    pub index: Option<StoredIndex>,
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
                "hit ({file}) in {} ms: check {}, read {}, decode {} (meanwhile checksum {}, hash {}), verify {}, index {}",
                ms(t.total),
                ms(t.check),
                ms(t.read),
                ms(t.decode),
                ms(t.checksum),
                ms(t.hash),
                ms(t.verify),
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
