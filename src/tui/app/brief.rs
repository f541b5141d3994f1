//! Writing a brief (from the composer's draft): the prompt for the file name, and the
//! question asked before an existing file is replaced (the runner checks the file, and
//! comes back here).

use std::path::PathBuf;

use super::overlays::{Overlay, PromptKind, PromptState};
use super::state::{App, Level};
use crate::model::EventIx;
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

impl App {
    /// The default brief file name: `brief-YYYYMMDD-HHMM.md`.
    pub fn default_brief_name(&self) -> String {
        format!("brief-{}.md", self.now.format("%Y%m%d-%H%M"))
    }

    /// Asks where to write the brief (from the composer, which waits for a search).
    pub(super) fn open_brief_prompt(&mut self) {
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::BriefPath,
            input: LineInput::new(&self.default_brief_name()),
        }));
    }

    /// The events a brief covers: the marked ones, or the list when nothing is marked.
    pub fn brief_selection(&self) -> crate::brief::Selection {
        if self.ann.marks.is_empty() {
            let mut events: Vec<EventIx> = self.hits.iter().map(|h| h.event).collect();
            events.sort_unstable();
            let basis = if self.parsed.asks_workspace() {
                // A query that asks the workspace (`view:`, `label:` …) cannot be run
                // again without it: the ids can.
                crate::brief::Basis::Ids(events.iter().map(|&ix| self.id_of(ix)).collect())
            } else if self.has_query() {
                crate::brief::Basis::Query(self.query_text.clone())
            } else {
                crate::brief::Basis::All
            };
            crate::brief::Selection { events, basis }
        } else {
            crate::brief::Selection {
                events: self.ann.marks.iter().copied().collect(),
                basis: crate::brief::Basis::Marked,
            }
        }
    }

    /// A brief that is ready to write, and where; the runner checks whether the file
    /// exists and comes back with `confirm_overwrite` if it does.
    pub fn confirm_overwrite(&mut self, path: PathBuf, content: String, events: usize) {
        let input = LineInput::default();
        self.overlay = Some(Overlay::Prompt(PromptState {
            kind: PromptKind::ConfirmOverwrite {
                path,
                content,
                events,
            },
            input,
        }));
    }

    pub(super) fn prompt_action(&mut self, mut p: PromptState, a: Action) -> Vec<Effect> {
        match (&p.kind, a) {
            (_, Action::Cancel) => {
                self.set_status(Level::Info, "no brief written");
                Vec::new()
            }
            (PromptKind::BriefPath, Action::Accept) => {
                let path = p.input.text().trim().to_string();
                if path.is_empty() {
                    self.set_status(Level::Warn, "no brief written: give a file name");
                    self.overlay = Some(Overlay::Prompt(p));
                    return Vec::new();
                }
                let sel = self.brief_selection();
                if sel.events.is_empty() {
                    self.set_status(Level::Warn, "no brief written: the list is empty");
                    return Vec::new();
                }
                let events = sel.events.len();
                let content = crate::brief::markdown(
                    &self.tl,
                    &sel,
                    &self.brief_options(),
                    self.now.with_timezone(&chrono::Utc),
                );
                let home = std::env::var_os("HOME").map(PathBuf::from);
                vec![Effect::WriteBrief {
                    path: crate::fsutil::expand_home(&path, home.as_deref()),
                    content,
                    events,
                    force: false,
                }]
            }
            (PromptKind::BriefPath, other) => {
                p.input.edit(other);
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
            (PromptKind::ConfirmOverwrite { .. }, Action::Yes) => {
                let PromptKind::ConfirmOverwrite {
                    path,
                    content,
                    events,
                } = p.kind
                else {
                    unreachable!("matched above")
                };
                vec![Effect::WriteBrief {
                    path,
                    content,
                    events,
                    force: true,
                }]
            }
            // No: the file stays, and the name can be changed (or Esc gives up).
            (PromptKind::ConfirmOverwrite { path, .. }, Action::No) => {
                let name = path.display().to_string();
                self.set_status(Level::Info, "the file was kept: give another name");
                self.overlay = Some(Overlay::Prompt(PromptState {
                    kind: PromptKind::BriefPath,
                    input: LineInput::new(&name),
                }));
                Vec::new()
            }
            // Only a yes replaces the file (Enter alone is not one); other keys wait.
            _ => {
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
        }
    }

    /// Text typed or pasted into the file name. The question about replacing a file takes
    /// its answers as keys (bound in the keymap), not as text.
    pub(super) fn prompt_input(&mut self, mut p: PromptState, s: &str) {
        if p.kind == PromptKind::BriefPath {
            p.input.insert(s);
        }
        self.overlay = Some(Overlay::Prompt(p));
    }
}
