//! The brief: a self-contained document about a selection of events, for an analyst to
//! hand on. It is a pure function of (timeline, selection, options, time): this module
//! never reads the clock or the disk, so the same inputs give byte-identical output.
//! The command line (`tlx export`) and the full-screen explorer only choose the
//! selection and where the result goes (see [`crate::fsutil`] for writing files).
//!
//! ```no_run
//! use tlx::brief::{self, Basis, Options, Selection};
//! # let tl = tlx::model::Timeline::default();
//! # let now = chrono::Utc::now();
//! // Every event of the timeline, with the analyst's bottom line.
//! let selection = Selection::all(&tl);
//! let options = Options { title: None, bluf: Some("The ban holds.".into()) };
//! let md: String = brief::markdown(&tl, &selection, &options, now);
//! let json: String = brief::json(&tl, &selection, &options, now);
//! let csv: String = brief::csv(&tl, &selection);
//! // The marked events of the explorer, with the generated bottom line.
//! let marked = Selection { events: vec![3, 1], basis: Basis::Marked };
//! let md = brief::markdown(&tl, &marked, &Options::default(), now);
//! ```
//!
//! - [`markdown`]: the Markdown brief (CommonMark with GFM tables and footnotes), in
//!   seven sections: title, provenance, bottom line up front, key events, timeline,
//!   caveats (only when there is something to say) and sources. `docs/brief.md`
//!   describes it.
//! - [`json`]: the selection with its sources resolved; the schema is in `docs/json.md`.
//! - [`csv`]: one row per event, RFC 4180 (CRLF line ends), for spreadsheets.
//!
//! A [`Selection`] may list events in any order and more than once: the brief shows each
//! once, in chronological order, and ignores indexes that are not in the timeline. Every
//! text from the timeline is escaped so that it renders as that text (see [`escape`]).

pub mod escape;
mod md;
mod table;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::model::date::year_label;
use crate::model::{Date, DateStyle, Event, EventIx, SourceIx, Timeline};

/// Which events a brief covers, and how they were chosen (written in its provenance).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Indexes into [`Timeline::events`], in any order.
    pub events: Vec<EventIx>,
    pub basis: Basis,
}

/// How a selection was made, so that a reader holding the same files can make it again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Every event of the timeline.
    All,
    /// The events a query matched (the query's text).
    Query(String),
    /// The events named by id (as the user listed them).
    Ids(Vec<String>),
    /// The events marked in the explorer.
    Marked,
}

/// What the analyst adds to a brief.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The brief's title; the timeline's title when `None` or blank.
    pub title: Option<String>,
    /// The bottom line up front, in the analyst's words; generated when `None` or blank.
    /// Written as text (Markdown in it is shown, not interpreted); blank lines separate
    /// paragraphs.
    pub bluf: Option<String>,
}

impl Selection {
    /// Every event of the timeline.
    pub fn all(tl: &Timeline) -> Selection {
        Selection {
            events: (0..tl.events.len() as EventIx).collect(),
            basis: Basis::All,
        }
    }

    /// The events the brief shows: valid indexes, each once, in chronological order.
    pub fn normalized(&self, tl: &Timeline) -> Vec<EventIx> {
        let mut v: Vec<EventIx> = self
            .events
            .iter()
            .copied()
            .filter(|&ix| (ix as usize) < tl.events.len())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

/// The Markdown brief of `selection`, generated at `now`.
pub fn markdown(
    tl: &Timeline,
    selection: &Selection,
    options: &Options,
    now: DateTime<Utc>,
) -> String {
    md::render(tl, selection, options, now)
}

/// The selection as a JSON document (schema 1, documented in `docs/json.md`): the
/// provenance of the brief and every event with its sources resolved.
pub fn json(tl: &Timeline, selection: &Selection, options: &Options, now: DateTime<Utc>) -> String {
    table::json(tl, selection, options, now)
}

/// The selection as CSV (RFC 4180, CRLF line ends, a header row): one row per event.
pub fn csv(tl: &Timeline, selection: &Selection) -> String {
    table::csv(tl, selection)
}

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
/// gives one, else the date, with the end date after an en dash.
pub fn date_label(e: &Event) -> String {
    if let Some(d) = e.display_date.as_deref().map(escape::line)
        && !d.is_empty()
    {
        return d;
    }
    match &e.end {
        None => e.date.display(DateStyle::Text),
        Some(end) => range_label(&e.date, end),
    }
}

/// A range of dates, shortened when both are plain days of one year: `22–23 Jun 2023`,
/// `17 Sep – 2 Oct 2024`; otherwise both dates in full around an en dash.
fn range_label(from: &Date, to: &Date) -> String {
    let plain_day = |d: &Date| !d.is_qualified() && d.day().is_some();
    if plain_day(from) && plain_day(to) && from.year() == to.year() {
        let (a, z) = (from.earliest_naive(), to.earliest_naive());
        let year = year_label(from.year());
        if from.month() == to.month() {
            return format!(
                "{}–{} {} {year}",
                from.day().unwrap_or(0),
                to.day().unwrap_or(0),
                a.format("%b")
            );
        }
        return format!(
            "{} {} – {} {} {year}",
            from.day().unwrap_or(0),
            a.format("%b"),
            to.day().unwrap_or(0),
            z.format("%b")
        );
    }
    format!(
        "{} – {}",
        from.display(DateStyle::Text),
        to.display(DateStyle::Text)
    )
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

/// How the provenance and JSON describe a selection's basis.
pub(crate) fn basis_kind(b: &Basis) -> &'static str {
    match b {
        Basis::All => "all",
        Basis::Query(_) => "query",
        Basis::Ids(_) => "ids",
        Basis::Marked => "marked",
    }
}

#[cfg(test)]
mod tests;
