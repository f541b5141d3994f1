//! The explorer's state: one [`App`] that holds everything a frame shows and how the
//! explorer was set up, and the questions every screen asks of it (which layer has the
//! keys, which event is selected). How it changes is in the files beside this one, one
//! per screen or window.

use std::sync::Arc;

use chrono::{DateTime, Local};
use ratatui::layout::Rect;

use super::axis_counts::AxisCounts;
use super::background::Pending;
use super::overlays::Overlay;
use super::screens::{EventState, Item, MainState, Row, Screen};
use crate::model::{EventIx, Timeline};
use crate::query::{Compiled, Hit, Query, SearchIndex, Sort, Trail};
use crate::tui::action::Action;
use crate::tui::keymap::{Keymap, Layer};
use crate::tui::theme::Theme;
use crate::workspace::{Annotations, Workspace};

/// The login name (`$USER`, else `$LOGNAME`), else `analyst`.
pub fn default_author() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "analyst".to_string())
}

/// How long a status message stays.
pub(super) const STATUS_SECONDS: i64 = 5;
/// Events shown either side of each hit in context mode.
pub const CONTEXT_EVENTS: usize = 2;

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
    /// The time axis' rows (empty when it is not drawn), for the mouse.
    pub axis: Rect,
    /// The window that only scrolls (help, problems, about): how far its text scrolls,
    /// and the rows it shows.
    pub window: (u16, u16),
}

/// How the explorer is set up (from the command line and the config).
#[derive(Clone, Debug)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub mouse: bool,
    /// How dates are shown (`date_style:` in the config).
    pub date_style: crate::model::DateStyle,
    /// The zone times of day are shown in (`--tz`, `tz:` in the config); `None`: as written.
    pub tz: Option<chrono_tz::Tz>,
    /// A message for the status line when the explorer opens (a bad config file, say).
    pub startup_notice: Option<String>,
    /// The config's problems, the lines of each as printed, for the problems window
    /// (empty: none).
    pub config_problems: Vec<String>,
    /// Who writes the notes (`author:` in the config, else the login name).
    pub author: String,
    /// The analyst a brief names (`author:` in the config only).
    pub analyst: Option<String>,
    /// The limits timelines are read with (`--max-file-size`, `--max-expansion`), for a
    /// git revision's files too.
    pub limits: crate::model::LoadOptions,
}

impl Default for Settings {
    /// The built-in defaults: embedded keys, the terminal's own colours, the mouse on.
    fn default() -> Settings {
        Settings {
            keymap: Keymap::defaults(),
            theme: Theme::ansi(),
            mouse: true,
            date_style: crate::model::DateStyle::Text,
            tz: None,
            startup_notice: None,
            config_problems: Vec::new(),
            author: default_author(),
            analyst: None,
            limits: crate::model::LoadOptions::default(),
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
    /// The query that `clear-query` (Esc) last threw away, for `restore-query` (u) while
    /// no other query has been given.
    pub(super) cleared_query: Option<String>,
    /// The query that `marked-only` (m) replaced, to go back to.
    pub(super) before_marked: Option<String>,
    pub compiled: Option<Arc<Compiled>>,
    pub sort: Sort,
    pub context: bool,
    /// The analyst's workspace (marks, notes, labels, views), saved by the runner.
    pub work: Workspace,
    /// The workspace seen from this timeline, by event (`ann.marks` are the marks).
    pub ann: Annotations,
    /// Counts the workspace's changes: the runner saves when it moves.
    pub work_edits: u64,
    /// Why the workspace may not be changed this session (it did not read), for a banner.
    pub work_read_only: Option<String>,
    /// The brief draft the composer works on.
    pub draft_name: String,
    /// The changes view, while it is on: the main list marks the changed events.
    pub changes: Option<super::changes::ChangesView>,
    /// The copy of the embedded timeline this session works on, once written: `E` edits
    /// it even while it does not load.
    pub copy: Option<std::path::PathBuf>,
    /// The list row last clicked, and when (for a double-click).
    pub(super) last_click: Option<(usize, DateTime<Local>)>,
    pub hits: Vec<Hit>,
    /// Where the query's word matched in each hit, for the next keystroke to extend.
    pub(super) trail: Option<Trail>,
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
    pub axis_all: AxisCounts,
    pub axis_kept: AxisCounts,
    /// The span the axis shows (zoomed in or not), its legend and a brush across it.
    pub axis: super::axis::AxisView,
    /// The search running on a worker thread, if any (its hits are not shown yet).
    pub(super) pending: Option<Pending>,
    /// Timelines with more events than this search on a worker thread
    /// ([`SEARCH_OFF_THREAD_FROM`](super::background::SEARCH_OFF_THREAD_FROM)).
    pub search_off_thread_from: usize,
}

impl App {
    /// The layer that gets keys now: the overlay's, or the top screen's.
    pub fn layer(&self) -> Layer {
        match &self.overlay {
            Some(o) => o.layer(),
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
    pub(super) fn main_mut(&mut self) -> &mut MainState {
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

    pub(super) fn set_status(&mut self, level: Level, text: impl Into<String>) {
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

    /// Rows of the list that fit on screen (as last drawn).
    pub(super) fn list_height(&self) -> usize {
        (self.layout.list.height as usize).max(1)
    }

    /// Items of an event's screen: its citations, media, related events, backlinks, and
    /// the analyst's notes.
    pub fn event_items(&self, ev: EventIx) -> Vec<Item> {
        let e = &self.tl.events[ev as usize];
        // A source cited twice is one item (its first citation), with both quotes.
        (0..e.citations.len())
            .filter(|&n| e.first_citation_of_its_source(n))
            .map(Item::Source)
            .chain((0..e.media.len()).map(Item::Media))
            .chain((0..e.related.len()).map(Item::Related))
            .chain((0..self.tl.index.backlinks[ev as usize].len()).map(Item::Backlink))
            .chain((0..self.work.notes(&e.id).len()).map(Item::Note))
            .collect()
    }

    /// Opens an event's screen on top of the stack.
    pub(super) fn open_event(&mut self, ev: EventIx) {
        self.stack.push(Screen::Event(EventState {
            event: ev,
            selected: 0,
            scroll: 0,
        }));
    }

    /// A move on an event's or a source's screen: the pick among `len` items, or the
    /// scroll by half the body. `false` when `a` is not a move.
    pub(super) fn move_on_screen(
        &self,
        a: Action,
        selected: &mut usize,
        scroll: &mut u16,
        len: usize,
    ) -> bool {
        let half = i32::from(self.layout.body.height.max(1)) / 2;
        let max = self.layout.body_lines;
        match a {
            Action::Down => *selected = step(*selected, 1, len),
            Action::Up => *selected = step(*selected, -1, len),
            Action::PageDown | Action::HalfPageDown => *scroll = scroll_by(*scroll, half, max),
            Action::PageUp | Action::HalfPageUp => *scroll = scroll_by(*scroll, -half, max),
            Action::Top => {
                *selected = 0;
                *scroll = 0;
            }
            Action::Bottom => *selected = len.saturating_sub(1),
            _ => return false,
        }
        true
    }

    /// Puts back the top screen's state (a screen's action works on a copy of it).
    pub(super) fn replace_top(&mut self, s: Screen) {
        if let Some(top) = self.stack.last_mut() {
            *top = s;
        }
    }
}

/// The widest date label in either style (so the column fits whichever is shown),
/// capped so a long `display_date` cannot take the whole row; a range within one year
/// (`17 Sep – 2 Oct 2024`) always fits, and so do times of one day
/// (`20 Jun 2024 14:30–16:00 EDT`, `20 Jun 2024 14:30:05.250 EDT`) in a timeline that
/// has them.
pub(super) fn date_column_width(tl: &Timeline, tz: Option<chrono_tz::Tz>) -> usize {
    let w = |s: String| crate::text::width(&crate::text::sanitize(&s));
    let timed = tl.events.iter().any(|e| e.date.clock().is_some());
    tl.events
        .iter()
        .map(|e| {
            w(e.date_label(crate::model::DateStyle::Text, tz))
                .max(w(e.date_label(crate::model::DateStyle::Iso, tz)))
        })
        .max()
        .unwrap_or(4)
        .clamp(4, if timed { 28 } else { 19 })
}

/// A cursor moved by `delta` within `len` items.
pub(super) fn step(cur: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (cur as isize + delta).clamp(0, len as isize - 1) as usize
}

/// A scroll position moved by `by` lines, within `0..=max`.
pub(super) fn scroll_by(cur: u16, by: i32, max: u16) -> u16 {
    (i32::from(cur) + by).clamp(0, i32::from(max)) as u16
}
