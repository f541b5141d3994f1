//! A slide's media: a picture, a video or a sound (by its file's extension, a `format=`
//! query, or a host that serves only pictures) and a path relative to the published
//! timeline become the event's media; a web page becomes a source; HTML in place of a URL
//! is kept as a paragraph of text; anything else is reported and left out.

use serde_json::{Map, Value};

use super::problems::{Place, ProblemKind, Report};
use super::text::converted_line;
use super::values::text_field;
pub use crate::model::media_file_kind;
use crate::model::validate::{is_http_url, is_media_url, is_relative_url};
use crate::timelinejs::html::{self, clip};
use crate::timelinejs::yaml::{DocMedia, DocSource};

const MEDIA_KEYS: &[&str] = &["url", "caption", "credit", "thumbnail", "alt", "link"];
const MEDIA_DISPLAY_ONLY: &[&str] = &["title", "link_target"];

/// What a slide's media became.
#[derive(Default)]
pub struct Converted {
    pub sources: Vec<DocSource>,
    pub paragraph: Option<String>,
    pub media: Vec<DocMedia>,
}

/// A media object: the event's media when it is a picture, a video, a sound or a relative
/// path; a source when it is a web page; a paragraph of text when it is HTML or prose (or
/// nothing, reported, when its URL cannot be kept). An http(s) `link` is a source too, and
/// a credit written as a link gives its text as the credit and its URL as a source.
pub fn media(r: &mut Report, m: &Map<String, Value>, place: &Place) -> Converted {
    r.check_keys(m, "media.", MEDIA_KEYS, MEDIA_DISPLAY_ONLY, place);
    let field = |key: &str, r: &mut Report| match text_field(m, key) {
        Ok(v) => v.map(|v| converted_line(r, &v, &format!("media.{key}"), place)),
        Err(e) => {
            r.report(place, ProblemKind::NotConverted, format!("media: {e}"));
            None
        }
    };
    let caption = field("caption", r).filter(|s| !s.is_empty());
    // `<a href="https://en.wikipedia.org/wiki/X">Wikipedia</a>`: the publisher is the
    // link's text, its URL a source.
    let (credit, credit_url) = match text_field(m, "credit")
        .ok()
        .flatten()
        .and_then(|c| credit_link(&c))
    {
        Some((text, url)) => (Some(text), Some(url)),
        None => (field("credit", r).filter(|s| !s.is_empty()), None),
    };
    let mut out = Converted::default();
    // The credit's link and `link` are sources after the media's own (an export shows the
    // first source TimelineJS can embed).
    let mut linked = Vec::new();
    if let Some(url) = credit_url {
        linked.push(DocSource {
            publisher: credit.clone().unwrap_or_else(|| host(&url)),
            url: Some(url),
            ..DocSource::default()
        });
    }
    match text_field(m, "link") {
        Ok(Some(link)) if is_http_url(link.trim()) => {
            let link = link.trim().to_string();
            if !linked
                .iter()
                .any(|s: &DocSource| s.url.as_deref() == Some(&link))
            {
                linked.push(DocSource {
                    publisher: credit.clone().unwrap_or_else(|| host(&link)),
                    title: caption.clone(),
                    url: Some(link),
                    ..DocSource::default()
                });
            }
        }
        Ok(Some(link)) => r.report(
            place,
            ProblemKind::NotConverted,
            format!("media.link '{}' is not an http(s) URL", clip(&link, 60)),
        ),
        Ok(None) => {}
        Err(e) => r.report(place, ProblemKind::NotConverted, format!("media.link: {e}")),
    }
    let raw_url = match text_field(m, "url") {
        Ok(u) => u.map(|u| u.trim().to_string()).unwrap_or_default(),
        Err(e) => {
            r.report(place, ProblemKind::NotConverted, format!("media: {e}"));
            String::new()
        }
    };
    if raw_url.is_empty() {
        if caption.is_some() || credit.is_some() {
            let what = caption.as_deref().or(credit.as_deref()).unwrap_or("");
            r.report(
                place,
                ProblemKind::NotConverted,
                format!(
                    "media has a caption or credit ('{}') but no URL: not kept",
                    clip(what, 50)
                ),
            );
        }
        out.sources = linked;
        return out;
    }
    if raw_url.starts_with('<') {
        // HTML in place of a URL: a quote, an embed. Its text is kept.
        let t = html::to_text(&raw_url);
        r.dropped(&t.dropped, "media", place);
        out.paragraph = if raw_url
            .get(..11)
            .is_some_and(|s| s.eq_ignore_ascii_case("<blockquote"))
        {
            r.report(
                place,
                ProblemKind::Note,
                "media is a <blockquote>: kept as a quotation in the summary",
            );
            quotation(&t.text, caption.as_deref(), credit.as_deref())
        } else {
            paragraph(t.text, caption.as_deref(), credit.as_deref())
        };
        out.sources = linked;
        return out;
    }
    let thumbnail = field("thumbnail", r)
        .map(|t| t.trim().to_string())
        .filter(|t| is_media_url(t));
    let alt = field("alt", r).filter(|s| !s.is_empty());
    // Several URLs in one (`a.jpg; b.jpg`): each is kept; prose is kept as text.
    // (A comma or a semicolon inside a URL is part of it: only white space separates.)
    let parts: Vec<&str> = raw_url
        .split_whitespace()
        .map(|p| p.trim_end_matches([';', ',']))
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() > 1 {
        if parts.iter().all(|p| is_http_url(p)) {
            r.report(
                place,
                ProblemKind::Note,
                format!("media.url holds {} URLs: each is kept", parts.len()),
            );
            for (n, p) in parts.iter().enumerate() {
                let caption = if n == 0 { caption.clone() } else { None };
                let credit = if n == 0 { credit.clone() } else { None };
                let one = url_item(r, p, caption, credit, None, None, place);
                out.sources.extend(one.sources);
                out.media.extend(one.media);
            }
        } else {
            r.report(
                place,
                ProblemKind::Note,
                "media.url holds text, not a URL: kept as a paragraph of the summary",
            );
            out.paragraph = paragraph(raw_url.clone(), caption.as_deref(), credit.as_deref());
        }
        out.sources.extend(linked);
        return out;
    }
    let one = url_item(r, &raw_url, caption, credit, thumbnail, alt, place);
    out.media.extend(one.media);
    for s in one.sources.into_iter().chain(linked) {
        if !out.sources.iter().any(|x| x.url == s.url) {
            out.sources.push(s);
        }
    }
    out
}

/// Text kept from a media item, with its credit and caption after it.
fn paragraph(text: String, caption: Option<&str>, credit: Option<&str>) -> Option<String> {
    let mut para = text;
    if let Some(c) = credit {
        para.push_str(&format!("\n— {c}"));
    }
    if let Some(c) = caption {
        para.push_str(&format!("\n{c}"));
    }
    let para = html::canonical(&para);
    (!para.is_empty()).then_some(para)
}

/// A quote with who said it (a `<cite>` in the quote, then the caption) and where (the
/// credit) on the line after it: `“…”` then `— Mark Twain, 1897 (New York Journal)`. A
/// quote already in quotation marks keeps its own.
fn quotation(text: &str, caption: Option<&str>, credit: Option<&str>) -> Option<String> {
    // A `<cite>` inside the quote comes out of `to_text` as a last line `— …`.
    let (text, cite) = match text.rsplit_once("\n— ") {
        Some((quote, cite)) => (quote.trim(), Some(cite.trim())),
        None => (text.trim(), None),
    };
    let said = [cite, caption]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let caption = Some(said.as_str()).filter(|s| !s.is_empty());
    if text.is_empty() {
        return paragraph(String::new(), caption, credit);
    }
    let quoted = [
        ('“', '”'),
        ('"', '"'),
        ('\'', '\''),
        ('‘', '’'),
        ('«', '»'),
        ('„', '“'),
    ]
    .iter()
    .any(|&(open, close)| text.starts_with(open) && text.ends_with(close) && text.len() > 1);
    let mut para = if quoted {
        text.to_string()
    } else {
        format!("“{text}”")
    };
    let by = match (caption, credit) {
        (Some(c), Some(k)) => Some(format!("{c} ({k})")),
        (Some(c), None) => Some(c.to_string()),
        (None, Some(k)) => Some(k.to_string()),
        (None, None) => None,
    };
    if let Some(by) = by {
        para.push_str(&format!("\n— {by}"));
    }
    let para = html::canonical(&para);
    (!para.is_empty()).then_some(para)
}

/// A credit that is one link and nothing else: its text and its http(s) URL.
fn credit_link(raw: &str) -> Option<(String, String)> {
    let nodes = html::parse(raw);
    let mut shown = nodes
        .iter()
        .filter(|n| !matches!(n, html::Node::Text(t) if t.trim().is_empty()));
    let (Some(html::Node::Element(a)), None) = (shown.next(), shown.next()) else {
        return None;
    };
    let href = a.attr("href")?.trim();
    if a.name != "a" || !is_http_url(href) {
        return None;
    }
    let text = html::one_line(&html::inner_text(&a.children));
    let text = text.trim();
    (!text.is_empty()).then(|| (text.to_string(), href.to_string()))
}

/// One media URL: the event's media (a picture, a video, a sound, a relative path), a
/// source (a web page), or nothing, reported.
fn url_item(
    r: &mut Report,
    raw_url: &str,
    caption: Option<String>,
    credit: Option<String>,
    thumbnail: Option<String>,
    alt: Option<String>,
    place: &Place,
) -> Converted {
    let keep = |url: String, caption, credit| Converted {
        media: vec![DocMedia {
            url,
            caption,
            credit,
            thumbnail,
            alt,
        }],
        ..Converted::default()
    };
    if is_relative_url(raw_url) && !raw_url.starts_with("//") {
        // Self-hosted timelines keep their pictures beside the page.
        return keep(raw_url.to_string(), caption, credit);
    }
    let url = if let Some(rest) = raw_url.strip_prefix("//") {
        let u = format!("https://{rest}");
        r.report(
            place,
            ProblemKind::Note,
            format!(
                "media URL '{}' has no scheme: written as {u}",
                clip(raw_url, 60)
            ),
        );
        u
    } else {
        raw_url.to_string()
    };
    if !is_media_url(&url) {
        let extra = match (&caption, &credit) {
            (Some(c), _) | (None, Some(c)) => format!(" (caption or credit '{}')", clip(c, 40)),
            _ => String::new(),
        };
        r.report(
            place,
            ProblemKind::NotConverted,
            format!(
                "media URL '{}' is not an http(s) URL: the media{extra} is not kept",
                clip(&url, 60)
            ),
        );
        return Converted::default();
    }
    if media_file_kind(&url).is_some() || is_picture_host(&url) {
        return keep(url, caption, credit);
    }
    Converted {
        sources: vec![DocSource {
            publisher: credit.unwrap_or_else(|| host(&url)),
            title: caption,
            url: Some(url),
            ..DocSource::default()
        }],
        ..Converted::default()
    }
}

/// A picture without a file extension: a `format=jpg` (png, gif, webp) query, as X/Twitter
/// writes, or a host that serves only pictures.
pub fn is_picture_host(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let query = rest.split_once('?').map_or("", |(_, q)| q);
    let format = query.split('&').any(|kv| {
        matches!(
            kv.to_ascii_lowercase().as_str(),
            "format=jpg" | "format=jpeg" | "format=png" | "format=gif" | "format=webp"
        )
    });
    let h = host(url);
    format
        || matches!(
            h.as_str(),
            "pbs.twimg.com"
                | "i.imgur.com"
                | "upload.wikimedia.org"
                | "images.unsplash.com"
                | "live.staticflickr.com"
                | "farm1.staticflickr.com"
                | "i.ytimg.com"
                | "lh3.googleusercontent.com"
        )
        || h.ends_with(".staticflickr.com")
}

/// The host of an http(s) URL, without `www.`.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next().unwrap_or("");
    let h = h.rsplit('@').next().unwrap_or(h).to_ascii_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
}

/// Media that is not a source, as a paragraph: `Image: URL — caption (credit: X)`.
pub fn media_paragraph(
    kind: &str,
    url: &str,
    caption: Option<&str>,
    credit: Option<&str>,
) -> String {
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
    fn media_kinds_and_hosts() {
        assert_eq!(media_file_kind("https://x.org/a/b.JPG?w=1"), Some("Image"));
        assert_eq!(media_file_kind("https://x.org/a.mp3"), Some("Audio"));
        assert_eq!(media_file_kind("https://www.youtube.com/watch?v=x"), None);
        assert_eq!(media_file_kind("https://en.wikipedia.org/wiki/A.B"), None);
        assert_eq!(host("https://www.Example.org:8080/x"), "example.org:8080");
        assert!(is_picture_host(
            "https://pbs.twimg.com/media/ID?format=jpg&name=large"
        ));
        assert!(is_picture_host("https://example.org/img?id=3&Format=PNG"));
        assert!(is_picture_host("https://live.staticflickr.com/65535/x_b"));
        assert!(!is_picture_host(
            "https://www.reuters.com/world/story?format=amp"
        ));
    }
}
