//! HTML as the format's plain text: paragraphs, line breaks, white space as HTML shows it,
//! link targets kept as text, and what cannot be kept listed.

use super::tree::{Element, Node, is_block, is_raw_dropped, parse};
use crate::model::validate::is_http_url;

/// Plain text made from HTML, and what could not be kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// Paragraphs separated by one blank line; lines within a paragraph by one line break.
    /// Lines are trimmed and white space runs are one space.
    pub text: String,
    /// One message for each thing left out, such as `a link to 'javascript:…' (not an http(s) URL)`.
    pub dropped: Vec<String>,
}

/// Turns HTML into the format's plain text (see the module documentation).
pub fn to_text(html: &str) -> Text {
    nodes_to_text(&parse(html))
}

/// [`to_text`] for nodes already read.
pub fn nodes_to_text(nodes: &[Node]) -> Text {
    let mut w = Writer {
        link_targets: true,
        ..Writer::default()
    };
    w.nodes(nodes, &mut Vec::new());
    w.finish()
}

/// The text of nodes as [`nodes_to_text`] gives it, but without link targets and without
/// reporting anything: for reading back the parts of a tlx export.
pub fn inner_text(nodes: &[Node]) -> String {
    let mut w = Writer::default();
    w.nodes(nodes, &mut Vec::new());
    w.finish().text
}

/// Plain text of HTML on one line: line breaks and paragraphs become spaces.
pub fn to_line(html: &str) -> Text {
    let t = to_text(html);
    Text {
        text: one_line(&t.text),
        dropped: t.dropped,
    }
}

/// Any text as one line: every run of white space (line breaks included) is one space.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts plain text in the canonical form [`to_text`] gives: lines trimmed, white space runs
/// one space, at most one blank line between paragraphs, none at the ends.
pub fn canonical(s: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut blank = false;
    for line in s.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let l = one_line(line);
        if l.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push(String::new());
            blank = false;
        }
        out.push(l);
    }
    out.join("\n")
}

/// Is `href` a link the text may keep: http(s), or an e-mail address?
fn keepable_href(href: &str) -> bool {
    is_http_url(href)
        || href
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
            && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Shortens what a message quotes.
pub(crate) fn clip(s: &str, max: usize) -> String {
    let s = one_line(s);
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    /// A space is due before the next word.
    space: bool,
    dropped: Vec<String>,
    /// Write a link's target after its text.
    link_targets: bool,
}

impl Writer {
    fn word_char(&mut self, c: char) {
        if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push(c);
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            // Control characters are kept, as tlx keeps them in any text (it shows them
            // as visible stand-ins on a terminal).
            if c.is_whitespace() {
                self.space = true;
            } else {
                self.word_char(c);
            }
        }
    }

    fn line_break(&mut self) {
        self.out.push('\n');
        self.space = false;
    }

    fn paragraph_break(&mut self) {
        self.out.push_str("\n\n");
        self.space = false;
    }

    fn nodes(&mut self, nodes: &[Node], ancestors: &mut Vec<String>) {
        for n in nodes {
            match n {
                Node::Text(t) => self.text(t),
                Node::Element(e) => self.element(e, ancestors),
            }
        }
    }

    fn element(&mut self, e: &Element, ancestors: &mut Vec<String>) {
        let name = e.name.as_str();
        if is_raw_dropped(name) {
            if !e.children.is_empty() {
                self.dropped
                    .push(format!("the content of a <{name}> element (not text)"));
            }
            return;
        }
        match name {
            "br" => {
                self.line_break();
                return;
            }
            "hr" => {
                self.paragraph_break();
                return;
            }
            "img" | "iframe" | "embed" | "video" | "audio" | "source" | "object" => {
                self.embedded(e, ancestors);
                return;
            }
            _ => {}
        }
        let block = is_block(name);
        if block {
            self.paragraph_break();
        }
        match name {
            "li" => {
                self.text("-");
                self.space = true;
            }
            "cite" if ancestors.iter().any(|a| a == "blockquote") => {
                self.line_break();
                self.text("— ");
            }
            "q" => self.text("“"),
            "td" | "th" => self.space = true,
            _ => {}
        }
        ancestors.push(name.to_string());
        let start = self.out.len();
        self.nodes(&e.children, ancestors);
        ancestors.pop();
        match name {
            "q" => {
                self.space = false;
                self.out.push('”');
            }
            "a" if self.link_targets => self.link_target(e, start),
            "tr" => self.line_break(),
            _ => {}
        }
        if block {
            self.paragraph_break();
        }
    }

    /// After a link's text: its target, when it is kept and says more than the text.
    fn link_target(&mut self, e: &Element, start: usize) {
        let Some(href) = e.attr("href").map(str::trim).filter(|h| !h.is_empty()) else {
            return;
        };
        let shown = one_line(&self.out[start..]);
        if keepable_href(href) {
            let bare = |u: &str| {
                u.trim_end_matches('/')
                    .trim_start_matches("mailto:")
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .trim_start_matches("www.")
                    .to_string()
            };
            if bare(&shown) != bare(href) {
                if shown.is_empty() {
                    self.text(href);
                } else {
                    self.space = true;
                    self.text(&format!("({href})"));
                }
            }
        } else {
            self.dropped.push(format!(
                "the target of the link '{}' ('{}': not an http(s) URL)",
                clip(&shown, 40),
                clip(href, 60)
            ));
        }
    }

    /// An image or an embedded frame: its description and its address, when http(s).
    fn embedded(&mut self, e: &Element, ancestors: &mut Vec<String>) {
        let alt = e
            .attr("alt")
            .or_else(|| e.attr("title"))
            .map(one_line)
            .unwrap_or_default();
        let src = e.attr("src").map(str::trim).unwrap_or("");
        if !alt.is_empty() {
            self.space = true;
            self.text(&alt);
        }
        if is_http_url(src) {
            self.space = true;
            if alt.is_empty() {
                self.text(src);
            } else {
                self.text(&format!("({src})"));
            }
        } else if !src.is_empty() {
            self.dropped.push(format!(
                "the address of an <{}> ('{}': not an http(s) URL)",
                e.name,
                clip(src, 60)
            ));
        }
        ancestors.push(e.name.clone());
        self.nodes(&e.children, ancestors);
        ancestors.pop();
        self.space = true;
    }

    fn finish(self) -> Text {
        Text {
            text: canonical(&self.out),
            dropped: self.dropped,
        }
    }
}
