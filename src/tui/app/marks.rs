//! Marks: the events the user picks in this session, for a brief or for `is:marked`.

use super::state::{App, Level};
use crate::model::EventIx;
use crate::query::edit::toggle_marked;

impl App {
    /// Marks an event, or unmarks it; a list that shows marked events follows.
    pub(super) fn toggle_mark(&mut self, ev: EventIx) {
        if !self.marks.remove(&ev) {
            self.marks.insert(ev);
        }
        let n = self.marks.len();
        let id = self.tl.events[ev as usize].id.clone();
        let verb = if self.marks.contains(&ev) {
            "marked"
        } else {
            "unmarked"
        };
        self.set_status(Level::Info, format!("{verb} {id} ({n} marked)"));
        if self.query_mentions_marked() {
            self.refresh();
        }
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
        } else if self.marks.is_empty() {
            "showing marked events: none yet (Space marks one)".to_string()
        } else {
            format!(
                "showing the {} marked events (m again: back to the list)",
                self.marks.len()
            )
        };
        self.set_status(Level::Info, msg);
    }
}
