//! One frame of the main screen at 120x40 with 100,000 events loaded, drawn into a
//! ratatui `TestBackend` as the explorer's runner draws it: the list, the detail pane
//! and the time axis. Without a query, and with a query active (hits highlighted).
//! The issue's target: at most 2 ms a frame.
//!
//! For scale, the same frame with 1,000 events loaded, and ratatui's own cost of one
//! full frame (a screenful of plain text drawn, diffed and sent to the `TestBackend`).
//!
//! ```text
//! cargo bench --bench render
//! ```

mod common;

use std::hint::black_box;

use chrono::{Local, TimeZone};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use tlx::model::Timeline;
use tlx::tui::app::{App, Settings};
use tlx::tui::view;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

/// Draws one frame and records its layout in the app, like the runner.
fn frame(t: &mut Terminal<TestBackend>, app: &mut App) {
    let mut info = app.layout;
    t.draw(|f| info = view::draw(f, app)).expect("draws");
    app.layout = info;
}

fn app(tl: &Timeline, query: Option<&str>) -> (App, Terminal<TestBackend>) {
    let now = Local.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap();
    let mut app = App::new(tl.clone(), Settings::default(), now);
    let mut t = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a terminal");
    // The first frame records the layout (list height…), as the runner does.
    frame(&mut t, &mut app);
    if let Some(q) = query {
        app.apply_query(q).expect("the query applies");
        assert!(
            app.finish_search(std::time::Duration::from_secs(60)),
            "the search ends"
        );
        eprintln!("render: '{q}' keeps {} events", app.hits.len());
        frame(&mut t, &mut app);
    }
    (app, t)
}

fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    let small = common::load(1_000);
    let big = &common::big().0;
    for (name, tl, query) in [
        ("main_120x40", big, None),
        ("main_120x40_query", big, Some("berlin treaty")),
        ("main_120x40_1k_events", &small, None),
    ] {
        let (mut app, mut t) = app(tl, query);
        g.bench_function(name, |b| {
            b.iter(|| {
                frame(&mut t, &mut app);
                // Force the next frame to be sent whole, as after a scroll: otherwise
                // the identical frame would leave nothing for the backend to write.
                t.clear().expect("clears");
                black_box(&app.layout);
            })
        });
    }

    // ratatui alone: a screenful of text, drawn, diffed against a cleared screen and sent.
    let line = "x".repeat(WIDTH as usize);
    let text = vec![line.as_str(); HEIGHT as usize].join("\n");
    let mut t = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a terminal");
    g.bench_function("ratatui_plain_120x40", |b| {
        b.iter(|| {
            t.draw(|f| f.render_widget(Paragraph::new(text.as_str()), f.area()))
                .expect("draws");
            t.clear().expect("clears");
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = render
}
criterion_main!(benches);
