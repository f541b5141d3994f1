//! HTML read into a tree, tolerantly, as a browser would: unknown tags are inline
//! elements, an end tag without its start is ignored, `<p>` and `<li>` close themselves,
//! and a `<` that does not start a tag is text.

use super::entities::decode_entities;

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
pub fn is_block(name: &str) -> bool {
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
pub fn is_raw_dropped(name: &str) -> bool {
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
