//! The screens of the drill-down stack (the main list, an event, a source) and what each
//! keeps while it is open: the selection, the scroll, the pane with the keys.

use crate::model::{EventIx, SourceIx};

/// One row of the main list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A separator before the first event of a year.
    Year(i32),
    /// A separator where the list enters an era (the first era an event overlaps).
    Era(crate::model::EraIx),
    /// An event: a hit (selectable), or context around hits (dimmed, not selectable).
    Event { ev: EventIx, hit: bool },
}

impl Row {
    pub fn event(self) -> Option<EventIx> {
        match self {
            Row::Event { ev, .. } => Some(ev),
            Row::Year(_) | Row::Era(_) => None,
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
    /// The n-th media item.
    Media(usize),
    /// The n-th related link.
    Related(usize),
    /// The n-th backlink.
    Backlink(usize),
    /// The n-th of the analyst's notes.
    Note(usize),
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
