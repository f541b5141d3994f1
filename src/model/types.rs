//! The loaded timeline: events in chronological order, registries, and indexes.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::PathBuf;

use chrono_tz::Tz;

use super::date::{Date, DateStyle, Span};

/// Index of an event in [`Timeline::events`] (chronological order).
pub type EventIx = u32;
/// Index into [`Timeline::actors`].
pub type ActorIx = u32;
/// Index into [`Timeline::sources`].
pub type SourceIx = u32;
/// Index into [`Timeline::tags`].
pub type TagIx = u32;
/// Index into [`Timeline::eras`].
pub type EraIx = u32;

macro_rules! keyword_enum {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident = $text:literal),* $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($variant),* }

        impl $name {
            /// Every value, in the order the format lists them.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The keyword as written in files.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
            /// Reads the keyword as written in files.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)* _ => None }
            }
            /// The keywords, for "expected one of" messages.
            pub fn keywords() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
            /// What the value is called in messages.
            pub const WHAT: &'static str = $what;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(
    /// What kind of actor.
    ActorKind, "actor kind" {
        Government = "government",
        Company = "company",
        Person = "person",
        Media = "media",
        Organization = "organization",
        Other = "other",
    }
);

keyword_enum!(
    /// What kind of source: `archive` is an archive's faithful copy of a document,
    /// `repost` another site's copy of someone else's text, `forum` a post on a forum,
    /// paste site or social network.
    SourceKind, "source kind" {
        News = "news",
        Government = "government",
        Company = "company",
        Legal = "legal",
        Research = "research",
        Archive = "archive",
        Repost = "repost",
        Forum = "forum",
        Other = "other",
    }
);

keyword_enum!(
    /// How one event relates to another (`related[].type`).
    RelKind, "relation type" {
        Causes = "causes",
        LeadsTo = "leads-to",
        Response = "response",
        Context = "context",
        Contradicts = "contradicts",
        SameAs = "same-as",
    }
);

keyword_enum!(
    /// ICD 203 estimative language (`confidence` on an event).
    Confidence, "confidence term" {
        AlmostNoChance = "almost-no-chance",
        VeryUnlikely = "very-unlikely",
        Unlikely = "unlikely",
        RoughlyEven = "roughly-even",
        Likely = "likely",
        VeryLikely = "very-likely",
        AlmostCertain = "almost-certain",
    }
);

impl Confidence {
    /// The term as people read it: "very likely".
    pub fn label(self) -> String {
        self.as_str().replace('-', " ")
    }
}

impl RelKind {
    /// How the link reads from the event that declares it ("leads to").
    pub fn label(self) -> &'static str {
        match self {
            RelKind::Causes => "causes",
            RelKind::LeadsTo => "leads to",
            RelKind::Response => "responds to",
            RelKind::Context => "context",
            RelKind::Contradicts => "contradicts",
            RelKind::SameAs => "same as",
        }
    }
    /// How the link reads from the event it points at ("led to by").
    pub fn back_label(self) -> &'static str {
        match self {
            RelKind::Causes => "caused by",
            RelKind::LeadsTo => "follows from",
            RelKind::Response => "answered by",
            RelKind::Context => "context for",
            RelKind::Contradicts => "contradicted by",
            RelKind::SameAs => "same as",
        }
    }
}

/// Admiralty source reliability, A (completely reliable) to F (cannot be judged).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];
    pub fn parse(s: &str) -> Option<Reliability> {
        Some(match s {
            "A" => Reliability::A,
            "B" => Reliability::B,
            "C" => Reliability::C,
            "D" => Reliability::D,
            "E" => Reliability::E,
            "F" => Reliability::F,
            _ => return None,
        })
    }
    pub fn letter(self) -> char {
        (b'A' + self as u8) as char
    }
    pub fn meaning(self) -> &'static str {
        match self {
            Reliability::A => "Completely reliable",
            Reliability::B => "Usually reliable",
            Reliability::C => "Fairly reliable",
            Reliability::D => "Not usually reliable",
            Reliability::E => "Unreliable",
            Reliability::F => "Cannot be judged",
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Credibility(u8);

impl Credibility {
    pub fn new(n: i128) -> Option<Credibility> {
        (1..=6).contains(&n).then_some(Credibility(n as u8))
    }
    pub fn value(self) -> u8 {
        self.0
    }
    pub fn meaning(self) -> &'static str {
        match self.0 {
            1 => "Confirmed by other sources",
            2 => "Probably true",
            3 => "Possibly true",
            4 => "Doubtful",
            5 => "Improbable",
            _ => "Cannot be judged",
        }
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Where a definition came from: which input, and where in it (line and column are
/// filled in only when a diagnostic needs them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Origin {
    /// Index into [`Timeline::inputs`].
    pub input: u16,
}

/// One file that was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The path as the user gave it (or found in a folder); `events.yaml` for the
    /// embedded timeline.
    pub name: String,
    /// The file on disk, `None` for the embedded timeline.
    pub path: Option<PathBuf>,
    pub bytes: u64,
    /// SHA-256 of the file's bytes.
    pub sha256: [u8; 32],
}

impl Input {
    pub fn is_embedded(&self) -> bool {
        self.path.is_none()
    }
    /// The first `n` hex digits of the SHA-256.
    pub fn sha256_prefix(&self, n: usize) -> String {
        let mut s = String::with_capacity(64);
        for b in self.sha256 {
            s.push_str(&format!("{b:02x}"));
        }
        s.truncate(n);
        s
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Era {
    pub id: String,
    pub title: String,
    /// A shorter label for the time axis, where the title does not fit (`short:`).
    pub short: Option<String>,
    pub start: Date,
    /// `None`: the era is still running.
    pub end: Option<Date>,
    pub origin: Origin,
}

impl Era {
    pub fn span(&self) -> Span {
        Span {
            lo: self.start.earliest(),
            hi: self.end.map_or(i64::MAX, |e| e.latest()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: Option<ActorKind>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub aliases: Vec<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// The registry id, or `<event-id>/<n>` for the n-th source written inline in an event.
    pub id: String,
    /// Written inline in an event rather than in `sources:`.
    pub inline: bool,
    pub publisher: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub author: Option<String>,
    pub kind: Option<SourceKind>,
    pub reliability: Option<Reliability>,
    pub archive_url: Option<String>,
    pub origin: Origin,
}

/// An actor's part in an event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ActorRole {
    pub actor: ActorIx,
    pub role: Option<String>,
}

/// One source cited by an event, with what it says.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    pub source: SourceIx,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub credibility: Option<Credibility>,
}

/// A typed link from one event to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub event: EventIx,
    pub kind: RelKind,
}

/// A picture, a video or a page shown with an event: TimelineJS's slide media. The URL is
/// http(s), or a path relative to where the timeline is published (`./media/x.jpg`).
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Media {
    pub url: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
    pub thumbnail: Option<String>,
    /// The text a reader who cannot see the picture gets.
    pub alt: Option<String>,
}

impl Media {
    /// Is the URL a path relative to the published timeline, not an http(s) link?
    pub fn is_relative(&self) -> bool {
        !crate::model::validate::is_http_url(&self.url)
    }
}

/// What a URL's file extension says it is: `Image`, `Video`, `Audio`, or nothing for a page.
pub fn media_file_kind(url: &str) -> Option<&'static str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let (_, path) = path.split_once('/')?;
    let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jpg" | "jpeg" | "png" | "gif" | "svg" | "webp" | "bmp" | "tif" | "tiff" | "avif"
        | "ico" | "heic" => Some("Image"),
        "mp4" | "m4v" | "webm" | "mov" | "avi" | "mkv" | "ogv" | "mpg" | "mpeg" => Some("Video"),
        "mp3" | "wav" | "m4a" | "ogg" | "oga" | "flac" | "aac" | "opus" => Some("Audio"),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub id: String,
    pub date: Date,
    pub end: Option<Date>,
    pub display_date: Option<String>,
    pub title: String,
    pub summary: Option<String>,
    pub tags: Vec<TagIx>,
    pub actors: Vec<ActorRole>,
    pub citations: Vec<Citation>,
    pub related: Vec<Link>,
    pub confidence: Option<Confidence>,
    pub media: Vec<Media>,
    pub origin: Origin,
}

impl Event {
    /// Is citation `n` the first that cites its source? (A source cited twice is shown
    /// once, with each citation's quote.)
    pub fn first_citation_of_its_source(&self, n: usize) -> bool {
        let s = self.citations[n].source;
        !self.citations[..n].iter().any(|c| c.source == s)
    }

    /// From the earliest bound of `date` to the latest of `end` (or of `date`).
    pub fn span(&self) -> Span {
        Span {
            lo: self.date.earliest(),
            hi: self
                .end
                .map_or(self.date.latest(), |e| e.latest().max(self.date.latest())),
        }
    }

    /// Its date, or the range from its date to its `end`, in a style
    /// ([`Date::display_to`]), with times of day on the clock of `tz` when given.
    pub fn when(&self, style: DateStyle, tz: Option<Tz>) -> String {
        match &self.end {
            Some(end) => self.date.display_to_in(end, style, tz),
            None => self.date.display_in(style, tz),
        }
    }

    /// Its date exactly as written, with its end (`2024-09-17/2024-09-19`), so that a
    /// change of precision or of a qualifier shows.
    pub fn written_date(&self) -> String {
        match &self.end {
            Some(end) => format!("{}/{end}", self.date),
            None => self.date.to_string(),
        }
    }

    /// The label for its date in a style: its `display_date` in text style when it has
    /// one, else [`Event::when`] (in ISO style the date as written, so rows read alike).
    pub fn date_label(&self, style: DateStyle, tz: Option<Tz>) -> String {
        match (style, &self.display_date) {
            (DateStyle::Text, Some(d)) => d.clone(),
            _ => self.when(style, tz),
        }
    }
}

/// The loaded timeline: every file merged, validated and indexed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Timeline {
    pub title: String,
    pub summary: Option<String>,
    pub updated: Option<Date>,
    /// The zone of times written without an offset (UTC when `None`); an event may have
    /// its own, already applied to its dates.
    pub timezone: Option<chrono_tz::Tz>,
    pub inputs: Vec<Input>,
    /// By start date.
    pub eras: Vec<Era>,
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    /// Sorted by name.
    pub tags: Vec<String>,
    /// The titles the timeline's `tags` gives, by tag (only tags some event carries).
    pub tag_titles: BTreeMap<String, String>,
    /// Chronological: earliest instant, latest instant, then file order.
    pub events: Vec<Event>,
    pub index: Index,
}

/// Lookups built once at load.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Index {
    pub event_by_id: HashMap<String, EventIx>,
    pub actor_by_id: HashMap<String, ActorIx>,
    pub source_by_id: HashMap<String, SourceIx>,
    pub era_by_id: HashMap<String, EraIx>,
    pub tag_by_name: HashMap<String, TagIx>,
    /// Per tag, the events that carry it (chronological).
    pub events_by_tag: Vec<Vec<EventIx>>,
    /// Per actor, the events that name it.
    pub events_by_actor: Vec<Vec<EventIx>>,
    /// Per source, the events that cite it.
    pub events_by_source: Vec<Vec<EventIx>>,
    /// Per era, the events that overlap it.
    pub events_by_era: Vec<Vec<EventIx>>,
    /// Per event, the events that link to it (and how).
    pub backlinks: Vec<Vec<Link>>,
}

impl Timeline {
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index
            .event_by_id
            .get(id)
            .map(|&i| &self.events[i as usize])
    }
    pub fn event_ix(&self, id: &str) -> Option<EventIx> {
        self.index.event_by_id.get(id).copied()
    }
    pub fn actor(&self, ix: ActorIx) -> &Actor {
        &self.actors[ix as usize]
    }
    pub fn source(&self, ix: SourceIx) -> &Source {
        &self.sources[ix as usize]
    }
    pub fn tag(&self, ix: TagIx) -> &str {
        &self.tags[ix as usize]
    }
    /// The title the timeline gives tag `ix`, if any.
    pub fn tag_title(&self, ix: TagIx) -> Option<&str> {
        self.tag_titles.get(self.tag(ix)).map(String::as_str)
    }
    /// What a reader sees for tag `ix`: its title, else the tag.
    pub fn tag_label(&self, ix: TagIx) -> &str {
        self.tag_title(ix).unwrap_or(self.tag(ix))
    }
    pub fn era(&self, ix: EraIx) -> &Era {
        &self.eras[ix as usize]
    }
    /// The eras an event overlaps.
    pub fn eras_of(&self, event: &Event) -> impl Iterator<Item = &Era> {
        let span = event.span();
        self.eras.iter().filter(move |e| e.span().overlaps(&span))
    }
    /// The best (highest) reliability among an event's sources.
    pub fn best_reliability(&self, event: &Event) -> Option<Reliability> {
        event
            .citations
            .iter()
            .filter_map(|c| self.source(c.source).reliability)
            .min()
    }
    /// The span from the earliest event to the latest (`None` when there are no events).
    pub fn span(&self) -> Option<Span> {
        let lo = self.events.iter().map(|e| e.span().lo).min()?;
        let hi = self.events.iter().map(|e| e.span().hi).max()?;
        Some(Span { lo, hi })
    }
}
