//! The time axis: event density across the whole span (bars per month, quarter or year,
//! whichever fits the width), eras as labelled bands, the selected event's position, and
//! what the current filter keeps drawn apart from the rest.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::date::year_label;
use crate::model::{EventIx, Timeline};
use crate::text::{truncate, width};
use crate::tui::app::App;

/// Events per month across the timeline's span: computed once per query, drawn per frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthCounts {
    /// Month number (year × 12 + month − 1) of the first bucket.
    pub first: i64,
    pub counts: Vec<u32>,
}

fn month_number(day: i32) -> i64 {
    let d = chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

impl MonthCounts {
    /// Counts events by the month their span starts in, over the whole timeline's span.
    pub fn new(tl: &Timeline, events: impl Iterator<Item = EventIx>) -> MonthCounts {
        let Some(span) = tl.span() else {
            return MonthCounts::default();
        };
        let first = month_number(span.lo);
        let last = month_number(span.hi);
        let mut counts = vec![0u32; (last - first + 1).max(1) as usize];
        for ev in events {
            let m = month_number(tl.events[ev as usize].date.earliest());
            if let Some(c) = counts.get_mut((m - first) as usize) {
                *c += 1;
            }
        }
        MonthCounts { first, counts }
    }
}

/// The bucket size, in months, that fits `months` into `cols` columns.
fn bucket_months(months: usize, cols: usize) -> (usize, &'static str) {
    for (m, name) in [
        (1, "month"),
        (3, "quarter"),
        (12, "year"),
        (60, "5 years"),
        (120, "decade"),
        (1200, "century"),
    ] {
        if months.div_ceil(m) <= cols {
            return (m, name);
        }
    }
    (months.div_ceil(cols.max(1)).max(1), "bar")
}

const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    if area.width < 10 || area.height == 0 {
        return;
    }
    let th = &app.settings.theme;
    let w = area.width as usize;
    let all = &app.axis_all;
    let kept = &app.axis_kept;
    if all.counts.is_empty() {
        return;
    }
    let months = all.counts.len();
    let (unit, unit_name) = bucket_months(months, w);
    let bins = months.div_ceil(unit);
    let bin_of_col = |c: usize| (c * bins / w).min(bins - 1);
    let sum = |v: &[u32], b: usize| -> u32 { v.iter().skip(b * unit).take(unit).sum() };
    let max_all = (0..bins)
        .map(|b| sum(&all.counts, b))
        .max()
        .unwrap_or(0)
        .max(1);
    let span = app.tl.span().expect("events exist");
    let total_days = i64::from(span.hi - span.lo + 1).max(1);
    let col_of_day = |d: i32| -> usize {
        let off = i64::from(d.clamp(span.lo, span.hi) - span.lo);
        ((off * w as i64) / total_days).min(w as i64 - 1) as usize
    };

    // Row 1: eras as bands.
    let mut era_cells: Vec<(String, Style)> = vec![(" ".into(), Style::default()); w];
    for era in &app.tl.eras {
        let es = era.span();
        if es.hi < span.lo || es.lo > span.hi {
            continue;
        }
        let (a, b) = (col_of_day(es.lo), col_of_day(es.hi.min(span.hi)));
        for cell in &mut era_cells[a..=b] {
            *cell = ("─".into(), th.axis_era);
        }
        era_cells[a] = ("├".into(), th.axis_era);
        if b > a {
            era_cells[b] = ("┤".into(), th.axis_era);
        }
        let room = b.saturating_sub(a).saturating_sub(1);
        if room >= 3 {
            let label = truncate(&crate::text::sanitize(&era.title), room).into_owned();
            for (i, ch) in label.chars().enumerate() {
                // Wide characters are rare in era titles; keep one char per cell.
                if a + 1 + i < b && width(ch.encode_utf8(&mut [0; 4])) == 1 {
                    era_cells[a + 1 + i] = (ch.to_string(), th.axis_era);
                }
            }
        }
    }

    // Row 2: density; the filter's kept events in their own style.
    let has_query = app.has_query();
    let mut bars: Vec<Span> = Vec::with_capacity(w);
    for c in 0..w {
        let b = bin_of_col(c);
        let n_all = sum(&all.counts, b);
        let n_kept = sum(&kept.counts, b);
        let (n, style) = if has_query && n_kept == 0 {
            (n_all, th.axis_bar)
        } else if has_query {
            (n_kept, th.axis_kept)
        } else {
            (n_all, th.axis_kept)
        };
        let level = if n == 0 {
            0
        } else {
            ((n as usize * 8).div_ceil(max_all as usize)).clamp(1, 8)
        };
        bars.push(Span::styled(LEVELS[level].to_string(), style));
    }

    // Row 3: year ticks, the unit, and the selected event.
    let mut ticks: Vec<(String, Style)> = vec![(" ".into(), th.muted); w];
    let first_year = (all.first.div_euclid(12)) as i32;
    let last_year = ((all.first + months as i64 - 1).div_euclid(12)) as i32;
    let years = (last_year - first_year + 1).max(1) as usize;
    let step = [1usize, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|s| years.div_ceil(*s) * 6 <= w)
        .unwrap_or(1000);
    // The selected event's place, kept clear of year labels.
    let marker = app.current_event().map(|ev| {
        let s = app.tl.events[ev as usize].span();
        (col_of_day(s.lo), col_of_day(s.hi))
    });
    let mut next_free = 0;
    for y in (first_year..=last_year).filter(|y| ((y - first_year) as usize).is_multiple_of(step)) {
        let day =
            chrono::NaiveDate::from_ymd_opt(y, 1, 1).map_or(span.lo, |d| d.num_days_from_ce());
        let c = col_of_day(day.max(span.lo));
        let label = format!("┊{}", year_label(y));
        let clear = marker.is_none_or(|(a, b)| c + width(&label) <= a || c > b);
        if c >= next_free && c + width(&label) <= w && clear {
            for (i, ch) in label.chars().enumerate() {
                ticks[c + i] = (ch.to_string(), th.muted);
            }
            next_free = c + width(&label) + 1;
        }
    }
    let unit_label = format!(" per {unit_name}");
    if next_free + width(&unit_label) < w {
        let start = w - width(&unit_label);
        for (i, ch) in unit_label.chars().enumerate() {
            ticks[start + i] = (ch.to_string(), th.muted);
        }
    }
    if let Some((a, b)) = marker {
        for (c, cell) in ticks.iter_mut().enumerate().take(b + 1).skip(a) {
            *cell = (if c == a { "▲" } else { "▔" }.into(), th.axis_marker);
        }
    }

    let to_line = |cells: Vec<(String, Style)>| {
        Line::from(
            cells
                .into_iter()
                .map(|(s, st)| Span::styled(s, st))
                .collect::<Vec<_>>(),
        )
    };
    let mut lines = Vec::with_capacity(3);
    if area.height >= 3 {
        lines.push(to_line(era_cells));
    }
    lines.push(Line::from(bars));
    if area.height >= 2 {
        lines.push(to_line(ticks));
    }
    f.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_fit_the_width() {
        assert_eq!(bucket_months(87, 120), (1, "month"));
        assert_eq!(bucket_months(87, 76), (3, "quarter"));
        assert_eq!(bucket_months(360, 76), (12, "year"));
        assert_eq!(bucket_months(12_000, 76), (1200, "century"));
        let (m, _) = bucket_months(1_000_000, 10);
        assert!(1_000_000usize.div_ceil(m) <= 10);
    }
}
