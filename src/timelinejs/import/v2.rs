//! TimelineJS 2 (`{"timeline": {"headline", "text", "asset", "date": […], "era": […]}}`),
//! rewritten as the TimelineJS3 document it stands for, so that one import reads both and
//! reports problems in one way.
//!
//! TimelineJS 2 wrote a date as text: `"1848,3,22"` (year, month, day, then hour, minute,
//! second), `"3/22/1848"` (month first), `"1848-03-22T10:30"`, or a year alone. Each part
//! becomes the TimelineJS3 date field it stands for; what is not one of those forms is
//! passed on as the year, so that the import names it in its message.

use serde_json::{Map, Value};

use super::values::describe;

/// True when `root` is a TimelineJS 2 document: a `timeline` object with a `date` list
/// and none of TimelineJS3's lists.
pub fn is_v2(root: &Value) -> bool {
    let Some(Value::Object(inner)) = root.get("timeline") else {
        return false;
    };
    inner.contains_key("date")
        && !["events", "slides"]
            .iter()
            .any(|k| inner.contains_key(*k) || root.get(k).is_some())
}

/// The TimelineJS3 document a TimelineJS 2 one stands for, or why it is not one.
pub fn to_v3(root: &Value) -> Result<Value, String> {
    let Some(Value::Object(inner)) = root.get("timeline") else {
        return Err("no `timeline` object".into());
    };
    let Some(Value::Array(dates)) = inner.get("date") else {
        return Err(format!(
            "`timeline.date` is {}, not a list of slides",
            describe(&inner["date"])
        ));
    };
    let mut doc = Map::new();
    doc.insert("title".into(), slide(inner, &["date", "era"]));
    doc.insert(
        "events".into(),
        Value::Array(dates.iter().map(|d| entry(d, &[])).collect()),
    );
    match inner.get("era") {
        None | Some(Value::Null) => {}
        Some(Value::Array(eras)) => {
            let eras = eras.iter().map(|e| entry(e, &[])).collect();
            doc.insert("eras".into(), Value::Array(eras));
        }
        // Not a list: passed on, so that the import says so.
        Some(other) => {
            doc.insert("eras".into(), other.clone());
        }
    }
    // Fields beside `timeline` are passed on, so that the import reports them.
    if let Value::Object(top) = root {
        for (k, v) in top.iter().filter(|(k, _)| *k != "timeline") {
            doc.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(doc))
}

/// A slide or an era; anything that is not an object is passed on for the import to name.
fn entry(v: &Value, skip: &[&str]) -> Value {
    match v {
        Value::Object(obj) => slide(obj, skip),
        other => other.clone(),
    }
}

/// One TimelineJS 2 entry (a slide, an era or the timeline itself) as TimelineJS3 writes
/// it. Fields TimelineJS3 does not know are passed on under their own names, so that the
/// import reports them as it reports its own unknown fields.
fn slide(obj: &Map<String, Value>, skip: &[&str]) -> Value {
    let mut out = Map::new();
    let mut text = Map::new();
    for (k, v) in obj {
        match k.as_str() {
            _ if skip.contains(&k.as_str()) => {}
            "startDate" => {
                out.insert("start_date".into(), date(v));
            }
            "endDate" => {
                out.insert("end_date".into(), date(v));
            }
            "headline" | "text" => {
                text.insert(k.clone(), v.clone());
            }
            "asset" => {
                out.insert("media".into(), asset(v));
            }
            "tag" => {
                out.insert("group".into(), v.clone());
            }
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    if !text.is_empty() {
        out.insert("text".into(), Value::Object(text));
    }
    Value::Object(out)
}

/// `asset` (`media`, `credit`, `caption`, `thumbnail`) as TimelineJS3's `media`.
fn asset(v: &Value) -> Value {
    let Value::Object(obj) = v else {
        return v.clone();
    };
    let renamed = obj.iter().map(|(k, v)| {
        let k = if k == "media" { "url" } else { k.as_str() };
        (k.to_string(), v.clone())
    });
    Value::Object(renamed.collect())
}

const PARTS: [&str; 7] = [
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "millisecond",
];

/// A TimelineJS 2 date as TimelineJS3's date object.
fn date(v: &Value) -> Value {
    let s = match v {
        Value::String(s) => s.trim(),
        Value::Number(_) => return object(&[("year", v.to_string())]),
        // Blank or of the wrong kind: passed on for the import to name.
        other => return other.clone(),
    };
    if s.is_empty() {
        return Value::Null;
    }
    let parts: Vec<(&str, String)> = match split(s) {
        Some(parts) => parts,
        None => vec![("year", s.to_string())],
    };
    object(&parts)
}

fn object(parts: &[(&str, String)]) -> Value {
    let map = parts
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.to_string(), Value::String(v.clone())));
    Value::Object(map.collect())
}

/// The parts of a date in one of TimelineJS 2's forms, or `None`.
fn split(s: &str) -> Option<Vec<(&'static str, String)>> {
    let number = |p: &str| {
        let p = p.trim();
        let digits = p.strip_prefix('-').unwrap_or(p);
        (digits.bytes().all(|b| b.is_ascii_digit())).then(|| p.to_string())
    };
    let named = |names: &[&'static str], values: Vec<&str>| -> Option<Vec<_>> {
        if values.len() > names.len() {
            return None;
        }
        let values: Option<Vec<String>> = values.into_iter().map(number).collect();
        Some(names.iter().copied().zip(values?).collect())
    };
    if s.contains(',') {
        // "1848,3,22" and "2011,12,10,07,02,10"; an empty part is absent.
        return named(&PARTS, s.split(',').collect());
    }
    if s.contains('/') {
        // "3/22/1848", perhaps with a time after a space: month, day, year.
        let (day, time) = s.split_once(' ').unwrap_or((s, ""));
        let mut parts = named(&["month", "day", "year"], day.split('/').collect())?;
        parts.extend(clock(time)?);
        return Some(parts);
    }
    // "1848-03-22T10:30:00" (an ISO date, negative years too) or a year alone.
    let (day, time) = s.split_once('T').unwrap_or((s, ""));
    let (sign, rest) = match day.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", day),
    };
    let mut pieces = rest.split('-');
    let year = format!("{sign}{}", pieces.next().unwrap_or(""));
    let mut parts = named(
        &PARTS[..3],
        std::iter::once(year.as_str()).chain(pieces).collect(),
    )?;
    parts.extend(clock(time)?);
    Some(parts)
}

/// "10:30" or "10:30:05" after a date; empty is no time.
fn clock(time: &str) -> Option<Vec<(&'static str, String)>> {
    let time = time.trim().trim_end_matches('Z');
    if time.is_empty() {
        return Some(Vec::new());
    }
    let values: Vec<&str> = time.split(':').collect();
    if values.len() > 3 || !values.iter().all(|v| v.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let names = ["hour", "minute", "second"];
    Some(
        names
            .iter()
            .copied()
            .zip(values.into_iter().map(str::to_string))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dates_in_each_form() {
        assert_eq!(
            date(&json!("1848,3,22")),
            json!({"year": "1848", "month": "3", "day": "22"})
        );
        assert_eq!(
            date(&json!("2011,12,10,07,02,10")),
            json!({"year": "2011", "month": "12", "day": "10", "hour": "07", "minute": "02", "second": "10"})
        );
        assert_eq!(
            date(&json!("2011,12,,")),
            json!({"year": "2011", "month": "12"})
        );
        assert_eq!(
            date(&json!("3/22/1848")),
            json!({"year": "1848", "month": "3", "day": "22"})
        );
        assert_eq!(
            date(&json!("1848-03-22T10:30")),
            json!({"year": "1848", "month": "03", "day": "22", "hour": "10", "minute": "30"})
        );
        assert_eq!(date(&json!("-500")), json!({"year": "-500"}));
        assert_eq!(date(&json!(1066)), json!({"year": "1066"}));
        assert_eq!(date(&json!(" ")), Value::Null);
        // Not a form TimelineJS 2 reads: passed on whole, for the import to name.
        assert_eq!(
            date(&json!("22 March 1848")),
            json!({"year": "22 March 1848"})
        );
        assert_eq!(date(&json!("1848,3,x")), json!({"year": "1848,3,x"}));
    }

    #[test]
    fn a_document_becomes_timelinejs3() {
        let v2 = json!({"timeline": {
            "headline": "Revolutions", "type": "default", "text": "<p>1848</p>",
            "asset": {"media": "https://example.org/a.jpg", "credit": "C", "caption": "K"},
            "date": [{"startDate": "1848,3,22", "headline": "Venice", "tag": "Italy",
                      "classname": "x", "asset": {"media": "https://example.org/v.jpg"}}],
            "era": [{"startDate": "1848", "endDate": "1849", "headline": "Spring"}]
        }});
        assert!(is_v2(&v2));
        let v3 = to_v3(&v2).unwrap();
        assert_eq!(v3["title"]["text"]["headline"], "Revolutions");
        assert_eq!(v3["title"]["media"]["url"], "https://example.org/a.jpg");
        assert_eq!(v3["title"]["type"], "default");
        let e = &v3["events"][0];
        assert_eq!(e["start_date"]["day"], "22");
        assert_eq!(e["group"], "Italy");
        assert_eq!(e["classname"], "x");
        assert_eq!(e["media"]["url"], "https://example.org/v.jpg");
        assert_eq!(v3["eras"][0]["end_date"]["year"], "1849");
        assert!(!is_v2(&json!({"timeline": {"events": [], "date": []}})));
        assert!(!is_v2(&json!({"events": []})));
        assert!(to_v3(&json!({"timeline": {"date": "x"}})).is_err());
    }
}
