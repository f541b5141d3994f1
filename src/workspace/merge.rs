//! Joining two sessions' edits: `ours` and `theirs` both started from `base`; the merge
//! keeps what either added and drops what either removed. Nothing either side wrote is
//! lost: when both changed the same saved view (or brief draft) differently, ours keeps
//! the name and theirs is kept beside it, under `NAME-2` (or the next free number).

use std::collections::{BTreeMap, BTreeSet};

use super::{Entry, Note, Workspace};

/// The two sessions' edits on one base, joined.
pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace) -> Workspace {
    let ids: BTreeSet<&String> = base
        .events
        .keys()
        .chain(ours.events.keys())
        .chain(theirs.events.keys())
        .collect();
    let empty = Entry::default();
    let mut events = BTreeMap::new();
    for id in ids {
        let get = |w: &'_ Workspace| w.events.get(id).cloned().unwrap_or_else(|| empty.clone());
        let e = entry(&get(base), &get(ours), &get(theirs));
        if !e.is_empty() {
            events.insert(id.clone(), e);
        }
    }
    let mut ws = Workspace {
        events,
        views: named(&base.views, &ours.views, &theirs.views),
        drafts: named(&base.drafts, &ours.drafts, &theirs.drafts),
        // Records are only ever added (and the oldest pruned alike on both sides).
        briefs: set(
            &base.briefs.iter().cloned().collect(),
            &ours.briefs.iter().cloned().collect(),
            &theirs.briefs.iter().cloned().collect(),
        )
        .into_iter()
        .collect(),
    };
    ws.tidy();
    ws
}

fn entry(base: &Entry, ours: &Entry, theirs: &Entry) -> Entry {
    Entry {
        // A mark one side changed is that side's; both changed it alike otherwise.
        marked: if ours.marked != base.marked {
            ours.marked
        } else {
            theirs.marked
        },
        labels: set(&base.labels, &ours.labels, &theirs.labels),
        notes: set(
            &base.notes.iter().cloned().collect(),
            &ours.notes.iter().cloned().collect(),
            &theirs.notes.iter().cloned().collect::<BTreeSet<Note>>(),
        )
        .into_iter()
        .collect(),
    }
}

/// Theirs, with what ours added and without what ours removed.
fn set<T: Ord + Clone>(
    base: &BTreeSet<T>,
    ours: &BTreeSet<T>,
    theirs: &BTreeSet<T>,
) -> BTreeSet<T> {
    let mut out: BTreeSet<T> = theirs
        .difference(&base.difference(ours).cloned().collect())
        .cloned()
        .collect();
    out.extend(ours.difference(base).cloned());
    out
}

/// Named things (views, drafts): each name merged as a whole.
fn named<V: PartialEq + Clone>(
    base: &BTreeMap<String, V>,
    ours: &BTreeMap<String, V>,
    theirs: &BTreeMap<String, V>,
) -> BTreeMap<String, V> {
    let names: BTreeSet<&String> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut out = BTreeMap::new();
    let mut kept_beside = Vec::new();
    for name in names {
        let (b, o, t) = (base.get(name), ours.get(name), theirs.get(name));
        let pick = if o == b {
            t
        } else if t == b || t == o {
            o
        } else {
            // Both changed it, differently: ours keeps the name, theirs goes beside it.
            if let Some(t) = t {
                kept_beside.push((name.clone(), t.clone()));
            }
            o.or(t)
        };
        if let Some(v) = pick {
            out.insert(name.clone(), v.clone());
        }
    }
    for (name, v) in kept_beside {
        let free = (2..)
            .map(|n| format!("{name}-{n}"))
            .find(|n| !out.contains_key(n))
            .unwrap_or_default();
        out.insert(free, v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::View;

    fn note(text: &str) -> Note {
        crate::workspace::test_note("2026-12-02T10:00:00Z", text)
    }
    fn view(q: &str) -> View {
        View {
            query: q.into(),
            sort: Default::default(),
            context: false,
        }
    }

    #[test]
    fn briefs_recorded_by_two_sessions_are_both_kept() {
        let rec = |at: &str| crate::workspace::briefs::BriefRecord {
            draft: "weekly".into(),
            at: at.into(),
            inputs: Vec::new(),
            events: Vec::new(),
        };
        let mut base = Workspace::default();
        base.record_brief(rec("2026-12-01T09:00:00Z"));
        let mut ours = base.clone();
        ours.record_brief(rec("2026-12-02T09:00:00Z"));
        let mut theirs = base.clone();
        theirs.record_brief(rec("2026-12-03T09:00:00Z"));
        let m = merge(&base, &ours, &theirs);
        let ats: Vec<&str> = m.briefs.iter().map(|b| b.at.as_str()).collect();
        assert_eq!(
            ats,
            [
                "2026-12-01T09:00:00Z",
                "2026-12-02T09:00:00Z",
                "2026-12-03T09:00:00Z"
            ]
        );
        assert_eq!(m.last_brief("weekly").unwrap().at, "2026-12-03T09:00:00Z");
        // Past the limit, the oldest go.
        let mut w = Workspace::default();
        for d in 1..=crate::workspace::briefs::MAX_PER_DRAFT + 2 {
            w.record_brief(rec(&format!("2026-11-{d:02}T09:00:00Z")));
        }
        assert_eq!(w.briefs.len(), crate::workspace::briefs::MAX_PER_DRAFT);
        assert_eq!(w.briefs[0].at, "2026-11-03T09:00:00Z");
    }

    #[test]
    fn each_side_keeps_what_it_added_and_loses_what_it_removed() {
        let mut base = Workspace::default();
        base.set_marked("a", true);
        base.add_note("a", note("old"));
        let mut ours = base.clone();
        ours.set_marked("b", true);
        ours.edit_note("a", &note("old"), "");
        let mut theirs = base.clone();
        theirs.set_marked("a", false);
        theirs.add_note("c", note("theirs"));
        let m = merge(&base, &ours, &theirs);
        assert!(!m.is_marked("a"), "theirs unmarked it");
        assert!(m.is_marked("b"), "ours marked it");
        assert!(m.notes("a").is_empty(), "ours removed the note");
        assert_eq!(m.notes("c"), &[note("theirs")]);
    }

    #[test]
    fn a_view_both_changed_is_kept_twice() {
        let mut base = Workspace::default();
        base.views.insert("v".into(), view("tag:ban"));
        let mut ours = base.clone();
        ours.views.insert("v".into(), view("tag:ban fsb"));
        let mut theirs = base.clone();
        theirs.views.insert("v".into(), view("tag:ban odni"));
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.views["v"], view("tag:ban fsb"));
        assert_eq!(m.views["v-2"], view("tag:ban odni"));
        // One side deleted it, the other did not touch it: gone.
        let mut gone = base.clone();
        gone.views.clear();
        assert!(merge(&base, &gone, &base).views.is_empty());
        assert!(merge(&base, &base, &gone).views.is_empty());
    }

    #[test]
    fn nothing_changed_on_one_side_gives_the_other() {
        let mut base = Workspace::default();
        base.set_labels("a", ["x".into()].into());
        let mut ours = base.clone();
        ours.set_labels("a", ["y".into()].into());
        assert_eq!(merge(&base, &ours, &base), ours);
        assert_eq!(merge(&base, &base, &ours), ours);
    }
}
