//! A brief from a workspace draft: its events, the analyst's title, bottom line and key
//! judgments, and (when the draft says so) the analyst's notes on the events.

use std::collections::BTreeMap;

use super::lint::likelihood;
use super::selection::{Basis, Judgment, Level, Options, Selection};
use crate::model::{EventIx, Timeline};
use crate::workspace::{Draft, Workspace};

/// The selection and options of `draft` (the analyst, who is not the draft's, is the
/// caller's to add); ids the timeline no longer holds are left out (the lint names them).
pub fn from_draft(tl: &Timeline, draft: &Draft, work: &Workspace) -> (Selection, Options) {
    let ixs =
        |ids: &[String]| -> Vec<EventIx> { ids.iter().filter_map(|id| tl.event_ix(id)).collect() };
    let events = ixs(&draft.events);
    let notes: BTreeMap<EventIx, Vec<crate::workspace::Note>> = if draft.notes {
        events
            .iter()
            .map(|&ix| (ix, work.notes(&tl.events[ix as usize].id).to_vec()))
            .filter(|(_, n)| !n.is_empty())
            .collect()
    } else {
        BTreeMap::new()
    };
    let judgments = draft
        .judgments
        .iter()
        .map(|j| Judgment {
            text: j.text.clone(),
            likelihood: likelihood(&j.likelihood),
            confidence: Level::parse(j.confidence.trim().to_lowercase().as_str()),
            events: ixs(&j.events),
        })
        .collect();
    let nonblank = |s: &str| (!s.trim().is_empty()).then(|| s.to_string());
    (
        Selection {
            events,
            basis: Basis::Ids(draft.events.clone()),
        },
        Options {
            title: nonblank(&draft.title),
            bluf: nonblank(&draft.bluf),
            analyst: None,
            judgments,
            notes,
            changes: None,
            tz: None,
        },
    )
}

/// What changed in `events` (the brief's selection now) since the last brief of the
/// draft `name` was written; `None` when none was.
pub fn changes(
    tl: &Timeline,
    name: &str,
    draft: &Draft,
    work: &Workspace,
    events: &[EventIx],
) -> Option<crate::diff::Since> {
    let record = work.last_brief(name)?;
    Some(crate::diff::since(record, tl, events, &draft.judgments))
}
