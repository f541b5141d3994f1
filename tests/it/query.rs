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
        ids("tretyofberln"),
        ["treaty-berlin"],
        "typos and run-together words"
    );
    assert_eq!(
        ids("trtyofberlin"),
        Vec::<String>::new(),
        "a letter left out at a time, not two together"
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
fn is_marked_uses_the_workspace() {
    let (tl, idx) = sample();
    let ban = tl.event_ix("ban").unwrap();
    let mut w = tlx::workspace::Workspace::default();
    w.set_marked("ban", true);
    w.set_marked("gone-since", true);
    let work = tlx::workspace::Annotations::new(&w, &tl);
    let ctx = Context {
        work: Some(&work),
        ..Default::default()
    };
    let hits = select(&tl, &idx, "is:marked", &ctx, Sort::Date).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].event, ban);
    let hits = select(&tl, &idx, "!is:marked", &ctx, Sort::Date).unwrap();
    assert_eq!(hits.len(), 5);
}

/// Issue 21, item 3: a run that has been called off (the explorer's newer query
/// replaced it) stops looking at events, in date order and in best-match order.
#[test]
fn a_cancelled_run_looks_at_no_more_events() {
    let (tl, idx) = sample();
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let ctx = Context {
        cancel: Some(&cancel),
        ..Default::default()
    };
    for sort in [Sort::Date, Sort::Score] {
        assert!(
            !select(&tl, &idx, "e", &Context::default(), sort)
                .unwrap()
                .is_empty()
        );
        assert_eq!(select(&tl, &idx, "e", &ctx, sort).unwrap(), []);
        // Typing on (the trail of a word's letters) stops too.
        let c = Compiled::new(&parse("ba").unwrap(), &tl).unwrap();
        let (all, _) = c.run_typed(&tl, &idx, &Context::default(), sort, None, None);
        assert!(!all.is_empty());
        let (none, _) = c.run_typed(&tl, &idx, &ctx, sort, None, None);
        assert_eq!(none, []);
    }
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

/// Issue 17: `era:` matches a prefix of the id or a word of the title, as `actor:` does.
#[test]
fn an_era_is_found_by_a_prefix_of_its_id_or_a_word_of_its_title() {
    let (tl, idx) = sample();
    let ids = |q: &str| -> Vec<String> {
        select(&tl, &idx, q, &Context::default(), Sort::Date)
            .unwrap()
            .iter()
            .map(|h| tl.events[h.event as usize].id.clone())
            .collect()
    };
    assert_eq!(ids("era:mod"), ids("era:modern"));
    assert_eq!(
        ids("era:europe"),
        ids("era:old-europe"),
        "a word of the title"
    );
    assert!(!ids("era:mod").is_empty());
}

#[test]
fn bad_values_are_errors_not_empty_results() {
    assert_eq!(
        error("tag:polcy"),
        "no tag 'polcy' in this timeline (did you mean 'policy'?)"
    );
    assert_eq!(
        error("era:moden"),
        "no era matches 'moden' (by id or a word of its title) (did you mean 'modern'?); the eras are old-europe, modern"
    );
    assert!(error("actor:zzz").starts_with("no actor matches 'zzz'"));
    assert!(error("source:zzz").starts_with("no source matches 'zzz'"));
    assert!(error("tga:policy").starts_with("unknown facet 'tga:' (did you mean 'tag:'?)"));
    assert!(error("from:2024-13").contains("month 13 does not exist"));
    assert!(error("rel:Q").contains("from A (best) to F"));
}

/// Issue 21, #3: 2,500 one-letter terms (ranked) froze the explorer for seconds. A term
/// written again counts once and is searched once: the answer is that of each term once.
#[test]
fn issue_21_many_terms_repeated_are_searched_once() {
    let (tl, idx) = sample();
    let letters: Vec<String> = ('a'..='z').map(String::from).collect();
    let once = letters.join(" ");
    let many: Vec<&str> = (0..2500).map(|i| letters[i % 26].as_str()).collect();
    let many = many.join(" ");
    let q = parse(&many).expect("26 different terms");
    assert_eq!(q.terms.len(), 2500, "every term is kept, with its place");
    for sort in [Sort::Date, Sort::Score] {
        let want = select(&tl, &idx, &once, &Context::default(), sort).unwrap();
        let got = select(&tl, &idx, &many, &Context::default(), sort).unwrap();
        assert_eq!(got, want, "{sort:?}");
        let twice = select(&tl, &idx, "accord accord", &Context::default(), sort).unwrap();
        let single = select(&tl, &idx, "accord", &Context::default(), sort).unwrap();
        assert!(!single.is_empty());
        assert_eq!(twice, single, "the same hits, with the same scores");
    }
    // Facets too, and a repeat negated alike only.
    assert_eq!(ids("tag:policy tag:policy"), ids("tag:policy"));
    assert_eq!(ids("tag:policy !tag:policy"), Vec::<String>::new());
}

/// Issue 21, #3: the number of different terms is capped, with an error at the term that
/// passes the cap (column and carets), however many repeats come before it.
#[test]
fn issue_21_a_query_holds_at_most_32_different_terms() {
    use tlx::query::parse::MAX_TERMS;
    assert_eq!(MAX_TERMS, 32);
    let words: Vec<String> = (0..=MAX_TERMS).map(|i| format!("w{i}")).collect();
    let at_cap = words[..MAX_TERMS].join(" ");
    assert!(parse(&at_cap).is_ok());
    assert!(
        parse(&format!("{at_cap} {at_cap} w0")).is_ok(),
        "repeats count once"
    );
    let over = format!("{at_cap} w0 {}", words[MAX_TERMS]);
    let e = parse(&over).unwrap_err();
    let start = over.rfind(" w32").unwrap() + 1;
    assert_eq!(e.span, start..over.len());
    assert_eq!(
        e.message,
        "a query holds at most 32 different terms, and this is term 33 (a term written again counts once)"
    );
    let shown = e.render(&over);
    let lines: Vec<&str> = shown.lines().collect();
    assert!(
        lines[0].starts_with(&format!("error: bad query at column {}: ", start + 1)),
        "{shown}"
    );
    // The carets sit under the term, in the echo of the query cut short before it.
    let term_at = lines[1].find("w32").unwrap();
    assert!(lines[1].starts_with("  | …"), "{shown}");
    assert_eq!(
        lines[2].find('^'),
        Some(lines[1][..term_at].chars().count())
    );
    assert!(lines[2].ends_with(" ^^^"), "{shown}");
}

/// Issue 21, #3: a 10,000-character bad term echoed the whole query and 10,000 carets.
/// The echo is cut around the term, and the carets are capped.
#[test]
fn issue_21_a_long_bad_term_is_echoed_cut_short() {
    use tlx::query::parse::ECHO_TERM;
    let q = format!("treaty {}", "x".repeat(10_000));
    let e = parse(&q).unwrap_err();
    assert_eq!(e.span.start, 7);
    let shown = e.render(&q);
    assert!(shown.len() < 400, "{} bytes: {shown}", shown.len());
    let lines: Vec<&str> = shown.lines().collect();
    assert_eq!(lines.len(), 3, "{shown}");
    assert!(
        lines[0].starts_with("error: bad query at column 8: this term is 10000 characters long")
    );
    assert_eq!(
        lines[1],
        format!("  | treaty {}…", "x".repeat(ECHO_TERM - 1))
    );
    assert_eq!(lines[2], format!("  |        {}", "^".repeat(ECHO_TERM)));
    // A bad term between long runs of text: both sides are cut, the carets still under it.
    let q = format!("{} tga:x {}", "ab ".repeat(3000), "cd ".repeat(3000));
    let e = parse(&q).unwrap_err();
    let shown = e.render(&q);
    let lines: Vec<&str> = shown.lines().collect();
    assert!(shown.len() < 400, "{shown}");
    assert!(
        lines[1].starts_with("  | …") && lines[1].ends_with('…'),
        "{shown}"
    );
    let term_at = lines[1].find("tga:x").unwrap();
    assert_eq!(
        lines[2],
        format!(
            "  | {}^^^^^",
            " ".repeat(lines[1][4..term_at].chars().count())
        )
    );
    // A short query is echoed whole, as before.
    let e = parse("treaty tga:policy").unwrap_err();
    assert_eq!(
        e.render("treaty tga:policy")
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        ["  | treaty tga:policy", "  |        ^^^^^^^^^^"]
    );
}

/// An index decoded from a cache that passes `SearchIndex::check` but holds the wrong
/// places (forged, or another timeline's of the same size) gives wrong answers at worst:
/// no query, ranking, trail or highlight panics on it.
#[test]
fn no_query_panics_on_a_forged_index_that_passes_its_check() {
    let (tl, idx) = sample();
    let n = tl.events.len();
    let honest = serde_json::to_value(&idx).unwrap();
    let len = honest["folded"].as_array().unwrap().len();
    let forge = |starts: Vec<usize>, folded: Option<Vec<u8>>, masks: Option<u64>| {
        let mut v = honest.clone();
        v["starts"] = serde_json::json!(starts);
        if let Some(f) = folded {
            v["folded"] = serde_json::json!(f);
        }
        if let Some(m) = masks {
            v["masks"] = serde_json::json!(vec![m; n]);
        }
        let forged: SearchIndex = serde_json::from_value(v).unwrap();
        forged.check(n).expect("a forged index that looks whole");
        forged
    };
    let mut all_at_start = vec![0; n];
    all_at_start.push(len);
    let even: Vec<usize> = (0..=n).map(|i| i * len / n).collect();
    let noise: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
    let forged = [
        forge(all_at_start.clone(), None, None),
        forge(even.clone(), None, Some(u64::MAX)),
        forge(even, Some(noise.clone()), Some(u64::MAX)),
        forge(all_at_start, Some(noise), Some(u64::MAX)),
    ];
    let queries = [
        "t",
        "tr",
        "tre",
        "treaty",
        "Treaty",
        "zurich",
        "Zürich",
        "'treaty",
        "^treaty",
        "treaty$",
        "^the$",
        "!treaty berlin",
        "東京",
        "accord",
        "sum",
        "kaspersky ban",
    ];
    for index in &forged {
        for q in queries {
            let c = Compiled::new(&parse(q).unwrap(), &tl).unwrap();
            for sort in [Sort::Date, Sort::Score] {
                for h in c.run(&tl, index, &Context::default(), sort) {
                    c.highlights(&tl, h.event);
                }
            }
        }
        // Typing, extending the trail from keystroke to keystroke.
        let mut prev: Option<(tlx::query::Query, Vec<EventIx>, Option<tlx::query::Trail>)> = None;
        for q in ["t", "tr", "tre", "trea", "treat", "treaty"] {
            let parsed = parse(q).unwrap();
            let c = Compiled::new(&parsed, &tl).unwrap();
            let p = prev
                .as_ref()
                .filter(|(before, _, _)| Compiled::narrows(before, &parsed));
            let (hits, trail) = c.run_typed(
                &tl,
                index,
                &Context::default(),
                Sort::Date,
                p.map(|(_, h, _)| h.as_slice()),
                p.and_then(|(_, _, t)| t.as_ref()),
            );
            prev = Some((parsed, hits.iter().map(|h| h.event).collect(), trail));
        }
    }
}

/// Issue 17: a short word matches a word, or a word with one letter more or less, not
/// letters spread across a name; and events that have the word in their title come
/// first when ranked.
#[test]
fn a_short_word_is_not_found_in_letters_spread_across_words_and_titles_rank_first() {
    let tl = tlx::model::load_embedded(&tlx::model::LoadOptions::default()).timeline;
    let idx = SearchIndex::new(&tl);
    let hits = |q: &str, sort: Sort| -> Vec<String> {
        select(&tl, &idx, q, &Context::default(), sort)
            .unwrap()
            .into_iter()
            .map(|h| tl.events[h.event as usize].id.clone())
            .collect()
    };
    let fuzzy = hits("ban", Sort::Date);
    let exact = hits("'ban", Sort::Date);
    // Every event with "ban" in it, and the two whose only match is "brand"/"branch"
    // (one letter more), but none that has only "began", "obtain" or "Lab and".
    let extra: Vec<&String> = fuzzy.iter().filter(|id| !exact.contains(id)).collect();
    assert_eq!(
        extra,
        ["dhs-bod-17-01-issued", "kaspersky-pango-ultraav-deal"],
        "{fuzzy:?}"
    );
    assert!(exact.iter().all(|id| fuzzy.contains(id)));

    let ranked = hits("ban", Sort::Score);
    let in_title = |id: &String| {
        tl.events[tl.index.event_by_id[id] as usize]
            .title
            .to_lowercase()
            .contains("ban")
    };
    let first_other = ranked.iter().position(|id| !in_title(id)).unwrap();
    assert!(first_other > 5, "{ranked:?}");
    assert!(
        ranked[first_other..].iter().all(|id| !in_title(id)),
        "a title match ranks below a match elsewhere: {ranked:?}"
    );
}
