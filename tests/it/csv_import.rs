//! `tlx import csv`: the TimelineJS sheet template, mapped columns, European files, bad
//! rows reported by row and column, the exit status, `--dry-run`, and the round trip
//! with `tlx export --format csv`.

use crate::util::{fixture, stderr, stdout, tlx};

fn csv(name: &str) -> String {
    fixture(&format!("csv/{name}")).display().to_string()
}

/// Loads a converted timeline (it must load without errors).
fn loaded(yaml: &str) -> tlx::model::Timeline {
    let l = tlx::model::load_texts(&[("t.yaml", yaml)], &Default::default());
    assert!(!l.has_errors(), "{yaml}");
    l.timeline
}

fn event<'a>(tl: &'a tlx::model::Timeline, id: &str) -> &'a tlx::model::Event {
    tl.events
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn the_timelinejs_template_converts_as_its_json_would() {
    let o = tlx()
        .args(["import", "csv", &csv("timelinejs-template.csv")])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "a row was skipped: {}",
        stderr(&o)
    );
    let tl = loaded(&stdout(&o));
    assert_eq!(tl.title, "Whitney Houston");
    assert_eq!(tl.summary.as_deref(), Some("Her life, in a few slides."));
    assert_eq!(tl.eras.len(), 1);
    assert_eq!(
        (tl.eras[0].id.as_str(), tl.eras[0].title.as_str()),
        ("the-film-years", "The film years")
    );
    let ids: Vec<&str> = tl.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "born-in-newark",
            "debut-album",
            "the-bodyguard-opens",
            "dies-in-beverly-hills"
        ]
    );
    assert_eq!(
        event(&tl, "the-bodyguard-opens").date.as_written(),
        "1992-11-25T14:30",
        "the Time column is the time of day"
    );
    assert!(!stderr(&o).contains("not kept"), "{}", stderr(&o));
    let album = event(&tl, "debut-album");
    assert_eq!(album.date.as_written(), "1985-02-14");
    assert_eq!(album.display_date.as_deref(), Some("Valentine's Day 1985"));
    assert_eq!(
        tl.tag(album.tags[0]),
        "music",
        "the Group column is the tag"
    );
    assert_eq!(album.summary.as_deref(), Some("Her first album comes out."));
    let m = &album.media[0];
    assert_eq!(
        (m.url.as_str(), m.caption.as_deref(), m.credit.as_deref()),
        (
            "https://example.org/album.jpg",
            Some("The cover"),
            Some("Arista")
        )
    );
    let e = stderr(&o);
    let file = csv("timelinejs-template.csv");
    for line in [
        format!("{file}: column 18 (Background): note: display-only, not converted (1 row)"),
        format!("{file}:7: row 7, column 4 (Time): not converted: Time '25:00': not a time of day"),
        format!("{file}:8: row 8: skipped: no start_date"),
    ] {
        assert!(e.contains(&line), "{line}\nin:\n{e}");
    }
    assert!(
        e.contains("converted 4 events of 7 rows") && e.contains("(the TimelineJS sheet template)"),
        "{e}"
    );
}

#[test]
fn mapped_columns_give_every_field() {
    let o = tlx()
        .args(["import", "csv", &csv("mapped.csv"), "--map"])
        .arg("date=When,title=What,summary=Details,tags=Tags,source_url=Link,source=Outlet,actors=Who")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tl = loaded(&stdout(&o));
    let ban = event(&tl, "commerce-bans-kaspersky-software");
    assert_eq!(ban.date.as_written(), "2024-06-20");
    assert_eq!(
        ban.summary.as_deref(),
        Some("The Commerce Department bars sales, from July 20.")
    );
    let tags: Vec<&str> = ban.tags.iter().map(|&t| tl.tag(t)).collect();
    assert_eq!(tags, ["policy", "sanctions"]);
    let actors: Vec<&str> = ban
        .actors
        .iter()
        .map(|a| tl.actor(a.actor).name.as_str())
        .collect();
    assert_eq!(actors, ["U.S. Department of Commerce", "Kaspersky Lab"]);
    let s = tl.source(ban.citations[0].source);
    assert_eq!(s.publisher, "Bureau of Industry and Security");
    assert_eq!(
        s.url.as_deref(),
        Some("https://www.bis.gov/press-release/example")
    );
    // One actor, named twice, is one registry entry.
    assert_eq!(tl.actors.len(), 2);
    // An Excel serial number is a day; a link alone names its host as the publisher.
    let serial = event(&tl, "an-excel-serial-date");
    assert_eq!(serial.date.as_written(), "2024-06-20");
    assert_eq!(
        tl.source(serial.citations[0].source).publisher,
        "example.org"
    );

    // The same mapping from a file, one field per line.
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.txt");
    std::fs::write(
        &map,
        "# what each column is\ndate: When\ntitle: What\nsummary: Details\ntags: Tags\nsource_url: Link\nsource: Outlet\nactors: Who\n",
    )
    .unwrap();
    let o2 = tlx()
        .args(["import", "csv", &csv("mapped.csv"), "--map-file"])
        .arg(&map)
        .output()
        .unwrap();
    assert_eq!(o2.status.code(), Some(0), "{}", stderr(&o2));
    assert_eq!(stdout(&o2), stdout(&o));
}

#[test]
fn a_european_file_with_a_bom_semicolons_and_a_line_break_in_a_cell() {
    let o = tlx()
        .args(["import", "csv", &csv("semicolon-bom.csv")])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tl = loaded(&stdout(&o));
    let ban = event(&tl, "ban-announced");
    assert_eq!(
        ban.date.as_written(),
        "2024-06-20",
        "20.06.2024 is day first"
    );
    assert_eq!(ban.summary.as_deref(), Some("Two lines:\nthe second."));
    // A TSV file, by its name.
    let o = tlx()
        .args(["import", "csv", &csv("tabbed.tsv")])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(loaded(&stdout(&o)).events[0].title, "Tabbed");
}

#[test]
fn every_bad_row_is_named_by_row_and_column_and_the_rest_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.yaml");
    let o = tlx()
        .args(["import", "csv", &csv("bad-rows.csv"), "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let file = csv("bad-rows.csv");
    for line in [
        format!("{file}:3: row 3, column 1 (date): skipped: no date"),
        format!(
            "{file}:4: row 4, column 1 (date): skipped: '2024-02-30': day 30 does not exist in February 2024"
        ),
        format!(
            "{file}:5: row 5, column 1 (date): skipped: 6/7/2024 could be 7 Jun 2024 or 6 Jul 2024: give --date-order mdy or dmy"
        ),
        format!(
            "{file}:6: row 6, column 2 (end): not converted: the end 2024-05-01 is before the date 2024-06-20"
        ),
        format!("{file}:7: row 7, column 3 (title): skipped: no title"),
        format!("{file}:9: row 9: not converted: 1 cell past the header's 4 columns"),
        format!(
            "{file}:10: row 10, column 1 (date): not converted: '25:00' after the day: not a time of day (14:30, 2:30 PM)"
        ),
    ] {
        assert!(e.contains(&line), "{line}\nin:\n{e}");
    }
    assert!(e.contains("4 rows skipped, 3 items not converted"), "{e}");
    let tl = loaded(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(tl.events.len(), 5);
    assert_eq!(
        event(&tl, "a-time-of-day").date.as_written(),
        "2024-06-22T09:15-04:00",
        "a time and its offset are kept"
    );
    assert_eq!(
        event(&tl, "a-time-that-does-not-exist").date.as_written(),
        "2024-06-24"
    );
    // With the order given, the ambiguous day is read.
    let o = tlx()
        .args(["import", "csv", &csv("bad-rows.csv"), "--date-order", "dmy"])
        .output()
        .unwrap();
    let tl = loaded(&stdout(&o));
    assert_eq!(
        event(&tl, "an-ambiguous-day").date.as_written(),
        "2024-07-06"
    );
}

#[test]
fn dry_run_shows_the_first_events_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.yaml");
    let o = tlx()
        .args(["import", "csv", &csv("bad-rows.csv"), "--dry-run", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "the exit status is the import's");
    assert!(!out.exists(), "nothing written");
    let s = stdout(&o);
    assert!(s.starts_with("20 Jun 2024"), "{s}");
    assert!(s.contains("a-good-row") && s.contains("A good row"), "{s}");
    assert_eq!(s.lines().count(), 5, "{s}");
    assert!(
        s.contains("\n22 Jun 2024 09:15 UTC-04:00 a-time-of-day "),
        "dates in one column: {s}"
    );
    assert!(stderr(&o).contains("row 3, column 1 (date): skipped: no date"));
    assert!(
        stderr(&o).contains("to nowhere (--dry-run)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn files_that_cannot_be_read_exit_2_and_say_why() {
    let o = tlx()
        .args(["import", "csv", "/nonexistent/x.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read /nonexistent/x.csv"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().unwrap();
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"date,title\n2024-06-20,Z\xfcrich\n").unwrap();
    let o = tlx().args(["import", "csv"]).arg(&latin1).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .contains("not UTF-8 text (invalid byte at offset 23); save the sheet as CSV UTF-8"),
        "{}",
        stderr(&o)
    );
    let nodate = dir.path().join("nodate.csv");
    std::fs::write(&nodate, "Quand,Quoi\n2024,x\n").unwrap();
    let o = tlx().args(["import", "csv"]).arg(&nodate).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no date column among `Quand`, `Quoi`: name it with --map date=COLUMN"),
        "{}",
        stderr(&o)
    );
    let o = tlx()
        .args(["import", "csv", "--map", "titel=Quoi"])
        .arg(&nodate)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no field `titel` (did you mean `title`?)"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn export_csv_and_import_csv_round_trip_the_main_fields() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("sample.csv");
    let o = tlx()
        .args([
            "export",
            &fixture("sample.yaml").display().to_string(),
            "--format",
            "csv",
            "-o",
        ])
        .arg(&exported)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = tlx()
        .args(["import", "csv"])
        .arg(&exported)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let back = loaded(&stdout(&o));
    let l = crate::util::load(&["sample.yaml"]);
    let orig = &l.timeline;
    assert_eq!(back.events.len(), orig.events.len());
    for e in &orig.events {
        let b = event(&back, &e.id);
        assert_eq!(b.date.as_written(), e.date.as_written(), "{}", e.id);
        assert_eq!(
            b.end.map(|d| d.as_written()),
            e.end.map(|d| d.as_written()),
            "{}",
            e.id
        );
        assert_eq!(b.title, e.title, "{}", e.id);
        assert_eq!(b.summary, e.summary, "{}", e.id);
        let tags = |tl: &tlx::model::Timeline, ev: &tlx::model::Event| {
            ev.tags
                .iter()
                .map(|&t| tl.tag(t).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(tags(&back, b), tags(orig, e), "{}", e.id);
        let names = |tl: &tlx::model::Timeline, ev: &tlx::model::Event| {
            ev.actors
                .iter()
                .map(|a| tl.actor(a.actor).name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&back, b), names(orig, e), "{}", e.id);
        if let Some(c) = e.citations.first() {
            let first_url = e
                .citations
                .iter()
                .find_map(|c| orig.source(c.source).url.clone());
            let s = tl_source(&back, b);
            assert_eq!(s.url, first_url, "{}", e.id);
            if first_url.is_none() {
                assert_eq!(s.publisher, orig.source(c.source).publisher, "{}", e.id);
            }
        }
    }
}

fn tl_source<'a>(tl: &'a tlx::model::Timeline, e: &tlx::model::Event) -> &'a tlx::model::Source {
    tl.source(e.citations[0].source)
}

#[test]
fn a_big_sheet_imports() {
    // 20,000 rows, the mapped path: every row becomes an event, in order.
    let mut text = String::from("date,title,tags\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "2024-{:02}-{:02},Event number {i},t{}\n",
            i % 12 + 1,
            i % 28 + 1,
            i % 7
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.csv");
    std::fs::write(&file, text).unwrap();
    let o = tlx().args(["import", "csv"]).arg(&file).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("converted 20000 events of 20000 rows"),
        "{}",
        stderr(&o)
    );
    assert_eq!(loaded(&stdout(&o)).events.len(), 20_000);
}

#[test]
fn crlf_blank_rows_markup_in_media_and_columns_the_template_lacks() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's CRLF, a blank row, and markup where a media URL goes.
    let f = dir.path().join("x.csv");
    std::fs::write(
        &f,
        "date,title,media\r\n\r\n2024-13-01,Bad month,\r\n2024,Markup,<img/src=x/onerror=alert(1)>iframe\r\n2024,Backslash,/\\evil.example/p.gif\r\n",
    )
    .unwrap();
    let o = tlx().args(["import", "csv"]).arg(&f).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    let name = f.display().to_string();
    assert!(
        e.contains(&format!("{name}:3: row 3, column 1 (date): skipped:")),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "{name}:4: row 4, column 3 (media): not converted: the media '<img"
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "{name}:5: row 5, column 3 (media): not converted:"
        )),
        "{e}"
    );
    assert!(!stdout(&o).contains("onerror"), "{}", stdout(&o));
    // The template with a column of its own: reported, not dropped silently.
    let t = dir.path().join("t.csv");
    std::fs::write(&t, "Year,Headline,Notes\n2024,A,keep me\n").unwrap();
    let o = tlx().args(["import", "csv"]).arg(&t).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("column 3 (Notes): not converted: 1 row of text"),
        "{}",
        stderr(&o)
    );
}
