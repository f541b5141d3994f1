//! The selection as data: JSON (every field, sources resolved) and CSV (one row per event).

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::escape;
use super::labels::{distinct_sources, time_rfc3339, tool};
use super::selection::{Basis, Options, Selection, basis_kind};
use crate::json::EventJson;
use crate::model::DateStyle;
use crate::model::Timeline;

#[derive(Serialize)]
struct InputJson<'a> {
    name: &'a str,
    embedded: bool,
    bytes: u64,
    sha256: String,
}

#[derive(Serialize)]
struct BasisJson<'a> {
    kind: &'static str,
    query: Option<&'a str>,
    ids: Option<&'a [String]>,
}

#[derive(Serialize)]
struct BriefJson<'a> {
    schema: u32,
    tool: String,
    generated: String,
    title: &'a str,
    bluf: Option<&'a str>,
    timeline: &'a str,
    inputs: Vec<InputJson<'a>>,
    basis: BasisJson<'a>,
    count: usize,
    total: usize,
    events: Vec<EventJson<'a>>,
}

pub fn json(tl: &Timeline, sel: &Selection, opts: &Options, now: DateTime<Utc>) -> String {
    let events = sel.normalized(tl);
    let title = opts
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&tl.title);
    let doc = BriefJson {
        schema: crate::json::SCHEMA_VERSION,
        tool: tool(),
        generated: time_rfc3339(now),
        title,
        bluf: opts.bluf.as_deref().filter(|b| !b.trim().is_empty()),
        timeline: &tl.title,
        inputs: tl
            .inputs
            .iter()
            .map(|i| InputJson {
                name: &i.name,
                embedded: i.is_embedded(),
                bytes: i.bytes,
                sha256: i.sha256_prefix(64),
            })
            .collect(),
        basis: BasisJson {
            kind: basis_kind(&sel.basis),
            query: match &sel.basis {
                Basis::Query(q) => Some(q),
                _ => None,
            },
            ids: match &sel.basis {
                Basis::Ids(ids) => Some(ids),
                _ => None,
            },
        },
        count: events.len(),
        total: tl.events.len(),
        events: events
            .iter()
            .map(|&ix| crate::json::event(tl, ix, None, false, opts.tz))
            .collect(),
    };
    let s = serde_json::to_string_pretty(&doc).expect("plain data serializes");
    // No raw C1 or bidi control reaches a terminal the JSON is printed on.
    let mut s = crate::text::json_inert(&s).into_owned();
    s.push('\n');
    s
}

/// The CSV header.
pub const CSV_HEADER: [&str; 12] = [
    "date",
    "end",
    "id",
    "title",
    "tags",
    "actors",
    "sources",
    "grade",
    "url",
    "publisher",
    "summary",
    "media",
];

/// One field, quoted as RFC 4180 asks when it holds a comma, a quote or a line break.
fn field(s: &str) -> Cow<'_, str> {
    if s.contains([',', '"', '\r', '\n']) {
        Cow::Owned(format!("\"{}\"", s.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(s)
    }
}

/// Free text from the timeline, on one line, and never read as a formula by a
/// spreadsheet: text that starts with `=`, `+`, `-` or `@` gets a leading `'`.
fn text(s: &str) -> String {
    let t = escape::line(s);
    if t.starts_with(['=', '+', '-', '@']) {
        format!("'{t}")
    } else {
        t
    }
}

/// Actors' names, separated by `; `. One name with a comma in it (`Kaspersky Lab, Inc.`)
/// ends with `;`, so that a reader splitting at `,` when there is no `;` keeps it whole.
fn actor_names(names: impl Iterator<Item = String>) -> String {
    let names: Vec<String> = names.collect();
    let cell = names.join("; ");
    if names.len() == 1 && cell.contains(',') {
        format!("{cell};")
    } else {
        cell
    }
}

/// A summary as a cell: its lines kept (a quoted field may hold line breaks), each as
/// [`text`] makes it.
fn paragraphs(s: &str) -> String {
    let t = s.lines().map(escape::line).collect::<Vec<_>>().join("\n");
    if t.starts_with(['=', '+', '-', '@']) {
        format!("'{t}")
    } else {
        t
    }
}

pub fn csv(tl: &Timeline, sel: &Selection, tz: Option<chrono_tz::Tz>) -> String {
    let mut out = String::new();
    push_row(&mut out, CSV_HEADER.iter().map(|s| s.to_string()));
    for ix in sel.normalized(tl) {
        let e = &tl.events[ix as usize];
        let sources = distinct_sources(e);
        // The first source with a URL (else the first source): its URL and publisher.
        let cited = sources
            .iter()
            .find(|&&s| tl.source(s).url.is_some())
            .or(sources.first())
            .map(|&s| tl.source(s));
        let url = cited
            .and_then(|s| s.url.as_deref())
            .map(escape::line)
            .unwrap_or_default();
        let publisher = cited.map(|s| text(&s.publisher)).unwrap_or_default();
        let row = [
            e.date.display_in(DateStyle::Iso, tz),
            e.end
                .map(|d| d.display_in(DateStyle::Iso, tz))
                .unwrap_or_default(),
            text(&e.id),
            text(&e.title),
            e.tags
                .iter()
                .map(|&t| text(tl.tag(t)))
                .collect::<Vec<_>>()
                .join("; "),
            actor_names(e.actors.iter().map(|a| text(&tl.actor(a.actor).name))),
            sources.len().to_string(),
            tl.best_reliability(e)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            url,
            publisher,
            e.summary.as_deref().map(paragraphs).unwrap_or_default(),
            e.media
                .first()
                .map(|m| escape::line(&m.url))
                .unwrap_or_default(),
        ];
        push_row(&mut out, row.into_iter());
    }
    out
}

fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    let mut first = true;
    for f in fields {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(&field(&f));
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4180_quoting() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("a\nb"), "\"a\nb\"");
        assert_eq!(field("a\rb"), "\"a\rb\"");
        assert_eq!(field(""), "");
    }

    #[test]
    fn formulas_are_defused() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(text("@SUM(1)"), "'@SUM(1)");
        assert_eq!(text("- dash"), "'- dash");
        assert_eq!(text("Plain"), "Plain");
        assert_eq!(text("two\nlines"), "two lines");
    }
}
