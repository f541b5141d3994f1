//! Matching: the searchable text of every event, converted once, and queries run over it.

use std::borrow::Cow;

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use unicode_segmentation::UnicodeSegmentation;

use super::parse::{Query, QueryError, TermKind, TextKind};
use crate::model::{DateStyle, EventIx, Reliability, Timeline};
use crate::suggest::did_you_mean;

/// Which part of an event a piece of searchable text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Title,
    Summary,
    /// `item` is the position in the event's `tags`.
    Tag,
    /// `item` is the position in the event's `actors`.
    Actor,
    /// `item` is the position in the event's `actors`; the alias is found by text.
    Alias,
    /// `item` is the position in the event's `citations`.
    Publisher,
    SourceTitle,
    Quote,
    /// The date as written (`2024-06-20`).
    DateWritten,
    /// The date as shown (`20 Jun 2024`).
    DateShown,
    DisplayDate,
}

/// Where one field sits in an event's haystack, in grapheme clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpan {
    pub start: u32,
    pub len: u32,
    pub kind: FieldKind,
    pub item: u16,
}

/// One event's searchable text as nucleo reads it: its fields joined by line breaks, one
/// `char` per grapheme cluster (or one byte per character when all of it is ASCII).
///
/// It is not kept: most queries are answered from the folded text alone, and this is
/// built, into a buffer reused from event to event, only for what needs more (ranking,
/// highlighting, exact and anchored atoms, needles with capitals or accents) and only
/// for the events that get that far.
#[derive(Clone, Debug, Default)]
pub struct EventText {
    ascii: String,
    chars: Vec<char>,
    unicode: bool,
    fields: Vec<FieldSpan>,
}

/// Where each event's folded text starts and what characters it holds, with the folded
/// text of every event end to end.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchIndex {
    /// Where each event's folded text starts in `folded`, and the end of the last.
    starts: Vec<usize>,
    /// The characters each event's text holds, folded, as a set (for cheap rejection).
    masks: Vec<u64>,
    /// Every event's text folded ([`super::fast::fold_bytes`]), one byte for each
    /// character of its [`EventText`], end to end in event order: the fuzzy rule runs
    /// over these for lower-case needles, whatever the script, and reading them in order
    /// is kind to the caches.
    #[serde(with = "serde_bytes")]
    folded: Vec<u8>,
}

/// The text of each searchable field of an event, borrowed where it can be.
pub fn field_text_refs(tl: &Timeline, ev: EventIx) -> Vec<(FieldKind, u16, Cow<'_, str>)> {
    let e = &tl.events[ev as usize];
    let mut out: Vec<(FieldKind, u16, Cow<'_, str>)> = Vec::with_capacity(16);
    out.push((FieldKind::Title, 0, Cow::Borrowed(&e.title)));
    if let Some(s) = &e.summary {
        out.push((FieldKind::Summary, 0, Cow::Borrowed(s)));
    }
    for (i, t) in e.tags.iter().enumerate() {
        out.push((FieldKind::Tag, i as u16, Cow::Borrowed(tl.tag(*t))));
    }
    for (i, a) in e.actors.iter().enumerate() {
        let actor = tl.actor(a.actor);
        out.push((FieldKind::Actor, i as u16, Cow::Borrowed(&actor.name)));
        for al in &actor.aliases {
            out.push((FieldKind::Alias, i as u16, Cow::Borrowed(al)));
        }
    }
    for (i, c) in e.citations.iter().enumerate() {
        let s = tl.source(c.source);
        out.push((FieldKind::Publisher, i as u16, Cow::Borrowed(&s.publisher)));
        if let Some(t) = &s.title {
            out.push((FieldKind::SourceTitle, i as u16, Cow::Borrowed(t)));
        }
        if let Some(q) = &c.quote {
            out.push((FieldKind::Quote, i as u16, Cow::Borrowed(q)));
        }
    }
    out.push((FieldKind::DateWritten, 0, Cow::Owned(e.date.as_written())));
    out.push((
        FieldKind::DateShown,
        0,
        Cow::Owned(e.date.display(DateStyle::Text)),
    ));
    if let Some(d) = &e.display_date {
        out.push((FieldKind::DisplayDate, 0, Cow::Borrowed(d)));
    }
    out
}

/// The text of one field of an event, as indexed.
pub fn field_texts(tl: &Timeline, ev: EventIx) -> Vec<(FieldKind, u16, String)> {
    field_text_refs(tl, ev)
        .into_iter()
        .map(|(k, i, t)| (k, i, t.into_owned()))
        .collect()
}

impl EventText {
    /// The text of event `ev`.
    pub fn of(tl: &Timeline, ev: EventIx) -> EventText {
        let mut t = EventText::default();
        t.fill(tl, ev);
        t
    }

    /// Replaces this text with that of event `ev`, reusing the buffers.
    pub fn fill(&mut self, tl: &Timeline, ev: EventIx) {
        self.fill_from(&field_text_refs(tl, ev));
    }

    /// How many characters the text of these fields has, without building it.
    fn len_of(fields: &[(FieldKind, u16, Cow<'_, str>)]) -> usize {
        let breaks = fields.len().saturating_sub(1);
        if fields.iter().all(|(_, _, t)| t.is_ascii()) {
            breaks + fields.iter().map(|(_, _, t)| t.len()).sum::<usize>()
        } else {
            breaks
                + fields
                    .iter()
                    .map(|(_, _, t)| clusters(t).count())
                    .sum::<usize>()
        }
    }

    fn fill_from(&mut self, fields: &[(FieldKind, u16, Cow<'_, str>)]) {
        self.ascii.clear();
        self.chars.clear();
        self.fields.clear();
        self.unicode = !fields.iter().all(|(_, _, t)| t.is_ascii());
        let mut pos = 0u32;
        for (i, (kind, item, t)) in fields.iter().enumerate() {
            if i > 0 {
                if self.unicode {
                    self.chars.push('\n');
                } else {
                    self.ascii.push('\n');
                }
                pos += 1;
            }
            let len = if self.unicode {
                let before = self.chars.len();
                self.chars.extend(clusters(t));
                (self.chars.len() - before) as u32
            } else {
                self.ascii.push_str(t);
                t.len() as u32
            };
            self.fields.push(FieldSpan {
                start: pos,
                len,
                kind: *kind,
                item: *item,
            });
            pos += len;
        }
    }

    /// The whole text.
    pub fn hay(&self) -> Utf32Str<'_> {
        if self.unicode {
            Utf32Str::Unicode(&self.chars)
        } else {
            Utf32Str::Ascii(self.ascii.as_bytes())
        }
    }

    /// Characters `r` of the text.
    pub fn slice(&self, r: std::ops::Range<usize>) -> Utf32Str<'_> {
        self.hay().slice(r)
    }

    /// Where each field is in the text.
    pub fn fields(&self) -> &[FieldSpan] {
        &self.fields
    }

    /// The characters of one field.
    fn field(&self, f: &FieldSpan) -> Utf32Str<'_> {
        self.slice(f.start as usize..(f.start + f.len) as usize)
    }
}

/// The characters nucleo reads in a field of an event written outside ASCII: the first
/// of each grapheme cluster, found without the segmentation rules where each character
/// is a cluster of its own ([`each_char_a_cluster`]).
fn clusters(text: &str) -> impl Iterator<Item = char> + '_ {
    if each_char_a_cluster(text) {
        Clusters::Chars(text.chars())
    } else {
        Clusters::Rules(nucleo_matcher::chars::graphemes(text))
    }
}

/// The iterator of [`clusters`]: either way, passing on what makes `str::Chars` quick to
/// count and to extend a vector with.
enum Clusters<A, B> {
    Chars(A),
    Rules(B),
}

impl<A: Iterator<Item = char>, B: Iterator<Item = char>> Iterator for Clusters<A, B> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Clusters::Chars(a) => a.next(),
            Clusters::Rules(b) => b.next(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Clusters::Chars(a) => a.size_hint(),
            Clusters::Rules(b) => b.size_hint(),
        }
    }
    fn count(self) -> usize {
        match self {
            Clusters::Chars(a) => a.count(),
            Clusters::Rules(b) => b.count(),
        }
    }
}

/// Whether every character of `text` is a grapheme cluster of its own, whatever is next
/// to it: then the clusters nucleo reads (the first character of each) are the
/// characters, found without the segmentation rules. True for text written only in
/// printable ASCII, Latin, Greek, Cyrillic, kana, CJK ideographs and common punctuation,
/// without combining marks; a test checks each character this allows.
pub fn each_char_a_cluster(text: &str) -> bool {
    text.chars().all(lone_cluster)
}

/// A character that neither joins the one before it nor the one after it in a
/// grapheme cluster (its cluster break property is "other"), from a few whole blocks.
fn lone_cluster(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\n'
        | '\u{a0}'..='\u{2ff}'
        | '\u{370}'..='\u{3ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{52f}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3001}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff5e}')
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

/// How many events ahead of the one being matched to prefetch.
const PREFETCH_AHEAD: usize = 8;

/// Events per thread below which one thread is quicker than two.
const PARALLEL_MIN: usize = 8192;

/// How many threads to use for `n` items.
fn threads_for(n: usize) -> usize {
    if n < PARALLEL_MIN {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .min(n / (PARALLEL_MIN / 2))
            .max(1)
    }
}

/// Maps `f` over `0..n` in contiguous chunks on several threads, keeping order.
fn par_chunks<T: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> Vec<T> + Sync) -> Vec<T> {
    let parts = par_map(n, f);
    if parts.len() == 1 {
        return parts.into_iter().next().unwrap_or_default();
    }
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        out.extend(p);
    }
    out
}

/// `f` of each of a few contiguous chunks of `0..n` (one per thread), in order.
fn par_map<R: Send>(n: usize, f: impl Fn(std::ops::Range<usize>) -> R + Sync) -> Vec<R> {
    let t = threads_for(n);
    if t <= 1 {
        return vec![f(0..n)];
    }
    let chunk = n.div_ceil(t);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..t)
            .map(|k| {
                let f = &f;
                s.spawn(move || f(k * chunk..((k + 1) * chunk).min(n)))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panics in matching"))
            .collect()
    })
}

impl SearchIndex {
    /// Folds every event's searchable text (on every core for big timelines). The
    /// lengths are counted first so that the folded text is written straight into one
    /// buffer of its exact size, and building never holds it twice.
    pub fn new(tl: &Timeline) -> SearchIndex {
        let n = tl.events.len();
        let lens: Vec<usize> = par_chunks(n, |r| {
            r.map(|i| EventText::len_of(&field_text_refs(tl, i as EventIx)))
                .collect()
        });
        let mut starts = Vec::with_capacity(n + 1);
        let mut total = 0;
        for len in lens {
            starts.push(total);
            total += len;
        }
        starts.push(total);
        let mut folded = vec![0u8; total];
        let mut masks = vec![0u64; n];
        // Each thread folds a run of events into its own part of the buffer.
        let t = threads_for(n);
        let chunk = n.div_ceil(t.max(1)).max(1);
        let mut parts = Vec::with_capacity(t);
        let mut rest: &mut [u8] = &mut folded;
        for (k, run) in masks.chunks_mut(chunk).enumerate() {
            let first = k * chunk;
            let len = starts[first + run.len()] - starts[first];
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(len);
            parts.push((first, run, part));
            rest = tail;
        }
        std::thread::scope(|s| {
            for (first, run, part) in parts {
                s.spawn(move || {
                    let mut text = EventText::default();
                    let mut out = part;
                    for (i, mask) in run.iter_mut().enumerate() {
                        text.fill(tl, (first + i) as EventIx);
                        let hay = text.hay();
                        let (this, tail) = std::mem::take(&mut out).split_at_mut(hay.len());
                        super::fast::fold_into(hay, this);
                        *mask = super::fast::char_mask(hay);
                        out = tail;
                    }
                });
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

    /// Whether this index fits a timeline of `events` events (one read from elsewhere
    /// is checked before it is used): a mask for each event, and a start for each event
    /// and one more, in order, from 0 to the end of the folded text.
    pub fn check(&self, events: usize) -> bool {
        self.masks.len() == events
            && self.starts.len() == events + 1
            && self.starts.first() == Some(&0)
            && self.starts.last() == Some(&self.folded.len())
            && self.starts.windows(2).all(|w| w[0] <= w[1])
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

    /// Asks the processor to start fetching the beginning of an event's folded text, so
    /// that a scan over many events overlaps the memory waits: a match is often found in
    /// an event's first bytes, and the next event starts a few hundred bytes on, too far
    /// for the hardware to guess. (Typing `t` over 100k events: 10.3 ms without, 3.2
    /// ms with; a plain read ahead gained nothing.) The crate's one `unsafe` block.
    #[inline]
    fn prefetch(&self, ev: EventIx) {
        self.prefetch_at(ev, 0);
    }

    /// [`SearchIndex::prefetch`] of the place `at` in an event's folded text.
    #[inline]
    fn prefetch_at(&self, ev: EventIx, at: usize) {
        #[cfg(target_arch = "x86_64")]
        if let Some(b) = self.folded.get(self.starts[ev as usize] + at) {
            // SAFETY: a prefetch is only a hint: it never faults and changes no state
            // that the program can see, whatever the address; this one is in bounds.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    std::ptr::from_ref(b).cast(),
                );
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (ev, at);
    }

    /// An event's folded text (one byte for each character of its [`EventText`]).
    pub fn folded(&self, ev: EventIx) -> &[u8] {
        let ev = ev as usize;
        &self.folded[self.starts[ev]..self.starts[ev + 1]]
    }

    /// The set of an event's folded characters ([`super::fast::char_mask`]).
    pub fn mask(&self, ev: EventIx) -> u64 {
        self.masks[ev as usize]
    }
}

/// Facts outside the timeline that a query may ask about.
#[derive(Default, Clone, Copy)]
pub struct Context<'a> {
    /// Whether an event is marked (the TUI's marks; `is:marked`).
    pub marked: Option<&'a (dyn Fn(EventIx) -> bool + Sync)>,
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

enum Facet {
    Tags(Vec<u32>),
    /// Per actor: does it match?
    Actors(Vec<bool>),
    /// Per source: does it match?
    Sources(Vec<bool>),
    /// The eras' spans, and the eras.
    Eras(Vec<crate::model::DaySpan>, Vec<u32>),
    From(i32),
    To(i32),
    Rel(Reliability),
    Marked,
}

struct TextAtom {
    atom: Atom,
    kind: TextKind,
    negated: bool,
    /// Cheap necessary conditions, checked before scoring.
    pre: super::fast::Prefilter,
}

impl TextAtom {
    /// The tests over an event's character set and folded text that every event the atom
    /// matches passes, and most others fail. A fuzzy needle that runs over folded text
    /// passes here: the rule itself runs there next, at no more cost.
    fn cheap(&self, mask: u64, folded: &[u8], positions: &mut Vec<u32>) -> bool {
        self.pre.mask_ok(mask)
            && match self.kind {
                TextKind::Fuzzy => self.pre.folds() || self.pre.window_cheap(folded, positions),
                _ => self
                    .pre
                    .substring_cheap(folded, super::fast::mask_is_ascii(mask)),
            }
    }
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

/// nucleo's score for one matched character, before bonuses and gap penalties.
const SCORE_PER_CHAR: u16 = 16;

/// The most partial matches one thread's share of a [`Trail`] keeps (16 MiB).
const TRAIL_MAX_ENDS: usize = 1 << 22;
/// Events with this many characters or more are never trailed (places take 29 bits).
const TRAIL_MAX_TEXT: usize = 1 << 29;

/// What a query of one fuzzy word left for the next keystroke: in each event it
/// matched, where the word's partial matches end ([`super::fast::trail_extend`]). With
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

/// A query checked against a timeline, ready to run.
pub struct Compiled {
    facets: Vec<(bool, Facet)>,
    atoms: Vec<TextAtom>,
}

/// Lower-case with Latin diacritics folded (`Zürich` → `zurich`), for facet prefixes.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| nucleo_matcher::chars::normalize(nucleo_matcher::chars::to_lower_case(c)))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does `text` (or any word in it) start with the folded `prefix`?
fn starts_with_word(text: &str, prefix: &str) -> bool {
    let t = fold(text);
    t.starts_with(prefix)
        || t.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && w.starts_with(prefix))
}

impl Compiled {
    /// Checks facet values against the timeline (an unknown tag or era is an error,
    /// with the closest known value) and prepares the text atoms.
    pub fn new(q: &Query, tl: &Timeline) -> Result<Compiled, QueryError> {
        let mut facets = Vec::new();
        let mut atoms = Vec::new();
        for term in &q.terms {
            let err = |message: String| QueryError {
                span: term.span.clone(),
                message,
            };
            let facet = match &term.kind {
                TermKind::Text { kind, needle } => {
                    let atom_kind = match kind {
                        TextKind::Fuzzy => AtomKind::Fuzzy,
                        TextKind::Exact => AtomKind::Substring,
                        TextKind::Prefix => AtomKind::Prefix,
                        TextKind::Suffix => AtomKind::Postfix,
                        TextKind::Whole => AtomKind::Exact,
                    };
                    let atom = Atom::new(
                        needle,
                        CaseMatching::Smart,
                        Normalization::Smart,
                        atom_kind,
                        false,
                    );
                    let needle = atom.needle_text();
                    let ignore_case = !needle.chars().any(nucleo_matcher::chars::is_upper_case);
                    let normalize = needle
                        .chars()
                        .all(|c| nucleo_matcher::chars::normalize(c) == c);
                    let pre = super::fast::Prefilter::new(needle, ignore_case, normalize);
                    atoms.push(TextAtom {
                        atom,
                        kind: *kind,
                        negated: term.negated,
                        pre,
                    });
                    continue;
                }
                TermKind::Tag(names) => {
                    let mut ixs = Vec::new();
                    for n in names {
                        match tl.index.tag_by_name.get(n) {
                            Some(&i) => ixs.push(i),
                            None => {
                                return Err(err(format!(
                                    "no tag '{n}' in this timeline{}",
                                    did_you_mean(n, tl.tags.iter().map(String::as_str))
                                )));
                            }
                        }
                    }
                    Facet::Tags(ixs)
                }
                TermKind::Era(names) => {
                    let mut spans = Vec::new();
                    let mut ixs = Vec::new();
                    for n in names {
                        match tl.index.era_by_id.get(n) {
                            Some(&i) => {
                                spans.push(tl.era(i).span());
                                ixs.push(i);
                            }
                            None => {
                                let ids = tl.eras.iter().map(|e| e.id.as_str());
                                let known = if tl.eras.is_empty() {
                                    " (this timeline has no eras)".to_string()
                                } else {
                                    did_you_mean(n, ids)
                                };
                                return Err(err(format!("no era '{n}' in this timeline{known}")));
                            }
                        }
                    }
                    Facet::Eras(spans, ixs)
                }
                TermKind::Actor(prefixes) => {
                    let prefixes: Vec<String> = prefixes.iter().map(|p| fold(p)).collect();
                    let matches: Vec<bool> = tl
                        .actors
                        .iter()
                        .map(|a| {
                            prefixes.iter().any(|p| {
                                a.id.starts_with(p.as_str())
                                    || starts_with_word(&a.name, p)
                                    || a.aliases.iter().any(|al| starts_with_word(al, p))
                            })
                        })
                        .collect();
                    if !matches.iter().any(|&m| m) {
                        return Err(err(format!(
                            "no actor matches '{}'{}",
                            prefixes.join(","),
                            did_you_mean(&prefixes[0], tl.actors.iter().map(|a| a.id.as_str()))
                        )));
                    }
                    Facet::Actors(matches)
                }
                TermKind::Source(prefixes) => {
                    let prefixes: Vec<String> = prefixes.iter().map(|p| fold(p)).collect();
                    let matches: Vec<bool> = tl
                        .sources
                        .iter()
                        .map(|s| {
                            prefixes.iter().any(|p| {
                                fold(&s.id).starts_with(p.as_str())
                                    || starts_with_word(&s.publisher, p)
                            })
                        })
                        .collect();
                    if !matches.iter().any(|&m| m) {
                        return Err(err(format!(
                            "no source matches '{}' (by id or publisher)",
                            prefixes.join(",")
                        )));
                    }
                    Facet::Sources(matches)
                }
                TermKind::From(d) => Facet::From(d.earliest()),
                TermKind::To(d) => Facet::To(d.latest()),
                TermKind::Rel(r) => Facet::Rel(*r),
                TermKind::Marked => Facet::Marked,
            };
            facets.push((term.negated, facet));
        }
        Ok(Compiled { facets, atoms })
    }

    /// True when there is nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.facets.is_empty() && self.atoms.is_empty()
    }

    fn facets_hold(&self, tl: &Timeline, ev: EventIx, ctx: &Context) -> bool {
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
                Facet::Marked => ctx.marked.is_some_and(|m| m(ev)),
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
                    let matched = a
                        .pre
                        .window_folded(&folded[r], positions)
                        .unwrap_or_else(|| a.pre.window(hay, positions));
                    if matched {
                        found = found.max(a.atom.score(hay, matcher).unwrap_or(plain));
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
                a.atom.score(hay, matcher)
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

    /// True when the query has text to match, and so needs a [`SearchIndex`]; without,
    /// an empty index (`SearchIndex::default()`) will do.
    pub fn needs_index(&self) -> bool {
        !self.atoms.is_empty()
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
        let mut hits = par_chunks(n, |range| {
            let mut scratch = Scratch::new(self.atoms.len());
            let mut hits = Vec::with_capacity(range.len());
            let end = range.end;
            hits.extend(range.filter_map(|i| {
                let ev = at(i);
                if i + PREFETCH_AHEAD < end && !self.atoms.is_empty() {
                    index.prefetch(at(i + PREFETCH_AHEAD));
                }
                if !self.passes_cheap(tl, index, ev, ctx, &mut scratch.positions) {
                    return None;
                }
                self.score_checked(tl, index, ev, &mut scratch, best)
                    .map(|score| Hit { event: ev, score })
            }));
            hits
        });
        if best {
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.event.cmp(&b.event)));
        }
        hits
    }

    /// The events a run looks at: `within`, else those the narrowest facet allows
    /// ([`Compiled::candidates`]), else every event (`None`).
    fn scope<'a>(
        &self,
        tl: &Timeline,
        within: Option<&'a [EventIx]>,
    ) -> Option<Cow<'a, [EventIx]>> {
        match within {
            Some(w) => Some(Cow::Borrowed(w)),
            None => self.candidates(tl).map(Cow::Owned),
        }
    }

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
        let overflow = std::sync::atomic::AtomicBool::new(false);
        let parts = par_map(n, |range| {
            let mut part = Trail::default();
            let (mut ends, mut next, mut positions) = (Vec::new(), Vec::new(), Vec::new());
            let end = range.end;
            for i in range {
                if part.ends.len() > TRAIL_MAX_ENDS {
                    overflow.store(true, std::sync::atomic::Ordering::Relaxed);
                    break;
                }
                // The bytes the next events will look at, fetched ahead (see `prefetch`).
                if i + PREFETCH_AHEAD < end {
                    let j = i + PREFETCH_AHEAD;
                    let first = prev.and_then(|t| t.ends_of(j).first());
                    index.prefetch_at(at(j), first.map_or(0, |&e| (e >> 3) as usize));
                }
                let ev = at(i);
                ends.clear();
                let rest = match prev {
                    Some(t) => {
                        if !self.facets_hold(tl, ev, ctx) {
                            continue;
                        }
                        ends.extend_from_slice(t.ends_of(i));
                        &word[t.needle.len()..]
                    }
                    None => {
                        if !self.passes_cheap(tl, index, ev, ctx, &mut positions) {
                            continue;
                        }
                        super::fast::trail_pair(index.folded(ev), word[0], word[1], &mut ends);
                        &word[2..]
                    }
                };
                let folded = index.folded(ev);
                if folded.len() >= TRAIL_MAX_TEXT {
                    overflow.store(true, std::sync::atomic::Ordering::Relaxed);
                    break;
                }
                for &c in rest {
                    if ends.is_empty() {
                        break;
                    }
                    next.clear();
                    super::fast::trail_extend(folded, &ends, c, &mut next);
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

    /// Facets and the cheap tests of the positive text atoms.
    fn passes_cheap(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ev: EventIx,
        ctx: &Context,
        positions: &mut Vec<u32>,
    ) -> bool {
        if !self.facets_hold(tl, ev, ctx) {
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

    /// Which characters of which fields the text atoms matched, for highlighting.
    pub fn highlights(&self, tl: &Timeline, ev: EventIx) -> Highlights {
        let mut out = Highlights::default();
        if self.atoms.iter().all(|a| a.negated) {
            return out;
        }
        let text = EventText::of(tl, ev);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut idx = Vec::new();
        for a in self.atoms.iter().filter(|a| !a.negated) {
            // Each field that the atom matches is highlighted, so a word found in the
            // title and in a quote shows in both.
            let mut any = false;
            for f in text.fields() {
                idx.clear();
                let hay = text.field(f);
                let matched = if a.kind == TextKind::Fuzzy {
                    // Exactly the characters the fuzzy rule matched.
                    a.pre.window(hay, &mut idx)
                } else {
                    a.atom.indices(hay, &mut matcher, &mut idx).is_some()
                };
                if matched {
                    any = true;
                    for &i in &idx {
                        out.add(f.kind, f.item, i);
                    }
                }
            }
            if !any && a.kind == TextKind::Exact {
                idx.clear();
                if a.atom.indices(text.hay(), &mut matcher, &mut idx).is_some() {
                    for &i in &idx {
                        if let Some(f) = text
                            .fields()
                            .iter()
                            .find(|f| i >= f.start && i < f.start + f.len)
                        {
                            out.add(f.kind, f.item, i - f.start);
                        }
                    }
                }
            }
        }
        for (_, _, v) in &mut out.fields {
            v.sort_unstable();
            v.dedup();
        }
        out
    }
}

/// Matched positions per field, as grapheme-cluster indices into the field's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub fields: Vec<(FieldKind, u16, Vec<u32>)>,
}

impl Highlights {
    fn add(&mut self, kind: FieldKind, item: u16, pos: u32) {
        match self
            .fields
            .iter_mut()
            .find(|(k, i, _)| *k == kind && *i == item)
        {
            Some((_, _, v)) => v.push(pos),
            None => self.fields.push((kind, item, vec![pos])),
        }
    }
    /// Positions matched in one field (sorted), empty when none.
    pub fn of(&self, kind: FieldKind, item: u16) -> &[u32] {
        self.fields
            .iter()
            .find(|(k, i, _)| *k == kind && *i == item)
            .map_or(&[], |(_, _, v)| v.as_slice())
    }
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Splits `text` into runs of (matched?, text) by grapheme positions, for drawing.
pub fn split_by_positions<'a>(text: &'a str, positions: &[u32]) -> Vec<(bool, &'a str)> {
    if positions.is_empty() {
        return vec![(false, text)];
    }
    let mut runs: Vec<(bool, &'a str)> = Vec::new();
    let mut run_start = 0;
    let mut run_hit = false;
    for (gi, (bi, _)) in text.grapheme_indices(true).enumerate() {
        let hit = positions.binary_search(&(gi as u32)).is_ok();
        if gi == 0 {
            run_hit = hit;
            continue;
        }
        if hit != run_hit {
            runs.push((run_hit, &text[run_start..bi]));
            run_start = bi;
            run_hit = hit;
        }
    }
    if run_start < text.len() {
        runs.push((run_hit, &text[run_start..]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

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
                let Ok(parsed) = crate::query::parse(&q) else {
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
        assert!(matched > 500 && tried > 3 * matched, "{matched} of {tried}");
    }

    /// Every character [`lone_cluster`] allows breaks from a letter before it, a letter
    /// after it and itself on either side (what an extending, prepended, Hangul or
    /// regional indicator character would not), and so from any other such character.
    #[test]
    fn each_allowed_character_is_a_cluster_of_its_own() {
        let mut allowed = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| lone_cluster(c))
        {
            allowed += 1;
            for probe in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
                assert_eq!(probe.graphemes(true).count(), 2, "U+{:04X}", c as u32);
            }
        }
        assert!(allowed > 20_000, "{allowed}");
        // And the text of an event built through them is the text built through the
        // segmentation rules.
        let text = "Zürich — Ωμέγα «Москва» 東京で 「会談」 ＡＢ\nline";
        assert!(each_char_a_cluster(text));
        let by_rules: Vec<char> = nucleo_matcher::chars::graphemes(text).collect();
        assert_eq!(text.chars().collect::<Vec<_>>(), by_rules);
        for mixed in ["e\u{301}", "a\r\nb", "한국", "🇫🇷", "क्षि", "\u{200d}"] {
            assert!(!each_char_a_cluster(mixed), "{mixed:?}");
        }
    }
}
