//! Rewriting a query's text: dropping terms, adding one, putting a filter panel's choices
//! in place of the facets it owns. Every term that stays keeps its spelling.

use super::parse::{Query, Term, TermKind, parse};

/// Facets a filter panel owns: tags, actors, sources, eras and the dates.
pub fn is_filter_facet(k: &TermKind) -> bool {
    matches!(
        k,
        TermKind::Tag(_)
            | TermKind::Actor(_)
            | TermKind::Source(_)
            | TermKind::Era(_)
            | TermKind::From(_)
            | TermKind::To(_)
    )
}

/// The query text without the terms `drop` selects, keeping the others as written.
pub fn without_terms(q: &Query, drop: impl Fn(&Term) -> bool) -> String {
    q.terms
        .iter()
        .filter(|t| !drop(t))
        .map(|t| q.text[t.span.clone()].to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Two pieces of query text as one line, a space between them when both have some.
pub fn join_terms(a: &str, b: &str) -> String {
    match (a.trim(), b.trim()) {
        ("", b) => b.to_string(),
        (a, "") => a.to_string(),
        (a, b) => format!("{a} {b}"),
    }
}

/// A facet value as the query line spells it: spaces and commas would split it, so they
/// (and the backslash itself) are escaped.
pub fn facet_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if c == ' ' || c == ',' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The query without the filter facets a panel owns. Negated ones stay: the panel only
/// offers values to keep. A query that does not parse has no terms to keep.
pub fn without_filters(current: &str) -> String {
    let q = parse(current).unwrap_or_default();
    without_terms(&q, |t| is_filter_facet(&t.kind) && !t.negated)
}

/// What a filter panel asks for: the values checked in each list, and the dates as typed
/// (empty: no bound).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters<'a> {
    pub tags: Vec<&'a str>,
    pub actors: Vec<&'a str>,
    /// Publishers, written as `source:` values.
    pub sources: Vec<&'a str>,
    pub eras: Vec<&'a str>,
    pub from: &'a str,
    pub to: &'a str,
}

/// The query with `filters` as its filter facets, in place of the ones it had, keeping
/// everything else (text, negated facets, `is:marked`) as written.
pub fn with_filters(current: &str, filters: &Filters) -> String {
    let mut text = without_filters(current);
    let facet = |name: &str, values: &[&str]| -> Option<String> {
        let vals: Vec<String> = values.iter().map(|v| facet_value(v)).collect();
        (!vals.is_empty()).then(|| format!("{name}:{}", vals.join(",")))
    };
    for t in [
        facet("tag", &filters.tags),
        facet("actor", &filters.actors),
        facet("source", &filters.sources),
        facet("era", &filters.eras),
    ]
    .into_iter()
    .flatten()
    {
        text = join_terms(&text, &t);
    }
    for (name, date) in [("from", filters.from), ("to", filters.to)] {
        if !date.trim().is_empty() {
            text = join_terms(&text, &format!("{name}:{}", date.trim()));
        }
    }
    text
}

/// The query with `name:value` as its `from:` (`name` "from") or `to:` bound, in place of
/// the one it had; every other term stays as written. A query that does not parse has no
/// terms to keep.
pub fn with_bound(current: &str, name: &str, value: &str) -> String {
    let q = parse(current).unwrap_or_default();
    let same = |t: &Term| {
        !t.negated
            && match t.kind {
                TermKind::From(_) => name == "from",
                TermKind::To(_) => name == "to",
                _ => false,
            }
    };
    join_terms(&without_terms(&q, same), &format!("{name}:{value}"))
}

/// The query with `is:marked` added, or taken away when it is there: the new text, and
/// whether the query asked for marked events before.
pub fn toggle_marked(current: &str) -> (String, bool) {
    let q = parse(current).unwrap_or_default();
    let marked = |t: &Term| t.kind == TermKind::Marked && !t.negated;
    if q.terms.iter().any(marked) {
        (without_terms(&q, marked), true)
    } else {
        (join_terms(current, "is:marked"), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_replaces_the_one_of_its_kind_and_keeps_the_rest() {
        assert_eq!(with_bound("", "from", "2024-06"), "from:2024-06");
        assert_eq!(
            with_bound("ban from:2020 to:2024 !from:2019", "from", "2022-02-24"),
            "ban to:2024 !from:2019 from:2022-02-24"
        );
        assert_eq!(
            with_bound("ban from:2020 to:2024", "to", "2023-01"),
            "ban from:2020 to:2023-01"
        );
    }

    #[test]
    fn dropped_terms_leave_the_others_as_written() {
        let q = parse("  Zür  tag:a,b   !era:x 'exact  ").unwrap();
        assert_eq!(
            without_terms(&q, |t| matches!(t.kind, TermKind::Tag(_))),
            "Zür !era:x 'exact"
        );
        assert_eq!(without_terms(&q, |_| true), "");
        assert_eq!(without_terms(&q, |_| false), "Zür tag:a,b !era:x 'exact");
    }

    #[test]
    fn joined_terms_have_one_space_between() {
        assert_eq!(join_terms("", "is:marked"), "is:marked");
        assert_eq!(join_terms(" a ", ""), "a");
        assert_eq!(join_terms("a b ", " c"), "a b c");
        assert_eq!(join_terms(" ", " "), "");
    }

    #[test]
    fn facet_values_escape_what_would_split_them() {
        assert_eq!(facet_value("Reuters"), "Reuters");
        assert_eq!(facet_value("Example Wire"), "Example\\ Wire");
        assert_eq!(facet_value("a,b\\c"), "a\\,b\\\\c");
        // What is escaped parses back to the one value.
        let q = parse(&format!("source:{}", facet_value("A, B\\ C"))).unwrap();
        assert_eq!(q.terms[0].kind, TermKind::Source(vec!["A, B\\ C".into()]));
    }

    #[test]
    fn filters_replace_the_facets_they_own_and_keep_the_rest() {
        let current = "berlin tag:old !tag:war from:1800 is:marked rel:B";
        let f = Filters {
            tags: vec!["treaty", "europe"],
            sources: vec!["Reuters Archive"],
            to: " 1900 ",
            ..Filters::default()
        };
        assert_eq!(
            with_filters(current, &f),
            "berlin !tag:war is:marked rel:B tag:treaty,europe source:Reuters\\ Archive to:1900"
        );
        // Nothing checked: the owned facets are gone, the rest stays.
        assert_eq!(
            with_filters(current, &Filters::default()),
            "berlin !tag:war is:marked rel:B"
        );
        let all = Filters {
            tags: vec!["t"],
            actors: vec!["a"],
            sources: vec!["s"],
            eras: vec!["e"],
            from: "2001",
            to: "2002-03",
        };
        assert_eq!(
            with_filters("", &all),
            "tag:t actor:a source:s era:e from:2001 to:2002-03"
        );
        // A query that does not parse is replaced by the filters alone.
        assert_eq!(
            with_filters("tag:", &all),
            "tag:t actor:a source:s era:e from:2001 to:2002-03"
        );
        assert_eq!(without_filters("x actor:a !actor:b to:2020"), "x !actor:b");
    }

    #[test]
    fn marked_only_is_added_then_taken_away() {
        assert_eq!(toggle_marked("kasp"), ("kasp is:marked".to_string(), false));
        assert_eq!(toggle_marked("kasp is:marked"), ("kasp".to_string(), true));
        assert_eq!(toggle_marked(""), ("is:marked".to_string(), false));
        // A negated one is not "marked only": another is added.
        assert_eq!(
            toggle_marked("!is:marked"),
            ("!is:marked is:marked".to_string(), false)
        );
    }
}
