//! The time axis as a control: zoom in and out on a span (keys, and the wheel over the
//! axis), a click that selects the nearest event, and a drag (a brush) or two keys that
//! set `from:` and `to:` in the query.

use chrono::Datelike;

use super::axis_counts::{AxisCounts, HOUR_MS, Scale};
use super::screens::Screen;
use super::state::{App, Level};
use crate::model::{DAY_MS, EventIx, Span};
use crate::query::edit::with_bound;

/// The narrowest span the axis zooms in to.
pub const MIN_WINDOW_MS: i64 = 6 * HOUR_MS;

/// What the axis shows and how it is being used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AxisView {
    /// The span shown, when zoomed in; `None`: the whole timeline.
    pub window: Option<Span>,
    /// The legend line under the axis, shown or hidden by its key.
    pub legend: bool,
    /// A drag along the axis: the columns it started at and has reached.
    pub brush: Option<(u16, u16)>,
    /// The event the window last followed: a new selection outside it moves the window.
    pub(super) followed: Option<EventIx>,
}

/// The column (0-based, within `w`) that instant `t` falls in on an axis over `span`.
pub fn col_of(span: Span, w: usize, t: i64) -> usize {
    let total = i128::from(span.hi - span.lo) + 1;
    let off = i128::from(t.clamp(span.lo, span.hi) - span.lo);
    ((off * w as i128) / total).min(w as i128 - 1) as usize
}

/// The first instant of column `c` on an axis over `span`, `w` columns wide.
pub fn col_start(span: Span, w: usize, c: usize) -> i64 {
    let total = i128::from(span.hi - span.lo) + 1;
    let w = w.max(1) as i128;
    let at = (i128::from(c as u64) * total + w - 1) / w;
    span.lo + at.min(total - 1) as i64
}

/// The last instant of column `c`.
pub fn col_end(span: Span, w: usize, c: usize) -> i64 {
    if c + 1 >= w {
        span.hi
    } else {
        col_start(span, w, c + 1) - 1
    }
}

impl App {
    /// The span the axis shows: the zoom window, else the whole timeline's.
    pub fn axis_span(&self) -> Option<Span> {
        self.axis.window.or_else(|| self.tl.span())
    }

    pub(super) fn toggle_axis_legend(&mut self) {
        self.axis.legend = !self.axis.legend;
    }

    /// Counts the axis' bars again, for all events and the ones the query keeps, over the
    /// span it shows.
    pub(super) fn count_axis(&mut self) {
        let zone = self.settings.tz.or(self.tl.timezone);
        let window = self.axis.window;
        self.axis_all = AxisCounts::new(&self.tl, 0..self.tl.events.len() as EventIx, zone, window);
        self.axis_kept = AxisCounts::new(&self.tl, self.hits.iter().map(|h| h.event), zone, window);
    }

    /// Zooms the axis in (twice as close) or out, keeping `anchor` where it is on the
    /// axis (the pointer's instant), else centring on the selected event.
    pub(super) fn zoom(&mut self, zoom_in: bool, anchor: Option<i64>) {
        let (Some(full), Some(cur)) = (self.tl.span(), self.axis_span()) else {
            return;
        };
        let width = cur.hi - cur.lo;
        let full_w = full.hi - full.lo;
        let new_w = if zoom_in {
            (width / 2).max(MIN_WINDOW_MS)
        } else {
            width.saturating_mul(2)
        };
        if zoom_in && width <= MIN_WINDOW_MS {
            self.set_status(Level::Info, "the axis is zoomed in as far as it goes");
            return;
        }
        if !zoom_in && self.axis.window.is_none() {
            self.set_status(Level::Info, "the axis shows the whole timeline");
            return;
        }
        // Within a thousandth of the whole (halving rounds down), it is the whole.
        self.axis.window = if new_w >= full_w - full_w / 1000 {
            None
        } else {
            let lo = match anchor {
                // The anchor keeps its place: as far from the left edge, in proportion.
                Some(a) => {
                    let frac = (a - cur.lo) as f64 / width.max(1) as f64;
                    a - (frac * new_w as f64) as i64
                }
                None => {
                    let centre = self
                        .current_event()
                        .map(|ev| self.tl.events[ev as usize].date.earliest())
                        .unwrap_or(cur.lo + width / 2);
                    centre - new_w / 2
                }
            };
            Some(fit_in(lo, new_w, full))
        };
        self.axis.followed = self.current_event();
        self.count_axis();
        self.set_status(Level::Info, self.zoom_status());
    }

    /// What the axis shows now, for the status line.
    fn zoom_status(&self) -> String {
        match (self.axis.window, self.axis_all.scale) {
            (None, _) => "the axis shows the whole timeline".into(),
            (Some(w), scale) => format!("axis: {}", span_text(w, scale, self.axis_all.offset_ms)),
        }
    }

    /// After any message: a selection that moved out of the zoom window moves the window
    /// onto it (as wide as it was).
    pub(super) fn axis_follow(&mut self) {
        let now = self.current_event();
        if now == self.axis.followed {
            return;
        }
        self.axis.followed = now;
        let (Some(w), Some(ev), Some(full)) = (self.axis.window, now, self.tl.span()) else {
            return;
        };
        let t = self.tl.events[ev as usize].date.earliest();
        if t < w.lo || t > w.hi {
            let width = w.hi - w.lo;
            self.axis.window = Some(fit_in(t - width / 2, width, full));
            self.count_axis();
        }
    }

    /// The instant under column `col` of the screen, when it is on the axis.
    fn axis_instant(&self, col: u16) -> Option<i64> {
        let r = self.layout.axis;
        let span = self.axis_span()?;
        (col >= r.x && col < r.x + r.width)
            .then(|| col_start(span, r.width as usize, usize::from(col - r.x)))
    }

    /// The wheel over the axis: up zooms in on the pointer, down zooms out. `false` when
    /// the pointer is not on the axis.
    pub(super) fn axis_scroll(&mut self, col: u16, row: u16, lines: i32) -> bool {
        let pos = ratatui::layout::Position { x: col, y: row };
        if !self.layout.axis.contains(pos) || self.stack.len() > 1 {
            return false;
        }
        let anchor = self.axis_instant(col);
        self.zoom(lines < 0, anchor);
        true
    }

    /// A press on the axis: the nearest event in the list is selected, and a brush starts
    /// there. `false` when the press is not on the axis.
    pub(super) fn axis_press(&mut self, col: u16, row: u16) -> bool {
        let pos = ratatui::layout::Position { x: col, y: row };
        if !self.layout.axis.contains(pos) {
            return false;
        }
        let r = self.layout.axis;
        let (Some(span), true) = (
            self.axis_span(),
            matches!(self.stack.last(), Some(Screen::Main(_))),
        ) else {
            return true;
        };
        let c = usize::from(col - r.x);
        let w = r.width as usize;
        let (lo, hi) = (col_start(span, w, c), col_end(span, w, c));
        let distance = |ev: EventIx| {
            let s = self.tl.events[ev as usize].span();
            if s.hi < lo {
                lo - s.hi
            } else if s.lo > hi {
                s.lo - hi
            } else {
                0
            }
        };
        let nearest = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.selectable())
            .filter_map(|(i, r)| r.event().map(|ev| (i, ev)))
            .min_by_key(|&(_, ev)| distance(ev));
        if let Some((i, _)) = nearest {
            let m = self.main_mut();
            m.selected = i;
            m.detail_scroll = 0;
            self.keep_visible();
        }
        self.axis.brush = Some((col, col));
        true
    }

    /// The mouse dragged with its button down: a brush on the axis follows it.
    pub(super) fn axis_drag(&mut self, col: u16) {
        let r = self.layout.axis;
        if let Some((from, _)) = self.axis.brush
            && r.width > 0
        {
            let col = col.clamp(r.x, r.x + r.width - 1);
            self.axis.brush = Some((from, col));
        }
    }

    /// The button let go: a brush across two columns or more sets `from:` and `to:` to the
    /// span it covers.
    pub(super) fn axis_release(&mut self, col: u16) {
        self.axis_drag(col);
        let Some((a, b)) = self.axis.brush.take() else {
            return;
        };
        let (Some(span), r) = (self.axis_span(), self.layout.axis) else {
            return;
        };
        if a == b {
            return;
        }
        let w = r.width as usize;
        let (a, b) = (usize::from(a.min(b) - r.x), usize::from(a.max(b) - r.x));
        let (scale, offset) = (self.axis_all.scale, self.axis_all.offset_ms);
        let from = bound_text(col_start(span, w, a), scale, offset, false);
        let to = bound_text(col_end(span, w, b), scale, offset, true);
        let text = with_bound(&with_bound(&self.query_text, "from", &from), "to", &to);
        self.set_bounds(&text, format!("from:{from} to:{to}"));
    }

    /// `from:` (or `to:`) the selected event's date, in place of the bound the query had.
    pub(super) fn bound_at_selection(&mut self, name: &str) {
        let Some(ev) = self.selected_event() else {
            self.set_status(Level::Info, "no event selected");
            return;
        };
        let date = &self.tl.events[ev as usize].date;
        let value = if date.clock().is_some() {
            day_text(date.first_day())
        } else {
            date.as_written()
                .trim_end_matches(['?', '~', '%'])
                .to_string()
        };
        let text = with_bound(&self.query_text, name, &value);
        self.set_bounds(&text, format!("{name}:{value}"));
    }

    fn set_bounds(&mut self, text: &str, what: String) {
        match self.apply_query(text) {
            Ok(()) => {
                self.history.push(text.to_string());
                self.set_status(Level::Info, format!("the query now has {what}"));
            }
            Err(e) => self.set_status(Level::Error, format!("{what}: {e}")),
        }
    }
}

/// A window `width` wide from `lo`, moved to lie within `full`.
fn fit_in(lo: i64, width: i64, full: Span) -> Span {
    let lo = lo.clamp(full.lo, (full.hi - width).max(full.lo));
    Span {
        lo,
        hi: (lo + width).min(full.hi),
    }
}

fn day_text(day: i32) -> String {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// An instant as a `from:` or `to:` value at the axis' scale: the month, the day, or the
/// hour (`end`: to its last minute) on the axis' clock.
pub fn bound_text(t: i64, scale: Scale, offset_ms: i64, end: bool) -> String {
    match scale {
        Scale::Month => {
            let d = chrono::NaiveDate::from_num_days_from_ce_opt(t.div_euclid(DAY_MS) as i32)
                .unwrap_or_default();
            format!("{:04}-{:02}", d.year(), d.month())
        }
        Scale::Day => day_text((t + offset_ms).div_euclid(DAY_MS) as i32),
        Scale::Hour => {
            let local = t + offset_ms;
            let day = day_text(local.div_euclid(DAY_MS) as i32);
            let hour = local.rem_euclid(DAY_MS) / HOUR_MS;
            let minute = if end { 59 } else { 0 };
            format!("{day}T{hour:02}:{minute:02}{}", offset_text(offset_ms))
        }
    }
}

/// An offset as the date grammar writes it: `Z`, `+05:30`, `-04:00`.
fn offset_text(ms: i64) -> String {
    if ms == 0 {
        return "Z".into();
    }
    let sign = if ms < 0 { '-' } else { '+' };
    let m = ms.abs() / 60_000;
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A span as the status line says it: from the first to the last bucket.
fn span_text(s: Span, scale: Scale, offset_ms: i64) -> String {
    format!(
        "{} – {}",
        bound_text(s.lo, scale, offset_ms, false),
        bound_text(s.hi, scale, offset_ms, true)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_instants_agree() {
        let span = Span { lo: 1000, hi: 1999 };
        for c in 0..10 {
            let (a, b) = (col_start(span, 10, c), col_end(span, 10, c));
            assert_eq!((col_of(span, 10, a), col_of(span, 10, b)), (c, c));
        }
        assert_eq!(col_start(span, 10, 0), 1000);
        assert_eq!(col_end(span, 10, 9), 1999);
    }

    #[test]
    fn bounds_are_written_at_the_axis_scale() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 6, 20).unwrap();
        let t = i64::from(day.num_days_from_ce()) * DAY_MS + 14 * HOUR_MS + 5 * 60_000;
        assert_eq!(bound_text(t, Scale::Month, 0, false), "2024-06");
        assert_eq!(bound_text(t, Scale::Day, 0, false), "2024-06-20");
        assert_eq!(
            bound_text(t, Scale::Day, -15 * HOUR_MS, false),
            "2024-06-19"
        );
        assert_eq!(bound_text(t, Scale::Hour, 0, false), "2024-06-20T14:00Z");
        assert_eq!(
            bound_text(t, Scale::Hour, -4 * HOUR_MS, true),
            "2024-06-20T10:59-04:00"
        );
        assert_eq!(offset_text(330 * 60_000), "+05:30");
    }

    #[test]
    fn a_window_stays_within_the_timeline() {
        let full = Span { lo: 0, hi: 100 };
        assert_eq!(fit_in(-20, 40, full), Span { lo: 0, hi: 40 });
        assert_eq!(fit_in(90, 40, full), Span { lo: 60, hi: 100 });
        assert_eq!(fit_in(30, 40, full), Span { lo: 30, hi: 70 });
    }
}
