//! The explorer's changes view: since the last brief, or since a git revision, as a list
//! to open events from, with the changed events marked in the main list while it is on.

use std::sync::Arc;

use tlx::model::{EventIx, Timeline};
use tlx::tui::action::{Effect, Msg};
use tlx::tui::app::{App, Overlay, Screen};
use tlx::workspace::{Draft, DraftJudgment, Workspace, briefs};

use crate::diff::{git, repo};
use crate::tui::{app_with, draw, press, screen_text, selected_id, type_text};
use crate::util::{fixture, load};

fn timeline(name: &str) -> Timeline {
    let l = load(&[name]);
    assert!(!l.has_errors());
    l.timeline
}

/// A workspace holding a brief of every event of `old` (draft `brief`), with a key
/// judgment resting on `ban`.
fn briefed(old: &Timeline) -> Workspace {
    let all: Vec<EventIx> = (0..old.events.len() as EventIx).collect();
    let mut w = Workspace::default();
    w.drafts.insert(
        "brief".into(),
        Draft {
            judgments: vec![DraftJudgment {
                text: "The ban will likely hold.".into(),
                likelihood: "likely".into(),
                confidence: "moderate".into(),
                events: vec!["ban".into()],
            }],
            notes: true,
            ..Draft::default()
        },
    );
    w.record_brief(briefs::record(old, "brief", &all, "2026-12-01T09:00:00Z"));
    w
}

/// The explorer on the new version of the diff fixture, with a brief of the old one.
fn app_after_brief() -> App {
    let old = timeline("diff/old.yaml");
    let mut app = app_with(timeline("diff/new.yaml"));
    app.set_workspace(briefed(&old), None);
    app
}

fn row_of<'a>(screen: &'a str, title: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(title))
        .unwrap_or_else(|| panic!("no row with {title:?} in\n{screen}"))
}

#[test]
fn changes_since_the_last_brief_are_listed_and_marked_in_the_list() {
    let mut app = app_after_brief();
    assert!(press(&mut app, "C").is_empty());
    assert!(matches!(app.overlay, Some(Overlay::Changes(_))));
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("Changes since the brief of 2026-12-01 09:00 UTC (draft 'brief')"),
        "{screen}"
    );
    // Re-dated, and gone from the timeline (the brief's `statement` was renamed).
    assert!(screen.contains("~ 2024-06-20"), "{screen}");
    assert!(screen.contains("(no longer in the timeline)"), "{screen}");
    // The key judgment on `ban` is to be looked at again.
    assert!(screen.contains("Key judgments to review"), "{screen}");
    assert!(screen.contains("1. The ban will likely hold."), "{screen}");
    // Esc closes the list; the main list marks the changed events until the view is off.
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
    let v = app.changes.as_ref().expect("the view stays on");
    let marked = v.marks.len();
    assert!(marked >= 2, "{:?}", v.marks);
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains(&format!("· {marked} changed")),
        "the header counts them: {screen}"
    );
    let ban = row_of(&screen, "Commerce bans");
    assert!(ban.contains("│ ~ "), "{ban}");
    let unchanged = row_of(&screen, "Something new");
    assert!(!unchanged.contains('~'), "{unchanged}");
    // x in the list turns the marks off.
    press(&mut app, "C");
    press(&mut app, "x");
    assert!(app.changes.is_none() && app.overlay.is_none());
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        !screen.lines().next().unwrap().contains("changed"),
        "{screen}"
    );
    assert!(!row_of(&screen, "Commerce bans").contains('~'));
}

#[test]
fn enter_opens_the_changed_event_and_a_removed_one_says_why_it_cannot() {
    let mut app = app_after_brief();
    press(&mut app, "C");
    let events = app.changes.as_ref().unwrap().events.clone();
    let removed = events
        .iter()
        .position(|c| app.tl.event_ix(&c.id).is_none())
        .expect("a brief event that is gone");
    let present = events
        .iter()
        .position(|c| app.tl.event_ix(&c.id).is_some())
        .expect("a brief event that changed");
    for _ in 0..removed {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert!(matches!(app.overlay, Some(Overlay::Changes(_))));
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("no longer in the timeline"), "{status}");
    press(&mut app, "g");
    for _ in 0..present {
        press(&mut app, "j");
    }
    press(&mut app, "enter");
    assert!(app.overlay.is_none());
    let Some(Screen::Event(st)) = app.stack.last() else {
        panic!("the event screen opens");
    };
    assert_eq!(app.tl.events[st.event as usize].id, events[present].id);
    // Back in the list, the event is the one selected.
    press(&mut app, "esc");
    assert_eq!(selected_id(&app), events[present].id);
}

#[test]
fn without_a_brief_the_list_says_how_to_get_one() {
    let mut app = app_with(timeline("diff/new.yaml"));
    press(&mut app, "C");
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("No brief has been written"), "{screen}");
    assert!(app.changes.is_none());
    press(&mut app, "esc");
    assert!(app.overlay.is_none());
}

#[test]
fn r_asks_for_a_revision_and_the_runner_is_asked_to_read_it() {
    let mut app = app_with(timeline("diff/new.yaml"));
    press(&mut app, "C");
    press(&mut app, "r");
    let screen = screen_text(&draw(&mut app, 80, 24));
    assert!(screen.contains("Changes since git revision:"), "{screen}");
    // An empty line is not a revision.
    assert!(press(&mut app, "enter").is_empty());
    type_text(&mut app, "v1");
    assert_eq!(
        press(&mut app, "enter"),
        vec![Effect::ReadRevision("v1".into())]
    );
    // Esc in the prompt goes back to the list.
    press(&mut app, "C");
    press(&mut app, "r");
    press(&mut app, "esc");
    assert!(matches!(app.overlay, Some(Overlay::Changes(_))));
}

#[test]
fn a_revision_read_shows_the_changes_since_it_and_follows_a_reload() {
    let old = Arc::new(timeline("diff/old.yaml"));
    let mut app = app_with(timeline("diff/new.yaml"));
    app.update(Msg::RevisionRead {
        rev: "v1".into(),
        read: Ok((Arc::clone(&old), vec!["extra.yaml".into()])),
    });
    assert!(matches!(app.overlay, Some(Overlay::Changes(_))));
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(screen.contains("Changes since v1"), "{screen}");
    assert!(screen.contains("statement → company-statement"), "{screen}");
    assert!(screen.contains("sources:"), "{screen}");
    assert!(screen.contains("Not in v1"), "{screen}");
    let before = app.changes.as_ref().unwrap().events.len();
    // The files change on disk: the view counts again against the new timeline (here the
    // old one itself, where nothing differs).
    app.replace_timeline((*old).clone(), None);
    let v = app.changes.as_ref().expect("still on");
    assert!(before > 0 && v.events.is_empty() && v.marks.is_empty());
    // A revision that could not be read says why, and changes nothing.
    app.update(Msg::RevisionRead {
        rev: "nosuch".into(),
        read: Err("git cannot read t.yaml at nosuch: 'nosuch' is not a revision there".into()),
    });
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("'nosuch' is not a revision"), "{status}");
}

#[test]
fn the_timeline_at_a_revision_is_read_from_each_files_repository() {
    let dir = repo();
    let opts = tlx::model::LoadOptions::default();
    let now = tlx::model::load_paths(&[dir.path().join("t.yaml")], &opts).timeline;
    let (at, missing) = tlx::revision::timeline_at("v1", &now, &opts).unwrap();
    assert!(missing.is_empty());
    assert_eq!(at.events, timeline("diff/old.yaml").events);
    // A file the revision does not have is left out, and named.
    let extra = dir.path().join("extra.yaml");
    std::fs::copy(fixture("sample.yaml"), &extra).unwrap();
    let both = tlx::model::load_paths(&[dir.path().join("t.yaml"), extra.clone()], &opts);
    let (_, missing) = tlx::revision::timeline_at("HEAD", &both.timeline, &opts).unwrap();
    assert_eq!(missing.len(), 1);
    assert!(missing[0].ends_with("extra.yaml"), "{missing:?}");
    // No such revision; an option in its place; the embedded timeline.
    let e = tlx::revision::timeline_at("nosuch", &now, &opts).unwrap_err();
    assert!(e.0.contains("'nosuch' is not a revision there"), "{e}");
    let e = tlx::revision::timeline_at("--output=x", &now, &opts).unwrap_err();
    assert!(e.0.contains("starts with '-'"), "{e}");
    let embedded = tlx::model::load_embedded(&opts).timeline;
    let e = tlx::revision::timeline_at("HEAD", &embedded, &opts).unwrap_err();
    assert!(e.0.contains("embedded timeline has no git history"), "{e}");
}

#[test]
fn a_revision_whose_timeline_is_broken_says_where() {
    let dir = repo();
    std::fs::write(dir.path().join("t.yaml"), "version: 1\ntitle: [broken\n").unwrap();
    git(dir.path(), &["commit", "-qam", "broken"]);
    std::fs::copy(fixture("diff/new.yaml"), dir.path().join("t.yaml")).unwrap();
    let opts = tlx::model::LoadOptions::default();
    let now = tlx::model::load_paths(&[dir.path().join("t.yaml")], &opts).timeline;
    let e = tlx::revision::timeline_at("HEAD", &now, &opts).unwrap_err();
    assert!(e.0.contains("does not load: HEAD:t.yaml:"), "{e}");
}

#[test]
fn in_a_real_terminal_c_and_r_show_the_changes_since_a_revision() {
    let dir = repo();
    let Some(t) = crate::e2e::Tmux::start("changes", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("'{}' t.yaml", crate::e2e::tlx_bin()));
    t.wait_for("events");
    t.keys(&["C"]);
    t.wait_for("No brief has been written");
    t.keys(&["r"]);
    t.wait_for("Changes since git revision:");
    t.type_text("v1");
    t.keys(&["Enter"]);
    let screen = t.wait_for("Changes since v1");
    assert!(screen.contains("statement → company-statement"), "{screen}");
    t.keys(&["Escape"]);
    let screen = t.wait_for(" changed");
    assert!(
        row_of(&screen, "Commerce bans").contains("│ ~ "),
        "{screen}"
    );
    t.keys(&["q"]);
    t.assert_restored();
}

#[test]
fn the_composer_shows_what_changed_since_the_drafts_last_brief() {
    let mut app = app_after_brief();
    press(&mut app, "e");
    assert!(matches!(app.overlay, Some(Overlay::Composer(_))));
    let screen = screen_text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("Changes since the brief of 2026-12-01 09:00 UTC"),
        "{screen}"
    );
    assert!(screen.contains("~ 2024-06-20"), "{screen}");
    assert!(screen.contains("(added to the selection)"), "{screen}");
    assert!(
        screen.contains("⚠ review judgment 1: rests on ban"),
        "{screen}"
    );
    // Without a brief of the draft, no such section.
    let mut fresh = app_with(timeline("diff/new.yaml"));
    press(&mut fresh, "e");
    let screen = screen_text(&draw(&mut fresh, 120, 40));
    assert!(!screen.contains("Changes since"), "{screen}");
}
