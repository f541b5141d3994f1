//! The curated timeline embedded in the binary.

use tlx::model::{LoadOptions, RelKind, Timeline, load_embedded};

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
    assert_eq!(tl.title, "Kaspersky and the U.S. government, 2017–2024");
    assert!(tl.events.len() >= 30, "{} events", tl.events.len());
    assert!(tl.inputs[0].is_embedded());
}

#[test]
fn spans_2017_to_2024() {
    let tl = embedded();
    assert_eq!(tl.events.first().unwrap().date.year(), 2017);
    assert_eq!(tl.events.last().unwrap().date.year(), 2024);
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
    assert_eq!(date_of("fsb-accuses-us-iphone-hacking"), "2023-06-01");
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

#[test]
fn conflicting_dates_are_marked() {
    let tl = embedded();
    let migration = tl.event("ultraav-automatic-migration").unwrap();
    assert!(
        migration.end.is_some() || migration.date.is_qualified(),
        "the Sept 17/19 conflict shows in the date"
    );
    assert!(migration.summary.as_deref().unwrap().contains("17"));
    assert!(migration.summary.as_deref().unwrap().contains("19"));
    assert!(
        tl.event("kaspersky-statement-on-x")
            .unwrap()
            .date
            .is_qualified()
    );
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

/// Quotes are copied verbatim from the fact sheet or the seed article. The research
/// folder sits beside the project (`../shared`), in development and in CI.
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
    let tl = embedded();
    let mut checked = 0;
    for e in &tl.events {
        for c in &e.citations {
            if let Some(q) = &c.quote {
                assert!(
                    facts.contains(q.as_str()) || seed.contains(q.as_str()),
                    "{}: quote not found verbatim: {q}",
                    e.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "only {checked} quotes");
}
