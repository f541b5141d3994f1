//! The time axis: event density across the whole span (bars per month, quarter or year,
//! whichever fits the width; per day or week for a span of weeks, per hour for days), eras as labelled bands, the selected event's position, and
//! what the current filter keeps drawn apart from the rest.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::DAY_MS;
use crate::model::date::{MONTHS, year_label};
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{truncate, width};
use crate::tui::app::App;
use crate::tui::app::axis_counts::{AxisCounts, Scale};

/// The bar sizes of a scale, in buckets: the size, its name and its short name.
fn bar_sizes(scale: Scale) -> &'static [(usize, &'static str, &'static str)] {
    match scale {
        Scale::Hour => &[
            (1, "hour", "h"),
            (2, "2 hours", "2h"),
            (3, "3 hours", "3h"),
            (6, "6 hours", "6h"),
            (12, "12 hours", "12h"),
            (24, "day", "day"),
        ],
        Scale::Day => &[
            (1, "day", "day"),
            (2, "2 days", "2d"),
            (7, "week", "wk"),
            (14, "2 weeks", "2wk"),
        ],
        Scale::Month => &[
            (1, "month", "mo"),
            (3, "quarter", "qtr"),
            (12, "year", "yr"),
            (60, "5 years", "5yr"),
            (120, "decade", "10yr"),
            (1200, "century", "100yr"),
        ],
    }
}

/// The bar size, in buckets, that fits `buckets` into `cols` columns, with its name and
/// short name.
fn bar_size(scale: Scale, buckets: usize, cols: usize) -> (usize, &'static str, &'static str) {
    bar_sizes(scale)
        .iter()
        .copied()
        .find(|(m, _, _)| buckets.div_ceil(*m) <= cols)
        .unwrap_or((buckets.div_ceil(cols.max(1)).max(1), "bar", "bar"))
}

/// The first letter of a name, for a band too narrow for more.
fn initial(name: &str) -> String {
    name.trim()
        .graphemes(true)
        .next()
        .unwrap_or_default()
        .to_string()
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
    let buckets = all.counts.len();
    let (unit, unit_name, unit_short) = bar_size(all.scale, buckets, w);
    let bins = buckets.div_ceil(unit);
    let bin_of_col = |c: usize| (c * bins / w).min(bins - 1);
    let sum = |v: &[u32], b: usize| -> u32 { v.iter().skip(b * unit).take(unit).sum() };
    let max_all = (0..bins)
        .map(|b| sum(&all.counts, b))
        .max()
        .unwrap_or(0)
        .max(1);
    let span = app.tl.span().expect("events exist");
    let total = i128::from(span.hi - span.lo) + 1;
    let col_of = |t: i64| -> usize {
        let off = i128::from(t.clamp(span.lo, span.hi) - span.lo);
        ((off * w as i128) / total).min(w as i128 - 1) as usize
    };

    // Row 1: eras as bands.
    let mut era_cells: Vec<(String, Style)> = vec![(" ".into(), Style::default()); w];
    for era in &app.tl.eras {
        let es = era.span();
        if es.hi < span.lo || es.lo > span.hi {
            continue;
        }
        let (a, b) = (col_of(es.lo), col_of(es.hi.min(span.hi)));
        for cell in &mut era_cells[a..=b] {
            *cell = ("─".into(), th.axis_era);
        }
        era_cells[a] = ("├".into(), th.axis_era);
        if b > a {
            era_cells[b] = ("┤".into(), th.axis_era);
        }
        // The name inside the band, cut to fit; a band of two or three cells shows
        // the initial.
        let title = crate::text::sanitize(&era.title);
        let room = b.saturating_sub(a).saturating_sub(1);
        let (start, label) = match b - a + 1 {
            0 | 1 => (a, String::new()),
            2 => (b, initial(&title)),
            3 => (a + 1, initial(&title)),
            _ => (a + 1, truncate(&title, room).into_owned()),
        };
        for (col, g) in (start..).zip(label.graphemes(true)) {
            // Wide characters are rare in era titles; keep one cell per character.
            if col > b || width(g) != 1 {
                break;
            }
            era_cells[col] = (g.to_string(), th.axis_era);
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

    // Row 3: ticks (years, days or hours), the unit, and the selected event.
    let mut ticks: Vec<(String, Style)> = vec![(" ".into(), th.muted); w];
    // The selected event's place, kept clear of tick labels.
    let marker = app.current_event().map(|ev| {
        let s = app.tl.events[ev as usize].span();
        (col_of(s.lo), col_of(s.hi))
    });
    // Where each label would go. One that starts before the span (the first, usually) is
    // pinned to the left edge without a tick, and only when it leaves room for the next.
    let labels: Vec<(usize, String, bool)> = tick_labels(all, w)
        .into_iter()
        .map(|(at, label)| {
            if at < span.lo {
                (col_of(span.lo), label, true)
            } else {
                (col_of(at), format!("┊{label}"), false)
            }
        })
        .collect();
    let mut next_free = 0;
    for (i, (c, label, pinned)) in labels.iter().enumerate() {
        let lw = width(label);
        let mut c = *c;
        let clear = |c: usize| marker.is_none_or(|(a, b)| c + lw <= a || c > b);
        if *pinned && !clear(c) {
            // Pinned: it can step right of the marker.
            c = marker.map_or(c, |(_, b)| b + 1);
        }
        let before_next = labels.get(i + 1).is_none_or(|(n, _, _)| c + lw < *n);
        if c >= next_free && c + lw <= w && clear(c) && (!*pinned || before_next) {
            for (j, g) in label.graphemes(true).enumerate() {
                ticks[c + j] = (g.to_string(), th.muted);
            }
            next_free = c + lw + 1;
        }
    }
    if let Some((a, b)) = marker {
        for (c, cell) in ticks.iter_mut().enumerate().take(b + 1).skip(a) {
            *cell = (if c == a { "▲" } else { "▔" }.into(), th.axis_marker);
        }
    }
    // The bar's unit after the last year, as far right as it fits (in full or short),
    // with a blank on each side: never over a year or the marker.
    let free = |from: usize, len: usize| {
        ticks[from - 1..(from + len + 1).min(w)]
            .iter()
            .all(|(s, _)| s == " ")
    };
    for unit_label in [format!("per {unit_name}"), format!("/{unit_short}")] {
        let lw = width(&unit_label);
        let first = next_free.max(1);
        let last = w.saturating_sub(lw);
        if let Some(start) = (first..=last).rev().find(|&c| free(c, lw)) {
            for (j, g) in unit_label.graphemes(true).enumerate() {
                ticks[start + j] = (g.to_string(), th.muted);
            }
            break;
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

/// The ticks of the axis, as (instant, label): every few years for a span of years,
/// every few days (`20 Jun`) for weeks, every few hours (`14:00`, and the day at
/// midnight) for days; as many as fit in `w` columns.
fn tick_labels(all: &AxisCounts, w: usize) -> Vec<(i64, String)> {
    let n = all.counts.len() as i64;
    let every = |steps: &[i64], count: i64, cell: i64| -> i64 {
        let fits = |s: &i64| (count + s - 1) / s * cell <= w as i64;
        steps
            .iter()
            .copied()
            .find(fits)
            .unwrap_or(*steps.last().expect("steps"))
    };
    let day_label = |at: i64| {
        let day = (at + all.offset_ms).div_euclid(DAY_MS) as i32;
        let d = chrono::NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
        format!("{} {}", d.day(), MONTHS[d.month0() as usize])
    };
    match all.scale {
        Scale::Month => {
            let first_year = all.first.div_euclid(12) as i32;
            let last_year = (all.first + n - 1).div_euclid(12) as i32;
            let years = i64::from(last_year - first_year + 1).max(1);
            let step = every(&[1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], years, 6);
            (first_year..=last_year)
                .filter(|y| i64::from(y - first_year) % step == 0)
                .map(|y| {
                    let start = chrono::NaiveDate::from_ymd_opt(y, 1, 1)
                        .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce()) * DAY_MS);
                    (start, year_label(y))
                })
                .collect()
        }
        Scale::Day => {
            let step = every(&[1, 2, 7, 14, 28], n, 9);
            (0..n)
                .filter(|b| b % step == 0)
                .map(|b| (all.start_of(b), day_label(all.start_of(b))))
                .collect()
        }
        Scale::Hour => {
            let step = every(&[1, 2, 3, 6, 12, 24], n, 9);
            (0..n)
                .filter(|b| (all.first + b) % step == 0)
                .map(|b| {
                    let at = all.start_of(b);
                    let hour = (all.first + b).rem_euclid(24);
                    let label = if hour == 0 {
                        day_label(at)
                    } else {
                        format!("{hour:02}:00")
                    };
                    (at, label)
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_fit_the_width() {
        let months = |n, w| {
            let (m, name, _) = bar_size(Scale::Month, n, w);
            (m, name)
        };
        assert_eq!(months(87, 120), (1, "month"));
        assert_eq!(months(87, 76), (3, "quarter"));
        assert_eq!(months(360, 76), (12, "year"));
        assert_eq!(months(12_000, 76), (1200, "century"));
        let (m, _) = months(1_000_000, 10);
        assert!(1_000_000usize.div_ceil(m) <= 10);
        assert_eq!(bar_size(Scale::Hour, 72, 76), (1, "hour", "h"));
        assert_eq!(bar_size(Scale::Hour, 72, 30), (3, "3 hours", "3h"));
        assert_eq!(bar_size(Scale::Day, 120, 76), (2, "2 days", "2d"));
    }
}
