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
use super::stored::{Section, StoredIndex};
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

/// A cache file, as read: the bytes up to the search index, and the file (positioned
/// at the index).
struct Bytes {
    prefix: Vec<u8>,
    body: Vec<u8>,
    file: File,
    index_len: u64,
}

/// How much of the index section is checksummed at a time.
const PIECE: usize = 1 << 20;

/// Opens the cache file `file` in `dir` and reads it up to the search index, refusing
/// what is not the user's own, not a regular file, or not of the length its prefix says
/// (and read through that length).
fn read_bytes(dir: &Path, file: &Path, key: &Key) -> R<Bytes> {
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
    Ok(Bytes {
        prefix,
        body,
        file: f,
        index_len,
    })
}

/// Checks the file's checksum, reading the rest of it (the search index, in pieces: it
/// is not kept) and making sure nothing follows. Returns the checksum of the index
/// section alone, to check it when it is read again.
fn check_sum(b: &Bytes) -> R<u64> {
    let mut file = &b.file;
    let mut whole = Hasher::default();
    whole.update(&b.prefix);
    whole.update(&b.body);
    let mut section = Hasher::default();
    let mut piece = vec![0u8; PIECE];
    let mut left = b.index_len;
    while left > 0 {
        let n = PIECE.min(usize::try_from(left).unwrap_or(PIECE));
        file.read_exact(&mut piece[..n]).map_err(|_| TRUNCATED)?;
        whole.update(&piece[..n]);
        section.update(&piece[..n]);
        left -= n as u64;
    }
    let mut sum = [0u8; 8];
    file.read_exact(&mut sum).map_err(|_| TRUNCATED)?;
    // Nothing more: a file that grew since it was measured is not the one described.
    if file.read(&mut [0u8; 1]).map_err(|_| TRUNCATED)? != 0 {
        return Err(Miss::Corrupt("truncated or extended"));
    }
    if whole.digest() != u64::from_le_bytes(sum) {
        return Err(Miss::Corrupt("checksum"));
    }
    Ok(section.digest())
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
) -> R<(Vec<Input>, Vec<u64>, &'a [u8])> {
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
    let mut sums = Vec::with_capacity(header.inputs.len());
    for (h, s) in header.inputs.into_iter().zip(&key.files) {
        if h.path != s.path.as_os_str().as_encoded_bytes() || h.size != s.size || h.mtime != s.mtime
        {
            return Err(Miss::Stale);
        }
        sums.push(h.content);
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
    Ok((inputs, sums, c.rest))
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

/// What a job on a core does: hash the inputs, checksum the cache file, or decode and
/// check a run of events.
enum Job<'a> {
    Hash(&'a [(PathBuf, u64)]),
    Checksum(&'a Bytes),
    /// The run's bytes, and the position of its first event in the timeline.
    Events(&'a [u8], usize),
}

enum Done {
    Hash { same: bool, took: Duration },
    Checksum(R<u64>, Duration),
    Events(R<(Vec<Event>, verify::Tally)>),
}

/// Runs a job, with the timeline's registries (checked) and how many inputs it has.
fn run(job: Job<'_>, front: &Front, inputs: usize) -> Done {
    match job {
        Job::Hash(files) => {
            let t = Instant::now();
            let same = files
                .iter()
                .all(|(f, sum)| hash_file(f).is_ok_and(|h| h == *sum));
            Done::Hash {
                same,
                took: t.elapsed(),
            }
        }
        Job::Checksum(bytes) => {
            let t = Instant::now();
            Done::Checksum(check_sum(bytes), t.elapsed())
        }
        Job::Events(bytes, first) => Done::Events(
            from_bytes::<Vec<Event>>(bytes)
                .ok_or(Miss::Corrupt("events"))
                .and_then(|events| {
                    let tally =
                        verify::events(front, &events, first, inputs).map_err(Miss::Corrupt)?;
                    Ok((events, tally))
                }),
        ),
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
    let bytes = read_bytes(dir, file, key)?;
    timings.read = t.elapsed();
    let index_len = usize::try_from(bytes.index_len).map_err(|_| TRUNCATED)?;
    let (inputs, sums, payload) = read_header(&bytes.body, index_len, key, version, build)?;
    let sections = sections(payload)?;
    let t = Instant::now();
    let front: Front = from_bytes(sections[0]).ok_or(Miss::Corrupt("registries"))?;
    verify::front(&front, inputs.len()).map_err(Miss::Corrupt)?;
    let runs = &sections[1..];

    // The inputs are hashed and the file is checksummed while the events are decoded and
    // checked, in runs of CHUNK (the last may be shorter), all on every core: the
    // decoder takes any bytes, and what it made is dropped unless the file is whole and
    // the inputs are the ones cached.
    let expected: Vec<(PathBuf, u64)> = key
        .files
        .iter()
        .zip(sums)
        .map(|(s, sum)| (s.path.clone(), sum))
        .collect();
    let mut jobs = vec![Job::Hash(&expected), Job::Checksum(&bytes)];
    jobs.extend(
        runs.iter()
            .enumerate()
            .map(|(k, s)| Job::Events(s, k * CHUNK)),
    );
    let n_inputs = inputs.len();
    let mut runs_done = Vec::with_capacity(runs.len());
    let mut same = false;
    let mut sum = Err(TRUNCATED);
    for done in crate::par::map(jobs, |job| run(job, &front, n_inputs)) {
        match done {
            Done::Hash { same: s, took } => {
                same = s;
                timings.hash = took;
            }
            Done::Checksum(r, took) => {
                sum = r;
                timings.checksum = took;
            }
            Done::Events(r) => runs_done.push(r),
        }
    }
    timings.decode = t.elapsed();
    drop(sections);
    let index = Section {
        at: (PREFIX + bytes.body.len()) as u64,
        len: bytes.index_len,
        sum: sum?,
        file: bytes.file,
    };
    drop(bytes.body);
    if !same {
        return Err(Miss::Changed);
    }
    let t = Instant::now();
    let (decoded, tallies): (Vec<Vec<Event>>, Vec<verify::Tally>) = runs_done
        .into_iter()
        .collect::<R<Vec<_>>>()?
        .into_iter()
        .unzip();
    let last = decoded.len().saturating_sub(1);
    let full = decoded
        .iter()
        .enumerate()
        .all(|(k, run)| run.len() == CHUNK || (k == last && !run.is_empty()));
    if !full {
        return Err(Miss::Corrupt("events"));
    }
    verify::all(&front, &decoded, &tallies).map_err(Miss::Corrupt)?;
    let mut events = Vec::with_capacity(decoded.iter().map(Vec::len).sum());
    for run in decoded {
        events.extend(run);
    }
    timings.verify = t.elapsed();
    let t = Instant::now();
    let n_events = events.len();
    let Front {
        title,
        summary,
        updated,
        timezone,
        eras,
        actors,
        sources,
        tags,
        tag_titles,
    } = front;
    let mut timeline = assemble(
        title, summary, updated, inputs, eras, actors, sources, tags, events,
    );
    timeline.timezone = timezone;
    timeline.tag_titles = tag_titles;
    timings.index = t.elapsed();
    verify::unique(&timeline).map_err(Miss::Corrupt)?;
    Ok((timeline, StoredIndex::cached(index, n_events)))
}
