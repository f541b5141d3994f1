//! End-to-end: the analyst's work lasts across sessions, in a real terminal, and the
//! timeline file is never written.

use crate::e2e::{Tmux, tlx_bin};

#[test]
fn marks_and_a_note_last_across_sessions_and_the_timeline_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read("tests/fixtures/sample.yaml").unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, &sample).unwrap();
    // An "editor" that writes the note above the help, as a person would.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\n{ printf 'Ask the ministry.\\nThen the vendor.\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let Some(t) = Tmux::start("workspace", dir.path(), 120, 40) else {
        return;
    };
    let command = format!(
        "EDITOR='{}' USER=ana '{}' t.yaml",
        editor.display(),
        tlx_bin()
    );
    t.run(&command);
    t.wait_for("6/6 events");
    // Mark three events: Space marks and moves on.
    t.keys(&["Space"]);
    t.wait_for("1 marked");
    t.keys(&["Space"]);
    t.wait_for("2 marked");
    t.keys(&["Space"]);
    t.wait_for("3 marked");
    // A note on the fourth (the ban): the editor runs, the explorer comes back.
    t.keys(&["a"]);
    t.wait_for("note written on ban");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
    // Again: the marks, the note and the place are there.
    t.keys(&["C-l"]);
    t.run(&command);
    t.wait_for("3 marked");
    t.type_text("/");
    t.type_text("has:note");
    t.keys(&["Enter"]);
    let s = t.wait_for("1/6 events");
    assert!(s.contains("Commerce bans Kaspersky software"), "{s}");
    t.keys(&["Enter", "G"]);
    let s = t.wait_for("Your notes (not from the sources)");
    assert!(s.contains("Ask the ministry."), "{s}");
    assert!(s.contains("Then the vendor."), "{s}");
    t.keys(&["Escape"]);
    // Back on the list before the next key: an Esc followed at once by `/` reads as Alt-/.
    t.wait_for("Events by date");
    t.type_text("/");
    t.keys(&["C-u"]);
    t.type_text("is:marked");
    t.keys(&["Enter"]);
    t.wait_for("3/6 events");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        sample,
        "the timeline file is byte for byte the same"
    );
    let ws = std::fs::read_dir(t.xdg.path().join("data/tlx/workspaces"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>();
    assert_eq!(ws.len(), 1, "one workspace for the timeline: {ws:?}");
    let text = std::fs::read_to_string(&ws[0]).unwrap();
    assert!(text.contains("author: ana"), "{text}");
    assert!(
        text.contains("Ask the ministry.\n        Then the vendor."),
        "{text}"
    );
}

/// Issue 17: `Tab` completes `era:nat` to the era's id, in a real terminal.
#[test]
fn tab_completes_an_era_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("complete", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    t.wait_for("39/39 events");
    t.type_text("/era:nat");
    t.keys(&["Tab"]);
    let s = t.wait_for("era:nationwide-ban");
    assert!(s.contains("/39 events"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("14/39 events");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}
