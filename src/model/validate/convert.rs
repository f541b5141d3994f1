//! An event checked on its own, as soon as it is parsed (on the thread parsing it), so
//! that the raw structs of a whole file never exist at once; then registered in file
//! order, once the events before it are.

use super::builder::Builder;
use super::pending::{Cites, Converted, ParsedFile, Pending};
use super::place::{RefAt, Where};
use crate::model::diag::Kind;
use crate::model::raw::{
    ActorRef, Fields, Found, Int, Lenient, RawActorRef, RawCitation, RawEvent, RawFile, RawRelated,
    RelatedRef, SourceRef,
};
use crate::model::types::{Citation, Confidence, Credibility, RelKind};

/// Checks item `item` of the `events` list of input `input`.
pub fn convert(input: u16, item: usize, ev: Lenient<RawEvent>) -> Converted {
    let mut b = Builder::new(&[]);
    let event = b.convert_event(ev, input, item).map(Box::new);
    Converted {
        diags: b.diags,
        event,
    }
}

impl Builder<'_> {
    fn convert_event(&mut self, ev: Lenient<RawEvent>, input: u16, item: usize) -> Option<Pending> {
        let at = Where::event(input, item);
        let e = match ev {
            Lenient::Ok(e) => e,
            Lenient::Wrong(found) => {
                self.wrong_type(
                    &at,
                    "an event mapping (`id`, `date`, `title`, …)",
                    found,
                    Some("each event is a mapping: `- id: …` then `date: …` on the next lines"),
                );
                return None;
            }
        };
        let label = match &e.id {
            Some(Lenient::Ok(t)) if !t.value.is_empty() => format!("event '{}'", t.value),
            _ => format!("{}", at.path),
        };
        self.extra(&e.extra, RawEvent::NAMES, &at, &label);
        let id = self.required_text(e.id, &at, "id", &label);
        let date = self.required_date(e.date, &at, "date", &label);
        let end = self.date(e.end, &at, "end");
        if let (Some(d), Some(en)) = (date, end)
            && en.latest() < d.earliest()
        {
            self.err(
                Kind::EndBeforeDate,
                &at.key("end"),
                format!("{label} ends ({en}) before its date ({d})"),
            );
        }
        let timezone = self.zone(e.timezone, &at, "timezone");
        let display_date = self.take_text(e.display_date, &at, "display_date");
        let display_date = display_date.map(|t| self.one_line(t, &at, "display_date", &label));
        let title = self.required_text(e.title, &at, "title", &label);
        let title = title.map(|t| self.one_line(t, &at, "title", &label));
        let summary = self.take_text(e.summary, &at, "summary");
        let summary = summary
            .map(|s| s.trim_end().to_string())
            .filter(|s| !s.is_empty());
        let confidence = self.take_text(e.confidence, &at, "confidence");
        let confidence = self.keyword(
            confidence,
            &at,
            "confidence",
            Confidence::parse,
            &Confidence::keywords(),
            Confidence::WHAT,
        );

        let raw_tags = self.list(
            e.tags,
            &at,
            "tags",
            "a list of tags",
            Some("write `tags: [policy, legal]`"),
        );
        let mut tags: Vec<(String, RefAt)> = Vec::with_capacity(raw_tags.len());
        for (i, t) in raw_tags.into_iter().enumerate() {
            match t {
                Lenient::Ok(t) => {
                    if self.tag(&t.value, &at.key("tags").index(i))
                        && !tags.iter().any(|(x, _)| *x == t.value)
                    {
                        tags.push((t.value, RefAt::new(i, false)));
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => self.wrong_type(
                    &at.key("tags").index(i),
                    "a tag (a lower-case word)",
                    found,
                    None,
                ),
            }
        }

        let raw_actors = self.list(
            e.actors,
            &at,
            "actors",
            "a list of actors",
            Some("write `actors: [commerce, {id: kaspersky, role: target}]`"),
        );
        let mut actors = Vec::with_capacity(raw_actors.len());
        for (i, a) in raw_actors.into_iter().enumerate() {
            let aat = at.key("actors").index(i);
            match a {
                Lenient::Ok(ActorRef::Id(id)) => actors.push((id, None, RefAt::new(i, false))),
                Lenient::Ok(ActorRef::Full(r)) => {
                    if let Some((id, role)) = self.actor_ref(r, &aat) {
                        actors.push((id, role, RefAt::new(i, true)));
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => {
                    self.wrong_type(&aat, "an actor id or `{id, role}`", found, None)
                }
            }
        }

        let event_id = id.clone().unwrap_or_default();
        let raw_sources = self.list(
            e.sources,
            &at,
            "sources",
            "a list of sources",
            Some("write `sources: [source-id]` or a list of `- ref: source-id` items"),
        );
        let mut citations = Vec::with_capacity(raw_sources.len());
        for (i, s) in raw_sources.into_iter().enumerate() {
            let sat = at.key("sources").index(i);
            match s {
                Lenient::Ok(SourceRef::Id(id)) => citations.push((
                    Cites::Registry(id),
                    Citation {
                        source: 0,
                        quote: None,
                        locator: None,
                        credibility: None,
                    },
                    RefAt::new(i, false),
                )),
                Lenient::Ok(SourceRef::Full(c)) => {
                    if let Some((c, cites)) = self.citation(*c, &sat, &event_id, i) {
                        let mapped = matches!(cites, Cites::Registry(_));
                        citations.push((cites, c, RefAt::new(i, mapped)));
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => self.wrong_type(
                    &sat,
                    "a source id, `{ref, quote, …}` or an inline source",
                    found,
                    None,
                ),
            }
        }

        let raw_related = self.list(
            e.related,
            &at,
            "related",
            "a list of related events",
            Some("write `related: [event-id, {id: event-id, type: response}]`"),
        );
        let mut related = Vec::with_capacity(raw_related.len());
        for (i, r) in raw_related.into_iter().enumerate() {
            let rat = at.key("related").index(i);
            match r {
                Lenient::Ok(RelatedRef::Id(id)) => {
                    related.push((id, RelKind::Context, RefAt::new(i, false)))
                }
                Lenient::Ok(RelatedRef::Full(r)) => {
                    if let Some((id, kind)) = self.related_ref(r, &rat) {
                        related.push((id, kind, RefAt::new(i, true)));
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => {
                    self.wrong_type(&rat, "an event id or `{id, type}`", found, None)
                }
            }
        }

        let media = self.media(e.media, &at);
        let id = id.filter(|id| self.id(id, &at, "id", "event"));
        Some(Pending {
            input,
            item: u32::try_from(item).unwrap_or(u32::MAX),
            id,
            date,
            end,
            display_date,
            timezone,
            title,
            summary,
            confidence,
            tags,
            actors,
            citations,
            related,
            media,
        })
    }

    fn actor_ref(&mut self, r: RawActorRef, at: &Where) -> Option<(String, Option<String>)> {
        let label = format!("{}", at.path);
        self.extra(&r.extra, RawActorRef::NAMES, at, &label);
        let id = self.required_text(r.id, at, "id", &label);
        let role = self.take_text(r.role, at, "role");
        Some((id?, role))
    }

    fn related_ref(&mut self, r: RawRelated, at: &Where) -> Option<(String, RelKind)> {
        let label = format!("{}", at.path);
        self.extra(&r.extra, RawRelated::NAMES, at, &label);
        let id = self.required_text(r.id, at, "id", &label);
        let kind = self.take_text(r.kind, at, "type");
        let kind = match kind {
            None => Some(RelKind::Context),
            k => self.keyword(
                k,
                at,
                "type",
                RelKind::parse,
                &RelKind::keywords(),
                RelKind::WHAT,
            ),
        };
        Some((id?, kind?))
    }

    fn citation(
        &mut self,
        c: RawCitation,
        at: &Where,
        event_id: &str,
        position: usize,
    ) -> Option<(Citation, Cites)> {
        let label = format!("{}", at.path);
        self.extra(&c.source.extra, RawCitation::NAMES, at, &label);
        let quote = self.take_text(c.quote, at, "quote");
        let quote = quote.map(|q| q.trim_end().to_string());
        let locator = self.take_text(c.locator, at, "locator");
        let credibility = self.credibility(c.credibility, at);
        let citation = Citation {
            source: 0,
            quote,
            locator,
            credibility,
        };
        let inline_fields = c.source.present();
        if c.reference.is_some() {
            let reference = self.required_text(c.reference, at, "ref", &label);
            if !inline_fields.is_empty() {
                self.err(
                    Kind::BadValue,
                    at,
                    format!(
                        "{label}: a citation with 'ref' points into the source registry and cannot also have {}",
                        inline_fields.iter().map(|k| format!("'{k}'")).collect::<Vec<_>>().join(", ")
                    ),
                )
                .notes
                .push("help: put those fields on the source in `sources:`, or drop 'ref' to write an inline source".into());
            }
            return Some((citation, Cites::Registry(reference?)));
        }
        if inline_fields.is_empty() {
            self.err(
                Kind::MissingField,
                at,
                format!("{label}: a source needs 'ref' (a source id from `sources:`) or 'publisher' (an inline source)"),
            );
            return None;
        }
        let mut source = self.source_fields(at, &label, c.source)?;
        source.id = format!("{event_id}/{}", position + 1);
        source.inline = true;
        Some((citation, Cites::Inline(Box::new(source))))
    }

    fn credibility(&mut self, v: Option<Lenient<Int>>, at: &Where) -> Option<Credibility> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => None,
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(
                    &at.key("credibility"),
                    "an integer from 1 to 6",
                    found,
                    None,
                );
                None
            }
            Some(Lenient::Ok(Int(n))) => {
                let c = Credibility::new(n);
                if c.is_none() {
                    self.err(
                        Kind::BadValue,
                        &at.key("credibility"),
                        format!("credibility {n} is out of range: the Admiralty scale runs from 1 to 6"),
                    )
                    .notes
                    .push("help: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged".into());
                }
                c
            }
        }
    }

    /// Registers a checked event in file order: its inline sources, tag uses, cited ids
    /// and id (a repeated id is reported here). An event without a valid id, date and
    /// title is not loaded, but its references are still checked.
    pub fn register_event(&mut self, mut e: Box<Pending>) {
        let w = e.at();
        for (cites, _, _) in &mut e.citations {
            match cites {
                Cites::Inline(_) => {
                    let Cites::Inline(source) = std::mem::replace(cites, Cites::Registered(0))
                    else {
                        unreachable!()
                    };
                    *cites = Cites::Registered(self.sources.push(*source));
                }
                Cites::Registry(id) => {
                    if !self.cited_ids.contains(id.as_str()) {
                        self.cited_ids.insert(id.clone());
                    }
                }
                Cites::Registered(_) => {}
            }
        }
        for (t, slot) in &e.tags {
            match self.tag_uses.get_mut(t) {
                Some(uses) => uses.0 += 1,
                None => {
                    let first = slot.place(&w, "tags", "");
                    self.tag_uses.insert(t.clone(), (1, first));
                }
            }
        }
        let valid = e.date.is_some() && e.title.is_some();
        let fresh =
            e.id.as_ref()
                .is_some_and(|id| !self.events.ids.contains_key(id));
        match e.id.clone() {
            Some(id) if fresh && valid => {
                self.events
                    .register(&mut self.diags, "event", id, w.key("id"), Some(e));
            }
            Some(id) => {
                // A repeat, or an event that does not load: its id is known all the same.
                self.events
                    .register(&mut self.diags, "event", id, w.key("id"), None);
                self.keep_loose(&e, &w);
            }
            None => self.keep_loose(&e, &w),
        }
    }

    /// Keeps the references of an event that does not load, to check them at the end.
    fn keep_loose(&mut self, e: &Pending, w: &Where) {
        for (id, _, slot) in &e.actors {
            self.loose_refs
                .push(("actor", id.clone(), slot.place(w, "actors", "id")));
        }
        for (cites, _, slot) in &e.citations {
            if let Cites::Registry(id) = cites {
                self.loose_refs
                    .push(("source", id.clone(), slot.place(w, "sources", "ref")));
            }
        }
        for (id, _, slot) in &e.related {
            self.loose_refs
                .push(("event", id.clone(), slot.place(w, "related", "id")));
        }
    }
}

impl ParsedFile {
    /// A file read as plain YAML, every item of its `events` list still raw: its events
    /// checked now, in order.
    pub fn from_raw(input: u16, mut file: Lenient<RawFile>) -> ParsedFile {
        let items = match &mut file {
            Lenient::Ok(RawFile {
                events: Some(Lenient::Ok(list)),
                ..
            }) => std::mem::take(&mut list.items),
            _ => Vec::new(),
        };
        let events = items
            .into_iter()
            .enumerate()
            .map(|(i, ev)| convert(input, i, ev))
            .collect();
        ParsedFile { file, events }
    }
}
