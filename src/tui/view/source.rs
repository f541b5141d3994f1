//! A source in full, and every event that cites it.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::detail::wrap_spans;
use crate::model::SourceIx;
use crate::text::{sanitize, sanitize_multiline};
use crate::tui::app::App;

pub struct Built<'a> {
    pub lines: Vec<Line<'a>>,
    /// The first line of each citing event (selectable).
    pub item_lines: Vec<usize>,
}

pub fn source_lines<'a>(app: &App, source: SourceIx, width: usize, selected: usize) -> Built<'a> {
    let th = &app.settings.theme;
    let tl = &app.tl;
    let s = tl.source(source);
    let width = width.max(8);
    let mut lines: Vec<Line<'a>> = Vec::new();
    lines.extend(wrap_spans(
        vec![Span::styled(sanitize(&s.publisher).into_owned(), th.title)],
        width,
        "",
    ));
    if let Some(t) = &s.title {
        lines.extend(wrap_spans(
            vec![Span::raw(format!("“{}”", sanitize(t)))],
            width,
            "",
        ));
    }
    lines.push(Line::raw(""));
    let label = |k: &str| Span::styled(format!("{k:\u{a0}<12}"), th.label);
    let mut field = |k: &str, v: String, style: Style| {
        lines.extend(wrap_spans(
            vec![label(k), Span::styled(v, style)],
            width,
            "",
        ));
    };
    field("Id", sanitize(&s.id).into_owned(), th.muted);
    if s.inline {
        field(
            "Written",
            "inline, in the event that cites it".into(),
            th.muted,
        );
    }
    if let Some(p) = &s.published {
        field(
            "Published",
            format!("{} ({p})", p.display(app.settings.date_style)),
            th.date,
        );
    }
    if let Some(a) = &s.author {
        field("Author", sanitize(a).into_owned(), Style::default());
    }
    if let Some(k) = s.kind {
        field("Kind", k.to_string(), Style::default());
    }
    match s.reliability {
        Some(r) => field(
            "Reliability",
            format!("{r} ({})", r.meaning().to_lowercase()),
            Style::default(),
        ),
        None => field("Reliability", "not graded".into(), th.muted),
    }
    if let Some(u) = &s.url {
        field("URL", sanitize(u).into_owned(), th.link);
    }
    if let Some(u) = &s.archive_url {
        field("Archived", sanitize(u).into_owned(), th.link);
    }
    let citing = &tl.index.events_by_source[source as usize];
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "Cited by {} event{}",
            citing.len(),
            if citing.len() == 1 { "" } else { "s" }
        ),
        th.header,
    ));
    let mut item_lines = Vec::new();
    for (n, &ev) in citing.iter().enumerate() {
        let e = &tl.events[ev as usize];
        item_lines.push(lines.len());
        let sel = if n == selected {
            th.selected
        } else {
            Style::default()
        };
        lines.extend(wrap_spans(
            vec![
                Span::styled(
                    format!(
                        "{} ",
                        e.date.display_in(app.settings.date_style, app.settings.tz)
                    ),
                    th.date.patch(sel),
                ),
                Span::styled(sanitize(&e.title).into_owned(), sel),
            ],
            width,
            "",
        ));
        for c in e.citations.iter().filter(|c| c.source == source) {
            let mut extra = Vec::new();
            if let Some(q) = &c.quote {
                extra.push(Span::styled(
                    format!("“{}”", sanitize_multiline(q)),
                    th.quote,
                ));
            }
            if let Some(l) = &c.locator {
                extra.push(Span::styled(format!(" ({})", sanitize(l)), th.muted));
            }
            if let Some(cr) = c.credibility {
                extra.push(Span::styled(
                    format!(" · credibility {cr} ({})", cr.meaning().to_lowercase()),
                    th.muted,
                ));
            }
            if !extra.is_empty() {
                lines.extend(wrap_spans(extra, width, "    "));
            }
        }
    }
    Built { lines, item_lines }
}
