//! "Did you mean …?": the closest known word by edit distance.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), counted
/// in characters, so that `Zürich` is one edit from `Zurich`.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The candidate closest to `word`, if it is close enough to be a likely typo:
/// at most a third of the word's length away (and at least one edit allowed).
/// Ties go to the earlier candidate, so results are stable.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).max(1);
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        // Cheap length bound before the quadratic distance.
        let len_gap = c.chars().count().abs_diff(word.chars().count());
        if len_gap > limit {
            continue;
        }
        let d = edit_distance(&lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// ` (did you mean 'x'?)`, or nothing.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates)
        .map(|c| format!(" (did you mean '{c}'?)"))
        .unwrap_or_default()
}

/// The candidates that start with `word`, ignoring case, in their order.
pub fn starting_with<'a, I>(word: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.to_lowercase().starts_with(&lower))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("sumary", "summary"), 1);
        assert_eq!(edit_distance("tga", "tag"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("Zürich", "Zurich"), 1);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("東京", "京東"), 1);
    }

    #[test]
    fn suggestions_only_for_likely_typos() {
        let ids = ["bis-2024-06-20", "wt-2024-06-21", "tass-2024-06-21"];
        assert_eq!(closest("bis-2024-6-20", ids), Some("bis-2024-06-20"));
        assert_eq!(closest("reuters", ids), None);
        assert_eq!(closest("tga", ["tag", "actor", "source"]), Some("tag"));
        assert_eq!(
            did_you_mean("sumary", ["summary", "title"]),
            " (did you mean 'summary'?)"
        );
        assert_eq!(did_you_mean("zzzzzz", ["summary", "title"]), "");
    }

    #[test]
    fn prefixes_ignore_case_and_keep_order() {
        let ids = ["odni-b", "ban", "ODNI-a", "xodni"];
        assert_eq!(starting_with("odni", ids), ["odni-b", "ODNI-a"]);
        assert!(starting_with("q", ids).is_empty());
    }
}
