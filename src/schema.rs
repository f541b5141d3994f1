//! The JSON Schema of the timeline format (`assets/timeline.schema.json`, printed by
//! `tlx generate schema`), for editors: with a `# yaml-language-server: $schema=…` line at the
//! top of a file, the YAML language server completes field names and flags mistakes as you
//! type.
//!
//! The types here mirror `docs/format.md` field by field; they are never instantiated, only
//! described. The keywords (kinds, grades, terms) come from the model's own lists, so the
//! schema cannot drift from the loader there; tests check the rest against every fixture.
//!
//! A schema can only check one file, so what spans files is left to `tlx validate`: that
//! some file has a `title`, that ids are unique, that references resolve, that a date
//! exists (`2024-02-30`) and that `end` does not come before `date`. Where YAML reads a
//! value as a number (`date: 2024`, `title: 1.50`, `id: 2024`) the format takes its
//! spelling as text, and so does the schema.

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

use crate::model::validate::FORMAT_VERSION;
use crate::model::{ActorKind, Confidence, Credibility, RelKind, Reliability, SourceKind};

/// Ids and tags: lower-case letters, digits and `-`, starting with a letter or digit.
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, an optional leading `-`, an optional `~`, `?` or `%`.
pub const DATE_PATTERN: &str = "^-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{3})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])?)?)?)?[~?%]?$";
/// An http(s) URL with a host, and no space or control character anywhere.
pub const URL_PATTERN: &str = "^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@\\s\\u0000-\\u001F\\u007F-\\u009F][^\\s\\u0000-\\u001F\\u007F-\\u009F]*$";
/// One line: line breaks only at the end (a folded scalar's last one is dropped).
const ONE_LINE_PATTERN: &str = "^[^\\r\\n]*[\\r\\n]*$";
/// One line with something on it.
const TITLE_PATTERN: &str = "^[^\\r\\n]*\\S[^\\r\\n]*[\\r\\n]*$";

/// The JSON Schema of one timeline file (draft 7, the draft editors support best).
pub fn schema() -> Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<TimelineFile>()
}

/// The schema as `tlx generate schema` prints it and `assets/timeline.schema.json` holds it.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).expect("a schema is plain JSON");
    s.push('\n');
    s
}

/// A tlx timeline file (format version 1). Several files load as one timeline: eras, actors, sources and events merge, and ids are unique across all of them.
#[derive(JsonSchema)]
#[schemars(title = "tlx timeline", deny_unknown_fields)]
pub struct TimelineFile {
    /// The format version. Optional; a higher number than this tlx reads is refused.
    pub version: Option<Version>,
    /// The timeline's title, one line. Required in at least one of the files loaded together (the first file with one gives it).
    pub title: Option<Line>,
    /// Plain text; blank lines separate paragraphs.
    pub summary: Option<Text>,
    /// When the timeline was last brought up to date: events later than it are flagged.
    pub updated: Option<Date>,
    /// The zone of times of day written without an offset (and of days, months and years); UTC without one. Declared once, in any one file.
    pub timezone: Option<TimeZone>,
    /// Named periods drawn on the time axis.
    pub eras: Option<Vec<Era>>,
    /// The actors, keyed by actor id.
    pub actors: Option<IdMap<Actor>>,
    /// The source registry, keyed by source id.
    pub sources: Option<IdMap<Source>>,
    /// The title each tag is shown with, keyed by tag (`kings-of-england: Kings of England`); events still name the tag. Optional for every tag.
    pub tags: Option<IdMap<Line>>,
    /// The events, in any order (they are shown chronologically). Required in every file: write `events: []` for a file that only holds actors or sources.
    pub events: Vec<Event>,
}

/// A named period drawn on the time axis.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Era {
    /// The era's id, unique among eras.
    pub id: Id,
    /// The era's name, one line.
    pub title: Title,
    /// A shorter name for the time axis, where the title does not fit: one line.
    pub short: Option<Title>,
    /// When the era starts.
    pub start: Date,
    /// When the era ends; without it the era is still running.
    pub end: Option<Date>,
}

/// A person, company, government or other party.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Actor {
    /// The actor's name, one line.
    pub name: Title,
    /// What kind of actor.
    pub kind: Option<ActorKindName>,
    /// ISO 3166-1 alpha-2 country code: two capital letters, such as US or RU.
    pub country: Option<Country>,
    /// Other names the actor goes by; searchable.
    pub aliases: Option<Vec<Text>>,
}

/// A source in the registry, cited by its id from events.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Source {
    /// Who published it (required).
    pub publisher: NonBlank,
    /// The source's title, one line.
    pub title: Option<Line>,
    /// Where to read it: http or https only.
    pub url: Option<Url>,
    /// When it was published (same grammar as event dates).
    pub published: Option<Date>,
    /// Who wrote it.
    pub author: Option<Text>,
    /// What kind of source.
    pub kind: Option<SourceKindName>,
    /// How reliable the source is: the Admiralty grade, A to F.
    pub reliability: Option<ReliabilityGrade>,
    /// An archived copy: http or https only.
    pub archive_url: Option<Url>,
}

/// Something that happened, dated as precisely as its sources allow.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Event {
    /// The event's id, unique across all files.
    pub id: Id,
    /// When it happened (or began).
    pub date: Date,
    /// When it ended; it must not end before `date` begins.
    pub end: Option<Date>,
    /// The zone of its times written without an offset, instead of the timeline's.
    pub timezone: Option<TimeZone>,
    /// A label shown instead of the computed date, one line.
    pub display_date: Option<Line>,
    /// What happened, one line.
    pub title: Title,
    /// Plain text; its line breaks are kept.
    pub summary: Option<Text>,
    /// Tags: lower-case words of letters, digits and '-'.
    pub tags: Option<Vec<Tag>>,
    /// Who took part: an actor id, or {id, role}.
    pub actors: Option<Vec<ActorRef>>,
    /// Where it is sourced: a source id, a citation {ref, quote, locator, credibility}, or an inline source. An event without one is a warning.
    pub sources: Option<Vec<SourceRef>>,
    /// Related events: an event id (type context), or {id, type}.
    pub related: Option<Vec<RelatedRef>>,
    /// How likely the event is, in ICD 203 estimative language.
    pub confidence: Option<ConfidenceTerm>,
    /// Pictures, videos or pages shown with the event: a URL, or {url, caption, credit, thumbnail, alt}.
    pub media: Option<Vec<MediaRef>>,
}

/// An event's media: a URL (http(s), or a path relative to the published timeline), or {url, caption, …}.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum MediaRef {
    Url(MediaUrl),
    Full(MediaItem),
}

/// A media item with the words shown with it.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MediaItem {
    pub url: MediaUrl,
    /// Shown under the media, one line.
    pub caption: Option<Line>,
    /// Who made it, one line.
    pub credit: Option<Line>,
    /// A small picture for it.
    pub thumbnail: Option<MediaUrl>,
    /// What the picture shows, for a reader who cannot see it; one line.
    pub alt: Option<Line>,
}

/// An event's actor: an actor id, or {id, role}.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum ActorRef {
    Id(Id),
    WithRole(ActorRole),
}

/// An actor with the role it played in the event.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ActorRole {
    /// The actor's id (from `actors`).
    pub id: Id,
    /// The actor's role in the event (target, respondent, …).
    pub role: Option<Text>,
}

/// An event's source: a source id, a citation of a registry source, or an inline source.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum SourceRef {
    Id(Id),
    Citation(Citation),
    Inline(InlineSource),
}

/// A citation: a source id from `sources` plus details. It cannot also have the registry's fields (publisher, url, …): those belong on the source.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Citation {
    /// The cited source's id (from `sources`).
    #[schemars(rename = "ref")]
    pub reference: Id,
    #[schemars(flatten)]
    pub details: CitationDetails,
}

/// A source written in place, with the registry's fields (its id is `<event-id>/<n>`), and optionally a citation's details.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct InlineSource {
    #[schemars(flatten)]
    pub source: Source,
    #[schemars(flatten)]
    pub details: CitationDetails,
}

/// What an event's citation says of its source, for a registry source and an inline one.
#[derive(JsonSchema)]
pub struct CitationDetails {
    /// The words of the source that support the event.
    pub quote: Option<Text>,
    /// Where in the source: page, paragraph, timestamp.
    pub locator: Option<Text>,
    /// How credible the cited information is: Admiralty credibility, 1 to 6.
    pub credibility: Option<CredibilityGrade>,
}

/// A related event: an event id (type context), or {id, type}.
#[derive(JsonSchema)]
#[schemars(untagged)]
pub enum RelatedRef {
    Id(Id),
    Typed(TypedRelation),
}

/// A related event and how this event relates to it.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TypedRelation {
    /// The related event's id.
    pub id: Id,
    /// How this event relates to it (default: context).
    #[schemars(rename = "type")]
    pub kind: Option<RelationType>,
}

/// A mapping keyed by id (`actors`, `sources`, `tags`).
pub struct IdMap<T>(std::marker::PhantomData<T>);

impl<T: JsonSchema> JsonSchema for IdMap<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("IdMap_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "propertyNames": { "pattern": ID_PATTERN },
            "additionalProperties": generator.subschema_for::<T>(),
        })
    }
}

/// Schema types described by hand: the format's scalars.
macro_rules! scalar {
    ($(#[$m:meta])* $name:ident => $schema:expr) => {
        $(#[$m])*
        pub struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

/// `{"type": "string", "enum": [...]}` with a description.
fn keywords(description: &str, words: Vec<&str>) -> Schema {
    json_schema!({ "type": "string", "enum": words, "description": description })
}

scalar!(Version => json_schema!({
    "type": "integer",
    "const": FORMAT_VERSION as i64,
    "description": "The format version: 1.",
}));

scalar!(Id => json_schema!({
    "type": ["string", "integer"],
    "pattern": ID_PATTERN,
    "minimum": 0,
    "description": "An id: lower-case letters, digits and '-', starting with a letter or digit (kaspersky-lab).",
}));

scalar!(Tag => json_schema!({
    "type": ["string", "integer"],
    "pattern": ID_PATTERN,
    "minimum": 0,
    "description": "A tag: lower-case letters, digits and '-', starting with a letter or digit (sanctions).",
}));

scalar!(Date => json_schema!({
    "type": ["string", "integer"],
    "pattern": DATE_PATTERN,
    "minimum": 1000,
    "maximum": 9999,
    "description": "A date: YYYY, YYYY-MM or YYYY-MM-DD (four-digit years, zero-padded; a leading '-' counts before year 0000), after a day optionally a time of day (THH:MM, THH:MM:SS or THH:MM:SS.sss, then Z or ±HH:MM, else in the event's or the timeline's timezone), optionally followed by ~ (approximate), ? (uncertain) or % (both). Written quoted or not.",
}));

scalar!(TimeZone => json_schema!({
    "type": "string",
    "pattern": "^[A-Za-z][A-Za-z0-9_+/-]*$",
    "description": "An IANA time zone name: America/New_York, Europe/Berlin, UTC.",
}));

scalar!(MediaUrl => json_schema!({
    "type": "string",
    "pattern": "^(https?://\\S+|(?!//)[^\\s:/?#]*([/?#]\\S*)?)$",
    "description": "An http(s) URL, or a path relative to where the timeline is published (./media/photo.jpg): no scheme, no white space.",
}));

scalar!(Text => json_schema!({
    "type": ["string", "number", "boolean"],
    "description": "Plain text. A value YAML reads as a number or a boolean keeps its exact spelling.",
}));

scalar!(NonBlank => json_schema!({
    "type": ["string", "number", "boolean"],
    "pattern": "\\S",
    "description": "Plain text, not empty.",
}));

scalar!(Line => json_schema!({
    "type": ["string", "number", "boolean"],
    "pattern": ONE_LINE_PATTERN,
    "description": "One line of text (a folded scalar's trailing line break is dropped).",
}));

scalar!(Title => json_schema!({
    "type": ["string", "number", "boolean"],
    "pattern": TITLE_PATTERN,
    "description": "One line of text, not empty (a folded scalar's trailing line break is dropped).",
}));

scalar!(Url => json_schema!({
    "type": "string",
    "pattern": URL_PATTERN,
    "description": "An http or https URL.",
}));

scalar!(Country => json_schema!({
    "type": "string",
    "pattern": "^[A-Z]{2}$",
    "description": "An ISO 3166-1 alpha-2 country code: two capital letters (US, RU).",
}));

scalar!(ActorKindName => keywords("What kind of actor.", ActorKind::keywords()));

scalar!(SourceKindName => keywords(
    "What kind of source: news, government, company, legal, research, archive (an archive's faithful copy of a document), repost (another site's copy of someone else's text), forum (a post on a forum, paste site or social network), other.",
    SourceKind::keywords(),
));

scalar!(RelationType => keywords(
    "How this event relates to the other: causes, leads-to, response, context, contradicts, same-as.",
    RelKind::keywords(),
));

scalar!(ConfidenceTerm => keywords(
    "ICD 203 estimative language, from almost-no-chance to almost-certain.",
    Confidence::keywords(),
));

scalar!(ReliabilityGrade => {
    let grades: Vec<serde_json::Value> = Reliability::ALL
        .iter()
        .map(|r| serde_json::json!({ "const": r.letter().to_string(), "description": r.meaning() }))
        .collect();
    json_schema!({
        "type": "string",
        "oneOf": grades,
        "description": "The Admiralty source-reliability grade, a capital letter from A (completely reliable) to F (cannot be judged).",
    })
});

scalar!(CredibilityGrade => {
    let grades: Vec<serde_json::Value> = (1..=6)
        .filter_map(Credibility::new)
        .map(|c| serde_json::json!({ "const": c.value(), "description": c.meaning() }))
        .collect();
    json_schema!({
        "type": "integer",
        "oneOf": grades,
        "description": "The Admiralty information-credibility grade, from 1 (confirmed by other sources) to 6 (cannot be judged).",
    })
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_is_draft_7_and_closed() {
        let s = serde_json::to_value(schema()).unwrap();
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(s["additionalProperties"], false);
        assert_eq!(s["required"], serde_json::json!(["events"]));
        for def in [
            "Event",
            "Era",
            "Actor",
            "Source",
            "Citation",
            "InlineSource",
        ] {
            assert_eq!(
                s["definitions"][def]["additionalProperties"], false,
                "{def}"
            );
        }
        assert_eq!(
            s["definitions"]["ConfidenceTerm"]["enum"],
            serde_json::json!(Confidence::keywords())
        );
    }
}
