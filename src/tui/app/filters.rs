//! The filter panel: checklists of tags, actors, publishers and eras, with how many
//! events have each, and a date range. Applying it rewrites the query's facets.

use super::overlays::{Choice, FilterSection, FilterState, Overlay};
use super::state::{App, Level, step};
use crate::query::edit::{Filters, with_filters, without_filters};
use crate::query::facets::Facets;
use crate::query::parse;
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

impl App {
    /// Opens the panel with the facets of the timeline, those of the query checked.
    pub(super) fn open_filters(&mut self) {
        let q = parse(&self.query_text).unwrap_or_default();
        let facets = Facets::count(&self.tl, &q);
        let choices = |v: Vec<_>| v.into_iter().map(Choice::from).collect();
        self.overlay = Some(Overlay::Filters(Box::new(FilterState {
            section: 0,
            cursor: [0; 5],
            tags: choices(facets.tags),
            actors: choices(facets.actors),
            publishers: choices(facets.publishers),
            eras: choices(facets.eras),
            from: LineInput::new(&facets.from),
            to: LineInput::new(&facets.to),
            error: None,
        })));
    }

    pub(super) fn filters_action(&mut self, mut f: FilterState, a: Action) -> Vec<Effect> {
        let sec = f.section();
        let n = f.len(sec);
        match a {
            Action::Cancel => return Vec::new(),
            Action::Down => f.cursor[f.section] = step(f.cursor[f.section], 1, n),
            Action::Up => f.cursor[f.section] = step(f.cursor[f.section], -1, n),
            Action::NextSection => f.section = (f.section + 1) % FilterSection::ALL.len(),
            Action::PreviousSection => {
                f.section = (f.section + FilterSection::ALL.len() - 1) % FilterSection::ALL.len();
            }
            Action::Toggle => {
                let c = f.cursor[f.section];
                if let Some(list) = f.choices_mut(sec)
                    && let Some(choice) = list.get_mut(c)
                {
                    choice.checked = !choice.checked;
                }
            }
            Action::ClearFilters => {
                for s in FilterSection::ALL {
                    if let Some(list) = f.choices_mut(s) {
                        list.iter_mut().for_each(|c| c.checked = false);
                    }
                }
                f.from.set("");
                f.to.set("");
            }
            Action::Apply => {
                let text = filters_query(&self.query_text, &f);
                match self.apply_query(&text) {
                    Ok(()) => {
                        let n = self.hits.len();
                        self.set_status(
                            Level::Info,
                            format!("{n} of {} events match the filters", self.tl.events.len()),
                        );
                        return Vec::new();
                    }
                    Err(e) => f.error = Some(e.message),
                }
            }
            other => {
                if let Some(field) = f.date_field()
                    && field.edit(other)
                {
                    f.error = None;
                }
            }
        }
        self.overlay = Some(Overlay::Filters(Box::new(f)));
        Vec::new()
    }

    pub(super) fn clear_filters(&mut self) {
        let text = without_filters(&self.query_text);
        if text != self.query_text && self.apply_query(&text).is_ok() {
            self.set_status(Level::Info, "filters cleared");
        } else {
            self.set_status(Level::Info, "no filters to clear");
        }
    }

    /// Text typed or pasted into the panel: it goes to the date field with the cursor.
    pub(super) fn filters_input(&mut self, mut f: FilterState, s: &str) {
        if let Some(field) = f.date_field() {
            field.insert(s);
            f.error = None;
        }
        self.overlay = Some(Overlay::Filters(Box::new(f)));
    }
}

/// The query with the panel's choices as facets, replacing the facets it owns and
/// keeping everything else (text, negated facets, `is:marked`).
fn filters_query(current: &str, f: &FilterState) -> String {
    fn checked(list: &[Choice]) -> Vec<&str> {
        list.iter()
            .filter(|c| c.checked)
            .map(|c| c.value.as_str())
            .collect()
    }
    let filters = Filters {
        tags: checked(&f.tags),
        actors: checked(&f.actors),
        sources: checked(&f.publishers),
        eras: checked(&f.eras),
        from: f.from.text(),
        to: f.to.text(),
    };
    with_filters(current, &filters)
}
