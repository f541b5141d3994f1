//! Typing `treaty` into the search line over 100,000 events: `t`, `tr`, … `treaty` run in
//! turn, each searching only the previous hits when `Compiled::narrows` allows and
//! extending the previous keystroke's partial matches (its `Trail`), as the explorer
//! does; and the same six queries each run over every event, for comparison. The issue's
//! target: at most 40 ms for the whole word.
//!
//! `typing/step/*` times one keystroke alone, given the previous keystroke's hits and
//! trail.
//!
//! ```text
//! cargo bench --bench typing
//! ```

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tlx::model::EventIx;
use tlx::query::{Compiled, Context, Query, Sort, Trail, parse};

const KEYS: &[&str] = &["t", "tr", "tre", "trea", "treat", "treaty"];

/// What a keystroke leaves for the next: its query, hits (chronological) and trail.
type Typed = (Query, Vec<EventIx>, Option<Trail>);

/// One keystroke: the new query, run within `previous` when it narrows it (extending
/// its trail). Returns the new hits' events and trail.
fn keystroke(q: &Query, previous: Option<&Typed>, narrow: bool) -> (Vec<EventIx>, Option<Trail>) {
    let (tl, index) = common::big();
    let c = Compiled::new(q, tl).expect("the query compiles");
    let prev = previous.filter(|(before, _, _)| narrow && Compiled::narrows(before, q));
    let (hits, trail) = c.run_typed(
        tl,
        index,
        &Context::default(),
        Sort::Date,
        prev.map(|(_, hits, _)| hits.as_slice()),
        prev.and_then(|(_, _, t)| t.as_ref()),
    );
    (hits.into_iter().map(|h| h.event).collect(), trail)
}

/// Every keystroke of the word in turn; returns the last hits.
fn type_word(narrow: bool) -> Vec<EventIx> {
    let mut previous: Option<Typed> = None;
    for k in KEYS {
        let q = parse(k).expect("the query parses");
        let (hits, trail) = keystroke(&q, previous.as_ref(), narrow);
        previous = Some((q, hits, trail));
    }
    previous.map(|(_, h, _)| h).unwrap_or_default()
}

fn typing(c: &mut Criterion) {
    common::big();
    // Narrowing must give the same hits as searching everything.
    assert_eq!(type_word(true), type_word(false));
    let mut g = c.benchmark_group("typing");
    g.bench_function("narrowing", |b| b.iter(|| type_word(black_box(true))));
    g.bench_function("from_scratch", |b| b.iter(|| type_word(black_box(false))));

    // Each keystroke alone, from the previous one's hits and trail.
    let mut previous: Option<Typed> = None;
    for k in KEYS {
        let q = parse(k).expect("the query parses");
        let prev = previous.as_ref();
        let narrows = prev.is_some_and(|(before, _, _)| Compiled::narrows(before, &q));
        let within = prev.map_or(common::BIG, |(_, h, _)| h.len());
        let trailed = narrows && prev.is_some_and(|(_, _, t)| t.is_some());
        let (hits, trail) = keystroke(&q, prev, true);
        eprintln!(
            "keystroke {k:<7} searches {:>6} events ({}), {:>6} hits",
            if narrows { within } else { common::BIG },
            match (narrows, trailed) {
                (true, true) => "extending the trail",
                (true, false) => "narrowed",
                _ => "all",
            },
            hits.len()
        );
        g.bench_with_input(BenchmarkId::new("step", k), &q, |b, q| {
            b.iter(|| keystroke(black_box(q), prev, true))
        });
        previous = Some((q, hits, trail));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = typing
}
criterion_main!(benches);
