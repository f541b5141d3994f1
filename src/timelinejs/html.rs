//! The little HTML that TimelineJS text holds, read into a tree and turned into the plain
//! text of the timeline format; and text escaped for HTML, for the export.
//!
//! The reader is tolerant, like a browser: unknown tags are read as inline elements, an end
//! tag without its start is ignored, `<p>` and `<li>` close themselves, and a `<` that does
//! not start a tag is text. It is not a full HTML5 parser, and does not need to be: the text
//! only has to come out as the same words, paragraphs and link targets.
//!
//! Plain text follows the format's rules ([`to_text`]): paragraphs are separated by one blank
//! line, `<br>` is a line break, runs of white space are one space (as HTML shows them), and
//! a link keeps its target as text after it: `Ada Lovelace (https://en.wikipedia.org/…)`.
//! Whatever cannot be kept (a `<script>`, a link to `javascript:`) is listed in
//! [`Text::dropped`], so that the import can report it.

use crate::model::validate::is_http_url;

/// A node of the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Text(String),
    Element(Element),
}

/// An element: its lower-case name, its attributes (names lower-cased, values decoded) and
/// its children.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    /// True when the `class` attribute lists `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|x| x == class))
    }
    /// The first descendant (or itself) that satisfies `pred`, depth first.
    pub fn find(&self, pred: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        if pred(self) {
            return Some(self);
        }
        find_in(&self.children, pred)
    }
}

/// The first element in `nodes` (or below) that satisfies `pred`, depth first.
pub fn find_in<'a>(nodes: &'a [Node], pred: &dyn Fn(&Element) -> bool) -> Option<&'a Element> {
    nodes.iter().find_map(|n| match n {
        Node::Element(e) => e.find(pred),
        Node::Text(_) => None,
    })
}

/// Elements without content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements that make their own paragraph in plain text (and close an open `<p>`).
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "blockquote"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "pre"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "figure"
            | "figcaption"
            | "address"
            | "center"
            | "hr"
            | "main"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
    )
}

/// Elements whose content is not text and is dropped whole.
fn is_raw_dropped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "template" | "noscript" | "textarea" | "title"
    )
}

/// Reads HTML into a list of top-level nodes.
pub fn parse(html: &str) -> Vec<Node> {
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut text = String::new();
    let bytes = html.as_bytes();
    let mut i = 0;
    let flush_text = |text: &mut String, stack: &mut Vec<Element>| {
        if !text.is_empty() {
            let decoded = decode_entities(text);
            text.clear();
            let top = stack.last_mut().expect("root");
            if let Some(Node::Text(prev)) = top.children.last_mut() {
                prev.push_str(&decoded);
            } else {
                top.children.push(Node::Text(decoded));
            }
        }
    };
    while i < bytes.len() {
        if bytes[i] != b'<' {
            let next = html[i..].find('<').map_or(html.len(), |n| i + n);
            text.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            flush_text(&mut text, &mut stack);
            i = comment.find("-->").map_or(html.len(), |n| i + 4 + n + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            flush_text(&mut text, &mut stack);
            i = rest.find('>').map_or(html.len(), |n| i + n + 1);
            continue;
        }
        if let Some(after) = rest.strip_prefix("</")
            && after.starts_with(|c: char| c.is_ascii_alphabetic())
        {
            flush_text(&mut text, &mut stack);
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                .unwrap_or(after.len());
            let name = after[..name_len].to_ascii_lowercase();
            i = rest.find('>').map_or(html.len(), |n| i + n + 1);
            close(&mut stack, &name);
            continue;
        }
        if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            flush_text(&mut text, &mut stack);
            let (el, self_closing, len) = start_tag(rest);
            i += len;
            let name = el.name.clone();
            if is_raw_dropped(&name) {
                // Skip to the matching end tag; the content is kept as one text child
                // so that the caller can report what was dropped.
                let end = find_end_tag(html, i, &name);
                let mut el = el;
                let content = &html[i..end];
                if !content.trim().is_empty() {
                    el.children.push(Node::Text(content.to_string()));
                }
                i = html[end..].find('>').map_or(html.len(), |n| end + n + 1);
                push_child(&mut stack, Node::Element(el));
                continue;
            }
            if name == "li" || is_block(&name) {
                // A block closes an open paragraph; a list item closes the previous item.
                while stack.len() > 1 && stack.last().is_some_and(|e| e.name == "p") {
                    pop(&mut stack);
                }
                if name == "li" && stack.len() > 1 && stack.last().is_some_and(|e| e.name == "li") {
                    pop(&mut stack);
                }
            }
            if self_closing || is_void(&name) {
                push_child(&mut stack, Node::Element(el));
            } else if stack.len() <= MAX_DEPTH {
                stack.push(el);
            }
            // Deeper than MAX_DEPTH, a start tag is ignored and its content joins the
            // element around it: text is kept, and nothing recurses without bound.
            continue;
        }
        // A `<` that starts nothing is text.
        text.push('<');
        i += 1;
    }
    flush_text(&mut text, &mut stack);
    while stack.len() > 1 {
        pop(&mut stack);
    }
    stack.pop().expect("root").children
}

/// How deep elements nest in the tree; deeper start tags are ignored (their text is kept).
pub const MAX_DEPTH: usize = 100;

/// Where the end tag `</name` of a raw-text element starts, searching from `from`
/// (case-insensitively), or the end of the text.
fn find_end_tag(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(n) = html[i..].find("</") {
        let at = i + n;
        let tag = &b[at + 2..];
        if tag.len() >= name.len() && tag[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        i = at + 2;
    }
    html.len()
}

fn push_child(stack: &mut [Element], node: Node) {
    stack.last_mut().expect("root").children.push(node);
}

fn pop(stack: &mut Vec<Element>) {
    let el = stack.pop().expect("open element");
    push_child(stack, Node::Element(el));
}

/// Closes the nearest open element called `name`, and everything opened inside it; an end
/// tag with nothing to close is ignored.
fn close(stack: &mut Vec<Element>, name: &str) {
    if let Some(pos) = stack.iter().skip(1).rposition(|e| e.name == name) {
        while stack.len() > pos + 1 {
            pop(stack);
        }
    }
}

/// Reads a start tag at the beginning of `s` (which starts with `<` and a letter): the
/// element, whether it closed itself (`/>`), and how many bytes the tag took.
fn start_tag(s: &str) -> (Element, bool, usize) {
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    let mut el = Element {
        name: s[1..i].to_ascii_lowercase(),
        ..Element::default()
    };
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            if b[i] == b'/' && b.get(i + 1) == Some(&b'>') {
                self_closing = true;
            }
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        if i == start {
            // A stray character such as `=`: skip it.
            i += 1;
            continue;
        }
        let name = s[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vstart = i + 1;
                let vend = s[vstart..].find(q as char).map_or(s.len(), |n| vstart + n);
                value = decode_entities(&s[vstart..vend]);
                i = (vend + 1).min(s.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&s[vstart..i]);
            }
        }
        if !el.attrs.iter().any(|(k, _)| *k == name) {
            el.attrs.push((name, value));
        }
    }
    (el, self_closing, i.min(s.len()))
}

/// Named character references, the common ones (the rest are kept as written).
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("hellip", "…"),
    ("bull", "•"),
    ("middot", "·"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("deg", "°"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sect", "§"),
    ("para", "¶"),
    ("cent", "¢"),
    ("pound", "£"),
    ("euro", "€"),
    ("yen", "¥"),
    ("iexcl", "¡"),
    ("iquest", "¿"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
    ("prime", "′"),
    ("Prime", "″"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("aacute", "á"),
    ("Aacute", "Á"),
    ("agrave", "à"),
    ("Agrave", "À"),
    ("acirc", "â"),
    ("Acirc", "Â"),
    ("auml", "ä"),
    ("Auml", "Ä"),
    ("atilde", "ã"),
    ("Atilde", "Ã"),
    ("aring", "å"),
    ("Aring", "Å"),
    ("aelig", "æ"),
    ("AElig", "Æ"),
    ("ccedil", "ç"),
    ("Ccedil", "Ç"),
    ("eacute", "é"),
    ("Eacute", "É"),
    ("egrave", "è"),
    ("Egrave", "È"),
    ("ecirc", "ê"),
    ("Ecirc", "Ê"),
    ("euml", "ë"),
    ("Euml", "Ë"),
    ("iacute", "í"),
    ("Iacute", "Í"),
    ("igrave", "ì"),
    ("Igrave", "Ì"),
    ("icirc", "î"),
    ("Icirc", "Î"),
    ("iuml", "ï"),
    ("Iuml", "Ï"),
    ("ntilde", "ñ"),
    ("Ntilde", "Ñ"),
    ("oacute", "ó"),
    ("Oacute", "Ó"),
    ("ograve", "ò"),
    ("Ograve", "Ò"),
    ("ocirc", "ô"),
    ("Ocirc", "Ô"),
    ("ouml", "ö"),
    ("Ouml", "Ö"),
    ("otilde", "õ"),
    ("Otilde", "Õ"),
    ("oslash", "ø"),
    ("Oslash", "Ø"),
    ("szlig", "ß"),
    ("uacute", "ú"),
    ("Uacute", "Ú"),
    ("ugrave", "ù"),
    ("Ugrave", "Ù"),
    ("ucirc", "û"),
    ("Ucirc", "Û"),
    ("uuml", "ü"),
    ("Uuml", "Ü"),
    ("yacute", "ý"),
    ("Yacute", "Ý"),
    ("yuml", "ÿ"),
];

/// Decodes character references: `&amp;`, `&#8217;`, `&#x2019;` and the named ones in the
/// table above. A reference that is not known is kept as written; a number that is not a
/// character becomes U+FFFD.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after
            .char_indices()
            .take(33)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .filter(|(_, c)| *c == ';')
            .map(|(n, _)| n);
        let decoded = end.and_then(|end| {
            let name = &after[..end];
            let value = if let Some(num) = name.strip_prefix('#') {
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) if !hex.is_empty() => u32::from_str_radix(hex, 16).ok(),
                    Some(_) => None,
                    None if !num.is_empty() => num.parse::<u32>().ok(),
                    None => None,
                }?;
                let c = char::from_u32(code)
                    .filter(|&c| c != '\0')
                    .unwrap_or('\u{fffd}');
                c.to_string()
            } else {
                ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_string())?
            };
            Some((value, end))
        });
        match decoded {
            Some((value, end)) => {
                out.push_str(&value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(h: &str) -> String {
        to_text(h).text
    }

    #[test]
    fn paragraphs_breaks_and_white_space() {
        assert_eq!(
            text("<p>One  two\nthree</p><p>Four<br/>five</p>"),
            "One two three\n\nFour\nfive"
        );
        assert_eq!(text("a<br><br><br><br>b"), "a\n\nb");
        assert_eq!(text("  lone text  "), "lone text");
        assert_eq!(text("x<p>y"), "x\n\ny");
        assert_eq!(text("<p>a</p> <span class=\"n\">b</span>"), "a\n\nb");
        assert_eq!(text("a&nbsp;&nbsp;b"), "a b");
        assert_eq!(text(""), "");
    }

    #[test]
    fn links_keep_their_target() {
        assert_eq!(
            text("Take <a href=\"https://en.wikipedia.org/wiki/Ada\">Ada</a>: first."),
            "Take Ada (https://en.wikipedia.org/wiki/Ada): first."
        );
        assert_eq!(
            text("<a href='http://example.com/'>example.com</a>"),
            "example.com"
        );
        assert_eq!(
            text("<a href='https://example.com/x'></a>"),
            "https://example.com/x"
        );
        let t = to_text("use our <a href='#make'>generator</a> now");
        assert_eq!(t.text, "use our generator now");
        assert_eq!(t.dropped.len(), 1, "{:?}", t.dropped);
        assert!(t.dropped[0].contains("#make"), "{:?}", t.dropped);
        let t = to_text("<a href=\"javascript:alert(1)\">x</a>");
        assert!(t.dropped[0].contains("javascript:"), "{:?}", t.dropped);
        assert_eq!(
            text("<a href='mailto:a@b.org'>write</a>"),
            "write (mailto:a@b.org)"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("&lt;blockquote&gt;&ldquo;Hi&rdquo; &amp; &#8217;&#x2019; &bogus; AT&T &#0;"),
            "<blockquote>“Hi” & ’’ &bogus; AT&T \u{fffd}"
        );
    }

    #[test]
    fn scripts_are_dropped_and_reported() {
        let t = to_text("a<script>alert('<p>')</script>b<style>p{}</style>");
        assert_eq!(t.text, "ab");
        assert_eq!(t.dropped.len(), 2);
    }

    #[test]
    fn quotes_lists_images_and_stray_angles() {
        assert_eq!(
            text("<blockquote>No demand. <cite>Edith Clarke</cite></blockquote>"),
            "No demand.\n— Edith Clarke"
        );
        assert_eq!(text("<ul><li>one<li>two</ul>"), "- one\n\n- two");
        assert_eq!(
            text("<img src='https://x.org/a.jpg' alt='A cat'>"),
            "A cat (https://x.org/a.jpg)"
        );
        assert_eq!(text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(text("<q>hi</q>"), "“hi”");
        assert_eq!(text("</p>a</b>"), "a");
    }

    #[test]
    fn tree_and_classes() {
        let nodes = parse("<div class='tlx-sources x'><a href=\"u?a=1&amp;b=2\">t</a></div>");
        let div = find_in(&nodes, &|e| e.has_class("tlx-sources")).unwrap();
        let a = div.find(&|e| e.name == "a").unwrap();
        assert_eq!(a.attr("href"), Some("u?a=1&b=2"));
    }

    #[test]
    fn escape_round_trips() {
        let s = "<a href=\"x\">'&'</a>";
        assert_eq!(text(&escape(s)), s);
    }

    #[test]
    fn deep_nesting_is_bounded_and_keeps_the_text() {
        let deep = format!("{}x{}", "<b>".repeat(100_000), "</b>".repeat(100_000));
        assert_eq!(text(&deep), "x");
        let scripts = "<SCRIPT>a</Script>b".repeat(10_000);
        let t = to_text(&scripts);
        assert_eq!(t.text, "b".repeat(10_000));
        assert_eq!(t.dropped.len(), 10_000);
    }

    #[test]
    fn canonical_form() {
        assert_eq!(canonical("\n a  b \n\n\n c\n"), "a b\n\nc");
    }
}
