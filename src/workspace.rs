//! The analyst's workspace: marks, notes, labels, saved views and brief drafts, kept
//! beside a timeline
//! and never in it.
//!
//! - [`Workspace`] is the work itself, keyed by event id (an id that no longer exists
//!   keeps its entry: see [`Workspace::orphans`]).
//! - [`file`] reads it (with positions for every problem) and writes it: plain YAML in
//!   a fixed order, so that it reads well and merges well in git (`docs/workspace.md`).
//! - [`merge`] joins two sessions' edits to one base; [`Store`] saves through it, so
//!   that two explorers on one file, or a `git pull` underneath, lose nothing.
//! - [`place`] says where a timeline's workspace and the personal session state live.
//! - [`Annotations`] is the workspace seen from one timeline, by event index: what the
//!   query language's `is:marked`, `has:note`, `label:`, `note:` and `view:` ask about.
//!
//! This module never prints and never reads the command line.

mod annotations;
pub mod briefs;
mod check;
pub mod draft_text;
pub mod file;
pub mod merge;
pub mod place;
pub mod schema;
pub mod session;
mod store;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use annotations::Annotations;
pub use file::WorkspaceError;
pub use store::{SaveError, Store};

/// The version of the workspace format this build reads and writes.
pub const VERSION: u32 = 1;

/// The analyst's work on one timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Workspace {
    /// Per event id: marked, labels, notes. No entry is empty.
    pub events: BTreeMap<String, Entry>,
    /// Saved views by name.
    pub views: BTreeMap<String, View>,
    /// Brief drafts by name.
    pub drafts: BTreeMap<String, Draft>,
    /// What each brief written from a draft was built from, by draft then time (the
    /// last [`briefs::MAX_PER_DRAFT`] of each draft).
    pub briefs: Vec<briefs::BriefRecord>,
}

/// A brief in the making: the analyst's title, bottom line and key judgments, and the
/// events it covers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The bottom line up front, in the analyst's words (several lines allowed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub bluf: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub judgments: Vec<DraftJudgment>,
    /// The ids of the events the brief covers, as they were chosen last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Whether the analyst's notes go into the brief.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub notes: bool,
}

/// A key judgment as the analyst wrote it: the words are kept as written, and checked
/// (`brief::lint`) rather than refused.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftJudgment {
    pub text: String,
    /// An ICD 203 likelihood term (`likely`, `roughly even chance` …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub likelihood: String,
    /// `low`, `moderate` or `high`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub confidence: String,
    /// The ids of the events it rests on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

/// What the analyst keeps on one event.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub marked: bool,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub labels: BTreeSet<String>,
    /// Oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

impl Entry {
    pub fn is_empty(&self) -> bool {
        !self.marked && self.labels.is_empty() && self.notes.is_empty()
    }
}

/// A note on an event: the analyst's words, never sourced text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Note {
    /// When it was written, RFC 3339 in UTC to the second (`2026-12-02T17:03:05Z`); set
    /// once, so an unchanged note never changes the file.
    pub at: String,
    pub author: String,
    pub text: String,
}

/// A saved view: a name for a query, its order and whether context rows show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub query: String,
    #[serde(default, skip_serializing_if = "ViewSort::is_date")]
    pub sort: ViewSort,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub context: bool,
}

/// A view's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ViewSort {
    #[default]
    Date,
    Score,
}

impl ViewSort {
    fn is_date(&self) -> bool {
        *self == ViewSort::Date
    }
}

/// The longest label, in characters.
pub const MAX_LABEL_CHARS: usize = 40;

/// A label as it is kept (lower case), or why it cannot be one: letters, digits, `-`
/// and `_`, so that `label:NAME` can ask for it.
pub fn label_name(raw: &str) -> Result<String, String> {
    name_of("label", raw)
}

/// A view's name as it is kept, or why it cannot be one (the rule of labels).
pub fn view_name(raw: &str) -> Result<String, String> {
    name_of("view name", raw)
}

/// A draft's name as it is kept, or why it cannot be one (the rule of labels).
pub fn draft_name(raw: &str) -> Result<String, String> {
    name_of("draft name", raw)
}

/// `raw` as a name of the kind `what` (lower case), or why it cannot be one.
fn name_of(what: &str, raw: &str) -> Result<String, String> {
    let l = raw.trim().to_lowercase();
    if l.is_empty() {
        return Err(format!("a {what} needs at least one letter or digit"));
    }
    if l.chars().count() > MAX_LABEL_CHARS {
        return Err(format!(
            "{what} '{l}' is longer than {MAX_LABEL_CHARS} characters"
        ));
    }
    if let Some(c) = l
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(format!(
            "{what} '{l}' holds '{c}': a {what} is letters, digits, '-' and '_'"
        ));
    }
    Ok(l)
}

impl Workspace {
    /// True when there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
            && self.views.is_empty()
            && self.drafts.is_empty()
            && self.briefs.is_empty()
    }

    fn entry_mut(&mut self, id: &str) -> &mut Entry {
        self.events.entry(id.to_string()).or_default()
    }

    /// Drops entries that hold nothing, and puts notes in order.
    pub fn tidy(&mut self) {
        self.events.retain(|_, e| !e.is_empty());
        self.briefs.sort();
        self.briefs.dedup();
        // Only the last few of each draft are kept.
        let mut kept: BTreeMap<String, usize> = BTreeMap::new();
        for i in (0..self.briefs.len()).rev() {
            let n = kept.entry(self.briefs[i].draft.clone()).or_default();
            *n += 1;
            if *n > briefs::MAX_PER_DRAFT {
                self.briefs.remove(i);
            }
        }
        for e in self.events.values_mut() {
            e.notes.sort();
            e.notes.dedup();
        }
    }

    /// The record of the last brief written from the draft `name`.
    pub fn last_brief(&self, name: &str) -> Option<&briefs::BriefRecord> {
        self.briefs.iter().rev().find(|b| b.draft == name)
    }

    /// The last brief written from any draft.
    pub fn latest_brief(&self) -> Option<&briefs::BriefRecord> {
        self.briefs.iter().max_by(|a, b| a.at.cmp(&b.at))
    }

    /// Keeps the record of a brief just written.
    pub fn record_brief(&mut self, record: briefs::BriefRecord) {
        self.briefs.push(record);
        self.tidy();
    }

    pub fn is_marked(&self, id: &str) -> bool {
        self.events.get(id).is_some_and(|e| e.marked)
    }

    /// Marks or unmarks an event.
    pub fn set_marked(&mut self, id: &str, on: bool) {
        self.entry_mut(id).marked = on;
        self.tidy();
    }

    /// The marked ids, in id order.
    pub fn marked(&self) -> impl Iterator<Item = &str> {
        self.events
            .iter()
            .filter(|(_, e)| e.marked)
            .map(|(id, _)| id.as_str())
    }

    /// Adds a note (empty text is no note).
    pub fn add_note(&mut self, id: &str, note: Note) {
        if note.text.trim().is_empty() {
            return;
        }
        self.entry_mut(id).notes.push(note);
        self.tidy();
    }

    /// Replaces the note `old` on `id` by one with `text` (empty text removes it).
    pub fn edit_note(&mut self, id: &str, old: &Note, text: &str) {
        let e = self.entry_mut(id);
        e.notes.retain(|n| n != old);
        if !text.trim().is_empty() {
            e.notes.push(Note {
                text: text.to_string(),
                ..old.clone()
            });
        }
        self.tidy();
    }

    pub fn notes(&self, id: &str) -> &[Note] {
        self.events.get(id).map_or(&[], |e| e.notes.as_slice())
    }

    pub fn labels(&self, id: &str) -> impl Iterator<Item = &str> {
        self.events
            .get(id)
            .into_iter()
            .flat_map(|e| e.labels.iter().map(String::as_str))
    }

    /// Sets an event's labels (already checked with [`label_name`]).
    pub fn set_labels(&mut self, id: &str, labels: BTreeSet<String>) {
        self.entry_mut(id).labels = labels;
        self.tidy();
    }

    /// Every label in use, with how many events carry it.
    pub fn label_counts(&self) -> BTreeMap<&str, usize> {
        let mut out = BTreeMap::new();
        for e in self.events.values() {
            for l in &e.labels {
                *out.entry(l.as_str()).or_default() += 1;
            }
        }
        out
    }

    /// Ids with an entry that `exists` says are not in the timeline, with what they hold.
    pub fn orphans(&self, exists: impl Fn(&str) -> bool) -> Vec<(&str, &Entry)> {
        self.events
            .iter()
            .filter(|(id, _)| !exists(id))
            .map(|(id, e)| (id.as_str(), e))
            .collect()
    }
}

/// One sentence on entries whose events are gone: `2 notes and 1 mark refer to events
/// that are gone: old-id, other-id`; `None` when there are none.
pub fn orphans_message(orphans: &[(&str, &Entry)]) -> Option<String> {
    if orphans.is_empty() {
        return None;
    }
    let count = |n: usize, one: &str, many: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    };
    let notes: usize = orphans.iter().map(|(_, e)| e.notes.len()).sum();
    let marks = orphans.iter().filter(|(_, e)| e.marked).count();
    let labels: usize = orphans.iter().map(|(_, e)| e.labels.len()).sum();
    let parts: Vec<String> = [
        count(notes, "note", "notes"),
        count(marks, "mark", "marks"),
        count(labels, "label", "labels"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let verb = if notes + marks + labels == 1 {
        "refers"
    } else {
        "refer"
    };
    let ids: Vec<&str> = orphans.iter().map(|(id, _)| *id).collect();
    Some(format!(
        "{} in the workspace {verb} to events that are gone: {}",
        parts.join(" and "),
        ids.join(", ")
    ))
}

/// A note by `ana`, for the tests of this module.
#[cfg(test)]
pub(crate) fn test_note(at: &str, text: &str) -> Note {
    Note {
        at: at.into(),
        author: "ana".into(),
        text: text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(at: &str, text: &str) -> Note {
        test_note(at, text)
    }

    #[test]
    fn an_entry_that_holds_nothing_goes() {
        let mut w = Workspace::default();
        w.set_marked("a", true);
        assert!(w.is_marked("a"));
        w.set_marked("a", false);
        assert!(w.events.is_empty());
        w.add_note("b", note("2026-01-01T00:00:00Z", "  "));
        assert!(w.events.is_empty(), "a blank note is no note");
    }

    #[test]
    fn notes_keep_their_time_when_edited_and_go_when_emptied() {
        let mut w = Workspace::default();
        let n = note("2026-01-01T00:00:00Z", "first");
        w.add_note("a", n.clone());
        w.edit_note("a", &n, "changed");
        assert_eq!(w.notes("a"), &[note("2026-01-01T00:00:00Z", "changed")]);
        w.edit_note("a", &w.notes("a")[0].clone(), "");
        assert!(w.events.is_empty());
    }

    #[test]
    fn labels_are_letters_digits_dashes_and_underscores() {
        assert_eq!(label_name(" FollowUp ").unwrap(), "followup");
        assert_eq!(label_name("état_2").unwrap(), "état_2");
        assert!(label_name("two words").unwrap_err().contains("' '"));
        assert!(label_name("").is_err());
        assert!(label_name(&"x".repeat(41)).is_err());
        assert!(view_name("a,b").unwrap_err().starts_with("view name"));
    }

    #[test]
    fn orphans_are_counted_and_named() {
        let mut w = Workspace::default();
        w.add_note("gone", note("2026-01-01T00:00:00Z", "x"));
        w.add_note("gone", note("2026-01-02T00:00:00Z", "y"));
        w.set_marked("lost", true);
        w.set_marked("here", true);
        let o = w.orphans(|id| id == "here");
        assert_eq!(
            orphans_message(&o).unwrap(),
            "2 notes and 1 mark in the workspace refer to events that are gone: gone, lost"
        );
        assert_eq!(orphans_message(&w.orphans(|_| true)), None);
    }
}
