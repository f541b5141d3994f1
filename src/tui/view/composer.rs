//! The brief composer: what the brief will say (title, the events, the bottom line, the
//! key judgments, whether notes go in) and the estimative-language check, in a window.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::overlays::{popup, popup_block};
use crate::text::{sanitize, wrap};
use crate::tui::app::{App, ComposerState};

pub fn draw(f: &mut Frame, app: &App, st: &ComposerState, area: Rect) {
    let th = &app.settings.theme;
    let r = popup(area, 100, area.height.saturating_sub(2));
    f.render_widget(Clear, r);
    let title = format!(" Brief composer: draft '{}' ", sanitize(&app.draft_name));
    let block = popup_block(app, title);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = (inner.width as usize).saturating_sub(2).max(8);
    let d = app.draft();
    let sel = app.brief_selection();
    let mut lines: Vec<Line> = Vec::new();
    let label = |s: &str| Span::styled(format!(" {s:<12}"), th.label);
    let title = if d.title.trim().is_empty() {
        Span::styled(
            format!("(the timeline's: {})", sanitize(&app.tl.title)),
            th.muted,
        )
    } else {
        Span::raw(sanitize(d.title.trim()).into_owned())
    };
    lines.push(Line::from(vec![label("Title"), title]));
    let what = match &sel.basis {
        crate::brief::Basis::Marked => "marked",
        _ => "listed",
    };
    lines.push(Line::from(vec![
        label("Events"),
        Span::raw(format!("{} {what} events", sel.events.len())),
    ]));
    let notes = if d.notes {
        "your notes go in, as your comments"
    } else {
        "your notes stay out"
    };
    lines.push(Line::from(vec![label("Notes"), Span::raw(notes)]));
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Bottom line up front", th.header));
    if d.bluf.trim().is_empty() {
        lines.push(Line::styled(
            "  (none written: the brief says its summary is generated)",
            th.muted,
        ));
    } else {
        for para in d.bluf.lines() {
            for l in wrap(&sanitize(para), room) {
                lines.push(Line::raw(format!("  {l}")));
            }
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(" Key judgments", th.header));
    if d.judgments.is_empty() {
        lines.push(Line::styled("  (none)", th.muted));
    }
    for (i, j) in d.judgments.iter().enumerate() {
        let how: Vec<&str> = [j.likelihood.trim(), j.confidence.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        let rests = match j.events.len() {
            1 => "rests on 1 event".to_string(),
            n => format!("rests on {n} events"),
        };
        let how = if how.is_empty() {
            rests
        } else {
            format!("{}; {rests}", how.join(", "))
        };
        let text = format!("{}. {} ({how})", i + 1, sanitize(j.text.trim()));
        for (k, l) in wrap(&text, room.saturating_sub(3).max(8))
            .into_iter()
            .enumerate()
        {
            let indent = if k == 0 { "  " } else { "     " };
            lines.push(Line::raw(format!("{indent}{l}")));
        }
    }
    // After the draft's first brief: what changed in the events since then.
    if let Some(since) = &st.changes {
        lines.push(Line::raw(""));
        let head = crate::brief::changes::since_heading(since);
        lines.push(Line::styled(format!(" {head}"), th.header));
        if since.is_empty() {
            lines.push(Line::styled("  (nothing changed)", th.muted));
        }
        for l in crate::diff::text::event_lines(&since.events, false) {
            let l = crate::text::truncate(&format!("  {l}"), room + 2).into_owned();
            lines.push(Line::raw(l));
        }
        for r in &since.review {
            let text = format!(
                "⚠ review judgment {}: rests on {}",
                r.number,
                r.events.join(", ")
            );
            lines.push(Line::styled(format!("  {}", sanitize(&text)), th.warn));
        }
    }
    lines.push(Line::raw(""));
    let lint = app.draft_lint();
    let head = match lint.len() {
        0 => " Check (ICD 203): no warnings".to_string(),
        n => format!(
            " Check (ICD 203): {n} warning{}",
            if n == 1 { "" } else { "s" }
        ),
    };
    lines.push(Line::styled(head, th.header));
    for l in &lint {
        for (k, w) in wrap(
            &format!("⚠ {}", sanitize(&l.to_string())),
            room.saturating_sub(2).max(8),
        )
        .into_iter()
        .enumerate()
        {
            let indent = if k == 0 { "  " } else { "    " };
            lines.push(Line::styled(format!("{indent}{w}"), th.warn));
        }
    }
    let max = (lines.len() as u16).saturating_sub(inner.height);
    f.render_widget(Paragraph::new(lines).scroll((st.scroll.min(max), 0)), inner);
}
