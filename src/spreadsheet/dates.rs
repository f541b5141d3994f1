//! Dates as spreadsheets hold them, into the format's grammar: ISO 8601 (with or without
//! a time of day and a zone), `6/20/2024` and `20.06.2024` (in the order the file uses,
//! or `--date-order`), and Excel serial numbers (days since 30 December 1899), each with
//! its time of day (`14:30`, `2:30 PM`, a serial's fraction) when it has one.

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::Date;

/// The order of day and month in `6/7/2024`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateOrder {
    /// Month, day, year (United States).
    Mdy,
    /// Day, month, year (most of the world).
    Dmy,
}

/// The orders of day and month a file's dates are read in: the one given
/// (`--date-order`), else the one its `/` dates show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Orders {
    pub given: Option<DateOrder>,
    pub shown: Option<DateOrder>,
}

/// A date read from a cell: the format's text (with its time of day), and what followed
/// the day that is not a time tlx reads, if anything (the caller reports it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub date: String,
    pub time: Option<String>,
}

/// `date` with the time of day `t` (`14:30`, `2:30 PM`, `14:30:05`) in the format's
/// grammar; `t` handed back when it is no time tlx reads.
fn with_time(date: String, t: &str) -> Cell {
    match clock(t) {
        Some((h, m, s)) => {
            let seconds = s.map_or(String::new(), |s| format!(":{s:02}"));
            Cell {
                date: format!("{date}T{h:02}:{m:02}{seconds}"),
                time: None,
            }
        }
        None => Cell {
            date,
            time: Some(t.to_string()),
        },
    }
}

/// `14:30`, `14:30:05`, `2:30 PM`: hours, minutes and seconds.
pub fn clock(t: &str) -> Option<(u32, u32, Option<u32>)> {
    let lower = t.to_ascii_lowercase();
    let (body, pm) = match (lower.strip_suffix("pm"), lower.strip_suffix("am")) {
        (Some(b), _) => (b.trim().to_string(), Some(true)),
        (_, Some(b)) => (b.trim().to_string(), Some(false)),
        _ => (lower.clone(), None),
    };
    let mut parts = body.split(':');
    let h: u32 = parts.next()?.trim().parse().ok()?;
    let m: u32 = parts.next()?.trim().parse().ok()?;
    let s: Option<u32> = match parts.next() {
        Some(s) => Some(s.trim().parse().ok()?),
        None => None,
    };
    if parts.next().is_some() || m > 59 || s.is_some_and(|s| s > 59) {
        return None;
    }
    let h = match pm {
        Some(_) if !(1..=12).contains(&h) => return None,
        Some(true) => h % 12 + 12,
        Some(false) => h % 12,
        None if h > 23 => return None,
        None => h,
    };
    Some((h, m, s))
}

/// The order a column of dates shows: a first number above 12 means day first, a second
/// above 12 month first. `None` when no date tells (or the dates disagree).
pub fn infer_order<'a>(values: impl Iterator<Item = &'a str>) -> Option<DateOrder> {
    let (mut dmy, mut mdy) = (false, false);
    for v in values {
        if let Some((a, b, _, sep)) = numeric_parts(v.trim())
            && sep == '/'
        {
            dmy |= a > 12 && b <= 12;
            mdy |= b > 12 && a <= 12;
        }
    }
    match (dmy, mdy) {
        (true, false) => Some(DateOrder::Dmy),
        (false, true) => Some(DateOrder::Mdy),
        _ => None,
    }
}

/// `a/b/yyyy` or `a.b.yyyy` (a time after a space is left to the caller): the numbers
/// and the separator.
fn numeric_parts(s: &str) -> Option<(u32, u32, i32, char)> {
    let date = s.split_whitespace().next()?;
    let sep = if date.contains('/') {
        '/'
    } else if date.contains('.') {
        '.'
    } else {
        return None;
    };
    let mut it = date.split(sep);
    let (a, b, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || a.is_empty() || b.is_empty() || y.len() != 4 {
        return None;
    }
    let digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    if !(digits(a) && digits(b) && digits(y)) || a.len() > 2 || b.len() > 2 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, y.parse().ok()?, sep))
}

/// Reads a cell as a date. A `/` date is read in the order given, else the one the file's
/// `/` dates show, else an ambiguous `6/7/2024` is an error that says what to give; a `.`
/// date (`20.06.2024`) is day first unless the order given says otherwise.
pub fn read(cell: &str, orders: Orders) -> Result<Cell, String> {
    let s = cell.trim();
    if s.is_empty() {
        return Err("no date".into());
    }
    // The format's own grammar, qualifiers included (`2024-06~`, `-0043-03-15`).
    let iso = match Date::parse(s) {
        Ok(d) => {
            return Ok(Cell {
                date: d.as_written(),
                time: None,
            });
        }
        Err(e) => e,
    };
    if let Some(c) = iso_with_time(s) {
        return c;
    }
    if let Some((a, b, year, sep)) = numeric_parts(s) {
        let order = match (orders.given.or(orders.shown.filter(|_| sep == '/')), sep) {
            (Some(o), _) => o,
            (None, '.') => DateOrder::Dmy,
            (None, _) if a > 12 => DateOrder::Dmy,
            (None, _) if b > 12 => DateOrder::Mdy,
            (None, _) => {
                return Err(format!(
                    "{s} could be {} or {}: give --date-order mdy or dmy",
                    show(year, a, b),
                    show(year, b, a)
                ));
            }
        };
        let (month, day) = match order {
            DateOrder::Mdy => (a, b),
            DateOrder::Dmy => (b, a),
        };
        let date = day_text(year, month, day)?;
        // What follows the date, after white space, is its time.
        return Ok(match s.split_once(char::is_whitespace) {
            Some((_, t)) if !t.trim().is_empty() => with_time(date, t.trim()),
            _ => Cell { date, time: None },
        });
    }
    if let Some(c) = excel_serial(s) {
        return c;
    }
    // Written as ISO, but not a day that exists: the format's own reason.
    if s.len() >= 7 && s.as_bytes()[4] == b'-' && s[..4].bytes().all(|b| b.is_ascii_digit()) {
        return Err(iso.to_string());
    }
    Err(format!(
        "{s} is not a date tlx reads (2024-06-20, 2024-06, 2024, 6/20/2024, 20.06.2024, an Excel serial number)"
    ))
}

fn show(year: i32, month: u32, day: u32) -> String {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d.format("%-d %b %Y").to_string(),
        None => format!("{year}-{month:02}-{day:02}"),
    }
}

/// `YYYY-MM-DD` as the format writes it, checked.
fn day_text(year: i32, month: u32, day: u32) -> Result<String, String> {
    let text = format!("{year:04}-{month:02}-{day:02}");
    Date::parse(&text)
        .map(|d| d.as_written())
        .map_err(|e| e.to_string())
}

/// `2024-06-20 14:30:05Z` (a space for the `T`), `2024-06-20 2:30 PM`: the day with its
/// time; an offset is kept when the time is in the format's grammar.
fn iso_with_time(s: &str) -> Option<Result<Cell, String>> {
    let cut = s.find(['T', ' '])?;
    let (day, rest) = (&s[..cut], s[cut + 1..].trim());
    if day.len() != 10 || rest.is_empty() {
        return None;
    }
    let d = Date::parse(day).ok()?;
    if let Ok(t) = Date::parse(&format!("{day}T{rest}")) {
        return Some(Ok(Cell {
            date: t.as_written(),
            time: None,
        }));
    }
    Some(Ok(with_time(d.as_written(), rest)))
}

/// An Excel serial number (five digits or more, so that `2024` stays a year), with a
/// fraction for the time of day. Excel counts 1900 as a leap year: serial 60 is a day
/// that never was, and the days after it are one off, which the 1899-12-30 epoch undoes.
fn excel_serial(s: &str) -> Option<Result<Cell, String>> {
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (s, None),
    };
    if whole.len() < 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    // Excel's last day is 31 December 9999, serial 2958465.
    if n > 2_958_465 {
        return Some(Err(format!("{s} is past the last day a spreadsheet holds")));
    }
    // Before its 29 February 1900 (serial 60), Excel's days are one later.
    let epoch = match n {
        60 => {
            return Some(Err(format!(
                "{s} is Excel's 29 February 1900, a day that never was"
            )));
        }
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    let day = epoch + Duration::days(n);
    let time = frac
        .map(|f| format!("0.{f}").parse::<f64>().unwrap_or(0.0))
        .filter(|f| *f > 0.0)
        .map(|f| {
            let secs = ((f * 86_400.0).round() as u32).min(86_399);
            let seconds = match secs % 60 {
                0 => String::new(),
                s => format!(":{s:02}"),
            };
            format!("T{:02}:{:02}{seconds}", secs / 3600, secs / 60 % 60)
        });
    Some(
        day_text(day.year(), day.month(), day.day()).map(|date| Cell {
            date: date + time.as_deref().unwrap_or(""),
            time: None,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(order: Option<DateOrder>) -> Orders {
        Orders {
            given: order,
            shown: None,
        }
    }

    fn day(s: &str, order: Option<DateOrder>) -> String {
        read(s, given(order)).unwrap().date
    }

    #[test]
    fn iso_and_the_formats_own_forms() {
        assert_eq!(day("2024-06-20", None), "2024-06-20");
        assert_eq!(day(" 2024-06 ", None), "2024-06");
        assert_eq!(day("2024", None), "2024");
        assert_eq!(day("2024-03~", None), "2024-03~");
        assert_eq!(day("-0043-03-15", None), "-0043-03-15");
        let c = read("2024-06-20T14:30-04:00", given(None)).unwrap();
        assert_eq!(
            (c.date.as_str(), c.time.as_deref()),
            ("2024-06-20T14:30-04:00", None)
        );
        assert_eq!(day("2024-06-20 14:30:05Z", None), "2024-06-20T14:30:05Z");
        assert_eq!(day("2024-06-20 2:30 PM", None), "2024-06-20T14:30");
        let c = read("2024-06-20 teatime", given(None)).unwrap();
        assert_eq!(
            (c.date.as_str(), c.time.as_deref()),
            ("2024-06-20", Some("teatime"))
        );
        assert!(
            read("2024-02-30", given(None))
                .unwrap_err()
                .contains("29 days")
        );
    }

    #[test]
    fn day_and_month_in_the_files_order() {
        assert_eq!(day("6/20/2024", None), "2024-06-20");
        assert_eq!(day("20/6/2024", None), "2024-06-20");
        assert_eq!(day("20.06.2024", None), "2024-06-20");
        assert_eq!(day("6/7/2024", Some(DateOrder::Mdy)), "2024-06-07");
        assert_eq!(day("6/7/2024", Some(DateOrder::Dmy)), "2024-07-06");
        let e = read("6/7/2024", given(None)).unwrap_err();
        assert!(e.contains("7 Jun 2024 or 6 Jul 2024"), "{e}");
        assert!(e.contains("--date-order"), "{e}");
        assert!(read("13/13/2024", given(None)).is_err());
        assert_eq!(day("6/20/2024 2:30 PM", None), "2024-06-20T14:30");
        assert_eq!(day("20.06.2024 14:30:05", None), "2024-06-20T14:30:05");
        assert_eq!(
            infer_order(["1/2/2024", "25/12/2024"].into_iter()),
            Some(DateOrder::Dmy)
        );
        assert_eq!(
            infer_order(["1/2/2024", "12/25/2024"].into_iter()),
            Some(DateOrder::Mdy)
        );
        assert_eq!(infer_order(["1/2/2024"].into_iter()), None);
        // The order the `/` dates show is not applied to `.` dates, which are day first.
        let shown = Orders {
            given: None,
            shown: Some(DateOrder::Mdy),
        };
        assert_eq!(read("05.06.2024", shown).unwrap().date, "2024-06-05");
        assert_eq!(read("6/5/2024", shown).unwrap().date, "2024-06-05");
        let c = read("6/20/2024 20", given(None)).unwrap();
        assert_eq!(c.time.as_deref(), Some("20"));
        assert_eq!(infer_order(["13/1/2024", "1/13/2024"].into_iter()), None);
    }

    #[test]
    fn excel_serial_numbers() {
        assert_eq!(day("45463", None), "2024-06-20");
        // 1 March 1900, the day after Excel's 29 February 1900 that never was.
        assert_eq!(day("00061", None), "1900-03-01");
        assert_eq!(day("00059", None), "1900-02-28");
        assert_eq!(day("00001", None), "1900-01-01");
        assert!(
            read("00060", given(None))
                .unwrap_err()
                .contains("never was")
        );
        assert_eq!(day("45463.9999999", None), "2024-06-20T23:59:59");
        assert_eq!(day("45463.75", None), "2024-06-20T18:00");
        assert_eq!(day("45463.604224537", None), "2024-06-20T14:30:05");
        assert!(
            read("9999999", given(None))
                .unwrap_err()
                .contains("past the last day")
        );
        assert!(
            read("soon", given(None))
                .unwrap_err()
                .contains("not a date")
        );
    }
}
