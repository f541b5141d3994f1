//! What to highlight: the characters of each field that a query's text atoms matched,
//! and a field's text split into matched and unmatched runs for drawing.

use nucleo_matcher::{Config, Matcher};
use unicode_segmentation::UnicodeSegmentation;

use super::compile::Compiled;
use super::fields::{EventText, FieldKind};
use super::parse::TextKind;
use crate::model::{EventIx, Timeline};

impl Compiled {
    /// Which characters of which fields the text atoms matched, for highlighting.
    pub fn highlights(&self, tl: &Timeline, ev: EventIx) -> Highlights {
        let mut out = Highlights::default();
        if self.atoms.iter().all(|a| a.negated) {
            return out;
        }
        let text = EventText::of(tl, ev);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut idx = Vec::new();
        for a in self.atoms.iter().filter(|a| !a.negated) {
            // Each field that the atom matches is highlighted, so a word found in the
            // title and in a quote shows in both.
            let mut any = false;
            for f in text.fields() {
                idx.clear();
                let hay = text.field(f);
                let matched = if a.kind == TextKind::Fuzzy {
                    // Exactly the characters the fuzzy rule matched.
                    a.pre.window(hay, &mut idx)
                } else {
                    a.atom.indices(hay, &mut matcher, &mut idx).is_some()
                };
                if matched {
                    any = true;
                    for &i in &idx {
                        out.add(f.kind, f.item, i);
                    }
                }
            }
            if !any && a.kind == TextKind::Exact {
                idx.clear();
                if a.atom.indices(text.hay(), &mut matcher, &mut idx).is_some() {
                    for &i in &idx {
                        if let Some(f) = text
                            .fields()
                            .iter()
                            .find(|f| i >= f.start && i < f.start + f.len)
                        {
                            out.add(f.kind, f.item, i - f.start);
                        }
                    }
                }
            }
        }
        for (_, _, v) in &mut out.fields {
            v.sort_unstable();
            v.dedup();
        }
        out
    }
}

/// Matched positions per field, as grapheme-cluster indices into the field's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlights {
    pub fields: Vec<(FieldKind, u16, Vec<u32>)>,
}

impl Highlights {
    fn add(&mut self, kind: FieldKind, item: u16, pos: u32) {
        match self
            .fields
            .iter_mut()
            .find(|(k, i, _)| *k == kind && *i == item)
        {
            Some((_, _, v)) => v.push(pos),
            None => self.fields.push((kind, item, vec![pos])),
        }
    }
    /// Positions matched in one field (sorted), empty when none.
    pub fn of(&self, kind: FieldKind, item: u16) -> &[u32] {
        self.fields
            .iter()
            .find(|(k, i, _)| *k == kind && *i == item)
            .map_or(&[], |(_, _, v)| v.as_slice())
    }
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Splits `text` into runs of (matched?, text) by grapheme positions, for drawing.
pub fn split_by_positions<'a>(text: &'a str, positions: &[u32]) -> Vec<(bool, &'a str)> {
    if positions.is_empty() {
        return vec![(false, text)];
    }
    let mut runs: Vec<(bool, &'a str)> = Vec::new();
    let mut run_start = 0;
    let mut run_hit = false;
    for (gi, (bi, _)) in text.grapheme_indices(true).enumerate() {
        let hit = positions.binary_search(&(gi as u32)).is_ok();
        if gi == 0 {
            run_hit = hit;
            continue;
        }
        if hit != run_hit {
            runs.push((run_hit, &text[run_start..bi]));
            run_start = bi;
            run_hit = hit;
        }
    }
    if run_start < text.len() {
        runs.push((run_hit, &text[run_start..]));
    }
    runs
}
