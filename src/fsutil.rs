//! Writing a file safely: never over an existing file unless asked, and atomically, so
//! a failed write (a missing or read-only folder, a full disk) leaves no partial file and
//! an existing file as it was.
//!
//! [`write_new_or_replace`] writes the bytes to a temporary file in the target's folder,
//! flushes it to disk, then moves it into place: with a hard link for a new file (which
//! fails if the name was taken in the meantime, so nothing is ever clobbered), or with a
//! rename over an existing regular file when `force` is given. A target that exists and is
//! not a regular file (a device such as `/dev/full`, a named pipe) is never renamed over;
//! with `force`, it is written to directly. A symbolic link to a file is followed, so the
//! link stays and the file it points to is replaced.
//!
//! The explorer checks [`exists`] first and asks before passing `force = true`; the
//! command line passes `--force`.
//!
//! [`write_new_or_replace_until`] also watches a flag that signal handlers set (the
//! command line catches SIGINT, SIGTERM and SIGHUP while it writes): once set, the write
//! stops at its next step, before the file is moved into place, and the temporary file is
//! removed, so an interrupted write leaves nothing behind either.
//!
//! [`read_regular`] reads a small file that must be a regular file (a config): a named
//! pipe or a device at its path is refused without waiting on it, and reading stops at a
//! limit whatever the file claims.

use std::fs::{self, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};

/// Why a file was not written. The message names the file and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and `force` was not given; it was left untouched.
    #[error("{} already exists", .path.display())]
    Exists { path: PathBuf },
    /// The folder to write in does not exist.
    #[error("cannot write {}: the folder {} does not exist", .path.display(), .dir.display())]
    NoFolder { path: PathBuf, dir: PathBuf },
    /// The target is a folder.
    #[error("cannot write {}: it is a folder", .path.display())]
    IsFolder { path: PathBuf },
    /// Any other failure: permissions, a full disk, an I/O error.
    #[error("cannot write {}: {source}", .path.display())]
    Io { path: PathBuf, source: io::Error },
    /// A signal (its number) stopped the write; nothing was moved into place.
    #[error("{} was not written: stopped by signal {signal}", .path.display())]
    Interrupted { path: PathBuf, signal: usize },
}

impl WriteError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            WriteError::Exists { path }
            | WriteError::NoFolder { path, .. }
            | WriteError::IsFolder { path }
            | WriteError::Io { path, .. }
            | WriteError::Interrupted { path, .. } => path,
        }
    }
}

/// Reads the regular file at `path` (a symbolic link is followed), at most `limit` bytes.
/// A folder, a named pipe, a device or a socket is refused before anything is read, and
/// a file that holds more than `limit` bytes (whatever its size claims) is refused; a
/// missing file is an error of kind `NotFound`.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let refuse = |meta: &fs::Metadata| -> io::Result<()> {
        if meta.is_dir() {
            return Err(io::Error::other("it is a folder, not a file"));
        }
        if !meta.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "it is {}, not a regular file",
                    special_kind(&meta.file_type())
                ),
            ));
        }
        if meta.len() > limit {
            return Err(too_large(format!(
                "it is {} bytes, over the limit of {limit} bytes",
                meta.len()
            )));
        }
        Ok(())
    };
    // What the path names, before opening it: opening a socket fails, and opening a
    // named pipe for reading waits for a writer.
    refuse(&fs::metadata(path)?)?;
    let mut open = OpenOptions::new();
    open.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never wait in `open`, should the path be swapped for a pipe in the meantime.
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file = open.open(path)?;
    // The file that was opened, which is the one read.
    let meta = file.metadata()?;
    refuse(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!(
            "it holds more than the limit of {limit} bytes"
        )));
    }
    Ok(bytes)
}

fn too_large(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::FileTooLarge, message)
}

/// What a file that is neither a regular file nor a folder is, for messages.
pub fn special_kind(t: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = t;
    "a special file"
}

/// A path the user typed, with a leading `~` (alone or before `/`) read as `home`, as a
/// shell would; `~user` and a `~` elsewhere stay as written, as does everything without
/// a home to put there.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(&rest[1..]),
        _ => PathBuf::from(typed),
    }
}

/// True when something is at `path` (a file, a folder, a device, even a broken link):
/// writing there needs `force`.
pub fn exists(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Writes `bytes` to `path`: a new file, or, with `force`, in place of an existing one.
/// Without `force`, an existing `path` is an error and is left untouched. On every error,
/// no temporary file is left behind and an existing file keeps its content.
pub fn write_new_or_replace(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    write_new_or_replace_until(path, bytes, force, &AtomicUsize::new(0))
}

/// [`write_new_or_replace`], stopped when `stop` holds a signal's number (not 0): the write
/// ends at its next step with [`WriteError::Interrupted`], nothing moved into place and no
/// temporary file left. Signal handlers can set `stop` (it is only stored to), as
/// `signal_hook::flag::register_usize` does.
pub fn write_new_or_replace_until(
    path: &Path,
    bytes: &[u8],
    force: bool,
    stop: &AtomicUsize,
) -> Result<(), WriteError> {
    let io_err = |source: io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(e)),
    };
    let Some(meta) = meta else {
        return create_new(path, bytes, stop);
    };
    if !force {
        return Err(WriteError::Exists {
            path: path.to_path_buf(),
        });
    }
    // Follow a symbolic link to what it points at (a dangling link is replaced itself).
    let (target, meta) = if meta.file_type().is_symlink() {
        match (fs::canonicalize(path), fs::metadata(path)) {
            (Ok(t), Ok(m)) => (t, m),
            _ => (path.to_path_buf(), meta),
        }
    } else {
        (path.to_path_buf(), meta)
    };
    if meta.is_dir() {
        return Err(WriteError::IsFolder {
            path: path.to_path_buf(),
        });
    }
    if meta.is_file() {
        return replace(path, &target, bytes, Some(meta.permissions()), stop);
    }
    if meta.file_type().is_symlink() {
        return replace(path, &target, bytes, None, stop);
    }
    // A device or a pipe: renaming over it would replace the node itself.
    let mut f = OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&target)
        .map_err(io_err)?;
    f.write_all(bytes).and_then(|()| f.flush()).map_err(io_err)
}

/// The same as [`write_new_or_replace`], under a shorter name.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    write_new_or_replace(path, bytes, force)
}

/// Writes `bytes` in place of `path` in one step, as a private file: a new file gets
/// the permissions `rw-------` (and its folder, if made, `rwx------`); an existing one
/// keeps its own. For the analyst's workspace and session state.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let stop = AtomicUsize::new(0);
    match fs::metadata(path) {
        Ok(m) if m.is_file() => write_new_or_replace(path, bytes, true),
        Ok(_) => write_new_or_replace(path, bytes, false),
        Err(_) => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                let mut b = fs::DirBuilder::new();
                b.recursive(true);
                #[cfg(unix)]
                std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
                b.create(dir).map_err(|source| WriteError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            }
            #[cfg(unix)]
            let perms = Some(std::os::unix::fs::PermissionsExt::from_mode(0o600));
            #[cfg(not(unix))]
            let perms = None;
            replace(path, path, bytes, perms, &stop)
        }
    }
}

/// A new file at `path`, appearing whole or not at all, never over another file.
fn create_new(path: &Path, bytes: &[u8], stop: &AtomicUsize) -> Result<(), WriteError> {
    let tmp = Temp::write(path, path, bytes, None, stop)?;
    match fs::hard_link(&tmp.path, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(WriteError::Exists {
            path: path.to_path_buf(),
        }),
        // File systems without hard links: rename, after checking the name is still free.
        Err(_) if !exists(path) => tmp.rename_to(path, path),
        Err(e) => Err(WriteError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
    }
    // `tmp` is removed when dropped (after a rename there is nothing left to remove).
}

/// `target` (a regular file, `shown` as the user named it) replaced in one step.
fn replace(
    shown: &Path,
    target: &Path,
    bytes: &[u8],
    perms: Option<fs::Permissions>,
    stop: &AtomicUsize,
) -> Result<(), WriteError> {
    let tmp = Temp::write(shown, target, bytes, perms, stop)?;
    tmp.rename_to(shown, target)
}

/// A temporary file next to the target, removed on drop unless it was moved into place.
struct Temp {
    path: PathBuf,
    moved: bool,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// How much is written between two looks at the stop flag.
const CHUNK: usize = 1 << 20;

impl Temp {
    /// Creates a fresh hidden file in `target`'s folder and writes `bytes` to disk, a chunk
    /// at a time; when `stop` is set, the file is removed and the write ends.
    fn write(
        shown: &Path,
        target: &Path,
        bytes: &[u8],
        perms: Option<fs::Permissions>,
        stop: &AtomicUsize,
    ) -> Result<Temp, WriteError> {
        let io_err = |source: io::Error| WriteError::Io {
            path: shown.to_path_buf(),
            source,
        };
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_string());
        let (file, path) = loop {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let candidate = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&candidate)
            {
                Ok(f) => break (f, candidate),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(WriteError::NoFolder {
                        path: shown.to_path_buf(),
                        dir,
                    });
                }
                Err(e) => return Err(io_err(e)),
            }
        };
        let tmp = Temp { path, moved: false };
        let stopped = || match stop.load(Ordering::SeqCst) {
            0 => Ok(()),
            signal => Err(WriteError::Interrupted {
                path: shown.to_path_buf(),
                signal,
            }),
        };
        let mut file = file;
        for chunk in bytes.chunks(CHUNK) {
            stopped()?;
            file.write_all(chunk).map_err(io_err)?;
        }
        if let Some(p) = perms {
            file.set_permissions(p).map_err(io_err)?;
        }
        file.sync_all().map_err(io_err)?;
        drop(file);
        // The last look before the file is moved into place.
        stopped()?;
        Ok(tmp)
    }

    fn rename_to(mut self, shown: &Path, target: &Path) -> Result<(), WriteError> {
        fs::rename(&self.path, target).map_err(|source| WriteError::Io {
            path: shown.to_path_buf(),
            source,
        })?;
        self.moved = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.moved {
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leading_tilde_is_the_home_folder() {
        let home = Path::new("/home/ana");
        let e = |t: &str| expand_home(t, Some(home));
        assert_eq!(e("~/briefs/b.md"), Path::new("/home/ana/briefs/b.md"));
        assert_eq!(e("~"), Path::new("/home/ana"));
        assert_eq!(e("~bob/b.md"), Path::new("~bob/b.md"));
        assert_eq!(e("b~/x.md"), Path::new("b~/x.md"));
        assert_eq!(e("/tmp/b.md"), Path::new("/tmp/b.md"));
        assert_eq!(expand_home("~/b.md", None), Path::new("~/b.md"));
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn new_file_then_no_clobber_then_force() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("brief.md");
        write_new_or_replace(&p, b"one", false).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        let e = write_new_or_replace(&p, b"two", false).unwrap_err();
        assert!(matches!(e, WriteError::Exists { .. }), "{e}");
        assert_eq!(e.path(), p);
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_new_or_replace(&p, b"three", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"three");
        assert_eq!(entries(dir.path()), ["brief.md"]);
    }

    #[test]
    fn missing_folder_and_folder_target() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope").join("brief.md");
        let e = write_new_or_replace(&p, b"x", false).unwrap_err();
        assert!(matches!(e, WriteError::NoFolder { .. }), "{e}");
        assert!(e.to_string().contains("does not exist"), "{e}");
        let e = write_new_or_replace(dir.path(), b"x", true).unwrap_err();
        assert!(matches!(e, WriteError::IsFolder { .. }), "{e}");
        assert!(entries(dir.path()).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn replacing_keeps_permissions_and_follows_links() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.path().join("link.md");
        symlink(&real, &link).unwrap();
        write_new_or_replace(&link, b"new", true).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(entries(dir.path()), ["link.md", "real.md"]);
    }

    #[test]
    fn a_stopped_write_leaves_nothing_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("brief.md");
        let stop = AtomicUsize::new(2);
        let e = write_new_or_replace_until(&p, b"new", false, &stop).unwrap_err();
        assert!(
            matches!(e, WriteError::Interrupted { signal: 2, .. }),
            "{e}"
        );
        assert!(entries(dir.path()).is_empty());
        fs::write(&p, "old").unwrap();
        let e = write_new_or_replace_until(&p, &[b'x'; 3 * CHUNK], true, &stop).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{} was not written: stopped by signal 2", p.display())
        );
        assert_eq!(fs::read(&p).unwrap(), b"old");
        assert_eq!(entries(dir.path()), ["brief.md"]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_device_is_written_in_place_and_fails() {
        let p = Path::new("/dev/full");
        if !p.exists() {
            return;
        }
        let e = write_new_or_replace(p, b"x", false).unwrap_err();
        assert!(matches!(e, WriteError::Exists { .. }));
        let e = write_new_or_replace(p, b"x", true).unwrap_err();
        match &e {
            WriteError::Io { source, .. } => {
                assert_eq!(source.raw_os_error(), Some(28), "{e}");
            }
            other => panic!("unexpected {other}"),
        }
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(p).unwrap().file_type().is_char_device());
    }
}
