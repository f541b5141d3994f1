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

    /// Shows the marked events only (`is:marked` in the query), or all of them again.
    pub(super) fn toggle_marked_only(&mut self) {
        let (text, had) = toggle_marked(&self.query_text);
        if self.apply_query(&text).is_ok() {
            let msg = if had {
                "showing all events".to_string()
            } else if self.marks.is_empty() {
                "showing marked events: none yet (Space marks one)".to_string()
            } else {
                format!("showing {} marked events", self.marks.len())
            };
            self.set_status(Level::Info, msg);
        }
    }
}
