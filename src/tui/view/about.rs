//! "About this timeline": its title and summary, when it was brought up to date, what it
//! holds, the files it was read from, and what the analyst's workspace holds on it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Clear;

use super::overlays::{popup, popup_block};
use crate::model::DateStyle;
use crate::text::{sanitize, wrap};
use crate::tui::app::App;

/// `n thing`/`n things`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

pub fn draw(f: &mut Frame, app: &App, scroll: u16, area: Rect) -> (u16, u16) {
    let th = &app.settings.theme;
    let tl = &app.tl;
    let r = popup(area, 90, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let block = popup_block(app, " About this timeline ".into());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = (inner.width as usize).saturating_sub(2).max(8);
    let mut lines: Vec<Line> = Vec::new();
    for l in wrap(&sanitize(&tl.title), room) {
        lines.push(Line::styled(format!(" {l}"), th.title));
    }
    if let Some(s) = &tl.summary {
        for para in s.split("\n\n") {
            lines.push(Line::raw(""));
            for l in wrap(&sanitize(&para.replace('\n', " ")), room) {
                lines.push(Line::raw(format!(" {l}")));
            }
        }
    }
    lines.push(Line::raw(""));
    let row = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!(" {name:<15}"), th.label),
            Span::raw(value),
        ])
    };
    if let Some(u) = &tl.updated {
        lines.push(row("Data as of", u.display(DateStyle::Text)));
    }
    if let (Some(first), Some(last)) = (
        tl.events.first(),
        tl.events.iter().max_by_key(|e| e.span().hi),
    ) {
        let end = last.end.as_ref().unwrap_or(&last.date);
        lines.push(row(
            "Span",
            format!(
                "{} – {}",
                first.date.display(DateStyle::Text),
                end.display(DateStyle::Text)
            ),
        ));
    }
    let mut publishers: Vec<&str> = tl.sources.iter().map(|s| s.publisher.as_str()).collect();
    publishers.sort_unstable();
    publishers.dedup();
    lines.push(row(
        "Holds",
        format!(
            "{}, {}, {}, {} ({}), {}",
            count(tl.events.len(), "event", "events"),
            count(tl.eras.len(), "era", "eras"),
            count(tl.actors.len(), "actor", "actors"),
            count(tl.sources.len(), "source", "sources"),
            count(publishers.len(), "publisher", "publishers"),
            count(tl.tags.len(), "tag", "tags"),
        ),
    ));
    for (i, input) in tl.inputs.iter().enumerate() {
        let what = if input.is_embedded() {
            format!("the embedded {}", input.name)
        } else {
            input.name.clone()
        };
        let kb = input.bytes.div_ceil(1024);
        let text = format!(
            "{}, {kb} KiB, SHA-256 {}",
            sanitize(&what),
            input.sha256_prefix(12)
        );
        lines.push(row(if i == 0 { "Read from" } else { "" }, text));
    }
    let w = &app.work;
    let notes: usize = w.events.values().map(|e| e.notes.len()).sum();
    let mut held = vec![
        format!("{} marked", app.ann.marks.len()),
        count(notes, "note", "notes"),
        count(w.label_counts().len(), "label", "labels"),
        count(w.views.len(), "saved view", "saved views"),
        count(w.drafts.len(), "brief draft", "brief drafts"),
    ];
    if app.work_read_only.is_some() {
        held.push("read-only this session".into());
    }
    lines.push(row("Your workspace", held.join(" · ")));
    if let Some(o) = app.orphans() {
        for l in wrap(&sanitize(&o), room.saturating_sub(16).max(8)) {
            lines.push(row("", l));
        }
    }
    super::help::scrolling(f, lines, inner, scroll)
}
