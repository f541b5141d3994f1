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
        let mut out = if loc.is_empty() {
            format!("{sev}: {}", crate::text::sanitize(&self.full_message()))
        } else {
            format!(
                "{}: {sev}: {}",
                paint("1", &crate::text::sanitize(&loc)),
                crate::text::sanitize(&self.full_message())
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
            let shown = crate::text::sanitize(text);
            // The caret sits under the column, measured in display cells of the shown text.
            let before: String = shown
                .chars()
                .take(column.saturating_sub(1) as usize)
                .collect();
            let indent = crate::text::width(&before);
            let rest: String = shown
                .chars()
                .skip(column.saturating_sub(1) as usize)
                .collect();
            let max_len = crate::text::width(&rest).max(1);
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
            out.push_str(&format!("  = {}\n", crate::text::sanitize(n)));
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())
    }
}
