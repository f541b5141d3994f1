//! The search index: every event's searchable text folded, one byte a character, end to
//! end, with each event's set of characters. Built once per timeline (on every core for
//! big ones), kept by the explorer and stored in the cache.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::fields::{EventText, field_text_refs};
use super::fold::{char_mask, fold_into};
use crate::model::{EventIx, Timeline};

/// Events a thread takes at least when work on events is shared out: below twice this,
/// one thread is quicker than two.
pub(super) const RUN_MIN: usize = 4096;

/// Where each event's folded text starts and what characters it holds, with the folded
/// text of every event end to end.
///
/// A decoded index is trusted only after [`SearchIndex::check`]; one that passes holds
/// no place outside its text, so no query can panic on it, whatever else is wrong in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    /// Where each event's folded text starts in `folded`, and the end of the last.
    starts: Vec<usize>,
    /// The characters each event's text holds, folded, as a set (for cheap rejection).
    masks: Vec<u64>,
    /// Every event's text folded ([`super::fold::fold_bytes`]), one byte for each
    /// character of its [`EventText`], end to end in event order: the fuzzy rule runs
    /// over these for lower-case needles, whatever the script, and reading them in order
    /// is kind to the caches. Serialized as one block of bytes, which a cache reads
    /// back in a copy rather than byte by byte.
    #[serde(with = "serde_bytes")]
    folded: Vec<u8>,
}

/// The index of no events: it serves queries without text over any timeline, and
/// passes [`SearchIndex::check`] for a timeline without events.
impl Default for SearchIndex {
    fn default() -> SearchIndex {
        SearchIndex {
            starts: vec![0],
            masks: Vec::new(),
            folded: Vec::new(),
        }
    }
}

impl SearchIndex {
    /// Folds every event's searchable text (on every core for big timelines). The
    /// lengths are counted first so that the folded text is written straight into one
    /// buffer of its exact size, and building never holds it twice.
    pub fn new(tl: &Timeline) -> SearchIndex {
        let n = tl.events.len();
        let runs = crate::par::runs(n, RUN_MIN);
        let lens: Vec<Vec<usize>> = crate::par::map(runs.clone(), |r: Range<usize>| {
            r.map(|i| EventText::len_of(&field_text_refs(tl, i as EventIx)))
                .collect()
        });
        let mut starts = Vec::with_capacity(n + 1);
        let mut total = 0;
        for len in lens.into_iter().flatten() {
            starts.push(total);
            total += len;
        }
        starts.push(total);
        let mut folded = vec![0u8; total];
        let mut masks = vec![0u64; n];
        // Each thread folds a run of events into its own part of the buffers.
        let mut jobs = Vec::with_capacity(runs.len());
        let (mut text_left, mut masks_left): (&mut [u8], &mut [u64]) = (&mut folded, &mut masks);
        for r in runs {
            let len = starts[r.end] - starts[r.start];
            let (text, text_rest) = std::mem::take(&mut text_left).split_at_mut(len);
            let (run_masks, masks_rest) = std::mem::take(&mut masks_left).split_at_mut(r.len());
            jobs.push((r.start, run_masks, text));
            (text_left, masks_left) = (text_rest, masks_rest);
        }
        crate::par::map(jobs, |(first, run_masks, mut out)| {
            let mut text = EventText::default();
            for (i, mask) in run_masks.iter_mut().enumerate() {
                text.fill(tl, (first + i) as EventIx);
                let hay = text.hay();
                let (this, rest) = std::mem::take(&mut out).split_at_mut(hay.len());
                fold_into(hay, this);
                *mask = char_mask(hay);
                out = rest;
            }
        });
        // What the threads built the texts in goes back now, not after a second.
        crate::alloc::collect();
        SearchIndex {
            starts,
            masks,
            folded,
        }
    }

    /// Whether a decoded index is whole and fits a timeline of `events` events: one set
    /// and one start for each event, starts that never go back, from the beginning of
    /// the folded text to its end. Queries over an index that passes never panic; one
    /// whose folded text was forged gives wrong answers at worst.
    pub fn check(&self, events: usize) -> Result<(), &'static str> {
        if self.masks.len() != events {
            return Err("the search index holds a different number of events");
        }
        if self.starts.len() != events + 1 {
            return Err("the search index's starts do not match its events");
        }
        if self.starts.first() != Some(&0) || self.starts.last() != Some(&self.folded.len()) {
            return Err("the search index's starts do not span its text");
        }
        if !self.starts.is_sorted() {
            return Err("the search index's starts go back");
        }
        Ok(())
    }

    /// How many events it covers.
    pub fn len(&self) -> usize {
        self.masks.len()
    }

    /// True when it covers no event (as [`SearchIndex::default`], which serves queries
    /// without text).
    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    /// An event's folded text (one byte for each character of its [`EventText`]).
    pub fn folded(&self, ev: EventIx) -> &[u8] {
        let ev = ev as usize;
        &self.folded[self.starts[ev]..self.starts[ev + 1]]
    }

    /// The set of an event's folded characters ([`char_mask`]).
    pub fn mask(&self, ev: EventIx) -> u64 {
        self.masks[ev as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Timeline {
        let yaml = r#"title: T
events:
  - id: a
    date: 2020
    title: Zürich talks
  - id: b
    date: 2021
    title: The treaty of Berlin
    summary: signed
  - id: c
    date: 2022
    title: 東京
"#;
        let l = crate::model::load_texts(&[("t.yaml", yaml)], &Default::default());
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        l.timeline
    }

    /// An index decoded from a cache is whole and fits its timeline, or it is refused.
    #[test]
    fn a_decoded_index_is_checked_against_its_timeline() {
        let tl = sample();
        let index = SearchIndex::new(&tl);
        let json = serde_json::to_string(&index).expect("encodes");
        let back: SearchIndex = serde_json::from_str(&json).expect("decodes");
        assert_eq!(back, index);
        assert_eq!(back.check(3), Ok(()));
        assert!(back.check(2).is_err());
        assert!(back.check(4).is_err());
        assert_eq!(SearchIndex::default().check(0), Ok(()));
        assert_eq!(
            SearchIndex::new(&Timeline::default()),
            SearchIndex::default()
        );
        assert!(SearchIndex::default().check(1).is_err());

        let forged = |f: &dyn Fn(&mut SearchIndex)| {
            let mut i = index.clone();
            f(&mut i);
            i.check(3)
        };
        assert!(forged(&|i| i.masks.truncate(2)).is_err());
        assert!(forged(&|i| i.starts.truncate(3)).is_err());
        assert!(forged(&|i| i.starts.clear()).is_err());
        assert!(forged(&|i| i.starts[0] = 1).is_err());
        assert!(forged(&|i| i.folded.push(b'x')).is_err());
        assert!(forged(&|i| i.folded.clear()).is_err());
        // A start past the next, though the first and last are right.
        assert!(forged(&|i| i.starts[1] = i.starts[2] + 1).is_err());
        // Starts that stay within the text, though at the wrong places, pass: queries
        // over them give wrong answers but never panic (a test in tests/it/query.rs).
        assert_eq!(forged(&|i| i.starts[1] = i.starts[2]), Ok(()));
    }
}
