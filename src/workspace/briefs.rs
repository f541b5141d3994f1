//! What a written brief was built from, kept in the workspace so that the next brief of
//! the same draft can say what changed since: the inputs' SHA-256, and a digest of each
//! selected event (date, title, a hash of the summary, the sources and their grades) —
//! enough to compare with, without copying the timeline.

use serde::{Deserialize, Serialize};

use crate::model::{Event, EventIx, Timeline};

/// Records kept per draft (the oldest go first).
pub const MAX_PER_DRAFT: usize = 10;

/// One written brief.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefRecord {
    /// The draft it was written from.
    pub draft: String,
    /// When, RFC 3339 in UTC (`2026-12-02T17:03:05Z`).
    pub at: String,
    pub inputs: Vec<InputDigest>,
    /// The selected events, in the brief's order.
    #[serde(default)]
    pub events: Vec<EventDigest>,
}

/// One input file of the timeline the brief was built from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InputDigest {
    pub name: String,
    pub sha256: String,
}

/// An event as the brief saw it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventDigest {
    pub id: String,
    /// As written, with its end (`2024-09-17/2024-09-19`).
    pub date: String,
    pub title: String,
    /// The xxh3-64 of the summary, in hex (empty: no summary).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<SourceDigest>,
}

/// A source an event cites, with its grades (empty: ungraded).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDigest {
    pub id: String,
    /// A–F.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reliability: String,
    /// 1–6: the best of the event's citations of the source.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub credibility: String,
}

/// The hash a digest keeps of a summary.
pub fn summary_hash(summary: Option<&str>) -> String {
    match summary {
        Some(s) if !s.is_empty() => {
            format!("{:016x}", twox_hash::XxHash3_64::oneshot(s.as_bytes()))
        }
        _ => String::new(),
    }
}

/// The digest of one event of `tl`.
pub fn digest(tl: &Timeline, e: &Event) -> EventDigest {
    let mut sources: Vec<SourceDigest> = Vec::new();
    for c in &e.citations {
        let s = tl.source(c.source);
        let cred = c
            .credibility
            .map(|c| c.value().to_string())
            .unwrap_or_default();
        match sources.iter_mut().find(|d| d.id == s.id) {
            Some(d) => {
                if !cred.is_empty() && (d.credibility.is_empty() || cred < d.credibility) {
                    d.credibility = cred;
                }
            }
            None => sources.push(SourceDigest {
                id: s.id.clone(),
                reliability: s
                    .reliability
                    .map(|r| r.letter().to_string())
                    .unwrap_or_default(),
                credibility: cred,
            }),
        }
    }
    sources.sort();
    EventDigest {
        id: e.id.clone(),
        date: e.written_date(),
        title: e.title.clone(),
        summary: summary_hash(e.summary.as_deref()),
        sources,
    }
}

/// The record of a brief of `draft` written at `at` on the events `events` of `tl`.
pub fn record(tl: &Timeline, draft: &str, events: &[EventIx], at: &str) -> BriefRecord {
    BriefRecord {
        draft: draft.to_string(),
        at: at.to_string(),
        inputs: tl
            .inputs
            .iter()
            .map(|i| InputDigest {
                name: i.name.clone(),
                sha256: i.sha256_prefix(64),
            })
            .collect(),
        events: events
            .iter()
            .map(|&ix| digest(tl, &tl.events[ix as usize]))
            .collect(),
    }
}
