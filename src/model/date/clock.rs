//! The time of day a date may carry after its day (`T14:30`, `T14:30:05`,
//! `T14:30:05.250`) and the offset written after it (`Z`, `-04:00`).

use std::fmt;

use super::DateError;

/// A time of day as written: minutes always, seconds and milliseconds when written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    hour: u8,
    minute: u8,
    second: Option<u8>,
    milli: Option<u16>,
}

/// The offset from UTC written after a time, if any.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum Offset {
    /// None written: the time is in the event's or the timeline's zone (UTC without one).
    #[default]
    Local,
    /// `Z`
    Utc,
    /// `+05:30`, `-04:00` (`+00:00` is kept as written), in minutes east of UTC.
    Minutes(i16),
}

const MS_PER_MINUTE: i64 = 60_000;

impl Clock {
    pub fn new(hour: u32, minute: u32, second: Option<u32>, milli: Option<u32>) -> Option<Clock> {
        (hour < 24
            && minute < 60
            && second.is_none_or(|s| s < 60)
            && milli.is_none_or(|m| m < 1000 && second.is_some()))
        .then(|| Clock {
            hour: hour as u8,
            minute: minute as u8,
            second: second.map(|s| s as u8),
            milli: milli.map(|m| m as u16),
        })
    }
    pub fn hour(&self) -> u32 {
        u32::from(self.hour)
    }
    pub fn minute(&self) -> u32 {
        u32::from(self.minute)
    }
    pub fn second(&self) -> Option<u32> {
        self.second.map(u32::from)
    }
    pub fn milli(&self) -> Option<u32> {
        self.milli.map(u32::from)
    }
    /// Milliseconds from midnight to the first instant it can mean.
    pub fn start_ms(&self) -> i64 {
        (i64::from(self.hour) * 60 + i64::from(self.minute)) * MS_PER_MINUTE
            + i64::from(self.second.unwrap_or(0)) * 1000
            + i64::from(self.milli.unwrap_or(0))
    }
    /// How long it lasts as written: a minute, a second or a millisecond, less one.
    pub fn length_ms(&self) -> i64 {
        match (self.second, self.milli) {
            (_, Some(_)) => 0,
            (Some(_), None) => 999,
            (None, None) => MS_PER_MINUTE - 1,
        }
    }
    /// The same precision, at another time of day (`ms` from midnight).
    pub fn at(&self, ms: i64) -> Clock {
        let ms = ms.rem_euclid(86_400_000);
        Clock {
            hour: (ms / 3_600_000) as u8,
            minute: (ms / MS_PER_MINUTE % 60) as u8,
            second: self.second.map(|_| (ms / 1000 % 60) as u8),
            milli: self.milli.map(|_| (ms % 1000) as u16),
        }
    }

    /// Parses what follows the `T` up to the qualifier: the time and its offset.
    pub fn parse(text: &str, whole: &str) -> Result<(Clock, Offset), DateError> {
        let syntax = || DateError::Syntax(whole.to_string());
        let (time, offset) = match text.find(['Z', '+', '-']) {
            Some(i) => (&text[..i], Offset::parse(&text[i..], whole)?),
            None => (text, Offset::Local),
        };
        let (hms, milli) = match time.split_once('.') {
            Some((hms, frac)) => {
                if frac.len() != 3 || !all_digits(frac) {
                    return Err(DateError::Fraction(whole.to_string()));
                }
                (hms, Some(frac.parse::<u32>().expect("three digits")))
            }
            None => (time, None),
        };
        let parts: Vec<&str> = hms.split(':').collect();
        if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| !all_digits(p)) {
            return Err(DateError::TimeSyntax(whole.to_string()));
        }
        if parts.iter().any(|p| p.len() != 2) {
            return Err(DateError::TimeDigits(whole.to_string()));
        }
        let n = |i: usize| parts[i].parse::<u32>().expect("two digits");
        let (hour, minute, second) = (n(0), n(1), (parts.len() == 3).then(|| n(2)));
        if milli.is_some() && second.is_none() {
            return Err(syntax());
        }
        let out_of_range =
            |what: &'static str, value: u32, rule: &'static str| DateError::TimeRange {
                text: whole.to_string(),
                what,
                value,
                rule,
            };
        if hour > 23 {
            return Err(out_of_range("hour", hour, "hours run from 00 to 23"));
        }
        if minute > 59 {
            return Err(out_of_range("minute", minute, "minutes run from 00 to 59"));
        }
        if let Some(s) = second.filter(|&s| s > 59) {
            return Err(out_of_range("second", s, "seconds run from 00 to 59"));
        }
        let clock = Clock::new(hour, minute, second, milli).expect("checked");
        Ok((clock, offset))
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)?;
        if let Some(s) = self.second {
            write!(f, ":{s:02}")?;
        }
        if let Some(m) = self.milli {
            write!(f, ".{m:03}")?;
        }
        Ok(())
    }
}

impl Offset {
    /// Minutes east of UTC, when written.
    pub fn minutes(self) -> Option<i32> {
        match self {
            Offset::Local => None,
            Offset::Utc => Some(0),
            Offset::Minutes(m) => Some(i32::from(m)),
        }
    }

    fn parse(text: &str, whole: &str) -> Result<Offset, DateError> {
        if text == "Z" {
            return Ok(Offset::Utc);
        }
        let bad = || DateError::OffsetSyntax(whole.to_string());
        let (sign, rest) = text.split_at(1);
        let (h, m) = rest.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 || !all_digits(h) || !all_digits(m) {
            return Err(bad());
        }
        let (h, m): (u32, u32) = (h.parse().expect("digits"), m.parse().expect("digits"));
        if m > 59 {
            return Err(DateError::TimeRange {
                text: whole.to_string(),
                what: "offset minute",
                value: m,
                rule: "an offset's minutes run from 00 to 59",
            });
        }
        let limit = if sign == "-" { 12 } else { 14 };
        if h > limit || (h == limit && m > 0) {
            return Err(DateError::TimeRange {
                text: whole.to_string(),
                what: "offset hour",
                value: h,
                rule: "offsets run from -12:00 to +14:00",
            });
        }
        let minutes = (h * 60 + m) as i16;
        Ok(Offset::Minutes(if sign == "-" {
            -minutes
        } else {
            minutes
        }))
    }
}

impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Offset::Local => Ok(()),
            Offset::Utc => f.write_str("Z"),
            Offset::Minutes(m) => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
