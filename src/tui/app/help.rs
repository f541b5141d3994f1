//! The help window (the keys of the screen it was opened on, and the query language),
//! the problems of a reload that failed and of the config, and "about this timeline":
//! windows that only scroll.

use super::overlays::{HelpState, Overlay, ProblemsState};
use super::state::{App, Level};
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
        match a {
            Action::Close | Action::Help | Action::Cancel => {
                self.overlay = h.under.map(|o| *o);
                return;
            }
            Action::Down => h.scroll = h.scroll.saturating_add(1),
            Action::Up => h.scroll = h.scroll.saturating_sub(1),
            Action::PageDown => h.scroll = h.scroll.saturating_add(10),
            Action::PageUp => h.scroll = h.scroll.saturating_sub(10),
            _ => {}
        }
        self.overlay = Some(Overlay::Help(h));
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
        if let Some(scroll) = scrolled(p.scroll, a, Action::Problems) {
            self.overlay = Some(Overlay::Problems(ProblemsState { scroll, ..p }));
        }
    }

    /// Opens "about this timeline".
    pub(super) fn open_about(&mut self) {
        self.overlay = Some(Overlay::About(0));
    }

    pub(super) fn about_action(&mut self, scroll: u16, a: Action) {
        if let Some(s) = scrolled(scroll, a, Action::About) {
            self.overlay = Some(Overlay::About(s));
        }
    }
}

/// A window that only scrolls, after `a`: its new position, or `None` when `a` (or the
/// key that opened it, `own`) closes it.
fn scrolled(scroll: u16, a: Action, own: Action) -> Option<u16> {
    Some(match a {
        Action::Close | Action::Cancel => return None,
        a if a == own => return None,
        Action::Down => scroll.saturating_add(1),
        Action::Up => scroll.saturating_sub(1),
        Action::PageDown => scroll.saturating_add(10),
        Action::PageUp => scroll.saturating_sub(10),
        _ => scroll,
    })
}
