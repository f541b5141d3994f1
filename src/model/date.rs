//! The date grammar of the timeline format: an ISO 8601 / EDTF level-1 subset.
//!
//! `2024`, `2024-06`, `2024-06-20`, and a time of day after a day (`2024-06-20T14:30`,
//! `T14:30:05`, `T14:30:05.250`, each with an optional `Z` or `±HH:MM` offset), each
//! optionally followed by `~` (approximate), `?` (uncertain) or `%` (both). Years are four
//! digits, zero-padded; a leading `-` counts before year 0000 (astronomical numbering:
//! `0000` is 1 BC, `-0043` is 44 BC).
//!
//! A date knows the earliest and latest instant it can mean (milliseconds since
//! 0001-01-01T00:00Z), which is all that ordering and range filters need. A time without
//! an offset is in the zone the event or the timeline declares ([`Date::in_zone`]), UTC
//! when neither does; so is a day, a month or a year. Dates are shown as written: never
//! with an invented day or time ([`show`]).

mod clock;
mod show;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

pub use clock::{Clock, Offset};
pub use show::{DateStyle, offset_seconds};

/// How much of a date was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
    /// A day with a time of day.
    Time,
}

/// The EDTF qualifier written after a date.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Qualifier {
    #[default]
    None,
    /// `~`
    Approximate,
    /// `?`
    Uncertain,
    /// `%`
    ApproximateUncertain,
}

impl Qualifier {
    pub fn is_approximate(self) -> bool {
        matches!(
            self,
            Qualifier::Approximate | Qualifier::ApproximateUncertain
        )
    }
    pub fn is_uncertain(self) -> bool {
        matches!(self, Qualifier::Uncertain | Qualifier::ApproximateUncertain)
    }
    pub fn suffix(self) -> &'static str {
        match self {
            Qualifier::None => "",
            Qualifier::Approximate => "~",
            Qualifier::Uncertain => "?",
            Qualifier::ApproximateUncertain => "%",
        }
    }
}

/// A date as the format writes it, with its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    year: i16,
    /// 1–12, or 0 when not written.
    month: u8,
    /// 1–31, or 0 when not written.
    day: u8,
    qualifier: Qualifier,
    clock: Option<Clock>,
    offset: Offset,
    /// The zone of the event or timeline, once applied ([`Date::in_zone`]).
    zone: Option<Tz>,
    /// Earliest instant, in milliseconds since 0001-01-01T00:00Z.
    lo: i64,
    /// Latest instant (its last millisecond).
    hi: i64,
}

/// Why a date did not parse. The message says what is expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date: expected a date like 2024, 2024-06 or 2024-06-20")]
    Empty,
    #[error(
        "'{0}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time (THH:MM) and by ~, ? or %"
    )]
    Syntax(String),
    #[error("'{0}': years are written with four digits, zero-padded (for example 0632 or -0043)")]
    YearDigits(String),
    #[error("'{0}': months and days are written with two digits (for example 2024-06-09)")]
    PartDigits(String),
    #[error("'{text}': month {month} does not exist (months run from 01 to 12)")]
    Month { text: String, month: u32 },
    #[error("'{text}': day {day} does not exist in {month_name} {year} (it has {days} days)")]
    Day {
        text: String,
        day: u32,
        month_name: &'static str,
        year: String,
        days: u32,
    },
    #[error("'{0}': a time of day follows a full date (YYYY-MM-DDTHH:MM)")]
    TimeNeedsDay(String),
    #[error(
        "'{0}': a time is written HH:MM or HH:MM:SS after the T (for example 2024-06-20T14:30)"
    )]
    TimeSyntax(String),
    #[error("'{0}': hours, minutes and seconds are written with two digits (for example T09:05)")]
    TimeDigits(String),
    #[error(
        "'{0}': fractions of a second are written with three digits (for example T14:30:05.250)"
    )]
    Fraction(String),
    #[error("'{text}': {what} {value} does not exist ({rule})")]
    TimeRange {
        text: String,
        what: &'static str,
        value: u32,
        rule: &'static str,
    },
    #[error("'{0}': an offset is Z or ±HH:MM after the time (for example T14:30Z or T14:30-04:00)")]
    OffsetSyntax(String),
    #[error(
        "'{text}': {time} does not exist in {zone}, where clocks skip it (daylight saving time)"
    )]
    Skipped {
        text: String,
        time: String,
        zone: &'static str,
    },
}

/// Milliseconds in a day, for turning instants into days.
pub const DAY_MS: i64 = 86_400_000;

pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid month");
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    (next - first).num_days() as u32
}

fn day_number(year: i32, month: u32, day: u32) -> i32 {
    NaiveDate::from_ymd_opt(year, month, day)
        .expect("checked date")
        .num_days_from_ce()
}

/// The instant of a wall-clock time in UTC (`local` in ms since 0001-01-01T00:00).
fn naive(local: i64) -> NaiveDateTime {
    let day =
        NaiveDate::from_num_days_from_ce_opt(local.div_euclid(DAY_MS) as i32).expect("in range");
    let ms = local.rem_euclid(DAY_MS);
    day.and_hms_milli_opt(
        (ms / 3_600_000) as u32,
        (ms / 60_000 % 60) as u32,
        (ms / 1000 % 60) as u32,
        (ms % 1000) as u32,
    )
    .expect("in range")
}

fn ms_of(dt: NaiveDateTime) -> i64 {
    let day = i64::from(dt.date().num_days_from_ce());
    day * DAY_MS + dt.and_utc().timestamp_millis().rem_euclid(DAY_MS)
}

/// The instant at which the wall clock of `tz` shows `local`: the first of two when clocks
/// go back; `None` when clocks skip it.
fn in_tz(tz: Tz, local: i64) -> Option<i64> {
    let at = tz.from_local_datetime(&naive(local)).earliest()?;
    Some(ms_of(at.naive_utc()))
}

/// Like [`in_tz`] for a bound: a skipped wall-clock time moves to the nearest that exists,
/// forwards for a start and backwards for an end.
fn bound_in_tz(tz: Tz, local: i64, forwards: bool) -> i64 {
    let step = if forwards { 15 * 60_000 } else { -15 * 60_000 };
    (0..=16)
        .find_map(|i| in_tz(tz, local + i * step))
        .unwrap_or(local)
}

/// An IANA time zone by name (`America/New_York`, `UTC`); the error names the nearest.
pub fn zone_named(name: &str) -> Result<Tz, String> {
    let name = name.trim();
    if let Ok(tz) = name.parse::<Tz>() {
        return Ok(tz);
    }
    let names = || chrono_tz::TZ_VARIANTS.iter().map(|z| z.name());
    let hint = match names().find(|z| z.eq_ignore_ascii_case(name)) {
        Some(z) => format!(" (did you mean '{z}'?)"),
        None if name.len() <= 64 => crate::suggest::did_you_mean(name, names()),
        None => String::new(),
    };
    Err(format!("unknown time zone '{name}'{hint}"))
}

/// What [`zone_named`]'s errors add: what a zone name is.
pub const ZONE_HELP: &str =
    "a time zone is an IANA name, such as America/New_York, Europe/Berlin or UTC";

/// Formats a year for people: `2024`, `44 BC` (year 0000 is 1 BC).
pub fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BC", 1 - year)
    } else {
        year.to_string()
    }
}

use clock::all_digits;

impl Date {
    /// Parses a date written in the format's grammar (in UTC until [`Date::in_zone`]).
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(DateError::Empty);
        }
        let (body, qualifier) = match t.as_bytes()[t.len() - 1] {
            b'~' => (&t[..t.len() - 1], Qualifier::Approximate),
            b'?' => (&t[..t.len() - 1], Qualifier::Uncertain),
            b'%' => (&t[..t.len() - 1], Qualifier::ApproximateUncertain),
            _ => (t, Qualifier::None),
        };
        let (body, time) = match body.split_once('T') {
            Some((day, time)) => (day, Some(time)),
            None => (body, None),
        };
        let (negative, unsigned) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body),
        };
        let mut parts = unsigned.split('-');
        let year_text = parts.next().unwrap_or("");
        let month_text = parts.next();
        let day_text = parts.next();
        if parts.next().is_some()
            || !all_digits(year_text)
            || month_text.is_some_and(|m| !all_digits(m))
            || day_text.is_some_and(|d| !all_digits(d))
        {
            return Err(DateError::Syntax(t.to_string()));
        }
        if year_text.len() != 4 {
            return Err(DateError::YearDigits(t.to_string()));
        }
        if month_text.is_some_and(|m| m.len() != 2) || day_text.is_some_and(|d| d.len() != 2) {
            return Err(DateError::PartDigits(t.to_string()));
        }
        if time.is_some() && day_text.is_none() {
            return Err(DateError::TimeNeedsDay(t.to_string()));
        }
        let magnitude: i32 = year_text.parse().expect("four digits");
        let year = if negative { -magnitude } else { magnitude };
        let month: u32 = month_text.map_or(0, |m| m.parse().expect("two digits"));
        if month_text.is_some() && !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: t.to_string(),
                month,
            });
        }
        let day: u32 = day_text.map_or(0, |d| d.parse().expect("two digits"));
        if day_text.is_some() {
            let last = days_in_month(year, month);
            if day == 0 || day > last {
                return Err(DateError::Day {
                    text: t.to_string(),
                    day,
                    month_name: MONTH_NAMES[month as usize - 1],
                    year: year_label(year),
                    days: last,
                });
            }
        }
        let (clock, offset) = match time {
            Some(time) => {
                let (c, o) = Clock::parse(time, t)?;
                (Some(c), o)
            }
            None => (None, Offset::Local),
        };
        let mut date = Date {
            year: year as i16,
            month: month as u8,
            day: day as u8,
            qualifier,
            clock,
            offset,
            zone: None,
            lo: 0,
            hi: 0,
        };
        date.bound()?;
        Ok(date)
    }

    /// A day-precision date from a calendar day (used for "now" and `updated`).
    pub fn from_naive(d: NaiveDate) -> Date {
        let n = i64::from(d.num_days_from_ce());
        Date {
            year: d.year() as i16,
            month: d.month() as u8,
            day: d.day() as u8,
            qualifier: Qualifier::None,
            clock: None,
            offset: Offset::Local,
            zone: None,
            lo: n * DAY_MS,
            hi: n * DAY_MS + DAY_MS - 1,
        }
    }

    /// The same date in the zone of its event or timeline: a time without an offset, and
    /// a day, month or year, are then read on that zone's clock. An error when the zone's
    /// clocks skip the time written (the hour lost to daylight saving time).
    pub fn in_zone(&self, zone: Tz) -> Result<Date, DateError> {
        let mut date = Date {
            zone: Some(zone),
            ..*self
        };
        date.bound()?;
        Ok(date)
    }

    /// Sets `lo` and `hi` from what is written and the zone.
    fn bound(&mut self) -> Result<(), DateError> {
        let first = i64::from(self.first_day()) * DAY_MS;
        let (lo, hi) = match self.clock {
            Some(c) => (first + c.start_ms(), first + c.start_ms() + c.length_ms()),
            None => (first, i64::from(self.last_day()) * DAY_MS + DAY_MS - 1),
        };
        (self.lo, self.hi) = match (self.offset.minutes(), self.zone) {
            (Some(m), _) => (lo - i64::from(m) * 60_000, hi - i64::from(m) * 60_000),
            (None, None) => (lo, hi),
            (None, Some(tz)) if self.clock.is_some() => {
                let start = in_tz(tz, lo).ok_or_else(|| DateError::Skipped {
                    text: self.to_string(),
                    time: self.clock.expect("a time").to_string(),
                    zone: tz.name(),
                })?;
                (start, start + (hi - lo))
            }
            (None, Some(tz)) => (bound_in_tz(tz, lo, true), bound_in_tz(tz, hi, false)),
        };
        Ok(())
    }

    pub fn precision(&self) -> Precision {
        if self.clock.is_some() {
            Precision::Time
        } else if self.day != 0 {
            Precision::Day
        } else if self.month != 0 {
            Precision::Month
        } else {
            Precision::Year
        }
    }
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }
    /// 1–12 when written.
    pub fn month(&self) -> Option<u32> {
        (self.month != 0).then_some(u32::from(self.month))
    }
    /// 1–31 when written.
    pub fn day(&self) -> Option<u32> {
        (self.day != 0).then_some(u32::from(self.day))
    }
    /// The time of day, when written.
    pub fn clock(&self) -> Option<Clock> {
        self.clock
    }
    /// The offset written after the time.
    pub fn offset(&self) -> Offset {
        self.offset
    }
    /// The zone applied by [`Date::in_zone`].
    pub fn zone(&self) -> Option<Tz> {
        self.zone
    }
    /// The earliest instant this date can mean, in ms since 0001-01-01T00:00Z.
    pub fn earliest(&self) -> i64 {
        self.lo
    }
    /// The latest instant this date can mean (its last millisecond).
    pub fn latest(&self) -> i64 {
        self.hi
    }
    /// The first day written, as days since 0001-01-01 (that day is 1): the calendar day
    /// as the file writes it, whatever the zone.
    pub fn first_day(&self) -> i32 {
        day_number(
            self.year(),
            self.month().unwrap_or(1),
            self.day().unwrap_or(1),
        )
    }
    /// The last day written.
    pub fn last_day(&self) -> i32 {
        let month = self.month().unwrap_or(12);
        let day = self
            .day()
            .unwrap_or_else(|| days_in_month(self.year(), month));
        day_number(self.year(), month, day)
    }
    pub fn earliest_naive(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.first_day()).expect("in range")
    }
    pub fn latest_naive(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.last_day()).expect("in range")
    }
    /// True when the date is approximate or uncertain.
    pub fn is_qualified(&self) -> bool {
        self.qualifier != Qualifier::None
    }

    /// The date exactly as the format writes it (`2024-06-20?`, `2024-06-20T14:30-04:00`).
    pub fn as_written(&self) -> String {
        self.to_string()
    }

    /// Chronological order of the format: earliest instant, then latest instant.
    pub fn chrono_cmp(&self, other: &Date) -> Ordering {
        self.lo.cmp(&other.lo).then(self.hi.cmp(&other.hi))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year < 0 {
            write!(f, "-{:04}", -i32::from(self.year))?;
        } else {
            write!(f, "{:04}", self.year)?;
        }
        if let Some(m) = self.month() {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day() {
            write!(f, "-{d:02}")?;
        }
        if let Some(c) = self.clock {
            write!(f, "T{c}{}", self.offset)?;
        }
        f.write_str(self.qualifier.suffix())
    }
}

/// A closed range of instants (ms since 0001-01-01T00:00Z), from the earliest bound of one
/// date to the latest of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub lo: i64,
    pub hi: i64,
}

impl Span {
    pub fn overlaps(&self, other: &Span) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}
