//! Counting a timeline's events by facet value: what a filter panel lists (tags, actors,
//! publishers, eras), how many events have each value, and which values a query already
//! asks for.

use std::collections::{BTreeMap, BTreeSet};

use super::parse::{Query, TermKind};
use crate::model::{EventIx, Timeline};

/// One value of a facet: what it is called, the value a query writes for it, how many
/// events of the timeline have it, and whether the query asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FacetCount {
    pub label: String,
    pub value: String,
    pub count: usize,
    pub in_query: bool,
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

/// Most events first; equal counts by name.
fn by_count(mut v: Vec<FacetCount>) -> Vec<FacetCount> {
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
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
}
