//! Notes and labels on an event: a note is written in the analyst's editor (the runner
//! opens it, and comes back with the text); labels are a line of words, completed from
//! the labels already used.

use std::collections::BTreeSet;

use super::overlays::{Overlay, PromptKind, PromptState};
use super::state::{App, Level};
use crate::model::EventIx;
use crate::tui::action::{Action, Editing, Effect};
use crate::tui::input::LineInput;
use crate::workspace::draft_text::{SCISSORS, above_scissors};
use crate::workspace::{Note, label_name};

/// The text the editor opens: the note (if one is edited), then the help.
pub fn note_file(id: &str, title: &str, note: Option<&Note>) -> String {
    let text = note.map_or("", |n| n.text.as_str());
    let what = match note {
        Some(n) => format!(
            "# Editing the note of {} ({}) on {id}:\n# an empty note deletes it.",
            n.author, n.at
        ),
        None => format!("# A note on {id}:\n# an empty note is no note."),
    };
    let title = crate::text::sanitize(title);
    format!(
        "{text}\n\n{SCISSORS}\n# Do not touch the line above: everything below it is left out.\n{what}\n# {title}\n"
    )
}

/// The note the analyst left in the file: what is above the scissors line, without
/// trailing blank lines and spaces.
pub fn note_text(file: &str) -> String {
    let lines: Vec<&str> = above_scissors(file).lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

impl App {
    /// Starts a note on `ev` (or edits `note`): the runner opens the editor.
    pub(super) fn start_note(&mut self, ev: EventIx, note: Option<Note>) -> Vec<Effect> {
        if let Some(why) = &self.work_read_only {
            let msg = format!("no note: the workspace is read-only ({why})");
            self.set_status(Level::Error, msg);
            return Vec::new();
        }
        let e = &self.tl.events[ev as usize];
        vec![Effect::Edit {
            text: note_file(&e.id, &e.title, note.as_ref()),
            what: Editing::Note {
                id: e.id.clone(),
                note,
            },
        }]
    }

    /// The editor closed on the note for `id` (`note` the one edited, if any).
    pub(super) fn note_edited(&mut self, id: &str, note: Option<&Note>, file: &str) {
        let text = note_text(file);
        let (author, now) = (self.settings.author.clone(), self.now);
        let msg = match (note, text.is_empty()) {
            (None, true) => {
                self.set_status(Level::Info, "no note written: the note was empty");
                return;
            }
            (Some(old), true) => {
                let old = old.clone();
                self.edit_work(|w| w.edit_note(id, &old, ""));
                "note deleted"
            }
            (Some(old), false) if old.text == text => {
                self.set_status(Level::Info, "the note is unchanged");
                return;
            }
            (Some(old), false) => {
                let old = old.clone();
                self.edit_work(|w| w.edit_note(id, &old, &text));
                "note saved"
            }
            (None, false) => {
                let at = now
                    .with_timezone(&chrono::Utc)
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string();
                self.edit_work(|w| w.add_note(id, Note { at, author, text }));
                "note written"
            }
        };
        if self.work_read_only.is_none() {
            let n = self.work.notes(id).len();
            let id = crate::text::sanitize(id);
            self.set_status(Level::Info, format!("{msg} on {id} ({n} in all)"));
        }
    }

    /// Opens the line of `ev`'s labels.
    pub(super) fn open_labels(&mut self, ev: EventIx) {
        if let Some(why) = &self.work_read_only {
            let msg = format!("no labels: the workspace is read-only ({why})");
            self.set_status(Level::Error, msg);
            return;
        }
        let id = self.id_of(ev);
        let now: Vec<&str> = self.work.labels(&id).collect();
        let mut text = now.join(" ");
        if !text.is_empty() {
            text.push(' ');
        }
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::Labels { event: ev },
            input: LineInput::new(&text),
        }));
    }

    /// Keys in the labels line or the view-name line.
    pub(super) fn work_prompt_action(&mut self, mut p: PromptState, a: Action) {
        match (a, &p.kind) {
            (Action::Cancel, _) => self.set_status(Level::Info, "nothing changed"),
            (Action::Accept, PromptKind::Labels { event }) => {
                let ev = *event;
                if !self.set_labels_from(ev, p.input.text()) {
                    self.overlay = Some(Overlay::Prompt(p));
                }
            }
            (Action::Accept, PromptKind::SaveView) => {
                if !self.save_view(p.input.text()) {
                    self.overlay = Some(Overlay::Prompt(p));
                }
            }
            (Action::Complete, PromptKind::Labels { .. }) => {
                self.complete_label(&mut p.input);
                self.overlay = Some(Overlay::Prompt(p));
            }
            (other, _) => {
                p.input.edit(other);
                self.overlay = Some(Overlay::Prompt(p));
            }
        }
    }

    /// Sets `ev`'s labels from a line of words; false (and why, in the status line) when
    /// a word cannot be a label.
    fn set_labels_from(&mut self, ev: EventIx, line: &str) -> bool {
        let mut labels = BTreeSet::new();
        for w in line.split([' ', ',']).filter(|w| !w.trim().is_empty()) {
            match label_name(w) {
                Ok(l) => {
                    labels.insert(l);
                }
                Err(e) => {
                    self.set_status(Level::Error, crate::text::sanitize(&e).into_owned());
                    return false;
                }
            }
        }
        let id = self.id_of(ev);
        let before: BTreeSet<String> = self.work.labels(&id).map(String::from).collect();
        if before == labels {
            self.set_status(Level::Info, "the labels are unchanged");
            return true;
        }
        let shown = labels.iter().cloned().collect::<Vec<_>>().join(", ");
        if self.edit_work(|w| w.set_labels(&id, labels)) {
            let msg = if shown.is_empty() {
                format!("{id}: no labels")
            } else {
                format!("{id}: labelled {shown}")
            };
            self.set_status(Level::Info, msg);
        }
        true
    }

    /// Completes the word before the cursor from the labels in use: the one label it
    /// starts, or as far as all of them agree (and lists them).
    fn complete_label(&mut self, input: &mut LineInput) {
        let text = input.text().to_string();
        let raw = text.rsplit([' ', ',']).next().unwrap_or("");
        let word = raw.to_lowercase();
        let known: Vec<String> = self
            .work
            .label_counts()
            .keys()
            .map(|s| s.to_string())
            .collect();
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        let Some((common, fits)) = super::complete::complete(&word, &refs) else {
            let msg = if known.is_empty() {
                "no labels in use yet: type one".to_string()
            } else {
                format!("no label starts with '{word}'")
            };
            self.set_status(Level::Info, crate::text::sanitize(&msg).into_owned());
            return;
        };
        let keep = &text[..text.len() - raw.len()];
        let done = if fits.len() == 1 { " " } else { "" };
        *input = LineInput::new(&format!("{keep}{common}{done}"));
        if fits.len() > 1 {
            self.set_status(Level::Info, format!("labels: {}", fits.join(" ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_help_below_the_scissors_is_left_out() {
        let f = note_file("odni", "ODNI assessment", None);
        assert_eq!(note_text(&f), "");
        let written = format!("First line  \nsecond\n\n\n{f}");
        assert_eq!(note_text(&written), "First line\nsecond");
        // A note that quotes a markdown heading keeps it.
        assert_eq!(note_text("# Heading\ntext\n"), "# Heading\ntext");
    }
}
