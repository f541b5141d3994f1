//! A selection of a timeline as a TimelineJS3 JSON document.

use serde::Serialize;

use super::html::{canonical, escape};
use super::import::{id_from, media_file_kind};
use super::markers::{ERA_ONGOING, SOURCES_CLASS, TAGS_CLASS, TAGS_PREFIX};
use crate::brief::{Basis, Options, Selection};
use crate::model::validate::is_http_url;
use crate::model::{Citation, Date, DateStyle, Event, Timeline};

#[derive(Serialize)]
struct Document {
    title: Slide,
    events: Vec<Slide>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    eras: Vec<EraOut>,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<DateOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: TextOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<MediaOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
}

#[derive(Serialize)]
struct DateOut {
    year: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    second: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    millisecond: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
}

#[derive(Serialize)]
struct TextOut {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct MediaOut {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    thumbnail: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt: Option<String>,
}

#[derive(Serialize)]
struct EraOut {
    unique_id: String,
    start_date: DateOut,
    end_date: DateOut,
    text: TextOut,
}

/// The year TimelineJS writes for a tlx year: TimelineJS shows a negative year `-N` as
/// "N BCE", so 1 BC (tlx `0000`) is `-1` and 44 BC (tlx `-0043`) is `-44`.
pub fn tjs_year(year: i32) -> i32 {
    if year <= 0 { year - 1 } else { year }
}

/// A date at its precision; an approximate or uncertain date carries the label tlx shows
/// (`c. Jun 2024`) as its `display_date`, which the import reads back as the qualifier.
/// A date as TimelineJS writes it. TimelineJS has one clock for every slide, without a
/// zone: a time of day goes out on the timeline's clock (`timezone`, else UTC), so that
/// times written in other zones keep their order.
fn date_out(d: &Date, clock_of: Option<chrono_tz::Tz>) -> DateOut {
    let d = &d.on_clock(clock_of.unwrap_or(chrono_tz::Tz::UTC));
    let clock = d.clock();
    DateOut {
        year: tjs_year(d.year()).to_string(),
        month: d.month().map(|m| m.to_string()),
        day: d.day().map(|x| x.to_string()),
        hour: clock.map(|c| c.hour().to_string()),
        minute: clock.map(|c| c.minute().to_string()),
        second: clock.and_then(|c| c.second()).map(|s| s.to_string()),
        millisecond: clock.and_then(|c| c.milli()).map(|m| m.to_string()),
        display_date: d
            .is_qualified()
            .then(|| escape(&d.display(DateStyle::Text))),
    }
}

/// Plain text as HTML paragraphs: a blank line starts a `<p>`, a line break is a `<br>`,
/// and a run of paragraphs that start with `- ` (as the import writes a `<ul>`) is a list.
fn paragraphs_html(text: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for para in canonical(text).split("\n\n").filter(|p| !p.is_empty()) {
        let item = para.strip_prefix("- ");
        match (item.is_some(), in_list) {
            (true, false) => out.push_str("<ul>"),
            (false, true) => out.push_str("</ul>"),
            _ => {}
        }
        in_list = item.is_some();
        let body = item.unwrap_or(para);
        let lines: Vec<String> = body.split('\n').map(escape).collect();
        let (open, close) = if in_list {
            ("<li>", "</li>")
        } else {
            ("<p>", "</p>")
        };
        out.push_str(open);
        out.push_str(&lines.join("<br>"));
        out.push_str(close);
    }
    if in_list {
        out.push_str("</ul>");
    }
    out
}

/// Does TimelineJS show this URL as media (a video, a tweet, a map, an encyclopedia entry,
/// an image)? Other pages would be drawn as a broken image, so they are only linked.
pub fn embeds(url: &str) -> bool {
    if !is_http_url(url) {
        return false;
    }
    if media_file_kind(url) == Some("Image") {
        return true;
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let on = |h: &str| host == h || host.ends_with(&format!(".{h}"));
    on("youtube.com")
        || on("youtu.be")
        || on("vimeo.com")
        || on("dailymotion.com")
        || on("soundcloud.com")
        || on("twitter.com")
        || (on("flickr.com") && path.starts_with("photos"))
        || on("flic.kr")
        || (on("instagram.com") && path.starts_with("p/"))
        || on("documentcloud.org")
        || on("wikipedia.org")
        || on("spotify.com")
        || (host.starts_with("google.") || host.contains(".google."))
            && path.starts_with("maps/")
            && path.contains("/@")
}

/// One citation as a list item the import can read back: the title (linked when the source
/// has an http(s) URL), the publisher as the credit, the author, the publication date, the
/// archived copy, the quote and the locator.
fn source_item(tl: &Timeline, c: &Citation) -> String {
    let s = tl.source(c.source);
    let url = s.url.as_deref().filter(|u| is_http_url(u));
    let mut li = String::from("<li class=\"tlx-source\">");
    match (&s.title, url) {
        (Some(t), Some(u)) => li.push_str(&format!(
            "<cite class=\"tlx-title\"><a href=\"{}\">{}</a></cite> — ",
            escape(u),
            escape(t)
        )),
        (Some(t), None) => li.push_str(&format!(
            "<cite class=\"tlx-title\">{}</cite> — ",
            escape(t)
        )),
        (None, Some(u)) => li.push_str(&format!(
            "<a class=\"tlx-url\" href=\"{}\">{}</a> — ",
            escape(u),
            escape(u)
        )),
        (None, None) => {}
    }
    li.push_str(&format!(
        "<span class=\"tlx-publisher\">{}</span>",
        escape(&s.publisher)
    ));
    if let Some(a) = &s.author {
        li.push_str(&format!(
            ", <span class=\"tlx-author\">{}</span>",
            escape(a)
        ));
    }
    if let Some(d) = &s.published {
        li.push_str(&format!(
            ", <time class=\"tlx-published\" datetime=\"{}\">{}</time>",
            escape(&d.as_written()),
            escape(&d.display(DateStyle::Text))
        ));
    }
    if let Some(a) = s.archive_url.as_deref().filter(|u| is_http_url(u)) {
        li.push_str(&format!(
            " (<a class=\"tlx-archive\" href=\"{}\">archived</a>)",
            escape(a)
        ));
    }
    if let Some(q) = &c.quote {
        let lines: Vec<String> = canonical(q).split('\n').map(escape).collect();
        li.push_str(&format!(
            ": <q class=\"tlx-quote\">{}</q>",
            lines.join("<br>")
        ));
    }
    if let Some(l) = &c.locator {
        li.push_str(&format!(
            " (<span class=\"tlx-locator\">{}</span>)",
            escape(l)
        ));
    }
    li.push_str("</li>");
    li
}

fn event_slide(tl: &Timeline, e: &Event) -> Slide {
    let mut text = paragraphs_html(e.summary.as_deref().unwrap_or(""));
    let tags: Vec<&str> = e.tags.iter().map(|&t| tl.tag(t)).collect();
    // The group is the first tag's title; the tag line names every tag when there are
    // several, or when the title does not give the tag back on import.
    let group = e.tags.first().map(|&t| tl.tag_label(t));
    let group_is_tag = group.is_none_or(|g| id_from(g) == tags[0]);
    if tags.len() > 1 || !group_is_tag {
        text.push_str(&format!(
            "<p class=\"{TAGS_CLASS}\">{TAGS_PREFIX} {}</p>",
            escape(&tags.join(", "))
        ));
    }
    if !e.citations.is_empty() {
        text.push_str(&format!(
            "<div class=\"{SOURCES_CLASS}\"><p><strong>Sources</strong></p><ul>"
        ));
        for c in &e.citations {
            text.push_str(&source_item(tl, c));
        }
        text.push_str("</ul></div>");
    }
    // The event's first media item, else the first source TimelineJS can show.
    let media = e
        .media
        .first()
        .map(|m| MediaOut {
            url: m.url.clone(),
            caption: m.caption.as_deref().map(escape),
            credit: m.credit.as_deref().map(escape),
            thumbnail: m.thumbnail.clone(),
            alt: m.alt.clone(),
        })
        .or_else(|| {
            e.citations
                .iter()
                .map(|c| tl.source(c.source))
                .find(|s| s.url.as_deref().is_some_and(embeds))
                .map(|s| MediaOut {
                    url: s.url.clone().unwrap_or_default(),
                    caption: s.title.as_deref().map(escape),
                    credit: Some(escape(&s.publisher)),
                    thumbnail: None,
                    alt: None,
                })
        });
    Slide {
        unique_id: Some(e.id.clone()),
        start_date: Some(date_out(&e.date, tl.timezone)),
        end_date: e.end.as_ref().map(|d| date_out(d, tl.timezone)),
        display_date: e.display_date.as_deref().map(escape),
        text: TextOut {
            headline: escape(&e.title),
            text,
        },
        media,
        group: group.map(escape),
    }
}

/// The selected events (and the eras they fall in) as TimelineJS3 JSON, ready for
/// `new TL.Timeline('timeline-embed', data)`. See `docs/timelinejs.md` for each field.
///
/// - The title slide has the timeline's title (or `options.title`) and its summary (or
///   `options.bluf`).
/// - Each event is a slide: `unique_id` is the id; `start_date` and `end_date` keep the
///   precision written; `display_date` is the event's; `group` is the first tag (TimelineJS
///   has one group per slide; with several tags, a "Tags:" line lists them all); `text` is
///   the summary in paragraphs, then the sources, linked and credited; `media` is the first
///   source TimelineJS can show (a video, a tweet, a map, an encyclopedia entry, an image).
/// - Eras: all of them when every event is exported, else those the events overlap. An era
///   still running ends on the last day shown, marked `"display_date": "ongoing"`.
pub fn export(tl: &Timeline, selection: &Selection, options: &Options) -> String {
    let events = selection.normalized(tl);
    let evs: Vec<&Event> = events.iter().map(|&i| &tl.events[i as usize]).collect();
    let all = matches!(selection.basis, Basis::All) || evs.len() == tl.events.len();

    let headline = options
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&tl.title);
    let intro = options
        .bluf
        .as_deref()
        .filter(|b| !b.trim().is_empty())
        .or(tl.summary.as_deref())
        .unwrap_or("");
    let title = Slide {
        unique_id: None,
        start_date: None,
        end_date: None,
        display_date: None,
        text: TextOut {
            headline: escape(headline),
            text: paragraphs_html(intro),
        },
        media: None,
        group: None,
    };

    let span = {
        let lo = evs.iter().map(|e| e.span().lo).min();
        let hi = evs.iter().map(|e| e.span().hi).max();
        lo.zip(hi)
    };
    let last_day = evs
        .iter()
        .map(|e| e.end.unwrap_or(e.date).last_day())
        .chain(tl.updated.map(|u| u.last_day()))
        .max();
    let eras = tl
        .eras
        .iter()
        .filter(|era| {
            all || span.is_some_and(|(lo, hi)| era.span().overlaps(&crate::model::Span { lo, hi }))
        })
        .map(|era| {
            let end_date = match &era.end {
                Some(e) => date_out(e, tl.timezone),
                None => {
                    let day = last_day
                        .unwrap_or(era.start.last_day())
                        .max(era.start.last_day());
                    let naive = chrono::NaiveDate::from_num_days_from_ce_opt(day)
                        .unwrap_or_else(|| era.start.latest_naive());
                    DateOut {
                        display_date: Some(ERA_ONGOING.to_string()),
                        ..date_out(&Date::from_naive(naive), tl.timezone)
                    }
                }
            };
            EraOut {
                unique_id: era.id.clone(),
                start_date: date_out(&era.start, tl.timezone),
                end_date,
                text: TextOut {
                    headline: escape(&era.title),
                    text: String::new(),
                },
            }
        })
        .collect();

    let doc = Document {
        title,
        events: evs.iter().map(|e| event_slide(tl, e)).collect(),
        eras,
    };
    let mut out =
        crate::text::json_inert(&serde_json::to_string_pretty(&doc).expect("serializable"))
            .into_owned();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_follow_the_bce_labels_timelinejs_shows() {
        assert_eq!(tjs_year(2024), 2024);
        assert_eq!(tjs_year(632), 632);
        assert_eq!(tjs_year(0), -1);
        assert_eq!(tjs_year(-43), -44);
    }

    #[test]
    fn what_timelinejs_embeds() {
        assert!(embeds("https://www.youtube.com/watch?v=x"));
        assert!(embeds("https://en.wikipedia.org/wiki/Ada_Lovelace"));
        assert!(embeds("https://upload.wikimedia.org/a.jpg"));
        assert!(embeds(
            "https://www.google.com/maps/place/X/@39.9,-75.1,17z"
        ));
        assert!(!embeds("https://www.reuters.com/world/story"));
        assert!(!embeds("javascript:alert(1)"));
    }

    #[test]
    fn paragraphs_are_escaped() {
        assert_eq!(
            paragraphs_html("a <b>\nc\n\n'd' & e"),
            "<p>a &lt;b&gt;<br>c</p><p>&#39;d&#39; &amp; e</p>"
        );
        assert_eq!(paragraphs_html(""), "");
    }
}
