//! Issue 21, item 3: on a big timeline a query runs on a worker thread, so the screen
//! stays live during a long search; a newer query calls the running one off, and the list
//! ends on exactly the hits the same query gives on the UI thread. The curated timeline
//! stands in for a big one here: its app is told to search off the UI thread from 0
//! events.

use std::time::Duration;

use chrono::{Local, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tlx::model::{EventIx, LoadOptions, load_embedded};
use tlx::query::Sort;
use tlx::tui::action::{Action, Msg};
use tlx::tui::app::{App, Settings};
use tlx::tui::theme::Theme;
use tlx::tui::view;

/// A hang guard only: a search of the curated timeline takes well under a millisecond.
const HANG_GUARD: Duration = Duration::from_secs(20);

fn app(off_thread: bool) -> App {
    let settings = Settings {
        theme: Theme::mono(),
        ..Settings::default()
    };
    let now = Local.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap();
    let mut app = App::new(
        load_embedded(&LoadOptions::default()).timeline,
        settings,
        now,
    );
    if off_thread {
        app.search_off_thread_from = 0;
    }
    draw(&mut app);
    app
}

fn draw(app: &mut App) -> String {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut info = app.layout;
    t.draw(|f| info = view::draw(f, app)).unwrap();
    app.layout = info;
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn listed(app: &App) -> Vec<(EventIx, u32)> {
    app.hits.iter().map(|h| (h.event, h.score)).collect()
}

fn finish(app: &mut App) {
    assert!(app.finish_search(HANG_GUARD), "the search never ended");
    assert!(!app.searching());
}

#[test]
fn a_search_off_the_ui_thread_gives_the_hits_of_one_on_it() {
    let queries = [
        "kasp",
        "commerce ban",
        "tag:sanctions k",
        "!ban from:2024",
        "'Entity ^bis",
        "is:marked",
    ];
    for sort in [Sort::Date, Sort::Score] {
        for q in queries {
            let (mut here, mut there) = (app(false), app(true));
            for a in [&mut here, &mut there] {
                a.sort = sort;
                let mut w = tlx::workspace::Workspace::default();
                for ev in [3, 7, 20] {
                    w.set_marked(&a.tl.events[ev].id, true);
                }
                a.set_workspace(w, None);
                a.apply_query(q).unwrap();
            }
            assert!(!here.searching());
            assert!(there.searching(), "{q:?} ran on the UI thread");
            finish(&mut there);
            assert_eq!(listed(&there), listed(&here), "{q:?} in {sort:?} order");
            assert!(!here.hits.is_empty(), "{q:?} finds nothing: a weak check");
            assert_eq!(there.rows.len(), here.rows.len(), "{q:?}");
        }
    }
}

#[test]
fn keys_typed_while_searches_run_end_on_the_last_querys_hits() {
    let query = "kaspersky commerce ban 2024";
    let mut here = app(false);
    here.apply_query(query).unwrap();
    // Typed key by key, the screen drawn between keys, and the worker's answers taken
    // only now and then: each key calls off the search before it.
    for every in [1, 2, 3, 5, 100] {
        let mut there = app(true);
        there.update(Msg::Action(Action::Search));
        for (i, c) in query.chars().enumerate() {
            there.update(Msg::Input(c));
            draw(&mut there);
            if i % every == 0 {
                there.poll_search();
            }
        }
        finish(&mut there);
        assert_eq!(there.query_text, query);
        assert_eq!(
            listed(&there),
            listed(&here),
            "answers taken every {every} keys"
        );
    }
}

#[test]
fn a_newer_query_calls_off_the_running_one() {
    let mut there = app(true);
    let all = there.hits.len();
    there.update(Msg::Action(Action::Search));
    there.update(Msg::Input('k'));
    assert!(there.searching());
    // Esc goes back to the query before `/` (none) before the search for `k` is shown:
    // the list is every event, and no late answer for `k` replaces it.
    there.update(Msg::Action(Action::Cancel));
    assert!(
        !there.searching(),
        "clearing the query still waits for a search"
    );
    assert_eq!(there.hits.len(), all);
    std::thread::sleep(Duration::from_millis(50));
    assert!(!there.poll_search());
    assert_eq!(there.hits.len(), all);
}

#[test]
fn while_a_search_runs_the_header_says_so_and_a_brief_of_the_list_waits() {
    let mut there = app(true);
    let total = there.tl.events.len();
    there.apply_query("kasp").unwrap();
    let screen = draw(&mut there);
    assert!(
        screen.contains(&format!("searching {total} events…")),
        "{screen}"
    );
    // A brief of the list would name `kasp` over the last query's events: not yet.
    there.update(Msg::Action(Action::Brief));
    assert!(
        there.overlay.is_none(),
        "the brief prompt opened mid-search"
    );
    let status = there
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("still searching"), "{status}");
    finish(&mut there);
    let screen = draw(&mut there);
    assert!(
        screen.contains(&format!("{}/{total} events", there.hits.len())),
        "{screen}"
    );
    there.update(Msg::Action(Action::Brief));
    assert!(
        there.overlay.is_some(),
        "no brief prompt once the list is there"
    );
}
