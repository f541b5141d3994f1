//! The Markdown brief, section by section (the format is described in `docs/brief.md`).

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{DateTime, Utc};

use super::escape::{self, Slugger, autolink, cell, code, inline, para};
use super::judgments::{BASIS_LEGEND, basis, generated_bluf};
use super::labels::{date_label, distinct_sources, time_label, tool};
use super::selection::{Basis, Judgment, Options, Selection};
use crate::model::{Event, EventIx, Reliability, SourceIx, Timeline};

/// Section headings, in order.
const BLUF: &str = "Bottom line up front";
const KEY_JUDGMENTS: &str = "Key judgments";
const KEY_EVENTS: &str = "Key events";
const TIMELINE: &str = "Timeline";
const CAVEATS: &str = "Caveats";
const SOURCES: &str = "Sources";

/// What every section needs to know about the selection.
struct Brief<'a> {
    tl: &'a Timeline,
    /// The selected events, chronological.
    events: Vec<EventIx>,
    in_selection: Vec<bool>,
    /// Heading anchor of each selected event.
    anchors: HashMap<EventIx, String>,
    /// Footnote number (1-based) of each cited source, in order of first use.
    notes: HashMap<SourceIx, usize>,
    /// Cited sources in footnote order.
    cited: Vec<SourceIx>,
    /// The analyst's notes to show, per event.
    notes_of: &'a std::collections::BTreeMap<EventIx, Vec<crate::workspace::Note>>,
    /// The zone times of day are shown in.
    tz: Option<chrono_tz::Tz>,
}

impl<'a> Brief<'a> {
    fn event(&self, ix: EventIx) -> &'a Event {
        &self.tl.events[ix as usize]
    }

    /// The heading of an event, as text (not escaped).
    fn heading_text(&self, ix: EventIx) -> String {
        let e = self.event(ix);
        format!("{} — {}", date_label(e, self.tz), escape::line(&e.title))
    }

    /// The heading of an event, escaped.
    fn heading_md(&self, ix: EventIx) -> String {
        let e = self.event(ix);
        format!(
            "{} — {}",
            inline(&date_label(e, self.tz)),
            inline(&escape::line(&e.title))
        )
    }

    /// A link to a selected event's heading, its title as the text.
    fn link(&self, ix: EventIx) -> String {
        format!(
            "[{}](#{})",
            inline(&escape::line(&self.event(ix).title)),
            self.anchors[&ix]
        )
    }

    /// An event outside the selection, as plain text: title, date, id and `note`.
    fn outside(&self, ix: EventIx, note: &str) -> String {
        let e = self.event(ix);
        // `para`: the title may start a list item.
        format!(
            "{} ({}, {}{note})",
            para(&escape::line(&e.title)),
            inline(&date_label(e, self.tz)),
            code(&escape::line(&e.id))
        )
    }

    fn note(&self, s: SourceIx) -> String {
        format!("[^{}]", self.notes[&s])
    }
}

pub fn render(tl: &Timeline, sel: &Selection, opts: &Options, now: DateTime<Utc>) -> String {
    let events = sel.normalized(tl);
    let mut in_selection = vec![false; tl.events.len()];
    for &ix in &events {
        in_selection[ix as usize] = true;
    }
    let title = opts
        .title
        .as_deref()
        .map(escape::line)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| escape::line(&tl.title));

    let mut b = Brief {
        tl,
        events,
        in_selection,
        anchors: HashMap::new(),
        notes: HashMap::new(),
        cited: Vec::new(),
        notes_of: &opts.notes,
        tz: opts.tz,
    };
    // Anchors depend on every heading before them, in document order.
    let mut slugger = Slugger::default();
    let judged = opts
        .judgments
        .iter()
        .any(|j| !escape::line(&j.text).is_empty());
    let changes = opts.changes.as_ref().map(super::changes::since_heading);
    let mut headings = vec![title.as_str(), BLUF];
    if judged {
        headings.push(KEY_JUDGMENTS);
    }
    if let Some(c) = &changes {
        headings.push(c);
    }
    headings.extend([KEY_EVENTS, TIMELINE]);
    for h in headings {
        slugger.next(h);
    }
    for &ix in &b.events {
        let a = slugger.next(&b.heading_text(ix));
        b.anchors.insert(ix, a);
    }
    // Footnotes are numbered in order of first use: the timeline section cites first.
    for &ix in &b.events {
        for s in distinct_sources(b.event(ix)) {
            if !b.notes.contains_key(&s) {
                b.cited.push(s);
                b.notes.insert(s, b.cited.len());
            }
        }
    }

    let mut out = String::with_capacity(4096 + b.events.len() * 1024);
    let _ = writeln!(out, "# {}\n", inline(&title));
    provenance(&mut out, &b, sel, opts, now);
    bluf(&mut out, &b, opts);
    key_judgments(&mut out, &b, opts);
    if let (Some(heading), Some(since)) = (&changes, &opts.changes) {
        let _ = writeln!(out, "## {heading}\n\n{}", super::changes::since_body(since));
    }
    key_events(&mut out, &b);
    timeline(&mut out, &b);
    caveats(&mut out, &b);
    sources(&mut out, &b);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn provenance(out: &mut String, b: &Brief, sel: &Selection, opts: &Options, now: DateTime<Utc>) {
    let inputs: Vec<String> =
        b.tl.inputs
            .iter()
            .map(|i| {
                format!(
                    "{}{} (SHA-256 {})",
                    if i.is_embedded() { "the embedded " } else { "" },
                    code(&escape::line(&i.name)),
                    code(&i.sha256_prefix(64))
                )
            })
            .collect();
    let from = if inputs.is_empty() {
        String::new()
    } else {
        format!(" from {}", inputs.join(", "))
    };
    let by = opts
        .analyst
        .as_deref()
        .map(escape::line)
        .filter(|a| !a.is_empty())
        .map(|a| format!(" for {}", inline(&a)))
        .unwrap_or_default();
    let as_of =
        b.tl.updated
            .map(|d| {
                format!(
                    "; data as of {}",
                    inline(&d.display(crate::model::DateStyle::Text))
                )
            })
            .unwrap_or_default();
    let timed: Vec<&crate::model::Event> = b.events.iter().map(|&ix| b.event(ix)).collect();
    let zone = crate::brief::zone_sentence(&timed, opts.tz)
        .map(|z| format!("; {z}"))
        .unwrap_or_default();
    let basis = match &sel.basis {
        Basis::All => "the whole timeline".to_string(),
        Basis::Query(q) => format!("query {}", code(&escape::line(q))),
        Basis::Ids(_) | Basis::Marked => {
            // The events by id, and the command that makes the same selection again.
            let ids: Vec<String> = b
                .events
                .iter()
                .map(|&ix| escape::line(&b.event(ix).id))
                .collect();
            let how = if sel.basis == Basis::Marked {
                "marked events"
            } else {
                "events chosen by id"
            };
            format!("{how} (`tlx export --ids {}`)", ids.join(","))
        }
    };
    let _ = writeln!(
        out,
        "*Generated by {} on {}{by}{from}{as_of}; {basis}: {} of {} events{zone}.*\n",
        inline(&tool()),
        time_label(now),
        b.events.len(),
        b.tl.events.len()
    );
}

fn bluf(out: &mut String, b: &Brief, opts: &Options) {
    let _ = writeln!(out, "## {BLUF}\n");
    let given = opts
        .bluf
        .as_deref()
        .map(escape::paragraphs)
        .filter(|p| !p.is_empty());
    let paras = match given {
        Some(p) => p,
        None => vec![generated_bluf(b.tl, &b.events)],
    };
    for p in paras {
        let _ = writeln!(out, "{}\n", para(&p));
    }
}

fn key_judgments(out: &mut String, b: &Brief, opts: &Options) {
    let judgments: Vec<&Judgment> = opts
        .judgments
        .iter()
        .filter(|j| !escape::line(&j.text).is_empty())
        .collect();
    if judgments.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {KEY_JUDGMENTS}\n");
    for (i, j) in judgments.iter().enumerate() {
        let mut how = Vec::new();
        if let Some(l) = j.likelihood {
            how.push(l.label());
        }
        if let Some(c) = j.confidence {
            how.push(format!("{} confidence", c.as_str()));
        }
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" *({})*", how.join("; "))
        };
        let rests: Vec<String> = j
            .events
            .iter()
            .filter(|&&ix| (ix as usize) < b.tl.events.len())
            .map(|&ix| {
                if b.in_selection[ix as usize] {
                    b.link(ix)
                } else {
                    b.outside(ix, ", not in this brief")
                }
            })
            .collect();
        let rests = if rests.is_empty() {
            "Rests on no event of the timeline.".to_string()
        } else {
            format!("Rests on: {}.", rests.join(", "))
        };
        let _ = writeln!(
            out,
            "{}. {}{how} {rests}",
            i + 1,
            inline(&escape::line(&j.text))
        );
    }
    out.push('\n');
}

fn key_events(out: &mut String, b: &Brief) {
    let _ = writeln!(out, "## {KEY_EVENTS}\n");
    if b.events.is_empty() {
        out.push_str("No events are selected.\n\n");
        return;
    }
    out.push_str("| Date | Event | Basis |\n");
    out.push_str("|---|---|---|\n");
    for &ix in &b.events {
        let e = b.event(ix);
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&date_label(e, b.tz)),
            b.link(ix),
            cell(&basis(b.tl, e))
        );
    }
    let _ = writeln!(out, "\n{}\n", para(BASIS_LEGEND));
}

fn timeline(out: &mut String, b: &Brief) {
    let _ = writeln!(out, "## {TIMELINE}\n");
    if b.events.is_empty() {
        out.push_str("No events are selected.\n\n");
        return;
    }
    for &ix in &b.events {
        event(out, b, ix);
    }
}

fn event(out: &mut String, b: &Brief, ix: EventIx) {
    let e = b.event(ix);
    let _ = writeln!(out, "### {}\n", b.heading_md(ix));
    let refs: Vec<String> = distinct_sources(e).into_iter().map(|s| b.note(s)).collect();
    let refs = refs.join(" ");
    let paras = e
        .summary
        .as_deref()
        .map(escape::paragraphs)
        .unwrap_or_default();
    let n = paras.len();
    for (i, p) in paras.iter().enumerate() {
        if i + 1 == n && !refs.is_empty() {
            let _ = writeln!(out, "{} {refs}\n", para(p));
        } else {
            let _ = writeln!(out, "{}\n", para(p));
        }
    }
    let mut items: Vec<String> = Vec::new();
    if n == 0 {
        let s = if refs.is_empty() { "none" } else { &refs };
        items.push(format!("**Sources:** {s}"));
    } else if refs.is_empty() {
        items.push("**Sources:** none".to_string());
    }
    if !e.actors.is_empty() {
        let actors: Vec<String> = e
            .actors
            .iter()
            .map(|a| {
                let name = inline(&escape::line(&b.tl.actor(a.actor).name));
                match a
                    .role
                    .as_deref()
                    .map(escape::line)
                    .filter(|r| !r.is_empty())
                {
                    Some(r) => format!("{name} ({})", inline(&r)),
                    None => name,
                }
            })
            .collect();
        items.push(format!("**Actors:** {}", actors.join(", ")));
    }
    if !e.tags.is_empty() {
        let tags: Vec<String> = e
            .tags
            .iter()
            .map(|&t| inline(&escape::line(b.tl.tag_label(t))))
            .collect();
        items.push(format!("**Tags:** {}", tags.join(", ")));
    }
    if let Some(c) = e.confidence {
        items.push(format!("**Confidence:** {}", c.label()));
    }
    if !e.related.is_empty() {
        // Grouped by kind, in the order the event lists them: "leads to: A, B; context: C".
        let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
        for l in &e.related {
            let target = if b.in_selection[l.event as usize] {
                b.link(l.event)
            } else {
                b.outside(l.event, ", not in this brief")
            };
            let label = l.kind.label();
            match groups.iter_mut().find(|(k, _)| *k == label) {
                Some((_, v)) => v.push(target),
                None => groups.push((label, vec![target])),
            }
        }
        let rel: Vec<String> = groups
            .into_iter()
            .map(|(label, v)| format!("{label}: {}", v.join(", ")))
            .collect();
        items.push(format!("**Related:** {}", rel.join("; ")));
    }
    if !e.media.is_empty() {
        // Links only: a brief never embeds a remote picture.
        let media: Vec<String> = e
            .media
            .iter()
            .map(|m| {
                let mut s = m
                    .caption
                    .as_deref()
                    .map(|c| format!("{} ", inline(&escape::line(c))))
                    .unwrap_or_default();
                if let Some(c) = &m.credit {
                    let _ = write!(s, "({}) ", inline(&escape::line(c)));
                }
                s.push_str(&autolink(&m.url));
                s
            })
            .collect();
        items.push(format!("**Media:** {}", media.join("; ")));
    }
    for i in &items {
        let _ = writeln!(out, "- {i}");
    }
    if !items.is_empty() {
        out.push('\n');
    }
    // The analyst's notes: a comment of theirs, set apart, never sourced text.
    for n in b.notes_of.get(&ix).into_iter().flatten() {
        let when = n.at.get(..10).unwrap_or(&n.at);
        let _ = writeln!(
            out,
            "> **Analyst's note** ({}, {}):",
            inline(&escape::line(&n.author)),
            inline(&escape::line(when))
        );
        for p in escape::paragraphs(&n.text) {
            let _ = writeln!(out, ">\n> {}", para(&p));
        }
        out.push('\n');
    }
}

fn caveats(out: &mut String, b: &Brief) {
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();

    let by_count = |want: usize| -> Vec<String> {
        b.events
            .iter()
            .filter(|&&ix| distinct_sources(b.event(ix)).len() == want)
            .map(|&ix| {
                format!(
                    "{} ({})",
                    b.link(ix),
                    inline(&date_label(b.event(ix), b.tz))
                )
            })
            .collect()
    };
    let none = by_count(0);
    if !none.is_empty() {
        let head = if none.len() == 1 {
            "1 event cites no source:".to_string()
        } else {
            format!("{} events cite no source:", none.len())
        };
        groups.push((head, none));
    }
    let single = by_count(1);
    if !single.is_empty() {
        let head = if single.len() == 1 {
            "1 event rests on a single source:".to_string()
        } else {
            format!("{} events rest on a single source:", single.len())
        };
        groups.push((head, single));
    }

    let vague: Vec<String> = b
        .events
        .iter()
        .filter(|&&ix| {
            let e = b.event(ix);
            e.date.is_qualified() || e.end.is_some_and(|d| d.is_qualified())
        })
        .map(|&ix| {
            let e = b.event(ix);
            let mut written = e.date.as_written();
            if let Some(end) = &e.end {
                written = format!("{written} … {end}");
            }
            format!("{}: {}", b.link(ix), code(&written))
        })
        .collect();
    if !vague.is_empty() {
        let head = if vague.len() == 1 {
            "1 event has an approximate or uncertain date (`~` approximate, `?` uncertain, `%` both):".to_string()
        } else {
            format!(
                "{} events have approximate or uncertain dates (`~` approximate, `?` uncertain, `%` both):",
                vague.len()
            )
        };
        groups.push((head, vague));
    }

    let weak: Vec<String> = b
        .cited
        .iter()
        .filter(|&&s| {
            b.tl.source(s)
                .reliability
                .is_none_or(|r| r >= Reliability::D)
        })
        .map(|&s| {
            let src = b.tl.source(s);
            let graded = match src.reliability {
                Some(r) => format!("graded {r} ({})", r.meaning().to_lowercase()),
                None => "not graded".to_string(),
            };
            let users: Vec<String> = b
                .events
                .iter()
                .filter(|&&ix| b.event(ix).citations.iter().any(|c| c.source == s))
                .map(|&ix| b.link(ix))
                .collect();
            format!(
                "{} {}, {graded}, cited by {}",
                para(&escape::line(&src.publisher)),
                b.note(s),
                users.join(", ")
            )
        })
        .collect();
    if !weak.is_empty() {
        let head = if weak.len() == 1 {
            "1 source is graded D–F or not graded:".to_string()
        } else {
            format!("{} sources are graded D–F or not graded:", weak.len())
        };
        groups.push((head, weak));
    }

    // Events outside the brief that selected events link to, each once, with the links
    // to it grouped by how they read from its side ("context for A, B").
    type Links = Vec<(&'static str, Vec<String>)>;
    let mut missing: Vec<(EventIx, Links)> = Vec::new();
    for &ix in &b.events {
        for l in &b.event(ix).related {
            if b.in_selection[l.event as usize] {
                continue;
            }
            let pos = match missing.iter().position(|(t, _)| *t == l.event) {
                Some(p) => p,
                None => {
                    missing.push((l.event, Vec::new()));
                    missing.len() - 1
                }
            };
            let links = &mut missing[pos].1;
            let label = l.kind.back_label();
            match links.iter_mut().find(|(k, _)| *k == label) {
                Some((_, v)) => v.push(b.link(ix)),
                None => links.push((label, vec![b.link(ix)])),
            }
        }
    }
    missing.sort_by_key(|(t, _)| *t);
    if !missing.is_empty() {
        let head = if missing.len() == 1 {
            "1 related event is not in this brief:".to_string()
        } else {
            format!("{} related events are not in this brief:", missing.len())
        };
        let items = missing
            .into_iter()
            .map(|(t, links)| {
                let from: Vec<String> = links
                    .into_iter()
                    .map(|(label, v)| format!("{label} {}", v.join(", ")))
                    .collect();
                format!("{}: {}", b.outside(t, ""), from.join("; "))
            })
            .collect();
        groups.push((head, items));
    }

    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {CAVEATS}\n");
    for (head, items) in groups {
        let _ = writeln!(out, "- {head}");
        for i in items {
            let _ = writeln!(out, "  - {i}");
        }
    }
    out.push('\n');
}

fn sources(out: &mut String, b: &Brief) {
    let _ = writeln!(out, "## {SOURCES}\n");
    if b.cited.is_empty() {
        out.push_str("No sources are cited.\n\n");
        return;
    }
    out.push_str(
        "Reliability grades a source from A (completely reliable) to F (cannot be judged); \
         credibility grades a cited passage from 1 (confirmed by other sources) to 6 (cannot \
         be judged).\n\n",
    );
    for &s in &b.cited {
        footnote(out, b, s);
    }
}

/// One quote (or citation detail) under a footnote, and the events that cite it so.
struct Cited {
    text: String,
    events: Vec<EventIx>,
}

fn footnote(out: &mut String, b: &Brief, s: SourceIx) {
    let src = b.tl.source(s);
    // The definition's text starts a block: nothing in it may open a list or a quote.
    let mut head: Vec<String> = vec![para(&escape::line(&src.publisher))];
    if let Some(t) = src
        .title
        .as_deref()
        .map(escape::line)
        .filter(|t| !t.is_empty())
    {
        head.push(format!("“{}”", inline(&t)));
    }
    if let Some(a) = src
        .author
        .as_deref()
        .map(escape::line)
        .filter(|a| !a.is_empty())
    {
        head.push(format!("by {}", inline(&a)));
    }
    if let Some(d) = &src.published {
        head.push(inline(&d.display(crate::model::DateStyle::Text)));
    }
    let mut line = format!("[^{}]: {}.", b.notes[&s], head.join(", "));
    if let Some(u) = src.url.as_deref() {
        let _ = write!(line, " {}", autolink(u));
    }
    if let Some(u) = src.archive_url.as_deref() {
        let _ = write!(line, " (archived: {})", autolink(u));
    }
    match src.reliability {
        Some(r) => {
            let _ = write!(line, " Reliability {r} ({}).", r.meaning().to_lowercase());
        }
        None => line.push_str(" Reliability not graded."),
    }
    let _ = writeln!(out, "{line}");

    // What the selected events quote from it, each distinct detail once.
    let users: Vec<EventIx> = b
        .events
        .iter()
        .copied()
        .filter(|&ix| b.event(ix).citations.iter().any(|c| c.source == s))
        .collect();
    let mut cited: Vec<Cited> = Vec::new();
    for &ix in &users {
        for c in b.event(ix).citations.iter().filter(|c| c.source == s) {
            let mut parts: Vec<String> = Vec::new();
            if let Some(q) = c
                .quote
                .as_deref()
                .map(escape::line)
                .filter(|q| !q.is_empty())
            {
                parts.push(format!("“{}”", inline(&q)));
            }
            let mut details: Vec<String> = Vec::new();
            if let Some(l) = c
                .locator
                .as_deref()
                .map(escape::line)
                .filter(|l| !l.is_empty())
            {
                details.push(inline(&l));
            }
            if let Some(cr) = c.credibility {
                details.push(format!("credibility {cr}"));
            }
            if !details.is_empty() {
                parts.push(format!("({})", details.join("; ")));
            }
            if parts.is_empty() {
                continue;
            }
            let text = parts.join(" ");
            match cited.iter_mut().find(|x| x.text == text) {
                Some(x) => {
                    if !x.events.contains(&ix) {
                        x.events.push(ix);
                    }
                }
                None => cited.push(Cited {
                    text,
                    events: vec![ix],
                }),
            }
        }
    }
    for c in cited {
        if users.len() > 1 {
            let links: Vec<String> = c.events.iter().map(|&ix| b.link(ix)).collect();
            let _ = writeln!(out, "    - {} — {}", c.text, links.join(", "));
        } else {
            let _ = writeln!(out, "    - {}", c.text);
        }
    }
    out.push('\n');
}
