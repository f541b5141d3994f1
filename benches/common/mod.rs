//! What the benches share: the generated timelines (built once per bench binary) and a
//! criterion configuration small enough for a 2-core machine.
//!
//! Every bench uses the generator's seed [`SEED`], so the numbers of one run describe
//! the same data as `gen_timeline --events N --seed 1` (used by `docs/performance.md`
//! and `scripts/fzf-compare.sh`).
#![allow(dead_code)]

#[path = "../../examples/gen_timeline/gen.rs"]
mod r#gen;

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use criterion::Criterion;
use tlx::model::{LoadOptions, Timeline, load_texts};
use tlx::query::SearchIndex;

/// The allocator the `tlx` binary uses, so the benches measure what users run.
#[global_allocator]
static GLOBAL: tlx::alloc::Allocator = tlx::alloc::Allocator;

/// The generator's seed for every bench.
pub const SEED: u64 = 1;
/// The scale.
pub const BIG: usize = 100_000;

/// The generated YAML of an `events`-event timeline (one file): (file name, text).
pub fn yaml(events: usize) -> (String, String) {
    let mut files = r#gen::generate(&r#gen::Spec::new(events, SEED));
    assert_eq!(files.len(), 1, "one file asked for");
    files.pop().expect("one file")
}

/// Loads a generated timeline, checking that it loads cleanly.
pub fn load(events: usize) -> Timeline {
    let (name, text) = yaml(events);
    let loaded = load_texts(&[(name.as_str(), text.as_str())], &LoadOptions::default());
    assert!(
        loaded.diagnostics.is_empty(),
        "the generated timeline loads without diagnostics: {:?}",
        loaded.diagnostics.first()
    );
    assert_eq!(loaded.timeline.events.len(), events);
    loaded.timeline
}

/// The 100,000-event timeline and its search index, built once per bench binary.
pub fn big() -> &'static (Timeline, SearchIndex) {
    static BIG_TL: OnceLock<(Timeline, SearchIndex)> = OnceLock::new();
    BIG_TL.get_or_init(|| {
        let t = Instant::now();
        let tl = load(BIG);
        let index = SearchIndex::new(&tl);
        eprintln!(
            "setup: {BIG} events generated, loaded and indexed in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        (tl, index)
    })
}

/// Few samples, short windows: the machine has 2 cores and is shared. Criterion's own
/// command-line options (`--sample-size`, `--measurement-time`…) still override these
/// (`criterion_group!` applies them).
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .noise_threshold(0.05)
}
