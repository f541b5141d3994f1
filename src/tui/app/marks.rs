//! Marks: the events the analyst picks, kept in the workspace, for a brief or for
//! `is:marked`.

use super::state::{App, Level};
use crate::model::EventIx;
use crate::query::edit::toggle_marked;

impl App {
    /// Marks an event, or unmarks it; a list that shows marked events follows.
    pub(super) fn toggle_mark(&mut self, ev: EventIx) {
        let id = self.id_of(ev);
        let on = !self.ann.marks.contains(&ev);
        if !self.edit_work(|w| w.set_marked(&id, on)) {
            return;
        }
        let n = self.ann.marks.len();
        let verb = if on { "marked" } else { "unmarked" };
        self.set_status(Level::Info, format!("{verb} {id} ({n} marked)"));
    }

    /// Shows the marked events, whatever the query (`is:marked` alone), or goes back to
    /// the query that was there before. A query that holds `is:marked` among other terms
    /// (typed) loses that term instead.
    pub(super) fn toggle_marked_only(&mut self) {
        let back = self.before_marked.take();
        let (text, had) = match back {
            Some(before) if self.query_text.trim() == "is:marked" => (before, true),
            _ if self.query_mentions_marked() => (toggle_marked(&self.query_text).0, true),
            _ => {
                self.before_marked = Some(self.query_text.clone());
                ("is:marked".to_string(), false)
            }
        };
        if self.apply_query(&text).is_err() {
            // The query to go back to no longer holds (the files changed): show all.
            let _ = self.apply_query("");
        }
        let msg = if had {
            match self.query_text.trim() {
                "" => "showing all events".to_string(),
                q => format!("back to the query: {q}"),
            }
        } else if self.ann.marks.is_empty() {
            "showing marked events: none yet (Space marks one)".to_string()
        } else {
            format!(
                "showing the {} marked events (m again: back to the list)",
                self.ann.marks.len()
            )
        };
        self.set_status(Level::Info, msg);
    }
}
