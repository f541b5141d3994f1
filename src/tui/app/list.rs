//! The main screen: the list of events the query keeps, and (on a wide terminal) the
//! detail pane beside it.

use super::screens::{Pane, SPLIT_STEPS};
use super::state::{App, CONTEXT_EVENTS, Level, scroll_by};
use crate::query::Sort;
use crate::tui::action::{Action, Effect};
use crate::tui::keymap::Layer;

impl App {
    fn page(&self) -> isize {
        self.list_height().saturating_sub(1).max(1) as isize
    }

    pub(super) fn main_action(&mut self, a: Action) -> Vec<Effect> {
        let detail_focus = self.layout.wide && self.main().focus == Pane::Detail;
        if detail_focus {
            let max = self.layout.detail_lines;
            let page = self.layout.detail.height.max(1) as i32;
            let by = match a {
                Action::Down => Some(1),
                Action::Up => Some(-1),
                Action::PageDown => Some(page),
                Action::PageUp => Some(-page),
                Action::HalfPageDown => Some(page / 2),
                Action::HalfPageUp => Some(-page / 2),
                Action::Top => Some(-i32::from(u16::MAX)),
                Action::Bottom => Some(i32::from(u16::MAX)),
                _ => None,
            };
            if let Some(by) = by {
                let m = self.main_mut();
                m.detail_scroll = scroll_by(m.detail_scroll, by, max);
                return Vec::new();
            }
        }
        match a {
            Action::Down | Action::NextHit => self.move_selection(1),
            Action::Up | Action::PreviousHit => self.move_selection(-1),
            Action::PageDown => self.move_selection(self.page()),
            Action::PageUp => self.move_selection(-self.page()),
            Action::HalfPageDown => self.move_selection((self.page() / 2).max(1)),
            Action::HalfPageUp => self.move_selection(-(self.page() / 2).max(1)),
            Action::Top => self.select_edge(false),
            Action::Bottom => self.select_edge(true),
            Action::SwitchPane => {
                if self.layout.wide {
                    let m = self.main_mut();
                    m.focus = match m.focus {
                        Pane::List => Pane::Detail,
                        Pane::Detail => Pane::List,
                    };
                } else {
                    self.set_status(
                        Level::Info,
                        "one pane at a time at this width: Enter opens the event",
                    );
                }
            }
            Action::Open => {
                if let Some(ev) = self.selected_event() {
                    self.open_event(ev);
                }
            }
            Action::Search => self.open_search(),
            Action::Filters => self.open_filters(),
            Action::ClearFilters => self.clear_filters(),
            Action::ClearQuery if self.has_query() => {
                self.cleared_query = Some(self.query_text.clone());
                let _ = self.apply_query("");
                let hint = self
                    .settings
                    .keymap
                    .hint(Layer::Main, &[(Action::RestoreQuery, "brings it back")]);
                let text = match hint.first() {
                    Some((key, what)) => format!("query cleared: {key} {what}"),
                    None => "query cleared".to_string(),
                };
                self.set_status(Level::Info, text);
            }
            // Only onto the empty list Esc left: never over a query typed since.
            Action::RestoreQuery => match self.cleared_query.take() {
                Some(q) if !self.has_query() && self.apply_query(&q).is_ok() => {
                    self.set_status(Level::Info, "query restored");
                }
                _ => self.set_status(Level::Info, "no cleared query to bring back"),
            },
            Action::ToggleContext => {
                self.context = !self.context;
                let note = if !self.has_query() {
                    " (it shows once a query narrows the list)"
                } else if self.sort == Sort::Score {
                    " (it shows in date order)"
                } else {
                    ""
                };
                let on = if self.context {
                    format!("context on: {CONTEXT_EVENTS} events either side of each hit{note}")
                } else {
                    "context off".to_string()
                };
                self.refresh();
                self.set_status(Level::Info, on);
            }
            Action::Mark => {
                if let Some(ev) = self.selected_event() {
                    self.toggle_mark(ev);
                    self.move_selection(1);
                }
            }
            Action::MarkedOnly => self.toggle_marked_only(),
            Action::Note => {
                if let Some(ev) = self.selected_event() {
                    return self.start_note(ev, None);
                }
            }
            Action::EditEvent => {
                if let Some(ev) = self.selected_event() {
                    return self.edit_event(ev);
                }
            }
            Action::Labels => {
                if let Some(ev) = self.selected_event() {
                    self.open_labels(ev);
                }
            }
            Action::SaveView => self.open_save_view(),
            Action::About => self.open_about(),
            Action::Views => self.open_views(),
            Action::Changes => self.open_changes(),
            Action::Problems => self.open_problems(),
            Action::Brief => self.open_composer(),
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Date => Sort::Score,
                    Sort::Score => Sort::Date,
                };
                self.refresh();
                let text = match (self.sort, self.query_has_text()) {
                    (Sort::Score, false) => {
                        "order: best match first (search to rank; until then by date)"
                    }
                    (Sort::Score, true) => "order: best match first",
                    (Sort::Date, _) => "order: by date",
                };
                self.set_status(Level::Info, text);
            }
            Action::ZoomIn => self.zoom(true, None),
            Action::ZoomOut => self.zoom(false, None),
            Action::SetFrom => self.bound_at_selection("from"),
            Action::SetTo => self.bound_at_selection("to"),
            Action::AxisLegend => self.toggle_axis_legend(),
            Action::WiderList => self.move_split(1),
            Action::NarrowerList => self.move_split(-1),
            Action::OpenLink => return self.open_link(self.selected_event(), None),
            Action::Copy => return self.copy(self.selected_event(), None),
            _ => {}
        }
        Vec::new()
    }

    /// Moves the split between the list and the detail pane by `steps` (more list when
    /// positive), within its bounds, and says where it is.
    fn move_split(&mut self, steps: i8) {
        if !self.layout.wide {
            self.set_status(
                Level::Info,
                "one pane at this width: the detail pane sits beside the list on a wider terminal",
            );
            return;
        }
        let m = self.main_mut();
        let before = m.split;
        m.split = (m.split + steps).clamp(-SPLIT_STEPS, SPLIT_STEPS);
        let moved = m.split != before;
        let share = m.list_share();
        let mut text = format!("{share}% list, {}% detail", 100 - share);
        if !moved {
            text.push_str(if steps > 0 {
                ": the list is at its widest"
            } else {
                ": the list is at its narrowest"
            });
        }
        self.set_status(Level::Info, text);
    }

    /// Moves the list selection by `delta` rows (skipping rows that cannot be selected).
    fn move_selection(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let cur = self.main().selected as isize;
        let last = self.rows.len() as isize - 1;
        let mut target = (cur + delta).clamp(0, last);
        let step = if delta >= 0 { 1 } else { -1 };
        // Walk on in the direction of travel to a selectable row, else back.
        let mut t = target;
        while (0..=last).contains(&t) && !self.rows[t as usize].selectable() {
            t += step;
        }
        if !(0..=last).contains(&t) {
            t = target;
            while (0..=last).contains(&t) && !self.rows[t as usize].selectable() {
                t -= step;
            }
        }
        if (0..=last).contains(&t) {
            target = t;
            let m = self.main_mut();
            if m.selected != target as usize {
                m.selected = target as usize;
                m.detail_scroll = 0;
            }
        }
        self.keep_visible();
    }

    fn select_edge(&mut self, last: bool) {
        let pos = if last {
            self.rows.iter().rposition(|r| r.selectable())
        } else {
            self.rows.iter().position(|r| r.selectable())
        };
        if let Some(p) = pos {
            let m = self.main_mut();
            m.selected = p;
            m.detail_scroll = 0;
            self.keep_visible();
        }
    }

    /// The mouse wheel on the main screen: the detail pane under it scrolls, else the
    /// list moves.
    pub(super) fn main_scroll(&mut self, col: u16, row: u16, lines: i32) {
        let pos = ratatui::layout::Position { x: col, y: row };
        if self.layout.detail.contains(pos) && self.layout.wide {
            let max = self.layout.detail_lines;
            let m = self.main_mut();
            m.detail_scroll = scroll_by(m.detail_scroll, lines, max);
        } else {
            self.move_selection(lines as isize);
        }
    }

    /// A click on a row, or a double-click (two within [`DOUBLE_CLICK_MS`]) that opens it.
    pub(super) fn main_click(&mut self, col: u16, row: u16) {
        let pos = ratatui::layout::Position { x: col, y: row };
        if self.overlay.is_some() || self.stack.len() > 1 {
            return;
        }
        if self.axis_press(col, row) {
            return;
        }
        let list = self.layout.list;
        if list.contains(pos) {
            let idx = self.main().offset + (row - list.y) as usize;
            if self.rows.get(idx).is_some_and(|r| r.selectable()) {
                let m = self.main_mut();
                m.selected = idx;
                m.detail_scroll = 0;
                m.focus = Pane::List;
                // A second click on the same row soon after: a double-click opens it.
                let double = self.last_click.is_some_and(|(at, when)| {
                    at == idx && self.now - when <= chrono::Duration::milliseconds(DOUBLE_CLICK_MS)
                });
                if double && let Some(ev) = self.selected_event() {
                    self.last_click = None;
                    self.open_event(ev);
                } else {
                    self.last_click = Some((idx, self.now));
                }
            }
        } else if self.layout.wide && self.layout.detail.contains(pos) {
            self.main_mut().focus = Pane::Detail;
        }
    }
}

/// The most time between the two clicks of a double-click.
pub const DOUBLE_CLICK_MS: i64 = 400;
