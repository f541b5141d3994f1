//! The cache of parsed timelines (src/cache.rs): a hit gives exactly the fresh timeline,
//! and anything that changed, or a cache file that is damaged or from another version,
//! falls back to parsing. Every test uses its own temporary cache folder, passed to the
//! API explicitly (or to the binary through XDG_CACHE_HOME).

use std::fs;
use std::path::{Path, PathBuf};

use tlx::cache::{self, Cache, Key, Miss, Status, Stored};
use tlx::cli::{ColorChoice, Global};
use tlx::model::{LoadOptions, Loaded, load_paths};

use crate::generator::gen_timeline::{Rng, Spec, generate};
use crate::util::{stderr, stdout, tlx};

/// A timeline that uses every field of the format (and loads without any diagnostic).
pub(crate) const RICH: &str = r#"version: 1
title: "Everything the format holds: 東京, «quotes», emoji 🛰"
summary: A timeline that uses every field, for the cache's round trip.
updated: 2024-12-31
eras:
  - id: antiquity
    title: Antiquity
    start: -0100
    end: -0001
  - id: now
    title: The present
    start: 2020-03
actors:
  rome:
    name: Roman Senate
    kind: government
    country: IT
    aliases: [Senatus, SPQR]
  acme:
    name: Acme Corp
    kind: company
  anon:
    name: Someone
sources:
  wire:
    publisher: Example Wire
    title: A report
    url: https://example.org/a
    published: 2024-06~
    author: "J. Doe"
    kind: news
    reliability: B
    archive_url: https://web.archive.org/web/2024/https://example.org/a
  plain:
    publisher: Plain Source
tags:
  politics: "Politics: power, «and» 東京"
events:
  - id: ides
    date: -0043-03-15
    display_date: "the Ides of March, 44 BC"
    title: Caesar is killed
    summary: Multi-byte text ünïcödé and a "quoted" word.
    tags: [politics, violence]
    actors:
      - {id: rome, role: venue}
      - anon
    sources:
      - ref: wire
        quote: "Et tu?"
        locator: "p. 3"
        credibility: 2
      - plain
    confidence: almost-certain
  - id: later
    date: 2021?
    end: 2022-02%
    title: Something later
    tags: [politics, violence]
    actors: [acme]
    sources:
      - publisher: Inline Publisher
        title: An inline source
        url: https://example.net/x
        published: 2021-05-06
        author: A. Writer
        kind: research
        reliability: F
        archive_url: https://archive.example/x
        quote: "inline quote"
    related:
      - {id: ides, type: context}
      - {id: latest, type: leads-to}
  - id: latest
    date: 2023-01-02
    title: The latest
    tags: [politics]
    sources: [wire]
    related:
      - {id: later, type: response}
      - {id: ides, type: contradicts}
"#;

/// Writes the generator's output for `events` events in `files` files into `dir`.
pub(crate) fn generated(dir: &Path, events: usize, seed: u64, files: usize) -> Vec<PathBuf> {
    fs::create_dir_all(dir).unwrap();
    generate(&Spec {
        events,
        seed,
        files,
    })
    .into_iter()
    .map(|(name, text)| {
        let p = dir.join(name);
        fs::write(&p, text).unwrap();
        p
    })
    .collect()
}

/// The cache in a folder of `tmp`, used whatever the size of the inputs.
pub(crate) fn cache_in(tmp: &Path) -> Cache {
    Cache::in_dir(tmp.join("xdg").join("tlx")).with_min_bytes(0)
}

pub(crate) fn fresh(paths: &[PathBuf]) -> Loaded {
    load_paths(paths, &LoadOptions::default())
}

pub(crate) fn cached(paths: &[PathBuf], cache: &Cache) -> cache::CachedLoad {
    cache::load_paths(paths, &LoadOptions::default(), cache)
}

/// The whole result is the fresh one: timeline (with inputs and indexes), diagnostics,
/// and what the stats count.
pub(crate) fn assert_same(got: &Loaded, want: &Loaded) {
    assert!(
        got.timeline == want.timeline,
        "the timelines differ (title {:?} vs {:?}, {} vs {} events)",
        got.timeline.title,
        want.timeline.title,
        got.timeline.events.len(),
        want.timeline.events.len()
    );
    assert_eq!(got.diagnostics, want.diagnostics);
    assert_eq!(
        (got.stats.files, got.stats.bytes, got.stats.events),
        (want.stats.files, want.stats.bytes, want.stats.events)
    );
}

/// The files in the cache folder (none when it does not exist).
fn cache_files(cache: &Cache) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(cache.dir.as_ref().unwrap()) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

/// Loads twice: the first load stores, the second hits. Returns the cache file.
fn store_then_hit(paths: &[PathBuf], cache: &Cache) -> PathBuf {
    let want = fresh(paths);
    let first = cached(paths, cache);
    assert_eq!(
        first.status,
        Status::Miss {
            why: Miss::Absent,
            stored: Stored::Yes
        },
        "{}",
        first.describe()
    );
    assert_same(&first.loaded, &want);
    let second = cached(paths, cache);
    assert_eq!(second.status, Status::Hit, "{}", second.describe());
    assert_same(&second.loaded, &want);
    second.file.expect("a hit names its file")
}

#[test]
fn a_hit_gives_exactly_the_fresh_timeline() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());

    // Every field of the format, one file.
    let rich = tmp.path().join("rich.yaml");
    fs::write(&rich, RICH).unwrap();
    let want = fresh(std::slice::from_ref(&rich));
    assert!(want.diagnostics.is_empty(), "{:?}", want.diagnostics);
    let file = store_then_hit(std::slice::from_ref(&rich), &cache);
    assert!(
        file.file_name()
            .unwrap()
            .to_string_lossy()
            .ends_with(".tlxc")
    );

    // A folder of several generated files (non-ASCII text, relations, every grade), and
    // a file given after it: merged in order, one cache file per set of inputs.
    let folder = tmp.path().join("parts");
    generated(&folder, 600, 3, 3);
    let both = vec![folder.clone(), rich.clone()];
    store_then_hit(&both, &cache);
    assert_eq!(cache_files(&cache).len(), 2, "{:?}", cache_files(&cache));
    // Written atomically: no temporary file is left beside them.
    for f in cache_files(&cache) {
        assert_eq!(f.extension().unwrap(), "tlxc", "{f:?}");
    }

    // A hit on the big generated one is still exactly the fresh timeline.
    let hit = cached(&both, &cache);
    assert!(hit.status.is_hit());
    let want = fresh(&both);
    assert_eq!(hit.loaded.timeline.inputs, want.timeline.inputs);
    assert_eq!(hit.loaded.timeline.index, want.timeline.index);
    assert_same(&hit.loaded, &want);
    assert!(hit.describe().starts_with("hit ("), "{}", hit.describe());
}

#[test]
fn a_one_byte_change_with_the_same_size_and_time_is_caught_by_the_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let paths = generated(&tmp.path().join("t"), 200, 5, 1);
    store_then_hit(&paths, &cache);

    let path = &paths[0];
    let before = fs::metadata(path).unwrap();
    let mut text = fs::read_to_string(path).unwrap();
    let at = text.find("title: \"").unwrap() + "title: \"".len();
    let old = text.as_bytes()[at];
    let new = if old == b'X' { "Y" } else { "X" };
    text.replace_range(at..at + 1, new);
    fs::write(path, &text).unwrap();
    let f = fs::File::options().write(true).open(path).unwrap();
    f.set_modified(before.modified().unwrap()).unwrap();
    drop(f);
    let after = fs::metadata(path).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());

    let got = cached(&paths, &cache);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Changed,
            stored: Stored::Yes
        }
    );
    let want = fresh(&paths);
    assert_same(&got.loaded, &want);
    assert!(
        want.timeline.title.starts_with(new),
        "{}",
        want.timeline.title
    );
    // The new content was stored: the next load hits with it.
    let again = cached(&paths, &cache);
    assert!(again.status.is_hit(), "{}", again.describe());
    assert_same(&again.loaded, &want);
}

#[test]
fn a_touched_file_or_a_changed_folder_or_other_limits_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let folder = tmp.path().join("parts");
    let files = generated(&folder, 300, 9, 2);
    let paths = vec![folder.clone()];
    store_then_hit(&paths, &cache);

    // Same bytes, newer time: the cheap check misses, and the load is stored again.
    let f = fs::File::options().write(true).open(&files[0]).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    let got = cached(&paths, &cache);
    assert!(
        matches!(
            got.status,
            Status::Miss {
                why: Miss::Stale,
                ..
            }
        ),
        "{}",
        got.describe()
    );
    assert_same(&got.loaded, &fresh(&paths));
    assert!(cached(&paths, &cache).status.is_hit());

    // A new file in the folder is part of the timeline: not the cached one.
    let extra = folder.join("zz-extra.yaml");
    fs::write(
        &extra,
        "events:\n  - id: extra-one\n    date: 2001\n    title: Extra\n    sources: [{publisher: X}]\n",
    )
    .unwrap();
    let got = cached(&paths, &cache);
    assert!(
        matches!(
            got.status,
            Status::Miss {
                why: Miss::Stale,
                ..
            }
        ),
        "{}",
        got.describe()
    );
    assert_same(&got.loaded, &fresh(&paths));
    fs::remove_file(&extra).unwrap();
    let got = cached(&paths, &cache);
    assert!(!got.status.is_hit());
    assert_same(&got.loaded, &fresh(&paths));
    assert!(cached(&paths, &cache).status.is_hit());

    // Other limits: the cached timeline was made under other rules.
    let opts = LoadOptions {
        max_expansion: 7,
        ..LoadOptions::default()
    };
    let got = cache::load_paths(&paths, &opts, &cache);
    assert!(
        matches!(
            got.status,
            Status::Miss {
                why: Miss::Options,
                ..
            }
        ),
        "{}",
        got.describe()
    );
    assert_same(&got.loaded, &load_paths(&paths, &opts));
}

#[test]
fn truncated_or_corrupt_cache_files_fall_back_to_parsing() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let rich = tmp.path().join("rich.yaml");
    fs::write(&rich, RICH).unwrap();
    let paths = vec![rich];
    let want = fresh(&paths);
    let file = store_then_hit(&paths, &cache);
    let good = fs::read(&file).unwrap();
    let n = good.len();

    let mut damaged: Vec<(String, Vec<u8>)> = Vec::new();
    // Cut at several places, from nothing to one byte short.
    let mut cuts = vec![0, 1, 4, 8, 11, 12, 16, 40, 100, n / 4, n / 2, n - 9, n - 1];
    cuts.retain(|&c| c < n);
    for c in cuts {
        damaged.push((format!("cut at {c}"), good[..c].to_vec()));
    }
    // One byte too many.
    let mut longer = good.clone();
    longer.push(0);
    damaged.push(("one byte more".into(), longer));
    // A flipped bit at positions spread over the header and the payload.
    for k in 0..48 {
        let at = k * (n - 1) / 47;
        let mut b = good.clone();
        b[at] ^= 1 << (k % 8);
        damaged.push((format!("bit {} flipped at {at}", k % 8), b));
    }
    // Random bytes, with and without the magic in front.
    let mut rng = Rng::new(42);
    for len in [1, 7, 64, 1000, n] {
        let noise: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        let mut magic = b"TLXCACHE".to_vec();
        magic.extend_from_slice(&noise);
        damaged.push((format!("{len} random bytes"), noise));
        damaged.push((format!("magic and {len} random bytes"), magic));
    }
    // The real header and checksum around a random payload of the right length.
    let header_len = n - 8 - payload_len(&good);
    let mut forged = good[..header_len].to_vec();
    forged.extend((header_len..n - 8).map(|_| rng.next_u64() as u8));
    forged.extend_from_slice(&good[n - 8..]);
    damaged.push(("a random payload".into(), forged));

    for (what, bytes) in damaged {
        fs::write(&file, &bytes).unwrap();
        let got = cached(&paths, &cache);
        assert!(!got.status.is_hit(), "{what}: {}", got.describe());
        assert_same(&got.loaded, &want);
        // The fresh load replaced the damaged file.
        assert_eq!(fs::read(&file).unwrap().len(), n, "{what}");
    }
    // The file as written is still good (the damage, not the file, made them miss).
    fs::write(&file, &good).unwrap();
    assert!(cached(&paths, &cache).status.is_hit());
}

#[test]
fn the_decoder_survives_forged_payloads_with_a_valid_checksum() {
    // The checksum detects damage, not forgery; the decoder runs while it is computed, so
    // it must survive any bytes: lengths, counts, indexes and keywords are all checked.
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let rich = tmp.path().join("rich.yaml");
    fs::write(&rich, RICH).unwrap();
    let paths = vec![rich];
    let want = fresh(&paths);
    let file = store_then_hit(&paths, &cache);
    let good = fs::read(&file).unwrap();
    let n = good.len();
    let start = n - 8 - payload_len(&good);
    let mut rng = Rng::new(7);
    for k in 0..160 {
        let mut b = good[..n - 8].to_vec();
        let at = start + rng.below(n - 8 - start);
        match k % 4 {
            0 => b[at] ^= 1 << rng.below(8),
            1 => b[at] = 0xFF,
            2 => {
                let end = (at + 4).min(b.len());
                b[at..end].fill(0xFF);
            }
            _ => b[at] = rng.next_u64() as u8,
        }
        let sum = cache::checksum(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        fs::write(&file, &b).unwrap();
        // Either the forged timeline is served (what the file says), or the fresh one.
        let got = cached(&paths, &cache);
        if !got.status.is_hit() {
            assert_same(&got.loaded, &want);
        }
    }
}

/// The payload's length: the header ends with it (u64), and the checksum (u64) follows
/// the payload.
fn payload_len(file: &[u8]) -> usize {
    (0..file.len() - 16)
        .find(|&at| {
            let len = u64::from_le_bytes(file[at..at + 8].try_into().unwrap());
            len as usize == file.len() - at - 16
        })
        .map(|at| file.len() - at - 16)
        .expect("a payload length field")
}

#[test]
fn a_cache_file_from_another_version_is_not_used() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let paths = generated(&tmp.path().join("t"), 100, 11, 1);
    let want = fresh(&paths);
    let key = Key::new(&paths, &LoadOptions::default()).unwrap();
    let file = cache.dir.as_ref().unwrap().join(key.file_name());
    fs::create_dir_all(file.parent().unwrap()).unwrap();

    // Written as this version would: used.
    fs::write(&file, cache::encode(&want.timeline, &key).unwrap()).unwrap();
    assert!(cached(&paths, &cache).status.is_hit());

    // The same, with another version in the version field: not used, and replaced.
    let other = cache::encode_with_version(&want.timeline, &key, "0.0.0-other").unwrap();
    assert_ne!(other, cache::encode(&want.timeline, &key).unwrap());
    fs::write(&file, &other).unwrap();
    let got = cached(&paths, &cache);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Version,
            stored: Stored::Yes
        }
    );
    assert_same(&got.loaded, &want);
    assert!(cached(&paths, &cache).status.is_hit());
}

#[test]
fn a_valid_cache_file_is_trusted_only_for_its_key_and_never_with_the_cache_off() {
    // A cache file for these very files whose timeline differs (a planted title) shows
    // which loads read the cache: a hit serves it, and `off` never does.
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let paths = generated(&tmp.path().join("t"), 100, 12, 1);
    let want = fresh(&paths);
    let key = Key::new(&paths, &LoadOptions::default()).unwrap();
    let mut planted = want.timeline.clone();
    planted.title = "Planted".into();
    let file = cache.dir.as_ref().unwrap().join(key.file_name());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    let bytes = cache::encode(&planted, &key).unwrap();
    fs::write(&file, &bytes).unwrap();

    assert_eq!(cached(&paths, &cache).loaded.timeline.title, "Planted");

    let off = Cache::off();
    let got = cached(&paths, &off);
    assert_eq!(got.status, Status::Off("--no-cache"));
    assert_same(&got.loaded, &want);
    assert_eq!(
        fs::read(&file).unwrap(),
        bytes,
        "--no-cache wrote the cache"
    );

    // --no-cache in the command line's options turns it off.
    let global = Global {
        workspace: None,
        tz: None,
        no_workspace: false,
        color: ColorChoice::Never,
        stats: false,
        max_file_size: 256 << 20,
        no_cache: true,
        config: None,
        max_expansion: 4,
    };
    assert_eq!(Cache::from_env(global.no_cache).dir, None);
}

#[test]
fn small_inputs_are_not_cached() {
    assert_eq!(cache::MIN_BYTES, 4 * 1024 * 1024);
    let tmp = tempfile::tempdir().unwrap();
    let cache = Cache::in_dir(tmp.path().join("xdg").join("tlx"));
    let paths = generated(&tmp.path().join("t"), 100, 13, 1);
    for _ in 0..2 {
        let got = cached(&paths, &cache);
        assert_eq!(got.status, Status::Small);
        assert_same(&got.loaded, &fresh(&paths));
    }
    assert!(!tmp.path().join("xdg").exists(), "the folder was created");
}

#[test]
fn loads_with_errors_or_warnings_are_not_cached() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    for fixture in [
        "warnings/tag-used-once.yaml",
        "errors/unknown-reference.yaml",
    ] {
        let path = tmp.path().join(fixture.replace('/', "-"));
        fs::copy(crate::util::fixture(fixture), &path).unwrap();
        let paths = vec![path];
        let want = fresh(&paths);
        assert!(!want.diagnostics.is_empty());
        for _ in 0..2 {
            let got = cached(&paths, &cache);
            assert_eq!(
                got.status,
                Status::Miss {
                    why: Miss::Absent,
                    stored: Stored::Diagnostics
                },
                "{fixture}"
            );
            assert_same(&got.loaded, &want);
        }
    }
    assert!(cache_files(&cache).is_empty());
    // Paths that cannot be listed are left to the loader, which reports them.
    let missing = vec![tmp.path().join("missing.yaml")];
    let got = cached(&missing, &cache);
    assert_eq!(got.status, Status::Unlisted);
    assert_same(&got.loaded, &fresh(&missing));
}

#[test]
fn an_unwritable_cache_folder_is_not_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    // The cache folder would be inside a regular file: it cannot be created.
    let blocker = tmp.path().join("not-a-folder");
    fs::write(&blocker, "x").unwrap();
    let cache = Cache::in_dir(blocker.join("tlx")).with_min_bytes(0);
    let paths = generated(&tmp.path().join("t"), 100, 14, 1);
    let got = cached(&paths, &cache);
    assert!(
        matches!(
            &got.status,
            Status::Miss {
                why: Miss::Unreadable(_),
                stored: Stored::Failed(_)
            }
        ),
        "{}",
        got.describe()
    );
    assert_same(&got.loaded, &fresh(&paths));
    assert!(got.describe().contains("not stored"), "{}", got.describe());
}

#[test]
fn the_cache_folder_follows_xdg() {
    use std::ffi::OsString;
    let os = |s: &str| Some(OsString::from(s));
    assert_eq!(
        cache::dir_from(os("/x/cache"), os("/home/u")),
        Some(PathBuf::from("/x/cache/tlx"))
    );
    // Relative or empty XDG_CACHE_HOME is ignored (the XDG specification).
    assert_eq!(
        cache::dir_from(os("rel/cache"), os("/home/u")),
        Some(PathBuf::from("/home/u/.cache/tlx"))
    );
    assert_eq!(
        cache::dir_from(os(""), os("/home/u")),
        Some(PathBuf::from("/home/u/.cache/tlx"))
    );
    assert_eq!(cache::dir_from(None, None), None);
}

/// A valid timeline of just over [`cache::MIN_BYTES`]: one event and a long comment.
pub(crate) fn big_file(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "title: Big\nevents:\n  - id: one\n    date: 2024\n    title: One\n    sources: [{publisher: P}]\n",
    );
    let line = format!("# {}\n", "padding ".repeat(12));
    while (text.len() as u64) <= cache::MIN_BYTES {
        text.push_str(&line);
    }
    let p = dir.join("big.yaml");
    fs::write(&p, text).unwrap();
    p
}

#[test]
fn the_command_line_uses_the_cache_and_no_cache_neither_reads_nor_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_file(tmp.path());
    let big = big.to_str().unwrap();
    let xdg = tmp.path().join("xdg");
    let run = |args: &[&str]| {
        tlx()
            .env("XDG_CACHE_HOME", &xdg)
            .args(["list", big, "--format", "ids"])
            .args(args)
            .output()
            .unwrap()
    };
    let cache_dir = xdg.join("tlx");
    let files = || -> Vec<PathBuf> {
        fs::read_dir(&cache_dir).map_or(Vec::new(), |d| d.map(|e| e.unwrap().path()).collect())
    };

    let o = run(&["--no-cache", "--stats"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), "one\n");
    assert!(
        stderr(&o).contains("cache:         off (--no-cache)"),
        "{}",
        stderr(&o)
    );
    assert!(!xdg.exists(), "--no-cache created the cache folder");

    let o = run(&["--stats"]);
    assert_eq!(stdout(&o), "one\n");
    assert!(
        stderr(&o).contains("cache:         miss (no cached copy); stored in"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files().len(), 1);

    let o = run(&["--stats"]);
    assert_eq!(stdout(&o), "one\n");
    assert!(
        stderr(&o).contains("cache:         hit ("),
        "{}",
        stderr(&o)
    );
    // Without --stats, the cache says nothing.
    let o = run(&[]);
    assert_eq!(stdout(&o), "one\n");
    assert_eq!(stderr(&o), "");

    // A damaged cache file stays as it is under --no-cache (not read, not replaced)…
    let file = files().pop().unwrap();
    let damaged = b"TLXCACHE\x01\x00\x00\x00damaged";
    fs::write(&file, damaged).unwrap();
    let o = run(&["--no-cache"]);
    assert_eq!(stdout(&o), "one\n");
    assert_eq!(fs::read(&file).unwrap(), damaged);
    // …and is replaced by the next load that uses the cache.
    let o = run(&["--stats"]);
    assert_eq!(stdout(&o), "one\n");
    assert!(
        stderr(&o).contains("cache:         miss ("),
        "{}",
        stderr(&o)
    );
    assert_ne!(fs::read(&file).unwrap(), damaged);
}

#[test]
fn the_command_line_loads_when_the_cache_folder_is_unwritable() {
    let tmp = tempfile::tempdir().unwrap();
    let big = big_file(tmp.path());
    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, "x").unwrap();
    let o = tlx()
        .env("XDG_CACHE_HOME", &blocker)
        .args(["list", big.to_str().unwrap(), "--format", "ids"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert_eq!(stdout(&o), "one\n");
    assert_eq!(stderr(&o), "", "silent without --stats");
    let o = tlx()
        .env("XDG_CACHE_HOME", &blocker)
        .args(["list", big.to_str().unwrap(), "--format", "ids", "--stats"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        stderr(&o).contains("not stored (cannot write"),
        "{}",
        stderr(&o)
    );
}
