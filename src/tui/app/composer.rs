//! The brief composer: `e` opens the draft (kept in the workspace) over the events the
//! brief covers — the marked ones, or the list — with its estimative-language check;
//! the analyst writes the title, bottom line and key judgments in their editor, says
//! whether notes go in, and writes the brief.

use super::overlays::{ComposerState, Overlay};
use super::state::{App, Level};
use crate::brief::lint::{Lint, lint_draft};
use crate::tui::action::{Action, Editing, Effect};
use crate::workspace::Draft;
use crate::workspace::draft_text;

/// The draft the composer opens when none was opened before.
pub const DEFAULT_DRAFT: &str = "brief";

impl App {
    /// The draft being composed, as the workspace holds it (empty if not yet kept).
    pub fn draft(&self) -> Draft {
        self.work
            .drafts
            .get(&self.draft_name)
            .cloned()
            .unwrap_or_else(|| Draft {
                notes: true,
                ..Draft::default()
            })
    }

    /// The composer's warnings on the draft (ICD 203 language, judgments' sourcing).
    pub fn draft_lint(&self) -> Vec<Lint> {
        lint_draft(&self.tl, &self.draft())
    }

    /// Opens the composer on the current draft, over the events a brief covers now.
    pub(super) fn open_composer(&mut self) {
        // A brief of the list names the query it shows: not while that is still searched.
        if self.ann.marks.is_empty() && self.searching() {
            self.set_status(
                Level::Warn,
                "still searching: compose the brief once the list shows the query's events",
            );
            return;
        }
        let ids: Vec<String> = self
            .brief_selection()
            .events
            .iter()
            .map(|&ix| self.id_of(ix))
            .collect();
        let mut d = self.draft();
        if d.events != ids && self.work_read_only.is_none() {
            d.events = ids;
            let name = self.draft_name.clone();
            self.edit_work(|w| {
                w.drafts.insert(name, d);
            });
        }
        self.overlay = Some(Overlay::Composer(ComposerState {
            scroll: 0,
            changes: self.brief_options().changes,
        }));
    }

    pub(super) fn composer_action(&mut self, mut st: ComposerState, a: Action) -> Vec<Effect> {
        match a {
            Action::Close | Action::Cancel => {
                self.set_status(Level::Info, "the draft is kept: e opens it again");
                return Vec::new();
            }
            Action::Down => st.scroll = st.scroll.saturating_add(1),
            Action::Up => st.scroll = st.scroll.saturating_sub(1),
            Action::Edit => {
                self.overlay = Some(Overlay::Composer(st));
                if let Some(why) = &self.work_read_only {
                    let msg =
                        format!("the draft cannot change: the workspace is read-only ({why})");
                    self.set_status(Level::Error, msg);
                    return Vec::new();
                }
                let events: Vec<(String, String, String)> = self
                    .brief_selection()
                    .events
                    .iter()
                    .map(|&ix| {
                        let e = &self.tl.events[ix as usize];
                        (
                            e.id.clone(),
                            crate::brief::date_label(e, self.settings.tz),
                            e.title.clone(),
                        )
                    })
                    .collect();
                return vec![Effect::Edit {
                    what: Editing::Draft(self.draft_name.clone()),
                    text: draft_text::to_text(&self.draft(), &events),
                }];
            }
            Action::ToggleNotes => {
                let mut d = self.draft();
                d.notes = !d.notes;
                let on = d.notes;
                let name = self.draft_name.clone();
                if self.edit_work(|w| {
                    w.drafts.insert(name, d);
                }) {
                    let msg = if on {
                        "your notes go into the brief, as your comments"
                    } else {
                        "your notes stay out of the brief"
                    };
                    self.set_status(Level::Info, msg);
                }
            }
            Action::Write | Action::Accept => {
                self.open_brief_prompt();
                return Vec::new();
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Composer(st));
        Vec::new()
    }

    /// The editor closed on draft `name`.
    pub(super) fn draft_edited(&mut self, name: &str, text: &str) {
        let before = self
            .work
            .drafts
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.draft());
        let d = draft_text::from_text(text, &before);
        if d == before {
            self.set_status(Level::Info, "the draft is unchanged");
            return;
        }
        let judged = match d.judgments.len() {
            1 => "1 key judgment".to_string(),
            n => format!("{n} key judgments"),
        };
        let key = name.to_string();
        if self.edit_work(|w| {
            w.drafts.insert(key, d);
        }) {
            // The judgments to review follow the draft's judgments.
            let changes = self.brief_options().changes;
            if let Some(Overlay::Composer(st)) = &mut self.overlay {
                st.changes = changes;
            }
            let warnings = self.draft_lint().len();
            let check = match warnings {
                0 => "no warnings".to_string(),
                1 => "1 warning".to_string(),
                n => format!("{n} warnings"),
            };
            self.set_status(
                Level::Info,
                format!("draft '{name}' saved: {judged}, {check}"),
            );
        }
    }

    /// A brief of the current draft was written: the workspace keeps what it was built
    /// from, so that the next one can say what changed since.
    pub(super) fn brief_written(&mut self) {
        let events = self.brief_selection().normalized(&self.tl);
        let at = crate::brief::time_rfc3339(self.now.with_timezone(&chrono::Utc));
        let record = crate::workspace::briefs::record(&self.tl, &self.draft_name, &events, &at);
        self.edit_work(|w| w.record_brief(record));
    }

    /// The brief's options from the current draft, over the events a brief covers now
    /// (the draft's list may be older).
    pub(super) fn brief_options(&self) -> crate::brief::Options {
        let mut d = self.draft();
        d.events = self
            .brief_selection()
            .events
            .iter()
            .map(|&ix| self.id_of(ix))
            .collect();
        let (sel, mut o) = crate::brief::draft::from_draft(&self.tl, &d, &self.work);
        o.analyst = self.settings.analyst.clone();
        // After the draft's first brief, each one says what changed since the last.
        let events = sel.normalized(&self.tl);
        o.changes =
            crate::brief::draft::changes(&self.tl, &self.draft_name, &d, &self.work, &events);
        o
    }
}
