//! What changed: since the last brief (the events it was built from, as the timeline has
//! them now) or since a git revision of the timeline's files, as a list to open events
//! from; while the view is on, the main list marks each changed event.

use std::collections::HashMap;
use std::sync::Arc;

use super::overlays::{ChangesState, Overlay, PromptKind, PromptState};
use super::state::{App, Level, step};
use crate::diff::since::Review;
use crate::diff::{Change, EventChange};
use crate::model::{EventIx, Timeline};
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

/// What the changes are counted from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// A brief written from the workspace: its draft and when (RFC 3339).
    Brief { draft: String, at: String },
    /// A git revision: the timeline it holds, and the files it does not have yet.
    Revision {
        rev: String,
        old: Arc<Timeline>,
        missing: Vec<String>,
    },
}

/// The changes the view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangesView {
    pub basis: Basis,
    /// By date, then id.
    pub events: Vec<EventChange>,
    /// One line on the whole: how many events changed and how.
    pub headline: String,
    /// A revision's changes to sources, actors and eras, as `tlx diff` prints them.
    pub registries: Vec<String>,
    /// The change of each event still in the timeline: the main list's marks.
    pub marks: HashMap<EventIx, Change>,
    /// Since a brief: the draft's key judgments that rest on an event that changed.
    pub review: Vec<Review>,
}

impl ChangesView {
    /// What the changes are since: `since the brief of 2026-12-02 17:03 UTC (draft
    /// 'brief')`, `since HEAD~3`.
    pub fn since(&self) -> String {
        match &self.basis {
            Basis::Brief { draft, at } => {
                let at = chrono::DateTime::parse_from_rfc3339(at).map_or_else(
                    |_| at.clone(),
                    |t| crate::brief::time_label(t.with_timezone(&chrono::Utc)),
                );
                format!("since the brief of {at} (draft '{draft}')")
            }
            Basis::Revision { rev, .. } => format!("since {rev}"),
        }
    }

    fn new(
        basis: Basis,
        events: Vec<EventChange>,
        headline: String,
        registries: Vec<String>,
        review: Vec<Review>,
        tl: &Timeline,
    ) -> Self {
        let marks = events
            .iter()
            .filter_map(|c| Some((tl.event_ix(&c.id)?, c.change)))
            .collect();
        ChangesView {
            basis,
            events,
            headline,
            registries,
            marks,
            review,
        }
    }
}

impl App {
    /// Opens the list of changes: the view shown before, counted again; else the
    /// changes since the last brief (of the draft being composed, else of any draft).
    pub(super) fn open_changes(&mut self) {
        let on_brief = matches!(
            self.changes.as_ref().map(|v| &v.basis),
            None | Some(Basis::Brief { .. })
        );
        if on_brief {
            let record = self
                .work
                .last_brief(&self.draft_name)
                .or_else(|| self.work.latest_brief());
            if let Some(r) = record {
                let basis = Basis::Brief {
                    draft: r.draft.clone(),
                    at: r.at.clone(),
                };
                self.changes = Some(self.changes_from(basis));
            }
        } else {
            self.recount_changes();
        }
        self.overlay = Some(Overlay::Changes(ChangesState::default()));
    }

    /// The changes from `basis` to the timeline now.
    fn changes_from(&self, basis: Basis) -> ChangesView {
        let tl = &self.tl;
        match &basis {
            Basis::Brief { draft, at } => {
                let record = self
                    .work
                    .briefs
                    .iter()
                    .find(|b| &b.draft == draft && &b.at == at);
                let since = record.map(|r| {
                    // The brief's events as they are now (those still there).
                    let mut now: Vec<EventIx> =
                        r.events.iter().filter_map(|e| tl.event_ix(&e.id)).collect();
                    now.sort_unstable();
                    let judgments = self
                        .work
                        .drafts
                        .get(draft)
                        .map(|d| d.judgments.clone())
                        .unwrap_or_default();
                    crate::diff::since(r, tl, &now, &judgments)
                });
                let briefed = record.map_or(0, |r| r.events.len());
                let (events, review) = since.map(|s| (s.events, s.review)).unwrap_or_default();
                let gone = events
                    .iter()
                    .filter(|c| c.change == Change::Removed)
                    .count();
                let headline = format!(
                    "of the brief's {briefed} event{}: {} changed, {gone} no longer in the timeline",
                    plural(briefed),
                    events.len() - gone,
                );
                ChangesView::new(basis, events, headline, Vec::new(), review, tl)
            }
            Basis::Revision { old, .. } => {
                let report = crate::diff::compare(old, tl);
                let headline = crate::diff::text::headline(&report);
                let registries = crate::diff::text::registry_lines(&report, false);
                ChangesView::new(basis, report.events, headline, registries, Vec::new(), tl)
            }
        }
    }

    /// The view counted again against the timeline now (after a reload, or when the
    /// workspace changed).
    pub(super) fn recount_changes(&mut self) {
        if let Some(v) = self.changes.take() {
            self.changes = Some(self.changes_from(v.basis));
        }
    }

    pub(super) fn changes_action(&mut self, mut st: ChangesState, a: Action) -> Vec<Effect> {
        let n = self.changes.as_ref().map_or(0, |v| v.events.len());
        match a {
            Action::Close | Action::Cancel | Action::Changes => {
                if let Some(v) = &self.changes {
                    let msg = format!(
                        "changed events are marked in the list ({}): C lists them again",
                        v.since()
                    );
                    self.set_status(Level::Info, msg);
                }
                return Vec::new();
            }
            Action::ChangesOff => {
                if self.changes.take().is_some() {
                    self.set_status(Level::Info, "changed events are no longer marked");
                }
                return Vec::new();
            }
            Action::Revision => {
                self.overlay = Some(Overlay::Prompt(PromptState {
                    kind: PromptKind::Revision,
                    input: LineInput::default(),
                }));
                return Vec::new();
            }
            Action::Down => st.selected = step(st.selected, 1, n),
            Action::Up => st.selected = step(st.selected, -1, n),
            Action::Top => st.selected = 0,
            Action::Bottom => st.selected = n.saturating_sub(1),
            Action::Open | Action::Accept => {
                let id = self
                    .changes
                    .as_ref()
                    .and_then(|v| v.events.get(st.selected))
                    .map(|c| (c.id.clone(), c.change));
                if let Some((id, change)) = id {
                    match self.tl.event_ix(&id) {
                        Some(ev) => {
                            self.select_listed(ev);
                            self.open_event(ev);
                            return Vec::new();
                        }
                        None => {
                            let why = if change == Change::Removed {
                                "it is no longer in the timeline"
                            } else {
                                "it is not in the timeline"
                            };
                            let id = crate::text::sanitize(&id).into_owned();
                            self.set_status(Level::Warn, format!("{id} cannot be opened: {why}"));
                        }
                    }
                }
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Changes(st));
        Vec::new()
    }

    /// The revision prompt: Enter asks the runner to read the timeline at it.
    pub(super) fn revision_prompt_action(&mut self, mut p: PromptState, a: Action) -> Vec<Effect> {
        match a {
            Action::Cancel => {
                self.overlay = Some(Overlay::Changes(ChangesState::default()));
                Vec::new()
            }
            Action::Accept => {
                let rev = p.input.text().trim().to_string();
                if rev.is_empty() {
                    self.set_status(Level::Warn, "name a revision: HEAD~1, a tag, a commit");
                    self.overlay = Some(Overlay::Prompt(p));
                    return Vec::new();
                }
                let shown = crate::text::sanitize(&rev).into_owned();
                self.set_status(Level::Info, format!("reading the timeline at {shown}…"));
                vec![Effect::ReadRevision(rev)]
            }
            other => {
                p.input.edit(other);
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
        }
    }

    /// The runner read the timeline at `rev` (or could not): the view shows the changes
    /// since it.
    pub fn revision_read(
        &mut self,
        rev: String,
        read: Result<(Arc<Timeline>, Vec<String>), String>,
    ) {
        match read {
            Ok((old, missing)) => {
                let basis = Basis::Revision { rev, old, missing };
                let v = self.changes_from(basis);
                let n = v.events.len();
                let msg = format!("{n} event{} changed {}", plural(n), v.since());
                self.changes = Some(v);
                self.set_status(Level::Info, crate::text::sanitize(&msg).into_owned());
                self.overlay = Some(Overlay::Changes(ChangesState::default()));
            }
            Err(e) => self.set_status(Level::Error, crate::text::sanitize(&e).into_owned()),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
