//! An event's screen: everything about one event, with its sources, related events and
//! backlinks to pick and open.

use super::screens::{Item, Screen, SourceState};
use super::state::App;
use crate::tui::action::{Action, Effect};

impl App {
    pub(super) fn event_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(Screen::Event(st)) = self.stack.last().cloned() else {
            return Vec::new();
        };
        let items = self.event_items(st.event);
        let mut st = st;
        if self.move_on_screen(a, &mut st.selected, &mut st.scroll, items.len()) {
            self.replace_top(Screen::Event(st));
            return Vec::new();
        }
        match a {
            Action::Back => {
                self.stack.pop();
                return Vec::new();
            }
            Action::Open => match items.get(st.selected) {
                Some(Item::Source(n)) => {
                    let source = self.tl.events[st.event as usize].citations[*n].source;
                    self.replace_top(Screen::Event(st));
                    self.stack.push(Screen::Source(SourceState {
                        source,
                        selected: 0,
                        scroll: 0,
                    }));
                    return Vec::new();
                }
                Some(Item::Related(n)) => {
                    let target = self.tl.events[st.event as usize].related[*n].event;
                    self.replace_top(Screen::Event(st));
                    self.open_event(target);
                    return Vec::new();
                }
                Some(Item::Backlink(n)) => {
                    let target = self.tl.index.backlinks[st.event as usize][*n].event;
                    self.replace_top(Screen::Event(st));
                    self.open_event(target);
                    return Vec::new();
                }
                None => {}
            },
            Action::Mark => self.toggle_mark(st.event),
            Action::Brief => self.open_brief_prompt(),
            Action::OpenLink | Action::Copy => {
                let source = match items.get(st.selected) {
                    Some(Item::Source(n)) => {
                        Some(self.tl.events[st.event as usize].citations[*n].source)
                    }
                    _ => None,
                };
                self.replace_top(Screen::Event(st.clone()));
                return if a == Action::OpenLink {
                    self.open_link(Some(st.event), source)
                } else {
                    self.copy(Some(st.event), source)
                };
            }
            _ => {}
        }
        self.replace_top(Screen::Event(st));
        Vec::new()
    }
}
