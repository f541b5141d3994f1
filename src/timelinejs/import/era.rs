//! An era: a title and a span of dates, with the id it gives or one made from its title.

use std::collections::HashSet;

use serde_json::Value;

use super::dates;
use super::ids::{id_from, unique};
use super::problems::{Place, ProblemKind, Report};
use super::text::{place_headline, text_object};
use super::values::{DISPLAY_ONLY, describe, text_field};
use crate::model::validate::is_valid_id;
use crate::timelinejs::html::clip;
use crate::timelinejs::markers::ERA_ONGOING;
use crate::timelinejs::yaml::DocEra;

pub fn era(r: &mut Report, v: &Value, number: usize, used: &mut HashSet<String>) -> Option<DocEra> {
    let place = Place::Era {
        number,
        headline: place_headline(v),
    };
    let Value::Object(obj) = v else {
        r.report(
            &place,
            ProblemKind::Skipped,
            format!("the era is {}, not an object", describe(v)),
        );
        return None;
    };
    r.check_keys(
        obj,
        "",
        &["start_date", "end_date", "text", "unique_id"],
        DISPLAY_ONLY,
        &place,
    );
    let start = match dates::start(r, obj, &place) {
        Ok((d, _)) => d,
        Err(e) => {
            r.report(&place, ProblemKind::Skipped, e);
            return None;
        }
    };
    let (end, _) = dates::end(r, obj, &start, Some(ERA_ONGOING), &place);
    let (mut title, paragraphs) = text_object(r, obj, &place).unwrap_or_default();
    let text = paragraphs.join("\n\n");
    if !text.is_empty() {
        r.report(
            &place,
            ProblemKind::NotConverted,
            format!(
                "the era's text '{}' is not kept (an era has a title only)",
                clip(&text, 50)
            ),
        );
    }
    if title.is_empty() {
        title = format!("Era {number}");
        r.report(
            &place,
            ProblemKind::Note,
            format!("no headline: the era is titled '{title}'"),
        );
    }
    let explicit = text_field(obj, "unique_id")
        .ok()
        .flatten()
        .map(|u| u.trim().to_string());
    let base = match explicit.as_deref() {
        Some(u) if is_valid_id(u) && !used.contains(u) => u.to_string(),
        Some(u) => {
            let s = id_from(u);
            let s = if s.is_empty() { id_from(&title) } else { s };
            r.report(
                &place,
                if used.contains(u) {
                    ProblemKind::NotConverted
                } else {
                    ProblemKind::Note
                },
                format!(
                    "unique_id '{}' is not a valid or free id: the era's id is made from it",
                    clip(u, 40)
                ),
            );
            s
        }
        None => id_from(&title),
    };
    let id = unique(
        if base.is_empty() {
            "era".to_string()
        } else {
            base
        },
        used,
    );
    Some(DocEra {
        id,
        title,
        start: start.as_written(),
        end: end.map(|e| e.as_written()),
    })
}
