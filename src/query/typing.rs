//! Typing: each keystroke's query run within the previous one's hits when it
//! [narrows](Compiled::narrows) them, and a one-word query extending the previous
//! keystroke's partial matches (its [`Trail`]) instead of searching again.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::compile::Compiled;
use super::fuzzy::{MAX_GAPS, folded_gap_ok, folded_is_word};
use super::index::SearchIndex;
use super::parse::{Query, TermKind, TextKind};
use super::run::{Context, Hit, SCORE_PER_CHAR, Sort, par_runs};
use crate::model::{EventIx, Timeline};

/// The most partial matches one thread's share of a [`Trail`] keeps (16 MiB).
const TRAIL_MAX_ENDS: usize = 1 << 22;
/// Events with this many characters or more are never trailed (places take 29 bits).
const TRAIL_MAX_TEXT: usize = 1 << 29;

/// What a query of one fuzzy word left for the next keystroke: in each event it
/// matched, where the word's partial matches end ([`trail_extend`]). With
/// it, the word one letter longer looks at a few places in each of those events instead
/// of searching them again ([`Compiled::run_typed`]).
#[derive(Clone, Debug, Default)]
pub struct Trail {
    needle: Vec<u8>,
    events: Vec<EventIx>,
    /// Where each event's partial matches start in `ends`, and the end of the last.
    bounds: Vec<u32>,
    ends: Vec<u32>,
}

impl Trail {
    fn ends_of(&self, i: usize) -> &[u32] {
        &self.ends[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }

    /// How many events it holds (those the word matched).
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True when the word matched no event.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// Whether `c` is among the `n` (at most 8) bytes from `from` on: eight bytes compared
/// at once, so that most partial matches, which cannot go on, cost no loop.
#[inline]
fn among(folded: &[u8], from: usize, n: usize, c: u8) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    match folded.get(from..from + 8) {
        Some(w) => {
            let v = u64::from_le_bytes(w.try_into().expect("eight bytes")) ^ (LO * u64::from(c));
            let first = if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            };
            // Non-zero exactly when a byte of `v` among the first `n` is zero.
            v.wrapping_sub(LO) & !v & HI & first != 0
        }
        None => folded[from.min(folded.len())..(from + n).min(folded.len())].contains(&c),
    }
}

/// The partial matches of a needle's first two characters `c0` and `c1` (see
/// [`trail_extend`]): from every place of `c0`, with no gaps used, extended by `c1`, in
/// one pass.
pub fn trail_pair(folded: &[u8], c0: u8, c1: u8, out: &mut Vec<u32>) {
    let start = out.len();
    for e in memchr::memchr_iter(c0, folded) {
        // A match inside a word has no gaps: its budget is spent from the start.
        let budget = if e == 0 || !folded_is_word(folded[e - 1]) {
            MAX_GAPS
        } else {
            0
        };
        let gap_start = e + 1;
        if !among(folded, gap_start, budget + 1, c1) {
            continue;
        }
        let end = (gap_start + budget + 1).min(folded.len());
        for q in gap_start..end {
            let b = folded[q];
            if b == b'\n' {
                break;
            }
            if b == c1 && (q == gap_start || folded_gap_ok(folded, gap_start, q)) {
                out.push(((q as u32) << 3) | (MAX_GAPS - budget + q - gap_start) as u32);
            }
        }
    }
    keep_fewest_gaps(out, start);
}

/// Sorts `out[start..]` by end and keeps, for each end, the entry with the fewest gaps.
fn keep_fewest_gaps(out: &mut Vec<u32>, start: usize) {
    let new = &mut out[start..];
    if !new.is_sorted() {
        new.sort_unstable();
    }
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[kept - 1] >> 3 != out[i] >> 3 {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Extends partial matches of a needle by its next character `c`.
///
/// A partial match is where a match of the needle so far can end in the folded text,
/// with the fewest gaps (other characters between needle characters) used to get there,
/// packed as `end << 3 | gaps`, in order of `end`. From each, `c` is looked for within
/// the gaps left, by the rule of [`Prefilter::window_folded`] (a gap never crosses a line
/// break, and one that leaves a word skips whole words). A needle matches exactly when
/// its partial matches are not empty; fewer gaps to the same end allow all that more
/// gaps do, so only the fewest are kept. Typing one more letter then costs a look at a
/// few places per event instead of a search.
pub fn trail_extend(folded: &[u8], from: &[u32], c: u8, out: &mut Vec<u32>) {
    let start = out.len();
    for &packed in from {
        let (e, g) = ((packed >> 3) as usize, (packed & 7) as usize);
        let gap_start = e + 1;
        if !among(folded, gap_start, MAX_GAPS - g + 1, c) {
            continue;
        }
        let end = (gap_start + (MAX_GAPS - g) + 1).min(folded.len());
        for q in gap_start..end {
            let b = folded[q];
            if b == b'\n' {
                break;
            }
            if b == c && (q == gap_start || folded_gap_ok(folded, gap_start, q)) {
                out.push(((q as u32) << 3) | (g + q - gap_start) as u32);
            }
        }
    }
    keep_fewest_gaps(out, start);
}

impl Compiled {
    /// The word's folded bytes when the query is one positive fuzzy word that runs over
    /// folded text (lower-case ASCII) and results are in date order: the queries that
    /// leave a [`Trail`].
    fn trail_word(&self, sort: Sort) -> Option<&[u8]> {
        match self.atoms.as_slice() {
            [a] if sort == Sort::Date && !a.negated && a.kind == TextKind::Fuzzy => {
                a.pre.folded_needle()
            }
            _ => None,
        }
    }

    /// [`Compiled::run_within`], and the [`Trail`] that lets the next keystroke extend
    /// this one's matches. `trail` is the previous keystroke's, given (like `within`)
    /// only when this query [narrows](Compiled::narrows) that one. The hits and scores
    /// are exactly those of [`Compiled::run_within`].
    ///
    /// A trail is started at a word's second letter (a first letter's would hold nearly
    /// every place of it), and from then on each letter only extends it.
    pub fn run_typed(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ctx: &Context,
        sort: Sort,
        within: Option<&[EventIx]>,
        trail: Option<&Trail>,
    ) -> (Vec<Hit>, Option<Trail>) {
        let Some(word) = self.trail_word(sort) else {
            return (self.run_within(tl, index, ctx, sort, within), None);
        };
        let prev = trail.filter(|t| !t.needle.is_empty() && word.starts_with(&t.needle));
        if prev.is_none() && word.len() != 2 {
            return (self.run_within(tl, index, ctx, sort, within), None);
        }
        // Extending a trail looks at its events; starting one, at the run's scope.
        let scope = match prev {
            Some(t) => Some(Cow::Borrowed(t.events.as_slice())),
            None => self.scope(tl, within),
        };
        let within = scope.as_deref();
        let n = within.map_or(tl.events.len(), <[EventIx]>::len);
        let at = |i: usize| within.map_or(i as EventIx, |w| w[i]);
        // A trail keeps 4 bytes a partial match: text made to have very many of them (or
        // one event too long to place in 29 bits) is searched the plain way instead.
        let overflow = AtomicBool::new(false);
        let parts = par_runs(n, |range: Range<usize>| {
            let mut part = Trail::default();
            let (mut ends, mut next, mut positions) = (Vec::new(), Vec::new(), Vec::new());
            for i in range {
                if ctx.cancelled() {
                    break;
                }
                if part.ends.len() > TRAIL_MAX_ENDS {
                    overflow.store(true, Ordering::Relaxed);
                    break;
                }
                let ev = at(i);
                ends.clear();
                let rest = match prev {
                    Some(t) => {
                        if !self.facets_hold(tl, ev) {
                            continue;
                        }
                        ends.extend_from_slice(t.ends_of(i));
                        &word[t.needle.len()..]
                    }
                    None => {
                        if !self.passes_cheap(tl, index, ev, &mut positions) {
                            continue;
                        }
                        trail_pair(index.folded(ev), word[0], word[1], &mut ends);
                        &word[2..]
                    }
                };
                let folded = index.folded(ev);
                if folded.len() >= TRAIL_MAX_TEXT {
                    overflow.store(true, Ordering::Relaxed);
                    break;
                }
                for &c in rest {
                    if ends.is_empty() {
                        break;
                    }
                    next.clear();
                    trail_extend(folded, &ends, c, &mut next);
                    std::mem::swap(&mut ends, &mut next);
                }
                if !ends.is_empty() {
                    part.events.push(ev);
                    part.bounds.push(part.ends.len() as u32);
                    part.ends.extend_from_slice(&ends);
                }
            }
            part
        });
        if overflow.into_inner() {
            return (self.run_within(tl, index, ctx, sort, within), None);
        }
        let mut out = Trail {
            needle: word.to_vec(),
            events: Vec::with_capacity(parts.iter().map(|p| p.events.len()).sum()),
            bounds: Vec::new(),
            ends: Vec::with_capacity(parts.iter().map(|p| p.ends.len()).sum()),
        };
        out.bounds.reserve(out.events.capacity() + 1);
        for p in parts {
            let base = out.ends.len() as u32;
            out.events.extend_from_slice(&p.events);
            out.bounds.extend(p.bounds.iter().map(|b| b + base));
            out.ends.extend_from_slice(&p.ends);
        }
        out.bounds.push(out.ends.len() as u32);
        // The score `run_within` gives a fuzzy word in date order: one step per letter.
        let score = u32::from(SCORE_PER_CHAR.saturating_mul(word.len() as u16));
        let hits = out
            .events
            .iter()
            .map(|&event| Hit { event, score })
            .collect();
        (hits, Some(out))
    }

    /// True when every event this query matches is matched by `before`: the same facets
    /// and atoms, with positive atoms only added, or the last one lengthened. Running
    /// within the earlier hits then gives exactly the same hits.
    pub fn narrows(before: &Query, after: &Query) -> bool {
        if before.terms.is_empty() || after.terms.len() < before.terms.len() {
            return false;
        }
        let n = before.terms.len();
        for (i, (b, a)) in before.terms.iter().zip(&after.terms).enumerate() {
            if b.negated != a.negated {
                return false;
            }
            let same = b.kind == a.kind;
            let lengthened = i == n - 1
                && !b.negated
                && matches!(
                    (&b.kind, &a.kind),
                    (TermKind::Text { kind: kb, needle: nb }, TermKind::Text { kind: ka, needle: na })
                        if kb == ka
                            && matches!(kb, TextKind::Fuzzy | TextKind::Exact)
                            && na.starts_with(nb.as_str())
                );
            if !same && !lengthened {
                return false;
            }
        }
        // Added terms must not be negated: a negated term can only remove events, which
        // is fine, but its candidates are not tracked, so keep it simple and exact.
        after.terms[n..].iter().all(|t| !t.negated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fold::{FOLDED_OTHER, FOLDED_WORD};
    use crate::query::fuzzy::Prefilter;

    /// A lower-case needle, as a query's fuzzy word.
    fn pf(n: &str) -> Prefilter {
        let u = nucleo_matcher::Utf32String::from(n);
        Prefilter::new(u.slice(..), true, true)
    }

    /// The partial matches of a needle's first character: every place of it, with no
    /// gaps left inside a word.
    fn trail_start(folded: &[u8], c: u8, out: &mut Vec<u32>) {
        out.extend(memchr::memchr_iter(c, folded).map(|q| {
            let inside = q > 0 && folded_is_word(folded[q - 1]);
            ((q as u32) << 3) | if inside { MAX_GAPS as u32 } else { 0 }
        }));
    }

    proptest::proptest! {
        /// Extending partial matches a letter at a time answers exactly as the rule
        /// does for every prefix of the needle, and keeps one entry per end, in order.
        #[test]
        fn trails_answer_as_the_window_does(
            needle in "[ab.-]{1,6}",
            hay in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b'.', b'-', b' ', b'\n', FOLDED_WORD, FOLDED_OTHER]),
                0..48,
            ),
        ) {
            let nb = needle.as_bytes();
            let mut trail = Vec::new();
            trail_start(&hay, nb[0], &mut trail);
            if nb.len() > 1 {
                let (mut two, mut pair) = (Vec::new(), Vec::new());
                trail_extend(&hay, &trail, nb[1], &mut two);
                trail_pair(&hay, nb[0], nb[1], &mut pair);
                proptest::prop_assert_eq!(two, pair);
            }
            let mut pos = Vec::new();
            for k in 1..=nb.len() {
                if k > 1 {
                    let mut next = Vec::new();
                    trail_extend(&hay, &trail, nb[k - 1], &mut next);
                    trail = next;
                }
                let p = pf(&needle[..k]);
                let want = p.window_folded(&hay, &mut pos).expect("folds");
                proptest::prop_assert_eq!(!trail.is_empty(), want, "{:?} in {:?}", &needle[..k], hay);
                proptest::prop_assert!(trail.windows(2).all(|w| w[0] >> 3 < w[1] >> 3));
                for &t in &trail {
                    proptest::prop_assert_eq!(hay[(t >> 3) as usize], nb[k - 1]);
                    proptest::prop_assert!((t & 7) as usize <= MAX_GAPS);
                }
            }
        }
    }
}
