//! The curated timeline embedded in the binary.

use tlx::model::{Event, LoadOptions, RelKind, Reliability, SourceKind, Timeline, load_embedded};

use crate::util::{stdout, tlx};

fn embedded() -> Timeline {
    let l = load_embedded(&LoadOptions::default());
    let all: Vec<String> = l.diagnostics.iter().map(|d| d.headline()).collect();
    assert!(
        all.is_empty(),
        "the embedded timeline must validate clean: {all:#?}"
    );
    l.timeline
}

#[test]
fn validates_clean_with_no_warnings() {
    let tl = embedded();
    assert_eq!(tl.title, "Kaspersky and the U.S. government, 2017–2025");
    assert!(tl.events.len() >= 30, "{} events", tl.events.len());
    assert!(tl.inputs[0].is_embedded());
}

#[test]
fn validate_strict_is_clean() {
    let o = tlx().args(["validate", "--strict"]).output().unwrap();
    assert!(o.status.success(), "{o:?}");
    assert!(
        stdout(&o).contains(" 0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

/// The title's years are the first and the last event's, and the last era reaches the
/// last event.
#[test]
fn spans_2017_to_2025_as_its_title_says() {
    let tl = embedded();
    let (first, last) = (tl.events.first().unwrap(), tl.events.last().unwrap());
    assert_eq!(first.date.year(), 2017);
    assert_eq!(last.date.year(), 2025);
    assert!(
        tl.title
            .ends_with(&format!("{}–{}", first.date.year(), last.date.year()))
    );
    let era = tl.eras.last().unwrap();
    assert!(era.span().hi >= last.span().hi, "{} ends too early", era.id);
}

#[test]
fn holds_the_mission_events_at_their_dates() {
    let tl = embedded();
    let date_of = |id: &str| {
        tl.event(id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .date
            .as_written()
    };
    assert_eq!(date_of("russia-full-scale-invasion-ukraine"), "2022-02-24");
    // The reports disagree on the day and the FSB's statement was not retrieved.
    assert_eq!(date_of("fsb-accuses-us-iphone-hacking"), "2023-06-01?");
    assert_eq!(
        date_of("kaspersky-operation-triangulation-disclosure"),
        "2023-06-01"
    );
    assert_eq!(date_of("odni-kaspersky-assessment-2023-09"), "2023-09");
    assert_eq!(date_of("commerce-bis-final-determination"), "2024-06-20");
    assert_eq!(date_of("bis-entity-list-kaspersky"), "2024-06-20");
    assert_eq!(date_of("updates-cutoff-2024-09-29"), "2024-09-29");
}

#[test]
fn the_odni_event_rests_on_the_seed_article_alone_and_says_so() {
    let tl = embedded();
    let e = tl.event("odni-kaspersky-assessment-2023-09").unwrap();
    let sources: std::collections::HashSet<&str> = e
        .citations
        .iter()
        .map(|c| tl.source(c.source).id.as_str())
        .collect();
    assert_eq!(sources.into_iter().collect::<Vec<_>>(), ["wt-2024-06-21"]);
    let summary = e.summary.as_deref().unwrap();
    assert!(summary.contains("seed article alone"), "{summary}");
}

#[test]
fn every_verified_fact_sheet_event_is_present() {
    let tl = embedded();
    for id in [
        "gsa-removes-kaspersky-from-approved-vendors",
        "dhs-bod-17-01-issued",
        "ndaa-fy2018-section-1634-enacted",
        "kaspersky-lawsuits-dismissed",
        "far-interim-rule-kaspersky",
        "doj-referral-and-icts-review",
        "russia-full-scale-invasion-ukraine",
        "us-private-kaspersky-briefings",
        "bsi-kaspersky-warning",
        "fcc-covered-list-kaspersky",
        "apple-ios-16-3-adjust-fix",
        "fsb-accuses-us-iphone-hacking",
        "kaspersky-operation-triangulation-disclosure",
        "apple-patches-cve-2023-32434-32435",
        "apple-ios-16-6-cve-2023-38606",
        "kaspersky-37c3-triangulation-talk",
        "cnn-reports-commerce-initial-determination",
        "commerce-bis-final-determination",
        "bis-entity-list-kaspersky",
        "kaspersky-statement-on-x",
        "kremlin-peskov-reaction",
        "ofac-sanctions-kaspersky-leadership",
        "russian-ambassador-antonov-reaction",
        "kaspersky-announces-us-exit",
        "sales-prohibition-effective-2024-07-20",
        "kaspersky-pango-ultraav-deal",
        "ultraav-automatic-migration",
        "updates-cutoff-2024-09-29",
    ] {
        assert!(tl.event(id).is_some(), "{id} missing");
    }
}

#[test]
fn every_event_cites_a_source_and_sources_are_graded() {
    let tl = embedded();
    for e in &tl.events {
        assert!(!e.citations.is_empty(), "{} has no source", e.id);
    }
    for s in &tl.sources {
        assert!(s.reliability.is_some(), "source {} is not graded", s.id);
    }
}

/// An event's summary, with its folded lines joined by single spaces.
fn summary_of(e: &Event) -> String {
    e.summary
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date-conflict rule: where no primary document settles a conflict, the date is
/// marked (`?`, `~` or a range) and the summary names the disagreement; where a primary
/// document fixes the date, the date is plain and the summary names the other dates.
#[test]
fn conflicting_dates_are_marked_or_named() {
    let tl = embedded();
    let event = |id: &str| tl.event(id).unwrap_or_else(|| panic!("{id} missing"));
    let marked = |id: &str| {
        let e = event(id);
        e.end.is_some() || e.date.is_qualified()
    };
    let names = |id: &str, words: &[&str]| {
        let summary = summary_of(event(id));
        for w in words {
            assert!(summary.contains(w), "{id} does not name {w:?}: {summary}");
        }
    };

    // Conflicts that no primary source settles: marked, and named.
    for (id, words) in [
        (
            "ultraav-automatic-migration",
            &["September 17", "September 19"][..],
        ),
        ("cisa-kev-triangulation-cves", &["June 22", "June 23"][..]),
        (
            "fsb-accuses-us-iphone-hacking",
            &["June 1", "\"Monday\"", "May"][..],
        ),
        ("kaspersky-statement-on-x", &["June 20", "June 21"][..]),
        (
            "russian-ambassador-antonov-reaction",
            &["June 22", "June 21"][..],
        ),
        (
            "cnn-reports-commerce-initial-determination",
            &["April 10"][..],
        ),
    ] {
        assert!(marked(id), "{id}: the conflict does not show in the date");
        names(id, words);
    }

    // Dates that a primary document fixes: plain, with the other dates named.
    for (id, words) in [
        (
            "commerce-bis-final-determination",
            &["June 14", "June 24", "June 15"][..],
        ),
        ("bis-entity-list-kaspersky", &["June 20", "June 24"][..]),
        (
            "updates-cutoff-2024-09-29",
            &["September 30", "EST", "Sept. 28"][..],
        ),
        (
            "sales-prohibition-effective-2024-07-20",
            &["July 15", "July 20"][..],
        ),
        ("kaspersky-announces-us-exit", &["July 15", "July 20"][..]),
        (
            "bsi-kaspersky-warning",
            &["March 15", "início de Março"][..],
        ),
        ("apple-ios-16-3-adjust-fix", &["October 2023"][..]),
        (
            "kaspersky-lawsuits-dismissed",
            &["May 30", "on Wednesday"][..],
        ),
    ] {
        assert!(!marked(id), "{id}: a primary document fixes the date");
        names(id, words);
    }

    // Other dates that belong to other moments (a time zone, a signature): plain, named.
    for (id, words) in [
        (
            "russia-full-scale-invasion-ukraine",
            &["February 24", "February 23"][..],
        ),
        (
            "australia-bans-kaspersky-government-systems",
            &["February 21", "February 17"][..],
        ),
    ] {
        assert!(!marked(id), "{id}: the sources agree on the date");
        names(id, words);
    }
}

/// Typographic quotation marks and apostrophes read as straight ones.
fn straight(s: &str) -> String {
    s.replace(['‘', '’'], "'").replace(['“', '”'], "\"")
}

/// Names that stand in quotation marks without being quoted from anyone.
const QUOTED_NAMES: &[&str] = &["Operation Triangulation"];

/// A phrase in quotation marks in a summary is one that a quote of the same event
/// contains.
#[test]
fn quoted_phrases_in_summaries_come_from_the_events_quotes() {
    let tl = embedded();
    let mut checked = 0;
    for e in &tl.events {
        let summary = straight(&summary_of(e));
        let quotes: Vec<String> = e
            .citations
            .iter()
            .filter_map(|c| c.quote.as_deref())
            .map(|q| straight(&q.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect();
        for (i, phrase) in summary.split('"').enumerate() {
            if i % 2 == 0 || QUOTED_NAMES.contains(&phrase) {
                continue;
            }
            assert!(
                quotes.iter().any(|q| q.contains(phrase)),
                "{}: \"{phrase}\" is in quotation marks but in none of its quotes",
                e.id
            );
            checked += 1;
        }
        assert!(
            summary.matches('"').count().is_multiple_of(2),
            "{}: unbalanced quotation marks in its summary",
            e.id
        );
    }
    assert!(checked >= 30, "only {checked} quoted phrases");
}

/// An event lists its best-graded source first.
#[test]
fn no_events_first_source_is_graded_below_its_best() {
    let tl = embedded();
    for e in &tl.events {
        let first = tl.source(e.citations[0].source);
        let best = tl.best_reliability(e);
        assert_eq!(
            first.reliability, best,
            "{}: its first source, {}, is not its best",
            e.id, first.id
        );
    }
}

/// A repost or a forum post is only as good as the copy: C or lower.
#[test]
fn reposts_and_forum_posts_are_graded_c_or_lower() {
    let tl = embedded();
    let mut seen = 0;
    for s in &tl.sources {
        if matches!(s.kind, Some(SourceKind::Repost | SourceKind::Forum)) {
            let r = s.reliability.expect("graded");
            assert!(
                r >= Reliability::C,
                "{} is a {:?} graded {r:?}",
                s.id,
                s.kind
            );
            seen += 1;
        }
    }
    assert!(seen >= 5, "only {seen} reposts and forum posts");
}

#[test]
fn related_links_walk_cause_to_effect() {
    let tl = embedded();
    let links = |id: &str| -> Vec<(String, RelKind)> {
        tl.event(id)
            .unwrap()
            .related
            .iter()
            .map(|l| (tl.events[l.event as usize].id.clone(), l.kind))
            .collect()
    };
    let reaches = |from: &str, to: &str| links(from).iter().any(|(id, _)| id == to);
    assert!(reaches(
        "commerce-bis-final-determination",
        "sales-prohibition-effective-2024-07-20"
    ));
    assert!(reaches(
        "sales-prohibition-effective-2024-07-20",
        "updates-cutoff-2024-09-29"
    ));
    assert!(reaches(
        "updates-cutoff-2024-09-29",
        "ultraav-automatic-migration"
    ));
    assert!(
        reaches(
            "fsb-accuses-us-iphone-hacking",
            "kaspersky-operation-triangulation-disclosure"
        ) || reaches(
            "kaspersky-operation-triangulation-disclosure",
            "fsb-accuses-us-iphone-hacking"
        )
    );
    for id in ["kaspersky-statement-on-x", "kremlin-peskov-reaction"] {
        assert!(
            links(id).iter().any(|(_, k)| *k == RelKind::Response),
            "{id} is a response"
        );
    }
}

/// The passages retrieved during curation, as `docs/curation.md` records them.
fn retrieved_passages() -> String {
    let curation = include_str!("../../docs/curation.md");
    let (_, passages) = curation
        .split_once("\n## Retrieved passages\n")
        .expect("docs/curation.md has a Retrieved passages section");
    passages.to_string()
}

/// Quotes are copied verbatim from the fact sheet, the seed article, or a passage that the
/// curation record says was retrieved. The research folder sits beside the project
/// (`../shared`), in development and in CI.
#[test]
fn quotes_are_verbatim_from_the_research() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/research");
    let (Ok(facts), Ok(seed)) = (
        std::fs::read_to_string(root.join("timeline-facts.md")),
        std::fs::read_to_string(root.join("seed-article.txt")),
    ) else {
        eprintln!("note: ../shared/research is not here; quote check skipped");
        return;
    };
    // The fact sheet writes some inner quotation marks escaped (\").
    let facts = facts.replace("\\\"", "\"");
    let passages = retrieved_passages();
    let tl = embedded();
    let mut checked = 0;
    for e in &tl.events {
        for c in &e.citations {
            if let Some(q) = &c.quote {
                assert!(
                    facts.contains(q.as_str())
                        || seed.contains(q.as_str())
                        || passages.contains(q.as_str()),
                    "{}: quote not found verbatim: {q}",
                    e.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} quotes");
}

/// Every passage in the curation record is filed under a source the timeline has.
#[test]
fn the_curation_records_passages_are_filed_under_known_sources() {
    let tl = embedded();
    let mut filed = 0;
    for line in retrieved_passages().lines() {
        if let Some(rest) = line.strip_prefix('`')
            && let Some((id, _)) = rest.split_once('`')
        {
            assert!(
                tl.sources.iter().any(|s| s.id == id),
                "docs/curation.md files a passage under unknown source {id}"
            );
            filed += 1;
        }
    }
    assert!(filed >= 20, "only {filed} sources with passages");
}
