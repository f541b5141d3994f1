//! `Tab` in the search line: the word before the cursor completed from what it can be —
//! a facet's name (`ta` → `tag:`), or one of its values (`era:nat` → `era:nationwide-ban`:
//! tags, actor ids, publishers, era ids, the workspace's labels and views). One candidate
//! is written whole; several are written as far as they agree, and listed.

use super::state::{App, Level};
use crate::query::FacetName;
use crate::tui::input::LineInput;

/// How many candidates the status line lists.
const LISTED: usize = 8;

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

    /// Completes the query word before the cursor, in place; false (and why, in the
    /// status line) when nothing completes it.
    pub(super) fn complete_query(&mut self, input: &mut LineInput) -> bool {
        let text = input.text().to_string();
        let head = input.before_cursor().to_string();
        let rest = &text[head.len()..];
        let start = head.rfind(' ').map_or(0, |i| i + 1);
        let word = &head[start..];
        let word = word.to_string();
        let word = word.as_str();
        let bang = if word.starts_with('!') { "!" } else { "" };
        let body = &word[bang.len()..];
        let (keep, part, candidates, after): (String, &str, Vec<String>, &str) =
            match body.split_once(':') {
                None => {
                    let names = FacetName::ALL
                        .iter()
                        .map(|(n, _)| format!("{n}:"))
                        .collect();
                    (bang.to_string(), body, names, "")
                }
                Some((name, value)) => {
                    let lower = name.to_ascii_lowercase();
                    let Some((_, facet)) = FacetName::ALL.iter().find(|(n, _)| *n == lower) else {
                        let msg = format!("no facet '{name}:' to complete");
                        self.set_status(Level::Info, crate::text::sanitize(&msg).into_owned());
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
                        self.facet_values(*facet),
                        " ",
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
            self.set_status(Level::Info, crate::text::sanitize(&what).into_owned());
            return false;
        };
        let tail = if fits.len() == 1 { after } else { "" };
        if fits.len() > 1 {
            let mut shown: Vec<&str> = fits.iter().take(LISTED).copied().collect();
            if fits.len() > LISTED {
                shown.push("…");
            }
            let msg = format!("{} match: {}", fits.len(), shown.join(" "));
            self.set_status(Level::Info, crate::text::sanitize(&msg).into_owned());
        }
        let done = format!("{}{keep}{common}{tail}", &head[..start]);
        let cursor = done.chars().count();
        input.set_at(&format!("{done}{rest}"), cursor);
        true
    }
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
