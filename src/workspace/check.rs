//! A workspace file checked on its parsed tree before it is read into the workspace's
//! types, so that every problem — an unknown key, a value of the wrong type, a bad label,
//! note time, view query or name, another version — is reported in one pass (each with
//! its place, located at the end), as a timeline's are.

use serde_json::Value;

use super::{VERSION, draft_name, label_name, view_name};
use crate::model::diag::{Kind, Path};
use crate::suggest::did_you_mean;

/// What a value must be.
#[derive(Clone, Copy)]
enum Want {
    Text,
    Flag,
    Number,
    Texts,
}

impl Want {
    fn describe(self) -> &'static str {
        match self {
            Want::Text => "text",
            Want::Flag => "true or false",
            Want::Number => "a number",
            Want::Texts => "a list of texts",
        }
    }
    fn fits(self, v: &Value) -> bool {
        match self {
            Want::Text => v.is_string(),
            Want::Flag => v.is_boolean(),
            Want::Number => v.is_u64(),
            Want::Texts => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        }
    }
}

fn found(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// Problems: kind, place, message.
pub type Problems = Vec<(Kind, Path, String)>;

/// Every problem of shape in the file's tree.
pub fn shape(root: &Value) -> Problems {
    let mut out = Vec::new();
    let top = [
        ("version", None),
        ("events", Some(entries as Checker)),
        ("views", Some(views as Checker)),
        ("drafts", Some(drafts as Checker)),
    ];
    let Some(map) = root.as_object() else {
        out.push((
            Kind::WrongType,
            Path::root(),
            format!(
                "a workspace is a mapping (version, events, views, drafts, briefs), found {}",
                found(root)
            ),
        ));
        return out;
    };
    fields(
        &mut out,
        &Path::root(),
        map,
        &[("version", Want::Number)],
        &["events", "views", "drafts", "briefs"],
        "the workspace",
    );
    if let Some(v) = map.get("briefs") {
        briefs(&mut out, &Path::root().key("briefs"), v);
    }
    if !map.contains_key("version") {
        out.push((
            Kind::MissingField,
            Path::root(),
            "the workspace has no `version: 1`".into(),
        ));
    }
    for (k, check) in top {
        if let (Some(v), Some(check)) = (map.get(k), check) {
            named(&mut out, &Path::root().key(k), v, k, check);
        }
    }
    out
}

type Checker = fn(&mut Problems, &Path, &serde_json::Map<String, Value>);

/// A mapping of names (ids, view or draft names) to mappings that `check` looks into.
fn named(out: &mut Problems, at: &Path, v: &Value, what: &str, check: Checker) {
    let Some(map) = v.as_object() else {
        if !v.is_null() {
            out.push((
                Kind::WrongType,
                at.clone(),
                format!("{what}: expected a mapping by name, found {}", found(v)),
            ));
        }
        return;
    };
    for (name, item) in map {
        let here = at.key(name);
        match item.as_object() {
            Some(m) => check(out, &here, m),
            None => out.push((
                Kind::WrongType,
                here,
                format!("{what}.{name}: expected a mapping, found {}", found(item)),
            )),
        }
    }
}

/// The keys of one mapping: each known one of the right type, no unknown one.
fn fields(
    out: &mut Problems,
    at: &Path,
    map: &serde_json::Map<String, Value>,
    typed: &[(&str, Want)],
    nested: &[&str],
    what: &str,
) {
    let known: Vec<&str> = typed
        .iter()
        .map(|(k, _)| *k)
        .chain(nested.iter().copied())
        .collect();
    for (k, v) in map {
        if let Some((_, want)) = typed.iter().find(|(n, _)| n == k) {
            if !want.fits(v) {
                out.push((
                    Kind::WrongType,
                    at.key(k),
                    format!("{k}: expected {}, found {}", want.describe(), found(v)),
                ));
            }
        } else if !nested.contains(&k.as_str()) {
            out.push((
                Kind::UnknownField,
                at.key_name(k, 0),
                format!(
                    "unknown key '{k}' in {what}{}; expected one of: {}",
                    did_you_mean(k, known.iter().copied()),
                    known.join(", ")
                ),
            ));
        }
    }
}

fn required(
    out: &mut Problems,
    at: &Path,
    map: &serde_json::Map<String, Value>,
    keys: &[&str],
    what: &str,
) {
    for k in keys {
        if !map.contains_key(*k) {
            out.push((
                Kind::MissingField,
                at.clone(),
                format!("{what} has no `{k}`"),
            ));
        }
    }
}

fn entries(out: &mut Problems, at: &Path, m: &serde_json::Map<String, Value>) {
    fields(
        out,
        at,
        m,
        &[("marked", Want::Flag), ("labels", Want::Texts)],
        &["notes"],
        "an event's entry",
    );
    let note = [
        ("at", Want::Text),
        ("author", Want::Text),
        ("text", Want::Text),
    ];
    records(
        out,
        at,
        m,
        "notes",
        &note,
        &["at", "author", "text"],
        "a note",
    );
}

/// `v`: a list of mappings, each checked by `check`.
fn list_of(out: &mut Problems, at: &Path, v: &Value, what: &str, check: Checker) {
    let Some(list) = v.as_array() else {
        out.push((
            Kind::WrongType,
            at.clone(),
            format!("expected a list of {what}s, found {}", found(v)),
        ));
        return;
    };
    for (i, item) in list.iter().enumerate() {
        let here = at.index(i);
        match item.as_object() {
            Some(m) => check(out, &here, m),
            None => out.push((
                Kind::WrongType,
                here,
                format!("{what}: expected a mapping, found {}", found(item)),
            )),
        }
    }
}

/// The records of written briefs.
fn briefs(out: &mut Problems, at: &Path, v: &Value) {
    list_of(out, at, v, "brief record", |out, at, m| {
        let typed = [("draft", Want::Text), ("at", Want::Text)];
        fields(out, at, m, &typed, &["inputs", "events"], "a brief record");
        required(out, at, m, &["draft", "at", "inputs"], "a brief record");
        let input = [("name", Want::Text), ("sha256", Want::Text)];
        records(
            out,
            at,
            m,
            "inputs",
            &input,
            &["name", "sha256"],
            "an input",
        );
        if let Some(v) = m.get("events") {
            list_of(out, &at.key("events"), v, "event digest", |out, at, m| {
                let typed = [
                    ("id", Want::Text),
                    ("date", Want::Text),
                    ("title", Want::Text),
                    ("summary", Want::Text),
                ];
                fields(out, at, m, &typed, &["sources"], "an event digest");
                required(out, at, m, &["id", "date", "title"], "an event digest");
                let source = [
                    ("id", Want::Text),
                    ("reliability", Want::Text),
                    ("credibility", Want::Text),
                ];
                records(out, at, m, "sources", &source, &["id"], "a source digest");
            });
        }
    });
}

/// `m[key]`, when present: a list of mappings, each with the keys `typed` (and
/// `required` among them).
fn records(
    out: &mut Problems,
    at: &Path,
    m: &serde_json::Map<String, Value>,
    key: &str,
    typed: &[(&str, Want)],
    required_keys: &[&str],
    what: &str,
) {
    let Some(v) = m.get(key) else { return };
    let Some(list) = v.as_array() else {
        out.push((
            Kind::WrongType,
            at.key(key),
            format!("{key}: expected a list, found {}", found(v)),
        ));
        return;
    };
    for (i, item) in list.iter().enumerate() {
        let here = at.key(key).index(i);
        match item.as_object() {
            Some(item) => {
                fields(out, &here, item, typed, &[], what);
                required(out, &here, item, required_keys, what);
            }
            None => out.push((
                Kind::WrongType,
                here,
                format!("{what}: expected a mapping, found {}", found(item)),
            )),
        }
    }
}

fn views(out: &mut Problems, at: &Path, m: &serde_json::Map<String, Value>) {
    fields(
        out,
        at,
        m,
        &[
            ("query", Want::Text),
            ("sort", Want::Text),
            ("context", Want::Flag),
        ],
        &[],
        "a view",
    );
    required(out, at, m, &["query"], "a view");
    if let Some(s) = m.get("sort").and_then(Value::as_str)
        && !matches!(s, "date" | "score")
    {
        out.push((
            Kind::BadValue,
            at.key("sort"),
            format!("sort '{s}' is not date or score"),
        ));
    }
}

fn drafts(out: &mut Problems, at: &Path, m: &serde_json::Map<String, Value>) {
    let typed = [
        ("title", Want::Text),
        ("bluf", Want::Text),
        ("events", Want::Texts),
        ("notes", Want::Flag),
    ];
    fields(out, at, m, &typed, &["judgments"], "a draft");
    let judgment = [
        ("text", Want::Text),
        ("likelihood", Want::Text),
        ("confidence", Want::Text),
        ("events", Want::Texts),
    ];
    records(
        out,
        at,
        m,
        "judgments",
        &judgment,
        &["text"],
        "a key judgment",
    );
}

/// Every problem of content in a tree of the right shape (what is of the wrong shape is
/// passed over: [`shape`] reports it).
pub fn content(root: &Value) -> Problems {
    let mut out = Vec::new();
    let at = |k: &str| Path::root().key(k);
    if let Some(v) = root.get("version").and_then(Value::as_u64)
        && v != u64::from(VERSION)
    {
        out.push((
            Kind::Version,
            at("version"),
            format!("workspace version {v} is not one this tlx reads (it reads version {VERSION})"),
        ));
    }
    for (id, e) in root
        .get("events")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let here = at("events").key(id);
        for l in e
            .get("labels")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(l) = l.as_str() else { continue };
            let problem = match label_name(l) {
                Ok(n) if n == l => None,
                Ok(n) => Some(format!("label '{l}' is written '{n}' (lower case)")),
                Err(m) => Some(m),
            };
            if let Some(m) = problem {
                out.push((Kind::BadValue, here.key("labels"), m));
            }
        }
        for (i, n) in e
            .get("notes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            if let Some(t) = n.get("at").and_then(Value::as_str)
                && chrono::DateTime::parse_from_rfc3339(t).is_err()
            {
                out.push((
                    Kind::BadDate,
                    here.key("notes").index(i).key("at"),
                    format!("note time '{t}' is not an RFC 3339 time such as 2026-12-02T17:03:05Z"),
                ));
            }
        }
    }
    for (name, v) in root
        .get("views")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if let Err(m) = view_name(name) {
            out.push((Kind::BadValue, at("views").key(name), m));
        }
        if let Some(q) = v.get("query").and_then(Value::as_str)
            && let Err(e) = crate::query::parse(q)
        {
            out.push((
                Kind::BadValue,
                at("views").key(name).key("query"),
                format!("view '{name}': bad query: {e}"),
            ));
        }
    }
    for (i, b) in root
        .get("briefs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let here = at("briefs").index(i);
        if let Some(t) = b.get("at").and_then(Value::as_str)
            && chrono::DateTime::parse_from_rfc3339(t).is_err()
        {
            out.push((
                Kind::BadDate,
                here.key("at"),
                format!("brief time '{t}' is not an RFC 3339 time such as 2026-12-02T17:03:05Z"),
            ));
        }
        if let Some(d) = b.get("draft").and_then(Value::as_str)
            && let Err(m) = draft_name(d)
        {
            out.push((Kind::BadValue, here.key("draft"), m));
        }
    }
    for name in root
        .get("drafts")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
    {
        if let Err(m) = draft_name(name) {
            out.push((Kind::BadValue, at("drafts").key(name), m));
        }
    }
    out
}
