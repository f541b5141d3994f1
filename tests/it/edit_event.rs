//! `E`: the selected event in the analyst's editor, at its line; on the embedded timeline,
//! a copy is asked for first. (The runner's part, the editor and the reload, is in
//! `e2e_edit`.)

use tlx::tui::action::{Action, Effect};

use crate::tui::{act, curated_app, draw, press, sample_app, screen_text, selected_id, type_text};

fn status(app: &tlx::tui::app::App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn e_asks_for_the_editor_at_the_selected_events_file() {
    let mut app = sample_app();
    let id = selected_id(&app);
    let effects = press(&mut app, "E");
    let [Effect::EditEvent { path, id: edited }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(edited, &id);
    assert!(path.ends_with("sample.yaml"), "{}", path.display());
    assert!(status(&app).contains("editing"), "{}", status(&app));
}

#[test]
fn e_on_the_event_screen_edits_that_event() {
    let mut app = sample_app();
    press(&mut app, "j");
    let id = selected_id(&app);
    act(&mut app, Action::Open);
    let effects = press(&mut app, "E");
    assert!(
        matches!(effects.as_slice(), [Effect::EditEvent { id: e, .. }] if *e == id),
        "{effects:?}"
    );
}

#[test]
fn on_the_embedded_timeline_e_offers_a_copy_and_never_writes_over_a_file() {
    let mut app = curated_app();
    let id = selected_id(&app);
    assert!(press(&mut app, "E").is_empty(), "nothing is edited yet");
    let s = screen_text(&draw(&mut app, 120, 40));
    assert!(
        s.contains("Read-only; edit a copy at: timeline.yaml"),
        "{s}"
    );
    // An existing file is refused, and the question stays.
    let dir = tempfile::tempdir().unwrap();
    let taken = dir.path().join("taken.yaml");
    std::fs::write(&taken, "x").unwrap();
    press(&mut app, "ctrl-u");
    type_text(&mut app, &taken.display().to_string());
    assert!(press(&mut app, "enter").is_empty());
    assert!(
        status(&app).contains("exists: choose another name"),
        "{}",
        status(&app)
    );
    assert_eq!(std::fs::read_to_string(&taken).unwrap(), "x");
    // So is a name that is not a timeline file.
    press(&mut app, "ctrl-u");
    type_text(&mut app, "notes.txt");
    assert!(press(&mut app, "enter").is_empty());
    assert!(
        status(&app).contains("ends in .yaml or .yml"),
        "{}",
        status(&app)
    );
    // A new file: the runner is asked to write the copy and edit the event there.
    let fresh = dir.path().join("mine.yaml");
    press(&mut app, "ctrl-u");
    type_text(&mut app, &fresh.display().to_string());
    let effects = press(&mut app, "enter");
    assert_eq!(
        effects,
        vec![Effect::CopyTimeline {
            path: fresh.clone(),
            id
        }]
    );
    assert!(!fresh.exists(), "the app writes nothing itself");
    // Esc on the question changes nothing.
    press(&mut app, "E");
    assert!(press(&mut app, "esc").is_empty());
    let s = screen_text(&draw(&mut app, 120, 40));
    assert!(!s.contains("read-only"), "{s}");
}

#[test]
fn once_a_copy_is_written_e_edits_it_even_while_the_embedded_timeline_shows() {
    // A copy whose first edit does not load: the explorer still shows the embedded
    // timeline, and `E` goes back to the copy rather than asking for another.
    let mut app = curated_app();
    let id = selected_id(&app);
    let copy = std::path::PathBuf::from("/tmp/some-copy.yaml");
    app.copy = Some(copy.clone());
    assert_eq!(
        press(&mut app, "E"),
        vec![Effect::EditEvent { path: copy, id }]
    );
}
