//! Loading: serde-saphyr alone (the baseline) against the full load (parse, validate,
//! index), at 10,000 and 100,000 events; and the search index, built separately (the
//! explorer builds it after its first frame).
//!
//! The issue's target: the full load costs at most 1.25 times the parse alone. Compare
//! `load/full/N` with `load/saphyr/N` from the same run.
//!
//! The group `hostile` measures what refusing (or loading) the hostile files of the
//! tests costs, which the tests bound as work done rather than time.
//!
//! ```text
//! cargo bench --bench load
//! cargo bench --bench load -- hostile
//! ```

mod common;
#[path = "../tests/it/hostile_files.rs"]
mod hostile_files;

use std::hint::black_box;

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use sha2::{Digest, Sha256};
use tlx::model::raw::{Lenient, RawFile};
use tlx::model::{Input, LoadOptions, load_texts};
use tlx::query::SearchIndex;

/// The baseline: serde-saphyr deserializing the text into the raw structs, with the
/// options (budgets, policies) the loader uses.
fn parse_only(text: &str) -> Lenient<RawFile> {
    let options = tlx::model::load::parse_options(text.len(), &LoadOptions::default());
    serde_saphyr::from_str_with_options::<Lenient<RawFile>>(text, options)
        .expect("the generated timeline parses")
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    for events in [10_000usize, common::BIG] {
        let (name, text) = common::yaml(events);
        let big = events >= common::BIG;
        // One iteration takes seconds at 100k: ten single-iteration samples.
        g.sampling_mode(if big {
            SamplingMode::Flat
        } else {
            SamplingMode::Auto
        });
        g.sample_size(10);
        g.measurement_time(std::time::Duration::from_secs(if big { 30 } else { 8 }));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("saphyr", events), &text, |b, text| {
            b.iter(|| parse_only(black_box(text)))
        });
        g.bench_with_input(BenchmarkId::new("full", events), &text, |b, text| {
            b.iter(|| {
                let l = load_texts(
                    &[(name.as_str(), black_box(text.as_str()))],
                    &LoadOptions::default(),
                );
                assert!(l.diagnostics.is_empty());
                l
            })
        });
        g.bench_with_input(BenchmarkId::new("sha256", events), &text, |b, text| {
            b.iter(|| Sha256::digest(black_box(text).as_bytes()))
        });
        let input = Input {
            name: name.clone(),
            path: None,
            bytes: text.len() as u64,
            sha256: Sha256::digest(text.as_bytes()).into(),
        };
        g.bench_with_input(BenchmarkId::new("build", events), &text, |b, text| {
            b.iter_batched(
                || {
                    vec![(
                        0u16,
                        tlx::model::validate::ParsedFile::from_raw(0, parse_only(text)),
                    )]
                },
                |files| {
                    tlx::model::validate::build(
                        std::slice::from_ref(&input),
                        files,
                        &tlx::model::validate::Unparsed::None,
                    )
                },
                BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

fn index(c: &mut Criterion) {
    let mut g = c.benchmark_group("index");
    for events in [10_000usize, common::BIG] {
        let tl = if events >= common::BIG {
            &common::big().0
        } else {
            &*Box::leak(Box::new(common::load(events)))
        };
        g.sample_size(10);
        g.throughput(Throughput::Elements(events as u64));
        g.bench_with_input(BenchmarkId::new("search_index", events), tl, |b, tl| {
            b.iter(|| SearchIndex::new(black_box(tl)))
        });
    }
    g.finish();
}

fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    let laughs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bad/billion-laughs.yaml"),
    )
    .expect("the fixture");
    let files = [
        ("flat_bomb", hostile_files::flat_bomb()),
        ("billion_laughs", laughs),
        ("nested_brackets", hostile_files::nested_brackets()),
        ("deep_block", hostile_files::deep_block()),
        ("long_line", hostile_files::long_line()),
        ("many_warnings", hostile_files::many_warnings(20_000)),
        ("long_ids", hostile_files::long_ids(20_000)),
    ];
    for (name, text) in &files {
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
            b.iter(|| {
                load_texts(
                    &[("hostile.yaml", black_box(text))],
                    &LoadOptions::default(),
                )
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = load, index, hostile
}
criterion_main!(benches);
