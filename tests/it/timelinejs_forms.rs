//! TimelineJS files in forms beside TimelineJS3's usual one: TimelineJS 2 files
//! (`{"timeline": {"date": [{"startDate": "1848,3,22", …}]}}`), read as the TimelineJS3
//! documents they stand for; a `<blockquote>` as media; every slide out of range.

use tlx::model::{DateStyle, LoadOptions, load_texts};

use crate::util::{fixture, stderr, stdout, tlx};

#[test]
fn a_timelinejs2_file_is_converted() {
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(fixture("timelinejs/revolutions-1848.tjs2.json"))
        .output()
        .unwrap();
    // One slide has a date in no form TimelineJS 2 reads: it is skipped, and said so.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("note: the file is in TimelineJS 2's form"),
        "{err}"
    );
    assert!(
        err.contains("slide 6 ('A date in no form TimelineJS 2 reads'): skipped: start_date: year 'spring 1848' is not a whole number"),
        "{err}"
    );
    assert!(err.contains("converted 5 events and 1 era"), "{err}");
    let yaml = stdout(&o);
    assert!(yaml.starts_with("# Converted from "), "{yaml}");
    assert!(
        yaml.lines().next().unwrap().contains("(TimelineJS 2 JSON)"),
        "{yaml}"
    );

    let l = load_texts(&[("t.yaml", &yaml)], &LoadOptions::default());
    assert!(!l.has_errors(), "{yaml}");
    let tl = &l.timeline;
    assert_eq!(tl.title, "The revolutions of 1848");
    let when = |id: &str| {
        let e = &tl.events[tl.index.event_by_id[id] as usize];
        (e.date.as_written(), e.end.map(|d| d.as_written()))
    };
    // "Y,M,D", "M/D/Y", ISO with a time, and a year alone.
    assert_eq!(
        when("february-revolution-in-paris"),
        ("1848-02-22".into(), Some("1848-02-24".into()))
    );
    assert_eq!(when("venice-declares-a-republic").0, "1848-03-22");
    assert_eq!(when("barricades-in-berlin").0, "1848-03-18T14:00");
    assert_eq!(when("the-last-republics-fall").0, "1849");
    let order: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "february-revolution-in-paris",
            "vienna-rises",
            "barricades-in-berlin",
            "venice-declares-a-republic",
            "the-last-republics-fall"
        ]
    );

    // `asset` is the slide's media; `tag` its group, kept with its label.
    let paris = &tl.events[0];
    assert_eq!(paris.media[0].url, "https://example.org/1848/paris.jpg");
    assert_eq!(
        paris.media[0].caption.as_deref(),
        Some("The Hôtel de Ville")
    );
    assert_eq!(
        paris.media[0].thumbnail.as_deref(),
        Some("https://example.org/1848/paris-32.jpg")
    );
    assert_eq!(tl.tag(paris.tags[0]), "france");
    assert_eq!(tl.tag_titles["austrian-empire"], "Austrian Empire");

    // `era` is the eras.
    assert_eq!(tl.eras[0].title, "The Springtime of Nations");
    assert_eq!(tl.eras[0].start.display(DateStyle::Iso), "1848-02-22");
    assert_eq!(
        tl.eras[0].end.map(|d| d.display(DateStyle::Iso)).as_deref(),
        Some("1849-08-28")
    );
}

#[test]
fn what_is_no_timeline_names_every_form_tlx_reads() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            r#"{"timeline": {"headline": "Only a title"}}"#,
            "nor TimelineJS 2's `{\"timeline\": {\"date\": […]}}`",
        ),
        (
            r#"{"timeline": {"headline": "T", "date": "1848"}}"#,
            "`timeline.date` is a string, not a list of slides",
        ),
    ];
    for (json, want) in cases {
        let f = dir.path().join("t.json");
        std::fs::write(&f, json).unwrap();
        let o = tlx()
            .args(["import", "timelinejs"])
            .arg(&f)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{json}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{json}: {}", stderr(&o));
    }
}

#[test]
fn a_blockquote_as_media_is_a_quotation_with_who_said_it() {
    let json = r#"{"events": [
        {"start_date": {"year": "1897"}, "text": {"headline": "A report"},
         "media": {"url": "<blockquote>The report of my death was an exaggeration.</blockquote>",
                   "caption": "Mark Twain", "credit": "New York Journal"}},
        {"start_date": {"year": "1898"}, "text": {"headline": "Quoted already"},
         "media": {"url": "<blockquote>“Quoted.”</blockquote>", "caption": "Someone"}}
    ]}"#;
    let imp = tlx::timelinejs::import(json, "q.json").unwrap();
    assert!(imp.is_complete(), "{:?}", imp.problems);
    let l = load_texts(&[("q.yaml", &imp.yaml)], &LoadOptions::default());
    let summary = |i: usize| l.timeline.events[i].summary.clone().unwrap_or_default();
    assert_eq!(
        summary(0),
        "“The report of my death was an exaggeration.”\n— Mark Twain (New York Journal)"
    );
    assert_eq!(summary(1), "“Quoted.”\n— Someone");
    assert!(
        imp.problems
            .iter()
            .any(|p| p.message == "media is a <blockquote>: kept as a quotation in the summary")
    );
}

#[test]
fn a_file_whose_every_slide_is_out_of_range_says_so_in_one_line() {
    let slides: Vec<String> = (0..300)
        .map(|i| {
            format!(
                r#"{{"start_date": {{"year": "{}"}}, "text": {{"headline": "S{i}"}}}}"#,
                -20000 - i
            )
        })
        .collect();
    let json = format!(
        r#"{{"title": {{"text": {{"headline": "Deep time"}}}}, "events": [{}]}}"#,
        slides.join(",")
    );
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("deep.json");
    std::fs::write(&f, json).unwrap();
    let o = tlx()
        .args(["import", "timelinejs"])
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].ends_with("deep.json: skipped: every slide (300) has a year out of the range tlx dates hold (10000 BCE to 9999): none converted"),
        "{err}"
    );
    assert!(
        lines[1].ends_with("300 slides or eras skipped (listed above)"),
        "{err}"
    );

    // One slide in range: each slide out of range is listed, as usual.
    let json = r#"{"events": [{"start_date": {"year": "-20000"}, "text": {"headline": "Ice"}},
        {"start_date": {"year": "-20001"}, "text": {"headline": "Ice 2"}},
        {"start_date": {"year": "1900"}, "text": {"headline": "Now"}}]}"#;
    let imp = tlx::timelinejs::import(json, "mixed.json").unwrap();
    assert_eq!(imp.count(tlx::timelinejs::ProblemKind::Skipped), 2);
    assert_eq!(imp.skipped, 2);
}
