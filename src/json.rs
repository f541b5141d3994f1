//! The JSON form of events, shared by `tlx list --format json`, `tlx show --format json`
//! and `tlx export --format json`. The schema is documented in `docs/json.md`; fields are
//! only ever added, never renamed or removed, and `schema` changes if that ever breaks.

use serde::Serialize;

use crate::model::{DateStyle, Event, EventIx, Timeline};

/// The schema version written as `"schema"` at the top of every document.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
pub struct ActorJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub kind: Option<&'static str>,
    pub country: Option<&'a str>,
    pub role: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SourceJson<'a> {
    /// Registry id, or `<event-id>/<n>` for a source written inline in the event.
    pub id: &'a str,
    pub inline: bool,
    pub publisher: &'a str,
    pub title: Option<&'a str>,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    pub archive_url: Option<&'a str>,
    /// As written (`2024-06-20`).
    pub published: Option<String>,
    pub kind: Option<&'static str>,
    /// Admiralty source reliability, `A`–`F`.
    pub reliability: Option<String>,
    /// The cited passage, when the citation gives one.
    pub quote: Option<&'a str>,
    pub locator: Option<&'a str>,
    /// Admiralty information credibility, 1–6.
    pub credibility: Option<u8>,
}

#[derive(Serialize)]
pub struct LinkJson<'a> {
    pub id: &'a str,
    #[serde(rename = "type")]
    pub kind: &'static str,
}

#[derive(Serialize)]
pub struct EventJson<'a> {
    pub id: &'a str,
    /// As written in the file (`2017-07`, `2024-06-20?`).
    pub date: String,
    /// As shown to people (`Jul 2017`, `20 Jun 2024?`, `20 Jun 2024 14:30 EDT`).
    pub date_display: String,
    /// The instant a date with a time of day starts, in RFC 3339
    /// (`2024-06-20T14:30:00-04:00`); `null` for a date without a time.
    pub start_time: Option<String>,
    /// The same for its `end`.
    pub end_time: Option<String>,
    /// Earliest and latest day of the event's span (`YYYY-MM-DD`, proleptic Gregorian).
    pub earliest: String,
    pub latest: String,
    pub end: Option<String>,
    pub display_date: Option<&'a str>,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    pub tags: Vec<&'a str>,
    /// The titles the timeline gives its tags, for those of this event's tags that have one.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub tag_titles: std::collections::BTreeMap<&'a str, &'a str>,
    pub eras: Vec<&'a str>,
    pub actors: Vec<ActorJson<'a>>,
    pub sources: Vec<SourceJson<'a>>,
    pub related: Vec<LinkJson<'a>>,
    /// Pictures, videos or pages shown with it: `url`, `caption`, `credit`, `thumbnail`, `alt`.
    pub media: &'a [crate::model::Media],
    /// Events that link to this one (their `related` points here).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backlinks: Option<Vec<LinkJson<'a>>>,
    pub confidence: Option<&'static str>,
    /// Best reliability among its sources.
    pub best_reliability: Option<String>,
    /// Match score, when a query with text was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u32>,
}

fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The JSON form of one event.
pub fn event<'a>(
    tl: &'a Timeline,
    ix: EventIx,
    score: Option<u32>,
    backlinks: bool,
    tz: Option<chrono_tz::Tz>,
) -> EventJson<'a> {
    let e: &'a Event = &tl.events[ix as usize];
    let from_days =
        |d: i32| chrono::NaiveDate::from_num_days_from_ce_opt(d).map_or_else(String::new, iso);
    EventJson {
        id: &e.id,
        date: e.date.as_written(),
        date_display: e.date.display_in(DateStyle::Text, tz),
        start_time: e.date.rfc3339(tz),
        end_time: e.end.and_then(|d| d.rfc3339(tz)),
        earliest: from_days(e.date.first_day()),
        latest: from_days(
            e.end
                .map_or(e.date.last_day(), |x| x.last_day().max(e.date.last_day())),
        ),
        end: e.end.map(|d| d.as_written()),
        display_date: e.display_date.as_deref(),
        title: &e.title,
        summary: e.summary.as_deref(),
        tags: e.tags.iter().map(|&t| tl.tag(t)).collect(),
        tag_titles: e
            .tags
            .iter()
            .filter_map(|&t| Some((tl.tag(t), tl.tag_title(t)?)))
            .collect(),
        eras: tl.eras_of(e).map(|x| x.id.as_str()).collect(),
        actors: e
            .actors
            .iter()
            .map(|a| {
                let actor = tl.actor(a.actor);
                ActorJson {
                    id: &actor.id,
                    name: &actor.name,
                    kind: actor.kind.map(|k| k.as_str()),
                    country: actor.country.as_deref(),
                    role: a.role.as_deref(),
                }
            })
            .collect(),
        sources: e
            .citations
            .iter()
            .map(|c| {
                let s = tl.source(c.source);
                SourceJson {
                    id: &s.id,
                    inline: s.inline,
                    publisher: &s.publisher,
                    title: s.title.as_deref(),
                    author: s.author.as_deref(),
                    url: s.url.as_deref(),
                    archive_url: s.archive_url.as_deref(),
                    published: s.published.map(|d| d.as_written()),
                    kind: s.kind.map(|k| k.as_str()),
                    reliability: s.reliability.map(|r| r.to_string()),
                    quote: c.quote.as_deref(),
                    locator: c.locator.as_deref(),
                    credibility: c.credibility.map(|c| c.value()),
                }
            })
            .collect(),
        related: e
            .related
            .iter()
            .map(|l| LinkJson {
                id: &tl.events[l.event as usize].id,
                kind: l.kind.as_str(),
            })
            .collect(),
        media: &e.media,
        backlinks: backlinks.then(|| {
            tl.index.backlinks[ix as usize]
                .iter()
                .map(|l| LinkJson {
                    id: &tl.events[l.event as usize].id,
                    kind: l.kind.as_str(),
                })
                .collect()
        }),
        confidence: e.confidence.map(|c| c.as_str()),
        best_reliability: tl.best_reliability(e).map(|r| r.to_string()),
        score,
    }
}

/// A document listing events: `tlx list --format json`.
#[derive(Serialize)]
pub struct ListJson<'a> {
    pub schema: u32,
    pub tool: String,
    pub timeline: &'a str,
    pub query: Option<&'a str>,
    pub sort: &'static str,
    /// Events in the timeline.
    pub total: usize,
    /// Events in this document.
    pub count: usize,
    pub events: Vec<EventJson<'a>>,
}
