//! A slide as an event: dates, display date, title (made from the text when there is no
//! headline), summary, media, tags from its group and sources.

use serde_json::Value;

use super::dates;
use super::ids::{Slide, id_from};
use super::media::{host, media};
use super::problems::{Place, ProblemKind, Report};
use super::text::{SlideText, derived_title, place_headline, slide_text};
use super::values::{DISPLAY_ONLY, describe, text_field};
use crate::model::DateStyle;
use crate::model::validate::is_http_url;
use crate::timelinejs::html::{self, clip};
use crate::timelinejs::yaml::{DocEvent, DocSource};

const SLIDE_KEYS: &[&str] = &[
    "start_date",
    "end_date",
    "text",
    "media",
    "group",
    "display_date",
    "unique_id",
    "sources",
];

pub fn slide(r: &mut Report, v: &Value, number: usize) -> Option<Slide> {
    let Value::Object(obj) = v else {
        let place = Place::Slide {
            number,
            headline: String::new(),
        };
        r.report(
            &place,
            ProblemKind::Skipped,
            format!("the slide is {}, not an object", describe(v)),
        );
        return None;
    };
    // The headline names the slide in messages, before anything else is read.
    let place = Place::Slide {
        number,
        headline: place_headline(v),
    };
    r.check_keys(obj, "", SLIDE_KEYS, DISPLAY_ONLY, &place);

    // Dates first: a slide without a usable start date is skipped whole.
    let (date, start_label) = match dates::start(r, obj, &place) {
        Ok(x) => x,
        Err(e) => {
            r.report(&place, ProblemKind::Skipped, e);
            return None;
        }
    };
    let (end, end_label) = dates::end(r, obj, &date, None, &place);

    let slide_label = match text_field(obj, "display_date") {
        Ok(d) => d.map(|d| html::to_line(&d).text).filter(|d| !d.is_empty()),
        Err(e) => {
            r.report(&place, ProblemKind::NotConverted, e);
            None
        }
    };
    let display_date = match (slide_label, start_label, end_label) {
        (Some(s), a, b) => {
            for (k, l) in [("start_date", a), ("end_date", b)] {
                if let Some(l) = l {
                    r.report(
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

    let SlideText {
        headline,
        mut paragraphs,
        sources: sources_from_text,
        tags: tags_from_text,
    } = slide_text(r, obj, &place);
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
    // A list of `{title, url, outlet}` some converters write beside the slide's text.
    for s in listed_sources(r, obj.get("sources"), &place) {
        if !sources.iter().any(|x| x.url.is_some() && x.url == s.url) {
            sources.push(s);
        }
    }
    let mut event_media = Vec::new();
    if let Some(m) = obj.get("media") {
        match m {
            Value::Object(m) => {
                let converted = media(r, m, &place);
                for s in converted.sources {
                    if !sources.iter().any(|x| x.url == s.url) {
                        sources.push(s);
                    }
                }
                paragraphs.extend(converted.paragraph);
                event_media.extend(converted.media);
            }
            Value::Null => {}
            other => r.report(
                &place,
                ProblemKind::NotConverted,
                format!("`media` is {}, not an object", describe(other)),
            ),
        }
    }
    let summary = html::canonical(&paragraphs.join("\n\n"));
    let summary = (!summary.is_empty()).then_some(summary);

    let mut tags: Vec<String> = Vec::new();
    let mut tag_title = None;
    match text_field(obj, "group") {
        Ok(Some(g)) => {
            let g = html::to_line(&g).text;
            let tag = id_from(&g);
            // A tlx export writes the first tag's title as the group and, when the title
            // does not give the tag back, every tag in a tag line.
            if let Some(first) = tags_from_text.first()
                && tag != *first
                && !tags_from_text.contains(&tag)
            {
                tag_title = Some((first.clone(), g));
            } else if tag.is_empty() {
                r.report(
                    &place,
                    ProblemKind::NotConverted,
                    format!(
                        "group '{}' has no letter or digit a tag can hold: not kept",
                        clip(&g, 40)
                    ),
                );
            } else {
                if g != tag {
                    tag_title = Some((tag.clone(), g));
                }
                tags.push(tag);
            }
        }
        Ok(None) => {}
        Err(e) => r.report(&place, ProblemKind::NotConverted, e),
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
        r.report(
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
            r.report(&place, ProblemKind::NotConverted, e);
            None
        }
    };
    Some(Slide {
        place,
        unique_id,
        id_base: title.clone(),
        tag_title,
        event: DocEvent {
            id: String::new(),
            date: date.as_written(),
            end: end.map(|e| e.as_written()),
            display_date,
            title,
            summary,
            tags,
            sources,
            media: event_media,
            ..DocEvent::default()
        },
    })
}

/// A slide's own `sources`: a list of `{title, url, outlet}` (or `publisher`, `author`)
/// objects, each a source; anything else is reported.
fn listed_sources(r: &mut Report, v: Option<&Value>, place: &Place) -> Vec<DocSource> {
    let items = match v {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("`sources` is {}, not a list", describe(other)),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let Value::Object(o) = item else {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("sources[{n}] is {}, not an object", describe(item)),
            );
            continue;
        };
        let text = |k: &str| {
            text_field(o, k)
                .ok()
                .flatten()
                .map(|t| html::to_line(&t).text)
                .filter(|t| !t.is_empty())
        };
        let url = text("url").filter(|u| is_http_url(u));
        if let Some(bad) = text("url").filter(|u| !is_http_url(u)) {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!(
                    "sources[{n}].url '{}' is not an http(s) URL",
                    clip(&bad, 60)
                ),
            );
        }
        let publisher = text("outlet")
            .or_else(|| text("publisher"))
            .or_else(|| url.as_deref().map(host));
        let Some(publisher) = publisher else {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("sources[{n}] has neither an outlet nor an http(s) URL"),
            );
            continue;
        };
        for k in o.keys() {
            if !matches!(
                k.as_str(),
                "title" | "url" | "outlet" | "publisher" | "author"
            ) {
                r.ignore(true, format!("sources.{k}"), place);
            }
        }
        out.push(DocSource {
            publisher,
            title: text("title"),
            url,
            author: text("author"),
            ..DocSource::default()
        });
    }
    out
}
