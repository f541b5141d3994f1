//! The list the query gives: running the query (narrowing the last hits while the user
//! types on), the rows with their year separators and context, and keeping the selection
//! on screen.

use std::sync::Arc;
use std::time::Duration;

use super::axis_counts::AxisCounts;
use super::background::{Found, Job, Pending};
use super::screens::Row;
use super::state::{App, CONTEXT_EVENTS, Level};
use crate::model::EventIx;
use crate::query::{Compiled, Hit, QueryError, SearchIndex, Sort, TermKind, Trail, parse};

impl App {
    /// Hands over the search index built in the background, and runs the query that was
    /// waiting for it.
    pub fn set_index(&mut self, index: Arc<SearchIndex>) {
        // An index of another timeline (one replaced by a reload meanwhile) is dropped.
        if index.len() != self.tl.events.len() {
            return;
        }
        self.index = Some(index);
        self.refresh();
    }

    /// Runs the current query and rebuilds the rows, keeping the selected event when it
    /// is still listed (else the nearest one after it).
    pub fn refresh(&mut self) {
        self.refresh_within(None, None);
    }

    /// [`App::refresh`], searching only `within` (the hits of a query this one narrows),
    /// extending `trail` (that query's) when it can. On a big timeline the search runs on
    /// a worker thread ([`background`](super::background)) and the list follows when
    /// [`App::poll_search`] finds it done; a search still running is called off.
    pub(super) fn refresh_within(&mut self, within: Option<Vec<EventIx>>, trail: Option<Trail>) {
        self.pending = None;
        let (compiled, index) = match (&self.compiled, &self.index) {
            (Some(c), Some(index)) if !c.is_empty() => (Arc::clone(c), Arc::clone(index)),
            _ => {
                let all = (0..self.tl.events.len() as EventIx)
                    .map(|event| Hit { event, score: 0 })
                    .collect();
                self.show((all, None));
                return;
            }
        };
        let job = Job {
            tl: Arc::clone(&self.tl),
            index,
            compiled,
            sort: self.sort,
            within,
            trail,
        };
        if self.tl.events.len() <= self.search_off_thread_from {
            let found = job.run_here();
            self.show(found);
            return;
        }
        match Pending::start(job) {
            Ok(p) => self.pending = Some(p),
            Err(job) => {
                let found = job.run_here();
                self.show(found);
            }
        }
    }

    /// Is a search running on a worker thread (the list still shows the last one's hits)?
    pub fn searching(&self) -> bool {
        self.pending.is_some()
    }

    /// Shows the hits of the search running in the background, if it has finished; true
    /// when the screen changed.
    pub fn poll_search(&mut self) -> bool {
        let done = self.pending.as_ref().and_then(Pending::poll);
        self.search_done(done)
    }

    /// Waits up to `limit` for the search running in the background, and shows its hits;
    /// true when it finished.
    pub fn finish_search(&mut self, limit: Duration) -> bool {
        let done = self.pending.as_ref().and_then(|p| p.wait(limit));
        self.search_done(done);
        self.pending.is_none()
    }

    fn search_done(&mut self, done: Option<Result<Found, ()>>) -> bool {
        match done {
            None => false,
            Some(Ok(found)) => {
                self.pending = None;
                self.show(found);
                true
            }
            Some(Err(())) => {
                self.pending = None;
                self.set_status(Level::Error, "the search stopped without an answer");
                true
            }
        }
    }

    /// Puts a search's hits on the list.
    fn show(&mut self, (hits, trail): Found) {
        let keep = self.selected_event();
        (self.hits, self.trail) = (hits, trail);
        self.rows = self.build_rows();
        let zone = self.settings.tz.or(self.tl.timezone);
        self.axis_kept = AxisCounts::new(
            &self.tl,
            self.hits.iter().map(|h| h.event),
            zone,
            self.axis.window,
        );
        let target = keep.and_then(|ev| {
            self.rows
                .iter()
                .position(|r| r.selectable() && r.event() == Some(ev))
                .or_else(|| {
                    // The nearest listed event after it, chronologically.
                    self.rows
                        .iter()
                        .position(|r| r.selectable() && r.event().is_some_and(|e| e > ev))
                })
        });
        let first = self.rows.iter().position(|r| r.selectable()).unwrap_or(0);
        let m = self.main_mut();
        m.selected = target.unwrap_or(first);
        m.detail_scroll = 0;
        self.keep_visible();
    }

    fn build_rows(&self) -> Vec<Row> {
        let separators = self.sort == Sort::Date;
        let mut rows = Vec::with_capacity(self.hits.len() + 64);
        let mut last_year = None;
        let mut last_era = None;
        let mut push = |rows: &mut Vec<Row>, ev: EventIx, hit: bool| {
            if separators {
                let e = &self.tl.events[ev as usize];
                let span = e.span();
                // The era the list is in: the first the event overlaps.
                let era = self.tl.eras.iter().position(|x| x.span().overlaps(&span));
                if era.is_some() && era != last_era {
                    rows.push(Row::Era(era.unwrap_or_default() as crate::model::EraIx));
                    last_year = None;
                }
                last_era = era;
                let y = e.date.year();
                if last_year != Some(y) {
                    rows.push(Row::Year(y));
                    last_year = Some(y);
                }
            }
            rows.push(Row::Event { ev, hit });
        };
        if self.context && self.has_query() && self.sort == Sort::Date {
            let n = self.tl.events.len();
            let mut shown = vec![0u8; n]; // 0 hidden, 1 context, 2 hit
            for h in &self.hits {
                let i = h.event as usize;
                let near = i.saturating_sub(CONTEXT_EVENTS)..(i + CONTEXT_EVENTS + 1).min(n);
                for s in &mut shown[near] {
                    *s = (*s).max(1);
                }
                shown[i] = 2;
            }
            for (i, s) in shown.iter().enumerate() {
                if *s > 0 {
                    push(&mut rows, i as EventIx, *s == 2);
                }
            }
        } else {
            for h in &self.hits {
                push(&mut rows, h.event, true);
            }
        }
        rows
    }

    /// Applies a query; on a bad term the list keeps its results and the error is returned.
    pub fn apply_query(&mut self, text: &str) -> Result<(), QueryError> {
        let q = parse(text)?;
        let compiled = Compiled::with_work(&q, &self.tl, &self.ann)?;
        // Typing on: a query that only adds to the last one searches its hits alone (when
        // they are that query's: no search is still running).
        let within = (self.compiled.is_some()
            && self.index.is_some()
            && self.pending.is_none()
            && Compiled::narrows(&self.parsed, &q))
        .then(|| {
            let mut evs: Vec<EventIx> = self.hits.iter().map(|h| h.event).collect();
            evs.sort_unstable();
            evs
        });
        let trail = if within.is_some() {
            self.trail.take()
        } else {
            None
        };
        self.query_text = text.to_string();
        self.parsed = q;
        self.compiled = Some(Arc::new(compiled));
        self.refresh_within(within, trail);
        if self.index.is_none() && self.parsed.has_text() {
            self.set_status(
                Level::Info,
                "indexing the timeline for search: the list follows in a moment",
            );
        }
        Ok(())
    }

    /// Selects event `ev` in the list, when it is listed.
    pub(super) fn select_listed(&mut self, ev: EventIx) {
        if let Some(row) = self
            .rows
            .iter()
            .position(|r| r.selectable() && r.event() == Some(ev))
        {
            self.main_mut().selected = row;
            self.keep_visible();
        }
    }

    /// Scrolls the list so the selected row is on screen, with a margin when possible.
    pub(super) fn keep_visible(&mut self) {
        let h = self.list_height();
        let len = self.rows.len();
        let m = self.main_mut();
        let margin = if h > 6 { 2 } else { 0 };
        if m.selected < m.offset + margin {
            m.offset = m.selected.saturating_sub(margin);
        } else if m.selected + margin >= m.offset + h {
            m.offset = (m.selected + margin + 1).saturating_sub(h);
        }
        m.offset = m.offset.min(len.saturating_sub(h));
        // Keep the year separator above the selected event in view.
        let (selected, offset) = (m.selected, m.offset);
        if selected > 0
            && offset == selected
            && matches!(
                self.rows.get(selected - 1),
                Some(Row::Year(_) | Row::Era(_))
            )
        {
            self.main_mut().offset -= 1;
            // An era's name above its first year, too.
            let o = self.main().offset;
            if o > 0 && matches!(self.rows.get(o - 1), Some(Row::Era(_))) {
                self.main_mut().offset -= 1;
            }
        }
    }

    /// Does the list's query match text (so it has scores to order by)?
    pub(super) fn query_has_text(&self) -> bool {
        parse(&self.query_text).is_ok_and(|q| q.has_text())
    }

    /// Does the list's query ask for marked events?
    pub(super) fn query_mentions_marked(&self) -> bool {
        parse(&self.query_text).is_ok_and(|q| q.terms.iter().any(|t| t.kind == TermKind::Marked))
    }
}
