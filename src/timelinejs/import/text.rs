//! A slide's text: the headline as one line, the body as paragraphs, and what a tlx export
//! wrote into the body (its source list and tag line) read back; and titles made from text
//! when a slide has no headline.

use serde_json::{Map, Value};

use super::problems::{Place, ProblemKind, Report};
use super::values::{describe, text_field};
use crate::model::Date;
use crate::model::validate::{is_http_url, is_valid_id};
use crate::timelinejs::html::{self, Element, Node, clip, one_line};
use crate::timelinejs::markers::{SOURCES_CLASS, TAGS_CLASS, TAGS_PREFIX};
use crate::timelinejs::yaml::DocSource;

/// The longest title made from a slide's text, in characters.
const MAX_DERIVED_TITLE: usize = 80;

/// The headline that names a slide or an era in messages, read before anything else.
pub fn place_headline(v: &Value) -> String {
    v.get("text")
        .and_then(|t| t.get("headline"))
        .and_then(Value::as_str)
        .map(|h| html::to_line(h).text)
        .unwrap_or_default()
}

/// A line of HTML as text, with what was dropped reported under `field`.
pub fn converted_line(r: &mut Report, html_text: &str, field: &str, place: &Place) -> String {
    let t = html::to_line(html_text);
    r.dropped(&t.dropped, field, place);
    t.text
}

/// The `text` object's headline (one line, empty when absent) and body (HTML), with its
/// other fields noted; `None` when there is no text object.
fn parts(r: &mut Report, obj: &Map<String, Value>, place: &Place) -> Option<(String, String)> {
    let text = match obj.get("text") {
        None | Some(Value::Null) => return None,
        Some(Value::Object(t)) => t,
        Some(other) => {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!("`text` is {}, not an object", describe(other)),
            );
            return None;
        }
    };
    r.check_keys(text, "text.", &["headline", "text"], &[], place);
    let headline = match text_field(text, "headline") {
        Ok(h) => h.map(|h| converted_line(r, &h, "headline", place)),
        Err(e) => {
            r.report(place, ProblemKind::NotConverted, e);
            None
        }
    };
    let body = match text_field(text, "text") {
        Ok(b) => b,
        Err(e) => {
            r.report(place, ProblemKind::NotConverted, e);
            None
        }
    };
    Some((headline.unwrap_or_default(), body.unwrap_or_default()))
}

/// `text.headline` (one line) and `text.text` (paragraphs), with what was dropped reported.
pub fn text_object(
    r: &mut Report,
    obj: &Map<String, Value>,
    place: &Place,
) -> Option<(String, Vec<String>)> {
    let (headline, body) = parts(r, obj, place)?;
    let mut paras = Vec::new();
    let t = html::to_text(&body);
    r.dropped(&t.dropped, "text", place);
    if !t.text.is_empty() {
        paras.push(t.text);
    }
    Some((headline, paras))
}

/// A slide's text: what a text object gives, and the sources and tags a tlx export wrote
/// into the body.
pub struct SlideText {
    pub headline: String,
    pub paragraphs: Vec<String>,
    pub sources: Vec<DocSource>,
    pub tags: Vec<String>,
}

/// The headline, the text's paragraphs, and the sources and tags a tlx export wrote
/// into the text.
pub fn slide_text(r: &mut Report, obj: &Map<String, Value>, place: &Place) -> SlideText {
    let (headline, body) = parts(r, obj, place).unwrap_or_default();
    let nodes = html::parse(&body);
    let mut sources = Vec::new();
    let mut tags = Vec::new();
    let rest = extract_tlx(r, nodes, &mut sources, &mut tags, place);
    let t = html::nodes_to_text(&rest);
    r.dropped(&t.dropped, "text", place);
    let paragraphs = if t.text.is_empty() {
        Vec::new()
    } else {
        vec![t.text]
    };
    SlideText {
        headline,
        paragraphs,
        sources,
        tags,
    }
}

/// Takes out the source list and the tag line a tlx export writes, and reads them.
fn extract_tlx(
    r: &mut Report,
    nodes: Vec<Node>,
    sources: &mut Vec<DocSource>,
    tags: &mut Vec<String>,
    place: &Place,
) -> Vec<Node> {
    let mut out = Vec::with_capacity(nodes.len());
    for n in nodes {
        match n {
            Node::Element(e) if e.has_class(SOURCES_CLASS) => {
                tlx_sources(r, &e, sources, place);
            }
            Node::Element(e) if e.has_class(TAGS_CLASS) => {
                let line = html::inner_text(&e.children);
                let list = line.trim().strip_prefix(TAGS_PREFIX).unwrap_or(&line);
                for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if is_valid_id(t) && !tags.iter().any(|x| x == t) {
                        tags.push(t.to_string());
                    } else if !is_valid_id(t) {
                        r.report(
                            place,
                            ProblemKind::NotConverted,
                            format!("tag '{}' in the tag line is not a valid tag", clip(t, 40)),
                        );
                    }
                }
            }
            Node::Element(mut e) => {
                let children = std::mem::take(&mut e.children);
                e.children = extract_tlx(r, children, sources, tags, place);
                out.push(Node::Element(e));
            }
            t => out.push(t),
        }
    }
    out
}

fn tlx_sources(r: &mut Report, list: &Element, sources: &mut Vec<DocSource>, place: &Place) {
    let mut items = Vec::new();
    collect(list, &|e| e.name == "li", &mut items);
    for li in items {
        let field = |class: &str| {
            li.find(&|e| e.has_class(class))
                .map(|e| one_line(&html::inner_text(&e.children)))
                .filter(|s| !s.is_empty())
        };
        let Some(publisher) = field("tlx-publisher") else {
            r.report(
                place,
                ProblemKind::NotConverted,
                format!(
                    "a source without a publisher in the source list: '{}'",
                    clip(&html::inner_text(&li.children), 60)
                ),
            );
            continue;
        };
        let url = li
            .find(&|e| e.name == "a" && !e.has_class("tlx-archive") && e.attr("href").is_some())
            .and_then(|a| a.attr("href"))
            .map(str::trim)
            .filter(|u| is_http_url(u))
            .map(str::to_string);
        let archive_url = li
            .find(&|e| e.name == "a" && e.has_class("tlx-archive"))
            .and_then(|a| a.attr("href"))
            .map(str::trim)
            .filter(|u| is_http_url(u))
            .map(str::to_string);
        let published = li
            .find(&|e| e.has_class("tlx-published"))
            .and_then(|e| e.attr("datetime"))
            .and_then(|d| Date::parse(d).ok())
            .map(|d| d.as_written());
        let quote = li
            .find(&|e| e.has_class("tlx-quote"))
            .map(|e| html::canonical(&html::inner_text(&e.children)))
            .filter(|q| !q.is_empty());
        sources.push(DocSource {
            publisher,
            title: field("tlx-title"),
            url,
            published,
            author: field("tlx-author"),
            archive_url,
            quote,
            locator: field("tlx-locator"),
        });
    }
}

/// Every element below `e` (or `e`) that satisfies `pred`, in document order.
fn collect<'a>(e: &'a Element, pred: &dyn Fn(&Element) -> bool, out: &mut Vec<&'a Element>) {
    if pred(e) {
        out.push(e);
        return;
    }
    for c in &e.children {
        if let Node::Element(c) = c {
            collect(c, pred, out);
        }
    }
}

/// A title made from text: the first sentence of the first line, at most
/// [`MAX_DERIVED_TITLE`] characters (cut at a word, with `…`).
pub fn derived_title(text: &str) -> String {
    let first = text.lines().next().unwrap_or("").trim();
    let mut end = first.len();
    for pat in [". ", "! ", "? "] {
        if let Some(n) = first.find(pat)
            && n + 1 < end
        {
            end = n + 1;
        }
    }
    let sentence = first[..end].trim_end_matches('.').trim();
    if sentence.chars().count() <= MAX_DERIVED_TITLE {
        return sentence.to_string();
    }
    let mut cut: String = sentence.chars().take(MAX_DERIVED_TITLE).collect();
    if let Some(n) = cut.rfind(' ') {
        cut.truncate(n);
    }
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_from_text() {
        assert_eq!(
            derived_title("Born in Florida. Then moved."),
            "Born in Florida"
        );
        let t = derived_title(&"word ".repeat(40));
        assert!(
            t.ends_with('…') && t.chars().count() <= MAX_DERIVED_TITLE + 1,
            "{t}"
        );
    }
}
