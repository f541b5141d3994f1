//! `Tab` in the search line: the word before the cursor completed from what it can be —
//! a facet's name (`ta` → `tag:`), or one of its values (`era:nat` → `era:nationwide-ban`:
//! tags, actor ids, publishers, era ids, the workspace's labels and views). One candidate
//! is written whole; several are written as far as they agree, and offered in a window
//! above the line that `Tab` and `Shift-Tab` walk.

use super::overlays::{CompletionMenu, SearchState};
use super::state::App;
use crate::query::FacetName;
use crate::tui::input::LineInput;

/// `word` completed from `candidates` (those that start with it): the completion and
/// whether it is whole (one candidate), or `None` with no candidate.
pub fn complete<'a>(word: &str, candidates: &[&'a str]) -> Option<(String, Vec<&'a str>)> {
    let lower = word.to_lowercase();
    let fits: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|c| c.to_lowercase().starts_with(&lower))
        .collect();
    let first = *fits.first()?;
    let mut common: Vec<char> = first.chars().collect();
    for f in &fits[1..] {
        let n = common
            .iter()
            .zip(f.chars())
            .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            .count();
        common.truncate(n);
    }
    Some((common.into_iter().collect(), fits))
}

impl App {
    /// The values a facet takes here, as a query writes them.
    fn facet_values(&self, facet: FacetName) -> Vec<String> {
        let tl = &self.tl;
        match facet {
            FacetName::Tag => tl.tags.clone(),
            FacetName::Actor => tl.actors.iter().map(|a| a.id.clone()).collect(),
            FacetName::Source => {
                let mut p: Vec<String> = tl
                    .sources
                    .iter()
                    .map(|s| s.publisher.replace(' ', "\\ "))
                    .collect();
                p.sort();
                p.dedup();
                p
            }
            FacetName::Era => tl.eras.iter().map(|e| e.id.clone()).collect(),
            FacetName::Label => self
                .work
                .label_counts()
                .keys()
                .map(|s| s.to_string())
                .collect(),
            FacetName::View => self.work.views.keys().cloned().collect(),
            FacetName::Is => vec!["marked".into()],
            FacetName::Has => vec!["note".into()],
            FacetName::Rel => ["A", "B", "C", "D", "E", "F"].map(String::from).to_vec(),
            FacetName::From | FacetName::To | FacetName::Note => Vec::new(),
        }
    }

    /// What a facet's value is, in a few words, from the timeline or the workspace;
    /// `None` for a facet name or a value the query language's help describes.
    fn about_value(&self, facet: Option<FacetName>, value: &str) -> Option<String> {
        let tl = &self.tl;
        let events = |n: usize| match n {
            1 => "1 event".to_string(),
            n => format!("{n} events"),
        };
        let named = |name: &str, n: usize| format!("{name} · {}", events(n));
        Some(match facet? {
            FacetName::Tag => {
                let i = tl.tags.iter().position(|t| t == value)?;
                events(tl.index.events_by_tag[i].len())
            }
            FacetName::Actor => {
                let i = tl.actors.iter().position(|a| a.id == value)?;
                named(&tl.actors[i].name, tl.index.events_by_actor[i].len())
            }
            FacetName::Era => {
                let i = tl.eras.iter().position(|e| e.id == value)?;
                named(&tl.eras[i].title, tl.index.events_by_era[i].len())
            }
            FacetName::Source => {
                let publisher = value.replace("\\ ", " ");
                let mut cited: Vec<u32> = tl
                    .sources
                    .iter()
                    .zip(&tl.index.events_by_source)
                    .filter(|(s, _)| s.publisher == publisher)
                    .flat_map(|(_, evs)| evs.iter().copied())
                    .collect();
                cited.sort_unstable();
                cited.dedup();
                events(cited.len())
            }
            FacetName::Label => events(
                self.work
                    .label_counts()
                    .get(value)
                    .copied()
                    .unwrap_or_default(),
            ),
            FacetName::View => self.work.views.get(value)?.query.clone(),
            _ => return None,
        })
    }

    /// Completes the query word before the cursor, in place; false (and why, above the
    /// line) when nothing completes it. Several candidates are written as far as they
    /// agree and offered in a window that `Tab` walks.
    pub(super) fn complete_query(&self, st: &mut SearchState) -> bool {
        st.menu = None;
        let input = &mut st.input;
        let text = input.text().to_string();
        let head = input.before_cursor().to_string();
        let rest = &text[head.len()..];
        let start = head.rfind(' ').map_or(0, |i| i + 1);
        let word = &head[start..];
        let bang = if word.starts_with('!') { "!" } else { "" };
        let body = &word[bang.len()..];
        let (keep, part, facet, candidates) = match body.split_once(':') {
            None => {
                let names = FacetName::ALL
                    .iter()
                    .map(|(n, _)| format!("{n}:"))
                    .collect();
                (bang.to_string(), body, None, names)
            }
            Some((name, value)) => {
                let lower = name.to_ascii_lowercase();
                let Some((_, facet)) = FacetName::ALL.iter().find(|(n, _)| *n == lower) else {
                    st.note = Some(format!("no facet '{name}:' to complete"));
                    return false;
                };
                // Within a list (`tag:a,b`), the last value.
                let (done, last) = match value.rfind(',') {
                    Some(i) => (&value[..=i], &value[i + 1..]),
                    None => ("", value),
                };
                (
                    format!("{bang}{name}:{done}"),
                    last,
                    Some(*facet),
                    self.facet_values(*facet),
                )
            }
        };
        let refs: Vec<&str> = candidates.iter().map(String::as_str).collect();
        let Some((common, fits)) = complete(part, &refs) else {
            let what = if candidates.is_empty() {
                "nothing to complete here".to_string()
            } else {
                format!("nothing starts with '{part}'")
            };
            st.note = Some(what);
            return false;
        };
        let head = format!("{}{keep}", &head[..start]);
        if let [one] = fits[..] {
            // A value is followed by a space (unless one follows already), ready for
            // the next term; a facet's name by nothing, ready for its value.
            let tail = if facet.is_some() && !rest.starts_with(' ') {
                " "
            } else {
                ""
            };
            write_word(input, &head, &format!("{one}{tail}"), rest);
        } else {
            write_word(input, &head, &common, rest);
            st.menu = Some(CompletionMenu {
                rest: rest.to_string(),
                common,
                facet,
                items: fits.iter().map(|s| s.to_string()).collect(),
                about: fits.iter().map(|v| self.about_value(facet, v)).collect(),
                selected: None,
                head,
            });
        }
        true
    }
}

/// `Tab` (`forward`) or `Shift-Tab` with the window open: the next or previous candidate
/// into the line, round to the text as it was typed and on again.
pub(super) fn walk(st: &mut SearchState, forward: bool) {
    let Some(menu) = st.menu.as_mut() else {
        return;
    };
    let n = menu.items.len();
    menu.selected = match (menu.selected, forward) {
        (None, true) => Some(0),
        (None, false) => Some(n - 1),
        (Some(i), true) if i + 1 < n => Some(i + 1),
        (Some(i), false) if i > 0 => Some(i - 1),
        _ => None,
    };
    let word = menu.selected.map_or(&menu.common, |i| &menu.items[i]);
    write_word(&mut st.input, &menu.head, word, &menu.rest);
}

/// `Esc` with the window open: the word as it was when the window opened.
pub(super) fn close_menu(st: &mut SearchState) {
    if let Some(menu) = st.menu.take() {
        write_word(&mut st.input, &menu.head, &menu.common, &menu.rest);
    }
}

/// The line `head word rest`, the cursor after the word.
fn write_word(input: &mut LineInput, head: &str, word: &str, rest: &str) {
    let done = format!("{head}{word}");
    input.set_at(&format!("{done}{rest}"), done.chars().count());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_candidate_is_written_whole_and_several_as_far_as_they_agree() {
        let c = ["nationwide-ban", "nato", "war"];
        assert_eq!(complete("nati", &c).unwrap().0, "nationwide-ban");
        let (common, fits) = complete("na", &c).unwrap();
        assert_eq!(common, "nat");
        assert_eq!(fits, ["nationwide-ban", "nato"]);
        assert_eq!(complete("NAT", &c).unwrap().0, "nat");
        assert!(complete("x", &c).is_none());
    }
}
