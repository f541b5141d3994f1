//! The date grammar of the timeline format: an ISO 8601 / EDTF level-1 subset.
//!
//! `2024`, `2024-06`, `2024-06-20`, each optionally followed by `~` (approximate),
//! `?` (uncertain) or `%` (both). Years are four digits, zero-padded; a leading `-`
//! counts before year 0000 (astronomical numbering: `0000` is 1 BC, `-0043` is 44 BC).
//!
//! A date knows its earliest and latest day (as day numbers), which is all that
//! ordering and range filters need, and is shown as written: never with an invented day.

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How much of a date was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
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

/// How dates are shown to people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `20 Jun 2024`, `Jul 2017`, `15 Mar 44 BC`, `c. 2019?`
    #[default]
    Text,
    /// Exactly as written in the file: `2024-06-20`, `2017-07`, `-0043-03-15`, `2019%`.
    Iso,
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
    /// Earliest day, as days since 0001-01-01 (CE day 1).
    lo: i32,
    /// Latest day.
    hi: i32,
}

/// Why a date did not parse. The message says what is expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("empty date: expected a date like 2024, 2024-06 or 2024-06-20")]
    Empty,
    #[error(
        "'{0}' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by ~, ? or %"
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
}

const MONTHS: [&str; 12] = [
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

/// Formats a year for people: `2024`, `44 BC` (year 0000 is 1 BC).
pub fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BC", 1 - year)
    } else {
        year.to_string()
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl Date {
    /// Parses a date written in the format's grammar.
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
        let magnitude: i32 = year_text.parse().expect("four digits");
        let year = if negative { -magnitude } else { magnitude };
        let Some(month_text) = month_text else {
            return Ok(Date {
                year: year as i16,
                month: 0,
                day: 0,
                qualifier,
                lo: day_number(year, 1, 1),
                hi: day_number(year, 12, 31),
            });
        };
        let month: u32 = month_text.parse().expect("two digits");
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: t.to_string(),
                month,
            });
        }
        let last = days_in_month(year, month);
        let Some(day_text) = day_text else {
            return Ok(Date {
                year: year as i16,
                month: month as u8,
                day: 0,
                qualifier,
                lo: day_number(year, month, 1),
                hi: day_number(year, month, last),
            });
        };
        let day: u32 = day_text.parse().expect("two digits");
        if day == 0 || day > last {
            return Err(DateError::Day {
                text: t.to_string(),
                day,
                month_name: MONTH_NAMES[month as usize - 1],
                year: year_label(year),
                days: last,
            });
        }
        let n = day_number(year, month, day);
        Ok(Date {
            year: year as i16,
            month: month as u8,
            day: day as u8,
            qualifier,
            lo: n,
            hi: n,
        })
    }

    /// A day-precision date from a calendar day (used for "now" and `updated`).
    pub fn from_naive(d: NaiveDate) -> Date {
        let n = d.num_days_from_ce();
        Date {
            year: d.year() as i16,
            month: d.month() as u8,
            day: d.day() as u8,
            qualifier: Qualifier::None,
            lo: n,
            hi: n,
        }
    }

    pub fn precision(&self) -> Precision {
        if self.day != 0 {
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
    /// The earliest day this date can mean, as days since 0001-01-01 (that day is 1).
    pub fn earliest(&self) -> i32 {
        self.lo
    }
    /// The latest day this date can mean.
    pub fn latest(&self) -> i32 {
        self.hi
    }
    pub fn earliest_naive(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.lo).expect("in range")
    }
    pub fn latest_naive(&self) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(self.hi).expect("in range")
    }
    /// True when the date is approximate or uncertain.
    pub fn is_qualified(&self) -> bool {
        self.qualifier != Qualifier::None
    }

    /// The date exactly as the format writes it (`2024-06-20?`).
    pub fn as_written(&self) -> String {
        self.to_string()
    }

    /// The date for people, without inventing precision.
    pub fn display(&self, style: DateStyle) -> String {
        match style {
            DateStyle::Iso => self.as_written(),
            DateStyle::Text => {
                let year = year_label(self.year());
                let core = match (self.month(), self.day()) {
                    (Some(m), Some(d)) => format!("{d} {} {year}", MONTHS[m as usize - 1]),
                    (Some(m), None) => format!("{} {year}", MONTHS[m as usize - 1]),
                    _ => year,
                };
                let prefix = if self.qualifier.is_approximate() {
                    "c. "
                } else {
                    ""
                };
                let suffix = if self.qualifier.is_uncertain() {
                    "?"
                } else {
                    ""
                };
                format!("{prefix}{core}{suffix}")
            }
        }
    }

    /// A range from this date to `end`, shortened where both are plain days of one year:
    /// `22–23 Jun 2023`, `17 Sep – 2 Oct 2024` (in ISO style `2023-06-22/23`,
    /// `2024-09-17/10-02`, as ISO 8601 lets an interval's end drop what it shares with
    /// its start); otherwise both dates in full around an en dash (`/` in ISO style).
    pub fn display_to(&self, end: &Date, style: DateStyle) -> String {
        let plain_day = |d: &Date| !d.is_qualified() && d.day().is_some();
        let short = plain_day(self) && plain_day(end) && self.year == end.year;
        match style {
            DateStyle::Iso if short && self.year >= 0 => {
                let tail = if self.month == end.month {
                    format!("{:02}", end.day)
                } else {
                    format!("{:02}-{:02}", end.month, end.day)
                };
                format!("{}/{tail}", self.as_written())
            }
            DateStyle::Iso => format!("{}/{}", self.as_written(), end.as_written()),
            DateStyle::Text if short => {
                let year = year_label(self.year());
                let (m0, m1) = (
                    MONTHS[self.month as usize - 1],
                    MONTHS[end.month as usize - 1],
                );
                if self.month == end.month {
                    format!("{}–{} {m0} {year}", self.day, end.day)
                } else {
                    format!("{} {m0} – {} {m1} {year}", self.day, end.day)
                }
            }
            DateStyle::Text => format!("{} – {}", self.display(style), end.display(style)),
        }
    }

    /// Chronological order of the format: earliest bound, then latest bound.
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
        f.write_str(self.qualifier.suffix())
    }
}

/// A closed range of days, from the earliest bound of one date to the latest of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DaySpan {
    pub lo: i32,
    pub hi: i32,
}

impl DaySpan {
    pub fn overlaps(&self, other: &DaySpan) -> bool {
        self.lo <= other.hi && other.lo <= self.hi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }
    fn ymd(y: i32, m: u32, dd: u32) -> i32 {
        NaiveDate::from_ymd_opt(y, m, dd)
            .unwrap()
            .num_days_from_ce()
    }

    #[test]
    fn year_month_day_bounds() {
        let y = d("2024");
        assert_eq!(
            (y.earliest(), y.latest()),
            (ymd(2024, 1, 1), ymd(2024, 12, 31))
        );
        assert_eq!(y.precision(), Precision::Year);
        let m = d("2024-06");
        assert_eq!(
            (m.earliest(), m.latest()),
            (ymd(2024, 6, 1), ymd(2024, 6, 30))
        );
        assert_eq!(m.precision(), Precision::Month);
        let day = d("2024-06-20");
        assert_eq!(
            (day.earliest(), day.latest()),
            (ymd(2024, 6, 20), ymd(2024, 6, 20))
        );
        assert_eq!(day.precision(), Precision::Day);
        let feb = d("2024-02");
        assert_eq!(feb.latest(), ymd(2024, 2, 29));
        let feb = d("2023-02");
        assert_eq!(feb.latest(), ymd(2023, 2, 28));
    }

    #[test]
    fn qualifiers_keep_bounds_and_are_shown() {
        for (text, q) in [
            ("2024-06~", Qualifier::Approximate),
            ("2024-06-20?", Qualifier::Uncertain),
            ("2024-06-20%", Qualifier::ApproximateUncertain),
            ("2024~", Qualifier::Approximate),
        ] {
            let date = d(text);
            assert_eq!(date.qualifier(), q, "{text}");
            assert_eq!(date.as_written(), text);
        }
        assert_eq!(d("2024-06~").earliest(), d("2024-06").earliest());
        use DateStyle::{Iso, Text};
        for (from, to, style, shown) in [
            ("2024-09-17", "2024-09-19", Text, "17–19 Sep 2024"),
            ("2024-09-17", "2024-10-02", Text, "17 Sep – 2 Oct 2024"),
            ("2023-12-30", "2024-01-02", Text, "30 Dec 2023 – 2 Jan 2024"),
            ("2024-06", "2024-08", Text, "Jun 2024 – Aug 2024"),
            (
                "2024-09-17?",
                "2024-09-19",
                Text,
                "17 Sep 2024? – 19 Sep 2024",
            ),
            ("2024-09-17", "2024-09-19", Iso, "2024-09-17/19"),
            ("2024-09-17", "2024-10-02", Iso, "2024-09-17/10-02"),
            ("2024-06", "2024-08", Iso, "2024-06/2024-08"),
            ("2024-09-17~", "2024-09-19", Iso, "2024-09-17~/2024-09-19"),
        ] {
            assert_eq!(d(from).display_to(&d(to), style), shown, "{from} … {to}");
        }
        assert_eq!(d("2024-06~").display(DateStyle::Text), "c. Jun 2024");
        assert_eq!(d("2024-06-20?").display(DateStyle::Text), "20 Jun 2024?");
        assert_eq!(d("2019%").display(DateStyle::Text), "c. 2019?");
    }

    #[test]
    fn bce_years_use_astronomical_numbering() {
        let ides = d("-0043-03-15");
        assert_eq!(ides.year(), -43);
        assert_eq!(ides.display(DateStyle::Text), "15 Mar 44 BC");
        assert_eq!(ides.as_written(), "-0043-03-15");
        assert_eq!(d("0000").display(DateStyle::Text), "1 BC");
        assert_eq!(d("0632-06-08").display(DateStyle::Text), "8 Jun 632");
        assert!(d("-0043").earliest() < d("0000").earliest());
        assert!(d("0000").earliest() < d("0001").earliest());
    }

    #[test]
    fn shown_as_written_never_with_an_invented_day() {
        assert_eq!(d("2017-07").display(DateStyle::Text), "Jul 2017");
        assert_eq!(d("2017").display(DateStyle::Text), "2017");
        assert_eq!(d("2024-06-09").display(DateStyle::Text), "9 Jun 2024");
        assert_eq!(d("2017-07").display(DateStyle::Iso), "2017-07");
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(matches!(
            Date::parse("2024-02-30"),
            Err(DateError::Day { days: 29, .. })
        ));
        assert!(matches!(
            Date::parse("2023-02-29"),
            Err(DateError::Day { days: 28, .. })
        ));
        assert!(matches!(
            Date::parse("2023-13"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            Date::parse("2023-00"),
            Err(DateError::Month { month: 0, .. })
        ));
        assert!(matches!(
            Date::parse("2023-04-31"),
            Err(DateError::Day { .. })
        ));
        assert!(matches!(
            Date::parse("2023-04-00"),
            Err(DateError::Day { .. })
        ));
        assert_eq!(
            Date::parse("2024-02-30").unwrap_err().to_string(),
            "'2024-02-30': day 30 does not exist in February 2024 (it has 29 days)"
        );
    }

    #[test]
    fn malformed_dates_are_errors() {
        for bad in [
            "",
            " ",
            "24",
            "20245",
            "2024-6",
            "2024-06-1",
            "2024/06/20",
            "June 2024",
            "2024-06-20T10:00",
            "2024-",
            "-",
            "~",
            "2024~~",
            "2024-06-20-01",
            "+2024",
            "2024 06",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad:?} should not parse");
        }
        assert!(matches!(Date::parse("24"), Err(DateError::YearDigits(_))));
        assert!(matches!(
            Date::parse("2024-6"),
            Err(DateError::PartDigits(_))
        ));
        assert!(matches!(
            Date::parse("June 2024"),
            Err(DateError::Syntax(_))
        ));
    }

    #[test]
    fn chronological_order_day_before_its_month() {
        let mut v = [d("2024-06"), d("2024"), d("2024-06-01"), d("2023-12-31")];
        v.sort_by(Date::chrono_cmp);
        let w: Vec<String> = v.iter().map(Date::as_written).collect();
        assert_eq!(w, ["2023-12-31", "2024", "2024-06-01", "2024-06"]);
    }
}
