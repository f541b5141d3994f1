//! The registries a file defines: eras, actors and sources (and the source fields an
//! inline source shares with them).

use std::collections::HashMap;

use super::builder::Builder;
use super::place::Where;
use crate::model::diag::Kind;
use crate::model::raw::{Fields, Found, Lenient, RawActor, RawEra, RawSource, Text};
use crate::model::types::{Actor, ActorKind, Era, Origin, Source, SourceKind};

/// How many times each key has been seen in a mapping, to place repeats.
pub type Seen = HashMap<String, usize>;

impl Builder<'_> {
    pub fn era(&mut self, era: Lenient<RawEra>, at: Where) {
        let e = match era {
            Lenient::Ok(e) => e,
            Lenient::Wrong(found) => {
                self.wrong_type(
                    &at,
                    "an era mapping (`id`, `title`, `short`, `start`, `end`)",
                    found,
                    None,
                );
                return;
            }
        };
        let label = match &e.id {
            Some(Lenient::Ok(t)) => format!("era '{}'", t.value),
            _ => format!("{}", at.path),
        };
        self.extra(&e.extra, RawEra::NAMES, &at, &label);
        let id = self.required_text(e.id, &at, "id", &label);
        let title = self.required_text(e.title, &at, "title", &label);
        let title = title.map(|t| self.one_line(t, &at, "title", &label));
        let short = self
            .take_text(e.short, &at, "short")
            .map(|t| self.one_line(t, &at, "short", &label))
            .filter(|t| !t.trim().is_empty());
        let start = self.required_date(e.start, &at, "start", &label);
        let end = self.date(e.end, &at, "end");
        if let (Some(s), Some(en)) = (start, end)
            && en.latest() < s.earliest()
        {
            self.err(
                Kind::EndBeforeDate,
                &at.key("end"),
                format!("{label} ends ({en}) before it starts ({s})"),
            );
        }
        let Some(id) = id else { return };
        if !self.id(&id, &at, "id", "era") {
            return;
        }
        let era = match (title, start) {
            (Some(title), Some(start)) => Some(Era {
                id: id.clone(),
                title,
                short,
                start,
                end,
                origin: Origin { input: at.input },
            }),
            _ => None,
        };
        self.eras
            .register(&mut self.diags, "era", id, at.key("id"), era);
    }

    pub fn actor(
        &mut self,
        key: Lenient<Text>,
        actor: Lenient<RawActor>,
        parent: &Where,
        seen: &mut Seen,
    ) {
        let Some(id) = self.map_key(key, parent, "actor") else {
            return;
        };
        let (key_at, at) = key_where(parent, &id, seen);
        let a = match actor {
            Lenient::Ok(a) => a,
            Lenient::Wrong(found) => {
                self.wrong_type(&at, "an actor mapping (`name`, `kind`, …)", found, None);
                return;
            }
        };
        let label = format!("actor '{id}'");
        self.extra(&a.extra, RawActor::NAMES, &at, &label);
        let name = self.required_text(a.name, &at, "name", &label);
        let name = name.map(|n| self.one_line(n, &at, "name", &label));
        let kind = self.take_text(a.kind, &at, "kind");
        let kind = self.keyword(
            kind,
            &at,
            "kind",
            ActorKind::parse,
            &ActorKind::keywords(),
            ActorKind::WHAT,
        );
        let country = self.take_text(a.country, &at, "country");
        let country = country.and_then(|c| {
            if c.len() == 2 && c.bytes().all(|b| b.is_ascii_uppercase()) {
                Some(c)
            } else {
                self.err(
                    Kind::BadValue,
                    &at.key("country"),
                    format!("country '{c}' is not an ISO 3166-1 alpha-2 code (two capital letters, such as US or RU)"),
                );
                None
            }
        });
        let aliases = self.list(
            a.aliases,
            &at,
            "aliases",
            "a list of names",
            Some("write `aliases: [DOC, Commerce Department]`"),
        );
        let mut names = Vec::new();
        for (i, al) in aliases.into_iter().enumerate() {
            match al {
                Lenient::Ok(t) => names.push(t.value),
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => {
                    self.wrong_type(&at.key("aliases").index(i), "a string", found, None)
                }
            }
        }
        if !self.id(&id, &key_at, "", "actor") {
            return;
        }
        let actor = name.map(|name| Actor {
            id: id.clone(),
            name,
            kind,
            country,
            aliases: names,
            origin: Origin { input: at.input },
        });
        self.actors
            .register(&mut self.diags, "actor", id, key_at, actor);
    }

    pub fn registry_source(
        &mut self,
        key: Lenient<Text>,
        source: Lenient<RawSource>,
        parent: &Where,
        seen: &mut Seen,
    ) {
        let Some(id) = self.map_key(key, parent, "source") else {
            return;
        };
        let (key_at, at) = key_where(parent, &id, seen);
        let s = match source {
            Lenient::Ok(s) => s,
            Lenient::Wrong(found) => {
                self.wrong_type(
                    &at,
                    "a source mapping (`publisher`, `title`, `url`, …)",
                    found,
                    None,
                );
                return;
            }
        };
        let label = format!("source '{id}'");
        self.extra(&s.extra, RawSource::NAMES, &at, &label);
        let source = self.source_fields(&at, &label, s);
        if !self.id(&id, &key_at, "", "source") {
            return;
        }
        let source = source.map(|s| Source {
            id: id.clone(),
            ..s
        });
        self.sources
            .register(&mut self.diags, "source", id, key_at, source);
    }

    /// The fields shared by `sources:` entries and inline sources, checked (the id is
    /// left empty). Unknown and repeated keys are the caller's to report.
    pub fn source_fields(&mut self, at: &Where, label: &str, s: RawSource) -> Option<Source> {
        let publisher = self.required_text(s.publisher, at, "publisher", label);
        let title = self.take_text(s.title, at, "title");
        let title = title.map(|t| self.one_line(t, at, "title", label));
        let url = self.take_text(s.url, at, "url");
        let url = self.url(url, at, "url");
        let published = self.date(s.published, at, "published");
        let author = self.take_text(s.author, at, "author");
        let kind = self.take_text(s.kind, at, "kind");
        let kind = self.keyword(
            kind,
            at,
            "kind",
            SourceKind::parse,
            &SourceKind::keywords(),
            SourceKind::WHAT,
        );
        let reliability = self.take_text(s.reliability, at, "reliability");
        let reliability = self.reliability(reliability, at);
        let archive_url = self.take_text(s.archive_url, at, "archive_url");
        let archive_url = self.url(archive_url, at, "archive_url");
        Some(Source {
            id: String::new(),
            inline: false,
            publisher: publisher?,
            title,
            url,
            published,
            author,
            kind,
            reliability,
            archive_url,
            origin: Origin { input: at.input },
        })
    }

    /// A tag's title (`tags: {kings-of-england: Kings of England}`): the words a reader
    /// sees for the tag, which events still name by the tag itself.
    pub fn tag_title(
        &mut self,
        key: Lenient<Text>,
        title: Lenient<Text>,
        parent: &Where,
        seen: &mut Seen,
    ) {
        let Some(tag) = self.map_key(key, parent, "tag") else {
            return;
        };
        let (key_at, at) = key_where(parent, &tag, seen);
        let title = match title {
            Lenient::Ok(t) => Some(self.one_line(t.value, &at, "", &format!("tag '{tag}'"))),
            Lenient::Wrong(found) => {
                self.wrong_type(&at, "the tag's title (text)", found, None);
                None
            }
        };
        let title = title.filter(|t| {
            let blank = t.trim().is_empty();
            if blank {
                self.err(
                    Kind::BadValue,
                    &at,
                    format!("tag '{tag}' has an empty title"),
                );
            }
            !blank
        });
        if !self.tag(&tag, &key_at) {
            return;
        }
        let item = title.map(|t| (tag.clone(), t));
        self.tag_titles
            .register(&mut self.diags, "tag", tag, key_at, item);
    }

    /// The id a mapping key gives, or a report that it is not a string.
    pub fn map_key(&mut self, key: Lenient<Text>, parent: &Where, what: &str) -> Option<String> {
        match key {
            Lenient::Ok(t) => Some(t.value),
            Lenient::Wrong(found) => {
                self.err(
                    Kind::WrongType,
                    parent,
                    format!(
                        "{}: {what} ids must be strings, found {}",
                        parent.path,
                        found.describe()
                    ),
                );
                None
            }
        }
    }
}

/// Where a map key sits (for ids defined as keys), counting repeats within the map, and
/// where its value is.
fn key_where(parent: &Where, key: &str, seen: &mut Seen) -> (Where, Where) {
    let nth = seen.entry(key.to_string()).or_default();
    let key_at = parent.key_name(key, *nth);
    *nth += 1;
    (key_at, parent.key(key))
}
