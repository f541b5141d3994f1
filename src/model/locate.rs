//! Lines and columns for paths, computed only when a file has something to report.
//!
//! The fast path reads a file straight into typed structs without positions. When a
//! diagnostic (or a scalar whose spelling YAML changed) needs a place, the file is read
//! again into a tree of spanned nodes, and each path is walked down that tree.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::diag::{At, Diagnostic, Path, Seg};
use super::options::{LoadOptions, parse_options};
use super::types::Input;
use super::work::Meter;

/// A YAML node with the position of each child.
enum Node {
    Scalar(String),
    Null,
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML node")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar(v.to_owned()))
            }
            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                d.deserialize_any(self)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_element()? {
                    v.push(x);
                }
                Ok(Node::Seq(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Node, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = a.next_entry()? {
                    v.push(x);
                }
                Ok(Node::Map(v))
            }
            fn visit_enum<A: de::EnumAccess<'de>>(self, a: A) -> Result<Node, A::Error> {
                let (_, variant) = a.variant::<de::IgnoredAny>()?;
                de::VariantAccess::newtype_variant::<de::IgnoredAny>(variant)?;
                Ok(Node::Null)
            }
        }
        d.deserialize_any(V)
    }
}

/// A place in a file: 1-based line and column, and a length in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub line: u32,
    pub column: u32,
    pub length: u32,
    /// Byte range of the node in the source, when known.
    pub bytes: Option<(usize, usize)>,
}

fn place(loc: &Location) -> Option<Place> {
    if loc.line() == 0 {
        return None;
    }
    let span = loc.span();
    Some(Place {
        line: loc.line() as u32,
        column: loc.column() as u32,
        length: span.len() as u32,
        bytes: match (span.byte_offset(), span.byte_len()) {
            (Some(o), Some(l)) => Some((o as usize, l as usize)),
            _ => None,
        },
    })
}

/// Finds places in one file's text.
pub struct Locator<'a> {
    src: &'a str,
    root: Option<Spanned<Node>>,
    /// Byte offset of the start of each line, computed on first use: a file with
    /// thousands of diagnostics must not be scanned from the top for each one.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Bytes scanned to find lines, for [`Locator::scanned`].
    scanned: std::cell::Cell<u64>,
}

impl<'a> Locator<'a> {
    /// Parses `src` with the same options as the fast path (a file that failed there is
    /// not located: its error already carries a position).
    pub fn new(src: &'a str, options: serde_saphyr::Options) -> Locator<'a> {
        let root = serde_saphyr::from_str_with_options::<Spanned<Node>>(src, options).ok();
        Locator {
            src,
            root,
            line_starts: std::cell::OnceCell::new(),
            scanned: std::cell::Cell::new(0),
        }
    }

    /// The place of the value (or key) at `path`; the nearest enclosing node that exists
    /// when the path runs past the tree (a missing field points at its mapping).
    pub fn locate(&self, path: &Path) -> Option<Place> {
        let root = self.root.as_ref()?;
        let mut node = root;
        let mut best = place(&node.referenced);
        for seg in &path.0 {
            match (seg, &node.value) {
                (Seg::Index(i), Node::Seq(items)) => match items.get(*i as usize) {
                    Some(n) => node = n,
                    None => break,
                },
                (Seg::Key(k), Node::Map(entries)) => {
                    match entries
                        .iter()
                        .find(|(key, _)| matches!(&key.value, Node::Scalar(s) if s == k.as_ref()))
                    {
                        Some((key, value)) => {
                            // An empty value (`end:`) has no position of its own: use the key's.
                            let p = place(&value.referenced).or_else(|| place(&key.referenced));
                            if p.is_some() {
                                best = p;
                            }
                            node = value;
                            continue;
                        }
                        None => break,
                    }
                }
                (Seg::KeyName(k, nth), Node::Map(entries)) => {
                    let found = entries
                        .iter()
                        .filter(|(key, _)| match &key.value {
                            Node::Scalar(s) => s == k.as_ref(),
                            Node::Null => false,
                            // Non-string keys are named `<a list>` and so on.
                            _ => k.starts_with('<'),
                        })
                        .nth(*nth as usize);
                    if let Some((key, _)) = found {
                        return place(&key.referenced).or(best);
                    }
                    break;
                }
                _ => break,
            }
            if let Some(p) = place(&node.referenced) {
                best = Some(p);
            }
        }
        best
    }

    /// The node at `path` itself, when the whole path leads to one.
    fn node(&self, path: &Path) -> Option<&Spanned<Node>> {
        let mut node = self.root.as_ref()?;
        for seg in &path.0 {
            node = match (seg, &node.value) {
                (Seg::Index(i), Node::Seq(items)) => items.get(*i as usize)?,
                (Seg::Key(k), Node::Map(entries)) => entries
                    .iter()
                    .find(|(key, _)| matches!(&key.value, Node::Scalar(s) if s == k.as_ref()))
                    .map(|(_, v)| v)?,
                (Seg::KeyName(k, nth), Node::Map(entries)) => entries
                    .iter()
                    .filter(|(key, _)| matches!(&key.value, Node::Scalar(s) if s == k.as_ref()))
                    .nth(*nth as usize)
                    .map(|(key, _)| key)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The source text of the scalar at `path`, exactly as written; for an alias
    /// (`*name`), as its anchor's node is written.
    pub fn verbatim(&self, path: &Path) -> Option<&'a str> {
        let p = place(&self.node(path)?.defined)?;
        let (start, len) = p.bytes?;
        let s = self.src.get(start..start + len)?;
        // Only plain scalars are restored; anything quoted was already a string.
        (!s.is_empty() && !s.starts_with(['"', '\'', '[', '{', '|', '>'])).then_some(s.trim())
    }

    /// The line where the event `id` starts (its list item under `events:`), for opening
    /// an editor at it.
    pub fn event_line(&self, id: &str) -> Option<u32> {
        let Node::Map(top) = &self.root.as_ref()?.value else {
            return None;
        };
        let (_, events) = top
            .iter()
            .find(|(k, _)| matches!(&k.value, Node::Scalar(s) if s == "events"))?;
        let Node::Seq(items) = &events.value else {
            return None;
        };
        items.iter().find_map(|item| {
            let Node::Map(fields) = &item.value else {
                return None;
            };
            let is_it = fields.iter().any(|(k, v)| {
                matches!(&k.value, Node::Scalar(s) if s == "id")
                    && matches!(&v.value, Node::Scalar(s) if s == id)
            });
            is_it
                .then(|| place(&item.referenced).map(|p| p.line))
                .flatten()
        })
    }

    /// How many bytes of the text finding lines has scanned so far: the text's length
    /// once lines are asked for, however many are.
    pub fn scanned(&self) -> u64 {
        self.scanned.get()
    }

    /// The text of a 1-based line, without its line break.
    pub fn line_text(&self, line: u32) -> Option<&'a str> {
        let starts = self.line_starts.get_or_init(|| {
            self.scanned.set(self.scanned.get() + self.src.len() as u64);
            std::iter::once(0)
                .chain(
                    self.src
                        .bytes()
                        .enumerate()
                        .filter(|&(_, b)| b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .collect()
        });
        let i = line.checked_sub(1)? as usize;
        let start = *starts.get(i)?;
        let end = starts.get(i + 1).map_or(self.src.len(), |&s| s - 1);
        let l = self.src.get(start..end)?;
        Some(l.strip_suffix('\r').unwrap_or(l))
    }
}

/// Turns the paths of `diagnostics` into lines and columns in `texts` (the text of each
/// input, `None` where it is not known), names their files, and sorts them by place.
/// A file is parsed again, once, only when something in it is to be placed.
pub fn place_all(
    diagnostics: &mut [Diagnostic],
    inputs: &[Input],
    texts: &[Option<&str>],
    opts: &LoadOptions,
    meter: &Arc<Meter>,
) {
    let mut locators: HashMap<u16, Locator<'_>> = HashMap::new();
    let mut resolve = |at: &At| -> (At, Option<String>) {
        let At::Path { input, path } = at else {
            return (at.clone(), None);
        };
        let Some(text) = texts.get(*input as usize).copied().flatten() else {
            return (At::File { input: *input }, None);
        };
        let loc = locators
            .entry(*input)
            .or_insert_with(|| Locator::new(text, meter.count(parse_options(text.len(), opts))));
        match loc.locate(path) {
            Some(p) => (
                At::Span {
                    input: *input,
                    line: p.line,
                    column: p.column,
                    length: p.length,
                },
                loc.line_text(p.line).map(str::to_string),
            ),
            None => (At::File { input: *input }, None),
        }
    };
    for d in diagnostics.iter_mut() {
        if matches!(d.at, At::Path { .. }) {
            let (at, line) = resolve(&d.at);
            d.at = at;
            d.line_text = line;
        }
        if let Some(input) = d.at.input()
            && d.file.is_none()
        {
            d.file = inputs.get(input as usize).map(|i| i.name.clone());
        }
        if let Some((at, _)) = &d.related {
            let (at, _) = resolve(at);
            let mut s = String::new();
            if let Some(i) = at.input() {
                s.push_str(&inputs[i as usize].name);
            }
            if let At::Span { line, column, .. } = at {
                let _ = write!(s, ":{line}:{column}");
            }
            d.related_location = Some(s);
        }
    }
    for loc in locators.values() {
        meter.scanned(loc.scanned());
    }
    diagnostics.sort_by_key(|d| match d.at {
        At::Nowhere => (u16::MAX, 0, 0),
        At::File { input } | At::Path { input, .. } => (input, 0, 0),
        At::Span {
            input,
            line,
            column,
            ..
        } => (input, line, column),
    });
}

/// The text of a 1-based line of `src`, without its line break.
pub fn line_text(src: &str, line: u32) -> Option<&str> {
    let l = src.split('\n').nth(line.checked_sub(1)? as usize)?;
    Some(l.strip_suffix('\r').unwrap_or(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_is_found_by_its_id() {
        let src = "version: 1\ntitle: T\nevents:\n  - id: a\n    date: 2024\n    title: A\n\n  - title: B\n    id: b\n    date: 2024\n";
        let l = Locator::new(src, serde_saphyr::Options::default());
        assert_eq!(l.event_line("a"), Some(4));
        assert_eq!(l.event_line("b"), Some(8));
        assert_eq!(l.event_line("c"), None);
    }

    #[test]
    fn indexed_lines_match_the_plain_scan() {
        for src in [
            "",
            "a",
            "a\n",
            "a\r\nb\r\n\r\nc",
            "x: 1\n\ny: [\n  2]\nz",
            "é\n東京\n",
        ] {
            let loc = Locator::new(src, serde_saphyr::Options::default());
            for line in 0..8 {
                assert_eq!(loc.line_text(line), line_text(src, line), "{src:?} {line}");
            }
        }
    }
}
