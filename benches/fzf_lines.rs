//! Not a benchmark: a helper of `scripts/fzf-compare.sh`. With `TLX_FZF_LINES=PATH` it
//! writes the generated timeline's searchable text to PATH, one event a line: exactly the
//! fields that tlx's search index holds (title, summary, tags, actor names and aliases,
//! publishers, source titles, quotes, the date as written and as shown, the display
//! date), joined by ` | `. Without it (a plain `cargo bench`) it does nothing.
//!
//! ```text
//! TLX_FZF_LINES=/tmp/gen100k.lines [TLX_FZF_EVENTS=100000] cargo bench --bench fzf_lines
//! ```

mod common;

use std::io::{BufWriter, Write};

use tlx::model::EventIx;
use tlx::query::fields::field_text_refs;

fn main() -> std::io::Result<()> {
    let Some(path) = std::env::var_os("TLX_FZF_LINES") else {
        eprintln!(
            "fzf_lines: set TLX_FZF_LINES=PATH to write the lines (see scripts/fzf-compare.sh)"
        );
        return Ok(());
    };
    let events = std::env::var("TLX_FZF_EVENTS")
        .ok()
        .map(|s| s.parse::<usize>().expect("TLX_FZF_EVENTS is a number"))
        .unwrap_or(common::BIG);
    let tl = common::load(events);
    let mut out = BufWriter::new(std::fs::File::create(&path)?);
    let mut line = String::new();
    for ev in 0..tl.events.len() as EventIx {
        line.clear();
        for (i, (_, _, text)) in field_text_refs(&tl, ev).iter().enumerate() {
            if i > 0 {
                line.push_str(" | ");
            }
            // One event a line: line breaks and tabs inside a field become spaces.
            line.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
        }
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    eprintln!(
        "fzf_lines: {} events written to {}",
        tl.events.len(),
        std::path::Path::new(&path).display()
    );
    Ok(())
}
