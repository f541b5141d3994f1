//! The cache file on disk. It is read only when it is a regular file of the user's own,
//! in a folder of the user's own that nobody else may write to (as ssh treats its
//! files), opened without blocking (a named pipe put in its place cannot stall tlx) and
//! read through a limit; it is written atomically and flushed to disk ([`crate::fsutil`]).

use std::fs::{self, File, Metadata};
use std::io;
use std::path::Path;

/// Opens a file for reading without blocking and checks, on the opened file, that it is
/// a regular file: a named pipe, a device or a socket is refused with
/// [`io::ErrorKind::InvalidInput`] before a byte is read. With `follow_links: false`, a
/// symbolic link is refused too.
pub fn open_regular(path: &Path, follow_links: bool) -> io::Result<(File, Metadata)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if follow_links { 0 } else { libc::O_NOFOLLOW };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    let file = match options.open(path) {
        Ok(f) => f,
        #[cfg(unix)]
        Err(e) if !follow_links && e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(not_regular("a symbolic link"));
        }
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(if meta.is_dir() {
            "a folder"
        } else {
            "a special file"
        }));
    }
    Ok((file, meta))
}

fn not_regular(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}, not a regular file"),
    )
}

/// Why the cache folder or file is not the user's alone (`None` when it is): it belongs
/// to another user, or its group or others may write to it.
#[cfg(unix)]
pub fn distrust(path: &Path, meta: &Metadata) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid takes no argument, cannot fail and touches no memory of ours.
    let me = unsafe { libc::geteuid() };
    if meta.uid() != me {
        return Some(format!("{} belongs to another user", path.display()));
    }
    if meta.mode() & 0o022 != 0 {
        return Some(format!(
            "{} may be written by other users (mode {:o})",
            path.display(),
            meta.mode() & 0o777
        ));
    }
    None
}

/// Elsewhere, files have no owner and mode to check.
#[cfg(not(unix))]
pub fn distrust(_path: &Path, _meta: &Metadata) -> Option<String> {
    None
}

/// [`distrust`] of the folder at `dir` (followed if it is a link).
pub fn distrust_dir(dir: &Path) -> Option<String> {
    match fs::metadata(dir) {
        Ok(m) => distrust(dir, &m),
        Err(e) => Some(format!("cannot read {}: {e}", dir.display())),
    }
}

/// Makes ready to write `file` in `dir`: creates the folder (mode 700) when it is
/// missing, and refuses a folder that is not the user's alone, or a path taken by
/// something other than a regular file (a link, a pipe).
pub fn prepare(dir: &Path, file: &Path) -> Result<(), String> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    if let Some(why) = distrust_dir(dir) {
        return Err(why);
    }
    if let Ok(m) = fs::symlink_metadata(file)
        && !m.is_file()
    {
        return Err(format!("{} is not a regular file", file.display()));
    }
    Ok(())
}

/// Writes a cache file atomically, flushed to disk ([`crate::fsutil`]), readable by the
/// user only (mode 600).
pub fn write(file: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::fsutil::write_file(file, bytes, true).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(file, fs::Permissions::from_mode(0o600))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(())
}
