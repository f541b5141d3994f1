//! A summary's change, word by word (the `similar` crate's diff), cut to what a reader
//! needs: the changed words with a few words of context, and a size limit.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// Summaries longer than this (in words, either side) are reported as changed, not
/// diffed word by word.
pub const MAX_WORDS: usize = 5_000;
/// Unchanged words kept on each side of a change.
const CONTEXT: usize = 6;
/// Changed words shown before the rest is counted.
const MAX_CHANGED: usize = 120;

/// One run of words: unchanged (`same`), taken out (`del`) or put in (`ins`). `gap`
/// stands for unchanged words left out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "op", content = "text", rename_all = "snake_case")]
pub enum Piece {
    Same(String),
    Del(String),
    Ins(String),
    Gap,
}

/// The word diff of a summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordDiff {
    pub pieces: Vec<Piece>,
    /// Changed runs left out past the limit.
    #[serde(skip_serializing_if = "is_zero")]
    pub more: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The word diff of `old` and `new`, or `None` when either is past [`MAX_WORDS`].
pub fn diff(old: &str, new: &str) -> Option<WordDiff> {
    let words = |s: &str| s.split_whitespace().count();
    if words(old) > MAX_WORDS || words(new) > MAX_WORDS {
        return None;
    }
    let d = TextDiff::from_words(old, new);
    // Runs of one tag, whitespace folded into the run it sits in.
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for c in d.iter_all_changes() {
        let v = c.value();
        let tag = if v.trim().is_empty() {
            // Whitespace joins the run before it, so a run never ends inside a word gap.
            runs.last().map_or(ChangeTag::Equal, |r| r.0)
        } else {
            c.tag()
        };
        match runs.last_mut() {
            Some((t, s)) if *t == tag => s.push_str(v),
            _ => runs.push((tag, v.to_string())),
        }
    }
    let n = runs.len();
    let mut pieces = Vec::new();
    let mut changed = 0;
    let mut more = 0;
    for (i, (tag, text)) in runs.into_iter().enumerate() {
        match tag {
            ChangeTag::Equal => {
                if changed >= MAX_CHANGED {
                    continue;
                }
                let (first, last) = (i == 0, i + 1 == n);
                pieces.extend(context(&text, first, last));
            }
            ChangeTag::Delete | ChangeTag::Insert => {
                let w = text.split_whitespace().count();
                if changed >= MAX_CHANGED {
                    more += 1;
                    continue;
                }
                changed += w;
                let text = text.trim().to_string();
                pieces.push(if tag == ChangeTag::Delete {
                    Piece::Del(text)
                } else {
                    Piece::Ins(text)
                });
            }
        }
    }
    Some(WordDiff { pieces, more })
}

/// An unchanged run cut to [`CONTEXT`] words beside each change (`first`: no change
/// before it; `last`: none after).
fn context(text: &str, first: bool, last: bool) -> Vec<Piece> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let keep_head = if first { 0 } else { CONTEXT };
    let keep_tail = if last { 0 } else { CONTEXT };
    if words.len() <= keep_head + keep_tail {
        if words.is_empty() {
            return Vec::new();
        }
        return vec![Piece::Same(words.join(" "))];
    }
    let mut out = Vec::new();
    if keep_head > 0 {
        out.push(Piece::Same(words[..keep_head].join(" ")));
    }
    out.push(Piece::Gap);
    if keep_tail > 0 {
        out.push(Piece::Same(words[words.len() - keep_tail..].join(" ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &WordDiff) -> String {
        let parts: Vec<String> = d
            .pieces
            .iter()
            .map(|p| match p {
                Piece::Same(s) => s.clone(),
                Piece::Del(s) => format!("[-{s}-]"),
                Piece::Ins(s) => format!("{{+{s}+}}"),
                Piece::Gap => "…".into(),
            })
            .collect();
        parts.join(" ")
    }

    #[test]
    fn a_changed_word_shows_with_its_neighbours() {
        let d = diff(
            "The agency banned the software on federal systems.",
            "The agency barred the software on all federal systems.",
        )
        .unwrap();
        assert_eq!(
            show(&d),
            "The agency [-banned-] {+barred+} the software on {+all+} federal systems."
        );
    }

    #[test]
    fn long_unchanged_stretches_are_cut_to_a_few_words() {
        let old = format!("{} old end", "word ".repeat(40));
        let new = format!("{} new end", "word ".repeat(40));
        let d = diff(&old, &new).unwrap();
        assert_eq!(
            show(&d),
            "… word word word word word word [-old-] {+new+} end"
        );
    }

    #[test]
    fn a_summary_past_the_limit_is_not_diffed() {
        let big = "w ".repeat(MAX_WORDS + 1);
        assert_eq!(diff(&big, "short"), None);
    }

    #[test]
    fn past_the_shown_limit_the_rest_is_counted() {
        let old: Vec<String> = (0..400).map(|i| format!("a{i}")).collect();
        let new: Vec<String> = (0..400)
            .map(|i| {
                if i % 2 == 0 {
                    format!("b{i}")
                } else {
                    format!("a{i}")
                }
            })
            .collect();
        let d = diff(&old.join(" "), &new.join(" ")).unwrap();
        assert!(d.more > 0, "{d:?}");
        let changed: usize = d
            .pieces
            .iter()
            .filter(|p| matches!(p, Piece::Del(_) | Piece::Ins(_)))
            .count();
        assert!(changed <= MAX_CHANGED + 2, "{changed}");
    }
}
