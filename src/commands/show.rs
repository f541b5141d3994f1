//! `tlx show ID`: one event in full.

use std::io::{self, BufWriter, Write};

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, RunStats, Style, load_valid};
use crate::cli::{Global, ShowArgs, ShowFormat};
use crate::model::{DateStyle, EventIx, Timeline};
use crate::suggest::{did_you_mean, starting_with};
use crate::text::{sanitize, sanitize_multiline, wrap};

/// How many ids that start with an unknown one are named before "…".
const PREFIX_SHOWN: usize = 6;

/// An unknown id: the ids that start with it (one is offered as "did you mean"), else
/// the closest typo, else where to find the ids.
fn report_unknown(tl: &Timeline, id: &str) {
    let ids = || tl.events.iter().map(|e| e.id.as_str());
    let starts = starting_with(id, ids());
    let mean = match starts.as_slice() {
        [one] => format!(" (did you mean '{one}'?)"),
        [] => did_you_mean(id, ids()),
        _ => String::new(),
    };
    eprintln!("tlx: no event '{}' in this timeline{mean}", sanitize(id));
    if starts.len() > 1 {
        let mut named: Vec<String> = starts
            .iter()
            .take(PREFIX_SHOWN)
            .map(|s| sanitize(s).into_owned())
            .collect();
        if starts.len() > PREFIX_SHOWN {
            named.push("…".into());
        }
        eprintln!(
            "  = help: {} ids start with it: {}",
            starts.len(),
            named.join(", ")
        );
    } else if mean.is_empty() {
        eprintln!("  = help: `tlx list --format ids` lists every id");
    }
}

pub fn run(args: &ShowArgs, global: &Global) -> anyhow::Result<u8> {
    let (tl, load_stats) = match load_valid(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let Some(ix) = tl.event_ix(&args.id) else {
        report_unknown(&tl, &args.id);
        return Ok(EXIT_INVALID_OR_NO_MATCH);
    };
    let style = Style::for_stdout(global);
    let mut out = BufWriter::new(super::stdout());
    match args.format {
        ShowFormat::Json => {
            let mut v = serde_json::to_value(crate::json::event(&tl, ix, None, true, style.tz))?;
            if let Some(o) = v.as_object_mut() {
                o.insert("schema".into(), crate::json::SCHEMA_VERSION.into());
            }
            let json = serde_json::to_string_pretty(&v)?;
            out.write_all(crate::text::json_inert(&json).as_bytes())?;
            writeln!(out)?;
        }
        ShowFormat::Text => write_event(&mut out, &tl, ix, style)?,
    }
    out.flush()?;
    drop(out);
    RunStats::of(&tl, load_stats).matched(1).print_if(global);
    Ok(EXIT_OK)
}

/// One event in full, as text for a terminal or a pipe.
pub fn write_event(
    out: &mut dyn Write,
    tl: &Timeline,
    ix: EventIx,
    style: Style,
) -> io::Result<()> {
    let e = &tl.events[ix as usize];
    let width = style.width.unwrap_or(80).clamp(40, 100);
    let label = |s: &str| style.paint("1", &format!("{s:<11}"));
    writeln!(out, "{}", style.paint("1", &sanitize(&e.title)))?;
    writeln!(out, "{}", style.paint("36", &sanitize(&e.id)))?;
    writeln!(out)?;
    let mut date = e.date.display_in(DateStyle::Text, style.tz);
    if let Some(end) = &e.end {
        date = format!("{date} – {}", end.display_in(DateStyle::Text, style.tz));
    }
    let written = match &e.end {
        Some(end) => format!("{} … {}", e.date, end),
        None => e.date.to_string(),
    };
    writeln!(out, "  {}{} ({written})", label("Date"), sanitize(&date))?;
    if let Some(d) = &e.display_date {
        writeln!(out, "  {}{}", label("Shown as"), sanitize(d))?;
    }
    let eras: Vec<String> = tl
        .eras_of(e)
        .map(|x| sanitize(&x.title).into_owned())
        .collect();
    if !eras.is_empty() {
        writeln!(out, "  {}{}", label("Era"), eras.join("; "))?;
    }
    if !e.tags.is_empty() {
        let tags: Vec<&str> = e.tags.iter().map(|&t| tl.tag(t)).collect();
        writeln!(
            out,
            "  {}{}",
            label("Tags"),
            style.paint("33", &tags.join(", "))
        )?;
    }
    for (i, a) in e.actors.iter().enumerate() {
        let actor = tl.actor(a.actor);
        let mut s = sanitize(&actor.name).into_owned();
        if let Some(r) = &a.role {
            s.push_str(&format!(" ({})", sanitize(r)));
        }
        let head = if i == 0 {
            label("Actors")
        } else {
            " ".repeat(11)
        };
        writeln!(out, "  {head}{s}")?;
    }
    if let Some(c) = e.confidence {
        writeln!(out, "  {}{}", label("Confidence"), c.label())?;
    }
    if let Some(s) = &e.summary {
        writeln!(out)?;
        for line in wrap(&sanitize_multiline(s), width - 2) {
            writeln!(out, "  {line}")?;
        }
    }
    if !e.citations.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", "Sources"))?;
        // One entry a source; a source cited twice shows each citation's quote.
        let firsts = (0..e.citations.len()).filter(|&n| e.first_citation_of_its_source(n));
        for (shown, n) in firsts.enumerate() {
            let c = &e.citations[n];
            let s = tl.source(c.source);
            let mut head = sanitize(&s.publisher).into_owned();
            if let Some(t) = &s.title {
                head.push_str(&format!(", “{}”", sanitize(t)));
            }
            if let Some(a) = &s.author {
                head.push_str(&format!(", by {}", sanitize(a)));
            }
            if let Some(p) = &s.published {
                head.push_str(&format!(", {}", p.display(DateStyle::Text)));
            }
            let tag = format!("[{}]", shown + 1);
            let lines = wrap(&head, width - 7);
            for (i, l) in lines.iter().enumerate() {
                if i == 0 {
                    writeln!(out, "  {tag:<4} {l}")?;
                } else {
                    writeln!(out, "       {l}")?;
                }
            }
            if let Some(u) = &s.url {
                writeln!(out, "       {}", style.paint("4", &sanitize(u)))?;
            }
            let mut grades = Vec::new();
            if let Some(r) = s.reliability {
                grades.push(format!("reliability {r} ({})", r.meaning().to_lowercase()));
            }
            if let Some(c) = c.credibility {
                grades.push(format!("credibility {c} ({})", c.meaning().to_lowercase()));
            }
            if let Some(k) = s.kind {
                grades.push(k.to_string());
            }
            if !grades.is_empty() {
                writeln!(out, "       {}", style.paint("2", &grades.join(" · ")))?;
            }
            for (k, cc) in e.citations.iter().enumerate() {
                let Some(q) = cc.quote.as_ref().filter(|_| cc.source == c.source) else {
                    continue;
                };
                let mut quoted = format!("“{}”", sanitize_multiline(q));
                if let Some(l) = &cc.locator {
                    quoted.push_str(&format!(" ({})", sanitize(l)));
                }
                if k != n
                    && cc.credibility != c.credibility
                    && let Some(cr) = cc.credibility
                {
                    quoted.push_str(&format!(" · credibility {cr}"));
                }
                for l in wrap(&quoted, width - 9) {
                    writeln!(out, "         {}", style.paint("3", &l))?;
                }
            }
            if let Some(a) = &s.archive_url {
                writeln!(out, "       archived: {}", sanitize(a))?;
            }
        }
    }
    let link_line =
        |out: &mut dyn Write, arrow: &str, kind: &str, target: EventIx| -> io::Result<()> {
            let t = &tl.events[target as usize];
            writeln!(
                out,
                "  {arrow} {:<15} {}  {}  {}",
                kind,
                style.paint("2", &t.date.display_in(DateStyle::Text, style.tz)),
                style.paint("36", &sanitize(&t.id)),
                sanitize(&t.title)
            )
        };
    if !e.related.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", "Related"))?;
        for l in &e.related {
            link_line(out, "→", l.kind.label(), l.event)?;
        }
    }
    let back = &tl.index.backlinks[ix as usize];
    if !back.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.paint("1", "Linked from"))?;
        for l in back {
            link_line(out, "←", l.kind.back_label(), l.event)?;
        }
    }
    Ok(())
}
