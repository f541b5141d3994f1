//! Ids for what an import writes: a slide's valid `unique_id` when it is free, else one
//! made from its `unique_id` or headline ([`crate::slug::id`]), each made unique.

use std::collections::{HashMap, HashSet};

use super::problems::{Place, ProblemKind, Report};
use crate::model::validate::is_valid_id;
use crate::timelinejs::html::clip;
use crate::timelinejs::yaml::DocEvent;

/// The longest id made from a headline, in bytes (cut at a `-`).
const MAX_SLUG: usize = 60;

/// An id made from text ([`crate::slug::id`]), cut at a `-` to [`MAX_SLUG`] bytes.
pub fn id_from(text: &str) -> String {
    let mut id = crate::slug::id(text);
    if id.len() > MAX_SLUG {
        let cut = id[..=MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
        id.truncate(cut);
        while id.ends_with('-') {
            id.pop();
        }
    }
    id
}

/// A slide converted, before its id is settled.
pub struct Slide {
    pub place: Place,
    pub unique_id: Option<String>,
    /// Text to make an id from when `unique_id` is absent or taken.
    pub id_base: String,
    /// The group's label, when it is not the tag it gave: (tag, label).
    pub tag_title: Option<(String, String)>,
    pub event: DocEvent,
}

/// The title of each tag a group's label gave, in the order the groups first appear; a
/// second label that gives the same tag is noted, and the first one kept.
pub fn tag_titles(r: &mut Report, slides: &[Slide]) -> Vec<(String, String)> {
    let mut titles: Vec<(String, String)> = Vec::new();
    for s in slides {
        let Some((tag, label)) = &s.tag_title else {
            continue;
        };
        match titles.iter().find(|(t, _)| t == tag) {
            None => titles.push((tag.clone(), label.clone())),
            Some((_, first)) if first != label => r.report(
                &s.place,
                ProblemKind::Note,
                format!("group '{label}' gives tag '{tag}', as '{first}' does: the tag is titled '{first}'"),
            ),
            Some(_) => {}
        }
    }
    titles
}

/// Settles event ids: valid `unique_id`s first (the first slide keeps a repeated one),
/// then ids made from headlines, each made unique with `-2`, `-3`, ….
pub fn assign_ids(r: &mut Report, slides: Vec<Slide>) -> Vec<DocEvent> {
    let mut used: HashSet<String> = HashSet::new();
    // The slide number that keeps each explicit id.
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut ids: Vec<Option<String>> = vec![None; slides.len()];
    for (i, s) in slides.iter().enumerate() {
        if let Some(u) = s.unique_id.as_deref().filter(|u| is_valid_id(u))
            && !used.contains(u)
        {
            used.insert(u.to_string());
            let number = match &s.place {
                Place::Slide { number, .. } => *number,
                _ => 0,
            };
            owner.insert(u.to_string(), number);
            ids[i] = Some(u.to_string());
        }
    }
    let mut out = Vec::with_capacity(slides.len());
    for (i, s) in slides.into_iter().enumerate() {
        let id = match ids[i].take() {
            Some(id) => id,
            None => {
                let base = match s.unique_id.as_deref() {
                    Some(u) if is_valid_id(u) => u.to_string(),
                    Some(u) => id_from(u),
                    None => String::new(),
                };
                let base = if base.is_empty() {
                    id_from(&s.id_base)
                } else {
                    base
                };
                let base = if base.is_empty() {
                    match &s.place {
                        Place::Slide { number, .. } => format!("slide-{number}"),
                        _ => "event".to_string(),
                    }
                } else {
                    base
                };
                let id = unique(base, &mut used);
                match s.unique_id.as_deref() {
                    Some(u) if is_valid_id(u) => {
                        let first = owner.get(u).copied().unwrap_or(0);
                        r.report(
                            &s.place,
                            ProblemKind::NotConverted,
                            format!(
                                "unique_id '{u}' is already the id of slide {first}: this slide's id is '{id}'"
                            ),
                        );
                    }
                    Some(u) => r.report(
                        &s.place,
                        ProblemKind::Note,
                        format!(
                            "unique_id '{}' is not a valid tlx id: the id is '{id}'",
                            clip(u, 40)
                        ),
                    ),
                    None => {}
                }
                id
            }
        };
        let mut ev = s.event;
        ev.id = id;
        out.push(ev);
    }
    out
}

/// `base`, or `base-2`, `base-3`… : the first that is not used; it is then used.
pub fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_headlines_stay_short() {
        assert_eq!(id_from("Karen Spärck Jones"), "karen-sparck-jones");
        let long = id_from(
            "Joint Persian-Avar-Slav Siege of Constantinople Constantinople saved by the walls",
        );
        assert!(long.len() <= MAX_SLUG, "{long}");
        assert!(!long.ends_with('-'));
        assert_eq!(id_from("日本"), "riben");
        assert_eq!(id_from("—"), "");
    }
}
