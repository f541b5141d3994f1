//! Events per bucket across the span the time axis shows (the timeline's, or the one it is
//! zoomed in on): months for a span of years, days for a span of weeks, hours for a span
//! of days. Counted when the timeline, the query or the zoom changes, read by every frame.

use chrono::Datelike;
use chrono_tz::Tz;

use crate::model::{DAY_MS, Event, EventIx, Span, Timeline};

pub const HOUR_MS: i64 = 3_600_000;

/// What one bucket of the axis holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scale {
    Hour,
    Day,
    #[default]
    Month,
}

/// Events per bucket across the timeline's span: computed once per query, drawn per frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AxisCounts {
    /// The span counted: the timeline's, or the window the axis is zoomed in on.
    pub span: Span,
    pub scale: Scale,
    /// Hours and days are read on this clock (ms east of UTC): the zone the explorer shows
    /// times in, else the timeline's, at the start of the span. Months are the dates as
    /// written.
    pub offset_ms: i64,
    /// The number of the first bucket: hours or days since 0001-01-01 on that clock, or
    /// months (year × 12 + month − 1).
    pub first: i64,
    pub counts: Vec<u32>,
}

fn month_number(day: i32) -> i64 {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl Scale {
    /// Hours for a span of up to three days, days for up to four months, else months.
    fn for_span(lo: i64, hi: i64) -> Scale {
        match hi.saturating_sub(lo) {
            s if s <= 3 * DAY_MS => Scale::Hour,
            s if s <= 120 * DAY_MS => Scale::Day,
            _ => Scale::Month,
        }
    }
}

impl Default for AxisCounts {
    fn default() -> Self {
        AxisCounts {
            span: Span { lo: 0, hi: 0 },
            scale: Scale::default(),
            offset_ms: 0,
            first: 0,
            counts: Vec::new(),
        }
    }
}

impl AxisCounts {
    /// Counts events by the bucket their span starts in, over `window` (else the whole
    /// timeline's span); `zone` is the clock hours and days are read on. Events that start
    /// outside the window are not counted.
    pub fn new(
        tl: &Timeline,
        events: impl Iterator<Item = EventIx>,
        zone: Option<Tz>,
        window: Option<Span>,
    ) -> Self {
        let Some(span) = window.or_else(|| tl.span()) else {
            return AxisCounts::default();
        };
        let scale = Scale::for_span(span.lo, span.hi);
        let offset_ms = zone.map_or(0, |z| {
            i64::from(crate::model::date::offset_seconds(z, span.lo)) * 1000
        });
        let mut counts = AxisCounts {
            span,
            scale,
            offset_ms,
            first: 0,
            counts: Vec::new(),
        };
        counts.first = counts.bucket_at(span.lo, None);
        let last = counts.bucket_at(span.hi, None);
        counts.counts = vec![0u32; (last - counts.first + 1).max(1) as usize];
        for ev in events {
            let e = &tl.events[ev as usize];
            if e.date.earliest() < span.lo || e.date.earliest() > span.hi {
                continue;
            }
            let b = counts.bucket_at(e.date.earliest(), Some(e));
            if let Some(c) = counts.counts.get_mut((b - counts.first) as usize) {
                *c += 1;
            }
        }
        counts
    }

    /// The bucket of an instant (of `event`'s start, when given, for months: its date as
    /// written).
    fn bucket_at(&self, instant: i64, event: Option<&Event>) -> i64 {
        let local = instant + self.offset_ms;
        match self.scale {
            Scale::Hour => local.div_euclid(HOUR_MS),
            Scale::Day => local.div_euclid(DAY_MS),
            Scale::Month => match event {
                Some(e) => month_number(e.date.first_day()),
                None => month_number(instant.div_euclid(DAY_MS) as i32),
            },
        }
    }

    /// The instant bucket `first + n` starts at, for hours and days.
    pub fn start_of(&self, n: i64) -> i64 {
        let unit = match self.scale {
            Scale::Hour => HOUR_MS,
            _ => DAY_MS,
        };
        (self.first + n) * unit - self.offset_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(yaml: &str) -> Timeline {
        let l = crate::model::load_texts(&[("t.yaml", yaml)], &Default::default());
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        l.timeline
    }

    #[test]
    fn events_are_counted_by_the_month_they_start_in() {
        let tl = load(
            "title: T\nevents:\n  - {id: a, date: 2023-11-05, title: A}\n  - {id: b, date: 2024-01, title: B}\n  - {id: c, date: 2024-01-31, title: C}\n  - {id: d, date: 2024-02-01, end: 2024-06, title: D}\n",
        );
        let all = AxisCounts::new(&tl, 0..tl.events.len() as EventIx, None, None);
        assert_eq!(all.scale, Scale::Month);
        assert_eq!(all.first, 2023 * 12 + 10);
        // Nov, Dec, Jan, Feb … Jun: a range counts once, in its first month.
        assert_eq!(all.counts, [1, 0, 2, 1, 0, 0, 0, 0]);
        let some = AxisCounts::new(&tl, [0, 3].into_iter(), None, None);
        assert_eq!(some.first, all.first);
        assert_eq!(some.counts, [1, 0, 0, 1, 0, 0, 0, 0]);
        let empty = load("title: E\nevents: []\n");
        assert_eq!(
            AxisCounts::new(&empty, std::iter::empty(), None, None),
            AxisCounts::default()
        );
    }

    #[test]
    fn a_span_of_days_is_counted_by_the_hour_on_the_zones_clock() {
        let tl = load(
            "title: T\ntimezone: America/New_York\nevents:\n  - {id: a, date: 2024-06-20T09:10, title: A}\n  - {id: b, date: 2024-06-20T09:50, title: B}\n  - {id: c, date: 2024-06-20T14:00Z, title: C}\n  - {id: d, date: 2024-06-21T08:00, title: D}\n",
        );
        let ny = Some(Tz::America__New_York);
        let all = AxisCounts::new(&tl, 0..tl.events.len() as EventIx, ny, None);
        assert_eq!(all.scale, Scale::Hour);
        assert_eq!(all.offset_ms, -4 * HOUR_MS);
        // 09:00 … 08:00 the next day: 24 hours; 14:00Z is 10:00 in New York.
        assert_eq!(all.counts.len(), 24);
        assert_eq!(&all.counts[..3], [2, 1, 0]);
        assert_eq!(all.counts[23], 1);
        let start = tl.event("a").unwrap().date.earliest() - 10 * 60_000;
        assert_eq!(all.start_of(0), start, "09:00 New York");
        let utc = AxisCounts::new(&tl, 0..tl.events.len() as EventIx, None, None);
        assert_eq!(utc.start_of(0), start, "the same hour on UTC's clock");
    }

    #[test]
    fn a_span_of_weeks_is_counted_by_the_day() {
        let tl = load(
            "title: T\nevents:\n  - {id: a, date: 2024-06-20, title: A}\n  - {id: b, date: 2024-06-20T23:00, title: B}\n  - {id: c, date: 2024-07-10, title: C}\n",
        );
        let all = AxisCounts::new(&tl, 0..tl.events.len() as EventIx, None, None);
        assert_eq!(all.scale, Scale::Day);
        assert_eq!(all.counts.len(), 21);
        assert_eq!((all.counts[0], all.counts[20]), (2, 1));
    }
}
