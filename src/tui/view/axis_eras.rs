//! The time axis' first row: eras as bands under their spans, each named with the room it
//! has (its title, else its short label, else one of them cut, else its initial); the
//! selected event's era is named in full, over its neighbours' bands when its own is too
//! narrow.

use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::model::Span;
use crate::text::{sanitize, truncate, width};
use crate::tui::app::App;
use crate::tui::app::axis::col_of;

/// One cell of an axis row: its text and style.
pub type Cell = (String, Style);

/// The first letter of a name, for a band too narrow for more.
fn initial(name: &str) -> String {
    name.trim()
        .graphemes(true)
        .next()
        .unwrap_or_default()
        .to_string()
}

/// The best name in `room` cells: the title, the short label, the short label (else the
/// title) cut.
pub fn fit(title: &str, short: Option<&str>, room: usize) -> String {
    if width(title) <= room {
        return title.to_string();
    }
    match short {
        Some(s) if width(s) <= room => s.to_string(),
        Some(s) => truncate(s, room).into_owned(),
        None => truncate(title, room).into_owned(),
    }
}

/// An era's band on the row: its era, its first and last column, and whether it goes on
/// past the left or the right edge (the axis is zoomed in).
struct Band {
    era: usize,
    a: usize,
    b: usize,
    open_left: bool,
    open_right: bool,
}

/// The era row of an axis over `span`, `w` cells wide.
pub fn era_row(app: &App, span: Span, w: usize) -> Vec<Cell> {
    let style = app.settings.theme.axis_era;
    let mut cells: Vec<Cell> = vec![(" ".into(), Style::default()); w];
    let zoomed = app.axis.window.is_some();
    let bands: Vec<Band> = (app.tl.eras.iter().enumerate())
        .filter_map(|(era, e)| {
            let es = e.span();
            (es.hi >= span.lo && es.lo <= span.hi).then(|| Band {
                era,
                a: col_of(span, w, es.lo),
                b: col_of(span, w, es.hi),
                open_left: zoomed && es.lo < span.lo,
                open_right: zoomed && es.hi > span.hi,
            })
        })
        .collect();
    for band in &bands {
        for cell in &mut cells[band.a..=band.b] {
            *cell = ("─".into(), style);
        }
        if !band.open_left {
            cells[band.a] = ("├".into(), style);
        }
        if band.b > band.a && !band.open_right {
            cells[band.b] = ("┤".into(), style);
        }
    }
    let title = |era: usize| sanitize(&app.tl.eras[era].title).into_owned();
    let short = |era: usize| {
        app.tl.eras[era]
            .short
            .as_deref()
            .map(|s| sanitize(s).into_owned())
    };
    // The selected event's era, named in full: over the cells from its band on, moved
    // left as far as the row's end needs.
    let selected = app.current_event().and_then(|ev| {
        let s = app.tl.events[ev as usize].span();
        bands
            .iter()
            .find(|b| app.tl.eras[b.era].span().overlaps(&s))
    });
    let spill = selected.and_then(|band| {
        let name = title(band.era);
        let room = band.b.saturating_sub(band.a).saturating_sub(1);
        (width(&name) > room).then(|| {
            let name = truncate(&name, w).into_owned();
            let start = (band.a + 1).min(w - width(&name));
            (band.era, start, name)
        })
    });
    for band in &bands {
        if spill.as_ref().is_some_and(|(era, _, _)| *era == band.era) {
            continue;
        }
        // The cells inside the band, less the full name and a cell either side of it.
        let (mut lo, mut hi) = (band.a + 1, band.b.saturating_sub(1));
        if let Some((_, s, name)) = &spill {
            let (s_lo, s_hi) = (s.saturating_sub(1), s + width(name));
            if lo < s_lo {
                hi = hi.min(s_lo - 1);
            } else {
                lo = lo.max(s_hi + 1);
            }
        }
        let label = match band.b - band.a + 1 {
            0 | 1 => continue,
            // A band of two or three cells shows the initial.
            2 => (band.b, initial(&title(band.era))),
            3 => (band.a + 1, initial(&title(band.era))),
            _ if hi >= lo => (
                lo,
                fit(&title(band.era), short(band.era).as_deref(), hi - lo + 1),
            ),
            _ => continue,
        };
        put(&mut cells, label.0, band.b.min(w - 1), &label.1, style);
    }
    if let Some((_, start, name)) = spill {
        put(
            &mut cells,
            start,
            w - 1,
            &name,
            app.settings.theme.axis_marker,
        );
    }
    cells
}

/// Writes `text` from column `from`, no further than `last`: one cell per character.
fn put(cells: &mut [Cell], from: usize, last: usize, text: &str, style: Style) {
    for (col, g) in (from..).zip(text.graphemes(true)) {
        // Wide characters are rare in era titles; keep one cell per character.
        if col > last || width(g) != 1 {
            break;
        }
        cells[col] = (g.to_string(), style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_fits_its_room() {
        let t = "The nationwide ban and its aftermath";
        assert_eq!(fit(t, Some("Nationwide ban"), 40), t);
        assert_eq!(fit(t, Some("Nationwide ban"), 14), "Nationwide ban");
        assert_eq!(fit(t, Some("Nationwide ban"), 8), "Nationw…");
        assert_eq!(fit(t, None, 8), "The nat…");
    }
}
