//! Editing an event in its file: `E` asks the runner to open the analyst's editor at the
//! event, and the live reload shows the edit. The embedded timeline has no file: the
//! explorer offers to write a copy first, then works on the copy.

use std::path::PathBuf;

use super::overlays::{Overlay, PromptKind, PromptState};
use super::state::{App, Level};
use crate::model::EventIx;
use crate::tui::action::{Action, Effect};
use crate::tui::input::LineInput;

/// The name offered for a copy of the embedded timeline (as `tlx new` writes).
pub const COPY_NAME: &str = "timeline.yaml";

impl App {
    /// `E` on event `ev`: its file in the editor, or, on the embedded timeline, the
    /// question where to write a copy.
    pub(super) fn edit_event(&mut self, ev: EventIx) -> Vec<Effect> {
        let event = &self.tl.events[ev as usize];
        let id = event.id.clone();
        let input = &self.tl.inputs[usize::from(event.origin.input)];
        let shown = crate::text::sanitize(&input.name).into_owned();
        match input.path.clone().or_else(|| self.copy.clone()) {
            Some(path) => {
                self.set_status(Level::Info, format!("editing {shown}…"));
                vec![Effect::EditEvent { path, id }]
            }
            None => {
                self.overlay = Some(Overlay::Prompt(PromptState {
                    kind: PromptKind::CopyTimeline { id },
                    input: LineInput::new(COPY_NAME),
                }));
                Vec::new()
            }
        }
    }

    /// The copy prompt: Enter asks the runner to write the embedded timeline to the file
    /// named (never over an existing one), then to edit the event there.
    pub(super) fn copy_prompt_action(&mut self, mut p: PromptState, a: Action) -> Vec<Effect> {
        let PromptKind::CopyTimeline { id } = &p.kind else {
            return Vec::new();
        };
        match a {
            Action::Cancel => Vec::new(),
            Action::Accept => {
                let typed = p.input.text().trim().to_string();
                let home = std::env::var_os("HOME").map(PathBuf::from);
                let path = crate::fsutil::expand_home(&typed, home.as_deref());
                let shown = crate::text::sanitize(&typed).into_owned();
                let refuse = if typed.is_empty() {
                    Some("name the file for the copy".to_string())
                } else if crate::fsutil::exists(&path) {
                    Some(format!(
                        "{shown} exists: choose another name (the copy never replaces a file)"
                    ))
                } else if !crate::model::is_yaml(&path) {
                    Some(format!("{shown}: a timeline file ends in .yaml or .yml"))
                } else {
                    None
                };
                if let Some(why) = refuse {
                    self.set_status(Level::Warn, why);
                    self.overlay = Some(Overlay::Prompt(p));
                    return Vec::new();
                }
                self.set_status(Level::Info, format!("writing {shown}…"));
                vec![Effect::CopyTimeline {
                    path,
                    id: id.clone(),
                }]
            }
            other => {
                p.input.edit(other);
                self.overlay = Some(Overlay::Prompt(p));
                Vec::new()
            }
        }
    }
}
