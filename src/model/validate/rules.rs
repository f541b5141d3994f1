//! The format's rules for single values: ids, URLs, and the suggestions made for them.

/// The newest format version this build reads.
pub const FORMAT_VERSION: i128 = 1;

/// The longest word (in bytes) for which a "did you mean" is looked for: the edit
/// distance is quadratic, and a hostile file may hold ids megabytes long.
pub const MAX_SUGGESTED_WORD: usize = 256;

/// ` (did you mean 'x'?)`, or nothing (always nothing for an overlong word).
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    if word.len() > MAX_SUGGESTED_WORD {
        return String::new();
    }
    crate::suggest::did_you_mean(word, candidates)
}

/// Is `s` a valid id: `[a-z0-9][a-z0-9-]*`?
pub fn is_valid_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// A valid id close to `s`: the one rule that turns text into an id ([`crate::slug::id`]).
pub fn slug(s: &str) -> String {
    crate::slug::id(s)
}

/// ` (did you mean 'slug'?)` for an invalid id or tag, or nothing.
pub fn slug_hint(s: &str) -> String {
    let s = slug(s);
    if s.is_empty() {
        s
    } else {
        format!(" (did you mean '{s}'?)")
    }
}

/// Is `url` an http(s) URL with a host and nothing that could not be part of one?
pub fn is_http_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with('@')
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}
