//! The one pass over a decoded timeline before it is used. The decoder builds only
//! values of the right types; this checks everything else a load guarantees: every
//! reference (to a tag, an actor, a source, an event, an input) points into its list,
//! every date is one the date grammar makes, the orders are the loader's, and every
//! record passes the loader's own rules (ids, URLs, one-line titles…), including those
//! whose breach would have been a warning, since only loads without any are cached. A
//! cache file that fails is a miss: whoever wrote it, tlx never shows what a load of the
//! same files would have refused.

use std::cmp::Ordering;
use std::collections::HashSet;

use super::codec::Front;
use crate::model::validate::{is_http_url, is_valid_id};
use crate::model::{Credibility, Date, Event, Origin, Timeline};

/// What was wrong, for `--stats`.
type Check = Result<(), &'static str>;

fn ensure(ok: bool, what: &'static str) -> Check {
    if ok { Ok(()) } else { Err(what) }
}

/// Required text, as the loader reads it: not blank.
fn filled(s: &str) -> bool {
    !s.trim().is_empty()
}

/// A title or a name: one line.
fn one_line(s: &str) -> bool {
    !s.contains('\n') && !s.contains('\r')
}

fn url(u: Option<&String>) -> bool {
    u.is_none_or(|u| is_http_url(u))
}

/// The dates found good so far (they repeat a lot, events' dates in runs).
#[derive(Default)]
struct Dates {
    seen: HashSet<Date>,
    last: Option<Date>,
}

impl Dates {
    /// True when `d` is the date its own text parses to: its bounds, month and day are
    /// the grammar's, so that nothing downstream meets a month 13 or an inverted span.
    fn check(&mut self, d: &Date) -> Check {
        if self.last != Some(*d) && !self.seen.contains(d) {
            ensure(
                Date::parse(&d.as_written()).and_then(|p| d.zone().map_or(Ok(p), |z| p.in_zone(z)))
                    == Ok(*d),
                "a date out of range",
            )?;
            self.seen.insert(*d);
        }
        self.last = Some(*d);
        Ok(())
    }
    fn check_opt(&mut self, d: Option<&Date>) -> Check {
        d.map_or(Ok(()), |d| self.check(d))
    }
}

/// Checks the timeline's registries (everything but the events). `inputs` is how many
/// files were read.
pub fn front(p: &Front, inputs: usize) -> Check {
    let origin = |o: &Origin| ensure(usize::from(o.input) < inputs, "an input out of range");
    let mut dates = Dates::default();
    ensure(one_line(&p.title), "a title of several lines")?;
    dates.check_opt(p.updated.as_ref())?;

    for (i, e) in p.eras.iter().enumerate() {
        ensure(is_valid_id(&e.id), "an invalid era id")?;
        ensure(filled(&e.title) && one_line(&e.title), "a bad era title")?;
        ensure(
            e.short.as_ref().is_none_or(|s| filled(s) && one_line(s)),
            "a bad short era label",
        )?;
        dates.check(&e.start)?;
        dates.check_opt(e.end.as_ref())?;
        ensure(
            e.end.is_none_or(|end| end.latest() >= e.start.earliest()),
            "an era that ends before it starts",
        )?;
        origin(&e.origin)?;
        if let Some(prev) = i.checked_sub(1).map(|j| &p.eras[j]) {
            let order = prev.start.chrono_cmp(&e.start).then(prev.id.cmp(&e.id));
            ensure(order == Ordering::Less, "eras out of order")?;
        }
    }

    for a in &p.actors {
        ensure(is_valid_id(&a.id), "an invalid actor id")?;
        ensure(filled(&a.name) && one_line(&a.name), "a bad actor name")?;
        // The loader's rule for `country`: ISO 3166-1 alpha-2, two capital letters.
        ensure(
            a.country
                .as_ref()
                .is_none_or(|c| c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase())),
            "a bad country code",
        )?;
        origin(&a.origin)?;
    }

    for s in &p.sources {
        // Inline sources are named after their event, checked with the events.
        ensure(s.inline || is_valid_id(&s.id), "an invalid source id")?;
        ensure(filled(&s.publisher), "a source without a publisher")?;
        ensure(
            s.title.as_deref().is_none_or(one_line),
            "a bad source title",
        )?;
        ensure(url(s.url.as_ref()), "a URL that is not http or https")?;
        ensure(
            url(s.archive_url.as_ref()),
            "a URL that is not http or https",
        )?;
        dates.check_opt(s.published.as_ref())?;
        origin(&s.origin)?;
    }

    for (i, t) in p.tags.iter().enumerate() {
        ensure(is_valid_id(t), "an invalid tag")?;
        ensure(i == 0 || p.tags[i - 1] < *t, "tags out of order")?;
    }
    for (t, title) in &p.tag_titles {
        ensure(
            p.tags.binary_search(t).is_ok(),
            "a title of a tag no event carries",
        )?;
        ensure(!title.trim().is_empty(), "a tag's empty title")?;
    }
    Ok(())
}

/// What a run of events uses, for the checks of the whole timeline ([`all`]).
pub struct Tally {
    /// Per tag, how many of the events carry it.
    tag_uses: Vec<u32>,
    /// Per source, how many citations name it.
    cited: Vec<u32>,
    /// The highest event a link points to.
    highest_link: Option<u32>,
}

/// Checks a run of events that starts at event `first`, everything that needs no other
/// run: done on the core that decoded them, while they are in its cache.
pub fn events(
    p: &Front,
    events: &[Event],
    first: usize,
    inputs: usize,
) -> Result<Tally, &'static str> {
    let mut tally = Tally {
        tag_uses: vec![0; p.tags.len()],
        cited: vec![0; p.sources.len()],
        highest_link: None,
    };
    let mut dates = Dates::default();
    for (i, e) in events.iter().enumerate() {
        event(e, first + i, p, &mut dates, &mut tally)?;
        ensure(
            usize::from(e.origin.input) < inputs,
            "an input out of range",
        )?;
        if let Some(prev) = i.checked_sub(1).map(|j| &events[j]) {
            in_order(prev, e)?;
        }
    }
    Ok(tally)
}

fn in_order(a: &Event, b: &Event) -> Check {
    // Events at the same instant keep file order, which the cache cannot check.
    ensure(
        a.date.chrono_cmp(&b.date) != Ordering::Greater,
        "events out of order",
    )
}

/// The checks that need every run: the order where two runs meet, links within the
/// timeline, and what would have been warnings (a tag used once, a source nobody cites;
/// an inline source is cited by its own event, once).
pub fn all(p: &Front, runs: &[Vec<Event>], tallies: &[Tally]) -> Check {
    for pair in runs.windows(2) {
        if let (Some(a), Some(b)) = (pair[0].last(), pair[1].first()) {
            in_order(a, b)?;
        }
    }
    let n_events: usize = runs.iter().map(Vec::len).sum();
    ensure(
        tallies
            .iter()
            .filter_map(|t| t.highest_link)
            .all(|e| (e as usize) < n_events),
        "an event out of range",
    )?;
    for (i, _) in p.tags.iter().enumerate() {
        let uses: u32 = tallies.iter().map(|t| t.tag_uses[i]).sum();
        ensure(uses >= 2, "a tag used only once")?;
    }
    for (i, s) in p.sources.iter().enumerate() {
        let n: u32 = tallies.iter().map(|t| t.cited[i]).sum();
        ensure(if s.inline { n == 1 } else { n >= 1 }, "a source not cited")?;
    }
    Ok(())
}

/// One event: its own fields, and each of its references once.
fn event(e: &Event, at: usize, p: &Front, dates: &mut Dates, tally: &mut Tally) -> Check {
    ensure(is_valid_id(&e.id), "an invalid event id")?;
    ensure(filled(&e.title) && one_line(&e.title), "a bad event title")?;
    ensure(
        e.display_date.as_deref().is_none_or(one_line),
        "a display date of several lines",
    )?;
    ensure(
        e.summary.as_deref().is_none_or(|s| !s.is_empty()),
        "an empty summary",
    )?;
    dates.check(&e.date)?;
    dates.check_opt(e.end.as_ref())?;
    ensure(
        e.end.is_none_or(|end| end.latest() >= e.date.earliest()),
        "an event that ends before its date",
    )?;
    if let Some(updated) = &p.updated {
        ensure(
            e.date.earliest() <= updated.latest(),
            "an event after the timeline's update",
        )?;
    }
    for (k, &t) in e.tags.iter().enumerate() {
        let uses = tally
            .tag_uses
            .get_mut(t as usize)
            .ok_or("a tag out of range")?;
        ensure(!e.tags[..k].contains(&t), "a tag given twice")?;
        *uses += 1;
    }
    for (k, a) in e.actors.iter().enumerate() {
        ensure((a.actor as usize) < p.actors.len(), "an actor out of range")?;
        ensure(
            !e.actors[..k].iter().any(|b| b.actor == a.actor),
            "an actor given twice",
        )?;
    }
    ensure(!e.citations.is_empty(), "an event without a source")?;
    for (k, c) in e.citations.iter().enumerate() {
        let s = p
            .sources
            .get(c.source as usize)
            .ok_or("a source out of range")?;
        tally.cited[c.source as usize] += 1;
        if s.inline {
            // `<event id>/<position>`, as the loader names it.
            let n =
                s.id.strip_prefix(e.id.as_str())
                    .and_then(|rest| rest.strip_prefix('/'))
                    .filter(|n| !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit()));
            ensure(
                n.and_then(|n| n.parse::<usize>().ok()) == Some(k + 1),
                "a misnamed source",
            )?;
        }
        ensure(
            c.credibility
                .is_none_or(|g| Credibility::new(i128::from(g.value())) == Some(g)),
            "a grade out of range",
        )?;
    }
    for (k, l) in e.related.iter().enumerate() {
        tally.highest_link = tally.highest_link.max(Some(l.event));
        ensure(l.event as usize != at, "an event related to itself")?;
        ensure(
            !e.related[..k].iter().any(|m| m.event == l.event),
            "a relation given twice",
        )?;
    }
    Ok(())
}

/// Checks what only the indexes show: no id is given twice (each registry's map holds
/// one entry per record).
pub fn unique(tl: &Timeline) -> Check {
    let ix = &tl.index;
    ensure(
        ix.event_by_id.len() == tl.events.len()
            && ix.actor_by_id.len() == tl.actors.len()
            && ix.source_by_id.len() == tl.sources.len()
            && ix.era_by_id.len() == tl.eras.len(),
        "an id given twice",
    )
}
