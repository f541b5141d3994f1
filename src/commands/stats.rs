//! `tlx stats`: counts by year (a text histogram), tag, actor, publisher and grade.

use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::time::Instant;

use super::list::select;
use super::{
    EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, RunStats, Style, load_valid_indexed,
    report_query_error,
};
use crate::cli::{Global, StatsArgs};
use crate::model::{DateStyle, Reliability, Timeline, date::year_label};
use crate::query::{Hit, Sort};
use crate::text::{pad, sanitize, width};

/// Rows shown per section before "… and N more".
const TOP: usize = 15;

pub fn run(args: &StatsArgs, global: &Global) -> anyhow::Result<u8> {
    let (tl, load_stats, stored) = match load_valid_indexed(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let started = Instant::now();
    let work = super::work::annotations_for(global, &args.paths, &tl, args.query.as_deref());
    let (hits, index_time) = match select(&tl, stored, args.query.as_deref(), &work, Sort::Date) {
        Ok((h, _, t)) => (h, t),
        Err((q, e)) => {
            report_query_error(&q, &e, global);
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
    let query_time = started.elapsed();
    let style = Style::for_stdout(global);
    let mut out = BufWriter::new(super::stdout());
    write_stats(&mut out, &tl, &hits, args.query.as_deref(), style)?;
    out.flush()?;
    drop(out);
    RunStats::of(&tl, load_stats)
        .timed(index_time, query_time)
        .matched(hits.len())
        .print_if(global);
    Ok(if hits.is_empty() {
        EXIT_INVALID_OR_NO_MATCH
    } else {
        EXIT_OK
    })
}

fn bar(n: usize, max: usize, cells: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    // Eighth blocks give a smooth bar; any count above zero shows at least a sliver.
    let eighths = ((n * cells * 8) / max).max(1);
    let mut s = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        s.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest - 1]);
    }
    s
}

fn section(
    out: &mut dyn Write,
    style: Style,
    title: &str,
    rows: &[(String, usize)],
    bar_cells: usize,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", style.paint("1", title))?;
    if rows.is_empty() {
        writeln!(out, "  (none)")?;
        return Ok(());
    }
    let shown = &rows[..rows.len().min(TOP)];
    let label_w = shown
        .iter()
        .map(|(l, _)| width(l))
        .max()
        .unwrap_or(0)
        .min(40);
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let num_w = max.to_string().len();
    for (label, n) in shown {
        let line = format!(
            "  {}  {n:>num_w$}  {}",
            pad(label, label_w),
            style.paint("34", &bar(*n, max, bar_cells))
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    if rows.len() > TOP {
        let rest: usize = rows[TOP..].iter().map(|(_, n)| n).sum();
        writeln!(out, "  … and {} more ({rest} mentions)", rows.len() - TOP)?;
    }
    Ok(())
}

fn ranked(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

pub fn write_stats(
    out: &mut dyn Write,
    tl: &Timeline,
    hits: &[Hit],
    query: Option<&str>,
    style: Style,
) -> io::Result<()> {
    let events: Vec<_> = hits.iter().map(|h| &tl.events[h.event as usize]).collect();
    let bar_cells = style
        .width
        .map_or(40, |w| w.saturating_sub(40).clamp(10, 50));
    let mut sources = std::collections::HashSet::new();
    let mut publishers = std::collections::HashSet::new();
    for e in &events {
        for c in &e.citations {
            sources.insert(c.source);
            publishers.insert(tl.source(c.source).publisher.as_str());
        }
    }
    let head = match (events.first(), events.last()) {
        (Some(a), Some(b)) => format!(
            "{} of {} events, from {} to {}, citing {} sources from {} publishers",
            events.len(),
            tl.events.len(),
            a.date.display(DateStyle::Text),
            b.date.display(DateStyle::Text),
            sources.len(),
            publishers.len()
        ),
        _ => format!("0 of {} events", tl.events.len()),
    };
    writeln!(out, "{}", style.paint("1", &sanitize(&tl.title)))?;
    writeln!(out, "{}", sanitize(&head))?;
    if let Some(q) = query.filter(|q| !q.trim().is_empty()) {
        writeln!(out, "query: {}", sanitize(q))?;
    }
    if events.is_empty() {
        return Ok(());
    }

    // Years, including quiet ones, so the histogram shows gaps; long spans are grouped
    // into decades (or wider) so the chart stays about 30 rows.
    let first = events.iter().map(|e| e.date.year()).min().unwrap_or(0);
    let last = events.iter().map(|e| e.date.year()).max().unwrap_or(0);
    let span = (last - first + 1) as usize;
    let step = [
        1usize, 2, 5, 10, 20, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000,
    ]
    .into_iter()
    .find(|s| span.div_ceil(*s) <= 30)
    .unwrap_or(10000) as i32;
    let base = if step == 1 {
        first
    } else {
        first.div_euclid(step) * step
    };
    let buckets = ((last - base) / step + 1) as usize;
    let mut years: Vec<(String, usize)> = (0..buckets as i32)
        .map(|b| {
            let lo = base + b * step;
            let label = if step == 1 {
                year_label(lo)
            } else {
                format!("{}–{}", year_label(lo), year_label(lo + step - 1))
            };
            (label, 0)
        })
        .collect();
    for e in &events {
        years[((e.date.year() - base) / step) as usize].1 += 1;
    }
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        style.paint("1", if step == 1 { "By year" } else { "By period" })
    )?;
    let max = years.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let label_w = years.iter().map(|(l, _)| width(l)).max().unwrap_or(4);
    let num_w = max.to_string().len();
    for (label, n) in &years {
        let line = format!(
            "  {}  {n:>num_w$}  {}",
            pad(label, label_w),
            style.paint("34", &bar(*n, max, bar_cells))
        );
        writeln!(out, "{}", line.trim_end())?;
    }

    let mut tags = BTreeMap::new();
    let mut actors = BTreeMap::new();
    let mut pubs = BTreeMap::new();
    for e in &events {
        for &t in &e.tags {
            *tags.entry(tl.tag(t).to_string()).or_insert(0) += 1;
        }
        for a in &e.actors {
            *actors
                .entry(sanitize(&tl.actor(a.actor).name).into_owned())
                .or_insert(0) += 1;
        }
        let mut seen = std::collections::HashSet::new();
        for c in &e.citations {
            let p = &tl.source(c.source).publisher;
            if seen.insert(p.as_str()) {
                *pubs.entry(sanitize(p).into_owned()).or_insert(0) += 1;
            }
        }
    }
    section(out, style, "By tag", &ranked(tags), bar_cells)?;
    section(
        out,
        style,
        "By actor (events naming each)",
        &ranked(actors),
        bar_cells,
    )?;
    section(
        out,
        style,
        "By publisher (events citing each)",
        &ranked(pubs),
        bar_cells,
    )?;

    let mut grades: Vec<(String, usize)> = Reliability::ALL
        .iter()
        .map(|r| (format!("{r} {}", r.meaning().to_lowercase()), 0))
        .collect();
    let mut ungraded = 0;
    for e in &events {
        match tl.best_reliability(e) {
            Some(r) => grades[r as usize].1 += 1,
            None => ungraded += 1,
        }
    }
    if ungraded > 0 {
        grades.push(("– no graded source".to_string(), ungraded));
    }
    section(
        out,
        style,
        "By reliability (best source of each event)",
        &grades,
        bar_cells,
    )?;
    Ok(())
}
