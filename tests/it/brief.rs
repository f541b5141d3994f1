//! Briefs: golden output, Markdown structure, hostile text, write rules.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use tlx::brief::{self, Basis, Selection};
use tlx::model::{LoadOptions, Timeline, load_paths};

use crate::util::{fixture, stderr, stdout, tlx};

const NOW: &str = "2024-10-01T12:00:00Z";
/// `NOW` as seconds since 1970.
const NOW_EPOCH: &str = "1727784000";

/// The command that writes `assets/example-brief.md` (with `-o assets/example-brief.md
/// --force`, from the package root).
const EXAMPLE_ARGS: [&str; 7] = [
    "export",
    "-q",
    "from:2024-06-20 to:2024-06-24",
    "--title",
    "The week of the U.S. ban on Kaspersky, 20–24 June 2024",
    "--now",
    NOW,
];

/// Runs `tlx ARGS` and returns stdout, asserting success and a quiet stderr.
fn export(args: &[&str]) -> String {
    let o = tlx().args(args).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
    assert_eq!(stderr(&o), "");
    stdout(&o)
}

fn hostile_timeline() -> Timeline {
    let l = load_paths(&[fixture("hostile.yaml")], &LoadOptions::default());
    assert!(!l.has_errors(), "{:#?}", l.diagnostics);
    l.timeline
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

// ---- reading a brief with a real Markdown parser ----

/// What a CommonMark/GFM parser sees in a brief.
#[derive(Default, Debug)]
struct Parsed {
    /// Level and text of every heading, in order.
    headings: Vec<(HeadingLevel, String)>,
    /// Every text and code span, blocks separated by line breaks.
    text: String,
    /// Destination of every link.
    links: Vec<String>,
    footnote_refs: Vec<String>,
    footnote_defs: Vec<String>,
    /// Per table, its rows (the header first), each a list of cell texts.
    tables: Vec<Vec<Vec<String>>>,
    /// Raw HTML, block or inline.
    html: Vec<String>,
    images: usize,
    /// List items whose text starts as written (to check nothing became a list).
    items: Vec<String>,
}

fn parse(md: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut cell: Option<String> = None;
    let mut item_depth: Vec<String> = Vec::new();
    for ev in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                p.headings.push(heading.take().unwrap());
                p.text.push('\n');
            }
            Event::Start(Tag::Table(_)) => p.tables.push(Vec::new()),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                p.tables.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let t = p.tables.last_mut().unwrap();
                t.last_mut().unwrap().push(cell.take().unwrap());
                p.text.push('\n');
            }
            Event::Start(Tag::Link { dest_url, .. }) => p.links.push(dest_url.to_string()),
            Event::Start(Tag::Image { .. }) => p.images += 1,
            Event::Start(Tag::FootnoteDefinition(l)) => p.footnote_defs.push(l.to_string()),
            Event::FootnoteReference(l) => p.footnote_refs.push(l.to_string()),
            Event::Start(Tag::Item) => item_depth.push(String::new()),
            Event::End(TagEnd::Item) => {
                p.items.push(item_depth.pop().unwrap());
                p.text.push('\n');
            }
            Event::Html(h) | Event::InlineHtml(h) => p.html.push(h.to_string()),
            Event::Text(t) | Event::Code(t) => {
                p.text.push_str(&t);
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                if let Some(c) = cell.as_mut() {
                    c.push_str(&t);
                }
                if let Some(i) = item_depth.last_mut() {
                    i.push_str(&t);
                }
            }
            Event::End(TagEnd::Paragraph) => p.text.push('\n'),
            _ => {}
        }
    }
    p
}

/// The destination of every link GitHub's renderer would make of `md`: comrak (a port of
/// cmark-gfm) with the autolink literals of GFM on (bare `http://…`, `www.…` and e-mail
/// addresses become links there), tables, footnotes and strikethrough.
pub(crate) fn gfm_links(md: &str) -> Vec<String> {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    options.extension.table = true;
    options.extension.footnotes = true;
    options.extension.strikethrough = true;
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, md, &options);
    root.descendants()
        .filter_map(|n| match &n.data().value {
            comrak::nodes::NodeValue::Link(l) | comrak::nodes::NodeValue::Image(l) => {
                Some(l.url.clone())
            }
            _ => None,
        })
        .collect()
}

/// The links of `md` under CommonMark, where a link is only what the brief writes as one
/// (`<https://…>`, `[text](#anchor)`).
pub(crate) fn commonmark_links(md: &str) -> Vec<String> {
    parse(md).links
}

/// GitHub's heading anchors: lower case, only letters, digits, `-`, `_` and spaces kept,
/// spaces as hyphens, repeats numbered.
fn github_anchors(headings: &[(HeadingLevel, String)]) -> HashSet<String> {
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out = HashSet::new();
    for (_, text) in headings {
        let base: String = text
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut slug = base.clone();
        while seen.contains_key(&slug) {
            let n = seen.get_mut(&base).unwrap();
            *n += 1;
            slug = format!("{base}-{n}");
        }
        seen.insert(slug.clone(), 0);
        out.insert(slug);
    }
    out
}

/// The rules every brief keeps, for a brief of `events` events; returns what was parsed.
fn check_structure(md: &str, events: usize) -> Parsed {
    let p = parse(md);
    assert!(p.html.is_empty(), "raw HTML passed through: {:?}", p.html);
    assert_eq!(p.images, 0, "an image was made");

    // Footnotes: each reference defined exactly once, each definition referenced.
    let defs: HashSet<&String> = p.footnote_defs.iter().collect();
    assert_eq!(
        defs.len(),
        p.footnote_defs.len(),
        "a footnote defined twice"
    );
    let refs: HashSet<&String> = p.footnote_refs.iter().collect();
    assert_eq!(refs, defs, "references and definitions differ");
    assert!(!defs.is_empty());

    // One key-events table: a header and one row per event, three columns each.
    assert_eq!(p.tables.len(), 1, "tables: {:?}", p.tables);
    let table = &p.tables[0];
    assert_eq!(table[0], ["Date", "Event", "Basis"]);
    assert_eq!(table.len(), events + 1, "one row per event");
    for row in table {
        assert_eq!(row.len(), 3, "row {row:?}");
    }

    // Headings: the title, the sections in order, one per event.
    let h1 = p
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H1)
        .count();
    assert_eq!(h1, 1);
    let h2: Vec<&str> = p
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H2)
        .map(|(_, t)| t.as_str())
        .collect();
    let expected: Vec<&str> = [
        "Bottom line up front",
        "Key events",
        "Timeline",
        "Caveats",
        "Sources",
    ]
    .into_iter()
    .filter(|s| *s != "Caveats" || h2.contains(&"Caveats"))
    .collect();
    assert_eq!(h2, expected);
    let h3 = p
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H3)
        .count();
    assert_eq!(h3, events, "one heading per event");
    assert!(p.headings.iter().all(|(l, _)| *l <= HeadingLevel::H3));

    // Links: http(s), or an anchor of a heading in the document.
    let anchors = github_anchors(&p.headings);
    for l in &p.links {
        if let Some(a) = l.strip_prefix('#') {
            assert!(anchors.contains(a), "no heading for #{a}");
        } else {
            assert!(
                l.starts_with("https://") || l.starts_with("http://"),
                "link to {l}"
            );
        }
    }
    p
}

// ---- golden briefs of the curated timeline ----

#[test]
fn golden_brief_of_the_whole_timeline() {
    let md = export(&["export", "--now", NOW]);
    assert_eq!(md, export(&["export", "--now", NOW]), "not deterministic");
    check_structure(&md, 39);
    insta::assert_snapshot!(md);
}

#[test]
fn golden_brief_of_a_query() {
    let md = export(&["export", "-q", "tag:sanctions", "--now", NOW]);
    assert_eq!(md, export(&["export", "-q", "tag:sanctions", "--now", NOW]));
    let p = check_structure(&md, 2);
    assert!(md.contains("; query `tag:sanctions`: 2 of 39 events.*"));
    // Both related events are outside the selection: plain text, and a caveat.
    assert!(p.text.contains("2 related events are not in this brief"));
    insta::assert_snapshot!(md);
}

#[test]
fn golden_brief_of_an_id_list() {
    let ids =
        "ultraav-automatic-migration,kremlin-peskov-reaction,commerce-bis-final-determination";
    let md = export(&["export", "--ids", ids, "--now", NOW]);
    assert_eq!(md, export(&["export", "--ids", ids, "--now", NOW]));
    let p = check_structure(&md, 3);
    assert!(
        md.contains(
            "; events chosen by id (`tlx export --ids commerce-bis-final-determination,\
             kremlin-peskov-reaction,ultraav-automatic-migration`): 3 of 39 events.*"
        ),
        "{md}"
    );
    // Chronological whatever the order given; a related event in the selection is a link.
    let h3: Vec<&str> = p
        .headings
        .iter()
        .filter(|(l, _)| *l == HeadingLevel::H3)
        .map(|(_, t)| t.as_str())
        .collect();
    assert!(h3[0].starts_with("20 Jun 2024 — Commerce bans"));
    assert!(h3[2].starts_with("17–19 Sep 2024 — "));
    assert!(
        md.contains("responds to: [Commerce bans Kaspersky software in the U.S. in its first-ever ICTS Final Determination](#20-jun-2024--commerce-bans-kaspersky-software-in-the-us-in-its-first-ever-icts-final-determination)")
    );
    insta::assert_snapshot!(md);
}

#[test]
fn source_date_epoch_stands_in_for_now() {
    let with_now = export(&["export", "-q", "tag:sanctions", "--now", NOW]);
    let o = tlx()
        .env("SOURCE_DATE_EPOCH", NOW_EPOCH)
        .args(["export", "-q", "tag:sanctions"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), with_now);
    // --now wins over the environment.
    let o = tlx()
        .env("SOURCE_DATE_EPOCH", "0")
        .args(["export", "-q", "tag:sanctions", "--now", NOW])
        .output()
        .unwrap();
    assert_eq!(stdout(&o), with_now);
    let o = tlx()
        .env("SOURCE_DATE_EPOCH", "not-a-number")
        .args(["export"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
}

#[test]
fn without_a_fixed_time_the_clock_is_read() {
    let before = chrono::Utc::now();
    let md = export(&["export", "-q", "tag:sanctions"]);
    let after = chrono::Utc::now();
    let line = md.lines().nth(2).unwrap();
    let stamp = line
        .split(" on ")
        .nth(1)
        .and_then(|s| s.split(" UTC").next())
        .unwrap();
    let t = chrono::NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d %H:%M")
        .unwrap()
        .and_utc();
    let minute = |d: chrono::DateTime<chrono::Utc>| d.timestamp() / 60 * 60;
    assert!(
        (minute(before)..=minute(after)).contains(&t.timestamp()),
        "{stamp}"
    );
}

#[test]
fn bad_now_is_a_usage_error() {
    let o = tlx()
        .args(["export", "--now", "2024-10-01"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("RFC 3339"), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn title_and_bluf_from_the_command_line() {
    let md = export(&[
        "export",
        "-q",
        "tag:sanctions",
        "--now",
        NOW,
        "--title",
        "Sanctions <2024>",
        "--bluf",
        "Two actions in two days.",
    ]);
    let p = check_structure(&md, 2);
    assert!(md.starts_with("# Sanctions \\<2024\\>\n"));
    assert_eq!(p.headings[0].1, "Sanctions <2024>");
    assert!(md.contains("## Bottom line up front\n\nTwo actions in two days.\n\n## Key events"));
}

// ---- selections and their errors ----

#[test]
fn a_bad_query_prints_a_caret_and_exits_2() {
    let o = tlx().args(["export", "-q", "tag:nope"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(err.contains("error: bad query at column 1"), "{err}");
    assert!(err.contains("  | tag:nope\n  | ^"), "{err}");
}

#[test]
fn nothing_selected_writes_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.md");
    let o = tlx()
        .args(["export", "-q", "'no-such-words-anywhere", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no brief written"), "{}", stderr(&o));
    assert!(!out.exists());
    // Each format names what it did not write.
    let o = tlx()
        .args([
            "export",
            "-q",
            "'no-such-words-anywhere",
            "--format",
            "timelinejs",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("; no TimelineJS written\n"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn unknown_ids_are_named_with_suggestions_and_exit_1() {
    let o = tlx()
        .args([
            "export",
            "--ids",
            "kremlin-peskov-reaction,kremlin-peskov-reacton,zzz",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    let err = stderr(&o);
    assert!(
        err.contains(
            "no event 'kremlin-peskov-reacton' in this timeline (did you mean 'kremlin-peskov-reaction'?)"
        ),
        "{err}"
    );
    assert!(err.contains("no event 'zzz' in this timeline\n"), "{err}");
    assert!(!err.contains("'kremlin-peskov-reaction' in"), "{err}");
}

#[test]
fn ids_and_query_do_not_mix() {
    let o = tlx()
        .args(["export", "-q", "x", "--ids", "a"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

// ---- hostile text ----

#[test]
fn hostile_text_renders_as_text() {
    let md = export(&[
        "export",
        &fixture("hostile.yaml").display().to_string(),
        "--now",
        NOW,
    ]);
    let p = check_structure(&md, 6);
    for shown in [
        "Hostile | *timeline* _with_ [x](javascript:alert(1)) <b>markup</b>",
        "Pipes | and *stars* and _underscores_ and `backticks` and \\ backslash \\|",
        "[x](javascript:alert(1)) and <script>alert(1)</script> and ![img](https://evil.example/x.png) and <https://evil.example/auto>",
        "# Leading hash and a closing #",
        "- starts like a list",
        "1. starts like an ordered list",
        "Escape ␛[31mred␛[0m and bell ␇",
        "bidi �override",
        "&lt;script&gt; &amp; &#60;b&#62; AT&T ~~struck~~ $x$ :smile:",
        "[^1] is not a reference and [link][ref] is not a link.",
        "[ref]: https://evil.example/",
        "Mallory <img src=x onerror=alert(1)> | *bold* (<i>role</i> | x)",
        "[Eve](https://evil.example/)",
        "- Evil <Publisher> [^9], “</a><script>alert(1)</script>”. https://example.org/evil?q=<b>",
        "“<script>alert(1)</script> | *quoted*” ([p. 1](javascript:alert(1)); credibility 5)",
        "=HYPERLINK(\"https://evil.example\") starts like a formula",
        &"Supercalifragilistic".repeat(16),
        &"x".repeat(310),
    ] {
        assert!(p.text.contains(shown), "not shown as text: {shown}");
    }
    // Nothing became a link but the source's http URL and in-document anchors.
    let external: Vec<&String> = p.links.iter().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(external, ["https://example.org/plain"]);
    // Nothing became a list but the brief's own lists.
    assert!(p.items.iter().all(|i| !i.starts_with("starts like")));
    // Title, summary and quotes kept their markup characters in the table too.
    assert!(p.tables[0][1][1].starts_with("Pipes | and *stars*"));
    assert!(!md.contains('\x1b') && !md.contains('\x07') && !md.contains('\u{202e}'));
    // A related event in the selection is an anchor link to its heading.
    assert!(p.links.iter().any(|l| {
        l == "#1-jan-2024--pipes--and-stars-and-_underscores_-and-backticks-and--backslash-"
    }));
}

#[test]
fn issue_21_11_bare_urls_and_addresses_in_timeline_text_never_become_links() {
    // The hostile fixture: a summary holds `<https://evil.example/auto>`.
    let md = export(&[
        "export",
        &fixture("hostile.yaml").display().to_string(),
        "--now",
        NOW,
    ]);
    assert_eq!(gfm_links(&md), commonmark_links(&md));
    // Every free-text field holding what GFM links on sight, and Obsidian's markers.
    let bare = "http://tracker.example/i.gif, www.example.org, a@b.example, mailto:c@d.example, ftp://f.example and https://e.example/x?y";
    let marked = "%%a comment%% and ==a highlight==";
    let text = format!(
        r#"version: 1
title: "Seen at www.title.example"
summary: "{bare} {marked}"
actors:
  m:
    name: "m@actor.example"
    kind: person
sources:
  s:
    publisher: "{bare}"
    title: "{marked} {bare}"
    url: https://example.org/real
    reliability: B
events:
  - id: e1
    date: 2024-06-20
    display_date: "http://date.example/20"
    title: "{bare}"
    summary: "{marked} {bare}"
    actors: [m]
    sources:
      - ref: s
        quote: "{bare}"
        locator: "{bare}"
    related: [e2]
  - id: e2
    date: 2024-06-21
    title: "{marked}"
    sources: [{{ref: s}}]
"#
    );
    let l = tlx::model::load_texts(&[("bare.yaml", &text)], &LoadOptions::default());
    let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let options = brief::Options {
        title: None,
        bluf: Some(format!("Written to {bare}")),
        ..Default::default()
    };
    let md = brief::markdown(&l.timeline, &Selection::all(&l.timeline), &options, now());
    let links = gfm_links(&md);
    assert_eq!(links, commonmark_links(&md), "{md}");
    // The brief's own links: the source, and the related event's heading.
    assert!(
        links
            .iter()
            .all(|u| u == "https://example.org/real" || u.starts_with('#')),
        "{links:?}"
    );
    assert!(links.iter().any(|u| u == "https://example.org/real"));
    // The text itself is shown as written.
    let p = parse(&md);
    for shown in [
        bare,
        marked,
        "Seen at www.title.example",
        "m@actor.example",
        "http://date.example/20",
    ] {
        assert!(p.text.contains(shown), "not shown as text: {shown}");
    }
    // No comment nor highlight for Obsidian: every `%%` and `==` is broken by an escape.
    assert!(!md.contains("%%") && !md.contains("=="), "{md}");
}

#[test]
fn hostile_lines_in_a_title_and_non_http_urls_built_in_code() {
    let mut tl = hostile_timeline();
    let ix = tl.event_ix("comma-quote").unwrap() as usize;
    tl.events[ix].title = "First line\n| not | a | row |\n# not a heading\r\n- nor a list".into();
    let s = tl.events[ix].citations[0].source as usize;
    tl.sources[s].url = Some("javascript:alert(1)".into());
    tl.sources[s].archive_url = Some("https://archive.example/x".into());
    let sel = Selection::all(&tl);
    let md = brief::markdown(&tl, &sel, &brief::Options::default(), now());
    let p = check_structure(&md, 6);
    let title = "First line | not | a | row | # not a heading  - nor a list";
    assert!(p.text.contains(title), "{md}");
    assert!(p.tables[0].iter().any(|row| row[1] == title));
    assert!(
        p.headings
            .iter()
            .any(|(_, h)| h == &format!("1 Apr 2024 — {title}"))
    );
    assert!(p.text.contains("javascript:alert(1)"));
    assert!(!p.links.iter().any(|l| l.starts_with("javascript:")));
    assert!(p.links.iter().any(|l| l == "https://archive.example/x"));

    // The marked events of the explorer: the basis is said so.
    let marked = Selection {
        events: vec![ix as u32, 0],
        basis: Basis::Marked,
    };
    let md = brief::markdown(&tl, &marked, &brief::Options::default(), now());
    check_structure(&md, 2);
    assert!(md.contains("; marked events (`tlx export --ids "), "{md}");
    assert!(md.contains("`): 2 of 6 events.*"), "{md}");
}

// ---- JSON and CSV ----

#[test]
fn json_has_the_selection_with_sources_resolved() {
    let out = export(&[
        "export",
        "-q",
        "tag:sanctions",
        "--format",
        "json",
        "--now",
        NOW,
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["generated"], NOW);
    assert_eq!(v["tool"], format!("tlx {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(
        v["timeline"],
        "Kaspersky and the U.S. government, 2017–2025"
    );
    assert_eq!(v["inputs"][0]["name"], "events.yaml");
    assert_eq!(v["inputs"][0]["embedded"], true);
    assert_eq!(v["inputs"][0]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(v["basis"]["kind"], "query");
    assert_eq!(v["basis"]["query"], "tag:sanctions");
    assert_eq!(v["count"], 2);
    assert_eq!(v["total"], 39);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["id"], "bis-entity-list-kaspersky");
    let src = &events[0]["sources"][0];
    assert_eq!(src["id"], "fr-2024-13695");
    assert_eq!(src["publisher"], "Federal Register (via GovInfo)");
    assert_eq!(src["reliability"], "A");
    assert!(src["url"].as_str().unwrap().starts_with("https://"));
    assert!(
        src["quote"]
            .as_str()
            .unwrap()
            .starts_with("adding 3 entries")
    );
}

/// Splits RFC 4180 text into records of fields.
fn read_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = vec![];
    let mut record = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF line end"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        field.is_empty() && record.is_empty(),
        "last line unterminated"
    );
    records
}

#[test]
fn csv_has_a_header_a_row_per_event_and_rfc4180_quoting() {
    let out = export(&[
        "export",
        &fixture("hostile.yaml").display().to_string(),
        "--format",
        "csv",
    ]);
    assert!(out.starts_with(
        "date,end,id,title,tags,actors,sources,grade,url,publisher,summary,media\r\n"
    ));
    assert!(out.contains("\r\n2024-04-01,,comma-quote,\"Comma, and \"\"quote\"\"\",hostile,"));
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 7);
    assert!(rows.iter().all(|r| r.len() == 12), "{rows:?}");
    let row = rows.iter().find(|r| r[2] == "comma-quote").unwrap();
    assert_eq!(row[3], "Comma, and \"quote\"");
    assert_eq!(row[6], "2");
    assert_eq!(row[7], "B");
    assert_eq!(row[8], "https://example.org/plain");

    let out = export(&["export", "-q", "tag:sanctions", "--format", "csv"]);
    let rows = read_csv(&out);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1][..4],
        [
            "2024-06-20",
            "",
            "bis-entity-list-kaspersky",
            "BIS adds three Kaspersky entities to the Entity List"
        ]
    );
    assert_eq!(
        rows[1][5],
        "Bureau of Industry and Security; Kaspersky Lab; OOO Kaspersky Group; Kaspersky Labs Limited"
    );
}

// ---- writing files ----

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn export_to(path: &Path, extra: &[&str]) -> std::process::Output {
    tlx()
        .args(["export", "-q", "tag:sanctions", "--now", NOW, "-o"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn writes_a_new_file_and_never_clobbers_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    let expected = export(&["export", "-q", "tag:sanctions", "--now", NOW]);

    let o = export_to(&out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);

    fs::write(&out, "the analyst's own notes").unwrap();
    let o = export_to(&out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "the analyst's own notes");
    assert_eq!(entries(dir.path()), ["brief.md"]);
}

#[test]
fn force_replaces_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    fs::write(&out, "old").unwrap();
    let o = export_to(&out, &["--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = export(&["export", "-q", "tag:sanctions", "--now", NOW]);
    assert_eq!(fs::read_to_string(&out).unwrap(), expected);
    assert_eq!(
        entries(dir.path()),
        ["brief.md"],
        "a temporary file was left"
    );
    #[cfg(unix)]
    {
        // Replaced by a rename (a new file), not rewritten in place.
        use std::os::unix::fs::MetadataExt;
        let before = fs::metadata(&out).unwrap().ino();
        let o = export_to(&out, &["--force", "--format", "csv"]);
        assert_eq!(o.status.code(), Some(0));
        assert_ne!(fs::metadata(&out).unwrap().ino(), before);
        assert!(
            fs::read_to_string(&out)
                .unwrap()
                .starts_with("date,end,id,")
        );
        assert_eq!(entries(dir.path()), ["brief.md"]);
    }
}

#[test]
fn a_missing_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let out: PathBuf = dir.path().join("no-such-folder").join("brief.md");
    let o = export_to(&out, &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("does not exist"), "{err}");
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(entries(dir.path()).is_empty());
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_a_clear_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // Root ignores permissions, so then tlx runs as an unprivileged user, who must be
    // able to reach the folder.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    let out = ro.join("brief.md");
    let o = crate::util::tlx_unprivileged(dir.path())
        .args(["export", "-q", "tag:sanctions", "--now", NOW, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("cannot write {}", out.display())),
        "{err}"
    );
    assert!(err.contains("ermission denied"), "{err}");
    assert!(entries(&ro).is_empty(), "{:?}", entries(&ro));
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
}

/// `tlx export` (the whole timeline as a brief, about 80 KB) to `out`, with `extra`
/// arguments, where no file may grow past 1 KiB (`ulimit -f 1`): writing the brief
/// fails midway with "File too large" (the signal that would end tlx is ignored).
#[cfg(unix)]
fn export_with_a_file_size_limit(out: &Path, extra: &[&str]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("tlx");
    std::process::Command::new("bash")
        .arg("-c")
        .arg(r#"ulimit -f 1 && trap "" XFSZ && exec "$0" "$@""#)
        .arg(bin)
        .args(["export", "--now", NOW, "-o"])
        .arg(out)
        .args(extra)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent-tlx-test-config")
        .env("HOME", "/nonexistent-tlx-test-home")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_STATE_HOME")
        .env_remove("TLX_WORKSPACE")
        .env_remove("TLX_CONFIG")
        .output()
        .unwrap()
}

#[cfg(unix)]
#[test]
fn a_write_that_fails_midway_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief.md");
    assert!(
        export(&["export", "--now", NOW]).len() > 4096,
        "bigger than the limit"
    );

    // A new file: the temporary file is cut at 1 KiB, and removed.
    let o = export_with_a_file_size_limit(&out, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("cannot write {}", out.display())),
        "{err}"
    );
    assert!(err.contains("File too large"), "{err}");
    assert!(
        entries(dir.path()).is_empty(),
        "a partial or temporary file was left: {:?}",
        entries(dir.path())
    );

    // An existing file, with --force: it keeps its content.
    fs::write(&out, "old brief").unwrap();
    let o = export_with_a_file_size_limit(&out, &["--force"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("File too large"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "old brief");
    assert_eq!(
        entries(dir.path()),
        ["brief.md"],
        "a temporary file was left"
    );
}

/// Sends `signal` to the process `pid`.
#[cfg(target_os = "linux")]
fn kill(pid: u32, signal: i32) {
    // SAFETY: kill(2) with a child's pid and a valid signal number touches no memory.
    let r = unsafe { libc::kill(pid as libc::pid_t, signal) };
    assert_eq!(r, 0, "kill({pid}, {signal})");
}

/// The hidden temporary files of a write in `dir` (`.brief.md.PID-N.tmp`).
fn temporary_files(dir: &Path) -> Vec<String> {
    entries(dir)
        .into_iter()
        .filter(|n| n.starts_with('.') && n.ends_with(".tmp"))
        .collect()
}

/// SIGINT, SIGTERM or SIGHUP while `tlx export -o` writes its temporary file: tlx ends by
/// that signal (as a shell expects), and neither the temporary file nor a partial brief
/// is left. The process is stopped (SIGSTOP) as soon as the temporary file appears, so
/// the signal lands while the file is being written; a run that finishes before it is
/// seen is tried again.
#[cfg(target_os = "linux")]
#[test]
fn issue_21_7_a_signal_during_export_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    // A timeline whose brief (1.7 MB) takes a moment to write and flush.
    let spec = crate::generator::gen_timeline::Spec {
        events: 2000,
        seed: 7,
        files: 1,
    };
    let (_, text) = crate::generator::gen_timeline::generate(&spec).remove(0);
    let timeline = dir.path().join("big.yaml");
    fs::write(&timeline, text).unwrap();
    let out_dir = dir.path().join("out");
    fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("k.md");
    let args = |c: &mut std::process::Command| {
        c.args(["export", "--now", NOW, "--no-cache", "-o"])
            .arg(&out)
            .arg(&timeline)
            .env("NO_COLOR", "1")
            .env("XDG_CONFIG_HOME", "/nonexistent-tlx-test-config")
            .env("HOME", "/nonexistent-tlx-test-home")
            .env_remove("TLX_CONFIG");
    };
    let whole = {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tlx"));
        args(&mut c);
        assert!(c.status().unwrap().success());
        let b = fs::read(&out).unwrap();
        fs::remove_file(&out).unwrap();
        b
    };
    for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        let mut landed = false;
        for _ in 0..5 {
            let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tlx"));
            args(&mut c);
            let mut child = c.spawn().unwrap();
            let mut sent = false;
            while child.try_wait().unwrap().is_none() {
                if !temporary_files(&out_dir).is_empty() {
                    kill(child.id(), libc::SIGSTOP);
                    landed = !temporary_files(&out_dir).is_empty();
                    kill(child.id(), signal);
                    kill(child.id(), libc::SIGCONT);
                    sent = true;
                    break;
                }
                std::thread::sleep(std::time::Duration::from_micros(200));
            }
            let status = child.wait().unwrap();
            assert_eq!(
                temporary_files(&out_dir),
                Vec::<String>::new(),
                "signal {signal}"
            );
            if sent {
                assert_eq!(status.signal(), Some(signal), "{status:?}");
            }
            // The brief is whole or absent, never partial.
            if let Ok(b) = fs::read(&out) {
                assert!(
                    b == whole,
                    "signal {signal}: a partial brief of {} bytes",
                    b.len()
                );
                fs::remove_file(&out).unwrap();
            }
            if landed {
                break;
            }
        }
        assert!(landed, "signal {signal} never reached a write in progress");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error_and_the_device_stays() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    let o = export_to(full, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    let o = export_to(full, &["--force"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("/dev/full"), "{err}");
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::metadata(full).unwrap().file_type().is_char_device());
}

#[test]
fn dash_writes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let o = tlx()
        .current_dir(dir.path())
        .args(["export", "-q", "tag:sanctions", "--now", NOW, "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        export(&["export", "-q", "tag:sanctions", "--now", NOW])
    );
    assert!(entries(dir.path()).is_empty());
}

// ---- the example in the README ----

#[test]
fn the_example_brief_is_up_to_date() {
    let fresh = export(&EXAMPLE_ARGS);
    check_structure(&fresh, 7);
    let stored = fs::read_to_string("assets/example-brief.md").unwrap_or_default();
    assert!(
        stored == fresh,
        "assets/example-brief.md is out of date; regenerate it with:\n  \
         cargo run -- export -q 'from:2024-06-20 to:2024-06-24' --title 'The week of the U.S. \
         ban on Kaspersky, 20–24 June 2024' --now {NOW} -o assets/example-brief.md --force"
    );
}
