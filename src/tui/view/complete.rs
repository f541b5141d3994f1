//! The completion window: the candidates of a `Tab` that had several, above the query
//! line where the word starts, each with what it is (an era's title, an actor's name, how
//! many events carry a tag), the one in the line highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::help::QUERY_HELP;
use super::overlays::popup_block;
use crate::query::FacetName;
use crate::text::{pad, sanitize, truncate, width};
use crate::tui::app::{App, CompletionMenu};

/// The most candidates shown at once; the window scrolls to the one in the line.
const ROWS: usize = 10;

/// Draws the window over `body`, its left edge at column `x` (where the word starts on
/// the query line below it), moved left as far as it must to fit.
pub fn window(f: &mut Frame, app: &App, menu: &CompletionMenu, body: Rect, x: u16) {
    let th = &app.settings.theme;
    if body.height < 3 || body.width < 12 {
        return;
    }
    let rows = menu.items.len().min(ROWS).min(body.height as usize - 2);
    let items: Vec<(String, String)> = menu
        .items
        .iter()
        .zip(&menu.about)
        .map(|(v, about)| {
            let about = match about {
                Some(a) => a.clone(),
                None => help(menu.facet, v),
            };
            (sanitize(v).into_owned(), sanitize(&about).into_owned())
        })
        .collect();
    let value_w = items.iter().map(|(v, _)| width(v)).max().unwrap_or(0);
    let about_w = items.iter().map(|(_, a)| width(a)).max().unwrap_or(0);
    let title = match menu.selected {
        Some(i) => format!(" {} of {} ", i + 1, items.len()),
        None => format!(" {} candidates ", items.len()),
    };
    let keys = " Tab next · Shift-Tab previous · Esc back ";
    let inner_w = (value_w + 2 + about_w + 2)
        .max(width(&title))
        .max(width(keys))
        .min(body.width as usize - 2);
    let w = inner_w as u16 + 2;
    let x = x.min(body.x + body.width - w).max(body.x);
    let h = rows as u16 + 2;
    let area = Rect {
        x,
        y: body.y + body.height - h,
        width: w,
        height: h,
    };
    let top = menu.selected.map_or(0, |i| (i + 1).saturating_sub(rows));
    // A long value gives way to the descriptions, down to half the window.
    let value_w = value_w
        .min(inner_w.saturating_sub(about_w + 4).max(inner_w / 2))
        .min(inner_w.saturating_sub(2));
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, (value, about))| {
            let text = format!(" {}  {about}", pad(&truncate(value, value_w), value_w));
            let text = pad(&truncate(&text, inner_w), inner_w);
            if menu.selected == Some(i) {
                Line::styled(text, th.selected)
            } else {
                let cut = text
                    .char_indices()
                    .nth(value_w + 1)
                    .map_or(text.len(), |(b, _)| b);
                let (v, a) = text.split_at(cut);
                Line::from(vec![
                    Span::styled(v.to_string(), Style::default()),
                    Span::styled(a.to_string(), th.muted),
                ])
            }
        })
        .collect();
    f.render_widget(Clear, area);
    let block = popup_block(app, title).title_bottom(Span::styled(keys, th.muted));
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(Paragraph::new(lines), inner);
}

/// What a facet's name, or a value the query language fixes (`is:marked`, `rel:A`),
/// means: its line of the query help.
fn help(facet: Option<FacetName>, value: &str) -> String {
    let key = match facet {
        None => value.to_string(),
        Some(f) => format!("{}:{value}", f.name()),
    };
    QUERY_HELP
        .iter()
        .find(|(k, _)| k.starts_with(&key))
        .map_or(String::new(), |(_, about)| about.to_string())
}
