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
            Action::Copy
                if matches!(
                    items.get(st.selected),
                    Some(Item::Related(_) | Item::Backlink(_))
                ) =>
            {
                // A related event: its id, to cite or to type in `tlx show`.
                let e = st.event as usize;
                let target = match items.get(st.selected) {
                    Some(Item::Related(n)) => self.tl.events[e].related[*n].event,
                    Some(Item::Backlink(n)) => self.tl.index.backlinks[e][*n].event,
                    _ => unreachable!("matched above"),
                };
                self.replace_top(Screen::Event(st));
                return vec![Effect::Copy {
                    text: self.tl.events[target as usize].id.clone(),
                    what: "event id".into(),
                }];
            }
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
