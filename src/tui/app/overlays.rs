//! The windows above the screens (the query line, the filter panel, help, the brief's
//! prompts, the problems of a reload and of the config) and what each keeps while it is
//! open.

use std::path::PathBuf;

use crate::model::EventIx;
use crate::query::facets::FacetCount;
use crate::query::fold::fold_str;
use crate::query::{FacetName, QueryError};
use crate::tui::input::LineInput;
use crate::tui::keymap::Layer;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchState {
    pub input: LineInput,
    /// The query as it was when the line opened: Esc goes back to it.
    pub before: String,
    /// Position while walking the history (`None`: editing a new line).
    pub history_pos: Option<usize>,
    /// The bad term of the text being typed, if any.
    pub error: Option<QueryError>,
    /// The candidates of a `Tab` that had several, until something else is typed.
    pub menu: Option<CompletionMenu>,
    /// Why the last `Tab` completed nothing, until the next key.
    pub note: Option<String>,
}

/// What a `Tab` with several candidates offers: a window above the query line lists
/// them, and `Tab` / `Shift-Tab` write each in turn into the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionMenu {
    /// The line up to the completed part of the word (`tag:a,` of `tag:a,b`).
    pub head: String,
    /// The line after the cursor.
    pub rest: String,
    /// What the word read when the window opened, as far as the candidates agree.
    pub common: String,
    /// `None`: the candidates are facet names; else that facet's values.
    pub facet: Option<FacetName>,
    pub items: Vec<String>,
    /// What each value is, from the timeline and the workspace (an era's title, an
    /// actor's name, event counts), worked out once when the window opens; `None` where
    /// the query language's help says it (facet names, `is:`, `rel:`…).
    pub about: Vec<Option<String>>,
    /// The candidate in the line, if one is.
    pub selected: Option<usize>,
}

/// The sections of the filter panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FilterSection {
    Tags,
    Actors,
    Publishers,
    Eras,
    Dates,
}

impl FilterSection {
    pub const ALL: [FilterSection; 5] = [
        FilterSection::Tags,
        FilterSection::Actors,
        FilterSection::Publishers,
        FilterSection::Eras,
        FilterSection::Dates,
    ];
    pub fn title(self) -> &'static str {
        match self {
            FilterSection::Tags => "Tags",
            FilterSection::Actors => "Actors",
            FilterSection::Publishers => "Publishers",
            FilterSection::Eras => "Eras",
            FilterSection::Dates => "Dates",
        }
    }
}

/// One choice in a checklist: what it shows, the facet value it adds, how many events
/// in the timeline have it (and in the result, when there is a query).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub label: String,
    pub value: String,
    pub count: usize,
    pub in_result: Option<usize>,
    pub checked: bool,
}

impl Choice {
    /// Does the find text (already folded: lower case, no diacritics) occur in its name
    /// or its value?
    fn found(&self, folded: &str) -> bool {
        folded.is_empty()
            || fold_str(&self.label).contains(folded)
            || fold_str(&self.value).contains(folded)
    }
}

impl From<FacetCount> for Choice {
    /// A facet value as the panel opens: checked when the query asks for it.
    fn from(c: FacetCount) -> Choice {
        Choice {
            label: c.label,
            value: c.value,
            count: c.count,
            in_result: c.in_result,
            checked: c.in_query,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterState {
    pub section: usize,
    /// Cursor per section (for Dates: 0 is "from", 1 is "to").
    pub cursor: [usize; 5],
    pub tags: Vec<Choice>,
    pub actors: Vec<Choice>,
    pub publishers: Vec<Choice>,
    pub eras: Vec<Choice>,
    pub from: LineInput,
    pub to: LineInput,
    pub error: Option<String>,
    /// Text that narrows every list to the choices whose name or value holds it (`/`).
    pub find: LineInput,
    /// Keys go to [`find`](FilterState::find) (after `/`, until Enter or Esc).
    pub finding: bool,
}

impl FilterState {
    pub fn section(&self) -> FilterSection {
        FilterSection::ALL[self.section]
    }
    pub fn choices(&self, s: FilterSection) -> &[Choice] {
        match s {
            FilterSection::Tags => &self.tags,
            FilterSection::Actors => &self.actors,
            FilterSection::Publishers => &self.publishers,
            FilterSection::Eras => &self.eras,
            FilterSection::Dates => &[],
        }
    }
    pub(super) fn choices_mut(&mut self, s: FilterSection) -> Option<&mut Vec<Choice>> {
        match s {
            FilterSection::Tags => Some(&mut self.tags),
            FilterSection::Actors => Some(&mut self.actors),
            FilterSection::Publishers => Some(&mut self.publishers),
            FilterSection::Eras => Some(&mut self.eras),
            FilterSection::Dates => None,
        }
    }
    /// The choices of a list the find text keeps, by their place in
    /// [`choices`](FilterState::choices); the cursor moves among these.
    pub fn shown(&self, s: FilterSection) -> Vec<usize> {
        let folded = fold_str(self.find.text().trim());
        let choices = self.choices(s);
        (0..choices.len())
            .filter(|&i| choices[i].found(&folded))
            .collect()
    }
    pub(super) fn len(&self, s: FilterSection) -> usize {
        match s {
            FilterSection::Dates => 2,
            other => self.shown(other).len(),
        }
    }
    /// The date field with the cursor, when the cursor is in Dates.
    pub fn date_field(&mut self) -> Option<&mut LineInput> {
        if self.section() != FilterSection::Dates {
            return None;
        }
        Some(if self.cursor[4] == 0 {
            &mut self.from
        } else {
            &mut self.to
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Where to write the brief.
    BriefPath,
    /// The file exists: replace it?
    ConfirmOverwrite {
        path: PathBuf,
        content: String,
        events: usize,
    },
    /// The labels of an event, as a line of words.
    Labels { event: EventIx },
    /// The name to save the query under.
    SaveView,
    /// The git revision to count changes from.
    Revision,
    /// Where to write a copy of the embedded timeline, to edit event `id` in it.
    CopyTimeline { id: String },
}

impl PromptKind {
    /// Is it one of the brief's questions?
    pub fn is_brief(&self) -> bool {
        matches!(
            self,
            PromptKind::BriefPath | PromptKind::ConfirmOverwrite { .. }
        )
    }
}

/// The brief composer: how far it is scrolled, and what changed since the draft's last
/// brief (counted when it opens and when the draft is edited, not at every frame).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ComposerState {
    pub scroll: u16,
    pub changes: Option<crate::diff::Since>,
}

/// The list of changes: which one is selected.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ChangesState {
    pub selected: usize,
}

/// The list of saved views: which one is selected.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ViewsState {
    pub selected: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PromptState {
    pub kind: PromptKind,
    pub input: LineInput,
}

/// The problems window: how far it is scrolled, and whether the files loaded again while
/// it was open (it then says so, in place of their problems).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ProblemsState {
    pub scroll: u16,
    pub fixed: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpState {
    /// The screen whose keys are shown.
    pub layer: Layer,
    pub scroll: u16,
    /// The window help was opened over (the search line, the filter panel…), given back
    /// as it was when help closes.
    pub under: Option<Box<Overlay>>,
}

/// A window above the screens; it gets the keys first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Overlay {
    Search(SearchState),
    Filters(Box<FilterState>),
    Help(HelpState),
    Prompt(PromptState),
    /// The problems of the files (when they last failed to reload) and of the config.
    Problems(ProblemsState),
    Views(ViewsState),
    Composer(ComposerState),
    /// About this timeline; the scroll position.
    About(u16),
    /// What changed since the last brief or a git revision.
    Changes(ChangesState),
}

impl Overlay {
    /// The layer of keys this window takes.
    pub fn layer(&self) -> Layer {
        match self {
            Overlay::Search(_) => Layer::Search,
            Overlay::Filters(f) if f.finding => Layer::FilterFind,
            Overlay::Filters(_) => Layer::Filters,
            Overlay::Help(_) | Overlay::Problems(_) | Overlay::About(_) => Layer::Help,
            Overlay::Prompt(p) => match p.kind {
                PromptKind::ConfirmOverwrite { .. } => Layer::Confirm,
                _ => Layer::Prompt,
            },
            Overlay::Views(_) => Layer::Views,
            Overlay::Composer(_) => Layer::Composer,
            Overlay::Changes(_) => Layer::Changes,
        }
    }
}
