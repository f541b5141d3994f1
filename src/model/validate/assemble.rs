//! The indexes of a timeline: by id, by tag, actor, source and era, and backlinks.

use crate::model::date::Date;
use crate::model::types::{Actor, Era, Event, EventIx, Index, Input, Link, Source, Timeline};

/// Builds the indexes of a timeline whose events are already in chronological order.
#[allow(clippy::too_many_arguments)]
pub fn assemble(
    title: String,
    summary: Option<String>,
    updated: Option<Date>,
    inputs: Vec<Input>,
    eras: Vec<Era>,
    actors: Vec<Actor>,
    sources: Vec<Source>,
    tags: Vec<String>,
    events: Vec<Event>,
) -> Timeline {
    let mut index = Index {
        event_by_id: events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as EventIx))
            .collect(),
        actor_by_id: actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i as u32))
            .collect(),
        source_by_id: sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i as u32))
            .collect(),
        era_by_id: eras
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i as u32))
            .collect(),
        tag_by_name: tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect(),
        events_by_tag: vec![Vec::new(); tags.len()],
        events_by_actor: vec![Vec::new(); actors.len()],
        events_by_source: vec![Vec::new(); sources.len()],
        events_by_era: vec![Vec::new(); eras.len()],
        backlinks: vec![Vec::new(); events.len()],
    };
    for (i, e) in events.iter().enumerate() {
        let i = i as EventIx;
        for &t in &e.tags {
            index.events_by_tag[t as usize].push(i);
        }
        for a in &e.actors {
            index.events_by_actor[a.actor as usize].push(i);
        }
        for c in &e.citations {
            let list = &mut index.events_by_source[c.source as usize];
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        for l in &e.related {
            index.backlinks[l.event as usize].push(Link {
                event: i,
                kind: l.kind,
            });
        }
        let span = e.span();
        for (x, era) in eras.iter().enumerate() {
            if era.span().overlaps(&span) {
                index.events_by_era[x].push(i);
            }
        }
    }
    Timeline {
        title,
        summary,
        updated,
        timezone: None,
        inputs,
        eras,
        actors,
        sources,
        tags,
        tag_titles: Default::default(),
        events,
        index,
    }
}
