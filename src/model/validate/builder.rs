//! The state of a build, and the checks of single values that every part of it uses:
//! text, dates, lists, keywords, grades, URLs and ids, each reporting what is wrong.

use std::collections::{HashMap, HashSet};

use super::pending::Pending;
use super::place::Where;
use super::registry::Registry;
use super::rules::{did_you_mean, is_http_url, is_valid_id, slug_hint};
use chrono_tz::Tz;

use crate::model::date::Date;
use crate::model::diag::{Diagnostic, Kind};
use crate::model::raw::{Extra, Found, IdMap, Lenient, List, Text};
use crate::model::types::{Actor, Era, Input, Reliability, Source};

/// Everything read so far, from every file in load order.
pub struct Builder<'a> {
    pub inputs: &'a [Input],
    pub diags: Vec<Diagnostic>,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub updated: Option<(Date, Where)>,
    /// The timeline's `timezone`, and where it is declared.
    pub timezone: Option<(Tz, Where)>,
    pub eras: Registry<Era>,
    pub actors: Registry<Actor>,
    pub sources: Registry<Source>,
    /// The titles `tags` gives: (tag, title).
    pub tag_titles: Registry<(String, String)>,
    /// The events, in file order, with their references still by name.
    pub events: Registry<Box<Pending>>,
    /// References made by events that did not load, checked all the same: what they
    /// name (`actor`, `source`, `event`), the id, and where.
    pub loose_refs: Vec<(&'static str, String, Where)>,
    /// Source ids cited anywhere, by valid events or not (for "never cited").
    pub cited_ids: HashSet<String>,
    /// Tag uses anywhere, by valid events or not (for "used once"), with the first.
    pub tag_uses: HashMap<String, (usize, Where)>,
}

impl<'a> Builder<'a> {
    pub fn new(inputs: &'a [Input]) -> Builder<'a> {
        Builder {
            inputs,
            diags: Vec::new(),
            title: None,
            summary: None,
            updated: None,
            timezone: None,
            eras: Registry::default(),
            actors: Registry::default(),
            sources: Registry::default(),
            tag_titles: Registry::default(),
            events: Registry::default(),
            loose_refs: Vec::new(),
            cited_ids: HashSet::new(),
            tag_uses: HashMap::new(),
        }
    }

    pub fn err(&mut self, kind: Kind, at: &Where, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(kind, at.at(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub fn warn(&mut self, kind: Kind, at: &Where, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(kind, at.at(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub fn wrong_type(&mut self, at: &Where, expected: &str, found: Found, hint: Option<&str>) {
        let path = at.path.to_string();
        let msg = format!("{path}: expected {expected}, found {}", found.describe());
        let d = self.err(Kind::WrongType, at, msg);
        if let Some(h) = hint {
            d.notes.push(format!("help: {h}"));
        }
    }

    /// Unknown and repeated keys of a mapping.
    pub fn extra(&mut self, extra: &Extra, names: &[&str], at: &Where, what: &str) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for k in &extra.unknown {
            let nth = counts.entry(k.as_str()).or_default();
            let pos = at.key_name(k, *nth);
            *nth += 1;
            let msg = format!(
                "unknown field '{k}' in {what}{}",
                did_you_mean(k, names.iter().copied())
            );
            let d = self.err(Kind::UnknownField, &pos, msg);
            d.notes
                .push(format!("help: expected one of: {}", names.join(", ")));
        }
        for k in &extra.repeated {
            let pos = at.key_name(k, 1);
            self.err(
                Kind::RepeatedKey,
                &pos,
                format!("field '{k}' is given twice in {what}"),
            );
        }
    }

    pub fn take_text(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
    ) -> Option<String> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => None,
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), "a string", found, None);
                None
            }
            Some(Lenient::Ok(t)) => Some(t.value),
        }
    }

    /// A required text field: absent, null or blank is "missing".
    pub fn required_text(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
        what: &str,
    ) -> Option<String> {
        let present = v.is_some() && !matches!(v, Some(Lenient::Wrong(Found::Null)));
        match self.take_text(v, at, key) {
            Some(s) if !s.trim().is_empty() => Some(s),
            Some(_) => {
                self.err(
                    Kind::MissingField,
                    &at.key(key),
                    format!("field '{key}' of {what} is empty"),
                );
                None
            }
            None => {
                if !present {
                    self.err(
                        Kind::MissingField,
                        at,
                        format!("missing required field '{key}' in {what}"),
                    );
                }
                None
            }
        }
    }

    /// A one-line text (titles): a trailing newline from a folded scalar is dropped,
    /// any other line break is an error.
    pub fn one_line(&mut self, s: String, at: &Where, key: &'static str, what: &str) -> String {
        let trimmed = s.trim_end_matches(['\n', '\r']).to_string();
        // Byte search (memchr): a pattern of several chars walks a 10 MB title char by char.
        if trimmed.contains('\n') || trimmed.contains('\r') {
            self.err(
                Kind::BadValue,
                &at.key(key),
                format!("the {key} of {what} must be one line"),
            )
            .notes
            .push("help: join the lines, or use a folded scalar (`>-`) that joins them".into());
        }
        trimmed
    }

    pub fn date(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
    ) -> Option<Date> {
        let s = match v {
            None | Some(Lenient::Wrong(Found::Null)) => return None,
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(
                    &at.key(key),
                    "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    found,
                    None,
                );
                return None;
            }
            Some(Lenient::Ok(t)) => t.value,
        };
        match Date::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(Kind::BadDate, &at.key(key), format!("invalid {key}: {e}"));
                None
            }
        }
    }

    /// An IANA time zone name (`America/New_York`, `UTC`).
    pub fn zone(&mut self, v: Option<Lenient<Text>>, at: &Where, key: &'static str) -> Option<Tz> {
        let name = self.take_text(v, at, key)?;
        match crate::model::date::zone_named(&name) {
            Ok(tz) => Some(tz),
            Err(e) => {
                self.err(Kind::BadDate, &at.key(key), e)
                    .notes
                    .push(format!("help: {}", crate::model::date::ZONE_HELP));
                None
            }
        }
    }

    pub fn required_date(
        &mut self,
        v: Option<Lenient<Text>>,
        at: &Where,
        key: &'static str,
        what: &str,
    ) -> Option<Date> {
        if v.is_none() || matches!(v, Some(Lenient::Wrong(Found::Null))) {
            self.err(
                Kind::MissingField,
                at,
                format!("missing required field '{key}' in {what}"),
            );
            return None;
        }
        self.date(v, at, key)
    }

    pub fn list<T>(
        &mut self,
        v: Option<Lenient<List<T>>>,
        at: &Where,
        key: &'static str,
        expected: &str,
        hint: Option<&str>,
    ) -> Vec<T> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => Vec::new(),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), expected, found, hint);
                Vec::new()
            }
            Some(Lenient::Ok(List(items))) => items,
        }
    }

    pub fn id_map<T>(
        &mut self,
        v: Option<Lenient<IdMap<T>>>,
        at: &Where,
        key: &'static str,
        expected: &str,
    ) -> Vec<(Lenient<Text>, T)> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => Vec::new(),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(&at.key(key), expected, found, None);
                Vec::new()
            }
            Some(Lenient::Ok(IdMap(items))) => items,
        }
    }

    pub fn keyword<K: Copy>(
        &mut self,
        v: Option<String>,
        at: &Where,
        key: &'static str,
        parse: fn(&str) -> Option<K>,
        keywords: &[&str],
        what: &str,
    ) -> Option<K> {
        let s = v?;
        if let Some(k) = parse(&s) {
            return Some(k);
        }
        let lower = s.to_lowercase();
        let suggestion = if keywords.contains(&lower.as_str()) {
            format!(" (did you mean '{lower}'?)")
        } else {
            did_you_mean(&s, keywords.iter().copied())
        };
        self.err(
            Kind::BadValue,
            &at.key(key),
            format!("unknown {what} '{s}'{suggestion}"),
        )
        .notes
        .push(format!("help: expected one of: {}", keywords.join(", ")));
        None
    }

    pub fn reliability(&mut self, v: Option<String>, at: &Where) -> Option<Reliability> {
        let s = v?;
        if let Some(r) = Reliability::parse(&s) {
            return Some(r);
        }
        let upper = s.to_uppercase();
        let hint = if Reliability::parse(&upper).is_some() {
            format!(" (did you mean '{upper}'?)")
        } else {
            String::new()
        };
        self.err(
            Kind::BadValue,
            &at.key("reliability"),
            format!("reliability '{s}' is out of range: the Admiralty scale runs from A to F{hint}"),
        )
        .notes
        .push("help: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged".into());
        None
    }

    pub fn url(&mut self, v: Option<String>, at: &Where, key: &'static str) -> Option<String> {
        let u = v?;
        if is_http_url(&u) {
            Some(u)
        } else {
            self.err(
                Kind::BadUrl,
                &at.key(key),
                format!("{key} '{u}' is not an http or https URL"),
            )
            .notes
            .push("help: only http:// and https:// links are accepted".into());
            None
        }
    }

    /// True when `tag` is a valid tag; otherwise reported at `at`.
    pub fn tag(&mut self, tag: &str, at: &Where) -> bool {
        if is_valid_id(tag) {
            return true;
        }
        let hint = slug_hint(tag);
        self.err(
            Kind::BadValue,
            at,
            format!("tag '{tag}' is not valid{hint}"),
        )
        .notes
        .push("help: tags are lower-case words: letters, digits and '-'".into());
        false
    }

    pub fn id(&mut self, id: &str, at: &Where, key: &'static str, what: &str) -> bool {
        if is_valid_id(id) {
            return true;
        }
        let hint = slug_hint(id);
        self.err(
            Kind::BadId,
            &at.key(key),
            format!("{what} id '{id}' is not valid{hint}"),
        )
        .notes
        .push(
            "help: ids are lower-case letters, digits and '-', starting with a letter or digit"
                .into(),
        );
        false
    }
}
