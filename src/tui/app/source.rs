//! A source's screen: the source, and every event that cites it, to pick and open.

use super::screens::Screen;
use super::state::App;
use crate::tui::action::{Action, Effect};

impl App {
    pub(super) fn source_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(Screen::Source(mut st)) = self.stack.last().cloned() else {
            return Vec::new();
        };
        let citing = self.tl.index.events_by_source[st.source as usize].clone();
        if self.move_on_screen(a, &mut st.selected, &mut st.scroll, citing.len()) {
            self.replace_top(Screen::Source(st));
            return Vec::new();
        }
        match a {
            Action::Back => {
                self.stack.pop();
                return Vec::new();
            }
            Action::Open => {
                if let Some(&ev) = citing.get(st.selected) {
                    self.replace_top(Screen::Source(st));
                    self.open_event(ev);
                    return Vec::new();
                }
            }
            Action::OpenLink => {
                self.replace_top(Screen::Source(st.clone()));
                return self.open_link(None, Some(st.source));
            }
            Action::Copy => {
                self.replace_top(Screen::Source(st.clone()));
                return self.copy(None, Some(st.source));
            }
            _ => {}
        }
        self.replace_top(Screen::Source(st));
        Vec::new()
    }
}
