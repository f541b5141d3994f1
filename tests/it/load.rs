//! Loading: one fixture per error and warning kind, each with its exact message and
//! position; merging; budgets.

use std::io::Write;

use crate::util::{fixture, headlines, load};
use tlx::model::{Kind, LoadOptions, load_paths, load_texts};

/// Every diagnostic of the fixture, exactly.
fn assert_diags(name: &str, expected: &[&str]) {
    let l = load(&[name]);
    let path = fixture(name).display().to_string();
    let expected: Vec<String> = expected.iter().map(|e| e.replace("{f}", &path)).collect();
    assert_eq!(headlines(&l), expected, "{name}");
}

#[test]
fn yaml_syntax_error_names_line_column_and_the_unclosed_bracket() {
    assert_diags(
        "errors/syntax.yaml",
        &["{f}:18:9: error: invalid YAML: illegal placement of ':' indicator"],
    );
    let l = load(&["errors/syntax.yaml"]);
    assert!(l.diagnostics[0].notes[0].contains("'[' at line 17, column 12 is never closed"));
    assert_eq!(l.diagnostics[0].kind, Kind::Syntax);
}

#[test]
fn wrong_type_names_the_field_path_and_expected_type() {
    assert_diags(
        "errors/wrong-type.yaml",
        &["{f}:16:11: error: events[0].tags: expected a list of tags, found a string"],
    );
}

#[test]
fn missing_required_field() {
    assert_diags(
        "errors/missing-field.yaml",
        &["{f}:12:5: error: missing required field 'date' in event 'one'"],
    );
}

#[test]
fn unknown_field_is_an_error_with_a_suggestion() {
    assert_diags(
        "errors/unknown-field.yaml",
        &["{f}:16:5: error: unknown field 'sumary' in event 'one' (did you mean 'summary'?)"],
    );
}

#[test]
fn impossible_date() {
    assert_diags(
        "errors/impossible-date.yaml",
        &[
            "{f}:13:11: error: invalid date: '2023-02-29': day 29 does not exist in February 2023 (it has 28 days)",
        ],
    );
}

#[test]
fn end_before_date() {
    assert_diags(
        "errors/end-before-date.yaml",
        &["{f}:16:10: error: event 'one' ends (2024-05) before its date (2024-06-20)"],
    );
}

#[test]
fn duplicate_id_names_both_places() {
    assert_diags(
        "errors/duplicate-id.yaml",
        &["{f}:16:9: error: duplicate event id 'one' (first defined at {f}:12:9)"],
    );
}

#[test]
fn duplicate_id_across_files_names_both_files() {
    let l = load(&["merge-dup"]);
    assert_eq!(
        headlines(&l),
        [
            "tests/fixtures/merge-dup/b.yaml:2:9: error: duplicate event id 'one' (first defined at tests/fixtures/merge-dup/a.yaml:6:9)"
        ]
    );
}

#[test]
fn unknown_references_suggest_the_closest_id() {
    assert_diags(
        "errors/unknown-reference.yaml",
        &[
            "{f}:16:14: error: unknown actor 'agncy' (did you mean 'agency'?)",
            "{f}:17:15: error: unknown event 'tow' (did you mean 'two'?)",
            "{f}:22:5: warning: event 'three' cites no source",
            "{f}:25:15: error: unknown source 'src-b' (did you mean 'src-a'?)",
        ],
    );
}

/// An event with its own error still counts as a candidate for "did you mean": the
/// reader fixing the reference needs the intended id, whatever is wrong with its event.
#[test]
fn unknown_event_suggests_an_event_that_failed_to_load() {
    let text = "title: T
sources:
  s: {url: \"https://example.org/\"}
events:
  - id: a-one
    date: 2024-02-30
    title: A broken date
    sources: [s]
  - id: a-two
    date: 2024-03-01
    title: Two
    sources: [s]
    related: [a-onex]
";
    let l = load_texts(&[("t.yaml", text)], &LoadOptions::default());
    let messages: Vec<String> = l.diagnostics.iter().map(|d| d.message.clone()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m == "unknown event 'a-onex' (did you mean 'a-one'?)"),
        "{messages:#?}"
    );
}

/// A file that does not parse does not hold back an unknown reference of another file:
/// both are reported in one pass. An id the broken file spells may be defined there, and
/// is not reported until it parses.
#[test]
fn an_unknown_reference_is_reported_beside_another_files_syntax_error() {
    let l = load(&["errors/half-parsed"]);
    assert_eq!(
        headlines(&l),
        [
            "tests/fixtures/errors/half-parsed/a.yaml:10:15: error: unknown event 'four'",
            "tests/fixtures/errors/half-parsed/b.yaml:9:12: error: invalid YAML: illegal placement of ':' indicator",
        ]
    );
    assert_eq!(l.diagnostics[0].kind, Kind::UnknownReference);
    // A path that is not there may define anything: nothing is guessed about it.
    let l = load(&["errors/half-parsed/a.yaml", "errors/no-such.yaml"]);
    assert!(
        l.diagnostics
            .iter()
            .all(|d| d.kind != Kind::UnknownReference),
        "{:#?}",
        headlines(&l)
    );
}

#[test]
fn url_must_be_http() {
    assert_diags(
        "errors/bad-url.yaml",
        &["{f}:5:10: error: url 'javascript:alert(1)' is not an http or https URL"],
    );
}

#[test]
fn grades_out_of_range() {
    assert_diags(
        "errors/grade-out-of-range.yaml",
        &[
            "{f}:5:18: error: reliability 'G' is out of range: the Admiralty scale runs from A to F",
            "{f}:12:22: error: credibility 7 is out of range: the Admiralty scale runs from 1 to 6",
        ],
    );
}

#[test]
fn newer_format_version_is_refused() {
    assert_diags(
        "errors/version.yaml",
        &[
            "{f}:1:10: error: format version 2 is newer than this tlx reads (version 1): upgrade tlx",
        ],
    );
}

#[test]
fn bad_ids_and_keywords() {
    assert_diags(
        "errors/bad-id.yaml",
        &["{f}:12:9: error: event id 'Event One' is not valid (did you mean 'event-one'?)"],
    );
    assert_diags(
        "errors/bad-value.yaml",
        &["{f}:16:17: error: unknown confidence term 'likly' (did you mean 'likely'?)"],
    );
}

#[test]
fn files_without_a_timeline() {
    for name in ["errors/empty.yaml", "errors/comments-only.yaml"] {
        assert_diags(
            name,
            &["{f}: error: the file holds no timeline (it is empty or only comments)"],
        );
    }
    assert_diags(
        "errors/not-a-mapping.yaml",
        &["{f}: error: expected a timeline mapping (with `title` and `events`), found a list"],
    );
}

#[test]
fn warnings_load_the_timeline() {
    let cases = [
        (
            "warnings/no-source.yaml",
            "{f}:16:5: warning: event 'two' cites no source",
        ),
        (
            "warnings/tag-used-once.yaml",
            "{f}:26:12: warning: tag 'polcy' is used only once: a typo? (did you mean 'policy'?)",
        ),
        (
            "warnings/source-never-cited.yaml",
            "{f}:7:3: warning: source 'src-b' is never cited",
        ),
        (
            "warnings/future-event.yaml",
            "{f}:18:11: warning: event 'two' (2024-07-04) is later than the timeline's `updated` date (2024-06-30)",
        ),
    ];
    for (name, expected) in cases {
        assert_diags(name, &[expected]);
        let l = load(&[name]);
        assert!(!l.has_errors(), "{name}");
        assert!(!l.timeline.events.is_empty());
    }
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_pass() {
    let text = "title: t\nsumary: x\nsources:\n  s: {publisher: P, reliability: Z}\nevents:\n  - id: a\n    date: 2024-13\n    title: A\n    sources: [s]\n  - id: b\n    title: [x]\n    date: 2024\n    sources: [q]\n";
    let l = load_texts(&[("many.yaml", text)], &LoadOptions::default());
    assert_eq!(
        headlines(&l),
        [
            "many.yaml:2:1: error: unknown field 'sumary' in the timeline (did you mean 'summary'?)",
            "many.yaml:4:34: error: reliability 'Z' is out of range: the Admiralty scale runs from A to F",
            "many.yaml:7:11: error: invalid date: '2024-13': month 13 does not exist (months run from 01 to 12)",
            "many.yaml:11:12: error: events[1].title: expected a string, found a list",
            "many.yaml:13:15: error: unknown source 'q' (did you mean 's'?)",
        ]
    );
}

#[test]
fn files_and_folders_merge_and_references_cross_files() {
    let l = load(&["merge"]);
    assert!(!l.has_errors(), "{:?}", headlines(&l));
    let tl = &l.timeline;
    assert_eq!(tl.title, "Merged");
    assert_eq!(tl.inputs.len(), 2, "notes.txt is ignored");
    let ids: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["two", "one"], "chronological across files");
    let one = tl.event("one").unwrap();
    assert_eq!(tl.events[one.related[0].event as usize].id, "two");
    let two = tl.event_ix("two").unwrap();
    assert_eq!(
        tl.index.backlinks[two as usize].len(),
        1,
        "backlink computed"
    );
}

#[test]
fn large_generated_file_loads_within_scaled_budgets() {
    // 20,000 events is past serde-saphyr's default node budget; ours scales with size.
    let mut text = String::from("title: Big\nsources:\n  s: {publisher: P}\nevents:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - id: e{i}\n    date: {}-{:02}-{:02}\n    title: Event number {i}\n    tags: [a, b]\n    sources: [s]\n",
            1990 + i % 30,
            1 + i % 12,
            1 + i % 28
        ));
    }
    let l = load_texts(&[("big.yaml", &text)], &LoadOptions::default());
    assert!(!l.has_errors(), "{:?}", headlines(&l).first());
    assert_eq!(l.timeline.events.len(), 20_000);
}

fn write_temp(content: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(".yaml").tempfile().unwrap();
    f.write_all(content.as_bytes()).unwrap();
    f
}

#[test]
fn nested_alias_bomb_fails_fast_naming_the_budget() {
    let bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
    let f = write_temp(bomb);
    let l = load_paths(&[f.path().to_path_buf()], &LoadOptions::default());
    assert_eq!(l.errors().count(), 1);
    let d = l.errors().next().unwrap();
    assert_eq!(d.kind, Kind::Budget);
    assert!(d.message.contains("budget"), "{}", d.message);
    assert!(
        d.notes.iter().any(|n| n.contains("--max-expansion")),
        "{:?}",
        d.notes
    );
}

#[test]
fn flat_alias_bomb_fails_fast_naming_the_budget() {
    let mut s = String::from("base: &x [");
    s.push_str(&vec!["z"; 20_000].join(","));
    s.push_str("]\nrefs: [");
    s.push_str(&vec!["*x"; 20_000].join(","));
    s.push_str("]\n");
    assert!(s.len() < 110_000);
    let f = write_temp(&s);
    let l = load_paths(&[f.path().to_path_buf()], &LoadOptions::default());
    let d = l.errors().next().expect("refused");
    assert_eq!(d.kind, Kind::Budget, "{}", d.message);
}

#[test]
fn verbatim_spelling_of_numbers_in_text_fields_is_kept() {
    let text = "title: 1.50\nsources:\n  s: {publisher: true}\nevents:\n  - id: a\n    date: 2024\n    title: 3.14159265358979323846\n    sources: [{ref: s, quote: 1.000}]\n";
    let l = load_texts(&[("n.yaml", text)], &LoadOptions::default());
    assert!(!l.has_errors(), "{:?}", headlines(&l));
    let tl = &l.timeline;
    assert_eq!(tl.title, "1.50");
    assert_eq!(tl.events[0].title, "3.14159265358979323846");
    assert_eq!(tl.sources[0].publisher, "true");
    assert_eq!(tl.events[0].citations[0].quote.as_deref(), Some("1.000"));
}

#[test]
fn missing_path_is_an_io_error() {
    let l = load(&["does-not-exist.yaml"]);
    assert_eq!(l.exit_code(), 2);
    assert_eq!(
        headlines(&l),
        ["error: cannot read tests/fixtures/does-not-exist.yaml: no such file or folder"]
    );
}

#[test]
fn every_form_of_reference_is_placed_at_its_own_id() {
    // Each way of writing a reference, in an event that loads and in one that does not
    // (no title): each unknown id is reported where it is written.
    let text = "\
title: Refs
actors:
  a: {name: A}
sources:
  s: {publisher: P}
events:
  - id: one
    date: 2024-01-01
    title: One
    tags: [lonely]
    actors: [a, ax, {id: ay, role: host}]
    sources: [s, sx, {ref: sy, quote: Q}]
    related: [one, ex, {id: ey, type: causes}]
  - id: two
    date: 2024-01-02
    actors: [bx, {id: by}]
    sources: [tx, {ref: ty}]
    related: [fx, {id: fy}]
";
    let l = load_texts(&[("refs.yaml", text)], &LoadOptions::default());
    let mut got = headlines(&l);
    got.sort();
    let mut want = vec![
        "refs.yaml:10:12: warning: tag 'lonely' is used only once",
        "refs.yaml:11:17: error: unknown actor 'ax' (did you mean 'a'?)",
        "refs.yaml:11:26: error: unknown actor 'ay' (did you mean 'a'?)",
        "refs.yaml:12:18: error: unknown source 'sx' (did you mean 's'?)",
        "refs.yaml:12:28: error: unknown source 'sy' (did you mean 's'?)",
        "refs.yaml:13:15: error: event 'one' lists itself as related",
        "refs.yaml:13:20: error: unknown event 'ex'",
        "refs.yaml:13:29: error: unknown event 'ey'",
        "refs.yaml:14:5: error: missing required field 'title' in event 'two'",
        "refs.yaml:16:14: error: unknown actor 'bx'",
        "refs.yaml:16:23: error: unknown actor 'by'",
        "refs.yaml:17:15: error: unknown source 'tx'",
        "refs.yaml:17:25: error: unknown source 'ty'",
        "refs.yaml:18:15: error: unknown event 'fx'",
        "refs.yaml:18:24: error: unknown event 'fy'",
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn references_that_resolve_to_nothing_or_repeat_are_dropped_in_order() {
    let text = "\
title: Order
actors:
  a: {name: A}
  b: {name: B}
  c: {name: C}
sources:
  s: {publisher: S}
  t: {publisher: T}
events:
  - id: one
    date: 2024-01-01
    title: One
    actors: [zz, b, {id: a, role: host}, b, zy, c]
    sources: [s, nope, {publisher: Inline}, t, s]
    related: [two, one, three, two, nah]
  - id: two
    date: 2024-01-02
    title: Two
    sources: [s]
  - id: three
    date: 2024-01-03
    title: Three
    sources: [s]
";
    let l = load_texts(&[("order.yaml", text)], &LoadOptions::default());
    let tl = &l.timeline;
    let one = tl.event("one").expect("event one loads");
    let actors: Vec<(&str, Option<&str>)> = one
        .actors
        .iter()
        .map(|r| (tl.actor(r.actor).id.as_str(), r.role.as_deref()))
        .collect();
    assert_eq!(actors, [("b", None), ("a", Some("host")), ("c", None)]);
    // Citations are not merged: a source cited twice is cited twice.
    let sources: Vec<&str> = one
        .citations
        .iter()
        .map(|c| tl.source(c.source).id.as_str())
        .collect();
    assert_eq!(sources, ["s", "one/3", "t", "s"]);
    let related: Vec<&str> = one
        .related
        .iter()
        .map(|r| tl.events[r.event as usize].id.as_str())
        .collect();
    assert_eq!(related, ["two", "three"]);
    let mut got = headlines(&l);
    got.sort();
    assert_eq!(
        got,
        [
            "order.yaml:13:14: error: unknown actor 'zz'",
            "order.yaml:13:45: error: unknown actor 'zy'",
            "order.yaml:14:18: error: unknown source 'nope'",
            "order.yaml:15:20: error: event 'one' lists itself as related",
            "order.yaml:15:37: error: unknown event 'nah'",
        ]
    );
}
