//! Definitions by id (eras, actors, sources, events), one namespace per kind across
//! every file: the first definition of an id stands, a repeat is reported.

use std::collections::HashMap;

use super::place::Where;
use crate::model::diag::{Diagnostic, Kind};

/// The items of one kind, and every id defined, valid or not.
#[derive(Debug)]
pub struct Registry<T> {
    pub items: Vec<T>,
    /// Each id defined: the index of its item (`None` when the definition is invalid,
    /// so that references to it are not also reported as unknown), and where it is.
    pub ids: HashMap<String, (Option<u32>, Where)>,
}

impl<T> Default for Registry<T> {
    fn default() -> Self {
        Registry {
            items: Vec::new(),
            ids: HashMap::new(),
        }
    }
}

impl<T> Registry<T> {
    /// Defines `id` (of a `what`, written at `at`) as `item`, or as invalid when `item` is
    /// `None`. A repeated id is reported and changes nothing. Returns the item's index.
    pub fn register(
        &mut self,
        diags: &mut Vec<Diagnostic>,
        what: &str,
        id: String,
        at: Where,
        item: Option<T>,
    ) -> Option<u32> {
        if let Some((_, first)) = self.ids.get(&id) {
            let mut d = Diagnostic::error(
                Kind::DuplicateId,
                at.at(),
                format!("duplicate {what} id '{id}'"),
            );
            d.related = Some((first.at(), "first defined at"));
            diags.push(d);
            return None;
        }
        let ix = item.map(|item| self.push(item));
        self.ids.insert(id, (ix, at));
        ix
    }

    /// Adds an item that has no id of its own (an inline source).
    pub fn push(&mut self, item: T) -> u32 {
        self.items.push(item);
        (self.items.len() - 1) as u32
    }

    /// The index of the valid item `id` names: `Ok(Some)`, `Ok(None)` when it is
    /// defined but invalid (its own error says why), `Err` when it is not defined.
    pub fn find(&self, id: &str) -> Result<Option<u32>, ()> {
        self.ids.get(id).map(|&(ix, _)| ix).ok_or(())
    }

    /// Every id defined, sorted (for "did you mean").
    pub fn known(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.ids.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}
