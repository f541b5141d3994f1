//! Events' media: the format (validation, JSON, CSV), the explorer's detail screen and
//! `o`, the brief, and TimelineJS → tlx → TimelineJS without losing a picture.

use serde_json::Value;
use tlx::model::{LoadOptions, load_texts};
use tlx::tui::action::{Action, Effect};

use crate::tui::{act, app_with, draw, screen_text};
use crate::util::{fixture, stderr, stdout, tlx};

const WITH_MEDIA: &str = r#"version: 1
title: T
events:
  - id: scopes
    date: 1925-07
    title: Scopes Trial
    media:
      - url: https://example.org/scopes.jpg
        caption: An outdoor session
        credit: AP
        alt: A crowd
      - ./media/map.png
"#;

fn timeline(yaml: &str) -> tlx::model::Loaded {
    load_texts(&[("t.yaml", yaml)], &LoadOptions::default())
}

#[test]
fn media_is_read_with_its_words_and_a_bad_url_is_an_error_at_its_place() {
    let l = timeline(WITH_MEDIA);
    assert!(!l.has_errors());
    let m = &l.timeline.events[0].media;
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].url, "https://example.org/scopes.jpg");
    assert_eq!(m[0].caption.as_deref(), Some("An outdoor session"));
    assert_eq!(m[0].credit.as_deref(), Some("AP"));
    assert_eq!(m[0].alt.as_deref(), Some("A crowd"));
    assert!(!m[0].is_relative());
    assert_eq!(m[1].url, "./media/map.png");
    assert!(m[1].is_relative());

    let bad = WITH_MEDIA.replace("./media/map.png", "javascript:alert(1)");
    let l = timeline(&bad);
    let errors: Vec<String> = l.errors().map(|d| d.render(false)).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("t.yaml:12:9: error: media 'javascript:alert(1)' is neither an http(s) URL nor a relative path"),
        "{}",
        errors[0]
    );
    let bad = WITH_MEDIA.replace(
        "        credit: AP\n",
        "        credit: AP\n        colour: red\n",
    );
    let l = timeline(&bad);
    let errors: Vec<String> = l.errors().map(|d| d.headline()).collect();
    assert!(errors[0].contains("unknown field 'colour'"), "{errors:?}");
    let bad = WITH_MEDIA.replace(
        "      - url: https://example.org/scopes.jpg\n",
        "      - caption: x\n",
    );
    let errors: Vec<String> = timeline(&bad).errors().map(|d| d.headline()).collect();
    assert!(errors.iter().any(|e| e.contains("url")), "{errors:?}");
}

#[test]
fn json_csv_and_the_brief_carry_media_as_links() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, WITH_MEDIA).unwrap();
    let o = tlx()
        .args(["list", "--format", "json"])
        .arg(&file)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let m = &v["events"][0]["media"];
    assert_eq!(m[0]["url"], "https://example.org/scopes.jpg");
    assert_eq!(m[0]["caption"], "An outdoor session");
    assert_eq!(m[1]["url"], "./media/map.png");
    assert_eq!(m[1]["caption"], Value::Null);
    let o = tlx()
        .args(["export", "--format", "csv"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        stdout(&o)
            .lines()
            .nth(1)
            .unwrap()
            .ends_with(",https://example.org/scopes.jpg"),
        "{}",
        stdout(&o)
    );
    let o = tlx()
        .args(["export", "--now", "2026-01-01T00:00:00Z"])
        .arg(&file)
        .output()
        .unwrap();
    let brief = stdout(&o);
    assert!(
        brief.contains(
            "- **Media:** An outdoor session (AP) <https://example.org/scopes.jpg>; ./media/map.png"
        ),
        "{brief}"
    );
    assert!(
        !brief.contains("!["),
        "a brief never embeds a picture: {brief}"
    );
}

#[test]
fn the_detail_screen_lists_media_and_o_opens_it() {
    let mut app = app_with(timeline(WITH_MEDIA).timeline);
    act(&mut app, Action::Open);
    let s = screen_text(&draw(&mut app, 120, 40));
    assert!(s.contains("Media"), "{s}");
    assert!(s.contains("▣ An outdoor session · AP"), "{s}");
    assert!(s.contains("https://example.org/scopes.jpg"), "{s}");
    assert!(s.contains("▣ Image"), "{s}");
    assert!(s.contains("./media/map.png (relative)"), "{s}");
    // The first item of the screen is the first media item (the event has no source).
    let effects = act(&mut app, Action::OpenLink);
    assert_eq!(
        effects,
        vec![Effect::OpenUrl("https://example.org/scopes.jpg".into())]
    );
    act(&mut app, Action::Down);
    assert!(
        act(&mut app, Action::OpenLink).is_empty(),
        "a relative path is not opened"
    );
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains("relative to where the timeline is published"),
        "{status}"
    );
    let effects = act(&mut app, Action::Copy);
    assert_eq!(
        effects,
        vec![Effect::Copy {
            text: "./media/map.png".into(),
            what: "media URL".into()
        }]
    );
}

/// The slides of a TimelineJS document, as (start, end, headline, text, media, group).
fn slides(json: &str) -> Vec<(Value, Value, String, String, Value, Value)> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out: Vec<_> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let date = |d: &Value| {
                if d.is_null() {
                    return Value::Null;
                }
                let keep = ["year", "month", "day"];
                Value::Object(
                    d.as_object()
                        .unwrap()
                        .iter()
                        .filter(|(k, _)| keep.contains(&k.as_str()))
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect(),
                )
            };
            let text = s["text"]["text"].as_str().unwrap_or("").to_string();
            // The first paragraph: an export adds its tags and sources after it.
            let first = text.split("</p>").next().unwrap_or("").replace("<p>", "");
            (
                date(&s["start_date"]),
                date(&s["end_date"]),
                s["text"]["headline"].as_str().unwrap().to_string(),
                first,
                s["media"].clone(),
                s["group"].clone(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.2.cmp(&b.2));
    out
}

/// Imports the TimelineJS file `source` into `dir`, and exports it again: the timeline
/// file written, and the TimelineJS exported from it. Both steps must exit 0.
fn import_then_export(
    source: &std::path::Path,
    dir: &std::path::Path,
) -> (std::path::PathBuf, String) {
    let yaml = dir.join("imported.yaml");
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(source)
        .arg("-o")
        .arg(&yaml)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = tlx()
        .args(["export", "--format", "timelinejs"])
        .arg(&yaml)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    (yaml, stdout(&o))
}

#[test]
fn timelinejs_to_tlx_to_timelinejs_keeps_every_slide() {
    for name in ["timelinejs/media.json", "timelinejs/scripts.json"] {
        round_trip_slide_by_slide(&fixture(name));
    }
}

fn round_trip_slide_by_slide(source: &std::path::Path) {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, exported) = import_then_export(source, dir.path());
    let before = slides(&std::fs::read_to_string(source).unwrap());
    let after = slides(&exported);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b.0, a.0, "start of {}", b.2);
        assert_eq!(b.1, a.1, "end of {}", b.2);
        assert_eq!(b.2, a.2);
        assert_eq!(b.3, a.3, "text of {}", b.2);
        assert_eq!(b.4, a.4, "media of {}", b.2);
        // A group comes back with its label (`Courts`), kept as the tag's title.
        assert_eq!(b.5, a.5, "group of {}", b.2);
    }
    // And again: tlx → TimelineJS → tlx is stable.
    let json = dir.path().join("again.json");
    std::fs::write(&json, &exported).unwrap();
    let o2 = tlx()
        .args(["import", "timelinejs"])
        .arg(&json)
        .output()
        .unwrap();
    let first = timeline(&std::fs::read_to_string(&yaml).unwrap()).timeline;
    let second = timeline(&stdout(&o2)).timeline;
    for (x, y) in first.events.iter().zip(&second.events) {
        assert_eq!(x.media, y.media, "{}", x.id);
        assert_eq!(x.title, y.title);
    }
}

#[test]
fn media_base_makes_relative_paths_links() {
    use tlx::timelinejs::resolve;
    let base = "https://example.org/story/";
    assert_eq!(
        resolve(base, "./media/rollo.jpeg"),
        "https://example.org/story/media/rollo.jpeg"
    );
    assert_eq!(
        resolve("https://example.org/story", "media/x.jpg"),
        "https://example.org/story/media/x.jpg"
    );
    assert_eq!(
        resolve(base, "/static/x.png"),
        "https://example.org/static/x.png"
    );
    assert_eq!(
        resolve("https://example.org", "/static/x.png"),
        "https://example.org/static/x.png"
    );
    assert_eq!(
        resolve(base, "https://cdn.example/a.jpg"),
        "https://cdn.example/a.jpg"
    );

    let o = tlx()
        .args(["import", "timelinejs", "--media-base", base])
        .arg(fixture("timelinejs/media.json"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tl = timeline(&stdout(&o)).timeline;
    let rollo = tl.events.iter().find(|e| e.id == "rollo").unwrap();
    assert_eq!(
        rollo.media[0].url,
        "https://example.org/story/media/rollo.jpeg"
    );
    assert!(!rollo.media[0].is_relative());
    let o = tlx()
        .args(["import", "timelinejs", "--media-base", "ftp://x"])
        .arg(fixture("timelinejs/media.json"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--media-base 'ftp://x': an http(s) URL"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn links_credits_several_urls_prose_and_a_sources_list() {
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(fixture("timelinejs/links-and-credits.json"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tl = timeline(&stdout(&o)).timeline;
    let ev = |id: &str| tl.events.iter().find(|e| e.id == id).unwrap();
    let src = |e: &tlx::model::Event, n: usize| tl.source(e.citations[n].source).clone();
    // media.link is the source (a study), the picture the media.
    let study = ev("a-study-linked-from-its-picture");
    assert_eq!(
        src(study, 0).url.as_deref(),
        Some("https://example.org/study.pdf")
    );
    assert_eq!(src(study, 0).title.as_deref(), Some("The study's chart"));
    assert_eq!(study.media[0].url, "https://example.org/chart.png");
    // A credit that is a link: the publisher is its text, its URL a URL.
    let credit = ev("a-credit-that-is-a-link");
    assert_eq!(credit.media[0].credit.as_deref(), Some("Wikipedia"));
    assert_eq!(src(credit, 0).publisher, "Wikipedia");
    assert_eq!(
        src(credit, 0).url.as_deref(),
        Some("https://en.wikipedia.org/wiki/X")
    );
    // Two URLs in one: both kept, with a note.
    let two = ev("two-pictures-in-one");
    let urls: Vec<&str> = two.media.iter().map(|m| m.url.as_str()).collect();
    assert_eq!(urls, ["https://a.example/x.jpg", "http://b.example/y.jpeg"]);
    assert!(
        stderr(&o).contains(
            "slide 3 ('Two pictures in one'): note: media.url holds 2 URLs: each is kept"
        )
    );
    // Prose in place of a URL: a paragraph, with a note.
    let prose = ev("prose-for-a-url");
    assert_eq!(
        prose.summary.as_deref(),
        Some("Photo taken by the author in 1990\n— Family archive")
    );
    assert!(prose.media.is_empty());
    // A slide's own list of {title, url, outlet}.
    let listed = ev("its-own-sources-list");
    let s = src(listed, 0);
    assert_eq!(
        (s.publisher.as_str(), s.title.as_deref(), s.url.as_deref()),
        (
            "Example News",
            Some("The report"),
            Some("https://example.org/report")
        )
    );
}

#[test]
fn an_unknown_field_with_content_is_not_converted_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.json");
    std::fs::write(
        &f,
        r#"{"events":[{"start_date":{"year":"2020"},"text":{"headline":"A"},"media":{"url":"https://example.org/a.jpg","image":"https://example.org/b.jpg"}}]}"#,
    )
    .unwrap();
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not converted: unknown field 'media.image' (slide 1)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_title_slide_written_as_a_list_of_one_is_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("t.json");
    std::fs::write(
        &f,
        r#"{"title":[{"text":{"headline":"Listed title","text":"<p>Hi</p>"}}],"events":[{"start_date":{"year":"2020"},"text":{"headline":"A"}}]}"#,
    )
    .unwrap();
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tl = timeline(&stdout(&o)).timeline;
    assert_eq!(tl.title, "Listed title");
    assert_eq!(tl.summary.as_deref(), Some("Hi"));
    assert!(
        stderr(&o)
            .contains("title slide: note: `title` is a list of one slide: that slide is the title"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_list_survives_timelinejs_to_tlx_to_timelinejs() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ul.json");
    std::fs::write(
        &f,
        r#"{"events":[{"start_date":{"year":"2020"},"text":{"headline":"A","text":"<p>Intro</p><ul><li>one</li><li>two &amp; three</li></ul><p>After</p>"}}]}"#,
    )
    .unwrap();
    let (_, exported) = import_then_export(&f, dir.path());
    let v: Value = serde_json::from_str(&exported).unwrap();
    let text = v["events"][0]["text"]["text"].as_str().unwrap();
    assert!(
        text.starts_with("<p>Intro</p><ul><li>one</li><li>two &amp; three</li></ul><p>After</p>"),
        "{text}"
    );
}
