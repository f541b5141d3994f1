//! Once every file is read: references resolved to indexes (a reference may point into
//! another file), what needs the whole timeline checked (tags used once, sources never
//! cited, events after `updated`), and the events put in chronological order.

use std::collections::{BTreeMap, HashMap};

use super::assemble::assemble;
use super::builder::Builder;
use super::pending::{Cites, Pending};
use super::place::Where;
use super::registry::Registry;
use super::rules::did_you_mean;
use super::unparsed::Unparsed;
use crate::model::diag::{Diagnostic, Kind};
use crate::model::types::{ActorRole, Event, EventIx, Link, Origin, Timeline};

/// What building produced: the timeline (meaningful only without errors) and diagnostics.
pub struct Built {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
}

impl Builder<'_> {
    /// `unparsed`: the inputs that could not be read or parsed; a reference that may
    /// point into one of them is not reported.
    pub fn finish(mut self, unparsed: &Unparsed) -> Built {
        let mut pending = std::mem::take(&mut self.events.items);
        self.apply_zones(&mut pending);
        // Chronological: earliest instant, latest instant; events at the same instant
        // keep file order (the sort is stable and `pending` is in file order).
        let chrono = |a: &Pending, b: &Pending| {
            let (da, db) = (a.date.expect("loaded"), b.date.expect("loaded"));
            da.chrono_cmp(&db)
        };
        let mut order: Vec<usize> = (0..pending.len()).collect();
        order.sort_by(|&a, &b| chrono(&pending[a], &pending[b]));
        let mut new_ix = vec![0 as EventIx; pending.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old] = new as EventIx;
        }

        let tags = self.tags(&pending);
        let tag_by_name: HashMap<&str, u32> = tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as u32))
            .collect();
        let mut cited = vec![false; self.sources.items.len()];
        let mut events = Vec::with_capacity(pending.len());
        for (old, p) in pending.into_iter().enumerate() {
            let e = self.resolve(p, old, &new_ix, &tag_by_name, &mut cited, unparsed);
            events.push(e);
        }
        drop(tag_by_name);
        self.check_loose(unparsed);
        self.uncited(&cited, unparsed.is_whole());

        let mut events: Vec<(EventIx, Event)> = new_ix.into_iter().zip(events).collect();
        events.sort_unstable_by_key(|(ix, _)| *ix);
        let events: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
        let mut eras = std::mem::take(&mut self.eras.items);
        eras.sort_by(|a, b| a.start.chrono_cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        let mut timeline = assemble(
            self.title.take().unwrap_or_default(),
            self.summary.take(),
            self.updated.as_ref().map(|(d, _)| *d),
            self.inputs.to_vec(),
            eras,
            std::mem::take(&mut self.actors.items),
            std::mem::take(&mut self.sources.items),
            tags,
            events,
        );
        timeline.timezone = self.timezone.as_ref().map(|(z, _)| *z);
        timeline.tag_titles = self.tag_titles(&timeline.tags, unparsed);
        Built {
            timeline,
            diagnostics: self.diags,
        }
    }

    /// The tags of the events that load, sorted; and a warning for each tag used only
    /// once by any event (a typo, maybe, of one used more) and given no title.
    fn tags(&mut self, pending: &[Box<Pending>]) -> Vec<String> {
        let mut tags: Vec<String> = pending
            .iter()
            .flat_map(|p| p.tags.iter().map(|(t, _)| t.as_str()))
            .collect::<std::collections::HashSet<&str>>()
            .into_iter()
            .map(str::to_string)
            .collect();
        tags.sort_unstable();
        let uses = std::mem::take(&mut self.tag_uses);
        let mut once: Vec<(&String, &Where)> = uses
            .iter()
            .filter(|(t, (n, _))| *n == 1 && !self.tag_titles.ids.contains_key(*t))
            .map(|(t, (_, w))| (t, w))
            .collect();
        once.sort_by(|a, b| a.0.cmp(b.0));
        for (t, w) in once {
            let mut others: Vec<&str> = uses
                .iter()
                .filter(|(x, (n, _))| *x != t && *n > 1)
                .map(|(x, _)| x.as_str())
                .collect();
            others.sort_unstable();
            let mean = did_you_mean(t, others);
            let typo = if mean.is_empty() {
                String::new()
            } else {
                format!(": a typo?{mean}")
            };
            self.warn(
                Kind::TagUsedOnce,
                w,
                format!("tag '{t}' is used only once{typo}"),
            );
        }
        self.tag_uses = uses;
        tags
    }

    /// The titles of the tags events carry; a warning for each title of a tag none
    /// carries (a typo, maybe, of one that is).
    /// A tag an input that did not parse spells may be carried there: not reported.
    fn tag_titles(&mut self, tags: &[String], unparsed: &Unparsed) -> BTreeMap<String, String> {
        let mut titles = BTreeMap::new();
        for (tag, title) in std::mem::take(&mut self.tag_titles.items) {
            if tags.binary_search(&tag).is_ok() {
                titles.insert(tag, title);
            } else if !unparsed.may_define(&tag) && !self.tag_uses.contains_key(&tag) {
                let at = self.tag_titles.ids[&tag].1.clone();
                let mean = did_you_mean(&tag, tags.iter().map(String::as_str));
                self.warn(
                    Kind::TagNeverUsed,
                    &at,
                    format!("tag '{tag}' has a title but no event carries it{mean}"),
                );
            }
        }
        titles
    }

    /// The loaded event of pending event `old`, its references resolved to indexes. A
    /// reference that names nothing is reported and dropped; one that repeats another
    /// is dropped.
    fn resolve(
        &mut self,
        p: Box<Pending>,
        old: usize,
        new_ix: &[EventIx],
        tag_by_name: &HashMap<&str, u32>,
        cited: &mut [bool],
        unparsed: &Unparsed,
    ) -> Event {
        let w = p.at();
        let id = p.id.expect("loaded events have ids");
        let tags = p
            .tags
            .iter()
            .map(|(t, _)| tag_by_name[t.as_str()])
            .collect();
        let mut actors: Vec<ActorRole> = Vec::with_capacity(p.actors.len());
        for (name, role, slot) in p.actors {
            match self.actors.find(&name) {
                Ok(Some(actor)) => {
                    if !actors.iter().any(|a| a.actor == actor) {
                        actors.push(ActorRole { actor, role });
                    }
                }
                // The actor exists but is invalid: its own error says why.
                Ok(None) => {}
                Err(()) => {
                    let at = slot.place(&w, "actors", "id");
                    unknown(&mut self.diags, "actor", &name, &at, &self.actors, unparsed);
                }
            }
        }
        let mut citations = Vec::with_capacity(p.citations.len());
        for (cites, mut citation, slot) in p.citations {
            let ix = match cites {
                Cites::Registered(ix) => ix,
                Cites::Inline(_) => unreachable!("inline sources are registered with their event"),
                Cites::Registry(name) => match self.sources.find(&name) {
                    Ok(Some(ix)) => ix,
                    Ok(None) => continue,
                    Err(()) => {
                        let at = slot.place(&w, "sources", "ref");
                        unknown(
                            &mut self.diags,
                            "source",
                            &name,
                            &at,
                            &self.sources,
                            unparsed,
                        );
                        continue;
                    }
                },
            };
            if let Some(c) = cited.get_mut(ix as usize) {
                *c = true;
            }
            citation.source = ix;
            citations.push(citation);
        }
        let mut related: Vec<Link> = Vec::with_capacity(p.related.len());
        for (name, kind, slot) in p.related {
            match self.events.find(&name) {
                Ok(None) => {}
                Ok(Some(target)) if target as usize == old => {
                    self.err(
                        Kind::BadValue,
                        &slot.place(&w, "related", "id"),
                        format!("event '{id}' lists itself as related"),
                    );
                }
                Ok(Some(target)) => {
                    let event = new_ix[target as usize];
                    if !related.iter().any(|l| l.event == event) {
                        related.push(Link { event, kind });
                    }
                }
                // Every id seen is a candidate, also those of events that did not load
                // (their own errors say why).
                Err(()) => {
                    let at = slot.place(&w, "related", "id");
                    unknown(&mut self.diags, "event", &name, &at, &self.events, unparsed);
                }
            }
        }
        if citations.is_empty() {
            self.warn(Kind::NoSource, &w, format!("event '{id}' cites no source"))
                .notes
                .push("help: add `sources: [source-id]` so readers can check the claim".into());
        }
        let date = p.date.expect("loaded");
        if let Some((updated, _)) = &self.updated
            && date.earliest() > updated.latest()
        {
            let msg = format!(
                "event '{id}' ({date}) is later than the timeline's `updated` date ({updated})"
            );
            self.warn(Kind::FutureEvent, &w.key("date"), msg);
        }
        Event {
            id,
            date,
            end: p.end,
            display_date: p.display_date,
            title: p.title.expect("loaded"),
            summary: p.summary,
            tags,
            actors,
            citations,
            related,
            confidence: p.confidence,
            media: p.media,
            origin: Origin { input: p.input },
        }
    }

    /// The references of events that did not load.
    fn check_loose(&mut self, unparsed: &Unparsed) {
        for (what, id, w) in std::mem::take(&mut self.loose_refs) {
            let missing = match what {
                "actor" => self.actors.find(&id).is_err(),
                "source" => self.sources.find(&id).is_err(),
                _ => self.events.find(&id).is_err(),
            };
            if !missing {
                continue;
            }
            match what {
                "actor" => unknown(&mut self.diags, what, &id, &w, &self.actors, unparsed),
                "source" => unknown(&mut self.diags, what, &id, &w, &self.sources, unparsed),
                _ => unknown(&mut self.diags, what, &id, &w, &self.events, unparsed),
            }
        }
    }

    /// A warning for each registry source that no event cites.
    fn uncited(&mut self, cited: &[bool], complete: bool) {
        if !complete {
            return;
        }
        let uncited: Vec<(String, Where)> = self
            .sources
            .items
            .iter()
            .enumerate()
            .filter(|(ix, s)| !s.inline && !cited[*ix] && !self.cited_ids.contains(&s.id))
            .filter_map(|(_, s)| {
                let (_, w) = self.sources.ids.get(&s.id)?;
                Some((s.id.clone(), w.clone()))
            })
            .collect();
        for (id, at) in uncited {
            self.warn(
                Kind::SourceNeverCited,
                &at,
                format!("source '{id}' is never cited"),
            );
        }
    }
}

/// Reports a reference to a `what` that `registry` does not define, unless an input that
/// did not parse may define it.
fn unknown<T>(
    diags: &mut Vec<Diagnostic>,
    what: &str,
    id: &str,
    at: &Where,
    registry: &Registry<T>,
    unparsed: &Unparsed,
) {
    if unparsed.may_define(id) {
        return;
    }
    let mean = did_you_mean(id, registry.known());
    diags.push(Diagnostic::error(
        Kind::UnknownReference,
        at.at(),
        format!("unknown {what} '{id}'{mean}"),
    ));
}
