//! `tlx list`: matching events, one per line.

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use super::{
    EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, RunStats, Style, load_valid_indexed,
    report_query_error,
};
use crate::cache::StoredIndex;
use crate::cli::{Global, ListArgs, ListFormat, SortArg};
use crate::model::{DateStyle, Timeline};
use crate::query::{
    Compiled, Context, FieldKind, Hit, SearchIndex, Sort, parse, split_by_positions,
};
use crate::text::{pad, sanitize, truncate, width};
use crate::workspace::Annotations;

/// The hits of a query, the query as compiled (to highlight them; absent for no
/// query), and how long building the search index took (`None` when none was built).
pub type Selected = (Vec<Hit>, Option<Compiled>, Option<std::time::Duration>);

/// Runs a query (the empty query keeps everything) and returns the hits; a bad query
/// comes back with its text.
pub fn select(
    tl: &Timeline,
    stored: Option<StoredIndex>,
    query: Option<&str>,
    work: &Annotations,
    sort: Sort,
) -> Result<Selected, (String, crate::query::QueryError)> {
    let Some(q) = query.filter(|q| !q.trim().is_empty()) else {
        let hits = (0..tl.events.len() as u32)
            .map(|event| Hit { event, score: 0 })
            .collect();
        return Ok((hits, None, None));
    };
    let parsed = parse(q).map_err(|e| (q.to_string(), e))?;
    let compiled = Compiled::with_work(&parsed, tl, work).map_err(|e| (q.to_string(), e))?;
    if !compiled.needs_index() {
        // Only facets: nothing to convert.
        let hits = compiled.run(tl, &SearchIndex::default(), &Context::default(), sort);
        return Ok((hits, Some(compiled), None));
    }
    let started = Instant::now();
    let index = crate::cache::index_for(stored, tl);
    let index_time = started.elapsed();
    let hits = compiled.run(tl, &index, &Context::default(), sort);
    Ok((hits, Some(compiled), Some(index_time)))
}

pub fn run(args: &ListArgs, global: &Global) -> anyhow::Result<u8> {
    let (tl, load_stats, stored) = match load_valid_indexed(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let sort = match args.sort {
        SortArg::Date => Sort::Date,
        SortArg::Score => Sort::Score,
    };
    let started = Instant::now();
    let work = super::work::annotations_for(global, &args.paths, &tl, args.query.as_deref());
    let (mut hits, compiled, index_time) =
        match select(&tl, stored, args.query.as_deref(), &work, sort) {
            Ok(x) => x,
            Err((q, e)) => {
                report_query_error(&q, &e, global);
                return Ok(EXIT_USAGE_OR_IO);
            }
        };
    let query_time = started.elapsed();
    let matches = hits.len();
    if let Some(n) = args.limit {
        hits.truncate(n);
    }
    let style = Style::for_stdout(global);
    let mut out = BufWriter::new(super::stdout());
    let has_text = args
        .query
        .as_deref()
        .is_some_and(|q| parse(q).is_ok_and(|q| q.has_text()));
    match args.format {
        ListFormat::Ids => {
            for h in &hits {
                writeln!(out, "{}", sanitize(&tl.events[h.event as usize].id))?;
            }
        }
        ListFormat::Json => {
            let doc = crate::json::ListJson {
                schema: crate::json::SCHEMA_VERSION,
                tool: format!("tlx {}", env!("CARGO_PKG_VERSION")),
                timeline: &tl.title,
                query: args.query.as_deref(),
                sort: match sort {
                    Sort::Date => "date",
                    Sort::Score => "score",
                },
                total: tl.events.len(),
                count: hits.len(),
                events: hits
                    .iter()
                    .map(|h| {
                        let score = has_text.then_some(h.score);
                        crate::json::event(&tl, h.event, score, false, style.tz)
                    })
                    .collect(),
            };
            let json = serde_json::to_string_pretty(&doc)?;
            out.write_all(crate::text::json_inert(&json).as_bytes())?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            let hl = compiled.as_ref().filter(|_| style.color && has_text);
            write_table(&mut out, &tl, &hits, style, hl)?;
        }
    }
    out.flush()?;
    drop(out);
    RunStats::of(&tl, load_stats)
        .timed(index_time, query_time)
        .matched(matches)
        .print_if(global);
    Ok(if matches == 0 {
        EXIT_INVALID_OR_NO_MATCH
    } else {
        EXIT_OK
    })
}

/// Aligned columns (date, id, title, tags), measured in display cells. On a terminal
/// the line is cut to its width (the title first, then the tags); piped, lines are whole.
pub fn write_table(
    out: &mut dyn Write,
    tl: &Timeline,
    hits: &[Hit],
    style: Style,
    highlight: Option<&Compiled>,
) -> io::Result<()> {
    struct Row {
        date: String,
        id: String,
        title_w: usize,
        tags: String,
        event: u32,
    }
    let rows: Vec<Row> = hits
        .iter()
        .map(|h| {
            let e = &tl.events[h.event as usize];
            Row {
                date: sanitize(&e.date_label(DateStyle::Text, style.tz)).into_owned(),
                id: sanitize(&e.id).into_owned(),
                title_w: width(&sanitize(&e.title)),
                tags: e
                    .tags
                    .iter()
                    .map(|&t| tl.tag(t))
                    .collect::<Vec<_>>()
                    .join(","),
                event: h.event,
            }
        })
        .collect();
    let date_w = rows.iter().map(|r| width(&r.date)).max().unwrap_or(0);
    let id_w = rows.iter().map(|r| width(&r.id)).max().unwrap_or(0);
    let title_w = rows.iter().map(|r| r.title_w).max().unwrap_or(0);
    let tags_w = rows.iter().map(|r| width(&r.tags)).max().unwrap_or(0);
    // Budget the title and tags to the terminal width.
    let (title_cap, show_tags, id_cap) = match style.width {
        None => (title_w, true, id_w),
        Some(w) => {
            let fixed = date_w + 2 + id_w + 2;
            let mut id_cap = id_w;
            let room = w.saturating_sub(fixed);
            if room >= 20 + 2 + tags_w.min(24) && tags_w > 0 {
                let tags_room = tags_w.min(24);
                (
                    room.saturating_sub(tags_room + 2).min(title_w),
                    true,
                    id_cap,
                )
            } else if room >= 20 {
                (room.min(title_w), false, id_cap)
            } else {
                // Very narrow: shorten ids too.
                id_cap = id_w.min(w.saturating_sub(date_w + 4 + 12) / 2).max(6);
                let room = w.saturating_sub(date_w + 2 + id_cap + 2);
                (room.min(title_w).max(1), false, id_cap)
            }
        }
    };
    let tags_cap = style.width.map_or(tags_w, |_| tags_w.min(24));
    for r in &rows {
        let mut line = String::new();
        line.push_str(&style.paint("2", &pad(&r.date, date_w)));
        line.push_str("  ");
        line.push_str(&style.paint("36", &pad(&r.id, id_cap)));
        line.push_str("  ");
        let e = &tl.events[r.event as usize];
        let positions = highlight.map(|c| c.highlights(tl, r.event));
        let pos = positions
            .as_ref()
            .map_or(&[][..], |h| h.of(FieldKind::Title, 0));
        let runs: Vec<(bool, String)> = split_by_positions(&e.title, pos)
            .into_iter()
            .map(|(hit, run)| (hit, sanitize(run).into_owned()))
            .collect();
        let runs = if style.width.is_some() {
            crate::text::truncate_runs(&runs, title_cap)
        } else {
            runs
        };
        let title_cells: usize = runs.iter().map(|(_, s)| width(s)).sum();
        let title_shown: String = runs
            .iter()
            .map(|(hit, s)| {
                if *hit {
                    style.paint("1;31", s)
                } else {
                    s.clone()
                }
            })
            .collect();
        line.push_str(&title_shown);
        if show_tags && !r.tags.is_empty() {
            let padding = if style.width.is_some() {
                title_cap.saturating_sub(title_cells)
            } else {
                title_w.saturating_sub(title_cells)
            };
            line.push_str(&" ".repeat(padding));
            line.push_str("  ");
            let tags = if style.width.is_some() {
                truncate(&r.tags, tags_cap).into_owned()
            } else {
                r.tags.clone()
            };
            line.push_str(&style.paint("33", &tags));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
