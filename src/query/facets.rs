//! Counting a timeline's events by facet value: what a filter panel lists (tags, actors,
//! publishers, eras), how many events have each value, how many of them a query keeps,
//! and which values a query already asks for.

use std::collections::{BTreeMap, BTreeSet};

use super::parse::{Query, TermKind};
use crate::model::{EventIx, Timeline};

/// One value of a facet: what it is called, the value a query writes for it, how many
/// events of the timeline have it (and how many of the result, when there is a query),
/// and whether the query asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    pub label: String,
    pub value: String,
    pub count: usize,
    /// How many of the events that count as the result have it ([`Within`]); `None`:
    /// there is no result but the whole timeline.
    pub in_result: Option<usize>,
    pub in_query: bool,
}

/// The four facets a filter panel lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Facet {
    Tag,
    Actor,
    Source,
    Era,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Tag, Facet::Actor, Facet::Source, Facet::Era];

    /// Is `k` a term of this facet?
    pub fn owns(self, k: &TermKind) -> bool {
        matches!(
            (self, k),
            (Facet::Tag, TermKind::Tag(_))
                | (Facet::Actor, TermKind::Actor(_))
                | (Facet::Source, TermKind::Source(_))
                | (Facet::Era, TermKind::Era(_))
        )
    }
}

/// For each facet, the events its values are counted among as "the result", by event
/// index: those the query keeps once its own terms of that facet are set aside (so a
/// value's count is what checking it as well would add, as faceted search does). `None`
/// for a facet: no query, or none that could be run; only totals are counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Within {
    pub kept: [Option<Vec<bool>>; 4],
}

impl Within {
    fn of(&self, f: Facet) -> Option<&[bool]> {
        self.kept[f as usize].as_deref()
    }
}

/// How many of `evs` the result holds.
fn tally(evs: impl IntoIterator<Item = EventIx>, kept: Option<&[bool]>) -> Option<usize> {
    kept.map(|k| evs.into_iter().filter(|&e| k[e as usize]).count())
}

/// Every value of the filter facets, counted, with the dates the query bounds by.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Facets {
    /// Most events first, then by name.
    pub tags: Vec<FacetCount>,
    /// Actors named by some event, most events first, then by name.
    pub actors: Vec<FacetCount>,
    /// Publishers cited by some event (the events citing any of their sources), most
    /// events first, then by name.
    pub publishers: Vec<FacetCount>,
    /// In the timeline's order.
    pub eras: Vec<FacetCount>,
    /// The query's `from:` and `to:` dates as written (empty: none).
    pub from: String,
    pub to: String,
}

impl Facets {
    /// The facets of `tl`, with the values the query's facets (not the negated ones) ask
    /// for marked.
    pub fn count(tl: &Timeline, q: &Query) -> Facets {
        Facets::count_within(tl, q, &Within::default())
    }

    /// [`Facets::count`], each value also counted among the result `within` gives for
    /// its facet; the lists that have a result put the values it holds most first.
    pub fn count_within(tl: &Timeline, q: &Query, within: &Within) -> Facets {
        let positive = |f: &dyn Fn(&TermKind) -> Option<&Vec<String>>| -> Vec<String> {
            q.terms
                .iter()
                .filter(|t| !t.negated)
                .filter_map(|t| f(&t.kind))
                .flatten()
                .cloned()
                .collect()
        };
        let tags_on = positive(&|k| match k {
            TermKind::Tag(v) => Some(v),
            _ => None,
        });
        let actors_on = positive(&|k| match k {
            TermKind::Actor(v) => Some(v),
            _ => None,
        });
        let sources_on: Vec<String> = positive(&|k| match k {
            TermKind::Source(v) => Some(v),
            _ => None,
        })
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
        let eras_on = positive(&|k| match k {
            TermKind::Era(v) => Some(v),
            _ => None,
        });

        let tags = by_count(
            tl.tags
                .iter()
                .enumerate()
                .map(|(i, t)| FacetCount {
                    label: tl.tag_label(i as u32).to_string(),
                    value: t.clone(),
                    count: tl.index.events_by_tag[i].len(),
                    in_result: tally(
                        tl.index.events_by_tag[i].iter().copied(),
                        within.of(Facet::Tag),
                    ),
                    in_query: tags_on.contains(t),
                })
                .collect(),
        );
        let actors = by_count(
            tl.actors
                .iter()
                .enumerate()
                .filter(|(i, _)| !tl.index.events_by_actor[*i].is_empty())
                .map(|(i, a)| FacetCount {
                    label: a.name.clone(),
                    value: a.id.clone(),
                    count: tl.index.events_by_actor[i].len(),
                    in_result: tally(
                        tl.index.events_by_actor[i].iter().copied(),
                        within.of(Facet::Actor),
                    ),
                    in_query: actors_on.contains(&a.id),
                })
                .collect(),
        );
        let mut by_publisher: BTreeMap<&str, BTreeSet<EventIx>> = BTreeMap::new();
        for (i, s) in tl.sources.iter().enumerate() {
            by_publisher
                .entry(&s.publisher)
                .or_default()
                .extend(tl.index.events_by_source[i].iter().copied());
        }
        let publishers = by_count(
            by_publisher
                .into_iter()
                .filter(|(_, evs)| !evs.is_empty())
                .map(|(p, evs)| FacetCount {
                    in_query: sources_on.contains(&p.to_lowercase()),
                    label: p.to_string(),
                    value: p.to_string(),
                    count: evs.len(),
                    in_result: tally(evs.iter().copied(), within.of(Facet::Source)),
                })
                .collect(),
        );
        let eras = tl
            .eras
            .iter()
            .enumerate()
            .map(|(i, e)| FacetCount {
                label: e.title.clone(),
                value: e.id.clone(),
                count: tl.index.events_by_era[i].len(),
                in_result: tally(
                    tl.index.events_by_era[i].iter().copied(),
                    within.of(Facet::Era),
                ),
                in_query: eras_on.contains(&e.id),
            })
            .collect();
        let date = |want_from: bool| {
            q.terms
                .iter()
                .filter(|t| !t.negated)
                .find_map(|t| match (&t.kind, want_from) {
                    (TermKind::From(d), true) | (TermKind::To(d), false) => Some(d.as_written()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        Facets {
            tags,
            actors,
            publishers,
            eras,
            from: date(true),
            to: date(false),
        }
    }
}

/// Most events of the result first (when there is one), then most events, then by name.
fn by_count(mut v: Vec<FacetCount>) -> Vec<FacetCount> {
    v.sort_by(|a, b| {
        (b.in_result.cmp(&a.in_result))
            .then_with(|| b.count.cmp(&a.count))
            .then_with(|| a.label.cmp(&b.label))
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse::parse;

    const YAML: &str = r#"title: T
eras:
  - {id: late, title: Late, start: 2020}
  - {id: early, title: Early, start: 1990, end: 1999}
actors:
  a: {name: Alpha}
  b: {name: Beta}
  idle: {name: Nobody}
sources:
  s1: {publisher: Wire}
  s2: {publisher: Wire}
  s3: {publisher: Daily}
  unused: {publisher: Silent}
events:
  - {id: e1, date: 1995, title: One, tags: [x, y], actors: [a], sources: [s1]}
  - {id: e2, date: 2021, title: Two, tags: [y], actors: [a, b], sources: [s2, s3]}
  - {id: e3, date: 2022, title: Three, tags: [y, z], sources: [s1, s2]}
"#;

    fn timeline() -> Timeline {
        let l = crate::model::load_texts(&[("t.yaml", YAML)], &Default::default());
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        l.timeline
    }

    fn rows(v: &[FacetCount]) -> Vec<(&str, usize, bool)> {
        v.iter()
            .map(|c| (c.value.as_str(), c.count, c.in_query))
            .collect()
    }

    #[test]
    fn values_are_counted_most_events_first() {
        let f = Facets::count(&timeline(), &Query::default());
        assert_eq!(
            rows(&f.tags),
            [("y", 3, false), ("x", 1, false), ("z", 1, false)]
        );
        // An actor no event names is not offered.
        assert_eq!(rows(&f.actors), [("a", 2, false), ("b", 1, false)]);
        assert_eq!(f.actors[0].label, "Alpha");
        // A publisher counts the events citing any of its sources, each once; one cited
        // by nobody is not offered.
        assert_eq!(
            rows(&f.publishers),
            [("Wire", 3, false), ("Daily", 1, false)]
        );
        // Eras keep the timeline's order (by start), whatever their counts.
        assert_eq!(rows(&f.eras), [("early", 1, false), ("late", 2, false)]);
        assert_eq!((f.from.as_str(), f.to.as_str()), ("", ""));
    }

    #[test]
    fn the_values_a_query_asks_for_are_marked_and_negated_ones_are_not() {
        let q =
            parse("one tag:x,z !tag:y actor:b source:wire era:late from:1990-05 to:2021").unwrap();
        let f = Facets::count(&timeline(), &q);
        let on = |v: &[FacetCount]| -> Vec<String> {
            v.iter()
                .filter(|c| c.in_query)
                .map(|c| c.value.clone())
                .collect()
        };
        assert_eq!(on(&f.tags), ["x", "z"]);
        assert_eq!(on(&f.actors), ["b"]);
        // Publishers are matched whatever their case.
        assert_eq!(on(&f.publishers), ["Wire"]);
        assert_eq!(on(&f.eras), ["late"]);
        assert_eq!((f.from.as_str(), f.to.as_str()), ("1990-05", "2021"));
        let negated = parse("!from:2000 !era:late").unwrap();
        let f = Facets::count(&timeline(), &negated);
        assert!(f.eras.iter().all(|c| !c.in_query));
        assert_eq!(f.from, "");
    }

    #[test]
    fn values_are_counted_within_each_facets_result_and_those_it_holds_come_first() {
        let tl = timeline();
        // Tags are counted among e2 and e3; actors among e1 alone.
        let within = Within {
            kept: [
                Some(vec![false, true, true]),
                Some(vec![true, false, false]),
                None,
                Some(vec![false, false, false]),
            ],
        };
        let f = Facets::count_within(&tl, &Query::default(), &within);
        let counted = |v: &[FacetCount]| -> Vec<(String, usize, Option<usize>)> {
            v.iter()
                .map(|c| (c.value.clone(), c.count, c.in_result))
                .collect()
        };
        // z (1 of 1) comes before x (0 of 1): what the result holds first.
        assert_eq!(
            counted(&f.tags),
            [
                ("y".into(), 3, Some(2)),
                ("z".into(), 1, Some(1)),
                ("x".into(), 1, Some(0))
            ]
        );
        assert_eq!(
            counted(&f.actors),
            [("a".into(), 2, Some(1)), ("b".into(), 1, Some(0))]
        );
        // A facet without a result keeps its totals only.
        assert!(f.publishers.iter().all(|c| c.in_result.is_none()));
        assert_eq!(
            counted(&f.eras),
            [("early".into(), 1, Some(0)), ("late".into(), 2, Some(0))]
        );
        // Without any result, the counts are the totals and nothing is in a result.
        let plain = Facets::count(&tl, &Query::default());
        assert!(plain.tags.iter().all(|c| c.in_result.is_none()));
    }
}
