//! `Tab` in the search line: facet names and values completed, and the window that
//! offers several candidates, walked by `Tab` and `Shift-Tab`.

use std::collections::BTreeSet;

use tlx::tui::app::{App, CompletionMenu, Overlay, SearchState};
use tlx::workspace::{View, Workspace};

use crate::tui::{curated_app, draw, press, screen_text, type_text};

fn search(app: &App) -> &SearchState {
    match &app.overlay {
        Some(Overlay::Search(st)) => st,
        other => panic!("the search line is open: {other:?}"),
    }
}

fn line(app: &App) -> String {
    search(app).input.text().to_string()
}

fn menu(app: &App) -> &CompletionMenu {
    search(app)
        .menu
        .as_ref()
        .expect("the completion window is open")
}

/// Opens the search line, types `text` and presses Tab.
fn tab_after(app: &mut App, text: &str) {
    press(app, "/");
    type_text(app, text);
    press(app, "tab");
}

#[test]
fn tab_completes_facet_names_and_values_in_the_search_line() {
    let mut app = curated_app();
    tab_after(&mut app, "era:nat");
    assert_eq!(line(&app), "era:nationwide-ban ");
    assert_eq!(app.query_text, "era:nationwide-ban ", "the list follows");
    assert!(search(&app).menu.is_none(), "one candidate: no window");
    type_text(&mut app, "ta");
    press(&mut app, "tab");
    assert_eq!(line(&app), "era:nationwide-ban tag:");
    type_text(&mut app, "sanc");
    press(&mut app, "tab");
    assert_eq!(line(&app), "era:nationwide-ban tag:sanctions ");
    // Several candidates: as far as they agree, and offered.
    type_text(&mut app, "!era:");
    press(&mut app, "tab");
    assert_eq!(line(&app), "era:nationwide-ban tag:sanctions !era:");
    assert_eq!(
        menu(&app).items,
        ["federal-bans", "war-and-escalation", "nationwide-ban"]
    );
    type_text(&mut app, "zz");
    assert!(search(&app).menu.is_none(), "typing closes the window");
    press(&mut app, "tab");
    assert_eq!(
        search(&app).note.as_deref(),
        Some("nothing starts with 'zz'")
    );
    press(&mut app, "ctrl-u");
    type_text(&mut app, "from:");
    press(&mut app, "tab");
    assert_eq!(
        search(&app).note.as_deref(),
        Some("nothing to complete here")
    );
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(s.contains("  nothing to complete here"), "{s}");
    type_text(&mut app, "2024");
    assert_eq!(search(&app).note, None, "the note goes at the next key");
}

#[test]
fn actors_publishers_grades_labels_and_views_complete_too() {
    let mut app = curated_app();
    let mut w = Workspace::default();
    w.set_labels("dhs-bod-17-01-issued", BTreeSet::from(["followup".into()]));
    w.set_labels(
        "bis-entity-list-kaspersky",
        BTreeSet::from(["foreign".into()]),
    );
    w.views.insert(
        "bans".into(),
        View {
            query: "kaspersky ban".into(),
            sort: Default::default(),
            context: false,
        },
    );
    app.set_workspace(w, None);
    for (typed, done) in [
        ("actor:brian", "actor:brian-nelson "),
        ("actor:kaspersky-gre", "actor:kaspersky-great "),
        (
            "source:bureau",
            "source:Bureau\\ of\\ Industry\\ and\\ Security ",
        ),
        ("label:fol", "label:followup "),
        ("view:b", "view:bans "),
        ("rel:b", "rel:B "),
        ("is:", "is:marked "),
        ("has:", "has:note "),
        ("tag:legal,pol", "tag:legal,policy "),
        ("!act", "!actor:"),
    ] {
        tab_after(&mut app, typed);
        assert_eq!(line(&app), done, "{typed}");
        press(&mut app, "esc");
        press(&mut app, "esc");
    }
    tab_after(&mut app, "label:f");
    assert_eq!(menu(&app).items, ["followup", "foreign"]);
    assert_eq!(line(&app), "label:fo", "as far as they agree");
    // The query after the cursor stays where it was.
    press(&mut app, "esc");
    press(&mut app, "esc");
    press(&mut app, "/");
    type_text(&mut app, "era:war ban");
    for _ in 0..4 {
        press(&mut app, "left");
    }
    press(&mut app, "tab");
    assert_eq!(line(&app), "era:war-and-escalation ban");
}

#[test]
fn tab_walks_the_window_and_esc_gives_back_what_was_typed() {
    let mut app = curated_app();
    tab_after(&mut app, "ban actor:kaspersky");
    let items = menu(&app).items.clone();
    assert_eq!(
        items,
        [
            "kaspersky",
            "kaspersky-us",
            "kaspersky-group",
            "kaspersky-uk",
            "kaspersky-great"
        ]
    );
    assert_eq!(menu(&app).selected, None);
    press(&mut app, "tab");
    assert_eq!(line(&app), "ban actor:kaspersky");
    assert_eq!(menu(&app).selected, Some(0));
    press(&mut app, "tab");
    assert_eq!(line(&app), "ban actor:kaspersky-us");
    assert_eq!(app.query_text, "ban actor:kaspersky-us", "the list follows");
    press(&mut app, "backtab");
    press(&mut app, "backtab");
    assert_eq!(menu(&app).selected, None, "round to the text as typed");
    press(&mut app, "backtab");
    assert_eq!(line(&app), "ban actor:kaspersky-great");
    assert_eq!(menu(&app).selected, Some(4));
    // Esc closes the window and gives back the word as typed; the line stays open.
    press(&mut app, "esc");
    assert_eq!(line(&app), "ban actor:kaspersky");
    assert!(search(&app).menu.is_none());
    // A second Esc cancels the line, as ever.
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "");
    // A key that edits keeps the candidate in the line and closes the window.
    tab_after(&mut app, "actor:kaspersky-");
    press(&mut app, "tab");
    assert_eq!(line(&app), "actor:kaspersky-us");
    press(&mut app, "enter");
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "actor:kaspersky-us");
}

/// The window at each size: above the line where the word starts, each candidate with
/// what it is, the one in the line highlighted.
#[test]
fn completion_window_snapshots() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = curated_app();
        tab_after(&mut app, "kaspersky era:");
        press(&mut app, "tab");
        press(&mut app, "tab");
        let s = screen_text(&draw(&mut app, w, h));
        assert!(
            s.contains("war-and-escalation  War and escalation"),
            "{w}x{h}:\n{s}"
        );
        insta::assert_snapshot!(format!("completion_window_{w}x{h}"), s);
    }
    // At the right edge, the window moves left to fit.
    let mut app = curated_app();
    tab_after(&mut app, &format!("{}actor:kaspersky", "x ".repeat(30)));
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(s.contains("kaspersky-great  Kaspersky GReAT"), "{s}");
    insta::assert_snapshot!("completion_window_at_the_edge_80x24", s);
}

/// A long publisher's name gives way to the count beside it: at 80 columns each row of
/// `source:` still says how many events cite that publisher.
#[test]
fn long_values_leave_room_for_what_they_are() {
    let mut app = curated_app();
    tab_after(&mut app, "source:");
    let n = menu(&app).items.len();
    assert!(n > 10, "many publishers: {n}");
    let s = screen_text(&draw(&mut app, 80, 24));
    let rows: Vec<&str> = s
        .lines()
        .skip_while(|l| !l.contains(" candidates "))
        .skip(1)
        .take_while(|l| l.starts_with('│'))
        .collect();
    assert_eq!(rows.len(), 10, "{s}");
    for row in rows {
        assert!(
            row.trim_end_matches('│').trim_end().ends_with("event")
                || row.trim_end_matches('│').trim_end().ends_with("events"),
            "{row}\n{s}"
        );
    }
}
