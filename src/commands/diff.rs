//! `tlx diff OLD NEW`: what changed between two versions of a timeline. Each side is a
//! file or folder, `REV:PATH`, or a revision alone (of the other side's path). Both are
//! validated first; the exit status is diff's: 0 the same, 1 different, 2 trouble.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, Style};
use crate::cli::{DiffArgs, DiffFormat, Global};
use crate::diff::{self, Report};
use crate::model::{LoadOptions, Timeline, load_texts};
use crate::revision;
use crate::text::sanitize;

/// Where one side of the comparison comes from.
#[derive(Debug, PartialEq, Eq)]
enum Side {
    Path(PathBuf),
    Revision { rev: String, path: String },
}

impl Side {
    fn name(&self) -> String {
        match self {
            Side::Path(p) => p.display().to_string(),
            Side::Revision { rev, path } => format!("{rev}:{path}"),
        }
    }
}

fn exists(s: &str) -> bool {
    std::fs::symlink_metadata(s).is_ok()
}

/// What `arg` names, with `other` (the other side) giving the path of a bare revision.
fn resolve(arg: &str, other: &str) -> Result<Side, String> {
    if exists(arg) {
        return Ok(Side::Path(PathBuf::from(arg)));
    }
    if let Some((rev, path)) = revision::split(arg) {
        return Ok(Side::Revision {
            rev: rev.into(),
            path: path.into(),
        });
    }
    let path = if exists(other) {
        other.to_string()
    } else if let Some((_, p)) = revision::split(other) {
        p.to_string()
    } else {
        return Err(format!(
            "neither '{}' nor '{}' is a file or folder: name the timeline on one side (tlx diff HEAD~3 events.yaml)",
            sanitize(arg),
            sanitize(other)
        ));
    };
    Ok(Side::Revision {
        rev: arg.into(),
        path,
    })
}

/// The side's timeline, validated; on a problem, it is printed and the exit code given.
fn load(side: &Side, global: &Global) -> Result<Timeline, u8> {
    match side {
        Side::Path(p) => super::load_valid_from(std::slice::from_ref(p), global, false)
            .map(|(tl, _)| tl)
            .map_err(|_| EXIT_USAGE_OR_IO),
        Side::Revision { rev, path } => {
            let texts = match revision::read(rev, path, global.max_file_size) {
                Ok(t) => t,
                Err(e) => {
                    let what = if Path::new(path).exists() || path.contains('/') {
                        String::new()
                    } else {
                        format!(" ('{}' is not a file or folder either)", sanitize(rev))
                    };
                    eprintln!("tlx: {e}{what}");
                    return Err(EXIT_USAGE_OR_IO);
                }
            };
            let refs: Vec<(&str, &str)> = texts
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            let opts = LoadOptions {
                max_file_size: global.max_file_size,
                max_expansion: global.max_expansion,
            };
            let loaded = load_texts(&refs, &opts);
            if loaded.has_errors() {
                super::report_load_errors(&loaded, global);
                return Err(EXIT_USAGE_OR_IO);
            }
            Ok(loaded.timeline)
        }
    }
}

/// The JSON `--format json` writes (`docs/diff.md`).
#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    old: &'a str,
    new: &'a str,
    same: bool,
    #[serde(flatten)]
    report: &'a Report,
}

pub fn run(args: &DiffArgs, global: &Global) -> anyhow::Result<u8> {
    let sides = resolve(&args.old, &args.new).and_then(|o| Ok((o, resolve(&args.new, &args.old)?)));
    let (old, new) = match sides {
        Ok(s) => s,
        Err(e) => {
            eprintln!("tlx: {e}");
            return Ok(EXIT_USAGE_OR_IO);
        }
    };
    let old_tl = match load(&old, global) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let new_tl = match load(&new, global) {
        Ok(t) => t,
        Err(code) => return Ok(code),
    };
    let report = diff::compare(&old_tl, &new_tl);
    let (on, nn) = (old.name(), new.name());
    let text = match args.format {
        DiffFormat::Text => diff::text::report(&report, &on, &nn, Style::for_stdout(global).color),
        DiffFormat::Md => crate::brief::changes::report(&report, &on, &nn),
        DiffFormat::Json => {
            let j = JsonReport {
                version: diff::JSON_VERSION,
                old: &on,
                new: &nn,
                same: report.is_empty(),
                report: &report,
            };
            let mut s = serde_json::to_string_pretty(&j)?;
            s.push('\n');
            crate::text::json_inert(&s).into_owned()
        }
    };
    let mut out = super::stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(if report.is_empty() {
        EXIT_OK
    } else {
        EXIT_INVALID_OR_NO_MATCH
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_revision_takes_the_other_sides_path() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("t.yaml");
        std::fs::write(&f, "").unwrap();
        let f = f.to_str().unwrap();
        assert_eq!(
            resolve("HEAD~3", f).unwrap(),
            Side::Revision {
                rev: "HEAD~3".into(),
                path: f.into()
            }
        );
        assert_eq!(
            resolve("v1:a.yaml", f).unwrap(),
            Side::Revision {
                rev: "v1".into(),
                path: "a.yaml".into()
            }
        );
        assert_eq!(
            resolve("HEAD", "v1:b.yaml").unwrap(),
            Side::Revision {
                rev: "HEAD".into(),
                path: "b.yaml".into()
            }
        );
        assert_eq!(resolve(f, "HEAD").unwrap(), Side::Path(f.into()));
        let e = resolve("HEAD~1", "HEAD").unwrap_err();
        assert!(e.contains("name the timeline"), "{e}");
    }
}
