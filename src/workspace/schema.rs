//! The JSON Schema of the workspace file (`assets/workspace.schema.json`, printed by
//! `tlx generate workspace-schema`), for editors, as the timeline has its own. The types
//! mirror `docs/workspace.md`; they are only described, never built. What a schema
//! cannot say (a note's time is a real time) is checked when the file is read.

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

/// The schema as `tlx generate workspace-schema` prints it.
pub fn schema_json() -> String {
    let schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<WorkspaceFile>();
    let mut s = serde_json::to_string_pretty(&schema).expect("a schema is plain JSON");
    s.push('\n');
    s
}

/// A tlx workspace: the analyst's marks, notes, labels and saved views on one timeline, kept beside it (docs/workspace.md).
#[derive(JsonSchema)]
#[schemars(title = "tlx workspace", deny_unknown_fields)]
pub struct WorkspaceFile {
    /// The workspace format version: 1.
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// What the analyst keeps on each event, keyed by event id. An id the timeline no longer holds keeps its entry (and is reported).
    pub events: Option<std::collections::BTreeMap<String, Entry>>,
    /// Saved views, keyed by name (letters, digits, - and _).
    pub views: Option<std::collections::BTreeMap<String, View>>,
    /// Brief drafts, keyed by name (letters, digits, - and _).
    pub drafts: Option<std::collections::BTreeMap<String, Draft>>,
    /// What each brief written from a draft was built from (tlx writes these; the last 10 of each draft are kept), for "changes since the last brief".
    pub briefs: Option<Vec<BriefRecord>>,
}

/// One written brief.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct BriefRecord {
    /// The draft it was written from.
    pub draft: String,
    /// When it was written, RFC 3339 in UTC.
    pub at: String,
    /// The timeline's input files and their SHA-256.
    pub inputs: Vec<InputDigest>,
    /// The selected events as the brief saw them.
    pub events: Option<Vec<EventDigest>>,
}

/// An input file of the timeline.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct InputDigest {
    pub name: String,
    /// 64 hex digits.
    pub sha256: String,
}

/// An event as a brief saw it.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EventDigest {
    pub id: String,
    /// The date as written, with its end after a `/`.
    pub date: String,
    pub title: String,
    /// The xxh3-64 of the summary, 16 hex digits.
    pub summary: Option<String>,
    pub sources: Option<Vec<SourceDigest>>,
}

/// A cited source and its grades.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceDigest {
    pub id: String,
    /// A to F.
    pub reliability: Option<String>,
    /// 1 to 6.
    pub credibility: Option<String>,
}

/// A brief in the making (the explorer's brief composer, `tlx export --draft NAME`).
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Draft {
    /// The brief's title.
    pub title: Option<String>,
    /// The bottom line up front, in the analyst's words.
    pub bluf: Option<String>,
    /// Key judgments, in order.
    pub judgments: Option<Vec<Judgment>>,
    /// The ids of the events the brief covers.
    pub events: Option<Vec<String>>,
    /// Whether the analyst's notes go into the brief.
    pub notes: Option<bool>,
}

/// A key judgment.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Judgment {
    /// One sentence.
    pub text: String,
    /// An ICD 203 likelihood term, such as `likely` or `roughly even chance` (checked by `tlx lint`, not refused).
    pub likelihood: Option<String>,
    /// `low`, `moderate` or `high` (checked by `tlx lint`).
    pub confidence: Option<String>,
    /// The ids of the events it rests on.
    pub events: Option<Vec<String>>,
}

/// What the analyst keeps on one event.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Entry {
    /// Marked (for a brief, for `is:marked`).
    pub marked: Option<bool>,
    /// The analyst's labels: lower-case letters, digits, - and _ (`label:NAME` asks for one).
    #[schemars(inner(pattern(r"^[\p{Ll}\p{Lo}\p{N}_-]{1,40}$")))]
    pub labels: Option<Vec<String>>,
    /// The analyst's notes, oldest first.
    pub notes: Option<Vec<Note>>,
}

/// A note: the analyst's words, never sourced text.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Note {
    /// When it was written: RFC 3339, such as 2026-12-02T17:03:05Z.
    pub at: String,
    /// Who wrote it.
    pub author: String,
    /// The note; several lines allowed.
    pub text: String,
}

/// A saved view: a query, and how its list is shown.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct View {
    /// The query (the query language of docs: README, "The query language").
    pub query: String,
    /// The order: date (the default) or score (best match first).
    pub sort: Option<Sort>,
    /// Whether two events either side of each hit show.
    pub context: Option<bool>,
}

/// A view's order.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    Date,
    Score,
}
