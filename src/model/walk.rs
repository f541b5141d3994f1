//! Step 1 of a load: paths into the files to read.
//!
//! A folder means every `*.yaml` / `*.yml` in it, recursively, in path order; symlink
//! loops are walked once; a file reached twice is read once; named pipes, sockets and
//! devices inside a folder are skipped with a warning (only a path named on the command
//! line is read as one). Nothing is read here.

use std::collections::HashSet;
use std::path::{Path as FsPath, PathBuf};

use super::diag::{At, Diagnostic, Kind};
use crate::fsutil::special_kind;

/// Whether a file in a folder is a timeline: named `*.yaml` or `*.yml` (any case). The
/// one rule for the folder walk, the cache and the explorer's watcher.
pub fn is_yaml(path: &FsPath) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The files a load reads, listed from the paths given (step 1), with what listing
/// found wrong. [`load_listed`] reads them; [`load_paths`] does both.
#[derive(Debug)]
pub struct Listing {
    /// The files to read, in order.
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Expands files and folders into the files to read, without reading any of them.
pub fn list_paths(paths: &[PathBuf]) -> Listing {
    let (files, diagnostics) = expand(paths);
    Listing { files, diagnostics }
}

/// How a path is shown: as given, with `./` dropped.
pub(super) fn display_path(p: &FsPath) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

pub(super) fn io_error(path: &FsPath, what: &str, e: &std::io::Error) -> Diagnostic {
    let reason = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    };
    let mut d = Diagnostic::error(
        Kind::Io,
        At::Nowhere,
        format!("cannot {what} {}: {reason}", display_path(path)),
    );
    d.file = None;
    d
}

/// Expands folders into their YAML files, in path order, without duplicates.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let mut seen_files = HashSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => diags.push(io_error(p, "read", &e)),
            Ok(m) if m.is_dir() => {
                let mut found = Vec::new();
                let mut visited = HashSet::new();
                walk_dir(p, &mut found, &mut visited, &mut diags);
                if found.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            Kind::Io,
                            At::Nowhere,
                            format!(
                                "no timeline files in folder {}: it holds no *.yaml or *.yml file",
                                display_path(p)
                            ),
                        )
                        .note("help: name timeline files with a .yaml or .yml extension"),
                    );
                }
                found.sort();
                for f in found {
                    let key = std::fs::canonicalize(&f).unwrap_or_else(|_| f.clone());
                    if seen_files.insert(key) {
                        files.push(f);
                    }
                }
            }
            Ok(_) => {
                let key = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                if seen_files.insert(key) {
                    files.push(p.clone());
                }
            }
        }
    }
    (files, diags)
}

fn walk_dir(
    dir: &FsPath,
    out: &mut Vec<PathBuf>,
    visited: &mut HashSet<PathBuf>,
    diags: &mut Vec<Diagnostic>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            diags.push(io_error(dir, "read folder", &e));
            return;
        }
    };
    if !visited.insert(canonical) {
        // A symlink loop (or a folder reached twice): already walked.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(io_error(dir, "read folder", &e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let is_yaml = is_yaml(&p);
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk_dir(&p, out, visited, diags),
            Ok(m) if m.is_file() => {
                if is_yaml {
                    out.push(p);
                }
            }
            // A named pipe, a socket or a device: reading it could block for ever or
            // never end. Only a path named on the command line is read as one.
            Ok(m) => {
                if is_yaml {
                    diags.push(
                        Diagnostic::warning(
                            Kind::Io,
                            At::Nowhere,
                            format!(
                                "skipped {}: it is {}, not a regular file",
                                display_path(&p),
                                special_kind(&m.file_type())
                            ),
                        )
                        .note("help: name it on the command line to read it anyway"),
                    );
                }
            }
            // A dangling symlink or a file that vanished: only matters if it is YAML.
            Err(e) => {
                if is_yaml {
                    diags.push(io_error(&p, "read", &e));
                }
            }
        }
    }
}
