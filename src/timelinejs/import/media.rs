//! A slide's media: a web page becomes a source; an image, a video, a sound or an embed is
//! kept as a paragraph of text; a URL that is not http(s) is reported and left out.

use serde_json::{Map, Value};

use super::problems::{Place, ProblemKind, Report};
use super::text::converted_line;
use super::values::text_field;
use crate::model::validate::is_http_url;
use crate::timelinejs::html::{self, clip};
use crate::timelinejs::yaml::DocSource;

const MEDIA_KEYS: &[&str] = &["url", "caption", "credit"];
const MEDIA_DISPLAY_ONLY: &[&str] = &["thumbnail", "alt", "title", "link", "link_target"];

/// A media object: a source when it is a web page, else a paragraph of text (or nothing,
/// reported, when its URL cannot be kept).
pub fn media(
    r: &mut Report,
    m: &Map<String, Value>,
    place: &Place,
) -> (Option<DocSource>, Option<String>) {
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
        return (None, None);
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
        return (None, (!para.is_empty()).then_some(para));
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

/// The host of an http(s) URL, without `www.`.
pub fn host(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let h = rest.split(['/', '?', '#']).next().unwrap_or("");
    let h = h.rsplit('@').next().unwrap_or(h).to_ascii_lowercase();
    h.strip_prefix("www.").map(str::to_string).unwrap_or(h)
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
    }
}
