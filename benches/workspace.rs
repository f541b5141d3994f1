//! The workspace's costs on a big one: 10,000 events of the 100,000-event timeline
//! marked, labelled and noted. What the explorer does on every change (annotate the
//! timeline, write the file) and on a save that finds another writer's edits (read,
//! merge), and what a query on it costs.
//!
//! ```text
//! cargo bench --bench workspace
//! ```

mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tlx::query::{Compiled, Context, Sort, parse};
use tlx::workspace::{Annotations, Note, Workspace, file, merge::merge};

fn big_workspace(tl: &tlx::model::Timeline, every: usize) -> Workspace {
    let mut w = Workspace::default();
    for (i, e) in tl.events.iter().enumerate().step_by(every) {
        w.set_marked(&e.id, true);
        w.set_labels(&e.id, [format!("l{}", i % 7)].into());
        w.add_note(
            &e.id,
            Note {
                at: "2026-12-02T10:00:00Z".into(),
                author: "ana".into(),
                text: format!("A note on {}\nwith a second line.", e.id),
            },
        );
    }
    w
}

fn workspace(c: &mut Criterion) {
    let (tl, index) = common::big();
    let w = big_workspace(tl, 10);
    let text = file::to_text(&w);
    eprintln!(
        "workspace: {} entries, {} bytes of YAML",
        w.events.len(),
        text.len()
    );
    let mut g = c.benchmark_group("workspace");
    g.sample_size(20);
    g.bench_function("annotate_10k_entries", |b| {
        b.iter(|| Annotations::new(black_box(&w), tl))
    });
    g.bench_function("write_text_10k_entries", |b| {
        b.iter(|| file::to_text(black_box(&w)))
    });
    g.bench_function("read_text_10k_entries", |b| {
        b.iter(|| file::parse(black_box(&text), std::path::Path::new("w.yaml")).unwrap())
    });
    let mut ours = w.clone();
    ours.set_marked(&tl.events[1].id, true);
    let mut theirs = w.clone();
    theirs.set_marked(&tl.events[3].id, true);
    g.bench_function("merge_10k_entries", |b| {
        b.iter(|| merge(black_box(&w), black_box(&ours), black_box(&theirs)))
    });
    let ann = Annotations::new(&w, tl);
    for q in ["is:marked", "label:l3 treaty", "note:second"] {
        let c = Compiled::with_work(&parse(q).unwrap(), tl, &ann).unwrap();
        g.bench_function(format!("query_{q}"), |b| {
            b.iter(|| c.run(tl, index, &Context::default(), Sort::Date))
        });
    }
    g.finish();
}

criterion_group!(benches, workspace);
criterion_main!(benches);
