//! What changed between two versions of a timeline ([`compare`]), and what changed in a
//! brief's events since it was written ([`since`]). Both give the same [`EventChange`]s,
//! so the command line, the brief and the explorer show changes in one way.
//!
//! This module never prints; `commands::diff` writes a [`Report`] as text or JSON and
//! `brief::changes` as Markdown.

mod compare;
pub mod since;
pub mod text;
mod words;

use serde::Serialize;

pub use compare::compare;
pub use since::{Since, since};
pub use words::{Piece, WordDiff};

/// The version of the JSON `tlx diff --format json` writes (`docs/diff.md`).
pub const JSON_VERSION: u32 = 1;

/// Everything that differs between two timelines.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// By date (the new one, else the old), then id.
    pub events: Vec<EventChange>,
    pub sources: Vec<EntryChange>,
    pub actors: Vec<EntryChange>,
    pub eras: Vec<EntryChange>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.sources.is_empty()
            && self.actors.is_empty()
            && self.eras.is_empty()
    }

    /// How many event changes of kind `k`.
    pub fn count(&self, k: Change) -> usize {
        self.events.iter().filter(|e| e.change == k).count()
    }
}

/// What happened to one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// In the new timeline only.
    Added,
    /// In the old timeline only (since a brief: no longer in the timeline).
    Removed,
    /// In both, with [`EventChange::fields`] different.
    Changed,
    /// An id gone while an event of the same date and a similar title came: probably the
    /// same event under a new id (`old_id` → `id`).
    Renamed,
    /// Since a brief: in the selection now, not then.
    Selected,
    /// Since a brief: in the selection then, not now (still in the timeline).
    Unselected,
}

impl Change {
    /// The sign a line of text output starts with.
    pub fn sign(self) -> char {
        match self {
            Change::Added | Change::Selected => '+',
            Change::Removed | Change::Unselected => '-',
            Change::Changed => '~',
            Change::Renamed => '>',
        }
    }

    /// How a reader says it.
    pub fn label(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Renamed => "renamed",
            Change::Selected => "added to the selection",
            Change::Unselected => "taken out of the selection",
        }
    }
}

/// One event's change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventChange {
    pub change: Change,
    /// The event's id (the new one for a rename).
    pub id: String,
    /// The id it had before, for a rename.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_id: Option<String>,
    /// The date as written (`2024-06?`, `2024-09-17/2024-09-19`): the new one, else the
    /// old.
    pub date: String,
    /// The title: the new one, else the old.
    pub title: String,
    /// What differs, for a change or a rename.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
}

/// One field of an event that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum Field {
    /// Re-dated: the dates as written, so that a change of precision (`2024-06` →
    /// `2024-06-20`) or of a qualifier (`?`, `~`) shows.
    Date {
        old: String,
        new: String,
    },
    Title {
        old: String,
        new: String,
    },
    /// The summary, word by word (`diff` is `None` past the size limit, or when only a
    /// digest of the old summary is known).
    Summary {
        #[serde(skip_serializing_if = "Option::is_none")]
        diff: Option<WordDiff>,
    },
    /// A source cited now and not before (its id and how it reads).
    SourceAdded {
        source: String,
        name: String,
    },
    SourceRemoved {
        source: String,
        name: String,
    },
    /// A cited source whose grade changed: the source's reliability (A–F) or the
    /// citation's credibility (1–6); `None` is ungraded.
    Regraded {
        source: String,
        grade: Grade,
        old: Option<String>,
        new: Option<String>,
    },
    RelatedAdded {
        event: String,
        kind: String,
    },
    RelatedRemoved {
        event: String,
        kind: String,
    },
    TagAdded {
        tag: String,
    },
    TagRemoved {
        tag: String,
    },
    ActorAdded {
        actor: String,
    },
    ActorRemoved {
        actor: String,
    },
    Confidence {
        old: Option<String>,
        new: Option<String>,
    },
}

/// Which grade of a source changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Reliability,
    Credibility,
}

impl Field {
    /// The field's name as a line of text output shows it.
    pub fn name(&self) -> &'static str {
        match self {
            Field::Date { .. } => "date",
            Field::Title { .. } => "title",
            Field::Summary { .. } => "summary",
            Field::SourceAdded { .. } | Field::SourceRemoved { .. } => "source",
            Field::Regraded { .. } => "grade",
            Field::RelatedAdded { .. } | Field::RelatedRemoved { .. } => "related",
            Field::TagAdded { .. } | Field::TagRemoved { .. } => "tag",
            Field::ActorAdded { .. } | Field::ActorRemoved { .. } => "actor",
            Field::Confidence { .. } => "confidence",
        }
    }

    /// True for a change of the sources or their grades (what "re-sourced" and
    /// "re-graded" mean).
    pub fn is_sourcing(&self) -> bool {
        matches!(
            self,
            Field::SourceAdded { .. } | Field::SourceRemoved { .. } | Field::Regraded { .. }
        )
    }
}

/// A registry entry (source, actor, era) added, removed or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryChange {
    /// Added, removed or changed.
    pub change: Change,
    pub id: String,
    /// How it reads: a source's publisher, an actor's name, an era's title.
    pub name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EntryField>,
}

/// One field of a registry entry, old and new (`None`: absent).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntryField {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A date as written (`2024-06`, `2024-09-17/2024-09-19`) in the words people read
/// (`Jun 2024`, `17 – 19 Sep 2024`); as written when it does not parse.
pub fn date_text(written: &str) -> String {
    use crate::model::{Date, DateStyle};
    let mut parts = written.splitn(2, '/');
    let start = parts.next().and_then(|s| Date::parse(s).ok());
    let end = parts.next().map(Date::parse);
    match (start, end) {
        (Some(s), None) => s.display(DateStyle::Text),
        (Some(s), Some(Ok(e))) => s.display_to(&e, DateStyle::Text),
        _ => written.to_string(),
    }
}
