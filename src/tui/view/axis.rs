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
use unicode_segmentation::UnicodeSegmentation;

use crate::text::{truncate, width};
use crate::tui::app::App;

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

/// The unit of a bar in a few letters.
fn short_unit(name: &str) -> &'static str {
    match name {
        "month" => "mo",
        "quarter" => "qtr",
        "year" => "yr",
        "5 years" => "5yr",
        "decade" => "10yr",
        "century" => "100yr",
        _ => "bar",
    }
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
    // Where each year's label would go. A year that starts before the span (the first,
    // usually) is pinned to the left edge without a tick, and only when it leaves room
    // for the next label.
    let labels: Vec<(usize, String, bool)> = (first_year..=last_year)
        .filter(|y| ((y - first_year) as usize).is_multiple_of(step))
        .map(|y| {
            let day =
                chrono::NaiveDate::from_ymd_opt(y, 1, 1).map_or(span.lo, |d| d.num_days_from_ce());
            if day < span.lo {
                (col_of_day(span.lo), year_label(y), true)
            } else {
                (col_of_day(day), format!("┊{}", year_label(y)), false)
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
    for unit_label in [
        format!("per {unit_name}"),
        format!("/{}", short_unit(unit_name)),
    ] {
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
