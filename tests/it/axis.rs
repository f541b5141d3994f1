//! The time axis: era labels that can be read, a legend, and the axis as a control (zoom,
//! a click that selects the nearest event, a brush and two keys that set `from:`/`to:`).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tlx::tui::action::{Action, Msg};
use tlx::tui::app::App;

use crate::tui::{act, curated_app, draw, press, screen_text, selected_id};

/// The axis' rows as drawn (eras, bars, ticks, and the legend when it is on).
fn axis_rows(app: &App, t: &Terminal<TestBackend>) -> Vec<String> {
    let r = app.layout.axis;
    assert!(r.height >= 3, "the axis is drawn");
    let s = screen_text(t);
    s.lines()
        .skip(r.y as usize)
        .take(r.height as usize)
        .map(str::to_string)
        .collect()
}

/// Moves the list's selection down to event `id`.
fn select(app: &mut App, id: &str) {
    act(app, Action::Top);
    for _ in 0..app.rows.len() {
        if selected_id(app) == id {
            return;
        }
        app.update(Msg::Action(Action::Down));
    }
    panic!("{id} is not in the list");
}

/// The screen column (on the axis) of an instant.
fn col_at(app: &App, t: i64) -> u16 {
    let r = app.layout.axis;
    let span = app.axis_span().unwrap();
    r.x + tlx::tui::app::axis::col_of(span, r.width as usize, t) as u16
}

/// An event in each curated era.
const IN_EACH_ERA: [&str; 3] = [
    "dhs-bod-17-01-issued",
    "russia-full-scale-invasion-ukraine",
    "commerce-bis-final-determination",
];

#[test]
fn era_labels_use_the_room_they_have_and_the_selected_era_is_named_in_full() {
    let mut app = curated_app();
    for id in IN_EACH_ERA {
        assert!(app.tl.event_ix(id).is_some(), "{id}");
    }
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut shown = String::new();
        for id in IN_EACH_ERA {
            select(&mut app, id);
            let t = draw(&mut app, w, h);
            shown.push_str(&format!("{id} selected:\n"));
            for row in axis_rows(&app, &t) {
                shown.push_str(&row);
                shown.push('\n');
            }
        }
        insta::assert_snapshot!(format!("axis_eras_{w}x{h}"), shown);
        // Whatever the width, the selected era's title can be read in full.
        assert!(
            shown.contains("The nationwide ban and its aftermath"),
            "{shown}"
        );
    }
}

#[test]
fn an_era_that_gives_a_short_label_shows_it_where_its_title_does_not_fit() {
    let mut tl = tlx::model::load_embedded(&Default::default()).timeline;
    tl.eras[2].short = Some("Nationwide ban".into());
    let mut app = crate::tui::app_with(tl);
    select(&mut app, "dhs-bod-17-01-issued");
    let t = draw(&mut app, 200, 50);
    let rows = axis_rows(&app, &t);
    assert!(rows[0].contains("├Nationwide ban─"), "{rows:?}");
    assert!(rows[0].contains("├Federal-systems bans─"), "{rows:?}");
    // Narrower, the short label is cut; selected, the era is named in full.
    let t = draw(&mut app, 80, 24);
    assert!(axis_rows(&app, &t)[0].ends_with("├Natio…┤"));
    select(&mut app, "commerce-bis-final-determination");
    let t = draw(&mut app, 80, 24);
    let rows = axis_rows(&app, &t);
    assert!(
        rows[0].ends_with("The nationwide ban and its aftermath"),
        "{rows:?}"
    );
}

#[test]
fn the_marker_never_touches_a_year_label() {
    let mut app = curated_app();
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        for edge in [Action::Top, Action::Bottom] {
            act(&mut app, edge);
            let t = draw(&mut app, w, h);
            let ticks = &axis_rows(&app, &t)[2];
            let at = ticks.find('▲').expect("the marker");
            let after = ticks[at..].chars().find(|c| *c != '▲' && *c != '▔');
            assert!(after.is_none_or(|c| c == ' '), "{w}: {ticks}");
            let before = ticks[..at].chars().last();
            assert!(before.is_none_or(|c| c == ' '), "{w}: {ticks}");
        }
    }
}

#[test]
fn the_legend_line_says_what_the_axis_shows_and_its_key_toggles_it() {
    let mut app = curated_app();
    let t = draw(&mut app, 120, 40);
    assert_eq!(app.layout.axis.height, 3);
    assert!(!screen_text(&t).contains("bar height"));
    press(&mut app, "A");
    let t = draw(&mut app, 120, 40);
    assert_eq!(app.layout.axis.height, 4);
    let legend = axis_rows(&app, &t).pop().unwrap();
    assert!(
        legend.starts_with("█ events · bar height: events per month, █ = "),
        "{legend}"
    );
    assert!(legend.contains("▲▔ the selected event"), "{legend}");
    assert!(legend.contains("+ - zoom"), "{legend}");
    insta::assert_snapshot!("axis_legend_120x40", screen_text(&t));
    // With a query, the two styles of bar are told apart.
    app.apply_query("ban").unwrap();
    let t = draw(&mut app, 200, 50);
    let legend = axis_rows(&app, &t).pop().unwrap();
    assert!(
        legend.starts_with("█ the query's events  █ the others · bar height"),
        "{legend}"
    );
    assert!(legend.contains("[ ] from:/to:"), "{legend}");
    insta::assert_snapshot!("axis_legend_200x50", screen_text(&t));
    let t = draw(&mut app, 80, 24);
    let legend = axis_rows(&app, &t).pop().unwrap();
    assert!(tlx::text::width(&legend) <= 80, "{legend}");
    insta::assert_snapshot!("axis_legend_80x24", screen_text(&t));
    press(&mut app, "A");
    draw(&mut app, 80, 24);
    assert_eq!(app.layout.axis.height, 3);
}

#[test]
fn zooming_in_halves_the_span_around_the_selection_and_out_brings_it_back() {
    let mut app = curated_app();
    let full = app.tl.span().unwrap();
    select(&mut app, "commerce-bis-final-determination");
    let t = app
        .tl
        .event("commerce-bis-final-determination")
        .unwrap()
        .date
        .earliest();
    press(&mut app, "+");
    let w = app.axis.window.expect("zoomed in");
    assert_eq!(w.hi - w.lo, (full.hi - full.lo) / 2);
    assert!(w.lo <= t && t <= w.hi);
    // Every bar counts the window only.
    let in_window = app
        .tl
        .events
        .iter()
        .filter(|e| (w.lo..=w.hi).contains(&e.date.earliest()))
        .count();
    assert_eq!(app.axis_all.counts.iter().sum::<u32>() as usize, in_window);
    assert!(in_window < app.tl.events.len());
    // Zoomed to weeks, the bars are days; to days, hours.
    for _ in 0..5 {
        press(&mut app, "=");
    }
    assert_eq!(
        app.axis_all.scale,
        tlx::tui::app::axis_counts::Scale::Day,
        "{:?}",
        app.axis.window
    );
    for _ in 0..6 {
        press(&mut app, "+");
    }
    assert_eq!(app.axis_all.scale, tlx::tui::app::axis_counts::Scale::Hour);
    let narrow = app.axis.window.unwrap();
    assert!(narrow.lo <= t && t <= narrow.hi);
    // As far as it goes: no narrower than six hours.
    for _ in 0..10 {
        press(&mut app, "+");
    }
    let w = app.axis.window.unwrap();
    assert_eq!(w.hi - w.lo, tlx::tui::app::axis::MIN_WINDOW_MS);
    for _ in 0..40 {
        press(&mut app, "-");
    }
    assert_eq!(app.axis.window, None);
    assert_eq!(
        app.axis_all.counts.iter().sum::<u32>() as usize,
        app.tl.events.len()
    );
}

#[test]
fn the_zoom_window_follows_the_selection() {
    let mut app = curated_app();
    act(&mut app, Action::Bottom);
    press(&mut app, "+");
    press(&mut app, "+");
    press(&mut app, "+");
    let w = app.axis.window.unwrap();
    act(&mut app, Action::Top);
    let first = app.tl.events[app.selected_event().unwrap() as usize]
        .date
        .earliest();
    let moved = app.axis.window.unwrap();
    assert_ne!(moved, w);
    assert_eq!(moved.hi - moved.lo, w.hi - w.lo, "as wide as it was");
    assert!(moved.lo <= first && first <= moved.hi);
}

#[test]
fn the_zoomed_axis_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = curated_app();
        select(&mut app, "commerce-bis-final-determination");
        press(&mut app, "+");
        press(&mut app, "+");
        let t = draw(&mut app, w, h);
        let rows = axis_rows(&app, &t);
        assert!(
            rows[2].contains("zoomed in, per ") || rows[2].contains("zoom /"),
            "{rows:?}"
        );
        // The eras that start before the window run on past its left edge.
        assert!(rows[0].starts_with('─'), "{rows:?}");
        insta::assert_snapshot!(format!("axis_zoomed_{w}x{h}"), rows.join("\n"));
    }
}

#[test]
fn the_wheel_over_the_axis_zooms_on_the_pointer() {
    let mut app = curated_app();
    draw(&mut app, 120, 40);
    let r = app.layout.axis;
    let selected = selected_id(&app);
    let col = r.x + 30;
    let span = app.axis_span().unwrap();
    let under = tlx::tui::app::axis::col_start(span, r.width as usize, 30);
    app.update(Msg::Scroll {
        col,
        row: r.y + 1,
        lines: -3,
    });
    let w = app.axis.window.expect("zoomed in");
    assert_eq!(w.hi - w.lo, (span.hi - span.lo) / 2);
    // The instant under the pointer stays under it (to a column), and the list did not move.
    draw(&mut app, 120, 40);
    assert!(col_at(&app, under).abs_diff(col) <= 1);
    assert_eq!(selected_id(&app), selected);
    app.update(Msg::Scroll {
        col,
        row: r.y + 1,
        lines: 3,
    });
    assert_eq!(app.axis.window, None);
}

#[test]
fn a_click_on_the_axis_selects_the_nearest_listed_event() {
    let mut app = curated_app();
    draw(&mut app, 120, 40);
    let target = app
        .tl
        .event("commerce-bis-final-determination")
        .unwrap()
        .date
        .earliest();
    let col = col_at(&app, target);
    let row = app.layout.axis.y + 1;
    app.update(Msg::Click { col, row });
    app.update(Msg::Release { col, row });
    let picked = app.selected_event().unwrap();
    let at = app.tl.events[picked as usize].date.earliest();
    // Nothing listed is nearer to the column clicked than the event selected.
    let span = app.axis_span().unwrap();
    let w = app.layout.axis.width as usize;
    let c = usize::from(col - app.layout.axis.x);
    let (lo, hi) = (
        tlx::tui::app::axis::col_start(span, w, c),
        tlx::tui::app::axis::col_end(span, w, c),
    );
    let dist = |s: tlx::model::Span| {
        if s.hi < lo {
            lo - s.hi
        } else {
            s.lo.saturating_sub(hi).max(0)
        }
    };
    let best = dist(app.tl.events[picked as usize].span());
    assert_eq!(best, 0, "an event starts in the column clicked: {at}");
    assert!(
        app.hits
            .iter()
            .all(|h| dist(app.tl.events[h.event as usize].span()) >= best)
    );
    assert_eq!(app.query_text, "", "a click is not a brush");
    // Only listed events are picked.
    app.apply_query("tag:vulnerability").unwrap();
    draw(&mut app, 120, 40);
    app.update(Msg::Click { col, row });
    let picked = app.selected_event().unwrap();
    assert!(app.hits.iter().any(|h| h.event == picked));
    let nearest = |ev: u32| dist(app.tl.events[ev as usize].span());
    assert!(app.hits.iter().all(|h| nearest(h.event) >= nearest(picked)));
}

#[test]
fn a_brush_along_the_axis_sets_from_and_to() {
    let mut app = curated_app();
    app.apply_query("ban from:2017").unwrap();
    draw(&mut app, 120, 40);
    let r = app.layout.axis;
    let row = r.y + 1;
    let year = |y: i32| {
        let d = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
        i64::from(chrono::Datelike::num_days_from_ce(&d)) * tlx::model::DAY_MS
    };
    let (a, b) = (col_at(&app, year(2020)) + 1, col_at(&app, year(2022)) - 2);
    app.update(Msg::Click { col: a, row });
    app.update(Msg::Drag { col: b - 3, row });
    assert_eq!(app.axis.brush, Some((a, b - 3)));
    // The brush is drawn across the bars.
    let t = draw(&mut app, 120, 40);
    let buf = t.backend().buffer();
    let reversed = |x: u16| {
        buf[(x, row)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!(reversed(a) && reversed(b - 3) && !reversed(b - 2) && !reversed(a - 1));
    app.update(Msg::Drag { col: b, row });
    app.update(Msg::Release { col: b, row });
    assert_eq!(app.axis.brush, None);
    // The months of the columns brushed: a column is less than a month here.
    let q = app.query_text.clone();
    assert!(
        q.starts_with("ban from:2020-0") && q.contains(" to:2021-1"),
        "{q}"
    );
    assert!(app.hits.iter().all(|h| {
        let y = app.tl.events[h.event as usize].date.year();
        (2020..=2021).contains(&y)
    }));
    // Dragged right to left, the same.
    app.update(Msg::Click { col: b, row });
    app.update(Msg::Release { col: a, row });
    assert_eq!(app.query_text, q);
}

#[test]
fn two_keys_set_from_and_to_the_selected_events_date() {
    let mut app = curated_app();
    app.apply_query("kaspersky to:2030").unwrap();
    select(&mut app, "commerce-bis-final-determination");
    let date = app
        .tl
        .event("commerce-bis-final-determination")
        .unwrap()
        .date;
    press(&mut app, "[");
    assert_eq!(
        app.query_text,
        format!("kaspersky to:2030 from:{}", date.as_written())
    );
    let last = app.hits.last().unwrap().event;
    let last_id = app.tl.events[last as usize].id.clone();
    select(&mut app, &last_id);
    press(&mut app, "]");
    let end = app.tl.events[last as usize].date.as_written();
    assert_eq!(
        app.query_text,
        format!("kaspersky from:{} to:{end}", date.as_written())
    );
    assert_eq!(selected_id(&app), app.tl.events[last as usize].id);
    // The selected event stays in the list: its date is within both bounds.
    assert!(app.hits.iter().any(|h| h.event == last));
}

#[test]
fn an_eras_short_label_loads_and_a_bad_one_is_reported_where_it_is() {
    let ok = tlx::model::load_texts(
        &[(
            "t.yaml",
            "title: T\neras:\n  - {id: a, title: A long era, short: Long, start: 2020}\nevents:\n  - {id: e, date: 2020-01-02, title: E}\n",
        )],
        &Default::default(),
    );
    assert!(!ok.has_errors(), "{:?}", ok.diagnostics);
    assert_eq!(ok.timeline.eras[0].short.as_deref(), Some("Long"));
    let bad = tlx::model::load_texts(
        &[(
            "t.yaml",
            "title: T\neras:\n  - id: a\n    title: A\n    short: \"two\\nlines\"\n    start: 2020\nevents: []\n",
        )],
        &Default::default(),
    );
    let lines = crate::util::headlines(&bad);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("t.yaml:5:12: error:") && l.contains("short")),
        "{lines:?}"
    );
}
