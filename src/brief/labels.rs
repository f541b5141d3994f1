//! The words and labels a brief writes: the tool, times, dates and ranges, and the
//! generated sentence of the bottom line.

use chrono::{DateTime, SecondsFormat, Utc};

use super::escape;
use crate::model::date::year_label;
use chrono_tz::Tz;

use crate::model::{Date, DateStyle, Event, EventIx, SourceIx, Timeline};

/// The program and its version, as the provenance line writes it.
pub fn tool() -> String {
    format!("tlx {}", env!("CARGO_PKG_VERSION"))
}

/// The generation time as the provenance line writes it: `2024-10-01 12:00 UTC`.
pub fn time_label(now: DateTime<Utc>) -> String {
    now.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The generation time in RFC 3339 (`2024-10-01T12:00:00Z`), for JSON.
pub fn time_rfc3339(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An event's date for people (one line, not escaped): the file's `display_date` when it
/// gives one, else the date, with the end date after an en dash; times of day on the
/// clock of `tz` when given.
pub fn date_label(e: &Event, tz: Option<Tz>) -> String {
    if let Some(d) = e.display_date.as_deref().map(escape::line)
        && !d.is_empty()
    {
        return d;
    }
    e.when(DateStyle::Text, tz)
}

/// What the brief says of its times of day, when its events have any: the zone they are
/// shown in.
pub fn zone_sentence(events: &[&Event], tz: Option<Tz>) -> Option<String> {
    let timed = events
        .iter()
        .any(|e| e.date.clock().is_some() || e.end.is_some_and(|d| d.clock().is_some()));
    timed.then(|| match tz {
        Some(z) => format!("times of day in {}", z.name()),
        None => "times of day as written, each with its zone".to_string(),
    })
}

/// The sources an event cites, each once, in the order it first cites them.
pub fn distinct_sources(e: &Event) -> Vec<SourceIx> {
    let mut v: Vec<SourceIx> = Vec::with_capacity(e.citations.len());
    for c in &e.citations {
        if !v.contains(&c.source) {
            v.push(c.source);
        }
    }
    v
}

/// A date at month precision at most (`Sep 2017`, `2022`, `44 BC`): spans never show a
/// day, nor a month the file does not give.
fn month_label(d: &Date) -> String {
    match d.month() {
        Some(_) => format!(
            "{} {}",
            d.earliest_naive().format("%b"),
            year_label(d.year())
        ),
        None => year_label(d.year()),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The generated sentence of the bottom line: "12 events from Sep 2017 to Sep 2024,
/// citing 18 sources from 11 publishers."
pub fn span_sentence(tl: &Timeline, events: &[EventIx]) -> String {
    let evs: Vec<&Event> = events.iter().map(|&i| &tl.events[i as usize]).collect();
    let Some(first) = evs.iter().min_by_key(|e| (e.span().lo, e.span().hi)) else {
        return "No events are selected.".to_string();
    };
    let last = evs.iter().max_by_key(|e| e.span().hi).expect("not empty");
    let from = month_label(&first.date);
    let to = month_label(last.end.as_ref().unwrap_or(&last.date));
    let span = if from == to {
        format!("in {from}")
    } else {
        format!("from {from} to {to}")
    };
    let mut sources: Vec<SourceIx> = evs.iter().flat_map(|e| distinct_sources(e)).collect();
    sources.sort_unstable();
    sources.dedup();
    let mut publishers: Vec<String> = sources
        .iter()
        .map(|&s| escape::line(&tl.source(s).publisher))
        .collect();
    publishers.sort();
    publishers.dedup();
    let citing = if sources.is_empty() {
        "citing no sources".to_string()
    } else {
        format!(
            "citing {} from {}",
            plural(sources.len(), "source", "sources"),
            plural(publishers.len(), "publisher", "publishers")
        )
    };
    format!("{} {span}, {citing}.", plural(evs.len(), "event", "events"))
}
