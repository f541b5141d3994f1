//! The search index that comes with a cached timeline: read (and decoded) only when a
//! command or the explorer searches, and checked before it is used.

use std::fmt;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};

use super::codec::{checksum, from_bytes};
use crate::model::Timeline;
use crate::query::SearchIndex;

/// The search index's section of a cache file: read once to checksum the file, and
/// again only when the index is wanted.
pub struct Section {
    pub file: File,
    pub at: u64,
    pub len: u64,
    /// [`super::checksum`] of the section alone, to check it when it is read again.
    pub sum: u64,
}

/// A timeline's search index from the cache: still in the cache file (after a hit), or
/// built to be stored (after a miss).
pub struct StoredIndex(Inner);

enum Inner {
    /// Where it is in the cache file (kept open: what is read is the file that was
    /// checked, even if a new one has replaced it since), and how many events it covers.
    Cached {
        section: Section,
        events: usize,
    },
    Built(SearchIndex),
}

impl StoredIndex {
    /// The index section of a cache file whose timeline has `events` events.
    pub(super) fn cached(section: Section, events: usize) -> StoredIndex {
        StoredIndex(Inner::Cached { section, events })
    }
    /// An index built for the timeline just loaded.
    pub(super) fn built(index: SearchIndex) -> StoredIndex {
        StoredIndex(Inner::Built(index))
    }
    /// The index: read again, checked against the checksum it had when the file was
    /// read and against the timeline it came with, and decoded; `None` when any of that
    /// fails.
    pub fn open(self) -> Option<SearchIndex> {
        match self.0 {
            Inner::Cached {
                section: mut s,
                events,
            } => {
                s.file.seek(SeekFrom::Start(s.at)).ok()?;
                let mut bytes = Vec::with_capacity(usize::try_from(s.len).ok()?);
                (&mut s.file).take(s.len).read_to_end(&mut bytes).ok()?;
                if checksum(&bytes) != s.sum {
                    return None;
                }
                from_bytes::<SearchIndex>(&bytes).filter(|ix| ix.check(events).is_ok())
            }
            Inner::Built(index) => Some(index),
        }
    }
    /// The index of `tl`: this one when it opens and fits `tl`, else one built anew.
    pub fn into_index(self, tl: &Timeline) -> SearchIndex {
        self.open()
            .filter(|ix| ix.check(tl.events.len()).is_ok())
            .unwrap_or_else(|| SearchIndex::new(tl))
    }
}

/// [`StoredIndex::into_index`], or a new index without one.
pub fn index_for(stored: Option<StoredIndex>, tl: &Timeline) -> SearchIndex {
    match stored {
        Some(s) => s.into_index(tl),
        None => SearchIndex::new(tl),
    }
}

impl fmt::Debug for StoredIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Cached { section, events } => write!(
                f,
                "StoredIndex::Cached({} bytes at {}, {events} events)",
                section.len, section.at
            ),
            Inner::Built(ix) => write!(f, "StoredIndex::Built({} events)", ix.len()),
        }
    }
}
