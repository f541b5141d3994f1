//! An event's screen: everything about one event, with its sources, related events and
//! backlinks to pick and open.

use super::screens::{Item, Screen, SourceState};
use super::state::App;
use crate::model::EventIx;
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
            Action::Open => {
                if let Some(Item::Media(n)) = items.get(st.selected) {
                    let url = self.tl.events[st.event as usize].media[*n].url.clone();
                    self.replace_top(Screen::Event(st));
                    return self.media_link(url, true);
                }
                if let Some(target) = self.linked_event(st.event, items.get(st.selected)) {
                    self.replace_top(Screen::Event(st));
                    self.open_event(target);
                    return Vec::new();
                }
                if let Some(Item::Source(n)) = items.get(st.selected) {
                    let source = self.tl.events[st.event as usize].citations[*n].source;
                    self.replace_top(Screen::Event(st));
                    self.stack.push(Screen::Source(SourceState {
                        source,
                        selected: 0,
                        scroll: 0,
                    }));
                    return Vec::new();
                }
                if let Some(note) = self.picked_note(st.event, items.get(st.selected)) {
                    self.replace_top(Screen::Event(st.clone()));
                    return self.start_note(st.event, Some(note));
                }
            }
            Action::Mark => self.toggle_mark(st.event),
            // On a note: edit it; elsewhere, a new one.
            Action::Note => {
                let note = self.picked_note(st.event, items.get(st.selected));
                self.replace_top(Screen::Event(st.clone()));
                return self.start_note(st.event, note);
            }
            Action::Labels => self.open_labels(st.event),
            Action::EditEvent => {
                self.replace_top(Screen::Event(st.clone()));
                return self.edit_event(st.event);
            }
            Action::Brief => self.open_composer(),
            // On a related event, its id: to cite, or to type in `tlx show`.
            Action::Copy
                if let Some(target) = self.linked_event(st.event, items.get(st.selected)) =>
            {
                self.replace_top(Screen::Event(st));
                return vec![Effect::Copy {
                    text: self.tl.events[target as usize].id.clone(),
                    what: "event id".into(),
                }];
            }
            Action::OpenLink | Action::Copy
                if let Some(Item::Media(n)) = items.get(st.selected) =>
            {
                let url = self.tl.events[st.event as usize].media[*n].url.clone();
                self.replace_top(Screen::Event(st));
                return self.media_link(url, a == Action::OpenLink);
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

    /// The note picked on `ev`'s screen, if the item is one.
    fn picked_note(&self, ev: EventIx, item: Option<&Item>) -> Option<crate::workspace::Note> {
        match item? {
            Item::Note(n) => self.work.notes(&self.id_of(ev)).get(*n).cloned(),
            _ => None,
        }
    }

    /// The event a related link or a backlink of `ev`'s screen leads to.
    fn linked_event(&self, ev: EventIx, item: Option<&Item>) -> Option<EventIx> {
        match item? {
            Item::Related(n) => Some(self.tl.events[ev as usize].related[*n].event),
            Item::Backlink(n) => Some(self.tl.index.backlinks[ev as usize][*n].event),
            Item::Source(_) | Item::Media(_) | Item::Note(_) => None,
        }
    }
}
