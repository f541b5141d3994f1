//! What an import reports: the result, each problem with its place, and why nothing could
//! be imported; and [`Report`], which collects the problems as the conversion goes.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

use super::values::is_blank;
use crate::text::sanitize;
use crate::timelinejs::html::clip;

/// Why a date's year cannot be held.
pub const OUT_OF_RANGE: &str = "out of the range tlx dates hold (10000 BCE to 9999)";

/// When no slide converted and every one was skipped for its year, one line says so in
/// place of a line per slide.
pub fn all_out_of_range(problems: Vec<Problem>, events: usize) -> Vec<Problem> {
    let skipped_slide =
        |p: &Problem| p.kind == ProblemKind::Skipped && matches!(p.place, Place::Slide { .. });
    let for_year = |p: &Problem| skipped_slide(p) && p.message.contains(OUT_OF_RANGE);
    let n = problems.iter().filter(|p| for_year(p)).count();
    if events > 0 || n < 2 || problems.iter().any(|p| skipped_slide(p) && !for_year(p)) {
        return problems;
    }
    let mut out = vec![Problem {
        place: Place::File,
        kind: ProblemKind::Skipped,
        message: format!("every slide ({n}) has a year {OUT_OF_RANGE}: none converted"),
    }];
    out.extend(problems.into_iter().filter(|p| !for_year(p)));
    out
}

/// What an import produced: the timeline file, and what could not be converted as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    /// The timeline in tlx's YAML format; it loads without errors (warnings such as
    /// "no source" are expected).
    pub yaml: String,
    /// Every problem, in document order: title slide, eras, slides, then file-wide notes.
    pub problems: Vec<Problem>,
    /// Events written.
    pub events: usize,
    /// Eras written.
    pub eras: usize,
    /// Slides and eras left out (one problem may stand for several).
    pub skipped: usize,
}

impl Imported {
    /// True when everything was converted: no slide skipped, nothing left out (notes are
    /// allowed). `tlx import` exits 0 then, and 1 otherwise.
    pub fn is_complete(&self) -> bool {
        self.problems.iter().all(|p| p.kind == ProblemKind::Note)
    }
    /// How many problems of a kind were reported.
    pub fn count(&self, kind: ProblemKind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

/// How much a problem costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemKind {
    /// The whole slide (or era) was left out: it has no usable start date.
    Skipped,
    /// Part of a slide was left out (a media URL that is not http(s), a time of day, an
    /// impossible end date, a link target, a renamed duplicate id…); the rest is written.
    NotConverted,
    /// Nothing was lost, but something was read in a way worth checking (a title made from
    /// the text, an id made from an invalid `unique_id`, display-only fields ignored).
    Note,
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProblemKind::Skipped => "skipped",
            ProblemKind::NotConverted => "not converted",
            ProblemKind::Note => "note",
        })
    }
}

/// Where a problem is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// The document as a whole.
    File,
    /// The `title` slide.
    Title,
    /// The n-th entry of `events` (or `slides`), counting from 1, with its headline as text.
    Slide { number: usize, headline: String },
    /// The n-th entry of `eras`, counting from 1.
    Era { number: usize, headline: String },
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with = |f: &mut fmt::Formatter<'_>, what: &str, n: usize, h: &str| {
            if h.is_empty() {
                write!(f, "{what} {n}")
            } else {
                write!(f, "{what} {n} ('{}')", clip(h, 50))
            }
        };
        match self {
            Place::File => Ok(()),
            Place::Title => f.write_str("title slide"),
            Place::Slide { number, headline } => with(f, "slide", *number, headline),
            Place::Era { number, headline } => with(f, "era", *number, headline),
        }
    }
}

/// One thing that could not be converted as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub place: Place,
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    /// The line `tlx import` prints: `FILE: slide 3 ('Headline'): skipped: no start_date`.
    /// Control characters are shown as visible stand-ins.
    pub fn render(&self, file: &str) -> String {
        let place = self.place.to_string();
        let line = if place.is_empty() {
            format!("{file}: {}: {}", self.kind, self.message)
        } else {
            format!("{file}: {place}: {}: {}", self.kind, self.message)
        };
        sanitize(&line).into_owned()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<input>"))
    }
}

/// Why nothing could be imported.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not JSON; `line` and `column` count from 1.
    #[error("{line}:{column}: not valid JSON: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a TimelineJS document.
    #[error("not a TimelineJS document: {0}")]
    NotTimeline(String),
    /// The converted file did not pass validation: a bug in tlx, reported rather than
    /// written.
    #[error("the converted timeline does not validate (a bug in tlx, please report it): {0}")]
    Internal(String),
}

/// The problems found so far, and the fields not converted (reported once per field).
#[derive(Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    ignored: Ignored,
}

impl Report {
    pub fn report(&mut self, place: &Place, kind: ProblemKind, message: impl Into<String>) {
        self.problems.push(Problem {
            place: place.clone(),
            kind,
            message: message.into(),
        });
    }

    /// Notes a field that is not converted: `unknown` to TimelineJS, or only for display.
    pub fn ignore(&mut self, unknown: bool, field: String, place: &Place) {
        self.ignored.add(unknown, field, place);
    }

    /// Notes the fields of an object that are not converted (blank ones are not worth it).
    pub fn check_keys(
        &mut self,
        obj: &Map<String, Value>,
        prefix: &str,
        known: &[&str],
        display_only: &[&str],
        place: &Place,
    ) {
        for (k, v) in obj {
            if known.contains(&k.as_str()) || is_blank(v) {
                continue;
            }
            let unknown = !display_only.contains(&k.as_str());
            self.ignore(unknown, format!("{prefix}{k}"), place);
        }
    }

    /// Reports what converting a field's HTML to text dropped.
    pub fn dropped(&mut self, dropped: &[String], field: &str, place: &Place) {
        for d in dropped {
            self.report(place, ProblemKind::NotConverted, format!("{field}: {d}"));
        }
    }

    /// Every problem, in document order, then the file-wide notes of fields not converted.
    pub fn finish(self) -> Vec<Problem> {
        let mut problems = self.problems;
        problems.extend(self.ignored.problems());
        problems
    }
}

/// Fields that only change how TimelineJS draws a slide, and unknown fields: reported once
/// per field, with the slides that have them.
#[derive(Default)]
struct Ignored {
    /// (unknown?, field) → places
    fields: BTreeMap<(bool, String), Vec<Place>>,
}

impl Ignored {
    fn add(&mut self, unknown: bool, field: String, place: &Place) {
        self.fields
            .entry((unknown, field))
            .or_default()
            .push(place.clone());
    }

    fn problems(&self) -> Vec<Problem> {
        self.fields
            .iter()
            .map(|((unknown, field), places)| {
                // The kind says "not converted" of an unknown field; a note says it itself.
                let what = if *unknown {
                    format!("unknown field '{field}'")
                } else {
                    format!("display-only field '{field}' not converted")
                };
                // A field tlx does not know may hold what readers see: not converted, so
                // the exit status says so; a display-only one is a note.
                Problem {
                    place: Place::File,
                    kind: if *unknown {
                        ProblemKind::NotConverted
                    } else {
                        ProblemKind::Note
                    },
                    message: format!("{what} ({})", list_places(places)),
                }
            })
            .collect()
    }
}

/// `title slide, slides 1-3, 7, era 2`.
fn list_places(places: &[Place]) -> String {
    let mut parts = Vec::new();
    if places.contains(&Place::Title) {
        parts.push("title slide".to_string());
    }
    if places.contains(&Place::File) {
        parts.push("the document".to_string());
    }
    for (one, many, nums) in [
        (
            "slide",
            "slides",
            places
                .iter()
                .filter_map(|p| match p {
                    Place::Slide { number, .. } => Some(*number),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        ),
        (
            "era",
            "eras",
            places
                .iter()
                .filter_map(|p| match p {
                    Place::Era { number, .. } => Some(*number),
                    _ => None,
                })
                .collect::<Vec<_>>(),
        ),
    ] {
        if nums.is_empty() {
            continue;
        }
        let mut runs: Vec<String> = Vec::new();
        let mut i = 0;
        while i < nums.len() {
            let mut j = i;
            while j + 1 < nums.len() && nums[j + 1] == nums[j] + 1 {
                j += 1;
            }
            runs.push(if j > i {
                format!("{}-{}", nums[i], nums[j])
            } else {
                nums[i].to_string()
            });
            i = j + 1;
        }
        let word = if nums.len() == 1 { one } else { many };
        parts.push(format!("{word} {}", runs.join(", ")));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_lists_are_ranges() {
        let s = |n| Place::Slide {
            number: n,
            headline: String::new(),
        };
        assert_eq!(
            list_places(&[Place::Title, s(1), s(2), s(3), s(7)]),
            "title slide, slides 1-3, 7"
        );
    }
}
