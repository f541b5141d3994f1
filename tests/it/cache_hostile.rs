//! Hostile cache files (src/cache/): whatever is at the cache path, whoever wrote it and
//! whatever it says, a load is the fresh one or a hit on what a load would give; never a
//! hang, a read without end, or what the loader would refuse.

use std::fs;
use std::path::{Path, PathBuf};

use tlx::cache::{self, Cache, Key, Miss, Status, Stored};
use tlx::model::{LoadOptions, Loaded};

use crate::cache::{RICH, assert_same, big_file, cache_in, cached, fresh, generated};
use crate::util::{stderr, stdout};

/// Runs `f` on another thread and fails the test if it has not finished within 20 s (a
/// read that blocks for ever).
fn guarded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(20))
        .unwrap_or_else(|_| panic!("{what} did not finish within 20 s"))
}

/// The rich timeline in its own file, its fresh load, and its cache file's path (not
/// written yet; the folder exists).
fn rich_setup(tmp: &Path, cache: &Cache) -> (Vec<PathBuf>, Loaded, PathBuf) {
    let rich = tmp.join("rich.yaml");
    fs::write(&rich, RICH).unwrap();
    let paths = vec![rich];
    let want = fresh(&paths);
    let key = Key::new(&paths, &LoadOptions::default()).unwrap();
    let file = cache.dir.as_ref().unwrap().join(key.file_name());
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    (paths, want, file)
}

#[cfg(unix)]
#[test]
fn a_named_pipe_at_the_cache_path_is_a_miss_not_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, file) = rich_setup(tmp.path(), &cache);
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .unwrap();
    assert!(made.success());
    let got = {
        let (paths, cache) = (paths.clone(), cache.clone());
        guarded("a load with a pipe at the cache path", move || {
            cached(&paths, &cache)
        })
    };
    match &got.status {
        Status::Miss {
            why: Miss::Unreadable(why),
            stored: Stored::Failed(not_stored),
        } => {
            assert!(why.contains("not a regular file"), "{why}");
            assert!(not_stored.contains("not a regular file"), "{not_stored}");
        }
        other => panic!("{other:?}"),
    }
    assert_same(&got.loaded, &want);
    // Nothing was written over (or into) the pipe.
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&file).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn a_cache_file_linked_to_dev_zero_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, file) = rich_setup(tmp.path(), &cache);
    // A link to a device, and a link to a good cache file: a cache file is never a link.
    std::os::unix::fs::symlink("/dev/zero", &file).unwrap();
    let got = {
        let (paths, cache) = (paths.clone(), cache.clone());
        guarded("a load with /dev/zero at the cache path", move || {
            cached(&paths, &cache)
        })
    };
    assert!(
        matches!(&got.status, Status::Miss { why: Miss::Unreadable(w), .. } if w.contains("symbolic link")),
        "{}",
        got.describe()
    );
    assert_same(&got.loaded, &want);
    fs::remove_file(&file).unwrap();
    let good = tmp.path().join("good.tlxc");
    cached(&paths, &cache);
    fs::rename(&file, &good).unwrap();
    std::os::unix::fs::symlink(&good, &file).unwrap();
    let got = cached(&paths, &cache);
    assert!(!got.status.is_hit(), "{}", got.describe());
    assert_same(&got.loaded, &want);
}

#[test]
fn a_cache_file_is_read_only_up_to_the_length_it_states() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, file) = rich_setup(tmp.path(), &cache);
    // A sparse file of 3 GiB whose prefix claims all of it: larger than any cache file of
    // these inputs, refused before a byte past the prefix is read.
    let huge = 3u64 << 30;
    let mut prefix = b"TLXCACHE".to_vec();
    prefix.extend_from_slice(&cache::LAYOUT.to_le_bytes());
    prefix.extend_from_slice(&huge.to_le_bytes());
    prefix.extend_from_slice(&0u64.to_le_bytes());
    fs::write(&file, &prefix).unwrap();
    fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_len(huge)
        .unwrap();
    let got = cached(&paths, &cache);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Corrupt("larger than a cache file of these inputs"),
            stored: Stored::Yes
        }
    );
    assert_same(&got.loaded, &want);
    assert!(cache::max_len(RICH.len() as u64) < huge);
    // A length that is not the file's: not read either.
    let mut good = fs::read(&file).unwrap();
    let wrong = good.len() as u64 + 1;
    good[12..20].copy_from_slice(&wrong.to_le_bytes());
    fs::write(&file, &good).unwrap();
    let got = cached(&paths, &cache);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Corrupt("truncated or extended"),
            stored: Stored::Yes
        }
    );
}

#[test]
fn a_cache_file_of_the_old_layout_is_a_clean_miss() {
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, file) = rich_setup(tmp.path(), &cache);
    assert_eq!(cache::LAYOUT, 6);
    // The hand-written layout 1 (magic, layout, the version as a length and bytes, the
    // build, the limits, the inputs, the payload…) and layout 2 (serde-encoded, without
    // the inputs' content sums), layout 3 (without events' media), layout 4 (dates
    // without times of day) and layout 5 (tags without titles, eras without short
    // labels): their start is enough to be told apart.
    for layout in [1u32, 2, 3, 4, 5] {
        let mut old = b"TLXCACHE".to_vec();
        old.extend_from_slice(&layout.to_le_bytes());
        old.extend_from_slice(&5u32.to_le_bytes());
        old.extend_from_slice(b"0.1.0");
        old.extend_from_slice(&[0x5A; 600]);
        fs::write(&file, &old).unwrap();
        let got = cached(&paths, &cache);
        assert_eq!(
            got.status,
            Status::Miss {
                why: Miss::Version,
                stored: Stored::Yes
            },
            "layout {layout}"
        );
        assert_same(&got.loaded, &want);
    }
    assert!(cached(&paths, &cache).status.is_hit());
}

/// Writes `tl` (with the search index of `index_of`) as the cache file of `paths`, with a
/// valid checksum, loads through the cache, and returns what came of it.
fn planted(
    paths: &[PathBuf],
    cache: &Cache,
    tl: &tlx::model::Timeline,
    index_of: &tlx::model::Timeline,
) -> cache::CachedLoad {
    let key = Key::new(paths, &LoadOptions::default()).unwrap();
    let index = tlx::query::SearchIndex::new(index_of);
    let bytes = cache::encode_with_index(tl, &index, &key).unwrap();
    fs::write(cache.dir.as_ref().unwrap().join(key.file_name()), bytes).unwrap();
    cached(paths, cache)
}

#[test]
fn a_forged_cache_with_a_valid_checksum_is_held_to_the_loaders_rules() {
    use tlx::model::{Credibility, Date, Origin, Timeline};
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, _) = rich_setup(tmp.path(), &cache);
    let good = want.timeline.clone();
    // The very timeline, planted: served (the forging below is what is refused).
    assert!(planted(&paths, &cache, &good, &good).status.is_hit());

    let date = |json: &str| serde_json::from_str::<Date>(json).unwrap();
    type Edit = Box<dyn Fn(&mut Timeline)>;
    let edits: Vec<(&str, &str, Edit)> = vec![
        (
            "an id the loader refuses",
            "an invalid event id",
            Box::new(|t| t.events[0].id = "Evil Id".into()),
        ),
        (
            "a javascript: URL",
            "a URL that is not http or https",
            Box::new(|t| t.sources[0].url = Some("javascript:alert(1)".into())),
        ),
        (
            "a javascript: archive URL",
            "a URL that is not http or https",
            Box::new(|t| t.sources[0].archive_url = Some("javascript:x".into())),
        ),
        (
            "a tag out of range",
            "a tag out of range",
            Box::new(|t| t.events[0].tags[0] = 99),
        ),
        (
            "an actor out of range",
            "an actor out of range",
            Box::new(|t| t.events[0].actors[0].actor = 99),
        ),
        (
            "a source out of range",
            "a source out of range",
            Box::new(|t| t.events[0].citations[0].source = 99),
        ),
        (
            "an event out of range",
            "an event out of range",
            Box::new(|t| t.events[1].related[0].event = 99),
        ),
        (
            "an event related to itself",
            "an event related to itself",
            Box::new(|t| t.events[1].related[0].event = 1),
        ),
        (
            "an input out of range",
            "an input out of range",
            Box::new(|t| t.events[2].origin = Origin { input: 3 }),
        ),
        (
            "an era's input out of range",
            "an input out of range",
            Box::new(|t| t.eras[0].origin = Origin { input: 1 }),
        ),
        (
            "events out of order",
            "events out of order",
            Box::new(|t| t.events[0].date = Date::parse("2022").unwrap()),
        ),
        (
            "an id given twice",
            "an id given twice",
            Box::new(|t| t.events[2].id = t.events[0].id.clone()),
        ),
        (
            "a tag given twice",
            "a tag given twice",
            Box::new(|t| {
                let x = t.events[0].tags[0];
                t.events[0].tags.push(x)
            }),
        ),
        (
            "tags out of order",
            "tags out of order",
            Box::new(|t| t.tags.reverse()),
        ),
        (
            "a title of two lines",
            "a bad event title",
            Box::new(|t| t.events[0].title = "One\nTwo".into()),
        ),
        (
            "a blank title",
            "a bad event title",
            Box::new(|t| t.events[0].title = "  ".into()),
        ),
        (
            "a bad country",
            "a bad country code",
            Box::new(|t| t.actors[0].country = Some("Italy".into())),
        ),
        (
            "an event without sources",
            "an event without a source",
            Box::new(|t| t.events[2].citations.clear()),
        ),
        (
            "a grade of 9",
            "a grade out of range",
            Box::new(move |t| {
                t.events[0].citations[0].credibility =
                    Some(serde_json::from_str::<Credibility>("9").unwrap())
            }),
        ),
        (
            "month 13",
            "a date out of range",
            Box::new(move |t| {
                t.events[0].date = date(
                    r#"{"year":2020,"month":13,"day":0,"qualifier":"None","clock":null,"offset":"Local","zone":null,"lo":63713520000000,"hi":63745142399999}"#,
                )
            }),
        ),
        (
            "bounds not the date's",
            "a date out of range",
            Box::new(move |t| {
                t.events[0].end = Some(date(
                    r#"{"year":2025,"month":0,"day":0,"qualifier":"None","clock":null,"offset":"Local","zone":null,"lo":5,"hi":1}"#,
                ))
            }),
        ),
        (
            "a zone whose clock the bounds do not follow",
            "a date out of range",
            Box::new(move |t| {
                let utc = Date::parse("2020-06-20T14:30").unwrap();
                let json = serde_json::to_string(&utc)
                    .unwrap()
                    .replace(r#""zone":null"#, r#""zone":"Europe/Berlin""#);
                t.events[0].date = date(&json);
            }),
        ),
        (
            "an end before the date",
            "an event that ends before its date",
            Box::new(|t| t.events[1].end = Some(Date::parse("1900").unwrap())),
        ),
        (
            "a tag used once",
            "a tag used only once",
            Box::new(|t| t.events[1].tags.retain(|&x| x != 1)),
        ),
        (
            "a source nobody cites",
            "a source not cited",
            Box::new(|t| t.events[0].citations.truncate(1)),
        ),
        (
            "a misnamed inline source",
            "a misnamed source",
            Box::new(|t| {
                let i = t.sources.iter().position(|s| s.inline).unwrap();
                t.sources[i].id = "later/2".into();
            }),
        ),
        (
            "an actor given twice",
            "an actor given twice",
            Box::new(|t| {
                let a = t.events[0].actors[0].clone();
                t.events[0].actors.push(a)
            }),
        ),
        (
            "a relation given twice",
            "a relation given twice",
            Box::new(|t| {
                let l = t.events[1].related[0];
                t.events[1].related.push(l)
            }),
        ),
        (
            "eras out of order",
            "eras out of order",
            Box::new(|t| t.eras.swap(0, 1)),
        ),
        (
            "an invalid actor id",
            "an invalid actor id",
            Box::new(|t| t.actors[0].id = "Rome".into()),
        ),
        (
            "an invalid tag",
            "an invalid tag",
            Box::new(|t| t.tags[1] = "Violence!".into()),
        ),
        (
            "an era that ends first",
            "an era that ends before it starts",
            Box::new(|t| t.eras[0].end = Some(Date::parse("-0200").unwrap())),
        ),
        (
            "a blank publisher",
            "a source without a publisher",
            Box::new(|t| t.sources[0].publisher = " ".into()),
        ),
        (
            "an event after the update",
            "an event after the timeline's update",
            Box::new(|t| t.updated = Some(Date::parse("2000").unwrap())),
        ),
    ];
    for (what, reason, edit) in edits {
        let mut forged = good.clone();
        edit(&mut forged);
        let got = planted(&paths, &cache, &forged, &good);
        assert!(
            matches!(got.status, Status::Miss { why: Miss::Corrupt(r), .. } if r == reason),
            "{what}: {}",
            got.describe()
        );
        assert_same(&got.loaded, &want);
    }
}

#[test]
fn the_search_index_comes_from_the_cache_and_a_bad_one_is_rebuilt() {
    use tlx::query::{Context, SearchIndex, Sort, select};
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let paths = generated(&tmp.path().join("t"), 400, 21, 2);
    let want = fresh(&paths);
    let search = |tl: &tlx::model::Timeline, ix: &SearchIndex, q: &str| {
        select(tl, ix, q, &Context::default(), Sort::Score).unwrap()
    };
    let fresh_index = SearchIndex::new(&want.timeline);
    // Stored with a miss (the one built to store is handed back), read with a hit.
    let first = cached(&paths, &cache);
    let built = first.index.expect("the index built to be stored");
    let second = cached(&paths, &cache);
    assert!(second.status.is_hit());
    let read = second
        .index
        .expect("a hit has the index")
        .open()
        .expect("it opens");
    for q in ["k", "treaty", "berlin treaty", "zurich"] {
        let expected = search(&want.timeline, &fresh_index, q);
        assert_eq!(search(&want.timeline, &read, q), expected, "{q}");
        let built = cache::index_for(Some(cached(&paths, &cache).index.unwrap()), &want.timeline);
        assert_eq!(search(&want.timeline, &built, q), expected, "{q}");
    }
    assert_eq!(
        built.open().map(|ix| ix.len()),
        Some(want.timeline.events.len())
    );
    // The index of another timeline (fewer events), planted with a valid checksum: not
    // opened, and built anew for the timeline.
    let mut fewer = want.timeline.clone();
    fewer.events.truncate(10);
    let got = planted(&paths, &cache, &want.timeline, &fewer);
    assert!(got.status.is_hit(), "{}", got.describe());
    let stored = got.index.unwrap();
    assert!(format!("{stored:?}").contains("400 events"), "{stored:?}");
    assert!(stored.open().is_none());
    let rebuilt = cache::index_for(
        planted(&paths, &cache, &want.timeline, &fewer).index,
        &want.timeline,
    );
    assert_eq!(
        search(&want.timeline, &rebuilt, "treaty"),
        search(&want.timeline, &fresh_index, "treaty")
    );
}

#[cfg(unix)]
#[test]
fn a_cache_folder_or_file_others_may_write_to_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let (paths, want, file) = rich_setup(tmp.path(), &cache);
    let mut planted_tl = want.timeline.clone();
    planted_tl.title = "Planted".into();
    let dir = cache.dir.clone().unwrap();
    let mode = |p: &Path, m: u32| fs::set_permissions(p, fs::Permissions::from_mode(m)).unwrap();
    for (dir_mode, file_mode, who) in [
        (0o777, 0o600, "folder"),
        (0o770, 0o600, "folder"),
        (0o700, 0o666, "file"),
        (0o700, 0o620, "file"),
    ] {
        mode(&dir, 0o700);
        let got = planted(&paths, &cache, &planted_tl, &want.timeline);
        assert_eq!(
            got.loaded.timeline.title, "Planted",
            "the planted file is valid"
        );
        mode(&file, file_mode);
        mode(&dir, dir_mode);
        let got = cached(&paths, &cache);
        let shown = if who == "folder" { &dir } else { &file };
        match &got.status {
            Status::Miss {
                why: Miss::Untrusted(why),
                ..
            } => assert!(
                why.contains(&shown.display().to_string())
                    && why.contains("may be written by other users"),
                "{why}"
            ),
            other => panic!("{dir_mode:o} {file_mode:o}: {other:?}"),
        }
        assert!(
            got.describe().contains("miss (not trusted: "),
            "{}",
            got.describe()
        );
        assert_same(&got.loaded, &want);
    }
    // A folder others may write to is not written to either.
    mode(&dir, 0o777);
    fs::remove_file(&file).unwrap();
    let got = cached(&paths, &cache);
    assert!(
        matches!(&got.status, Status::Miss { why: Miss::Absent, stored: Stored::Failed(e) } if e.contains("may be written by other users")),
        "{}",
        got.describe()
    );
    assert!(!file.exists());
}

/// A cache folder of another user's, with a valid cache file for the very inputs, that
/// `tlx` (run as someone else) can read: not used, and `--stats` says why.
#[cfg(unix)]
#[test]
fn a_cache_planted_by_another_user_is_not_trusted() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path();
    fs::set_permissions(scratch, fs::Permissions::from_mode(0o755)).unwrap();
    let big = big_file(scratch);
    fs::set_permissions(&big, fs::Permissions::from_mode(0o644)).unwrap();
    let big = big.to_str().unwrap();
    let xdg = scratch.join("xdg");
    let dir = xdg.join("tlx");
    fs::create_dir_all(&dir).unwrap();
    for d in [&xdg, &dir] {
        fs::set_permissions(d, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let stats_of = |mut c: std::process::Command| {
        let o = c
            .env("XDG_CACHE_HOME", &xdg)
            .args(["list", big, "--format", "ids", "--stats"])
            .output()
            .unwrap();
        assert_eq!(stdout(&o), "one\n", "{}", stderr(&o));
        stderr(&o)
    };
    // `tlx` as the user running the tests (`tlx_unprivileged` would be `nobody` for root).
    let as_me = || {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("tlx"));
        c.env("NO_COLOR", "1")
            .env_remove("TLX_CONFIG")
            .env("XDG_CONFIG_HOME", "/nonexistent-tlx-test-config")
            .env("HOME", "/nonexistent-tlx-test-home");
        c
    };
    if crate::util::is_root() {
        // Written by root (a genuine cache file: root's next run hits it), then made
        // readable to all; `nobody` reads a folder and a file that are not its own.
        let err = stats_of(as_me());
        assert!(err.contains("stored in"), "{err}");
        let err = stats_of(as_me());
        assert!(err.contains("cache:         hit ("), "{err}");
        for f in fs::read_dir(&dir).unwrap() {
            fs::set_permissions(f.unwrap().path(), fs::Permissions::from_mode(0o644)).unwrap();
        }
        let err = stats_of(crate::util::tlx_unprivileged(scratch));
        assert!(
            err.contains(&format!(
                "miss (not trusted: {} belongs to another user)",
                dir.display()
            )),
            "{err}"
        );
        assert!(err.contains("not stored ("), "{err}");
    } else {
        // Not root: the other user is root, whose folder the cache folder leads to.
        fs::remove_dir(&dir).unwrap();
        std::os::unix::fs::symlink("/", &dir).unwrap();
        let err = stats_of(as_me());
        assert!(
            err.contains(&format!(
                "not stored ({} belongs to another user)",
                dir.display()
            )),
            "{err}"
        );
    }
}

#[test]
fn runs_of_events_are_checked_where_they_meet() {
    use tlx::model::{Link, RelKind};
    let tmp = tempfile::tempdir().unwrap();
    let cache = cache_in(tmp.path());
    let n = 2 * cache::CHUNK + 100;
    let paths = generated(&tmp.path().join("t"), n, 31, 1);
    let want = fresh(&paths);
    assert_eq!(want.timeline.events.len(), n);
    // Three runs of events, decoded on every core: the hit is the fresh timeline.
    let first = cached(&paths, &cache);
    assert!(
        matches!(
            first.status,
            Status::Miss {
                stored: Stored::Yes,
                ..
            }
        ),
        "{}",
        first.describe()
    );
    let hit = cached(&paths, &cache);
    assert!(hit.status.is_hit(), "{}", hit.describe());
    assert_same(&hit.loaded, &want);

    let good = &want.timeline;
    let at = cache::CHUNK;
    // The first event of the second run made the earliest: out of order only where the
    // runs meet.
    let mut forged = good.clone();
    forged.events[at].date = good.events[0].date;
    forged.events[at].end = None;
    let got = planted(&paths, &cache, &forged, good);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Corrupt("events out of order"),
            stored: Stored::Yes
        }
    );
    assert_same(&got.loaded, &want);
    // A link past the last event, from the last run.
    let mut forged = good.clone();
    forged.events[n - 1].related.push(Link {
        event: n as u32,
        kind: RelKind::Context,
    });
    let got = planted(&paths, &cache, &forged, good);
    assert_eq!(
        got.status,
        Status::Miss {
            why: Miss::Corrupt("an event out of range"),
            stored: Stored::Yes
        }
    );
    assert_same(&got.loaded, &want);
}
