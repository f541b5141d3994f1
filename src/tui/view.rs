//! Drawing: a function of the app's state. Views read the state and record layout facts
//! (pane sizes, where things are) for the next update; they never change anything else.

pub mod about;
pub mod axis;
pub mod axis_eras;
pub mod changes;
pub mod complete;
pub mod composer;
pub mod detail;
pub mod help;
pub mod list;
pub mod overlays;
pub mod source;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::action::Action;
use super::app::{App, LayoutInfo, Level, Overlay, Pane, Screen};
use super::keymap::Layer;
use crate::query::Sort;
use crate::text::{sanitize, truncate, width};

/// Below this, a notice replaces the screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, the list and the detail pane sit side by side.
pub const WIDE: u16 = 100;

/// Draws a frame; returns the layout facts the next update needs.
pub fn draw(f: &mut Frame, app: &App) -> LayoutInfo {
    let area = f.area();
    let mut info = LayoutInfo::default();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(f, area);
        return info;
    }
    let th = &app.settings.theme;
    let show_axis = area.height >= 16 && !app.tl.events.is_empty();
    let header_h = if banner(app).is_some() { 2 } else { 1 };
    let [header, body, axis_area, footer] = Layout::vertical([
        Constraint::Length(header_h),
        Constraint::Min(3),
        Constraint::Length(if show_axis { axis::height(app) } else { 0 }),
        Constraint::Length(1),
    ])
    .areas(area);
    draw_header(f, app, header);
    info.wide = area.width >= WIDE;
    match app.stack.last() {
        Some(Screen::Event(st)) => {
            let block = pane_block(app, " Event ", true);
            let inner = block.inner(body);
            f.render_widget(block, body);
            let inner = pad_left(inner);
            let items = app.event_items(st.event);
            let selected = items.get(st.selected).copied();
            let hl = highlights(app, st.event);
            let built = detail::event_lines(app, st.event, inner.width as usize, selected, &hl);
            let (scroll, lines) = scroll_to_item(&built, selected, st.scroll, inner.height);
            info.body = inner;
            info.body_lines = lines.saturating_sub(inner.height);
            f.render_widget(Paragraph::new(built.lines).scroll((scroll, 0)), inner);
        }
        Some(Screen::Source(st)) => {
            let block = pane_block(app, " Source ", true);
            let inner = block.inner(body);
            f.render_widget(block, body);
            let inner = pad_left(inner);
            let built = source::source_lines(app, st.source, inner.width as usize, st.selected);
            let target = built.item_lines.get(st.selected).copied();
            let scroll = keep_line_visible(st.scroll, target, inner.height);
            info.body = inner;
            info.body_lines = (built.lines.len() as u16).saturating_sub(inner.height);
            f.render_widget(Paragraph::new(built.lines).scroll((scroll, 0)), inner);
        }
        _ => draw_main(f, app, body, &mut info),
    }
    if show_axis {
        axis::draw(f, app, axis_area);
        info.axis = axis_area;
    }
    draw_footer(f, app, footer);
    match &app.overlay {
        Some(Overlay::Search(st)) => overlays::search(f, app, st, footer, body),
        Some(Overlay::Filters(fs)) => overlays::filters(f, app, fs, area),
        Some(Overlay::Help(h)) => info.window = help::help(f, app, h, area),
        Some(Overlay::Prompt(p)) => overlays::prompt(f, app, p, footer, body),
        Some(Overlay::Problems(p)) => info.window = help::problems(f, app, p, area),
        Some(Overlay::Views(v)) => overlays::views(f, app, v, area),
        Some(Overlay::Composer(c)) => composer::draw(f, app, c, area),
        Some(Overlay::About(scroll)) => info.window = about::draw(f, app, *scroll, area),
        Some(Overlay::Changes(c)) => changes::draw(f, app, c, area),
        None => {}
    }
    let _ = th;
    info
}

fn too_small(f: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: {}x{} (tlx needs {MIN_WIDTH}x{MIN_HEIGHT})",
        area.width, area.height
    );
    let lines: Vec<Line> = crate::text::wrap(&msg, area.width.max(1) as usize)
        .into_iter()
        .take(area.height as usize)
        .map(Line::raw)
        .collect();
    f.render_widget(Paragraph::new(lines), area);
}

fn pad_left(r: Rect) -> Rect {
    if r.width > 4 {
        Rect {
            x: r.x + 1,
            width: r.width - 2,
            ..r
        }
    } else {
        r
    }
}

fn pane_block<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    let th = &app.settings.theme;
    Block::default()
        .borders(Borders::ALL)
        .border_type(BorderType::Rounded)
        .border_style(if focused {
            th.border_focused
        } else {
            th.border
        })
        .title(Span::styled(
            title,
            if focused { th.header } else { th.muted },
        ))
}

/// The highlights of the current query on an event (empty without a text query).
pub fn highlights(app: &App, ev: crate::model::EventIx) -> crate::query::Highlights {
    match &app.compiled {
        Some(c) => app
            .index
            .as_deref()
            .map(|_| c.highlights(&app.tl, ev))
            .unwrap_or_default(),
        None => Default::default(),
    }
}

fn scroll_to_item(
    built: &detail::Built,
    selected: Option<super::app::Item>,
    scroll: u16,
    height: u16,
) -> (u16, u16) {
    let total = built.lines.len() as u16;
    let target = selected.and_then(|it| {
        built
            .item_lines
            .iter()
            .find(|(i, _)| *i == it)
            .map(|(_, l)| *l as u16)
    });
    // Freshly opened (first item, top of the page), the event shows from its title.
    let fresh = scroll == 0 && built.item_lines.first().map(|(i, _)| *i) == selected;
    let mut s = if fresh {
        0
    } else {
        keep_line_visible(scroll, target.map(usize::from), height)
    };
    s = s.min(total.saturating_sub(height.min(total)));
    (s, total)
}

fn keep_line_visible(scroll: u16, line: Option<usize>, height: u16) -> u16 {
    let Some(line) = line else { return scroll };
    let line = line as u16;
    if line < scroll {
        line.saturating_sub(1)
    } else if line + 2 >= scroll + height {
        (line + 3).saturating_sub(height)
    } else {
        scroll
    }
}

fn draw_main(f: &mut Frame, app: &App, body: Rect, info: &mut LayoutInfo) {
    let m = app.main();
    let (list_area, detail_area) = if info.wide {
        let share = m.list_share();
        let [l, d] = Layout::horizontal([
            Constraint::Percentage(share),
            Constraint::Percentage(100 - share),
        ])
        .areas(body);
        (l, Some(d))
    } else {
        (body, None)
    };
    let list_focused = detail_area.is_none() || m.focus == Pane::List;
    let title = list_title(app);
    let block = pane_block(app, "", list_focused).title(Span::styled(
        title,
        if list_focused {
            app.settings.theme.header
        } else {
            app.settings.theme.muted
        },
    ));
    let inner = block.inner(list_area);
    f.render_widget(block, list_area);
    info.list = inner;
    list::draw(f, app, inner);
    if let Some(d) = detail_area {
        let focused = m.focus == Pane::Detail;
        let block = pane_block(app, " Detail ", focused);
        let inner = block.inner(d);
        f.render_widget(block, d);
        let inner = pad_left(inner);
        info.detail = inner;
        if let Some(ev) = app.selected_event() {
            let hl = highlights(app, ev);
            let built = detail::event_lines(app, ev, inner.width as usize, None, &hl);
            let total = built.lines.len() as u16;
            info.detail_lines = total.saturating_sub(inner.height);
            let scroll = m.detail_scroll.min(info.detail_lines);
            f.render_widget(Paragraph::new(built.lines).scroll((scroll, 0)), inner);
        }
    }
}

fn list_title(app: &App) -> String {
    let order = match app.sort {
        Sort::Date => "by date",
        Sort::Score => "best match first",
    };
    let ctx = if app.context && app.has_query() {
        ", with context"
    } else {
        ""
    };
    format!(" Events {order}{ctx} ")
}

/// The cells the timeline's title keeps in the header before the query is cut.
const HEADER_TITLE_MIN: usize = 16;

/// The header: the timeline's title, the count, the marks and the query. When the line
/// is short the title gives way first (down to a few words), then the query is cut; the
/// count always shows. After a reload that failed, a banner takes the line above it.
fn draw_header(f: &mut Frame, app: &App, area: Rect) {
    let th = &app.settings.theme;
    let area = if let Some(banner) = banner(app)
        && area.height >= 2
    {
        let line = Line::styled(truncate(&banner, area.width as usize).into_owned(), th.warn);
        f.render_widget(Paragraph::new(line), Rect { height: 1, ..area });
        Rect {
            y: area.y + 1,
            height: area.height - 1,
            ..area
        }
    } else {
        area
    };
    f.render_widget(Paragraph::new(header_line(app, area.width as usize)), area);
}

/// The line above the header, when something is wrong: the files no longer load, or the
/// workspace is read-only.
fn banner(app: &App) -> Option<String> {
    if app.load_problems.is_some() {
        return Some(
            " ⚠ the files have errors: showing the last good timeline (D: the problems)".into(),
        );
    }
    app.work_read_only.as_ref().map(|why| {
        format!(
            " ⚠ the workspace is read-only (nothing is saved until it reads): {}",
            sanitize(why)
        )
    })
}

/// The header's one line at `w` cells.
pub fn header_line(app: &App, w: usize) -> Line<'static> {
    let th = &app.settings.theme;
    let count = if app.searching() {
        format!("searching {} events…", app.tl.events.len())
    } else {
        format!("{}/{} events", app.hits.len(), app.tl.events.len())
    };
    let marked = if app.ann.marks.is_empty() {
        String::new()
    } else {
        format!(" · {} marked", app.ann.marks.len())
    };
    // While the changes view is on: how many events of the timeline it marks.
    let changed = app
        .changes
        .as_ref()
        .map_or(String::new(), |v| format!(" · {} changed", v.marks.len()));
    let query = if app.has_query() {
        sanitize(app.query_text.trim()).into_owned()
    } else {
        String::new()
    };
    let title = sanitize(&app.tl.title).into_owned();
    // " title  count marked  query"
    let fixed = 1 + 2 + width(&count) + width(&marked) + width(&changed);
    let room = w.saturating_sub(fixed);
    let query_w = if query.is_empty() {
        0
    } else {
        2 + width(&query)
    };
    let title_room = room
        .saturating_sub(query_w)
        .max(HEADER_TITLE_MIN.min(room))
        .min(width(&title));
    let title = truncate(&title, title_room).into_owned();
    let query_room = room.saturating_sub(width(&title)).saturating_sub(2);
    let query = if query.is_empty() || query_room == 0 {
        String::new()
    } else {
        format!("  {}", truncate(&query, query_room))
    };
    let gap = if title.is_empty() { "" } else { "  " };
    let count = if width(&count) + 1 > w {
        truncate(&count, w.saturating_sub(1)).into_owned()
    } else {
        count
    };
    Line::from(vec![
        Span::raw(" "),
        Span::styled(title, th.header),
        Span::raw(gap),
        Span::styled(count, th.info),
        Span::styled(marked, th.mark),
        Span::styled(changed, th.warn),
        Span::styled(query, th.key),
    ])
}

/// A key and what it does, for the footer.
type Hint = (String, String);
/// An action and its label in the footer.
type Wanted = (Action, &'static str);

/// The keys that matter on the current screen: the essential ones, which stay when room
/// is short, and the others.
pub(super) fn hints(app: &App) -> (Vec<Hint>, Vec<Hint>) {
    let km = &app.settings.keymap;
    let layer = app.layer();
    let (essential, rest): (&[Wanted], &[Wanted]) = match layer {
        Layer::Main => (
            &[(Action::Help, "help"), (Action::Quit, "quit")],
            &[
                (Action::Down, "move"),
                (Action::Open, "open"),
                (Action::Search, "search"),
                (Action::Filters, "filter"),
                (Action::Mark, "mark"),
                (Action::Note, "note"),
                (Action::Brief, "brief"),
                (Action::Views, "views"),
                (Action::ToggleContext, "context"),
                (Action::ZoomIn, "zoom"),
                (Action::AxisLegend, "axis legend"),
            ],
        ),
        Layer::Event => (
            &[(Action::Back, "back"), (Action::Help, "help")],
            &[
                (Action::Down, "select"),
                (Action::Open, "open"),
                (Action::OpenLink, "open link"),
                (Action::Copy, "copy"),
                (Action::Mark, "mark"),
                (Action::Note, "note"),
                (Action::Labels, "labels"),
            ],
        ),
        Layer::Source => (
            &[(Action::Back, "back"), (Action::Help, "help")],
            &[
                (Action::Down, "select"),
                (Action::Open, "open event"),
                (Action::OpenLink, "open link"),
                (Action::Copy, "copy"),
            ],
        ),
        Layer::Search => (
            &[
                (Action::Accept, "keep"),
                (Action::Cancel, "cancel"),
                (Action::Help, "help"),
            ],
            &[
                (Action::Complete, "complete"),
                (Action::ClearLine, "clear"),
                (Action::HistoryPrevious, "history"),
            ],
        ),
        Layer::Filters => (
            &[(Action::Apply, "apply"), (Action::Cancel, "cancel")],
            &[
                (Action::Toggle, "check"),
                (Action::NextSection, "next list"),
                (Action::ClearFilters, "clear"),
                (Action::Search, "find"),
                (Action::Help, "help"),
            ],
        ),
        Layer::FilterFind => (
            &[(Action::Accept, "keep"), (Action::Cancel, "clear find")],
            &[(Action::Down, "move"), (Action::NextSection, "next list")],
        ),
        Layer::Help => (&[(Action::Close, "close")], &[(Action::Down, "scroll")]),
        Layer::Composer => (
            &[(Action::Write, "write"), (Action::Close, "close")],
            &[(Action::Edit, "edit"), (Action::ToggleNotes, "notes")],
        ),
        Layer::Changes => (
            &[(Action::Open, "open"), (Action::Close, "close")],
            &[
                (Action::Revision, "git revision"),
                (Action::ChangesOff, "marks off"),
                (Action::Down, "move"),
            ],
        ),
        Layer::Views => (
            &[(Action::Apply, "apply"), (Action::Close, "close")],
            &[(Action::Delete, "delete"), (Action::Down, "move")],
        ),
        Layer::Prompt | Layer::Global => {
            (&[(Action::Accept, "ok"), (Action::Cancel, "cancel")], &[])
        }
        Layer::Confirm => (
            &[(Action::Yes, "yes"), (Action::No, "no")],
            &[(Action::Cancel, "cancel")],
        ),
        // Drawn by the runner before there is an app.
        Layer::Loading => (&[], &[]),
    };
    (km.hint(layer, essential), km.hint(layer, rest))
}

/// The footer: the keys that matter, and a transient status on the left of them. The
/// essential keys stay beside a status that leaves room for them; a longer status takes
/// the whole line until it expires.
fn draw_footer(f: &mut Frame, app: &App, area: Rect) {
    let th = &app.settings.theme;
    let w = area.width as usize;
    let (essential, rest) = hints(app);
    let piece_w = |(k, label): &Hint| width(k) + 1 + width(label) + 2;
    let status = app.status.as_ref().map(|s| {
        let style = match s.level {
            Level::Info => th.info,
            Level::Warn => th.warn,
            Level::Error => th.error,
        };
        (sanitize(&s.text).into_owned(), style)
    });
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    if let Some((text, style)) = &status {
        let t = truncate(text, w.saturating_sub(1)).into_owned();
        used += width(&t);
        spans.push(Span::styled(t, *style));
        // A gap between the status and the keys.
        used += 2;
    }
    // The essential keys first, then the others in order, while they fit.
    let mut shown = vec![false; essential.len() + rest.len()];
    let all: Vec<&Hint> = essential.iter().chain(&rest).collect();
    for (i, h) in all.iter().enumerate() {
        // The last key needs no spaces after it.
        if used + piece_w(h) - 2 > w {
            break;
        }
        shown[i] = true;
        used += piece_w(h);
    }
    let keys: Vec<&Hint> = {
        // Shown in order, the essential ones last, at the end of the line.
        let mut v: Vec<&Hint> = Vec::new();
        v.extend(
            rest.iter()
                .enumerate()
                .filter(|(i, _)| shown[essential.len() + i])
                .map(|(_, h)| h),
        );
        v.extend(
            essential
                .iter()
                .enumerate()
                .filter(|(i, _)| shown[*i])
                .map(|(_, h)| h),
        );
        v
    };
    if status.is_some() && !keys.is_empty() {
        let keys_w: usize = keys.iter().map(|h| piece_w(h)).sum::<usize>() - 2;
        let so_far: usize = spans.iter().map(|s| width(&s.content)).sum();
        spans.push(Span::raw(" ".repeat(w.saturating_sub(so_far + keys_w))));
    }
    for (k, label) in keys {
        spans.push(Span::styled(k.clone(), th.key));
        spans.push(Span::styled(format!(" {label}  "), th.muted));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The style of a line that is selected in a pane with (or without) the keys.
pub fn selected_style(app: &App, focused: bool) -> Style {
    if focused {
        app.settings.theme.selected
    } else {
        app.settings.theme.selected_unfocused
    }
}
