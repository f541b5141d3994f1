//! Writing a timeline file (format version 1) from converted data.
//!
//! The output is block style, two-space indented, one blank line between events, and reads
//! back as exactly the data written:
//!
//! - ids and tags are written plain when they are lower-case words that YAML reads as
//!   strings (`ada-lovelace`), and double-quoted otherwise (`"1815"`, `"null"`, `"yes"`);
//! - dates and every other text are double-quoted, with YAML's escapes for `"`, `\`,
//!   control characters, the Unicode line and paragraph separators, the byte-order mark and
//!   bidirectional controls; any other character is written as itself;
//! - a summary or quote of several lines is a literal block (`|-`) when that is exact
//!   (no tabs, no line starting or ending with white space, no character that needs an
//!   escape); one long line is a folded block (`>-`) wrapped at single spaces; anything
//!   else is a double-quoted scalar (with `\n` for line breaks).

use std::fmt::Write as _;

/// A timeline file to write.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// Lines of the header comment (each becomes `# line`).
    pub header: Vec<String>,
    pub title: String,
    pub summary: Option<String>,
    pub eras: Vec<DocEra>,
    pub actors: Vec<DocActor>,
    /// The titles of tags (a TimelineJS group's label, when it is not the tag itself).
    pub tag_titles: Vec<(String, String)>,
    pub events: Vec<DocEvent>,
}

/// An entry of the actors registry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocActor {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocEra {
    pub id: String,
    pub title: String,
    /// A date as the format writes it.
    pub start: String,
    pub end: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocEvent {
    pub id: String,
    pub date: String,
    pub end: Option<String>,
    pub display_date: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    /// Ids of the registry's actors.
    pub actors: Vec<String>,
    pub sources: Vec<DocSource>,
    pub media: Vec<DocMedia>,
}

/// A media item of an event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMedia {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub thumbnail: Option<String>,
    pub alt: Option<String>,
}

/// An inline source with the details of its citation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocSource {
    pub publisher: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub author: Option<String>,
    pub archive_url: Option<String>,
    pub quote: Option<String>,
    pub locator: Option<String>,
}

/// Words YAML 1.1 or 1.2 may read as something other than a string.
fn is_special_word(s: &str) -> bool {
    matches!(
        s,
        "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | "nan"
            | "inf"
            | "infinity"
    )
}

/// Can `s` be written as a plain scalar that reads back as this string? Only lower-case
/// words starting with a letter, with `-` inside: the id and tag alphabet.
pub fn is_plain_safe(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_lowercase()
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
        && !is_special_word(s)
}

/// An id or tag: plain when safe, double-quoted otherwise.
pub fn word(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// Characters written as escapes in a double-quoted scalar (besides `"` and `\`).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
                | '\u{fffe}'
                | '\u{ffff}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `s` as a double-quoted scalar on one line.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\u{1b}' => out.push_str("\\e"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if needs_escape(c) => {
                let n = c as u32;
                if n <= 0xff {
                    let _ = write!(out, "\\x{n:02X}");
                } else {
                    let _ = write!(out, "\\u{n:04X}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Can `s` be a literal block scalar (`|-`) that reads back exactly?
fn literal_ok(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with('\n')
        && !s.ends_with('\n')
        && !s
            .chars()
            .any(|c| c != '\n' && (c == '\t' || needs_escape(c)))
        && s.split('\n').all(|l| l.trim() == l)
}

/// The width folded text is wrapped to, indentation included.
const WIDTH: usize = 92;

/// Can `s` be a folded block scalar (`>-`) wrapped at its spaces? One line of words
/// separated by single spaces, without anything that needs an escape.
fn folded_ok(s: &str, indent: usize) -> bool {
    s.chars().count() + indent + 10 > WIDTH
        && !s.contains(['\n', '\t'])
        && !s.contains("  ")
        && s.trim() == s
        && !s.chars().any(needs_escape)
}

/// The value of a `key:` for text at `indent` spaces: a literal block (` |-`) for several
/// lines, a folded block (` >-`) for one long line, or ` "…"`. Starts with the space after
/// the colon, ends without a line break.
pub fn text_value(s: &str, indent: usize) -> String {
    let pad = " ".repeat(indent + 2);
    if folded_ok(s, indent) {
        let mut out = String::from(" >-");
        let mut line = String::new();
        for word in s.split(' ') {
            if !line.is_empty()
                && pad.len() + line.chars().count() + 1 + word.chars().count() > WIDTH
            {
                out.push('\n');
                out.push_str(&pad);
                out.push_str(&line);
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push('\n');
        out.push_str(&pad);
        out.push_str(&line);
        return out;
    }
    if literal_ok(s) {
        let mut out = String::from(" |-");
        for line in s.split('\n') {
            out.push('\n');
            if !line.is_empty() {
                out.push_str(&pad);
                out.push_str(line);
            }
        }
        out
    } else {
        format!(" {}", quoted(s))
    }
}

/// A comment line: line breaks and control characters cannot end the comment early.
fn comment(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| if needs_escape(c) { '\u{fffd}' } else { c })
        .collect();
    if flat.is_empty() {
        "#".to_string()
    } else {
        format!("# {flat}")
    }
}

impl Doc {
    /// The file's text.
    pub fn to_yaml(&self) -> String {
        let mut o = String::new();
        for h in &self.header {
            o.push_str(&comment(h));
            o.push('\n');
        }
        if !self.header.is_empty() {
            o.push('\n');
        }
        o.push_str("version: 1\n");
        let _ = writeln!(o, "title: {}", quoted(&self.title));
        if let Some(s) = &self.summary {
            let _ = writeln!(o, "summary:{}", text_value(s, 0));
        }
        if !self.eras.is_empty() {
            o.push_str("\neras:\n");
            for era in &self.eras {
                let _ = writeln!(o, "  - id: {}", word(&era.id));
                let _ = writeln!(o, "    title: {}", quoted(&era.title));
                let _ = writeln!(o, "    start: {}", quoted(&era.start));
                if let Some(e) = &era.end {
                    let _ = writeln!(o, "    end: {}", quoted(e));
                }
            }
        }
        if !self.actors.is_empty() {
            o.push_str("\nactors:\n");
            for a in &self.actors {
                let _ = writeln!(o, "  {}:", word(&a.id));
                let _ = writeln!(o, "    name: {}", quoted(&a.name));
            }
        }
        if !self.tag_titles.is_empty() {
            o.push_str("\ntags:\n");
            for (tag, title) in &self.tag_titles {
                let _ = writeln!(o, "  {}: {}", word(tag), quoted(title));
            }
        }
        if self.events.is_empty() {
            o.push_str("\nevents: []\n");
            return o;
        }
        o.push_str("\nevents:\n");
        for (i, ev) in self.events.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            let _ = writeln!(o, "  - id: {}", word(&ev.id));
            let _ = writeln!(o, "    date: {}", quoted(&ev.date));
            if let Some(e) = &ev.end {
                let _ = writeln!(o, "    end: {}", quoted(e));
            }
            if let Some(d) = &ev.display_date {
                let _ = writeln!(o, "    display_date: {}", quoted(d));
            }
            let _ = writeln!(o, "    title: {}", quoted(&ev.title));
            if let Some(s) = &ev.summary {
                let _ = writeln!(o, "    summary:{}", text_value(s, 4));
            }
            if !ev.tags.is_empty() {
                let tags: Vec<String> = ev.tags.iter().map(|t| word(t)).collect();
                let _ = writeln!(o, "    tags: [{}]", tags.join(", "));
            }
            if !ev.actors.is_empty() {
                let actors: Vec<String> = ev.actors.iter().map(|a| word(a)).collect();
                let _ = writeln!(o, "    actors: [{}]", actors.join(", "));
            }
            if !ev.sources.is_empty() {
                o.push_str("    sources:\n");
                for s in &ev.sources {
                    let _ = writeln!(o, "      - publisher: {}", quoted(&s.publisher));
                    let fields = [
                        ("title", &s.title),
                        ("url", &s.url),
                        ("published", &s.published),
                        ("author", &s.author),
                        ("archive_url", &s.archive_url),
                    ];
                    for (k, v) in fields {
                        if let Some(v) = v {
                            let _ = writeln!(o, "        {k}: {}", quoted(v));
                        }
                    }
                    if let Some(q) = &s.quote {
                        let _ = writeln!(o, "        quote:{}", text_value(q, 8));
                    }
                    if let Some(l) = &s.locator {
                        let _ = writeln!(o, "        locator: {}", quoted(l));
                    }
                }
            }
            if !ev.media.is_empty() {
                o.push_str("    media:\n");
                for m in &ev.media {
                    let _ = writeln!(o, "      - url: {}", quoted(&m.url));
                    let fields = [
                        ("caption", &m.caption),
                        ("credit", &m.credit),
                        ("thumbnail", &m.thumbnail),
                        ("alt", &m.alt),
                    ];
                    for (k, v) in fields {
                        if let Some(v) = v {
                            let _ = writeln!(o, "        {k}: {}", quoted(v));
                        }
                    }
                }
            }
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_quotes() {
        assert_eq!(word("ada-lovelace"), "ada-lovelace");
        assert_eq!(word("1815"), "\"1815\"");
        assert_eq!(word("null"), "\"null\"");
        assert_eq!(word("yes"), "\"yes\"");
        assert_eq!(quoted("a \"b\" \\ c\n"), r#""a \"b\" \\ c\n""#);
        assert_eq!(
            quoted("\u{1b}\u{85}\u{2028}\u{feff}\u{202e}\u{7f}"),
            r#""\e\N\L\uFEFF\u202E\x7F""#
        );
        assert_eq!(quoted("Spärck — 日本"), "\"Spärck — 日本\"");
    }

    #[test]
    fn literal_blocks_only_when_exact() {
        assert_eq!(text_value("a\n\nb", 4), " |-\n      a\n\n      b");
        assert_eq!(text_value("one line", 4), " \"one line\"");
        let long = "word ".repeat(30);
        let v = text_value(long.trim(), 4);
        assert!(v.starts_with(" >-\n      word word"), "{v}");
        assert!(v.lines().all(|l| l.len() <= WIDTH), "{v}");
        let spaced = format!("{}  two spaces", "x".repeat(100));
        assert!(text_value(&spaced, 0).starts_with(" \""));
        assert_eq!(text_value(" indented\nx", 0), " \" indented\\nx\"");
        assert_eq!(text_value("trailing \nx", 0), " \"trailing \\nx\"");
        assert_eq!(text_value("tab\there\nx", 0), " \"tab\\there\\nx\"");
        assert_eq!(text_value("x\n", 0), " \"x\\n\"");
    }

    #[test]
    fn comments_stay_comments() {
        assert_eq!(comment("a\nb"), "# a\u{fffd}b");
    }
}
