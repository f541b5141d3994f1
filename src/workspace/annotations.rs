//! The workspace seen from one timeline: its entries by event index, for the query
//! language (`is:marked`, `has:note`, `note:`, `label:`, `view:`) and for screens.

use std::collections::{BTreeMap, BTreeSet};

use super::{View, Workspace};
use crate::model::{EventIx, Timeline};

/// The workspace's entries on the events of one timeline (entries on ids it does not
/// hold are left out here, and kept in the workspace).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Annotations {
    pub marks: BTreeSet<EventIx>,
    /// Per event with labels: its labels.
    pub labels: BTreeMap<EventIx, Vec<String>>,
    /// Per event with notes: their text, one note a line.
    pub notes: BTreeMap<EventIx, String>,
    /// Every label the workspace uses (on any id).
    pub known_labels: BTreeSet<String>,
    pub views: BTreeMap<String, View>,
}

impl Annotations {
    pub fn new(ws: &Workspace, tl: &Timeline) -> Annotations {
        let mut a = Annotations {
            views: ws.views.clone(),
            ..Annotations::default()
        };
        for (id, e) in &ws.events {
            a.known_labels.extend(e.labels.iter().cloned());
            let Some(ix) = tl.event_ix(id) else { continue };
            if e.marked {
                a.marks.insert(ix);
            }
            if !e.labels.is_empty() {
                a.labels.insert(ix, e.labels.iter().cloned().collect());
            }
            if !e.notes.is_empty() {
                let text: Vec<&str> = e.notes.iter().map(|n| n.text.as_str()).collect();
                a.notes.insert(ix, text.join("\n"));
            }
        }
        a
    }

    /// The events carrying any of `labels`, in order.
    pub fn with_labels(&self, labels: &[String]) -> Vec<EventIx> {
        self.labels
            .iter()
            .filter(|(_, ls)| ls.iter().any(|l| labels.contains(l)))
            .map(|(ix, _)| *ix)
            .collect()
    }

    /// The events whose notes `hold` says yes to, in order.
    pub fn notes_where(&self, hold: impl Fn(&str) -> bool) -> Vec<EventIx> {
        self.notes
            .iter()
            .filter(|(_, t)| hold(t))
            .map(|(ix, _)| *ix)
            .collect()
    }
}
