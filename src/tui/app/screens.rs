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
    /// How far the list/detail split has moved from its default, in steps (`>` is one
    /// step wider for the list, `<` one narrower); see [`list_share`](MainState::list_share).
    pub split: i8,
}

/// The list's share of the width beside the detail pane by default, in percent; each step
/// of the split moves it by [`SPLIT_STEP`], at most [`SPLIT_STEPS`] steps either way (from
/// 30% to 80%).
pub const LIST_SHARE: i16 = 55;
pub const SPLIT_STEP: i16 = 5;
pub const SPLIT_STEPS: i8 = 5;

impl MainState {
    /// The list's share of the width beside the detail pane, in percent.
    pub fn list_share(&self) -> u16 {
        let steps = self.split.clamp(-SPLIT_STEPS, SPLIT_STEPS);
        (LIST_SHARE + i16::from(steps) * SPLIT_STEP) as u16
    }
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
