//! The date grammar, bounds, zones and display.

use super::*;
use chrono_tz::Tz;

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}
/// The first millisecond of a day, UTC.
fn ymd(y: i32, m: u32, dd: u32) -> i64 {
    i64::from(
        NaiveDate::from_ymd_opt(y, m, dd)
            .unwrap()
            .num_days_from_ce(),
    ) * DAY_MS
}
/// Its last millisecond.
fn ymd_end(y: i32, m: u32, dd: u32) -> i64 {
    ymd(y, m, dd) + DAY_MS - 1
}

#[test]
fn year_month_day_bounds() {
    let y = d("2024");
    assert_eq!(
        (y.earliest(), y.latest()),
        (ymd(2024, 1, 1), ymd_end(2024, 12, 31))
    );
    assert_eq!(y.precision(), Precision::Year);
    let m = d("2024-06");
    assert_eq!(
        (m.earliest(), m.latest()),
        (ymd(2024, 6, 1), ymd_end(2024, 6, 30))
    );
    assert_eq!(m.precision(), Precision::Month);
    let day = d("2024-06-20");
    assert_eq!(
        (day.earliest(), day.latest()),
        (ymd(2024, 6, 20), ymd_end(2024, 6, 20))
    );
    assert_eq!(day.precision(), Precision::Day);
    let feb = d("2024-02");
    assert_eq!(feb.latest(), ymd_end(2024, 2, 29));
    let feb = d("2023-02");
    assert_eq!(feb.latest(), ymd_end(2023, 2, 28));
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

const NEW_YORK: Tz = Tz::America__New_York;

#[test]
fn times_of_day_parse_and_are_written_back_as_written() {
    for text in [
        "2024-06-20T14:30",
        "2024-06-20T14:30:05",
        "2024-06-20T14:30:05.250",
        "2024-06-20T14:30Z",
        "2024-06-20T14:30-04:00",
        "2024-06-20T14:30+05:30",
        "2024-06-20T14:30+00:00",
        "2024-06-20T14:30~",
        "2024-06-20T14:30-04:00?",
        "-0043-03-15T12:00%",
    ] {
        let date = d(text);
        assert_eq!(date.as_written(), text);
        assert_eq!(date.precision(), Precision::Time, "{text}");
    }
    let t = d("2024-06-20T14:30");
    assert_eq!(t.earliest(), ymd(2024, 6, 20) + (14 * 60 + 30) * 60_000);
    assert_eq!(t.latest(), t.earliest() + 59_999, "a minute, as written");
    let s = d("2024-06-20T14:30:05");
    assert_eq!(s.latest() - s.earliest(), 999, "a second");
    let ms = d("2024-06-20T14:30:05.250");
    assert_eq!(ms.earliest(), s.earliest() + 250);
    assert_eq!(ms.latest(), ms.earliest());
    let offset = d("2024-06-20T14:30-04:00");
    assert_eq!(offset.earliest(), d("2024-06-20T18:30Z").earliest());
    assert_eq!(
        d("2024-06-20T14:30Z").earliest(),
        t.earliest(),
        "no zone is UTC"
    );
}

#[test]
fn invalid_times_name_the_rule() {
    for (bad, says) in [
        (
            "2024-06-20T25:00",
            "hour 25 does not exist (hours run from 00 to 23)",
        ),
        ("2024-06-20T24:00", "hour 24 does not exist"),
        (
            "2024-06-20T14:60",
            "minute 60 does not exist (minutes run from 00 to 59)",
        ),
        ("2024-06-20T14:30:61", "second 61 does not exist"),
        (
            "2024-06-20T14:30-04:61",
            "offset minute 61 does not exist (an offset's minutes run from 00 to 59)",
        ),
        (
            "2024-06-20T14:30+15:00",
            "offsets run from -12:00 to +14:00",
        ),
        (
            "2024-06-20T14:30-13:00",
            "offsets run from -12:00 to +14:00",
        ),
        ("2024-06-20T14:30-0400", "an offset is Z or ±HH:MM"),
        ("2024-06-20T14:30EDT", "a time is written HH:MM"),
        ("2024-06-20T14", "a time is written HH:MM"),
        ("2024-06-20T1430", "a time is written HH:MM"),
        ("2024-06-20T9:05", "two digits"),
        ("2024-06-20T14:30:05.25", "three digits"),
        ("2024-06-20T14:30.250", "not a date"),
        ("2024-06T14:30", "a time of day follows a full date"),
        ("2024-06-20T", "a time is written HH:MM"),
        ("2024-06-20 14:30", "not a date"),
        ("2024-06-20t14:30", "not a date"),
    ] {
        let err = Date::parse(bad)
            .map(|d| d.as_written())
            .unwrap_err()
            .to_string();
        assert!(err.contains(says), "{bad}: {err}");
        assert!(err.starts_with(&format!("'{bad}'")), "{bad}: {err}");
    }
}

#[test]
fn a_zone_reads_local_times_and_days_on_its_clock() {
    let summer = d("2024-06-20T14:30").in_zone(NEW_YORK).unwrap();
    assert_eq!(
        summer.earliest(),
        d("2024-06-20T18:30Z").earliest(),
        "EDT is UTC-4"
    );
    let winter = d("2024-01-20T14:30").in_zone(NEW_YORK).unwrap();
    assert_eq!(
        winter.earliest(),
        d("2024-01-20T19:30Z").earliest(),
        "EST is UTC-5"
    );
    let day = d("2024-06-20").in_zone(NEW_YORK).unwrap();
    assert_eq!(day.earliest(), d("2024-06-20T04:00Z").earliest());
    assert_eq!(day.latest(), d("2024-06-21T03:59:59.999Z").earliest());
    let written = d("2024-06-20T14:30+09:00").in_zone(NEW_YORK).unwrap();
    assert_eq!(
        written.earliest(),
        d("2024-06-20T05:30Z").earliest(),
        "an offset wins"
    );
    assert_eq!(written.as_written(), "2024-06-20T14:30+09:00");
}

#[test]
fn daylight_saving_changes_skip_and_repeat_an_hour() {
    // 10 Mar 2024: New York's clocks go from 02:00 to 03:00.
    let err = d("2024-03-10T02:30").in_zone(NEW_YORK).unwrap_err();
    assert_eq!(
        err.to_string(),
        "'2024-03-10T02:30': 02:30 does not exist in America/New_York, where clocks skip it (daylight saving time)"
    );
    let before = d("2024-03-10T01:59").in_zone(NEW_YORK).unwrap();
    let after = d("2024-03-10T03:00").in_zone(NEW_YORK).unwrap();
    assert_eq!(
        after.earliest() - before.earliest(),
        60_000,
        "one minute apart"
    );
    // 3 Nov 2024: 01:30 happens twice; the first is meant.
    let twice = d("2024-11-03T01:30").in_zone(NEW_YORK).unwrap();
    assert_eq!(twice.earliest(), d("2024-11-03T05:30Z").earliest());
    assert_eq!(twice.display(DateStyle::Text), "3 Nov 2024 01:30 EDT");
    // The day of the change is 23 hours long.
    let short = d("2024-03-10").in_zone(NEW_YORK).unwrap();
    assert_eq!(short.latest() + 1 - short.earliest(), 23 * 3_600_000);
}

#[test]
fn ordered_by_instant_across_zones() {
    let mut v = [
        d("2024-06-20T14:30-04:00"),
        d("2024-06-20T20:00+02:00"),
        d("2024-06-20T14:30").in_zone(Tz::Asia__Tokyo).unwrap(),
        d("2024-06-20"),
        d("2024-06-20T18:29Z"),
    ];
    v.sort_by(Date::chrono_cmp);
    let w: Vec<String> = v.iter().map(Date::as_written).collect();
    assert_eq!(
        w,
        [
            "2024-06-20",
            "2024-06-20T14:30",
            "2024-06-20T20:00+02:00",
            "2024-06-20T18:29Z",
            "2024-06-20T14:30-04:00"
        ]
    );
}

#[test]
fn times_are_shown_as_written_or_in_one_zone() {
    use DateStyle::{Iso, Text};
    let ny = |s: &str| d(s).in_zone(NEW_YORK).unwrap();
    assert_eq!(
        ny("2024-06-20T14:30").display(Text),
        "20 Jun 2024 14:30 EDT"
    );
    assert_eq!(
        ny("2024-01-20T14:30").display(Text),
        "20 Jan 2024 14:30 EST"
    );
    assert_eq!(d("2024-06-20T14:30").display(Text), "20 Jun 2024 14:30");
    assert_eq!(
        d("2024-06-20T14:30Z").display(Text),
        "20 Jun 2024 14:30 UTC"
    );
    assert_eq!(
        d("2024-06-20T14:30:05.250-04:00").display(Text),
        "20 Jun 2024 14:30:05.250 UTC-04:00"
    );
    assert_eq!(
        ny("2024-06-20T14:30-04:00").display(Text),
        "20 Jun 2024 14:30 EDT"
    );
    assert_eq!(
        ny("2024-06-20T14:30~").display(Text),
        "c. 20 Jun 2024 14:30 EDT"
    );
    assert_eq!(ny("2024-06-20T14:30").display(Iso), "2024-06-20T14:30");
    let utc = Some(Tz::UTC);
    let late = ny("2024-06-20T22:30");
    assert_eq!(late.display_in(Text, utc), "21 Jun 2024 02:30 UTC");
    assert_eq!(late.display_in(Iso, utc), "2024-06-21T02:30Z");
    let tokyo = Some(Tz::Asia__Tokyo);
    assert_eq!(late.display_in(Text, tokyo), "21 Jun 2024 11:30 JST");
    assert_eq!(late.display_in(Iso, tokyo), "2024-06-21T11:30+09:00");
    assert_eq!(
        d("2024-06-20").display_in(Text, utc),
        "20 Jun 2024",
        "a day is a day in every zone"
    );
    assert_eq!(
        d("2024-06-20T10:00")
            .in_zone(Tz::Asia__Dubai)
            .unwrap()
            .display(Text),
        "20 Jun 2024 10:00 UTC+04:00",
        "a zone without letters for its offset"
    );
}

#[test]
fn time_ranges_share_their_day() {
    use DateStyle::Text;
    let ny = |s: &str| d(s).in_zone(NEW_YORK).unwrap();
    assert_eq!(
        ny("2024-06-20T14:30").display_to(&ny("2024-06-20T16:00"), Text),
        "20 Jun 2024 14:30–16:00 EDT"
    );
    assert_eq!(
        ny("2024-06-20T22:30").display_to(&ny("2024-06-21T01:00"), Text),
        "20 Jun 2024 22:30 EDT – 21 Jun 2024 01:00 EDT"
    );
    assert_eq!(
        ny("2024-06-20T14:30").display_to_in(&ny("2024-06-20T16:00"), Text, Some(Tz::UTC)),
        "20 Jun 2024 18:30–20:00 UTC"
    );
}

#[test]
fn rfc3339_for_times() {
    let ny = |s: &str| d(s).in_zone(NEW_YORK).unwrap();
    assert_eq!(
        ny("2024-06-20T14:30").rfc3339(None).as_deref(),
        Some("2024-06-20T14:30:00-04:00")
    );
    assert_eq!(
        ny("2024-06-20T14:30").rfc3339(Some(Tz::UTC)).as_deref(),
        Some("2024-06-20T18:30:00Z")
    );
    assert_eq!(
        d("2024-06-20T14:30:05.250+05:30").rfc3339(None).as_deref(),
        Some("2024-06-20T14:30:05.250+05:30")
    );
    assert_eq!(
        d("2024-06-20T14:30").rfc3339(None).as_deref(),
        Some("2024-06-20T14:30:00Z")
    );
    assert_eq!(d("2024-06-20").rfc3339(None), None);
    assert_eq!(d("-0043-03-15T12:00").rfc3339(None), None);
}

#[test]
fn a_time_written_on_another_clock() {
    let berlin = d("2024-06-20T20:00+02:00");
    let ny = berlin.on_clock(NEW_YORK);
    assert_eq!(ny.as_written(), "2024-06-20T14:00");
    assert_eq!(ny.earliest(), berlin.earliest());
    assert_eq!(
        d("2024-06-20").on_clock(NEW_YORK).as_written(),
        "2024-06-20"
    );
}
