//! The TimelineJS Google Sheets template (Year, Month, Day, Time, …, Headline, Text,
//! Media, …, Type, Group, Background): each row becomes the slide the sheet stands for,
//! and the slides go through the TimelineJS import, so that a sheet converts exactly as
//! its published JSON does. A problem on a slide is reported on its row.

use serde_json::{Map, Value, json};

use super::columns::{TEMPLATE, template_columns};
use super::{Problems, Row};
use crate::timelinejs::{self, ImportError, Imported, Place, ProblemKind};

/// The column names, by their index in [`TEMPLATE`].
const YEAR: usize = 0;
const END_YEAR: usize = 4;
const DISPLAY: usize = 8;
const HEADLINE: usize = 9;
const TEXT: usize = 10;
const MEDIA: usize = 11;
const CREDIT: usize = 12;
const CAPTION: usize = 13;
const THUMBNAIL: usize = 14;
const TYPE: usize = 15;
const GROUP: usize = 16;
const BACKGROUND: usize = 17;

/// Converts the rows; `p` gets the problems, each on its row.
pub fn convert(
    headers: &[String],
    rows: &[Row],
    name: &str,
    p: &mut Problems,
) -> Result<Imported, ImportError> {
    let at = template_columns(headers);
    let mut title = None;
    let mut title_row = None;
    let mut events = Vec::new();
    let mut event_rows = Vec::new();
    let mut eras = Vec::new();
    let mut era_rows = Vec::new();
    let mut backgrounds = 0;
    for row in rows {
        let cell = |i: usize| at[i].map_or("", |c| row.cell(c).trim());
        let kind = cell(TYPE).to_ascii_lowercase();
        let mut slide = Map::new();
        if let Some(d) = date(row, &at, YEAR, p) {
            slide.insert("start_date".into(), d);
        }
        if let Some(d) = date(row, &at, END_YEAR, p) {
            slide.insert("end_date".into(), d);
        }
        if !cell(DISPLAY).is_empty() {
            // The template's Display Date is the start date's label.
            if let Some(Value::Object(d)) = slide.get_mut("start_date") {
                d.insert("display_date".into(), json!(cell(DISPLAY)));
            }
        }
        let mut text = Map::new();
        for (i, k) in [(HEADLINE, "headline"), (TEXT, "text")] {
            if !cell(i).is_empty() {
                text.insert(k.into(), json!(cell(i)));
            }
        }
        slide.insert("text".into(), Value::Object(text));
        let mut media = Map::new();
        for (i, k) in [
            (MEDIA, "url"),
            (CREDIT, "credit"),
            (CAPTION, "caption"),
            (THUMBNAIL, "thumbnail"),
        ] {
            if !cell(i).is_empty() {
                media.insert(k.into(), json!(cell(i)));
            }
        }
        if !media.is_empty() {
            slide.insert("media".into(), Value::Object(media));
        }
        if !cell(GROUP).is_empty() {
            slide.insert("group".into(), json!(cell(GROUP)));
        }
        if !cell(BACKGROUND).is_empty() {
            backgrounds += 1;
        }
        match kind.as_str() {
            "title" if title.is_none() => {
                title = Some(Value::Object(slide));
                title_row = Some(row.clone());
            }
            "era" => {
                eras.push(Value::Object(slide));
                era_rows.push(row.clone());
            }
            _ => {
                if kind == "title" {
                    let first = title_row.as_ref().map_or(0, |r: &Row| r.number);
                    p.not_converted(
                        row,
                        at[TYPE],
                        format!("a second title slide (row {first} is the title): read as a slide"),
                    );
                } else if !kind.is_empty() {
                    slide.insert("type".into(), json!(kind));
                }
                events.push(Value::Object(slide));
                event_rows.push(row.clone());
            }
        }
    }
    if backgrounds > 0 {
        // As the JSON import says of `background`: it only changes how a slide is drawn.
        p.push(
            None,
            at[BACKGROUND],
            ProblemKind::Note,
            format!(
                "display-only, not converted ({backgrounds} row{})",
                if backgrounds == 1 { "" } else { "s" }
            ),
        );
    }
    let mut doc = Map::new();
    if let Some(t) = title {
        doc.insert("title".into(), t);
    }
    doc.insert("events".into(), Value::Array(events));
    if !eras.is_empty() {
        doc.insert("eras".into(), Value::Array(eras));
    }
    let mut imported = timelinejs::import_value(
        &Value::Object(doc),
        name,
        "the TimelineJS sheet template, as CSV",
        "tlx import csv",
        None,
    )?;
    for problem in std::mem::take(&mut imported.problems) {
        let row = match &problem.place {
            Place::File => None,
            Place::Title => title_row.as_ref(),
            Place::Slide { number, .. } => event_rows.get(number - 1),
            Place::Era { number, .. } => era_rows.get(number - 1),
        };
        p.push(row, None, problem.kind, problem.message);
    }
    Ok(imported)
}

/// A date from the Year (or End Year) column and the three after it (Month, Day, Time).
fn date(row: &Row, at: &[Option<usize>], year: usize, p: &mut Problems) -> Option<Value> {
    let cell = |i: usize| at[i].map_or("", |c| row.cell(c).trim());
    if cell(year).is_empty() {
        return None;
    }
    let mut d = Map::new();
    for (i, k) in [(year, "year"), (year + 1, "month"), (year + 2, "day")] {
        if !cell(i).is_empty() {
            d.insert(k.into(), json!(cell(i)));
        }
    }
    let time = cell(year + 3);
    if !time.is_empty() {
        match super::dates::clock(time) {
            Some((h, m, s)) => {
                d.insert("hour".into(), json!(h));
                d.insert("minute".into(), json!(m));
                if let Some(s) = s {
                    d.insert("second".into(), json!(s));
                }
            }
            None => p.not_converted(
                row,
                at[year + 3],
                format!(
                    "{} '{time}': not a time of day (14:30, 2:30 PM)",
                    TEMPLATE[year + 3]
                ),
            ),
        }
    }
    Some(Value::Object(d))
}

#[cfg(test)]
mod tests {
    use crate::spreadsheet::dates::clock;

    #[test]
    fn times_of_day() {
        assert_eq!(clock("14:30"), Some((14, 30, None)));
        assert_eq!(clock("2:30 PM"), Some((14, 30, None)));
        assert_eq!(clock("12:05 am"), Some((0, 5, None)));
        assert_eq!(clock("09:00:05"), Some((9, 0, Some(5))));
        assert_eq!(clock("25:00"), None);
        assert_eq!(clock("noon"), None);
    }
}
