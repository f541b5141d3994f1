//! Which events a brief covers, how they were chosen, and what the analyst adds.

use std::collections::BTreeMap;

use crate::model::{Confidence, EventIx, Timeline};
use crate::workspace::Note;

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
    /// The events marked in the workspace.
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
    /// Who wrote the brief (`author:` in the config), for the provenance.
    pub analyst: Option<String>,
    /// The analyst's key judgments, in order.
    pub judgments: Vec<Judgment>,
    /// The analyst's notes to show under their events (none: no notes in the brief).
    pub notes: BTreeMap<EventIx, Vec<Note>>,
    /// What changed since the draft's previous brief (none: no such section).
    pub changes: Option<crate::diff::Since>,
    /// The zone times of day are shown in (`--tz`); `None`: each as written, in its zone.
    pub tz: Option<chrono_tz::Tz>,
}

/// A key judgment: one sentence of the analyst's, how likely it holds (ICD 203's
/// ladder), with what confidence, and the events it rests on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Judgment {
    pub text: String,
    pub likelihood: Option<Confidence>,
    pub confidence: Option<Level>,
    pub events: Vec<EventIx>,
}

/// Analytic confidence in a judgment (ICD 203: the quality of the information and the
/// reasoning, which is not the likelihood).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Low,
    Moderate,
    High,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Low, Level::Moderate, Level::High];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
        }
    }
    pub fn parse(s: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == s)
    }
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
