//! The binary: every subcommand's output (snapshots), stderr, exit codes, pipes.

use std::process::Stdio;

use crate::util::{fixture, stderr, stdout, tlx};

fn sample() -> String {
    fixture("sample.yaml").display().to_string()
}

#[test]
fn list_table_is_aligned_and_whole_when_piped() {
    let o = tlx().args(["list", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn list_with_query_and_score_order() {
    let o = tlx()
        .args(["list", &sample(), "-q", "kaspersky", "--sort", "score"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn list_columns_are_chosen_in_order_and_a_typo_names_the_valid_ones() {
    let o = tlx()
        .args([
            "list",
            &sample(),
            "--columns",
            "grade,id,title",
            "--limit",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0] == "B  treaty-berlin  Treaty of Berlin signed",
        "{out}"
    );
    assert!(!out.contains("treaty,"), "no tags asked for: {out}");
    let o = tlx()
        .args(["list", &sample(), "--columns", "date,titel"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "tlx: --columns: unknown column 'titel' (did you mean 'title'?)\n  = help: the columns are: date, title, id, tags, actors, eras, publishers, grade\n"
    );
    let o = tlx()
        .args(["list", &sample(), "--format", "ids", "--columns", "id"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("does not go with --format"),
        "{}",
        stderr(&o)
    );
}

/// On a terminal of 80 cells the title keeps its room: the tags, then the id, give way;
/// columns asked for stay, and the title is cut instead.
#[test]
fn list_at_80_columns_keeps_the_title() {
    use tlx::commands::Style;
    use tlx::commands::list::{Column, write_table};
    let tl = tlx::model::load_embedded(&tlx::model::LoadOptions::default()).timeline;
    let hits: Vec<tlx::query::Hit> = (0..tl.events.len() as u32)
        .map(|event| tlx::query::Hit { event, score: 0 })
        .collect();
    let table = |width: Option<usize>, columns: &[Column], droppable: bool| {
        let style = Style {
            color: false,
            width,
            tz: None,
        };
        let mut out = Vec::new();
        write_table(&mut out, &tl, &hits, columns, droppable, style, None).unwrap();
        String::from_utf8(out).unwrap()
    };
    let narrow = table(Some(80), &Column::DEFAULT, true);
    let first = tl
        .events
        .iter()
        .position(|e| e.title.chars().count() > 70)
        .unwrap();
    let line = narrow.lines().nth(first).unwrap();
    assert!(tlx::text::width(line) <= 80, "{line}");
    assert!(
        line.ends_with('…'),
        "a long title is cut at the edge: {line}"
    );
    assert!(
        !line.contains(&tl.events[first].id),
        "the id gave way: {line}"
    );
    for (l, e) in narrow.lines().zip(&tl.events) {
        assert!(tlx::text::width(l) <= 80, "{l}");
        let shown = l.split_once("  ").unwrap().1.trim_start();
        assert!(
            shown.chars().count() >= 40.min(e.title.chars().count()),
            "at least 40 cells of title: {l}"
        );
    }
    let wide = table(Some(200), &Column::DEFAULT, true);
    assert!(
        wide.lines().next().unwrap().contains(&tl.events[0].id),
        "{wide}"
    );
    // Asked for, the id stays at 80 columns.
    let asked = table(Some(80), &[Column::Date, Column::Title, Column::Id], false);
    assert!(asked.lines().all(|l| tlx::text::width(l) <= 80), "{asked}");
    assert!(
        asked
            .lines()
            .nth(first)
            .unwrap()
            .ends_with(&tl.events[first].id)
    );
    // Piped: whole lines, every default column, whatever the terminal.
    let piped = table(None, &Column::DEFAULT, true);
    assert!(
        piped
            .lines()
            .nth(first)
            .unwrap()
            .contains(&tl.events[first].title)
    );
    assert!(
        piped
            .lines()
            .nth(first)
            .unwrap()
            .contains(&tl.events[first].id)
    );
}

#[test]
fn list_ids_and_limit() {
    let o = tlx()
        .args(["list", &sample(), "--format", "ids", "--limit", "2"])
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "treaty-berlin\nzurich-summit\n");
}

#[test]
fn list_json_is_the_documented_schema() {
    let o = tlx()
        .args(["list", &sample(), "--format", "json", "-q", "tag:treaty"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["count"], 2);
    assert_eq!(v["total"], 6);
    assert_eq!(v["query"], "tag:treaty");
    let tokyo = &v["events"][1];
    assert_eq!(tokyo["id"], "tokyo-accord");
    assert_eq!(tokyo["date"], "2024-03-15");
    assert_eq!(tokyo["end"], "2024-03-17");
    assert_eq!(tokyo["earliest"], "2024-03-15");
    assert_eq!(tokyo["latest"], "2024-03-17");
    assert_eq!(tokyo["sources"][0]["id"], "tokyo-accord/1");
    assert_eq!(tokyo["sources"][0]["inline"], true);
    assert_eq!(tokyo["sources"][0]["reliability"], "B");
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn list_cuts_to_the_terminal_width_only_on_a_terminal() {
    // COLUMNS is honoured only when stdout is a terminal; piped output stays whole.
    let o = tlx()
        .env("COLUMNS", "40")
        .args(["list", &sample()])
        .output()
        .unwrap();
    assert!(stdout(&o).lines().any(|l| l.chars().count() > 40));
}

#[test]
fn nothing_matched_exits_1() {
    let o = tlx()
        .args(["list", &sample(), "-q", "'nothing-like-this"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
}

#[test]
fn bad_query_exits_2_with_a_caret() {
    let o = tlx()
        .args(["list", &sample(), "-q", "treaty tga:x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn show_prints_every_field_sources_and_links() {
    let o = tlx().args(["show", "ban", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn show_lists_backlinks() {
    let o = tlx().args(["show", "cutoff", &sample()]).output().unwrap();
    let out = stdout(&o);
    assert!(out.contains("Linked from"), "{out}");
    assert!(out.contains("← follows from"), "{out}");
}

#[test]
fn show_json_has_backlinks() {
    let o = tlx()
        .args(["show", "ban", &sample(), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["backlinks"][0]["id"], "statement");
    assert_eq!(v["backlinks"][0]["type"], "response");
    assert_eq!(
        v["sources"][0]["quote"].as_str().unwrap().split(',').next(),
        Some("Today")
    );
}

#[test]
fn show_unknown_id_suggests_and_exits_1() {
    let o = tlx().args(["show", "cutof", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tlx: no event 'cutof' in this timeline (did you mean 'cutoff'?)\n"
    );
}

/// Issue 17: `tlx show odni` offers the ids that start with it.
#[test]
fn show_unknown_id_offers_the_ids_that_start_with_it() {
    let o = tlx().args(["show", "odni"]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tlx: no event 'odni' in this timeline (did you mean 'odni-kaspersky-assessment-2023-09'?)\n"
    );
    // Several: counted and named, in file order.
    let o = tlx().args(["show", "T", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "tlx: no event 'T' in this timeline\n  = help: 2 ids start with it: treaty-berlin, tokyo-accord\n"
    );
    // None, and no likely typo: where to look.
    let o = tlx().args(["show", "zzzz", &sample()]).output().unwrap();
    assert_eq!(
        stderr(&o),
        "tlx: no event 'zzzz' in this timeline\n  = help: `tlx list --format ids` lists every id\n"
    );
}

#[test]
fn validate_clean_and_with_problems() {
    let o = tlx().args(["validate", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        "tests/fixtures/sample.yaml: 6 events, 0 errors, 0 warnings\n"
    );

    let bad = fixture("errors/unknown-reference.yaml")
        .display()
        .to_string();
    let o = tlx().args(["validate", &bad]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn validate_reports_an_unknown_related_id_with_a_syntax_error_in_one_pass() {
    let o = tlx()
        .args(["validate", "tests/fixtures/errors/half-parsed"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("a.yaml:10:15: error: unknown event 'four'\n"),
        "{out}"
    );
    assert!(out.contains("b.yaml:9:12: error: invalid YAML"), "{out}");
    assert!(
        !out.contains("'three'"),
        "three is in the file that did not parse: {out}"
    );
    assert!(out.ends_with("2 files: 2 errors, 0 warnings\n"), "{out}");
}

#[test]
fn validate_strict_fails_on_warnings() {
    let w = fixture("warnings/no-source.yaml").display().to_string();
    let o = tlx().args(["validate", &w]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let o = tlx().args(["validate", "--strict", &w]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn io_errors_exit_2() {
    let o = tlx()
        .args(["validate", "no/such/file.yaml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("error: cannot read no/such/file.yaml: no such file or folder"));
    let o = tlx().args(["list", "no/such/file.yaml"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("error: cannot read no/such/file.yaml"));
}

#[test]
fn invalid_data_exits_1_with_diagnostics_on_stderr() {
    let bad = fixture("errors/wrong-type.yaml").display().to_string();
    let o = tlx().args(["list", &bad]).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn file_over_the_size_limit_is_refused_before_reading() {
    let o = tlx()
        .args(["validate", &sample(), "--max-file-size", "1K"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(
        out.contains("over the 1.0 KiB limit for one file; it was not read"),
        "{out}"
    );
    assert!(out.contains("--max-file-size"), "{out}");
}

#[test]
fn stats_counts_by_year_tag_actor_publisher_grade() {
    let o = tlx().args(["stats", &sample()]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!(stdout(&o));
}

#[test]
fn stats_with_a_query() {
    let o = tlx()
        .args(["stats", &sample(), "-q", "tag:policy"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        out.starts_with("Sample timeline\n3 of 6 events, from 20 Jun 2024 to 29 Sep 2024"),
        "{out}"
    );
}

#[test]
fn stats_flag_reports_load_and_query_to_stderr() {
    let o = tlx()
        .args(["list", &sample(), "-q", "kaspersky", "--stats"])
        .output()
        .unwrap();
    let err = stderr(&o);
    for key in [
        "files read:    1",
        "bytes read:",
        "events loaded: 6",
        "load time:",
        "index time:",
        "query time:",
        "matches:       3",
    ] {
        assert!(err.contains(key), "{key} missing in {err}");
    }
    // Without a query, or with facets alone, there is no index to build, and no line
    // for it.
    for args in [&[][..], &["-q", "tag:sanctions"][..]] {
        let o = tlx()
            .args(["list", &sample(), "--stats"])
            .args(args)
            .output()
            .unwrap();
        let err = stderr(&o);
        assert!(err.contains("query time:"), "{err}");
        assert!(!err.contains("index time:"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{err}");
    }
}

#[test]
fn global_options_may_come_before_the_command() {
    let o = tlx()
        .args([
            "--stats",
            "--color",
            "never",
            "list",
            &sample(),
            "-q",
            "kaspersky",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 3);
    assert!(stderr(&o).contains("matches:       3"), "{}", stderr(&o));
}

#[test]
fn a_mistyped_or_misplaced_command_is_named_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let o = tlx().arg("lsit").current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: no file or folder 'lsit', and no command of that name\n  = help: did you mean `tlx list`? (see `tlx --help`)\n"
    );
    let o = tlx()
        .args([&sample(), "list"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("did you mean `tlx list {}`?", sample())),
        "{}",
        stderr(&o)
    );
    // A file of that name is opened as a file (here: refused for want of a terminal).
    std::fs::write(dir.path().join("lsit"), "").unwrap();
    let o = tlx().arg("lsit").current_dir(dir.path()).output().unwrap();
    assert!(stderr(&o).contains("needs a terminal"), "{}", stderr(&o));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let o = tlx().args(["list", &sample()]).output().unwrap();
    assert!(!stdout(&o).contains('\x1b'));
    let o = tlx()
        .args(["list", &sample(), "--color", "always", "-q", "zurich"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(
        out.contains("\x1b[1;31mZürich\x1b[0m"),
        "match highlighted: {out:?}"
    );
}

#[test]
fn closed_pipe_exits_0_quietly() {
    // Enough output to fill the pipe after `head` has gone.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("title: Many\nsources:\n  s: {publisher: P}\nevents:\n");
    for i in 0..5000 {
        text.push_str(&format!(
            "  - id: event-{i}\n    date: 2020\n    title: A fairly long title for event number {i} so lines are wide\n    sources: [s]\n"
        ));
    }
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, text).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("tlx");
    let script = format!(
        "'{}' list '{}' | head -1 >/dev/null; echo \"status=${{PIPESTATUS[0]}}\"",
        bin.display(),
        path.display()
    );
    let o = std::process::Command::new("bash")
        .args(["-c", &script])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(stdout(&o).trim(), "status=0");
    assert_eq!(stderr(&o), "", "no broken-pipe message");
}

#[test]
fn help_and_usage_errors() {
    let o = tlx().arg("--help").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let help = stdout(&o);
    for s in ["list", "show", "validate", "stats", "Exit status"] {
        assert!(help.contains(s), "{s}");
    }
    let o = tlx().args(["list", "--sort", "sideways"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}
