//! Hardening: hostile files, hostile text, and a terminal that is always given back.
//!
//! - The corpus in `tests/fixtures/bad/`: one file per error of the format (and the
//!   encodings and line ends that are accepted), each checked in the library (message,
//!   file, line, column, exit code, work done) and through the binary (`tlx validate`, with
//!   its address space capped, so unbounded memory would fail rather than swap).
//! - Big files generated into a temporary folder (never kept in the repository): alias
//!   bombs, 10,000 nested flow sequences, a 10 MB line, a 300 MB sparse file.
//! - Folders: an unreadable file (read by an unprivileged user when the tests run as
//!   root), a symlink loop, a file that vanished after listing, non-YAML files.
//! - Special files: `/dev/zero` stops at the size limit; a named pipe in a folder is
//!   skipped, one named on the command line (or `/dev/stdin`) is read, bounded.
//! - Hostile text on a real terminal (tmux): escape sequences in a timeline are shown as
//!   visible stand-ins and never obeyed; a resize storm and a pasted flood leave a whole
//!   screen and a terminal given back.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::e2e::{Tmux, tlx_bin};
use crate::hostile_files as files;
use crate::util::{fixture, headlines, is_root, tlx, tlx_unprivileged};
use tlx::model::load::{list_paths, load_listed};
use tlx::model::{Kind, LoadOptions, Loaded, Severity, load_paths};

// ---- bounding the work ----
//
// A load's cost is checked as work counted (bytes read, YAML events parsed, bytes scanned
// for lines; `LoadStats::work`) against the size of what it read, never as time: the
// counts are the same on any machine, however slow or busy, while a blow-up (a budget
// that no longer holds, a file parsed again for each diagnostic) multiplies them. Time is
// bounded only to catch a hang. What the hostile files cost in time is measured by
// `cargo bench --bench load -- hostile`.

/// Wall-clock bound: only catches a hang, since the machine may be busy with builds.
const WALL_LIMIT: Duration = Duration::from_secs(20);

/// How many times a load may parse a file: once, again to restore the spelling of a
/// scalar YAML read as a number, and again to place what it reports.
const PARSES: u64 = 3;

/// Bytes the files at `paths` hold, as listed (a file that is not a regular file, such as
/// a device, counts as the size limit, where reading stops).
fn listed_size(paths: &[PathBuf], opts: &LoadOptions) -> u64 {
    list_paths(paths)
        .files
        .iter()
        .map(|f| match std::fs::metadata(f) {
            Ok(m) if m.is_file() => m.len(),
            _ => opts.max_file_size,
        })
        .sum()
}

/// The most YAML events a file of `size` bytes may cost, per parse: its budget, which
/// scales with its size.
fn event_budget(size: u64, opts: &LoadOptions) -> u64 {
    size * opts.max_expansion + 4096
}

/// Loads `paths` on another thread, failing the test if it hangs (see [`WALL_LIMIT`]),
/// and checks that the work it did is bounded by the size of what it read: each file
/// read at most twice (once more as a stream, to place a bad byte) plus a buffer, at
/// most [`PARSES`] parses each within its event budget, and each file's lines indexed
/// at most once.
fn bounded_load(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let size = listed_size(paths, opts);
    let l = load_guarded(paths, opts);
    let w = l.stats.work;
    let files = list_paths(paths).files.len().max(1) as u64;
    assert!(
        w.bytes_read <= 2 * size + files * (64 << 10),
        "{paths:?}: read {} bytes of {size}",
        w.bytes_read
    );
    assert!(
        w.yaml_events <= PARSES * event_budget(size, opts),
        "{paths:?}: {} YAML events for {size} bytes",
        w.yaml_events
    );
    assert!(
        w.line_bytes <= size,
        "{paths:?}: scanned {} bytes for lines of {size}",
        w.line_bytes
    );
    l
}

/// Loads `paths` in another thread, failing the test if it does not finish within
/// [`WALL_LIMIT`] (a read that blocks for ever, on a pipe nobody writes to).
fn load_guarded(paths: &[PathBuf], opts: &LoadOptions) -> Loaded {
    let (paths, opts) = (paths.to_vec(), opts.clone());
    let what = format!("{paths:?}");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(load_paths(&paths, &opts));
    });
    rx.recv_timeout(WALL_LIMIT)
        .unwrap_or_else(|_| panic!("{what}: loading did not finish within {WALL_LIMIT:?}"))
}

/// The address space `tlx` runs in for the hostile files (`ulimit -v`, in KiB): 256 MiB,
/// less than the 300 MB file, so reading that file would fail the test.
const MEMORY_LIMIT_KIB: u64 = 256 * 1024;

/// Runs `tlx <args>` with a clean environment, its address space capped (see
/// [`MEMORY_LIMIT_KIB`]), and killed if it runs past [`WALL_LIMIT`].
fn tlx_capped(args: &[&str]) -> Output {
    let mut c = Command::new("bash");
    c.arg("-c")
        .arg(format!(
            "ulimit -v {MEMORY_LIMIT_KIB} && exec \"$0\" \"$@\""
        ))
        .arg(tlx_bin())
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("TLX_CONFIG")
        .env_remove("SOURCE_DATE_EPOCH");
    run_guarded(c, &format!("tlx {args:?}"))
}

/// Runs `c` to the end, collecting its output, and kills it if it runs past
/// [`WALL_LIMIT`] (only a hang: the machine may be busy).
fn run_guarded(mut c: Command, what: &str) -> Output {
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("the command runs");
    // Read both pipes in threads so that a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            panic!("{what} ran past {WALL_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().expect("reader"),
        stderr: err.join().expect("reader"),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// `tlx validate <path>` exits with `exit`, prints each expected headline, and does not
/// panic.
fn validate_binary(path: &Path, expected: &[String], exit: u8) -> Output {
    let o = tlx_capped(&["validate", &path.display().to_string()]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(!err.contains("panicked"), "{path:?} panicked: {err}");
    assert_eq!(
        o.status.code(),
        Some(i32::from(exit)),
        "{path:?}\nstdout: {out}\nstderr: {err}"
    );
    for e in expected {
        assert!(out.contains(e.as_str()), "{path:?}: {e:?} not in\n{out}");
    }
    o
}

fn bad(name: &str) -> PathBuf {
    fixture(&format!("bad/{name}"))
}

/// Checks one file of the corpus: exactly these diagnostics (`{f}` stands for the path),
/// this exit code, bounded work, and the same through the binary. Returns the load.
fn check(name: &str, expected: &[&str], exit: u8) -> Loaded {
    let path = bad(name);
    let f = path.display().to_string();
    let expected: Vec<String> = expected.iter().map(|e| e.replace("{f}", &f)).collect();
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    assert_eq!(headlines(&l), expected, "{name}");
    assert_eq!(l.exit_code(), exit, "{name}");
    validate_binary(&path, &expected, exit);
    l
}

fn only_error(l: &Loaded) -> &tlx::model::Diagnostic {
    let mut errors = l.errors();
    let d = errors.next().expect("an error");
    assert!(errors.next().is_none(), "one error only");
    d
}

// ---- the corpus: each error of the format ----

#[test]
fn syntax_error_points_at_the_unclosed_bracket() {
    let l = check(
        "syntax.yaml",
        &["{f}:7:12: error: invalid YAML: illegal placement of ':' indicator"],
        1,
    );
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Syntax);
    assert_eq!(
        d.notes,
        ["help: the '[' at line 6, column 11 is never closed; close it with ']'"]
    );
}

#[test]
fn tabs_for_indentation_get_a_hint() {
    let l = check(
        "tabs.yaml",
        &["{f}:7:2: error: invalid YAML: tabs disallowed within this context (block indentation)"],
        1,
    );
    assert_eq!(
        only_error(&l).notes,
        ["help: YAML does not allow tabs for indentation; indent with spaces"]
    );
}

#[test]
fn a_tab_indenting_a_key_is_an_error_at_the_line_before() {
    // The parser reports the tab where the scalar before it began (line 3), not on the
    // tab's own line (line 4).
    check(
        "tabs-in-mapping.yaml",
        &["{f}:3:9: error: invalid YAML: while scanning a plain scalar, found a tab"],
        1,
    );
}

#[test]
fn a_tab_indenting_a_key_gets_the_tab_hint() {
    let l = load_paths(&[bad("tabs-in-mapping.yaml")], &LoadOptions::default());
    assert_eq!(
        only_error(&l).notes,
        ["help: YAML does not allow tabs for indentation; indent with spaces"]
    );
}

#[test]
fn more_than_one_document() {
    let l = check(
        "two-documents.yaml",
        &[
            "{f}:3:1: error: the file holds more than one YAML document (`---`): a timeline file is one document",
        ],
        1,
    );
    assert_eq!(
        only_error(&l).notes,
        ["help: split the documents into separate files, which tlx merges"]
    );
}

#[test]
fn a_key_given_twice() {
    let l = check(
        "repeated-key.yaml",
        &["{f}:6:5: error: field 'title' is given twice in event 'one'"],
        1,
    );
    assert_eq!(only_error(&l).kind, Kind::RepeatedKey);
}

#[test]
fn empty_and_comment_only_files_hold_no_timeline() {
    for name in ["empty.yaml", "comments-only.yaml"] {
        check(
            name,
            &["{f}: error: the file holds no timeline (it is empty or only comments)"],
            1,
        );
    }
}

#[test]
fn a_file_that_is_not_a_mapping() {
    check(
        "not-a-mapping.yaml",
        &["{f}: error: expected a timeline mapping (with `title` and `events`), found a string"],
        1,
    );
}

#[test]
fn a_wrong_type_names_the_path_and_the_expected_type() {
    let l = check(
        "wrong-type.yaml",
        &["{f}:6:11: error: events[0].tags: expected a list of tags, found a string"],
        1,
    );
    assert_eq!(only_error(&l).kind, Kind::WrongType);
}

#[test]
fn a_missing_and_an_empty_required_field() {
    check(
        "missing-field.yaml",
        &["{f}:3:5: error: missing required field 'date' in event 'one'"],
        1,
    );
    check(
        "empty-field.yaml",
        &["{f}:5:12: error: field 'title' of event 'one' is empty"],
        1,
    );
}

#[test]
fn an_unknown_field_suggests_the_closest() {
    let l = check(
        "unknown-field.yaml",
        &["{f}:6:5: error: unknown field 'sumary' in event 'one' (did you mean 'summary'?)"],
        1,
    );
    assert_eq!(
        only_error(&l).notes,
        [
            "help: expected one of: id, date, end, timezone, display_date, title, summary, tags, actors, sources, related, confidence, media"
        ]
    );
}

#[test]
fn impossible_dates_and_backwards_ranges() {
    check(
        "impossible-date.yaml",
        &[
            "{f}:4:11: error: invalid date: '2024-02-30': day 30 does not exist in February 2024 (it has 29 days)",
        ],
        1,
    );
    check(
        "end-before-date.yaml",
        &["{f}:5:10: error: event 'one' ends (2024-05) before its date (2024-06-20)"],
        1,
    );
    check(
        "era-ends-before-start.yaml",
        &["{f}:6:10: error: era 'backwards' ends (2023) before it starts (2024-06)"],
        1,
    );
}

#[test]
fn a_duplicate_id_names_both_places() {
    check(
        "duplicate-id.yaml",
        &["{f}:7:9: error: duplicate event id 'one' (first defined at {f}:3:9)"],
        1,
    );
}

#[test]
fn invalid_ids_and_tags_suggest_valid_ones() {
    check(
        "bad-id.yaml",
        &[
            "{f}:3:9: error: event id 'Kaspersky Lab' is not valid (did you mean 'kaspersky-lab'?)",
            "{f}:6:12: error: tag 'Policy Change' is not valid (did you mean 'policy-change'?)",
        ],
        1,
    );
}

#[test]
fn unknown_references_suggest_the_closest_id() {
    check(
        "unknown-reference.yaml",
        &[
            "{f}:7:5: warning: event 'one' cites no source",
            "{f}:10:14: error: unknown actor 'agncy' (did you mean 'agency'?)",
            "{f}:11:15: error: unknown source 'bis-2024-6-20' (did you mean 'bis-2024-06-20'?)",
            "{f}:12:15: error: unknown event 'tow' (did you mean 'two'?)",
        ],
        1,
    );
    check(
        "self-related.yaml",
        &["{f}:7:15: error: event 'one' lists itself as related"],
        1,
    );
}

#[test]
fn urls_grades_and_keywords_out_of_range() {
    check(
        "bad-url.yaml",
        &["{f}:5:10: error: url 'javascript:alert(1)' is not an http or https URL"],
        1,
    );
    check(
        "out-of-range.yaml",
        &[
            "{f}:5:11: error: unknown source kind 'goverment' (did you mean 'government'?)",
            "{f}:6:18: error: reliability 'G' is out of range: the Admiralty scale runs from A to F",
            "{f}:13:22: error: credibility 7 is out of range: the Admiralty scale runs from 1 to 6",
        ],
        1,
    );
}

#[test]
fn a_newer_format_version() {
    check(
        "version.yaml",
        &[
            "{f}:1:10: error: format version 2 is newer than this tlx reads (version 1): upgrade tlx",
        ],
        1,
    );
}

#[test]
fn a_title_of_two_lines() {
    check(
        "multi-line-title.yaml",
        &["{f}:6:7: error: the title of event 'one' must be one line"],
        1,
    );
}

#[test]
fn a_truncated_file() {
    check(
        "truncated.yaml",
        &["{f}:5:12: error: invalid YAML: unclosed quote"],
        1,
    );
}

#[test]
fn binary_garbage_is_refused() {
    let l = check(
        "binary.yaml",
        &["{f}:3:1: error: the file is binary (it contains a NUL byte), not a YAML timeline"],
        1,
    );
    assert_eq!(only_error(&l).kind, Kind::Encoding);
}

#[test]
fn invalid_utf8_names_the_byte_and_its_place() {
    let l = check(
        "invalid-utf8.yaml",
        &["{f}:5:13: error: the file is not valid UTF-8 (byte 0xFC cannot start a character here)"],
        1,
    );
    assert_eq!(only_error(&l).notes, ["help: save the file as UTF-8"]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let l = check("bom.yaml", &[], 0);
    assert_eq!(l.timeline.title, "With a byte-order mark");
    assert_eq!(l.timeline.events[0].id, "one");
}

#[test]
fn crlf_line_ends_are_accepted_and_positions_stay_right() {
    let l = check("crlf.yaml", &[], 0);
    assert_eq!(l.timeline.title, "CRLF line ends");
    assert_eq!(
        l.timeline.summary.as_deref(),
        Some("Two lines\nof summary.")
    );
    assert!(!l.timeline.events[0].title.contains('\r'));
    let l = check(
        "crlf-error.yaml",
        &[
            "{f}:4:11: error: invalid date: '2024-13': month 13 does not exist (months run from 01 to 12)",
        ],
        1,
    );
    assert_eq!(
        only_error(&l).line_text.as_deref(),
        Some("    date: 2024-13"),
        "no carriage return in the shown line"
    );
}

// ---- the parser's budgets ----

#[test]
fn billion_laughs_is_refused_by_the_event_budget() {
    let l = check(
        "billion-laughs.yaml",
        &[
            "{f}:5:20: error: the file expands past the parser's event budget (5597 YAML events for a 375 bytes file): YAML aliases (*name) repeating large anchors (&name) are the usual cause",
        ],
        1,
    );
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Budget);
    assert_eq!(
        d.notes,
        [
            "help: the limits scale with the file's size (4x); if this file is trusted, raise them with --max-expansion <FACTOR>"
        ]
    );
}

/// A file written into a fresh temporary folder.
fn temp_file(name: &str, content: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, content).unwrap();
    (dir, path)
}

/// [`files::flat_bomb`] in a temporary folder.
fn flat_bomb() -> (tempfile::TempDir, PathBuf) {
    let s = files::flat_bomb();
    assert!((95_000..=105_000).contains(&s.len()), "{}", s.len());
    temp_file("flat-bomb.yaml", s.as_bytes())
}

#[test]
fn a_flat_alias_bomb_is_refused_naming_the_budget() {
    let (_dir, path) = flat_bomb();
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Budget);
    assert_eq!(
        d.headline(),
        format!(
            "{}:3:67: error: the file expands past the parser's event budget (404249 YAML events for a 97.7 KiB file): YAML aliases (*name) repeating large anchors (&name) are the usual cause",
            path.display()
        )
    );
    assert!(d.notes[0].contains("--max-expansion"), "{:?}", d.notes);
    assert_eq!(l.exit_code(), 1);
    let o = validate_binary(&path, &[d.headline()], 1);
    // The 100 KB line is shown cut around the column, not whole.
    assert!(o.stdout.len() < 2_000, "{}", text(&o.stdout));
}

#[test]
fn a_flat_alias_bomb_stops_at_its_budget_in_one_parse() {
    // 400 million nodes if expanded; the parser stops at the event budget, which scales
    // with the file's size, and the file is not parsed again (the error has its place).
    let (_dir, path) = flat_bomb();
    let opts = LoadOptions::default();
    let size = std::fs::metadata(&path).unwrap().len();
    let l = bounded_load(std::slice::from_ref(&path), &opts);
    assert_eq!(only_error(&l).kind, Kind::Budget);
    let w = l.stats.work;
    assert_eq!(w.bytes_read, size);
    assert!(
        w.yaml_events <= event_budget(size, &opts) + 1,
        "{} YAML events, budget {}",
        w.yaml_events,
        event_budget(size, &opts)
    );
    // Each alias replays 20,000 events: about 20 of them before the budget stops it.
    assert!(w.aliases <= 64, "{} aliases replayed", w.aliases);
    assert_eq!(w.line_bytes, 0, "a parser error is not located again");
}

#[test]
fn ten_thousand_nested_flow_sequences_are_refused() {
    let s = files::nested_brackets();
    let (_dir, path) = temp_file("deep.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    // The 256th '[' (column 9 + 255) is one past the parser's flow nesting limit.
    assert_eq!(
        d.location(),
        format!("{}:2:264", path.display()),
        "{}",
        d.headline()
    );
    assert_eq!(l.exit_code(), 1);
    let o = validate_binary(&path, &[d.headline()], 1);
    assert!(o.stdout.len() < 2_000, "{}", text(&o.stdout));
}

#[test]
fn ten_thousand_nested_flow_sequences_name_the_limit() {
    let s = format!("title: Deep\nevents: {}\n", "[".repeat(10_000));
    let (_dir, path) = temp_file("deep.yaml", s.as_bytes());
    let l = load_paths(&[path], &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Budget);
    assert!(d.message.contains("255"), "{}", d.message);
}

#[test]
fn deep_block_nesting_is_refused_by_the_depth_budget() {
    let s = files::deep_block();
    let (_dir, path) = temp_file("deep-block.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Budget);
    assert!(
        d.message
            .starts_with("the file nests deeper than the parser's depth budget of 64 levels"),
        "{}",
        d.message
    );
    validate_binary(&path, &[d.headline()], 1);
}

#[test]
fn a_single_10_mb_line_loads() {
    let s = files::long_line();
    let (_dir, path) = temp_file("long-line.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    assert!(!l.has_errors(), "{:?}", headlines(&l));
    assert_eq!(l.timeline.title.len(), 10_000_000);
    // Read once and parsed once: a few dozen events, however long the line.
    let w = l.stats.work;
    assert_eq!(w.bytes_read, s.len() as u64);
    assert!(w.yaml_events < 64, "{} YAML events", w.yaml_events);
    validate_binary(&path, &[], 0);
}

#[test]
fn an_error_at_the_end_of_a_10_mb_line_is_shown_cut_around_it() {
    let s = format!(
        "{{title: \"{}\", events: [{{id: one, date: 2024-13, title: One, sources: [{{publisher: P}}]}}]}}\n",
        "a".repeat(10_000_000)
    );
    let (_dir, path) = temp_file("long-error.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(
        d.headline(),
        format!(
            "{}:1:10000038: error: invalid date: '2024-13': month 13 does not exist (months run from 01 to 12)",
            path.display()
        )
    );
    let o = validate_binary(&path, &[d.headline()], 1);
    let out = text(&o.stdout);
    // The line is shown from a little before the column, cut at the start; the caret
    // under the date.
    let lines: Vec<&str> = out.lines().collect();
    assert!(out.len() < 2_000, "{out}");
    let shown = lines
        .iter()
        .find(|l| l.starts_with("1 | "))
        .expect("the line");
    assert!(shown.starts_with("1 | …aaaa"), "{shown}");
    assert!(shown.contains("date: 2024-13"), "{shown}");
    assert!(shown.chars().count() < 130, "{shown}");
    let caret = lines.iter().find(|l| l.contains('^')).expect("a caret");
    let caret_col = caret.chars().position(|c| c == '^').unwrap();
    let date_col = shown.chars().collect::<Vec<_>>();
    assert_eq!(
        date_col[caret_col..caret_col + 7]
            .iter()
            .collect::<String>(),
        "2024-13",
        "{shown}\n{caret}"
    );
}

#[test]
fn a_300_mb_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    // Sparse: no disk is used, and reading it would cost 300 MB of memory.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    assert_eq!(l.stats.work.bytes_read, 0, "it was read");
    assert_eq!(l.stats.work.yaml_events, 0, "it was parsed");
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::TooLarge);
    let headline = format!(
        "{}: error: file is 300.0 MiB, over the 256.0 MiB limit for one file; it was not read",
        path.display()
    );
    assert_eq!(d.headline(), headline);
    assert_eq!(
        d.notes,
        ["help: raise the limit with --max-file-size <BYTES> (for example --max-file-size 512MiB)"]
    );
    assert_eq!(l.exit_code(), 2);
    // The binary runs in 256 MiB of address space: had it read the file, it would fail.
    let o = validate_binary(&path, &[headline], 2);
    assert!(text(&o.stdout).contains("--max-file-size"));
}

#[test]
fn many_problems_in_one_file_are_reported_in_linear_time() {
    // 20,000 events without a source: 20,000 warnings, each with its line. Finding each
    // line used to scan the file from the top, which made this quadratic (13 s of CPU
    // unoptimised): the file's lines are now indexed once, and the file is parsed once
    // more, not once per warning, to place them.
    let n = 20_000;
    let s = files::many_warnings(n);
    let (_dir, path) = temp_file("many.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    assert_eq!(l.warnings().count(), n);
    assert_eq!(
        l.diagnostics[n - 1].line_text.as_deref(),
        Some("  - {id: e19999, date: 2024, title: T}")
    );
    let w = l.stats.work;
    assert_eq!(w.line_bytes, s.len() as u64, "lines indexed once");
    // Two parses (the load and the one that places the warnings), each event of the file
    // a handful of YAML events.
    assert!(
        w.yaml_events <= 2 * 16 * n as u64,
        "{} YAML events for {n} events",
        w.yaml_events
    );
}

#[test]
fn megabyte_ids_get_no_quadratic_suggestion() {
    // "Did you mean" compares ids by edit distance, quadratic in their length: two
    // 20,000-character ids that differ by one letter took half a minute.
    let s = files::long_ids(20_000);
    let (_dir, path) = temp_file("long-id.yaml", s.as_bytes());
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::UnknownReference);
    assert!(!d.message.contains("did you mean"));
    let o = validate_binary(&path, &[], 1);
    // The message and the line are cut for the terminal.
    assert!(o.stdout.len() < 2_000, "{}", o.stdout.len());
}

// ---- folders ----

#[test]
fn non_yaml_files_beside_the_timeline_are_ignored() {
    let path = bad("folder");
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    assert!(l.diagnostics.is_empty(), "{:?}", headlines(&l));
    let names: Vec<&str> = l.timeline.inputs.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "tests/fixtures/bad/folder/a.yaml",
            "tests/fixtures/bad/folder/nested/b.yml"
        ]
    );
    assert_eq!(l.exit_code(), 0);
    validate_binary(&path, &[], 0);
}

#[test]
fn a_folder_without_a_timeline() {
    let l = check(
        "no-timeline",
        &[
            "error: no timeline files in folder tests/fixtures/bad/no-timeline: it holds no *.yaml or *.yml file",
        ],
        2,
    );
    assert_eq!(
        only_error(&l).notes,
        ["help: name timeline files with a .yaml or .yml extension"]
    );
}

/// A folder with one good timeline file, `a.yaml`.
fn folder_with_a_timeline() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(bad("folder/a.yaml"), dir.path().join("a.yaml")).unwrap();
    dir
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with_a_timeline();
    // Root ignores permissions: then tlx runs as an unprivileged user, who must be able
    // to reach the folder and a.yaml, but not locked.yaml.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        dir.path().join("a.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let locked = dir.path().join("locked.yaml");
    std::fs::write(
        &locked,
        "events:\n  - {id: two, date: 2024, title: Two, sources: [src]}\n",
    )
    .unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let expected = format!("error: cannot read {}: permission denied", locked.display());
    if !is_root() {
        let l = bounded_load(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(headlines(&l), std::slice::from_ref(&expected));
        assert_eq!(l.exit_code(), 2);
    }
    let mut c = tlx_unprivileged(dir.path());
    c.arg("validate").arg(dir.path());
    let o = run_guarded(c, "tlx validate (unprivileged)");
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(2), "stdout: {out}\nstderr: {err}");
    assert!(out.contains(&expected), "{expected:?} not in\n{out}");
}

#[test]
fn a_symlink_loop_is_walked_once() {
    let dir = folder_with_a_timeline();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("sub/loop")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("self")).unwrap();
    let l = bounded_load(&[dir.path().to_path_buf()], &LoadOptions::default());
    assert!(l.diagnostics.is_empty(), "{:?}", headlines(&l));
    assert_eq!(l.timeline.inputs.len(), 1, "a.yaml once, not once per loop");
    validate_binary(dir.path(), &[], 0);
}

#[test]
fn a_dangling_symlink_in_a_folder_is_named() {
    // Listed like a file, but there is nothing to read: an error of listing.
    let dir = folder_with_a_timeline();
    let gone = dir.path().join("vanished.yaml");
    std::os::unix::fs::symlink("gone.yaml", &gone).unwrap();
    let l = bounded_load(&[dir.path().to_path_buf()], &LoadOptions::default());
    let expected = format!(
        "error: cannot read {}: no such file or folder",
        gone.display()
    );
    assert_eq!(headlines(&l), std::slice::from_ref(&expected));
    assert_eq!(l.exit_code(), 2);
    validate_binary(dir.path(), &[expected], 2);
}

#[test]
fn a_file_that_vanished_between_listing_and_reading() {
    let dir = folder_with_a_timeline();
    let gone = dir.path().join("b.yaml");
    std::fs::write(&gone, "events: []\n").unwrap();
    let listing = list_paths(&[dir.path().to_path_buf()]);
    assert_eq!(listing.files, [dir.path().join("a.yaml"), gone.clone()]);
    // Removed once listed, before it is read.
    std::fs::remove_file(&gone).unwrap();
    let l = load_listed(listing, &LoadOptions::default(), None);
    let expected = format!(
        "error: cannot read {}: no such file or folder",
        gone.display()
    );
    assert_eq!(headlines(&l), std::slice::from_ref(&expected));
    let d = only_error(&l);
    assert_eq!(d.kind, Kind::Io);
    assert_eq!(d.file.as_deref(), Some(gone.display().to_string().as_str()));
    assert_eq!(l.exit_code(), 2);
}

// ---- special files ----

#[test]
fn dev_zero_is_refused_at_the_size_limit() {
    // A device has no size to check beforehand, and /dev/zero never ends: bytes are
    // counted as they are read, and reading stops past the limit, within the capped
    // address space.
    for (limit, shown) in [("256MiB", "256.0 MiB"), ("1MiB", "1.0 MiB")] {
        let o = tlx_capped(&["validate", "/dev/zero", "--max-file-size", limit]);
        let (out, err) = (text(&o.stdout), text(&o.stderr));
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(o.status.code(), Some(2), "stdout: {out}\nstderr: {err}");
        assert!(
            out.contains(&format!(
                "/dev/zero: error: file is over the {shown} limit for one file; reading stopped there"
            )),
            "{out}"
        );
        assert!(out.contains("--max-file-size"), "{out}");
    }
    let opts = LoadOptions {
        max_file_size: 1 << 20,
        ..LoadOptions::default()
    };
    let l = bounded_load(&[PathBuf::from("/dev/zero")], &opts);
    assert_eq!(only_error(&l).kind, Kind::TooLarge);
    assert_eq!(l.exit_code(), 2);
    // Importing reads with the same bound.
    let o = tlx_capped(&[
        "import",
        "timelinejs",
        "/dev/zero",
        "--max-file-size",
        "1MiB",
    ]);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("/dev/zero is over the limit of 1048576 bytes"),
        "{err}"
    );
    assert!(err.contains("--max-file-size"), "{err}");
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs")
        .success();
    assert!(ok, "mkfifo {path:?}");
}

/// Writes `bytes` into the named pipe at `path` from another thread, once a reader opens
/// it. If none ever does, the thread waits on its own; the test does not wait for it.
fn feed(path: &Path, bytes: Vec<u8>) {
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        use std::io::Write as _;
        if let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) {
            // The reader may stop early (a refusal): a broken pipe is expected then.
            let _ = f.write_all(&bytes);
        }
    });
}

#[test]
fn a_named_pipe_in_a_folder_is_skipped_with_a_warning() {
    let dir = folder_with_a_timeline();
    let pipe = dir.path().join("p.yaml");
    mkfifo(&pipe);
    mkfifo(&dir.path().join("not-a-timeline"));
    // Nobody writes to the pipes: opening one would wait for ever.
    let warning = format!(
        "warning: skipped {}: it is a named pipe, not a regular file",
        pipe.display()
    );
    let l = load_guarded(&[dir.path().to_path_buf()], &LoadOptions::default());
    assert_eq!(headlines(&l), std::slice::from_ref(&warning));
    assert_eq!(l.diagnostics[0].severity, Severity::Warning);
    assert_eq!(
        l.diagnostics[0].notes,
        ["help: name it on the command line to read it anyway"]
    );
    assert_eq!(l.exit_code(), 0);
    assert_eq!(l.timeline.inputs.len(), 1);
    assert_eq!(l.timeline.events.len(), 1);
    validate_binary(dir.path(), &[warning], 0);
    let o = tlx_capped(&["list", &dir.path().display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("One"), "{}", text(&o.stdout));
}

#[test]
fn a_named_pipe_given_by_name_is_read_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("p.yaml");
    mkfifo(&pipe);
    let shown = pipe.display().to_string();

    feed(&pipe, std::fs::read(bad("folder/a.yaml")).unwrap());
    let o = tlx_capped(&["list", &shown]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("One"), "{}", text(&o.stdout));

    // A pipe cannot be read twice: what it held is kept to place the problems in it.
    let expected = format!(
        "{shown}:4:11: error: invalid date: '2024-02-30': day 30 does not exist in February 2024 (it has 29 days)"
    );
    feed(&pipe, std::fs::read(bad("impossible-date.yaml")).unwrap());
    let l = load_guarded(std::slice::from_ref(&pipe), &LoadOptions::default());
    assert_eq!(headlines(&l), std::slice::from_ref(&expected));
    assert_eq!(
        l.diagnostics[0].line_text.as_deref(),
        Some("    date: 2024-02-30")
    );
    feed(&pipe, std::fs::read(bad("impossible-date.yaml")).unwrap());
    validate_binary(&pipe, std::slice::from_ref(&expected), 1);

    // More than the limit: reading stops there.
    feed(&pipe, b"# comment\n".repeat(200_000));
    let o = tlx_capped(&["validate", &shown, "--max-file-size", "1MiB"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(&format!(
            "{shown}: error: file is over the 1.0 MiB limit for one file; reading stopped there"
        )),
        "{out}"
    );
}

#[test]
fn standard_input_is_read_by_name() {
    let o = tlx()
        .args(["validate", "/dev/stdin"])
        .write_stdin(std::fs::read(bad("impossible-date.yaml")).unwrap())
        .timeout(WALL_LIMIT)
        .output()
        .unwrap();
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(
        out.contains("/dev/stdin:4:11: error: invalid date: '2024-02-30'"),
        "{out}"
    );
    let o = tlx()
        .args(["list", "/dev/stdin"])
        .write_stdin(std::fs::read(bad("folder/a.yaml")).unwrap())
        .timeout(WALL_LIMIT)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("One"));
}

// ---- hostile text ----

/// Titles, a summary, a publisher and a quote that try to retitle the terminal (OSC 0),
/// write the clipboard (OSC 52), move the cursor, ring the bell, and reverse the text.
const HOSTILE: &str = r#"title: "Hostile \e]0;pwned-title\a terminal"
summary: "Bell \a, C1 CSI \u009b31m and a bidi \u202eoverride"
actors:
  mallory: {name: "Mallory \e[2J\e[H", kind: person}
sources:
  evil:
    publisher: "Evil \e]52;c;cHduZWQ=\a Press"
    title: "\e[2J\e[H cleared"
    url: https://example.org/evil
    author: "\u009b2J author"
events:
  - id: osc-title
    date: 2024-01-01
    title: "Retitle \e]0;pwned-title\a now"
    summary: "Bell \a, C1 CSI \u009b31m and a bidi \u202eoverride"
    actors: [{id: mallory, role: "\e]0;pwned-title\a"}]
    sources:
      - ref: evil
        quote: "\e]52;c;cHduZWQ=\a quoted"
        locator: "\e[1A p. 1"
  - id: osc-clipboard
    date: 2024-01-02
    display_date: "2 Jan \e]52;c;cHduZWQ=\a"
    title: "Clipboard \e]52;c;cHduZWQ=\a write"
    sources: [evil]
  - id: cursor-move
    date: 2024-01-03
    title: "Cursor \e[5;5H\e[2K moved \e[1A up"
    sources: [evil]
    related: [osc-title]
"#;

/// The same text where it makes the file invalid: in messages, snippets and the name.
const HOSTILE_INVALID: &str = r#"title: "Invalid \e]0;pwned-title\a"
"unknown \e]0;pwned-title\a key": 1
sources:
  evil:
    publisher: "Evil \e]52;c;cHduZWQ=\a"
    url: "javascript:\e]52;c;cHduZWQ=\a"
    reliability: "\u009b31m"
events:
  - id: "Bad \e[2J id"
    date: "2024-13\a"
    title: "Cursor \e[5;5H moved \u202e"
    tags: ["\e[1A"]
    sources: ["\e]0;pwned-title\a"]
    related: ["\u202eevil"]
"#;

/// Output that holds no control character a terminal would obey: valid UTF-8 (so no
/// lone C1 byte such as 0x9B, a one-byte CSI), and no C0 control but the newline and the
/// tab (a carriage return only as part of a CRLF line end, which CSV uses), no DEL, no
/// C1 control, no bidirectional embedding, override or isolate. (The byte 0x9B itself
/// is in the stand-in `␛`, U+241B, as E2 90 9B.)
fn assert_inert(what: &str, bytes: &[u8]) {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    for (i, c) in s.char_indices() {
        let obeyed = match c {
            '\n' | '\t' => false,
            '\r' => !s[i + 1..].starts_with('\n'),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
            _ => false,
        };
        assert!(!obeyed, "{what}: {c:?} at byte {i} in {s}");
    }
}

/// A valid timeline whose texts hold every control character: each C0 (but the line
/// breaks a title may not hold), DEL, each C1, each bidirectional control, and a DCS
/// string (ESC P … ESC \\).
fn every_control() -> String {
    let escape = |c: char| format!("\\u{:04x}", c as u32);
    let controls = |one_line: bool| -> String {
        ('\u{0}'..='\u{1f}')
            .chain('\u{7f}'..='\u{9f}')
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .filter(|c| !one_line || !matches!(c, '\n' | '\r' | '\u{85}'))
            .map(|c| format!("{}x", escape(c)))
            .collect()
    };
    let dcs = "\\eP1$qm\\e\\\\";
    format!(
        r#"title: "All {line} controls {dcs}"
summary: "{all} {dcs}"
actors:
  mallory: {{name: "Mallory {line}", kind: person}}
sources:
  evil:
    publisher: "Evil {line}"
    title: "{line} {dcs}"
    url: https://example.org/evil
events:
  - id: controls
    date: 2024-01-01
    title: "Controls {line} {dcs}"
    summary: "{all}"
    tags: [controls]
    actors: [{{id: mallory, role: "{line}"}}]
    sources:
      - ref: evil
        quote: "{all}"
"#,
        line = controls(true),
        all = controls(false),
    )
}

#[test]
fn every_control_character_is_kept_from_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("controls.yaml");
    std::fs::write(&path, every_control()).unwrap();
    let path = path.display().to_string();
    let l = load_paths(&[PathBuf::from(&path)], &LoadOptions::default());
    assert!(!l.has_errors(), "{:?}", headlines(&l));
    assert!(l.timeline.title.contains('\u{9b}'), "{}", l.timeline.title);
    for args in [
        vec!["list", &path],
        vec!["list", &path, "--format", "json"],
        vec!["show", "controls", &path],
        vec!["show", "controls", &path, "--format", "json"],
        vec!["stats", &path],
        vec!["validate", &path],
        vec!["export", &path],
        vec!["export", &path, "--format", "json"],
        vec!["export", &path, "--format", "csv"],
        vec!["export", &path, "--format", "timelinejs"],
    ] {
        let o = tlx_capped(&args);
        let what = format!("tlx {args:?}");
        assert_eq!(o.status.code(), Some(0), "{what}: {}", text(&o.stderr));
        assert_inert(&format!("{what} stdout"), &o.stdout);
        assert_inert(&format!("{what} stderr"), &o.stderr);
    }
}

#[test]
fn hostile_text_through_the_command_line_prints_no_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("hostile.yaml");
    std::fs::write(&good, HOSTILE).unwrap();
    // The file name is hostile too.
    let bad = dir.path().join("evil-\x1b]0;pwned-title\x07.yaml");
    std::fs::write(&bad, HOSTILE_INVALID).unwrap();
    let good = good.display().to_string();
    let bad = bad.display().to_string();
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (vec!["list", &good], 0),
        (vec!["list", &good, "--format", "ids"], 0),
        (vec!["list", &good, "-q", "pwned"], 0),
        (vec!["show", "osc-title", &good], 0),
        (vec!["show", "osc-clipboard", &good], 0),
        (vec!["show", "cursor-move", &good], 0),
        (vec!["stats", &good], 0),
        (vec!["export", &good], 0),
        (vec!["export", &good, "--format", "json"], 0),
        (vec!["export", &good, "--format", "csv"], 0),
        (vec!["export", &good, "--format", "timelinejs"], 0),
        (vec!["validate", &good], 0),
        (vec!["validate", &bad], 1),
        (vec!["list", &bad], 1),
        (vec!["show", "osc-title", &bad], 1),
        // A query that carries the sequences itself.
        (vec!["list", &good, "-q", "tga:\x1b]0;pwned-title\x07"], 2),
        (vec!["list", &good, "-q", "is:\x1b]52;c;cHduZWQ=\x07"], 2),
    ];
    for (args, code) in runs {
        let o = tlx_capped(&args);
        let what = format!("tlx {args:?}");
        assert_eq!(
            o.status.code(),
            Some(code),
            "{what}\n{}\n{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        assert_inert(&format!("{what} stdout"), &o.stdout);
        assert_inert(&format!("{what} stderr"), &o.stderr);
    }
    // The stand-ins are there instead.
    let o = tlx_capped(&["show", "osc-title", &good]);
    let out = text(&o.stdout);
    assert!(out.contains("Retitle ␛]0;pwned-title␇ now"), "{out}");
    assert!(out.contains("C1 CSI �31m and a bidi �override"), "{out}");
    // What a reader sees, in full (run from the folder, for a stable path).
    let o = Command::new(tlx_bin())
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .env_remove("COLUMNS")
        .env_remove("TLX_CONFIG")
        .args(["validate", "evil-\x1b]0;pwned-title\x07.yaml"])
        .output()
        .unwrap();
    insta::assert_snapshot!(text(&o.stdout));
    let o = tlx_capped(&["validate", &bad]);
    let out = text(&o.stdout);
    assert!(
        out.contains(
            "evil-␛]0;pwned-title␇.yaml:2:1: error: unknown field 'unknown ␛]0;pwned-title␇ key'"
        ),
        "{out}"
    );
}

#[test]
fn hostile_text_in_json_output_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("hostile.yaml");
    std::fs::write(&good, HOSTILE).unwrap();
    let good = good.display().to_string();
    for args in [
        vec!["list", &good, "--format", "json"],
        vec!["show", "osc-title", &good, "--format", "json"],
    ] {
        let o = tlx_capped(&args);
        assert_eq!(o.status.code(), Some(0));
        assert_inert(&format!("tlx {args:?}"), &o.stdout);
    }
}

/// tmux's paste buffers, one per line (empty when there are none).
fn buffers(t: &Tmux) -> String {
    let o = t.cmd().args(["list-buffers"]).output().unwrap();
    text(&o.stdout)
}

#[test]
fn hostile_text_in_the_explorer_is_shown_and_never_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.yaml"), HOSTILE).unwrap();
    let Some(t) = Tmux::start("hostile", dir.path(), 120, 40) else {
        return;
    };
    // Let applications set tmux's buffers (OSC 52), as a permissive terminal would:
    // then a clipboard write that got through would show in `list-buffers`.
    assert!(
        t.cmd()
            .args(["set-option", "-g", "set-clipboard", "on"])
            .status()
            .unwrap()
            .success()
    );
    let title = t.var("pane_title");
    assert!(!title.contains("pwned"));
    assert_eq!(buffers(&t), "", "no paste buffers to begin with");

    t.run(&format!("'{}' hostile.yaml", tlx_bin()));
    let s = t.wait_for("3/3 events");
    assert!(s.contains("Hostile ␛]0;pwned-title␇ terminal"), "{s}");
    assert!(s.contains("Retitle ␛]0;pwned-title␇ now"), "{s}");
    assert!(s.contains("Clipboard ␛]52;c;cHduZWQ=␇ write"), "{s}");
    assert!(s.contains("Cursor ␛[5;5H␛[2K moved ␛[1A up"), "{s}");
    // The detail pane of the first event: its summary and its source.
    assert!(
        s.contains("Bell ␇, C1 CSI �31m and a bidi �override"),
        "{s}"
    );
    assert!(
        s.contains("Evil ␛]52;c;cHduZWQ=␇ Press, “␛[2J␛[H cleared”"),
        "{s}"
    );

    // Browse: every event, opened.
    for _ in 0..3 {
        t.keys(&["Enter"]);
        t.wait_for("╭ Event");
        t.keys(&["Escape"]);
        t.wait_for("Events by date");
        t.keys(&["j"]);
    }
    // Search, open the match and its source.
    t.type_text("/clipboard");
    let s = t.wait_for("1/3 events");
    assert!(s.contains("Clipboard ␛]52;c;cHduZWQ=␇ write"), "{s}");
    t.keys(&["Enter"]);
    t.wait_gone("/ clipboard");
    t.keys(&["Enter"]);
    t.wait_for("╭ Event");
    t.keys(&["Enter"]);
    let s = t.wait_for("╭ Source");
    assert!(s.contains("Evil ␛]52;c;cHduZWQ=␇ Press"), "{s}");
    assert!(s.contains("�2J author"), "{s}");
    t.keys(&["BSpace"]);
    t.wait_for("╭ Event");
    t.keys(&["Escape"]);
    t.wait_for("Events by date");
    // Search for the sequences' own text (the search line opens with the last query).
    t.type_text("/");
    t.keys(&["C-u"]);
    t.type_text("pwned");
    t.wait_for("/ pwned");
    t.keys(&["Enter"]);
    t.wait_gone("/ pwned");

    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
    assert_eq!(t.var("pane_title"), title, "the title was not changed");
    assert_eq!(buffers(&t), "", "nothing was written to the clipboard");
}

fn resize(t: &Tmux, w: u16, h: u16) {
    assert!(
        t.cmd()
            .args([
                "resize-window",
                "-t",
                "main",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string()
            ])
            .status()
            .unwrap()
            .success()
    );
}

/// Waits until the screen is exactly `expected` (a redraw may lag behind the last
/// resize); fails with both screens if it never is.
fn wait_for_screen(t: &Tmux, expected: &str) {
    let start = Instant::now();
    loop {
        let s = t.screen();
        if s == expected {
            return;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let diff: Vec<String> = expected
                .lines()
                .zip(s.lines())
                .enumerate()
                .filter(|(_, (a, b))| a != b)
                .map(|(i, (a, b))| format!("line {i}:\n  expected {a:?}\n  screen   {b:?}"))
                .collect();
            panic!(
                "the screen never came back; differences:\n{}\nscreen:\n{s}",
                diff.join("\n")
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_resize_storm_while_searching_leaves_a_whole_screen() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("resize", dir.path(), 200, 60) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    t.wait_for("39/39 events");
    // The screen of the finished search, drawn calmly, to compare with afterwards.
    t.type_text("/kaspersky");
    t.wait_for("/ kaspersky");
    let calm = t.wait_for("/39 events");
    std::thread::sleep(Duration::from_millis(300));
    let calm = if t.screen() == calm { calm } else { t.screen() };
    t.keys(&["C-u"]);
    t.wait_for("39/39 events");

    // Type the same search one letter per step while the window jumps between sizes,
    // down to 2x2 and back to 200x60.
    let sizes = [
        (2, 2),
        (200, 60),
        (3, 2),
        (80, 24),
        (2, 60),
        (200, 2),
        (31, 9),
        (120, 40),
        (2, 2),
        (199, 59),
    ];
    let word: Vec<char> = "kaspersky".chars().collect();
    let (last, first) = word.split_last().unwrap();
    for i in 0..12 * first.len() {
        let (w, h) = sizes[i % sizes.len()];
        resize(&t, w, h);
        if i % 12 == 0 {
            t.type_text(&first[i / 12].to_string());
        }
        if i % 4 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    resize(&t, 200, 60);
    // The last letter after the storm: the screen can match only once every resize
    // before it was handled (an unoptimised build may lag behind the storm).
    t.type_text(&last.to_string());
    wait_for_screen(&t, &calm);
    t.keys(&["Enter"]);
    t.wait_gone("/ kaspersky");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn a_flood_pasted_into_the_query_line_is_tamed() {
    let dir = tempfile::tempdir().unwrap();
    // About 100 KB: words, line breaks, tabs and wide characters.
    let mut flood = String::new();
    let mut i = 0;
    while flood.len() < 100_000 {
        flood.push_str(&format!("kaspersky\tword{i} 東京 ban\n"));
        i += 1;
    }
    let flood_path = dir.path().join("flood.txt");
    std::fs::write(&flood_path, &flood).unwrap();
    let Some(t) = Tmux::start("paste", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    let calm = t.wait_for("39/39 events");
    std::thread::sleep(Duration::from_millis(300));
    let calm = if t.screen() == calm { calm } else { t.screen() };

    t.type_text("/");
    t.wait_for("/ ");
    assert!(
        t.cmd()
            .args(["load-buffer", "-b", "flood"])
            .arg(&flood_path)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        t.cmd()
            .args(["paste-buffer", "-p", "-b", "flood", "-t", "main"])
            .status()
            .unwrap()
            .success()
    );
    // The field takes the start of the flood; the app stays responsive, and the query
    // is refused at its 33rd different term instead of being run with thousands.
    let s = t.wait_for("a query holds at most 32 different terms, and this is term 33");
    assert!(s.contains("╭─ Events by date"), "{s}");
    assert!(
        s.contains("39/39 events"),
        "the last valid query stays: {s}"
    );
    // Clear the field: the screen is the one before the paste.
    t.keys(&["C-u"]);
    t.keys(&["Enter"]);
    wait_for_screen(&t, &calm);
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

// ---- second round ----

#[test]
fn an_alias_to_a_number_like_scalar_keeps_the_anchors_spelling() {
    // YAML reads `1.50` and `true` as a number and a boolean; the loader restores the
    // spelling from the file, and for an alias that is the anchor's spelling, not `*n`.
    let text = "title: Aliases\nsources:\n  s: {publisher: &p 1.0}\nevents:\n  - {id: a, date: 2024, title: &n 1.50, summary: &b true, tags: [&t true], sources: [{ref: s, quote: &q 1e3, locator: &l 2.50}]}\n  - {id: b, date: 2024, title: *n, summary: *b, tags: [*t], sources: [{ref: s, quote: *q, locator: *l}, {publisher: *p, title: *n}]}\n";
    let l = tlx::model::load_texts(&[("aliases.yaml", text)], &LoadOptions::default());
    assert!(l.diagnostics.is_empty(), "{:?}", headlines(&l));
    let tl = &l.timeline;
    for id in ["a", "b"] {
        let e = tl.event(id).unwrap();
        assert_eq!(e.title, "1.50", "{id}");
        assert_eq!(e.summary.as_deref(), Some("true"), "{id}");
        let tags: Vec<&str> = e.tags.iter().map(|&t| tl.tag(t)).collect();
        assert_eq!(tags, ["true"], "{id}");
        assert_eq!(e.citations[0].quote.as_deref(), Some("1e3"), "{id}");
        assert_eq!(e.citations[0].locator.as_deref(), Some("2.50"), "{id}");
    }
    let b = tl.event("b").unwrap();
    let inline = tl.source(b.citations[1].source);
    assert_eq!(inline.publisher, "1.0");
    assert_eq!(inline.title.as_deref(), Some("1.50"));
    assert_eq!(tl.sources[0].publisher, "1.0");
}

#[test]
fn lone_carriage_return_line_ends_are_refused_at_their_place() {
    // Old Mac line ends: YAML reads each lone CR as a line end, which lines and columns
    // here would not count. The file is refused at the first one, by name.
    let (_dir, path) = temp_file(
        "cr.yaml",
        b"title: T\revents:\r  - id: a\r    date: 2024-13\r",
    );
    let l = bounded_load(std::slice::from_ref(&path), &LoadOptions::default());
    let d = only_error(&l);
    assert_eq!(
        d.headline(),
        format!(
            "{}:1:9: error: a line ends with a carriage return alone (old Mac line ends), which is not supported",
            path.display()
        )
    );
    assert_eq!(d.notes, ["help: save the file with LF or CRLF line ends"]);
    assert_eq!(l.exit_code(), 1);
    validate_binary(&path, &[d.headline()], 1);
    // CRLF stays accepted (see `crlf_line_ends_are_accepted_and_positions_stay_right`).
}
