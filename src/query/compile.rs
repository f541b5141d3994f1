//! A parsed query checked against a timeline: facet values looked up (an unknown tag or
//! era is an error, with the closest known value), text atoms prepared for nucleo and
//! for the cheap tests, and a term written twice kept once.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization};

use super::fold::{fold_str, mask_is_ascii};
use super::fuzzy::Prefilter;
use super::parse::{Query, QueryError, Term, TermKind, TextKind};
use crate::model::{DaySpan, Reliability, Timeline};
use crate::suggest::did_you_mean;

/// A facet, its values looked up in the timeline.
pub(super) enum Facet {
    Tags(Vec<u32>),
    /// Per actor: does it match?
    Actors(Vec<bool>),
    /// Per source: does it match?
    Sources(Vec<bool>),
    /// The eras' spans, and the eras.
    Eras(Vec<DaySpan>, Vec<u32>),
    From(i32),
    To(i32),
    Rel(Reliability),
    Marked,
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
        let mut facets = Vec::new();
        let mut atoms = Vec::new();
        // At most `MAX_TERMS` different terms (the parser's bound), however many repeats.
        let mut seen: Vec<&Term> = Vec::new();
        for term in &q.terms {
            if seen.iter().any(|t| t.same_as(term)) {
                continue;
            }
            seen.push(term);
            match &term.kind {
                TermKind::Text { kind, needle } => {
                    atoms.push(TextAtom::new(*kind, needle, term.negated));
                }
                kind => facets.push((term.negated, facet(term, kind, tl)?)),
            }
        }
        Ok(Compiled { facets, atoms })
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

/// A facet term's values looked up in the timeline.
fn facet(term: &Term, kind: &TermKind, tl: &Timeline) -> Result<Facet, QueryError> {
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
        TermKind::From(d) => Facet::From(d.earliest()),
        TermKind::To(d) => Facet::To(d.latest()),
        TermKind::Rel(r) => Facet::Rel(*r),
        TermKind::Marked => Facet::Marked,
    })
}
