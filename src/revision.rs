//! A timeline as a git revision holds it: `REV:PATH` (a file or a folder) read with
//! `git show` and `git ls-tree`, run directly (never through a shell). Paths are taken
//! from the current folder, as `git show REV:./PATH` takes them.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::model::{LoadOptions, Timeline, load_texts};

/// One timeline file's text at a revision, named `REV:PATH`.
pub type Text = (String, String);

/// Why a revision could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RevisionError(pub String);

/// `arg` as `REV:PATH`, when it has that form (`HEAD~3:events.yaml`, `v1.2:data/`).
pub fn split(arg: &str) -> Option<(&str, &str)> {
    let (rev, path) = arg.split_once(':')?;
    (!rev.is_empty() && !path.is_empty()).then_some((rev, path))
}

/// The timeline files `path` names at `rev`: the file itself, or every `*.yaml` /
/// `*.yml` under the folder, in path order. `max_bytes` bounds each file.
pub fn read(rev: &str, path: &str, max_bytes: u64) -> Result<Vec<Text>, RevisionError> {
    not_an_option(rev)?;
    let path = path.strip_prefix("./").unwrap_or(path);
    // An absolute path is read from its own folder, where git finds its repository.
    let (dir, path) = match Path::new(path) {
        p if p.is_absolute() && p.is_dir() => (Some(p.to_path_buf()), ".".to_string()),
        p if p.is_absolute() => (
            p.parent().map(Path::to_path_buf),
            p.file_name()
                .map_or_else(|| ".".into(), |n| n.to_string_lossy().into_owned()),
        ),
        _ => (None, path.to_string()),
    };
    let (dir, path) = (dir.as_deref(), path.as_str());
    let git = |args: &[&str]| git(dir, args);
    let kind = git(&["cat-file", "-t", &spec(rev, path)]).map_err(|e| {
        RevisionError(format!(
            "git cannot read {}: {e}",
            crate::text::sanitize(&format!("{rev}:{path}"))
        ))
    })?;
    let files: Vec<String> = match String::from_utf8_lossy(&kind).trim() {
        "blob" => vec![path.to_string()],
        "tree" => {
            let listed = git(&["ls-tree", "-r", "-z", "--name-only", rev, "--", path])
                .map_err(RevisionError)?;
            let mut names: Vec<String> = listed
                .split(|&b| b == 0)
                .filter(|n| !n.is_empty())
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .filter(|n| crate::model::is_yaml(Path::new(n)))
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(RevisionError(format!(
                    "{rev}:{path} holds no *.yaml or *.yml file"
                )));
            }
            names
        }
        other => {
            return Err(RevisionError(format!(
                "{rev}:{path} is a git {other}, not a file or a folder"
            )));
        }
    };
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let name = format!("{rev}:{f}");
        let size = git(&["cat-file", "-s", &spec(rev, &f)]).map_err(RevisionError)?;
        let size: u64 = String::from_utf8_lossy(&size).trim().parse().unwrap_or(0);
        if size > max_bytes {
            return Err(RevisionError(format!(
                "{name} is {} bytes, more than the largest file accepted ({max_bytes}; see --max-file-size)",
                size
            )));
        }
        let bytes = git(&["show", &spec(rev, &f)]).map_err(RevisionError)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            RevisionError(format!(
                "{name} is not UTF-8 text (byte {})",
                e.utf8_error().valid_up_to()
            ))
        })?;
        out.push((name, text));
    }
    Ok(out)
}

/// The files `tl` was read from, as revision `rev` of their repository holds them, loaded
/// and validated. A file that `rev` does not have yet is left out (its events show as
/// added) and named in the second value. The embedded timeline has no revisions.
pub fn timeline_at(
    rev: &str,
    tl: &Timeline,
    opts: &LoadOptions,
) -> Result<(Timeline, Vec<String>), RevisionError> {
    let files: Vec<PathBuf> = tl
        .inputs
        .iter()
        .filter_map(|i| i.path.as_deref())
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
        .collect();
    if files.is_empty() {
        return Err(RevisionError(
            "the embedded timeline has no git history: open a timeline file kept in git (tlx FILE)"
                .into(),
        ));
    }
    not_an_option(rev)?;
    let mut texts = Vec::new();
    let mut missing = Vec::new();
    // The revision is checked once in each folder (a folder's files share a repository).
    let mut checked: Vec<&Path> = Vec::new();
    for file in &files {
        let (dir, name) = (file.parent(), file.file_name().unwrap_or_default());
        let name = name.to_string_lossy();
        let shown = crate::text::sanitize(&file.display().to_string()).into_owned();
        if let Some(d) = dir
            && !checked.contains(&d)
        {
            let commit = format!("{rev}^{{commit}}");
            git(dir, &["rev-parse", "--verify", "--quiet", &commit]).map_err(|e| {
                let why = if e == GIT_FAILED {
                    format!("'{}' is not a revision there", crate::text::sanitize(rev))
                } else {
                    e
                };
                RevisionError(format!("git cannot read {shown} at {rev}: {why}"))
            })?;
            checked.push(d);
        }
        if git(dir, &["cat-file", "-e", &spec(rev, &name)]).is_err() {
            missing.push(shown);
            continue;
        }
        texts.extend(read(rev, &file.to_string_lossy(), opts.max_file_size)?);
    }
    if texts.is_empty() {
        return Err(RevisionError(format!(
            "{} has none of the timeline's files",
            crate::text::sanitize(rev)
        )));
    }
    let refs: Vec<(&str, &str)> = texts
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let loaded = load_texts(&refs, opts);
    if let Some(d) = loaded.errors().next() {
        let n = loaded.errors().count();
        let first = d.headline();
        let more = if n > 1 {
            format!(" (and {} more)", n - 1)
        } else {
            String::new()
        };
        return Err(RevisionError(format!(
            "the timeline at {} does not load: {first}{more}",
            crate::text::sanitize(rev)
        )));
    }
    Ok((loaded.timeline, missing))
}

/// A revision that git would take for an option is refused.
fn not_an_option(rev: &str) -> Result<(), RevisionError> {
    if rev.starts_with('-') {
        return Err(RevisionError(format!(
            "'{}' is not a revision (it starts with '-')",
            crate::text::sanitize(rev)
        )));
    }
    Ok(())
}

/// What [`git`] says when git failed without a word.
const GIT_FAILED: &str = "git failed";

/// `REV:./PATH`, which git reads from the current folder. ls-tree gives names from the
/// current folder too.
fn spec(rev: &str, path: &str) -> String {
    format!("{rev}:./{path}")
}

/// Runs git with `args`; its output, or what it said went wrong.
fn git(dir: Option<&Path>, args: &[&str]) -> Result<Vec<u8>, String> {
    let mut cmd = Command::new("git");
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out = cmd
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .output()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                "git is not installed (a revision needs git)".to_string()
            } else {
                format!("git could not run: {e}")
            }
        })?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        let line = err
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or(GIT_FAILED)
            .trim_start_matches("fatal: ")
            .to_string();
        Err(crate::text::sanitize(&line).into_owned())
    }
}
