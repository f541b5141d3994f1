//! The bytes of a cache file: a fixed prefix, then serde-encoded sections, then a
//! checksum. See `docs/cache.md` for the layout and why it is so.
//!
//! ```text
//! magic        8 bytes  "TLXCACHE"
//! layout       u32      LAYOUT (bumped when anything below changes)
//! length       u64      the whole file's length
//! index_len    u64      the search index's length (the last section)
//! header       Header   (the format's encoding)
//! payload_len  u64
//! payload      u32 section count, a u64 length for each, the sections (the timeline's
//!              registries, then its events in chunks), then the search index
//! checksum     u64      xxh3-64 of every byte before it
//! ```
//!
//! Integers in the prefix and the section table are little-endian; everything else is
//! encoded by [`to_bytes`] from the model's own types (their serde derives).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::{Actor, Date, Era, Source};

/// The first bytes of every cache file.
pub const MAGIC: &[u8; 8] = b"TLXCACHE";

/// The layout of a cache file: 1 was the hand-written encoding, 2 serde's, 3 adds each
/// input's content checksum, 4 events' media, 5 times of day and zones, 6 tags' titles and
/// eras' short labels.
pub const LAYOUT: u32 = 6;

/// The bytes before the header: magic, layout, length and the index's length.
pub const PREFIX: usize = 8 + 4 + 8 + 8;

/// Events are encoded in chunks of this many, so that they decode on every core.
pub const CHUNK: usize = 4096;

/// The checksum of a cache file's bytes: XXH3-64 (twox-hash), at memory speed. It
/// detects damage (a truncated write, a flipped bit); forgery is kept out by the cache
/// folder's permissions, and the decoder and the checks survive any bytes anyway.
pub fn checksum(data: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(data)
}

/// [`checksum`] of bytes given in pieces.
#[derive(Default)]
pub struct Hasher(twox_hash::XxHash3_64);

impl Hasher {
    pub fn update(&mut self, bytes: &[u8]) {
        std::hash::Hasher::write(&mut self.0, bytes);
    }
    pub fn digest(&self) -> u64 {
        std::hash::Hasher::finish(&self.0)
    }
}

/// The format's encoding of a value.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Option<Vec<u8>> {
    postcard::to_allocvec(value).ok()
}

/// A value from exactly these bytes (`None` when they are not one, or have bytes over).
pub fn from_bytes<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    take_from(bytes)
        .filter(|(_, rest): &(T, &[u8])| rest.is_empty())
        .map(|(value, _)| value)
}

/// A value from the front of these bytes, and the bytes after it.
pub fn take_from<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<(T, &'a [u8])> {
    postcard::take_from_bytes(bytes).ok()
}

/// One input as the header records it.
#[derive(Serialize, Deserialize)]
pub struct Stamped {
    /// The path as given (the OS's bytes).
    #[serde(with = "serde_bytes")]
    pub path: Vec<u8>,
    /// The path as messages show it.
    pub name: String,
    pub size: u64,
    pub mtime: (i64, u32),
    /// The SHA-256 the briefs name the input by.
    pub sha256: [u8; 32],
    /// The [`checksum`] of the file's bytes, read again on a hit to tell a changed file
    /// (ten times faster than SHA-256, which a hit would otherwise compute again).
    pub content: u64,
}

/// What a cache file is for, checked before anything else is decoded.
#[derive(Serialize, Deserialize)]
pub struct Header {
    /// tlx's version.
    pub version: String,
    /// The size and modification time of the tlx executable.
    pub build: (u64, i64, u32),
    /// `--max-file-size`, `--max-expansion`.
    pub limits: (u64, u64),
    pub inputs: Vec<Stamped>,
}

/// The timeline's registries, as written (the first section).
#[derive(Serialize)]
pub struct FrontRef<'a> {
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub updated: Option<&'a Date>,
    pub timezone: Option<chrono_tz::Tz>,
    pub eras: &'a [Era],
    pub actors: &'a [Actor],
    pub sources: &'a [Source],
    pub tags: &'a [String],
    pub tag_titles: &'a BTreeMap<String, String>,
}

/// The timeline's registries, as read.
#[derive(Deserialize)]
pub struct Front {
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    pub timezone: Option<chrono_tz::Tz>,
    pub eras: Vec<Era>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    pub tags: Vec<String>,
    pub tag_titles: BTreeMap<String, String>,
}

/// Little-endian integers at the front of untrusted bytes, every read bounds-checked.
pub struct Cursor<'a> {
    pub rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, tail) = self.rest.split_at(n);
        self.rest = tail;
        Some(head)
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
}
