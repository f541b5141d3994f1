//! Rows of mapped columns into events: a date and a title each, and what else the
//! columns give (summary, tags, actors, one source).

use std::collections::{HashMap, HashSet};

use super::columns::Field;
use super::dates::{self, Orders};
use super::{Problems, Row};
use crate::model::Date;
use crate::model::validate::{is_http_url, is_media_url, is_valid_id};
use crate::timelinejs::html::one_line;
use crate::timelinejs::yaml::{DocActor, DocEvent, DocMedia, DocSource};
use crate::timelinejs::{host, id_from};

/// The events of `rows` (in row order, each with its row), and the actors they name.
pub fn convert(
    rows: &[Row],
    fields: &[Option<Field>],
    order: Orders,
    p: &mut Problems,
) -> (Vec<DocEvent>, Vec<DocActor>) {
    let col = |f: Field| fields.iter().position(|c| *c == Some(f));
    let at: HashMap<Field, usize> = Field::NAMES
        .iter()
        .filter_map(|&(_, f)| col(f).map(|i| (f, i)))
        .collect();
    let mut events = Vec::with_capacity(rows.len());
    let mut ids = Ids::default();
    let mut actors: Vec<DocActor> = Vec::new();
    let mut actor_ids: HashMap<String, String> = HashMap::new();
    for row in rows {
        let cell = |f: Field| at.get(&f).map(|&i| row.cell(i)).unwrap_or("");
        let title = one_line(cell(Field::Title));
        if title.is_empty() {
            p.skipped(row, at.get(&Field::Title).copied(), "no title");
            continue;
        }
        let date = match dates::read(cell(Field::Date), order) {
            Ok(c) => {
                if let Some(t) = c.time {
                    p.not_converted(
                        row,
                        at.get(&Field::Date).copied(),
                        format!("'{t}' after the day: not a time of day (14:30, 2:30 PM)"),
                    );
                }
                c.date
            }
            Err(why) => {
                p.skipped(row, at.get(&Field::Date).copied(), why);
                continue;
            }
        };
        let end = match cell(Field::End).trim() {
            "" => None,
            e => match dates::read(e, order) {
                Ok(c) if ends_before(&c.date, &date) => {
                    p.not_converted(
                        row,
                        at.get(&Field::End).copied(),
                        format!("the end {} is before the date {date}", c.date),
                    );
                    None
                }
                Ok(c) => Some(c.date),
                Err(why) => {
                    p.not_converted(row, at.get(&Field::End).copied(), format!("the end: {why}"));
                    None
                }
            },
        };
        let mut tags = Vec::new();
        for t in split_list(cell(Field::Tags)) {
            let id = id_from(t);
            if id.is_empty() {
                p.not_converted(
                    row,
                    at.get(&Field::Tags).copied(),
                    format!("the tag '{t}': no letter or digit a tag can hold"),
                );
            } else if !tags.contains(&id) {
                tags.push(id);
            }
        }
        let mut event_actors = Vec::new();
        for name in split_list(cell(Field::Actors)).map(one_line) {
            let name = name.as_str();
            let id = actor_ids.entry(name.to_string()).or_insert_with(|| {
                let base = match id_from(name) {
                    b if b.is_empty() => "actor".to_string(),
                    b => b,
                };
                let mut id = base.clone();
                let mut n = 2;
                while actors.iter().any(|a| a.id == id) {
                    id = format!("{base}-{n}");
                    n += 1;
                }
                actors.push(DocActor {
                    id: id.clone(),
                    name: name.to_string(),
                });
                id
            });
            if !event_actors.contains(id) {
                event_actors.push(id.clone());
            }
        }
        let sources = source(row, &at, p).into_iter().collect();
        let summary = Some(cell(Field::Summary).trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        let display_date = Some(one_line(cell(Field::DisplayDate))).filter(|s| !s.is_empty());
        let media = match cell(Field::Media).trim() {
            "" => Vec::new(),
            u if is_media_url(u) => vec![DocMedia {
                url: u.to_string(),
                ..DocMedia::default()
            }],
            u => {
                p.not_converted(
                    row,
                    at.get(&Field::Media).copied(),
                    format!("the media '{u}': neither an http(s) URL nor a relative path"),
                );
                Vec::new()
            }
        };
        let id = ids.settle(cell(Field::Id).trim(), &title);
        events.push(DocEvent {
            id,
            date,
            end,
            display_date,
            title,
            summary,
            tags,
            actors: event_actors,
            sources,
            media,
        });
    }
    (events, actors)
}

/// Does the end date `end` finish before `date` begins?
fn ends_before(end: &str, date: &str) -> bool {
    match (Date::parse(end), Date::parse(date)) {
        (Ok(e), Ok(d)) => e.latest() < d.earliest(),
        _ => false,
    }
}

/// A list in one cell: `a; b` or `a, b`.
fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    let sep: &[char] = if cell.contains(';') { &[';'] } else { &[','] };
    cell.split(sep).map(str::trim).filter(|s| !s.is_empty())
}

/// The row's source: its publisher, URL and title, when it has one.
fn source(row: &Row, at: &HashMap<Field, usize>, p: &mut Problems) -> Option<DocSource> {
    let cell = |f: Field| at.get(&f).map_or("", |&i| row.cell(i).trim());
    let mut url = Some(cell(Field::SourceUrl)).filter(|u| !u.is_empty());
    if let Some(u) = url
        && !is_http_url(u)
    {
        p.not_converted(
            row,
            at.get(&Field::SourceUrl).copied(),
            format!("the source URL '{}': not an http(s) URL", url.unwrap_or("")),
        );
        url = None;
    }
    let publisher = Some(one_line(cell(Field::Source))).filter(|s| !s.is_empty());
    let title = Some(one_line(cell(Field::SourceTitle))).filter(|s| !s.is_empty());
    let publisher = match (publisher, url) {
        (Some(p), _) => p,
        // A link alone: its host names the publisher.
        (None, Some(u)) => host(u),
        (None, None) => {
            if title.is_some() {
                p.not_converted(
                    row,
                    at.get(&Field::SourceTitle).copied(),
                    "a source title with neither a publisher nor a URL",
                );
            }
            return None;
        }
    };
    Some(DocSource {
        publisher,
        title,
        url: url.map(str::to_string),
        ..DocSource::default()
    })
}

/// Event ids: a valid id from the id column when it is free, else one made from the
/// title, each made unique with `-2`, `-3`, ….
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn settle(&mut self, given: &str, title: &str) -> String {
        if is_valid_id(given) && self.used.insert(given.to_string()) {
            return given.to_string();
        }
        let base = match id_from(if given.is_empty() { title } else { given }) {
            b if b.is_empty() => "event".to_string(),
            b => b,
        };
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_kept_when_valid() {
        let mut ids = Ids::default();
        assert_eq!(ids.settle("ban", "x"), "ban");
        assert_eq!(ids.settle("ban", "Ban again"), "ban-2");
        assert_eq!(ids.settle("", "Ban"), "ban-3");
        assert_eq!(ids.settle("", "—"), "event");
        assert_eq!(ids.settle("", "日本"), "riben");
        assert_eq!(ids.settle("Not Valid", "x"), "not-valid");
    }

    #[test]
    fn lists() {
        assert_eq!(split_list("a; b, c;").collect::<Vec<_>>(), ["a", "b, c"]);
        assert_eq!(split_list("a, b").collect::<Vec<_>>(), ["a", "b"]);
    }
}
