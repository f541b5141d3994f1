//! Events per month across the timeline's span, for the time axis: counted when the
//! timeline or the query changes, read by every frame.

use chrono::Datelike;

use crate::model::{EventIx, Timeline};

/// Events per month across the timeline's span: computed once per query, drawn per frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthCounts {
    /// Month number (year × 12 + month − 1) of the first bucket.
    pub first: i64,
    pub counts: Vec<u32>,
}

fn month_number(day: i32) -> i64 {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl MonthCounts {
    /// Counts events by the month their span starts in, over the whole timeline's span.
    pub fn new(tl: &Timeline, events: impl Iterator<Item = EventIx>) -> MonthCounts {
        let Some(span) = tl.span() else {
            return MonthCounts::default();
        };
        let first = month_number(span.lo);
        let last = month_number(span.hi);
        let mut counts = vec![0u32; (last - first + 1).max(1) as usize];
        for ev in events {
            let m = month_number(tl.events[ev as usize].date.earliest());
            if let Some(c) = counts.get_mut((m - first) as usize) {
                *c += 1;
            }
        }
        MonthCounts { first, counts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_counted_by_the_month_they_start_in() {
        let yaml = "title: T\nevents:\n  - {id: a, date: 2023-11-05, title: A}\n  - {id: b, date: 2024-01, title: B}\n  - {id: c, date: 2024-01-31, title: C}\n  - {id: d, date: 2024-02-01, end: 2024-06, title: D}\n";
        let l = crate::model::load_texts(&[("t.yaml", yaml)], &Default::default());
        assert!(!l.has_errors(), "{:?}", l.diagnostics);
        let tl = l.timeline;
        let all = MonthCounts::new(&tl, 0..tl.events.len() as EventIx);
        assert_eq!(all.first, 2023 * 12 + 10);
        // Nov, Dec, Jan, Feb … Jun: a range counts once, in its first month.
        assert_eq!(all.counts, [1, 0, 2, 1, 0, 0, 0, 0]);
        let some = MonthCounts::new(&tl, [0, 3].into_iter());
        assert_eq!(some.first, all.first);
        assert_eq!(some.counts, [1, 0, 0, 1, 0, 0, 0, 0]);
        let empty =
            crate::model::load_texts(&[("e.yaml", "title: E\nevents: []\n")], &Default::default());
        assert_eq!(
            MonthCounts::new(&empty.timeline, std::iter::empty()),
            MonthCounts::default()
        );
    }
}
