//! `tlx export`: a brief of the selected events (Markdown, JSON or CSV), to a file or
//! stdout. This command chooses the selection, the time and the destination; the brief
//! itself is [`crate::brief`], and files are written by [`crate::fsutil`].

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};

use super::{
    EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, RunStats, load_valid_indexed,
    report_query_error, write_output,
};
use crate::brief::{self, Basis, Options, Selection};
use crate::cli::{ExportArgs, ExportFormat, Global};
use crate::model::{EventIx, Timeline};
use crate::query::Sort;
use crate::suggest::did_you_mean;
use crate::text::sanitize;

/// The time a brief records: `--now` (RFC 3339), else `SOURCE_DATE_EPOCH` (seconds since
/// 1970, as reproducible builds define it; empty means unset), else the clock.
pub fn resolve_now(
    flag: Option<&str>,
    source_date_epoch: Option<&str>,
    clock: impl FnOnce() -> DateTime<Utc>,
) -> Result<DateTime<Utc>, String> {
    if let Some(s) = flag {
        return DateTime::parse_from_rfc3339(s.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                format!(
                    "--now '{}' is not an RFC 3339 time ({e}): write it like 2024-10-01T12:00:00Z",
                    sanitize(s)
                )
            });
    }
    if let Some(s) = source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        let secs: i64 = s.parse().map_err(|_| {
            format!(
                "SOURCE_DATE_EPOCH '{}' is not a number of seconds since 1970-01-01",
                sanitize(s)
            )
        })?;
        return DateTime::from_timestamp(secs, 0)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH {secs} is out of range"));
    }
    Ok(clock())
}

/// The events named by `--ids`, or every unknown id with a suggestion.
pub fn select_ids(tl: &Timeline, ids: &[String]) -> Result<Vec<EventIx>, Vec<String>> {
    let mut found = Vec::with_capacity(ids.len());
    let mut unknown = Vec::new();
    for id in ids {
        match tl.event_ix(id) {
            Some(ix) => found.push(ix),
            None => {
                let mean = did_you_mean(id, tl.events.iter().map(|e| e.id.as_str()));
                unknown.push(format!(
                    "no event '{}' in this timeline{mean}",
                    sanitize(id)
                ));
            }
        }
    }
    if unknown.is_empty() {
        Ok(found)
    } else {
        Err(unknown)
    }
}

pub fn run(args: &ExportArgs, global: &Global) -> anyhow::Result<u8> {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let now = match resolve_now(args.now.as_deref(), epoch.as_deref(), Utc::now) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("tlx: {msg}");
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
    let ids: Vec<String> = args
        .ids
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !args.ids.is_empty() && ids.is_empty() {
        eprintln!("tlx: --ids needs at least one event id (ID,ID...)");
        return Ok(EXIT_USAGE_OR_IO);
    }

    let (tl, load_stats, stored) = match load_valid_indexed(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };

    let started = Instant::now();
    let drafted = match &args.draft {
        Some(name) => match super::work::draft(global, &args.paths, &tl, name, args.changes) {
            Ok(d) => Some(d),
            Err(code) => return Ok(code),
        },
        None => None,
    };
    let view_query = match &args.view {
        Some(name) => {
            let work = super::work::read_or_warn(global, &args.paths);
            let name = name.trim().to_lowercase();
            match work.views.get(&name) {
                Some(v) => Some(v.query.clone()),
                None => {
                    let known = did_you_mean(&name, work.views.keys().map(String::as_str));
                    eprintln!("tlx: no saved view '{}'{known}", sanitize(&name));
                    let names: Vec<&str> = work.views.keys().map(String::as_str).collect();
                    if names.is_empty() {
                        eprintln!("  = help: no view is saved yet (S in the explorer saves one)");
                    } else {
                        eprintln!("  = help: the saved views: {}", sanitize(&names.join(", ")));
                    }
                    return Ok(EXIT_USAGE_OR_IO);
                }
            }
        }
        None => None,
    };
    let query = view_query
        .as_deref()
        .or(args.query.as_deref())
        .filter(|q| !q.trim().is_empty());
    let mut index_time = None;
    let selection = if let Some((sel, _)) = &drafted {
        sel.clone()
    } else if args.marked {
        let work = super::work::read_or_warn(global, &args.paths);
        let ann = crate::workspace::Annotations::new(&work, &tl);
        if ann.marks.is_empty() {
            eprintln!("tlx: no event of this timeline is marked in the workspace");
            return Ok(EXIT_INVALID_OR_NO_MATCH);
        }
        Selection {
            events: ann.marks.iter().copied().collect(),
            basis: Basis::Marked,
        }
    } else if !ids.is_empty() {
        match select_ids(&tl, &ids) {
            Ok(events) => Selection {
                events,
                basis: Basis::Ids(ids.clone()),
            },
            Err(unknown) => {
                for u in unknown {
                    eprintln!("tlx: {u}");
                }
                eprintln!("  = help: `tlx list --format ids` lists every id");
                return Ok(EXIT_INVALID_OR_NO_MATCH);
            }
        }
    } else {
        let work = super::work::annotations_for(global, &args.paths, &tl, query);
        match super::list::select(&tl, stored, query, &work, Sort::Date) {
            Ok((hits, _, built)) => {
                index_time = built;
                let events: Vec<EventIx> = hits.iter().map(|h| h.event).collect();
                let asks_work =
                    query.is_some_and(|q| crate::query::parse(q).is_ok_and(|p| p.asks_workspace()));
                let basis = match query {
                    // A query that asks the workspace cannot be run again without it:
                    // the ids can.
                    Some(_) if asks_work => Basis::Ids(
                        events
                            .iter()
                            .map(|&ix| tl.events[ix as usize].id.clone())
                            .collect(),
                    ),
                    Some(q) => Basis::Query(q.to_string()),
                    None => Basis::All,
                };
                Selection { events, basis }
            }
            Err((q, e)) => {
                report_query_error(&q, &e, global);
                return Ok(EXIT_USAGE_OR_IO);
            }
        }
    };
    let query_time = started.elapsed();
    let count = selection.normalized(&tl).len();
    if count == 0 {
        // What was not written, named as the format has it.
        let what = match args.format {
            ExportFormat::Md => "no brief",
            ExportFormat::Json => "no JSON",
            ExportFormat::Csv => "no CSV",
            ExportFormat::Timelinejs => "no TimelineJS",
        };
        match query {
            Some(q) => eprintln!(
                "tlx: no events match the query '{}'; {what} written",
                sanitize(q)
            ),
            None => eprintln!("tlx: the timeline has no events; {what} written"),
        }
        return Ok(EXIT_INVALID_OR_NO_MATCH);
    }

    let analyst = super::work::analyst(global);
    let options = match drafted {
        Some((_, o)) => Options {
            title: args.title.clone().or(o.title),
            bluf: args.bluf.clone().or(o.bluf),
            analyst,
            tz: super::display_zone(global),
            ..o
        },
        None => Options {
            title: args.title.clone(),
            bluf: args.bluf.clone(),
            analyst,
            tz: super::display_zone(global),
            ..Default::default()
        },
    };
    let content = match args.format {
        ExportFormat::Md => brief::markdown(&tl, &selection, &options, now),
        ExportFormat::Json => brief::json(&tl, &selection, &options, now),
        ExportFormat::Csv => brief::csv(&tl, &selection, options.tz),
        ExportFormat::Timelinejs => crate::timelinejs::export(&tl, &selection, &options),
    };

    let code = match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        None => {
            let mut out = super::stdout();
            out.write_all(content.as_bytes())?;
            out.flush()?;
            EXIT_OK
        }
        Some(path) => match write_output(path, content.as_bytes(), args.force) {
            Ok(()) => {
                // A brief of a draft written to a file is recorded, so that the next one
                // can say what changed since (a brief on stdout is a preview).
                if let (Some(name), ExportFormat::Md | ExportFormat::Json) =
                    (&args.draft, args.format)
                {
                    let at = brief::time_rfc3339(now);
                    let events = selection.normalized(&tl);
                    super::work::record_brief(global, &args.paths, &tl, name, &events, &at);
                }
                EXIT_OK
            }
            Err(code) => code,
        },
    };
    RunStats::of(&tl, load_stats)
        .timed(index_time, query_time)
        .matched(count)
        .print_if(global);
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed() -> DateTime<Utc> {
        DateTime::from_timestamp(1_000_000_000, 0).unwrap()
    }

    #[test]
    fn now_comes_from_the_flag_then_the_epoch_then_the_clock() {
        let t = resolve_now(Some("2024-10-01T14:00:00+02:00"), Some("5"), fixed).unwrap();
        assert_eq!(brief::time_label(t), "2024-10-01 12:00 UTC");
        let t = resolve_now(None, Some("1727784000"), fixed).unwrap();
        assert_eq!(brief::time_label(t), "2024-10-01 12:00 UTC");
        assert_eq!(resolve_now(None, Some(""), fixed).unwrap(), fixed());
        assert_eq!(resolve_now(None, None, fixed).unwrap(), fixed());
        let e = resolve_now(Some("yesterday"), None, fixed).unwrap_err();
        assert!(e.contains("RFC 3339"), "{e}");
        let e = resolve_now(None, Some("soon"), fixed).unwrap_err();
        assert!(e.contains("SOURCE_DATE_EPOCH"), "{e}");
    }
}
