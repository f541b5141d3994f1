//! The analyst's workspace in the explorer (state and frames) and on the command line:
//! marks, notes, labels and saved views that last, and the query terms that ask for them.

use tlx::tui::action::{Action, Editing, Effect, Msg};
use tlx::tui::app::{App, Overlay, PromptKind, Screen};
use tlx::workspace::{Note, Workspace};

use crate::tui::{act, draw, press, sample_app, screen_text, selected_id, type_text};
use crate::util::tlx;

/// Selects the event `id` in the list.
fn select(app: &mut App, id: &str) {
    press(app, "g");
    for _ in 0..app.rows.len() {
        if app.selected_event().is_some() && selected_id(app) == id {
            return;
        }
        press(app, "j");
    }
    panic!("{id} is not listed");
}

/// Writes a note through the editor's round trip: `a`, then the text the editor leaves.
fn write_note(app: &mut App, text: &str) {
    let effects = press(app, "a");
    let [Effect::Edit { what, text: file }] = effects.as_slice() else {
        panic!("a note opens the editor: {effects:?}");
    };
    assert!(matches!(what, Editing::Note { .. }), "{what:?}");
    assert!(
        file.contains(">8"),
        "the file has its help below the scissors: {file}"
    );
    app.update(Msg::Edited {
        what: what.clone(),
        text: format!("{text}\n{file}"),
    });
}

#[test]
fn a_mark_is_a_change_of_the_workspace() {
    let mut app = sample_app();
    select(&mut app, "ban");
    let before = app.work_edits;
    press(&mut app, "space");
    assert!(app.work.is_marked("ban"));
    assert_eq!(
        app.work_edits,
        before + 1,
        "the runner sees a change to save"
    );
    assert_eq!(app.ann.marks.len(), 1);
    // `is:marked` follows the workspace.
    app.apply_query("is:marked").unwrap();
    assert_eq!(app.hits.len(), 1);
    select(&mut app, "ban");
    press(&mut app, "space");
    assert!(app.work.events.is_empty());
    assert!(
        app.hits.is_empty(),
        "the list that shows marked events follows"
    );
}

#[test]
fn a_note_is_written_in_the_editor_and_shown_apart_from_the_sources() {
    let mut app = sample_app();
    app.settings.author = "ana".into();
    select(&mut app, "ban");
    write_note(&mut app, "Check the notice.\nSecond line.");
    let notes = app.work.notes("ban");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Check the notice.\nSecond line.");
    assert_eq!(notes[0].author, "ana");
    let at = crate::tui::fixed_now().with_timezone(&chrono::Utc);
    assert_eq!(notes[0].at, at.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .contains("note written on ban")
    );
    // An empty note is no note.
    write_note(&mut app, "");
    assert_eq!(app.work.notes("ban").len(), 1);
    // The detail shows it under its own heading, after the sources.
    let t = draw(&mut app, 200, 60);
    let s = screen_text(&t);
    let sources = s.find("Sources").expect("sources shown");
    let notes = s
        .find("Your notes (not from the sources)")
        .expect("notes shown");
    assert!(notes > sources, "{s}");
    assert!(s.contains("✎ ana · "), "{s}");
    assert!(s.contains("Check the notice."), "{s}");
    // `has:note` and `note:` find it.
    app.apply_query("has:note").unwrap();
    assert_eq!(app.hits.len(), 1);
    app.apply_query("note:NOTICE").unwrap();
    assert_eq!(app.hits.len(), 1);
    app.apply_query("note:nothing-like-it").unwrap();
    assert!(app.hits.is_empty());
}

#[test]
fn a_note_is_edited_or_deleted_from_the_event_screen() {
    let mut app = sample_app();
    select(&mut app, "ban");
    write_note(&mut app, "first words");
    press(&mut app, "enter");
    assert!(matches!(app.stack.last(), Some(Screen::Event(_))));
    press(&mut app, "G");
    let effects = press(&mut app, "enter");
    let [Effect::Edit { what, text }] = effects.as_slice() else {
        panic!("Enter on a note edits it: {effects:?}");
    };
    let Editing::Note { note, .. } = what else {
        panic!("{what:?}");
    };
    let old = note.clone().expect("the note edited");
    assert!(text.starts_with("first words\n"), "{text}");
    app.update(Msg::Edited {
        what: what.clone(),
        text: text.replacen("first words", "better words", 1),
    });
    let notes = app.work.notes("ban");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "better words");
    assert_eq!(notes[0].at, old.at, "an edit keeps the note's time");
    // Emptied, it is deleted.
    let note = Some(notes[0].clone());
    app.update(Msg::Edited {
        what: Editing::Note {
            id: "ban".into(),
            note,
        },
        text: String::new(),
    });
    assert!(app.work.notes("ban").is_empty());
}

#[test]
fn labels_are_set_on_a_line_with_completion() {
    let mut app = sample_app();
    select(&mut app, "ban");
    press(&mut app, "L");
    type_text(&mut app, "FollowUp disputed");
    press(&mut app, "enter");
    let labels: Vec<&str> = app.work.labels("ban").collect();
    assert_eq!(labels, ["disputed", "followup"]);
    // Another event: Tab completes from the labels in use.
    select(&mut app, "statement");
    press(&mut app, "L");
    type_text(&mut app, "fo");
    press(&mut app, "tab");
    let Some(Overlay::Prompt(p)) = &app.overlay else {
        panic!("the labels line is open");
    };
    assert_eq!(p.input.text(), "followup ");
    assert!(matches!(p.kind, PromptKind::Labels { .. }));
    type_text(&mut app, "two words!");
    press(&mut app, "enter");
    assert!(app.overlay.is_some(), "a bad label keeps the line open");
    assert!(app.status.as_ref().unwrap().text.contains("'!'"));
    press(&mut app, "esc");
    assert_eq!(
        app.work.labels("statement").count(),
        0,
        "Esc changes nothing"
    );
    app.apply_query("label:followup").unwrap();
    assert_eq!(app.hits.len(), 1);
    let e = app.apply_query("label:folowup").unwrap_err();
    assert!(
        e.message.contains("did you mean 'followup'"),
        "{}",
        e.message
    );
}

#[test]
fn a_view_is_saved_listed_applied_and_deleted() {
    let mut app = sample_app();
    app.apply_query("tag:policy").unwrap();
    let n = app.hits.len();
    act(&mut app, Action::ToggleContext);
    press(&mut app, "S");
    type_text(&mut app, "Policy");
    press(&mut app, "enter");
    let v = &app.work.views["policy"];
    assert_eq!(v.query, "tag:policy");
    assert!(v.context);
    // `view:` is a term.
    app.apply_query("view:policy").unwrap();
    assert_eq!(app.hits.len(), n);
    app.apply_query("").unwrap();
    app.context = false;
    press(&mut app, "v");
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("views_80x24", screen_text(&t));
    press(&mut app, "enter");
    assert_eq!(app.query_text, "tag:policy");
    assert!(app.context, "the view's setting comes with it");
    assert_eq!(app.history.last().unwrap(), "tag:policy");
    press(&mut app, "v");
    press(&mut app, "d");
    assert!(app.work.views.is_empty());
    assert!(
        app.overlay.is_none(),
        "the last view deleted closes the list"
    );
    let e = app.apply_query("view:policy").unwrap_err();
    assert!(
        e.message.contains("no saved view 'policy'"),
        "{}",
        e.message
    );
}

/// A workspace with these views (name, query).
fn with_views(views: &[(&str, &str)]) -> Workspace {
    let mut w = Workspace::default();
    for (name, q) in views {
        w.views.insert(
            name.to_string(),
            tlx::workspace::View {
                query: q.to_string(),
                sort: Default::default(),
                context: false,
            },
        );
    }
    w
}

#[test]
fn a_view_that_holds_itself_is_an_error_not_a_loop() {
    let mut app = sample_app();
    app.set_workspace(with_views(&[("a", "view:b ban"), ("b", "view:a")]), None);
    let e = app.apply_query("view:a").unwrap_err();
    assert!(e.message.contains("holds itself"), "{}", e.message);
    assert_eq!(e.span, 0..6, "the error points at the term typed");
}

#[test]
fn a_read_only_workspace_changes_nothing_and_says_why() {
    let mut app = sample_app();
    app.set_workspace(Workspace::default(), Some("w.yaml:3:5: error: bad".into()));
    select(&mut app, "ban");
    press(&mut app, "space");
    assert!(app.work.events.is_empty());
    assert_eq!(app.work_edits, 0);
    assert!(app.status.as_ref().unwrap().text.contains("read-only"));
    assert!(press(&mut app, "a").is_empty(), "no editor opens");
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("read_only_workspace_80x24", screen_text(&t));
    // Fixed on disk: the session may write again.
    let mut w = Workspace::default();
    w.set_marked("ban", true);
    app.workspace_merged(w);
    assert!(app.work_read_only.is_none());
    assert_eq!(app.ann.marks.len(), 1);
}

#[test]
fn the_last_session_comes_back_and_entries_of_gone_events_are_reported() {
    let mut app = sample_app();
    let mut w = Workspace::default();
    w.set_marked("renamed-away", true);
    w.add_note(
        "renamed-away",
        Note {
            at: "2026-01-01T00:00:00Z".into(),
            author: "ana".into(),
            text: "kept".into(),
        },
    );
    app.set_workspace(w, None);
    let status = app.status.clone().unwrap().text;
    assert_eq!(
        status,
        "1 note and 1 mark in the workspace refer to events that are gone: renamed-away"
    );
    assert!(app.work.is_marked("renamed-away"), "kept, never dropped");
    app.restore_session(tlx::workspace::session::Session {
        query: "tag:policy".into(),
        selected: Some("statement".into()),
        history: vec!["ban".into(), "tag:policy".into()],
    });
    assert_eq!(app.query_text, "tag:policy");
    assert_eq!(selected_id(&app), "statement");
    assert_eq!(app.history.len(), 2);
    let s = app.session();
    assert_eq!(s.selected.as_deref(), Some("statement"));
}

#[test]
fn the_labels_line_and_the_notes_render_at_80x24_and_120x40() {
    let mut app = sample_app();
    app.settings.author = "ana".into();
    select(&mut app, "ban");
    write_note(&mut app, "Check the notice.");
    press(&mut app, "enter");
    press(&mut app, "G");
    let t = draw(&mut app, 120, 40);
    insta::assert_snapshot!("event_with_note_120x40", screen_text(&t));
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("event_with_note_80x24", screen_text(&t));
    press(&mut app, "L");
    type_text(&mut app, "followup");
    let t = draw(&mut app, 80, 24);
    insta::assert_snapshot!("labels_prompt_80x24", screen_text(&t));
}

/// A workspace file beside the sample timeline.
fn workspace_file(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("work.yaml");
    std::fs::write(&p, text).unwrap();
    p
}

const WORK: &str = "version: 1\nevents:\n  ban:\n    marked: true\n    labels: [followup]\n  statement:\n    marked: true\n    notes:\n    - at: 2026-12-01T10:00:00Z\n      author: ana\n      text: Ask the ministry.\nviews:\n  bans:\n    query: tag:sanctions\n";

#[test]
fn the_command_line_asks_the_workspace_too() {
    let dir = tempfile::tempdir().unwrap();
    let w = workspace_file(dir.path(), WORK);
    let ids = |args: &[&str]| {
        let o = tlx()
            .args(["list", "tests/fixtures/sample.yaml", "--format", "ids"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    let ws = w.to_str().unwrap();
    assert_eq!(
        ids(&["--workspace", ws, "-q", "is:marked"]),
        "ban\nstatement\n"
    );
    assert_eq!(ids(&["--workspace", ws, "-q", "label:followup"]), "ban\n");
    assert_eq!(
        ids(&["--workspace", ws, "-q", "note:ministry"]),
        "statement\n"
    );
    assert_eq!(ids(&["--workspace", ws, "-q", "has:note"]), "statement\n");
    // TLX_WORKSPACE names it too; --no-workspace keeps none.
    let o = tlx()
        .env("TLX_WORKSPACE", &w)
        .args([
            "list",
            "tests/fixtures/sample.yaml",
            "--format",
            "ids",
            "-q",
            "is:marked",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "ban\nstatement\n");
    assert_eq!(ids(&["--no-workspace", "-q", "is:marked"]), "");
    // A brief of a query that asks the workspace says the ids, which anyone can use.
    let o = tlx()
        .args([
            "export",
            "tests/fixtures/sample.yaml",
            "-q",
            "label:followup",
            "--workspace",
            ws,
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(
        md.contains("; events chosen by id (`tlx export --ids ban`): 1 of 6 events.*"),
        "{md}"
    );
    // export --marked and --view.
    let o = tlx()
        .args([
            "export",
            "tests/fixtures/sample.yaml",
            "--format",
            "json",
            "--marked",
        ])
        .args(["--workspace", ws])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("\"ban\"") && out.contains("\"statement\""),
        "{out}"
    );
    let o = tlx()
        .args(["export", "tests/fixtures/sample.yaml", "--view", "bnas"])
        .args(["--workspace", ws])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("no saved view 'bnas' (did you mean 'bans'?)"),
        "{err}"
    );
}

#[test]
fn a_broken_workspace_is_reported_with_its_line_and_column_and_the_command_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let w = workspace_file(dir.path(), "version: 1\nevents:\n  ban:\n    marked: yes\n");
    let o = tlx()
        .args([
            "list",
            "tests/fixtures/sample.yaml",
            "--format",
            "ids",
            "-q",
            "is:marked",
        ])
        .args(["--workspace", w.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("work.yaml:4:13: warning:"), "{err}");
    assert!(err.contains("the workspace was not used"), "{err}");
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "");
    assert_eq!(
        std::fs::read_to_string(&w).unwrap(),
        "version: 1\nevents:\n  ban:\n    marked: yes\n",
        "never written"
    );
}

#[test]
fn a_workspace_is_never_a_timeline_file() {
    let o = tlx()
        .args(["list", "tests/fixtures/sample.yaml", "-q", "is:marked"])
        .args(["--workspace", "tests/fixtures/sample.yaml"])
        .output()
        .unwrap();
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("is one of the timeline's files"), "{err}");
}

const SCHEMA_FILE: &str = "assets/workspace.schema.json";

#[test]
fn the_workspace_schema_is_fresh_and_agrees_with_the_reader() {
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    assert!(
        committed == tlx::workspace::schema::schema_json(),
        "{SCHEMA_FILE} is stale: run `cargo run -- generate workspace-schema > {SCHEMA_FILE}`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let v = jsonschema::draft7::new(&schema).expect("a valid draft 7 schema");
    let json = |text: &str| -> serde_json::Value { serde_saphyr::from_str(text).unwrap() };
    // What tlx writes passes.
    let mut w = Workspace::default();
    w.set_marked("ban", true);
    w.set_labels("ban", ["état_2".into(), "followup".into()].into());
    w.add_note(
        "ban",
        Note {
            at: "2026-12-02T10:00:00Z".into(),
            author: "ana".into(),
            text: "two\nlines".into(),
        },
    );
    let text = tlx::workspace::file::to_text(&w);
    let errors: Vec<String> = v.iter_errors(&json(&text)).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    // What the reader refuses, the schema flags too.
    for bad in [
        "version: 1\nevnts: {}\n",
        "version: 2\n",
        "version: 1\nevents:\n  a:\n    labels: [Two Words]\n",
        "version: 1\nevents:\n  a:\n    notes:\n    - at: x\n      text: y\n",
        "version: 1\nviews:\n  v:\n    query: x\n    sort: newest\n",
    ] {
        assert!(!v.is_valid(&json(bad)), "the schema passes {bad:?}");
        assert!(
            tlx::workspace::file::parse(bad, std::path::Path::new("w.yaml")).is_err(),
            "the reader passes {bad:?}"
        );
    }
}

#[test]
fn the_composer_keeps_a_draft_checks_it_and_writes_the_brief_from_it() {
    let mut app = sample_app();
    app.settings.author = "ana".into();
    select(&mut app, "ban");
    press(&mut app, "space");
    select(&mut app, "statement");
    write_note(&mut app, "Ask the ministry.");
    press(&mut app, "space");
    press(&mut app, "e");
    assert!(matches!(app.overlay, Some(Overlay::Composer(_))));
    assert_eq!(app.work.drafts["brief"].events, ["ban", "statement"]);
    // The draft in the editor, and back.
    let effects = press(&mut app, "i");
    let [Effect::Edit { what, text }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(*what, Editing::Draft("brief".into()));
    assert!(
        text.contains("#   ban  20 Jun 2024  Commerce bans Kaspersky software"),
        "{text}"
    );
    let edited = text
        .replacen("Title: ", "Title: The ban, a week on", 1)
        .replacen(
            "Bottom line:\n",
            "Bottom line:\nThe ban holds; the company possibly appeals.\n",
            1,
        )
        .replacen(
            "event ids):\n",
            "event ids):\n- The ban stays in force through 2025. | very likely | moderate | ban\n- Kaspersky sues. | maybe | high |\n",
            1,
        );
    app.update(Msg::Edited {
        what: what.clone(),
        text: edited,
    });
    let d = &app.work.drafts["brief"];
    assert_eq!(d.title, "The ban, a week on");
    assert_eq!(d.judgments.len(), 2);
    let lint: Vec<String> = app.draft_lint().iter().map(|l| l.to_string()).collect();
    assert!(
        lint.iter()
            .any(|l| l.starts_with("bottom line: 'possibly'")),
        "{lint:?}"
    );
    assert!(
        lint.iter()
            .any(|l| l.starts_with("judgment 1: rests only on single-source")),
        "{lint:?}"
    );
    assert!(
        lint.iter()
            .any(|l| l.starts_with("judgment 2: likelihood 'maybe'")),
        "{lint:?}"
    );
    assert!(
        lint.iter()
            .any(|l| l == "judgment 2: rests on no event: name the events it stands on"),
        "{lint:?}"
    );
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("composer_with_lint_{w}x{h}"), screen_text(&t));
    }
    // Written, the brief is the draft's: title, bottom line, judgments, notes.
    press(&mut app, "w");
    let effects = press(&mut app, "enter");
    let [
        Effect::WriteBrief {
            content, events, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert_eq!(*events, 2);
    assert!(content.starts_with("# The ban, a week on\n"), "{content}");
    assert!(
        content.contains("The ban holds; the company possibly appeals."),
        "{content}"
    );
    assert!(content.contains("## Key judgments\n\n1. The ban stays in force through 2025. *(very likely; moderate confidence)* Rests on: [Commerce bans Kaspersky software]"), "{content}");
    assert!(
        content
            .contains("2. Kaspersky sues. *(high confidence)* Rests on no event of the timeline."),
        "{content}"
    );
    assert!(content.contains("> **Analyst's note** (ana, "), "{content}");
    assert!(content.contains(">\n> Ask the ministry."), "{content}");
    assert!(
        content.contains("marked events (`tlx export --ids ban,statement`)"),
        "{content}"
    );
    // Notes out: none in the brief.
    press(&mut app, "esc");
    press(&mut app, "e");
    press(&mut app, "n");
    assert!(!app.work.drafts["brief"].notes);
    press(&mut app, "w");
    let effects = press(&mut app, "enter");
    let [Effect::WriteBrief { content, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(!content.contains("Analyst's note"), "{content}");
    assert!(
        !content.contains("Changes since"),
        "the first brief: {content}"
    );
    // Once written, the brief is recorded; the next one says what changed since.
    assert!(app.work.briefs.is_empty());
    app.update(Msg::BriefWritten {
        text: "wrote a brief of 2 events to b.md".into(),
    });
    let rec = &app.work.briefs[0];
    assert_eq!(rec.draft, "brief");
    let ids: Vec<&str> = rec.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ban", "statement"]);
    select(&mut app, "cutoff");
    press(&mut app, "space");
    press(&mut app, "e");
    press(&mut app, "w");
    let effects = press(&mut app, "enter");
    let [Effect::WriteBrief { content, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(
        content.contains("## Changes since the brief of "),
        "{content}"
    );
    assert!(
        content.contains(
            "- **Added to the selection:** 29 Sep 2024 — Updates end for U.S. customers (`cutoff`)"
        ),
        "{content}"
    );
}

#[test]
fn export_writes_a_kept_draft_and_warns_about_its_language() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version: 1\nevents:\n  ban:\n    notes:\n    - at: 2026-12-01T10:00:00Z\n      author: ana\n      text: Check *this*.\ndrafts:\n  weekly:\n    title: Weekly\n    bluf: It perhaps holds.\n    judgments:\n    - text: The ban holds.\n      likelihood: likely\n      confidence: moderate\n      events: [ban, statement]\n    events: [ban, statement]\n    notes: true\n";
    let w = workspace_file(dir.path(), text);
    let o = tlx()
        .args([
            "export",
            "tests/fixtures/sample.yaml",
            "--draft",
            "weekly",
            "--now",
            "2024-10-01T12:00:00Z",
        ])
        .args(["--workspace", w.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# Weekly\n"), "{md}");
    assert!(
        md.contains("## Key judgments\n\n1. The ban holds. *(likely; moderate confidence)*"),
        "{md}"
    );
    assert!(
        md.contains("> Check \\*this\\*."),
        "a note is escaped like all text: {md}"
    );
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("warning: draft 'weekly', bottom line: 'perhaps'"),
        "{err}"
    );
    let o = tlx()
        .args(["export", "tests/fixtures/sample.yaml", "--draft", "wekly"])
        .args(["--workspace", w.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8(o.stderr)
            .unwrap()
            .contains("did you mean 'weekly'")
    );
}

#[test]
fn notes_list_by_event_and_lint_checks_drafts_and_briefs() {
    let dir = tempfile::tempdir().unwrap();
    let text = "version: 1\nevents:\n  statement:\n    notes:\n    - at: 2026-12-01T10:00:00Z\n      author: ana\n      text: Ask the ministry.\n  ban:\n    notes:\n    - at: 2026-12-02T10:00:00Z\n      author: bo\n      text: |-\n        Two lines,\n        of it.\n  renamed-away:\n    notes:\n    - at: 2026-12-03T10:00:00Z\n      author: ana\n      text: Kept.\ndrafts:\n  weekly:\n    bluf: It possibly holds.\n    judgments:\n    - text: The ban holds.\n      likelihood: likely\n      events: [ban, statement]\n";
    let w = workspace_file(dir.path(), text);
    let run = |args: &[&str]| {
        tlx()
            .args(args)
            .args(["--workspace", w.to_str().unwrap()])
            .output()
            .unwrap()
    };
    let o = run(&["notes", "tests/fixtures/sample.yaml"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(
        out,
        "20 Jun 2024  ban  Commerce bans Kaspersky software\n  ✎ bo · 2026-12-02T10:00:00Z\n    Two lines,\n    of it.\n\
         20 Jun 2024?  statement  Kaspersky rejects the ban\n  ✎ ana · 2026-12-01T10:00:00Z\n    Ask the ministry.\n\
         renamed-away  (no longer in the timeline)\n  ✎ ana · 2026-12-03T10:00:00Z\n    Kept.\n"
    );
    let o = run(&["notes", "tests/fixtures/sample.yaml", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v[0]["event"], "ban");
    assert_eq!(v[2]["gone"], true);
    assert_eq!(v[0]["notes"][0]["text"], "Two lines,\nof it.");
    // lint: the draft's language and sourcing; exit 1 with warnings.
    let o = run(&["lint", "tests/fixtures/sample.yaml", "--draft", "weekly"]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("draft 'weekly': warning: bottom line: 'possibly'"),
        "{out}"
    );
    // A written brief: its bottom line and judgments.
    let brief = dir.path().join("b.md");
    std::fs::write(
        &brief,
        "# B\n\n## Bottom line up front\n\nIt is very likely to hold.\n\n## Key events\n",
    )
    .unwrap();
    let o = run(&["lint", "--brief", brief.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}

/// Issue 17: `tlx facets` lists a facet's values with their counts, for scripts.
#[test]
fn facets_are_listed_with_their_counts() {
    let out = |args: &[&str]| {
        let o = tlx().args(args).output().unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    assert_eq!(
        out(&["facets", "era", "tests/fixtures/sample.yaml"]),
        "old-europe\t1\tOld Europe\nmodern\t5\tModern times\n"
    );
    let tags = out(&["facets", "tag", "tests/fixtures/sample.yaml"]);
    assert!(
        tags.starts_with("policy\t3\tpolicy\n"),
        "most events first: {tags}"
    );
    let actors = out(&["facets", "actor", "tests/fixtures/sample.yaml"]);
    assert!(
        actors
            .starts_with("kaspersky\t3\tKaspersky Lab\ncommerce\t2\tU.S. Department of Commerce\n"),
        "ids, counts and names, most events first: {actors}"
    );
    assert_eq!(actors.lines().count(), 5, "{actors}");
    let sources = out(&["facets", "source", "tests/fixtures/sample.yaml"]);
    assert!(
        sources
            .lines()
            .any(|l| l == "Bureau of Industry and Security\t1\tBureau of Industry and Security"),
        "publishers, with the events that cite them: {sources}"
    );
    assert_eq!(sources.lines().count(), 6, "{sources}");
    let bad = tlx()
        .args(["facets", "bogus", "tests/fixtures/sample.yaml"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("possible values: tag, actor, source, era, label, view")
    );
    let dir = tempfile::tempdir().unwrap();
    let w = workspace_file(dir.path(), WORK);
    let ws = w.to_str().unwrap();
    assert_eq!(
        out(&[
            "facets",
            "label",
            "tests/fixtures/sample.yaml",
            "--workspace",
            ws
        ]),
        "followup\t1\tfollowup\n"
    );
    assert_eq!(
        out(&[
            "facets",
            "view",
            "tests/fixtures/sample.yaml",
            "--workspace",
            ws
        ]),
        "bans\t2\ttag:sanctions\n"
    );
}

/// Issue 17: "about this timeline": title, summary, updated, counts, files, and the
/// workspace.
#[test]
fn about_this_timeline_says_what_it_holds_and_where_it_came_from() {
    let mut app = crate::tui::curated_app();
    app.update(Msg::Action(Action::Mark));
    press(&mut app, "i");
    assert!(matches!(app.overlay, Some(Overlay::About(0))));
    for (w, h) in [(80, 24), (120, 40)] {
        let t = draw(&mut app, w, h);
        insta::assert_snapshot!(format!("about_{w}x{h}"), screen_text(&t));
    }
    let s = screen_text(&draw(&mut app, 120, 40));
    assert!(s.contains("Holds          39 events, 3 eras"), "{s}");
    assert!(s.contains("the embedded events.yaml"), "{s}");
    assert!(s.contains("Your workspace 1 marked"), "{s}");
    press(&mut app, "esc");
    assert!(app.overlay.is_none(), "Esc closes it");
}

/// Saving the query as a view it already goes through would make a loop: refused,
/// even through another view, and the view kept as it was.
#[test]
fn a_view_cannot_be_saved_over_one_it_goes_through() {
    let mut app = sample_app();
    app.set_workspace(with_views(&[("a", "tag:policy"), ("b", "view:a")]), None);
    app.apply_query("view:b").unwrap();
    press(&mut app, "S");
    type_text(&mut app, "a");
    press(&mut app, "enter");
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(status.contains("holds itself"), "{status}");
    assert_eq!(app.work.views["a"].query, "tag:policy");
    assert!(app.overlay.is_some(), "the name can be changed");
    let s = screen_text(&draw(&mut app, 80, 24));
    assert!(
        s.contains("holds itself"),
        "the reason shows above the line: {s}"
    );
}
