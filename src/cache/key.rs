//! What a cache file is for: the files the inputs expand to, each with its size and
//! modification time, the load's limits, and this build of tlx.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use sha2::{Digest, Sha256};

use super::file::open_regular;
use crate::model::LoadOptions;
use crate::model::load::list_paths;

/// The extension of cache files.
pub const EXTENSION: &str = "tlxc";

/// One input file as found before loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time: seconds and nanoseconds since 1970 (seconds may be negative).
    pub mtime: (i64, u32),
}

/// The stamp of a regular file (`None` for anything else, or one that cannot be read).
pub fn stamp(path: &Path) -> Option<Stamp> {
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

/// This build of tlx: the size and modification time of the running executable, so that
/// two builds of the same version (while developing) never read each other's files.
pub fn build_stamp() -> (u64, i64, u32) {
    std::env::current_exe()
        .ok()
        .and_then(|exe| stamp(&exe))
        .map_or((0, 0, 0), |s| (s.size, s.mtime.0, s.mtime.1))
}

/// What a cache file is for: the files the inputs expand to (with their size and time),
/// the load options, and the file name derived from the inputs' canonical paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Key {
    pub(super) files: Vec<Stamp>,
    pub(super) max_file_size: u64,
    pub(super) max_expansion: u64,
    name: String,
}

impl Key {
    /// Lists the files that loading `paths` reads, with the loader's own listing
    /// ([`list_paths`]: a folder's timeline files, recursively, in path order), and
    /// stamps each with its size and modification time. `None` when listing found
    /// anything to report (a path that cannot be read, a folder without timeline files,
    /// a special file or a dangling link skipped in a folder) or a file is not a
    /// regular file: the loader will report it, and the cache stays out of the way.
    pub fn new(paths: &[PathBuf], opts: &LoadOptions) -> Option<Key> {
        let listing = list_paths(paths);
        if !listing.diagnostics.is_empty() {
            return None;
        }
        let stamps: Vec<Stamp> = listing
            .files
            .iter()
            .map(|f| stamp(f))
            .collect::<Option<_>>()?;
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
    /// True when every file still has the size and time it was listed with.
    pub fn unchanged(&self) -> bool {
        self.files
            .iter()
            .all(|s| stamp(&s.path).as_ref() == Some(s))
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

/// The [`checksum`](super::codec::checksum) of a regular file's bytes, read in pieces.
pub fn hash_file(path: &Path) -> io::Result<u64> {
    let (mut f, _) = open_regular(path, true)?;
    let mut h = super::codec::Hasher::default();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.digest())
}
