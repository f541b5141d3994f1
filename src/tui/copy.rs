//! Working on a copy of the embedded timeline, which has no file to edit: the copy is
//! written as a new file, and from then on the explorer loads it from there, watches it,
//! and keeps the analyst's work in the copy's own workspace (the work so far comes along).

use std::path::{Path, PathBuf};

use super::app::App;
use super::keeper::{Keeper, WorkSetup};
use super::loading::Loader;
use super::reload::Reload;

/// What the explorer needs to work on other files: how to load them, and their workspace
/// and session state files.
pub struct Reopened {
    pub load: Loader,
    pub workspace: Option<PathBuf>,
    pub session: Option<PathBuf>,
}

/// Makes a [`Reopened`] for the timeline of some paths (or says why there is none: a
/// workspace chosen that is one of those files).
pub type Reopen = Box<dyn Fn(&[PathBuf]) -> Result<Reopened, String>>;

/// Writes the embedded timeline to `path` (never over an existing file), then moves the
/// session onto it: `keeper` keeps the copy's workspace from now on, and the watch
/// returned reloads the copy (at once, and after each change). With it, what could not
/// be kept of the embedded timeline's session, if anything.
pub fn switch_to_copy(
    path: &Path,
    app: &mut App,
    keeper: &mut Keeper,
    reopen: &Reopen,
) -> Result<(Reload, Option<String>), String> {
    let shown = crate::text::sanitize(&path.display().to_string()).into_owned();
    let files = vec![path.to_path_buf()];
    // Asked before anything is written: a workspace that is the copy itself is refused.
    let r = reopen(&files)?;
    crate::fsutil::write_file(path, crate::model::load::EMBEDDED.as_bytes(), false)
        .map_err(|e| format!("the copy was not written to {shown}: {e}"))?;
    // The embedded timeline's workspace and session keep what they had; the copy's
    // workspace gets the same work, merged with anything it already holds.
    let lost = keeper
        .finish(app)
        .first()
        .map(|why| why.trim_start_matches("tlx: ").replace('\n', " "));
    *keeper = Keeper::carry_over(WorkSetup::open(r.workspace, r.session), app);
    let mut reload = Reload::watch(r.load, files, &app.tl);
    reload.soon();
    Ok((reload, lost))
}
