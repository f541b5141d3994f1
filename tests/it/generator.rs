//! The timeline generator (examples/gen_timeline): valid and deterministic.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use tlx::model::{LoadOptions, Loaded, Precision, RelKind, Timeline, load_texts};
use tlx::query::fields::field_texts;
use tlx::query::{Context, SearchIndex, Sort, select};

// `gen` is a reserved word in Rust 2024, hence the module's name.
#[path = "../../examples/gen_timeline/gen.rs"]
pub(crate) mod gen_timeline;

use gen_timeline::{Spec, generate};

fn spec(events: usize, seed: u64, files: usize) -> Spec {
    Spec {
        events,
        seed,
        files,
    }
}

fn load(out: &[(String, String)]) -> Loaded {
    let texts: Vec<(&str, &str)> = out.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    load_texts(&texts, &LoadOptions::default())
}

/// Loads the output and checks it has no diagnostic at all (errors or warnings).
pub(crate) fn load_clean(out: &[(String, String)]) -> Timeline {
    let l = load(out);
    let shown: Vec<String> = l.diagnostics.iter().take(5).map(|d| d.headline()).collect();
    assert!(
        l.diagnostics.is_empty(),
        "{} diagnostics, the first: {shown:#?}",
        l.diagnostics.len()
    );
    assert!(!l.has_errors());
    l.timeline
}

/// Does any searchable text of the event (title, summary, names, quotes…) hold non-ASCII?
fn non_ascii(tl: &Timeline, ev: usize) -> bool {
    field_texts(tl, ev as u32)
        .iter()
        .any(|(_, _, t)| !t.is_ascii())
}

/// 3,000 events in one file (seed 7), generated and loaded once for several tests.
fn sample() -> &'static (Vec<(String, String)>, Timeline) {
    static SAMPLE: OnceLock<(Vec<(String, String)>, Timeline)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let out = generate(&spec(3000, 7, 1));
        let tl = load_clean(&out);
        (out, tl)
    })
}

#[test]
fn one_file_loads_without_errors_or_warnings() {
    let (out, tl) = sample();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, "timeline.yaml");
    assert_eq!(tl.events.len(), 3000);
    assert!(tl.title.contains("3000 events"), "{}", tl.title);
    assert!(tl.actors.len() >= 200 && tl.sources.len() >= 200);
}

#[test]
fn several_files_load_without_errors_or_warnings_and_hold_the_same_events() {
    let parts = generate(&spec(3000, 7, 4));
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "part-001.yaml",
            "part-002.yaml",
            "part-003.yaml",
            "part-004.yaml"
        ]
    );
    // Registries and the title in the first file only; `events:` in every file.
    for (k, (name, text)) in parts.iter().enumerate() {
        let first = k == 0;
        assert_eq!(text.contains("\ntitle: "), first, "{name}");
        assert_eq!(text.contains("\nactors:\n"), first, "{name}");
        assert_eq!(text.contains("\nsources:\n"), first, "{name}");
        assert!(text.contains("\nevents:\n"), "{name}");
    }
    let tl = load_clean(&parts);
    assert_eq!(tl.events.len(), 3000);

    // Events are spread across the files, and links cross them.
    let file_of = |ev: usize| tl.events[ev].origin.input;
    let mut per_file = BTreeMap::new();
    for ev in 0..tl.events.len() {
        *per_file.entry(file_of(ev)).or_insert(0) += 1;
    }
    assert_eq!(per_file.len(), 4);
    assert!(per_file.values().all(|n| *n == 750), "{per_file:?}");
    let crossing = (0..tl.events.len())
        .flat_map(|ev| tl.events[ev].related.iter().map(move |l| (ev, l.event)))
        .filter(|(a, b)| file_of(*a) != file_of(*b as usize))
        .count();
    assert!(crossing > 0);

    // The same events as in one file, in chronological order; events at the same
    // instant keep file order, so across files they come file by file.
    let one = &sample().1;
    let key = |tl: &Timeline| -> Vec<(String, String, String)> {
        let mut v: Vec<_> = tl
            .events
            .iter()
            .map(|e| (e.id.clone(), e.date.as_written(), e.title.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&tl), key(one));
    for pair in tl.events.windows(2) {
        let order = pair[0].date.chrono_cmp(&pair[1].date);
        assert_ne!(order, std::cmp::Ordering::Greater, "{}", pair[1].id);
        if order == std::cmp::Ordering::Equal {
            assert!(
                pair[0].origin.input <= pair[1].origin.input,
                "{}",
                pair[1].id
            );
        }
    }
}

#[test]
fn tiny_timelines_and_more_files_than_events_are_valid() {
    for events in [0, 1, 2, 3, 10, 40] {
        for files in [1, 3] {
            let out = generate(&spec(events, 3, files));
            assert_eq!(out.len(), files);
            let tl = load_clean(&out);
            assert_eq!(tl.events.len(), events, "{events} events in {files} files");
        }
    }
}

#[test]
fn same_spec_gives_the_same_bytes_and_another_seed_does_not() {
    for files in [1, 3] {
        let a = generate(&spec(2000, 42, files));
        let b = generate(&spec(2000, 42, files));
        assert!(a == b, "{files} files: two runs differ");
        let c = generate(&spec(2000, 43, files));
        assert_eq!(c.len(), a.len());
        assert!(a.iter().zip(&c).all(|(x, y)| x.1 != y.1));
    }
}

#[test]
fn shape_non_ascii_tags_dates_links_and_size() {
    let (out, tl) = sample();
    let n = tl.events.len();
    let bytes: usize = out.iter().map(|(_, t)| t.len()).sum();
    let per_event = bytes as f64 / n as f64;
    assert!(
        (450.0..=800.0).contains(&per_event),
        "{per_event} bytes/event"
    );
    let events = &tl.events;

    // About 20% of events have non-ASCII text, always in the title or summary.
    let intl: Vec<usize> = (0..n).filter(|&ev| non_ascii(tl, ev)).collect();
    let share = intl.len() as f64 / n as f64;
    assert!((0.12..=0.30).contains(&share), "{share} non-ASCII");
    assert!(intl.iter().all(|&ev| {
        let e = &events[ev];
        !e.title.is_ascii() || !e.summary.as_deref().unwrap_or("").is_ascii()
    }));
    let all_text: String = intl.iter().map(|&ev| events[ev].title.as_str()).collect();
    for word in ["Zürich", "Kraków", "東京", "Москва"] {
        assert!(all_text.contains(word), "no title mentions {word}");
    }

    // 2–4 tags from a vocabulary of about 50, each used by at least two events.
    assert!(events.iter().all(|e| (2..=4).contains(&e.tags.len())));
    assert!((45..=55).contains(&tl.tags.len()), "{} tags", tl.tags.len());
    let mut by_count = BTreeMap::new();
    for e in events {
        *by_count.entry(e.tags.len()).or_insert(0) += 1;
    }
    assert_eq!(by_count.len(), 3, "{by_count:?}");

    // A summary per event, of one to three sentences.
    for e in events {
        let s = e.summary.as_deref().expect("a summary");
        let sentences = s.matches(['.', '»', '。']).count();
        assert!((1..=4).contains(&sentences), "{s}");
    }

    // Dates: 30 years, mostly days, some months and years, a few qualified; some ranges.
    let years: HashSet<i32> = events.iter().map(|e| e.date.year()).collect();
    assert_eq!(years.len(), 30);
    assert_eq!(years.iter().min(), Some(&1995));
    let share_of = |f: &dyn Fn(&tlx::model::Event) -> bool| {
        events.iter().filter(|e| f(e)).count() as f64 / n as f64
    };
    let days = share_of(&|e| e.date.precision() == Precision::Day);
    let months = share_of(&|e| e.date.precision() == Precision::Month);
    let qualified = share_of(&|e| e.date.is_qualified());
    let ranges = share_of(&|e| e.end.is_some());
    assert!((0.7..0.9).contains(&days), "{days} day dates");
    assert!((0.05..0.2).contains(&months), "{months} month dates");
    assert!((0.02..0.15).contains(&qualified), "{qualified} qualified");
    assert!((0.03..0.2).contains(&ranges), "{ranges} ranges");

    // Actors with roles, citations with quotes and credibility, confidence.
    assert!(share_of(&|e| e.actors.iter().any(|a| a.role.is_some())) > 0.2);
    assert!(share_of(&|e| e.citations.iter().any(|c| c.quote.is_some())) > 0.2);
    assert!(share_of(&|e| e.citations.iter().any(|c| c.credibility.is_some())) > 0.2);
    assert!(share_of(&|e| e.citations.iter().any(|c| c.locator.is_some())) > 0.1);
    assert!((0.03..0.2).contains(&share_of(&|e| e.confidence.is_some())));

    // Links: typed, never to the event itself, to an event that may have come first.
    let mut kinds = HashSet::new();
    let mut links = 0;
    for (ev, e) in events.iter().enumerate() {
        for l in &e.related {
            links += 1;
            kinds.insert(l.kind);
            assert_ne!(l.event as usize, ev, "{} links to itself", e.id);
            let target = &events[l.event as usize];
            assert!(
                target.date.earliest() <= e.date.latest(),
                "{} links to the later {}",
                e.id,
                target.id
            );
        }
    }
    assert!(links > n / 5, "{links} links");
    assert!(
        kinds.len() >= 5 && kinds.contains(&RelKind::LeadsTo),
        "{kinds:?}"
    );
}

#[test]
fn the_bench_queries_match_some_events_but_not_all() {
    let n = 5000;
    let tl = load_clean(&generate(&spec(n, 1, 1)));
    let index = SearchIndex::new(&tl);
    let run = |q: &str| -> Vec<u32> {
        let hits: Vec<u32> = select(&tl, &index, q, &Context::default(), Sort::Date)
            .unwrap_or_else(|e| panic!("{q}: {}", e.message))
            .into_iter()
            .map(|h| h.event)
            .collect();
        assert!(!hits.is_empty(), "{q}: no match");
        assert!(hits.len() < n, "{q}: matches every event");
        hits
    };
    // A 6-letter word matches a minority.
    let treaty = run("treaty").len();
    assert!(treaty < n / 2, "treaty matches {treaty} of {n}");
    // `zurich` finds the events that name Zürich (diacritics fold).
    let names_zurich = |ev: &u32| {
        let e = &tl.events[*ev as usize];
        e.title.contains("Zürich") || e.summary.as_deref().is_some_and(|s| s.contains("Zürich"))
    };
    let zurich = run("zurich");
    assert!(zurich.iter().any(names_zurich));
    let want: Vec<u32> = (0..n as u32).filter(names_zurich).collect();
    assert!(want.iter().all(|ev| zurich.contains(ev)));
    // Both words, in one field or in any order.
    let both = run("treatyberlin").len();
    let either_order = run("berlin treaty").len();
    assert!(both <= either_order && either_order <= treaty);
    // The facet query of the benches.
    run("tag:diplomacy from:2010 treaty");
}
