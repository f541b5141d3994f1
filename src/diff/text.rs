//! Changes as lines of text for a terminal (`tlx diff`, the explorer): a sign, the date,
//! the id and the title, aligned by display width, then one indented line per field.

use super::{Change, EntryChange, EventChange, Field, Grade, Piece, Report, WordDiff};
use crate::text::{pad, sanitize, width};

/// The widest id column; longer ids push their title on.
const MAX_ID_COLUMN: usize = 40;

/// SGR colours of the signs and of summary words.
fn colour(c: Change) -> &'static str {
    match c {
        Change::Added | Change::Selected => "32",
        Change::Removed | Change::Unselected => "31",
        Change::Changed => "33",
        Change::Renamed => "36",
    }
}

fn paint(color: bool, sgr: &str, s: &str) -> String {
    if color && !s.is_empty() {
        format!("\x1b[{sgr}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// A grade as written, or `ungraded`.
fn grade(g: &Option<String>) -> String {
    g.as_deref()
        .map_or_else(|| "ungraded".into(), |g| sanitize(g).into_owned())
}

/// One field's change in words, without markup (a summary says only that it changed:
/// its words are [`summary`]'s).
pub fn describe(f: &Field) -> String {
    let s = |t: &str| sanitize(t).into_owned();
    match f {
        Field::Date { old, new } => format!("{} → {}", s(old), s(new)),
        Field::Title { old, new } => format!("“{}” → “{}”", s(old), s(new)),
        Field::Summary { .. } => "changed".into(),
        Field::SourceAdded { source, name } => format!("+ {} ({})", s(source), s(name)),
        Field::SourceRemoved { source, name } => format!("- {} ({})", s(source), s(name)),
        Field::Regraded {
            source,
            grade: g,
            old,
            new,
        } => {
            let what = match g {
                Grade::Reliability => "reliability",
                Grade::Credibility => "credibility",
            };
            format!("{} {what} {} → {}", s(source), grade(old), grade(new))
        }
        Field::RelatedAdded { event, kind } => format!("+ {} ({})", s(event), s(kind)),
        Field::RelatedRemoved { event, kind } => format!("- {} ({})", s(event), s(kind)),
        Field::TagAdded { tag } => format!("+ {}", s(tag)),
        Field::TagRemoved { tag } => format!("- {}", s(tag)),
        Field::ActorAdded { actor } => format!("+ {}", s(actor)),
        Field::ActorRemoved { actor } => format!("- {}", s(actor)),
        Field::Confidence { old, new } => format!(
            "{} → {}",
            old.as_deref().unwrap_or("none"),
            new.as_deref().unwrap_or("none")
        ),
    }
}

/// A summary's word diff on one line: `[-taken out-]` and `{+put in+}` as `git diff
/// --word-diff` writes them, in red and green when `color`.
pub fn summary(d: &WordDiff, color: bool) -> String {
    let mut parts: Vec<String> = d
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Same(t) => sanitize(t).into_owned(),
            Piece::Gap => "…".into(),
            Piece::Del(t) if color => paint(true, "31;9", &sanitize(t)),
            Piece::Ins(t) if color => paint(true, "32;4", &sanitize(t)),
            Piece::Del(t) => format!("[-{}-]", sanitize(t)),
            Piece::Ins(t) => format!("{{+{}+}}", sanitize(t)),
        })
        .collect();
    if d.more > 0 {
        parts.push(format!("(and {} more changes)", d.more));
    }
    parts.join(" ")
}

/// The text of one field line's value.
fn value(f: &Field, color: bool) -> String {
    match f {
        Field::Summary { diff: Some(d) } => summary(d, color),
        Field::Summary { diff: None } => {
            "changed (too long to compare word by word, or only its digest was kept)".into()
        }
        _ => describe(f),
    }
}

/// The lines of a list of event changes.
pub fn event_lines(changes: &[EventChange], color: bool) -> Vec<String> {
    let date_w = changes.iter().map(|c| width(&c.date)).max().unwrap_or(0);
    let id_of = |c: &EventChange| match &c.old_id {
        Some(old) => format!("{} → {}", sanitize(old), sanitize(&c.id)),
        None => sanitize(&c.id).into_owned(),
    };
    let id_w = changes
        .iter()
        .map(|c| width(&id_of(c)))
        .max()
        .unwrap_or(0)
        .min(MAX_ID_COLUMN);
    let mut out = Vec::new();
    for c in changes {
        let sign = paint(color, colour(c.change), &c.change.sign().to_string());
        let note = match c.change {
            Change::Renamed => "  (probably renamed: same date, similar title)",
            Change::Selected => "  (added to the selection)",
            Change::Unselected => "  (taken out of the selection)",
            Change::Removed if c.fields.is_empty() => "",
            _ => "",
        };
        out.push(format!(
            "{sign} {}  {}  {}{note}",
            pad(&sanitize(&c.date), date_w),
            pad(&id_of(c), id_w),
            sanitize(&c.title)
        ));
        for f in &c.fields {
            out.push(format!("    {:<10} {}", f.name(), value(f, color)));
        }
    }
    out
}

/// The lines of the changes to sources, actors and eras, each list under its heading
/// after a blank line.
pub fn registry_lines(r: &Report, color: bool) -> Vec<String> {
    let mut lines = Vec::new();
    entry_lines("sources", &r.sources, color, &mut lines);
    entry_lines("actors", &r.actors, color, &mut lines);
    entry_lines("eras", &r.eras, color, &mut lines);
    lines
}

/// The lines of a registry's changes, under `heading`.
fn entry_lines(heading: &str, changes: &[EntryChange], color: bool, out: &mut Vec<String>) {
    if changes.is_empty() {
        return;
    }
    out.push(String::new());
    out.push(format!("{heading}:"));
    let id_w = changes
        .iter()
        .map(|c| width(&c.id))
        .max()
        .unwrap_or(0)
        .min(MAX_ID_COLUMN);
    for c in changes {
        let sign = paint(color, colour(c.change), &c.change.sign().to_string());
        out.push(format!(
            "{sign} {}  {}",
            pad(&sanitize(&c.id), id_w),
            sanitize(&c.name)
        ));
        for f in &c.fields {
            let v = |o: &Option<String>| {
                o.as_deref()
                    .map_or_else(|| "(none)".to_string(), |s| sanitize(s).into_owned())
            };
            out.push(format!("    {:<12} {} → {}", f.field, v(&f.old), v(&f.new)));
        }
    }
}

/// A count in words: `1 event`, `2 events`.
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The one-line summary of a report: `2 events added, 1 changed; sources: 1 added`.
pub fn headline(r: &Report) -> String {
    if r.is_empty() {
        return "no differences".into();
    }
    let kinds = [
        (Change::Added, "added"),
        (Change::Removed, "removed"),
        (Change::Changed, "changed"),
        (Change::Renamed, "probably renamed"),
    ];
    let parts: Vec<String> = kinds
        .iter()
        .map(|(k, w)| (r.count(*k), w))
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    let mut out = if parts.is_empty() {
        "no event changed".to_string()
    } else {
        format!("{}: {}", count(r.events.len(), "event"), parts.join(", "))
    };
    for (name, list) in [
        ("sources", &r.sources),
        ("actors", &r.actors),
        ("eras", &r.eras),
    ] {
        if !list.is_empty() {
            let by = |k| list.iter().filter(|c| c.change == k).count();
            let parts: Vec<String> = [
                (Change::Added, "added"),
                (Change::Removed, "removed"),
                (Change::Changed, "changed"),
            ]
            .iter()
            .map(|(k, w)| (by(*k), w))
            .filter(|(n, _)| *n > 0)
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
            out.push_str(&format!("; {name}: {}", parts.join(", ")));
        }
    }
    out
}

/// The whole report as `tlx diff` prints it on a terminal.
pub fn report(r: &Report, old: &str, new: &str, color: bool) -> String {
    let mut lines = vec![format!(
        "{} → {}: {}",
        sanitize(old),
        sanitize(new),
        headline(r)
    )];
    if !r.events.is_empty() {
        lines.push(String::new());
        lines.extend(event_lines(&r.events, color));
    }
    lines.extend(registry_lines(r, color));
    let mut s = lines.join("\n");
    s.push('\n');
    s
}
