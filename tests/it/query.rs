//! The query language against the sample timeline: every facet, negation, diacritics,
//! smart case, order, highlights and bad terms.

use crate::util::load;
use tlx::model::{EventIx, Timeline};
use tlx::query::{Compiled, Context, FieldKind, SearchIndex, Sort, parse, select};

fn sample() -> (Timeline, SearchIndex) {
    let l = load(&["sample.yaml"]);
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    let idx = SearchIndex::new(&l.timeline);
    (l.timeline, idx)
}

fn ids(q: &str) -> Vec<String> {
    let (tl, idx) = sample();
    select(&tl, &idx, q, &Context::default(), Sort::Date)
        .unwrap_or_else(|e| panic!("{q}: {e}"))
        .into_iter()
        .map(|h| tl.events[h.event as usize].id.clone())
        .collect()
}

fn error(q: &str) -> String {
    let (tl, idx) = sample();
    select(&tl, &idx, q, &Context::default(), Sort::Date)
        .expect_err(q)
        .message
}

#[test]
fn empty_query_keeps_everything_in_order() {
    assert_eq!(
        ids(""),
        [
            "treaty-berlin",
            "zurich-summit",
            "tokyo-accord",
            "ban",
            "statement",
            "cutoff"
        ]
    );
}

#[test]
fn fuzzy_atoms_and_and() {
    assert_eq!(ids("berlin"), ["treaty-berlin"]);
    assert_eq!(
        ids("trtyofberlin"),
        ["treaty-berlin"],
        "typos and run-together words"
    );
    assert_eq!(
        ids("trtyberln"),
        Vec::<String>::new(),
        "but at most four letters skipped"
    );
    // Terms are ANDed and order-free.
    assert_eq!(ids("kaspersky ban"), ["ban", "statement"]);
    assert_eq!(ids("berlin kaspersky"), Vec::<String>::new());
}

#[test]
fn diacritics_fold_and_cjk_matches() {
    assert_eq!(ids("zurich"), ["zurich-summit"]);
    assert_eq!(ids("Zürich"), ["zurich-summit"]);
    assert_eq!(ids("東京"), ["tokyo-accord"]);
}

#[test]
fn smart_case() {
    assert_eq!(ids("kaspersky").len(), 3);
    assert_eq!(ids("Kaspersky").len(), 3);
    assert_eq!(ids("KASPERSKY"), Vec::<String>::new());
    assert_eq!(
        ids("'Commerce bans"),
        ["ban"],
        "two terms: 'Commerce and bans"
    );
    assert_eq!(ids("'Commerce\\ bans"), ["ban"]);
}

#[test]
fn exact_prefix_suffix_and_negation() {
    assert_eq!(ids("'accord"), ["tokyo-accord"]);
    assert_eq!(ids("'acord"), Vec::<String>::new());
    // ^ and $ apply per field: the title "Summit in Zürich", the tag "summit".
    assert_eq!(ids("^summit"), ["zurich-summit", "tokyo-accord"]);
    assert_eq!(ids("ban$"), ["statement"]);
    assert_eq!(ids("^treaty$"), ["treaty-berlin", "tokyo-accord"]);
    assert_eq!(
        ids("!kaspersky"),
        ["treaty-berlin", "zurich-summit", "tokyo-accord"]
    );
    assert_eq!(ids("kaspersky !^updates"), ["ban", "statement"]);
    assert_eq!(ids("kaspersky !software$"), ["statement", "cutoff"]);
}

#[test]
fn searchable_text_covers_every_field() {
    assert_eq!(ids("'Balkans"), ["treaty-berlin"], "summary");
    assert_eq!(
        ids("'signatory"),
        Vec::<String>::new(),
        "roles are not searched"
    );
    assert_eq!(ids("'Bundesrat"), ["zurich-summit"], "actor alias");
    assert_eq!(ids("'Swissinfo"), ["zurich-summit"], "publisher");
    assert_eq!(
        ids("'Accord\\ reached"),
        ["tokyo-accord"],
        "inline source title"
    );
    assert_eq!(ids("'Final\\ Determination"), ["ban"], "quote");
    assert_eq!(ids("'1878-07-13"), ["treaty-berlin"], "date as written");
    assert_eq!(ids("'13\\ Jul\\ 1878"), ["treaty-berlin"], "date as shown");
}

#[test]
fn tag_facet_with_or_and_negation() {
    assert_eq!(ids("tag:treaty"), ["treaty-berlin", "tokyo-accord"]);
    assert_eq!(
        ids("tag:treaty,europe"),
        ["treaty-berlin", "zurich-summit", "tokyo-accord"]
    );
    assert_eq!(
        ids("!tag:policy"),
        ["treaty-berlin", "zurich-summit", "tokyo-accord"]
    );
    assert_eq!(ids("tag:policy tag:statement"), ["statement", "cutoff"]);
}

#[test]
fn actor_facet_matches_id_name_alias_prefixes() {
    assert_eq!(ids("actor:commerce"), ["ban", "cutoff"]);
    assert_eq!(ids("actor:doc"), ["ban", "cutoff"], "alias");
    assert_eq!(
        ids("actor:U.S."),
        ["ban", "cutoff"],
        "name, case-insensitive"
    );
    assert_eq!(ids("actor:kasp"), ["ban", "statement", "cutoff"]);
    assert_eq!(ids("actor:swiss,japan"), ["zurich-summit", "tokyo-accord"]);
    assert_eq!(ids("!actor:kaspersky tag:policy"), Vec::<String>::new());
}

#[test]
fn source_facet_matches_id_or_publisher() {
    assert_eq!(ids("source:bis"), ["ban"]);
    assert_eq!(ids("source:bureau"), ["ban"]);
    assert_eq!(ids("source:reuters"), ["treaty-berlin"]);
    assert_eq!(
        ids("source:nhk"),
        ["tokyo-accord"],
        "inline source by publisher"
    );
}

#[test]
fn era_and_date_range_facets_use_overlap() {
    assert_eq!(ids("era:old-europe"), ["treaty-berlin"]);
    assert_eq!(ids("era:modern").len(), 5);
    assert_eq!(ids("from:2024-06"), ["ban", "statement", "cutoff"]);
    // A range event overlaps a range filter by its end: tokyo-accord runs 15-17 March.
    assert_eq!(ids("from:2024-03-16 to:2024-03-31"), ["tokyo-accord"]);
    assert_eq!(ids("to:2023"), ["treaty-berlin", "zurich-summit"]);
    // A month-precision date overlaps a day inside it.
    assert_eq!(ids("from:2023-06-15 to:2023-06-15"), ["zurich-summit"]);
    assert_eq!(ids("!from:2024"), ["treaty-berlin", "zurich-summit"]);
}

#[test]
fn reliability_facet_means_this_grade_or_better() {
    assert_eq!(ids("rel:A"), ["ban"]);
    assert_eq!(
        ids("rel:b"),
        ["treaty-berlin", "tokyo-accord", "ban", "cutoff"]
    );
    assert_eq!(ids("rel:E").len(), 6);
    assert_eq!(ids("!rel:C"), ["statement"]);
}

#[test]
fn is_marked_uses_the_context() {
    let (tl, idx) = sample();
    let ban = tl.event_ix("ban").unwrap();
    let marked = move |e: EventIx| e == ban;
    let ctx = Context {
        marked: Some(&marked),
    };
    let hits = select(&tl, &idx, "is:marked", &ctx, Sort::Date).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].event, ban);
    let hits = select(&tl, &idx, "!is:marked", &ctx, Sort::Date).unwrap();
    assert_eq!(hits.len(), 5);
}

#[test]
fn score_order_puts_the_best_match_first() {
    let (tl, idx) = sample();
    let hits = select(&tl, &idx, "accord", &Context::default(), Sort::Score).unwrap();
    assert_eq!(tl.events[hits[0].event as usize].id, "tokyo-accord");
    let by_date = select(&tl, &idx, "sum", &Context::default(), Sort::Date).unwrap();
    let by_score = select(&tl, &idx, "sum", &Context::default(), Sort::Score).unwrap();
    assert_eq!(by_date.len(), by_score.len());
    assert!(by_score.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn highlights_point_at_matched_characters_per_field() {
    let (tl, _) = sample();
    let q = parse("zurich 'Balkans").unwrap();
    let c = Compiled::new(&q, &tl).unwrap();
    let z = tl.event_ix("zurich-summit").unwrap();
    let h = c.highlights(&tl, z);
    // "Summit in Zürich": Z is the 11th grapheme (index 10).
    assert_eq!(h.of(FieldKind::Title, 0), [10, 11, 12, 13, 14, 15]);
    let b = tl.event_ix("treaty-berlin").unwrap();
    let h = c.highlights(&tl, b);
    let summary = tl.events[b as usize].summary.as_deref().unwrap();
    let start = summary.find("Balkans").unwrap() as u32;
    assert_eq!(
        h.of(FieldKind::Summary, 0),
        (start..start + 7).collect::<Vec<_>>()
    );
}

#[test]
fn bad_values_are_errors_not_empty_results() {
    assert_eq!(
        error("tag:polcy"),
        "no tag 'polcy' in this timeline (did you mean 'policy'?)"
    );
    assert_eq!(
        error("era:moden"),
        "no era 'moden' in this timeline (did you mean 'modern'?)"
    );
    assert!(error("actor:zzz").starts_with("no actor matches 'zzz'"));
    assert!(error("source:zzz").starts_with("no source matches 'zzz'"));
    assert!(error("tga:policy").starts_with("unknown facet 'tga:' (did you mean 'tag:'?)"));
    assert!(error("from:2024-13").contains("month 13 does not exist"));
    assert!(error("rel:Q").contains("from A (best) to F"));
}
