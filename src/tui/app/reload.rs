//! A timeline that changed on disk: the new one in place of the old, keeping what the
//! user had by event and source id; or, when it no longer loads, the old one with its
//! problems.

use std::sync::Arc;

use super::axis_counts::AxisCounts;
use super::overlays::Overlay;
use super::screens::{EventState, MainState, Screen, SourceState};
use super::state::{App, Level, date_column_width};
use crate::model::{EventIx, Timeline};
use crate::query::{Compiled, Query, SearchIndex, parse};

impl App {
    /// The files changed and loaded again: show the new timeline, keeping what the user
    /// had (selection, query, the screens opened) by event and source id; the
    /// workspace's marks, notes and labels follow their event ids.
    pub fn replace_timeline(&mut self, tl: Timeline, index: Option<Arc<SearchIndex>>) {
        let old = Arc::clone(&self.tl);
        let id_of = |ev: EventIx| old.events[ev as usize].id.clone();
        let selected = self.selected_event().map(id_of);
        let stack: Vec<Screen> = std::mem::take(&mut self.stack);
        let tl = Arc::new(tl);
        let new_ev = |id: &str| tl.event_ix(id);
        self.stack = vec![Screen::Main(match &stack[0] {
            Screen::Main(m) => MainState {
                selected: 0,
                offset: 0,
                detail_scroll: 0,
                focus: m.focus,
                split: m.split,
            },
            _ => MainState::default(),
        })];
        for s in stack.iter().skip(1) {
            let moved = match s {
                Screen::Event(e) => new_ev(&old.events[e.event as usize].id).map(|ev| {
                    Screen::Event(EventState {
                        event: ev,
                        selected: e.selected,
                        scroll: e.scroll,
                    })
                }),
                Screen::Source(so) => tl
                    .index
                    .source_by_id
                    .get(&old.sources[so.source as usize].id)
                    .map(|&source| {
                        Screen::Source(SourceState {
                            source,
                            selected: so.selected,
                            scroll: so.scroll,
                        })
                    }),
                Screen::Main(_) => None,
            };
            match moved {
                Some(m) => self.stack.push(m),
                // What was open is gone: stop there, the screens after it depend on it.
                None => break,
            }
        }
        self.date_width = date_column_width(&tl, self.settings.tz);
        // A zoom window stays, within the timeline's new span.
        self.axis.window = self.axis.window.zip(tl.span()).and_then(|(w, full)| {
            let (lo, hi) = (w.lo.max(full.lo), w.hi.min(full.hi));
            (lo < hi && (lo, hi) != (full.lo, full.hi)).then_some(crate::model::Span { lo, hi })
        });
        self.axis_all = AxisCounts::new(
            &tl,
            0..tl.events.len() as EventIx,
            self.settings.tz.or(tl.timezone),
            self.axis.window,
        );
        self.tl = tl;
        self.ann = crate::workspace::Annotations::new(&self.work, &self.tl);
        self.index = index;
        // The problems window, open on the files' problems, says they are fixed.
        if self.load_problems.take().is_some()
            && let Some(Overlay::Problems(p)) = &mut self.overlay
        {
            p.fixed = true;
        }
        // The selection follows its event id through the refresh.
        let keep = selected.and_then(|id| self.tl.event_ix(&id));
        let text = self.query_text.clone();
        let query_kept = match parse(&text)
            .and_then(|q| Compiled::with_work(&q, &self.tl, &self.ann).map(|c| (q, c)))
        {
            Ok((q, c)) => {
                self.parsed = q;
                self.compiled = Some(Arc::new(c));
                true
            }
            Err(_) => {
                self.query_text.clear();
                self.parsed = Query::default();
                self.compiled = None;
                false
            }
        };
        self.refresh();
        self.recount_changes();
        if let Some(ev) = keep {
            self.select_listed(ev);
        }
        let n = self.tl.events.len();
        let msg = if query_kept {
            format!("reloaded ({n} events)")
        } else {
            format!("reloaded ({n} events); the query no longer applies and was cleared")
        };
        self.set_status(Level::Info, msg);
    }

    /// The files changed but no longer load: keep the last good timeline, and say so.
    pub fn reload_failed(&mut self, problems: Vec<String>) {
        self.load_problems = Some(problems);
        if let Some(Overlay::Problems(p)) = &mut self.overlay {
            p.fixed = false;
        }
        self.set_status(
            Level::Warn,
            "the files have errors: the last good timeline stays (D shows the problems)",
        );
    }
}
