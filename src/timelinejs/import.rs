//! TimelineJS3 JSON in, a timeline file out, with every problem reported by slide.
//!
//! The document is read here (its title slide, its eras and its slides); each part has a
//! file: `dates`, `media`, `text` (headlines, paragraphs, and what an export wrote into
//! them), `slide`, `era`, `ids`; `problems` is what is reported, and `values` reads JSON
//! values as TimelineJS writes them.

mod dates;
mod era;
mod ids;
mod media;
mod problems;
mod slide;
mod text;
mod v2;
mod values;

use std::collections::HashSet;

use serde_json::Value;

use crate::model::{LoadOptions, load_texts};
use crate::timelinejs::html::{self, one_line};
use crate::timelinejs::yaml::Doc;
use era::era;
pub use ids::id_from;
use ids::{assign_ids, tag_titles};
pub use media::{host, media_file_kind};
use media::{media, media_paragraph};
use problems::Report;
use problems::all_out_of_range;
pub use problems::{ImportError, Imported, Place, Problem, ProblemKind};
use slide::slide;
use text::{converted_line, derived_title, text_object};
use values::{DISPLAY_ONLY, describe, is_blank};

/// Converts a TimelineJS3 JSON document (`{"title", "events", "eras"}`, or the older
/// `{"timeline": {"slides": …}}`, or TimelineJS 2's `{"timeline": {"date": […]}}`) into a
/// timeline file. `name` is the file's name, for the
/// header comment and as the title of last resort.
pub fn import(json: &str, name: &str) -> Result<Imported, ImportError> {
    import_with(json, name, None)
}

/// [`import`], with relative media paths made absolute links against `media_base` (see
/// [`import_value`]).
pub fn import_with(
    json: &str,
    name: &str,
    media_base: Option<&str>,
) -> Result<Imported, ImportError> {
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
    import_value(
        &root,
        name,
        "TimelineJS3 JSON",
        "tlx import timelinejs",
        media_base,
    )
}

/// Converts a TimelineJS3 document already read as JSON; `what` names the input's form
/// and `command` the command, for the header comment. With `media_base` (an http(s) URL,
/// the folder the timeline was published from), relative media paths are made absolute
/// links against it.
pub fn import_value(
    root: &Value,
    name: &str,
    what: &str,
    command: &str,
    media_base: Option<&str>,
) -> Result<Imported, ImportError> {
    let mut report = Report::default();
    let v3;
    let (root, what) = if v2::is_v2(root) {
        v3 = v2::to_v3(root).map_err(ImportError::NotTimeline)?;
        report.report(
            &Place::File,
            ProblemKind::Note,
            "the file is in TimelineJS 2's form ({\"timeline\": {\"date\": […]}}): \
             read as the TimelineJS3 document it stands for",
        );
        (&v3, what.replacen("TimelineJS3", "TimelineJS 2", 1))
    } else {
        (root, what.to_string())
    };
    let mut doc = document(&mut report, root, name)?;
    if let Some(base) = media_base {
        for m in doc.events.iter_mut().flat_map(|e| e.media.iter_mut()) {
            m.url = resolve(base, &m.url);
            if let Some(t) = &m.thumbnail {
                m.thumbnail = Some(resolve(base, t));
            }
        }
    }
    doc.header[0] = format!(
        "Converted from {} ({what}) by tlx {} ({command}).",
        one_line(name),
        env!("CARGO_PKG_VERSION")
    );
    let yaml = doc.to_yaml();
    let loaded = load_texts(&[("converted.yaml", &yaml)], &LoadOptions::default());
    if loaded.has_errors() {
        let msgs: Vec<String> = loaded.errors().map(|d| d.headline()).collect();
        return Err(ImportError::Internal(msgs.join("; ")));
    }
    let problems = report.finish();
    Ok(Imported {
        yaml,
        skipped: problems
            .iter()
            .filter(|p| p.kind == ProblemKind::Skipped)
            .count(),
        problems: all_out_of_range(problems, doc.events.len()),
        events: doc.events.len(),
        eras: doc.eras.len(),
    })
}

fn document(r: &mut Report, root: &Value, name: &str) -> Result<Doc, ImportError> {
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
                r.ignore(true, k.clone(), &Place::File);
            }
        }
    }
    let list_key = if obj.contains_key("events") {
        "events"
    } else if obj.contains_key("slides") {
        "slides"
    } else {
        return Err(ImportError::NotTimeline(
            "no `events` list (nor the older `{\"timeline\": {\"slides\": […]}}`, nor TimelineJS \
             2's `{\"timeline\": {\"date\": […]}}`)"
                .into(),
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
            r.ignore(unknown, k.clone(), &Place::File);
        }
    }

    // The title slide: `title`, or a slide of type "title" in the list.
    let mut title_slide = obj.get("title").filter(|v| !v.is_null());
    // A spreadsheet converter writes the title slide as a list of one.
    if let Some(Value::Array(one)) = title_slide
        && one.len() == 1
    {
        r.report(
            &Place::Title,
            ProblemKind::Note,
            "`title` is a list of one slide: that slide is the title",
        );
        title_slide = one.first();
    }
    let mut title_index = None;
    if title_slide.is_none() {
        title_index = slides.iter().position(|s| {
            s.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("title"))
        });
        title_slide = title_index.map(|i| &slides[i]);
    }
    let (title, summary) = title(r, title_slide, name);

    let mut eras = Vec::new();
    match obj.get("eras") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            let mut used = HashSet::new();
            for (i, e) in list.iter().enumerate() {
                if let Some(era) = era(r, e, i + 1, &mut used) {
                    eras.push(era);
                }
            }
        }
        Some(other) => r.report(
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
        if let Some(slide) = slide(r, s, i + 1) {
            converted.push(slide);
        }
    }
    let tag_titles = tag_titles(r, &converted);
    let events = assign_ids(r, converted);

    // The first line, where the file came from, is the caller's (`import_value`).
    let mut header = vec![
        String::new(),
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
        tag_titles,
        events,
        ..Doc::default()
    })
}

/// A media path against the folder `base` was published from (`./media/x.jpg` →
/// `BASE/media/x.jpg`, `/static/x.png` → the host's `/static/x.png`); an http(s) URL
/// stays as it is.
pub fn resolve(base: &str, path: &str) -> String {
    if crate::model::validate::is_http_url(path) {
        return path.to_string();
    }
    if let Some(rooted) = path.strip_prefix('/') {
        let rest = base.split_once("://").map_or(base, |(_, r)| r);
        let host_end = base.len() - rest.len() + rest.find('/').unwrap_or(rest.len());
        return format!("{}/{rooted}", &base[..host_end]);
    }
    let folder = base.trim_end_matches('/');
    let mut rel = path;
    while let Some(r) = rel.strip_prefix("./") {
        rel = r;
    }
    format!("{folder}/{rel}")
}

/// The timeline's title and summary, from the title slide, else from the file's name.
fn title(r: &mut Report, slide: Option<&Value>, name: &str) -> (String, Option<String>) {
    let place = Place::Title;
    let mut headline = String::new();
    let mut paragraphs: Vec<String> = Vec::new();
    match slide {
        None => {}
        // Not TimelineJS, but clear enough: a title given as text.
        Some(Value::String(s)) => headline = converted_line(r, s, "title", &place),
        Some(Value::Object(obj)) => {
            r.check_keys(
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
            if let Some(text) = text_object(r, obj, &place) {
                headline = text.0;
                paragraphs.extend(text.1);
            }
            if let Some(Value::Object(m)) = obj.get("media") {
                let converted = media(r, m, &place);
                for s in converted.sources {
                    // The title slide has no sources: its web page is kept as text,
                    // with the credit it gave (not the host put in its place).
                    let url = s.url.as_deref().unwrap_or("");
                    let credit = Some(s.publisher.as_str()).filter(|p| *p != host(url));
                    paragraphs.push(media_paragraph("Link", url, s.title.as_deref(), credit));
                }
                paragraphs.extend(converted.paragraph);
                // A timeline has no media of its own: the title slide's is kept as text.
                for m in converted.media {
                    let kind = media_file_kind(&m.url).unwrap_or("Media");
                    let p =
                        media_paragraph(kind, &m.url, m.caption.as_deref(), m.credit.as_deref());
                    paragraphs.push(p);
                }
            }
            for k in ["start_date", "end_date", "group", "display_date"] {
                if obj.get(k).is_some_and(|v| !is_blank(v)) {
                    r.ignore(false, k.to_string(), &place);
                }
            }
        }
        Some(other) => r.report(
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
            r.report(
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
    r.report(
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
