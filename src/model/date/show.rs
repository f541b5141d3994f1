//! Dates for people: as written by default (`20 Jun 2024 14:30 EDT`), or with their time of
//! day in one chosen zone (`--tz UTC`). A date without a time is a calendar day and is shown
//! as written in every zone.

use chrono::{Datelike, Offset as _, TimeZone};
use chrono_tz::{OffsetName, Tz};

use super::{Clock, DAY_MS, Date, MONTHS, Offset, Qualifier, naive, year_label};

/// How dates are shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `20 Jun 2024`, `Jul 2017`, `15 Mar 44 BC`, `c. 2019?`, `20 Jun 2024 14:30 EDT`
    #[default]
    Text,
    /// Exactly as written in the file: `2024-06-20`, `2017-07`, `-0043-03-15`, `2019%`.
    Iso,
}

/// What one date shows: the written fields, or those of its instant on another zone's clock.
#[derive(Clone, PartialEq)]
struct View {
    year: i32,
    month: u8,
    day: u8,
    clock: Option<Clock>,
    /// `EDT`, `UTC`, `UTC+05:30`; `None` for a day, or a time with no zone anywhere.
    label: Option<String>,
    /// The offset to write in ISO style: as written, or that of the chosen zone.
    offset: Offset,
    qualifier: Qualifier,
}

/// `UTC-04:00` (or `UTC` for zero) for an offset in seconds east of UTC.
fn utc_label(seconds: i32) -> String {
    if seconds == 0 {
        return "UTC".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let m = seconds.unsigned_abs() / 60;
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The zone's abbreviation at an instant (`EDT`), or its offset where the zone has no
/// letters for it (`UTC+04:00` for Asia/Dubai's `+04`); and that offset in seconds.
fn zone_at(tz: Tz, instant: i64) -> (String, i32) {
    let offset = tz.offset_from_utc_datetime(&naive(instant));
    let seconds = offset.fix().local_minus_utc();
    let label = match offset.abbreviation() {
        Some(a) if a.starts_with(char::is_alphabetic) => a.to_string(),
        _ => utc_label(seconds),
    };
    (label, seconds)
}

fn offset_of(seconds: i32, tz: Tz) -> Offset {
    if seconds == 0 && tz == Tz::UTC {
        Offset::Utc
    } else {
        Offset::Minutes((seconds / 60) as i16)
    }
}

impl Date {
    fn view(&self, tz: Option<Tz>) -> View {
        if let (Some(tz), Some(clock)) = (tz, self.clock) {
            let (label, seconds) = zone_at(tz, self.lo);
            let local = self.lo + i64::from(seconds) * 1000;
            let day = naive(local).date();
            return View {
                year: day.year(),
                month: day.month() as u8,
                day: day.day() as u8,
                clock: Some(clock.at(local.rem_euclid(DAY_MS))),
                label: Some(label),
                offset: offset_of(seconds, tz),
                qualifier: self.qualifier,
            };
        }
        View {
            year: self.year(),
            month: self.month,
            day: self.day,
            clock: self.clock,
            label: self.clock.and_then(|_| self.zone_label()),
            offset: self.offset,
            qualifier: self.qualifier,
        }
    }

    /// The same instant written on the clock of `tz` (`2024-06-20T20:00+02:00` on New
    /// York's clock is `2024-06-20T14:00` there), for a writer that has one clock for
    /// every date; a date without a time is a calendar day, and stays as it is.
    pub fn on_clock(&self, tz: Tz) -> Date {
        if self.clock.is_none() {
            return *self;
        }
        let v = self.view(Some(tz));
        Date {
            year: v.year as i16,
            month: v.month,
            day: v.day,
            clock: v.clock,
            offset: Offset::Local,
            zone: Some(tz),
            ..*self
        }
    }

    /// The zone a time of day is shown in, as written: `EDT` for a time in
    /// America/New_York, `UTC` for `Z`, `UTC-04:00` for an offset the zone does not name;
    /// `None` for a time with no zone anywhere.
    pub fn zone_label(&self) -> Option<String> {
        let minutes = self.offset.minutes();
        match (self.zone, minutes) {
            (Some(tz), Some(m)) => {
                let (label, seconds) = zone_at(tz, self.lo);
                Some(if seconds == m * 60 {
                    label
                } else {
                    utc_label(m * 60)
                })
            }
            (None, Some(m)) => Some(utc_label(m * 60)),
            (Some(tz), None) => Some(zone_at(tz, self.lo).0),
            (None, None) => None,
        }
    }

    /// The date for people, without inventing precision.
    pub fn display(&self, style: DateStyle) -> String {
        self.display_in(style, None)
    }

    /// The date for people with its time of day on the clock of `tz` (as written when
    /// `None`, or when the date has no time).
    pub fn display_in(&self, style: DateStyle, tz: Option<Tz>) -> String {
        let v = self.view(tz);
        match style {
            DateStyle::Iso if tz.is_none() || v.clock.is_none() => self.as_written(),
            DateStyle::Iso => iso(&v),
            DateStyle::Text => text(&v, true),
        }
    }

    /// A range from this date to `end`, shortened where both are plain days of one year:
    /// `22–23 Jun 2023`, `17 Sep – 2 Oct 2024` (in ISO style `2023-06-22/23`,
    /// `2024-09-17/10-02`, as ISO 8601 lets an interval's end drop what it shares with
    /// its start), or times of one day in one zone: `20 Jun 2024 14:30–16:00 EDT`;
    /// otherwise both dates in full around an en dash (`/` in ISO style).
    pub fn display_to(&self, end: &Date, style: DateStyle) -> String {
        self.display_to_in(end, style, None)
    }

    /// [`Date::display_to`] with times on the clock of `tz`.
    pub fn display_to_in(&self, end: &Date, style: DateStyle, tz: Option<Tz>) -> String {
        let (a, b) = (self.view(tz), end.view(tz));
        let plain = |v: &View| v.qualifier == Qualifier::None && v.day != 0;
        let same_year = plain(&a) && plain(&b) && a.year == b.year;
        let days = same_year && a.clock.is_none() && b.clock.is_none();
        let times = same_year
            && a.clock.is_some()
            && b.clock.is_some()
            && (a.month, a.day, &a.label) == (b.month, b.day, &b.label);
        match style {
            DateStyle::Iso if days && a.year >= 0 => {
                let tail = if a.month == b.month {
                    format!("{:02}", b.day)
                } else {
                    format!("{:02}-{:02}", b.month, b.day)
                };
                format!("{}/{tail}", self.as_written())
            }
            DateStyle::Iso => format!(
                "{}/{}",
                self.display_in(style, tz),
                end.display_in(style, tz)
            ),
            DateStyle::Text if days => {
                let year = year_label(a.year);
                let (m0, m1) = (MONTHS[a.month as usize - 1], MONTHS[b.month as usize - 1]);
                if a.month == b.month {
                    format!("{}–{} {m0} {year}", a.day, b.day)
                } else {
                    format!("{} {m0} – {} {m1} {year}", a.day, b.day)
                }
            }
            DateStyle::Text if times => {
                let label = b
                    .label
                    .as_deref()
                    .map_or(String::new(), |l| format!(" {l}"));
                let end = b.clock.expect("a time");
                format!("{}–{end}{label}", text(&a, false))
            }
            DateStyle::Text => format!(
                "{} – {}",
                self.display_in(style, tz),
                end.display_in(style, tz)
            ),
        }
    }

    /// The first instant of a date with a time of day, in RFC 3339
    /// (`2024-06-20T14:30:00-04:00`), on the clock of `tz`, else of the offset written,
    /// else of its zone, else UTC. `None` for a date without a time, or a year RFC 3339
    /// cannot write (before 0000 or after 9999).
    pub fn rfc3339(&self, tz: Option<Tz>) -> Option<String> {
        let clock = self.clock?;
        let seconds = match (tz, self.offset.minutes(), self.zone) {
            (Some(tz), _, _) | (None, None, Some(tz)) => zone_at(tz, self.lo).1,
            (None, Some(m), _) => m * 60,
            (None, None, None) => 0,
        };
        let local = naive(self.lo + i64::from(seconds) * 1000);
        if !(0..=9999).contains(&local.year()) {
            return None;
        }
        let ms = if clock.milli().is_some() { "%.3f" } else { "" };
        let offset = if seconds == 0 {
            "Z".to_string()
        } else {
            Offset::Minutes((seconds / 60) as i16).to_string()
        };
        Some(format!(
            "{}{offset}",
            local.format(&format!("%Y-%m-%dT%H:%M:%S{ms}"))
        ))
    }
}

/// `c. 20 Jun 2024 14:30 EDT?`; without the zone when `label` is false.
fn text(v: &View, label: bool) -> String {
    let year = year_label(v.year);
    let mut core = match (v.month, v.day) {
        (0, _) => year,
        (m, 0) => format!("{} {year}", MONTHS[m as usize - 1]),
        (m, d) => format!("{d} {} {year}", MONTHS[m as usize - 1]),
    };
    if let Some(c) = v.clock {
        core.push_str(&format!(" {c}"));
        if let (true, Some(l)) = (label, &v.label) {
            core.push_str(&format!(" {l}"));
        }
    }
    let prefix = if v.qualifier.is_approximate() {
        "c. "
    } else {
        ""
    };
    let suffix = if v.qualifier.is_uncertain() { "?" } else { "" };
    format!("{prefix}{core}{suffix}")
}

/// `2024-06-20T18:30Z` for a date moved to another zone's clock.
fn iso(v: &View) -> String {
    let year = if v.year < 0 {
        format!("-{:04}", -v.year)
    } else {
        format!("{:04}", v.year)
    };
    let clock = v.clock.expect("a time");
    format!(
        "{year}-{:02}-{:02}T{clock}{}{}",
        v.month,
        v.day,
        v.offset,
        v.qualifier.suffix()
    )
}

/// The zone's offset from UTC at an instant (ms since 0001-01-01T00:00Z), in seconds.
pub fn offset_seconds(tz: Tz, instant: i64) -> i32 {
    zone_at(tz, instant).1
}
