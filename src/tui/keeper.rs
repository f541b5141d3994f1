//! Keeping the analyst's work while the explorer runs: the workspace is saved a moment
//! after each change (merged with whatever another writer put in the file meanwhile),
//! the file is looked at for changes made underneath, and at the end the last edits are
//! saved and the session state (query, selection, history) is written.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::app::App;
use crate::workspace::session::Session;
use crate::workspace::{SaveError, Store, Workspace, WorkspaceError};

/// How long after a change the workspace is saved (changes in a burst save once).
const SAVE_AFTER: Duration = Duration::from_millis(300);
/// How often the workspace file is looked at for changes made by someone else.
const POLL_EVERY: Duration = Duration::from_secs(1);

/// The workspace file and the session state file of this session.
pub struct Keeper {
    store: Option<Store>,
    session: Option<PathBuf>,
    /// The app's edit count at the last save (or attempt).
    saved: u64,
    /// When the edit count last moved, and to what.
    changed: Option<(u64, Instant)>,
    polled: Instant,
}

/// What the explorer starts with: the workspace file and what it held (read on a thread
/// of its own while the timeline loads), and the file of the session state. `None`s mean
/// nothing is kept (`--no-workspace`).
pub struct WorkSetup {
    pub store: Option<std::thread::JoinHandle<Opened>>,
    pub session: Option<PathBuf>,
}

/// A workspace file opened: the store, and what the file held.
pub type Opened = (Store, Result<Workspace, WorkspaceError>);

impl WorkSetup {
    /// Opens the workspace at `file` on a thread of its own.
    pub fn open(file: Option<PathBuf>, session: Option<PathBuf>) -> WorkSetup {
        WorkSetup {
            store: file.map(|f| std::thread::spawn(move || Store::open(&f))),
            session,
        }
    }
}

impl Keeper {
    /// Hands the workspace and the last session to the app.
    pub fn start(setup: WorkSetup, app: &mut App) -> Keeper {
        Keeper::open(setup, app, None)
    }

    /// Moves this session onto another workspace (that of a copy of the timeline): the
    /// work so far comes along, merged with what that file holds, and is saved there; the
    /// query and selection stay as they are.
    pub fn carry_over(setup: WorkSetup, app: &mut App) -> Keeper {
        let ours = app.work.clone();
        let mut keeper = Keeper::open(setup, app, Some(ours));
        if keeper.store.is_some() {
            // Saved a moment from now, merged again with the file then.
            app.work_edits += 1;
            keeper.changed = Some((app.work_edits, Instant::now()));
        }
        keeper
    }

    fn open(setup: WorkSetup, app: &mut App, carried: Option<Workspace>) -> Keeper {
        let store = setup
            .store
            .and_then(|h| h.join().ok())
            .map(|(store, read)| {
                match (read, &carried) {
                    (Ok(w), None) => app.set_workspace(w, None),
                    (Ok(w), Some(ours)) => {
                        let merged =
                            crate::workspace::merge::merge(&Workspace::default(), ours, &w);
                        app.set_workspace(merged, None);
                    }
                    (Err(e), carried) => {
                        app.set_workspace(carried.clone().unwrap_or_default(), Some(e.summary()))
                    }
                }
                store
            });
        if let Some(s) = &setup.session
            && carried.is_none()
        {
            app.restore_session(Session::read(s));
        }
        Keeper {
            store,
            session: setup.session,
            saved: app.work_edits,
            changed: None,
            polled: Instant::now(),
        }
    }

    /// Saves when the last change has settled, and looks for changes underneath; true
    /// when the app changed.
    pub fn tick(&mut self, app: &mut App) -> bool {
        let now = Instant::now();
        if app.work_edits != self.saved {
            match self.changed {
                Some((n, _)) if n == app.work_edits => {}
                _ => self.changed = Some((app.work_edits, now)),
            }
        }
        if let Some((_, at)) = self.changed
            && now.duration_since(at) >= SAVE_AFTER
        {
            self.save(app);
            return true;
        }
        if now.duration_since(self.polled) >= POLL_EVERY {
            self.polled = now;
            let Some(store) = &mut self.store else {
                return false;
            };
            match store.poll(&app.work) {
                Some(Ok(w)) => app.workspace_merged(w),
                Some(Err(e)) => app.workspace_broken(e.summary()),
                None => return false,
            }
            return true;
        }
        false
    }

    fn save(&mut self, app: &mut App) {
        self.saved = app.work_edits;
        self.changed = None;
        let Some(store) = &mut self.store else {
            return;
        };
        match store.save(&app.work) {
            Ok(merged) => app.workspace_merged(merged),
            Err(SaveError::Broken(e)) => app.workspace_broken(e.summary()),
            Err(e) => app.workspace_not_saved(e.to_string()),
        }
    }

    /// At the end: the last edits saved, the session state written. Returns what could
    /// not be kept, for the terminal once it is given back.
    pub fn finish(&mut self, app: &mut App) -> Vec<String> {
        let mut lost = Vec::new();
        if app.work_edits != self.saved
            && let Some(store) = &mut self.store
        {
            self.saved = app.work_edits;
            if let Err(e) = store.save(&app.work) {
                // This session's work goes beside the file, never lost.
                let mut name = store.path().as_os_str().to_owned();
                name.push(format!(".unsaved-{}.yaml", std::process::id()));
                let rescue = PathBuf::from(name);
                let text = crate::workspace::file::to_text(&app.work);
                let kept = match crate::fsutil::write_private(&rescue, text.as_bytes()) {
                    Ok(()) => format!("this session's workspace is in {}", rescue.display()),
                    Err(w) => format!("and it could not be kept beside it either: {w}"),
                };
                lost.push(format!("tlx: {e}\n  = note: {kept}"));
            }
        }
        if let Some(s) = &self.session
            && let Err(e) = app.session().write(s)
        {
            lost.push(format!("tlx: the session state was not kept: {e}"));
        }
        lost
    }
}
