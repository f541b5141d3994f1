//! The cache of parsed timelines: a big timeline that has not changed opens without being
//! parsed again, and its search index without being built again.
//!
//! After a load of files over [`MIN_BYTES`] in total that produced no diagnostic at all,
//! the validated timeline and its search index are written to the user's cache folder
//! ([`default_dir`]: `$XDG_CACHE_HOME/tlx/`, else `~/.cache/tlx/`), one file per set of
//! inputs, named after a hash of the inputs' canonical paths. The next load of the same
//! inputs checks, in order of cost: the list of files (listed again by the loader's own
//! [`crate::model::load::list_paths`]), each file's size and modification time, that the
//! cache folder and file are the user's alone, the file's length and checksum, the tlx
//! version and build, the load options, each file's SHA-256, and then every record and
//! reference of the decoded timeline. Anything that differs, or a cache file that is
//! missing, truncated, corrupt or forged, falls back to parsing: never a crash, never
//! stale data, never what a load would refuse.
//!
//! The records are the model's own types, encoded with their serde derives; the indexes
//! are rebuilt with [`crate::model::validate::assemble`], the code the loader uses. See
//! `docs/cache.md` for the layout and the decisions.
//!
//! The entry points are [`load_paths`] and [`load_with`] (for a loader of its own, such as
//! one that reports progress); [`Cache`] says where the cache lives and when it is used.

mod codec;
mod file;
mod key;
mod read;
mod status;
mod stored;
mod verify;
mod write;

use std::path::PathBuf;
use std::time::Instant;

pub use codec::{CHUNK, LAYOUT, MAGIC, checksum};
pub use key::{EXTENSION, Key};
pub use read::max_len;
pub use status::{
    Cache, CachedLoad, MIN_BYTES, Miss, Status, Stored, Timings, default_dir, dir_from,
};
pub use stored::{StoredIndex, index_for};

use crate::model::{LoadOptions, LoadStats, Loaded, Timeline};
use crate::query::SearchIndex;

/// The version of tlx that writes and reads cache files: a cache file written by another
/// version is not used.
pub const TLX_VERSION: &str = env!("CARGO_PKG_VERSION");

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
                index: None,
            };
        }
    };
    let file = dir.join(key.file_name());
    let build = key::build_stamp();
    let why = match read::read(dir, &file, &key, TLX_VERSION, build, &mut timings) {
        Ok((timeline, index)) => {
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
                index: Some(index),
            };
        }
        Err(why) => why,
    };
    let fresh_start = Instant::now();
    let mut loaded = fresh();
    timings.fresh = fresh_start.elapsed();
    let write_start = Instant::now();
    let (stored, index) = write::store(dir, &file, &key, &loaded, TLX_VERSION, build);
    timings.write = write_start.elapsed();
    timings.total = start.elapsed();
    loaded.stats.elapsed = timings.total;
    CachedLoad {
        loaded,
        status: Status::Miss { why, stored },
        file: Some(file),
        timings,
        index,
    }
}

/// The bytes of a cache file for `timeline` (and the search index of its text), loaded
/// from the files of `key`, as this build writes them. `None` when the timeline's inputs
/// are not the key's files (or it has more than the format holds).
pub fn encode(timeline: &Timeline, key: &Key) -> Option<Vec<u8>> {
    encode_with_version(timeline, key, TLX_VERSION)
}

/// [`encode`] as if written by another version of tlx (for tests of the version check).
#[doc(hidden)]
pub fn encode_with_version(timeline: &Timeline, key: &Key, version: &str) -> Option<Vec<u8>> {
    let index = SearchIndex::new(timeline);
    write::encode_as(timeline, &index, key, version, key::build_stamp())
}

/// [`encode`] with a search index given (for tests of forged files: a timeline whose
/// references are out of range has no index of its own).
#[doc(hidden)]
pub fn encode_with_index(timeline: &Timeline, index: &SearchIndex, key: &Key) -> Option<Vec<u8>> {
    write::encode_as(timeline, index, key, TLX_VERSION, key::build_stamp())
}
