//! What the brief says about its own evidence: the generated bottom line (about the
//! selected events, and introduced as generated), and each event's sourcing basis as
//! the key-events table shows it — never more than the sources carry.

use std::collections::BTreeMap;

use super::escape;
use super::labels::{distinct_sources, span_sentence};
use crate::model::{Event, EventIx, Reliability, Timeline};

/// How many actors and tags the generated bottom line names.
const TOP: usize = 3;

/// The generated bottom line, one paragraph: what the selection spans and cites, who
/// acts in it most, and what it is mostly about (its commonest tags).
pub fn generated_bluf(tl: &Timeline, events: &[EventIx]) -> String {
    let mut p = format!(
        "Generated summary of the selection (no bottom line was written for this brief): {}",
        span_sentence(tl, events)
    );
    let mut actors: BTreeMap<u32, usize> = BTreeMap::new();
    let mut tags: BTreeMap<u32, usize> = BTreeMap::new();
    for &ix in events {
        let e = &tl.events[ix as usize];
        for a in &e.actors {
            *actors.entry(a.actor).or_default() += 1;
        }
        for &t in &e.tags {
            *tags.entry(t).or_default() += 1;
        }
    }
    let top = |m: BTreeMap<u32, usize>, name: &dyn Fn(u32) -> String| -> Vec<String> {
        let mut v: Vec<(u32, usize)> = m.into_iter().collect();
        // Most events first; ties in registry order.
        v.sort_by_key(|&(k, n)| (std::cmp::Reverse(n), k));
        v.into_iter()
            .take(TOP)
            .map(|(k, n)| format!("{} ({n})", name(k)))
            .collect()
    };
    let actors = top(actors, &|a| escape::line(&tl.actor(a).name));
    if !actors.is_empty() {
        p.push_str(&format!(" Most involved: {}.", actors.join(", ")));
    }
    let tags = top(tags, &|t| escape::line(tl.tag(t)));
    if !tags.is_empty() {
        p.push_str(&format!(" Most frequent tags: {}.", tags.join(", ")));
    }
    p
}

/// The best-graded citation of an event: its source's reliability and the citation's
/// credibility, as `B2` (`B`, `–3`); `None` when no citation is graded.
fn best_grade(tl: &Timeline, e: &Event) -> Option<String> {
    let key = |c: &crate::model::Citation| {
        let r = tl.source(c.source).reliability;
        // Graded before ungraded, then A before F, then 1 before 6.
        (r.is_none(), r, c.credibility.is_none(), c.credibility)
    };
    let c = e.citations.iter().min_by_key(|c| key(c))?;
    let r = tl.source(c.source).reliability;
    match (r, c.credibility) {
        (None, None) => None,
        (Some(r), Some(cr)) => Some(format!("{r}{cr}")),
        (Some(r), None) => Some(r.to_string()),
        (None, Some(cr)) => Some(format!("–{cr}")),
    }
}

/// The key-events table's Basis cell (plain text): how many sources, the best grade with
/// its credibility, and `single source` or `weak` where that is all there is.
pub fn basis(tl: &Timeline, e: &Event) -> String {
    let n = distinct_sources(e).len();
    if n == 0 {
        return "no source".to_string();
    }
    let count = if n == 1 {
        "1 source".to_string()
    } else {
        format!("{n} sources")
    };
    let grade = best_grade(tl, e).map_or_else(|| "ungraded".to_string(), |g| format!("best {g}"));
    let weak = tl.best_reliability(e).is_none_or(|r| r >= Reliability::D);
    let mut s = format!("{count}, {grade}");
    if n == 1 {
        s.push_str(" · single source");
    }
    if weak {
        s.push_str(" · weak");
    }
    s
}

/// The legend under the key-events table.
pub const BASIS_LEGEND: &str = "Basis: the number of distinct sources an event cites, and its best-graded citation (the source's reliability A–F, then the citation's credibility 1–6); \"single source\" marks an event that rests on one source, \"weak\" one whose best source is graded D–F or not graded.";
