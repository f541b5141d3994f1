//! Saved views: the query (with its order and context setting) under a name, kept in
//! the workspace; a list to apply one or delete it. A view is also a term of the query
//! language (`view:NAME`).

use super::overlays::{Overlay, PromptKind, PromptState, ViewsState};
use super::state::{App, Level, step};
use crate::query::{Compiled, Sort};
use crate::tui::action::Action;
use crate::tui::input::LineInput;
use crate::workspace::{View, ViewSort, view_name};

impl App {
    /// Asks for the name to save the query under.
    pub(super) fn open_save_view(&mut self) {
        if !self.has_query() {
            self.set_status(Level::Warn, "no query to save: give one with / first");
            return;
        }
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::SaveView,
            input: LineInput::default(),
        }));
    }

    /// Saves the query as view `name`; false (and why) when the name cannot be one.
    pub(super) fn save_view(&mut self, name: &str) -> bool {
        let name = match view_name(name) {
            Ok(n) => n,
            Err(e) => {
                self.set_status(Level::Error, crate::text::sanitize(&e).into_owned());
                return false;
            }
        };
        let view = View {
            query: self.query_text.trim().to_string(),
            sort: match self.sort {
                Sort::Date => ViewSort::Date,
                Sort::Score => ViewSort::Score,
            },
            context: self.context,
        };
        // The query language refuses a view that holds itself (even through another).
        let mut ann = self.ann.clone();
        ann.views.insert(name.clone(), view.clone());
        let as_term = crate::query::parse(&format!("view:{name}"));
        if let Err(e) = as_term.and_then(|q| Compiled::with_work(&q, &self.tl, &ann)) {
            self.set_status(Level::Error, crate::text::sanitize(&e.message).into_owned());
            return false;
        }
        let replaced = self.work.views.contains_key(&name);
        if self.edit_work(|w| {
            w.views.insert(name.clone(), view);
        }) {
            let verb = if replaced { "replaced" } else { "saved" };
            self.set_status(
                Level::Info,
                format!("view '{name}' {verb} (v lists the views; view:{name} in a query)"),
            );
        }
        true
    }

    /// Opens the list of saved views.
    pub(super) fn open_views(&mut self) {
        if self.work.views.is_empty() {
            self.set_status(Level::Info, "no saved views yet: S saves the query as one");
            return;
        }
        self.overlay = Some(Overlay::Views(ViewsState::default()));
    }

    pub(super) fn views_action(&mut self, mut v: ViewsState, a: Action) {
        let names: Vec<String> = self.work.views.keys().cloned().collect();
        match a {
            Action::Close | Action::Cancel => return,
            Action::Down => v.selected = step(v.selected, 1, names.len()),
            Action::Up => v.selected = step(v.selected, -1, names.len()),
            Action::Top => v.selected = 0,
            Action::Bottom => v.selected = names.len().saturating_sub(1),
            Action::Apply | Action::Accept | Action::Open => {
                if let Some(name) = names.get(v.selected) {
                    self.apply_view(name);
                }
                return;
            }
            Action::Delete => {
                if let Some(name) = names.get(v.selected).cloned()
                    && self.edit_work(|w| {
                        w.views.remove(&name);
                    })
                {
                    self.set_status(Level::Info, format!("view '{name}' deleted"));
                }
                if self.work.views.is_empty() {
                    return;
                }
                v.selected = v.selected.min(self.work.views.len() - 1);
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Views(v));
    }

    /// Shows view `name`: its query, order and context setting.
    fn apply_view(&mut self, name: &str) {
        let Some(view) = self.work.views.get(name).cloned() else {
            return;
        };
        self.sort = match view.sort {
            ViewSort::Date => Sort::Date,
            ViewSort::Score => Sort::Score,
        };
        self.context = view.context;
        self.remember_query(&view.query);
        match self.apply_query(&view.query) {
            Ok(()) => {
                let n = self.hits.len();
                self.set_status(Level::Info, format!("view '{name}': {n} events"));
            }
            Err(e) => {
                let msg = format!("view '{name}' no longer applies: {e}");
                self.set_status(Level::Error, crate::text::sanitize(&msg).into_owned());
            }
        }
    }
}
