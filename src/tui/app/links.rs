//! Links out of the explorer, from any screen: open a source's URL, copy it (or the
//! event's or source's id).

use super::state::{App, Level};
use crate::model::{EventIx, SourceIx};
use crate::tui::action::Effect;

impl App {
    /// The URL to act on: the given source's, else the event's first source with one, else
    /// its first http(s) media.
    fn url_for(&self, ev: Option<EventIx>, source: Option<SourceIx>) -> Option<String> {
        let from_source = |s: SourceIx| self.tl.source(s).url.clone();
        match source {
            Some(s) => from_source(s),
            None => ev.and_then(|e| {
                let e = &self.tl.events[e as usize];
                e.citations
                    .iter()
                    .find_map(|c| from_source(c.source))
                    .or_else(|| {
                        e.media
                            .iter()
                            .find(|m| !m.is_relative())
                            .map(|m| m.url.clone())
                    })
            }),
        }
    }

    pub(super) fn open_link(
        &mut self,
        ev: Option<EventIx>,
        source: Option<SourceIx>,
    ) -> Vec<Effect> {
        match self.url_for(ev, source) {
            Some(url) if crate::model::validate::is_http_url(&url) => vec![Effect::OpenUrl(url)],
            Some(_) => {
                self.set_status(Level::Warn, "only http and https links are opened");
                Vec::new()
            }
            None => {
                self.set_status(Level::Warn, "no URL to open here");
                Vec::new()
            }
        }
    }

    /// A media item's URL: opened (`open`) or copied. A relative path is copied as
    /// written but not opened: it is relative to where the timeline is published.
    pub(super) fn media_link(&mut self, url: String, open: bool) -> Vec<Effect> {
        let http = crate::model::validate::is_http_url(&url);
        match (open, http) {
            (true, true) => vec![Effect::OpenUrl(url)],
            (true, false) => {
                let shown = crate::text::sanitize(&url).into_owned();
                self.set_status(
                    Level::Warn,
                    format!("{shown} is relative to where the timeline is published: not opened (y copies it)"),
                );
                Vec::new()
            }
            (false, _) => vec![Effect::Copy {
                text: url,
                what: "media URL".into(),
            }],
        }
    }

    pub(super) fn copy(&mut self, ev: Option<EventIx>, source: Option<SourceIx>) -> Vec<Effect> {
        if let Some(url) = self
            .url_for(ev, source)
            .filter(|u| crate::model::validate::is_http_url(u))
        {
            return vec![Effect::Copy {
                text: url,
                what: "URL".into(),
            }];
        }
        match (ev, source) {
            (_, Some(s)) => vec![Effect::Copy {
                text: self.tl.source(s).id.clone(),
                what: "source id".into(),
            }],
            (Some(e), None) => vec![Effect::Copy {
                text: self.tl.events[e as usize].id.clone(),
                what: "event id".into(),
            }],
            (None, None) => Vec::new(),
        }
    }
}
