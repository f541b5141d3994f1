//! The explorer without a terminal: actions in, state and effects out; frames drawn into
//! a `TestBackend` and compared as text.

use chrono::{Local, TimeZone};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyEvent};
use tlx::model::{LoadOptions, Timeline, load_embedded};
use tlx::text::width;
use tlx::tui::action::{Action, Effect, Msg};
use tlx::tui::app::{App, Overlay, PromptKind, Row, Screen, Settings};
use tlx::tui::keymap::{Key, Keymap, Layer};
use tlx::tui::runner::translate;
use tlx::tui::theme::Theme;
use tlx::tui::view;

use crate::util::load;

pub(crate) fn settings() -> Settings {
    Settings {
        keymap: Keymap::defaults(),
        theme: Theme::mono(),
        mouse: true,
        ..Settings::default()
    }
}

pub(crate) fn fixed_now() -> chrono::DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, 28, 9, 30, 0).unwrap()
}

pub(crate) fn app_with(tl: Timeline) -> App {
    let mut app = App::new(tl, settings(), fixed_now());
    // A first frame records the layout, as the runner does.
    draw(&mut app, 120, 40);
    app
}

pub(crate) fn sample_app() -> App {
    let l = load(&["sample.yaml"]);
    assert!(!l.has_errors());
    app_with(l.timeline)
}

pub(crate) fn curated_app() -> App {
    app_with(load_embedded(&LoadOptions::default()).timeline)
}

/// Draws like the runner: the frame, then the layout facts back into the app.
pub(crate) fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut info = app.layout;
    t.draw(|f| info = view::draw(f, app)).unwrap();
    app.layout = info;
    t
}

pub(crate) fn act(app: &mut App, a: Action) -> Vec<Effect> {
    let e = app.update(Msg::Action(a));
    draw(app, 120, 40);
    e
}

/// Presses a key (`n`, `esc`, `ctrl-c`) as the runner reads it: through the keymap.
pub(crate) fn press(app: &mut App, key: &str) -> Vec<Effect> {
    let k = Key::parse(key).unwrap();
    let ev = Event::Key(KeyEvent::new(k.code, k.mods));
    let mut effects = Vec::new();
    for msg in translate(app, ev) {
        effects.extend(app.update(msg));
    }
    effects
}

pub(crate) fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Msg::Input(c));
    }
}

pub(crate) fn selected_id(app: &App) -> String {
    let ev = app.selected_event().expect("a selection");
    app.tl.events[ev as usize].id.clone()
}

pub(crate) fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        s.push_str(line.trim_end());
        s.push('\n');
    }
    s
}

// ---- update: keys to state ----

#[test]
fn moving_skips_year_separators_and_stops_at_the_ends() {
    let mut app = sample_app();
    // The era the list starts in, then the year.
    assert!(matches!(app.rows[0], Row::Era(0)));
    assert!(matches!(app.rows[1], Row::Year(1878)));
    assert!(
        matches!(app.rows[3], Row::Era(1)),
        "an era's separator: {:?}",
        app.rows
    );
    assert_eq!(selected_id(&app), "treaty-berlin");
    act(&mut app, Action::Down);
    assert_eq!(selected_id(&app), "zurich-summit");
    act(&mut app, Action::Bottom);
    assert_eq!(selected_id(&app), "cutoff");
    act(&mut app, Action::Down);
    assert_eq!(selected_id(&app), "cutoff");
    act(&mut app, Action::Top);
    assert_eq!(selected_id(&app), "treaty-berlin");
    act(&mut app, Action::Up);
    assert_eq!(selected_id(&app), "treaty-berlin");
    act(&mut app, Action::PageDown);
    assert_eq!(selected_id(&app), "cutoff");
}

#[test]
fn search_narrows_as_you_type_and_enter_keeps_it() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    type_text(&mut app, "kasp");
    assert_eq!(app.hits.len(), 3);
    type_text(&mut app, " ban");
    assert_eq!(app.hits.len(), 2);
    act(&mut app, Action::Accept);
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "kasp ban");
    assert_eq!(app.history, ["kasp ban"]);
}

#[test]
fn a_bad_term_is_marked_and_keeps_the_last_results() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    type_text(&mut app, "tag:treaty");
    assert_eq!(app.hits.len(), 2);
    app.update(Msg::Paste(" tga:x".into()));
    let Some(Overlay::Search(st)) = &app.overlay else {
        panic!()
    };
    let e = st.error.as_ref().expect("error shown");
    assert_eq!(e.column("tag:treaty tga:x"), 12);
    assert_eq!(app.hits.len(), 2, "results of the last good query stay");
    // Enter does not accept a bad query.
    act(&mut app, Action::Accept);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
}

#[test]
fn esc_in_the_query_line_with_no_query_before_shows_every_event() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    type_text(&mut app, "berlin");
    assert_eq!(app.hits.len(), 1);
    act(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "");
    assert_eq!(app.hits.len(), 6);
}

/// The text of the open query line and where its cursor is.
fn query_line(app: &App) -> (String, usize) {
    let Some(Overlay::Search(st)) = &app.overlay else {
        panic!("the query line is not open")
    };
    (st.input.text().to_string(), st.input.cursor())
}

#[test]
fn slash_reopens_the_kept_query_with_a_space_so_typing_adds_a_term() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    type_text(&mut app, "tag:treaty");
    act(&mut app, Action::Accept);
    assert_eq!(app.hits.len(), 2);
    act(&mut app, Action::Search);
    assert_eq!(query_line(&app), ("tag:treaty ".to_string(), 11));
    type_text(&mut app, "berlin");
    assert_eq!(query_line(&app).0, "tag:treaty berlin");
    assert_eq!(app.hits.len(), 1, "both terms hold");
    act(&mut app, Action::Accept);
    // A query that already ends in a space gets no second one.
    act(&mut app, Action::Search);
    act(&mut app, Action::ClearLine);
    type_text(&mut app, "berlin ");
    act(&mut app, Action::Accept);
    act(&mut app, Action::Search);
    assert_eq!(query_line(&app).0, "berlin ");
}

#[test]
fn esc_in_the_query_line_goes_back_to_the_query_before_slash() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    type_text(&mut app, "tag:treaty");
    act(&mut app, Action::Accept);
    let kept: Vec<u32> = app.hits.iter().map(|h| h.event).collect();
    assert_eq!(kept.len(), 2);
    // Edit it into something else, then change one's mind.
    act(&mut app, Action::Search);
    type_text(&mut app, "berlin");
    assert_eq!(app.hits.len(), 1);
    act(&mut app, Action::Cancel);
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "tag:treaty");
    assert_eq!(app.hits.iter().map(|h| h.event).collect::<Vec<_>>(), kept);
    // Even after clearing the line: Esc still goes back.
    act(&mut app, Action::Search);
    act(&mut app, Action::ClearLine);
    assert_eq!(app.hits.len(), 6, "the cleared line shows every event");
    act(&mut app, Action::Cancel);
    assert_eq!(app.query_text, "tag:treaty");
    assert_eq!(app.hits.len(), 2);
    // And a bad query typed on top of it.
    act(&mut app, Action::Search);
    type_text(&mut app, "tga:x");
    act(&mut app, Action::Cancel);
    assert_eq!(app.query_text, "tag:treaty");
    assert_eq!(app.hits.len(), 2);
}

#[test]
fn help_from_the_search_line_or_the_filter_panel_gives_them_back_as_they_were() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    type_text(&mut app, "tag:treaty");
    act(&mut app, Action::Accept);
    press(&mut app, "/");
    type_text(&mut app, "berlin");
    // F1 opens the search line's keys; `?` would be text here.
    press(&mut app, "f1");
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!("help is open: {:?}", app.overlay)
    };
    assert_eq!(h.layer, Layer::Search);
    press(&mut app, "esc");
    assert_eq!(query_line(&app).0, "tag:treaty berlin");
    // The line still knows the query from before `/`.
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "tag:treaty");
    // The filter panel keeps what was checked and not yet applied.
    press(&mut app, "f");
    press(&mut app, "space");
    press(&mut app, "f1");
    assert!(matches!(app.overlay, Some(Overlay::Help(_))));
    press(&mut app, "esc");
    let Some(Overlay::Filters(f)) = &app.overlay else {
        panic!("the panel is back: {:?}", app.overlay)
    };
    assert_eq!(f.tags.iter().filter(|c| c.checked).count(), 2);
    // The search line's footer says how to open help.
    press(&mut app, "esc");
    press(&mut app, "/");
    let t = draw(&mut app, 120, 40);
    let s = screen_text(&t);
    assert!(s.lines().last().unwrap().contains("F1 help"), "{s}");
}

#[test]
fn esc_on_the_list_clears_the_query_and_u_brings_it_back() {
    let mut app = sample_app();
    press(&mut app, "/");
    type_text(&mut app, "tag:treaty berlin");
    press(&mut app, "enter");
    assert_eq!(app.hits.len(), 1);
    press(&mut app, "esc");
    assert_eq!(app.query_text, "");
    assert_eq!(app.hits.len(), 6);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "query cleared: u brings it back"
    );
    press(&mut app, "u");
    assert_eq!(app.query_text, "tag:treaty berlin");
    assert_eq!(app.hits.len(), 1);
    assert_eq!(app.status.as_ref().unwrap().text, "query restored");
    // Once only: a second `u` has nothing to bring back.
    press(&mut app, "u");
    assert_eq!(app.query_text, "tag:treaty berlin");
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "no cleared query to bring back"
    );
    // Never over a query given since the clear.
    press(&mut app, "esc");
    app.apply_query("'Tokyo").unwrap();
    press(&mut app, "u");
    assert_eq!(app.query_text, "'Tokyo");
}

#[test]
fn query_history_walks_with_up_and_down() {
    let mut app = sample_app();
    for q in ["berlin", "tag:policy"] {
        act(&mut app, Action::Search);
        app.update(Msg::Action(Action::ClearLine));
        type_text(&mut app, q);
        act(&mut app, Action::Accept);
    }
    act(&mut app, Action::Search);
    act(&mut app, Action::HistoryPrevious);
    let text = |app: &App| match &app.overlay {
        Some(Overlay::Search(st)) => st.input.text().to_string(),
        _ => panic!(),
    };
    assert_eq!(text(&app), "tag:policy");
    act(&mut app, Action::HistoryPrevious);
    assert_eq!(text(&app), "berlin");
    assert_eq!(app.hits.len(), 1, "the list follows the history");
    act(&mut app, Action::HistoryNext);
    assert_eq!(text(&app), "tag:policy");
    act(&mut app, Action::HistoryNext);
    assert_eq!(text(&app), "");
}

#[test]
fn the_selection_survives_narrowing_when_it_still_matches() {
    let mut app = sample_app();
    act(&mut app, Action::Bottom);
    act(&mut app, Action::Up);
    assert_eq!(selected_id(&app), "statement");
    app.apply_query("kaspersky").unwrap();
    assert_eq!(selected_id(&app), "statement");
}

#[test]
fn filters_compose_with_search_as_facets() {
    let mut app = sample_app();
    app.apply_query("kasp").unwrap();
    act(&mut app, Action::Filters);
    let Some(Overlay::Filters(f)) = &app.overlay else {
        panic!()
    };
    let policy = f.tags.iter().position(|c| c.value == "policy").unwrap();
    for _ in 0..policy {
        act(&mut app, Action::Down);
    }
    act(&mut app, Action::Toggle);
    // Dates: from 2024-09.
    for _ in 0..4 {
        act(&mut app, Action::NextSection);
    }
    type_text(&mut app, "2024-09");
    act(&mut app, Action::Apply);
    assert!(app.overlay.is_none());
    assert_eq!(app.query_text, "kasp tag:policy from:2024-09");
    assert_eq!(selected_id(&app), "cutoff");
    assert_eq!(app.hits.len(), 1);
    // F clears the facets and keeps the text.
    act(&mut app, Action::ClearFilters);
    assert_eq!(app.query_text, "kasp");
    assert_eq!(app.hits.len(), 3);
}

#[test]
fn filter_panel_reflects_the_query_and_reports_bad_dates() {
    let mut app = sample_app();
    app.apply_query("tag:treaty era:modern").unwrap();
    act(&mut app, Action::Filters);
    let Some(Overlay::Filters(f)) = &app.overlay else {
        panic!()
    };
    assert!(f.tags.iter().any(|c| c.value == "treaty" && c.checked));
    assert!(f.eras.iter().any(|c| c.value == "modern" && c.checked));
    for _ in 0..4 {
        act(&mut app, Action::NextSection);
    }
    type_text(&mut app, "2024-13");
    act(&mut app, Action::Apply);
    let Some(Overlay::Filters(f)) = &app.overlay else {
        panic!("stays open")
    };
    assert!(f.error.as_deref().unwrap().contains("month 13"));
}

#[test]
fn drill_down_and_back_restore_selection_and_scroll() {
    let mut app = sample_app();
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    act(&mut app, Action::Down); // ban
    assert_eq!(selected_id(&app), "ban");
    act(&mut app, Action::Open);
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(app.tl.events[st.event as usize].id, "ban");
    // Items: 1 source, 1 related (cutoff), 1 backlink (statement).
    act(&mut app, Action::Open); // the source
    assert!(matches!(app.stack.last(), Some(Screen::Source(_))));
    act(&mut app, Action::Open); // the one event citing it
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(app.tl.events[st.event as usize].id, "ban");
    assert_eq!(app.stack.len(), 4);
    act(&mut app, Action::Back);
    act(&mut app, Action::Back);
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(st.selected, 0);
    act(&mut app, Action::Down); // related: cutoff
    act(&mut app, Action::Open);
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(app.tl.events[st.event as usize].id, "cutoff");
    act(&mut app, Action::Back);
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(st.selected, 1, "the item selected before is restored");
    act(&mut app, Action::Back);
    assert_eq!(app.stack.len(), 1);
    assert_eq!(selected_id(&app), "ban", "the list selection is restored");
}

#[test]
fn backlinks_are_selectable() {
    let mut app = sample_app();
    app.apply_query("'Commerce\\ bans").unwrap();
    act(&mut app, Action::Open);
    act(&mut app, Action::Bottom); // the backlink from the statement
    act(&mut app, Action::Open);
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!()
    };
    assert_eq!(app.tl.events[st.event as usize].id, "statement");
}

#[test]
fn marks_and_marked_only() {
    let mut app = sample_app();
    act(&mut app, Action::Mark); // treaty-berlin, then moves down
    assert_eq!(selected_id(&app), "zurich-summit");
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark); // tokyo-accord
    assert_eq!(app.ann.marks.len(), 2);
    act(&mut app, Action::MarkedOnly);
    assert_eq!(app.query_text, "is:marked");
    let ids: Vec<String> = app
        .hits
        .iter()
        .map(|h| app.tl.events[h.event as usize].id.clone())
        .collect();
    assert_eq!(ids, ["treaty-berlin", "tokyo-accord"]);
    // Unmarking in the marked-only view updates it.
    act(&mut app, Action::Top);
    act(&mut app, Action::Mark);
    assert_eq!(app.hits.len(), 1);
    act(&mut app, Action::MarkedOnly);
    assert_eq!(app.query_text, "");
}

/// Issue 17: `m` was ANDed with the query, so the header said "2 marked" while the list
/// showed one of them.
#[test]
fn marked_only_shows_every_marked_event_whatever_the_query_and_goes_back() {
    let mut app = sample_app();
    act(&mut app, Action::Mark); // treaty-berlin
    act(&mut app, Action::Down);
    act(&mut app, Action::Mark); // tokyo-accord
    app.apply_query("'Tokyo").unwrap();
    assert_eq!(app.hits.len(), 1);
    act(&mut app, Action::MarkedOnly);
    let ids: Vec<&str> = app
        .hits
        .iter()
        .map(|h| app.tl.events[h.event as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["treaty-berlin", "tokyo-accord"]);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "showing the 2 marked events (m again: back to the list)"
    );
    act(&mut app, Action::MarkedOnly);
    assert_eq!(app.query_text, "'Tokyo");
    assert_eq!(app.hits.len(), 1);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "back to the query: 'Tokyo"
    );
    // `is:marked` typed among other terms: `m` takes that term away.
    app.apply_query("'Tokyo is:marked").unwrap();
    act(&mut app, Action::MarkedOnly);
    assert_eq!(app.query_text, "'Tokyo");
}

#[test]
fn context_shows_neighbours_dimmed_and_unselectable() {
    let mut app = sample_app();
    app.apply_query("'Tokyo").unwrap();
    assert_eq!(app.hits.len(), 1);
    act(&mut app, Action::ToggleContext);
    let events: Vec<(String, bool)> = app
        .rows
        .iter()
        .filter_map(|r| match r {
            Row::Event { ev, hit } => Some((app.tl.events[*ev as usize].id.clone(), *hit)),
            _ => None,
        })
        .collect();
    assert_eq!(
        events,
        [
            ("treaty-berlin".to_string(), false),
            ("zurich-summit".to_string(), false),
            ("tokyo-accord".to_string(), true),
            ("ban".to_string(), false),
            ("statement".to_string(), false),
        ]
    );
    assert_eq!(selected_id(&app), "tokyo-accord");
    act(&mut app, Action::Down);
    assert_eq!(
        selected_id(&app),
        "tokyo-accord",
        "context rows are not selectable"
    );
}

#[test]
fn next_hit_jumps_over_context() {
    let mut app = sample_app();
    app.apply_query("tag:treaty").unwrap();
    act(&mut app, Action::ToggleContext);
    assert_eq!(selected_id(&app), "treaty-berlin");
    act(&mut app, Action::NextHit);
    assert_eq!(selected_id(&app), "tokyo-accord");
    act(&mut app, Action::PreviousHit);
    assert_eq!(selected_id(&app), "treaty-berlin");
}

#[test]
fn sort_toggles_between_date_and_score() {
    let mut app = sample_app();
    app.apply_query("accord").unwrap();
    act(&mut app, Action::ToggleSort);
    assert_eq!(app.sort, tlx::query::Sort::Score);
    assert!(
        !app.rows.iter().any(|r| matches!(r, Row::Year(_))),
        "no year separators when ranked"
    );
    assert_eq!(selected_id(&app), "tokyo-accord");
}

#[test]
fn open_and_copy_produce_effects_only_for_http() {
    let mut app = sample_app();
    act(&mut app, Action::Down);
    act(&mut app, Action::Down); // tokyo-accord: inline NHK source with a URL
    assert_eq!(
        act(&mut app, Action::OpenLink),
        [Effect::OpenUrl("https://example.org/nhk".into())]
    );
    assert_eq!(
        act(&mut app, Action::Copy),
        [Effect::Copy {
            text: "https://example.org/nhk".into(),
            what: "URL".into()
        }]
    );
    act(&mut app, Action::Bottom); // cutoff: source without a URL
    assert_eq!(act(&mut app, Action::OpenLink), []);
    assert!(app.status.as_ref().unwrap().text.contains("no URL"));
    assert_eq!(
        act(&mut app, Action::Copy),
        [Effect::Copy {
            text: "cutoff".into(),
            what: "event id".into()
        }]
    );
}

/// Issue 17: `y` on a related event copied the first source's URL; it copies that
/// event's id (and on a backlink, the id of the event that links here).
#[test]
fn copy_on_a_related_event_copies_its_id() {
    let mut app = sample_app();
    for _ in 0..3 {
        act(&mut app, Action::Down);
    }
    assert_eq!(selected_id(&app), "ban");
    act(&mut app, Action::Open);
    let ev = app.tl.event_ix("ban").unwrap();
    let items = app.event_items(ev);
    let related = items
        .iter()
        .position(|i| matches!(i, tlx::tui::app::Item::Related(_)))
        .expect("ban has a related event");
    let backlink = items
        .iter()
        .position(|i| matches!(i, tlx::tui::app::Item::Backlink(_)))
        .expect("statement links to ban");
    let copy_at = |app: &mut App, at: usize| {
        act(app, Action::Top);
        for _ in 0..at {
            act(app, Action::Down);
        }
        act(app, Action::Copy)
    };
    let id = |text: &str| Effect::Copy {
        text: text.into(),
        what: "event id".into(),
    };
    assert_eq!(copy_at(&mut app, related), [id("cutoff")]);
    assert_eq!(copy_at(&mut app, backlink), [id("statement")]);
    // On a source, `y` still copies the source's URL (or its id).
    let source = copy_at(&mut app, 0);
    assert!(
        matches!(&source[..], [Effect::Copy { what, .. }] if what == "URL" || what == "source id"),
        "{source:?}"
    );
}

/// Issue 17: the brief prompt reads a leading `~` as the home folder, as a shell does.
#[test]
fn the_brief_prompt_expands_a_leading_tilde() {
    let home = std::env::var_os("HOME").expect("HOME is set for the tests");
    let mut app = sample_app();
    act(&mut app, Action::Brief);
    act(&mut app, Action::Write);
    app.update(Msg::Action(Action::ClearLine));
    type_text(&mut app, "~/briefs/k.md");
    let effects = act(&mut app, Action::Accept);
    let [Effect::WriteBrief { path, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(*path, std::path::Path::new(&home).join("briefs/k.md"));
}

#[test]
fn the_brief_prompt_never_overwrites_without_a_yes() {
    let mut app = sample_app();
    act(&mut app, Action::Mark);
    act(&mut app, Action::Brief);
    act(&mut app, Action::Write);
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!()
    };
    assert_eq!(p.input.text(), "brief-20261128-0930.md");
    app.update(Msg::Action(Action::ClearLine));
    type_text(&mut app, "out.md");
    let effects = act(&mut app, Action::Accept);
    let [
        Effect::WriteBrief {
            path,
            content,
            events,
            force,
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(path.to_str(), Some("out.md"));
    assert_eq!(*events, 1, "the marked event");
    assert!(!force, "first attempt never forces");
    assert!(content.starts_with("# Sample timeline"));
    // The runner found the file: the app asks.
    app.confirm_overwrite(path.clone(), content.clone(), *events);
    assert!(
        matches!(&app.overlay, Some(Overlay::Prompt(p)) if matches!(p.kind, PromptKind::ConfirmOverwrite { .. }))
    );
    assert_eq!(
        act(&mut app, Action::Accept),
        [],
        "Enter alone is not a yes"
    );
    // The answers are keys of the keymap's `confirm` screen.
    assert_eq!(app.layer(), Layer::Confirm);
    // No keeps the file and goes back to the file name, to change it (issue 17).
    press(&mut app, "n");
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("{:?}", app.overlay.is_some())
    };
    assert_eq!(p.kind, PromptKind::BriefPath);
    assert_eq!(p.input.text(), "out.md");
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "the file was kept: give another name"
    );
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.status.as_ref().unwrap().text, "no brief written");
    // And with a yes:
    app.confirm_overwrite(path.clone(), content.clone(), *events);
    let e = press(&mut app, "y");
    assert!(matches!(
        e.as_slice(),
        [Effect::WriteBrief { force: true, .. }]
    ));
}

#[test]
fn the_answers_to_replace_a_file_go_through_the_keymap() {
    let mut app = sample_app();
    let path = std::path::PathBuf::from("out.md");
    app.confirm_overwrite(path.clone(), "# x\n".into(), 1);
    // Typed text is not an answer: only a key bound to `yes` is.
    assert_eq!(app.update(Msg::Input('y')), []);
    assert_eq!(app.update(Msg::Paste("y".into())), []);
    assert!(matches!(&app.overlay, Some(Overlay::Prompt(_))));
    // `?` is not help here (it would drop the question), and other keys wait.
    assert_eq!(press(&mut app, "?"), []);
    assert_eq!(press(&mut app, "x"), []);
    assert!(matches!(&app.overlay, Some(Overlay::Prompt(_))));
    assert!(press(&mut app, "Y").len() == 1, "upper-case Y is a yes too");
    // Rebound in the config, the keys and the question follow.
    let mut km = Keymap::defaults();
    let errors = km
        .patch_text("confirm:\n  y: none\n  Y: none\n  j: yes\n")
        .unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    app.settings.keymap = km;
    app.confirm_overwrite(path, "# x\n".into(), 1);
    assert_eq!(press(&mut app, "y"), []);
    let text = screen_text(&draw(&mut app, 80, 24));
    assert!(text.contains("out.md exists. Replace it? (j/n)"), "{text}");
    assert!(matches!(
        press(&mut app, "j").as_slice(),
        [Effect::WriteBrief { force: true, .. }]
    ));
    // Esc gives up, as before.
    app.confirm_overwrite("out.md".into(), String::new(), 1);
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    assert_eq!(app.status.as_ref().unwrap().text, "no brief written");
}

#[test]
fn help_lists_the_current_screen_keys_and_closes() {
    let mut app = sample_app();
    act(&mut app, Action::Open);
    act(&mut app, Action::Help);
    let Some(Overlay::Help(h)) = &app.overlay else {
        panic!()
    };
    assert_eq!(h.layer, tlx::tui::keymap::Layer::Event);
    act(&mut app, Action::Close);
    assert!(app.overlay.is_none());
    assert!(matches!(app.stack.last(), Some(Screen::Event(_))));
}

#[test]
fn quit_from_main_and_back_from_screens() {
    let mut app = sample_app();
    act(&mut app, Action::Open);
    assert_eq!(act(&mut app, Action::Back), []);
    assert_eq!(act(&mut app, Action::Quit), [Effect::Quit]);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = sample_app();
    let list = app.layout.list;
    // Rows: the era Old Europe, 1878, treaty-berlin, the era Modern times, 2023, zurich.
    app.update(Msg::Click {
        col: list.x + 5,
        row: list.y + 5,
    });
    assert_eq!(selected_id(&app), "zurich-summit");
    app.update(Msg::Scroll {
        col: list.x + 5,
        row: list.y + 5,
        lines: 3,
    });
    assert_eq!(selected_id(&app), "ban");
}

#[test]
fn pasting_a_flood_into_the_query_line_is_capped() {
    let mut app = sample_app();
    act(&mut app, Action::Search);
    app.update(Msg::Paste("x".repeat(50_000)));
    let Some(Overlay::Search(st)) = &app.overlay else {
        panic!()
    };
    assert_eq!(st.input.text().len(), tlx::tui::input::MAX_INPUT);
    draw(&mut app, 80, 24);
}

// ---- rendering ----

#[test]
fn renders_at_every_small_size_without_panicking() {
    let mut app = curated_app();
    for w in 1..=20 {
        for h in 1..=6 {
            draw(&mut app, w, h);
        }
    }
    for (w, h) in [
        (0, 0),
        (39, 9),
        (40, 10),
        (99, 30),
        (100, 30),
        (300, 5),
        (5, 300),
    ] {
        draw(&mut app, w, h);
    }
    let t = draw(&mut app, 30, 8);
    assert!(screen_text(&t).contains("Terminal too small"));
}

#[test]
fn every_overlay_renders_at_tiny_sizes() {
    let mut app = curated_app();
    for a in [Action::Search, Action::Filters, Action::Help, Action::Brief] {
        app.update(Msg::Action(a));
        for (w, h) in [(1, 1), (20, 6), (40, 10), (41, 11)] {
            draw(&mut app, w, h);
        }
        app.overlay = None;
    }
    app.update(Msg::Action(Action::Open));
    app.update(Msg::Action(Action::Open));
    for (w, h) in [(1, 1), (20, 6), (40, 10)] {
        draw(&mut app, w, h);
    }
}

macro_rules! snap {
    ($name:expr, $app:expr, $w:expr, $h:expr) => {{
        let t = draw(&mut $app, $w, $h);
        insta::assert_snapshot!($name, screen_text(&t));
    }};
}

#[test]
fn main_screen_80x24_120x40_and_200x50() {
    let mut app = curated_app();
    snap!("main_80x24", app, 80, 24);
    let mut app = curated_app();
    snap!("main_120x40", app, 120, 40);
    let mut app = curated_app();
    snap!("main_200x50", app, 200, 50);
}

#[test]
fn search_with_highlights() {
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let mut app = curated_app();
        app.update(Msg::Action(Action::Search));
        type_text(&mut app, "triangulation");
        snap!(format!("search_{w}x{h}"), app, w, h);
    }
}

#[test]
fn search_with_a_bad_term() {
    let mut app = curated_app();
    app.update(Msg::Action(Action::Search));
    type_text(&mut app, "tag:sanctions tga:x");
    snap!("search_error_120x40", app, 120, 40);
}

/// Issue 17: at 80 columns the query error was cut (`… to search for the text itself,…`);
/// it wraps onto the lines above a line with the caret under the bad term, wherever the
/// term is on the line.
#[test]
fn a_query_error_stays_readable_at_80_columns() {
    for q in [
        "tag:sanctions tga:x",
        "kaspersky sanctions policy legal intelligence geopolitics tga:x",
    ] {
        let mut app = curated_app();
        app.update(Msg::Action(Action::Search));
        type_text(&mut app, q);
        let Some(Overlay::Search(st)) = &app.overlay else {
            panic!()
        };
        let message = st.error.as_ref().unwrap().message.clone();
        let t = draw(&mut app, 80, 24);
        let s = screen_text(&t);
        let lines: Vec<&str> = s.lines().collect();
        let caret_row = lines
            .iter()
            .rposition(|l| l.trim() == "^")
            .unwrap_or_else(|| panic!("{s}"));
        let col = |l: &str, pat: &str| l[..l.find(pat).unwrap()].chars().count();
        let input = lines[lines.len() - 1];
        assert_eq!(
            col(lines[caret_row], "^"),
            col(input, "tga:x"),
            "the caret is under the bad term: {s}"
        );
        // The message, whole, on the lines just above the caret.
        let mut shown: Vec<&str> = lines[..caret_row]
            .iter()
            .rev()
            .take_while(|l| l.starts_with("  ") && !l.trim().is_empty())
            .map(|l| l.trim())
            .collect();
        shown.reverse();
        assert_eq!(shown.join(" "), message, "the whole message: {s}");
        assert!(lines.iter().all(|l| width(l) <= 80), "{s}");
    }
}

#[test]
fn filters_help_and_prompt_overlays() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = curated_app();
        app.update(Msg::Action(Action::Filters));
        snap!(format!("filters_{w}x{h}"), app, w, h);
        let mut app = curated_app();
        app.update(Msg::Action(Action::Help));
        snap!(format!("help_{w}x{h}"), app, w, h);
        let mut app = curated_app();
        app.update(Msg::Action(Action::Brief));
        snap!(format!("composer_{w}x{h}"), app, w, h);
        app.update(Msg::Action(Action::Write));
        snap!(format!("brief_prompt_{w}x{h}"), app, w, h);
    }
}

#[test]
fn event_and_source_screens() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = curated_app();
        let ix = app.tl.event_ix("commerce-bis-final-determination").unwrap();
        let row = app.rows.iter().position(|r| r.event() == Some(ix)).unwrap();
        while app.main().selected != row {
            app.update(Msg::Action(Action::Down));
        }
        app.update(Msg::Action(Action::Open));
        snap!(format!("event_{w}x{h}"), app, w, h);
        app.update(Msg::Action(Action::Open));
        snap!(format!("source_{w}x{h}"), app, w, h);
    }
}

#[test]
fn empty_result_and_tiny_terminal() {
    let mut app = curated_app();
    app.apply_query("'no-such-text-anywhere").unwrap();
    snap!("empty_80x24", app, 80, 24);
    let mut app = curated_app();
    snap!("tiny_30x8", app, 30, 8);
}

#[test]
fn mono_theme_keeps_the_selection_and_matches_visible() {
    let mut app = sample_app();
    app.apply_query("berlin").unwrap();
    let t = draw(&mut app, 120, 40);
    let buf = t.backend().buffer();
    let list = app.layout.list;
    // The selected row is reversed; the matched letters bold and underlined.
    let row_y = (list.y..list.y + list.height)
        .find(|&y| {
            (list.x..list.x + list.width).any(|x| {
                buf[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
        })
        .expect("a reversed row");
    let line: String = (list.x..list.x + list.width)
        .map(|x| buf[(x, row_y)].symbol().to_string())
        .collect();
    assert!(line.contains("Treaty of Berlin"), "{line}");
    let underlined: String = (list.x..list.x + list.width)
        .filter(|&x| {
            buf[(x, row_y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED | ratatui::style::Modifier::BOLD)
        })
        .map(|x| buf[(x, row_y)].symbol().to_string())
        .collect();
    assert_eq!(underlined, "Berlin");
    for x in 0..buf.area.width {
        for y in 0..buf.area.height {
            assert_eq!(
                buf[(x, y)].fg,
                ratatui::style::Color::Reset,
                "mono has no colour"
            );
        }
    }
}

#[test]
fn hostile_text_never_reaches_the_screen_raw() {
    let text = "title: Hostile\nsources:\n  s: {publisher: \"P\\e]0;pwned\\a\"}\nevents:\n  - id: a\n    date: 2024\n    title: \"evil \\e[2J\\e]52;c;Zm9v\\a \\u202e tail\"\n    sources: [s]\n";
    let l = tlx::model::load_texts(&[("h.yaml", text)], &LoadOptions::default());
    assert!(!l.has_errors(), "{:?}", l.diagnostics);
    let mut app = app_with(l.timeline);
    let t = draw(&mut app, 120, 40);
    let s = screen_text(&t);
    assert!(!s.contains('\x1b') && !s.contains('\x07') && !s.contains('\u{202e}'));
    assert!(s.contains("evil ␛[2J␛]52;c;Zm9v␇ � tail"), "{s}");
}

#[test]
fn help_and_problems_wrap_long_lines_instead_of_clipping_them() {
    let mut app = curated_app();
    app.update(Msg::Action(Action::Help));
    draw(&mut app, 80, 24);
    for _ in 0..6 {
        app.update(Msg::Action(Action::Down));
    }
    let t = draw(&mut app, 80, 24);
    let s = screen_text(&t);
    assert!(
        s.contains("write a note on the event, in $VISUAL or $EDITOR (on a"),
        "{s}"
    );
    assert!(
        s.contains("│                 note: edit it)"),
        "the rest wraps under the description: {s}"
    );

    let mut app = curated_app();
    app.reload_failed(vec![
        "t.yaml:4:11: error: invalid date: '2024-13-01': month 13 does not exist (months run from 01 to 12)".into(),
        "  |".into(),
        "4 |     date: 2024-13-01".into(),
        "  |           ^^^^^^^^^^".into(),
        format!("5 |     title: \"{}\"", "x".repeat(120)),
    ]);
    app.update(Msg::Action(Action::Problems));
    let t = draw(&mut app, 80, 24);
    let s = screen_text(&t);
    assert!(s.contains("(months run from 01 to 12)"), "{s}");
    assert!(
        s.contains("xxx…"),
        "a long line of the file is cut with an ellipsis: {s}"
    );
    // The caret stays under the date it points at.
    let line = |needle: &str| s.lines().find(|l| l.contains(needle)).unwrap().to_string();
    let col = |l: &str, pat: &str| l.find(pat).map(|b| l[..b].chars().count()).unwrap();
    assert_eq!(col(&line("date: 2024"), "2024"), col(&line("^^^^"), "^"));
    insta::assert_snapshot!("problems_80x24", s);
}

/// Issue 17: the problems window says "fixed" once the files load again, and shows the
/// config's problems in full beside the files'.
#[test]
fn the_problems_window_says_fixed_after_a_reload_and_shows_the_config_in_full() {
    let mut app = curated_app();
    act(&mut app, Action::Problems);
    assert!(app.overlay.is_none(), "nothing to show");
    app.reload_failed(vec!["t.yaml:4:11: error: invalid date".into()]);
    act(&mut app, Action::Problems);
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(s.contains("Problems: the files no longer load"), "{s}");
    assert!(s.contains("t.yaml:4:11: error: invalid date"), "{s}");
    let tl = (*app.tl).clone();
    app.replace_timeline(tl, None);
    assert!(matches!(app.overlay, Some(Overlay::Problems(p)) if p.fixed));
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(s.contains("Problems: fixed"), "{s}");
    assert!(
        s.contains("✓ Fixed: the files load again (39 events)."),
        "{s}"
    );
    assert!(!s.contains("invalid date"), "{s}");
    act(&mut app, Action::Close);
    assert!(app.overlay.is_none());
    // Broken again while the window is open: the problems, not "fixed".
    act(&mut app, Action::Problems);
    assert!(
        app.overlay.is_none(),
        "fixed, and no config problem: nothing to open"
    );

    let long = format!(
        "config.yaml:3:8: warning: unknown theme 'drak' (did you mean 'dark'?) {}",
        "and more words ".repeat(8)
    );
    let mut app = App::new(
        load_embedded(&LoadOptions::default()).timeline,
        Settings {
            config_problems: vec![
                "The config (config.yaml): that value was not used, the rest of the config was; it is read again when tlx starts.".into(),
                long.clone(),
                "  |".into(),
                "3 | theme: drak".into(),
                "  |        ^^^^".into(),
            ],
            ..settings()
        },
        fixed_now(),
    );
    act(&mut app, Action::Problems);
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(s.contains("Problems of the config"), "{s}");
    assert!(s.contains("(did you mean 'dark'?)"), "{s}");
    assert!(
        s.contains("and more words and more words"),
        "wrapped, not cut: {s}"
    );
    let line = |needle: &str| s.lines().find(|l| l.contains(needle)).unwrap().to_string();
    let col = |l: &str, pat: &str| l.find(pat).map(|b| l[..b].chars().count()).unwrap();
    assert_eq!(col(&line("theme: drak"), "drak"), col(&line("^^^^"), "^"));
    // The files break too: both, the files first.
    app.reload_failed(vec!["t.yaml:1:1: error: bad".into()]);
    let s = screen_text(&draw(&mut app, 120, 40));
    assert!(
        s.find("t.yaml:1:1: error: bad").unwrap() < s.find("unknown theme").unwrap(),
        "{s}"
    );
    insta::assert_snapshot!("problems_with_config_120x40", s);
}

#[test]
fn tag_chips_show_at_80_and_120_columns_and_give_way_to_a_count() {
    use tlx::tui::view::list::chips;
    let tags: Vec<String> = ["policy", "legal", "sanctions"].map(String::from).into();
    assert_eq!(chips(&tags, 40), "policy legal sanctions");
    assert_eq!(chips(&tags, 16), "policy legal +1");
    assert_eq!(chips(&tags, 10), "policy +2");
    assert_eq!(chips(&tags, 3), "+3");
    assert_eq!(chips(&tags, 1), "");
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = sample_app();
        let t = draw(&mut app, w, h);
        let s = screen_text(&t);
        let row = s
            .lines()
            .find(|l| l.contains("│  13 Jul 1878"))
            .unwrap_or_else(|| panic!("{s}"));
        assert!(row.contains("treaty"), "{w}x{h}: {row}");
    }
    // The title comes first (issue 17): beside the detail pane at 120x40 a long title
    // keeps the whole row and its tags go (the detail pane lists them); at 200x50 the
    // whole title shows, and the tags after it.
    let mut app = curated_app();
    let t = draw(&mut app, 120, 40);
    let s = screen_text(&t);
    let row = s.lines().find(|l| l.contains("U.S. officials")).unwrap();
    assert!(
        row.contains("U.S. officials privately warn American compani…"),
        "{row}"
    );
    assert!(!row.contains("intelligence"), "{row}");
    let t = draw(&mut app, 200, 50);
    let s = screen_text(&t);
    let row = s.lines().find(|l| l.contains("U.S. officials")).unwrap();
    assert!(
        row.contains(
            "U.S. officials privately warn American companies about Kaspersky software   intelligence +2"
        ),
        "{row}"
    );
}

/// Issue 17: at 120x40, beside the detail pane, no title of the curated timeline is cut
/// below 40 characters (the list leaves 46 after the date and the gutter).
#[test]
fn titles_beside_the_detail_pane_keep_at_least_40_characters() {
    let mut app = curated_app();
    let t = draw(&mut app, 120, 40);
    let s = screen_text(&t);
    let cut: Vec<&str> = s
        .lines()
        .filter_map(|l| l.split('│').nth(1))
        .filter(|row| row.contains('…'))
        .collect();
    assert!(!cut.is_empty(), "the long titles are cut: {s}");
    for row in cut {
        // Two cells of gutter, the date column and its space, then the title.
        let title: String = row.chars().skip(2 + app.date_width + 1).collect();
        assert!(title.trim_end().chars().count() >= 40, "{row:?}");
    }
}

#[test]
fn greater_and_less_than_move_the_split_between_list_and_detail_within_bounds() {
    let mut app = curated_app();
    let list_width = |app: &mut App| {
        draw(app, 120, 40);
        app.layout.list.width
    };
    let start = list_width(&mut app);
    press(&mut app, ">");
    let wider = list_width(&mut app);
    assert!(wider > start, "{wider} > {start}");
    assert_eq!(app.status.as_ref().unwrap().text, "60% list, 40% detail");
    // Ten steps reach the widest (80%) and stop there; the detail pane keeps its 20%.
    for _ in 0..10 {
        press(&mut app, ">");
    }
    let widest = list_width(&mut app);
    assert!(
        app.status.as_ref().unwrap().text.ends_with("at its widest"),
        "{:?}",
        app.status
    );
    assert!(app.layout.detail.width >= 20, "{:?}", app.layout);
    // One step back moves at once (steps past the bound are not counted).
    press(&mut app, "<");
    assert!(list_width(&mut app) < widest);
    for _ in 0..20 {
        press(&mut app, "<");
    }
    let narrowest = list_width(&mut app);
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "30% list, 70% detail: the list is at its narrowest"
    );
    assert!(
        narrowest < start && narrowest >= 120 * 30 / 100 - 2,
        "{narrowest}"
    );
    // A wider list cuts fewer titles.
    for _ in 0..10 {
        press(&mut app, ">");
    }
    let t = draw(&mut app, 120, 40);
    let s = screen_text(&t);
    let cut = s
        .lines()
        .filter(|l| l.split('│').nth(1).is_some_and(|r| r.contains('…')))
        .count();
    press(&mut app, "<");
    for _ in 0..10 {
        press(&mut app, "<");
    }
    let t = draw(&mut app, 120, 40);
    let s2 = screen_text(&t);
    let cut_narrow = s2
        .lines()
        .filter(|l| l.split('│').nth(1).is_some_and(|r| r.contains('…')))
        .count();
    assert!(
        cut < cut_narrow,
        "{cut} titles cut at 80%, {cut_narrow} at 30%"
    );
    // The split needs the detail pane beside the list.
    let mut narrow = curated_app();
    draw(&mut narrow, 80, 24);
    press(&mut narrow, ">");
    assert!(
        narrow
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("one pane at this width"),
        "{:?}",
        narrow.status
    );
}

fn footer(t: &Terminal<TestBackend>) -> String {
    screen_text(t).lines().last().unwrap().to_string()
}

#[test]
fn a_failed_opener_shows_the_url_first_and_cuts_the_reason() {
    let mut app = sample_app();
    act(&mut app, Action::Open);
    app.update(Msg::OpenFailed {
        url: "https://example.org/nhk".into(),
        reason: "could not start xdg-open".into(),
    });
    let t = draw(&mut app, 80, 24);
    let line = footer(&t);
    assert!(
        line.starts_with(" https://example.org/nhk not opened: could not start xdg-open"),
        "{line}"
    );
    assert!(
        line.ends_with("Bksp back  ? help"),
        "the essential keys stay: {line}"
    );
    // A URL as wide as the footer allows is shown whole; the reason is what gets cut.
    let url = format!(
        "https://www.federalregister.gov/documents/2024/06/24/{}",
        "x".repeat(14)
    );
    assert_eq!(url.len(), 67);
    app.update(Msg::OpenFailed {
        url: url.clone(),
        reason: "could not start xdg-open".into(),
    });
    let line = footer(&draw(&mut app, 80, 24));
    assert!(line.starts_with(&format!(" {url} not op")), "{line}");
    assert!(line.ends_with('…'), "{line}");
}

#[test]
fn the_footer_keeps_the_essential_keys_beside_a_status() {
    let mut app = curated_app();
    app.update(Msg::Done {
        ok: true,
        text: "reloaded (35 events)".into(),
    });
    for (w, h) in [(80, 24), (120, 40)] {
        let line = footer(&draw(&mut app, w, h));
        assert!(line.starts_with(" reloaded (35 events)"), "{line}");
        assert!(line.contains("? help") && line.contains("q quit"), "{line}");
        assert!(width(&line) <= w as usize, "{line}");
    }
    // Without a status, every key that fits.
    app.update(Msg::Action(Action::Search));
    app.update(Msg::Action(Action::Cancel));
    app.status = None;
    let line = footer(&draw(&mut app, 80, 24));
    assert!(line.starts_with(" j move  Enter open  / search"), "{line}");
    assert!(line.ends_with("? help  q quit"), "{line}");
}

#[test]
fn the_header_shortens_the_title_before_the_query_and_keeps_the_count() {
    let mut app = curated_app();
    app.apply_query("kasp tag:sanctions,policy from:2023-06")
        .unwrap();
    let n = app.hits.len();
    let t = draw(&mut app, 80, 24);
    let header = screen_text(&t).lines().next().unwrap().to_string();
    assert!(
        header.starts_with(" Kaspersky and the U.S. g…  "),
        "the title gives way first: {header}"
    );
    assert!(header.contains(&format!("{n}/39 events")), "{header}");
    assert!(
        header.ends_with("  kasp tag:sanctions,policy from:2023-06"),
        "the whole query: {header}"
    );
    // Narrower: the title keeps a few words, the query is cut with an ellipsis.
    let t = draw(&mut app, 60, 24);
    let header = screen_text(&t).lines().next().unwrap().to_string();
    assert!(
        header.contains(&format!("{n}/39 events  kasp tag:")),
        "{header}"
    );
    assert!(header.ends_with('…') && width(&header) <= 60, "{header}");
    let t = draw(&mut app, 120, 40);
    let header = screen_text(&t).lines().next().unwrap().to_string();
    assert!(
        header.starts_with(" Kaspersky and the U.S. government, 2017–2025  "),
        "{header}"
    );
}

#[test]
fn the_reload_banner_keeps_the_header_below_it() {
    let mut app = curated_app();
    app.apply_query("kasp").unwrap();
    app.reload_failed(vec!["t.yaml:1:1: error: bad".into()]);
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&mut app, w, h);
        let s = screen_text(&t);
        let mut lines = s.lines();
        let banner = lines.next().unwrap();
        assert!(
            banner.contains("the last good timeline (D: the problems)"),
            "{banner}"
        );
        let header = lines.next().unwrap();
        assert!(
            header.contains(&format!("{}/39 events  kasp", app.hits.len())),
            "{header}"
        );
    }
}

/// The time axis' three rows: eras, density, years.
fn axis_rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let s = screen_text(t);
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len() - 4..lines.len() - 1]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

#[test]
fn the_axis_labels_narrow_eras_and_keeps_years_and_the_marker_apart() {
    let mut app = curated_app();
    app.apply_query("triangulation").unwrap();
    let rows = axis_rows(&draw(&mut app, 80, 24));
    // The last era is eight cells wide: too narrow for its title, it shows its short
    // label.
    assert!(rows[0].ends_with("├US ban┤"), "{rows:?}");
    // The first year starts before the timeline: pinned to the edge, it does not hide
    // the next one.
    assert!(rows[2].starts_with("2017 ┊2018"), "{rows:?}");
    // The last event selected: the unit stays clear of the marker.
    let mut app = curated_app();
    act(&mut app, Action::Bottom);
    let rows = axis_rows(&draw(&mut app, 120, 40));
    assert!(rows[2].ends_with(" per month ▲"), "{rows:?}");
    assert!(rows[2].starts_with("2017   ┊2018"), "{rows:?}");
    // The first event selected: the pinned year steps right of the marker, a blank
    // between them.
    act(&mut app, Action::Top);
    let rows = axis_rows(&draw(&mut app, 120, 40));
    assert!(rows[2].starts_with("▲ 2017 ┊2018"), "{rows:?}");
}

#[test]
fn the_dates_tab_marks_the_active_field_and_puts_the_cursor_in_it() {
    let mut app = sample_app();
    act(&mut app, Action::Filters);
    for _ in 0..4 {
        act(&mut app, Action::NextSection);
    }
    type_text(&mut app, "2023");
    let mut t = draw(&mut app, 80, 24);
    let s = screen_text(&t);
    let find = |s: &str, pat: &str| {
        s.lines()
            .enumerate()
            .find_map(|(y, l)| {
                l.find(pat)
                    .map(|b| (l[..b].chars().count() as u16, y as u16))
            })
            .unwrap_or_else(|| panic!("{pat} in {s}"))
    };
    let (x, y) = find(&s, "▸ From   [2023");
    assert!(s.contains("   To     [any"), "{s}");
    let cursor = t.get_cursor_position().unwrap();
    assert_eq!((cursor.x, cursor.y), (x + 14, y), "after 2023: {s}");
    insta::assert_snapshot!("filters_dates_80x24", s);
    act(&mut app, Action::Down);
    t = draw(&mut app, 80, 24);
    let s = screen_text(&t);
    let (x, y) = find(&s, "▸ To     [");
    assert!(s.contains("   From   [2023"), "{s}");
    let cursor = t.get_cursor_position().unwrap();
    assert_eq!((cursor.x, cursor.y), (x + 10, y), "{s}");
}

#[test]
fn a_bad_config_is_a_warning_in_the_explorer_as_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("config.yaml");
    std::fs::write(&file, "mouse: maybe\n").unwrap();
    let global = tlx::cli::Global {
        workspace: None,
        tz: None,
        no_workspace: false,
        color: tlx::cli::ColorChoice::Never,
        stats: false,
        max_file_size: 256 << 20,
        no_cache: true,
        config: Some(file.clone()),
        max_expansion: 4,
    };
    let (started, _) = tlx::tui::settings_from(&global, &tlx::config::Env::default(), false);
    let notice = started.startup_notice.expect("a notice");
    let out = crate::util::tlx()
        .arg("list")
        .arg("--config")
        .arg(&file)
        .output()
        .unwrap();
    let cli = String::from_utf8(out.stderr).unwrap();
    let first = cli.lines().next().unwrap();
    assert!(first.contains(": warning: mouse:"), "{cli}");
    assert!(notice.starts_with(first), "{notice}\nvs\n{cli}");
    // On screen, in the status line.
    let mut app = App::new(
        load(&["sample.yaml"]).timeline,
        Settings {
            startup_notice: Some(notice),
            ..settings()
        },
        fixed_now(),
    );
    let line = footer(&draw(&mut app, 120, 40));
    assert!(line.contains(": warning: mouse:"), "{line}");
}

#[test]
fn an_index_built_for_another_timeline_is_not_taken() {
    let curated = load_embedded(&LoadOptions::default()).timeline;
    let sample = load(&["sample.yaml"]).timeline;
    assert_ne!(curated.events.len(), sample.events.len());
    let mut app = App::without_index(std::sync::Arc::new(curated), settings(), fixed_now());
    app.set_index(std::sync::Arc::new(tlx::query::SearchIndex::new(&sample)));
    assert!(
        app.index.is_none(),
        "the sample's index was paired with the curated timeline"
    );
    let own = tlx::query::SearchIndex::new(&app.tl);
    app.set_index(std::sync::Arc::new(own));
    assert!(app.index.is_some());
}

/// Issue 21, item 5: a config that unbinds q, Esc and Ctrl-C on every screen left no way
/// to quit. Ctrl-C now quits on every screen whatever the keymap says, and a config that
/// tries to take it away is refused with a warning (the explorer starts on the defaults).
#[test]
fn a_config_cannot_remove_every_way_to_quit() {
    // Every screen loses q, Esc and F1; `extra` goes to the main screen.
    let config = |extra: &str| {
        let mut text = String::from("keys:\n");
        for layer in Layer::ALL {
            text.push_str(&format!(
                "  {}:\n    q: none\n    esc: none\n    f1: none\n",
                layer.name()
            ));
            if layer == Layer::Main {
                text.push_str(extra);
            }
        }
        let env = tlx::config::Env::default();
        crate::util::checked(tlx::config::Config::parse(
            &text,
            std::path::Path::new("config.yaml"),
            &env,
        ))
    };
    // Without Ctrl-C's lines the config is taken as it is, and Ctrl-C still quits on
    // every screen and window.
    let c = config("").unwrap();
    let mut app = App::new(
        load(&["sample.yaml"]).timeline,
        Settings {
            keymap: c.keymap.clone(),
            ..settings()
        },
        fixed_now(),
    );
    draw(&mut app, 120, 40);
    for open in [
        None,
        Some(Action::Open),
        Some(Action::Search),
        Some(Action::Filters),
        Some(Action::Brief),
    ] {
        app.overlay = None;
        app.stack.truncate(1);
        if let Some(a) = open {
            act(&mut app, a);
        }
        let layer = app.layer();
        assert_eq!(press(&mut app, "esc"), [], "esc is unbound on {layer:?}");
        assert_eq!(press(&mut app, "ctrl-c"), [Effect::Quit], "on {layer:?}");
        app.quit = false;
    }
    // The help lists it, since it works.
    assert!(
        c.keymap
            .help_rows(Layer::Main)
            .iter()
            .any(|(k, h)| k == "Ctrl-c" && *h == Action::Quit.help())
    );
    // Taking Ctrl-C away, or binding it to something else, is refused where it is written.
    for (line, message) in [
        (
            "ctrl-c: none",
            "'ctrl-c' always quits tlx, on every screen; it cannot be unbound",
        ),
        (
            "ctrl-c: mark",
            "'ctrl-c' always quits tlx, on every screen; it cannot be bound to 'mark'",
        ),
    ] {
        let e = config(&format!("    {line}\n")).unwrap_err();
        let shown: Vec<String> = e.diagnostics.iter().map(|d| d.render(false)).collect();
        assert_eq!(shown.len(), 1, "{shown:?}");
        assert!(shown[0].contains(message), "{line}: {shown:?}");
        assert!(
            shown[0].starts_with("config.yaml:10:13: error:"),
            "{shown:?}"
        );
    }
    // Binding it to quit, which it does anyway, is no mistake.
    assert!(config("    ctrl-c: quit\n").is_ok());
}

/// Issue 17: help ends with a legend of what the signs on screen mean.
#[test]
fn help_has_a_legend_of_grades_dates_and_glyphs() {
    let mut app = curated_app();
    app.update(Msg::Action(Action::Help));
    draw(&mut app, 120, 40);
    app.update(Msg::Action(Action::Bottom));
    let s = screen_text(&draw(&mut app, 120, 40));
    for sign in [
        "What the marks on screen mean",
        "●               a marked event",
        "+N              N more tags than fit on the row",
        "A–F             a source's reliability (Admiralty)",
        "1–6             a citation's credibility",
        "✎               a note of yours",
        "2024-06~  c.    an approximate date",
        "2024-06?  ?     an uncertain date",
        "B3              reliability and credibility together",
        "── 2024 ──      the list enters a year",
        "┄┄ Era ┄┄       the list enters an era",
        "‹summary›       the query matched the event there",
        "▂▃▅█            the time axis: events per bar",
        "▲▔▔             where the selected event is on the axis",
        "├Era┤           an era's band on the axis",
    ] {
        assert!(s.contains(sign), "{sign:?} in\n{s}");
    }
}

/// Help, the problems window and "about" scroll between their first and last lines: a
/// key past the end does not leave a debt that the way back must pay first, and
/// `g`/`G` go to either end.
#[test]
fn a_scrolling_window_stops_at_its_last_line_and_comes_back_at_once() {
    let mut app = curated_app();
    app.update(Msg::Action(Action::Help));
    let top = screen_text(&draw(&mut app, 80, 24));
    app.update(Msg::Action(Action::Bottom));
    let bottom = screen_text(&draw(&mut app, 80, 24));
    assert!(bottom.contains("hold Shift to select text"), "{bottom}");
    for _ in 0..30 {
        app.update(Msg::Action(Action::PageDown));
        draw(&mut app, 80, 24);
    }
    assert_eq!(
        screen_text(&draw(&mut app, 80, 24)),
        bottom,
        "no further than the end"
    );
    app.update(Msg::Action(Action::Up));
    let up = screen_text(&draw(&mut app, 80, 24));
    assert_ne!(up, bottom, "one key up moves at once");
    app.update(Msg::Action(Action::Top));
    assert_eq!(screen_text(&draw(&mut app, 80, 24)), top);
    // About this timeline, the same way, on a terminal too short for it.
    app.update(Msg::Action(Action::Close));
    app.update(Msg::Action(Action::About));
    let about = screen_text(&draw(&mut app, 80, 14));
    assert!(app.layout.window.0 > 0, "about scrolls at 80x14");
    for _ in 0..50 {
        app.update(Msg::Action(Action::Down));
    }
    let end = screen_text(&draw(&mut app, 80, 14));
    app.update(Msg::Action(Action::Up));
    assert_ne!(screen_text(&draw(&mut app, 80, 14)), end);
    app.update(Msg::Action(Action::Top));
    assert_eq!(screen_text(&draw(&mut app, 80, 14)), about);
}

/// Issue 17: the same source cited twice is one source with both quotes.
#[test]
fn a_source_cited_twice_is_shown_once_with_both_quotes() {
    let mut app = curated_app();
    let ev = app
        .tl
        .event_ix("odni-kaspersky-assessment-2023-09")
        .unwrap();
    let e = &app.tl.events[ev as usize];
    assert_eq!(e.citations.len(), 2);
    assert_eq!(
        e.citations[0].source, e.citations[1].source,
        "the fixture cites one source twice"
    );
    let sources = app
        .event_items(ev)
        .iter()
        .filter(|i| matches!(i, tlx::tui::app::Item::Source(_)))
        .count();
    assert_eq!(sources, 1);
    app.apply_query("odni").unwrap();
    act(&mut app, Action::Open);
    let s = screen_text(&draw(&mut app, 120, 40));
    assert_eq!(
        s.matches("The Washington Times, 21 Jun 2024").count(),
        1,
        "{s}"
    );
    assert!(!s.contains("[2]"), "{s}");
    assert!(
        s.contains("“The assessment said Kaspersky contracts"),
        "both quotes: {s}"
    );
    let o = crate::util::tlx()
        .args(["show", "odni-kaspersky-assessment-2023-09"])
        .output()
        .unwrap();
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains("  [2]"), "tlx show groups them too: {out}");
}

/// Issue 17: a double-click opens the event; two clicks far apart in time only select.
#[test]
fn a_double_click_opens_an_event() {
    let mut app = sample_app();
    let list = app.layout.list;
    let click = |app: &mut App| {
        app.update(Msg::Click {
            col: list.x + 5,
            row: list.y + 5,
        })
    };
    click(&mut app);
    app.now += chrono::Duration::seconds(2);
    click(&mut app);
    assert!(
        matches!(app.stack.last(), Some(Screen::Main(_))),
        "slow clicks only select"
    );
    app.now += chrono::Duration::milliseconds(200);
    click(&mut app);
    match app.stack.last() {
        Some(Screen::Event(e)) => assert_eq!(app.tl.events[e.event as usize].id, "zurich-summit"),
        other => panic!("a double-click opens the event: {other:?}"),
    }
}

/// Issue 17: while the query being typed is invalid, the header shows the last valid one.
#[test]
fn while_a_query_is_invalid_the_header_shows_the_last_valid_one() {
    let mut app = curated_app();
    press(&mut app, "/");
    type_text(&mut app, "tag:sanctions");
    app.update(Msg::Paste(" tga:x".into()));
    let s = screen_text(&draw(&mut app, 120, 40));
    let header = s.lines().next().unwrap();
    assert!(header.ends_with("events  tag:sanctions"), "{header}");
    assert!(
        s.contains("unknown facet 'tga:'"),
        "the error is shown: {s}"
    );
}

/// Issue 17: the words a query matched stay in sight in a cut title, and a row whose
/// title did not match says where the event did.
#[test]
fn a_cut_title_keeps_the_matched_words_in_sight() {
    let mut app = curated_app();
    press(&mut app, "/");
    type_text(&mut app, "'wind\\ down");
    press(&mut app, "enter");
    let screen = screen_text(&draw(&mut app, 80, 24));
    let row = screen
        .lines()
        .find(|l| l.contains("Jul 2024"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("…") && row.contains("wind down"), "{row}");

    // "Nelson" is in the OFAC event's summary and actors (Brian Nelson), not its title.
    press(&mut app, "/");
    press(&mut app, "ctrl-u");
    type_text(&mut app, "'Nelson");
    press(&mut app, "enter");
    let screen = screen_text(&draw(&mut app, 120, 40));
    let row = screen
        .lines()
        .find(|l| l.contains("21 Jun 2024"))
        .unwrap_or_else(|| panic!("{screen}"));
    assert!(row.contains("‹summary›"), "{row}");
}
