//! Which events a brief covers, how they were chosen, and what the analyst adds.

use crate::model::{EventIx, Timeline};

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

/// How the provenance and JSON describe a selection's basis.
pub(crate) fn basis_kind(b: &Basis) -> &'static str {
    match b {
        Basis::All => "all",
        Basis::Query(_) => "query",
        Basis::Ids(_) => "ids",
        Basis::Marked => "marked",
    }
}
