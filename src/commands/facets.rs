//! `tlx facets`: the values a query's facets take, with how many events have each, for
//! scripts and completion: tags, actors, publishers and eras from the timeline; labels
//! and saved views from the workspace.

use std::io::Write;

use super::{EXIT_OK, load_valid};
use crate::cli::{FacetKind, FacetsArgs, FacetsFormat, Global};
use crate::query::facets::Facets;
use crate::query::{Compiled, Query, SearchIndex, Sort};
use crate::text::sanitize;

pub fn run(args: &FacetsArgs, global: &Global) -> anyhow::Result<u8> {
    let (tl, _) = match load_valid(&args.paths, global) {
        Ok(x) => x,
        Err(code) => return Ok(code),
    };
    // (value as a query writes it, events, what it is called)
    let rows: Vec<(String, usize, String)> = match args.kind {
        FacetKind::Label | FacetKind::View => {
            let work = super::work::read_or_warn(global, &args.paths);
            if args.kind == FacetKind::Label {
                work.label_counts()
                    .into_iter()
                    .map(|(l, n)| (l.to_string(), n, l.to_string()))
                    .collect()
            } else {
                let ann = crate::workspace::Annotations::new(&work, &tl);
                let index = SearchIndex::new(&tl);
                work.views
                    .iter()
                    .map(|(name, v)| {
                        // A view that no longer applies matches nothing.
                        let n = crate::query::parse(&v.query)
                            .and_then(|q| Compiled::with_work(&q, &tl, &ann))
                            .map(|c| c.run(&tl, &index, &Default::default(), Sort::Date).len())
                            .unwrap_or(0);
                        (name.clone(), n, v.query.clone())
                    })
                    .collect()
            }
        }
        kind => {
            let f = Facets::count(&tl, &Query::default());
            let list = match kind {
                FacetKind::Tag => f.tags,
                FacetKind::Actor => f.actors,
                FacetKind::Source => f.publishers,
                _ => f.eras,
            };
            list.into_iter()
                .map(|c| (c.value, c.count, c.label))
                .collect()
        }
    };
    let mut out = super::stdout();
    match args.format {
        FacetsFormat::Text => {
            for (value, n, label) in &rows {
                writeln!(out, "{}\t{n}\t{}", sanitize(value), sanitize(label))?;
            }
        }
        FacetsFormat::Json => {
            let v: Vec<serde_json::Value> = rows
                .iter()
                .map(|(value, n, label)| serde_json::json!({"value": value, "events": n, "label": label}))
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
}
