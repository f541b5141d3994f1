//! Reading a cache file: from the cheapest check to the dearest, any failure a miss.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::codec::{
    CHUNK, Cursor, Front, Hasher, Header, LAYOUT, MAGIC, PREFIX, from_bytes, take_from,
};
use super::file::{distrust, distrust_dir, open_regular};
use super::key::{Key, hash_file};
use super::status::{Miss, Timings};
use super::stored::StoredIndex;
use super::verify;
use crate::model::validate::assemble;
use crate::model::{Event, Input, Timeline};

type R<T> = Result<T, Miss>;

const TRUNCATED: Miss = Miss::Corrupt("truncated");

/// The most a cache file of inputs of `bytes` bytes in total may take: tlx writes less
/// than twice the YAML it was read from (the timeline, and the search index of its
/// text), so a file above this is not one of its own.
pub fn max_len(bytes: u64) -> u64 {
    bytes.saturating_mul(3).saturating_add(1 << 20)
}

/// A cache file, as read: the bytes up to the search index, and where the index is.
struct Bytes {
    body: Vec<u8>,
    index: Section,
}

/// The search index's section of a cache file: read once to checksum the file, and
/// again only when the index is wanted.
pub struct Section {
    pub file: File,
    pub at: u64,
    pub len: u64,
    /// [`super::checksum`] of the section alone, to check it when it is read again.
    pub sum: u64,
}

/// How much of the index section is checksummed at a time.
const PIECE: usize = 1 << 20;

/// Opens and reads the cache file `file` in `dir`, refusing what is not the user's own,
/// not a regular file, not of the length its prefix says (and read through that length),
/// or not of its checksum.
fn read_bytes(dir: &Path, file: &Path, key: &Key, timings: &mut Timings) -> R<Bytes> {
    let (mut f, meta) = match open_regular(file, false) {
        Ok(x) => x,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Miss::Absent),
        Err(e) => return Err(Miss::Unreadable(e.to_string())),
    };
    if let Some(why) = distrust_dir(dir).or_else(|| distrust(file, &meta)) {
        return Err(Miss::Untrusted(why));
    }
    let unreadable = |e: io::Error| Miss::Unreadable(e.to_string());
    let mut prefix = Vec::with_capacity(PREFIX);
    (&mut f)
        .take(PREFIX as u64)
        .read_to_end(&mut prefix)
        .map_err(unreadable)?;
    let mut c = Cursor { rest: &prefix };
    if c.take(MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(Miss::Corrupt("not a tlx cache file"));
    }
    if c.u32() != Some(LAYOUT) {
        return Err(Miss::Version);
    }
    let (len, index_len) = match (c.u64(), c.u64()) {
        (Some(len), Some(ix)) => (len, ix),
        _ => return Err(TRUNCATED),
    };
    if len != meta.len() {
        return Err(Miss::Corrupt("truncated or extended"));
    }
    if len > max_len(key.total_bytes()) {
        return Err(Miss::Corrupt("larger than a cache file of these inputs"));
    }
    let body_len = len
        .checked_sub(PREFIX as u64 + 8)
        .and_then(|n| n.checked_sub(index_len))
        .ok_or(TRUNCATED)?;
    let mut body = Vec::with_capacity(usize::try_from(body_len).map_err(|_| TRUNCATED)?);
    (&mut f)
        .take(body_len)
        .read_to_end(&mut body)
        .map_err(unreadable)?;
    if body.len() as u64 != body_len {
        return Err(TRUNCATED);
    }
    let t = Instant::now();
    let mut whole = Hasher::default();
    whole.update(&prefix);
    whole.update(&body);
    let mut hashing = t.elapsed();
    // The index is checksummed in pieces, not kept: it is read again if it is wanted.
    let mut section = Hasher::default();
    let mut piece = vec![0u8; PIECE];
    let mut left = index_len;
    while left > 0 {
        let n = PIECE.min(usize::try_from(left).unwrap_or(PIECE));
        f.read_exact(&mut piece[..n]).map_err(|_| TRUNCATED)?;
        let t = Instant::now();
        whole.update(&piece[..n]);
        section.update(&piece[..n]);
        hashing += t.elapsed();
        left -= n as u64;
    }
    let mut sum = [0u8; 8];
    f.read_exact(&mut sum).map_err(|_| TRUNCATED)?;
    // Nothing more: a file that grew since it was measured is not the one described.
    if f.read(&mut [0u8; 1]).map_err(unreadable)? != 0 {
        return Err(Miss::Corrupt("truncated or extended"));
    }
    timings.checksum = hashing;
    if whole.digest() != u64::from_le_bytes(sum) {
        return Err(Miss::Corrupt("checksum"));
    }
    Ok(Bytes {
        body,
        index: Section {
            file: f,
            at: PREFIX as u64 + body_len,
            len: index_len,
            sum: section.digest(),
        },
    })
}

/// Checks the header against the key: the version and build, the limits, and each
/// file's path, size and time. Returns the inputs as the timeline holds them, and the
/// rest of the body (the payload's length and the payload before the index).
fn read_header<'a>(
    body: &'a [u8],
    index_len: usize,
    key: &Key,
    version: &str,
    build: (u64, i64, u32),
) -> R<(Vec<Input>, &'a [u8])> {
    let (header, rest): (Header, &[u8]) = take_from(body).ok_or(Miss::Corrupt("header"))?;
    if header.version != version || header.build != build {
        return Err(Miss::Version);
    }
    if header.limits != (key.max_file_size, key.max_expansion) {
        return Err(Miss::Options);
    }
    if header.inputs.len() != key.files.len() {
        return Err(Miss::Stale);
    }
    let mut inputs = Vec::with_capacity(header.inputs.len());
    for (h, s) in header.inputs.into_iter().zip(&key.files) {
        if h.path != s.path.as_os_str().as_encoded_bytes() || h.size != s.size || h.mtime != s.mtime
        {
            return Err(Miss::Stale);
        }
        inputs.push(Input {
            name: h.name,
            path: Some(s.path.clone()),
            bytes: h.size,
            sha256: h.sha256,
        });
    }
    let mut c = Cursor { rest };
    let payload_len = c.u64().ok_or(TRUNCATED)?;
    if payload_len != (c.rest.len() + index_len) as u64 {
        return Err(Miss::Corrupt("truncated or extended"));
    }
    Ok((inputs, c.rest))
}

/// The sections of the payload (before the index): the section table, then each.
fn sections(payload: &[u8]) -> R<Vec<&[u8]>> {
    let mut c = Cursor { rest: payload };
    let n = c.u32().ok_or(TRUNCATED)? as usize;
    if n == 0 || n > c.rest.len() / 8 {
        return Err(TRUNCATED);
    }
    let lens: Vec<u64> = (0..n).map(|_| c.u64().ok_or(TRUNCATED)).collect::<R<_>>()?;
    let mut out = Vec::with_capacity(n);
    for len in lens {
        out.push(
            c.take(usize::try_from(len).map_err(|_| TRUNCATED)?)
                .ok_or(TRUNCATED)?,
        );
    }
    if !c.rest.is_empty() {
        return Err(Miss::Corrupt("trailing bytes"));
    }
    Ok(out)
}

/// What a job on a core does: hash the inputs, or decode the registries or a chunk of
/// events.
enum Job<'a> {
    Hash(&'a [(PathBuf, [u8; 32])]),
    Front(&'a [u8]),
    Events(&'a [u8]),
}

enum Done {
    Hash { same: bool, took: Duration },
    Front(Option<Front>),
    Events(Option<Vec<Event>>),
}

fn run(job: Job<'_>) -> Done {
    match job {
        Job::Hash(files) => {
            let t = Instant::now();
            let same = files
                .iter()
                .all(|(f, sha)| hash_file(f).is_ok_and(|h| &h == sha));
            Done::Hash {
                same,
                took: t.elapsed(),
            }
        }
        Job::Front(b) => Done::Front(from_bytes(b)),
        Job::Events(b) => Done::Events(from_bytes::<Vec<Event>>(b).filter(|e| e.len() <= CHUNK)),
    }
}

/// Reads and checks the cache file: `Ok` only when everything matches, with the
/// timeline and its search index (still encoded).
pub fn read(
    dir: &Path,
    file: &Path,
    key: &Key,
    version: &str,
    build: (u64, i64, u32),
    timings: &mut Timings,
) -> R<(Timeline, StoredIndex)> {
    let t = Instant::now();
    let bytes = read_bytes(dir, file, key, timings)?;
    timings.read = t.elapsed().saturating_sub(timings.checksum);
    let index_len = usize::try_from(bytes.index.len).map_err(|_| TRUNCATED)?;
    let (inputs, payload) = read_header(&bytes.body, index_len, key, version, build)?;
    let sections = sections(payload)?;

    // The inputs are hashed on one core while the others decode; what was decoded is
    // dropped unless the inputs are the ones cached.
    let t = Instant::now();
    let expected: Vec<(PathBuf, [u8; 32])> = key
        .files
        .iter()
        .zip(&inputs)
        .map(|(s, i)| (s.path.clone(), i.sha256))
        .collect();
    let mut jobs = vec![Job::Hash(&expected), Job::Front(sections[0])];
    jobs.extend(sections[1..].iter().map(|s| Job::Events(s)));
    let mut front = None;
    let mut chunks = Vec::with_capacity(sections.len());
    let mut same = false;
    for done in crate::par::map(jobs, run) {
        match done {
            Done::Hash { same: s, took } => {
                same = s;
                timings.hash = took;
            }
            Done::Front(f) => front = f,
            Done::Events(Some(chunk)) => chunks.push(chunk),
            Done::Events(None) => return Err(Miss::Corrupt("events")),
        }
    }
    let mut events = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
    for chunk in chunks {
        events.extend(chunk);
    }
    timings.decode = t.elapsed();
    drop(sections);
    drop(bytes.body);
    if !same {
        return Err(Miss::Changed);
    }
    let front = front.ok_or(Miss::Corrupt("registries"))?;

    let t = Instant::now();
    verify::parts(&front, &events, inputs.len()).map_err(Miss::Corrupt)?;
    timings.verify = t.elapsed();
    let t = Instant::now();
    let n_events = events.len();
    let Front {
        title,
        summary,
        updated,
        eras,
        actors,
        sources,
        tags,
    } = front;
    let timeline = assemble(
        title, summary, updated, inputs, eras, actors, sources, tags, events,
    );
    timings.index = t.elapsed();
    verify::unique(&timeline).map_err(Miss::Corrupt)?;
    Ok((timeline, StoredIndex::cached(bytes.index, n_events)))
}
