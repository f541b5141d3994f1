//! An event checked on its own, its references still by name: what is kept of each
//! event until every file is read and references can be resolved.

use super::place::{RefAt, Where};
use crate::model::date::Date;
use crate::model::diag::Diagnostic;
use crate::model::types::{Citation, Confidence, RelKind, Source};

/// What an item of `events` became once checked on its own: the event (when it has
/// anything to register) and what the checks found.
#[derive(Debug)]
pub struct Converted {
    pub diags: Vec<Diagnostic>,
    pub event: Option<Box<Pending>>,
}

/// An event through the checks that need nothing but itself.
#[derive(Debug)]
pub struct Pending {
    /// Its input and item in the file's `events` list.
    pub input: u16,
    pub item: u32,
    /// The id, when present and valid.
    pub id: Option<String>,
    pub date: Option<Date>,
    pub end: Option<Date>,
    pub display_date: Option<String>,
    /// Its own `timezone`, which wins over the timeline's.
    pub timezone: Option<chrono_tz::Tz>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub confidence: Option<Confidence>,
    /// Tags, once each, in the order written.
    pub tags: Vec<(String, RefAt)>,
    /// Actor ids with their roles.
    pub actors: Vec<(String, Option<String>, RefAt)>,
    /// Citations, with what each cites.
    pub citations: Vec<(Cites, Citation, RefAt)>,
    /// Related event ids with the kind of link.
    pub related: Vec<(String, RelKind, RefAt)>,
    pub media: Vec<crate::model::types::Media>,
}

impl Pending {
    pub fn at(&self) -> Where {
        Where::event(self.input, self.item as usize)
    }
}

/// What a citation cites.
#[derive(Debug)]
pub enum Cites {
    /// A source of the registry, by id.
    Registry(String),
    /// A source written in the event, checked; registered with the event.
    Inline(Box<Source>),
    /// The inline source, once registered at this index.
    Registered(u32),
}

/// A file as the parser leaves it for building: everything but its events as raw
/// structs, and its events already checked, in file order.
#[derive(Debug)]
pub struct ParsedFile {
    pub file: crate::model::raw::Lenient<crate::model::raw::RawFile>,
    pub events: Vec<Converted>,
}
