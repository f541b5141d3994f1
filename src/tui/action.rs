//! What the user means (`Action`) and what the program must do about it (`Effect`).
//!
//! Keys become actions in the keymap; `App::update` turns actions into state changes and
//! effects; the runner performs effects (the only place with I/O) and reports back with
//! more actions.

use std::path::PathBuf;

macro_rules! actions {
    ($($variant:ident = $name:literal : $help:literal),* $(,)?) => {
        /// An intent, named as in the keymap file.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant),*];
            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name),* }
            }
            pub fn from_name(s: &str) -> Option<Action> {
                match s { $($name => Some(Action::$variant),)* _ => None }
            }
            /// One line for the help screen.
            pub fn help(self) -> &'static str {
                match self { $(Action::$variant => $help),* }
            }
        }
    };
}

actions! {
    Quit = "quit": "quit tlx",
    Help = "help": "show the keys of this screen and the query language",
    Close = "close": "close this window",
    Down = "down": "move down",
    Up = "up": "move up",
    Top = "top": "go to the first item",
    Bottom = "bottom": "go to the last item",
    PageDown = "page-down": "move down a page",
    PageUp = "page-up": "move up a page",
    HalfPageDown = "half-page-down": "move down half a page",
    HalfPageUp = "half-page-up": "move up half a page",
    SwitchPane = "switch-pane": "switch focus between the list and the detail pane",
    Open = "open": "open the selected event, source or related event",
    Back = "back": "go back to the previous screen",
    Search = "search": "search: type a query; the list narrows as you type",
    Filters = "filters": "filter by tag, actor, publisher, era and dates",
    ClearFilters = "clear-filters": "clear every filter (facet) from the query",
    ClearQuery = "clear-query": "clear the query",
    RestoreQuery = "restore-query": "bring back the query that was cleared",
    ToggleContext = "toggle-context": "show two events either side of each hit, dimmed",
    NextHit = "next-hit": "jump to the next hit",
    PreviousHit = "previous-hit": "jump to the previous hit",
    Mark = "mark": "mark or unmark the event",
    MarkedOnly = "marked-only": "show the marked events, whatever the query; again: back",
    Brief = "brief": "compose a Markdown brief of the marked events (or of the list)",
    ToggleSort = "toggle-sort": "order by date or by best match",
    OpenLink = "open-link": "open the source's URL in the browser",
    Copy = "copy": "copy the URL (or the event id) to the clipboard",
    Accept = "accept": "accept",
    Cancel = "cancel": "cancel",
    HistoryPrevious = "history-previous": "previous query of this session",
    HistoryNext = "history-next": "next query of this session",
    CursorLeft = "cursor-left": "move the cursor left",
    CursorRight = "cursor-right": "move the cursor right",
    CursorStart = "cursor-start": "move the cursor to the start",
    CursorEnd = "cursor-end": "move the cursor to the end",
    DeleteBack = "delete-back": "delete the character before the cursor",
    DeleteForward = "delete-forward": "delete the character under the cursor",
    DeleteWord = "delete-word": "delete the word before the cursor",
    ClearLine = "clear-line": "clear the line",
    NextSection = "next-section": "next list",
    PreviousSection = "previous-section": "previous list",
    Toggle = "toggle": "check or uncheck",
    Apply = "apply": "apply the filters",
    Problems = "problems": "show what is wrong with the files (after an edit broke them) and the config",
    About = "about": "about this timeline: its summary, counts, files and your workspace",
    Note = "note": "write a note on the event, in $VISUAL or $EDITOR (on a note: edit it)",
    EditEvent = "edit-event": "edit the event in its file, in $VISUAL or $EDITOR; the explorer reloads it (the embedded timeline: a copy first)",
    Labels = "labels": "add or remove the event's labels (Tab completes)",
    SaveView = "save-view": "save the query under a name, as a view",
    Views = "views": "list the saved views: apply one, or delete it",
    Complete = "complete": "complete the word: a facet's name or value, or a label in use (again: the next candidate)",
    CompletePrevious = "complete-previous": "the previous candidate of the completion window",
    Delete = "delete": "delete the selected view",
    Edit = "edit": "edit the draft's title, bottom line and key judgments in $VISUAL or $EDITOR",
    ToggleNotes = "toggle-notes": "put your notes into the brief, or leave them out",
    Write = "write": "write the brief to a file",
    Changes = "changes": "what changed since the last brief (or a git revision): a list to open events from; the list marks them",
    ChangesOff = "changes-off": "stop marking the changed events",
    Revision = "revision": "count the changes from a git revision of the timeline's files instead",
    ZoomIn = "zoom-in": "zoom the time axis in, on the selected event (the wheel over the axis: on the pointer)",
    ZoomOut = "zoom-out": "zoom the time axis out, back to the whole timeline",
    SetFrom = "set-from": "from: the selected event's date, in the query (a drag along the axis sets from: and to:)",
    SetTo = "set-to": "to: the selected event's date, in the query",
    AxisLegend = "axis-legend": "show or hide the legend line under the time axis",
    WiderList = "wider-list": "give the list more of the width beside the detail pane, the detail pane less",
    NarrowerList = "narrower-list": "give the list less of the width beside the detail pane, the detail pane more",
    Yes = "yes": "yes: replace the file",
    No = "no": "no: keep the file",
}

/// Everything that can happen to the app: a bound action, typed text, the mouse, the
/// terminal, the clock, or the outcome of an effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Msg {
    Action(Action),
    /// A character typed into a text field.
    Input(char),
    /// Text pasted into a text field.
    Paste(String),
    /// The mouse wheel, at a screen position (column, row); positive is down.
    Scroll {
        col: u16,
        row: u16,
        lines: i32,
    },
    /// A click at a screen position.
    Click {
        col: u16,
        row: u16,
    },
    /// The mouse moved with its button down (after a click).
    Drag {
        col: u16,
        row: u16,
    },
    /// The mouse button let go.
    Release {
        col: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// Time passes: status messages expire.
    Tick,
    /// A side effect finished; the text says how, for the status line.
    Done {
        ok: bool,
        text: String,
    },
    /// The brief was written (the text says where): the workspace records what it was
    /// built from, for the next brief's "changes since".
    BriefWritten {
        text: String,
    },
    /// The timeline's files at git revision `rev`, loaded (with the files it does not
    /// have), or why they could not be.
    RevisionRead {
        rev: String,
        read: Result<(std::sync::Arc<crate::model::Timeline>, Vec<String>), String>,
    },
    /// The editor closed on `what`: the text the analyst left.
    Edited {
        what: Editing,
        text: String,
    },
    /// The system opener could not open a URL: the status line shows the URL (so it can
    /// be copied by hand), then why.
    OpenFailed {
        url: String,
        reason: String,
    },
}

/// What the analyst writes in their editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Editing {
    /// A note on event `id`: a new one, or `note` edited (emptied, it is deleted).
    Note {
        id: String,
        note: Option<crate::workspace::Note>,
    },
    /// The brief draft of this name.
    Draft(String),
}

/// Something the runner must do outside the app's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Open an http(s) URL with the system opener.
    OpenUrl(String),
    /// Put text on the clipboard (OSC 52); `what` names it for the status line.
    Copy {
        text: String,
        what: String,
    },
    /// Let the analyst edit `what` in their editor, starting from `text`.
    Edit {
        what: Editing,
        text: String,
    },
    /// Open the editor on the timeline file at `path`, at event `id`.
    EditEvent {
        path: PathBuf,
        id: String,
    },
    /// Write the embedded timeline to `path` (a new file), work on it from now on, and
    /// edit event `id` there.
    CopyTimeline {
        path: PathBuf,
        id: String,
    },
    /// Read the timeline's files at a git revision, to count the changes since.
    ReadRevision(String),
    /// Write a brief; `force` replaces an existing file (the user said yes).
    WriteBrief {
        path: PathBuf,
        content: String,
        events: usize,
        force: bool,
    },
}
