//! The query line: terms separated by spaces, all of which must hold.
//!
//! Text atoms follow fzf (`word` fuzzy, `'word` exact, `^word` prefix, `word$` suffix,
//! `!word` negated); facets are `name:value[,value…]`, negated with `!`. A space inside a
//! term is written `\ `.

use std::ops::Range;

use crate::model::Date;
use crate::model::Reliability;
use crate::suggest::did_you_mean;

/// How a text atom matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// `word`: the letters appear in order.
    Fuzzy,
    /// `'word` (or `!word`): the exact substring appears.
    Exact,
    /// `^word`: a searchable field starts with it.
    Prefix,
    /// `word$`: a searchable field ends with it.
    Suffix,
    /// `^word$`: a searchable field is exactly it.
    Whole,
}

/// The facets of the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacetName {
    Tag,
    Actor,
    Source,
    Era,
    From,
    To,
    Rel,
    Is,
    Has,
    Label,
    Note,
    View,
}

impl FacetName {
    pub const ALL: [(&'static str, FacetName); 12] = [
        ("tag", FacetName::Tag),
        ("actor", FacetName::Actor),
        ("source", FacetName::Source),
        ("era", FacetName::Era),
        ("from", FacetName::From),
        ("to", FacetName::To),
        ("rel", FacetName::Rel),
        ("is", FacetName::Is),
        ("has", FacetName::Has),
        ("label", FacetName::Label),
        ("note", FacetName::Note),
        ("view", FacetName::View),
    ];
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(n, _)| n)
    }
}

/// What one term asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermKind {
    Text {
        kind: TextKind,
        needle: String,
    },
    /// Any of the tags.
    Tag(Vec<String>),
    /// An actor whose id, name or alias starts with any of these.
    Actor(Vec<String>),
    /// A cited source whose id or publisher starts with any of these.
    Source(Vec<String>),
    /// Overlaps any of these eras.
    Era(Vec<String>),
    /// Its span ends on or after the start of this date.
    From(Date),
    /// Its span starts on or before the end of this date.
    To(Date),
    /// Cites a source graded this or better.
    Rel(Reliability),
    /// Marked in the workspace.
    Marked,
    /// Has a note in the workspace.
    HasNote,
    /// Carries any of these labels (the workspace's).
    Label(Vec<String>),
    /// A note holds any of these words.
    Note(Vec<String>),
    /// Holds the query of this saved view.
    View(String),
}

/// One term of the query, with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub negated: bool,
    pub kind: TermKind,
    /// Byte range of the term in the query text.
    pub span: Range<usize>,
}

impl Term {
    /// True when `other` asks for the same thing: the same text or facet values, negated
    /// alike. Such a repeat counts once, towards [`MAX_TERMS`] and in a search.
    pub fn same_as(&self, other: &Term) -> bool {
        self.negated == other.negated && self.kind == other.kind
    }
}

/// A parsed query line.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Query {
    pub text: String,
    pub terms: Vec<Term>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
    /// True when a term asks about the analyst's workspace (`is:marked`, `has:note`,
    /// `label:`, `note:`, `view:`).
    pub fn asks_workspace(&self) -> bool {
        self.terms.iter().any(|t| {
            matches!(
                t.kind,
                TermKind::Marked
                    | TermKind::HasNote
                    | TermKind::Label(_)
                    | TermKind::Note(_)
                    | TermKind::View(_)
            )
        })
    }
    /// True when any term matches text (so results have scores and highlights).
    pub fn has_text(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.kind, TermKind::Text { .. }) && !t.negated)
    }
}

/// A bad term: where it is and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    /// Byte range of the bad term in the query text.
    pub span: Range<usize>,
    pub message: String,
}

impl QueryError {
    /// The 1-based column (in characters) where the bad term starts.
    pub fn column(&self, query: &str) -> usize {
        query
            .get(..self.span.start)
            .map_or(0, |s| s.chars().count())
            + 1
    }
    /// `query:col: error: message` with a caret line, for terminals. A long query is
    /// shown around the bad term, with `…` where text is left out, and a long term with
    /// at most [`ECHO_TERM`] carets.
    pub fn render(&self, query: &str) -> String {
        let col = self.column(query);
        let len = query
            .get(self.span.clone())
            .map_or(1, |s| s.chars().count().max(1));
        let shown: Vec<char> = crate::text::sanitize(query).chars().collect();
        let start = (col - 1).min(shown.len());
        let end = (start + len).min(shown.len());
        let before = elide_start(&shown[..start], ECHO_BEFORE);
        let term = elide_end(&shown[start..end], ECHO_TERM);
        let after = elide_end(&shown[end..], ECHO_AFTER);
        format!(
            "error: bad query at column {col}: {}\n  | {before}{term}{after}\n  | {}{}\n",
            // The message quotes the query, which may hold control characters.
            crate::text::sanitize(&self.message),
            " ".repeat(crate::text::width(&before)),
            "^".repeat(len.min(ECHO_TERM))
        )
    }
}

/// The most characters of the query that an error shows before the bad term.
const ECHO_BEFORE: usize = 40;
/// The most characters of the bad term that an error shows, and carets under it.
pub const ECHO_TERM: usize = 60;
/// The most characters of the query that an error shows after the bad term.
const ECHO_AFTER: usize = 20;

/// `chars`, or its last `max - 1` after a `…` when it is longer than `max`.
fn elide_start(chars: &[char], max: usize) -> String {
    if chars.len() > max {
        let kept = &chars[chars.len() - (max - 1)..];
        std::iter::once('…').chain(kept.iter().copied()).collect()
    } else {
        chars.iter().collect()
    }
}

/// `chars`, or its first `max - 1` and a `…` when it is longer than `max`.
fn elide_end(chars: &[char], max: usize) -> String {
    if chars.len() > max {
        chars[..max - 1]
            .iter()
            .copied()
            .chain(std::iter::once('…'))
            .collect()
    } else {
        chars.iter().collect()
    }
}

/// Splits the query into raw terms at unescaped spaces, with their byte ranges.
fn split_terms(q: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = None;
    let mut chars = q.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|(_, n)| *n == ' ') {
            let (j, _) = chars.next().expect("peeked");
            start.get_or_insert(i);
            cur.push(' ');
            let _ = j;
            continue;
        }
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((std::mem::take(&mut cur), s..i));
            }
            continue;
        }
        start.get_or_insert(i);
        cur.push(c);
    }
    if let Some(s) = start {
        out.push((cur, s..q.len()));
    }
    out
}

/// Is `s` written as a facet (`name:…`, name in letters)? Returns the name and value.
fn facet_parts(s: &str) -> Option<(&str, &str)> {
    let (name, value) = s.split_once(':')?;
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_alphabetic())).then_some((name, value))
}

/// The most different terms a query may hold. A term written again counts once (and is
/// searched once), so pasted text cannot multiply the work of a search.
pub const MAX_TERMS: usize = 32;

/// Parses a query line. Empty or blank text is the empty query (everything matches).
pub fn parse(q: &str) -> Result<Query, QueryError> {
    let mut terms: Vec<Term> = Vec::new();
    // The different terms so far (their places in `terms`).
    let mut different: Vec<usize> = Vec::new();
    for (raw, span) in split_terms(q) {
        let term = parse_term(&raw, span)?;
        if !different.iter().any(|&i| terms[i].same_as(&term)) {
            if different.len() == MAX_TERMS {
                return Err(QueryError {
                    span: term.span,
                    message: format!(
                        "a query holds at most {MAX_TERMS} different terms, and this is term {} \
                         (a term written again counts once)",
                        MAX_TERMS + 1
                    ),
                });
            }
            different.push(terms.len());
        }
        terms.push(term);
    }
    Ok(Query {
        text: q.to_string(),
        terms,
    })
}

/// The longest term accepted, in characters (a match score must fit the matcher's range).
pub const MAX_TERM_CHARS: usize = 256;

fn parse_term(raw: &str, span: Range<usize>) -> Result<Term, QueryError> {
    let err = |message: String| QueryError {
        span: span.clone(),
        message,
    };
    let n = raw.chars().count();
    if n > MAX_TERM_CHARS {
        return Err(err(format!(
            "this term is {n} characters long; the longest searchable term is {MAX_TERM_CHARS}"
        )));
    }
    let (negated, body) = match raw.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    if body.is_empty() {
        return Err(err(
            "'!' needs something to exclude, such as !word or !tag:policy".into(),
        ));
    }
    if let Some((name, value)) = facet_parts(body) {
        let lower = name.to_ascii_lowercase();
        let Some((_, facet)) = FacetName::ALL.iter().find(|(n, _)| *n == lower) else {
            let names = FacetName::ALL.iter().map(|(n, _)| *n);
            let hint = match crate::suggest::closest(&lower, names) {
                Some(n) => format!(" (did you mean '{n}:'?)"),
                None => ": facets are tag, actor, source, era, from, to, rel, is, has, label, note and view".to_string(),
            };
            return Err(err(format!(
                "unknown facet '{name}:'{hint}; to search for the text itself, write '{body}"
            )));
        };
        if value.is_empty() {
            return Err(err(format!(
                "'{lower}:' needs a value, such as {}",
                example(*facet)
            )));
        }
        let values: Vec<String> = split_values(value)
            .into_iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            return Err(err(format!(
                "'{lower}:' needs a value, such as {}",
                example(*facet)
            )));
        }
        let single = |what: &str| -> Result<String, QueryError> {
            if values.len() > 1 {
                Err(err(format!("'{lower}:' takes one {what}, not a list")))
            } else {
                Ok(values[0].clone())
            }
        };
        let kind = match facet {
            FacetName::Tag => TermKind::Tag(values.iter().map(|v| v.to_lowercase()).collect()),
            FacetName::Actor => TermKind::Actor(values.clone()),
            FacetName::Source => TermKind::Source(values.clone()),
            FacetName::Era => TermKind::Era(values.iter().map(|v| v.to_lowercase()).collect()),
            FacetName::From | FacetName::To => {
                let v = single("date")?;
                let d = Date::parse(&v).map_err(|e| err(format!("bad date in '{lower}:': {e}")))?;
                if *facet == FacetName::From {
                    TermKind::From(d)
                } else {
                    TermKind::To(d)
                }
            }
            FacetName::Rel => {
                let v = single("grade")?;
                let r = Reliability::parse(&v.to_uppercase()).ok_or_else(|| {
                    err(format!(
                        "bad grade in 'rel:': '{v}'; the Admiralty reliability scale runs from A (best) to F"
                    ))
                })?;
                TermKind::Rel(r)
            }
            FacetName::Is => {
                let v = single("state")?;
                if v.eq_ignore_ascii_case("marked") {
                    TermKind::Marked
                } else {
                    return Err(err(format!(
                        "unknown state 'is:{v}'{}; the only state is is:marked",
                        did_you_mean(&v, ["marked"])
                    )));
                }
            }
            FacetName::Has => {
                let v = single("thing")?;
                if v.eq_ignore_ascii_case("note") || v.eq_ignore_ascii_case("notes") {
                    TermKind::HasNote
                } else {
                    return Err(err(format!(
                        "unknown 'has:{v}'{}; the only one is has:note",
                        did_you_mean(&v, ["note"])
                    )));
                }
            }
            FacetName::Label => TermKind::Label(values.iter().map(|v| v.to_lowercase()).collect()),
            FacetName::Note => TermKind::Note(values.clone()),
            FacetName::View => {
                if negated {
                    return Err(err(
                        "a view cannot be negated: it is several terms that must all hold; \
                         negate its terms one by one instead"
                            .into(),
                    ));
                }
                TermKind::View(single("view")?.to_lowercase())
            }
        };
        return Ok(Term {
            negated,
            kind,
            span,
        });
    }
    let (kind, needle) = text_atom(body, negated);
    if needle.is_empty() {
        return Err(err(format!("'{raw}' has nothing to search for")));
    }
    Ok(Term {
        negated,
        kind: TermKind::Text {
            kind,
            needle: needle.to_string(),
        },
        span,
    })
}

/// Splits a facet's value at commas; `\,` is a comma inside a value and `\\` a backslash.
fn split_values(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(n) = chars.next() {
                    out.last_mut().expect("one value").push(n);
                }
            }
            ',' => out.push(String::new()),
            c => out.last_mut().expect("one value").push(c),
        }
    }
    out
}

fn text_atom(body: &str, negated: bool) -> (TextKind, &str) {
    if let Some(rest) = body.strip_prefix('\'') {
        return (TextKind::Exact, rest);
    }
    let (prefix, rest) = match body.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, body),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        // `$` alone (or `^$`) is searched for literally.
        Some(r) if !r.is_empty() => (true, r),
        _ => (false, rest),
    };
    let kind = match (prefix, suffix) {
        (true, true) => TextKind::Whole,
        (true, false) => TextKind::Prefix,
        (false, true) => TextKind::Suffix,
        // fzf: a negated plain word is an exact (substring) exclusion.
        (false, false) if negated => TextKind::Exact,
        (false, false) => TextKind::Fuzzy,
    };
    (kind, rest)
}

fn example(f: FacetName) -> &'static str {
    match f {
        FacetName::Tag => "tag:policy",
        FacetName::Actor => "actor:commerce",
        FacetName::Source => "source:reuters",
        FacetName::Era => "era:federal-bans",
        FacetName::From => "from:2023-06",
        FacetName::To => "to:2024",
        FacetName::Rel => "rel:B",
        FacetName::Is => "is:marked",
        FacetName::Has => "has:note",
        FacetName::Label => "label:followup",
        FacetName::Note => "note:check",
        FacetName::View => "view:bans",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(q: &str) -> Vec<(bool, TermKind)> {
        parse(q)
            .unwrap()
            .terms
            .into_iter()
            .map(|t| (t.negated, t.kind))
            .collect()
    }
    fn text(kind: TextKind, needle: &str) -> TermKind {
        TermKind::Text {
            kind,
            needle: needle.into(),
        }
    }

    #[test]
    fn text_atoms() {
        assert_eq!(
            kinds("word 'exact ^pre suf$ ^whole$ !not !^np !ns$"),
            vec![
                (false, text(TextKind::Fuzzy, "word")),
                (false, text(TextKind::Exact, "exact")),
                (false, text(TextKind::Prefix, "pre")),
                (false, text(TextKind::Suffix, "suf")),
                (false, text(TextKind::Whole, "whole")),
                (true, text(TextKind::Exact, "not")),
                (true, text(TextKind::Prefix, "np")),
                (true, text(TextKind::Suffix, "ns")),
            ]
        );
    }

    #[test]
    fn facets_and_lists() {
        assert_eq!(
            kinds(
                "tag:policy,sanctions !tag:legal actor:commerce era:federal-bans rel:b is:marked"
            ),
            vec![
                (
                    false,
                    TermKind::Tag(vec!["policy".into(), "sanctions".into()])
                ),
                (true, TermKind::Tag(vec!["legal".into()])),
                (false, TermKind::Actor(vec!["commerce".into()])),
                (false, TermKind::Era(vec!["federal-bans".into()])),
                (false, TermKind::Rel(Reliability::B)),
                (false, TermKind::Marked),
            ]
        );
        let k = kinds("from:2023-06 to:2024");
        assert!(matches!(&k[0].1, TermKind::From(d) if d.as_written() == "2023-06"));
        assert!(matches!(&k[1].1, TermKind::To(d) if d.as_written() == "2024"));
    }

    #[test]
    fn escaped_spaces_and_spans() {
        let q = parse("  'foo\\ bar  baz").unwrap();
        assert_eq!(q.terms[0].kind, text(TextKind::Exact, "foo bar"));
        assert_eq!(q.terms[0].span, 2..11);
        assert_eq!(q.terms[1].span, 13..16);
        assert!(parse("   ").unwrap().is_empty());
    }

    #[test]
    fn errors_point_at_the_bad_term() {
        let e = parse("treaty tga:policy").unwrap_err();
        assert_eq!(e.span, 7..17);
        assert_eq!(e.column("treaty tga:policy"), 8);
        assert_eq!(
            e.message,
            "unknown facet 'tga:' (did you mean 'tag:'?); to search for the text itself, write 'tga:policy"
        );
        let e = parse("from:2024-13").unwrap_err();
        assert!(
            e.message.contains("month 13 does not exist"),
            "{}",
            e.message
        );
        assert!(
            parse("rel:G")
                .unwrap_err()
                .message
                .contains("from A (best) to F")
        );
        assert!(parse("tag:").unwrap_err().message.contains("needs a value"));
        assert!(
            parse("is:starred")
                .unwrap_err()
                .message
                .contains("is:marked")
        );
        assert!(parse("!").is_err());
        assert!(
            parse("from:2020,2021")
                .unwrap_err()
                .message
                .contains("one date")
        );
        // Columns count characters, not bytes.
        let e = parse("Zürich xx:1").unwrap_err();
        assert_eq!(e.column("Zürich xx:1"), 8);
    }

    #[test]
    fn escaped_commas_and_spaces_in_facet_values() {
        assert_eq!(
            kinds("source:Reuters\\,\\ via\\ Nasdaq,tass"),
            vec![(
                false,
                TermKind::Source(vec!["Reuters, via Nasdaq".into(), "tass".into()])
            )]
        );
    }

    #[test]
    fn rendered_errors_hold_no_control_characters() {
        let q = "tga:\x1b]0;pwned\x07 is:\u{9b}2J";
        let e = parse(q).unwrap_err();
        assert!(e.message.contains('\x1b'), "the message keeps the text");
        let shown = e.render(q);
        assert!(!shown.contains(['\x1b', '\x07', '\u{9b}']), "{shown}");
        assert!(shown.contains("write 'tga:␛]0;pwned␇"), "{shown}");
    }

    #[test]
    fn overlong_terms_are_refused() {
        assert!(parse(&"x".repeat(MAX_TERM_CHARS)).is_ok());
        let e = parse(&format!("ok {}", "x".repeat(5000))).unwrap_err();
        assert_eq!(e.span.start, 3);
        assert!(e.message.contains("longest searchable term is 256"));
    }

    #[test]
    fn colon_text_that_is_not_a_facet() {
        assert_eq!(
            kinds("10:30"),
            vec![(false, text(TextKind::Fuzzy, "10:30"))]
        );
        assert_eq!(
            kinds("'https://x"),
            vec![(false, text(TextKind::Exact, "https://x"))]
        );
        assert!(parse("https://x").is_err());
    }
}
