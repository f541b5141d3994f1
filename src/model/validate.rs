//! From parsed files to one [`Timeline`]: every rule of the format, every problem collected.
//!
//! Files are taken in load order. Definitions (eras, actors, sources, events) from all
//! files share one namespace per kind ([`registry`]); each event is checked on its own
//! as it is parsed ([`convert`]), and references are resolved once everything is read
//! ([`resolve`]), so a reference may point into another file. Diagnostics carry a path
//! ([`place`]); the loader turns paths into lines and columns afterwards.

mod assemble;
mod builder;
mod convert;
mod definitions;
mod file;
mod media;
mod pending;
mod place;
mod registry;
mod resolve;
mod rules;
mod unparsed;
mod zones;

pub use assemble::assemble;
pub use convert::convert;
pub use media::{is_media_url, is_relative_url, url_chars_only};
pub use pending::{Converted, ParsedFile};
pub use resolve::Built;
pub use rules::{FORMAT_VERSION, is_http_url, is_valid_id, slug};
pub use unparsed::Unparsed;

use crate::model::diag::{At, Diagnostic, Kind};
use crate::model::raw::Lenient;
use crate::model::types::Input;

/// Builds the timeline from the files that parsed. `unparsed` is what is known of the
/// inputs that could not be read or parsed: a reference that may point into one of them
/// is not reported.
pub fn build(inputs: &[Input], files: Vec<(u16, ParsedFile)>, unparsed: &Unparsed) -> Built {
    let mut b = builder::Builder::new(inputs);
    let any_timeline = files.iter().any(|(_, f)| matches!(f.file, Lenient::Ok(_)));
    for (input, file) in files {
        b.file(input, file);
    }
    if b.title.is_none() && any_timeline && unparsed.is_whole() {
        b.diags.push(
            Diagnostic::error(
                Kind::MissingField,
                At::File { input: 0 },
                "missing required field 'title': no file gives the timeline a title",
            )
            .note("help: add a line such as `title: My timeline` at the top of the first file"),
        );
    }
    b.finish(unparsed)
}
