//! All the state of the explorer, and `update`: messages in, state changes and effects out.
//! Nothing here draws, reads the clock, or touches a file or the terminal.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Local};
use ratatui::layout::Rect;

use super::action::{Action, Effect, Msg};
use super::input::LineInput;
use super::keymap::{Keymap, Layer};
use super::theme::Theme;
use crate::model::{EventIx, SourceIx, Timeline};
use crate::query::{
    Compiled, Context, Hit, Query, QueryError, SearchIndex, Sort, TermKind, Trail, parse,
};

/// How long a status message stays.
const STATUS_SECONDS: i64 = 5;
/// Events shown either side of each hit in context mode.
pub const CONTEXT_EVENTS: usize = 2;

/// One row of the main list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A separator before the first event of a year.
    Year(i32),
    /// An event: a hit (selectable), or context around hits (dimmed, not selectable).
    Event { ev: EventIx, hit: bool },
}

impl Row {
    pub fn event(self) -> Option<EventIx> {
        match self {
            Row::Event { ev, .. } => Some(ev),
            Row::Year(_) => None,
        }
    }
    pub fn selectable(self) -> bool {
        matches!(self, Row::Event { hit: true, .. })
    }
}

/// Which pane of the main screen has the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    List,
    Detail,
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct MainState {
    /// Index into `rows` of the selected row (always a selectable one, when any exists).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    pub detail_scroll: u16,
    pub focus: Pane,
}

/// What can be picked on an event's screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// The n-th citation.
    Source(usize),
    /// The n-th related link.
    Related(usize),
    /// The n-th backlink.
    Backlink(usize),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventState {
    pub event: EventIx,
    pub selected: usize,
    pub scroll: u16,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceState {
    pub source: SourceIx,
    pub selected: usize,
    pub scroll: u16,
}

/// The drill-down stack: main ► event ► source ► event …
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Main(MainState),
    Event(EventState),
    Source(SourceState),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchState {
    pub input: LineInput,
    /// Position while walking the history (`None`: editing a new line).
    pub history_pos: Option<usize>,
    /// The bad term of the text being typed, if any.
    pub error: Option<QueryError>,
}

/// The sections of the filter panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterSection {
    Tags,
    Actors,
    Publishers,
    Eras,
    Dates,
}

impl FilterSection {
    pub const ALL: [FilterSection; 5] = [
        FilterSection::Tags,
        FilterSection::Actors,
        FilterSection::Publishers,
        FilterSection::Eras,
        FilterSection::Dates,
    ];
    pub fn title(self) -> &'static str {
        match self {
            FilterSection::Tags => "Tags",
            FilterSection::Actors => "Actors",
            FilterSection::Publishers => "Publishers",
            FilterSection::Eras => "Eras",
            FilterSection::Dates => "Dates",
        }
    }
}

/// One choice in a checklist: what it shows, the facet value it adds, how many events
/// in the timeline have it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
    pub count: usize,
    pub checked: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterState {
    pub section: usize,
    /// Cursor per section (for Dates: 0 is "from", 1 is "to").
    pub cursor: [usize; 5],
    pub tags: Vec<Choice>,
    pub actors: Vec<Choice>,
    pub publishers: Vec<Choice>,
    pub eras: Vec<Choice>,
    pub from: LineInput,
    pub to: LineInput,
    pub error: Option<String>,
}

impl FilterState {
    pub fn section(&self) -> FilterSection {
        FilterSection::ALL[self.section]
    }
    pub fn choices(&self, s: FilterSection) -> &[Choice] {
        match s {
            FilterSection::Tags => &self.tags,
            FilterSection::Actors => &self.actors,
            FilterSection::Publishers => &self.publishers,
            FilterSection::Eras => &self.eras,
            FilterSection::Dates => &[],
        }
    }
    fn choices_mut(&mut self, s: FilterSection) -> Option<&mut Vec<Choice>> {
        match s {
            FilterSection::Tags => Some(&mut self.tags),
            FilterSection::Actors => Some(&mut self.actors),
            FilterSection::Publishers => Some(&mut self.publishers),
            FilterSection::Eras => Some(&mut self.eras),
            FilterSection::Dates => None,
        }
    }
    fn len(&self, s: FilterSection) -> usize {
        match s {
            FilterSection::Dates => 2,
            other => self.choices(other).len(),
        }
    }
    /// The date field with the cursor, when the cursor is in Dates.
    pub fn date_field(&mut self) -> Option<&mut LineInput> {
        if self.section() != FilterSection::Dates {
            return None;
        }
        Some(if self.cursor[4] == 0 {
            &mut self.from
        } else {
            &mut self.to
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Where to write the brief.
    BriefPath,
    /// The file exists: replace it?
    ConfirmOverwrite {
        path: PathBuf,
        content: String,
        events: usize,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptState {
    pub kind: PromptKind,
    pub input: LineInput,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpState {
    /// The screen whose keys are shown.
    pub layer: Layer,
    pub scroll: u16,
}

/// A window above the screens; it gets the keys first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Search(SearchState),
    Filters(Box<FilterState>),
    Help(HelpState),
    Prompt(PromptState),
    /// The problems found when the files last failed to reload; the scroll position.
    Problems(u16),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub level: Level,
    pub until: DateTime<Local>,
}

/// Facts about the last frame that the next update needs (page sizes, where panes are
/// for the mouse). The view records them; update reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LayoutInfo {
    /// List and detail side by side.
    pub wide: bool,
    pub list: Rect,
    pub detail: Rect,
    /// The body of an event or source screen.
    pub body: Rect,
    /// Lines in the detail pane or screen body, for clamping scrolls.
    pub detail_lines: u16,
    pub body_lines: u16,
    /// Where each item of the event/source screen starts, in body lines.
    pub item_line: u16,
}

/// How the explorer is set up (from the command line and the config).
#[derive(Clone, Debug)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    /// How dates are shown (`date_style:` in the config).
    pub date_style: crate::model::DateStyle,
    /// A message for the status line when the explorer opens (a bad config file, say).
    pub startup_notice: Option<String>,
}

impl Default for Settings {
    /// The built-in defaults: embedded keys, the terminal's own colours, the mouse on.
    fn default() -> Settings {
        Settings {
            keymap: Keymap::defaults(),
            theme: Theme::ansi(),
            mouse: true,
            date_style: crate::model::DateStyle::Text,
            startup_notice: None,
        }
    }
}

pub struct App {
    pub tl: Arc<Timeline>,
    /// The searchable text of every event; `None` while it is built in the background.
    pub index: Option<Arc<SearchIndex>>,
    /// The query the list shows, parsed (to tell when a new one narrows it).
    pub parsed: Query,
    pub settings: Settings,
    /// The query the list shows.
    pub query_text: String,
    pub compiled: Option<Compiled>,
    pub sort: Sort,
    pub context: bool,
    pub marks: BTreeSet<EventIx>,
    pub hits: Vec<Hit>,
    /// Where the query's word matched in each hit, for the next keystroke to extend.
    trail: Option<Trail>,
    pub rows: Vec<Row>,
    pub stack: Vec<Screen>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub history: Vec<String>,
    pub layout: LayoutInfo,
    pub now: DateTime<Local>,
    pub quit: bool,
    /// Width of the list's date column: the widest date label of the timeline.
    pub date_width: usize,
    /// When the files changed and no longer load: what is wrong (the timeline on screen is
    /// the last good one).
    pub load_problems: Option<Vec<String>>,
    /// Events per month, for the time axis: all of them, and those the query keeps.
    pub axis_all: super::view::axis::MonthCounts,
    pub axis_kept: super::view::axis::MonthCounts,
}

impl App {
    pub fn new(tl: Timeline, settings: Settings, now: DateTime<Local>) -> App {
        let index = SearchIndex::new(&tl);
        let mut app = App::without_index(Arc::new(tl), settings, now);
        app.set_index(Arc::new(index));
        app
    }

    /// The app before its search index is ready (the runner builds it in the background
    /// and hands it over with [`App::set_index`]); browsing works meanwhile.
    pub fn without_index(tl: Arc<Timeline>, settings: Settings, now: DateTime<Local>) -> App {
        let index = None;
        let date_width = date_column_width(&tl);
        let axis_all = super::view::axis::MonthCounts::new(&tl, 0..tl.events.len() as EventIx);
        let mut app = App {
            tl,
            index,
            parsed: Query::default(),
            settings,
            query_text: String::new(),
            compiled: None,
            sort: Sort::Date,
            context: false,
            marks: BTreeSet::new(),
            hits: Vec::new(),
            trail: None,
            rows: Vec::new(),
            stack: vec![Screen::Main(MainState::default())],
            overlay: None,
            status: None,
            history: Vec::new(),
            layout: LayoutInfo::default(),
            now,
            quit: false,
            date_width,
            load_problems: None,
            axis_kept: axis_all.clone(),
            axis_all,
        };
        app.refresh();
        if let Some(n) = app.settings.startup_notice.clone() {
            app.status = Some(Status {
                text: n,
                level: Level::Warn,
                until: app.now + chrono::Duration::seconds(STATUS_SECONDS * 4),
            });
        }
        app
    }

    /// The layer that gets keys now: the overlay's, or the top screen's.
    pub fn layer(&self) -> Layer {
        match &self.overlay {
            Some(Overlay::Search(_)) => Layer::Search,
            Some(Overlay::Filters(_)) => Layer::Filters,
            Some(Overlay::Help(_)) => Layer::Help,
            Some(Overlay::Prompt(_)) => Layer::Prompt,
            Some(Overlay::Problems(_)) => Layer::Help,
            None => self.screen_layer(),
        }
    }

    /// The layer of the top screen (ignoring overlays).
    pub fn screen_layer(&self) -> Layer {
        match self.stack.last() {
            Some(Screen::Event(_)) => Layer::Event,
            Some(Screen::Source(_)) => Layer::Source,
            _ => Layer::Main,
        }
    }

    pub fn main(&self) -> &MainState {
        match &self.stack[0] {
            Screen::Main(m) => m,
            _ => unreachable!("the main screen is at the bottom of the stack"),
        }
    }
    fn main_mut(&mut self) -> &mut MainState {
        match &mut self.stack[0] {
            Screen::Main(m) => m,
            _ => unreachable!("the main screen is at the bottom of the stack"),
        }
    }

    /// The event selected in the main list.
    pub fn selected_event(&self) -> Option<EventIx> {
        self.rows
            .get(self.main().selected)
            .and_then(|r| r.event())
            .filter(|_| self.rows[self.main().selected].selectable())
    }

    /// The event the user is looking at: the event screen's, or the list's selection.
    pub fn current_event(&self) -> Option<EventIx> {
        match self.stack.last() {
            Some(Screen::Event(e)) => Some(e.event),
            Some(Screen::Source(_)) => None,
            _ => self.selected_event(),
        }
    }

    fn set_status(&mut self, level: Level, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            level,
            until: self.now + chrono::Duration::seconds(STATUS_SECONDS),
        });
    }

    /// Is the query line showing a query?
    pub fn has_query(&self) -> bool {
        !self.query_text.trim().is_empty()
    }

    /// Hands over the search index built in the background, and runs the query that was
    /// waiting for it.
    pub fn set_index(&mut self, index: Arc<SearchIndex>) {
        // An index of another timeline (one replaced by a reload meanwhile) is dropped.
        if index.len() != self.tl.events.len() {
            return;
        }
        self.index = Some(index);
        self.refresh();
    }

    /// The files changed and loaded again: show the new timeline, keeping what the user
    /// had (selection, marks, query, the screens opened) by event and source id.
    pub fn replace_timeline(&mut self, tl: Timeline, index: Option<Arc<SearchIndex>>) {
        let old = Arc::clone(&self.tl);
        let id_of = |ev: EventIx| old.events[ev as usize].id.clone();
        let selected = self.selected_event().map(id_of);
        let marks: Vec<String> = self.marks.iter().map(|&e| id_of(e)).collect();
        let stack: Vec<Screen> = std::mem::take(&mut self.stack);
        let tl = Arc::new(tl);
        let new_ev = |id: &str| tl.event_ix(id);
        self.marks = marks.iter().filter_map(|id| new_ev(id)).collect();
        self.stack = vec![Screen::Main(match &stack[0] {
            Screen::Main(m) => MainState {
                selected: 0,
                offset: 0,
                detail_scroll: 0,
                focus: m.focus,
            },
            _ => MainState::default(),
        })];
        for s in stack.iter().skip(1) {
            let moved = match s {
                Screen::Event(e) => new_ev(&old.events[e.event as usize].id).map(|ev| {
                    Screen::Event(EventState {
                        event: ev,
                        selected: e.selected,
                        scroll: e.scroll,
                    })
                }),
                Screen::Source(so) => tl
                    .index
                    .source_by_id
                    .get(&old.sources[so.source as usize].id)
                    .map(|&source| {
                        Screen::Source(SourceState {
                            source,
                            selected: so.selected,
                            scroll: so.scroll,
                        })
                    }),
                Screen::Main(_) => None,
            };
            match moved {
                Some(m) => self.stack.push(m),
                // What was open is gone: stop there, the screens after it depend on it.
                None => break,
            }
        }
        self.date_width = date_column_width(&tl);
        self.axis_all = super::view::axis::MonthCounts::new(&tl, 0..tl.events.len() as EventIx);
        self.tl = tl;
        self.index = index;
        self.load_problems = None;
        // The selection follows its event id through the refresh.
        let keep = selected.and_then(|id| self.tl.event_ix(&id));
        let text = self.query_text.clone();
        let query_kept =
            match parse(&text).and_then(|q| Compiled::new(&q, &self.tl).map(|c| (q, c))) {
                Ok((q, c)) => {
                    self.parsed = q;
                    self.compiled = Some(c);
                    true
                }
                Err(_) => {
                    self.query_text.clear();
                    self.parsed = Query::default();
                    self.compiled = None;
                    false
                }
            };
        self.refresh();
        if let Some(ev) = keep
            && let Some(row) = self
                .rows
                .iter()
                .position(|r| r.selectable() && r.event() == Some(ev))
        {
            self.main_mut().selected = row;
            self.keep_visible();
        }
        let n = self.tl.events.len();
        let msg = if query_kept {
            format!("reloaded ({n} events)")
        } else {
            format!("reloaded ({n} events); the query no longer applies and was cleared")
        };
        self.set_status(Level::Info, msg);
    }

    /// The files changed but no longer load: keep the last good timeline, and say so.
    pub fn reload_failed(&mut self, problems: Vec<String>) {
        self.load_problems = Some(problems);
        self.set_status(
            Level::Warn,
            "the files have errors: the last good timeline stays (D shows the problems)",
        );
    }

    /// Runs the current query and rebuilds the rows, keeping the selected event when it
    /// is still listed (else the nearest one after it).
    pub fn refresh(&mut self) {
        self.refresh_within(None, None);
    }

    /// [`App::refresh`], searching only `within` (the hits of a query this one narrows),
    /// extending `trail` (that query's) when it can.
    fn refresh_within(&mut self, within: Option<Vec<EventIx>>, trail: Option<Trail>) {
        let keep = self.selected_event();
        let marks = &self.marks;
        let is_marked = |e: EventIx| marks.contains(&e);
        let ctx = Context {
            marked: Some(&is_marked),
        };
        (self.hits, self.trail) = match (&self.compiled, &self.index) {
            (Some(c), Some(index)) if !c.is_empty() => c.run_typed(
                &self.tl,
                index,
                &ctx,
                self.sort,
                within.as_deref(),
                trail.as_ref(),
            ),
            _ => (
                (0..self.tl.events.len() as EventIx)
                    .map(|event| Hit { event, score: 0 })
                    .collect(),
                None,
            ),
        };
        self.rows = self.build_rows();
        self.axis_kept =
            super::view::axis::MonthCounts::new(&self.tl, self.hits.iter().map(|h| h.event));
        let target = keep.and_then(|ev| {
            self.rows
                .iter()
                .position(|r| r.selectable() && r.event() == Some(ev))
                .or_else(|| {
                    // The nearest listed event after it, chronologically.
                    self.rows
                        .iter()
                        .position(|r| r.selectable() && r.event().is_some_and(|e| e > ev))
                })
        });
        let first = self.rows.iter().position(|r| r.selectable()).unwrap_or(0);
        let m = self.main_mut();
        m.selected = target.unwrap_or(first);
        m.detail_scroll = 0;
        self.keep_visible();
    }

    fn build_rows(&self) -> Vec<Row> {
        let separators = self.sort == Sort::Date;
        let mut rows = Vec::with_capacity(self.hits.len() + 64);
        let mut last_year = None;
        let mut push = |rows: &mut Vec<Row>, ev: EventIx, hit: bool| {
            if separators {
                let y = self.tl.events[ev as usize].date.year();
                if last_year != Some(y) {
                    rows.push(Row::Year(y));
                    last_year = Some(y);
                }
            }
            rows.push(Row::Event { ev, hit });
        };
        if self.context && self.has_query() && self.sort == Sort::Date {
            let n = self.tl.events.len();
            let mut shown = vec![0u8; n]; // 0 hidden, 1 context, 2 hit
            for h in &self.hits {
                let i = h.event as usize;
                let near = i.saturating_sub(CONTEXT_EVENTS)..(i + CONTEXT_EVENTS + 1).min(n);
                for s in &mut shown[near] {
                    *s = (*s).max(1);
                }
                shown[i] = 2;
            }
            for (i, s) in shown.iter().enumerate() {
                if *s > 0 {
                    push(&mut rows, i as EventIx, *s == 2);
                }
            }
        } else {
            for h in &self.hits {
                push(&mut rows, h.event, true);
            }
        }
        rows
    }

    /// Applies a query; on a bad term the list keeps its results and the error is returned.
    pub fn apply_query(&mut self, text: &str) -> Result<(), QueryError> {
        let q = parse(text)?;
        let compiled = Compiled::new(&q, &self.tl)?;
        // Typing on: a query that only adds to the last one searches its hits alone.
        let within = (self.compiled.is_some()
            && self.index.is_some()
            && Compiled::narrows(&self.parsed, &q))
        .then(|| {
            let mut evs: Vec<EventIx> = self.hits.iter().map(|h| h.event).collect();
            evs.sort_unstable();
            evs
        });
        let trail = if within.is_some() {
            self.trail.take()
        } else {
            None
        };
        self.query_text = text.to_string();
        self.parsed = q;
        self.compiled = Some(compiled);
        self.refresh_within(within, trail);
        if self.index.is_none() && self.parsed.has_text() {
            self.set_status(
                Level::Info,
                "indexing the timeline for search: the list follows in a moment",
            );
        }
        Ok(())
    }

    fn list_height(&self) -> usize {
        (self.layout.list.height as usize).max(1)
    }

    /// Scrolls the list so the selected row is on screen, with a margin when possible.
    fn keep_visible(&mut self) {
        let h = self.list_height();
        let len = self.rows.len();
        let m = self.main_mut();
        let margin = if h > 6 { 2 } else { 0 };
        if m.selected < m.offset + margin {
            m.offset = m.selected.saturating_sub(margin);
        } else if m.selected + margin >= m.offset + h {
            m.offset = (m.selected + margin + 1).saturating_sub(h);
        }
        m.offset = m.offset.min(len.saturating_sub(h));
        // Keep the year separator above the selected event in view.
        let (selected, offset) = (m.selected, m.offset);
        if selected > 0
            && offset == selected
            && matches!(self.rows.get(selected - 1), Some(Row::Year(_)))
        {
            self.main_mut().offset -= 1;
        }
    }

    /// Moves the list selection by `delta` rows (skipping rows that cannot be selected).
    fn move_selection(&mut self, delta: isize) {
        if self.rows.is_empty() {
            return;
        }
        let cur = self.main().selected as isize;
        let last = self.rows.len() as isize - 1;
        let mut target = (cur + delta).clamp(0, last);
        let step = if delta >= 0 { 1 } else { -1 };
        // Walk on in the direction of travel to a selectable row, else back.
        let mut t = target;
        while (0..=last).contains(&t) && !self.rows[t as usize].selectable() {
            t += step;
        }
        if !(0..=last).contains(&t) {
            t = target;
            while (0..=last).contains(&t) && !self.rows[t as usize].selectable() {
                t -= step;
            }
        }
        if (0..=last).contains(&t) {
            target = t;
            let m = self.main_mut();
            if m.selected != target as usize {
                m.selected = target as usize;
                m.detail_scroll = 0;
            }
        }
        self.keep_visible();
    }

    fn select_edge(&mut self, last: bool) {
        let pos = if last {
            self.rows.iter().rposition(|r| r.selectable())
        } else {
            self.rows.iter().position(|r| r.selectable())
        };
        if let Some(p) = pos {
            let m = self.main_mut();
            m.selected = p;
            m.detail_scroll = 0;
            self.keep_visible();
        }
    }

    /// Items of an event's screen: its citations, related events, backlinks.
    pub fn event_items(&self, ev: EventIx) -> Vec<Item> {
        let e = &self.tl.events[ev as usize];
        (0..e.citations.len())
            .map(Item::Source)
            .chain((0..e.related.len()).map(Item::Related))
            .chain((0..self.tl.index.backlinks[ev as usize].len()).map(Item::Backlink))
            .collect()
    }

    fn open_event(&mut self, ev: EventIx) {
        self.stack.push(Screen::Event(EventState {
            event: ev,
            selected: 0,
            scroll: 0,
        }));
    }

    /// Handles one message; returns what the runner must do.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        match msg {
            Msg::Tick => {
                if self.status.as_ref().is_some_and(|s| s.until <= self.now) {
                    self.status = None;
                }
                Vec::new()
            }
            Msg::Resize { .. } => {
                self.keep_visible();
                Vec::new()
            }
            Msg::Done { ok, text } => {
                self.set_status(if ok { Level::Info } else { Level::Error }, text);
                Vec::new()
            }
            Msg::OpenFailed { url, reason } => {
                // The URL first: a narrow footer cuts the reason, never the link.
                let url = crate::text::sanitize(&url).into_owned();
                let reason = crate::text::sanitize(&reason).into_owned();
                self.set_status(Level::Error, format!("{url} not opened: {reason}"));
                Vec::new()
            }
            Msg::Input(c) => self.input(&c.to_string()),
            Msg::Paste(s) => self.input(&s),
            Msg::Scroll { col, row, lines } => {
                self.scroll(col, row, lines);
                Vec::new()
            }
            Msg::Click { col, row } => {
                self.click(col, row);
                Vec::new()
            }
            Msg::Action(a) => self.action(a),
        }
    }

    /// A brief that is ready to write, and where; the runner checks whether the file
    /// exists and comes back with `confirm_overwrite` if it does.
    pub fn confirm_overwrite(&mut self, path: PathBuf, content: String, events: usize) {
        let input = LineInput::default();
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::ConfirmOverwrite {
                path,
                content,
                events,
            },
            input,
        }));
    }

    fn input(&mut self, s: &str) -> Vec<Effect> {
        match &mut self.overlay {
            Some(Overlay::Search(st)) => {
                st.input.insert(s);
                st.history_pos = None;
                self.live_search();
            }
            Some(Overlay::Prompt(p)) => {
                if let PromptKind::ConfirmOverwrite { .. } = p.kind {
                    match s.trim() {
                        "y" | "Y" => return self.confirm_yes(),
                        "n" | "N" => {
                            self.overlay = None;
                            self.set_status(Level::Info, "brief not written: the file was kept");
                        }
                        _ => {}
                    }
                } else {
                    p.input.insert(s);
                }
            }
            Some(Overlay::Filters(f)) => {
                if let Some(field) = f.date_field() {
                    field.insert(s);
                    f.error = None;
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn confirm_yes(&mut self) -> Vec<Effect> {
        let Some(Overlay::Prompt(PromptState {
            kind:
                PromptKind::ConfirmOverwrite {
                    path,
                    content,
                    events,
                },
            ..
        })) = self.overlay.take()
        else {
            return Vec::new();
        };
        vec![Effect::WriteBrief {
            path,
            content,
            events,
            force: true,
        }]
    }

    fn live_search(&mut self) {
        let Some(Overlay::Search(st)) = &self.overlay else {
            return;
        };
        let text = st.input.text().to_string();
        let result = self.apply_query(&text);
        if let Some(Overlay::Search(st)) = &mut self.overlay {
            st.error = result.err();
        }
    }

    fn scroll(&mut self, col: u16, row: u16, lines: i32) {
        let pos = ratatui::layout::Position { x: col, y: row };
        if self.overlay.is_some() {
            return;
        }
        match self.stack.last_mut() {
            Some(Screen::Main(_)) => {
                if self.layout.detail.contains(pos) && self.layout.wide {
                    let max = self.layout.detail_lines;
                    let m = self.main_mut();
                    m.detail_scroll = scroll_by(m.detail_scroll, lines, max);
                } else {
                    self.move_selection(lines as isize);
                }
            }
            Some(Screen::Event(st)) => {
                st.scroll = scroll_by(st.scroll, lines, self.layout.body_lines)
            }
            Some(Screen::Source(st)) => {
                st.scroll = scroll_by(st.scroll, lines, self.layout.body_lines)
            }
            None => {}
        }
    }

    fn click(&mut self, col: u16, row: u16) {
        let pos = ratatui::layout::Position { x: col, y: row };
        if self.overlay.is_some() || self.stack.len() > 1 {
            return;
        }
        let list = self.layout.list;
        if list.contains(pos) {
            let idx = self.main().offset + (row - list.y) as usize;
            if self.rows.get(idx).is_some_and(|r| r.selectable()) {
                let m = self.main_mut();
                m.selected = idx;
                m.detail_scroll = 0;
                m.focus = Pane::List;
            }
        } else if self.layout.wide && self.layout.detail.contains(pos) {
            self.main_mut().focus = Pane::Detail;
        }
    }

    fn action(&mut self, a: Action) -> Vec<Effect> {
        if a == Action::Quit {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if a == Action::Help && !matches!(self.overlay, Some(Overlay::Help(_))) {
            let layer = self.layer();
            self.overlay = Some(Overlay::Help(HelpState { layer, scroll: 0 }));
            return Vec::new();
        }
        match self.overlay.take() {
            Some(Overlay::Search(st)) => self.search_action(st, a),
            Some(Overlay::Filters(f)) => self.filters_action(*f, a),
            Some(Overlay::Help(h)) => {
                self.help_action(h, a);
                Vec::new()
            }
            Some(Overlay::Prompt(p)) => self.prompt_action(p, a),
            Some(Overlay::Problems(scroll)) => {
                let scroll = match a {
                    Action::Close | Action::Cancel | Action::Problems => return Vec::new(),
                    Action::Down => scroll.saturating_add(1),
                    Action::Up => scroll.saturating_sub(1),
                    Action::PageDown => scroll.saturating_add(10),
                    Action::PageUp => scroll.saturating_sub(10),
                    _ => scroll,
                };
                self.overlay = Some(Overlay::Problems(scroll));
                Vec::new()
            }
            None => match self.stack.last() {
                Some(Screen::Event(_)) => self.event_action(a),
                Some(Screen::Source(_)) => self.source_action(a),
                _ => self.main_action(a),
            },
        }
    }

    fn page(&self) -> isize {
        self.list_height().saturating_sub(1).max(1) as isize
    }

    fn main_action(&mut self, a: Action) -> Vec<Effect> {
        let detail_focus = self.layout.wide && self.main().focus == Pane::Detail;
        if detail_focus {
            let max = self.layout.detail_lines;
            let page = self.layout.detail.height.max(1) as i32;
            let by = match a {
                Action::Down => Some(1),
                Action::Up => Some(-1),
                Action::PageDown => Some(page),
                Action::PageUp => Some(-page),
                Action::HalfPageDown => Some(page / 2),
                Action::HalfPageUp => Some(-page / 2),
                Action::Top => Some(-i32::from(u16::MAX)),
                Action::Bottom => Some(i32::from(u16::MAX)),
                _ => None,
            };
            if let Some(by) = by {
                let m = self.main_mut();
                m.detail_scroll = scroll_by(m.detail_scroll, by, max);
                return Vec::new();
            }
        }
        match a {
            Action::Down | Action::NextHit => self.move_selection(1),
            Action::Up | Action::PreviousHit => self.move_selection(-1),
            Action::PageDown => self.move_selection(self.page()),
            Action::PageUp => self.move_selection(-self.page()),
            Action::HalfPageDown => self.move_selection((self.page() / 2).max(1)),
            Action::HalfPageUp => self.move_selection(-(self.page() / 2).max(1)),
            Action::Top => self.select_edge(false),
            Action::Bottom => self.select_edge(true),
            Action::SwitchPane => {
                if self.layout.wide {
                    let m = self.main_mut();
                    m.focus = match m.focus {
                        Pane::List => Pane::Detail,
                        Pane::Detail => Pane::List,
                    };
                } else {
                    self.set_status(
                        Level::Info,
                        "one pane at a time at this width: Enter opens the event",
                    );
                }
            }
            Action::Open => {
                if let Some(ev) = self.selected_event() {
                    self.open_event(ev);
                }
            }
            Action::Search => self.open_search(),
            Action::Filters => self.open_filters(),
            Action::ClearFilters => self.clear_filters(),
            Action::ClearQuery if self.has_query() => {
                let _ = self.apply_query("");
                self.set_status(Level::Info, "query cleared");
            }
            Action::ToggleContext => {
                self.context = !self.context;
                let note = if !self.has_query() {
                    " (it shows once a query narrows the list)"
                } else if self.sort == Sort::Score {
                    " (it shows in date order)"
                } else {
                    ""
                };
                let on = if self.context {
                    format!("context on: {CONTEXT_EVENTS} events either side of each hit{note}")
                } else {
                    "context off".to_string()
                };
                self.refresh();
                self.set_status(Level::Info, on);
            }
            Action::Mark => {
                if let Some(ev) = self.selected_event() {
                    self.toggle_mark(ev);
                    self.move_selection(1);
                }
            }
            Action::MarkedOnly => self.toggle_marked_only(),
            Action::Problems => {
                if self.load_problems.is_some() {
                    self.overlay = Some(Overlay::Problems(0));
                } else {
                    self.set_status(Level::Info, "the files have no problems");
                }
            }
            Action::Brief => self.open_brief_prompt(),
            Action::ToggleSort => {
                self.sort = match self.sort {
                    Sort::Date => Sort::Score,
                    Sort::Score => Sort::Date,
                };
                self.refresh();
                let text = match (self.sort, self.query_has_text()) {
                    (Sort::Score, false) => {
                        "order: best match first (search to rank; until then by date)"
                    }
                    (Sort::Score, true) => "order: best match first",
                    (Sort::Date, _) => "order: by date",
                };
                self.set_status(Level::Info, text);
            }
            Action::OpenLink => return self.open_link(self.selected_event(), None),
            Action::Copy => return self.copy(self.selected_event(), None),
            _ => {}
        }
        Vec::new()
    }

    fn query_has_text(&self) -> bool {
        parse(&self.query_text).is_ok_and(|q| q.has_text())
    }

    fn toggle_mark(&mut self, ev: EventIx) {
        if !self.marks.remove(&ev) {
            self.marks.insert(ev);
        }
        let n = self.marks.len();
        let id = self.tl.events[ev as usize].id.clone();
        let verb = if self.marks.contains(&ev) {
            "marked"
        } else {
            "unmarked"
        };
        self.set_status(Level::Info, format!("{verb} {id} ({n} marked)"));
        if self.query_mentions_marked() {
            self.refresh();
        }
    }

    fn query_mentions_marked(&self) -> bool {
        parse(&self.query_text).is_ok_and(|q| q.terms.iter().any(|t| t.kind == TermKind::Marked))
    }

    fn toggle_marked_only(&mut self) {
        let q = parse(&self.query_text).unwrap_or_default();
        let has = q
            .terms
            .iter()
            .any(|t| t.kind == TermKind::Marked && !t.negated);
        let text = if has {
            without_terms(&q, |t| t.kind == TermKind::Marked && !t.negated)
        } else {
            join_terms(&self.query_text, "is:marked")
        };
        if self.apply_query(&text).is_ok() {
            let msg = if has {
                "showing all events".to_string()
            } else if self.marks.is_empty() {
                "showing marked events: none yet (Space marks one)".to_string()
            } else {
                format!("showing {} marked events", self.marks.len())
            };
            self.set_status(Level::Info, msg);
        }
    }

    fn open_search(&mut self) {
        self.overlay = Some(Overlay::Search(SearchState {
            input: LineInput::new(&self.query_text),
            history_pos: None,
            error: None,
        }));
    }

    fn search_action(&mut self, mut st: SearchState, a: Action) -> Vec<Effect> {
        match a {
            Action::Accept => {
                let text = st.input.text().trim().to_string();
                if st.error.is_some() {
                    // Keep the line open: the bad term is marked and explained.
                    self.overlay = Some(Overlay::Search(st));
                    return Vec::new();
                }
                if !text.is_empty() && self.history.last() != Some(&text) {
                    self.history.push(text);
                }
                let n = self.hits.len();
                if self.has_query() {
                    self.set_status(
                        Level::Info,
                        format!("{n} of {} events match", self.tl.events.len()),
                    );
                }
                return Vec::new();
            }
            Action::Cancel => {
                let _ = self.apply_query("");
                return Vec::new();
            }
            Action::HistoryPrevious | Action::HistoryNext if !self.history.is_empty() => {
                let len = self.history.len();
                let pos = match (a, st.history_pos) {
                    (Action::HistoryPrevious, None) => Some(len - 1),
                    (Action::HistoryPrevious, Some(p)) => Some(p.saturating_sub(1)),
                    (Action::HistoryNext, Some(p)) if p + 1 < len => Some(p + 1),
                    _ => None,
                };
                st.history_pos = pos;
                let text = pos.map_or("", |p| self.history[p].as_str()).to_string();
                st.input.set(&text);
                st.error = self.apply_query(&text).err();
            }
            other => {
                if st.input.edit(other) {
                    st.history_pos = None;
                    st.error = self.apply_query(st.input.text()).err();
                }
            }
        }
        self.overlay = Some(Overlay::Search(st));
        Vec::new()
    }

    fn help_action(&mut self, mut h: HelpState, a: Action) {
        match a {
            Action::Close | Action::Help | Action::Cancel => return,
            Action::Down => h.scroll = h.scroll.saturating_add(1),
            Action::Up => h.scroll = h.scroll.saturating_sub(1),
            Action::PageDown => h.scroll = h.scroll.saturating_add(10),
            Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
            _ => {}
        }
        self.overlay = Some(Overlay::Help(h));
    }

    fn event_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(Screen::Event(st)) = self.stack.last().cloned() else {
            return Vec::new();
        };
        let items = self.event_items(st.event);
        let page = self.layout.body.height.max(1) as isize;
        let mut st = st;
        match a {
            Action::Back => {
                self.stack.pop();
                return Vec::new();
            }
            Action::Down => st.selected = step(st.selected, 1, items.len()),
            Action::Up => st.selected = step(st.selected, -1, items.len()),
            Action::PageDown | Action::HalfPageDown => {
                st.scroll = scroll_by(st.scroll, page as i32 / 2, self.layout.body_lines);
            }
            Action::PageUp | Action::HalfPageUp => {
                st.scroll = scroll_by(st.scroll, -(page as i32) / 2, self.layout.body_lines);
            }
            Action::Top => {
                st.selected = 0;
                st.scroll = 0;
            }
            Action::Bottom => st.selected = items.len().saturating_sub(1),
            Action::Open => match items.get(st.selected) {
                Some(Item::Source(n)) => {
                    let source = self.tl.events[st.event as usize].citations[*n].source;
                    self.replace_top(Screen::Event(st));
                    self.stack.push(Screen::Source(SourceState {
                        source,
                        selected: 0,
                        scroll: 0,
                    }));
                    return Vec::new();
                }
                Some(Item::Related(n)) => {
                    let target = self.tl.events[st.event as usize].related[*n].event;
                    self.replace_top(Screen::Event(st));
                    self.open_event(target);
                    return Vec::new();
                }
                Some(Item::Backlink(n)) => {
                    let target = self.tl.index.backlinks[st.event as usize][*n].event;
                    self.replace_top(Screen::Event(st));
                    self.open_event(target);
                    return Vec::new();
                }
                None => {}
            },
            Action::Mark => self.toggle_mark(st.event),
            Action::Brief => self.open_brief_prompt(),
            Action::OpenLink | Action::Copy => {
                let source = match items.get(st.selected) {
                    Some(Item::Source(n)) => {
                        Some(self.tl.events[st.event as usize].citations[*n].source)
                    }
                    _ => None,
                };
                self.replace_top(Screen::Event(st.clone()));
                return if a == Action::OpenLink {
                    self.open_link(Some(st.event), source)
                } else {
                    self.copy(Some(st.event), source)
                };
            }
            _ => {}
        }
        self.replace_top(Screen::Event(st));
        Vec::new()
    }

    fn source_action(&mut self, a: Action) -> Vec<Effect> {
        let Some(Screen::Source(mut st)) = self.stack.last().cloned() else {
            return Vec::new();
        };
        let citing = self.tl.index.events_by_source[st.source as usize].clone();
        let page = self.layout.body.height.max(1) as i32;
        match a {
            Action::Back => {
                self.stack.pop();
                return Vec::new();
            }
            Action::Down => st.selected = step(st.selected, 1, citing.len()),
            Action::Up => st.selected = step(st.selected, -1, citing.len()),
            Action::PageDown | Action::HalfPageDown => {
                st.scroll = scroll_by(st.scroll, page / 2, self.layout.body_lines);
            }
            Action::PageUp | Action::HalfPageUp => {
                st.scroll = scroll_by(st.scroll, -page / 2, self.layout.body_lines);
            }
            Action::Top => {
                st.selected = 0;
                st.scroll = 0;
            }
            Action::Bottom => st.selected = citing.len().saturating_sub(1),
            Action::Open => {
                if let Some(&ev) = citing.get(st.selected) {
                    self.replace_top(Screen::Source(st));
                    self.open_event(ev);
                    return Vec::new();
                }
            }
            Action::OpenLink => {
                self.replace_top(Screen::Source(st.clone()));
                return self.open_link(None, Some(st.source));
            }
            Action::Copy => {
                self.replace_top(Screen::Source(st.clone()));
                return self.copy(None, Some(st.source));
            }
            _ => {}
        }
        self.replace_top(Screen::Source(st));
        Vec::new()
    }

    fn replace_top(&mut self, s: Screen) {
        if let Some(top) = self.stack.last_mut() {
            *top = s;
        }
    }

    /// The URL to act on: the given source's, else the event's first source with one.
    fn url_for(&self, ev: Option<EventIx>, source: Option<SourceIx>) -> Option<String> {
        let from_source = |s: SourceIx| self.tl.source(s).url.clone();
        match source {
            Some(s) => from_source(s),
            None => ev.and_then(|e| {
                self.tl.events[e as usize]
                    .citations
                    .iter()
                    .find_map(|c| from_source(c.source))
            }),
        }
    }

    fn open_link(&mut self, ev: Option<EventIx>, source: Option<SourceIx>) -> Vec<Effect> {
        match self.url_for(ev, source) {
            Some(url) if crate::model::validate::is_http_url(&url) => vec![Effect::OpenUrl(url)],
            Some(_) => {
                self.set_status(Level::Warn, "only http and https links are opened");
                Vec::new()
            }
            None => {
                self.set_status(Level::Warn, "no URL to open here");
                Vec::new()
            }
        }
    }

    fn copy(&mut self, ev: Option<EventIx>, source: Option<SourceIx>) -> Vec<Effect> {
        if let Some(url) = self
            .url_for(ev, source)
            .filter(|u| crate::model::validate::is_http_url(u))
        {
            return vec![Effect::Copy {
                text: url,
                what: "URL".into(),
            }];
        }
        match (ev, source) {
            (_, Some(s)) => vec![Effect::Copy {
                text: self.tl.source(s).id.clone(),
                what: "source id".into(),
            }],
            (Some(e), None) => vec![Effect::Copy {
                text: self.tl.events[e as usize].id.clone(),
                what: "event id".into(),
            }],
            (None, None) => Vec::new(),
        }
    }

    /// The default brief file name: `brief-YYYYMMDD-HHMM.md`.
    pub fn default_brief_name(&self) -> String {
        format!("brief-{}.md", self.now.format("%Y%m%d-%H%M"))
    }

    fn open_brief_prompt(&mut self) {
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::BriefPath,
            input: LineInput::new(&self.default_brief_name()),
        }));
    }

    /// The events a brief covers: the marked ones, or the list when nothing is marked.
    pub fn brief_selection(&self) -> crate::brief::Selection {
        if self.marks.is_empty() {
            let mut events: Vec<EventIx> = self.hits.iter().map(|h| h.event).collect();
            events.sort_unstable();
            let basis = if self.has_query() {
                crate::brief::Basis::Query(self.query_text.clone())
            } else {
                crate::brief::Basis::All
            };
            crate::brief::Selection { events, basis }
        } else {
            crate::brief::Selection {
                events: self.marks.iter().copied().collect(),
                basis: crate::brief::Basis::Marked,
            }
        }
    }

    fn prompt_action(&mut self, mut p: PromptState, a: Action) -> Vec<Effect> {
        match (&p.kind, a) {
            (_, Action::Cancel) => {
                self.set_status(Level::Info, "no brief written");
                Vec::new()
            }
            (PromptKind::BriefPath, Action::Accept) => {
                let path = p.input.text().trim().to_string();
                if path.is_empty() {
                    self.set_status(Level::Warn, "no brief written: give a file name");
                    self.overlay = Some(Overlay::Prompt(p));
                    return Vec::new();
                }
                let sel = self.brief_selection();
                if sel.events.is_empty() {
                    self.set_status(Level::Warn, "no brief written: the list is empty");
                    return Vec::new();
                }
                let events = sel.events.len();
                let content = crate::brief::markdown(
                    &self.tl,
                    &sel,
                    &crate::brief::Options::default(),
                    self.now.with_timezone(&chrono::Utc),
                );
                vec![Effect::WriteBrief {
                    path: PathBuf::from(path),
                    content,
                    events,
                    force: false,
                }]
            }
            (PromptKind::ConfirmOverwrite { .. }, Action::Accept) => {
                // Enter alone is not a yes.
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
            (PromptKind::BriefPath, other) => {
                p.input.edit(other);
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
            (PromptKind::ConfirmOverwrite { .. }, _) => {
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
        }
    }

    // ---- filters ----

    fn open_filters(&mut self) {
        let q = parse(&self.query_text).unwrap_or_default();
        let tl = &self.tl;
        let positive = |f: &dyn Fn(&TermKind) -> Option<Vec<String>>| -> Vec<String> {
            q.terms
                .iter()
                .filter(|t| !t.negated)
                .filter_map(|t| f(&t.kind))
                .flatten()
                .collect()
        };
        let tags_on = positive(&|k| match k {
            TermKind::Tag(v) => Some(v.clone()),
            _ => None,
        });
        let actors_on = positive(&|k| match k {
            TermKind::Actor(v) => Some(v.clone()),
            _ => None,
        });
        let sources_on: Vec<String> = positive(&|k| match k {
            TermKind::Source(v) => Some(v.clone()),
            _ => None,
        })
        .into_iter()
        .map(|s| s.to_lowercase())
        .collect();
        let eras_on = positive(&|k| match k {
            TermKind::Era(v) => Some(v.clone()),
            _ => None,
        });
        let mut tags: Vec<Choice> = tl
            .tags
            .iter()
            .enumerate()
            .map(|(i, t)| Choice {
                label: t.clone(),
                value: t.clone(),
                count: tl.index.events_by_tag[i].len(),
                checked: tags_on.contains(t),
            })
            .collect();
        tags.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let mut actors: Vec<Choice> = tl
            .actors
            .iter()
            .enumerate()
            .filter(|(i, _)| !tl.index.events_by_actor[*i].is_empty())
            .map(|(i, a)| Choice {
                label: a.name.clone(),
                value: a.id.clone(),
                count: tl.index.events_by_actor[i].len(),
                checked: actors_on.contains(&a.id),
            })
            .collect();
        actors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let mut by_publisher: std::collections::BTreeMap<String, BTreeSet<EventIx>> =
            Default::default();
        for (i, s) in tl.sources.iter().enumerate() {
            by_publisher
                .entry(s.publisher.clone())
                .or_default()
                .extend(tl.index.events_by_source[i].iter().copied());
        }
        let mut publishers: Vec<Choice> = by_publisher
            .into_iter()
            .filter(|(_, evs)| !evs.is_empty())
            .map(|(p, evs)| Choice {
                checked: sources_on.contains(&p.to_lowercase()),
                label: p.clone(),
                value: p,
                count: evs.len(),
            })
            .collect();
        publishers.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        let eras = tl
            .eras
            .iter()
            .enumerate()
            .map(|(i, e)| Choice {
                label: e.title.clone(),
                value: e.id.clone(),
                count: tl.index.events_by_era[i].len(),
                checked: eras_on.contains(&e.id),
            })
            .collect();
        let date_of = |want_from: bool| {
            q.terms
                .iter()
                .filter(|t| !t.negated)
                .find_map(|t| match (&t.kind, want_from) {
                    (TermKind::From(d), true) | (TermKind::To(d), false) => Some(d.as_written()),
                    _ => None,
                })
                .unwrap_or_default()
        };
        self.overlay = Some(Overlay::Filters(Box::new(FilterState {
            section: 0,
            cursor: [0; 5],
            tags,
            actors,
            publishers,
            eras,
            from: LineInput::new(&date_of(true)),
            to: LineInput::new(&date_of(false)),
            error: None,
        })));
    }

    fn filters_action(&mut self, mut f: FilterState, a: Action) -> Vec<Effect> {
        let sec = f.section();
        let n = f.len(sec);
        match a {
            Action::Cancel => return Vec::new(),
            Action::Down => f.cursor[f.section] = step(f.cursor[f.section], 1, n),
            Action::Up => f.cursor[f.section] = step(f.cursor[f.section], -1, n),
            Action::NextSection => f.section = (f.section + 1) % FilterSection::ALL.len(),
            Action::PreviousSection => {
                f.section = (f.section + FilterSection::ALL.len() - 1) % FilterSection::ALL.len();
            }
            Action::Toggle => {
                let c = f.cursor[f.section];
                if let Some(list) = f.choices_mut(sec)
                    && let Some(choice) = list.get_mut(c)
                {
                    choice.checked = !choice.checked;
                }
            }
            Action::ClearFilters => {
                for s in FilterSection::ALL {
                    if let Some(list) = f.choices_mut(s) {
                        list.iter_mut().for_each(|c| c.checked = false);
                    }
                }
                f.from.set("");
                f.to.set("");
            }
            Action::Apply => {
                let text = filters_query(&self.query_text, &f);
                match self.apply_query(&text) {
                    Ok(()) => {
                        let n = self.hits.len();
                        self.set_status(
                            Level::Info,
                            format!("{n} of {} events match the filters", self.tl.events.len()),
                        );
                        return Vec::new();
                    }
                    Err(e) => f.error = Some(e.message),
                }
            }
            other => {
                if let Some(field) = f.date_field()
                    && field.edit(other)
                {
                    f.error = None;
                }
            }
        }
        self.overlay = Some(Overlay::Filters(Box::new(f)));
        Vec::new()
    }

    fn clear_filters(&mut self) {
        let q = parse(&self.query_text).unwrap_or_default();
        let text = without_terms(&q, |t| is_filter_facet(&t.kind) && !t.negated);
        if text != self.query_text && self.apply_query(&text).is_ok() {
            self.set_status(Level::Info, "filters cleared");
        } else {
            self.set_status(Level::Info, "no filters to clear");
        }
    }
}

/// The label the list shows for an event's date, in the default (text) style.
pub fn date_label(e: &crate::model::Event) -> String {
    date_label_in(e, crate::model::DateStyle::Text)
}

/// The label for an event's date in a style: its `display_date` or `20 Jun 2024` for
/// text; for ISO, the date exactly as written (`2024-06-20`), so every row reads alike.
pub fn date_label_in(e: &crate::model::Event, style: crate::model::DateStyle) -> String {
    match (style, &e.display_date) {
        (crate::model::DateStyle::Text, Some(d)) => d.clone(),
        _ => e.date.display(style),
    }
}

/// The widest date label in either style (so the column fits whichever is shown),
/// capped so a long `display_date` cannot take the whole row.
fn date_column_width(tl: &Timeline) -> usize {
    let w = |s: String| crate::text::width(&crate::text::sanitize(&s));
    tl.events
        .iter()
        .map(|e| {
            w(date_label_in(e, crate::model::DateStyle::Text))
                .max(w(date_label_in(e, crate::model::DateStyle::Iso)))
        })
        .max()
        .unwrap_or(4)
        .clamp(4, 18)
}

/// Facets the filter panel owns.
fn is_filter_facet(k: &TermKind) -> bool {
    matches!(
        k,
        TermKind::Tag(_)
            | TermKind::Actor(_)
            | TermKind::Source(_)
            | TermKind::Era(_)
            | TermKind::From(_)
            | TermKind::To(_)
    )
}

/// The query text without the terms `drop` selects, keeping the others as written.
fn without_terms(q: &Query, drop: impl Fn(&crate::query::Term) -> bool) -> String {
    q.terms
        .iter()
        .filter(|t| !drop(t))
        .map(|t| q.text[t.span.clone()].to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

fn join_terms(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        ("", b) => b.to_string(),
        (a, "") => a.to_string(),
        (a, b) => format!("{a} {b}"),
    }
}

/// Escapes a facet value: spaces and commas would split it.
fn facet_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c == ' ' || c == ',' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The query with the panel's choices as facets, replacing the facets it owns and
/// keeping everything else (text, negated facets, `is:marked`).
pub fn filters_query(current: &str, f: &FilterState) -> String {
    let q = parse(current).unwrap_or_default();
    let mut text = without_terms(&q, |t| is_filter_facet(&t.kind) && !t.negated);
    let facet = |name: &str, list: &[Choice]| -> Option<String> {
        let vals: Vec<String> = list
            .iter()
            .filter(|c| c.checked)
            .map(|c| facet_value(&c.value))
            .collect();
        (!vals.is_empty()).then(|| format!("{name}:{}", vals.join(",")))
    };
    for t in [
        facet("tag", &f.tags),
        facet("actor", &f.actors),
        facet("source", &f.publishers),
        facet("era", &f.eras),
    ]
    .into_iter()
    .flatten()
    {
        text = join_terms(&text, &t);
    }
    if !f.from.text().trim().is_empty() {
        text = join_terms(&text, &format!("from:{}", f.from.text().trim()));
    }
    if !f.to.text().trim().is_empty() {
        text = join_terms(&text, &format!("to:{}", f.to.text().trim()));
    }
    text
}

fn step(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize + delta).clamp(0, len as isize - 1) as usize
}

fn scroll_by(cur: u16, by: i32, max: u16) -> u16 {
    (i32::from(cur) + by).clamp(0, i32::from(max)) as u16
}
