//! Reading JSON values as TimelineJS writes them: text that may be a number, blanks that
//! mean absent, and a value named for a message.

use serde_json::{Map, Value};

/// Fields that only change how TimelineJS draws a slide (or an era, or the title slide).
/// `classname` is TimelineJS 2's.
pub const DISPLAY_ONLY: &[&str] = &[
    "background",
    "autolink",
    "location",
    "type",
    "scale",
    "classname",
];

/// What a value is, for a message: `a list`, `an object`.
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A text field: a string, or a number written as text; null and blank are absent.
pub fn text_field(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::Bool(b)) => Ok(Some(b.to_string())),
        Some(other) => Err(format!("{key} is {}, not text", describe(other))),
    }
}

/// Null, blank text, and objects or lists holding nothing else: absent.
pub fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Object(m) => m.values().all(is_blank),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}
