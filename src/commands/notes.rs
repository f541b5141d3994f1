//! `tlx notes`: the workspace's notes, by event in chronological order (and the notes on
//! events the timeline no longer holds, last), as text, Markdown or JSON.

use std::io::Write;

use serde_json::json;

use super::{EXIT_OK, load_valid};
use crate::brief::escape;
use crate::cli::{Global, NotesArgs, NotesFormat};
use crate::text::sanitize;
use crate::workspace::Note;

pub fn run(args: &NotesArgs, global: &Global) -> anyhow::Result<u8> {
    let (tl, _) = match load_valid(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    let work = super::work::read_or_warn(global, &args.paths);
    let tz = super::display_zone(global);
    // Events of the timeline with notes, by date; then the ids that are gone.
    let mut rows: Vec<(Option<u32>, &str, &[Note])> = work
        .events
        .iter()
        .filter(|(_, e)| !e.notes.is_empty())
        .map(|(id, e)| (tl.event_ix(id), id.as_str(), e.notes.as_slice()))
        .collect();
    rows.sort_by_key(|(ix, id, _)| (ix.is_none(), *ix, *id));
    let mut out = super::stdout();
    let text = match args.format {
        NotesFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(ix, id, notes)| {
                    let e = ix.map(|i| &tl.events[i as usize]);
                    json!({
                        "event": id,
                        "gone": e.is_none(),
                        "date": e.map(|e| e.date.to_string()),
                        "title": e.map(|e| e.title.clone()),
                        "notes": notes.iter().map(|n| json!({"at": n.at, "author": n.author, "text": n.text})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&v)?)
        }
        NotesFormat::Md => {
            let mut s = String::from("# Notes\n\n");
            for (ix, id, notes) in &rows {
                let head = match ix {
                    Some(i) => {
                        let e = &tl.events[*i as usize];
                        format!(
                            "{} — {}",
                            crate::brief::date_label(e, tz),
                            escape::line(&e.title)
                        )
                    }
                    None => format!("{id} (no longer in the timeline)"),
                };
                s.push_str(&format!("## {}\n\n", escape::inline(&head)));
                for n in notes.iter() {
                    let when = n.at.get(..10).unwrap_or(&n.at);
                    s.push_str(&format!(
                        "**{}**, {}:\n\n",
                        escape::inline(&escape::line(&n.author)),
                        escape::inline(when)
                    ));
                    for p in escape::paragraphs(&n.text) {
                        s.push_str(&format!("{}\n\n", escape::para(&p)));
                    }
                }
            }
            s.trim_end().to_string() + "\n"
        }
        NotesFormat::Text => {
            let mut s = String::new();
            for (ix, id, notes) in &rows {
                let head = match ix {
                    Some(i) => {
                        let e = &tl.events[*i as usize];
                        format!("{}  {id}  {}", crate::brief::date_label(e, tz), e.title)
                    }
                    None => format!("{id}  (no longer in the timeline)"),
                };
                s.push_str(&sanitize(&head));
                s.push('\n');
                for n in notes.iter() {
                    s.push_str(&format!(
                        "  ✎ {} · {}\n",
                        sanitize(&n.author),
                        sanitize(&n.at)
                    ));
                    for l in n.text.lines() {
                        s.push_str(&format!("    {}\n", sanitize(l)));
                    }
                }
            }
            s
        }
    };
    out.write_all(text.as_bytes())?;
    out.flush()?;
    if rows.is_empty() {
        eprintln!("tlx: no notes in the workspace");
    }
    Ok(EXIT_OK)
}
