//! An event's `media`: each item a URL (http(s), or a path relative to where the timeline
//! is published), or `{url, caption, credit, thumbnail, alt}`.

use super::builder::Builder;
use super::place::Where;
use super::rules::is_http_url;
use crate::model::diag::Kind;
use crate::model::raw::{Fields, Found, Lenient, List, MediaRef, RawMedia};
use crate::model::types::Media;

/// Is `url` a path relative to the published timeline (`./media/x.jpg`, `media/x.jpg`,
/// `/media/x.jpg`)? Not a scheme (`javascript:`, `data:`), not another host (`//host`,
/// `/\host`), and only characters a URL may hold ([`url_chars_only`]).
pub fn is_relative_url(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with("//")
        && url_chars_only(url)
        && url
            .split(['/', '?', '#'])
            .next()
            .is_none_or(|first| !first.contains(':'))
}

/// Does `url` hold only what RFC 3986 allows in a URL: no white space, no control
/// character, none of `< > " ' \ ` { } | ^`? A page that shows a media URL as HTML must
/// not be handed markup, and a browser reads `\` as `/`.
pub fn url_chars_only(url: &str) -> bool {
    !url.chars().any(|c| {
        c.is_whitespace()
            || c.is_control()
            || matches!(
                c,
                '<' | '>' | '"' | '\'' | '\\' | '`' | '{' | '}' | '|' | '^'
            )
    })
}

/// A media URL tlx keeps: http(s) or relative, of URL characters only.
pub fn is_media_url(url: &str) -> bool {
    url_chars_only(url) && (is_http_url(url) || is_relative_url(url))
}

impl Builder<'_> {
    /// The media of an event at `at`.
    pub fn media(
        &mut self,
        raw: Option<Lenient<List<Lenient<MediaRef>>>>,
        at: &Where,
    ) -> Vec<Media> {
        let items = self.list(
            raw,
            at,
            "media",
            "a list of media",
            Some("write `media: [{url: https://…/photo.jpg, caption: …}]`"),
        );
        let mut media = Vec::with_capacity(items.len());
        for (i, m) in items.into_iter().enumerate() {
            let mat = at.key("media").index(i);
            match m {
                Lenient::Ok(MediaRef::Url(u)) => {
                    if let Some(url) = self.media_url(u, &mat, "media") {
                        media.push(Media {
                            url,
                            ..Media::default()
                        });
                    }
                }
                Lenient::Ok(MediaRef::Full(r)) => {
                    if let Some(m) = self.media_item(r, &mat) {
                        media.push(m);
                    }
                }
                Lenient::Wrong(Found::Null) => {}
                Lenient::Wrong(found) => self.wrong_type(
                    &mat,
                    "a media URL or `{url, caption, credit, thumbnail, alt}`",
                    found,
                    None,
                ),
            }
        }
        media
    }

    fn media_item(&mut self, r: RawMedia, at: &Where) -> Option<Media> {
        let label = format!("{}", at.path);
        self.extra(&r.extra, RawMedia::NAMES, at, &label);
        let url = self.required_text(r.url, at, "url", &label)?;
        let url = self.media_url(url, &at.key("url"), "url")?;
        let line = |this: &mut Self, v, key: &'static str| {
            this.take_text(v, at, key)
                .map(|t| this.one_line(t, at, key, &label))
                .filter(|t| !t.trim().is_empty())
        };
        let caption = line(self, r.caption, "caption");
        let credit = line(self, r.credit, "credit");
        let alt = line(self, r.alt, "alt");
        let thumbnail = self
            .take_text(r.thumbnail, at, "thumbnail")
            .and_then(|t| self.media_url(t, &at.key("thumbnail"), "thumbnail"));
        Some(Media {
            url,
            caption,
            credit,
            thumbnail,
            alt,
        })
    }

    /// A media URL (`at` is the value's own place): http(s) or relative, else an error.
    fn media_url(&mut self, url: String, at: &Where, key: &str) -> Option<String> {
        let url = url.trim().to_string();
        if is_media_url(&url) {
            return Some(url);
        }
        self.err(
            Kind::BadUrl,
            at,
            format!("{key} '{url}' is neither an http(s) URL nor a relative path"),
        )
        .notes
        .push("help: write https://…, or a path relative to the published timeline (./media/photo.jpg)".into());
        None
    }
}

#[cfg(test)]
mod tests {
    use super::is_relative_url;

    #[test]
    fn relative_paths_but_no_schemes() {
        for ok in [
            "./media/rollo.jpeg",
            "media/a b.jpg".replace(' ', "%20").as_str(),
            "/img/x.png",
            "x.jpg?w=2",
        ] {
            assert!(is_relative_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:image/png;base64,xx",
            "//evil.example/x",
            r"/\evil.example/p.gif",
            r"\\evil.example\x.jpg",
            "<img/src=x/onerror=alert(1)>iframe",
            "a b.jpg",
            "",
            "C:/x.jpg",
        ] {
            assert!(!is_relative_url(bad), "{bad}");
        }
        assert!(!super::is_media_url(
            "https://x.example/<img/src=x/onerror=alert(1)>iframe"
        ));
        assert!(super::is_media_url("https://x.example/a.jpg?w=1&h=2"));
    }
}
