//! The time axis: event density across the span it shows, the whole timeline's or the
//! one it is zoomed in on (bars per month, quarter or year, whichever fits the width; per
//! day or week for a span of weeks, per hour for days), eras as labelled bands
//! ([`axis_eras`](super::axis_eras)), the selected event's position, what the current
//! filter keeps drawn apart from the rest, and a legend line saying so.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::DAY_MS;
use crate::model::date::{MONTHS, year_label};
use unicode_segmentation::UnicodeSegmentation;

use super::axis_eras::era_row;
use crate::text::width;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::app::axis::col_of;
use crate::tui::app::axis_counts::{AxisCounts, Scale};
use crate::tui::keymap::Layer;

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

const LEVELS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// The rows the axis takes: eras, bars and ticks, and the legend when it is shown.
pub fn height(app: &App) -> u16 {
    if app.axis.legend { 4 } else { 3 }
}

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    if area.width < 10 || area.height == 0 {
        return;
    }
    let th = &app.settings.theme;
    let w = area.width as usize;
    let all = &app.axis_all;
    let kept = &app.axis_kept;
    let Some(span) = app.axis_span() else { return };
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
    let col_of = |t: i64| col_of(span, w, t);

    // Row 1: eras as bands.
    let era_cells = era_row(app, span, w);

    // Row 2: density; the filter's kept events in their own style; a brush reversed.
    let has_query = app.has_query();
    let brush = app.axis.brush.map(|(a, b)| {
        let x = area.x;
        (
            usize::from(a.min(b).saturating_sub(x)),
            usize::from(a.max(b).saturating_sub(x)),
        )
    });
    let mut bars: Vec<Span> = Vec::with_capacity(w);
    for c in 0..w {
        let b = bin_of_col(c);
        let n_all = sum(&all.counts, b);
        let n_kept = sum(&kept.counts, b);
        let (n, mut style) = if has_query && n_kept == 0 {
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
        if brush.is_some_and(|(a, b)| (a..=b).contains(&c)) {
            style = style.add_modifier(Modifier::REVERSED);
        }
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
    // The bar's unit at the right, in full or short, with a blank on each side and
    // clear of the marker; zoomed in, it says so. The full form when it hides no more
    // year labels than the short one.
    let zoomed = app.axis.window.is_some();
    let units = if zoomed {
        [
            format!("zoomed in, per {unit_name}"),
            format!("zoom /{unit_short}"),
        ]
    } else {
        [format!("per {unit_name}"), format!("/{unit_short}")]
    };
    let unit_at = |unit: &str| {
        let lw = width(unit);
        (1..=w.saturating_sub(lw))
            .rev()
            .find(|&s| marker.is_none_or(|(a, b)| s + lw < a || s > b + 1))
    };
    let placed: Vec<(Option<usize>, Ticks)> = units
        .iter()
        .map(|u| {
            let at = unit_at(u);
            let limit = at.map_or(w, |s| s.saturating_sub(1));
            (at, place_ticks(&labels, marker, limit))
        })
        .collect();
    let most = placed.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
    let (unit, (unit_start, chosen)) = units
        .iter()
        .zip(&placed)
        .find(|(_, (at, t))| at.is_some() && t.len() == most)
        .or_else(|| units.iter().zip(&placed).next_back())
        .expect("two forms");
    for (c, label) in chosen {
        for (j, g) in label.graphemes(true).enumerate() {
            ticks[c + j] = (g.to_string(), th.muted);
        }
    }
    if let Some((a, b)) = marker {
        for (c, cell) in ticks.iter_mut().enumerate().take(b + 1).skip(a) {
            *cell = (if c == a { "▲" } else { "▔" }.into(), th.axis_marker);
        }
    }
    if let Some(start) = unit_start {
        for (j, g) in unit.graphemes(true).enumerate() {
            ticks[start + j] = (g.to_string(), th.muted);
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
    let mut lines = Vec::with_capacity(4);
    if area.height >= 3 {
        lines.push(to_line(era_cells));
    }
    lines.push(Line::from(bars));
    if area.height >= 2 {
        lines.push(to_line(ticks));
    }
    if area.height >= 4 {
        lines.push(legend(app, w, unit_name, max_all));
    }
    f.render_widget(Paragraph::new(lines), area);
}

/// Tick labels placed: column and text.
type Ticks<'a> = Vec<(usize, &'a str)>;

/// Where the tick labels go (column, label), left to right, each clear of the one before,
/// of the marker (a blank between) and of the columns from `limit` on. A label pinned to
/// the left edge steps right of the marker, and shows only when it leaves room for the
/// next.
fn place_ticks(
    labels: &[(usize, String, bool)],
    marker: Option<(usize, usize)>,
    limit: usize,
) -> Ticks<'_> {
    let mut out = Vec::new();
    let mut next_free = 0;
    for (i, (c, label, pinned)) in labels.iter().enumerate() {
        let lw = width(label);
        let mut c = *c;
        let clear = |c: usize| marker.is_none_or(|(a, b)| c + lw < a || c > b + 1);
        if *pinned && !clear(c) {
            c = marker.map_or(c, |(_, b)| b + 2);
        }
        let before_next = labels.get(i + 1).is_none_or(|(n, _, _)| c + lw < *n);
        if c >= next_free && c + lw <= limit && clear(c) && (!*pinned || before_next) {
            out.push((c, label.as_str()));
            next_free = c + lw + 1;
        }
    }
    out
}

/// The legend line: what the bars, their styles, the marker and the bands mean, and the
/// keys that use the axis; as many of its items as fit in `w` cells.
fn legend(app: &App, w: usize, unit_name: &str, max: u32) -> Line<'static> {
    let th = &app.settings.theme;
    let km = &app.settings.keymap;
    let key = |a: Action| km.keys_for(Layer::Main, a).first().map(|k| k.to_string());
    let mut items: Vec<Vec<Span<'static>>> = Vec::new();
    if app.has_query() {
        items.push(vec![
            Span::styled("█", th.axis_kept),
            Span::raw(" the query's events  "),
            Span::styled("█", th.axis_bar),
            Span::raw(" the others"),
        ]);
    } else {
        items.push(vec![Span::styled("█", th.axis_kept), Span::raw(" events")]);
    }
    items.push(vec![Span::raw(format!(
        "bar height: events per {unit_name}, █ = {max}"
    ))]);
    items.push(vec![
        Span::styled("▲▔", th.axis_marker),
        Span::raw(" the selected event"),
    ]);
    items.push(vec![Span::styled("├─┤", th.axis_era), Span::raw(" an era")]);
    if let (Some(i), Some(o)) = (key(Action::ZoomIn), key(Action::ZoomOut)) {
        items.push(vec![
            Span::styled(format!("{i} {o}"), th.key),
            Span::raw(" zoom (or the wheel)"),
        ]);
    }
    if let (Some(a), Some(b)) = (key(Action::SetFrom), key(Action::SetTo)) {
        items.push(vec![
            Span::styled(format!("{a} {b}"), th.key),
            Span::raw(" from:/to: (or drag)"),
        ]);
    }
    if let Some(k) = key(Action::AxisLegend) {
        items.push(vec![Span::styled(k, th.key), Span::raw(" hides this")]);
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for item in items {
        let iw: usize = item.iter().map(|s| width(&s.content)).sum();
        let gap = if spans.is_empty() { 0 } else { 3 };
        if used + gap + iw > w {
            break;
        }
        if gap > 0 {
            spans.push(Span::styled(" · ", th.muted));
        }
        used += gap + iw;
        spans.extend(item);
    }
    Line::from(spans)
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
