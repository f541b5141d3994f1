//! TimelineJS3: import of the real TimelineJS3 files in `tests/fixtures/timelinejs/`
//! (copied unchanged from the NUKnightLab/TimelineJS3 repository; see its README), specific
//! conversions, problems by slide, round trips, the YAML writer, and the command line.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;
use tlx::brief::{Basis, Options, Selection};
use tlx::model::{
    DateStyle, Kind, LoadOptions, Loaded, Timeline, load_embedded, load_paths, load_texts,
};
use tlx::timelinejs::yaml::{Doc, DocActor, DocEra, DocEvent, DocMedia, DocSource};
use tlx::timelinejs::{self, Imported, Place, ProblemKind};

use crate::util::{fixture, stderr, stdout, tlx};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/timelinejs");
const FILES: [&str; 4] = [
    "women_in_computing.json",
    "eras.json",
    "marktwain.json",
    "welcome.json",
];

fn shared(name: &str) -> PathBuf {
    Path::new(SHARED).join(name)
}

fn import_shared(name: &str) -> Imported {
    let json = fs::read_to_string(shared(name)).expect("shared TimelineJS file");
    timelinejs::import(&json, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn import_str(json: &str) -> Imported {
    timelinejs::import(json, "test.json").unwrap_or_else(|e| panic!("{e}"))
}

/// Loads YAML and asserts it has no errors, and only the warnings an import may give.
fn load_ok(yaml: &str) -> Loaded {
    let l = load_texts(&[("imported.yaml", yaml)], &LoadOptions::default());
    let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{yaml}");
    for w in l.warnings() {
        assert!(
            matches!(w.kind, Kind::NoSource | Kind::TagUsedOnce),
            "unexpected warning {}",
            w.headline()
        );
    }
    l
}

fn event<'a>(tl: &'a Timeline, id: &str) -> &'a tlx::model::Event {
    tl.event(id).unwrap_or_else(|| {
        let ids: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
        panic!("no event {id} in {ids:?}")
    })
}

fn source_urls(tl: &Timeline, e: &tlx::model::Event) -> Vec<String> {
    e.citations
        .iter()
        .filter_map(|c| tl.source(c.source).url.clone())
        .collect()
}

/// Plain text in the form the import writes: lines trimmed, spaces collapsed.
fn canon(s: &str) -> String {
    timelinejs::html::canonical(s)
}

/// What a round trip must keep: everything the TimelineJS form can carry.
#[derive(Debug, PartialEq, Eq)]
struct View {
    title: String,
    summary: Option<String>,
    eras: BTreeSet<(String, String, String, Option<String>)>,
    events: Vec<EventView>,
}

#[derive(Debug, PartialEq, Eq)]
struct EventView {
    id: String,
    date: String,
    end: Option<String>,
    display_date: Option<String>,
    title: String,
    summary: Option<String>,
    tags: Vec<String>,
    sources: Vec<SourceView>,
}

type SourceView = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn view(tl: &Timeline) -> View {
    View {
        title: tl.title.clone(),
        summary: tl.summary.as_deref().map(canon),
        eras: tl
            .eras
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.title.clone(),
                    e.start.as_written(),
                    e.end.map(|d| d.as_written()),
                )
            })
            .collect(),
        events: tl
            .events
            .iter()
            .map(|e| EventView {
                id: e.id.clone(),
                date: e.date.as_written(),
                end: e.end.map(|d| d.as_written()),
                display_date: e.display_date.clone(),
                title: e.title.clone(),
                summary: e.summary.as_deref().map(canon),
                tags: e.tags.iter().map(|&t| tl.tag(t).to_string()).collect(),
                sources: e
                    .citations
                    .iter()
                    .map(|c| {
                        let s = tl.source(c.source);
                        (
                            s.publisher.clone(),
                            s.title.clone(),
                            s.url.clone(),
                            s.published.map(|d| d.as_written()),
                            s.author.clone(),
                            s.archive_url.clone(),
                            c.quote.as_deref().map(canon),
                            c.locator.clone(),
                        )
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Exports every event of `tl` and imports the result, which must convert without a
/// single problem.
fn through_timelinejs(tl: &Timeline) -> (String, Loaded) {
    let json = timelinejs::export(tl, &Selection::all(tl), &Options::default());
    let back = timelinejs::import(&json, "exported.json").expect("the export imports");
    let problems: Vec<String> = back.problems.iter().map(|p| p.render("x")).collect();
    assert!(problems.is_empty(), "{problems:#?}\n{json}");
    let loaded = load_ok(&back.yaml);
    (json, loaded)
}

// ---------------------------------------------------------------------------------------
// The real files

#[test]
fn each_shared_file_imports_and_validates() {
    // (file, events, eras, title, everything converted)
    let expected = [
        ("women_in_computing.json", 10, 0, "Women in Computing", true),
        ("eras.json", 20, 3, "Eras Test", true),
        (
            "marktwain.json",
            17,
            0,
            "Samuel Langhorne Clemens (November 30, 1835 – April 21, 1910),[1] better known…",
            true,
        ),
        ("welcome.json", 17, 0, "welcome", false),
    ];
    for (file, events, eras, title, complete) in expected {
        let imp = import_shared(file);
        let l = load_ok(&imp.yaml);
        assert_eq!(l.timeline.events.len(), events, "{file}");
        assert_eq!(imp.events, events, "{file}");
        assert_eq!(l.timeline.eras.len(), eras, "{file}");
        assert_eq!(imp.eras, eras, "{file}");
        assert_eq!(l.timeline.title, title, "{file}");
        assert_eq!(imp.is_complete(), complete, "{file}: {:#?}", imp.problems);
        assert_eq!(imp.count(ProblemKind::Skipped), 0, "{file}");
        assert!(
            imp.yaml
                .starts_with(&format!("# Converted from {file} (TimelineJS3 JSON)")),
            "{}",
            imp.yaml
        );
    }
}

#[test]
fn title_slide_gives_the_title_and_summary() {
    let l = load_ok(&import_shared("women_in_computing.json").yaml);
    assert_eq!(l.timeline.title, "Women in Computing");
    assert!(
        l.timeline
            .summary
            .as_deref()
            .unwrap()
            .starts_with("In this sample timeline, we'll walk you through")
    );
    // Mark Twain's title slide has text but no headline: the title comes from its text, and
    // its media (a web page) is kept as a line of the summary.
    let imp = import_shared("marktwain.json");
    let l = load_ok(&imp.yaml);
    let summary = l.timeline.summary.as_deref().unwrap();
    assert!(
        summary.ends_with("Link: https://en.wikipedia.org/wiki/Mark_Twain"),
        "{summary}"
    );
    assert!(imp.problems.iter().any(|p| p.place == Place::Title
        && p.kind == ProblemKind::Note
        && p.message.contains("taken from its text")));
}

#[test]
fn three_digit_years_are_padded() {
    let l = load_ok(&import_shared("eras.json").yaml);
    let tl = &l.timeline;
    let e = event(tl, "death-of-muhammed");
    assert_eq!(e.date.as_written(), "0632-06-08");
    assert_eq!(e.date.display(DateStyle::Text), "8 Jun 632");
    let e = event(tl, "last-great-roman-persian-war");
    assert_eq!(
        (e.date.as_written(), e.end.unwrap().as_written()),
        ("0602".into(), "0629".into())
    );
    let era = tl.eras.iter().find(|e| e.id == "era-test-650-700").unwrap();
    assert_eq!(era.title, "Era Test 650-700");
    assert_eq!(era.start.as_written(), "0650");
    assert_eq!(era.end.unwrap().as_written(), "0700");
}

#[test]
fn months_without_a_leading_zero_and_empty_strings() {
    let l = load_ok(&import_shared("women_in_computing.json").yaml);
    let tl = &l.timeline;
    // "month": "3", "day": "14"
    assert_eq!(
        event(tl, "edith-clarke-bucking-the-trend")
            .date
            .as_written(),
        "1948-03-14"
    );
    // "month": "7", "day": "" and an end with "month": "", "day": ""
    let e = event(tl, "and-the-women-who-made-it-work");
    assert_eq!(e.date.as_written(), "1943-07");
    assert_eq!(e.end.unwrap().as_written(), "1946");
    // "month": "6", "day": "5"
    assert_eq!(
        event(tl, "the-first-computer").date.as_written(),
        "1943-06-05"
    );
    // Year only, with empty month and day.
    assert_eq!(
        event(tl, "rozsa-peter-writes-recursion").date.as_written(),
        "1951"
    );
}

#[test]
fn html_becomes_text_with_paragraphs_and_link_targets() {
    let l = load_ok(&import_shared("women_in_computing.json").yaml);
    let e = event(&l.timeline, "ada-lovelace");
    let s = e.summary.as_deref().unwrap();
    assert!(
        s.starts_with("Women have been programming since before it was a thing. Take Ada Lovelace (https://en.wikipedia.org/wiki/Ada_Lovelace): Daughter of Lord Byron"),
        "{s}"
    );
    assert!(s.contains(
        "Charles Babbage's Analytical Engine (https://en.wikipedia.org/wiki/Analytical_Engine)"
    ));
    let paras: Vec<&str> = s.split("\n\n").collect();
    assert_eq!(paras.len(), 2, "{s}");
    assert_eq!(
        paras[1],
        "This slide demonstrates a simple \"image\" media type."
    );
    assert!(!s.contains('<'), "{s}");
    // An image is not a source: it is the event's media, with its caption and credit.
    assert!(e.citations.is_empty());
    assert_eq!(e.media.len(), 1);
    let m = &e.media[0];
    assert_eq!(
        m.url,
        "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg"
    );
    assert_eq!(
        m.caption.as_deref(),
        Some(
            "Portrait by Alfred Edward Chalon (https://en.wikipedia.org/wiki/Ada_Lovelace#/media/File:Ada_Lovelace_portrait.jpg)"
        )
    );
    assert_eq!(m.credit.as_deref(), Some("Wikimedia Commons"));
    // A quote given as media HTML is a quotation, with its attribution (its <cite>).
    let e = event(&l.timeline, "edith-clarke-bucking-the-trend");
    assert_eq!(
        e.summary.as_deref().unwrap(),
        "“There is no demand for women engineers, as such, as there are for women doctors; but there's always a demand for anyone who can do a good piece of work.”\n— Edith Clarke, first female professor of electrical engineering in the United States"
    );
    // Entities are decoded: welcome.json writes "&lt;blockquote&gt;&ldquo;…".
    let l = load_ok(&import_shared("welcome.json").yaml);
    let s = event(&l.timeline, "blockquote").summary.clone().unwrap();
    assert!(
        s.starts_with("This is an example of a blockquote.\n<blockquote>“Just use html blockquotes in the media field.”</blockquote>"),
        "{s}"
    );
}

#[test]
fn web_page_media_become_sources() {
    let l = load_ok(&import_shared("women_in_computing.json").yaml);
    let tl = &l.timeline;
    let e = event(tl, "grace-hopper-invents-the-compiler");
    assert_eq!(e.citations.len(), 1);
    let s = tl.source(e.citations[0].source);
    assert_eq!(s.publisher, "The White House");
    assert_eq!(
        s.title.as_deref(),
        Some("US Chief Technology Officer Megan Smith talks about Grace Hopper.")
    );
    assert_eq!(
        s.url.as_deref(),
        Some("https://soundcloud.com/obamawhitehouse/grace-hopper-as-told-by-u-s")
    );
    // Without a credit, the publisher is the host.
    let l = load_ok(&import_shared("eras.json").yaml);
    let e = event(&l.timeline, "battle-of-nineveh");
    let s = l.timeline.source(e.citations[0].source);
    assert_eq!(s.publisher, "en.wikipedia.org");
    assert_eq!(s.title, None);
}

#[test]
fn the_wrapped_form_is_read() {
    let imp = import_shared("welcome.json");
    assert!(imp.yaml.contains("older {\"timeline\": {…}} wrapper"));
    let l = load_ok(&imp.yaml);
    let tl = &l.timeline;
    let e = event(tl, "welcome-to-timelinejs");
    assert_eq!(e.date.as_written(), "1888");
    assert!(
        e.summary
            .as_deref()
            .unwrap()
            .starts_with("TimelineJS is an open-source tool")
    );
    // "month": "2", "day": "7", "year": "1950"
    assert_eq!(event(tl, "blockquote").date.as_written(), "1950-02-07");
    // The same headline twice gets distinct ids.
    assert_eq!(event(tl, "get-started").date.as_written(), "2013-10-01");
    // Problems name the slide: a link to '#make' and a relative media URL.
    let lines: Vec<String> = imp
        .problems
        .iter()
        .map(|p| p.render("welcome.json"))
        .collect();
    // A picture beside the page, by a path relative to it, is kept as the event's media.
    assert!(!lines.iter().any(|l| l.contains("step3.png")), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("welcome.json: slide 17 ('Get started!'): not converted: text: the target of the link 'generator form' ('#make'")),
        "{lines:#?}"
    );
    let easy = event(tl, "its-easy-to-make-your-own-timeline");
    assert_eq!(easy.media.len(), 1);
    assert_eq!(easy.media[0].url, "/static/welcome/step3.png");
    assert_eq!(
        easy.media[0].caption.as_deref(),
        Some("Screenshot from TimelineJS Embed Generator tool (see below)")
    );
    assert_eq!(easy.media[0].credit, None, "an empty credit is none");
}

#[test]
fn times_of_day_are_kept() {
    let imp = import_shared("marktwain.json");
    assert!(
        !imp.problems
            .iter()
            .any(|p| p.message.contains("time of day")),
        "{:#?}",
        imp.problems
    );
    let l = load_ok(&imp.yaml);
    let timed: Vec<String> = l
        .timeline
        .events
        .iter()
        .flat_map(|e| [Some(e.date), e.end])
        .flatten()
        .filter(|d| d.clock().is_some())
        .map(|d| d.as_written())
        .collect();
    // 15 slides with a start time, one of them with an end time too; no millisecond
    // (written as an empty string).
    assert_eq!(timed.len(), 16, "{timed:?}");
    assert!(timed.iter().all(|d| d.ends_with("T06:45:56")), "{timed:?}");
    let hannibal = event(&l.timeline, "hannibal-missouri");
    assert_eq!(
        hannibal.when(DateStyle::Text, None),
        "5 Jan 1920 06:45:56 – 5 Jan 1923 06:45:56"
    );
    // Display-only fields are one note each, with the slides.
    assert!(
        imp.problems.iter().any(|p| p.kind == ProblemKind::Note
            && p.message == "display-only field 'location' not converted (slides 2-4, 7-15)"),
        "{:#?}",
        imp.problems
    );
    // Slides without a headline are titled from their text, or their media's caption.
    let l = load_ok(&imp.yaml);
    assert_eq!(event(&l.timeline, "a-tweet").title, "a tweet");
}

// ---------------------------------------------------------------------------------------
// Specific conversions on small documents

#[test]
fn groups_become_tags_and_unique_ids_become_ids() {
    let json = r#"{
      "title": {"text": {"headline": "Groups & <i>ids</i>", "text": "<p>One.</p><p>Two.</p>"}},
      "events": [
        {"start_date": {"year": 2001}, "text": {"headline": "Kept id"}, "unique_id": "my-own-id", "group": "World War II"},
        {"start_date": {"year": "2002"}, "text": {"headline": "Same Title"}, "group": "World War II"},
        {"start_date": {"year": "2003"}, "text": {"headline": "Same Title"}, "group": "Politik & Wirtschaft"},
        {"start_date": {"year": "2004"}, "text": {"headline": "Bad id"}, "unique_id": "Bad ID!"},
        {"start_date": {"year": "2005"}, "text": {"headline": "my-own-id"}},
        {"start_date": {"year": "2006"}, "text": {"headline": "Größe"}, "group": "日本"}
      ]
    }"#;
    let imp = import_str(json);
    let l = load_ok(&imp.yaml);
    let tl = &l.timeline;
    assert_eq!(tl.title, "Groups & ids");
    assert_eq!(tl.summary.as_deref(), Some("One.\n\nTwo."));
    let ids: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "my-own-id",
            "same-title",
            "same-title-2",
            "bad-id",
            "my-own-id-2",
            "grosse"
        ]
    );
    let tags = |id: &str| -> Vec<String> {
        event(tl, id)
            .tags
            .iter()
            .map(|&t| tl.tag(t).to_string())
            .collect()
    };
    assert_eq!(tags("my-own-id"), ["world-war-ii"]);
    assert_eq!(tags("same-title"), ["world-war-ii"]);
    assert_eq!(tags("same-title-2"), ["politik-wirtschaft"]);
    // A group in another script is transliterated, not lost.
    assert_eq!(tags("grosse"), ["riben"]);
    let lines: Vec<String> = imp.problems.iter().map(|p| p.render("t.json")).collect();
    assert!(!lines.iter().any(|l| l.contains("group")), "{lines:#?}");
    let ru = import_str(
        r#"{"events":[{"start_date":{"year":"1922"},"text":{"headline":"Образование СССР"},"group":"СССР"}]}"#,
    );
    let ru = load_ok(&ru.yaml);
    let e = &ru.timeline.events[0];
    assert_eq!(e.id, "obrazovanie-sssr");
    assert_eq!(ru.timeline.tag(e.tags[0]), "sssr");
    assert!(
        lines.contains(
            &"t.json: slide 4 ('Bad id'): note: unique_id 'Bad ID!' is not a valid tlx id: the id is 'bad-id'"
                .to_string()
        ),
        "{lines:#?}"
    );
}

#[test]
fn negative_years_display_dates_and_qualifiers() {
    let json = r#"{"events": [
      {"start_date": {"year": "-44", "month": "3", "day": "15"}, "text": {"headline": "Ides of March"}},
      {"start_date": {"year": -1}, "text": {"headline": "One BCE"}},
      {"start_date": {"year": 0}, "text": {"headline": "Year zero"}},
      {"start_date": {"year": "1901", "display_date": "Spring 1901"}, "text": {"headline": "Labelled"}},
      {"start_date": {"year": "2024", "month": "6", "display_date": "c. Jun 2024"}, "text": {"headline": "About June"}},
      {"start_date": {"year": "2024", "month": "6", "day": "20", "display_date": "20 Jun 2024?"},
       "end_date": {"year": "2024", "month": "7"},
       "display_date": "<b>Thursday</b>, June 20", "text": {"headline": "Slide label"}}
    ]}"#;
    let imp = import_str(json);
    let l = load_ok(&imp.yaml);
    let tl = &l.timeline;
    let e = event(tl, "ides-of-march");
    assert_eq!(e.date.as_written(), "-0043-03-15");
    assert_eq!(e.date.display(DateStyle::Text), "15 Mar 44 BC");
    assert_eq!(event(tl, "one-bce").date.as_written(), "0000");
    assert_eq!(event(tl, "year-zero").date.as_written(), "0000");
    assert!(imp.problems.iter().any(|p| p.kind == ProblemKind::Note
        && p.message.contains("year 0")
        && matches!(&p.place, Place::Slide { number: 3, .. })));
    assert_eq!(
        event(tl, "labelled").display_date.as_deref(),
        Some("Spring 1901")
    );
    let e = event(tl, "about-june");
    assert_eq!(e.date.as_written(), "2024-06~");
    assert_eq!(e.display_date, None);
    let e = event(tl, "slide-label");
    assert_eq!(e.date.as_written(), "2024-06-20?");
    assert_eq!(e.end.unwrap().as_written(), "2024-07");
    assert_eq!(e.display_date.as_deref(), Some("Thursday, June 20"));
    assert!(imp.is_complete(), "{:#?}", imp.problems);
}

#[test]
fn problems_are_reported_with_the_slide_number() {
    let json = r#"{
      "title": {"text": {"headline": "Hostile"}},
      "eras": [
        {"text": {"headline": "No start"}, "end_date": {"year": "2000"}},
        {"start_date": {"year": "2000"}, "end_date": {"year": "1990"}, "text": {"headline": "Backwards", "text": "Era prose"}}
      ],
      "events": [
        {"text": {"headline": "No start"}},
        {"start_date": {"year": "2020", "month": "13"}, "text": {"headline": "Month thirteen"}},
        {"start_date": {"year": "2020"}, "text": {"headline": "Evil media"},
         "media": {"url": "javascript:alert(1)", "caption": "click me"}},
        {"start_date": {"year": "2021"}, "text": {"headline": "First"}, "unique_id": "dup"},
        {"start_date": {"year": "2022"}, "text": {"headline": "Second"}, "unique_id": "dup"},
        {"start_date": {"year": "1990", "month": "4", "day": "31"}, "text": {"headline": "April 31"}},
        {"start_date": {"year": "2000"}, "end_date": {"year": "1999"}, "text": {"headline": "Ends early"}},
        {"start_date": {"year": "20x0"}, "text": {"headline": "Not a number"}},
        "not a slide",
        {"start_date": {"year": "2023"}, "text": {"headline": "Script", "text": "ok<script>alert(1)</script>"},
         "surprise": {"x": 1}}
      ]
    }"#;
    let imp = import_str(json);
    let lines: Vec<String> = imp.problems.iter().map(|p| p.render("bad.json")).collect();
    let expected = [
        "bad.json: era 1 ('No start'): skipped: no start_date",
        "bad.json: era 2 ('Backwards'): not converted: end_date 1990 is before start_date 2000: the end date is not kept",
        "bad.json: era 2 ('Backwards'): not converted: the era's text 'Era prose' is not kept (an era has a title only)",
        "bad.json: slide 1 ('No start'): skipped: no start_date",
        "bad.json: slide 2 ('Month thirteen'): skipped: start_date: month 13 does not exist (months run from 1 to 12)",
        "bad.json: slide 3 ('Evil media'): not converted: media URL 'javascript:alert(1)' is not an http(s) URL: the media (caption or credit 'click me') is not kept",
        "bad.json: slide 6 ('April 31'): skipped: start_date: day 31 does not exist in April 1990 (it has 30 days)",
        "bad.json: slide 7 ('Ends early'): not converted: end_date 1999 is before start_date 2000: the end date is not kept",
        "bad.json: slide 8 ('Not a number'): skipped: start_date: year '20x0' is not a whole number",
        "bad.json: slide 9: skipped: the slide is a string, not an object",
        "bad.json: slide 10 ('Script'): not converted: text: the content of a <script> element (not text)",
        "bad.json: slide 5 ('Second'): not converted: unique_id 'dup' is already the id of slide 4: this slide's id is 'dup-2'",
        "bad.json: not converted: unknown field 'surprise' (slide 10)",
    ];
    assert_eq!(lines, expected);
    assert!(!imp.is_complete());
    assert_eq!(imp.count(ProblemKind::Skipped), 6);
    // The rest is written, and loads.
    let l = load_ok(&imp.yaml);
    let ids: Vec<&str> = l.timeline.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ends-early", "evil-media", "dup", "dup-2", "script"]);
    assert_eq!(l.timeline.eras.len(), 1);
    assert!(!imp.yaml.contains("javascript:"));
    assert!(!imp.yaml.contains("alert"));
}

#[test]
fn what_is_not_a_timeline_is_an_error() {
    use tlx::timelinejs::ImportError;
    let e = timelinejs::import("{\n  \"events\": [\n    {,}\n  ]\n}", "x.json").unwrap_err();
    match &e {
        ImportError::Json { line, column, .. } => assert_eq!((*line, *column), (3, 6)),
        other => panic!("{other:?}"),
    }
    assert!(e.to_string().starts_with("3:6: not valid JSON: "), "{e}");
    assert!(matches!(
        timelinejs::import("[1, 2]", "x.json"),
        Err(ImportError::NotTimeline(_))
    ));
    assert!(matches!(
        timelinejs::import("{\"slidez\": []}", "x.json"),
        Err(ImportError::NotTimeline(_))
    ));
    // An empty list of events is a valid (empty) timeline.
    let imp = import_str("{\"events\": []}");
    assert!(load_ok(&imp.yaml).timeline.events.is_empty());
}

// ---------------------------------------------------------------------------------------
// Round trips

#[test]
fn import_export_import_gives_the_same_timeline() {
    for file in FILES {
        let first = load_ok(&import_shared(file).yaml);
        let (_, second) = through_timelinejs(&first.timeline);
        assert_eq!(
            view(&first.timeline),
            view(&second.timeline),
            "{file} changed in the round trip"
        );
    }
}

#[test]
fn the_curated_timeline_survives_export_and_import() {
    let curated = load_embedded(&LoadOptions::default());
    assert!(!curated.has_errors());
    let tl = &curated.timeline;
    let (json, back) = through_timelinejs(tl);
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["events"].as_array().unwrap().len(), tl.events.len());
    let bt = &back.timeline;
    assert_eq!(bt.title, tl.title);
    assert_eq!(bt.events.len(), tl.events.len());
    for e in &tl.events {
        let b = event(bt, &e.id);
        assert_eq!(b.date.as_written(), e.date.as_written(), "{}", e.id);
        assert_eq!(
            b.end.map(|d| d.as_written()),
            e.end.map(|d| d.as_written()),
            "{}",
            e.id
        );
        assert_eq!(b.title, e.title, "{}", e.id);
        assert_eq!(source_urls(bt, b), source_urls(tl, e), "{}", e.id);
        let tags = |t: &Timeline, e: &tlx::model::Event| -> Vec<String> {
            e.tags.iter().map(|&x| t.tag(x).to_string()).collect()
        };
        assert_eq!(tags(bt, b), tags(tl, e), "{}", e.id);
        assert_eq!(
            b.summary.as_deref().map(canon),
            e.summary.as_deref().map(canon),
            "{}",
            e.id
        );
    }
    // Qualified dates come back as written: the curated timeline has uncertain days.
    assert!(tl.events.iter().any(|e| e.date.is_qualified()));
    let eras: Vec<_> = bt.eras.iter().map(|e| (&e.id, e.start, e.end)).collect();
    let orig: Vec<_> = tl.eras.iter().map(|e| (&e.id, e.start, e.end)).collect();
    assert_eq!(eras, orig);
}

#[test]
fn fixtures_survive_export_and_import() {
    // sample.yaml: a running era, an approximate month, CJK, several tags, quotes and
    // locators. hostile.yaml: markup, control characters and bidi overrides in every field.
    for name in ["sample.yaml", "hostile.yaml"] {
        let l = load_paths(&[fixture(name)], &LoadOptions::default());
        assert!(!l.has_errors(), "{name}");
        let (_, back) = through_timelinejs(&l.timeline);
        assert_eq!(view(&l.timeline), view(&back.timeline), "{name}");
    }
}

#[test]
fn export_is_valid_timelinejs() {
    let l = load_paths(&[fixture("sample.yaml")], &LoadOptions::default());
    let tl = &l.timeline;
    let json = timelinejs::export(tl, &Selection::all(tl), &Options::default());
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["title"]["text"]["headline"], "Sample timeline");
    assert_eq!(
        doc["title"]["text"]["text"],
        "<p>A handful of events for testing queries and output.</p>"
    );
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), tl.events.len());
    let zurich = events
        .iter()
        .find(|e| e["unique_id"] == "zurich-summit")
        .unwrap();
    assert_eq!(
        zurich["start_date"],
        serde_json::json!({"year": "2023", "month": "6", "display_date": "c. Jun 2023"})
    );
    assert_eq!(zurich["group"], "summit");
    let text = zurich["text"]["text"].as_str().unwrap();
    assert!(text.starts_with("<p>Delegates meet in Zürich; the exact day is not recorded.</p><p class=\"tlx-tags\">Tags: summit, europe</p>"), "{text}");
    assert!(text.contains("<a class=\"tlx-url\" href=\"https://example.org/zurich\">"));
    let ban = events.iter().find(|e| e["unique_id"] == "ban").unwrap();
    let text = ban["text"]["text"].as_str().unwrap();
    assert!(text.contains("<cite class=\"tlx-title\"><a href=\"https://example.org/bis\">Commerce Department Prohibits Russian Kaspersky Software</a></cite> — <span class=\"tlx-publisher\">Bureau of Industry and Security</span>"), "{text}");
    assert!(ban.get("end_date").is_none());
    assert!(ban.get("media").is_none(), "example.org is not embedded");
    // Eras: both, the running one with an end TimelineJS needs, marked ongoing.
    let eras = doc["eras"].as_array().unwrap();
    assert_eq!(eras.len(), 2);
    let modern = eras.iter().find(|e| e["unique_id"] == "modern").unwrap();
    assert_eq!(modern["end_date"]["display_date"], "ongoing");
    assert_eq!(modern["end_date"]["year"], "2024");
    // A selection exports only its events, and the eras they fall in.
    let sel = Selection {
        events: vec![0],
        basis: Basis::Ids(vec!["treaty-berlin".into()]),
    };
    let doc: Value =
        serde_json::from_str(&timelinejs::export(tl, &sel, &Options::default())).unwrap();
    assert_eq!(doc["events"].as_array().unwrap().len(), 1);
    assert_eq!(doc["eras"].as_array().unwrap().len(), 1);
    assert_eq!(doc["eras"][0]["unique_id"], "old-europe");
    // BCE years use the labels TimelineJS shows: -0043 is 44 BCE.
    let yaml = "title: t\nevents:\n  - id: ides\n    date: -0043-03-15\n    title: Ides\n";
    let l = load_texts(&[("t.yaml", yaml)], &LoadOptions::default());
    let tl = &l.timeline;
    let doc: Value = serde_json::from_str(&timelinejs::export(
        tl,
        &Selection::all(tl),
        &Options::default(),
    ))
    .unwrap();
    assert_eq!(
        doc["events"][0]["start_date"],
        serde_json::json!({"year": "-44", "month": "3", "day": "15"})
    );
}

#[test]
fn embeddable_sources_are_also_the_slide_media() {
    let first = load_ok(&import_shared("women_in_computing.json").yaml);
    let tl = &first.timeline;
    let json = timelinejs::export(tl, &Selection::all(tl), &Options::default());
    let doc: Value = serde_json::from_str(&json).unwrap();
    let hopper = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["unique_id"] == "grace-hopper-invents-the-compiler")
        .unwrap();
    assert_eq!(
        hopper["media"],
        serde_json::json!({
            "url": "https://soundcloud.com/obamawhitehouse/grace-hopper-as-told-by-u-s",
            "caption": "US Chief Technology Officer Megan Smith talks about Grace Hopper.",
            "credit": "The White House"
        })
    );
}

#[test]
fn export_snapshot_of_the_sample() {
    let l = load_paths(&[fixture("sample.yaml")], &LoadOptions::default());
    let tl = &l.timeline;
    insta::assert_snapshot!(timelinejs::export(
        tl,
        &Selection::all(tl),
        &Options::default()
    ));
}

#[test]
fn import_snapshot_of_women_in_computing() {
    let imp = import_shared("women_in_computing.json");
    let yaml = imp
        .yaml
        .replace(concat!("tlx ", env!("CARGO_PKG_VERSION")), "tlx VERSION");
    insta::assert_snapshot!(yaml);
}

// ---------------------------------------------------------------------------------------
// The YAML writer

const HOSTILE: &[&str] = &[
    "plain",
    "\"double\" and 'single' quotes",
    "key: value",
    "colon at end:",
    "# not a comment",
    "a # inside",
    "- leading dash",
    "-",
    "---",
    "...",
    "? question",
    "[flow, list]",
    "{flow: map}",
    "&anchor *alias !tag %directive @at `tick`",
    "| pipe",
    "> greater",
    "null",
    "~",
    "true",
    "no",
    "123",
    "0x1F",
    "1e3",
    "2024-06-20",
    "  leading spaces",
    "trailing spaces  ",
    "tab\there",
    "back\\slash \\n not a newline",
    "Zürich 東京 مرحبا 🙂",
    "escape \u{1b}[31m bell \u{7} nul \u{0} del \u{7f}",
    "bidi \u{202e}override\u{202c} and \u{2066}isolate\u{2069}",
    "bom \u{feff} nel \u{85} ls \u{2028} ps \u{2029}",
    "nbsp\u{a0}here",
];

const HOSTILE_MULTILINE: &[&str] = &[
    "line one\nline two",
    "para one\n\npara two\n\n\n\nafter three blanks",
    "- list-like\n# heading-like\n---\n...",
    "  indented first line\nsecond",
    "first\n  indented second",
    "trailing \nspace",
    "tab\tline\nx",
    "ends with newline\n",
    "\nstarts with newline",
    "crlf\r\nline",
    "unicode ✓\nZürich 東京",
    "escape \u{1b} in\na block",
];

fn hostile_doc() -> Doc {
    let mut events = Vec::new();
    for (i, s) in HOSTILE.iter().enumerate() {
        events.push(DocEvent {
            id: format!("e{i}"),
            date: "2024-06-20".into(),
            end: None,
            display_date: Some((*s).into()),
            title: format!("T {s}"),
            summary: Some((*s).into()),
            tags: vec!["null".into(), "123".into(), "yes".into(), format!("t-{i}")],
            actors: vec![format!("a-{i}"), "no".into()],
            sources: vec![DocSource {
                publisher: format!("P {s}"),
                title: Some((*s).into()),
                url: Some(format!("https://example.org/{i}?q=a:b#c")),
                published: Some("2024-06".into()),
                author: Some((*s).into()),
                archive_url: None,
                quote: Some((*s).into()),
                locator: Some((*s).into()),
            }],
            media: vec![DocMedia {
                url: format!("./media/{i}.jpg"),
                caption: Some((*s).into()),
                credit: Some((*s).into()),
                thumbnail: Some(format!("https://example.org/t/{i}.jpg?a=b#c")),
                alt: Some((*s).into()),
            }],
        });
    }
    for (i, s) in HOSTILE_MULTILINE.iter().enumerate() {
        events.push(DocEvent {
            id: format!("m{i}"),
            date: "-0043-03-15~".into(),
            end: Some("0632".into()),
            title: format!("M {i}"),
            summary: Some((*s).into()),
            sources: vec![DocSource {
                publisher: "P".into(),
                quote: Some((*s).into()),
                ..DocSource::default()
            }],
            ..DocEvent::default()
        });
    }
    Doc {
        header: vec!["Header: with # and\nnewline".into(), String::new()],
        title: "Title: \"quoted\" # hash".into(),
        summary: Some("Summary\n\n- with a dash".into()),
        eras: vec![DocEra {
            id: "1e3".into(),
            title: "- era: x".into(),
            start: "0650".into(),
            end: None,
        }],
        actors: HOSTILE
            .iter()
            .enumerate()
            .map(|(i, s)| DocActor {
                id: format!("a-{i}"),
                name: format!("A {s}"),
            })
            .chain([DocActor {
                id: "no".into(),
                name: "No: # hash".into(),
            }])
            .collect(),
        tag_titles: HOSTILE
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("t-{i}"), format!("T {s}")))
            .chain([("null".into(), "Null: # \"hash\"".into())])
            .collect(),
        events,
    }
}

#[test]
fn emitted_yaml_loads_back_to_the_same_data() {
    let doc = hostile_doc();
    let yaml = doc.to_yaml();
    let l = load_texts(&[("hostile.yaml", &yaml)], &LoadOptions::default());
    let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
    assert!(errors.is_empty(), "{errors:#?}\n{yaml}");
    let tl = &l.timeline;
    assert_eq!(tl.title, doc.title);
    assert_eq!(tl.summary, doc.summary);
    assert_eq!(tl.eras[0].id, "1e3");
    assert_eq!(tl.eras[0].title, "- era: x");
    for (tag, title) in &doc.tag_titles {
        assert_eq!(tl.tag_titles.get(tag), Some(title), "{tag}");
    }
    for d in &doc.events {
        let e = event(tl, &d.id);
        assert_eq!(e.title, d.title);
        assert_eq!(e.display_date, d.display_date);
        assert_eq!(e.date.as_written(), d.date);
        assert_eq!(e.end.map(|x| x.as_written()), d.end);
        // tlx trims the end of a summary or quote, and reads CRLF as a line break.
        let trimmed = |s: &Option<String>| s.as_deref().map(|s| s.trim_end().to_string());
        assert_eq!(e.summary, trimmed(&d.summary), "{}", d.id);
        let tags: Vec<&str> = e.tags.iter().map(|&t| tl.tag(t)).collect();
        let mut want: Vec<&str> = d.tags.iter().map(String::as_str).collect();
        want.sort();
        let mut got = tags.clone();
        got.sort();
        assert_eq!(got, want);
        let actors: Vec<(&str, &str)> = e
            .actors
            .iter()
            .map(|a| {
                (
                    tl.actors[a.actor as usize].id.as_str(),
                    tl.actor(a.actor).name.as_str(),
                )
            })
            .collect();
        let want: Vec<(&str, &str)> = d
            .actors
            .iter()
            .map(|id| {
                let a = doc.actors.iter().find(|a| a.id == *id).unwrap();
                (a.id.as_str(), a.name.as_str())
            })
            .collect();
        assert_eq!(actors, want, "{}", d.id);
        let media: Vec<DocMedia> = e
            .media
            .iter()
            .map(|m| DocMedia {
                url: m.url.clone(),
                caption: m.caption.clone(),
                credit: m.credit.clone(),
                thumbnail: m.thumbnail.clone(),
                alt: m.alt.clone(),
            })
            .collect();
        assert_eq!(media, d.media, "{}", d.id);
        let s = tl.source(e.citations[0].source);
        let ds = &d.sources[0];
        assert_eq!(s.publisher, ds.publisher);
        assert_eq!(s.title, ds.title);
        assert_eq!(s.url, ds.url);
        assert_eq!(s.author, ds.author);
        assert_eq!(e.citations[0].quote, trimmed(&ds.quote), "{}", d.id);
        assert_eq!(e.citations[0].locator, ds.locator);
    }
    // Readable: block style, ids plain, multi-line text as a literal block.
    assert!(yaml.starts_with("# Header: with # and\u{fffd}newline\n#\n\nversion: 1\n"));
    assert!(yaml.contains("\n  - id: e0\n    date: \"2024-06-20\"\n"));
    assert!(yaml.contains("    tags: [\"null\", \"123\", \"yes\", t-0]\n"));
    assert!(yaml.contains("    summary: |-\n      line one\n      line two\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_text_survives_the_yaml_writer(
        title in "[^\r\n]{0,40}",
        summary in any::<String>(),
        words in proptest::collection::vec("[a-zA-Z0-9.,:#'\"-]{1,12}", 1..40),
    ) {
        prop_assume!(!title.trim().is_empty());
        let folded = words.join(" ");
        let doc = Doc {
            title: title.clone(),
            events: vec![
                DocEvent {
                    id: "a".into(),
                    date: "2024".into(),
                    title: title.clone(),
                    summary: Some(summary.clone()),
                    ..DocEvent::default()
                },
                DocEvent {
                    id: "b".into(),
                    date: "2024".into(),
                    title: "b".into(),
                    summary: Some(folded.clone()),
                    ..DocEvent::default()
                },
            ],
            ..Doc::default()
        };
        let yaml = doc.to_yaml();
        let l = load_texts(&[("p.yaml", &yaml)], &LoadOptions::default());
        let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, yaml);
        let tl = &l.timeline;
        prop_assert_eq!(&tl.title, &title);
        let a = tl.event("a").unwrap();
        let want = summary.trim_end().replace("\r\n", "\n");
        let want = (!want.is_empty()).then_some(want);
        prop_assert_eq!(a.summary.clone(), want);
        prop_assert_eq!(tl.event("b").unwrap().summary.clone(), Some(folded));
    }
}

// ---------------------------------------------------------------------------------------
// The command line

fn shared_arg(name: &str) -> String {
    shared(name).display().to_string()
}

#[test]
fn cli_import_writes_yaml_to_stdout() {
    let o = tlx()
        .args(["import", "timelinejs", &shared_arg("eras.json")])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = stdout(&o);
    let l = load_ok(&yaml);
    assert_eq!(l.timeline.events.len(), 20);
    let err = stderr(&o);
    assert!(
        err.ends_with(&format!(
            "tlx: converted 20 events and 3 eras from {} to standard output\n",
            shared_arg("eras.json")
        )),
        "{err}"
    );
    assert!(err.contains("note: display-only field 'background' not converted"));
    // `-o -` is standard output too.
    let o = tlx()
        .args(["import", "timelinejs", &shared_arg("eras.json"), "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(stdout(&o), yaml);
}

#[test]
fn cli_import_exits_1_when_something_is_not_converted() {
    let o = tlx()
        .args(["import", "timelinejs", &shared_arg("welcome.json")])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains(&format!(
        "{}: slide 3 ('Illustrate your Timeline with photos, videos, twe…'): not converted: media has a caption or credit",
        shared_arg("welcome.json")
    )), "{err}");
    assert!(
        err.contains("; 3 items not converted (listed above)"),
        "{err}"
    );
    // The rest is still written.
    assert_eq!(load_ok(&stdout(&o)).timeline.events.len(), 17);
}

#[test]
fn cli_import_to_a_file_never_clobbers_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("women.yaml");
    let out_s = out.display().to_string();
    let src = shared_arg("women_in_computing.json");
    let o = tlx()
        .args(["import", "timelinejs", &src, "-o", &out_s])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("title: \"Women in Computing\""));
    // The file validates with the CLI too.
    let v = tlx().args(["validate", &out_s]).output().unwrap();
    assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));

    fs::write(&out, "precious").unwrap();
    let o = tlx()
        .args(["import", "timelinejs", &src, "-o", &out_s])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("tlx: {out_s} already exists")),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read_to_string(&out).unwrap(), "precious");

    let o = tlx()
        .args(["import", "timelinejs", &src, "-o", &out_s, "--force"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&out).unwrap(), written);
}

#[test]
fn cli_import_bad_input_names_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\n  \"events\": [\n    {\"start_date\": }\n  ]\n}\n").unwrap();
    let bad_s = bad.display().to_string();
    let o = tlx()
        .args(["import", "timelinejs", &bad_s])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        format!("tlx: {bad_s}:3:20: not valid JSON: expected value\n")
    );

    let not_tl = dir.path().join("other.json");
    fs::write(&not_tl, "{\"rows\": []}").unwrap();
    let o = tlx()
        .args(["import", "timelinejs", &not_tl.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a TimelineJS document: no `events` list"));

    let binary = dir.path().join("binary.json");
    fs::write(&binary, b"{\"events\": [\xff]}").unwrap();
    let o = tlx()
        .args(["import", "timelinejs", &binary.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not UTF-8"), "{}", stderr(&o));

    let missing = dir.path().join("missing.json");
    let o = tlx()
        .args(["import", "timelinejs", &missing.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("tlx: cannot read {}: ", missing.display())),
        "{}",
        stderr(&o)
    );
}

#[test]
fn cli_export_timelinejs() {
    let sample = fixture("sample.yaml").display().to_string();
    let o = tlx()
        .args(["export", "--format", "timelinejs", &sample])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "treaty-berlin",
            "zurich-summit",
            "tokyo-accord",
            "ban",
            "statement",
            "cutoff"
        ]
    );
    // --ids and -q select, as for the other formats; --title names the title slide.
    let o = tlx()
        .args([
            "export",
            "--format",
            "timelinejs",
            &sample,
            "--ids",
            "cutoff,ban",
            "--title",
            "Two events",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["title"]["text"]["headline"], "Two events");
    let ids: Vec<&str> = doc["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["ban", "cutoff"]);
    let o = tlx()
        .args([
            "export",
            "--format",
            "timelinejs",
            &sample,
            "-q",
            "tag:treaty",
        ])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(doc["events"].as_array().unwrap().len(), 2);
    // The curated timeline, to a file, and back through the importer.
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("curated.json");
    let o = tlx()
        .args([
            "export",
            "--format",
            "timelinejs",
            "-o",
            &json.display().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = tlx()
        .args(["import", "timelinejs", &json.display().to_string()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = load_ok(&stdout(&o));
    let curated = load_embedded(&LoadOptions::default());
    assert_eq!(back.timeline.events.len(), curated.timeline.events.len());
}
