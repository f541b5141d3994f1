//! The list of changes: each changed event (its sign, date, id and title, then what
//! changed), the key judgments to look at again, and what the changes are counted from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::{popup, popup_block};
use crate::text::{sanitize, truncate, wrap};
use crate::tui::app::changes::{Basis, ChangesView};
use crate::tui::app::{App, ChangesState};

pub fn draw(f: &mut Frame, app: &App, st: &ChangesState, area: Rect) {
    let th = &app.settings.theme;
    let r = popup(area, 110, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let title = match &app.changes {
        Some(v) => format!(" Changes {} ", sanitize(&v.since())),
        None => " Changes ".to_string(),
    };
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = inner.width as usize;
    let text = |s: &str| wrap(s, room.saturating_sub(2).max(8));
    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0;
    match &app.changes {
        None => {
            let msg = "No brief has been written from this workspace yet, so there is nothing to count changes from. Write one (e, then w), or press r to count the changes since a git revision of the timeline's files.";
            lines.extend(text(msg).into_iter().map(|l| Line::raw(format!(" {l}"))));
        }
        Some(v) => {
            let head = format!(" {}", sanitize(&v.headline));
            lines.push(Line::styled(truncate(&head, room).into_owned(), th.header));
            lines.push(Line::raw(""));
            selected_line = lines.len() + event_lines(app, v, st.selected, room, &mut lines);
            after_events(v, &text, room, th.warn, th.muted, &mut lines);
        }
    }
    let h = inner.height as usize;
    let top = (selected_line + 2).saturating_sub(h);
    let max = lines.len().saturating_sub(h);
    let top = top.min(max) as u16;
    f.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
}

/// The changed events, the selected one highlighted; the line it starts on.
fn event_lines(
    app: &App,
    v: &ChangesView,
    selected: usize,
    room: usize,
    lines: &mut Vec<Line<'static>>,
) -> usize {
    let th = &app.settings.theme;
    if v.events.is_empty() {
        let msg = match &v.basis {
            Basis::Brief { .. } => " Nothing changed in the events of that brief.".to_string(),
            Basis::Revision { rev, .. } => {
                format!(" No event differs from {}.", sanitize(rev))
            }
        };
        lines.push(Line::styled(msg, th.muted));
        return 0;
    }
    let all = crate::diff::text::event_lines(&v.events, false);
    let mut at = 0;
    let mut selected_line = 0;
    for (i, c) in v.events.iter().enumerate() {
        let n = 1 + c.fields.len();
        let gone = app.tl.event_ix(&c.id).is_none();
        for (k, l) in all[at..at + n].iter().enumerate() {
            let mut l = format!(" {l}");
            if k == 0 && gone {
                l.push_str("  (no longer in the timeline)");
            }
            let l = truncate(&l, room).into_owned();
            let style = match (i == selected, k) {
                (true, 0) => th.selected,
                (_, 0) => Style::default(),
                _ => th.muted,
            };
            lines.push(Line::styled(l, style));
        }
        if i == selected {
            selected_line = at;
        }
        at += n;
    }
    selected_line
}

/// What follows the events: registry changes, files a revision lacks, judgments to review.
fn after_events(
    v: &ChangesView,
    text: &dyn Fn(&str) -> Vec<String>,
    room: usize,
    warn: Style,
    muted: Style,
    lines: &mut Vec<Line<'static>>,
) {
    for l in &v.registries {
        let l = truncate(&sanitize(&format!(" {l}")), room).into_owned();
        lines.push(Line::raw(l));
    }
    if let Basis::Revision { rev, missing, .. } = &v.basis
        && !missing.is_empty()
    {
        lines.push(Line::raw(""));
        let msg = format!(
            "Not in {rev} (their events count as added): {}",
            missing.join(", ")
        );
        lines.extend(
            text(&sanitize(&msg))
                .into_iter()
                .map(|l| Line::styled(format!(" {l}"), muted)),
        );
    }
    if !v.review.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(" Key judgments to review", warn));
        for r in &v.review {
            let msg = format!(
                "{}. {} (rests on {}, which changed)",
                r.number,
                r.text.trim(),
                r.events.join(", ")
            );
            for (k, l) in text(&sanitize(&msg)).into_iter().enumerate() {
                let indent = if k == 0 { "  " } else { "     " };
                lines.push(Line::styled(format!("{indent}{l}"), warn));
            }
        }
    }
}
