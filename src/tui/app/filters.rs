//! The filter panel: checklists of tags, actors, publishers and eras, with how many
//! events have each (in the result and in all), a find that narrows the lists, and a
//! date range. Applying it rewrites the query's facets.

use super::overlays::{Choice, FilterSection, FilterState, Overlay};
use super::state::{App, Level, step};
use crate::query::edit::{Filters, with_filters, without_filters, without_terms};
use crate::query::facets::{Facet, Facets, Within};
use crate::query::{Compiled, Context, Query, Sort, parse};
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

impl App {
    /// Opens the panel with the facets of the timeline, those of the query checked.
    pub(super) fn open_filters(&mut self) {
        let q = parse(&self.query_text).unwrap_or_default();
        let within = Within {
            kept: Facet::ALL.map(|f| self.kept_without(&q, f)),
        };
        let facets = Facets::count_within(&self.tl, &q, &within);
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
            find: LineInput::default(),
            finding: false,
        })));
    }

    /// The events `q` keeps once its own terms of `facet` are set aside, by event index:
    /// what the panel counts that facet's values among. `None` when there is no query to
    /// count by, or it cannot run yet (the search index is still being built).
    fn kept_without(&self, q: &Query, facet: Facet) -> Option<Vec<bool>> {
        if q.terms.is_empty() {
            return None;
        }
        let rest = parse(&without_terms(q, |t| !t.negated && facet.owns(&t.kind))).ok()?;
        let compiled = Compiled::with_work(&rest, &self.tl, &self.ann).ok()?;
        let n = self.tl.events.len();
        if compiled.is_empty() {
            return Some(vec![true; n]);
        }
        let ctx = Context {
            work: Some(&self.ann),
            cancel: None,
        };
        let hits = compiled.run(&self.tl, self.index.as_deref()?, &ctx, Sort::Date);
        let mut kept = vec![false; n];
        for h in hits {
            kept[h.event as usize] = true;
        }
        Some(kept)
    }

    pub(super) fn filters_action(&mut self, mut f: FilterState, a: Action) -> Vec<Effect> {
        let sec = f.section();
        let n = f.len(sec);
        if f.finding {
            self.find_action(f, a);
            return Vec::new();
        }
        match a {
            Action::Search if sec != FilterSection::Dates => f.finding = true,
            Action::Cancel => return Vec::new(),
            Action::Down => f.cursor[f.section] = step(f.cursor[f.section], 1, n),
            Action::Up => f.cursor[f.section] = step(f.cursor[f.section], -1, n),
            Action::NextSection => f.section = (f.section + 1) % FilterSection::ALL.len(),
            Action::PreviousSection => {
                f.section = (f.section + FilterSection::ALL.len() - 1) % FilterSection::ALL.len();
            }
            Action::Toggle => {
                let at = f.shown(sec).get(f.cursor[f.section]).copied();
                if let Some(c) = at
                    && let Some(choice) = f.choices_mut(sec).and_then(|l| l.get_mut(c))
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

    /// A key while the find has them: it edits the find (each list narrows, the cursors
    /// go back to the top), moves among what it keeps, or ends it: Enter keeps the
    /// narrowed lists, Esc clears the find.
    fn find_action(&mut self, mut f: FilterState, a: Action) {
        let sec = f.section();
        let n = f.len(sec);
        match a {
            Action::Accept => f.finding = false,
            Action::Cancel => {
                f.finding = false;
                f.find.set("");
                f.cursor = [0; 5];
            }
            Action::Down => f.cursor[f.section] = step(f.cursor[f.section], 1, n),
            Action::Up => f.cursor[f.section] = step(f.cursor[f.section], -1, n),
            Action::NextSection | Action::PreviousSection => {
                let k = FilterSection::ALL.len();
                let by = if a == Action::NextSection { 1 } else { k - 1 };
                f.section = (f.section + by) % k;
                // The dates are no list: the find ends there (and stays on the lists).
                f.finding = f.section() != FilterSection::Dates;
            }
            other => {
                if f.find.edit(other) {
                    f.cursor = [0; 5];
                }
            }
        }
        self.overlay = Some(Overlay::Filters(Box::new(f)));
    }

    /// Text typed or pasted into the panel: it goes to the find while it has the keys,
    /// else to the date field with the cursor.
    pub(super) fn filters_input(&mut self, mut f: FilterState, s: &str) {
        if f.finding {
            f.find.insert(s);
            f.cursor = [0; 5];
        } else if let Some(field) = f.date_field() {
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
