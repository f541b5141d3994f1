//! End-to-end: `E` opens the analyst's editor at the selected event, in a real terminal,
//! and the explorer shows the edit when the editor closes; on the embedded timeline, a
//! copy is written first and worked on from then on, with the work done so far.

use std::path::Path;

use crate::e2e::{Tmux, tlx_bin};

/// An "editor" that records its arguments in `args.txt` and retitles an event, as a
/// person would (writing a new file and renaming it over the old one, as vim does).
fn editor(dir: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let editor = dir.join("editor.sh");
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nsed 's/{from}/{to}/' \"$2\" > \"$2.new\" && mv \"$2.new\" \"$2\"\n",
            dir.join("args.txt").display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    editor
}

#[test]
fn e_opens_the_editor_at_the_event_and_the_edit_shows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::copy("tests/fixtures/sample.yaml", &file).unwrap();
    let editor = editor(
        dir.path(),
        "Commerce bans Kaspersky software",
        "Commerce bans Kaspersky software and services",
    );
    let Some(t) = Tmux::start("edit", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!(
        "EDITOR='{}' '{}' t.yaml",
        editor.display(),
        tlx_bin()
    ));
    t.wait_for("6/6 events");
    t.type_text("/");
    t.type_text("'bans");
    t.keys(&["Enter"]);
    t.wait_for("1/6 events");
    t.keys(&["E"]);
    let s = t.wait_for("Commerce bans Kaspersky software and services");
    assert!(
        s.contains("reload"),
        "the status line says the file reloads: {s}"
    );
    let args = std::fs::read_to_string(dir.path().join("args.txt")).unwrap();
    let line = std::fs::read_to_string("tests/fixtures/sample.yaml")
        .unwrap()
        .lines()
        .position(|l| l == "  - id: ban")
        .unwrap()
        + 1;
    let canonical = std::fs::canonicalize(&file).unwrap();
    assert_eq!(
        args,
        format!("+{line}\n{}\n", canonical.display()),
        "the editor was given +LINE FILE, the line of the event's `- id:`"
    );
    // The detail pane, too, has it: the timeline was loaded again, not a row patched.
    assert!(
        s.contains("│ Commerce bans Kaspersky software and services"),
        "{s}"
    );
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn e_on_the_embedded_timeline_writes_a_copy_and_works_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let editor = editor(
        dir.path(),
        "Commerce bans Kaspersky software in the U.S.",
        "Commerce bans Kaspersky software (edited)",
    );
    let Some(t) = Tmux::start("edit-copy", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("EDITOR='{}' '{}'", editor.display(), tlx_bin()));
    t.wait_for("events");
    t.type_text("/");
    t.type_text("'first-ever 'bans");
    t.keys(&["Enter"]);
    t.wait_for("1/39 events");
    t.keys(&["Space"]);
    t.wait_for("1 marked");
    t.keys(&["E"]);
    t.wait_for("Read-only; edit a copy at: timeline.yaml");
    t.keys(&["Enter"]);
    let s = t.wait_for("Commerce bans Kaspersky software (edited)");
    assert!(s.contains("1 marked"), "the mark came along: {s}");
    let copy = dir.path().join("timeline.yaml");
    let text = std::fs::read_to_string(&copy).unwrap();
    assert_eq!(
        text,
        tlx::model::load::EMBEDDED.replace(
            "Commerce bans Kaspersky software in the U.S.",
            "Commerce bans Kaspersky software (edited)"
        ),
        "the copy is the embedded timeline, with the editor's change"
    );
    let args = std::fs::read_to_string(dir.path().join("args.txt")).unwrap();
    assert!(
        args.ends_with(&format!(
            "{}\n",
            std::fs::canonicalize(&copy).unwrap().display()
        )),
        "{args}"
    );
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
    // Next time, the copy opens with the work done on it.
    t.keys(&["C-l"]);
    t.run(&format!("'{}' timeline.yaml", tlx_bin()));
    let s = t.wait_for("1 marked");
    assert!(s.contains("(edited)"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit=0");
}
