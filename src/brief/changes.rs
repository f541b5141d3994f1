//! Changes as Markdown: the report of `tlx diff --format md`, and the brief's "Changes
//! since the brief of DATE" section. Every text from a timeline is escaped as the rest
//! of the brief is.

use std::fmt::Write as _;

use super::escape::{code, inline, line};
use crate::diff::{
    Change, EntryChange, EventChange, Field, Grade, Piece, Report, Since, WordDiff, date_text,
    text::headline,
};

/// The heading of the brief's section.
pub fn since_heading(s: &Since) -> String {
    format!("Changes since the brief of {}", time_text(&s.at))
}

/// `2026-12-02T17:03:05Z` as the provenance writes times (`2026-12-02 17:03 UTC`).
fn time_text(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| line(at),
        |t| super::time_label(t.with_timezone(&chrono::Utc)),
    )
}

/// The report of `tlx diff --format md`: a section a brief can carry.
pub fn report(r: &Report, old: &str, new: &str) -> String {
    let mut out = format!(
        "## Changes from {} to {}\n\n{}.\n",
        code(&line(old)),
        code(&line(new)),
        inline(&upper_first(&headline(r)))
    );
    if !r.events.is_empty() {
        out.push_str("\n### Events\n\n");
        out.push_str(&event_items(&r.events, false));
    }
    for (heading, list) in [
        ("Sources", &r.sources),
        ("Actors", &r.actors),
        ("Eras", &r.eras),
    ] {
        if !list.is_empty() {
            let _ = write!(out, "\n### {heading}\n\n{}", entry_items(list));
        }
    }
    out
}

/// The brief's section on what changed since the draft's previous brief (without its
/// heading, which the brief writes).
pub fn since_body(s: &Since) -> String {
    let mut out = String::new();
    out.push_str(if s.same_inputs {
        "The timeline's files are byte for byte the ones the previous brief was built from.\n\n"
    } else {
        "The timeline's files have changed since the previous brief.\n\n"
    });
    if s.events.is_empty() {
        out.push_str("Nothing in the selected events has changed.\n");
        return out;
    }
    out.push_str(&event_items(&s.events, true));
    if !s.review.is_empty() {
        out.push_str("\n**Key judgments to review** (they rest on events that changed):\n\n");
        for r in &s.review {
            let ids: Vec<String> = r.events.iter().map(|id| code(&line(id))).collect();
            let _ = writeln!(
                out,
                "- Judgment {}: “{}” ({})",
                r.number,
                inline(&line(&r.text)),
                ids.join(", ")
            );
        }
    }
    out
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn kind_label(c: &EventChange, since: bool) -> &'static str {
    match c.change {
        Change::Added => "Added",
        Change::Removed if since => "No longer in the timeline",
        Change::Removed => "Removed",
        Change::Changed => "Changed",
        Change::Renamed => "Probably renamed",
        Change::Selected => "Added to the selection",
        Change::Unselected => "Taken out of the selection",
    }
}

/// One list item per event, a nested item per field.
fn event_items(changes: &[EventChange], since: bool) -> String {
    let mut out = String::new();
    for c in changes {
        let label = kind_label(c, since);
        let id = match &c.old_id {
            Some(old) => format!("{} → {}", code(&line(old)), code(&line(&c.id))),
            None => code(&line(&c.id)),
        };
        let _ = writeln!(
            out,
            "- **{label}:** {} — {} ({id})",
            inline(&date_text(&c.date)),
            inline(&line(&c.title))
        );
        for f in &c.fields {
            let _ = writeln!(out, "  - {}", field(f));
        }
    }
    out
}

fn field(f: &Field) -> String {
    let t = |s: &str| inline(&line(s));
    let grade = |g: &Option<String>| g.as_deref().map_or_else(|| "ungraded".into(), t);
    match f {
        Field::Date { old, new } => format!("re-dated: {} → {}", t(old), t(new)),
        Field::Title { old, new } => format!("retitled: “{}” → “{}”", t(old), t(new)),
        Field::Summary { diff: Some(d) } => format!("summary: {}", words(d)),
        Field::Summary { diff: None } => "summary changed".into(),
        Field::SourceAdded { source, name } => {
            format!("source added: {} ({})", code(&line(source)), t(name))
        }
        Field::SourceRemoved { source, name } => {
            format!("source removed: {} ({})", code(&line(source)), t(name))
        }
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
            format!(
                "re-graded: {what} of {} {} → {}",
                code(&line(source)),
                grade(old),
                grade(new)
            )
        }
        Field::RelatedAdded { event, kind } => {
            format!("related added: {} ({})", code(&line(event)), t(kind))
        }
        Field::RelatedRemoved { event, kind } => {
            format!("related removed: {} ({})", code(&line(event)), t(kind))
        }
        Field::TagAdded { tag } => format!("tag added: {}", code(&line(tag))),
        Field::TagRemoved { tag } => format!("tag removed: {}", code(&line(tag))),
        Field::ActorAdded { actor } => format!("actor added: {}", code(&line(actor))),
        Field::ActorRemoved { actor } => format!("actor removed: {}", code(&line(actor))),
        Field::Confidence { old, new } => format!(
            "confidence: {} → {}",
            old.as_deref().unwrap_or("none"),
            new.as_deref().unwrap_or("none")
        ),
    }
}

/// A word diff as Markdown: taken out ~~struck through~~, put in **bold**.
fn words(d: &WordDiff) -> String {
    let mut parts: Vec<String> = d
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => inline(&line(s)),
            Piece::Gap => "…".into(),
            Piece::Del(s) => format!("~~{}~~", inline(&line(s))),
            Piece::Ins(s) => format!("**{}**", inline(&line(s))),
        })
        .collect();
    if d.more > 0 {
        parts.push(format!("(and {} more changes)", d.more));
    }
    parts.join(" ")
}

fn entry_items(list: &[EntryChange]) -> String {
    let mut out = String::new();
    for c in list {
        let label = match c.change {
            Change::Added => "Added",
            Change::Removed => "Removed",
            _ => "Changed",
        };
        let _ = writeln!(
            out,
            "- **{label}:** {} ({})",
            code(&line(&c.id)),
            inline(&line(&c.name))
        );
        for f in &c.fields {
            let v = |o: &Option<String>| {
                o.as_deref()
                    .map_or_else(|| "none".into(), |s| inline(&line(s)))
            };
            let _ = writeln!(out, "  - {}: {} → {}", f.field, v(&f.old), v(&f.new));
        }
    }
    out
}
