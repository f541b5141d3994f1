//! A brief draft as the analyst edits it in their editor: plain text with three parts,
//! and help below a scissors line that is left out when it is read back.
//!
//! ```text
//! Title: The week of the ban
//!
//! Bottom line:
//! The ban holds; Kaspersky has left the U.S. market.
//!
//! Key judgments (one a line: - sentence | likelihood | confidence | event ids):
//! - Kaspersky will not sell in the U.S. again before 2026. | very likely | moderate | commerce-bis-final-determination
//! ```

use super::{Draft, DraftJudgment};

/// The line below which a file the analyst edits is help (as git's
/// `--cleanup=scissors`): drafts here, notes in the explorer.
pub const SCISSORS: &str = "# ------------------------ >8 ------------------------";

/// What the analyst wrote: the text above the scissors line (all of it without one).
pub fn above_scissors(text: &str) -> &str {
    text.find(SCISSORS).map_or(text, |i| &text[..i])
}

const TITLE: &str = "Title:";
const BLUF: &str = "Bottom line:";
const JUDGMENTS: &str = "Key judgments";

/// The text the editor opens for `d`; `events` lists the brief's events (id, date,
/// title) in the help, for the judgments to name.
pub fn to_text(d: &Draft, events: &[(String, String, String)]) -> String {
    let mut out = format!("{TITLE} {}\n\n{BLUF}\n", d.title.trim());
    if !d.bluf.trim().is_empty() {
        out.push_str(d.bluf.trim_end());
        out.push('\n');
    }
    out.push_str(&format!(
        "\n{JUDGMENTS} (one a line: - sentence | likelihood | confidence | event ids):\n"
    ));
    for j in &d.judgments {
        out.push_str(&format!(
            "- {} | {} | {} | {}\n",
            j.text.trim(),
            j.likelihood.trim(),
            j.confidence.trim(),
            j.events.join(", ")
        ));
    }
    out.push_str(&format!(
        "\n{SCISSORS}\n# Do not touch the line above: everything below it is left out.\n\
         # Likelihood (ICD 203): almost no chance, very unlikely, unlikely, roughly even chance,\n\
         #   likely, very likely, almost certain.\n\
         # Confidence: low, moderate, high.\n\
         # The events of this brief, by id:\n"
    ));
    for (id, date, title) in events {
        let title = crate::text::sanitize(title);
        out.push_str(&format!("#   {id}  {date}  {title}\n"));
    }
    out
}

/// The draft the analyst left in the file: title, bottom line and judgments replace
/// those of `before` (its events and notes setting stay).
pub fn from_text(text: &str, before: &Draft) -> Draft {
    let above = above_scissors(text);
    let mut d = Draft {
        title: String::new(),
        bluf: String::new(),
        judgments: Vec::new(),
        ..before.clone()
    };
    #[derive(PartialEq)]
    enum Part {
        Start,
        Bluf,
        Judgments,
    }
    let mut part = Part::Start;
    let mut bluf: Vec<&str> = Vec::new();
    for line in above.lines() {
        let trimmed = line.trim();
        if let Some(t) = trimmed.strip_prefix(TITLE) {
            d.title = t.trim().to_string();
            part = Part::Start;
        } else if let Some(rest) = trimmed.strip_prefix(BLUF) {
            part = Part::Bluf;
            let rest = rest.trim();
            if !rest.is_empty() {
                bluf.push(rest);
            }
        } else if trimmed.starts_with(JUDGMENTS) {
            part = Part::Judgments;
        } else if part == Part::Bluf {
            bluf.push(line.trim_end());
        } else if part == Part::Judgments
            && let Some(j) = trimmed.strip_prefix("- ").or(trimmed.strip_prefix('-'))
            && !j.trim().is_empty()
        {
            d.judgments.push(judgment(j));
        }
    }
    d.bluf = bluf.join("\n").trim_matches('\n').to_string();
    d
}

/// `sentence | likelihood | confidence | ids`; the last three may be left out, and a `|`
/// inside the sentence stays (the fields are taken from the right).
fn judgment(line: &str) -> DraftJudgment {
    let parts: Vec<&str> = line.rsplitn(4, '|').collect();
    let field = |i: usize| parts.get(i).map_or("", |s| s.trim()).to_string();
    let (text, likelihood, confidence, ids) = match parts.len() {
        4 => (field(3), field(2), field(1), field(0)),
        3 => (field(2), field(1), field(0), String::new()),
        2 => (field(1), field(0), String::new(), String::new()),
        _ => (field(0), String::new(), String::new(), String::new()),
    };
    DraftJudgment {
        text,
        likelihood,
        confidence,
        events: ids
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_goes_to_text_and_back() {
        let d = Draft {
            title: "The ban".into(),
            bluf: "It holds.\n\nSecond paragraph.".into(),
            judgments: vec![DraftJudgment {
                text: "Sales | updates stop.".into(),
                likelihood: "very likely".into(),
                confidence: "moderate".into(),
                events: vec!["a".into(), "b".into()],
            }],
            events: vec!["a".into(), "b".into()],
            notes: true,
        };
        let events = [("a".to_string(), "1 Jan 2024".to_string(), "A".to_string())];
        let text = to_text(&d, &events);
        assert!(text.contains("#   a  1 Jan 2024  A\n"), "{text}");
        assert_eq!(from_text(&text, &d), d);
        // Fewer fields, and a judgment with only its sentence.
        let edited =
            "Title: T\nBottom line:\nOne line.\nKey judgments:\n- Only words.\n- Two | likely\n-\n";
        let back = from_text(edited, &d);
        assert_eq!(back.title, "T");
        assert_eq!(back.bluf, "One line.");
        assert_eq!(back.judgments.len(), 2);
        assert_eq!(back.judgments[0].text, "Only words.");
        assert_eq!(back.judgments[1].likelihood, "likely");
        assert!(
            back.notes && back.events == d.events,
            "the rest of the draft stays"
        );
    }
}
