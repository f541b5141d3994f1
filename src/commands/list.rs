//! `tlx list`: matching events, one per line.

pub mod columns;

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use super::{
    EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, RunStats, Style, load_valid_indexed,
    report_query_error,
};
use crate::cache::StoredIndex;
use crate::cli::{Global, ListArgs, ListFormat, SortArg};
use crate::model::Timeline;
use crate::query::{
    Compiled, Context, FieldKind, Hit, SearchIndex, Sort, parse, split_by_positions,
};
use crate::text::{pad, sanitize, truncate, width};
use crate::workspace::Annotations;
pub use columns::Column;

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
    let (columns, droppable) = match (&args.columns, args.format) {
        (None, _) => (Column::DEFAULT.to_vec(), true),
        (Some(list), ListFormat::Table) => match columns::parse(list) {
            Ok(c) => (c, false),
            Err(e) => {
                eprintln!("tlx: {e}");
                return Ok(EXIT_USAGE_OR_IO);
            }
        },
        (Some(_), _) => {
            eprintln!(
                "tlx: --columns chooses the columns of the table: it does not go with --format json or ids"
            );
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
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
            write_table(&mut out, &tl, &hits, &columns, droppable, style, hl)?;
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

/// Aligned columns, measured in display cells, fitted to the terminal (see
/// [`columns::fit`]); piped, lines are whole. `droppable`: the columns are the default
/// ones, which may give way to the title.
pub fn write_table(
    out: &mut dyn Write,
    tl: &Timeline,
    hits: &[Hit],
    columns: &[Column],
    droppable: bool,
    style: Style,
    highlight: Option<&Compiled>,
) -> io::Result<()> {
    let cells: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            columns
                .iter()
                .map(|c| c.cell(tl, h.event, style.tz))
                .collect()
        })
        .collect();
    let widest: Vec<usize> = (0..columns.len())
        .map(|i| cells.iter().map(|r| width(&r[i])).max().unwrap_or(0))
        .collect();
    let shown = columns::fit(columns, &widest, style.width, droppable);
    for (h, row) in hits.iter().zip(&cells) {
        let mut line = String::new();
        for (n, &(column, cells_w)) in shown.iter().enumerate() {
            if n > 0 {
                line.push_str("  ");
            }
            let last = n + 1 == shown.len();
            if column == Column::Title {
                line.push_str(&title_cell(tl, h.event, cells_w, last, style, highlight));
                continue;
            }
            let i = columns.iter().position(|&c| c == column).unwrap_or(0);
            let text = match row[i].as_str() {
                // An empty cell between others holds a dash, so that fields stay in place.
                "" if !last => "-",
                t => t,
            };
            let text = if last {
                truncate(text, cells_w).into_owned()
            } else {
                pad(text, cells_w)
            };
            match column.sgr() {
                Some(sgr) => line.push_str(&style.paint(sgr, &text)),
                None => line.push_str(&text),
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// The title of event `ix` in `cells` cells, the words the query matched painted, padded
/// unless it is the `last` column.
fn title_cell(
    tl: &Timeline,
    ix: u32,
    cells: usize,
    last: bool,
    style: Style,
    highlight: Option<&Compiled>,
) -> String {
    let e = &tl.events[ix as usize];
    let positions = highlight.map(|c| c.highlights(tl, ix));
    let pos = positions
        .as_ref()
        .map_or(&[][..], |h| h.of(FieldKind::Title, 0));
    let runs: Vec<(bool, String)> = split_by_positions(&e.title, pos)
        .into_iter()
        .map(|(hit, run)| (hit, sanitize(run).into_owned()))
        .collect();
    let runs = crate::text::truncate_runs(&runs, cells);
    let shown: usize = runs.iter().map(|(_, s)| width(s)).sum();
    let mut text: String = runs
        .iter()
        .map(|(hit, s)| {
            if *hit {
                style.paint("1;31", s)
            } else {
                s.clone()
            }
        })
        .collect();
    if !last {
        text.push_str(&" ".repeat(cells.saturating_sub(shown)));
    }
    text
}
