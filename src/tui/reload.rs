//! Live reload: the files the explorer loaded are watched; a change, once the files have
//! settled, loads them again in the background, and the new timeline (or why it did not
//! load) goes to the app.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::loading::Loader;
use crate::cache::index_for;
use crate::model::load::Progress;
use crate::model::{At, Diagnostic, Kind, Loaded, Timeline};
use crate::query::SearchIndex;

/// How long the files must stay quiet after a change before they are reloaded.
const RELOAD_SETTLE: Duration = Duration::from_millis(300);

/// What a reload gave.
pub enum Reloaded {
    /// A new timeline, and its search index.
    Timeline(Box<Timeline>, Option<SearchIndex>),
    /// The files do not load: the problems, one line each, as the loader reports them.
    Failed(Vec<String>),
}

/// The watch on the files, and the reload under way.
pub struct Reload {
    load: Loader,
    given: Vec<PathBuf>,
    _watcher: Option<notify::RecommendedWatcher>,
    changes: mpsc::Receiver<()>,
    due: Option<Instant>,
    running: bool,
    done_tx: mpsc::Sender<(Loaded, Option<SearchIndex>)>,
    done_rx: mpsc::Receiver<(Loaded, Option<SearchIndex>)>,
}

impl Reload {
    /// Watches what `tl` was loaded from (`given`: the paths named, files and folders);
    /// `load` loads them again.
    pub fn watch(load: Loader, given: Vec<PathBuf>, tl: &Timeline) -> Reload {
        let (change_tx, changes) = mpsc::channel();
        let (done_tx, done_rx) = mpsc::channel();
        Reload {
            _watcher: watch_files(&given, tl, change_tx),
            load,
            given,
            changes,
            due: None,
            running: false,
            done_tx,
            done_rx,
        }
    }

    /// Reloads as soon as the next look, without waiting for a change (after an editor
    /// closed, or on a copy just written).
    pub fn soon(&mut self) {
        self.due = Some(Instant::now());
    }

    /// Looks at the files: starts a reload when they changed and settled, and returns
    /// what a reload that finished gave.
    pub fn poll(&mut self) -> Option<Reloaded> {
        if self.changes.try_iter().count() > 0 {
            // Editors write in several steps: wait for the files to settle.
            self.due = Some(Instant::now() + RELOAD_SETTLE);
        }
        if !self.running && self.due.is_some_and(|t| t <= Instant::now()) {
            self.due = None;
            // A named pipe in a file's place would block the reload in `open` for good,
            // and no later change would ever be read: it is refused, and the watch goes on.
            let refused = refused(&self.given);
            if !refused.is_empty() {
                return Some(Reloaded::Failed(rendered(&refused)));
            }
            self.running = true;
            let load = std::sync::Arc::clone(&self.load);
            let tx = self.done_tx.clone();
            std::thread::spawn(move || {
                let (loaded, stored) = load(&Progress::default());
                let index = (!loaded.has_errors()).then(|| index_for(stored, &loaded.timeline));
                let _ = tx.send((loaded, index));
            });
        }
        let (loaded, index) = self.done_rx.try_recv().ok()?;
        self.running = false;
        Some(if loaded.has_errors() {
            Reloaded::Failed(rendered(&loaded.diagnostics))
        } else {
            Reloaded::Timeline(Box::new(loaded.timeline), index)
        })
    }
}

/// Diagnostics as the problems window shows them: the lines of each, as printed.
pub fn rendered(diagnostics: &[Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .flat_map(|d| {
            d.render(false)
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The paths named that are there but are neither a regular file nor a folder (a named
/// pipe or a device put in a file's place): reading one again could block for ever. The
/// folder walk skips such files by itself; one that is missing is the loader's to report.
fn refused(given: &[PathBuf]) -> Vec<Diagnostic> {
    given
        .iter()
        .filter_map(|p| {
            let m = std::fs::metadata(p).ok()?;
            if m.is_file() || m.is_dir() {
                return None;
            }
            Some(
                Diagnostic::error(
                    Kind::Io,
                    At::Nowhere,
                    format!(
                        "cannot read {} again: it is {}, not a regular file",
                        p.display(),
                        special_kind(&m)
                    ),
                )
                .note("help: put a regular file back; it reloads by itself"),
            )
        })
        .collect()
}

fn special_kind(m: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if m.file_type().is_fifo() {
            return "a named pipe";
        }
    }
    let _ = m;
    "a special file"
}

/// Watches what was loaded: each file's folder (editors that save by writing a new file
/// and renaming it over the old one replace the file, so the file itself cannot be
/// watched), and the folders given, recursively. A change to a timeline file sends `()`.
fn watch_files(
    given: &[PathBuf],
    tl: &Timeline,
    tx: mpsc::Sender<()>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    if given.is_empty() {
        return None;
    }
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    // The files named, too: a copy of the embedded timeline is watched before the
    // timeline has been loaded from it.
    let mut files: Vec<PathBuf> = tl
        .inputs
        .iter()
        .filter_map(|i| i.path.as_deref().map(canon))
        .chain(given.iter().filter(|p| p.is_file()).map(|p| canon(p)))
        .collect();
    files.sort();
    files.dedup();
    let folders: Vec<PathBuf> = given
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| canon(p))
        .collect();
    let relevant = {
        let files = files.clone();
        let folders = folders.clone();
        move |p: &Path| {
            files
                .iter()
                .any(|f| f == p || p.file_name() == f.file_name() && p.parent() == f.parent())
                || (crate::model::is_yaml(p) && folders.iter().any(|d| p.starts_with(d)))
        }
    };
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && !ev.kind.is_access()
            && ev.paths.iter().any(|p| relevant(p))
        {
            let _ = tx.send(());
        }
    })
    .ok()?;
    let mut watched = std::collections::HashSet::new();
    for f in &files {
        if let Some(dir) = f.parent()
            && watched.insert(dir.to_path_buf())
        {
            let _ = watcher.watch(dir, RecursiveMode::NonRecursive);
        }
    }
    for d in &folders {
        let _ = watcher.watch(d, RecursiveMode::Recursive);
    }
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_named_for_reload_is_refused_and_files_and_folders_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.yaml");
        std::fs::write(&file, "title: T\nevents: []\n").unwrap();
        let fifo = dir.path().join("p.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let missing = dir.path().join("gone.yaml");
        let given = vec![file, dir.path().to_path_buf(), fifo.clone(), missing];
        let refused = refused(&given);
        assert_eq!(refused.len(), 1, "{refused:?}");
        let lines = rendered(&refused);
        assert_eq!(
            lines[0],
            format!(
                "error: cannot read {} again: it is a named pipe, not a regular file",
                fifo.display()
            )
        );
        assert!(lines[1].contains("put a regular file back"), "{lines:?}");
    }
}
