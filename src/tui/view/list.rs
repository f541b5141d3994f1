//! The event list: only the rows on screen are built, so a frame costs the same with
//! forty events or a hundred thousand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::detail::highlighted;
use crate::model::date::year_label;
use crate::query::FieldKind;
use crate::text::{pad, sanitize, truncate, width, window_runs};
use crate::tui::app::{App, Pane, Row};

/// The tags that fit in `room` cells, separated by spaces, in their order; when some do
/// not fit, a `+N` says how many are left out. Empty when not even that fits.
pub fn chips(tags: &[String], room: usize) -> String {
    let mut out = String::new();
    for (i, t) in tags.iter().enumerate() {
        let left = tags.len() - i - 1;
        let sep = usize::from(!out.is_empty());
        // What must still fit after this chip: nothing, or the "+N" of the rest.
        let after = if left == 0 {
            0
        } else {
            format!(" +{left}").len()
        };
        if width(&out) + sep + width(t) + after <= room {
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(t);
            continue;
        }
        let more = format!("+{}", tags.len() - i);
        if width(&out) + sep + more.len() <= room {
            if sep == 1 {
                out.push(' ');
            }
            out.push_str(&more);
        }
        break;
    }
    out
}

/// The cells of a title's runs from the first matched character to the last (a run not
/// in the `base` style is matched).
fn focus(runs: &[(Style, String)], base: Style) -> (usize, usize) {
    let (mut at, mut first, mut last) = (0, None, 0);
    for (style, s) in runs {
        let w = width(s);
        if *style != base {
            first.get_or_insert(at);
            last = at + w;
        }
        at += w;
    }
    (first.unwrap_or(0), last)
}

/// Where a query matched an event whose title it did not match, for the row to say:
/// the summary, a source, an actor, a tag (dates show in their own column).
fn matched_elsewhere(h: &crate::query::Highlights) -> Option<&'static str> {
    h.fields.iter().find_map(|(kind, _, _)| match kind {
        FieldKind::Summary => Some("summary"),
        FieldKind::Publisher | FieldKind::SourceTitle | FieldKind::Quote => Some("source"),
        FieldKind::Actor | FieldKind::Alias => Some("actor"),
        FieldKind::Tag => Some("tag"),
        _ => None,
    })
}

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = &app.settings.theme;
    let m = app.main();
    let focused = !app.layout.wide || m.focus == Pane::List;
    let w = area.width as usize;
    let date_w = app.date_width.min(w.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::with_capacity(area.height as usize);
    let end = (m.offset + area.height as usize).min(app.rows.len());
    for (i, row) in app.rows[m.offset.min(end)..end].iter().enumerate() {
        let idx = m.offset + i;
        let line = match *row {
            Row::Era(ix) => {
                let title = sanitize(&app.tl.era(ix).title).into_owned();
                let label = truncate(&format!("┄┄ {title} "), w).into_owned();
                let rest = w.saturating_sub(width(&label));
                Line::styled(format!("{label}{}", "┄".repeat(rest)), th.axis_era)
            }
            Row::Year(y) => {
                let label = format!("── {} ", year_label(y));
                let rest = w.saturating_sub(width(&label));
                Line::styled(format!("{label}{}", "─".repeat(rest)), th.year)
            }
            Row::Event { ev, hit } => {
                let e = &app.tl.events[ev as usize];
                let selected = idx == m.selected;
                let base = if !hit { th.context } else { Style::default() };
                let mark = if app.ann.marks.contains(&ev) {
                    Span::styled("●", th.mark)
                } else {
                    Span::raw(" ")
                };
                // While the changes view is on, a sign says how each event changed.
                let change = match &app.changes {
                    Some(v) => v.marks.get(&ev).map_or(Span::raw("  "), |c| {
                        Span::styled(format!("{} ", c.sign()), th.warn)
                    }),
                    None => Span::raw(" "),
                };
                let date = Span::styled(
                    format!(
                        "{} ",
                        pad(
                            &sanitize(&e.date_label(app.settings.date_style, app.settings.tz)),
                            date_w
                        )
                    ),
                    if hit { th.date } else { th.context },
                );
                let used = 1 + change.width() + date_w + 1;
                let room = w.saturating_sub(used);
                // The title comes first: tag chips take what is left after the whole
                // title and a gap of two, at most a third of the row; chips that do not
                // fit give way to a "+N", and none show when the title needs the row (the
                // detail pane and the event screen list every tag).
                let title_full = width(&sanitize(&e.title));
                let tags: Vec<String> = e
                    .tags
                    .iter()
                    .map(|&t| sanitize(app.tl.tag(t)).into_owned())
                    .collect();
                let positions = match (&app.compiled, hit) {
                    (Some(c), true) => app
                        .index
                        .as_deref()
                        .map(|_| c.highlights(&app.tl, ev))
                        .unwrap_or_default(),
                    _ => Default::default(),
                };
                // A query's words stay in sight: a cut title shows the part it matched,
                // and a row whose title did not match says where the event did.
                let elsewhere = match positions.of(FieldKind::Title, 0) {
                    [] => matched_elsewhere(&positions).map(|w| format!(" ‹{w}›")),
                    _ => None,
                };
                let said = elsewhere.as_deref().map_or(0, width);
                let wanted = title_full + said;
                let chips = chips(&tags, room.saturating_sub(wanted + 2).min(room / 3));
                let tag_room = if chips.is_empty() {
                    0
                } else {
                    width(&chips) + 2
                };
                let title_room = room.saturating_sub(tag_room + said);
                let spans = highlighted(
                    &e.title,
                    positions.of(FieldKind::Title, 0),
                    base,
                    th.matched,
                );
                let runs: Vec<(Style, String)> = spans
                    .into_iter()
                    .map(|s| (s.style, s.content.into_owned()))
                    .collect();
                let runs = window_runs(&runs, title_room, focus(&runs, base), base);
                let title_w: usize = runs.iter().map(|(_, s)| width(s)).sum();
                let mut spans = vec![mark, change, date];
                spans.extend(runs.into_iter().map(|(st, s)| Span::styled(s, st)));
                if let Some(w) = elsewhere {
                    spans.push(Span::styled(w, th.muted));
                }
                if tag_room > 0 {
                    spans.push(Span::raw(
                        " ".repeat(title_room.saturating_sub(title_w) + 2),
                    ));
                    spans.push(Span::styled(chips, if hit { th.tag } else { th.context }));
                }
                let mut line = Line::from(spans);
                if selected && hit {
                    let sel = if focused {
                        th.selected
                    } else {
                        th.selected_unfocused
                    };
                    // Pad so the whole row shows the selection.
                    let lw = line.width();
                    if lw < w {
                        line.spans.push(Span::raw(" ".repeat(w - lw)));
                    }
                    line = line.patch_style(sel);
                }
                line
            }
        };
        lines.push(line);
    }
    if app.rows.is_empty() {
        let msg = if app.has_query() {
            "No events match the query. Esc clears it; / edits it."
        } else {
            "This timeline has no events."
        };
        lines.push(Line::styled(msg, th.muted));
    }
    f.render_widget(Paragraph::new(lines), area);
}
