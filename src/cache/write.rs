//! Writing a cache file after a clean fresh load: the timeline and its search index,
//! encoded (see [`super::codec`]) and written atomically.

use super::codec::{CHUNK, FrontRef, Header, LAYOUT, MAGIC, Stamped, checksum, to_bytes};
use super::file;
use super::key::Key;
use super::status::Stored;
use super::stored::StoredIndex;
use crate::model::{Loaded, Timeline};
use crate::query::SearchIndex;
use std::path::Path;

/// The bytes of a cache file for `timeline` and its search `index`, loaded from the
/// files of `key`, as tlx `version` of this `build` writes them. `None` when the
/// timeline's inputs are not the key's files, or it holds more than the format can.
pub fn encode_as(
    timeline: &Timeline,
    index: &SearchIndex,
    key: &Key,
    version: &str,
    build: (u64, i64, u32),
) -> Option<Vec<u8>> {
    if timeline.inputs.len() != key.files.len() {
        return None;
    }
    let mut inputs = Vec::with_capacity(key.files.len());
    for (input, s) in timeline.inputs.iter().zip(&key.files) {
        if input.path.as_deref() != Some(s.path.as_path()) || input.bytes != s.size {
            return None;
        }
        inputs.push(Stamped {
            path: s.path.as_os_str().as_encoded_bytes().to_vec(),
            name: input.name.clone(),
            size: s.size,
            mtime: s.mtime,
            sha256: input.sha256,
            content: super::key::hash_file(&s.path).ok()?,
        });
    }
    let header = to_bytes(&Header {
        version: version.to_string(),
        build,
        limits: (key.max_file_size, key.max_expansion),
        inputs,
    })?;
    let tl = timeline;
    let front = to_bytes(&FrontRef {
        title: &tl.title,
        summary: tl.summary.as_deref(),
        updated: tl.updated.as_ref(),
        timezone: tl.timezone,
        eras: &tl.eras,
        actors: &tl.actors,
        sources: &tl.sources,
        tags: &tl.tags,
        tag_titles: &tl.tag_titles,
    })?;
    let chunks: Vec<Vec<u8>> = crate::par::map(tl.events.chunks(CHUNK).collect(), to_bytes)
        .into_iter()
        .collect::<Option<_>>()?;
    let index = to_bytes(index)?;
    let sections: Vec<&[u8]> = std::iter::once(front.as_slice())
        .chain(chunks.iter().map(Vec::as_slice))
        .collect();
    let table = 4 + 8 * sections.len();
    let payload_len = table + sections.iter().map(|s| s.len()).sum::<usize>() + index.len();
    let len = super::codec::PREFIX + header.len() + 8 + payload_len + 8;

    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&LAYOUT.to_le_bytes());
    out.extend_from_slice(&(len as u64).to_le_bytes());
    out.extend_from_slice(&(index.len() as u64).to_le_bytes());
    out.extend_from_slice(&header);
    out.extend_from_slice(&(payload_len as u64).to_le_bytes());
    out.extend_from_slice(&u32::try_from(sections.len()).ok()?.to_le_bytes());
    for s in &sections {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    out.extend_from_slice(&index);
    let sum = checksum(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    debug_assert_eq!(out.len(), len);
    Some(out)
}

/// Stores a clean load (with its search index, built here) in `file` in `dir`. The
/// index built is handed back to the caller, who would otherwise build it again.
pub fn store(
    dir: &Path,
    file: &Path,
    key: &Key,
    loaded: &Loaded,
    version: &str,
    build: (u64, i64, u32),
) -> (Stored, Option<StoredIndex>) {
    if !loaded.diagnostics.is_empty() {
        return (Stored::Diagnostics, None);
    }
    // The files must be the ones the key listed, unchanged since (size and time).
    if !key.unchanged() {
        return (Stored::InputsMoved, None);
    }
    if let Err(e) = file::prepare(dir, file) {
        return (Stored::Failed(e), None);
    }
    let index = SearchIndex::new(&loaded.timeline);
    let stored = match encode_as(&loaded.timeline, &index, key, version, build) {
        None => Stored::InputsMoved,
        Some(bytes) => match file::write(file, &bytes) {
            Ok(()) => Stored::Yes,
            Err(e) => Stored::Failed(e),
        },
    };
    (stored, Some(StoredIndex::built(index)))
}
