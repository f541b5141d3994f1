//! The query language shared by the TUI's search line and every CLI `-q/--query`.
//!
//! A query goes through a few steps, one file each:
//!
//! - [`parse`] turns the text into terms; an error points at the bad term's column
//!   (`parse.rs`).
//! - [`Compiled::new`] checks facet values against a timeline and prepares the text
//!   atoms (`compile.rs`).
//! - [`Compiled::run`] matches every event (`run.rs`) against the [`SearchIndex`]
//!   (`index.rs`), which keeps each event's text folded, one byte a character
//!   (`fold.rs`); the fuzzy rule and the cheap tests before it run there (`fuzzy.rs`),
//!   and the text nucleo reads (`fields.rs`) is built only when a query needs more.
//! - [`Compiled::run_typed`] runs a keystroke's query within the previous one's hits,
//!   extending its partial matches (`typing.rs`).
//! - [`Compiled::highlights`] finds the characters to highlight (`highlight.rs`).

mod compile;
pub mod edit;
pub mod facets;
pub mod fields;
pub mod fold;
pub mod fuzzy;
mod highlight;
pub mod index;
pub mod parse;
mod run;
mod typing;

pub use compile::Compiled;
pub use fields::FieldKind;
pub use highlight::{Highlights, split_by_positions};
pub use index::SearchIndex;
pub use parse::{FacetName, Query, QueryError, Term, TermKind, TextKind, parse};
pub use run::{Context, Hit, Sort};
pub use typing::Trail;

use crate::model::Timeline;

/// Parses, checks and runs a query in one call.
pub fn select(
    tl: &Timeline,
    index: &SearchIndex,
    query: &str,
    ctx: &Context,
    sort: Sort,
) -> Result<Vec<Hit>, QueryError> {
    let q = parse(query)?;
    let c = match ctx.work {
        Some(work) => Compiled::with_work(&q, tl, work)?,
        None => Compiled::new(&q, tl)?,
    };
    Ok(c.run(tl, index, ctx, sort))
}
