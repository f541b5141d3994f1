//! TimelineJS3, the newsroom timeline format: import into tlx's YAML, and export for
//! publishing a timeline as a web page.
//!
//! ```no_run
//! use tlx::brief::{Options, Selection};
//! use tlx::timelinejs;
//! # let json = "";
//! // TimelineJS JSON in, a timeline file out; problems are listed by slide.
//! let imported = timelinejs::import(json, "women_in_computing.json")?;
//! for p in &imported.problems {
//!     eprintln!("{}", p.render("women_in_computing.json"));
//! }
//! std::fs::write("women.yaml", &imported.yaml)?;
//!
//! // A loaded timeline out, as TimelineJS JSON.
//! # let tl = tlx::model::Timeline::default();
//! let json: String = timelinejs::export(&tl, &Selection::all(&tl), &Options::default());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! - [`import()`]: every slide becomes an event, every era an era; what cannot be converted
//!   is a [`Problem`] with the slide's number, never dropped silently. The YAML is checked
//!   by loading it before it is returned: it has no errors.
//! - [`export()`]: the events of a [`Selection`](crate::brief::Selection) as TimelineJS3
//!   JSON. Sources are written into the slide's text as a list with classes the import
//!   reads back, so that import → export → import gives the same timeline.
//!
//! `docs/timelinejs.md` documents every field and decision (years, media, groups, exit
//! codes).

mod export;
pub mod html;
mod import;
mod markers;
pub mod yaml;

pub use export::{embeds, export, tjs_year};
pub use import::{
    ImportError, Imported, Place, Problem, ProblemKind, host, id_from, import, import_value,
    import_with, resolve,
};
pub use markers::{ERA_ONGOING, SOURCES_CLASS, TAGS_CLASS, TAGS_PREFIX};

#[cfg(test)]
mod tests;
