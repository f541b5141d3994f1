//! The estimative-language check (ICD 203, Analytic Standards): warnings on a draft's or
//! a brief's bottom line and key judgments, never a refusal to write.
//!
//! - a likelihood word off the ladder ("possibly", "perhaps"), or a ladder term from
//!   each of its two rows (likely… and probable…) in one brief;
//! - likelihood and confidence in one sentence (ICD 203 keeps them apart);
//! - a key judgment with no events, or resting only on single-source or weakly graded
//!   (D–F, or not graded) events; a likelihood or confidence that is not a term of the
//!   standard.

use std::fmt;

use super::labels::distinct_sources;
use crate::model::{Confidence, Reliability, Timeline};
use crate::workspace::Draft;

/// The ladder's two rows, least likely first: each term's place is its
/// [`Confidence`] (`ALL[i]`).
const ROW_ONE: [&[&str]; 7] = [
    &["almost no chance"],
    &["very unlikely"],
    &["unlikely"],
    &["roughly even chance"],
    &["likely"],
    &["very likely"],
    &["almost certain", "almost certainly"],
];
const ROW_TWO: [&[&str]; 7] = [
    &["remote"],
    &["highly improbable"],
    &["improbable", "improbably"],
    &["roughly even odds"],
    &["probable", "probably"],
    &["highly probable"],
    &["nearly certain"],
];

/// Words that say how likely something is without a term of the ladder.
const OFF_LADDER: &[&str] = &[
    "possibly",
    "possible",
    "perhaps",
    "maybe",
    "might",
    "conceivably",
    "doubtful",
    "definitely",
    "certainly",
    "surely",
    "presumably",
];

/// The terms of analytic confidence.
const CONFIDENCE: [&str; 3] = ["low", "moderate", "high"];

/// One warning, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lint {
    /// `bottom line`, `judgment 2`, `title`.
    pub place: String,
    pub message: String,
}

impl fmt::Display for Lint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Does the phrase (words) appear in `ws`, as whole words?
fn has_phrase(ws: &[String], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    ws.windows(p.len())
        .any(|w| w.iter().zip(&p).all(|(a, b)| a == b))
}

/// The ladder terms in `ws`: (row 1 or 2, the term).
fn ladder_terms(ws: &[String]) -> Vec<(u8, &'static str)> {
    let mut out = Vec::new();
    for (row, terms) in [(1u8, &ROW_ONE), (2, &ROW_TWO)] {
        for t in terms.iter().flat_map(|t| t.iter()) {
            if has_phrase(ws, t) {
                out.push((row, *t));
            }
        }
    }
    // "very likely" is not also "likely"; "highly probable" not also "probable".
    let longer: Vec<&str> = out.iter().map(|(_, t)| *t).collect();
    out.retain(|(_, t)| {
        !longer
            .iter()
            .any(|l| l != t && l.ends_with(&format!(" {t}")))
    });
    out
}

/// The ladder term a judgment's likelihood names, in either row (`roughly-even` and
/// `very likely` both read).
pub fn likelihood(term: &str) -> Option<Confidence> {
    let t = term.trim().to_lowercase().replace('-', " ");
    if let Some(c) = Confidence::parse(&t.replace(' ', "-")) {
        return Some(c);
    }
    (0..7)
        .find(|&i| ROW_ONE[i].contains(&t.as_str()) || ROW_TWO[i].contains(&t.as_str()))
        .map(|i| Confidence::ALL[i])
}

/// The ladder, for messages.
fn ladder() -> String {
    ROW_ONE.iter().map(|t| t[0]).collect::<Vec<_>>().join(", ")
}

/// The language checks on one text (the sentences of a bottom line, a judgment).
pub fn lint_text(place: &str, text: &str) -> Vec<Lint> {
    let mut out = Vec::new();
    let warn = |out: &mut Vec<Lint>, message: String| {
        out.push(Lint {
            place: place.to_string(),
            message,
        })
    };
    let ws = words(text);
    for (i, w) in ws.iter().enumerate() {
        let after_qualifier = i > 0 && matches!(ws[i - 1].as_str(), "almost" | "nearly");
        if OFF_LADDER.contains(&w.as_str()) && !after_qualifier {
            warn(
                &mut out,
                format!(
                    "'{w}' says how likely without a term of the ICD 203 ladder ({}): use one",
                    ladder()
                ),
            );
        }
    }
    for sentence in text.split_inclusive(['.', '!', '?', '\n']) {
        let sw = words(sentence);
        let terms = ladder_terms(&sw);
        let confident = sw
            .windows(2)
            .any(|w| CONFIDENCE.contains(&w[0].as_str()) && w[1] == "confidence");
        if let Some((_, t)) = terms.first()
            && confident
        {
            warn(
                &mut out,
                format!(
                    "'{}' puts a likelihood ('{t}') and a confidence level in one sentence: ICD 203 keeps them apart",
                    sentence.trim()
                ),
            );
        }
    }
    out
}

/// Every check on a draft, against the timeline its events are in.
pub fn lint_draft(tl: &Timeline, d: &Draft) -> Vec<Lint> {
    let mut out = lint_text("bottom line", &d.bluf);
    let mut all_text = d.bluf.clone();
    for (i, j) in d.judgments.iter().enumerate() {
        let place = format!("judgment {}", i + 1);
        let warn = |out: &mut Vec<Lint>, message: String| {
            out.push(Lint {
                place: place.clone(),
                message,
            })
        };
        out.extend(lint_text(&place, &j.text));
        all_text.push('\n');
        all_text.push_str(&j.text);
        if !j.likelihood.trim().is_empty() {
            all_text.push('\n');
            all_text.push_str(&j.likelihood.replace('-', " "));
            if likelihood(&j.likelihood).is_none() {
                warn(
                    &mut out,
                    format!(
                        "likelihood '{}' is not a term of the ICD 203 ladder ({})",
                        j.likelihood.trim(),
                        ladder()
                    ),
                );
            }
        } else {
            warn(
                &mut out,
                "says no likelihood (an ICD 203 ladder term)".into(),
            );
        }
        let c = j.confidence.trim().to_lowercase();
        if !c.is_empty() && !CONFIDENCE.contains(&c.as_str()) {
            warn(
                &mut out,
                format!("confidence '{c}' is not low, moderate or high"),
            );
        }
        let events: Vec<_> = j.events.iter().filter_map(|id| tl.event(id)).collect();
        for id in j.events.iter().filter(|id| tl.event(id).is_none()) {
            warn(
                &mut out,
                format!("rests on '{id}', which is not in the timeline"),
            );
        }
        if events.is_empty() {
            warn(
                &mut out,
                "rests on no event: name the events it stands on".into(),
            );
            continue;
        }
        let single = events.iter().all(|e| distinct_sources(e).len() <= 1);
        let weak = events
            .iter()
            .all(|e| tl.best_reliability(e).is_none_or(|r| r >= Reliability::D));
        if single {
            warn(
                &mut out,
                "rests only on single-source events: a second, independent source would carry it"
                    .into(),
            );
        }
        if weak {
            warn(
                &mut out,
                "rests only on weakly graded events (best source D–F, or not graded)".into(),
            );
        }
    }
    let rows: Vec<u8> = ladder_terms(&words(&all_text))
        .into_iter()
        .map(|(r, _)| r)
        .collect();
    if rows.contains(&1) && rows.contains(&2) {
        out.push(Lint {
            place: "the brief".into(),
            message: "mixes the ladder's two rows (likely… and probable…): keep to one".into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::DraftJudgment;

    fn messages(l: &[Lint]) -> Vec<String> {
        l.iter().map(Lint::to_string).collect()
    }

    #[test]
    fn off_ladder_words_and_likelihood_with_confidence_are_flagged() {
        let l = lint_text(
            "bottom line",
            "The ban will possibly hold. It is almost certainly permanent.",
        );
        assert_eq!(l.len(), 1, "{:?}", messages(&l));
        assert!(l[0].message.starts_with("'possibly' says how likely"));
        let l = lint_text(
            "judgment 1",
            "It is likely, with moderate confidence, to hold.",
        );
        assert_eq!(l.len(), 1, "{:?}", messages(&l));
        assert!(l[0].message.contains("in one sentence"));
        assert!(lint_text("x", "It is very likely to hold. We have high confidence.").is_empty());
    }

    #[test]
    fn ladder_terms_read_in_either_row_and_either_spelling() {
        assert_eq!(likelihood("roughly-even"), Some(Confidence::RoughlyEven));
        assert_eq!(likelihood("Very Likely"), Some(Confidence::VeryLikely));
        assert_eq!(likelihood("highly probable"), Some(Confidence::VeryLikely));
        assert_eq!(likelihood("maybe"), None);
    }

    fn sample() -> Timeline {
        let text = "version: 1\ntitle: T\nsources:\n  a: {publisher: A, reliability: A}\n  b: {publisher: B, reliability: B}\n  e: {publisher: E, reliability: E}\nevents:\n  - {id: two, date: 2024-01-01, title: Two, sources: [a, b]}\n  - {id: one, date: 2024-02-01, title: One, sources: [a]}\n  - {id: weak, date: 2024-03-01, title: Weak, sources: [e]}\n";
        let l = crate::model::load_texts(&[("t.yaml", text)], &Default::default());
        assert!(!l.has_errors());
        l.timeline
    }

    fn judgment(text: &str, likelihood: &str, events: &[&str]) -> DraftJudgment {
        DraftJudgment {
            text: text.into(),
            likelihood: likelihood.into(),
            confidence: "moderate".into(),
            events: events.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn judgments_must_rest_on_events_that_carry_them() {
        let tl = sample();
        let d = Draft {
            bluf: "It holds.".into(),
            judgments: vec![
                judgment("The ban holds.", "likely", &["two"]),
                judgment("It spreads.", "likely", &["one"]),
                judgment("It fails.", "unlikely", &["weak"]),
                judgment("It ends.", "perchance", &[]),
                judgment("It grows.", "probable", &["gone"]),
            ],
            ..Draft::default()
        };
        let m = messages(&lint_draft(&tl, &d));
        assert_eq!(
            m,
            [
                "judgment 2: rests only on single-source events: a second, independent source would carry it",
                "judgment 3: rests only on single-source events: a second, independent source would carry it",
                "judgment 3: rests only on weakly graded events (best source D–F, or not graded)",
                "judgment 4: likelihood 'perchance' is not a term of the ICD 203 ladder (almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain)",
                "judgment 4: rests on no event: name the events it stands on",
                "judgment 5: rests on 'gone', which is not in the timeline",
                "judgment 5: rests on no event: name the events it stands on",
                "the brief: mixes the ladder's two rows (likely… and probable…): keep to one",
            ]
        );
    }
}
