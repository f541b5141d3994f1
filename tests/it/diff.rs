//! `tlx diff` (files, folders and git revisions) and "changes since the last brief"
//! (`tlx export --draft NAME --changes`, and the record a written brief leaves).

use std::path::Path;
use std::process::Command;

use crate::util::{fixture, stderr, stdout, tlx};

fn diff(args: &[&str]) -> std::process::Output {
    tlx().arg("diff").args(args).output().unwrap()
}

fn old() -> String {
    fixture("diff/old.yaml").display().to_string()
}

fn new() -> String {
    fixture("diff/new.yaml").display().to_string()
}

#[test]
fn every_kind_of_change_is_reported_and_the_exit_is_one() {
    let o = diff(&[&old(), &new()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let text = stdout(&o).replace(&old(), "OLD").replace(&new(), "NEW");
    insta::assert_snapshot!(text);
}

#[test]
fn the_same_timeline_twice_is_no_difference_and_exit_zero() {
    let o = diff(&[&old(), &old()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).ends_with("no differences\n"), "{}", stdout(&o));
}

#[test]
fn json_names_each_change_with_its_old_and_new_values() {
    let o = diff(&[&old(), &new(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let j: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(j["version"], 1);
    assert_eq!(j["same"], false);
    let events = j["events"].as_array().unwrap();
    let by = |id: &str| events.iter().find(|e| e["id"] == id).unwrap().clone();
    // A change of precision is a re-dating.
    let cutoff = by("cutoff");
    assert_eq!(cutoff["change"], "changed");
    assert_eq!(cutoff["fields"][0]["field"], "date");
    assert_eq!(cutoff["fields"][0]["old"], "2024-09-29");
    assert_eq!(cutoff["fields"][0]["new"], "2024-09");
    // A gone id with a new one of the same date and a similar title.
    let renamed = by("company-statement");
    assert_eq!(renamed["change"], "renamed");
    assert_eq!(renamed["old_id"], "statement");
    assert_eq!(by("added-one")["change"], "added");
    // The citation's credibility and the source's reliability.
    let ban = by("ban");
    let fields = ban["fields"].as_array().unwrap();
    assert!(fields.iter().any(|f| f["field"] == "summary"));
    assert!(
        fields.iter().any(|f| f["field"] == "regraded"
            && f["grade"] == "credibility"
            && f["old"] == "1"
            && f["new"] == "2"),
        "{fields:?}"
    );
    assert_eq!(j["sources"][0]["id"], "swissinfo");
    assert_eq!(j["sources"][0]["fields"][0]["field"], "reliability");
    assert_eq!(j["eras"][0]["id"], "modern");
}

#[test]
fn markdown_is_a_section_a_brief_can_carry() {
    let o = diff(&[&old(), &new(), "--format", "md"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o).replace(&old(), "OLD").replace(&new(), "NEW");
    insta::assert_snapshot!(text);
}

#[test]
fn a_broken_input_is_reported_with_its_place_and_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "events: [\n").unwrap();
    let o = diff(&[bad.to_str().unwrap(), &new()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.yaml:1:9"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

pub(crate) fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
}

/// A repository with `t.yaml` committed as the old version and the new one on disk.
pub(crate) fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    std::fs::copy(fixture("diff/old.yaml"), dir.path().join("t.yaml")).unwrap();
    git(dir.path(), &["add", "t.yaml"]);
    git(dir.path(), &["commit", "-qm", "old"]);
    git(dir.path(), &["tag", "v1"]);
    std::fs::copy(fixture("diff/new.yaml"), dir.path().join("t.yaml")).unwrap();
    dir
}

#[test]
fn a_revision_is_read_through_git() {
    let dir = repo();
    let run = |args: &[&str]| {
        tlx()
            .arg("diff")
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    // A revision alone takes the other side's path.
    let o = run(&["HEAD", "t.yaml"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("HEAD:t.yaml → t.yaml: "), "{out}");
    assert!(out.contains("statement → company-statement"), "{out}");
    // REV:PATH on both sides, and a tag.
    let o = run(&["v1:t.yaml", "HEAD:t.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A folder at a revision, against the folder on disk.
    let o = run(&["v1:.", "."]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // An unknown revision says what git said.
    let o = run(&["nosuch", "t.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nosuch"), "{}", stderr(&o));
}

#[test]
fn a_revision_outside_a_repository_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("diff/old.yaml"), dir.path().join("t.yaml")).unwrap();
    let o = tlx()
        .args(["diff", "HEAD", "t.yaml"])
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a git repository"),
        "{}",
        stderr(&o)
    );
}

const WORK: &str = "version: 1
drafts:
  weekly:
    title: Weekly
    judgments:
    - text: The ban will likely hold.
      likelihood: likely
      confidence: moderate
      events: [ban, cutoff]
    - text: Tokyo is beside the point.
      events: [tokyo-accord]
    events: [ban, statement, cutoff, zurich-summit, tokyo-accord]
";

#[test]
fn a_brief_written_to_a_file_is_recorded_and_the_next_says_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("w.yaml");
    std::fs::write(&work, WORK).unwrap();
    let tl = dir.path().join("t.yaml");
    std::fs::copy(fixture("diff/old.yaml"), &tl).unwrap();
    let export = |extra: &[&str]| {
        tlx()
            .arg("--workspace")
            .arg(&work)
            .arg("export")
            .arg(&tl)
            .args(["--draft", "weekly"])
            .args(extra)
            .output()
            .unwrap()
    };
    // The first brief has nothing to compare with: said, and no section.
    let first = dir.path().join("b1.md");
    let o = export(&["--changes", "--now", "2026-12-01T09:00:00Z", "-o"]);
    assert_eq!(o.status.code(), Some(2), "-o needs its file");
    let o = tlx()
        .arg("--workspace")
        .arg(&work)
        .arg("export")
        .arg(&tl)
        .args([
            "--draft",
            "weekly",
            "--changes",
            "--now",
            "2026-12-01T09:00:00Z",
            "-o",
        ])
        .arg(&first)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("nothing to compare with"),
        "{}",
        stderr(&o)
    );
    assert!(
        !std::fs::read_to_string(&first)
            .unwrap()
            .contains("Changes since")
    );
    let kept = std::fs::read_to_string(&work).unwrap();
    assert!(
        kept.contains("briefs:\n- draft: weekly\n  at: \"2026-12-01T09:00:00Z\""),
        "{kept}"
    );
    assert!(kept.contains("credibility: \"1\""), "{kept}");

    // A preview on stdout is not recorded.
    let o = export(&["--now", "2026-12-01T10:00:00Z"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&work).unwrap(), kept);

    std::fs::copy(fixture("diff/new.yaml"), &tl).unwrap();
    let o = export(&["--changes", "--now", "2026-12-02T09:00:00Z"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    let start = md.find("## Changes since").expect("a changes section");
    let end = start + md[start..].find("\n## Key events").unwrap();
    insta::assert_snapshot!(&md[start..end]);
}

#[test]
fn changes_needs_a_draft() {
    let o = tlx().args(["export", "--changes"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--draft"), "{}", stderr(&o));
}
