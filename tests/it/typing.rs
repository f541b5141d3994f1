//! Narrowing while typing gives exactly what a full search gives.

use crate::generator::{gen_timeline as timeline_gen, load_clean};

use tlx::query::fields::EventText;
use tlx::query::{Compiled, Context, SearchIndex, Sort, parse};

#[test]
fn narrowing_from_the_previous_hits_equals_a_full_search() {
    let tl = load_clean(&timeline_gen::generate(&timeline_gen::Spec::new(3000, 7)));
    let index = SearchIndex::new(&tl);
    let ctx = Context::default();
    for sequence in [
        &["t", "tr", "tre", "trea", "treat", "treaty"][..],
        &[
            "b",
            "be",
            "ber",
            "berl",
            "berlin",
            "berlin t",
            "berlin tr",
            "berlin treaty",
        ][..],
        &["'tr", "'tre", "'trea", "'treaty"][..],
        &[
            "tag:diplomacy",
            "tag:diplomacy z",
            "tag:diplomacy zu",
            "tag:diplomacy zur",
        ][..],
    ] {
        let mut prev: Option<(tlx::query::Query, Vec<u32>)> = None;
        for q in sequence {
            let parsed = parse(q).unwrap();
            let c = Compiled::new(&parsed, &tl).unwrap();
            let full = c.run(&tl, &index, &ctx, Sort::Date);
            if let Some((pq, hits)) = &prev {
                assert!(
                    Compiled::narrows(pq, &parsed),
                    "{q} extends the previous query"
                );
                let narrowed = c.run_within(&tl, &index, &ctx, Sort::Date, Some(hits));
                assert_eq!(narrowed, full, "{q}");
            }
            prev = Some((parsed, full.iter().map(|h| h.event).collect()));
        }
    }
    // Not narrowing: a changed word, a removed term, a new negation.
    let n = |a: &str, b: &str| Compiled::narrows(&parse(a).unwrap(), &parse(b).unwrap());
    assert!(!n("treaty", "treatx"));
    assert!(!n("treaty berlin", "treaty"));
    assert!(!n("treaty", "treaty !berlin"));
    assert!(!n("!tre", "!trea"));
    assert!(!n("", "treaty"));
}

/// How a query is run (posting lists for facets, the order its words are tried in)
/// never changes its answer: every query gives exactly the hits and scores of
/// checking each event on its own.
#[test]
fn the_query_plan_never_changes_the_answer() {
    let tl = load_clean(&timeline_gen::generate(&timeline_gen::Spec::new(2500, 11)));
    let index = SearchIndex::new(&tl);
    let ctx = Context::default();
    let era = format!("era:{}", tl.eras[0].id);
    let actor = format!("actor:{}", tl.actors[3].id);
    let source = format!("source:{}", tl.sources[5].id);
    let queries = [
        "tag:diplomacy",
        "tag:diplomacy,sanctions treaty",
        "!tag:diplomacy treaty",
        "tag:diplomacy from:2010 treaty",
        era.as_str(),
        &format!("{era} berlin"),
        actor.as_str(),
        &format!("{actor} !{source}"),
        source.as_str(),
        "berlin treaty",
        "treaty berlin",
        "e berlin treaty",
        "zurich !treaty",
        "'treaty berlin",
        "b e r",
    ];
    let all: Vec<u32> = (0..tl.events.len() as u32).collect();
    for q in queries {
        let c = Compiled::new(&parse(q).unwrap(), &tl).unwrap_or_else(|e| panic!("{q}: {e:?}"));
        for sort in [Sort::Date, Sort::Score] {
            let got = c.run(&tl, &index, &ctx, sort);
            let mut one_by_one: Vec<_> = all
                .iter()
                .flat_map(|ev| {
                    c.run_within(&tl, &index, &ctx, sort, Some(std::slice::from_ref(ev)))
                })
                .collect();
            if sort == Sort::Score {
                one_by_one.sort_by(|a, b| b.score.cmp(&a.score).then(a.event.cmp(&b.event)));
            }
            assert_eq!(got, one_by_one, "{q} ({sort:?})");
            if !c.needs_index() {
                // Facets alone need no text: an empty index gives the same.
                let bare = c.run(&tl, &SearchIndex::default(), &ctx, sort);
                assert_eq!(bare, got, "{q} ({sort:?}) without an index");
            }
            assert!(!got.is_empty() || q.contains('!'), "{q} finds something");
        }
    }
}

/// Extending the previous keystroke's partial matches (a trail) gives exactly the hits
/// and scores of a full search, for every keystroke of words typed, pasted, with facets
/// and without, and a trail is kept exactly when the query is one lower-case word in
/// date order.
#[test]
fn keystrokes_that_extend_a_trail_give_exactly_a_full_search() {
    let tl = load_clean(&timeline_gen::generate(&timeline_gen::Spec::new(3000, 7)));
    let index = SearchIndex::new(&tl);
    let ctx = Context::default();
    let sequences: &[&[&str]] = &[
        &[
            "t", "tr", "tre", "trea", "treat", "treaty", "treatyo", "treatyof",
        ],
        &["b", "be", "ber", "berl", "berli", "berlin"],
        &["z", "zu", "zur", "zuri", "zurich"],
        &["tr", "treaty"],
        &["qx", "qxz", "qxzz"],
        &[
            "tag:diplomacy t",
            "tag:diplomacy tr",
            "tag:diplomacy tre",
            "tag:diplomacy trea",
        ],
        &[
            "tr",
            "tre",
            "tre tag:diplomacy",
            "tre tag:diplomacy from:2010",
        ],
        &["fl", "flo", "flo-", "flo-o"],
        &["Tr", "Tre", "Trea"],
        &["zü", "zür", "züri"],
        &["'tr", "'tre", "'trea"],
        &["tr", "tre", "tre b", "tre be"],
    ];
    let mut extended_steps = 0;
    for sort in [Sort::Date, Sort::Score] {
        for seq in sequences {
            let mut prev: Option<(tlx::query::Query, Vec<u32>, Option<tlx::query::Trail>)> = None;
            for q in *seq {
                let parsed = parse(q).unwrap();
                let c = Compiled::new(&parsed, &tl).unwrap();
                let full = c.run(&tl, &index, &ctx, sort);
                let narrows = prev
                    .as_ref()
                    .is_some_and(|(pq, _, _)| Compiled::narrows(pq, &parsed));
                let (within, trail) = match &prev {
                    Some((_, hits, trail)) if narrows => (Some(hits.as_slice()), trail.as_ref()),
                    _ => (None, None),
                };
                let (got, next) = c.run_typed(&tl, &index, &ctx, sort, within, trail);
                extended_steps += usize::from(trail.is_some());
                assert_eq!(
                    got,
                    full,
                    "{q} ({sort:?}) after {:?}",
                    prev.as_ref().map(|p| &p.0)
                );
                let one_word = !q.contains(' ')
                    && !q.starts_with('\'')
                    && q.chars().all(|c| c.is_ascii() && !c.is_ascii_uppercase());
                let extended = trail.is_some() || q.len() == 2;
                match &next {
                    Some(t) => {
                        assert_eq!(t.len(), got.len(), "{q}: the trail holds the hits");
                        assert!(sort == Sort::Date, "{q}: no trail when ranked");
                    }
                    None => assert!(
                        sort == Sort::Score || !(one_word && extended) || q.contains(':'),
                        "{q}: a typed lower-case word leaves a trail"
                    ),
                }
                prev = Some((parsed, got.iter().map(|h| h.event).collect(), next));
            }
        }
    }
    // The keystrokes after a word's second letter, facets or not.
    assert!(
        extended_steps >= 25,
        "{extended_steps} keystrokes extended a trail"
    );
}

#[test]
fn each_events_folded_text_is_its_own_when_the_index_is_built_on_several_threads() {
    // Past the size at which the index is built on every core.
    let tl = load_clean(&timeline_gen::generate(&timeline_gen::Spec::new(10_000, 3)));
    let index = SearchIndex::new(&tl);
    assert_eq!(index.len(), 10_000);
    let mut unicode = 0;
    for i in 0..10_000 {
        let text = EventText::of(&tl, i);
        let hay = text.hay();
        unicode += usize::from(matches!(hay, nucleo_matcher::Utf32Str::Unicode(_)));
        let mut want = Vec::new();
        tlx::query::fold::fold_bytes(hay, &mut want);
        assert_eq!(index.folded(i), &want[..], "event {i}");
        assert_eq!(index.mask(i), tlx::query::fold::char_mask(hay), "event {i}");
    }
    // Both kinds of text were checked.
    assert!(
        (1000..9000).contains(&unicode),
        "{unicode} events outside ASCII"
    );
}
