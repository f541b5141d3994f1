//! The query line: the list narrows as the user types; Enter keeps the query, Esc
//! goes back to the query as it was before the line opened, Ctrl-U clears the line, and
//! the session's queries can be walked again.

use super::complete;
use super::overlays::{Overlay, SearchState};
use super::state::{App, Level};
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

impl App {
    /// Opens the query line on the kept query, with a space after it so that what is
    /// typed next starts a new term instead of running into the last one.
    pub(super) fn open_search(&mut self) {
        let before = self.query_text.clone();
        let mut text = before.clone();
        if !text.trim().is_empty() && !text.ends_with(' ') {
            text.push(' ');
        }
        self.overlay = Some(Overlay::Search(SearchState {
            input: LineInput::new(&text),
            before,
            history_pos: None,
            error: None,
            menu: None,
            note: None,
        }));
    }

    pub(super) fn search_action(&mut self, mut st: SearchState, a: Action) -> Vec<Effect> {
        st.note = None;
        if st.menu.is_some() {
            match a {
                Action::Complete | Action::CompletePrevious => {
                    complete::walk(&mut st, a == Action::Complete);
                    return self.search_changed(st);
                }
                Action::Cancel => {
                    complete::close_menu(&mut st);
                    return self.search_changed(st);
                }
                // Anything else goes on with the line as it reads.
                _ => st.menu = None,
            }
        }
        match a {
            Action::Accept => {
                let text = st.input.text().trim().to_string();
                if st.error.is_some() {
                    // Keep the line open: the bad term is marked and explained.
                    self.overlay = Some(Overlay::Search(st));
                    return Vec::new();
                }
                self.remember_query(&text);
                let n = self.hits.len();
                // While the search still runs, the header says so; its count follows.
                if self.has_query() && !self.searching() {
                    self.set_status(
                        Level::Info,
                        format!("{n} of {} events match", self.tl.events.len()),
                    );
                }
                return Vec::new();
            }
            Action::Cancel => {
                // The query before `/` was valid when it was kept; should a reload have
                // made it invalid since, the list shows every event, as for any bad query.
                if self.apply_query(&st.before).is_err() {
                    let _ = self.apply_query("");
                }
                return Vec::new();
            }
            Action::HistoryPrevious | Action::HistoryNext if !self.history.is_empty() => {
                let len = self.history.len();
                let pos = match (a, st.history_pos) {
                    (Action::HistoryPrevious, None) => Some(len - 1),
                    (Action::HistoryPrevious, Some(p)) => Some(p.saturating_sub(1)),
                    (Action::HistoryNext, Some(p)) if p + 1 < len => Some(p + 1),
                    _ => None,
                };
                st.history_pos = pos;
                let text = pos.map_or("", |p| self.history[p].as_str()).to_string();
                st.input.set(&text);
                st.error = self.apply_query(&text).err();
            }
            Action::Complete => {
                if self.complete_query(&mut st) {
                    return self.search_changed(st);
                }
            }
            other => {
                if st.input.edit(other) {
                    return self.search_changed(st);
                }
            }
        }
        self.overlay = Some(Overlay::Search(st));
        Vec::new()
    }

    /// Text typed or pasted into the query line: the list follows at once.
    pub(super) fn search_input(&mut self, mut st: SearchState, s: &str) {
        st.menu = None;
        st.note = None;
        st.input.insert(s);
        self.search_changed(st);
    }

    /// The line's text changed: the list follows it.
    fn search_changed(&mut self, mut st: SearchState) -> Vec<Effect> {
        st.history_pos = None;
        st.error = self.apply_query(st.input.text()).err();
        self.overlay = Some(Overlay::Search(st));
        Vec::new()
    }
}

impl App {
    /// Puts a query given on the search history (not twice in a row).
    pub(super) fn remember_query(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && self.history.last().map(String::as_str) != Some(text) {
            self.history.push(text.to_string());
        }
    }
}
