//! The windows that only scroll: help (the keys of the screen under it, the query
//! language and a legend of the marks on screen) and the problems of the files and the
//! config.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::{popup, popup_block};
use crate::text::{sanitize, truncate, width};
use crate::tui::app::{App, HelpState, ProblemsState};
use crate::tui::theme::Theme;

/// The query language in brief, for the help screen.
pub(super) const QUERY_HELP: &[(&str, &str)] = &[
    (
        "word",
        "fuzzy: its letters in order in one field, at most 4 others between",
    ),
    ("'word", "the exact text appears"),
    ("^word  word$", "a field starts / ends with it"),
    ("!word", "the exact text does not appear"),
    ("tag:a,b", "has tag a or b"),
    ("actor:x", "an actor's id, name or alias starts with x"),
    ("source:x", "a cited source's id or publisher starts with x"),
    (
        "era:x",
        "overlaps an era whose id starts with x, or a word of whose title does",
    ),
    ("from:2023-06", "its span ends on or after June 2023"),
    ("to:2024", "its span starts on or before the end of 2024"),
    ("rel:B", "cites a source graded B or better"),
    ("is:marked", "marked (kept in the workspace)"),
    ("has:note", "has a note of yours"),
    ("note:word", "a note of yours holds the word"),
    ("label:a,b", "carries your label a or b"),
    ("view:name", "the query of a saved view"),
    ("!tag:x", "any facet, negated"),
    ("a\\ b", "a space inside a term"),
];

/// What the signs on screen mean, for the help screen.
const LEGEND: &[(&str, &str)] = &[
    ("●", "a marked event"),
    ("+N", "N more tags than fit on the row"),
    ("── 2024 ──", "the list enters a year (in date order)"),
    ("┄┄ Era ┄┄", "the list enters an era (in date order)"),
    (
        "‹summary›",
        "the query matched the event there (summary, source, actor, tag), not in its title",
    ),
    ("2024-06~  c.", "an approximate date"),
    ("2024-06?  ?", "an uncertain date"),
    ("2024-06%", "approximate and uncertain"),
    (
        "A–F",
        "a source's reliability (Admiralty): A completely reliable … E unreliable, F cannot be judged",
    ),
    (
        "1–6",
        "a citation's credibility: 1 confirmed … 5 improbable, 6 cannot be judged",
    ),
    ("B3", "reliability and credibility together"),
    (
        "▂▃▅█",
        "the time axis: events per bar, a bar being what the label at the right says (per month, /qtr, /yr, /5yr …); the events the query keeps are drawn apart from the rest",
    ),
    (
        "▲▔▔",
        "where the selected event is on the axis, and how far its date runs",
    ),
    (
        "├Era┤",
        "an era's band on the axis, named by its title, its short label or as much as fits; the selected event's era in full, in the marker's colour",
    ),
    (
        "─Era─",
        "an era that goes on past the edge of the axis (zoomed in: the label at the right says so)",
    ),
    (
        "✎",
        "a note of yours (in the detail and on the event's screen)",
    ),
];

/// Draws `lines` in `inner` from `scroll` (held to the last line), and gives back how far
/// they scroll and how many rows show, for the next key's scroll (`LayoutInfo::window`).
pub(super) fn scrolling(f: &mut Frame, lines: Vec<Line>, inner: Rect, scroll: u16) -> (u16, u16) {
    let max = (lines.len() as u16).saturating_sub(inner.height);
    f.render_widget(Paragraph::new(lines).scroll((scroll.min(max), 0)), inner);
    (max, inner.height)
}

pub fn help(f: &mut Frame, app: &App, h: &HelpState, area: Rect) -> (u16, u16) {
    let th = &app.settings.theme;
    let r = popup(area, 78, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let title = format!(" Help: {} screen ", h.layer.name());
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let rows = app.settings.keymap.help_rows(h.layer);
    let key_w = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(4)
        .min(24);
    let room = inner.width as usize;
    let mut lines = Vec::new();
    let keys = rows
        .into_iter()
        .map(|(keys, what)| (format!("  {:<key_w$}  ", truncate(&keys, key_w)), what));
    section(&mut lines, " Keys", keys, th, room);
    let terms =
        |t: &'static [(&str, &'static str)]| t.iter().map(|(q, w)| (format!("  {q:<14}  "), *w));
    section(
        &mut lines,
        " Query language (terms separated by spaces must all hold)",
        terms(QUERY_HELP),
        th,
        room,
    );
    section(
        &mut lines,
        " What the marks on screen mean",
        terms(LEGEND),
        th,
        room,
    );
    for note in [
        "  Lower-case matches any case; Zurich finds Zürich.",
        "  With mouse capture on, hold Shift to select text with the mouse.",
    ] {
        lines.extend(
            wrap(note, room, 2)
                .into_iter()
                .map(|l| Line::styled(l, th.muted)),
        );
    }
    scrolling(f, lines, inner, h.scroll)
}

/// The problems of the files after a reload that failed (or word that they load again),
/// and the config's.
pub fn problems(f: &mut Frame, app: &App, p: &ProblemsState, area: Rect) -> (u16, u16) {
    let th = &app.settings.theme;
    let r = popup(area, 100, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let title = match (&app.load_problems, p.fixed) {
        (Some(_), _) => " Problems: the files no longer load ",
        (None, true) => " Problems: fixed ",
        (None, false) => " Problems of the config ",
    };
    let block = popup_block(app, title.into());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = inner.width as usize;
    let mut lines: Vec<Line> = Vec::new();
    let note = |lines: &mut Vec<Line>, text: &str, style: Style| {
        lines.extend(
            wrap(text, room, 1)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    };
    if let Some(problems) = &app.load_problems {
        note(
            &mut lines,
            " The timeline on screen is the last one that loaded. Fix the files: it reloads by itself.",
            th.muted,
        );
        lines.push(Line::raw(""));
        problem_lines(&mut lines, problems, room, th);
    } else if p.fixed {
        let n = app.tl.events.len();
        note(
            &mut lines,
            &format!(" ✓ Fixed: the files load again ({n} events)."),
            th.info,
        );
    }
    if let Some((head, problems)) = app.settings.config_problems.split_first() {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        note(&mut lines, &format!(" {}", sanitize(head)), th.muted);
        lines.push(Line::raw(""));
        problem_lines(&mut lines, problems, room, th);
    }
    scrolling(f, lines, inner, p.scroll)
}

/// Rendered diagnostics, a line each, coloured by severity: a line of a file and its
/// carets cut, never wrapped, so that the carets stay under what they point at.
fn problem_lines(lines: &mut Vec<Line>, problems: &[String], room: usize, th: &Theme) {
    for l in problems {
        let style = if l.contains(": error: ") {
            th.error
        } else if l.contains(": warning: ") {
            th.warn
        } else {
            Style::default()
        };
        let l = format!(" {}", sanitize(l));
        if is_excerpt(&l) {
            lines.push(Line::styled(truncate(&l, room).into_owned(), style));
        } else {
            lines.extend(
                wrap(&l, room, 3)
                    .into_iter()
                    .map(|w| Line::styled(w, style)),
            );
        }
    }
}

/// A line of a diagnostic that quotes the file (`4 |     date: …`) or points into it
/// (`  |    ^^^`).
fn is_excerpt(line: &str) -> bool {
    let rest = line
        .trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit());
    rest.trim_start().starts_with('|')
}

/// Wraps sanitized text to `room` cells: its own leading spaces start the first line,
/// `indent` spaces the others.
fn wrap(text: &str, room: usize, indent: usize) -> Vec<String> {
    let body = text.trim_start_matches(' ');
    let lead = text.len() - body.len();
    let cells = room.saturating_sub(lead.max(indent)).max(1);
    crate::text::wrap(body, cells)
        .into_iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", " ".repeat(if i == 0 { lead } else { indent })))
        .collect()
}

/// A heading, its terms each with a description that wraps under itself, and a blank line.
fn section<'a>(
    lines: &mut Vec<Line<'static>>,
    heading: &str,
    terms: impl Iterator<Item = (String, &'a str)>,
    th: &Theme,
    room: usize,
) {
    let heading = wrap(heading, room, 1).into_iter();
    lines.extend(heading.map(|l| Line::styled(l, th.header)));
    for (term, what) in terms {
        lines.extend(described(term, what, th.key, Style::default(), room));
    }
    lines.push(Line::raw(""));
}

/// A term and its description: the description wraps under itself, never under the term.
fn described(
    term: String,
    what: &str,
    term_style: Style,
    style: Style,
    room: usize,
) -> Vec<Line<'static>> {
    let term_w = width(&term);
    let what = sanitize(what);
    let text_room = room.saturating_sub(term_w).max(12);
    crate::text::wrap(&what, text_room)
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 {
                Span::styled(term.clone(), term_style)
            } else {
                Span::raw(" ".repeat(term_w))
            };
            Line::from(vec![head, Span::styled(l, style)])
        })
        .collect()
}
