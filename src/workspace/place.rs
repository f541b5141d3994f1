//! Where a timeline's workspace and the session state live.
//!
//! - The workspace (a work product: marks, notes, labels, views) is
//!   `$XDG_DATA_HOME/tlx/workspaces/NAME.yaml` (else `~/.local/share/tlx/…`), one per
//!   timeline: `embedded.yaml` for the embedded timeline, and for files
//!   `STEM-HASH.yaml`, the hash of the files' absolute paths. `--workspace PATH`,
//!   `TLX_WORKSPACE` or `workspace:` in the config choose another file (one committed
//!   beside a team's timeline, say).
//! - The session state (not a work product: the last query, the selection, the search
//!   history) is `$XDG_STATE_HOME/tlx/sessions/NAME.json` (else `~/.local/state/tlx/…`),
//!   never in a file a team shares.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The XDG base folder named by `var` (when set to an absolute path), else `home/rest`;
/// then `tlx` in it.
pub fn xdg_dir(var: Option<OsString>, home: Option<OsString>, rest: &str) -> Option<PathBuf> {
    if let Some(x) = var.filter(|x| !x.is_empty()).map(PathBuf::from)
        && x.is_absolute()
    {
        return Some(x.join("tlx"));
    }
    let home = home.filter(|h| !h.is_empty()).map(PathBuf::from)?;
    Some(home.join(rest).join("tlx"))
}

/// The name a timeline's workspace and session files share: `embedded` for the embedded
/// timeline (no paths), else the first file's stem and a hash of every path made
/// absolute.
pub fn key(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "embedded".to_string();
    }
    let absolute: Vec<PathBuf> = paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p).unwrap_or_else(|_| std::path::absolute(p).unwrap_or(p.clone()))
        })
        .collect();
    let mut joined = Vec::new();
    for p in &absolute {
        joined.extend_from_slice(p.as_os_str().as_encoded_bytes());
        joined.push(0);
    }
    let hash = twox_hash::XxHash3_64::oneshot(&joined);
    let stem: String = absolute[0]
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    format!(
        "{}-{hash:016x}",
        if stem.is_empty() { "timeline" } else { &stem }
    )
}

/// The default workspace file for the timeline of `paths`.
pub fn default_workspace(
    paths: &[PathBuf],
    xdg_data_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
    let dir = xdg_dir(xdg_data_home, home, ".local/share")?;
    Some(dir.join("workspaces").join(format!("{}.yaml", key(paths))))
}

/// The session state file for the timeline of `paths`.
pub fn session_file(
    paths: &[PathBuf],
    xdg_state_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<PathBuf> {
    let dir = xdg_dir(xdg_state_home, home, ".local/state")?;
    Some(dir.join("sessions").join(format!("{}.json", key(paths))))
}

/// Is `candidate` one of the timeline's own files (or inside one of its folders)? A
/// workspace there would be written over a curated file.
pub fn is_timeline_file(candidate: &Path, paths: &[PathBuf]) -> bool {
    let c = std::fs::canonicalize(candidate).ok();
    let Some(c) = c else { return false };
    paths
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .any(|p| c == p || (p.is_dir() && c.starts_with(&p) && crate::model::walk::is_yaml(&c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folders_follow_xdg() {
        let d = default_workspace(&[], Some("/data".into()), Some("/home/ana".into()));
        assert_eq!(d.unwrap(), Path::new("/data/tlx/workspaces/embedded.yaml"));
        let d = default_workspace(&[], Some("relative".into()), Some("/home/ana".into()));
        assert_eq!(
            d.unwrap(),
            Path::new("/home/ana/.local/share/tlx/workspaces/embedded.yaml")
        );
        let s = session_file(&[], None, Some("/home/ana".into()));
        assert_eq!(
            s.unwrap(),
            Path::new("/home/ana/.local/state/tlx/sessions/embedded.json")
        );
        assert_eq!(session_file(&[], None, None), None);
    }

    #[test]
    fn each_timeline_has_its_own_name() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("case one.yaml");
        let b = dir.path().join("other.yaml");
        std::fs::write(&a, "").unwrap();
        std::fs::write(&b, "").unwrap();
        let ka = key(std::slice::from_ref(&a));
        assert!(ka.starts_with("case-one-"), "{ka}");
        assert_ne!(ka, key(std::slice::from_ref(&b)));
        assert_ne!(ka, key(&[a.clone(), b.clone()]));
        assert_eq!(ka, key(&[a]), "the same file, the same name");
    }
}
