//! Narrowing while typing gives exactly what a full search gives.

use crate::generator::gen_timeline as timeline_gen;

use tlx::model::{LoadOptions, load_texts};
use tlx::query::{Compiled, Context, SearchIndex, Sort, parse};

#[test]
fn narrowing_from_the_previous_hits_equals_a_full_search() {
    let files = timeline_gen::generate(&timeline_gen::Spec::new(3000, 7));
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let tl = load_texts(&texts, &LoadOptions::default()).timeline;
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
