//! Once every file is read, the zones applied: a time without an offset, and a day, month
//! or year, is read on the clock of its event's `timezone`, else the timeline's (UTC when
//! neither is declared). A time the zone's clocks skip is an error at its place.

use chrono_tz::Tz;

use super::builder::Builder;
use super::pending::Pending;
use super::place::Where;
use crate::model::date::Date;
use crate::model::diag::Kind;

impl Builder<'_> {
    pub(super) fn apply_zones(&mut self, pending: &mut [Box<Pending>]) {
        let timeline = self.timezone.as_ref().map(|(z, _)| *z);
        for p in pending.iter_mut() {
            let Some(zone) = p.timezone.or(timeline) else {
                continue;
            };
            let at = p.at();
            p.date = p.date.map(|d| self.zoned(d, zone, &at, "date"));
            p.end = p.end.map(|d| self.zoned(d, zone, &at, "end"));
        }
        let Some(zone) = timeline else { return };
        if let Some((d, at)) = self.updated.take() {
            self.updated = Some((self.zoned(d, zone, &at.clone(), ""), at));
        }
        let mut places: Vec<Option<Where>> = vec![None; self.eras.items.len()];
        for (ix, at) in self.eras.ids.values() {
            if let Some(ix) = ix {
                places[*ix as usize] = Some(at.clone());
            }
        }
        let mut eras = std::mem::take(&mut self.eras.items);
        for (era, at) in eras.iter_mut().zip(places) {
            let at = at.expect("a registered era has a place");
            era.start = self.zoned(era.start, zone, &at, "start");
            era.end = era.end.map(|d| self.zoned(d, zone, &at, "end"));
        }
        self.eras.items = eras;
    }

    /// `date` in `zone`; as it was, with an error at `at.key(key)` (or `at` itself when
    /// `key` is empty), when the zone's clocks skip its time.
    fn zoned(&mut self, date: Date, zone: Tz, at: &Where, key: &'static str) -> Date {
        match date.in_zone(zone) {
            Ok(d) => d,
            Err(e) => {
                let place = if key.is_empty() {
                    at.clone()
                } else {
                    at.key(key)
                };
                self.err(Kind::BadDate, &place, format!("invalid date: {e}"))
                    .notes
                    .push("help: write the time the clocks showed, or give the offset (for example T03:30-04:00)".into());
                date
            }
        }
    }
}
