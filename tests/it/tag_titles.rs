//! Tags with titles (`tags: {kings-of-england: Kings of England}`): the words readers see
//! for a tag in the explorer, the brief, JSON and a TimelineJS group, while events and
//! queries still name the tag itself.

use serde_json::Value;
use tlx::model::{LoadOptions, Loaded, load_texts};

use crate::tui::{app_with, draw, press, screen_text};
use crate::util::{fixture, load, stderr, stdout, tlx};

fn from(yaml: &str) -> Loaded {
    load_texts(&[("t.yaml", yaml)], &LoadOptions::default())
}

fn rendered(l: &Loaded) -> Vec<String> {
    l.diagnostics.iter().map(|d| d.render(false)).collect()
}

#[test]
fn a_tag_title_is_what_readers_see() {
    let l = load(&["tags/titled.yaml"]);
    assert!(!l.has_errors(), "{:?}", rendered(&l));
    let tl = &l.timeline;
    assert_eq!(tl.tags, ["kings-of-england", "uk", "wars"]);
    assert_eq!(tl.tag_titles["uk"], "United Kingdom");
    let uk = tl.index.tag_by_name["uk"];
    assert_eq!(tl.tag_label(uk), "United Kingdom");
    // A titled tag used once is meant: no "a typo?" warning.
    assert!(
        l.diagnostics
            .iter()
            .all(|d| !d.message.contains("used only once")),
        "{:?}",
        rendered(&l)
    );

    // JSON gives the tags and, beside them, their titles.
    let o = tlx()
        .args(["show", "magna-carta", "--format", "json"])
        .arg(fixture("tags/titled.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let e = if v["events"].is_array() {
        &v["events"][0]
    } else {
        &v
    };
    assert_eq!(e["tags"], serde_json::json!(["kings-of-england", "uk"]));
    assert_eq!(e["tag_titles"]["uk"], "United Kingdom");
    assert_eq!(e["tag_titles"]["kings-of-england"], "Kings of England");

    // The brief names tags by their titles; the query still names the tag.
    let o = tlx()
        .args(["export", "-q", "tag:wars", "--now", "2024-10-01T12:00:00Z"])
        .arg(fixture("tags/titled.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(
        md.contains("**Tags:** Wars & \\<treaties\\>, Kings of England"),
        "{md}"
    );
    assert!(!md.contains("**Tags:** wars"), "{md}");

    // The explorer's detail pane shows each tag with its title.
    let mut app = app_with(l.timeline.clone());
    press(&mut app, "enter");
    let screen = screen_text(&draw(&mut app, 100, 30));
    assert!(
        screen.contains("kings-of-england (Kings of England) uk (United Kingdom)"),
        "{screen}"
    );
}

#[test]
fn tag_titles_are_checked_at_their_place() {
    let yaml = "version: 1\ntitle: T\ntags:\n  Bad Tag: A title\n  empty: \"\"\n  listed: [a, b]\n  unused: Nobody carries it\n  used: Used\nevents:\n  - id: a\n    date: 2024\n    title: A\n    tags: [used, empty, listed]\n";
    let l = from(yaml);
    let all = rendered(&l);
    let has = |s: &str| all.iter().any(|d| d.contains(s));
    assert!(
        has("t.yaml:4:3: error: tag 'Bad Tag' is not valid"),
        "{all:#?}"
    );
    assert!(
        has("t.yaml:5:10: error: tag 'empty' has an empty title"),
        "{all:#?}"
    );
    assert!(has("t.yaml:6:11: error: "), "{all:#?}");
    assert!(
        has("t.yaml:7:3: warning: tag 'unused' has a title but no event carries it"),
        "{all:#?}"
    );

    // The same tag titled in two files is a duplicate, with the first place named.
    let one = "version: 1\ntags:\n  uk: United Kingdom\nevents:\n  - {id: a, date: 2024, title: A, tags: [uk]}\n";
    let two = "version: 1\ntitle: T\ntags:\n  uk: Britain\nevents: []\n";
    let l = load_texts(
        &[("one.yaml", one), ("two.yaml", two)],
        &LoadOptions::default(),
    );
    let all = rendered(&l);
    assert!(
        all.iter()
            .any(|d| d.contains("two.yaml:4:3: error: duplicate tag id 'uk'")
                && d.contains("one.yaml:3:3")),
        "{all:#?}"
    );
}

/// The slides of an export: (group, the text of the slide).
fn groups(json: &str) -> Vec<(Value, String)> {
    let v: Value = serde_json::from_str(json).unwrap();
    v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["group"].clone(),
                s["text"]["text"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn titles_are_timelinejs_groups_and_come_back_from_them() {
    let dir = tempfile::tempdir().unwrap();
    let o = tlx()
        .args(["export", "--format", "timelinejs"])
        .arg(fixture("tags/titled.yaml"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let exported = stdout(&o);
    let slides = groups(&exported);
    // Chronological: Magna Carta, Agincourt, Bosworth, the Union.
    assert_eq!(slides[0].0, "Kings of England");
    assert_eq!(slides[1].0, "Wars &amp; &lt;treaties&gt;");
    // One tag whose title gives it back ("Kings of England" → kings-of-england) needs no
    // tag line; `uk` is not what "United Kingdom" gives, so the line names it.
    assert_eq!(slides[3].0, "United Kingdom");
    assert!(slides[3].1.contains("Tags: uk"), "{}", slides[3].1);

    let json = dir.path().join("t.json");
    std::fs::write(&json, &exported).unwrap();
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(&json)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = load_texts(&[("back.yaml", &stdout(&o))], &LoadOptions::default());
    assert!(!back.has_errors(), "{:?}", rendered(&back));
    let before = load(&["tags/titled.yaml"]).timeline;
    assert_eq!(back.timeline.tags, before.tags);
    assert_eq!(back.timeline.tag_titles, before.tag_titles);
    for e in &before.events {
        let b = &back.timeline.events[back.timeline.index.event_by_id[&e.id] as usize];
        let names = |tl: &tlx::model::Timeline, e: &tlx::model::Event| -> Vec<String> {
            e.tags.iter().map(|&t| tl.tag(t).to_string()).collect()
        };
        assert_eq!(names(&back.timeline, b), names(&before, e), "{}", e.id);
    }
}

#[test]
fn a_group_in_another_script_keeps_its_label_as_the_title() {
    let json = r#"{"events": [
        {"start_date": {"year": "1922", "month": "12", "day": "30"},
         "text": {"headline": "Образование СССР"}, "group": "СССР"},
        {"start_date": {"year": "1991", "month": "12", "day": "26"},
         "text": {"headline": "Распад"}, "group": "СССР"},
        {"start_date": {"year": "1917"}, "text": {"headline": "Revolution"}, "group": "ссср"}
    ]}"#;
    let imp = tlx::timelinejs::import(json, "ussr.json").unwrap();
    let l = from(&imp.yaml);
    assert!(!l.has_errors(), "{:?}\n{}", rendered(&l), imp.yaml);
    assert_eq!(l.timeline.tags, ["sssr"]);
    assert_eq!(l.timeline.tag_titles["sssr"], "СССР");
    // A second label that gives the same tag is noted; the first one is the title.
    assert!(
        imp.problems.iter().any(|p| p.message
            == "group 'ссср' gives tag 'sssr', as 'СССР' does: the tag is titled 'СССР'"),
        "{:?}",
        imp.problems
    );
    // The explorer's filter panel lists the tag by its title.
    let mut app = app_with(l.timeline.clone());
    press(&mut app, "f");
    let screen = screen_text(&draw(&mut app, 100, 30));
    assert!(screen.contains("СССР"), "{screen}");
}
