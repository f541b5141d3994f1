//! One file's part of the timeline: its top-level fields, its registries and its events,
//! in file order.

use super::builder::Builder;
use super::definitions::Seen;
use super::pending::ParsedFile;
use super::place::Where;
use super::rules::FORMAT_VERSION;
use crate::model::diag::{At, Diagnostic, Kind};
use crate::model::raw::{EventList, Fields, Found, Int, Lenient, RawFile};

impl Builder<'_> {
    pub fn file(&mut self, input: u16, parsed: ParsedFile) {
        let root = Where::root(input);
        let f = match parsed.file {
            Lenient::Ok(f) => f,
            Lenient::Wrong(Found::Null) => {
                self.diags.push(
                    Diagnostic::error(
                        Kind::MissingField,
                        At::File { input },
                        "the file holds no timeline (it is empty or only comments)",
                    )
                    .note(
                        "help: a timeline file is a mapping with at least `title:` and `events:`",
                    ),
                );
                return;
            }
            Lenient::Wrong(found) => {
                self.diags.push(Diagnostic::error(
                    Kind::WrongType,
                    At::File { input },
                    format!(
                        "expected a timeline mapping (with `title` and `events`), found {}",
                        found.describe()
                    ),
                ));
                return;
            }
        };
        self.extra(&f.extra, RawFile::NAMES, &root, "the timeline");
        match f.version {
            None => {}
            Some(Lenient::Ok(Int(v))) if v == FORMAT_VERSION => {}
            Some(Lenient::Ok(Int(v))) => {
                let msg = if v > FORMAT_VERSION {
                    format!(
                        "format version {v} is newer than this tlx reads (version {FORMAT_VERSION}): upgrade tlx"
                    )
                } else {
                    format!("format version {v} does not exist: the format starts at version 1")
                };
                self.err(Kind::Version, &root.key("version"), msg);
            }
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&root.key("version"), "an integer", found, None)
            }
        }
        if let Some(t) = self.take_text(f.title, &root, "title") {
            let t = self.one_line(t, &root, "title", "the timeline");
            if self.title.is_none() && !t.trim().is_empty() {
                self.title = Some(t);
            }
        }
        if let Some(s) = self.take_text(f.summary, &root, "summary")
            && self.summary.is_none()
        {
            self.summary = Some(s.trim_end().to_string());
        }
        if let Some(d) = self.date(f.updated, &root, "updated")
            && self.updated.is_none()
        {
            self.updated = Some((d, root.key("updated")));
        }
        if let Some(tz) = self.zone(f.timezone, &root, "timezone") {
            match &self.timezone {
                Some((first, _)) if *first != tz => {
                    let msg = format!(
                        "the timeline's timezone is {} in one file and {} in another",
                        first.name(),
                        tz.name()
                    );
                    self.err(Kind::BadDate, &root.key("timezone"), msg)
                        .notes
                        .push("help: declare the zone once; an event in another zone gives its own `timezone`".into());
                }
                Some(_) => {}
                None => self.timezone = Some((tz, root.key("timezone"))),
            }
        }
        let eras = self.list(f.eras, &root, "eras", "a list of eras", None);
        for (i, era) in eras.into_iter().enumerate() {
            self.era(era, root.key("eras").index(i));
        }
        let actors = self.id_map(
            f.actors,
            &root,
            "actors",
            "a mapping of actor ids to actors",
        );
        let mut seen = Seen::new();
        for (key, actor) in actors {
            self.actor(key, actor, &root.key("actors"), &mut seen);
        }
        let sources = self.id_map(
            f.sources,
            &root,
            "sources",
            "a mapping of source ids to sources",
        );
        let mut seen = Seen::new();
        for (key, source) in sources {
            self.registry_source(key, source, &root.key("sources"), &mut seen);
        }
        let tags = self.id_map(f.tags, &root, "tags", "a mapping of tags to their titles");
        let mut seen = Seen::new();
        for (key, title) in tags {
            self.tag_title(key, title, &root.key("tags"), &mut seen);
        }
        match f.events {
            None => self.diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    At::File { input },
                    "missing required field 'events'",
                )
                .note("help: a file that only holds actors or sources can write `events: []`"),
            ),
            Some(Lenient::Wrong(Found::Null)) | Some(Lenient::Ok(EventList { .. })) => {}
            Some(Lenient::Wrong(found)) => self.wrong_type(
                &root.key("events"),
                "a list of events",
                found,
                Some("write each event as an item: `- id: …`"),
            ),
        }
        self.events.items.reserve(parsed.events.len());
        for c in parsed.events {
            self.diags.extend(c.diags);
            if let Some(e) = c.event {
                self.register_event(e);
            }
        }
    }
}
