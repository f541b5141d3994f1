//! TimelineJS dates (`{"year": 2024, "month": 6, "day": 20, "display_date": …}`) as tlx
//! dates: years without a year 0, qualifiers recognised from their labels, and what a tlx
//! date cannot hold (a time of day, a day without a month) reported.

use serde_json::{Map, Value};

use super::problems::{OUT_OF_RANGE, Place, ProblemKind, Report};
use super::values::{describe, text_field};
use crate::model::{Date, DateStyle};
use crate::timelinejs::html::{self, clip};

const DATE_KEYS: &[&str] = &[
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "display_date",
];
const DATE_DISPLAY_ONLY: &[&str] = &["format", "format_short", "thumbnail"];

/// A piece of a date as TimelineJS writes it: a string or a number; empty means absent.
fn date_part(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<i64>()
                    .map(Some)
                    .map_err(|_| format!("{key} '{}' is too large", clip(t, 30)))
            } else {
                Err(format!("{key} '{}' is not a whole number", clip(t, 30)))
            }
        }
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Ok(Some(i)),
            None => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(f as i64)),
                _ => Err(format!("{key} {n} is not a whole number")),
            },
        },
        Some(other) => Err(format!("{key} is {}, not a number", describe(other))),
    }
}

/// A date read from TimelineJS.
struct TjsDate {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    time: Option<String>,
    display: Option<String>,
}

/// The date label TimelineJS would show is not a date: labels that stand for a qualifier
/// (`c. Jun 2024`) are recognised by comparing with how tlx shows the qualified date.
fn qualified(plain: &str, display: &str) -> Option<Date> {
    ["~", "?", "%"].into_iter().find_map(|q| {
        let d = Date::parse(&format!("{plain}{q}")).ok()?;
        (d.display(DateStyle::Text) == display).then_some(d)
    })
}

/// The `start_date` of a slide or an era as a tlx date, and its label; an error says why
/// the slide (or era) cannot be kept.
pub fn start(
    r: &mut Report,
    obj: &Map<String, Value>,
    place: &Place,
) -> Result<(Date, Option<String>), String> {
    match obj.get("start_date") {
        None => Err("no start_date".to_string()),
        Some(v) => match tjs_date(r, v, "start_date", place) {
            Ok(None) => Err("start_date is empty".to_string()),
            Ok(Some(d)) => our_date(r, &d, "start_date", place),
            Err(e) => Err(e),
        },
    }
}

/// The `end_date` after `start` as a tlx date, and its label; `None` (reported) when it
/// cannot be kept. An end labelled `ongoing` (as an export writes an era still running)
/// is no end.
pub fn end(
    r: &mut Report,
    obj: &Map<String, Value>,
    start: &Date,
    ongoing: Option<&str>,
    place: &Place,
) -> (Option<Date>, Option<String>) {
    let d = match obj
        .get("end_date")
        .map(|v| tjs_date(r, v, "end_date", place))
    {
        None | Some(Ok(None)) => return (None, None),
        Some(Ok(Some(d))) if ongoing.is_some() && d.display.as_deref() == ongoing => {
            return (None, None);
        }
        Some(Ok(Some(d))) => d,
        Some(Err(e)) => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("{e}: the end date is not kept"),
            );
            return (None, None);
        }
    };
    match our_date(r, &d, "end_date", place) {
        Ok((e, _)) if e.latest() < start.earliest() => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("end_date {e} is before start_date {start}: the end date is not kept"),
            );
            (None, None)
        }
        Ok((e, label)) => (Some(e), label),
        Err(e) => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("{e}: the end date is not kept"),
            );
            (None, None)
        }
    }
}

/// Reads a TimelineJS date object.
fn tjs_date(
    r: &mut Report,
    v: &Value,
    key: &str,
    place: &Place,
) -> Result<Option<TjsDate>, String> {
    let obj = match v {
        Value::Null => return Ok(None),
        Value::Object(o) => o,
        // A string such as "2024-06-20": the form of TimelineJS spreadsheets.
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        other => return Err(format!("{key} is {}, not a date object", describe(other))),
    };
    r.check_keys(obj, &format!("{key}."), DATE_KEYS, DATE_DISPLAY_ONLY, place);
    let year = date_part(obj, "year").map_err(|e| format!("{key}: {e}"))?;
    let month = date_part(obj, "month").map_err(|e| format!("{key}: {e}"))?;
    let day = date_part(obj, "day").map_err(|e| format!("{key}: {e}"))?;
    let mut time_parts = Vec::new();
    for k in ["hour", "minute", "second", "millisecond"] {
        match date_part(obj, k) {
            Ok(v) => time_parts.push(v),
            Err(e) => {
                r.report(place, ProblemKind::NotConverted, format!("{key}: {e}"));
                time_parts.push(None);
            }
        }
    }
    // `HH:MM`, with seconds when written (or milliseconds, which need them).
    let time = time_parts.iter().any(Option::is_some).then(|| {
        let p = |v: Option<i64>| format!("{:02}", v.unwrap_or(0));
        let mut t = format!("{}:{}", p(time_parts[0]), p(time_parts[1]));
        if time_parts[2].is_some() || time_parts[3].is_some() {
            t.push_str(&format!(":{}", p(time_parts[2])));
        }
        if let Some(ms) = time_parts[3] {
            t.push_str(&format!(".{ms:03}"));
        }
        t
    });
    let display = match text_field(obj, "display_date") {
        Ok(d) => d.map(|d| html::to_line(&d).text).filter(|d| !d.is_empty()),
        Err(e) => {
            r.report(place, ProblemKind::NotConverted, format!("{key}: {e}"));
            None
        }
    };
    if year.is_none() && month.is_none() && day.is_none() && time.is_none() && display.is_none() {
        return Ok(None);
    }
    Ok(Some(TjsDate {
        year,
        month,
        day,
        time,
        display,
    }))
}

/// A TimelineJS date as a tlx date, and the label left over (when it is not a
/// qualifier's label). Errors say why the date cannot be used.
fn our_date(
    r: &mut Report,
    d: &TjsDate,
    key: &str,
    place: &Place,
) -> Result<(Date, Option<String>), String> {
    let Some(y) = d.year else {
        return Err(format!("{key} has no year"));
    };
    if y == 0 {
        r.report(
            place,
            ProblemKind::Note,
            format!(
                "{key}: TimelineJS shows year 0 as '0', a year the BCE/CE count does not have; it is read as 1 BC (0000)"
            ),
        );
    }
    let astro = if y < 0 { y + 1 } else { y };
    if !(-9999..=9999).contains(&astro) {
        return Err(format!("{key}: year {y} is {OUT_OF_RANGE}"));
    }
    let mut text = if astro < 0 {
        format!("-{:04}", -astro)
    } else {
        format!("{astro:04}")
    };
    if let Some(m) = d.month {
        if !(1..=12).contains(&m) {
            return Err(format!(
                "{key}: month {m} does not exist (months run from 1 to 12)"
            ));
        }
        text.push_str(&format!("-{m:02}"));
        if let Some(day) = d.day {
            if !(1..=31).contains(&day) {
                return Err(format!("{key}: day {day} does not exist"));
            }
            text.push_str(&format!("-{day:02}"));
        }
    } else if let Some(day) = d.day {
        r.report(
            place,
            ProblemKind::NotConverted,
            format!("{key}: day {day} without a month is not kept (the date is the year {y})"),
        );
    }
    let date = Date::parse(&text).map_err(|e| match e {
        crate::model::DateError::Day {
            day,
            month_name,
            year,
            days,
            ..
        } => format!("{key}: day {day} does not exist in {month_name} {year} (it has {days} days)"),
        other => format!("{key}: {other}"),
    })?;
    let (date, text) = match &d.time {
        Some(t) if date.day().is_some() => match Date::parse(&format!("{text}T{t}")) {
            Ok(timed) => (timed, timed.as_written()),
            Err(e) => {
                r.report(
                    place,
                    ProblemKind::NotConverted,
                    format!("{key}: {e}; the day is kept"),
                );
                (date, text)
            }
        },
        Some(t) => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("{key}: the time of day {t} without a day is not kept"),
            );
            (date, text)
        }
        None => (date, text),
    };
    match &d.display {
        Some(label) => match qualified(&text, label) {
            Some(q) => Ok((q, None)),
            None => Ok((date, Some(label.clone()))),
        },
        None => Ok((date, None)),
    }
}
