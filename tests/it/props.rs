//! Property tests: nothing a file or a query line holds makes the engine panic, a load's
//! exit code and positions agree with its file, a brief's footnotes always resolve, and a
//! brief holds no link it did not make. Each property runs a few hundred cases at most,
//! so the suite stays fast on two cores; failures are not persisted to files (a failing
//! case is printed, shrunk, by proptest).
//!
//! The mutation fuzzer ([`mutated_fixtures_load_with_consistent_diagnostics`]) takes every
//! fixture and the curated timeline as seeds, and mutates their bytes and their YAML
//! structure (see [`Mutator`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use pulldown_cmark::{Event as MdEvent, Options as MdOptions, Parser, Tag};
use tlx::brief::{self, Options, Selection};
use tlx::model::load::EMBEDDED;
use tlx::model::{At, LoadOptions, Timeline, load_texts};
use tlx::query::{Compiled, Context, SearchIndex, Sort, parse};

use crate::brief::{commonmark_links, gfm_links};

/// `cases` cases, or `PROPTEST_CASES` when set (for a deeper run by hand).
fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---- the loader ----

/// Loads `text` as one file: this must return (with or without errors), never panic.
fn load_one(text: &str) -> tlx::model::Loaded {
    load_texts(&[("prop.yaml", text)], &LoadOptions::default())
}

/// What a load of one file (`bytes`, which were there to be read and under the size
/// limit) must show, whatever the file holds: no I/O error, an exit code that says
/// whether there were errors (0 without, 1 with: `Loaded::exit_code`'s rule, exit 2 being
/// only for files that cannot be read), and every line:col inside the file. Lines are
/// counted both ways the loader counts them today: the parser ends a line at LF, CRLF or
/// a lone CR, the checks of bytes (UTF-8, NUL) at LF only; a position must be inside
/// the file by one of the two. Each diagnostic renders.
fn check_load(l: &tlx::model::Loaded, bytes: &[u8]) -> Result<(), TestCaseError> {
    let io: Vec<String> = l
        .diagnostics
        .iter()
        .filter(|d| d.is_io())
        .map(|d| d.headline())
        .collect();
    prop_assert!(
        io.is_empty(),
        "an I/O error for a file that was read: {io:?}"
    );
    let want = u8::from(l.has_errors());
    prop_assert_eq!(l.exit_code(), want, "{:?}", l.diagnostics.first());
    let yaml = yaml_lines(bytes);
    let lf: Vec<&[u8]> = bytes.split(|&b| b == b'\n').collect();
    let inside = |lines: &[&[u8]], line: u32, column: u32| {
        let text = line.checked_sub(1).and_then(|i| lines.get(i as usize));
        text.is_some_and(|t| column >= 1 && column as usize <= t.len() + 1)
    };
    for d in &l.diagnostics {
        if let At::Span {
            input,
            line,
            column,
            ..
        } = d.at
        {
            prop_assert_eq!(input, 0, "{}", d.headline());
            prop_assert!(
                inside(&yaml, line, column) || inside(&lf, line, column),
                "{line}:{column} is outside the file ({} lines): {}",
                yaml.len().max(lf.len()),
                d.headline()
            );
        }
    }
    for d in l.diagnostics.iter().take(20) {
        let _ = d.render(true);
    }
    Ok(())
}

/// The lines of a file as YAML reads them: LF, CRLF and a lone CR each end a line.
fn yaml_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push(&bytes[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&bytes[start..i]);
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&bytes[start..]);
    lines
}

/// Characters that YAML gives meaning to, mixed with plain ones: random text built from
/// them gets past the scanner far more often than random bytes do.
fn yamlish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "title: ",
        "events:",
        "\n",
        "\n  - ",
        "  ",
        "id: ",
        "date: ",
        "2024-06-20",
        "[",
        "]",
        "{",
        "}",
        ", ",
        ": ",
        "- ",
        "&a ",
        "*a",
        "!!str ",
        "|\n",
        ">\n",
        "'",
        "\"",
        "#",
        "? ",
        "---\n",
        "...\n",
        "\t",
        "\r\n",
        "x",
        "é",
        "\u{202e}",
        "\u{1b}[2J",
        "~",
        "%",
        "null",
        "1.50",
        "<<: ",
        "sources: ",
        "ref: ",
        "\u{feff}",
        "\\",
        "\\u0000",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn arbitrary_bytes_never_panic_the_loader(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        // Through a file, so that the checks of bytes (UTF-8, NUL, byte-order mark) run.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bytes.yaml");
        std::fs::write(&path, &bytes).unwrap();
        let l = tlx::model::load_paths(&[path], &LoadOptions::default());
        check_load(&l, &bytes)?;
        let text = String::from_utf8_lossy(&bytes);
        check_load(&load_one(&text), text.as_bytes())?;
    }

    #[test]
    fn yaml_like_text_never_panics_the_loader(text in yamlish()) {
        let l = load_one(&text);
        check_load(&l, text.as_bytes())?;
        for d in &l.diagnostics {
            // Rendering each diagnostic (snippet, caret) must not panic either.
            let _ = d.render(false);
        }
    }
}

/// One change to the curated timeline.
#[derive(Clone, Debug)]
enum Mutation {
    /// Delete this line (an index into the lines, modulo their count).
    DeleteLine(usize),
    /// Swap the keys of these two `key: value` lines.
    SwapKeys(usize, usize),
    /// Replace the value of this date line by this text.
    AlterDate(usize, String),
    /// Cut the text at this byte (modulo its length, then back to a char boundary).
    Cut(usize),
}

fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9-]{0,12}[~?%]?",
        "-?[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?[~?%]?",
        Just("2024-02-30".to_string()),
        Just("0000-02-29".to_string()),
        Just("-9999-01-01".to_string()),
        Just("9999-12-31%".to_string()),
        Just("[2024]".to_string()),
        Just("{a: 1}".to_string()),
        Just("".to_string()),
        Just("\"\"".to_string()),
        any::<String>().prop_map(|s| format!("{s:?}")),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapKeys(a, b)),
        (any::<usize>(), date_text()).prop_map(|(a, d)| Mutation::AlterDate(a, d)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

/// `(indent, key, rest)` of a `key: value` line.
fn split_key(line: &str) -> Option<(&str, &str, &str)> {
    let body = line.trim_start_matches([' ', '-']);
    let indent = &line[..line.len() - body.len()];
    let (key, rest) = body.split_once(':')?;
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'))
        .then_some((indent, key, rest))
}

fn apply(text: &str, mutations: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut cut = None;
    for m in mutations {
        match m {
            Mutation::DeleteLine(i) => {
                if !lines.is_empty() {
                    let i = i % lines.len();
                    lines.remove(i);
                }
            }
            Mutation::SwapKeys(a, b) => {
                let keyed: Vec<usize> = (0..lines.len())
                    .filter(|&i| split_key(&lines[i]).is_some())
                    .collect();
                if keyed.len() >= 2 {
                    let (a, b) = (keyed[a % keyed.len()], keyed[b % keyed.len()]);
                    let (ia, ka, ra) = split_key(&lines[a]).unwrap();
                    let (ib, kb, rb) = split_key(&lines[b]).unwrap();
                    let (na, nb) = (format!("{ia}{kb}:{ra}"), format!("{ib}{ka}:{rb}"));
                    lines[a] = na;
                    lines[b] = nb;
                }
            }
            Mutation::AlterDate(i, d) => {
                let dated: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        split_key(&lines[i]).is_some_and(|(_, k, _)| {
                            matches!(k, "date" | "end" | "start" | "published" | "updated")
                        })
                    })
                    .collect();
                if !dated.is_empty() {
                    let i = dated[i % dated.len()];
                    let (indent, key, _) = split_key(&lines[i]).unwrap();
                    lines[i] = format!("{indent}{key}: {d}");
                }
            }
            Mutation::Cut(at) => cut = Some(*at),
        }
    }
    let mut out = lines.join("\n");
    if let Some(at) = cut {
        let mut at = at % (out.len() + 1);
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        out.truncate(at);
    }
    out
}

proptest! {
    // Each case loads the whole curated timeline (80 KB): about 50 ms unoptimised.
    #![proptest_config(config(128))]

    #[test]
    fn mutations_of_the_curated_timeline_never_panic_the_loader(
        mutations in prop::collection::vec(mutation(), 1..5)
    ) {
        let text = apply(EMBEDDED, &mutations);
        let l = load_one(&text);
        prop_assert!(l.exit_code() <= 1, "no I/O error from a text: {:?}", l.diagnostics.first());
        check_load(&l, text.as_bytes())?;
    }
}

// ---- the mutation fuzzer ----

/// The seeds: every YAML fixture (valid, invalid, hostile) and the curated timeline, as
/// bytes, read once.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "yaml") {
                    out.push(p);
                }
            }
        }
        let mut paths = Vec::new();
        walk(std::path::Path::new("tests/fixtures"), &mut paths);
        paths.sort();
        let mut seeds: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
        assert!(seeds.len() > 40, "{} fixtures", seeds.len());
        seeds.push(EMBEDDED.as_bytes().to_vec());
        seeds
    })
}

/// Bytes that mean something to YAML or to the loader's checks of a file.
const SYNTAX: &[&[u8]] = &[
    b"&a ",
    b"*a",
    b"{",
    b"}",
    b"[",
    b"]",
    b": ",
    b"- ",
    b"? ",
    b"\t",
    b"\r",
    b"\r\n",
    b"\n",
    b"\0",
    "\u{feff}".as_bytes(),
    b"\xff",
    b"\xc3",
    b"\xed\xa0\x80",
    b"---\n",
    b"...\n",
    b"'",
    b"\"",
    b"#",
    b"|\n",
    b">-\n",
    b"!!str ",
    b"!!binary ",
    b"<<: *a\n",
    b"%YAML 1.2\n",
    b"~",
    b"null",
    b"1.50",
    b"true",
    b"2024-13-45",
    b"\\u0000",
];

/// One change to a file: to its bytes, or to its structure as lines.
#[derive(Clone, Debug)]
enum Mutator {
    /// Flip one of the low seven bits of the byte at this position (modulo the length):
    /// ASCII stays ASCII.
    FlipBit(usize, u8),
    /// Replace the byte at this position.
    SetByte(usize, u8),
    /// Insert a piece of [`SYNTAX`] (index modulo its length) at this position.
    Insert(usize, usize),
    /// Delete up to this many bytes from this position.
    Delete(usize, u8),
    /// Cut the file at this position.
    Truncate(usize),
    /// Repeat this line (index modulo the line count).
    DuplicateLine(usize),
    /// Remove this line.
    DeleteLine(usize),
    /// Swap these two lines.
    SwapLines(usize, usize),
    /// Indent this line by two more spaces, two fewer, or a tab in place of its spaces.
    Indent(usize, u8),
    /// Join this line to the next.
    JoinLines(usize),
}

fn mutator() -> impl Strategy<Value = Mutator> {
    prop_oneof![
        1 => (any::<usize>(), 0u8..7).prop_map(|(p, b)| Mutator::FlipBit(p, b)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(p, b)| Mutator::SetByte(p, b)),
        3 => (any::<usize>(), any::<usize>()).prop_map(|(p, i)| Mutator::Insert(p, i)),
        1 => (any::<usize>(), 1u8..16).prop_map(|(p, n)| Mutator::Delete(p, n)),
        1 => any::<usize>().prop_map(Mutator::Truncate),
        1 => any::<usize>().prop_map(Mutator::DuplicateLine),
        1 => any::<usize>().prop_map(Mutator::DeleteLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutator::SwapLines(a, b)),
        2 => (any::<usize>(), 0u8..3).prop_map(|(l, k)| Mutator::Indent(l, k)),
        1 => any::<usize>().prop_map(Mutator::JoinLines),
    ]
}

/// `bytes` as lines, each without its `\n`.
fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutator) {
    let at = |p: usize, len: usize| p % (len + 1);
    match *m {
        Mutator::FlipBit(p, b) if !bytes.is_empty() => {
            let i = p % bytes.len();
            bytes[i] ^= 1 << b;
        }
        Mutator::SetByte(p, b) if !bytes.is_empty() => {
            let i = p % bytes.len();
            bytes[i] = b;
        }
        Mutator::Insert(p, i) => {
            let at = at(p, bytes.len());
            bytes.splice(at..at, SYNTAX[i % SYNTAX.len()].iter().copied());
        }
        Mutator::Delete(p, n) => {
            let from = at(p, bytes.len());
            let to = (from + n as usize).min(bytes.len());
            bytes.drain(from..to);
        }
        Mutator::Truncate(p) => {
            let at = at(p, bytes.len());
            bytes.truncate(at);
        }
        Mutator::FlipBit(..) | Mutator::SetByte(..) => {}
        _ => {
            let mut lines = lines_of(bytes);
            let n = lines.len();
            match *m {
                Mutator::DuplicateLine(i) => {
                    let l = lines[i % n].clone();
                    lines.insert(i % n, l);
                }
                Mutator::DeleteLine(i) if n > 1 => {
                    lines.remove(i % n);
                }
                Mutator::SwapLines(a, b) => lines.swap(a % n, b % n),
                Mutator::Indent(i, k) => {
                    let l = &mut lines[i % n];
                    match k {
                        0 => {
                            l.splice(0..0, *b"  ");
                        }
                        1 => {
                            let spaces = l.iter().take(2).take_while(|&&c| c == b' ').count();
                            l.drain(..spaces);
                        }
                        _ => {
                            let spaces = l.iter().take_while(|&&c| c == b' ').count();
                            l.splice(..spaces, *b"\t");
                        }
                    }
                }
                Mutator::JoinLines(i) if n > 1 => {
                    let i = i % (n - 1);
                    let next = lines.remove(i + 1);
                    lines[i].extend(next);
                }
                _ => {}
            }
            *bytes = lines.join(&b'\n');
        }
    }
}

proptest! {
    // Bounded so that the debug build of CI runs it in a few seconds: most seeds are
    // small fixtures; the curated timeline (80 KB) is one seed in about sixty.
    #![proptest_config(config(1024))]

    #[test]
    fn mutated_fixtures_load_with_consistent_diagnostics(
        seed in any::<usize>(),
        mutations in prop::collection::vec(mutator(), 1..6),
    ) {
        let seeds = seeds();
        let mut bytes = seeds[seed % seeds.len()].clone();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        // Through a file, so that the checks of bytes (UTF-8, NUL, byte-order mark) run.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fuzz.yaml");
        std::fs::write(&path, &bytes).unwrap();
        let l = tlx::model::load_paths(&[path], &LoadOptions::default());
        check_load(&l, &bytes)?;
    }
}

// ---- the query language ----

/// The curated timeline and its search index, built once.
fn curated() -> &'static (Timeline, SearchIndex) {
    static CURATED: OnceLock<(Timeline, SearchIndex)> = OnceLock::new();
    CURATED.get_or_init(|| {
        let l = tlx::model::load_embedded(&LoadOptions::default());
        assert!(!l.has_errors());
        let index = SearchIndex::new(&l.timeline);
        (l.timeline, index)
    })
}

/// Query-like text: facets, operators, escapes and plain words.
fn queryish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "tag:",
        "actor:",
        "source:",
        "era:",
        "from:",
        "to:",
        "rel:",
        "is:",
        "marked",
        "!",
        "'",
        "^",
        "$",
        "\\ ",
        "\\,",
        ",",
        " ",
        "policy",
        "kaspersky",
        "2024",
        "2024-06",
        "-0043",
        "2024-13",
        "B",
        "G",
        "x",
        "é",
        "東京",
        "\u{1b}",
        "\u{0}",
        ":",
        "\\",
        "~",
        "?",
        "%",
    ]);
    prop::collection::vec(pieces, 0..16).prop_map(|v| v.concat())
}

/// A workspace that marks every other event.
fn marked_evens(tl: &tlx::model::Timeline) -> tlx::workspace::Annotations {
    tlx::workspace::Annotations {
        marks: (0..tl.events.len() as u32)
            .filter(|i| i.is_multiple_of(2))
            .collect(),
        ..Default::default()
    }
}

fn run_query(q: &str) {
    let (tl, index) = curated();
    match parse(q) {
        Ok(parsed) => match Compiled::with_work(&parsed, tl, &marked_evens(tl)) {
            Ok(c) => {
                let ctx = Context::default();
                for sort in [Sort::Date, Sort::Score] {
                    let hits = c.run(tl, index, &ctx, sort);
                    for h in hits.iter().take(8) {
                        let _ = c.highlights(tl, h.event);
                    }
                }
            }
            Err(e) => {
                let _ = e.render(q);
            }
        },
        Err(e) => {
            let _ = e.column(q);
            let _ = e.render(q);
        }
    }
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn arbitrary_strings_never_panic_the_query_engine(q in any::<String>()) {
        run_query(&q);
    }

    #[test]
    fn query_like_strings_never_panic_the_query_engine(q in queryish()) {
        run_query(&q);
    }
}

// ---- briefs ----

/// Text that means something to Markdown, HTML or a terminal.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "[^1]",
        "[^2]: hijack",
        "[^x]",
        "]",
        "[",
        "(",
        ")",
        "*",
        "_",
        "`",
        "```",
        "|",
        "\\",
        "<b>",
        "</a>",
        "<!--",
        "&amp;",
        "&#60;",
        "#",
        "# ",
        "- ",
        "1. ",
        "> ",
        "---",
        "===",
        "~~",
        "$",
        "!",
        ":",
        "https://example.org/x",
        "http://tracker.example/i.gif",
        "www.example.org",
        "ftp://f.example/a",
        "a@b.example",
        "mailto:m@n.example",
        "%%",
        "==",
        "javascript:alert(1)",
        "\u{1b}[2J",
        "\u{7}",
        "\u{9b}",
        "\u{202e}",
        "\u{0}",
        "\t",
        "\u{2028}",
        "\u{feff}",
        "東京",
        "é",
        "👨‍👩‍👧",
        "\u{301}",
        "word",
        " ",
        "  ",
    ]);
    prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
}

/// `hostile()` on one line with something visible in it (titles, publishers).
fn hostile_line() -> impl Strategy<Value = String> {
    hostile().prop_map(|s| {
        format!(
            "T {}",
            s.replace(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'], " ")
        )
    })
}

/// A YAML double-quoted scalar holding exactly `s`: anything but plain printable ASCII
/// and ordinary letters is written as an escape.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c if !c.is_control()
                && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                && (c as u32) < 0xfffe =>
            {
                out.push(c)
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

#[derive(Clone, Debug)]
struct GenSource {
    publisher: String,
    title: Option<String>,
    reliability: Option<char>,
}

#[derive(Clone, Debug)]
enum GenCitation {
    /// A registry source (index modulo their count), with a quote and a locator.
    Ref(usize, Option<String>, Option<String>),
    Inline(GenSource),
}

#[derive(Clone, Debug)]
struct GenEvent {
    date: (u16, u8, u8),
    title: String,
    summary: Option<String>,
    tags: Vec<usize>,
    citations: Vec<GenCitation>,
    related: Vec<usize>,
}

fn gen_source() -> impl Strategy<Value = GenSource> {
    (
        hostile_line(),
        prop::option::of(hostile_line()),
        prop::option::of(prop::sample::select(vec!['A', 'B', 'C', 'D', 'E', 'F'])),
    )
        .prop_map(|(publisher, title, reliability)| GenSource {
            publisher,
            title,
            reliability,
        })
}

fn gen_citation() -> impl Strategy<Value = GenCitation> {
    prop_oneof![
        3 => (any::<usize>(), prop::option::of(hostile()), prop::option::of(hostile_line()))
            .prop_map(|(i, q, l)| GenCitation::Ref(i, q, l)),
        1 => gen_source().prop_map(GenCitation::Inline),
    ]
}

fn gen_event() -> impl Strategy<Value = GenEvent> {
    (
        (1900u16..2100, 0u8..=12, 0u8..=28),
        hostile_line(),
        prop::option::of(hostile()),
        prop::collection::vec(0usize..4, 0..3),
        prop::collection::vec(gen_citation(), 0..4),
        prop::collection::vec(any::<usize>(), 0..3),
    )
        .prop_map(
            |(date, title, summary, tags, citations, related)| GenEvent {
                date,
                title,
                summary,
                tags,
                citations,
                related,
            },
        )
}

/// A valid timeline as YAML text.
fn gen_timeline() -> impl Strategy<Value = String> {
    (
        hostile_line(),
        prop::option::of(hostile()),
        prop::collection::vec(gen_source(), 1..4),
        prop::collection::vec(gen_event(), 1..7),
    )
        .prop_map(|(title, summary, sources, events)| {
            let mut y = format!("title: {}\n", yaml_quoted(&title));
            if let Some(s) = summary {
                let _ = writeln!(y, "summary: {}", yaml_quoted(&s));
            }
            let source_yaml = |s: &GenSource, indent: &str| {
                let mut y = format!("{indent}publisher: {}\n", yaml_quoted(&s.publisher));
                if let Some(t) = &s.title {
                    let _ = writeln!(y, "{indent}title: {}", yaml_quoted(t));
                }
                if let Some(r) = s.reliability {
                    let _ = writeln!(y, "{indent}reliability: {r}");
                }
                y
            };
            y.push_str("sources:\n");
            for (i, s) in sources.iter().enumerate() {
                let _ = writeln!(y, "  s{i}:");
                y.push_str(&source_yaml(s, "    "));
            }
            y.push_str("events:\n");
            for (i, e) in events.iter().enumerate() {
                let (year, month, day) = e.date;
                let date = match (month, day) {
                    (0, _) => format!("{year}"),
                    (m, 0) => format!("{year}-{m:02}"),
                    (m, d) => format!("{year}-{m:02}-{d:02}"),
                };
                let _ = writeln!(y, "  - id: e{i}\n    date: {date}");
                let _ = writeln!(y, "    title: {}", yaml_quoted(&e.title));
                if let Some(s) = &e.summary {
                    let _ = writeln!(y, "    summary: {}", yaml_quoted(s));
                }
                if !e.tags.is_empty() {
                    let tags: BTreeSet<String> = e.tags.iter().map(|t| format!("tag{t}")).collect();
                    let tags: Vec<String> = tags.into_iter().collect();
                    let _ = writeln!(y, "    tags: [{}]", tags.join(", "));
                }
                if !e.citations.is_empty() {
                    y.push_str("    sources:\n");
                    for c in &e.citations {
                        match c {
                            GenCitation::Ref(s, quote, locator) => {
                                let _ = writeln!(y, "      - ref: s{}", s % sources.len());
                                if let Some(q) = quote {
                                    let _ = writeln!(y, "        quote: {}", yaml_quoted(q));
                                }
                                if let Some(l) = locator {
                                    let _ = writeln!(y, "        locator: {}", yaml_quoted(l));
                                }
                            }
                            GenCitation::Inline(s) => {
                                let block = source_yaml(s, "        ");
                                y.push_str("      - ");
                                y.push_str(block.trim_start());
                            }
                        }
                    }
                }
                let related: BTreeSet<usize> = e
                    .related
                    .iter()
                    .map(|r| r % events.len())
                    .filter(|&r| r != i)
                    .collect();
                if !related.is_empty() {
                    let ids: Vec<String> = related.iter().map(|r| format!("e{r}")).collect();
                    let _ = writeln!(y, "    related: [{}]", ids.join(", "));
                }
            }
            y
        })
}

/// Every footnote reference of `md` has exactly one definition, and every definition is
/// referenced. Returns how many footnotes there are.
fn check_footnotes(md: &str) -> Result<usize, String> {
    let mut refs: BTreeSet<String> = BTreeSet::new();
    let mut defs: BTreeMap<String, usize> = BTreeMap::new();
    let opts = MdOptions::ENABLE_FOOTNOTES | MdOptions::ENABLE_TABLES;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            MdEvent::FootnoteReference(label) => {
                refs.insert(label.to_string());
            }
            MdEvent::Start(Tag::FootnoteDefinition(label)) => {
                *defs.entry(label.to_string()).or_default() += 1;
            }
            _ => {}
        }
    }
    for (label, n) in &defs {
        if *n != 1 {
            return Err(format!("footnote [^{label}] is defined {n} times"));
        }
        if !refs.contains(label) {
            return Err(format!(
                "footnote [^{label}] is defined but never referenced"
            ));
        }
    }
    for label in &refs {
        if !defs.contains_key(label) {
            return Err(format!(
                "footnote [^{label}] is referenced but never defined"
            ));
        }
    }
    Ok(defs.len())
}

proptest! {
    #![proptest_config(config(256))]

    /// A brief of a valid timeline has footnotes that resolve, and holds no link that it
    /// did not make, even for a renderer that links bare URLs and addresses.
    #[test]
    fn briefs_of_valid_timelines_have_footnotes_that_resolve(
        yaml in gen_timeline(),
        bluf in prop::option::of(hostile()),
        title in prop::option::of(hostile()),
        pick in prop::collection::vec(any::<bool>(), 6),
    ) {
        let l = load_one(&yaml);
        let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{yaml}");
        let tl = &l.timeline;
        let now = chrono::DateTime::from_timestamp(1_727_784_000, 0).unwrap();
        let options = Options {
            title,
            bluf,
            ..Options::default()
        };
        let some = Selection {
            events: (0..tl.events.len() as u32).filter(|&i| pick[i as usize % pick.len()]).collect(),
            basis: tlx::brief::Basis::Marked,
        };
        for (n, selection) in [Selection::all(tl), some].into_iter().enumerate() {
            let md = brief::markdown(tl, &selection, &options, now);
            // GitHub, which links bare URLs and addresses, finds only the brief's links.
            prop_assert_eq!(gfm_links(&md), commonmark_links(&md), "{}", md);
            match check_footnotes(&md) {
                Err(e) => prop_assert!(false, "{e}\n--- timeline:\n{yaml}\n--- brief:\n{md}"),
                // Each distinct cited source of the whole timeline is one footnote.
                Ok(notes) if n == 0 => {
                    let mut cited: Vec<u32> = tl
                        .events
                        .iter()
                        .flat_map(|e| e.citations.iter().map(|c| c.source))
                        .collect();
                    cited.sort_unstable();
                    cited.dedup();
                    prop_assert_eq!(notes, cited.len(), "{}", md);
                }
                Ok(_) => {}
            }
        }
    }
}
