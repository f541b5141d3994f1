//! Text from a timeline, made safe for Markdown: it renders as the same text on any
//! CommonMark/GFM renderer, never as markup, raw HTML or a link.
//!
//! - [`line()`] turns a field into one clean line: line breaks become spaces, control
//!   characters and bidirectional overrides become visible stand-ins
//!   ([`crate::text::sanitize`]).
//! - [`inline`] escapes a line for use inside a paragraph, a heading, a list item or link
//!   text; [`para`] also escapes what would start a block (a list, a quote, a heading, a
//!   thematic break) at the start of a line; [`cell`] is [`inline`] for a GFM table cell.
//! - [`code`] writes a code span that holds any text.
//! - [`autolink`] writes an http(s) URL as `<URL>`, and anything else as escaped text.
//! - [`Slugger`] computes the anchors GitHub gives headings.

use std::collections::HashMap;

use unicode_width::UnicodeWidthChar;

use crate::model::validate::is_http_url;
use crate::text::sanitize;

/// One line of text: CR, LF and the Unicode line separators become spaces, other control
/// characters visible stand-ins, and the ends are trimmed.
pub fn line(s: &str) -> String {
    let flat: String = s
        .chars()
        .map(|c| match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => ' ',
            c => c,
        })
        .collect();
    sanitize(flat.trim()).into_owned()
}

/// Paragraphs of a multi-line text (separated by blank lines), each as one clean line.
pub fn paragraphs(s: &str) -> Vec<String> {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for l in s.split('\n') {
        if l.trim().is_empty() {
            if !cur.is_empty() {
                out.push(line(&cur.join(" ")));
                cur.clear();
            }
        } else {
            cur.push(l.trim());
        }
    }
    if !cur.is_empty() {
        out.push(line(&cur.join(" ")));
    }
    out.retain(|p| !p.is_empty());
    out
}

/// Characters that are always written with a backslash: every one can start or end
/// inline markup in CommonMark or in GitHub's extensions (tables, strikethrough, math,
/// footnotes, images after `!`), or begin raw HTML or an autolink.
fn always_escaped(c: char) -> bool {
    matches!(
        c,
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$'
    )
}

/// Escapes one clean line (see [`line()`]) for inline use: paragraphs, headings, list
/// items, link text, emphasis. A `#` is escaped where it could open or close a heading,
/// and a `&` where it could begin an entity reference (`&lt;`, `&#60;`).
///
/// Text never becomes a link, not even under GitHub's autolink literals: the `:` of
/// `://` (`http://…`, `ftp://…`), the `.` of `www.` and every `@` (e-mail addresses,
/// `mailto:`, `xmpp:`) are escaped, which renders the same characters. Obsidian's
/// comments (`%%…%%`) and highlights (`==…==`) are broken too: in a run of two or more
/// `%` or `=`, each is escaped.
pub fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let hash_at_edge = c == '#' && prev.is_none_or(char::is_whitespace);
        let entity = c == '&' && next.is_some_and(|n| n.is_alphanumeric() || n == '#');
        let scheme = c == ':' && chars.get(i + 1..i + 3) == Some(&['/', '/']);
        let www =
            c == '.' && i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'));
        let doubled = matches!(c, '%' | '=') && (prev == Some(c) || next == Some(c));
        if always_escaped(c) || hash_at_edge || entity || scheme || www || doubled || c == '@' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`inline`], and nothing at the start of the line can open a block: a list item
/// (`-`, `+`, `1.`, `1)`), a block quote, a heading, a thematic break or a setext underline.
pub fn para(s: &str) -> String {
    let escaped = inline(s.trim_start());
    let first = escaped.chars().next();
    match first {
        Some('-' | '+' | '=') => format!("\\{escaped}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
            match escaped.as_bytes().get(digits) {
                Some(b'.' | b')') if digits <= 9 => {
                    format!("{}\\{}", &escaped[..digits], &escaped[digits..])
                }
                _ => escaped,
            }
        }
        _ => escaped,
    }
}

/// [`inline`] for a GFM table cell: the text is one line and every `|` is escaped, so the
/// cell never breaks its row.
pub fn cell(s: &str) -> String {
    inline(&line(s))
}

/// A code span holding `s` (one clean line) exactly: the fence is longer than any run of
/// backticks inside, and padded when the text starts or ends with a backtick.
pub fn code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// True when `url` can be written as a CommonMark autolink that leads to an http(s) page.
pub fn is_linkable(url: &str) -> bool {
    is_http_url(url)
        && !url
            .chars()
            .any(|c| matches!(c, '<' | '>' | ' ') || c.is_control())
}

/// An http(s) URL as an autolink `<URL>`; anything else as escaped text, never a link.
pub fn autolink(url: &str) -> String {
    if is_linkable(url) {
        format!("<{url}>")
    } else {
        inline(&line(url))
    }
}

/// Heading anchors as GitHub computes them: the heading's text, lower-cased, without
/// anything but letters, marks, digits, `-`, `_` and spaces, spaces turned into `-`; a
/// repeated anchor gets `-1`, `-2`, … in document order.
#[derive(Debug, Default, Clone)]
pub struct Slugger {
    seen: HashMap<String, u32>,
}

/// Whether GitHub keeps a character in an anchor (letters, marks, decimal digits,
/// connector punctuation, `-`, space). Marks are recognised as zero-width characters
/// that are not format controls.
fn kept_in_slug(c: char) -> bool {
    if c == '-' || c == ' ' || c == '_' {
        return true;
    }
    if c.is_alphabetic() {
        return true;
    }
    if c.is_numeric() {
        // Decimal digits stay; other numbers (², ½, ①) are dropped.
        return !is_other_number(c);
    }
    let zero_width = UnicodeWidthChar::width(c) == Some(0);
    zero_width && !is_format(c) && !c.is_control()
}

fn is_other_number(c: char) -> bool {
    matches!(c,
        '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{bc}'..='\u{be}'
        | '\u{2070}'..='\u{209f}'
        | '\u{2150}'..='\u{215f}' | '\u{2189}'
        | '\u{2460}'..='\u{24ff}'
        | '\u{2776}'..='\u{2793}'
        | '\u{3248}'..='\u{324f}' | '\u{3251}'..='\u{325f}' | '\u{3280}'..='\u{3289}'
        | '\u{32b1}'..='\u{32bf}'
        | '\u{1f100}'..='\u{1f10c}')
}

fn is_format(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}' | '\u{180e}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206f}' | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}')
}

/// The anchor of a heading's text, before de-duplication.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&c| kept_in_slug(c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

impl Slugger {
    /// The anchor of the next heading, whose rendered text is `text`.
    pub fn next(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut candidate = base.clone();
        // As github-slugger does: bump the count of the base until the anchor is free.
        while self.seen.contains_key(&candidate) {
            let count = self.seen.entry(base.clone()).or_insert(0);
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped() {
        assert_eq!(
            inline("a|b *c* _d_ [x](y) <b> `c` ~s~ $m$ ![i]"),
            r"a\|b \*c\* \_d\_ \[x\](y) \<b\> \`c\` \~s\~ \$m\$ !\[i\]"
        );
        assert_eq!(inline("AT&T &amp; &#60; & so"), r"AT\&T \&amp; \&#60; & so");
        assert_eq!(inline(r"back\slash"), r"back\\slash");
        assert_eq!(inline("C# and #tag and a #"), r"C# and \#tag and a \#");
        assert_eq!(inline("#1"), r"\#1");
    }

    #[test]
    fn no_autolink_literal_nor_obsidian_marker_survives() {
        assert_eq!(
            inline("see http://tracker.example/i.gif or www.x.org"),
            r"see http\://tracker.example/i.gif or www\.x.org"
        );
        assert_eq!(
            inline("a@b.example, mailto:a@b"),
            r"a\@b.example, mailto:a\@b"
        );
        assert_eq!(inline("FTP://x WWW.y"), r"FTP\://x WWW\.y");
        assert_eq!(
            inline("%%hidden%% ==lit== 50% a=b"),
            r"\%\%hidden\%\% \=\=lit\=\= 50% a=b"
        );
        assert_eq!(inline("a: b, 10:30, awww x.y"), "a: b, 10:30, awww x.y");
    }

    #[test]
    fn block_starts_are_escaped_at_the_start_only() {
        assert_eq!(para("- item"), r"\- item");
        assert_eq!(para("+ item"), r"\+ item");
        assert_eq!(para("1. first"), r"1\. first");
        assert_eq!(para("2024) year"), r"2024\) year");
        assert_eq!(para("2024 was"), "2024 was");
        assert_eq!(para("1234567890. ten digits"), "1234567890. ten digits");
        assert_eq!(para("> quote"), r"\> quote");
        assert_eq!(para("# title"), r"\# title");
        assert_eq!(para("---"), r"\---");
        assert_eq!(para("==="), r"\=\=\=");
        assert_eq!(para("= x"), r"\= x");
        assert_eq!(para("    code"), "code");
        assert_eq!(para("a - b"), "a - b");
    }

    #[test]
    fn lines_and_paragraphs() {
        assert_eq!(line(" a\nb\r\nc\x1b[1m "), "a b  c␛[1m");
        assert_eq!(
            paragraphs("one\ntwo\n\n\nthree\n"),
            vec!["one two".to_string(), "three".to_string()]
        );
        assert!(paragraphs("\n \n").is_empty());
        assert_eq!(cell("a|b\nc"), r"a\|b c");
    }

    #[test]
    fn code_spans_hold_backticks() {
        assert_eq!(code("tag:x"), "`tag:x`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a``b"), "```a``b```");
    }

    #[test]
    fn only_http_urls_become_links() {
        assert_eq!(autolink("https://example.org/a"), "<https://example.org/a>");
        assert_eq!(autolink("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(autolink("https://x.org/<b>"), r"https\://x.org/\<b\>");
        assert_eq!(autolink("file:///etc/passwd"), r"file\:///etc/passwd");
    }

    #[test]
    fn anchors_follow_github() {
        let mut s = Slugger::default();
        assert_eq!(
            s.next("20 Jun 2024 — Commerce bans Kaspersky software in the U.S."),
            "20-jun-2024--commerce-bans-kaspersky-software-in-the-us"
        );
        assert_eq!(
            s.next("c. Jun 2023? — Summit in Zürich"),
            "c-jun-2023--summit-in-zürich"
        );
        assert_eq!(
            s.next("Kaspersky's \"Operation\" <x>"),
            "kasperskys-operation-x"
        );
        assert_eq!(s.next("A_b-c 東京 🙂"), "a_b-c-東京-");
        assert_eq!(s.next("Key events"), "key-events");
        assert_eq!(s.next("Key events"), "key-events-1");
        assert_eq!(s.next("Key events"), "key-events-2");
        assert_eq!(s.next("Key events 1"), "key-events-1-1");
        assert_eq!(s.next("x²"), "x");
        assert_eq!(s.next("e\u{301}"), "e\u{301}");
    }
}
