//! A parsed query checked against a timeline: facet values looked up (an unknown tag or
//! era is an error, with the closest known value), text atoms prepared for nucleo and
//! for the cheap tests, and a term written twice kept once.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};

use super::fold::{fold_str, mask_is_ascii};
use super::fuzzy::Prefilter;
use super::parse::{Query, QueryError, Term, TermKind, TextKind};
use crate::model::{EventIx, Reliability, Span, Timeline};
use crate::suggest::did_you_mean;
use crate::workspace::Annotations;

/// A facet, its values looked up in the timeline.
pub(super) enum Facet {
    Tags(Vec<u32>),
    /// Per actor: does it match?
    Actors(Vec<bool>),
    /// Per source: does it match?
    Sources(Vec<bool>),
    /// The eras' spans, and the eras.
    Eras(Vec<Span>, Vec<u32>),
    From(i64),
    To(i64),
    Rel(Reliability),
    /// Events picked by the workspace (marked, labelled, with notes), in order.
    Events(Vec<EventIx>),
}

/// A text term, as nucleo and the cheap tests run it.
pub(super) struct TextAtom {
    pub(super) atom: Atom,
    pub(super) kind: TextKind,
    pub(super) negated: bool,
    /// Cheap necessary conditions, checked before scoring.
    pub(super) pre: Prefilter,
}

impl TextAtom {
    fn new(kind: TextKind, needle: &str, negated: bool) -> TextAtom {
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
        let pre = Prefilter::new(needle, ignore_case, normalize);
        TextAtom {
            atom,
            kind,
            negated,
            pre,
        }
    }

    /// The tests over an event's character set and folded text that every event the atom
    /// matches passes, and most others fail. A fuzzy needle that runs over folded text
    /// passes here: the rule itself runs there next, at no more cost.
    pub(super) fn cheap(&self, mask: u64, folded: &[u8], positions: &mut Vec<u32>) -> bool {
        self.pre.mask_ok(mask)
            && match self.kind {
                TextKind::Fuzzy => self.pre.folds() || self.pre.window_cheap(folded, positions),
                _ => self.pre.substring_cheap(folded, mask_is_ascii(mask)),
            }
    }
}

/// A query checked against a timeline, ready to run.
pub struct Compiled {
    /// Each facet, and whether it is negated.
    pub(super) facets: Vec<(bool, Facet)>,
    pub(super) atoms: Vec<TextAtom>,
}

/// Does `text` (or any word in it) start with the folded `prefix`?
fn starts_with_word(text: &str, prefix: &str) -> bool {
    let t = fold_str(text);
    t.starts_with(prefix)
        || t.split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && w.starts_with(prefix))
}

impl Compiled {
    /// Checks facet values against the timeline (an unknown tag or era is an error,
    /// with the closest known value) and prepares the text atoms. A term written again
    /// ([`Term::same_as`]) is kept once: it could change no answer, only add to a
    /// search's work (and to a hit's score).
    pub fn new(q: &Query, tl: &Timeline) -> Result<Compiled, QueryError> {
        Compiled::with_work(q, tl, &Annotations::default())
    }

    /// [`Compiled::new`] with the analyst's workspace, for `is:marked`, `has:note`,
    /// `note:`, `label:` and `view:` (without one, no event is marked or labelled, and
    /// no view is saved).
    pub fn with_work(q: &Query, tl: &Timeline, work: &Annotations) -> Result<Compiled, QueryError> {
        let mut c = Compiled {
            facets: Vec::new(),
            atoms: Vec::new(),
        };
        // At most `MAX_TERMS` different terms (the parser's bound), however many repeats.
        let mut seen: Vec<Term> = Vec::new();
        c.add(&q.terms, tl, work, &mut seen, &mut Vec::new(), None)?;
        Ok(c)
    }

    /// Adds `terms`; a `view:` term adds its view's terms (`views` are the views being
    /// expanded, to refuse a view that holds itself). Within a view, an error points at
    /// the `view:` term (`at`).
    fn add(
        &mut self,
        terms: &[Term],
        tl: &Timeline,
        work: &Annotations,
        seen: &mut Vec<Term>,
        views: &mut Vec<String>,
        at: Option<&Term>,
    ) -> Result<(), QueryError> {
        for term in terms {
            let shown = at.unwrap_or(term);
            // Inside a view, an error says which view it is in.
            let err = |message: String| QueryError {
                span: shown.span.clone(),
                message: match views.last() {
                    Some(v) => format!("in view '{v}': {message}"),
                    None => message,
                },
            };
            // Before the repeats are dropped: a view met again inside itself is a loop.
            if let TermKind::View(name) = &term.kind
                && (views.contains(name) || views.len() >= MAX_VIEW_DEPTH)
            {
                return Err(QueryError {
                    span: shown.span.clone(),
                    message: format!("view '{name}' holds itself: {} → {name}", views.join(" → ")),
                });
            }
            if seen.iter().any(|t| t.same_as(term)) {
                continue;
            }
            seen.push(term.clone());
            match &term.kind {
                TermKind::Text { kind, needle } => {
                    self.atoms.push(TextAtom::new(*kind, needle, term.negated));
                }
                TermKind::View(name) => {
                    let Some(v) = work.views.get(name) else {
                        let known = if work.views.is_empty() {
                            " (no view is saved yet)".to_string()
                        } else {
                            did_you_mean(name, work.views.keys().map(String::as_str))
                        };
                        return Err(err(format!("no saved view '{name}'{known}")));
                    };
                    let inner = super::parse(&v.query)
                        .map_err(|e| err(format!("view '{name}' holds a bad query: {e}")))?;
                    views.push(name.clone());
                    self.add(&inner.terms, tl, work, seen, views, Some(shown))?;
                    views.pop();
                }
                kind => {
                    let f = facet(term, kind, tl, work).map_err(|e| err(e.message))?;
                    self.facets.push((term.negated, f));
                }
            }
        }
        Ok(())
    }

    /// True when there is nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.facets.is_empty() && self.atoms.is_empty()
    }

    /// True when the query has text to match, and so needs a
    /// [`SearchIndex`](super::index::SearchIndex); without, an empty index
    /// (`SearchIndex::default()`) will do.
    pub fn needs_index(&self) -> bool {
        !self.atoms.is_empty()
    }
}

/// For each of `items`, whether `picks` it with any of the (folded) prefixes; `None`
/// when none is picked.
fn picked<T>(
    items: &[T],
    prefixes: &[String],
    picks: impl Fn(&T, &str) -> bool,
) -> Option<Vec<bool>> {
    let m: Vec<bool> = items
        .iter()
        .map(|x| prefixes.iter().any(|p| picks(x, p)))
        .collect();
    m.contains(&true).then_some(m)
}

/// How deep views may hold views.
const MAX_VIEW_DEPTH: usize = 8;

/// A facet term's values looked up in the timeline (and the workspace).
fn facet(
    term: &Term,
    kind: &TermKind,
    tl: &Timeline,
    work: &Annotations,
) -> Result<Facet, QueryError> {
    let err = |message: String| QueryError {
        span: term.span.clone(),
        message,
    };
    Ok(match kind {
        TermKind::Text { .. } => unreachable!("text terms are atoms"),
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
                // The era of that id; else those whose id starts with it, or a word of
                // whose title does (as `actor:`).
                let p = fold_str(n);
                let found: Vec<u32> = match tl.index.era_by_id.get(n) {
                    Some(&i) => vec![i],
                    None => (0..tl.eras.len() as u32)
                        .filter(|&i| {
                            let e = tl.era(i);
                            fold_str(&e.id).starts_with(&p) || starts_with_word(&e.title, &p)
                        })
                        .collect(),
                };
                if found.is_empty() {
                    let known = if tl.eras.is_empty() {
                        " (this timeline has no eras)".to_string()
                    } else {
                        let ids: Vec<&str> = tl.eras.iter().map(|e| e.id.as_str()).collect();
                        format!(
                            "{}; the eras are {}",
                            did_you_mean(n, ids.iter().copied()),
                            ids.join(", ")
                        )
                    };
                    return Err(err(format!(
                        "no era matches '{n}' (by id or a word of its title){known}"
                    )));
                }
                for i in found {
                    if !ixs.contains(&i) {
                        spans.push(tl.era(i).span());
                        ixs.push(i);
                    }
                }
            }
            Facet::Eras(spans, ixs)
        }
        TermKind::Actor(prefixes) => {
            let prefixes: Vec<String> = prefixes.iter().map(|p| fold_str(p)).collect();
            let picked = picked(&tl.actors, &prefixes, |a, p| {
                a.id.starts_with(p)
                    || starts_with_word(&a.name, p)
                    || a.aliases.iter().any(|al| starts_with_word(al, p))
            });
            let Some(matches) = picked else {
                return Err(err(format!(
                    "no actor matches '{}'{}",
                    prefixes.join(","),
                    did_you_mean(&prefixes[0], tl.actors.iter().map(|a| a.id.as_str()))
                )));
            };
            Facet::Actors(matches)
        }
        TermKind::Source(prefixes) => {
            let prefixes: Vec<String> = prefixes.iter().map(|p| fold_str(p)).collect();
            let picked = picked(&tl.sources, &prefixes, |s, p| {
                fold_str(&s.id).starts_with(p) || starts_with_word(&s.publisher, p)
            });
            let Some(matches) = picked else {
                return Err(err(format!(
                    "no source matches '{}' (by id or publisher)",
                    prefixes.join(",")
                )));
            };
            Facet::Sources(matches)
        }
        // A query's date is read on the timeline's clock, as the timeline's dates are.
        TermKind::From(d) | TermKind::To(d) => {
            let d = match tl.timezone {
                Some(zone) => d.in_zone(zone).map_err(|e| err(format!("bad date: {e}")))?,
                None => *d,
            };
            match kind {
                TermKind::From(_) => Facet::From(d.earliest()),
                _ => Facet::To(d.latest()),
            }
        }
        TermKind::Rel(r) => Facet::Rel(*r),
        TermKind::Marked => Facet::Events(work.marks.iter().copied().collect()),
        TermKind::HasNote => Facet::Events(work.notes.keys().copied().collect()),
        TermKind::Label(names) => {
            for n in names {
                if !work.known_labels.contains(n) {
                    let known = if work.known_labels.is_empty() {
                        " (no event has a label yet)".to_string()
                    } else {
                        did_you_mean(n, work.known_labels.iter().map(String::as_str))
                    };
                    return Err(err(format!("no event has the label '{n}'{known}")));
                }
            }
            Facet::Events(work.with_labels(names))
        }
        TermKind::Note(words) => {
            let words: Vec<String> = words.iter().map(|w| fold_str(w)).collect();
            Facet::Events(work.notes_where(|t| {
                let t = fold_str(t);
                words.iter().any(|w| t.contains(w.as_str()))
            }))
        }
        TermKind::View(_) => unreachable!("views are expanded in Compiled::add"),
    })
}
