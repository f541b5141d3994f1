//! Where a value is in its file: made into a line and column only when reported.

use crate::model::diag::{At, Path};

/// A value's input and path (`events[3].sources[1].ref`).
#[derive(Clone, Debug)]
pub struct Where {
    pub input: u16,
    pub path: Path,
}

impl Where {
    pub fn root(input: u16) -> Where {
        Where {
            input,
            path: Path::root(),
        }
    }
    /// Item `item` of the file's `events` list.
    pub fn event(input: u16, item: usize) -> Where {
        Where::root(input).key("events").index(item)
    }
    pub fn at(&self) -> At {
        At::Path {
            input: self.input,
            path: self.path.clone(),
        }
    }
    pub fn key(&self, k: &str) -> Where {
        Where {
            input: self.input,
            path: self.path.key(k),
        }
    }
    /// The key itself (not its value): its `nth` occurrence in the mapping.
    pub fn key_name(&self, k: &str, nth: usize) -> Where {
        Where {
            input: self.input,
            path: self.path.key_name(k, nth),
        }
    }
    pub fn index(&self, i: usize) -> Where {
        Where {
            input: self.input,
            path: self.path.index(i),
        }
    }
}

/// Where a reference sits in its event's list: its index, and whether it is written as
/// a mapping (`{id: …}`, `{ref: …}`), which places it at the mapping's id field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefAt {
    pub index: u32,
    pub mapped: bool,
}

impl RefAt {
    pub fn new(index: usize, mapped: bool) -> RefAt {
        RefAt {
            index: u32::try_from(index).unwrap_or(u32::MAX),
            mapped,
        }
    }
    /// Its place in list `list` of the event at `event`, whose id field in a mapping is
    /// `field`.
    pub fn place(self, event: &Where, list: &str, field: &str) -> Where {
        let item = event.key(list).index(self.index as usize);
        if self.mapped { item.key(field) } else { item }
    }
}
