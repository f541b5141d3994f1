//! A big file cut into pieces that parse on several cores gives exactly what parsing it
//! whole gives, and anything that could read differently in pieces is parsed whole.

use crate::generator::gen_timeline::{Spec, generate};
use crate::util::tlx;
use tlx::model::load::Progress;
use tlx::model::parse::{parse_plan, parse_whole};
use tlx::model::split::plan;
use tlx::model::{LoadOptions, load_texts};

/// A generated one-file timeline (3,000 events are about 1.8 MB, over the size at which
/// files are cut).
fn text(events: usize, seed: u64) -> String {
    let mut files = generate(&Spec {
        events,
        seed,
        files: 1,
    });
    files.pop().expect("one file").1
}

/// Parses the pieces `plan` cuts `t` into, as the loader does.
fn cut_parse(
    t: &str,
    plan: &tlx::model::split::Plan,
    progress: Option<&Progress>,
) -> Option<tlx::model::validate::ParsedFile> {
    let cut = (0..plan.pieces())
        .map(|i| tlx::model::split::piece_text(t, plan, i))
        .collect();
    let opts = LoadOptions::default();
    parse_plan(0, cut, t.len(), plan, &opts, &Default::default(), progress)
}

fn debug<T: std::fmt::Debug>(v: &T) -> String {
    format!("{v:?}")
}

/// Asserts that cutting `t` gives what the whole gives, for several cuts and threads.
fn cuts_agree(t: &str, what: &str) {
    let opts = LoadOptions::default();
    let whole =
        debug(&parse_whole(0, t, &opts, &Default::default()).expect("the whole text parses"));
    for pieces in [2, 3, 7, 16, 64] {
        let p = plan(t, pieces).unwrap_or_else(|| panic!("{what}: can be cut in {pieces}"));
        assert!(p.pieces() >= 2, "{what}: {} pieces", p.pieces());
        let progress = Progress::default();
        let got = cut_parse(t, &p, Some(&progress))
            .unwrap_or_else(|| panic!("{what}: every piece of {pieces} parses"));
        assert_eq!(
            progress.done.load(std::sync::atomic::Ordering::Relaxed),
            t.len() as u64,
            "{what}: every byte is counted once"
        );
        assert!(
            debug(&got) == whole,
            "{what}: {pieces} pieces differ from the whole"
        );
    }
}

#[test]
fn pieces_give_the_whole_files_events_in_order() {
    cuts_agree(&text(3000, 7), "generated");
}

#[test]
fn items_at_column_zero_and_crlf_line_ends_are_cut_alike() {
    let t = text(3000, 11);
    let (head, body) = t.split_once("\nevents:\n").expect("an events list");
    let flush: String = body
        .lines()
        .map(|l| format!("{}\n", l.strip_prefix("  ").unwrap_or(l)))
        .collect();
    let flush = format!("{head}\nevents:\n{flush}");
    assert!(flush.contains("\n- id: "), "items now at column 0");
    cuts_agree(&flush, "items at column 0");
    let crlf = t.replace('\n', "\r\n");
    cuts_agree(&crlf, "CRLF");
    // And the loader, which cuts them, loads them clean.
    for (name, t) in [("flush.yaml", &flush), ("crlf.yaml", &crlf)] {
        let l = load_texts(&[(name, t.as_str())], &LoadOptions::default());
        assert!(
            l.diagnostics.is_empty(),
            "{name}: {:?}",
            l.diagnostics.first()
        );
        assert_eq!(l.timeline.events.len(), 3000, "{name}");
    }
}

#[test]
fn what_could_read_differently_in_pieces_is_not_cut() {
    let t = text(3000, 7);
    assert!(plan(&t, 4).is_some(), "the unchanged text is cut");
    let item = "  - id: extra\n    date: 2001\n";
    let cases = [
        ("an alias", format!("{t}{item}    title: *first\n")),
        ("an anchor", format!("{t}{item}    title: &first Title\n")),
        ("a key after the list", format!("{t}updated: 2024-01-01\n")),
        ("a document end marker", format!("{t}...\n")),
        ("a second document", format!("{t}---\ntitle: again\n")),
        ("a tab before an item", format!("{t}\t- id: tabbed\n")),
        (
            "less indented than the items",
            format!("{t} - id: shifted\n"),
        ),
        (
            "a tag directive",
            format!("%TAG !e! tag:example.com,2024:\n---\n{t}"),
        ),
        (
            "a value on the events line",
            t.replacen("\nevents:\n", "\nevents: &all\n", 1),
        ),
        ("a flow list", t.replacen("\nevents:\n", "\nevents: [\n", 1)),
        ("too small to be worth it", text(200, 7)),
    ];
    for (what, case) in cases {
        assert!(plan(&case, 4).is_none(), "{what}: not cut");
    }
    // A carriage return alone ends a line for YAML: keys after the list could hide behind
    // one on an item's line. Such a file is not cut, and the loader refuses it whole.
    let hidden = format!("{t}  - id: z\r    date: 2001\rupdated: 2024-01-01\rbogus: 1\n");
    assert!(
        plan(&hidden, 4).is_none(),
        "a lone carriage return: not cut"
    );
    let l = load_texts(&[("cr.yaml", hidden.as_str())], &LoadOptions::default());
    assert!(
        l.diagnostics
            .iter()
            .any(|d| d.message.contains("carriage return alone")),
        "the lone carriage return is refused: {:?}",
        l.diagnostics.first()
    );
    // `*` and `&` inside words and after spaces in quotes are common in text; only a
    // node property stops the cut, but quoted text that looks like one is parsed whole.
    let starred = t.replacen("title: \"", "title: \"AT&T 5*3 ", 1);
    assert!(
        plan(&starred, 4).is_some(),
        "`&` and `*` inside words are text"
    );
}

#[test]
fn a_quoted_scalar_across_a_cut_falls_back_to_the_whole() {
    let t = text(3000, 7);
    let opts = LoadOptions::default();
    // The item where a cut in two is made: the first at or after the middle of the list.
    let first = t.find("\n  - id: ").expect("items") + 1;
    let middle = first + (t.len() - first) / 2;
    let cut = middle
        + t[middle..]
            .find("\n  - id: ")
            .expect("an item after the middle")
        + 1;
    // Open a quoted scalar just before it, and close it at the end of the cut line: the
    // cut line is then text, not an item.
    let eol = cut + t[cut..].find('\n').expect("a line end");
    let mut bent = String::new();
    bent.push_str(&t[..cut]);
    bent.push_str("    display_date: \"opened\n");
    bent.push_str(&t[cut..eol]);
    bent.push('"');
    bent.push_str(&t[eol..]);
    let p = plan(&bent, 2).expect("the item lines still look like a list");
    let split = cut_parse(&bent, &p, None);
    assert!(split.is_none(), "the piece that opens the quote fails");
    // Whatever the whole parse makes of it is what the loader reports.
    let whole = parse_whole(0, &bent, &opts, &Default::default()).ok();
    let loaded = load_texts(&[("bent.yaml", &bent)], &LoadOptions::default());
    match whole {
        Some(_) => assert_eq!(loaded.timeline.events.len(), 2999, "one item fewer"),
        None => assert!(loaded.has_errors(), "the parse error is reported"),
    }
}

#[test]
fn a_cut_never_hides_an_item_inside_a_quote() {
    // The last check: a piece must give as many events as it has item lines. Here every
    // piece parses, but one item line of the second half sits inside a quoted scalar
    // that opens and closes within the same piece.
    let t = text(3000, 7);
    let opts = LoadOptions::default();
    let at = t.rfind("\n  - id: ").expect("an item") + 1;
    let eol = at + t[at..].find('\n').expect("a line end");
    let mut bent = String::new();
    bent.push_str(&t[..at]);
    bent.push_str("    display_date: \"opened\n");
    bent.push_str(&t[at..eol]);
    bent.push('"');
    bent.push_str(&t[eol..]);
    // serde-saphyr reads the quote on, so the whole has one event fewer (and the
    // lines after the quote as repeated keys of the event before).
    assert!(
        parse_whole(0, &bent, &opts, &Default::default()).is_ok(),
        "the whole parses"
    );
    let loaded = load_texts(&[("bent.yaml", &bent)], &LoadOptions::default());
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.headline().contains("given twice")),
        "the loader reports the whole's reading"
    );
    for pieces in [2, 3, 7] {
        let p = plan(&bent, pieces).expect("cut");
        assert!(
            cut_parse(&bent, &p, None).is_none(),
            "{pieces} pieces: the last piece gives one event fewer than its item lines"
        );
    }
}

#[test]
fn problems_in_a_cut_file_are_placed_in_the_whole_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let t = text(3000, 7);
    // `validate` reports on standard output. A bad date in the last event (far into the last piece), and a syntax error.
    let at = t.rfind("    date: ").expect("a date") + "    date: ".len();
    let eol = at + t[at..].find('\n').expect("a line end");
    let bad_date = format!("{}2024-13{}", &t[..at], &t[eol..]);
    let line = t[..at].matches('\n').count() + 1;
    let f = dir.path().join("big.yaml");
    std::fs::write(&f, &bad_date).expect("write");
    let out = tlx().arg("validate").arg(&f).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let want = format!(
        "{}:{line}:11: error: invalid date: '2024-13': month 13 does not exist",
        f.display()
    );
    assert!(err.contains(&want), "wanted {want}\n{err}");

    let tags = t.rfind("    tags: [").expect("tags") + "    tags: [".len();
    let unclosed = format!("{}{}", &t[..tags], &t[tags..].replacen(']', "", 1));
    let line = t[..tags].matches('\n').count() + 1;
    std::fs::write(&f, &unclosed).expect("write");
    let out = tlx().arg("validate").arg(&f).output().expect("runs");
    let err = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // The parser stops on the next line; the note points at the bracket.
    let next = format!("{}:{}:11: error: invalid YAML", f.display(), line + 1);
    let note = format!("the '[' at line {line}, column 11 is never closed");
    assert!(err.contains(&next) && err.contains(&note), "{err}");
}

#[test]
fn a_cut_file_loads_exactly_as_the_whole_from_disk() {
    // From a file (read whole, then cut) and from memory, the same timeline.
    let dir = tempfile::tempdir().expect("temp dir");
    let t = text(3000, 5);
    let f = dir.path().join("t.yaml");
    std::fs::write(&f, &t).expect("write");
    let from_disk = tlx::model::load_paths(&[f], &LoadOptions::default());
    assert!(from_disk.diagnostics.is_empty());
    let in_memory = load_texts(&[("t.yaml", t.as_str())], &LoadOptions::default());
    assert_eq!(
        debug(&from_disk.timeline.events),
        debug(&in_memory.timeline.events)
    );
    assert_eq!(from_disk.timeline.events.len(), 3000);
}

mod mutations {
    use proptest::prelude::*;

    use super::{cut_parse, debug, text};
    use tlx::model::LoadOptions;
    use tlx::model::parse::parse_whole;
    use tlx::model::split::plan;

    /// What YAML reads as structure, inserted at random places.
    const SNIPPETS: &[&str] = &[
        "\"",
        "'",
        "[",
        "]",
        "{",
        "}",
        "|",
        ">",
        "# ",
        ": ",
        "\n  - ",
        "\n- ",
        "\n",
        "\n    ",
        "*a ",
        "&a ",
        "!!str ",
        "? ",
        "\n...\n",
        "\n---\n",
        "\t",
        "\\",
        "\n  - id: x\n",
        "\"\n  - id: y\n\"",
        "|\n  - z\n",
    ];

    fn text_once() -> &'static str {
        static T: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        T.get_or_init(|| text(2000, 3))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Whatever is inserted, the pieces either agree with the whole or give up.
        #[test]
        fn pieces_agree_with_the_whole_or_give_up(
            edits in proptest::collection::vec((0.0f64..1.0, 0..SNIPPETS.len()), 1..4),
            pieces in 2usize..9,
        ) {
            let mut t = text_once().to_string();
            for (at, s) in edits {
                let mut i = (at * t.len() as f64) as usize;
                while !t.is_char_boundary(i) {
                    i -= 1;
                }
                t.insert_str(i, SNIPPETS[s]);
            }
            let opts = LoadOptions::default();
            if let Some(p) = plan(&t, pieces)
                && let Some(got) = cut_parse(&t, &p, None)
            {
                let whole = parse_whole(0, &t, &opts, &Default::default()).ok();
                prop_assert!(whole.is_some(), "pieces parsed what the whole could not");
                prop_assert!(debug(&got) == debug(&whole.expect("checked")), "pieces differ from the whole");
            }
        }
    }
}

/// Events checked as they are parsed (on each piece's thread) give exactly what checking
/// the whole file's raw structs afterwards gives: the same timeline, and the same
/// problems, on a cut file holding one of each kind of event problem.
#[test]
fn events_checked_while_parsing_equal_events_checked_after() {
    use sha2::{Digest, Sha256};
    use tlx::model::raw::{Lenient, RawFile};
    use tlx::model::{Input, validate};

    let t = text(3000, 13);
    // Problems spread over the file, so that they fall in different pieces.
    let item = |n: usize| {
        let mut at = 0;
        for _ in 0..n {
            at += t[at..].find("\n  - id: ").expect("an item") + 1;
        }
        at
    };
    let extras = [
        (
            item(10),
            "  - id: bad-date\n    date: 2024-13\n    title: \"A\"\n",
        ),
        (
            item(700),
            "  - id: ev-000005\n    date: 2001\n    title: \"Repeated id\"\n",
        ),
        (
            item(1400),
            "  - id: inline-source\n    date: 2002-02\n    title: \"Cites inline\"\n    sources:\n      - publisher: \"A Paper\"\n        title: \"Story\"\n        url: https://example.org/x\n",
        ),
        (
            item(2100),
            "  - id: refs\n    date: 2003\n    title: \"Refs\"\n    tags: [Bad_Tag, trade]\n    actors: [no-such-actor]\n    related: [no-such-event]\n    sources: [no-such-source]\n",
        ),
        (
            item(2800),
            "  - just a string\n  - id: Bad Id\n    date: 2004\n    title: t\n",
        ),
    ];
    let mut bent = String::new();
    let mut from = 0;
    for (at, add) in extras {
        bent.push_str(&t[from..at]);
        bent.push_str(add);
        from = at;
    }
    bent.push_str(&t[from..]);

    let opts = LoadOptions::default();
    let loaded = load_texts(&[("bent.yaml", bent.as_str())], &opts);
    assert!(plan(&bent, 4).is_some(), "the file is cut");

    // The same file parsed whole without converting, then built.
    let options = tlx::model::load::parse_options(bent.len(), &opts);
    let raw: Lenient<RawFile> =
        serde_saphyr::from_str_with_options(&bent, options).expect("parses");
    let input = Input {
        name: "bent.yaml".into(),
        path: None,
        bytes: bent.len() as u64,
        sha256: Sha256::digest(bent.as_bytes()).into(),
    };
    let raw = validate::ParsedFile::from_raw(0, raw);
    let built = validate::build(
        std::slice::from_ref(&input),
        vec![(0, raw)],
        &validate::Unparsed::None,
    );

    assert_eq!(
        debug(&loaded.timeline.events),
        debug(&built.timeline.events)
    );
    assert_eq!(
        debug(&loaded.timeline.sources),
        debug(&built.timeline.sources)
    );
    let messages = |ds: &[tlx::model::Diagnostic]| {
        let mut m: Vec<String> = ds
            .iter()
            // The message and notes; placing (which only the loader does) aside.
            .map(|d| format!("{}: {} {:?}", d.severity, d.message, d.notes))
            .collect();
        m.sort();
        m
    };
    let (a, b) = (messages(&loaded.diagnostics), messages(&built.diagnostics));
    assert_eq!(a, b);
    for want in [
        "invalid date",
        "'ev-000005'",
        "tag 'Bad_Tag' is not valid",
        "no-such-actor",
        "no-such-event",
        "no-such-source",
        "an event mapping",
        "event id 'Bad Id' is not valid",
    ] {
        assert!(a.iter().any(|m| m.contains(want)), "{want} in {a:#?}");
    }
    assert!(
        loaded.timeline.sources.iter().any(|s| s.inline),
        "the inline source is registered"
    );
}

#[test]
fn pieces_are_planned_for_any_number_of_cores() {
    use tlx::model::split::pieces_for;
    assert_eq!(pieces_for(100 << 20, 1), 1, "one core: no cut");
    assert_eq!(pieces_for(1 << 20, 2), 2);
    assert_eq!(pieces_for(100 << 20, 2), 25, "pieces of about 4 MB");
    for threads in [3, 64, 65, 128, 1024] {
        let n = pieces_for(1 << 20, threads);
        assert!((2..=64).contains(&n), "{threads} cores: {n} pieces");
    }
}
