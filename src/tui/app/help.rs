//! The help window (the keys of the screen it was opened on, and the query language),
//! the problems of a reload that failed and of the config, and "about this timeline":
//! windows that only scroll.

use super::overlays::{HelpState, Overlay, ProblemsState};
use super::state::{App, Level, scroll_by};
use crate::tui::action::Action;

impl App {
    /// Opens help for the keys that were in force, over the window that had them.
    pub(super) fn open_help(&mut self) {
        let layer = self.layer();
        let under = self.overlay.take().map(Box::new);
        self.overlay = Some(Overlay::Help(HelpState {
            layer,
            scroll: 0,
            under,
        }));
    }

    pub(super) fn help_action(&mut self, mut h: HelpState, a: Action) {
        self.overlay = match self.scrolled(h.scroll, a, Action::Help) {
            Some(scroll) => {
                h.scroll = scroll;
                Some(Overlay::Help(h))
            }
            None => h.under.map(|o| *o),
        };
    }

    /// Shows why the files no longer load, if they do not, and the config's problems.
    pub(super) fn open_problems(&mut self) {
        if self.load_problems.is_some() || !self.settings.config_problems.is_empty() {
            self.overlay = Some(Overlay::Problems(ProblemsState::default()));
        } else {
            self.set_status(Level::Info, "the files and the config have no problems");
        }
    }

    pub(super) fn problems_action(&mut self, p: ProblemsState, a: Action) {
        if let Some(scroll) = self.scrolled(p.scroll, a, Action::Problems) {
            self.overlay = Some(Overlay::Problems(ProblemsState { scroll, ..p }));
        }
    }

    /// Opens "about this timeline".
    pub(super) fn open_about(&mut self) {
        self.overlay = Some(Overlay::About(0));
    }

    pub(super) fn about_action(&mut self, scroll: u16, a: Action) {
        if let Some(s) = self.scrolled(scroll, a, Action::About) {
            self.overlay = Some(Overlay::About(s));
        }
    }

    /// A window that only scrolls, after `a`: its new position, held between the top and
    /// the last line as last drawn, or `None` when `a` (or the key that opened it, `own`)
    /// closes it.
    fn scrolled(&self, scroll: u16, a: Action, own: Action) -> Option<u16> {
        let (max, rows) = self.layout.window;
        let page = i32::from(rows.saturating_sub(1).max(1));
        let by = |n: i32| scroll_by(scroll.min(max), n, max);
        Some(match a {
            Action::Close | Action::Cancel => return None,
            a if a == own => return None,
            Action::Down => by(1),
            Action::Up => by(-1),
            Action::PageDown => by(page),
            Action::PageUp => by(-page),
            Action::HalfPageDown => by(page / 2 + 1),
            Action::HalfPageUp => by(-(page / 2 + 1)),
            Action::Top => 0,
            Action::Bottom => max,
            _ => scroll,
        })
    }
}
