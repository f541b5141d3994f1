//! Queries over 100,000 events: parse, compile and run, with the search index already
//! built (as in the explorer). Chronological order for every query; best match first
//! for two of them. `query/other/…` are queries that need more than the folded text.
//!
//! ```text
//! cargo bench --bench query
//! ```

mod common;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use tlx::query::{Compiled, Context, Hit, Sort, parse};

/// The issue's queries (`tag:diplomacy` standing for its `tag:x`).
pub const QUERIES: &[&str] = &[
    "k",
    "flo",
    "treaty",
    "zurich",
    "treatyberlin",
    "berlin treaty",
    "tag:diplomacy from:2010 treaty",
];

/// Also timed best match first.
const SCORED: &[&str] = &["treaty", "berlin treaty"];

/// Queries that need more than the folded text (capitals, accents, exact and anchored
/// terms, a negation), in date order.
const OTHER: &[&str] = &[
    "Treaty",
    "Zürich",
    "'treaty",
    "^treaty",
    "treaty$",
    "!treaty berlin",
];

fn select(q: &str, sort: Sort) -> Vec<Hit> {
    let (tl, index) = common::big();
    let parsed = parse(q).expect("the query parses");
    let c = Compiled::new(&parsed, tl).expect("the query compiles");
    c.run(tl, index, &Context::default(), sort)
}

fn query(c: &mut Criterion) {
    common::big();
    for q in QUERIES.iter().chain(OTHER) {
        eprintln!("hits: {:>6}  {q}", select(q, Sort::Date).len());
    }
    let mut g = c.benchmark_group("query");
    for q in QUERIES {
        g.bench_with_input(BenchmarkId::new("date", q), q, |b, q| {
            b.iter(|| select(black_box(q), Sort::Date))
        });
    }
    for q in SCORED {
        g.bench_with_input(BenchmarkId::new("score", q), q, |b, q| {
            b.iter(|| select(black_box(q), Sort::Score))
        });
    }
    for q in OTHER {
        g.bench_with_input(BenchmarkId::new("other", q), q, |b, q| {
            b.iter(|| select(black_box(q), Sort::Date))
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = query
}
criterion_main!(benches);
