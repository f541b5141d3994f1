//! The query language shared by the TUI's search line and every CLI `-q/--query`.
//!
//! [`parse`] turns the text into terms (errors point at the bad term's column);
//! [`Compiled::new`] checks facet values against a timeline; [`Compiled::run`] matches
//! every event against the searchable text kept in a [`SearchIndex`], which keeps each
//! event's text folded (one byte a character) and converts it for nucleo only when a
//! query needs more ([`search::EventText`]).

pub mod edit;
pub mod facets;
pub mod fast;
pub mod parse;
pub mod search;

pub use parse::{FacetName, Query, QueryError, Term, TermKind, TextKind, parse};
pub use search::{
    Compiled, Context, FieldKind, Highlights, Hit, SearchIndex, Sort, Trail, split_by_positions,
};

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
    let c = Compiled::new(&q, tl)?;
    Ok(c.run(tl, index, ctx, sort))
}
