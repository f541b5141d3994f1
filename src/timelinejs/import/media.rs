//! A slide's media: a picture, a video or a sound (by its file's extension, a `format=`
//! query, or a host that serves only pictures) and a path relative to the published
//! timeline become the event's media; a web page becomes a source; HTML in place of a URL
//! is kept as a paragraph of text; anything else is reported and left out.

use serde_json::{Map, Value};

use super::problems::{Place, ProblemKind, Report};
use super::text::converted_line;
use super::values::text_field;
pub use crate::model::media_file_kind;
use crate::model::validate::{is_http_url, is_relative_url};
use crate::timelinejs::html::{self, clip};
use crate::timelinejs::yaml::{DocMedia, DocSource};

const MEDIA_KEYS: &[&str] = &["url", "caption", "credit", "thumbnail", "alt"];
const MEDIA_DISPLAY_ONLY: &[&str] = &["title", "link", "link_target"];

/// What a slide's media became.
#[derive(Default)]
pub struct Converted {
    pub source: Option<DocSource>,
    pub paragraph: Option<String>,
    pub media: Option<DocMedia>,
}

/// A media object: the event's media when it is a picture, a video, a sound or a relative
/// path; a source when it is a web page; a paragraph of text when it is HTML (or nothing,
/// reported, when its URL cannot be kept).
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
    let credit = field("credit", r).filter(|s| !s.is_empty());
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
        return Converted::default();
    }
    if raw_url.starts_with('<') {
        // HTML in place of a URL: a quote, an embed. Its text is kept.
        let t = html::to_text(&raw_url);
        r.dropped(&t.dropped, "media", place);
        let mut para = t.text;
        if let Some(c) = &credit {
            para.push_str(&format!("\n— {c}"));
        }
        if let Some(c) = &caption {
            para.push_str(&format!("\n{c}"));
        }
        let para = html::canonical(&para);
        return Converted {
            paragraph: (!para.is_empty()).then_some(para),
            ..Converted::default()
        };
    }
    let thumbnail = field("thumbnail", r)
        .map(|t| t.trim().to_string())
        .filter(|t| is_http_url(t) || is_relative_url(t));
    let alt = field("alt", r).filter(|s| !s.is_empty());
    let keep = |url: String, caption, credit| Converted {
        media: Some(DocMedia {
            url,
            caption,
            credit,
            thumbnail: thumbnail.clone(),
            alt: alt.clone(),
        }),
        ..Converted::default()
    };
    if is_relative_url(&raw_url) && !raw_url.starts_with("//") {
        // Self-hosted timelines keep their pictures beside the page.
        return keep(raw_url, caption, credit);
    }
    let url = if let Some(rest) = raw_url.strip_prefix("//") {
        let u = format!("https://{rest}");
        r.report(
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
        source: Some(DocSource {
            publisher: credit.unwrap_or_else(|| host(&url)),
            title: caption,
            url: Some(url),
            ..DocSource::default()
        }),
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
