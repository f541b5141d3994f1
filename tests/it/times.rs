//! Times of day and time zones through the command line: order by instant, `from:`/`to:`
//! with times, errors at line:col, `--tz`, JSON, CSV, the brief and TimelineJS.

use serde_json::Value;

use crate::util::{fixture, stderr, stdout, tlx};

fn incident() -> String {
    fixture("times/incident.yaml").display().to_string()
}

fn ids(out: &str) -> Vec<String> {
    out.lines().map(str::to_string).collect()
}

#[test]
fn events_are_ordered_by_instant_across_zones_and_ties_keep_file_order() {
    let o = tlx()
        .args(["--no-cache", "list", &incident(), "--format", "ids"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        ids(&stdout(&o)),
        [
            // 18:00 UTC three ways: +02:00, Z, and New York's 14:00, in file order.
            "berlin-statement",
            "same-instant-first",
            "same-instant-second",
            // 03:15 in Tokyo the next day is 18:15 UTC.
            "tokyo-call",
            "alert",
            "precise",
            "outage",
            // A day in New York starts at 04:00 UTC.
            "day-after",
        ]
    );
}

#[test]
fn times_are_shown_as_written_or_in_the_zone_asked_for() {
    let list = |tz: Option<&str>| {
        let mut c = tlx();
        c.arg("--no-cache");
        if let Some(tz) = tz {
            c.args(["--tz", tz]);
        }
        let o = c.args(["list", &incident()]).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let written = list(None);
    for line in [
        "20 Jun 2024 20:00 UTC+02:00  berlin-statement",
        "21 Jun 2024 03:15 JST        tokyo-call",
        "20 Jun 2024 14:30:05.250 EDT  precise",
        "20 Jun 2024 15:00–17:45 EDT   outage",
    ] {
        let (date, id) = line.split_once("  ").unwrap();
        assert!(
            written
                .lines()
                .any(|l| l.starts_with(date) && l.contains(id.trim())),
            "{line}\nin:\n{written}"
        );
    }
    let utc = list(Some("UTC"));
    for (date, id) in [
        ("20 Jun 2024 18:00 UTC", "berlin-statement"),
        ("20 Jun 2024 18:15 UTC", "tokyo-call"),
        ("20 Jun 2024 19:00–21:45 UTC", "outage"),
        ("21 Jun 2024 ", "day-after"),
    ] {
        assert!(
            utc.lines().any(|l| l.starts_with(date) && l.contains(id)),
            "{date} {id}\nin:\n{utc}"
        );
    }
    // The config's `tz:` does the same; `--tz` wins over it.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "tz: Asia/Tokyo\n").unwrap();
    let o = tlx()
        .args(["--no-cache", "--config"])
        .arg(&config)
        .args(["show", "alert", &incident()])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("21 Jun 2024 03:30 JST"),
        "{}",
        stdout(&o)
    );
    let o = tlx()
        .args(["--no-cache", "--tz", "Europe/Berlin", "--config"])
        .arg(&config)
        .args(["show", "alert", &incident()])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("20 Jun 2024 20:30 CEST"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn an_unknown_zone_on_the_command_line_or_in_the_config_is_named() {
    let o = tlx()
        .args(["--tz", "Europe/Berlni", "list", &incident()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown time zone 'Europe/Berlni' (did you mean 'Europe/Berlin'?)"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "tz: Mars/Olympus\n").unwrap();
    let o = tlx()
        .arg("--config")
        .arg(&config)
        .args(["list", "--format", "ids"])
        .output()
        .unwrap();
    let e = stderr(&o);
    assert!(
        e.contains("config.yaml:1:5: warning: tz: unknown time zone 'Mars/Olympus'"),
        "{e}"
    );
}

#[test]
fn from_and_to_take_times_on_the_timelines_clock() {
    let o = tlx()
        .args(["--no-cache", "list", &incident(), "--format", "ids"])
        .args(["-q", "from:2024-06-20T14:30 to:2024-06-20T16:00"])
        .output()
        .unwrap();
    assert_eq!(ids(&stdout(&o)), ["alert", "precise", "outage"]);
    // A day in a query is the timeline's day too: 21 June in New York.
    let o = tlx()
        .args(["--no-cache", "list", &incident(), "--format", "ids"])
        .args(["-q", "from:2024-06-21"])
        .output()
        .unwrap();
    assert_eq!(ids(&stdout(&o)), ["day-after"]);
    let o = tlx()
        .args([
            "--no-cache",
            "list",
            &incident(),
            "-q",
            "from:2024-06-20T25:00",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("hour 25 does not exist"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_times_and_zones_are_errors_at_their_place() {
    let f = fixture("times/bad-times.yaml").display().to_string();
    let o = tlx().args(["--no-cache", "validate", &f]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = format!("{}{}", stdout(&o), stderr(&o));
    for line in [
        format!(
            "{f}:3:11: error: unknown time zone 'America/New_Yrok' (did you mean 'America/New_York'?)"
        ),
        format!(
            "{f}:6:11: error: invalid date: '2024-06-20T25:00': hour 25 does not exist (hours run from 00 to 23)"
        ),
        format!(
            "{f}:9:11: error: invalid date: '2024-06-20T14:30-04:61': offset minute 61 does not exist (an offset's minutes run from 00 to 59)"
        ),
        format!(
            "{f}:13:15: error: unknown time zone 'europe/berlin' (did you mean 'Europe/Berlin'?)"
        ),
        format!(
            "{f}:16:11: error: invalid date: '2024-03-10T02:30': 02:30 does not exist in America/New_York, where clocks skip it (daylight saving time)"
        ),
    ] {
        assert!(e.contains(&line), "{line}\nin:\n{e}");
    }
    assert!(e.contains("5 errors"), "{e}");
}

#[test]
fn json_gives_rfc3339_instants() {
    let json = |tz: &[&str]| -> Value {
        let o = tlx()
            .arg("--no-cache")
            .args(tz)
            .args(["list", &incident(), "--format", "json"])
            .output()
            .unwrap();
        serde_json::from_str(&stdout(&o)).unwrap()
    };
    let doc = json(&[]);
    let by_id = |doc: &Value, id: &str| -> Value {
        doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap()
            .clone()
    };
    let outage = by_id(&doc, "outage");
    assert_eq!(outage["date"], "2024-06-20T15:00");
    assert_eq!(outage["start_time"], "2024-06-20T15:00:00-04:00");
    assert_eq!(outage["end_time"], "2024-06-20T17:45:00-04:00");
    assert_eq!(outage["date_display"], "20 Jun 2024 15:00 EDT");
    assert_eq!(
        by_id(&doc, "precise")["start_time"],
        "2024-06-20T14:30:05.250-04:00"
    );
    assert_eq!(by_id(&doc, "day-after")["start_time"], Value::Null);
    let utc = json(&["--tz", "UTC"]);
    assert_eq!(by_id(&utc, "outage")["start_time"], "2024-06-20T19:00:00Z");
}

#[test]
fn csv_and_the_brief_say_which_clock_they_use() {
    let o = tlx()
        .args([
            "--no-cache",
            "--tz",
            "UTC",
            "export",
            &incident(),
            "--format",
            "csv",
        ])
        .output()
        .unwrap();
    let csv = stdout(&o);
    assert!(
        csv.contains("\r\n2024-06-20T18:15Z,,tokyo-call,"),
        "the instant on UTC's clock: {csv}"
    );
    let o = tlx()
        .args(["--no-cache", "export", &incident(), "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("\r\n2024-06-21T03:15,,tokyo-call,"),
        "as written: {}",
        stdout(&o)
    );
    let brief = |args: &[&str]| {
        let o = tlx()
            .arg("--no-cache")
            .args(args)
            .args(["export", &incident(), "--now", "2024-10-01T12:00:00Z"])
            .output()
            .unwrap();
        stdout(&o)
    };
    let md = brief(&[]);
    assert!(
        md.contains("events; times of day as written, each with its zone.*"),
        "{md}"
    );
    assert!(
        md.contains("### 20 Jun 2024 15:00–17:45 EDT — The service is down"),
        "{md}"
    );
    let md = brief(&["--tz", "UTC"]);
    assert!(md.contains("events; times of day in UTC.*"), "{md}");
    assert!(
        md.contains("### 20 Jun 2024 19:00–21:45 UTC — The service is down"),
        "{md}"
    );
}

#[test]
fn timelinejs_keeps_hours_minutes_seconds_and_milliseconds() {
    let o = tlx()
        .args([
            "--no-cache",
            "export",
            &incident(),
            "--format",
            "timelinejs",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let slide = |id: &str| -> Value {
        doc["events"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["unique_id"] == id)
            .unwrap()
            .clone()
    };
    let precise = &slide("precise")["start_date"];
    assert_eq!(
        (
            &precise["hour"],
            &precise["minute"],
            &precise["second"],
            &precise["millisecond"]
        ),
        (
            &Value::from("14"),
            &Value::from("30"),
            &Value::from("5"),
            &Value::from("250")
        )
    );
    // TimelineJS has one clock: times written in other zones go out on the timeline's.
    assert_eq!(slide("berlin-statement")["start_date"]["hour"], "14");
    assert_eq!(slide("tokyo-call")["start_date"]["day"], "20");
    assert_eq!(slide("tokyo-call")["start_date"]["hour"], "14");
    assert_eq!(slide("day-after")["start_date"].get("hour"), None);

    // And back: the times are kept, on that one clock.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("incident.json");
    std::fs::write(&json, stdout(&o)).unwrap();
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(&json)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = stdout(&o);
    for written in [
        "date: \"2024-06-20T14:30:05.250\"",
        "date: \"2024-06-20T15:00\"",
        "end: \"2024-06-20T17:45\"",
        "date: \"2024-06-20T14:15\"",
    ] {
        assert!(yaml.contains(written), "{written}\nin:\n{yaml}");
    }
}

#[test]
fn the_explorer_shows_times_and_an_axis_of_hours() {
    use crate::tui::{app_with, draw, screen_text, settings};
    use tlx::tui::app::App;

    let l = crate::util::load(&["times/incident.yaml"]);
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    let mut app = app_with(l.timeline.clone());
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("20 Jun 2024 15:00–17:45 EDT  The service is down"),
        "{screen}"
    );
    assert!(screen.contains("21 Jun 2024 03:15 JST"), "{screen}");
    // The axis spans a day and a half: ticks are hours, the day at midnight.
    let axis = screen.lines().rev().nth(1).unwrap();
    assert!(
        axis.contains("┊21 Jun") && axis.contains("┊18:00"),
        "{axis}"
    );
    assert!(axis.contains("per hour") || axis.contains("/h"), "{axis}");

    // In another zone, the list and the axis move to its clock.
    let tokyo = tlx::tui::app::Settings {
        tz: Some(chrono_tz::Tz::Asia__Tokyo),
        ..settings()
    };
    let mut app = App::new(l.timeline, tokyo, crate::tui::fixed_now());
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(
        screen.contains("21 Jun 2024 04:00–06:45 JST  The service is down"),
        "{screen}"
    );
    let axis = screen.lines().rev().nth(1).unwrap();
    assert!(axis.contains("┊06:00"), "{axis}");
}
