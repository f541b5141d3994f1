//! Two timelines compared event by event (by id) and entry by entry in the registries.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{Change, EntryChange, EntryField, EventChange, Field, Grade, Report};
use crate::model::{Date, Event, Timeline};

/// How similar two titles must be (normalised edit distance, 0–1) for an id that went
/// and one that came on the same date to be offered as a rename.
const RENAME_SIMILARITY: f64 = 0.6;

/// Everything that differs from `old` to `new`.
pub fn compare(old: &Timeline, new: &Timeline) -> Report {
    let mut events: Vec<(Date, EventChange)> = Vec::new();
    let mut gone: Vec<&Event> = Vec::new();
    for e in &old.events {
        match new.event(&e.id) {
            Some(n) => {
                let fields = fields(old, e, new, n);
                if !fields.is_empty() {
                    events.push((n.date, change(Change::Changed, n, fields)));
                }
            }
            None => gone.push(e),
        }
    }
    let mut came: Vec<&Event> = new
        .events
        .iter()
        .filter(|e| old.event(&e.id).is_none())
        .collect();
    for o in gone {
        match rename_of(o, &came) {
            Some(i) => {
                let n = came.remove(i);
                let mut c = change(Change::Renamed, n, fields(old, o, new, n));
                c.old_id = Some(o.id.clone());
                events.push((n.date, c));
            }
            None => events.push((o.date, change(Change::Removed, o, Vec::new()))),
        }
    }
    for n in came {
        events.push((n.date, change(Change::Added, n, Vec::new())));
    }
    events.sort_by(|(a, x), (b, y)| a.chrono_cmp(b).then_with(|| x.id.cmp(&y.id)));
    Report {
        events: events.into_iter().map(|(_, c)| c).collect(),
        sources: registry(&sources(old), &sources(new)),
        actors: registry(&actors(old), &actors(new)),
        eras: registry(&eras(old), &eras(new)),
    }
}

fn change(kind: Change, e: &Event, fields: Vec<Field>) -> EventChange {
    EventChange {
        change: kind,
        id: e.id.clone(),
        old_id: None,
        date: e.written_date(),
        title: e.title.clone(),
        fields,
    }
}

/// The event among `came` that `gone` probably became: the same start date and the most
/// similar title, if similar enough.
fn rename_of(gone: &Event, came: &[&Event]) -> Option<usize> {
    let title = gone.title.to_lowercase();
    came.iter()
        .enumerate()
        .filter(|(_, n)| n.date == gone.date)
        .map(|(i, n)| {
            (
                i,
                strsim::normalized_levenshtein(&title, &n.title.to_lowercase()),
            )
        })
        .filter(|(_, s)| *s >= RENAME_SIMILARITY)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i)
}

/// A cited source: how it reads, its reliability and the citation's best credibility.
struct Cited {
    name: String,
    reliability: Option<String>,
    credibility: Option<String>,
}

fn cited(tl: &Timeline, e: &Event) -> BTreeMap<String, Cited> {
    let mut out: BTreeMap<String, Cited> = BTreeMap::new();
    for c in &e.citations {
        let s = tl.source(c.source);
        let cred = c.credibility.map(|c| c.value());
        let entry = out.entry(s.id.clone()).or_insert_with(|| Cited {
            name: s.publisher.clone(),
            reliability: s.reliability.map(|r| r.letter().to_string()),
            credibility: None,
        });
        // The best (lowest) credibility of the source's citations in this event.
        let best = entry
            .credibility
            .as_deref()
            .and_then(|v| v.parse::<u8>().ok());
        if let Some(v) = cred
            && best.is_none_or(|b| v < b)
        {
            entry.credibility = Some(v.to_string());
        }
    }
    out
}

/// What differs between one event in two timelines.
pub(super) fn fields(old_tl: &Timeline, o: &Event, new_tl: &Timeline, n: &Event) -> Vec<Field> {
    let mut out = Vec::new();
    let (od, nd) = (o.written_date(), n.written_date());
    if od != nd {
        out.push(Field::Date { old: od, new: nd });
    }
    if o.title != n.title {
        out.push(Field::Title {
            old: o.title.clone(),
            new: n.title.clone(),
        });
    }
    if o.summary != n.summary {
        let (a, b) = (
            o.summary.as_deref().unwrap_or(""),
            n.summary.as_deref().unwrap_or(""),
        );
        out.push(Field::Summary {
            diff: super::words::diff(a, b),
        });
    }
    out.extend(sourcing(&cited(old_tl, o), &cited(new_tl, n)));
    let rel = |tl: &Timeline, e: &Event| -> BTreeSet<(String, String)> {
        e.related
            .iter()
            .map(|l| {
                let id = tl.events[l.event as usize].id.clone();
                (id, l.kind.as_str().to_string())
            })
            .collect()
    };
    let (or, nr) = (rel(old_tl, o), rel(new_tl, n));
    for (event, kind) in nr.difference(&or) {
        out.push(Field::RelatedAdded {
            event: event.clone(),
            kind: kind.clone(),
        });
    }
    for (event, kind) in or.difference(&nr) {
        out.push(Field::RelatedRemoved {
            event: event.clone(),
            kind: kind.clone(),
        });
    }
    let tags = |tl: &Timeline, e: &Event| -> BTreeSet<String> {
        e.tags.iter().map(|&t| tl.tag(t).to_string()).collect()
    };
    let (ot, nt) = (tags(old_tl, o), tags(new_tl, n));
    out.extend(
        nt.difference(&ot)
            .map(|t| Field::TagAdded { tag: t.clone() }),
    );
    out.extend(
        ot.difference(&nt)
            .map(|t| Field::TagRemoved { tag: t.clone() }),
    );
    let actors = |tl: &Timeline, e: &Event| -> BTreeSet<String> {
        e.actors
            .iter()
            .map(|a| tl.actor(a.actor).id.clone())
            .collect()
    };
    let (oa, na) = (actors(old_tl, o), actors(new_tl, n));
    out.extend(
        na.difference(&oa)
            .map(|a| Field::ActorAdded { actor: a.clone() }),
    );
    out.extend(
        oa.difference(&na)
            .map(|a| Field::ActorRemoved { actor: a.clone() }),
    );
    if o.confidence != n.confidence {
        out.push(Field::Confidence {
            old: o.confidence.map(|c| c.label()),
            new: n.confidence.map(|c| c.label()),
        });
    }
    out
}

/// Sources added, removed and re-graded between two events' citations.
fn sourcing(old: &BTreeMap<String, Cited>, new: &BTreeMap<String, Cited>) -> Vec<Field> {
    let mut out = Vec::new();
    for (id, c) in new {
        match old.get(id) {
            None => out.push(Field::SourceAdded {
                source: id.clone(),
                name: c.name.clone(),
            }),
            Some(o) => {
                out.extend(regraded(
                    id,
                    Grade::Reliability,
                    &o.reliability,
                    &c.reliability,
                ));
                out.extend(regraded(
                    id,
                    Grade::Credibility,
                    &o.credibility,
                    &c.credibility,
                ));
            }
        }
    }
    for (id, c) in old {
        if !new.contains_key(id) {
            out.push(Field::SourceRemoved {
                source: id.clone(),
                name: c.name.clone(),
            });
        }
    }
    out
}

pub(super) fn regraded(
    id: &str,
    grade: Grade,
    old: &Option<String>,
    new: &Option<String>,
) -> Option<Field> {
    (old != new).then(|| Field::Regraded {
        source: id.to_string(),
        grade,
        old: old.clone(),
        new: new.clone(),
    })
}

/// A registry entry as named fields (in a fixed order), with how it reads.
struct Entry {
    name: String,
    fields: Vec<(&'static str, Option<String>)>,
}

fn sources(tl: &Timeline) -> BTreeMap<String, Entry> {
    tl.sources
        .iter()
        // A source written inside an event is that event's: its changes show there.
        .filter(|s| !s.inline)
        .map(|s| {
            let fields = vec![
                ("publisher", Some(s.publisher.clone())),
                ("title", s.title.clone()),
                ("url", s.url.clone()),
                ("published", s.published.map(|d| d.to_string())),
                ("author", s.author.clone()),
                ("kind", s.kind.map(|k| k.as_str().to_string())),
                ("reliability", s.reliability.map(|r| r.letter().to_string())),
                ("archive_url", s.archive_url.clone()),
            ];
            let name = s.publisher.clone();
            (s.id.clone(), Entry { name, fields })
        })
        .collect()
}

fn actors(tl: &Timeline) -> BTreeMap<String, Entry> {
    tl.actors
        .iter()
        .map(|a| {
            let aliases = (!a.aliases.is_empty()).then(|| a.aliases.join(", "));
            let fields = vec![
                ("name", Some(a.name.clone())),
                ("kind", a.kind.map(|k| k.as_str().to_string())),
                ("country", a.country.clone()),
                ("aliases", aliases),
            ];
            let name = a.name.clone();
            (a.id.clone(), Entry { name, fields })
        })
        .collect()
}

fn eras(tl: &Timeline) -> BTreeMap<String, Entry> {
    tl.eras
        .iter()
        .map(|e| {
            let fields = vec![
                ("title", Some(e.title.clone())),
                ("date", Some(e.start.to_string())),
                ("end", e.end.map(|d| d.to_string())),
            ];
            let name = e.title.clone();
            (e.id.clone(), Entry { name, fields })
        })
        .collect()
}

fn registry(old: &BTreeMap<String, Entry>, new: &BTreeMap<String, Entry>) -> Vec<EntryChange> {
    let mut out = Vec::new();
    let ids: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    for id in ids {
        let entry = |change, e: &Entry, fields| EntryChange {
            change,
            id: id.clone(),
            name: e.name.clone(),
            fields,
        };
        match (old.get(id), new.get(id)) {
            (None, Some(n)) => out.push(entry(Change::Added, n, Vec::new())),
            (Some(o), None) => out.push(entry(Change::Removed, o, Vec::new())),
            (Some(o), Some(n)) => {
                let old_fields: HashMap<_, _> = o.fields.iter().cloned().collect();
                let fields: Vec<EntryField> = n
                    .fields
                    .iter()
                    .filter(|(f, v)| old_fields.get(f) != Some(v))
                    .map(|(f, v)| EntryField {
                        field: f,
                        old: old_fields.get(f).cloned().flatten(),
                        new: v.clone(),
                    })
                    .collect();
                if !fields.is_empty() {
                    out.push(entry(Change::Changed, n, fields));
                }
            }
            (None, None) => {}
        }
    }
    out
}
