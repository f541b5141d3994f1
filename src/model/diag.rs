//! Diagnostics: what is wrong, where, and what is expected, in the style of a compiler.
//!
//! `events.yaml:42:11: error: unknown source 'bis-2024-6-20' (did you mean 'bis-2024-06-20'?)`

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The timeline is loaded; `tlx validate` reports it (and fails on it with `--strict`).
    Warning,
    /// The timeline is not loaded.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One step of the way to a value in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// The value of a mapping key.
    Key(Box<str>),
    /// An item of a list.
    Index(u32),
    /// The key itself (not its value): the `nth` occurrence in its mapping.
    KeyName(Box<str>, u16),
}

/// The way from a file's root to a value: `events[3].sources[1].ref`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.into()));
        p
    }
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i as u32));
        p
    }
    pub fn key_name(&self, k: &str, nth: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::KeyName(k.into(), nth.min(u16::MAX as usize) as u16));
        p
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for s in &self.0 {
            match s {
                Seg::Key(k) | Seg::KeyName(k, _) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Seg::Index(i) => write!(f, "[{i}]")?,
            }
            first = false;
        }
        Ok(())
    }
}

/// Where a diagnostic points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum At {
    /// Nowhere in particular (for example "no title in any file").
    Nowhere,
    /// A whole file (it could not be read, or is empty).
    File { input: u16 },
    /// A value in a file, found by its path; turned into [`At::Span`] before reporting.
    Path { input: u16, path: Path },
    /// A line and column (1-based) and the length of what is wrong, in characters.
    Span {
        input: u16,
        line: u32,
        column: u32,
        length: u32,
    },
}

impl At {
    pub fn input(&self) -> Option<u16> {
        match self {
            At::Nowhere => None,
            At::File { input } | At::Path { input, .. } | At::Span { input, .. } => Some(*input),
        }
    }
}

/// Broad classes, for exit codes and for tests that assert which rule fired.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A file could not be read (exit code 2).
    Io,
    /// A file is over `--max-file-size` (exit code 2: nothing was read).
    TooLarge,
    Syntax,
    Budget,
    Encoding,
    WrongType,
    MissingField,
    UnknownField,
    RepeatedKey,
    BadDate,
    EndBeforeDate,
    DuplicateId,
    BadId,
    UnknownReference,
    BadUrl,
    BadValue,
    Version,
    NoSource,
    TagUsedOnce,
    SourceNeverCited,
    TagNeverUsed,
    FutureEvent,
}

/// One problem found while loading.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    pub at: At,
    pub message: String,
    /// Extra lines shown after the snippet, such as `help: expected one of: …`.
    pub notes: Vec<String>,
    /// Filled in when located: the file's name and the text of the line.
    pub file: Option<String>,
    pub line_text: Option<String>,
    /// A second place that belongs to the problem ("first defined at"), with its label.
    pub related: Option<(At, &'static str)>,
    /// The second place, once located: `file:line:col`.
    pub related_location: Option<String>,
}

impl Diagnostic {
    pub fn error(kind: Kind, at: At, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            kind,
            at,
            message: message.into(),
            notes: Vec::new(),
            file: None,
            line_text: None,
            related: None,
            related_location: None,
        }
    }
    pub fn warning(kind: Kind, at: At, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, at, message)
        }
    }
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
    /// Problems of reading rather than of content: the exit code is 2, not 1.
    pub fn is_io(&self) -> bool {
        matches!(self.kind, Kind::Io | Kind::TooLarge)
    }
    /// `file:line:col`, `file`, or nothing.
    pub fn location(&self) -> String {
        let file = self.file.as_deref().unwrap_or("");
        match &self.at {
            At::Span { line, column, .. } => format!("{file}:{line}:{column}"),
            At::File { .. } | At::Path { .. } => file.to_string(),
            At::Nowhere => String::new(),
        }
    }
    /// The message with the related place, if any: `duplicate event id 'x' (first defined at a.yaml:3:7)`.
    pub fn full_message(&self) -> String {
        match (&self.related, &self.related_location) {
            (Some((_, label)), Some(loc)) => format!("{} ({label} {loc})", self.message),
            _ => self.message.clone(),
        }
    }
    /// The one-line form: `file:line:col: error: message`.
    pub fn headline(&self) -> String {
        let loc = self.location();
        if loc.is_empty() {
            format!("{}: {}", self.severity, self.full_message())
        } else {
            format!("{loc}: {}: {}", self.severity, self.full_message())
        }
    }
    /// The full form: headline, the line of the file with a caret under the problem,
    /// and notes. `color` adds ANSI colours (for terminals).
    pub fn render(&self, color: bool) -> String {
        let paint = |code: &str, s: &str| {
            if color {
                format!("\x1b[{code}m{s}\x1b[0m")
            } else {
                s.to_string()
            }
        };
        let sev = match self.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let loc = self.location();
        // A message quotes values from the file, which may be megabytes long.
        let message = clip(&self.full_message(), MAX_MESSAGE_CELLS);
        let mut out = if loc.is_empty() {
            format!("{sev}: {message}")
        } else {
            format!(
                "{}: {sev}: {message}",
                paint("1", &crate::text::sanitize(&loc)),
            )
        };
        out.push('\n');
        if let (
            At::Span {
                line,
                column,
                length,
                ..
            },
            Some(text),
        ) = (&self.at, &self.line_text)
        {
            let num = line.to_string();
            let pad = " ".repeat(num.len());
            let (shown, indent, max_len) = snippet(text, *column);
            let carets = "^".repeat((*length as usize).clamp(1, max_len));
            out.push_str(&format!("{pad} {}\n", paint("1;34", "|")));
            out.push_str(&format!(
                "{} {} {shown}\n",
                paint("1;34", &num),
                paint("1;34", "|")
            ));
            out.push_str(&format!(
                "{pad} {} {}{}\n",
                paint("1;34", "|"),
                " ".repeat(indent),
                paint(if self.is_error() { "1;31" } else { "1;33" }, &carets)
            ));
        }
        for n in &self.notes {
            out.push_str(&format!("  = {}\n", clip(n, MAX_MESSAGE_CELLS)));
        }
        out
    }
}

/// The widest message or note [`Diagnostic::render`] prints, in display cells.
const MAX_MESSAGE_CELLS: usize = 480;
/// The widest line of a file [`Diagnostic::render`] shows under a message, in cells.
const MAX_SNIPPET_CELLS: usize = 120;
/// How many characters of a long line are kept before the column it points at.
const SNIPPET_CONTEXT: usize = 40;

/// Sanitized text, cut to `max` cells with `…` (only long text is cut).
fn clip(s: &str, max: usize) -> String {
    let shown = crate::text::sanitize(s);
    crate::text::truncate(&shown, max).into_owned()
}

/// The part of a line shown under a message: the whole line when it is short; around
/// the column (with `…` where it was cut) when it is long, so that a 10 MB line prints
/// as one screen line. Returns the shown text, the caret's indent in cells, and the
/// cells left from the caret to the end of the shown text (at least 1).
fn snippet(text: &str, column: u32) -> (String, usize, usize) {
    use crate::text::{sanitize, width};
    // Columns count characters; every character sanitizes to exactly one character.
    let col = column.saturating_sub(1) as usize;
    let short = text.len() <= MAX_SNIPPET_CELLS / 2
        || (text.len() <= 4 * MAX_SNIPPET_CELLS && width(&sanitize(text)) <= MAX_SNIPPET_CELLS);
    if short {
        let shown = sanitize(text).into_owned();
        let before: String = shown.chars().take(col).collect();
        let rest: String = shown.chars().skip(col).collect();
        let (indent, left) = (width(&before), width(&rest).max(1));
        return (shown, indent, left);
    }
    let start = col.saturating_sub(SNIPPET_CONTEXT);
    let start_byte = text
        .char_indices()
        .nth(start)
        .map_or(text.len(), |(b, _)| b);
    let lead = if start > 0 { "…" } else { "" };
    let room = MAX_SNIPPET_CELLS - width(lead);
    let mut body = String::new();
    let mut used = 0;
    let mut cut = false;
    for (n, c) in text[start_byte..].chars().enumerate() {
        let mut buf = [0u8; 4];
        let shown = sanitize(c.encode_utf8(&mut buf)).into_owned();
        let w = width(&shown);
        // Zero-width characters count too: the shown line stays short in bytes.
        if used + w > room || n >= 4 * MAX_SNIPPET_CELLS {
            cut = true;
            break;
        }
        body.push_str(&shown);
        used += w;
    }
    if cut {
        while used + 1 > room {
            body.pop();
            used = width(&body);
        }
        body.push('…');
    }
    let before: String = body.chars().take(col - start).collect();
    let rest: String = body.chars().skip(col - start).collect();
    (
        format!("{lead}{body}"),
        width(lead) + width(&before),
        width(&rest).max(1),
    )
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_shown_whole() {
        let (shown, indent, left) = snippet("    date: 2024-13", 11);
        assert_eq!((shown.as_str(), indent, left), ("    date: 2024-13", 10, 7));
        let (shown, indent, _) = snippet("t: \"東京\x1b\" x", 9);
        assert_eq!((shown.as_str(), indent), ("t: \"東京␛\" x", 10));
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let line = format!("{}date: 2024-13{}", "東".repeat(5_000), "z".repeat(5_000));
        let (shown, indent, left) = snippet(&line, 5_007);
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(crate::text::width(&shown) <= MAX_SNIPPET_CELLS, "{shown}");
        // The caret lands on the date: 1 cell of `…`, 40 chars of two cells, `date: `.
        assert_eq!(indent, 1 + 2 * 34 + 6, "{shown}");
        let at: String = shown.chars().skip(1 + 34 + 6).take(7).collect();
        assert_eq!(at, "2024-13");
        assert!(left > 7);
        // Past the end of the line (an error at the end of the file).
        let (shown, _, left) = snippet(&line, 20_000);
        assert!(crate::text::width(&shown) <= MAX_SNIPPET_CELLS);
        assert_eq!(left, 1);
    }

    #[test]
    fn rendered_messages_are_cut_for_terminals() {
        let mut d = Diagnostic::error(
            Kind::UnknownReference,
            At::Span {
                input: 0,
                line: 1,
                column: 9,
                length: 100_000,
            },
            format!("unknown event '{}'", "a".repeat(100_000)),
        );
        d.file = Some("f.yaml".into());
        d.line_text = Some(format!("related: [{}]", "a".repeat(100_000)));
        let out = d.render(false);
        assert!(out.len() < 2_000, "{}", out.len());
        assert!(out.starts_with("f.yaml:1:9: error: unknown event 'aaa"));
        assert_eq!(d.headline().len(), 100_035, "the data itself is kept");
    }
}
