//! TimelineJS3 JSON in, a timeline file out, with every problem reported by slide.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

use serde_json::{Map, Value};

use super::html::{self, Element, Node, clip, one_line};
use super::yaml::{Doc, DocEra, DocEvent, DocSource};
use super::{ERA_ONGOING, TAGS_CLASS, TAGS_PREFIX};
use crate::model::validate::{is_http_url, is_valid_id, slug};
use crate::model::{Date, DateStyle, LoadOptions, load_texts};
use crate::text::sanitize;

/// The longest id made from a headline, in bytes (cut at a `-`).
const MAX_SLUG: usize = 60;
/// The longest title made from a slide's text, in characters.
const MAX_DERIVED_TITLE: usize = 80;

/// What an import produced: the timeline file, and what could not be converted as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The timeline in tlx's YAML format; it loads without errors (warnings such as
    /// "no source" are expected).
    pub yaml: String,
    /// Every problem, in document order: title slide, eras, slides, then file-wide notes.
    pub problems: Vec<Problem>,
    /// Events written.
    pub events: usize,
    /// Eras written.
    pub eras: usize,
}

impl Imported {
    /// True when everything was converted: no slide skipped, nothing left out (notes are
    /// allowed). `tlx import` exits 0 then, and 1 otherwise.
    pub fn is_complete(&self) -> bool {
        self.problems.iter().all(|p| p.kind == ProblemKind::Note)
    }
    /// How many problems of a kind were reported.
    pub fn count(&self, kind: ProblemKind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

/// How much a problem costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The whole slide (or era) was left out: it has no usable start date.
    Skipped,
    /// Part of a slide was left out (a media URL that is not http(s), a time of day, an
    /// impossible end date, a link target, a renamed duplicate id…); the rest is written.
    NotConverted,
    /// Nothing was lost, but something was read in a way worth checking (a title made from
    /// the text, an id made from an invalid `unique_id`, display-only fields ignored).
    Note,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProblemKind::Skipped => "skipped",
            ProblemKind::NotConverted => "not converted",
            ProblemKind::Note => "note",
        })
    }
}

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The document as a whole.
    File,
    /// The `title` slide.
    Title,
    /// The n-th entry of `events` (or `slides`), counting from 1, with its headline as text.
    Slide { number: usize, headline: String },
    /// The n-th entry of `eras`, counting from 1.
    Era { number: usize, headline: String },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with = |f: &mut fmt::Formatter<'_>, what: &str, n: usize, h: &str| {
            if h.is_empty() {
                write!(f, "{what} {n}")
            } else {
                write!(f, "{what} {n} ('{}')", clip(h, 50))
            }
        };
        match self {
            Place::File => Ok(()),
            Place::Title => f.write_str("title slide"),
            Place::Slide { number, headline } => with(f, "slide", *number, headline),
            Place::Era { number, headline } => with(f, "era", *number, headline),
        }
    }
}

/// One thing that could not be converted as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    /// The line `tlx import` prints: `FILE: slide 3 ('Headline'): skipped: no start_date`.
    /// Control characters are shown as visible stand-ins.
    pub fn render(&self, file: &str) -> String {
        let place = self.place.to_string();
        let line = if place.is_empty() {
            format!("{file}: {}: {}", self.kind, self.message)
        } else {
            format!("{file}: {place}: {}: {}", self.kind, self.message)
        };
        sanitize(&line).into_owned()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<input>"))
    }
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not JSON; `line` and `column` count from 1.
    #[error("{line}:{column}: not valid JSON: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a TimelineJS document.
    #[error("not a TimelineJS document: {0}")]
    NotTimeline(String),
    /// The converted file did not pass validation: a bug in tlx, reported rather than
    /// written.
    #[error("the converted timeline does not validate (a bug in tlx, please report it): {0}")]
    Internal(String),
}

/// Converts a TimelineJS3 JSON document (`{"title", "events", "eras"}`, or the older
/// `{"timeline": {"slides": …}}`) into a timeline file. `name` is the file's name, for the
/// header comment and as the title of last resort.
pub fn import(json: &str, name: &str) -> Result<Imported, ImportError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    let root: Value = serde_json::from_str(json).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(n) => full[..n].to_string(),
            None => full,
        };
        ImportError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let mut c = Converter::default();
    let doc = c.document(&root, name)?;
    let yaml = doc.to_yaml();
    let loaded = load_texts(&[("converted.yaml", &yaml)], &LoadOptions::default());
    if loaded.has_errors() {
        let msgs: Vec<String> = loaded.errors().map(|d| d.headline()).collect();
        return Err(ImportError::Internal(msgs.join("; ")));
    }
    let mut problems = c.problems;
    problems.extend(c.ignored.problems());
    Ok(Imported {
        yaml,
        problems,
        events: doc.events.len(),
        eras: doc.eras.len(),
    })
}

/// Lower-cases and folds Latin letters with diacritics to ASCII (`Spärck` → `sparck`).
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let f = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ð' | 'ď' | 'đ' => "d",
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'þ' => "th",
            'ß' => "ss",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ĳ' => "ij",
            'ĵ' => "j",
            'ķ' | 'ĸ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ŋ' => "ng",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
            'ţ' | 'ť' | 'ŧ' => "t",
            'ŵ' => "w",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(f);
    }
    out
}

/// An id made from text: apostrophes dropped, folded to ASCII, [`slug`]ged, and cut at a
/// `-` to [`MAX_SLUG`].
pub fn slugify(s: &str) -> String {
    // Apostrophes join their word: "It's" → "its", not "it-s".
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | 'ʼ'))
        .collect();
    let mut id = slug(&fold(&s));
    if id.len() > MAX_SLUG {
        let cut = id[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        id.truncate(cut);
        while id.ends_with('-') {
            id.pop();
        }
    }
    id
}

/// A title made from text: the first sentence of the first line, at most
/// [`MAX_DERIVED_TITLE`] characters (cut at a word, with `…`).
fn derived_title(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut end = first.len();
    for pat in [". ", "! ", "? "] {
        if let Some(n) = first.find(pat)
            && n + 1 < end
        {
            end = n + 1;
        }
    }
    let sentence = first[..end].trim_end_matches('.').trim();
    if sentence.chars().count() <= MAX_DERIVED_TITLE {
        return sentence.to_string();
    }
    let mut cut: String = sentence.chars().take(MAX_DERIVED_TITLE).collect();
    if let Some(n) = cut.rfind(' ') {
        cut.truncate(n);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The host of an http(s) URL, without `www.`.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next().unwrap_or("");
    let h = h.rsplit('@').next().unwrap_or(h).to_ascii_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// What a URL's file extension says it is: `Image`, `Video`, `Audio`, or nothing for a page.
pub(crate) fn media_file_kind(url: &str) -> Option<&'static str> {
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

/// A piece of a date as TimelineJS writes it: a string or a number; empty means absent.
fn date_part(obj: &Map<String, Value>, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            let digits = t.strip_prefix('-').unwrap_or(t);
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<i64>()
                    .map(Some)
                    .map_err(|_| format!("{key} '{}' is too large", clip(t, 30)))
            } else {
                Err(format!("{key} '{}' is not a whole number", clip(t, 30)))
            }
        }
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Ok(Some(i)),
            None => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => Ok(Some(f as i64)),
                _ => Err(format!("{key} {n} is not a whole number")),
            },
        },
        Some(other) => Err(format!("{key} is {}, not a number", describe(other))),
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A text field: a string, or a number written as text; null and blank are absent.
fn text_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(other) => Err(format!("{key} is {}, not text", describe(other))),
    }
}

/// A date read from TimelineJS.
struct TjsDate {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    time: Option<String>,
    display: Option<String>,
}

/// The date label TimelineJS would show is not a date: labels that stand for a qualifier
/// (`c. Jun 2024`) are recognised by comparing with how tlx shows the qualified date.
fn qualified(plain: &str, display: &str) -> Option<Date> {
    ["~", "?", "%"].into_iter().find_map(|q| {
        let d = Date::parse(&format!("{plain}{q}")).ok()?;
        (d.display(DateStyle::Text) == display).then_some(d)
    })
}

/// Fields that only change how TimelineJS draws a slide, and unknown fields: reported once
/// per field, with the slides that have them.
#[derive(Default)]
struct Ignored {
    /// (unknown?, field) → places
    fields: BTreeMap<(bool, String), Vec<Place>>,
}

impl Ignored {
    fn add(&mut self, unknown: bool, field: String, place: &Place) {
        self.fields
            .entry((unknown, field))
            .or_default()
            .push(place.clone());
    }

    fn problems(&self) -> Vec<Problem> {
        self.fields
            .iter()
            .map(|((unknown, field), places)| {
                let what = if *unknown {
                    format!("unknown field '{field}'")
                } else {
                    format!("display-only field '{field}'")
                };
                Problem {
                    place: Place::File,
                    kind: ProblemKind::Note,
                    message: format!("{what} not converted ({})", list_places(places)),
                }
            })
            .collect()
    }
}

/// `title slide, slides 1-3, 7, era 2`.
fn list_places(places: &[Place]) -> String {
    let mut parts = Vec::new();
    if places.contains(&Place::Title) {
        parts.push("title slide".to_string());
    }
    if places.contains(&Place::File) {
        parts.push("the document".to_string());
    }
    for (one, many, nums) in [
        (
            "slide",
            "slides",
            places
                .iter()
                .filter_map(|p| match p {
                    Place::Slide { number, .. } => Some(*number),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        ),
        (
            "era",
            "eras",
            places
                .iter()
                .filter_map(|p| match p {
                    Place::Era { number, .. } => Some(*number),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        ),
    ] {
        if nums.is_empty() {
            continue;
        }
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < nums.len() {
            let mut j = i;
            while j + 1 < nums.len() && nums[j + 1] == nums[j] + 1 {
                j += 1;
            }
            runs.push(if j > i {
                format!("{}-{}", nums[i], nums[j])
            } else {
                nums[i].to_string()
            });
            i = j + 1;
        }
        let word = if nums.len() == 1 { one } else { many };
        parts.push(format!("{word} {}", runs.join(", ")));
    }
    parts.join(", ")
}

/// A slide converted, before its id is settled.
struct Slide {
    place: Place,
    unique_id: Option<String>,
    /// Text to make an id from when `unique_id` is absent or taken.
    id_base: String,
    event: DocEvent,
}

#[derive(Default)]
struct Converter {
    problems: Vec<Problem>,
    ignored: Ignored,
}

const SLIDE_KEYS: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "unique_id",
];
const DISPLAY_ONLY: &[&str] = &["background", "autolink", "location", "type", "scale"];
const DATE_KEYS: &[&str] = &[
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
    "display_date",
];
const DATE_DISPLAY_ONLY: &[&str] = &["format", "format_short", "thumbnail"];
const MEDIA_KEYS: &[&str] = &["url", "caption", "credit"];
const MEDIA_DISPLAY_ONLY: &[&str] = &["thumbnail", "alt", "title", "link", "link_target"];

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(m) => m.values().all(is_blank),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

impl Converter {
    fn report(&mut self, place: &Place, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem {
            place: place.clone(),
            kind,
            message: message.into(),
        });
    }

    /// Notes the fields of an object that are not converted (blank ones are not worth it).
    fn check_keys(
        &mut self,
        obj: &Map<String, Value>,
        prefix: &str,
        known: &[&str],
        display_only: &[&str],
        place: &Place,
    ) {
        for (k, v) in obj {
            if known.contains(&k.as_str()) || is_blank(v) {
                continue;
            }
            let unknown = !display_only.contains(&k.as_str());
            self.ignored.add(unknown, format!("{prefix}{k}"), place);
        }
    }

    fn document(&mut self, root: &Value, name: &str) -> Result<Doc, ImportError> {
        let Value::Object(top) = root else {
            return Err(ImportError::NotTimeline(format!(
                "the file holds {}, not an object with `events`",
                describe(root)
            )));
        };
        let (obj, wrapped) = match top.get("timeline") {
            Some(Value::Object(inner)) if !top.contains_key("events") => (inner, true),
            _ => (top, false),
        };
        if wrapped {
            for (k, v) in top {
                if k != "timeline" && !is_blank(v) {
                    self.ignored.add(true, k.clone(), &Place::File);
                }
            }
        }
        let list_key = if obj.contains_key("events") {
            "events"
        } else if obj.contains_key("slides") {
            "slides"
        } else {
            return Err(ImportError::NotTimeline(
                "no `events` list (nor the older `{\"timeline\": {\"slides\": […]}}`)".into(),
            ));
        };
        let Some(Value::Array(slides)) = obj.get(list_key) else {
            return Err(ImportError::NotTimeline(format!(
                "`{list_key}` is {}, not a list of slides",
                describe(&obj[list_key])
            )));
        };
        for (k, v) in obj {
            if !matches!(k.as_str(), "events" | "slides" | "title" | "eras") && !is_blank(v) {
                let unknown = k != "scale";
                self.ignored.add(unknown, k.clone(), &Place::File);
            }
        }

        // The title slide: `title`, or a slide of type "title" in the list.
        let mut title_slide = obj.get("title").filter(|v| !v.is_null());
        let mut title_index = None;
        if title_slide.is_none() {
            title_index = slides.iter().position(|s| {
                s.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("title"))
            });
            title_slide = title_index.map(|i| &slides[i]);
        }
        let (title, summary) = self.title(title_slide, name);

        let mut eras = Vec::new();
        match obj.get("eras") {
            None | Some(Value::Null) => {}
            Some(Value::Array(list)) => {
                let mut used = HashSet::new();
                for (i, e) in list.iter().enumerate() {
                    if let Some(era) = self.era(e, i + 1, &mut used) {
                        eras.push(era);
                    }
                }
            }
            Some(other) => self.report(
                &Place::File,
                ProblemKind::NotConverted,
                format!(
                    "`eras` is {}, not a list: no era converted",
                    describe(other)
                ),
            ),
        }

        let mut converted = Vec::new();
        for (i, s) in slides.iter().enumerate() {
            if Some(i) == title_index {
                continue;
            }
            if let Some(slide) = self.slide(s, i + 1) {
                converted.push(slide);
            }
        }
        let events = self.assign_ids(converted);

        let mut header = vec![
            format!(
                "Converted from {} (TimelineJS3 JSON) by tlx {} (tlx import timelinejs).",
                one_line(name),
                env!("CARGO_PKG_VERSION")
            ),
            "Check it with `tlx validate`; docs/timelinejs.md says how each field was read."
                .to_string(),
        ];
        if wrapped {
            header.push("The file used the older {\"timeline\": {…}} wrapper.".into());
        }
        Ok(Doc {
            header,
            title,
            summary,
            eras,
            events,
        })
    }

    /// The timeline's title and summary, from the title slide, else from the file's name.
    fn title(&mut self, slide: Option<&Value>, name: &str) -> (String, Option<String>) {
        let place = Place::Title;
        let mut headline = String::new();
        let mut paragraphs: Vec<String> = Vec::new();
        match slide {
            None => {}
            // Not TimelineJS, but clear enough: a title given as text.
            Some(Value::String(s)) => headline = self.converted_line(s, "title", &place),
            Some(Value::Object(obj)) => {
                self.check_keys(
                    obj,
                    "",
                    &[
                        "text",
                        "media",
                        "start_date",
                        "end_date",
                        "unique_id",
                        "group",
                        "display_date",
                        "type",
                    ],
                    DISPLAY_ONLY,
                    &place,
                );
                if let Some(text) = self.text_object(obj, &place) {
                    headline = text.0;
                    paragraphs.extend(text.1);
                }
                if let Some(Value::Object(m)) = obj.get("media") {
                    let (source, para) = self.media(m, &place);
                    if let Some(s) = source {
                        // The title slide has no sources: its web page is kept as text,
                        // with the credit it gave (not the host put in its place).
                        let url = s.url.as_deref().unwrap_or("");
                        let credit = Some(s.publisher.as_str()).filter(|p| *p != host(url));
                        paragraphs.push(media_paragraph("Link", url, s.title.as_deref(), credit));
                    }
                    paragraphs.extend(para);
                }
                for k in ["start_date", "end_date", "group", "display_date"] {
                    if obj.get(k).is_some_and(|v| !is_blank(v)) {
                        self.ignored.add(false, k.to_string(), &place);
                    }
                }
            }
            Some(other) => self.report(
                &place,
                ProblemKind::NotConverted,
                format!("the title slide is {}, not an object", describe(other)),
            ),
        }
        let summary = html::canonical(&paragraphs.join("\n\n"));
        let summary = (!summary.is_empty()).then_some(summary);
        if !headline.is_empty() {
            return (headline, summary);
        }
        if let Some(s) = &summary {
            let t = derived_title(s);
            if !t.is_empty() {
                self.report(
                    &place,
                    ProblemKind::Note,
                    format!("no headline: the timeline's title '{t}' is taken from its text"),
                );
                return (t, summary);
            }
        }
        let stem = std::path::Path::new(name)
            .file_stem()
            .map(|s| one_line(&s.to_string_lossy()))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "Imported timeline".to_string());
        self.report(
            if slide.is_some() {
                &place
            } else {
                &Place::File
            },
            ProblemKind::Note,
            format!(
                "{}: the timeline's title is '{stem}', from the file's name",
                if slide.is_some() {
                    "the title slide has no headline nor text"
                } else {
                    "no title slide"
                }
            ),
        );
        (stem, summary)
    }

    /// `text.headline` (one line) and `text.text` (paragraphs), with what was dropped reported.
    fn text_object(
        &mut self,
        obj: &Map<String, Value>,
        place: &Place,
    ) -> Option<(String, Vec<String>)> {
        let text = match obj.get("text") {
            None | Some(Value::Null) => return None,
            Some(Value::Object(t)) => t,
            Some(other) => {
                self.report(
                    place,
                    ProblemKind::NotConverted,
                    format!("`text` is {}, not an object", describe(other)),
                );
                return None;
            }
        };
        self.check_keys(text, "text.", &["headline", "text"], &[], place);
        let headline = match text_field(text, "headline") {
            Ok(h) => h.map(|h| self.converted_line(&h, "headline", place)),
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, e);
                None
            }
        };
        let body = match text_field(text, "text") {
            Ok(b) => b,
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, e);
                None
            }
        };
        let mut paras = Vec::new();
        if let Some(b) = body {
            let t = html::to_text(&b);
            self.dropped(&t.dropped, "text", place);
            if !t.text.is_empty() {
                paras.push(t.text);
            }
        }
        Some((headline.unwrap_or_default(), paras))
    }

    fn converted_line(&mut self, html_text: &str, field: &str, place: &Place) -> String {
        let t = html::to_line(html_text);
        self.dropped(&t.dropped, field, place);
        t.text
    }

    fn dropped(&mut self, dropped: &[String], field: &str, place: &Place) {
        for d in dropped {
            self.report(place, ProblemKind::NotConverted, format!("{field}: {d}"));
        }
    }

    /// Reads a TimelineJS date object.
    fn tjs_date(&mut self, v: &Value, key: &str, place: &Place) -> Result<Option<TjsDate>, String> {
        let obj = match v {
            Value::Null => return Ok(None),
            Value::Object(o) => o,
            // A string such as "2024-06-20": the form of TimelineJS spreadsheets.
            Value::String(s) if s.trim().is_empty() => return Ok(None),
            other => return Err(format!("{key} is {}, not a date object", describe(other))),
        };
        self.check_keys(obj, &format!("{key}."), DATE_KEYS, DATE_DISPLAY_ONLY, place);
        let year = date_part(obj, "year").map_err(|e| format!("{key}: {e}"))?;
        let month = date_part(obj, "month").map_err(|e| format!("{key}: {e}"))?;
        let day = date_part(obj, "day").map_err(|e| format!("{key}: {e}"))?;
        let mut time_parts = Vec::new();
        for k in ["hour", "minute", "second", "millisecond"] {
            match date_part(obj, k) {
                Ok(v) => time_parts.push(v),
                Err(e) => {
                    self.report(place, ProblemKind::NotConverted, format!("{key}: {e}"));
                    time_parts.push(None);
                }
            }
        }
        let time = time_parts.iter().any(Option::is_some).then(|| {
            let p = |v: Option<i64>| format!("{:02}", v.unwrap_or(0));
            let mut t = format!(
                "{}:{}:{}",
                p(time_parts[0]),
                p(time_parts[1]),
                p(time_parts[2])
            );
            if let Some(ms) = time_parts[3] {
                t.push_str(&format!(".{ms:03}"));
            }
            t
        });
        let display = match text_field(obj, "display_date") {
            Ok(d) => d.map(|d| html::to_line(&d).text).filter(|d| !d.is_empty()),
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, format!("{key}: {e}"));
                None
            }
        };
        if year.is_none() && month.is_none() && day.is_none() && time.is_none() && display.is_none()
        {
            return Ok(None);
        }
        Ok(Some(TjsDate {
            year,
            month,
            day,
            time,
            display,
        }))
    }

    /// A TimelineJS date as a tlx date, and the label left over (when it is not a
    /// qualifier's label). Errors say why the date cannot be used.
    fn our_date(
        &mut self,
        d: &TjsDate,
        key: &str,
        place: &Place,
    ) -> Result<(Date, Option<String>), String> {
        let Some(y) = d.year else {
            return Err(format!("{key} has no year"));
        };
        if y == 0 {
            self.report(
                place,
                ProblemKind::Note,
                format!(
                    "{key}: TimelineJS shows year 0 as '0', a year the BCE/CE count does not have; it is read as 1 BC (0000)"
                ),
            );
        }
        let astro = if y < 0 { y + 1 } else { y };
        if !(-9999..=9999).contains(&astro) {
            return Err(format!(
                "{key}: year {y} is out of the range tlx dates hold (10000 BCE to 9999)"
            ));
        }
        let mut text = if astro < 0 {
            format!("-{:04}", -astro)
        } else {
            format!("{astro:04}")
        };
        if let Some(m) = d.month {
            if !(1..=12).contains(&m) {
                return Err(format!(
                    "{key}: month {m} does not exist (months run from 1 to 12)"
                ));
            }
            text.push_str(&format!("-{m:02}"));
            if let Some(day) = d.day {
                if !(1..=31).contains(&day) {
                    return Err(format!("{key}: day {day} does not exist"));
                }
                text.push_str(&format!("-{day:02}"));
            }
        } else if let Some(day) = d.day {
            self.report(
                place,
                ProblemKind::NotConverted,
                format!("{key}: day {day} without a month is not kept (the date is the year {y})"),
            );
        }
        let date = Date::parse(&text).map_err(|e| match e {
            crate::model::DateError::Day {
                day,
                month_name,
                year,
                days,
                ..
            } => format!(
                "{key}: day {day} does not exist in {month_name} {year} (it has {days} days)"
            ),
            other => format!("{key}: {other}"),
        })?;
        if let Some(t) = &d.time {
            self.report(
                place,
                ProblemKind::NotConverted,
                format!("{key}: the time of day {t} is not kept (tlx dates are days)"),
            );
        }
        match &d.display {
            Some(label) => match qualified(&text, label) {
                Some(q) => Ok((q, None)),
                None => Ok((date, Some(label.clone()))),
            },
            None => Ok((date, None)),
        }
    }

    fn slide(&mut self, v: &Value, number: usize) -> Option<Slide> {
        let Value::Object(obj) = v else {
            let place = Place::Slide {
                number,
                headline: String::new(),
            };
            self.report(
                &place,
                ProblemKind::Skipped,
                format!("the slide is {}, not an object", describe(v)),
            );
            return None;
        };
        // The headline names the slide in messages, before anything else is read.
        let headline_for_place = obj
            .get("text")
            .and_then(|t| t.get("headline"))
            .and_then(Value::as_str)
            .map(|h| html::to_line(h).text)
            .unwrap_or_default();
        let place = Place::Slide {
            number,
            headline: headline_for_place,
        };
        self.check_keys(obj, "", SLIDE_KEYS, DISPLAY_ONLY, &place);

        // Dates first: a slide without a usable start date is skipped whole.
        let start = match obj.get("start_date") {
            None => Err("no start_date".to_string()),
            Some(v) => match self.tjs_date(v, "start_date", &place) {
                Ok(None) => Err("start_date is empty".to_string()),
                Ok(Some(d)) => self.our_date(&d, "start_date", &place),
                Err(e) => Err(e),
            },
        };
        let (date, start_label) = match start {
            Ok(x) => x,
            Err(e) => {
                self.report(&place, ProblemKind::Skipped, e);
                return None;
            }
        };
        let mut end_label = None;
        let end = match obj
            .get("end_date")
            .map(|v| self.tjs_date(v, "end_date", &place))
        {
            None | Some(Ok(None)) => None,
            Some(Err(e)) => {
                self.report(
                    &place,
                    ProblemKind::NotConverted,
                    format!("{e}: the end date is not kept"),
                );
                None
            }
            Some(Ok(Some(d))) => match self.our_date(&d, "end_date", &place) {
                Ok((e, label)) if e.latest() < date.earliest() => {
                    self.report(
                        &place,
                        ProblemKind::NotConverted,
                        format!(
                            "end_date {e} is before start_date {date}: the end date is not kept"
                        ),
                    );
                    let _ = label;
                    None
                }
                Ok((e, label)) => {
                    end_label = label;
                    Some(e)
                }
                Err(e) => {
                    self.report(
                        &place,
                        ProblemKind::NotConverted,
                        format!("{e}: the end date is not kept"),
                    );
                    None
                }
            },
        };

        let slide_label = match text_field(obj, "display_date") {
            Ok(d) => d.map(|d| html::to_line(&d).text).filter(|d| !d.is_empty()),
            Err(e) => {
                self.report(&place, ProblemKind::NotConverted, e);
                None
            }
        };
        let display_date = match (slide_label, start_label, end_label) {
            (Some(s), a, b) => {
                for (k, l) in [("start_date", a), ("end_date", b)] {
                    if let Some(l) = l {
                        self.report(
                            &place,
                            ProblemKind::Note,
                            format!("{k}.display_date '{}' is not kept: the slide's display_date overrides it, as in TimelineJS", clip(&l, 40)),
                        );
                    }
                }
                Some(s)
            }
            (None, Some(a), Some(b)) => Some(format!("{a} – {b}")),
            (None, Some(a), None) => Some(match &end {
                Some(e) => format!("{a} – {}", e.display(DateStyle::Text)),
                None => a,
            }),
            (None, None, Some(b)) => Some(format!("{} – {b}", date.display(DateStyle::Text))),
            (None, None, None) => None,
        };

        let (headline, mut paragraphs, sources_from_text, tags_from_text) =
            self.slide_text(obj, &place);
        // What a title can be made from when there is no headline, before media is added.
        let text_title = derived_title(&paragraphs.join("\n\n"));
        let caption = obj
            .get("media")
            .and_then(|m| m.get("caption"))
            .and_then(Value::as_str)
            .map(|c| html::to_line(c).text)
            .filter(|c| !c.is_empty());

        // Media: a web page is a source; other media are kept as text.
        let mut sources = sources_from_text;
        if let Some(m) = obj.get("media") {
            match m {
                Value::Object(m) => {
                    let (source, para) = self.media(m, &place);
                    if let Some(s) = source
                        && !sources.iter().any(|x| x.url == s.url)
                    {
                        sources.push(s);
                    }
                    paragraphs.extend(para);
                }
                Value::Null => {}
                other => self.report(
                    &place,
                    ProblemKind::NotConverted,
                    format!("`media` is {}, not an object", describe(other)),
                ),
            }
        }
        let summary = html::canonical(&paragraphs.join("\n\n"));
        let summary = (!summary.is_empty()).then_some(summary);

        let mut tags: Vec<String> = Vec::new();
        match text_field(obj, "group") {
            Ok(Some(g)) => {
                let g = html::to_line(&g).text;
                let tag = slugify(&g);
                if tag.is_empty() {
                    self.report(
                        &place,
                        ProblemKind::NotConverted,
                        format!(
                            "group '{}' has no letter or digit a tag can hold: not kept",
                            clip(&g, 40)
                        ),
                    );
                } else {
                    tags.push(tag);
                }
            }
            Ok(None) => {}
            Err(e) => self.report(&place, ProblemKind::NotConverted, e),
        }
        for t in tags_from_text {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }

        let title = if !headline.is_empty() {
            headline.clone()
        } else {
            let (t, from) = if !text_title.is_empty() {
                (text_title, "its text")
            } else if let Some(c) = caption {
                (c, "its media's caption")
            } else {
                (format!("Slide {number}"), "its number")
            };
            self.report(
                &place,
                ProblemKind::Note,
                format!(
                    "no headline: the title '{}' is made from {from}",
                    clip(&t, 60)
                ),
            );
            t
        };

        let unique_id = match text_field(obj, "unique_id") {
            Ok(u) => u.map(|u| u.trim().to_string()),
            Err(e) => {
                self.report(&place, ProblemKind::NotConverted, e);
                None
            }
        };
        Some(Slide {
            place,
            unique_id,
            id_base: title.clone(),
            event: DocEvent {
                id: String::new(),
                date: date.as_written(),
                end: end.map(|e| e.as_written()),
                display_date,
                title,
                summary,
                tags,
                sources,
            },
        })
    }

    /// The headline, the text's paragraphs, and the sources and tags a tlx export wrote
    /// into the text.
    fn slide_text(
        &mut self,
        obj: &Map<String, Value>,
        place: &Place,
    ) -> (String, Vec<String>, Vec<DocSource>, Vec<String>) {
        let text = match obj.get("text") {
            None | Some(Value::Null) => return (String::new(), Vec::new(), Vec::new(), Vec::new()),
            Some(Value::Object(t)) => t,
            Some(other) => {
                self.report(
                    place,
                    ProblemKind::NotConverted,
                    format!("`text` is {}, not an object", describe(other)),
                );
                return (String::new(), Vec::new(), Vec::new(), Vec::new());
            }
        };
        self.check_keys(text, "text.", &["headline", "text"], &[], place);
        let headline = match text_field(text, "headline") {
            Ok(h) => h.map(|h| self.converted_line(&h, "headline", place)),
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, e);
                None
            }
        }
        .unwrap_or_default();
        let body = match text_field(text, "text") {
            Ok(b) => b.unwrap_or_default(),
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, e);
                String::new()
            }
        };
        let nodes = html::parse(&body);
        let mut sources = Vec::new();
        let mut tags = Vec::new();
        let rest = self.extract_tlx(nodes, &mut sources, &mut tags, place);
        let t = html::nodes_to_text(&rest);
        self.dropped(&t.dropped, "text", place);
        let paras = if t.text.is_empty() {
            Vec::new()
        } else {
            vec![t.text]
        };
        (headline, paras, sources, tags)
    }

    /// Takes out the source list and the tag line a tlx export writes, and reads them.
    fn extract_tlx(
        &mut self,
        nodes: Vec<Node>,
        sources: &mut Vec<DocSource>,
        tags: &mut Vec<String>,
        place: &Place,
    ) -> Vec<Node> {
        let mut out = Vec::with_capacity(nodes.len());
        for n in nodes {
            match n {
                Node::Element(e) if e.has_class(super::SOURCES_CLASS) => {
                    self.tlx_sources(&e, sources, place);
                }
                Node::Element(e) if e.has_class(TAGS_CLASS) => {
                    let line = html::inner_text(&e.children);
                    let list = line.trim().strip_prefix(TAGS_PREFIX).unwrap_or(&line);
                    for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                        if is_valid_id(t) && !tags.iter().any(|x| x == t) {
                            tags.push(t.to_string());
                        } else if !is_valid_id(t) {
                            self.report(
                                place,
                                ProblemKind::NotConverted,
                                format!("tag '{}' in the tag line is not a valid tag", clip(t, 40)),
                            );
                        }
                    }
                }
                Node::Element(mut e) => {
                    let children = std::mem::take(&mut e.children);
                    e.children = self.extract_tlx(children, sources, tags, place);
                    out.push(Node::Element(e));
                }
                t => out.push(t),
            }
        }
        out
    }

    fn tlx_sources(&mut self, list: &Element, sources: &mut Vec<DocSource>, place: &Place) {
        let mut items = Vec::new();
        collect(list, &|e| e.name == "li", &mut items);
        for li in items {
            let field = |class: &str| {
                li.find(&|e| e.has_class(class))
                    .map(|e| one_line(&html::inner_text(&e.children)))
                    .filter(|s| !s.is_empty())
            };
            let Some(publisher) = field("tlx-publisher") else {
                self.report(
                    place,
                    ProblemKind::NotConverted,
                    format!(
                        "a source without a publisher in the source list: '{}'",
                        clip(&html::inner_text(&li.children), 60)
                    ),
                );
                continue;
            };
            let url = li
                .find(&|e| e.name == "a" && !e.has_class("tlx-archive") && e.attr("href").is_some())
                .and_then(|a| a.attr("href"))
                .map(str::trim)
                .filter(|u| is_http_url(u))
                .map(str::to_string);
            let archive_url = li
                .find(&|e| e.name == "a" && e.has_class("tlx-archive"))
                .and_then(|a| a.attr("href"))
                .map(str::trim)
                .filter(|u| is_http_url(u))
                .map(str::to_string);
            let published = li
                .find(&|e| e.has_class("tlx-published"))
                .and_then(|e| e.attr("datetime"))
                .and_then(|d| Date::parse(d).ok())
                .map(|d| d.as_written());
            let quote = li
                .find(&|e| e.has_class("tlx-quote"))
                .map(|e| html::canonical(&html::inner_text(&e.children)))
                .filter(|q| !q.is_empty());
            sources.push(DocSource {
                publisher,
                title: field("tlx-title"),
                url,
                published,
                author: field("tlx-author"),
                archive_url,
                quote,
                locator: field("tlx-locator"),
            });
        }
    }

    /// A media object: a source when it is a web page, else a paragraph of text (or nothing,
    /// reported, when its URL cannot be kept).
    fn media(
        &mut self,
        m: &Map<String, Value>,
        place: &Place,
    ) -> (Option<DocSource>, Option<String>) {
        self.check_keys(m, "media.", MEDIA_KEYS, MEDIA_DISPLAY_ONLY, place);
        let field = |key: &str, this: &mut Self| match text_field(m, key) {
            Ok(v) => v.map(|v| this.converted_line(&v, &format!("media.{key}"), place)),
            Err(e) => {
                this.report(place, ProblemKind::NotConverted, format!("media: {e}"));
                None
            }
        };
        let caption = field("caption", self).filter(|s| !s.is_empty());
        let credit = field("credit", self).filter(|s| !s.is_empty());
        let raw_url = match text_field(m, "url") {
            Ok(u) => u.map(|u| u.trim().to_string()).unwrap_or_default(),
            Err(e) => {
                self.report(place, ProblemKind::NotConverted, format!("media: {e}"));
                String::new()
            }
        };
        if raw_url.is_empty() {
            if caption.is_some() || credit.is_some() {
                let what = caption.as_deref().or(credit.as_deref()).unwrap_or("");
                self.report(
                    place,
                    ProblemKind::NotConverted,
                    format!(
                        "media has a caption or credit ('{}') but no URL: not kept",
                        clip(what, 50)
                    ),
                );
            }
            return (None, None);
        }
        if raw_url.starts_with('<') {
            // HTML in place of a URL: a quote, an embed. Its text is kept.
            let t = html::to_text(&raw_url);
            self.dropped(&t.dropped, "media", place);
            let mut para = t.text;
            if let Some(c) = &credit {
                para.push_str(&format!("\n— {c}"));
            }
            if let Some(c) = &caption {
                para.push_str(&format!("\n{c}"));
            }
            let para = html::canonical(&para);
            return (None, (!para.is_empty()).then_some(para));
        }
        let url = if let Some(rest) = raw_url.strip_prefix("//") {
            let u = format!("https://{rest}");
            self.report(
                place,
                ProblemKind::Note,
                format!(
                    "media URL '{}' has no scheme: written as {u}",
                    clip(&raw_url, 60)
                ),
            );
            u
        } else {
            raw_url.clone()
        };
        if !is_http_url(&url) {
            let extra = match (&caption, &credit) {
                (Some(c), _) | (None, Some(c)) => format!(" (caption or credit '{}')", clip(c, 40)),
                _ => String::new(),
            };
            self.report(
                place,
                ProblemKind::NotConverted,
                format!(
                    "media URL '{}' is not an http(s) URL: the media{extra} is not kept",
                    clip(&url, 60)
                ),
            );
            return (None, None);
        }
        if let Some(kind) = media_file_kind(&url) {
            return (
                None,
                Some(media_paragraph(
                    kind,
                    &url,
                    caption.as_deref(),
                    credit.as_deref(),
                )),
            );
        }
        let source = DocSource {
            publisher: credit.unwrap_or_else(|| host(&url)),
            title: caption,
            url: Some(url),
            ..DocSource::default()
        };
        (Some(source), None)
    }

    fn era(&mut self, v: &Value, number: usize, used: &mut HashSet<String>) -> Option<DocEra> {
        let headline = v
            .get("text")
            .and_then(|t| t.get("headline"))
            .and_then(Value::as_str)
            .map(|h| html::to_line(h).text)
            .unwrap_or_default();
        let place = Place::Era {
            number,
            headline: headline.clone(),
        };
        let Value::Object(obj) = v else {
            self.report(
                &place,
                ProblemKind::Skipped,
                format!("the era is {}, not an object", describe(v)),
            );
            return None;
        };
        self.check_keys(
            obj,
            "",
            &["start_date", "end_date", "text", "unique_id"],
            DISPLAY_ONLY,
            &place,
        );
        let start = match obj.get("start_date") {
            None => Err("no start_date".to_string()),
            Some(v) => match self.tjs_date(v, "start_date", &place) {
                Ok(None) => Err("start_date is empty".to_string()),
                Ok(Some(d)) => self.our_date(&d, "start_date", &place),
                Err(e) => Err(e),
            },
        };
        let start = match start {
            Ok((d, _)) => d,
            Err(e) => {
                self.report(&place, ProblemKind::Skipped, e);
                return None;
            }
        };
        let end = match obj
            .get("end_date")
            .map(|v| self.tjs_date(v, "end_date", &place))
        {
            None | Some(Ok(None)) => None,
            Some(Ok(Some(d))) if d.display.as_deref() == Some(ERA_ONGOING) => None,
            Some(Ok(Some(d))) => {
                match self.our_date(&d, "end_date", &place) {
                    Ok((e, _)) if e.latest() < start.earliest() => {
                        self.report(
                        &place,
                        ProblemKind::NotConverted,
                        format!("end_date {e} is before start_date {start}: the end date is not kept"),
                    );
                        None
                    }
                    Ok((e, _)) => Some(e),
                    Err(e) => {
                        self.report(
                            &place,
                            ProblemKind::NotConverted,
                            format!("{e}: the end date is not kept"),
                        );
                        None
                    }
                }
            }
            Some(Err(e)) => {
                self.report(
                    &place,
                    ProblemKind::NotConverted,
                    format!("{e}: the end date is not kept"),
                );
                None
            }
        };
        let (mut title, paragraphs) = self.text_object(obj, &place).unwrap_or_default();
        let text = paragraphs.join("\n\n");
        if !text.is_empty() {
            self.report(
                &place,
                ProblemKind::NotConverted,
                format!(
                    "the era's text '{}' is not kept (an era has a title only)",
                    clip(&text, 50)
                ),
            );
        }
        if title.is_empty() {
            title = format!("Era {number}");
            self.report(
                &place,
                ProblemKind::Note,
                format!("no headline: the era is titled '{title}'"),
            );
        }
        let explicit = text_field(obj, "unique_id")
            .ok()
            .flatten()
            .map(|u| u.trim().to_string());
        let base = match explicit.as_deref() {
            Some(u) if is_valid_id(u) && !used.contains(u) => u.to_string(),
            Some(u) => {
                let s = slugify(u);
                let s = if s.is_empty() { slugify(&title) } else { s };
                self.report(
                    &place,
                    if used.contains(u) {
                        ProblemKind::NotConverted
                    } else {
                        ProblemKind::Note
                    },
                    format!(
                        "unique_id '{}' is not a valid or free id: the era's id is made from it",
                        clip(u, 40)
                    ),
                );
                s
            }
            None => slugify(&title),
        };
        let id = unique(
            if base.is_empty() {
                "era".to_string()
            } else {
                base
            },
            used,
        );
        Some(DocEra {
            id,
            title,
            start: start.as_written(),
            end: end.map(|e| e.as_written()),
        })
    }

    /// Settles event ids: valid `unique_id`s first (the first slide keeps a repeated one),
    /// then ids made from headlines, each made unique with `-2`, `-3`, ….
    fn assign_ids(&mut self, slides: Vec<Slide>) -> Vec<DocEvent> {
        let mut used: HashSet<String> = HashSet::new();
        // The slide number that keeps each explicit id.
        let mut owner: HashMap<String, usize> = HashMap::new();
        let mut ids: Vec<Option<String>> = vec![None; slides.len()];
        for (i, s) in slides.iter().enumerate() {
            if let Some(u) = s.unique_id.as_deref().filter(|u| is_valid_id(u))
                && !used.contains(u)
            {
                used.insert(u.to_string());
                let number = match &s.place {
                    Place::Slide { number, .. } => *number,
                    _ => 0,
                };
                owner.insert(u.to_string(), number);
                ids[i] = Some(u.to_string());
            }
        }
        let mut out = Vec::with_capacity(slides.len());
        for (i, s) in slides.into_iter().enumerate() {
            let id = match ids[i].take() {
                Some(id) => id,
                None => {
                    let base = match s.unique_id.as_deref() {
                        Some(u) if is_valid_id(u) => u.to_string(),
                        Some(u) => slugify(u),
                        None => String::new(),
                    };
                    let base = if base.is_empty() {
                        slugify(&s.id_base)
                    } else {
                        base
                    };
                    let base = if base.is_empty() {
                        match &s.place {
                            Place::Slide { number, .. } => format!("slide-{number}"),
                            _ => "event".to_string(),
                        }
                    } else {
                        base
                    };
                    let id = unique(base, &mut used);
                    match s.unique_id.as_deref() {
                        Some(u) if is_valid_id(u) => {
                            let first = owner.get(u).copied().unwrap_or(0);
                            self.report(
                                &s.place,
                                ProblemKind::NotConverted,
                                format!(
                                    "unique_id '{u}' is already the id of slide {first}: this slide's id is '{id}'"
                                ),
                            );
                        }
                        Some(u) => self.report(
                            &s.place,
                            ProblemKind::Note,
                            format!(
                                "unique_id '{}' is not a valid tlx id: the id is '{id}'",
                                clip(u, 40)
                            ),
                        ),
                        None => {}
                    }
                    id
                }
            };
            let mut ev = s.event;
            ev.id = id;
            out.push(ev);
        }
        out
    }
}

/// `base`, or `base-2`, `base-3`… : the first that is not used; it is then used.
fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

/// Every element below `e` (or `e`) that satisfies `pred`, in document order.
fn collect<'a>(e: &'a Element, pred: &dyn Fn(&Element) -> bool, out: &mut Vec<&'a Element>) {
    if pred(e) {
        out.push(e);
        return;
    }
    for c in &e.children {
        if let Node::Element(c) = c {
            collect(c, pred, out);
        }
    }
}

/// Media that is not a source, as a paragraph: `Image: URL — caption (credit: X)`.
fn media_paragraph(kind: &str, url: &str, caption: Option<&str>, credit: Option<&str>) -> String {
    let mut p = format!("{kind}: {url}");
    if let Some(c) = caption {
        p.push_str(&format!(" — {c}"));
    }
    if let Some(c) = credit {
        p.push_str(&format!(" (credit: {c})"));
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_latin_letters_and_stay_short() {
        assert_eq!(
            slugify("Rózsa Péter writes recursion"),
            "rozsa-peter-writes-recursion"
        );
        assert_eq!(slugify("Karen Spärck Jones"), "karen-sparck-jones");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("It's Easy, Arab Army’s"), "its-easy-arab-armys");
        let long = slugify(
            "Joint Persian-Avar-Slav Siege of Constantinople Constantinople saved by the walls",
        );
        assert!(long.len() <= MAX_SLUG, "{long}");
        assert!(!long.ends_with('-'));
        assert_eq!(slugify("日本"), "");
    }

    #[test]
    fn titles_from_text() {
        assert_eq!(
            derived_title("Born in Florida. Then moved."),
            "Born in Florida"
        );
        let t = derived_title(&"word ".repeat(40));
        assert!(
            t.ends_with('…') && t.chars().count() <= MAX_DERIVED_TITLE + 1,
            "{t}"
        );
    }

    #[test]
    fn media_kinds_and_hosts() {
        assert_eq!(media_file_kind("https://x.org/a/b.JPG?w=1"), Some("Image"));
        assert_eq!(media_file_kind("https://x.org/a.mp3"), Some("Audio"));
        assert_eq!(media_file_kind("https://www.youtube.com/watch?v=x"), None);
        assert_eq!(media_file_kind("https://en.wikipedia.org/wiki/A.B"), None);
        assert_eq!(host("https://www.Example.org:8080/x"), "example.org:8080");
    }

    #[test]
    fn place_lists_are_ranges() {
        let s = |n| Place::Slide {
            number: n,
            headline: String::new(),
        };
        assert_eq!(
            list_places(&[Place::Title, s(1), s(2), s(3), s(7)]),
            "title slide, slides 1-3, 7"
        );
    }
}
