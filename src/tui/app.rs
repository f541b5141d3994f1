//! All the state of the explorer, and `update`: messages in, state changes and effects out.
//! Nothing here draws, reads the clock, or touches a file or the terminal.
//!
//! [`state`] holds the [`App`] ([`screens`] and [`overlays`] what each screen and window
//! keeps, [`months`] the time axis's counts); each screen (`list`, `event`, `source`) and
//! each window above them (`search`, `filters`, `help`, `brief`) handles its own actions
//! in a file of its own, as do the list's query (`results`), marks, links and reloads;
//! [`App::update`] hands each message to the one that has the keys.

pub mod axis;
pub mod axis_counts;
mod background;
mod brief;
pub mod changes;
pub mod complete;
pub mod composer;
mod edit;
mod event;
mod filters;
mod help;
mod links;
mod list;
mod marks;
mod notes;
pub mod overlays;
mod reload;
mod results;
pub mod screens;
mod search;
mod source;
pub mod state;
mod views;
mod work;

use std::sync::Arc;

use chrono::{DateTime, Local};

pub use overlays::{
    ChangesState, Choice, CompletionMenu, ComposerState, FilterSection, FilterState, HelpState,
    Overlay, ProblemsState, PromptKind, PromptState, SearchState, ViewsState,
};
pub use screens::{EventState, Item, MainState, Pane, Row, Screen, SourceState};
pub use state::{App, CONTEXT_EVENTS, LayoutInfo, Level, Settings, Status};

use super::action::{Action, Editing, Effect, Msg};
use crate::model::{EventIx, Timeline};
use crate::query::{Query, SearchIndex, Sort};
use axis_counts::AxisCounts;
use state::{STATUS_SECONDS, date_column_width, scroll_by};

impl App {
    /// The app over a timeline, its search index built at once.
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
        let date_width = date_column_width(&tl, settings.tz);
        let axis_all = AxisCounts::new(
            &tl,
            0..tl.events.len() as EventIx,
            settings.tz.or(tl.timezone),
            None,
        );
        let mut app = App {
            tl,
            index,
            parsed: Query::default(),
            settings,
            query_text: String::new(),
            cleared_query: None,
            before_marked: None,
            compiled: None,
            sort: Sort::Date,
            context: false,
            work: Default::default(),
            ann: Default::default(),
            work_edits: 0,
            work_read_only: None,
            draft_name: composer::DEFAULT_DRAFT.to_string(),
            changes: None,
            copy: None,
            last_click: None,
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
            axis: Default::default(),
            pending: None,
            search_off_thread_from: background::SEARCH_OFF_THREAD_FROM,
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

    /// Handles one message; returns what the runner must do. A selection that moved out
    /// of the axis' zoom window takes the window with it.
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        let effects = self.handle(msg);
        self.axis_follow();
        effects
    }

    fn handle(&mut self, msg: Msg) -> Vec<Effect> {
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
            Msg::BriefWritten { text } => {
                self.brief_written();
                self.set_status(Level::Info, text);
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
                self.main_click(col, row);
                Vec::new()
            }
            Msg::Drag { col, .. } => {
                self.axis_drag(col);
                Vec::new()
            }
            Msg::Release { col, .. } => {
                self.axis_release(col);
                Vec::new()
            }
            Msg::RevisionRead { rev, read } => {
                self.revision_read(rev, read);
                Vec::new()
            }
            Msg::Edited { what, text } => {
                match what {
                    Editing::Note { id, note } => self.note_edited(&id, note.as_ref(), &text),
                    Editing::Draft(name) => self.draft_edited(&name, &text),
                }
                Vec::new()
            }
            Msg::Action(a) => self.action(a),
        }
    }

    /// Typed or pasted text, for the window that takes it.
    fn input(&mut self, s: &str) -> Vec<Effect> {
        match self.overlay.take() {
            Some(Overlay::Search(st)) => self.search_input(st, s),
            Some(Overlay::Filters(f)) => self.filters_input(*f, s),
            Some(Overlay::Prompt(p)) if p.kind.is_brief() => self.prompt_input(p, s),
            Some(Overlay::Prompt(mut p)) => {
                p.input.insert(s);
                self.overlay = Some(Overlay::Prompt(p));
            }
            other => self.overlay = other,
        }
        Vec::new()
    }

    /// The mouse wheel, for the top screen (windows above it do not scroll by wheel).
    fn scroll(&mut self, col: u16, row: u16, lines: i32) {
        if self.overlay.is_some() {
            return;
        }
        let max = self.layout.body_lines;
        if self.axis_scroll(col, row, lines) {
            return;
        }
        match self.stack.last_mut() {
            Some(Screen::Main(_)) => self.main_scroll(col, row, lines),
            Some(Screen::Event(st)) => st.scroll = scroll_by(st.scroll, lines, max),
            Some(Screen::Source(st)) => st.scroll = scroll_by(st.scroll, lines, max),
            None => {}
        }
    }

    /// An action, for the window or the screen that has the keys; quitting and help work
    /// everywhere.
    fn action(&mut self, a: Action) -> Vec<Effect> {
        if a == Action::Quit {
            self.quit = true;
            return vec![Effect::Quit];
        }
        if a == Action::Help && !matches!(self.overlay, Some(Overlay::Help(_))) {
            self.open_help();
            return Vec::new();
        }
        match self.overlay.take() {
            Some(Overlay::Search(st)) => self.search_action(st, a),
            Some(Overlay::Filters(f)) => self.filters_action(*f, a),
            Some(Overlay::Help(h)) => {
                self.help_action(h, a);
                Vec::new()
            }
            Some(Overlay::Prompt(p)) if p.kind.is_brief() => self.prompt_action(p, a),
            Some(Overlay::Prompt(p)) if p.kind == PromptKind::Revision => {
                self.revision_prompt_action(p, a)
            }
            Some(Overlay::Prompt(p)) if matches!(p.kind, PromptKind::CopyTimeline { .. }) => {
                self.copy_prompt_action(p, a)
            }
            Some(Overlay::Prompt(p)) => {
                self.work_prompt_action(p, a);
                Vec::new()
            }
            Some(Overlay::Composer(c)) => self.composer_action(c, a),
            Some(Overlay::Changes(c)) => self.changes_action(c, a),
            Some(Overlay::Views(v)) => {
                self.views_action(v, a);
                Vec::new()
            }
            Some(Overlay::Problems(p)) => {
                self.problems_action(p, a);
                Vec::new()
            }
            Some(Overlay::About(scroll)) => {
                self.about_action(scroll, a);
                Vec::new()
            }
            None => match self.stack.last() {
                Some(Screen::Event(_)) => self.event_action(a),
                Some(Screen::Source(_)) => self.source_action(a),
                _ => self.main_action(a),
            },
        }
    }
}
