//! Windows above the screens: the query line, the filter panel, prompts and the saved
//! views (help and the problems window are in `help.rs`).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use crate::text::{sanitize, truncate, width};
use crate::tui::action::Action;
use crate::tui::app::{
    App, Choice, FilterSection, FilterState, Level, PromptKind, PromptState, SearchState,
    ViewsState,
};
use crate::tui::input::LineInput;
use crate::tui::keymap::Layer;

/// The first character shown of an input line `room` cells wide, so that the cursor stays
/// in view.
fn window_start(chars: &[char], cursor: usize, room: usize) -> usize {
    let mut start = 0;
    while width(&chars[start..cursor].iter().collect::<String>()) >= room && start < cursor {
        start += 1;
    }
    start
}

/// The room for text in an input line after `prefix` cells and before `suffix` cells.
fn input_room(area: Rect, prefix: usize, suffix: usize) -> usize {
    (area.width as usize)
        .saturating_sub(prefix + suffix + 1)
        .max(1)
}

/// Draws an input line with its cursor; the text scrolls so the cursor stays in view.
fn input_line(
    f: &mut Frame,
    area: Rect,
    prefix: Vec<Span<'static>>,
    input: &LineInput,
    style: Style,
    suffix: Vec<Span<'static>>,
) {
    let pre_w: usize = prefix.iter().map(|s| width(&s.content)).sum();
    let suf_content: usize = suffix.iter().map(|s| width(&s.content)).sum();
    let suf_w = if suffix.is_empty() {
        0
    } else {
        suf_content + 1
    };
    let room = input_room(area, pre_w, suf_w);
    let text = sanitize(input.text()).into_owned();
    let chars: Vec<char> = text.chars().collect();
    let cursor = input.cursor().min(chars.len());
    let start = window_start(&chars, cursor, room);
    let visible: String = chars[start..].iter().collect();
    let visible = truncate(&visible, room).into_owned();
    let before: String = chars[start..cursor].iter().collect();
    let mut spans = prefix;
    spans.push(Span::styled(visible.clone(), style));
    if !suffix.is_empty() {
        let used = pre_w + width(&visible);
        let pad = (area.width as usize).saturating_sub(used + suf_content);
        spans.push(Span::raw(" ".repeat(pad)));
        spans.extend(suffix);
    }
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(Line::from(spans)), area);
    let x = area.x + (pre_w + width(&before)).min(area.width.saturating_sub(1) as usize) as u16;
    f.set_cursor_position(Position { x, y: area.y });
}

/// The most lines a query error takes above the search line (its caret included).
const ERROR_LINES: usize = 4;

pub fn search(f: &mut Frame, app: &App, st: &SearchState, footer: Rect, body: Rect) {
    let th = &app.settings.theme;
    let count = if app.searching() {
        format!("searching {} ", app.tl.events.len())
    } else {
        format!("{}/{} ", app.hits.len(), app.tl.events.len())
    };
    let count = Span::styled(count, th.info);
    // While candidates are offered, their window stands where the error would, and
    // so does a note on why Tab completed nothing.
    if let Some(menu) = &st.menu {
        let chars: Vec<char> = sanitize(st.input.text()).chars().collect();
        let cursor = st.input.cursor().min(chars.len());
        let start = window_start(
            &chars,
            cursor,
            input_room(footer, 2, width(&count.content) + 1),
        );
        let word_at = sanitize(&menu.head).chars().count().max(start);
        let x = 2 + width(&chars[start..word_at].iter().collect::<String>());
        // The window's border stands one cell left of the word.
        let x = footer.x + (x as u16).saturating_sub(1);
        super::complete::window(f, app, menu, body, x);
    } else if let Some(note) = st.note.as_ref()
        && body.height > 0
    {
        let row = Rect {
            y: body.y + body.height - 1,
            height: 1,
            ..body
        };
        let text = truncate(&format!("  {}", sanitize(note)), row.width as usize).into_owned();
        f.render_widget(Clear, row);
        f.render_widget(Paragraph::new(Line::styled(text, th.info)), row);
    }
    // The bad term, marked inline, with its message on the line above: after the caret,
    // or before it when there is more room there. A message that fits neither way is
    // wrapped onto the lines above a line with the caret alone (at most ERROR_LINES in
    // all, the last cut with an ellipsis), so that it stays readable at 80 columns.
    // (A note on what Tab did stands there until the next key.)
    if let Some(e) = st
        .error
        .as_ref()
        .filter(|_| st.menu.is_none() && st.note.is_none())
    {
        let y = body.y + body.height.saturating_sub(1);
        let area = Rect {
            x: body.x,
            y,
            width: body.width,
            height: 1,
        };
        let w = area.width as usize;
        let chars: Vec<char> = sanitize(st.input.text()).chars().collect();
        let cursor = st.input.cursor().min(chars.len());
        let room = input_room(footer, 2, width(&count.content) + 1);
        let start = window_start(&chars, cursor, room);
        let at = e
            .column(st.input.text())
            .saturating_sub(1)
            .clamp(start, chars.len());
        let caret =
            (2 + width(&chars[start..at].iter().collect::<String>())).min(w.saturating_sub(1));
        let msg = sanitize(&e.message).into_owned();
        let after = w.saturating_sub(caret + 2);
        let before = caret.saturating_sub(1);
        let msg_w = width(&msg);
        let lines: Vec<String> = if msg_w <= after {
            vec![format!("{}^ {msg}", " ".repeat(caret))]
        } else if msg_w <= before {
            vec![format!("{}{msg} ^", " ".repeat(before - msg_w))]
        } else {
            let room = (body.height as usize).clamp(1, ERROR_LINES) - 1;
            let mut text: Vec<String> = crate::text::wrap(&msg, w.saturating_sub(2))
                .into_iter()
                .map(|l| format!("  {l}"))
                .collect();
            if text.len() > room {
                text.truncate(room);
                if let Some(last) = text.last_mut() {
                    *last = truncate(&format!("{last} …"), w).into_owned();
                }
            }
            text.push(format!("{}^", " ".repeat(caret)));
            text
        };
        let top = y.saturating_sub(lines.len() as u16 - 1).max(body.y);
        let area = Rect {
            y: top,
            height: y + 1 - top,
            ..area
        };
        f.render_widget(Clear, area);
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| Line::styled(truncate(&l, w).into_owned(), th.error))
            .collect();
        f.render_widget(Paragraph::new(lines), area);
    }
    let style = if st.error.is_some() {
        th.error
    } else {
        Style::default()
    };
    // The keys of the line, as many as fit after the text without pushing it along
    // (the essential ones first), then the count.
    let (essential, rest) = super::hints(app);
    let text_w = 2 + width(&sanitize(st.input.text())) + 1;
    let mut room = (footer.width as usize).saturating_sub(text_w + width(&count.content) + 3);
    let mut keys = String::new();
    for (k, label) in essential.iter().chain(&rest) {
        let piece = format!("{k} {label}  ");
        if width(&piece) > room {
            break;
        }
        room -= width(&piece);
        keys.push_str(&piece);
    }
    input_line(
        f,
        footer,
        vec![Span::styled("/ ", th.key)],
        &st.input,
        style,
        vec![Span::styled(keys, th.muted), count],
    );
}

pub fn prompt(f: &mut Frame, app: &App, p: &PromptState, footer: Rect, body: Rect) {
    let th = &app.settings.theme;
    // Why the line stays open (a name refused, a bad label): the footer is the line, so
    // the message goes on the row above it.
    if let Some(st) = app.status.as_ref().filter(|s| s.level != Level::Info)
        && body.height > 0
    {
        let row = Rect {
            y: body.y + body.height - 1,
            height: 1,
            ..body
        };
        let text = truncate(&format!(" {}", sanitize(&st.text)), row.width as usize).into_owned();
        f.render_widget(Clear, row);
        f.render_widget(Paragraph::new(Line::styled(text, th.error)), row);
    }
    match &p.kind {
        PromptKind::BriefPath => {
            let n = app.brief_selection().events.len();
            let what = if app.ann.marks.is_empty() {
                "listed"
            } else {
                "marked"
            };
            let prefix = vec![Span::styled(
                format!("Brief of {n} {what} events to: "),
                th.key,
            )];
            input_line(
                f,
                footer,
                prefix,
                &p.input,
                Style::default(),
                vec![Span::styled("Enter write · Esc cancel ", th.muted)],
            );
        }
        PromptKind::Labels { .. }
        | PromptKind::Revision
        | PromptKind::SaveView
        | PromptKind::CopyTimeline { .. } => {
            let (label, keys) = match &p.kind {
                PromptKind::Labels { event } => (
                    format!(
                        "Labels of {}: ",
                        sanitize(&app.tl.events[*event as usize].id)
                    ),
                    "Tab complete · Enter save · Esc cancel ",
                ),
                PromptKind::Revision => (
                    "Changes since git revision: ".to_string(),
                    "Enter compare · Esc cancel ",
                ),
                PromptKind::CopyTimeline { .. } => (
                    "Read-only; edit a copy at: ".to_string(),
                    "Enter write · Esc cancel ",
                ),
                _ => (
                    "Save the query as view: ".to_string(),
                    "Enter save · Esc cancel ",
                ),
            };
            input_line(
                f,
                footer,
                vec![Span::styled(label, th.key)],
                &p.input,
                Style::default(),
                vec![Span::styled(keys, th.muted)],
            );
        }
        PromptKind::ConfirmOverwrite { path, .. } => {
            // The answers' keys, as bound: `(y/n)`.
            let keys: Vec<String> = app
                .settings
                .keymap
                .hint(Layer::Confirm, &[(Action::Yes, ""), (Action::No, "")])
                .into_iter()
                .map(|(k, _)| k)
                .collect();
            let answers = if keys.is_empty() {
                String::new()
            } else {
                format!(" ({})", keys.join("/"))
            };
            let text = format!(
                " {} exists. Replace it?{answers} ",
                sanitize(&path.display().to_string())
            );
            f.render_widget(Clear, footer);
            f.render_widget(
                Paragraph::new(Line::styled(
                    truncate(&text, footer.width as usize).into_owned(),
                    th.warn,
                )),
                footer,
            );
        }
    }
}

pub(super) fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(1);
    let h = h.min(area.height.saturating_sub(2)).max(1);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

pub(super) fn popup_block<'a>(app: &App, title: String) -> Block<'a> {
    let th = &app.settings.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(th.border_focused)
        .title(Span::styled(title, th.header))
}

pub fn filters(f: &mut Frame, app: &App, fs: &FilterState, area: Rect) {
    let th = &app.settings.theme;
    let r = popup(area, 76, area.height.saturating_sub(4).max(10));
    f.render_widget(Clear, r);
    let block = popup_block(app, " Filters ".into());
    let inner = block.inner(r);
    f.render_widget(block, r);
    let [tabs, body, err, keys] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    // Section tabs, with how many choices each has checked.
    let mut spans = vec![Span::raw(" ")];
    for (i, s) in FilterSection::ALL.iter().enumerate() {
        let checked = fs.choices(*s).iter().filter(|c| c.checked).count()
            + if *s == FilterSection::Dates {
                usize::from(!fs.from.text().is_empty()) + usize::from(!fs.to.text().is_empty())
            } else {
                0
            };
        let label = if checked > 0 {
            format!(" {} ({checked}) ", s.title())
        } else {
            format!(" {} ", s.title())
        };
        let style = if i == fs.section {
            th.selected
        } else {
            th.muted
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let sec = fs.section();
    let cursor = fs.cursor[fs.section];
    let shown = fs.shown(sec);
    // The find, when there is one: what it holds and how much of the list it keeps.
    let find = if fs.finding || !fs.find.text().is_empty() {
        let kept = if sec == FilterSection::Dates {
            String::new()
        } else {
            format!("  {} of {}", shown.len(), fs.choices(sec).len())
        };
        Line::from(vec![
            Span::styled(" / ", th.key),
            Span::raw(sanitize(fs.find.text()).into_owned()),
            Span::styled(kept, th.muted),
        ])
    } else {
        Line::raw("")
    };
    f.render_widget(Paragraph::new(vec![Line::from(spans), find]), tabs);
    let h = body.height as usize;
    let mut lines = Vec::new();
    if sec == FilterSection::Dates {
        // Each field in brackets; the active one marked with ▸ (and the cursor in it).
        let field = |label: &str, input: &LineInput, on: bool| {
            let text = sanitize(input.text()).into_owned();
            let (shown, style) = if text.is_empty() && !on {
                ("any".to_string(), th.muted)
            } else {
                (text, if on { th.selected } else { Style::default() })
            };
            let cells = DATE_FIELD.max(width(&shown) + 1);
            Line::from(vec![
                Span::styled(if on { " ▸ " } else { "   " }, th.key),
                Span::styled(format!("{label:<6}"), th.label),
                Span::raw(" ["),
                Span::styled(crate::text::pad(&shown, cells), style),
                Span::raw("]"),
            ])
        };
        lines.push(Line::styled(
            "  Events whose span overlaps this range (YYYY, YYYY-MM or YYYY-MM-DD):",
            th.muted,
        ));
        lines.push(Line::raw(""));
        lines.push(field("From", &fs.from, cursor == 0));
        lines.push(field("To", &fs.to, cursor == 1));
    } else {
        let choices = fs.choices(sec);
        if choices.is_empty() {
            lines.push(Line::styled("  (none in this timeline)", th.muted));
        } else if shown.is_empty() {
            lines.push(Line::styled("  (nothing here matches the find)", th.muted));
        }
        let start = cursor.saturating_sub(h.saturating_sub(1));
        // Counts read "in the result of in all" while a query narrows the list.
        let counts = |c: &Choice| match c.in_result {
            Some(n) => (n.to_string(), format!(" of {}", c.count)),
            None => (c.count.to_string(), String::new()),
        };
        let (count_w, all_w) = choices.iter().map(counts).fold((1, 0), |(a, b), (n, all)| {
            (a.max(n.len()), b.max(all.len()))
        });
        let label_w = choices
            .iter()
            .map(|c| width(&sanitize(&c.label)))
            .max()
            .unwrap_or(1)
            .min((body.width as usize).saturating_sub(count_w + all_w + 9));
        for (row, &i) in shown.iter().enumerate().skip(start).take(h) {
            let c = &choices[i];
            let check = if c.checked { "[x]" } else { "[ ]" };
            let label = crate::text::pad(&sanitize(&c.label), label_w);
            let (n, all) = counts(c);
            let none = c.in_result == Some(0);
            let line = Line::from(vec![
                Span::raw(format!(" {check} ")),
                Span::styled(label, if none { th.muted } else { Style::default() }),
                Span::raw(format!("  {n:>count_w$}")),
                Span::styled(format!("{all:<all_w$}"), th.muted),
            ]);
            lines.push(if row == cursor {
                line.patch_style(th.selected)
            } else {
                line
            });
        }
    }
    f.render_widget(Paragraph::new(lines), body);
    if let Some(e) = &fs.error {
        f.render_widget(
            Paragraph::new(Line::styled(format!(" {}", sanitize(e)), th.error)),
            err,
        );
    }
    let hint = if fs.finding {
        " type to find · ↑↓ move · Tab next list · Enter keep · Esc clear the find"
    } else {
        " Space check · / find · Tab next list · Enter apply · F clear · Esc cancel"
    };
    f.render_widget(
        Paragraph::new(Line::styled(
            truncate(hint, keys.width as usize).into_owned(),
            th.muted,
        )),
        keys,
    );
    if sec == FilterSection::Dates {
        let input = if cursor == 0 { &fs.from } else { &fs.to };
        let before: String = input.text().chars().take(input.cursor()).collect();
        let x = body.x + DATE_TEXT_X + width(&sanitize(&before)) as u16;
        let y = body.y + 2 + cursor as u16;
        if x < body.x + body.width && y < body.y + body.height {
            f.set_cursor_position(Position { x, y });
        }
    } else if fs.finding {
        let before = sanitize(fs.find.before_cursor()).into_owned();
        let x = tabs.x + 3 + width(&before) as u16;
        if x < tabs.x + tabs.width {
            f.set_cursor_position(Position { x, y: tabs.y + 1 });
        }
    }
}

/// The cells of a date field (YYYY-MM-DD and the cursor after it, with room to spare).
const DATE_FIELD: usize = 12;
/// Where a date field's text starts: after the marker, the label and the bracket.
const DATE_TEXT_X: u16 = 3 + 6 + 2;

/// The saved views: name, query, and how the list is shown.
pub fn views(f: &mut Frame, app: &App, v: &ViewsState, area: Rect) {
    let th = &app.settings.theme;
    let n = app.work.views.len() as u16;
    let r = popup(area, 90, (n + 2).min(area.height.saturating_sub(2)));
    f.render_widget(Clear, r);
    let block = popup_block(app, format!(" Saved views ({n}) "));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let room = inner.width as usize;
    let name_w = app
        .work
        .views
        .keys()
        .map(|k| crate::text::width(k))
        .max()
        .unwrap_or(4)
        .min(room / 3);
    let mut lines: Vec<Line> = Vec::new();
    for (i, (name, view)) in app.work.views.iter().enumerate() {
        let mut how = Vec::new();
        if view.sort == crate::workspace::ViewSort::Score {
            how.push("best match first");
        }
        if view.context {
            how.push("context");
        }
        let how = if how.is_empty() {
            String::new()
        } else {
            format!("  ({})", how.join(", "))
        };
        let name = crate::text::pad(&truncate(&sanitize(name), name_w), name_w);
        let text = format!(" {name}  {}{how}", sanitize(&view.query));
        let style = if i == v.selected {
            th.selected
        } else {
            Style::default()
        };
        lines.push(Line::styled(truncate(&text, room).into_owned(), style));
    }
    let top = (v.selected as u16).saturating_sub(inner.height.saturating_sub(1));
    f.render_widget(Paragraph::new(lines).scroll((top, 0)), inner);
}
