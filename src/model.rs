//! The timeline: types, dates, loading several files, validation with positions, indexes.
//!
//! Nothing here knows about colours, keys or widgets: the CLI and the TUI are two faces
//! of this one engine.

pub mod date;
pub mod diag;
pub mod load;
pub mod locate;
pub mod options;
pub mod parse;
pub mod raw;
pub mod read;
pub mod seed;
pub mod split;
pub mod types;
pub mod validate;
pub mod walk;
pub mod work;
pub mod yaml_error;

pub use date::{Clock, DAY_MS, Date, DateError, DateStyle, Offset, Precision, Qualifier, Span};
pub use diag::{At, Diagnostic, Kind, Severity};
pub use load::{
    LoadOptions, LoadStats, Loaded, Work, is_yaml, load_embedded, load_paths, load_texts,
};
pub use types::*;
