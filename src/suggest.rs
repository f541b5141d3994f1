//! "Did you mean …?": the closest known word by edit distance.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), on chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 {
        return m;
    }
    if m == 0 {
        return n;
    }
    // Three rows are enough for transpositions.
    let mut prev2 = vec![0usize; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0usize; m + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
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
}
