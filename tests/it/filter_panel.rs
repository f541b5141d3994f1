//! The filter panel: each value counted within the current result beside its total, and
//! a find (`/`) that narrows the lists as you type.

use std::collections::BTreeSet;

use tlx::tui::action::Action;
use tlx::tui::app::{App, FilterState, Overlay};

use crate::tui::{act, curated_app, draw, press, screen_text, type_text};

fn panel(app: &App) -> &FilterState {
    match &app.overlay {
        Some(Overlay::Filters(f)) => f,
        other => panic!("the filter panel is open: {other:?}"),
    }
}

/// The events the current query keeps, by index.
fn kept(app: &App) -> BTreeSet<u32> {
    app.hits.iter().map(|h| h.event).collect()
}

#[test]
fn each_value_is_counted_within_the_result_its_own_list_does_not_narrow() {
    let mut app = curated_app();
    // What the tags are counted among: the query without its tag: terms.
    app.apply_query("kaspersky actor:kaspersky").unwrap();
    let for_tags = kept(&app);
    // And the actors: the query without its actor: terms.
    app.apply_query("kaspersky tag:policy").unwrap();
    let for_actors = kept(&app);
    app.apply_query("kaspersky tag:policy actor:kaspersky")
        .unwrap();
    let result = kept(&app);
    assert!(result.len() < for_tags.len() && result.len() < for_actors.len());
    act(&mut app, Action::Filters);
    let f = panel(&app);
    let tl = &app.tl;
    for c in &f.tags {
        let ix = tl.tags.iter().position(|t| *t == c.value).unwrap() as u32;
        let want = for_tags
            .iter()
            .filter(|&&e| tl.events[e as usize].tags.contains(&ix))
            .count();
        assert_eq!(c.in_result, Some(want), "tag {}", c.value);
    }
    for c in &f.actors {
        let want = for_actors
            .iter()
            .filter(|&&e| {
                let ev = &tl.events[e as usize];
                ev.actors.iter().any(|r| tl.actor(r.actor).id == c.value)
            })
            .count();
        assert_eq!(c.in_result, Some(want), "actor {}", c.value);
    }
    // Checking `policy` beside the query keeps what its count said.
    let policy = f.tags.iter().find(|c| c.value == "policy").unwrap();
    assert!(policy.checked);
    assert_eq!(policy.in_result, Some(result.len()));
    // The values the result holds most come first; those it does not hold, last.
    let counts: Vec<usize> = f.actors.iter().map(|c| c.in_result.unwrap()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    assert_eq!(*counts.last().unwrap(), 0);
}

#[test]
fn without_a_query_the_counts_are_the_totals() {
    let mut app = curated_app();
    act(&mut app, Action::Filters);
    let f = panel(&app);
    assert!(f.actors.iter().all(|c| c.in_result.is_none()));
    let kaspersky = f.actors.iter().find(|c| c.value == "kaspersky").unwrap();
    assert!(kaspersky.count > 20, "{kaspersky:?}");
}

#[test]
fn slash_narrows_the_lists_space_checks_what_is_shown_and_enter_keeps_the_find() {
    let mut app = curated_app();
    press(&mut app, "f");
    press(&mut app, "tab"); // actors
    let all = panel(&app).actors.len();
    press(&mut app, "/");
    assert!(panel(&app).finding);
    // Letters are the find's now, `j` and `q` too: "apple" narrows the actors to Apple.
    type_text(&mut app, "appl");
    let f = panel(&app);
    let shown: Vec<&str> = f
        .shown(f.section())
        .into_iter()
        .map(|i| f.actors[i].value.as_str())
        .collect();
    assert!(shown.contains(&"apple"), "{shown:?}");
    assert!(shown.len() < all, "{} of {all}", shown.len());
    let first = shown[0].to_string();
    press(&mut app, "enter");
    assert!(!panel(&app).finding);
    assert_eq!(panel(&app).find.text(), "appl");
    // Space checks the value under the cursor among those shown, not the list's first.
    press(&mut app, "space");
    let f = panel(&app);
    let checked: Vec<&str> = f
        .actors
        .iter()
        .filter(|c| c.checked)
        .map(|c| c.value.as_str())
        .collect();
    assert_eq!(checked, [first.as_str()]);
    press(&mut app, "enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, format!("actor:{first}"));
}

#[test]
fn esc_in_the_find_clears_it_and_the_panel_stays_open() {
    let mut app = curated_app();
    press(&mut app, "f");
    press(&mut app, "tab");
    let all = panel(&app).actors.len();
    press(&mut app, "/");
    type_text(&mut app, "zzzz-no-such");
    assert!(panel(&app).shown(panel(&app).section()).is_empty());
    let t = draw(&mut app, 80, 24);
    assert!(
        screen_text(&t).contains("(nothing here matches the find)"),
        "{}",
        screen_text(&t)
    );
    // Toggle with nothing shown checks nothing.
    press(&mut app, "enter");
    press(&mut app, "space");
    assert!(panel(&app).actors.iter().all(|c| !c.checked));
    press(&mut app, "/");
    press(&mut app, "esc");
    let f = panel(&app);
    assert!(!f.finding);
    assert_eq!(f.find.text(), "");
    assert_eq!(f.shown(f.section()).len(), all);
    // A second Esc closes the panel, the query untouched.
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "");
}

#[test]
fn the_find_narrows_every_list_and_tab_keeps_finding_in_the_next() {
    let mut app = curated_app();
    press(&mut app, "f");
    press(&mut app, "/");
    type_text(&mut app, "commerce");
    press(&mut app, "tab");
    let f = panel(&app);
    assert!(f.finding, "the find goes on in the next list");
    let actors: Vec<&str> = f
        .shown(f.section())
        .into_iter()
        .map(|i| f.actors[i].label.as_str())
        .collect();
    assert!(!actors.is_empty());
    assert!(
        actors.iter().all(|a| a.to_lowercase().contains("commerce")),
        "{actors:?}"
    );
    // Tab onto the dates ends the find; the lists stay narrowed.
    for _ in 0..3 {
        press(&mut app, "tab");
    }
    let f = panel(&app);
    assert!(!f.finding);
    assert_eq!(f.find.text(), "commerce");
}

#[test]
fn the_panel_at_three_sizes() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = curated_app();
        app.apply_query("tag:policy").unwrap();
        press(&mut app, "f");
        press(&mut app, "tab");
        press(&mut app, "/");
        type_text(&mut app, "dep");
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("filter_panel_find_{w}x{h}"), screen_text(&t));
    }
}
