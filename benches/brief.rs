//! The Markdown brief of 1,000 events: a whole 1,000-event generated timeline, and
//! 1,000 events (every 100th) picked from the 100,000-event one, where the registries
//! of actors and sources are larger.
//!
//! ```text
//! cargo bench --bench brief
//! ```

mod common;

use std::hint::black_box;

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use tlx::brief::{Basis, Options, Selection, markdown};
use tlx::model::EventIx;

fn brief(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap();
    let options = Options::default();
    let mut g = c.benchmark_group("brief");

    let small = common::load(1_000);
    let all = Selection::all(&small);
    let md = markdown(&small, &all, &options, now);
    eprintln!(
        "brief: 1,000-event timeline → {} bytes of Markdown",
        md.len()
    );
    g.bench_function("markdown_1k_timeline", |b| {
        b.iter(|| markdown(black_box(&small), black_box(&all), &options, now))
    });

    let (tl, _) = common::big();
    let picked = Selection {
        events: (0..tl.events.len() as EventIx).step_by(100).collect(),
        basis: Basis::Query("synthetic: every 100th event".into()),
    };
    assert_eq!(picked.events.len(), 1_000);
    let md = markdown(tl, &picked, &options, now);
    eprintln!(
        "brief: 1,000 of 100,000 events → {} bytes of Markdown",
        md.len()
    );
    g.bench_function("markdown_1k_of_100k", |b| {
        b.iter(|| markdown(black_box(tl), black_box(&picked), &options, now))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = brief
}
criterion_main!(benches);
