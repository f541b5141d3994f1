//! From raw files to one [`Timeline`]: every rule of the format, every problem collected.
//!
//! Files are taken in load order. Definitions (eras, actors, sources, events) from all
//! files share one namespace per kind; references are resolved once everything is read,
//! so a reference may point into another file. Diagnostics carry a [`Path`]; the loader
//! turns paths into lines and columns afterwards.

use std::collections::HashMap;

use super::date::Date;
use super::diag::{At, Diagnostic, Kind, Path};
use super::raw::{
    ActorRef, EventItem, EventList, Extra, Fields, Found, IdMap, Int, Lenient, List, RawActor,
    RawActorRef, RawCitation, RawEra, RawEvent, RawFile, RawRelated, RawSource, RelatedRef,
    SourceRef, Text,
};
use super::types::{
    Actor, ActorIx, ActorKind, ActorRole, Citation, Confidence, Credibility, Era, Event, EventIx,
    Index, Input, Link, Origin, RelKind, Reliability, Source, SourceIx, SourceKind, TagIx,
    Timeline,
};

/// The newest format version this build reads.
pub const FORMAT_VERSION: i128 = 1;

/// The longest word (in bytes) for which a "did you mean" is looked for: the edit
/// distance is quadratic, and a hostile file may hold ids megabytes long.
const MAX_SUGGESTED_WORD: usize = 256;

/// ` (did you mean 'x'?)`, or nothing (always nothing for an overlong word).
fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    if word.len() > MAX_SUGGESTED_WORD {
        return String::new();
    }
    crate::suggest::did_you_mean(word, candidates)
}

/// What building produced: the timeline (meaningful only without errors) and diagnostics.
pub struct Built {
    pub timeline: Timeline,
    pub diagnostics: Vec<Diagnostic>,
}

/// Is `s` a valid id: `[a-z0-9][a-z0-9-]*`?
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// A valid id close to `s` (lower-cased, runs of other characters turned into `-`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Is `url` an http(s) URL with a host and nothing that could not be part of one?
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with('@')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[derive(Clone, Debug)]
struct Where {
    input: u16,
    path: Lazy,
}

impl Where {
    fn at(&self) -> At {
        At::Path {
            input: self.input,
            path: self.path.to_path(),
        }
    }
    fn key(&self, k: &'static str) -> Where {
        Where {
            input: self.input,
            path: self.path.key(k),
        }
    }
    /// [`Where::key`] for a key that is not a field name (an id defined as a key).
    fn key_owned(&self, k: &str) -> Where {
        Where {
            input: self.input,
            path: Lazy::Built(self.path.to_path().key(k)),
        }
    }
    fn index(&self, i: usize) -> Where {
        Where {
            input: self.input,
            path: self.path.index(i),
        }
    }
}

/// A [`Path`] made only when something is reported. Most places are a value of an event
/// (`events[3].sources[1].ref`): a few field names and indexes, kept here in a few bytes
/// without allocating, where a [`Path`] allocates for each step. Building a
/// 100,000-event timeline makes about a million of them, and reports on few.
#[derive(Clone, Debug)]
enum Lazy {
    Built(Path),
    /// Steps from the root: an index, or (high bit set) a field name from [`FIELDS`].
    Short {
        steps: [u32; SHORT],
        len: u8,
    },
}

/// How many steps a [`Lazy::Short`] holds.
const SHORT: usize = 5;
/// Marks a step of [`Lazy::Short`] as a field name.
const FIELD: u32 = 1 << 31;

/// The field names a [`Lazy::Short`] can hold (others make a [`Lazy::Built`]).
const FIELDS: &[&str] = &[
    "events",
    "id",
    "date",
    "end",
    "display_date",
    "title",
    "summary",
    "tags",
    "actors",
    "sources",
    "related",
    "confidence",
    "role",
    "type",
    "ref",
    "quote",
    "locator",
    "credibility",
    "publisher",
    "url",
    "published",
    "author",
    "kind",
    "reliability",
    "archive_url",
];

impl Lazy {
    fn root() -> Lazy {
        Lazy::Short {
            steps: [0; SHORT],
            len: 0,
        }
    }

    fn push(&self, step: Option<u32>, build: impl FnOnce(Path) -> Path) -> Lazy {
        match (self, step) {
            (Lazy::Short { steps, len }, Some(step)) if (*len as usize) < SHORT => {
                let mut steps = *steps;
                steps[*len as usize] = step;
                Lazy::Short {
                    steps,
                    len: len + 1,
                }
            }
            _ => Lazy::Built(build(self.to_path())),
        }
    }

    fn key(&self, k: &'static str) -> Lazy {
        let field = FIELDS
            .iter()
            .position(|f| *f == k)
            .map(|i| FIELD | i as u32);
        self.push(field, |p| p.key(k))
    }

    fn index(&self, i: usize) -> Lazy {
        let step = u32::try_from(i).ok().filter(|i| i & FIELD == 0);
        self.push(step, |p| p.index(i))
    }

    fn key_name(&self, k: &str, nth: usize) -> Lazy {
        Lazy::Built(self.to_path().key_name(k, nth))
    }

    fn to_path(&self) -> Path {
        match self {
            Lazy::Built(p) => p.clone(),
            Lazy::Short { steps, len } => {
                steps[..*len as usize].iter().fold(Path::root(), |p, &s| {
                    if s & FIELD != 0 {
                        p.key(FIELDS[(s & !FIELD) as usize])
                    } else {
                        p.index(s as usize)
                    }
                })
            }
        }
    }
}

impl std::fmt::Display for Lazy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.to_path().fmt(f)
    }
}

/// Where a reference sits in its event: its index in the event's list, with [`MAPPED`]
/// set when it is written as a mapping (`{id: …}`, `{ref: …}`) and so is placed at the
/// mapping's id field. Four bytes where a [`Where`] takes forty: an event makes several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Slot(u32);

/// Marks a [`Slot`] written as a mapping.
const MAPPED: u32 = 1 << 31;

impl Slot {
    fn new(i: usize, mapped: bool) -> Slot {
        let i = u32::try_from(i).unwrap_or(u32::MAX) & !MAPPED;
        Slot(if mapped { i | MAPPED } else { i })
    }

    /// The place of the reference in list `list` of the event at `at`, whose id field in
    /// a mapping is `field`.
    fn place(self, at: &Where, list: &'static str, field: &'static str) -> Where {
        let item = at.key(list).index((self.0 & !MAPPED) as usize);
        if self.0 & MAPPED != 0 {
            item.key(field)
        } else {
            item
        }
    }
}

/// Where an event is: item `item` of the `events` list of input `input`. Eight bytes
/// where a [`Where`] takes forty.
#[derive(Clone, Copy, Debug)]
struct EventAt {
    input: u16,
    item: u32,
}

impl EventAt {
    fn new(at: &Where, item: usize) -> EventAt {
        EventAt {
            input: at.input,
            item: u32::try_from(item).unwrap_or(u32::MAX),
        }
    }
    fn at(self) -> Where {
        Where {
            input: self.input,
            path: Lazy::root(),
        }
        .key("events")
        .index(self.item as usize)
    }
}

/// Where a name is in [`Unresolved::names`]: its start and end.
#[derive(Clone, Copy, Debug)]
struct Span(u32, u32);

/// Marks the [`Span`] of a citation that is an inline source (it names nothing).
const INLINE: Span = Span(u32::MAX, u32::MAX);

/// What an event's references name, until they are resolved: the event itself holds its
/// references at their exact length, each pointing at index 0 for now.
#[derive(Debug, Default)]
struct Unresolved {
    /// The ids referred to, one after another: one allocation where a string each
    /// would take several.
    names: Box<str>,
    /// One for each reference: the event's tags, then its actors, citations (an inline
    /// source has [`INLINE`]) and related events.
    spans: Box<[(Span, Slot)]>,
}

impl Span {
    fn is_inline(self) -> bool {
        self.0 == INLINE.0 && self.1 == INLINE.1
    }
    /// The name in `names` (empty past its end, which only an event with more than
    /// 4 GiB of names, or an inline source's span, reaches).
    fn of(self, names: &str) -> &str {
        names.get(self.0 as usize..self.1 as usize).unwrap_or("")
    }
}

impl Unresolved {
    fn name(&self, span: Span) -> &str {
        span.of(&self.names)
    }
}

/// Builds an [`Unresolved`] as an event is read.
#[derive(Default)]
struct Names {
    names: String,
    spans: Vec<(Span, Slot)>,
}

impl Names {
    fn push(&mut self, name: &str, slot: Slot) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let start = at(self.names.len());
        self.names.push_str(name);
        self.spans.push((Span(start, at(self.names.len())), slot));
    }
    /// Has `name` been pushed already?
    fn has(&self, name: &str) -> bool {
        self.spans.iter().any(|&(sp, _)| sp.of(&self.names) == name)
    }
    fn done(self) -> Unresolved {
        Unresolved {
            names: self.names.into_boxed_str(),
            spans: self.spans.into_boxed_slice(),
        }
    }
}

/// What a citation cites.
enum Cites {
    /// A source of the registry, by id.
    Registry(String),
    /// A source written in the event, checked.
    Inline(Box<Source>),
}

/// What a registered event still has to resolve once everything is read.
struct Pending {
    at: EventAt,
    refs: Unresolved,
}

struct Builder<'a> {
    inputs: &'a [Input],
    diags: Vec<Diagnostic>,
    title: Option<String>,
    summary: Option<String>,
    updated: Option<(Date, Where)>,
    eras: Vec<Era>,
    era_ids: HashMap<String, Where>,
    actors: Vec<Actor>,
    actor_ids: HashMap<String, (Option<ActorIx>, Where)>,
    sources: Vec<Source>,
    source_ids: HashMap<String, (Option<SourceIx>, Where)>,
    /// The events that load, in file order, with their references still by name in
    /// `pending` (the same length).
    events: Vec<Event>,
    pending: Vec<Pending>,
    /// References made by events that did not load, checked all the same.
    loose_refs: Vec<(&'static str, String, Where)>,
    /// Source ids cited anywhere, by valid events or not (for "never cited").
    cited_ids: std::collections::HashSet<String>,
    /// Tag uses anywhere, by valid events or not (for "used once"), with the first.
    tag_uses: HashMap<String, (usize, Where)>,
    /// Every event id seen, with its event when the event itself is valid.
    event_ids: HashMap<String, (Option<u32>, EventAt)>,
}

/// Builds the timeline from the files that parsed. `complete` is false when some input
/// could not be read or parsed: references that may point into it are then not reported.
pub fn build(inputs: &[Input], files: Vec<(u16, Lenient<RawFile>)>, complete: bool) -> Built {
    // What the parse freed (its threads' scratch) goes back before building.
    crate::alloc::collect();
    let mut b = Builder::new(inputs);
    let any_timeline = files.iter().any(|(_, f)| matches!(f, Lenient::Ok(_)));
    for (input, file) in files {
        b.file(input, file);
    }
    b.finish_build(any_timeline, complete)
}

/// How many events are registered between two hand-backs of freed memory.
const COLLECT_EVERY: usize = 8192;

/// What an item of `events` became as it was parsed ([`converting`]): the checks that
/// need nothing but the event itself, done, with what they found.
#[derive(Debug)]
pub struct Converted {
    diags: Vec<Diagnostic>,
    event: Option<ConvertedEvent>,
}

/// An event through the checks that need nothing but itself; registering it (ids, tags,
/// inline sources) comes next, in file order.
#[derive(Debug)]
struct ConvertedEvent {
    at: EventAt,
    /// The id, when present and valid.
    id: Option<String>,
    date: Option<Date>,
    end: Option<Date>,
    display_date: Option<String>,
    title: Option<String>,
    summary: Option<String>,
    confidence: Option<Confidence>,
    /// The references, at their exact length, each pointing at index 0 until `refs`
    /// is resolved (an inline source's citation points at its source once registered).
    tags: Vec<TagIx>,
    actors: Vec<ActorRole>,
    citations: Vec<Citation>,
    related: Vec<Link>,
    refs: Unresolved,
    /// The inline sources, with the index of the citation that writes each.
    inline: Vec<(usize, Box<Source>)>,
}

/// Runs `parse` (a serde-saphyr parse of file `input`) converting each item of its
/// `events` list as it is read, the first being item `first` of the file's list (a
/// piece of a cut file starts further on). The raw structs of one event exist at a
/// time, not those of the whole file.
pub(crate) fn converting<R>(input: u16, first: usize, parse: impl FnOnce() -> R) -> R {
    let mut scratch = Builder::new(&[]);
    let root = Where {
        input,
        path: Lazy::root(),
    };
    super::raw::with_hook(
        Box::new(move |i, ev| {
            let event = scratch.convert_event(ev, EventAt::new(&root, first + i));
            super::raw::EventItem::Done(Box::new(Converted {
                diags: std::mem::take(&mut scratch.diags),
                event,
            }))
        }),
        parse,
    )
}

impl<'a> Builder<'a> {
    fn new(inputs: &'a [Input]) -> Builder<'a> {
        Builder {
            inputs,
            diags: Vec::new(),
            title: None,
            summary: None,
            updated: None,
            eras: Vec::new(),
            era_ids: HashMap::new(),
            actors: Vec::new(),
            actor_ids: HashMap::new(),
            sources: Vec::new(),
            source_ids: HashMap::new(),
            events: Vec::new(),
            pending: Vec::new(),
            cited_ids: std::collections::HashSet::new(),
            loose_refs: Vec::new(),
            tag_uses: HashMap::new(),
            event_ids: HashMap::new(),
        }
    }

    fn finish_build(self, any_timeline: bool, complete: bool) -> Built {
        let mut b = self;
        if b.title.is_none() && any_timeline && complete {
            b.diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    At::File { input: 0 },
                    "missing required field 'title': no file gives the timeline a title",
                )
                .note("help: add a line such as `title: My timeline` at the top of the first file"),
            );
        }
        b.finish(complete)
    }
}

impl Builder<'_> {
    fn err(&mut self, kind: Kind, at: &Where, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(kind, at.at(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn warn(&mut self, kind: Kind, at: &Where, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(kind, at.at(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    fn wrong_type(&mut self, at: &Where, expected: &str, found: Found, hint: Option<&str>) {
        let path = at.path.to_string();
        let msg = format!("{path}: expected {expected}, found {}", found.describe());
        let d = self.err(Kind::WrongType, at, msg);
        if let Some(h) = hint {
            d.notes.push(format!("help: {h}"));
        }
    }

    /// Unknown and repeated keys of a mapping.
    fn extra(&mut self, extra: &Extra, names: &[&str], at: &Where, what: &str) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for k in &extra.unknown {
            let nth = counts.entry(k.as_str()).or_default();
            let pos = Where {
                input: at.input,
                path: at.path.key_name(k, *nth),
            };
            *nth += 1;
            let msg = format!(
                "unknown field '{k}' in {what}{}",
                did_you_mean(k, names.iter().copied())
            );
            let d = self.err(Kind::UnknownField, &pos, msg);
            d.notes
                .push(format!("help: expected one of: {}", names.join(", ")));
        }
        for k in &extra.repeated {
            let pos = Where {
                input: at.input,
                path: at.path.key_name(k, 1),
            };
            self.err(
                Kind::RepeatedKey,
                &pos,
                format!("field '{k}' is given twice in {what}"),
            );
        }
    }

    fn take_text(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
    ) -> Option<String> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => None,
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), "a string", found, None);
                None
            }
            Some(Lenient::Ok(t)) => Some(t.value),
        }
    }

    /// A required text field: absent, null or blank is "missing".
    fn required_text(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
        what: &str,
    ) -> Option<String> {
        let present = v.is_some() && !matches!(v, Some(Lenient::Wrong(Found::Null)));
        match self.take_text(v, at, key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.err(
                    Kind::MissingField,
                    &at.key(key),
                    format!("field '{key}' of {what} is empty"),
                );
                None
            }
            None => {
                if !present {
                    self.err(
                        Kind::MissingField,
                        at,
                        format!("missing required field '{key}' in {what}"),
                    );
                }
                None
            }
        }
    }

    /// A one-line text (titles): a trailing newline from a folded scalar is dropped,
    /// any other line break is an error.
    fn one_line(&mut self, s: String, at: &Where, key: &'static str, what: &str) -> String {
        let trimmed = crate::alloc::kept(s.trim_end_matches(['\n', '\r']));
        // Byte search (memchr): a pattern of several chars walks a 10 MB title char by char.
        if trimmed.contains('\n') || trimmed.contains('\r') {
            self.err(
                Kind::BadValue,
                &at.key(key),
                format!("the {key} of {what} must be one line"),
            )
            .notes
            .push("help: join the lines, or use a folded scalar (`>-`) that joins them".into());
        }
        trimmed
    }

    fn date(&mut self, v: Option<Lenient<Text>>, at: &Where, key: &'static str) -> Option<Date> {
        let s = match v {
            None | Some(Lenient::Wrong(Found::Null)) => return None,
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(
                    &at.key(key),
                    "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    found,
                    None,
                );
                return None;
            }
            Some(Lenient::Ok(t)) => t.value,
        };
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(Kind::BadDate, &at.key(key), format!("invalid {key}: {e}"));
                None
            }
        }
    }

    fn required_date(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
        what: &str,
    ) -> Option<Date> {
        if v.is_none() || matches!(v, Some(Lenient::Wrong(Found::Null))) {
            self.err(
                Kind::MissingField,
                at,
                format!("missing required field '{key}' in {what}"),
            );
            return None;
        }
        self.date(v, at, key)
    }

    fn list<T>(
        &mut self,
        v: Option<Lenient<List<T>>>,
        at: &Where,
        key: &'static str,
        expected: &str,
        hint: Option<&str>,
    ) -> Vec<T> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => Vec::new(),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), expected, found, hint);
                Vec::new()
            }
            Some(Lenient::Ok(List(items))) => items,
        }
    }

    fn id_map<T>(
        &mut self,
        v: Option<Lenient<IdMap<T>>>,
        at: &Where,
        key: &'static str,
        expected: &str,
    ) -> Vec<(Lenient<Text>, T)> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => Vec::new(),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), expected, found, None);
                Vec::new()
            }
            Some(Lenient::Ok(IdMap(items))) => items,
        }
    }

    fn keyword<K: Copy>(
        &mut self,
        v: Option<String>,
        at: &Where,
        key: &'static str,
        parse: fn(&str) -> Option<K>,
        keywords: &[&str],
        what: &str,
    ) -> Option<K> {
        let s = v?;
        if let Some(k) = parse(&s) {
            return Some(k);
        }
        let lower = s.to_lowercase();
        let suggestion = if keywords.contains(&lower.as_str()) {
            format!(" (did you mean '{lower}'?)")
        } else {
            did_you_mean(&s, keywords.iter().copied())
        };
        self.err(
            Kind::BadValue,
            &at.key(key),
            format!("unknown {what} '{s}'{suggestion}"),
        )
        .notes
        .push(format!("help: expected one of: {}", keywords.join(", ")));
        None
    }

    fn reliability(&mut self, v: Option<String>, at: &Where) -> Option<Reliability> {
        let s = v?;
        if let Some(r) = Reliability::parse(&s) {
            return Some(r);
        }
        let upper = s.to_uppercase();
        let hint = if Reliability::parse(&upper).is_some() {
            format!(" (did you mean '{upper}'?)")
        } else {
            String::new()
        };
        self.err(
            Kind::BadValue,
            &at.key("reliability"),
            format!("reliability '{s}' is out of range: the Admiralty scale runs from A to F{hint}"),
        )
        .notes
        .push("help: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged".into());
        None
    }

    fn url(&mut self, v: Option<String>, at: &Where, key: &'static str) -> Option<String> {
        let u = v?;
        if is_http_url(&u) {
            Some(u)
        } else {
            self.err(
                Kind::BadUrl,
                &at.key(key),
                format!("{key} '{u}' is not an http or https URL"),
            )
            .notes
            .push("help: only http:// and https:// links are accepted".into());
            None
        }
    }

    fn id(&mut self, id: &str, at: &Where, key: &'static str, what: &str) -> bool {
        if is_valid_id(id) {
            return true;
        }
        let s = slug(id);
        let hint = if s.is_empty() {
            String::new()
        } else {
            format!(" (did you mean '{s}'?)")
        };
        self.err(
            Kind::BadId,
            &at.key(key),
            format!("{what} id '{id}' is not valid{hint}"),
        )
        .notes
        .push(
            "help: ids are lower-case letters, digits and '-', starting with a letter or digit"
                .into(),
        );
        false
    }

    fn origin(at: &Where) -> Origin {
        Origin { input: at.input }
    }

    fn file(&mut self, input: u16, file: Lenient<RawFile>) {
        let root = Where {
            input,
            path: Lazy::root(),
        };
        let f = match file {
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
        let mut seen = HashMap::new();
        for (key, actor) in actors {
            self.actor(key, actor, &root.key("actors"), &mut seen);
        }
        let sources = self.id_map(
            f.sources,
            &root,
            "sources",
            "a mapping of source ids to sources",
        );
        let mut seen = HashMap::new();
        for (key, source) in sources {
            self.registry_source(key, source, &root.key("sources"), &mut seen);
        }
        if f.events.is_none() {
            self.diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    At::File { input },
                    "missing required field 'events'",
                )
                .note("help: a file that only holds actors or sources can write `events: []`"),
            );
        }
        let events = match f.events {
            None | Some(Lenient::Wrong(Found::Null)) => Vec::new(),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(
                    &root.key("events"),
                    "a list of events",
                    found,
                    Some("write each event as an item: `- id: …`"),
                );
                Vec::new()
            }
            Some(Lenient::Ok(EventList(items))) => items,
        };
        // At most every item loads: no room for more is kept for the timeline's life.
        self.events.reserve_exact(events.len());
        self.pending.reserve_exact(events.len());
        for (i, item) in events.into_iter().enumerate() {
            // Each item's parsed form is freed as it is registered, in the order it was
            // made: give its pages back as they empty, rather than all at the end.
            if i % COLLECT_EVERY == COLLECT_EVERY - 1 {
                crate::alloc::collect();
            }
            match item {
                EventItem::Raw(ev) => self.event(*ev, EventAt::new(&root, i)),
                EventItem::Done(c) => {
                    let Converted { diags, event } = *c;
                    self.diags.extend(diags);
                    if let Some(e) = event {
                        self.register_event(e);
                    }
                }
            }
        }
    }

    /// Where a map key sits (for ids defined as keys), counting repeats within the map.
    fn key_where(parent: &Where, key: &str, seen: &mut HashMap<String, usize>) -> (Where, Where) {
        let nth = seen.entry(key.to_string()).or_default();
        let key_at = Where {
            input: parent.input,
            path: parent.path.key_name(key, *nth),
        };
        *nth += 1;
        (key_at, parent.key_owned(key))
    }

    fn map_key(&mut self, key: Lenient<Text>, parent: &Where, what: &str) -> Option<String> {
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

    fn duplicate(&mut self, what: &str, id: &str, at: &Where, first: &Where) {
        let d = self.err(Kind::DuplicateId, at, format!("duplicate {what} id '{id}'"));
        d.related = Some((first.at(), "first defined at"));
    }

    fn era(&mut self, era: Lenient<RawEra>, at: Where) {
        let e = match era {
            Lenient::Ok(e) => e,
            Lenient::Wrong(found) => {
                self.wrong_type(
                    &at,
                    "an era mapping (`id`, `title`, `start`, `end`)",
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
        if let Some(first) = self.era_ids.get(&id) {
            let first = first.clone();
            self.duplicate("era", &id, &at.key("id"), &first);
            return;
        }
        self.era_ids.insert(id.clone(), at.key("id"));
        if let (Some(title), Some(start)) = (title, start) {
            self.eras.push(Era {
                id,
                title,
                start,
                end,
                origin: Self::origin(&at),
            });
        }
    }

    fn actor(
        &mut self,
        key: Lenient<Text>,
        actor: Lenient<RawActor>,
        parent: &Where,
        seen: &mut HashMap<String, usize>,
    ) {
        let Some(id) = self.map_key(key, parent, "actor") else {
            return;
        };
        let (key_at, at) = Self::key_where(parent, &id, seen);
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
        if let Some((_, first)) = self.actor_ids.get(&id) {
            let first = first.clone();
            self.duplicate("actor", &id, &key_at, &first);
            return;
        }
        let ix = self.actors.len() as ActorIx;
        self.actor_ids
            .insert(id.clone(), (name.is_some().then_some(ix), key_at));
        let Some(name) = name else { return };
        self.actors.push(Actor {
            id,
            name,
            kind,
            country,
            aliases: names,
            origin: Self::origin(&at),
        });
    }

    /// The registry fields shared by `sources:` entries and inline sources.
    #[allow(clippy::too_many_arguments)]
    fn source_fields(
        &mut self,
        at: &Where,
        label: &str,
        publisher: Option<Lenient<Text>>,
        title: Option<Lenient<Text>>,
        url: Option<Lenient<Text>>,
        published: Option<Lenient<Text>>,
        author: Option<Lenient<Text>>,
        kind: Option<Lenient<Text>>,
        reliability: Option<Lenient<Text>>,
        archive_url: Option<Lenient<Text>>,
    ) -> Option<Source> {
        let publisher = self.required_text(publisher, at, "publisher", label);
        let title = self.take_text(title, at, "title");
        let title = title.map(|t| self.one_line(t, at, "title", label));
        let url = self.take_text(url, at, "url");
        let url = self.url(url, at, "url");
        let published = self.date(published, at, "published");
        let author = self.take_text(author, at, "author");
        let kind = self.take_text(kind, at, "kind");
        let kind = self.keyword(
            kind,
            at,
            "kind",
            SourceKind::parse,
            &SourceKind::keywords(),
            SourceKind::WHAT,
        );
        let reliability = self.take_text(reliability, at, "reliability");
        let reliability = self.reliability(reliability, at);
        let archive_url = self.take_text(archive_url, at, "archive_url");
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
            origin: Self::origin(at),
        })
    }

    fn registry_source(
        &mut self,
        key: Lenient<Text>,
        source: Lenient<RawSource>,
        parent: &Where,
        seen: &mut HashMap<String, usize>,
    ) {
        let Some(id) = self.map_key(key, parent, "source") else {
            return;
        };
        let (key_at, at) = Self::key_where(parent, &id, seen);
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
        let source = self.source_fields(
            &at,
            &label,
            s.publisher,
            s.title,
            s.url,
            s.published,
            s.author,
            s.kind,
            s.reliability,
            s.archive_url,
        );
        if !self.id(&id, &key_at, "", "source") {
            return;
        }
        if let Some((_, first)) = self.source_ids.get(&id) {
            let first = first.clone();
            self.duplicate("source", &id, &key_at, &first);
            return;
        }
        let ix = self.sources.len() as SourceIx;
        self.source_ids
            .insert(id.clone(), (source.is_some().then_some(ix), key_at));
        let Some(mut source) = source else { return };
        source.id = id;
        self.sources.push(source);
    }

    fn event(&mut self, ev: Lenient<RawEvent>, at: EventAt) {
        if let Some(e) = self.convert_event(ev, at) {
            self.register_event(e);
        }
    }

    /// The checks of an event that need nothing but the event: run as it is parsed
    /// ([`converting`]), or here. What they find goes to `diags`, in file order.
    fn convert_event(
        &mut self,
        ev: Lenient<RawEvent>,
        event_at: EventAt,
    ) -> Option<ConvertedEvent> {
        let at = event_at.at();
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
        let display_date = self.take_text(e.display_date, &at, "display_date");
        let display_date = display_date.map(|t| self.one_line(t, &at, "display_date", &label));
        let title = self.required_text(e.title, &at, "title", &label);
        let title = title.map(|t| self.one_line(t, &at, "title", &label));
        let summary = self.take_text(e.summary, &at, "summary");
        let summary = summary
            .map(|s| crate::alloc::kept(s.trim_end()))
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
        // Every list exactly as long as the one written: events are many.
        let mut names = Names::default();
        let mut tags = crate::alloc::keep(|| Vec::with_capacity(raw_tags.len()));
        for (i, t) in raw_tags.into_iter().enumerate() {
            match t {
                Lenient::Ok(t) => {
                    if is_valid_id(&t.value) {
                        if !names.has(&t.value) {
                            names.push(&t.value, Slot::new(i, false));
                            tags.push(0);
                        }
                    } else {
                        let s = slug(&t.value);
                        let hint = if s.is_empty() {
                            String::new()
                        } else {
                            format!(" (did you mean '{s}'?)")
                        };
                        self.err(
                            Kind::BadValue,
                            &at.key("tags").index(i),
                            format!("tag '{}' is not valid{hint}", t.value),
                        )
                        .notes
                        .push("help: tags are lower-case words: letters, digits and '-'".into());
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
        let mut actors = crate::alloc::keep(|| Vec::with_capacity(raw_actors.len()));
        for (i, a) in raw_actors.into_iter().enumerate() {
            let aat = at.key("actors").index(i);
            match a {
                Lenient::Ok(ActorRef::Id(id)) => {
                    names.push(&id, Slot::new(i, false));
                    actors.push(ActorRole {
                        actor: 0,
                        role: None,
                    });
                }
                Lenient::Ok(ActorRef::Full(r)) => {
                    if let Some((id, role)) = self.actor_ref(r, &aat) {
                        names.push(&id, Slot::new(i, true));
                        actors.push(ActorRole { actor: 0, role });
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
        let mut citations = crate::alloc::keep(|| Vec::with_capacity(raw_sources.len()));
        let mut inline = Vec::new();
        for (i, s) in raw_sources.into_iter().enumerate() {
            let sat = at.key("sources").index(i);
            match s {
                Lenient::Ok(SourceRef::Id(id)) => {
                    names.push(&id, Slot::new(i, false));
                    citations.push(Citation {
                        source: 0,
                        quote: None,
                        locator: None,
                        credibility: None,
                    });
                }
                Lenient::Ok(SourceRef::Full(c)) => {
                    if let Some((c, cites)) = self.citation(*c, &sat, &event_id, i) {
                        match cites {
                            Cites::Registry(id) => names.push(&id, Slot::new(i, true)),
                            Cites::Inline(source) => {
                                names.spans.push((INLINE, Slot::new(i, false)));
                                inline.push((citations.len(), source));
                            }
                        }
                        citations.push(c);
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
        let mut related = crate::alloc::keep(|| Vec::with_capacity(raw_related.len()));
        for (i, r) in raw_related.into_iter().enumerate() {
            let rat = at.key("related").index(i);
            match r {
                Lenient::Ok(RelatedRef::Id(id)) => {
                    names.push(&id, Slot::new(i, false));
                    related.push(Link {
                        event: 0,
                        kind: RelKind::Context,
                    });
                }
                Lenient::Ok(RelatedRef::Full(r)) => {
                    if let Some((id, kind)) = self.related_ref(r, &rat) {
                        names.push(&id, Slot::new(i, true));
                        related.push(Link { event: 0, kind });
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => {
                    self.wrong_type(&rat, "an event id or `{id, type}`", found, None)
                }
            }
        }

        let id = id
            .filter(|id| self.id(id, &at, "id", "event"))
            .map(|id| crate::alloc::kept(&id));
        Some(ConvertedEvent {
            at: event_at,
            id,
            date,
            end,
            display_date,
            title,
            summary,
            confidence,
            tags,
            actors,
            citations,
            related,
            refs: names.done(),
            inline,
        })
    }

    /// Registers a checked event in file order: its inline sources, tags, citations and
    /// id (a repeated id is reported here), then the event itself.
    fn register_event(&mut self, e: ConvertedEvent) {
        let ConvertedEvent {
            at,
            id,
            date,
            end,
            display_date,
            title,
            summary,
            confidence,
            tags,
            actors,
            mut citations,
            related,
            refs,
            inline,
        } = e;
        for (j, source) in inline {
            citations[j].source = self.sources.len() as SourceIx;
            self.sources.push(*source);
        }
        let w = at.at();
        let (tag_spans, rest) = refs.spans.split_at(tags.len().min(refs.spans.len()));
        let (actor_spans, rest) = rest.split_at(actors.len().min(rest.len()));
        let (cite_spans, related_spans) = rest.split_at(citations.len().min(rest.len()));
        for &(sp, slot) in tag_spans {
            let t = refs.name(sp);
            match self.tag_uses.get_mut(t) {
                Some(uses) => uses.0 += 1,
                None => {
                    let first = slot.place(&w, "tags", "");
                    self.tag_uses.insert(t.to_string(), (1, first));
                }
            }
        }
        for &(sp, _) in cite_spans {
            let id = refs.name(sp);
            if !sp.is_inline() && !self.cited_ids.contains(id) {
                self.cited_ids.insert(id.to_string());
            }
        }
        let registered = match id {
            Some(id) => {
                if let Some(&(_, first)) = self.event_ids.get(&id) {
                    self.duplicate("event", &id, &w.key("id"), &first.at().key("id"));
                    None
                } else {
                    let valid = date.is_some() && title.is_some();
                    let ix = valid.then_some(self.events.len() as u32);
                    self.event_ids.insert(id.clone(), (ix, at));
                    Some(id)
                }
            }
            _ => None,
        };
        let (Some(id), Some(date), Some(title)) = (registered, date, title) else {
            // The event is not loaded, but its references are still checked.
            let lists = [
                ("actor", actor_spans, "actors", "id"),
                ("source", cite_spans, "sources", "ref"),
                ("event", related_spans, "related", "id"),
            ];
            for (what, spans, list, field) in lists {
                for &(sp, slot) in spans.iter().filter(|(sp, _)| !sp.is_inline()) {
                    let place = slot.place(&w, list, field);
                    self.loose_refs
                        .push((what, refs.name(sp).to_string(), place));
                }
            }
            return;
        };
        self.events.push(Event {
            id,
            date,
            end,
            display_date,
            title,
            summary,
            tags,
            actors,
            citations,
            related,
            confidence,
            origin: Origin { input: at.input },
        });
        self.pending.push(Pending { at, refs });
    }

    fn actor_ref(&mut self, r: RawActorRef, at: &Where) -> Option<(String, Option<String>)> {
        self.extra(&r.extra, RawActorRef::NAMES, at, &format!("{}", at.path));
        let label = format!("{}", at.path);
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
        self.extra(&c.extra, RawCitation::NAMES, at, &label);
        let quote = self.take_text(c.quote, at, "quote");
        let quote = quote.map(|q| crate::alloc::kept(q.trim_end()));
        let locator = self.take_text(c.locator, at, "locator");
        let credibility = match c.credibility {
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
            Some(Lenient::Ok(Int(n))) => match Credibility::new(n) {
                Some(c) => Some(c),
                None => {
                    self.err(
                        Kind::BadValue,
                        &at.key("credibility"),
                        format!("credibility {n} is out of range: the Admiralty scale runs from 1 to 6"),
                    )
                    .notes
                    .push("help: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged".into());
                    None
                }
            },
        };
        let inline_fields: Vec<&str> = [
            ("publisher", c.publisher.is_some()),
            ("title", c.title.is_some()),
            ("url", c.url.is_some()),
            ("published", c.published.is_some()),
            ("author", c.author.is_some()),
            ("kind", c.kind.is_some()),
            ("reliability", c.reliability.is_some()),
            ("archive_url", c.archive_url.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect();
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
            let citation = Citation {
                source: 0,
                quote,
                locator,
                credibility,
            };
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
        let mut source = self.source_fields(
            at,
            &label,
            c.publisher,
            c.title,
            c.url,
            c.published,
            c.author,
            c.kind,
            c.reliability,
            c.archive_url,
        )?;
        source.id = format!("{event_id}/{}", position + 1);
        source.inline = true;
        let citation = Citation {
            source: 0,
            quote,
            locator,
            credibility,
        };
        Some((citation, Cites::Inline(Box::new(source))))
    }

    fn unknown_ref(
        &mut self,
        what: &str,
        id: &str,
        at: &Where,
        mut known: Vec<&str>,
        complete: bool,
    ) {
        if !complete {
            return;
        }
        known.sort_unstable();
        let mean = did_you_mean(id, known.iter().copied());
        self.err(
            Kind::UnknownReference,
            at,
            format!("unknown {what} '{id}'{mean}"),
        );
    }

    fn finish(mut self, complete: bool) -> Built {
        // Registering freed each event's parsed form.
        crate::alloc::collect();
        // Sort events: earliest bound, latest bound, id.
        let mut order: Vec<usize> = (0..self.events.len()).collect();
        order.sort_by(|&a, &b| {
            let (ea, eb) = (&self.events[a], &self.events[b]);
            ea.date.chrono_cmp(&eb.date).then_with(|| ea.id.cmp(&eb.id))
        });
        let mut new_ix = vec![0 as EventIx; self.events.len()];
        for (new, &old) in order.iter().enumerate() {
            new_ix[old] = new as EventIx;
        }
        drop(order);

        // Tags: the tags of valid events; count uses over all events.
        let mut tags: Vec<String> = {
            let names: std::collections::HashSet<&str> = self
                .pending
                .iter()
                .zip(&self.events)
                .flat_map(|(p, ev)| {
                    let n = ev.tags.len().min(p.refs.spans.len());
                    p.refs.spans[..n].iter().map(|&(sp, _)| p.refs.name(sp))
                })
                .collect();
            names.into_iter().map(str::to_string).collect()
        };
        tags.sort_unstable();
        let tag_by_name: HashMap<String, u32> = tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        let tag_first = std::mem::take(&mut self.tag_uses);
        let mut once: Vec<(&String, &Where)> = tag_first
            .iter()
            .filter(|(_, (n, _))| *n == 1)
            .map(|(t, (_, w))| (t, w))
            .collect();
        once.sort_by(|a, b| a.0.cmp(b.0));
        let once: Vec<(String, Where)> = once
            .into_iter()
            .map(|(t, w)| (t.clone(), w.clone()))
            .collect();
        for (t, w) in once {
            let mut others: Vec<&str> = tag_first
                .iter()
                .filter(|(x, (n, _))| **x != t && *n > 1)
                .map(|(x, _)| x.as_str())
                .collect();
            others.sort_unstable();
            let mean = did_you_mean(&t, others);
            self.warn(
                Kind::TagUsedOnce,
                &w,
                format!(
                    "tag '{t}' is used only once{}",
                    if mean.is_empty() {
                        String::new()
                    } else {
                        format!(": a typo?{mean}")
                    }
                ),
            );
        }

        // Resolve references where they stand, in original event order for stable
        // diagnostics. A reference that resolves to nothing, or repeats one, is dropped.
        let mut cited = vec![false; self.sources.len()];
        let pending = std::mem::take(&mut self.pending);
        let mut events = std::mem::take(&mut self.events);
        for (old, (p, ev)) in pending.into_iter().zip(events.iter_mut()).enumerate() {
            let Pending { at, refs } = p;
            let w = at.at();
            let mut spans = refs.spans.iter().copied();
            for t in &mut ev.tags {
                if let Some((sp, _)) = spans.next() {
                    *t = tag_by_name.get(refs.name(sp)).copied().unwrap_or(0);
                }
            }
            let mut keep = 0;
            for k in 0..ev.actors.len() {
                let Some((sp, slot)) = spans.next() else {
                    break;
                };
                let id = refs.name(sp);
                match self.actor_ids.get(id) {
                    Some(&(Some(ix), _)) => {
                        if !ev.actors[..keep].iter().any(|a| a.actor == ix) {
                            ev.actors.swap(keep, k);
                            ev.actors[keep].actor = ix;
                            keep += 1;
                        }
                    }
                    // The actor exists but is invalid: its own error says why.
                    Some((None, _)) => {}
                    None => {
                        let known: Vec<String> = self.actor_ids.keys().cloned().collect();
                        self.unknown_ref(
                            "actor",
                            id,
                            &slot.place(&w, "actors", "id"),
                            known.iter().map(String::as_str).collect(),
                            complete,
                        );
                    }
                }
            }
            ev.actors.truncate(keep);
            let mut keep = 0;
            for k in 0..ev.citations.len() {
                let Some((sp, slot)) = spans.next() else {
                    break;
                };
                let ix = if sp.is_inline() {
                    ev.citations[k].source
                } else {
                    let id = refs.name(sp);
                    match self.source_ids.get(id) {
                        Some(&(Some(ix), _)) => ix,
                        Some((None, _)) => continue,
                        None => {
                            let known: Vec<String> = self.source_ids.keys().cloned().collect();
                            self.unknown_ref(
                                "source",
                                id,
                                &slot.place(&w, "sources", "ref"),
                                known.iter().map(String::as_str).collect(),
                                complete,
                            );
                            continue;
                        }
                    }
                };
                if let Some(c) = cited.get_mut(ix as usize) {
                    *c = true;
                }
                ev.citations.swap(keep, k);
                ev.citations[keep].source = ix;
                keep += 1;
            }
            ev.citations.truncate(keep);
            let mut keep = 0;
            for k in 0..ev.related.len() {
                let Some((sp, slot)) = spans.next() else {
                    break;
                };
                let id = refs.name(sp);
                match self.event_ids.get(id) {
                    Some((None, _)) => {}
                    Some(&(Some(target), _)) => {
                        let target = target as usize;
                        if target == old {
                            self.err(
                                Kind::BadValue,
                                &slot.place(&w, "related", "id"),
                                format!("event '{}' lists itself as related", ev.id),
                            );
                        } else if !ev.related[..keep].iter().any(|l| l.event == new_ix[target]) {
                            ev.related.swap(keep, k);
                            ev.related[keep].event = new_ix[target];
                            keep += 1;
                        }
                    }
                    None => {
                        // Every id seen is a candidate, also those of events that did
                        // not load (their own errors say why).
                        let known: Vec<String> = self.event_ids.keys().cloned().collect();
                        self.unknown_ref(
                            "event",
                            id,
                            &slot.place(&w, "related", "id"),
                            known.iter().map(String::as_str).collect(),
                            complete,
                        )
                    }
                }
            }
            ev.related.truncate(keep);
            if ev.citations.is_empty() {
                self.warn(
                    Kind::NoSource,
                    &w,
                    format!("event '{}' cites no source", ev.id),
                )
                .notes
                .push("help: add `sources: [source-id]` so readers can check the claim".into());
            }
            if let Some((updated, _)) = &self.updated
                && ev.date.earliest() > updated.latest()
            {
                let msg = format!(
                    "event '{}' ({}) is later than the timeline's `updated` date ({updated})",
                    ev.id, ev.date
                );
                self.warn(Kind::FutureEvent, &w.key("date"), msg);
            }
        }
        for (what, id, w) in std::mem::take(&mut self.loose_refs) {
            let known: Vec<String> = match what {
                "actor" if !self.actor_ids.contains_key(&id) => {
                    self.actor_ids.keys().cloned().collect()
                }
                "source" if !self.source_ids.contains_key(&id) => {
                    self.source_ids.keys().cloned().collect()
                }
                "event" if !self.event_ids.contains_key(&id) => {
                    self.event_ids.keys().cloned().collect()
                }
                _ => continue,
            };
            self.unknown_ref(
                what,
                &id,
                &w,
                known.iter().map(String::as_str).collect(),
                complete,
            );
        }
        let uncited: Vec<(String, Where)> = self
            .sources
            .iter()
            .enumerate()
            .filter(|(ix, s)| {
                !s.inline && !cited[*ix] && !self.cited_ids.contains(&s.id) && complete
            })
            .filter_map(|(_, s)| {
                let (_, w) = self.source_ids.get(&s.id)?;
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

        // Into chronological order in place: `new_ix` is a permutation, applied by
        // following its cycles, so no second vector of events is allocated.
        let mut target: Vec<EventIx> = new_ix;
        for i in 0..events.len() {
            while target[i] as usize != i {
                let j = target[i] as usize;
                events.swap(i, j);
                target.swap(i, j);
            }
        }
        let mut eras = std::mem::take(&mut self.eras);
        eras.sort_by(|a, b| a.start.chrono_cmp(&b.start).then_with(|| a.id.cmp(&b.id)));

        let timeline = assemble(
            self.title.take().unwrap_or_default(),
            self.summary.take(),
            self.updated.as_ref().map(|(d, _)| *d),
            self.inputs.to_vec(),
            eras,
            std::mem::take(&mut self.actors),
            std::mem::take(&mut self.sources),
            tags,
            events,
        );
        Built {
            timeline,
            diagnostics: self.diags,
        }
    }
}

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
        inputs,
        eras,
        actors,
        sources,
        tags,
        events,
        index,
    }
}
