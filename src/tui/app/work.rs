//! The workspace in the explorer: taking it in (at start, and when the file changed on
//! disk), changing it (every change counted, for the runner to save), and the session
//! state that brings the explorer back where it was.

use std::sync::Arc;

use super::state::{App, Level};
use crate::model::EventIx;
use crate::query::Compiled;
use crate::workspace::session::Session;
use crate::workspace::{Annotations, Workspace, orphans_message};

impl App {
    /// Takes the workspace in as the session begins; `read_only` says why it may not be
    /// changed (it did not read). Entries on events that are gone are reported.
    pub fn set_workspace(&mut self, work: Workspace, read_only: Option<String>) {
        self.work = work;
        self.work_read_only = read_only;
        self.reannotate();
        if let Some(why) = &self.work_read_only {
            self.set_status(Level::Warn, format!("the workspace is read-only: {why}"));
        } else if let Some(msg) = self.orphans() {
            self.set_status(Level::Warn, msg);
        }
    }

    /// The workspace as the file now holds it (merged with this session's edits, by the
    /// runner): shown at once.
    pub fn workspace_merged(&mut self, work: Workspace) {
        if work == self.work && self.work_read_only.is_none() {
            return;
        }
        let was_read_only = self.work_read_only.take().is_some();
        self.work = work;
        self.reannotate();
        let msg = if was_read_only {
            "the workspace reads again: changes are saved from now on"
        } else {
            "the workspace changed on disk: merged with this session's"
        };
        self.set_status(Level::Info, msg);
    }

    /// The workspace file changed and no longer reads: this session keeps what it has,
    /// and writes nothing until the file is fixed.
    pub fn workspace_broken(&mut self, summary: String) {
        self.set_status(
            Level::Error,
            format!(
                "the workspace file no longer reads; nothing is saved until it does: {summary}"
            ),
        );
    }

    /// A save that failed (the runner keeps the edits and tries again at the next one).
    pub fn workspace_not_saved(&mut self, why: String) {
        self.set_status(Level::Error, why);
    }

    /// One sentence on entries whose events are gone, if any.
    pub fn orphans(&self) -> Option<String> {
        let tl = &self.tl;
        orphans_message(&self.work.orphans(|id| tl.event_ix(id).is_some()))
    }

    /// Changes the workspace with `f`, unless it is read-only (then says why); true when
    /// it was changed.
    pub(super) fn edit_work(&mut self, f: impl FnOnce(&mut Workspace)) -> bool {
        if let Some(why) = &self.work_read_only {
            let msg = format!("not changed: the workspace is read-only ({why})");
            self.set_status(Level::Error, msg);
            return false;
        }
        f(&mut self.work);
        self.work_edits += 1;
        self.reannotate();
        true
    }

    /// The events' annotations after the workspace changed; a query that asks about the
    /// workspace runs again.
    fn reannotate(&mut self) {
        self.ann = Annotations::new(&self.work, &self.tl);
        if self.query_mentions_work() {
            if let Ok(c) = Compiled::with_work(&self.parsed, &self.tl, &self.ann) {
                self.compiled = Some(Arc::new(c));
            }
            self.refresh();
        }
    }

    /// Does the list's query ask about the workspace?
    pub(super) fn query_mentions_work(&self) -> bool {
        self.parsed.asks_workspace()
    }

    /// The event id of `ev`.
    pub(super) fn id_of(&self, ev: EventIx) -> String {
        self.tl.events[ev as usize].id.clone()
    }

    /// What the next session starts from: the query, the selection, the history.
    pub fn session(&self) -> Session {
        Session {
            query: self.query_text.clone(),
            selected: self.selected_event().map(|ev| self.id_of(ev)),
            history: self.history.clone(),
        }
    }

    /// Starts where the last session ended: its history, its query (when it still
    /// applies) and its selected event (when it is still listed).
    pub fn restore_session(&mut self, s: Session) {
        self.history = s.history;
        if !s.query.trim().is_empty() && self.apply_query(&s.query).is_err() {
            let q = crate::text::sanitize(&s.query).into_owned();
            self.set_status(
                Level::Warn,
                format!("the last session's query no longer applies: {q}"),
            );
        }
        if let Some(ev) = s.selected.and_then(|id| self.tl.event_ix(&id)) {
            self.select_listed(ev);
        }
    }
}
