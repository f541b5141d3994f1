//! Matching: the searchable text of every event, converted once, and queries run over it.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};
use nucleo_matcher::{Config, Matcher, Utf32Str, Utf32String};
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

/// One event's searchable text: its fields joined by line breaks, converted once.
#[derive(Clone, Debug)]
pub struct Entry {
    pub hay: Utf32String,
    pub fields: Box<[FieldSpan]>,
}

/// The searchable text of every event, kept for the life of the timeline so a query
/// never converts text again.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
}

/// The text of one field of an event, as indexed.
pub fn field_texts(tl: &Timeline, ev: EventIx) -> Vec<(FieldKind, u16, String)> {
    let e = &tl.events[ev as usize];
    let mut out: Vec<(FieldKind, u16, String)> = Vec::with_capacity(16);
    out.push((FieldKind::Title, 0, e.title.clone()));
    if let Some(s) = &e.summary {
        out.push((FieldKind::Summary, 0, s.clone()));
    }
    for (i, t) in e.tags.iter().enumerate() {
        out.push((FieldKind::Tag, i as u16, tl.tag(*t).to_string()));
    }
    for (i, a) in e.actors.iter().enumerate() {
        let actor = tl.actor(a.actor);
        out.push((FieldKind::Actor, i as u16, actor.name.clone()));
        for al in &actor.aliases {
            out.push((FieldKind::Alias, i as u16, al.clone()));
        }
    }
    for (i, c) in e.citations.iter().enumerate() {
        let s = tl.source(c.source);
        out.push((FieldKind::Publisher, i as u16, s.publisher.clone()));
        if let Some(t) = &s.title {
            out.push((FieldKind::SourceTitle, i as u16, t.clone()));
        }
        if let Some(q) = &c.quote {
            out.push((FieldKind::Quote, i as u16, q.clone()));
        }
    }
    out.push((FieldKind::DateWritten, 0, e.date.as_written()));
    out.push((FieldKind::DateShown, 0, e.date.display(DateStyle::Text)));
    if let Some(d) = &e.display_date {
        out.push((FieldKind::DisplayDate, 0, d.clone()));
    }
    out
}

impl Entry {
    fn build(fields: &[(FieldKind, u16, String)]) -> Entry {
        let ascii = fields.iter().all(|(_, _, t)| t.is_ascii());
        let mut spans = Vec::with_capacity(fields.len());
        let mut pos = 0u32;
        if ascii {
            let total: usize = fields.iter().map(|(_, _, t)| t.len() + 1).sum();
            let mut s = String::with_capacity(total);
            for (kind, item, t) in fields {
                if !s.is_empty() {
                    s.push('\n');
                    pos += 1;
                }
                s.push_str(t);
                spans.push(FieldSpan {
                    start: pos,
                    len: t.len() as u32,
                    kind: *kind,
                    item: *item,
                });
                pos += t.len() as u32;
            }
            Entry {
                hay: Utf32String::Ascii(s.into_boxed_str()),
                fields: spans.into_boxed_slice(),
            }
        } else {
            let mut chars: Vec<char> = Vec::new();
            for (kind, item, t) in fields {
                if !chars.is_empty() {
                    chars.push('\n');
                    pos += 1;
                }
                let before = chars.len();
                chars.extend(nucleo_matcher::chars::graphemes(t));
                let len = (chars.len() - before) as u32;
                spans.push(FieldSpan {
                    start: pos,
                    len,
                    kind: *kind,
                    item: *item,
                });
                pos += len;
            }
            Entry {
                hay: Utf32String::Unicode(chars.into_boxed_slice()),
                fields: spans.into_boxed_slice(),
            }
        }
    }
}

impl SearchIndex {
    /// Converts every event's searchable text once.
    pub fn new(tl: &Timeline) -> SearchIndex {
        let entries = (0..tl.events.len() as EventIx)
            .map(|i| Entry::build(&field_texts(tl, i)))
            .collect();
        SearchIndex { entries }
    }
}

/// Facts outside the timeline that a query may ask about.
#[derive(Default, Clone, Copy)]
pub struct Context<'a> {
    /// Whether an event is marked (the TUI's marks; `is:marked`).
    pub marked: Option<&'a dyn Fn(EventIx) -> bool>,
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
    Eras(Vec<crate::model::DaySpan>),
    From(i32),
    To(i32),
    Rel(Reliability),
    Marked,
}

struct TextAtom {
    atom: Atom,
    kind: TextKind,
    negated: bool,
    /// The lowest score that counts as a match. For fuzzy atoms: at least what the letters
    /// score when matched plainly (16 each, nucleo's base), and at least
    /// [`MIN_QUALITY_PERCENT`] of the needle's perfect score.
    min_score: u16,
}

/// nucleo's score for one matched character, before bonuses and gap penalties.
const SCORE_PER_CHAR: u16 = 16;

/// A fuzzy match must score at least this share of the needle's perfect score (the
/// needle matched against itself): a word with a letter or two apart still matches, but
/// letters picked from across a sentence ("t…r…ian g…" for `triang`) do not.
const MIN_QUALITY_PERCENT: u32 = 80;

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
                    let min_score = if *kind == TextKind::Fuzzy {
                        let n = atom
                            .needle_text()
                            .len()
                            .min(usize::from(u16::MAX / SCORE_PER_CHAR));
                        // What the needle scores against itself: the best match there is.
                        let mut matcher = Matcher::new(Config::DEFAULT);
                        let perfect = atom.score(atom.needle_text(), &mut matcher).unwrap_or(0);
                        (SCORE_PER_CHAR * n as u16)
                            .max((u32::from(perfect) * MIN_QUALITY_PERCENT / 100) as u16)
                    } else {
                        0
                    };
                    atoms.push(TextAtom {
                        atom,
                        kind: *kind,
                        negated: term.negated,
                        min_score,
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
                    for n in names {
                        match tl.index.era_by_id.get(n) {
                            Some(&i) => spans.push(tl.era(i).span()),
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
                    Facet::Eras(spans)
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
                Facet::Eras(spans) => {
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
    /// A fuzzy atom must match within one field (a title, a summary, a tag, a name…):
    /// letters scattered across a whole event would match nearly anything. The whole
    /// text is tried first, as a cheap way to reject events that cannot match at all.
    fn atom_score(a: &TextAtom, entry: &Entry, matcher: &mut Matcher) -> Option<u16> {
        match a.kind {
            TextKind::Exact => a.atom.score(entry.hay.slice(..), matcher),
            TextKind::Fuzzy => {
                a.atom.score(entry.hay.slice(..), matcher)?;
                Self::best_field(a, entry, matcher)
            }
            TextKind::Prefix | TextKind::Suffix | TextKind::Whole => {
                Self::best_field(a, entry, matcher)
            }
        }
    }

    fn best_field(a: &TextAtom, entry: &Entry, matcher: &mut Matcher) -> Option<u16> {
        entry
            .fields
            .iter()
            .filter_map(|f| {
                let hay: Utf32Str = entry
                    .hay
                    .slice(f.start as usize..(f.start + f.len) as usize);
                a.atom.score(hay, matcher).filter(|&s| s >= a.min_score)
            })
            .max()
    }

    /// The event's score, or `None` when it does not match.
    pub fn score(
        &self,
        tl: &Timeline,
        index: &SearchIndex,
        ev: EventIx,
        ctx: &Context,
        matcher: &mut Matcher,
    ) -> Option<u32> {
        if !self.facets_hold(tl, ev, ctx) {
            return None;
        }
        let entry = &index.entries[ev as usize];
        let mut total = 0u32;
        for a in &self.atoms {
            let s = Self::atom_score(a, entry, matcher);
            match (s, a.negated) {
                (Some(_), true) | (None, false) => return None,
                (Some(s), false) => total += u32::from(s),
                (None, true) => {}
            }
        }
        Some(total)
    }

    /// Every matching event, in the order asked for.
    pub fn run(&self, tl: &Timeline, index: &SearchIndex, ctx: &Context, sort: Sort) -> Vec<Hit> {
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut hits: Vec<Hit> = (0..tl.events.len() as EventIx)
            .filter_map(|ev| {
                self.score(tl, index, ev, ctx, &mut matcher)
                    .map(|score| Hit { event: ev, score })
            })
            .collect();
        if sort == Sort::Score {
            hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.event.cmp(&b.event)));
        }
        hits
    }

    /// Which characters of which fields the text atoms matched, for highlighting.
    pub fn highlights(&self, index: &SearchIndex, ev: EventIx) -> Highlights {
        let entry = &index.entries[ev as usize];
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut out = Highlights::default();
        let mut idx = Vec::new();
        for a in self.atoms.iter().filter(|a| !a.negated) {
            // Each field that the atom matches is highlighted, so a word found in the
            // title and in a quote shows in both.
            let mut any = false;
            for f in entry.fields.iter() {
                idx.clear();
                let hay = entry
                    .hay
                    .slice(f.start as usize..(f.start + f.len) as usize);
                if a.atom
                    .indices(hay, &mut matcher, &mut idx)
                    .is_some_and(|s| s >= a.min_score)
                {
                    any = true;
                    for &i in &idx {
                        out.add(f.kind, f.item, i);
                    }
                }
            }
            if !any && a.kind == TextKind::Exact {
                idx.clear();
                if a.atom
                    .indices(entry.hay.slice(..), &mut matcher, &mut idx)
                    .is_some()
                {
                    for &i in &idx {
                        if let Some(f) = entry
                            .fields
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
