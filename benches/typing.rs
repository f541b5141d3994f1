//! Typing `treaty` into the search line over 100,000 events: `t`, `tr`, … `treaty` run in
//! turn, each searching only the previous hits when `Compiled::narrows` allows (as the
//! explorer does); and the same six queries each run over every event, for comparison.
//! The issue's target: at most 40 ms for the whole word.
//!
//! `typing/step/*` times one keystroke alone, given the previous keystroke's hits.
//!
//! ```text
//! cargo bench --bench typing
//! ```

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tlx::model::EventIx;
use tlx::query::{Compiled, Context, Query, Sort, parse};

const KEYS: &[&str] = &["t", "tr", "tre", "trea", "treat", "treaty"];

/// One keystroke: the new query, run within `previous` (the last query and its hits, in
/// chronological order) when it narrows it. Returns the new hits' events.
fn keystroke(q: &Query, previous: Option<(&Query, &[EventIx])>, narrow: bool) -> Vec<EventIx> {
    let (tl, index) = common::big();
    let c = Compiled::new(q, tl).expect("the query compiles");
    let within = previous
        .filter(|(before, _)| narrow && Compiled::narrows(before, q))
        .map(|(_, hits)| hits);
    c.run_within(tl, index, &Context::default(), Sort::Date, within)
        .into_iter()
        .map(|h| h.event)
        .collect()
}

/// Every keystroke of the word in turn; returns the last hits.
fn type_word(narrow: bool) -> Vec<EventIx> {
    let mut previous: Option<(Query, Vec<EventIx>)> = None;
    for k in KEYS {
        let q = parse(k).expect("the query parses");
        let hits = keystroke(
            &q,
            previous.as_ref().map(|(q, h)| (q, h.as_slice())),
            narrow,
        );
        previous = Some((q, hits));
    }
    previous.map(|(_, h)| h).unwrap_or_default()
}

fn typing(c: &mut Criterion) {
    common::big();
    // Narrowing must give the same hits as searching everything.
    assert_eq!(type_word(true), type_word(false));
    let mut g = c.benchmark_group("typing");
    g.bench_function("narrowing", |b| b.iter(|| type_word(black_box(true))));
    g.bench_function("from_scratch", |b| b.iter(|| type_word(black_box(false))));

    // Each keystroke alone, from the previous one's hits.
    let mut previous: Option<(Query, Vec<EventIx>)> = None;
    for k in KEYS {
        let q = parse(k).expect("the query parses");
        let prev = previous.as_ref().map(|(q, h)| (q, h.as_slice()));
        let narrows = prev.is_some_and(|(before, _)| Compiled::narrows(before, &q));
        let within = prev.map_or(100_000, |(_, h)| h.len());
        let hits = keystroke(&q, prev, true);
        eprintln!(
            "keystroke {k:<7} searches {:>6} events ({}), {:>6} hits",
            if narrows { within } else { common::BIG },
            if narrows { "narrowed" } else { "all" },
            hits.len()
        );
        g.bench_with_input(BenchmarkId::new("step", k), &q, |b, q| {
            b.iter(|| keystroke(black_box(q), prev, true))
        });
        previous = Some((q, hits));
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = typing
}
criterion_main!(benches);
