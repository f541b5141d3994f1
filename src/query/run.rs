//! Running a compiled query: each event's facets, then the cheap tests of its text
//! atoms over the search index, then the fuzzy rule (and nucleo's score, when results
//! are ranked), on every core for big timelines.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use nucleo_matcher::{Config, Matcher};

use super::compile::{Compiled, Facet, TextAtom};
use super::fields::{EventText, FieldKind};
use super::index::{RUN_MIN, SearchIndex};
use super::parse::TextKind;
use crate::model::{EventIx, Timeline};

/// Facts outside the timeline that a query may ask about, and how a run is called off.
#[derive(Default, Clone, Copy)]
pub struct Context<'a> {
    /// The analyst's workspace (`is:marked`, `label:`, `view:` …), for [`select`](super::select).
    pub work: Option<&'a crate::workspace::Annotations>,
    /// Set by another thread when the answer is no longer wanted: the run stops looking
    /// at events, and what it returns is to be thrown away.
    pub cancel: Option<&'a AtomicBool>,
}

impl Context<'_> {
    /// Has the run been called off?
    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

/// Result order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    /// Chronological (the default).
    #[default]
    Date,
    /// Best match first; ties in chronological order.
    Score,
}

/// One matching event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub event: EventIx,
    /// Sum of the text atoms' scores (0 without text atoms).
    pub score: u32,
}

/// An event's [`EventText`], built the first time a test on the event asks for it.
struct Lazy<'a> {
    tl: &'a Timeline,
    ev: EventIx,
    text: &'a mut EventText,
    built: bool,
}

impl Lazy<'_> {
    fn get(&mut self) -> &EventText {
        if !self.built {
            self.text.fill(self.tl, self.ev);
            self.built = true;
        }
        self.text
    }
}

/// The parts end to end (the one part as it is).
fn joined<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    if parts.len() == 1 {
        return parts.into_iter().next().unwrap_or_default();
    }
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        out.extend(p);
    }
    out
}

/// `f` of each of a few contiguous runs of `0..n` (one per core for big `n`), in order.
pub(super) fn par_runs<R: Send>(n: usize, f: impl Fn(Range<usize>) -> R + Sync) -> Vec<R> {
    crate::par::map(crate::par::runs(n, RUN_MIN), f)
}

/// What one thread keeps from event to event while it runs a query.
struct Scratch {
    matcher: Matcher,
    positions: Vec<u32>,
    /// The text of the event being matched, when a test needed it.
    text: EventText,
    /// The text atoms in the order they are tried: whichever has rejected the most
    /// events so far goes first, so `berlin treaty` costs little more than the rarer of
    /// its two words. The order changes the cost, never the answer (all must hold, and
    /// the score is a sum).
    order: Vec<usize>,
    /// Events tried and rejected by the atom at each place of `order`, since the last
    /// reordering.
    tried: Vec<u32>,
    rejected: Vec<u32>,
    seen: u32,
}

impl Scratch {
    const REORDER_EVERY: u32 = 256;

    fn new(atoms: usize) -> Scratch {
        Scratch {
            matcher: Matcher::new(Config::DEFAULT),
            positions: Vec::new(),
            text: EventText::default(),
            order: (0..atoms).collect(),
            tried: vec![0; atoms],
            rejected: vec![0; atoms],
            seen: 0,
        }
    }

    /// Puts the atoms that rejected the largest share of the events they were tried on
    /// first (an atom not tried at all, because those before it rejected everything,
    /// keeps its place behind them).
    fn reorder(&mut self) {
        if self.order.len() > 1 {
            // Rejections per 1,024 tries.
            let rate = |at: usize| {
                (self.rejected[at] * 1024)
                    .checked_div(self.tried[at])
                    .unwrap_or(0)
            };
            let mut by: Vec<(u32, usize)> = (0..self.order.len())
                .map(|at| (rate(at), self.order[at]))
                .collect();
            // Stable: ties keep their order.
            by.sort_by_key(|&(rate, _)| std::cmp::Reverse(rate));
            self.order = by.into_iter().map(|(_, i)| i).collect();
        }
        self.tried.iter_mut().for_each(|r| *r = 0);
        self.rejected.iter_mut().for_each(|r| *r = 0);
    }
}

/// The posting lists of the items switched on in `m`.
fn chosen<'a>(lists: &'a [Vec<EventIx>], m: &[bool]) -> Vec<&'a [EventIx]> {
    m.iter()
        .zip(lists)
        .filter(|(on, _)| **on)
        .map(|(_, l)| l.as_slice())
        .collect()
}

/// A field's score as ranking counts it: a match in the title counts half as much again
/// as the same match in the summary, a source or a name, so that events about the word
/// come before events that mention it.
fn weighed(score: u16, kind: FieldKind) -> u16 {
    match kind {
        FieldKind::Title => score.saturating_add(score / 2),
        _ => score,
    }
}

/// nucleo's score for one matched character, before bonuses and gap penalties.
pub(super) const SCORE_PER_CHAR: u16 = 16;

impl Compiled {
    pub(super) fn facets_hold(&self, tl: &Timeline, ev: EventIx) -> bool {
        let e = &tl.events[ev as usize];
        self.facets.iter().all(|(negated, f)| {
            let hold = match f {
                Facet::Tags(ts) => e.tags.iter().any(|t| ts.contains(t)),
                Facet::Actors(m) => e.actors.iter().any(|a| m[a.actor as usize]),
                Facet::Sources(m) => e.citations.iter().any(|c| m[c.source as usize]),
                Facet::Eras(spans, _) => {
                    let s = e.span();
                    spans.iter().any(|x| x.overlaps(&s))
                }
                Facet::From(lo) => e.span().hi >= *lo,
                Facet::To(hi) => e.span().lo <= *hi,
                Facet::Rel(r) => tl.best_reliability(e).is_some_and(|b| b <= *r),
                Facet::Events(evs) => evs.binary_search(&ev).is_ok(),
            };
            hold != *negated
        })
    }

    /// The score of one text atom on one event, `None` when it does not match.
    ///
    /// The cheap tests (character set, then subsequence) reject most events first. A
    /// fuzzy atom must then match within one field (a title, a summary, a tag, a name…):
    /// letters scattered across a whole event would match nearly anything. When only
    /// whether it matches counts (`best` false), a field whose greedy alignment already
    /// scores enough settles it; the optimal (slower) score is computed only when needed.
    /// The event's [`EventText`] is built only when the folded text cannot answer.
    #[allow(clippy::too_many_arguments)]
    fn atom_score(
        a: &TextAtom,
        mask: u64,
        folded: &[u8],
        text: &mut Lazy,
        matcher: &mut Matcher,
        positions: &mut Vec<u32>,
        best: bool,
        checked: bool,
    ) -> Option<u16> {
        if !(checked || a.cheap(mask, folded, positions)) {
            return None;
        }
        match a.kind {
            TextKind::Exact => a.atom.score(text.get().hay(), matcher),
            TextKind::Fuzzy => {
                // One pass over the whole event: fields are joined by line breaks, which a
                // match never crosses, so this is the same as trying field by field.
                let found = match a.pre.window_folded(folded, positions) {
                    Some(found) => found,
                    None => a.pre.window(text.get().hay(), positions),
                };
                if !found {
                    return None;
                }
                let plain = SCORE_PER_CHAR.saturating_mul(positions.len() as u16);
                if !best {
                    return Some(plain);
                }
                // Ranked: nucleo's score of the best matching field orders the results.
                let text = text.get();
                let mut found = plain;
                for f in text.fields() {
                    let r = f.start as usize..(f.start + f.len) as usize;
                    let hay = text.slice(r.clone());
                    // `get`: an index decoded from a cache could be shorter than the
                    // text; its answers may be wrong, but a query never panics.
                    let matched = folded
                        .get(r)
                        .and_then(|f| a.pre.window_folded(f, positions))
                        .unwrap_or_else(|| a.pre.window(hay, positions));
                    if matched {
                        let score = a.atom.score(hay, matcher).unwrap_or(plain);
                        found = found.max(weighed(score, f.kind));
                    }
                }
                Some(found)
            }
            TextKind::Prefix | TextKind::Suffix | TextKind::Whole => {
                Self::best_field(a, text.get(), matcher)
            }
        }
    }

    /// The best score of the atom on any one field.
    fn best_field(a: &TextAtom, text: &EventText, matcher: &mut Matcher) -> Option<u16> {
        text.fields()
            .iter()
            .filter_map(|f| {
                let hay = text.field(f);
                if !a.pre.subsequence(hay) {
                    return None;
                }
                a.atom.score(hay, matcher).map(|s| weighed(s, f.kind))
            })
            .max()
    }

    /// The event's score, or `None` when it does not match, for an event whose facets
    /// and positive atoms' cheap tests hold. The atoms are tried in `scratch`'s order.
    fn score_checked(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ev: EventIx,
        scratch: &mut Scratch,
        best: bool,
    ) -> Option<u32> {
        if self.atoms.is_empty() {
            return Some(0);
        }
        let mask = index.mask(ev);
        let folded = index.folded(ev);
        let mut text = Lazy {
            tl,
            ev,
            text: &mut scratch.text,
            built: false,
        };
        let mut total = 0u32;
        let mut result = Some(());
        for (at, &i) in scratch.order.iter().enumerate() {
            let a = &self.atoms[i];
            scratch.tried[at] += 1;
            let s = Self::atom_score(
                a,
                mask,
                folded,
                &mut text,
                &mut scratch.matcher,
                &mut scratch.positions,
                best || a.negated,
                !a.negated,
            );
            match (s, a.negated) {
                (Some(_), true) | (None, false) => {
                    scratch.rejected[at] += 1;
                    result = None;
                    break;
                }
                (Some(s), false) => total += u32::from(s),
                (None, true) => {}
            }
        }
        scratch.seen += 1;
        if scratch.seen.is_multiple_of(Scratch::REORDER_EVERY) {
            scratch.reorder();
        }
        result.map(|()| total)
    }

    /// The events that a positive tag, actor, source or era facet allows, in order and
    /// without repeats, from the timeline's posting lists: those of the facet that
    /// allows the fewest. `None` when no such facet narrows the search to less than
    /// half the timeline. Every other condition is still checked on each of them.
    fn candidates(&self, tl: &Timeline) -> Option<Vec<EventIx>> {
        let ix = &tl.index;
        let best = self
            .facets
            .iter()
            .filter(|(negated, _)| !negated)
            .filter_map(|(_, f)| {
                let lists: Vec<&[EventIx]> = match f {
                    Facet::Tags(ts) => ts
                        .iter()
                        .map(|&t| ix.events_by_tag[t as usize].as_slice())
                        .collect(),
                    Facet::Eras(_, es) => es
                        .iter()
                        .map(|&e| ix.events_by_era[e as usize].as_slice())
                        .collect(),
                    Facet::Actors(m) => chosen(&ix.events_by_actor, m),
                    Facet::Sources(m) => chosen(&ix.events_by_source, m),
                    _ => return None,
                };
                let size: usize = lists.iter().map(|l| l.len()).sum();
                Some((size, lists))
            })
            .min_by_key(|(size, _)| *size)?;
        let (size, lists) = best;
        if size >= tl.events.len() / 2 {
            return None;
        }
        let mut out: Vec<EventIx> = Vec::with_capacity(size);
        for l in &lists {
            out.extend_from_slice(l);
        }
        if lists.len() > 1 {
            out.sort_unstable();
        }
        out.dedup();
        Some(out)
    }

    /// Every matching event, in the order asked for.
    pub fn run(&self, tl: &Timeline, index: &SearchIndex, ctx: &Context, sort: Sort) -> Vec<Hit> {
        self.run_within(tl, index, ctx, sort, None)
    }

    /// Runs over `within` (events in chronological order, for example the hits of an
    /// earlier query that this one [narrows](Compiled::narrows)) or over every event.
    pub fn run_within(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ctx: &Context,
        sort: Sort,
        within: Option<&[EventIx]>,
    ) -> Vec<Hit> {
        let best = sort == Sort::Score;
        let scope = self.scope(tl, within);
        let within = scope.as_deref();
        let n = within.map_or(tl.events.len(), <[EventIx]>::len);
        let at = |i: usize| within.map_or(i as EventIx, |w| w[i]);
        let parts = par_runs(n, |range: Range<usize>| {
            let mut scratch = Scratch::new(self.atoms.len());
            let mut hits = Vec::with_capacity(range.len());
            hits.extend(range.filter_map(|i| {
                if ctx.cancelled() {
                    return None;
                }
                let ev = at(i);
                if !self.passes_cheap(tl, index, ev, &mut scratch.positions) {
                    return None;
                }
                self.score_checked(tl, index, ev, &mut scratch, best)
                    .map(|score| Hit { event: ev, score })
            }));
            hits
        });
        let mut hits = joined(parts);
        if best {
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.event.cmp(&b.event)));
        }
        hits
    }

    /// The events a run looks at: `within`, else those the narrowest facet allows
    /// ([`Compiled::candidates`]), else every event (`None`).
    pub(super) fn scope<'a>(
        &self,
        tl: &Timeline,
        within: Option<&'a [EventIx]>,
    ) -> Option<Cow<'a, [EventIx]>> {
        match within {
            Some(w) => Some(Cow::Borrowed(w)),
            None => self.candidates(tl).map(Cow::Owned),
        }
    }

    /// Facets and the cheap tests of the positive text atoms.
    pub(super) fn passes_cheap(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ev: EventIx,
        positions: &mut Vec<u32>,
    ) -> bool {
        if !self.facets_hold(tl, ev) {
            return false;
        }
        if self.atoms.is_empty() {
            return true;
        }
        let (mask, folded) = (index.mask(ev), index.folded(ev));
        self.atoms
            .iter()
            .filter(|a| !a.negated)
            .all(|a| a.cheap(mask, folded, positions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::fields::field_text_refs;

    /// Whatever the atom (fuzzy, exact, anchored; any case, accents or script), an event
    /// it matches passes its cheap tests over the folded text, which decide whether the
    /// event's text is built at all.
    #[test]
    fn every_event_an_atom_matches_passes_its_cheap_tests() {
        let yaml = r#"title: T
events:
  - id: a
    date: 2020-01-01
    title: "Zürich Treaty signed in Straße"
    summary: "Ünïcödé ÉCOLE 東京 talks. Second line: Kraków, İzmir, Ærø"
    tags: [diplomacy]
  - id: b
    date: 2021-02-03
    title: "The treaty of BERLIN, the K\u212Aelvin sign"
    summary: "e\u0301cole (combining) and \uFB01nance; Москва ТАСС"
  - id: c
    date: 2022
    title: plain ascii treaty berlin words
    display_date: early 2022
"#;
        let l = crate::model::load_texts(&[("t.yaml", yaml)], &Default::default());
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        let tl = &l.timeline;
        let index = SearchIndex::new(tl);
        let mut needles: Vec<String> = ["tr", "zurich", "zür", "ecole", "école", "東京", "ﬁn"]
            .map(String::from)
            .to_vec();
        for ev in 0..tl.events.len() as EventIx {
            for (_, _, t) in field_text_refs(tl, ev) {
                for w in t
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                {
                    let chars: Vec<char> = w.chars().collect();
                    let head: String = chars.iter().take(3).collect();
                    let tail: String = chars.iter().skip(chars.len().saturating_sub(3)).collect();
                    let mut caps = chars.clone();
                    caps[0] = caps[0].to_uppercase().next().unwrap_or(caps[0]);
                    needles.extend([
                        w.to_string(),
                        w.to_lowercase(),
                        w.to_uppercase(),
                        caps.into_iter().collect(),
                        head,
                        tail,
                    ]);
                }
            }
        }
        needles.sort();
        needles.dedup();
        let mut matcher = Matcher::new(Config::DEFAULT);
        let (mut positions, mut text) = (Vec::new(), EventText::default());
        let (mut tried, mut matched) = (0, 0);
        for needle in &needles {
            for (pre, post) in [
                ("", ""),
                ("'", ""),
                ("^", ""),
                ("", "$"),
                ("^", "$"),
                ("!", ""),
            ] {
                let q = format!("{pre}{needle}{post}");
                let Ok(parsed) = crate::query::parse::parse(&q) else {
                    continue;
                };
                let Ok(c) = Compiled::new(&parsed, tl) else {
                    continue;
                };
                for a in &c.atoms {
                    for ev in 0..tl.events.len() as EventIx {
                        let (mask, folded) = (index.mask(ev), index.folded(ev));
                        let mut lazy = Lazy {
                            tl,
                            ev,
                            text: &mut text,
                            built: false,
                        };
                        let full = Compiled::atom_score(
                            a,
                            mask,
                            folded,
                            &mut lazy,
                            &mut matcher,
                            &mut positions,
                            true,
                            true,
                        );
                        tried += 1;
                        if full.is_some() {
                            matched += 1;
                            assert!(
                                a.cheap(mask, folded, &mut positions),
                                "{q:?} matches event {ev} but fails its cheap tests"
                            );
                        }
                    }
                }
            }
        }
        // Enough matches, and enough misses, for the check to mean something.
        assert!(matched > 400 && tried > 3 * matched, "{matched} of {tried}");
    }
}
