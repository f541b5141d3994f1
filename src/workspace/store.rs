//! A workspace file and what this session last knew of it: saving merges with whatever
//! another writer put there since (another explorer, a `git pull`), under a lock on the
//! file's folder, so that no one's edit is written over.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::Workspace;
use super::file::{self, WorkspaceError};
use super::merge::merge;
use crate::fsutil::WriteError;

/// Why a save did not happen. Nothing was written in any of these cases.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file was broken when the session began: it is not written over until it reads.
    #[error("the workspace is read-only this session: {0}")]
    ReadOnly(String),
    /// The file changed on disk and no longer reads.
    #[error("the workspace changed on disk and no longer reads, so it was not written over: {}", .0.summary())]
    Broken(WorkspaceError),
    #[error("the workspace was not saved: {0}")]
    Write(#[from] WriteError),
}

/// What a file looked like: enough to notice that someone wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some(Stamp {
        len: m.len(),
        modified: m.modified().ok(),
        #[cfg(unix)]
        inode: std::os::unix::fs::MetadataExt::ino(&m),
    })
}

/// One session's view of a workspace file.
pub struct Store {
    path: PathBuf,
    /// The file's content as this session last read or wrote it: the base of merges.
    base: Workspace,
    seen: Option<Stamp>,
    /// Why the session may not write (the file did not read when it began).
    read_only: Option<String>,
}

impl Store {
    /// Opens the workspace at `path` (a missing file is an empty workspace, created at
    /// the first save). A file that does not read gives a read-only store and the error.
    pub fn open(path: &Path) -> (Store, Result<Workspace, WorkspaceError>) {
        let seen = stamp(path);
        let read = file::read(path);
        let store = Store {
            path: path.to_path_buf(),
            base: read.clone().unwrap_or_default(),
            seen,
            read_only: read.as_ref().err().map(WorkspaceError::summary),
        };
        (store, read)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why this session may not write, if it may not.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Saves `ours`, merged with what is on disk now; returns the merged workspace (what
    /// the file holds), which is `ours` unless someone else wrote meanwhile.
    pub fn save(&mut self, ours: &Workspace) -> Result<Workspace, SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        let _lock = lock_folder(&self.path);
        // Unchanged since this session read or wrote it (no one else wrote): no need to
        // read it again, which at 10,000 entries costs about 0.1 s.
        let disk = if stamp(&self.path) == self.seen {
            self.base.clone()
        } else {
            file::read(&self.path).map_err(SaveError::Broken)?
        };
        let merged = if disk == self.base {
            ours.clone()
        } else {
            merge(&self.base, ours, &disk)
        };
        // Unchanged, the file is left as it is (a hand edit keeps its comments).
        if merged != disk {
            crate::fsutil::write_private(&self.path, file::to_text(&merged).as_bytes())?;
        }
        self.base = merged.clone();
        self.seen = stamp(&self.path);
        Ok(merged)
    }

    /// When the file changed since this session last read or wrote it: `ours` merged with
    /// what it holds now (or why it does not read). A read-only session whose file reads
    /// again may write from then on.
    pub fn poll(&mut self, ours: &Workspace) -> Option<Result<Workspace, WorkspaceError>> {
        let now = stamp(&self.path);
        if now == self.seen {
            return None;
        }
        self.seen = now;
        Some(file::read(&self.path).map(|disk| {
            let merged = if self.read_only.take().is_some() {
                disk.clone()
            } else {
                merge(&self.base, ours, &disk)
            };
            self.base = disk;
            merged
        }))
    }
}

/// An exclusive lock on the folder that holds `path`, held until dropped (other tlx
/// sessions saving the same file wait for it); `None` where the folder cannot be locked,
/// which leaves the merge without the lock.
fn lock_folder(path: &Path) -> Option<File> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let f = File::open(dir).ok()?;
    f.lock().ok()?;
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::Note;

    fn note(text: &str) -> Note {
        crate::workspace::test_note("2026-12-02T10:00:00Z", text)
    }

    #[test]
    fn two_sessions_on_one_file_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.yaml");
        let (mut a, wa) = Store::open(&path);
        let (mut b, wb) = Store::open(&path);
        let (mut wa, mut wb) = (wa.unwrap(), wb.unwrap());
        wa.set_marked("x", true);
        wa = a.save(&wa).unwrap();
        wb.add_note("y", note("from b"));
        wb = b.save(&wb).unwrap();
        assert!(wb.is_marked("x"), "b's save kept a's mark");
        // a sees b's note when it looks.
        let seen = a.poll(&wa).expect("the file changed").unwrap();
        assert_eq!(seen.notes("y"), &[note("from b")]);
        assert_eq!(file::read(&path).unwrap(), wb);
    }

    #[test]
    fn a_broken_file_is_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.yaml");
        std::fs::write(&path, "version: 1\nevents: [\n").unwrap();
        let (mut s, read) = Store::open(&path);
        assert!(read.is_err());
        assert!(s.read_only().is_some());
        let mut w = Workspace::default();
        w.set_marked("x", true);
        assert!(matches!(s.save(&w), Err(SaveError::ReadOnly(_))));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "version: 1\nevents: [\n"
        );
        // Fixed by hand: the session reads it and may write again.
        std::fs::write(&path, "version: 1\nevents:\n  y: {marked: true}\n").unwrap();
        let back = s.poll(&Workspace::default()).unwrap().unwrap();
        assert!(back.is_marked("y"));
        assert!(s.read_only().is_none());
    }

    #[test]
    fn a_file_broken_underneath_is_not_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.yaml");
        let (mut s, w) = Store::open(&path);
        let mut w = w.unwrap();
        w.set_marked("x", true);
        s.save(&w).unwrap();
        std::fs::write(&path, "version: 1\n<<<<<<< HEAD\n").unwrap();
        w.set_marked("y", true);
        assert!(matches!(s.save(&w), Err(SaveError::Broken(_))));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "version: 1\n<<<<<<< HEAD\n"
        );
    }

    #[test]
    #[cfg(unix)]
    fn a_new_workspace_is_a_private_file_in_a_private_folder() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new").join("w.yaml");
        let (mut s, _) = Store::open(&path);
        // Nothing to keep: no file is made.
        s.save(&Workspace::default()).unwrap();
        assert!(!path.exists());
        let mut w = Workspace::default();
        w.set_marked("x", true);
        s.save(&w).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }

    /// Everything a workspace holds, one string an entry.
    fn entries(w: &Workspace) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for (id, e) in &w.events {
            if e.marked {
                out.insert(format!("mark {id}"));
            }
            out.extend(e.labels.iter().map(|l| format!("label {id} {l}")));
            out.extend(e.notes.iter().map(|n| format!("note {id} {}", n.text)));
        }
        out.extend(w.views.keys().map(|v| format!("view {v}")));
        out
    }

    #[derive(Clone, Debug)]
    enum Op {
        Add(u8),
        Remove(usize),
        Save,
        Poll,
    }

    fn op() -> impl proptest::strategy::Strategy<Value = (bool, Op)> {
        use proptest::prelude::*;
        let op = prop_oneof![
            3 => (0u8..4).prop_map(Op::Add),
            2 => (0usize..16).prop_map(Op::Remove),
            2 => Just(Op::Save),
            1 => Just(Op::Poll),
        ];
        (any::<bool>(), op)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Two writers on one file, edits and saves interleaved in any order: at the end
        /// the file holds everything either added that neither removed, and nothing else.
        #[test]
        fn two_writers_never_lose_an_entry(ops in proptest::collection::vec(op(), 1..40)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("w.yaml");
            let mut stores = [Store::open(&path).0, Store::open(&path).0];
            let mut ws = [Workspace::default(), Workspace::default()];
            let (mut added, mut removed) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
            for (n, (second, op)) in ops.into_iter().enumerate() {
                let i = usize::from(second);
                let w = &mut ws[i];
                match op {
                    Op::Add(kind) => {
                        let id = format!("e{n}");
                        match kind {
                            0 => w.set_marked(&id, true),
                            1 => w.set_labels(&id, [format!("l{n}")].into()),
                            2 => w.add_note(&id, note(&format!("n{n}\nline two"))),
                            _ => {
                                w.views.insert(format!("v{n}"), crate::workspace::View {
                                    query: format!("q{n}"),
                                    sort: Default::default(),
                                    context: false,
                                });
                            }
                        }
                        added.extend(entries(w).difference(&added.clone()).cloned().collect::<Vec<_>>());
                    }
                    Op::Remove(k) => {
                        let have: Vec<String> = entries(w).into_iter().collect();
                        if have.is_empty() {
                            continue;
                        }
                        let gone = have[k % have.len()].clone();
                        let mut parts = gone.splitn(3, ' ');
                        let (what, id) = (parts.next().unwrap(), parts.next().unwrap());
                        match what {
                            "mark" => w.set_marked(id, false),
                            "label" => w.set_labels(id, Default::default()),
                            "note" => {
                                let old = w.notes(id)[0].clone();
                                w.edit_note(id, &old, "");
                            }
                            _ => {
                                w.views.remove(id);
                            }
                        }
                        removed.insert(gone);
                    }
                    Op::Save => *w = stores[i].save(w).unwrap(),
                    Op::Poll => {
                        if let Some(r) = stores[i].poll(w) {
                            *w = r.unwrap();
                        }
                    }
                }
            }
            for i in [0, 1, 0] {
                ws[i] = stores[i].save(&ws[i]).unwrap();
            }
            let want: std::collections::BTreeSet<String> = added.difference(&removed).cloned().collect();
            proptest::prop_assert_eq!(entries(&file::read(&path).unwrap()), want);
        }
    }
}
