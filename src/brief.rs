//! The brief: a self-contained document about a selection of events, for an analyst to
//! hand on. It is a pure function of (timeline, selection, options, time): this module
//! never reads the clock or the disk, so the same inputs give byte-identical output.
//! The command line (`tlx export`) and the full-screen explorer only choose the
//! selection and where the result goes (see [`crate::fsutil`] for writing files).
//!
//! ```no_run
//! use tlx::brief::{self, Basis, Options, Selection};
//! # let tl = tlx::model::Timeline::default();
//! # let now = chrono::Utc::now();
//! // Every event of the timeline, with the analyst's bottom line.
//! let selection = Selection::all(&tl);
//! let options = Options { bluf: Some("The ban holds.".into()), ..Options::default() };
//! let md: String = brief::markdown(&tl, &selection, &options, now);
//! let json: String = brief::json(&tl, &selection, &options, now);
//! let csv: String = brief::csv(&tl, &selection, None);
//! // The marked events of the explorer, with the generated bottom line.
//! let marked = Selection { events: vec![3, 1], basis: Basis::Marked };
//! let md = brief::markdown(&tl, &marked, &Options::default(), now);
//! ```
//!
//! - [`markdown`]: the Markdown brief (CommonMark with GFM tables and footnotes), in
//!   seven sections: title, provenance, bottom line up front, key events, timeline,
//!   caveats (only when there is something to say) and sources. `docs/brief.md`
//!   describes it.
//! - [`json`]: the selection with its sources resolved; the schema is in `docs/json.md`.
//! - [`csv`]: one row per event, RFC 4180 (CRLF line ends), for spreadsheets.
//!
//! A [`Selection`] may list events in any order and more than once: the brief shows each
//! once, in chronological order, and ignores indexes that are not in the timeline. Every
//! text from the timeline is escaped so that it renders as that text (see [`escape`]).

pub mod changes;
pub mod draft;
pub mod escape;
mod judgments;
mod labels;
pub mod lint;
mod md;
mod selection;
mod table;

use chrono::{DateTime, Utc};

use crate::model::Timeline;

pub use labels::{
    date_label, distinct_sources, span_sentence, time_label, time_rfc3339, tool, zone_sentence,
};
pub use selection::{Basis, Judgment, Level, Options, Selection};

/// The Markdown brief of `selection`, generated at `now`.
pub fn markdown(
    tl: &Timeline,
    selection: &Selection,
    options: &Options,
    now: DateTime<Utc>,
) -> String {
    md::render(tl, selection, options, now)
}

/// The selection as a JSON document (schema 1, documented in `docs/json.md`): the
/// provenance of the brief and every event with its sources resolved.
pub fn json(tl: &Timeline, selection: &Selection, options: &Options, now: DateTime<Utc>) -> String {
    table::json(tl, selection, options, now)
}

/// The selection as CSV (RFC 4180, CRLF line ends, a header row): one row per event,
/// dates as written (times of day on the clock of `tz` when given).
pub fn csv(tl: &Timeline, selection: &Selection, tz: Option<chrono_tz::Tz>) -> String {
    table::csv(tl, selection, tz)
}

#[cfg(test)]
mod tests;
