//! What changed in a brief's events since the previous brief of the same draft: the
//! record the workspace keeps of it ([`BriefRecord`]) against the timeline and the
//! selection now.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::compare::regraded;
use super::{Change, EventChange, Field, Grade};
use crate::model::{Date, EventIx, Timeline};
use crate::workspace::DraftJudgment;
use crate::workspace::briefs::{BriefRecord, EventDigest, digest};

/// The changes since one brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Since {
    pub draft: String,
    /// When the previous brief was written (RFC 3339).
    pub at: String,
    /// True when every input file is byte for byte the one the brief was built from.
    pub same_inputs: bool,
    /// By date, then id.
    pub events: Vec<EventChange>,
    /// The analyst's key judgments that rest on an event that changed.
    pub review: Vec<Review>,
}

impl Since {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }
}

/// A key judgment to look at again: its number (from 1), its words and the changed
/// events it rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    pub number: usize,
    pub text: String,
    pub events: Vec<String>,
}

/// The changes from `record` to the events `selection` of `tl`; `judgments` are the
/// draft's now.
pub fn since(
    record: &BriefRecord,
    tl: &Timeline,
    selection: &[EventIx],
    judgments: &[DraftJudgment],
) -> Since {
    let now: HashMap<&str, EventIx> = selection
        .iter()
        .map(|&ix| (tl.events[ix as usize].id.as_str(), ix))
        .collect();
    let mut out: Vec<EventChange> = Vec::new();
    let mut seen = HashSet::new();
    for old in &record.events {
        seen.insert(old.id.as_str());
        let current = tl.event_ix(&old.id);
        let kind = match (now.contains_key(old.id.as_str()), current) {
            (true, _) => Change::Changed,
            (false, Some(_)) => Change::Unselected,
            (false, None) => Change::Removed,
        };
        let Some(ix) = current else {
            out.push(EventChange {
                change: kind,
                id: old.id.clone(),
                old_id: None,
                date: old.date.clone(),
                title: old.title.clone(),
                fields: Vec::new(),
            });
            continue;
        };
        let e = &tl.events[ix as usize];
        let fields = fields(tl, old, &digest(tl, e));
        if kind == Change::Changed && fields.is_empty() {
            continue;
        }
        out.push(EventChange {
            change: kind,
            id: e.id.clone(),
            old_id: None,
            date: e.written_date(),
            title: e.title.clone(),
            fields,
        });
    }
    for &ix in selection {
        let e = &tl.events[ix as usize];
        if !seen.contains(e.id.as_str()) {
            out.push(EventChange {
                change: Change::Selected,
                id: e.id.clone(),
                old_id: None,
                date: e.written_date(),
                title: e.title.clone(),
                fields: Vec::new(),
            });
        }
    }
    let start = |c: &EventChange| Date::parse(c.date.split('/').next().unwrap_or("")).ok();
    out.sort_by(|a, b| match (start(a), start(b)) {
        (Some(x), Some(y)) => x.chrono_cmp(&y).then_with(|| a.id.cmp(&b.id)),
        _ => a.id.cmp(&b.id),
    });
    let changed: HashSet<&str> = out
        .iter()
        .filter(|c| c.change != Change::Selected)
        .map(|c| c.id.as_str())
        .collect();
    let review = judgments
        .iter()
        .enumerate()
        .filter_map(|(i, j)| {
            let events: Vec<String> = j
                .events
                .iter()
                .filter(|id| changed.contains(id.as_str()))
                .cloned()
                .collect();
            (!events.is_empty()).then(|| Review {
                number: i + 1,
                text: j.text.clone(),
                events,
            })
        })
        .collect();
    let same_inputs = record.inputs.len() == tl.inputs.len()
        && record
            .inputs
            .iter()
            .zip(&tl.inputs)
            .all(|(r, i)| r.sha256 == i.sha256_prefix(64));
    Since {
        draft: record.draft.clone(),
        at: record.at.clone(),
        same_inputs,
        events: out,
        review,
    }
}

/// What differs between an event's digest then and now.
fn fields(tl: &Timeline, old: &EventDigest, new: &EventDigest) -> Vec<Field> {
    let mut out = Vec::new();
    if old.date != new.date {
        out.push(Field::Date {
            old: old.date.clone(),
            new: new.date.clone(),
        });
    }
    if old.title != new.title {
        out.push(Field::Title {
            old: old.title.clone(),
            new: new.title.clone(),
        });
    }
    if old.summary != new.summary {
        out.push(Field::Summary { diff: None });
    }
    let name = |id: &str| {
        tl.index
            .source_by_id
            .get(id)
            .map_or_else(|| id.to_string(), |&s| tl.source(s).publisher.clone())
    };
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    for s in &new.sources {
        match old.sources.iter().find(|o| o.id == s.id) {
            None => out.push(Field::SourceAdded {
                source: s.id.clone(),
                name: name(&s.id),
            }),
            Some(o) => {
                out.extend(regraded(
                    &s.id,
                    Grade::Reliability,
                    &opt(&o.reliability),
                    &opt(&s.reliability),
                ));
                out.extend(regraded(
                    &s.id,
                    Grade::Credibility,
                    &opt(&o.credibility),
                    &opt(&s.credibility),
                ));
            }
        }
    }
    for o in &old.sources {
        if !new.sources.iter().any(|s| s.id == o.id) {
            out.push(Field::SourceRemoved {
                source: o.id.clone(),
                name: name(&o.id),
            });
        }
    }
    out
}
