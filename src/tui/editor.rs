//! Writing a note in the analyst's own editor (`$VISUAL`, else `$EDITOR`, else `vi`), on a
//! private temporary file, while the explorer gives the terminal back.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The editor command as the user set it.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// A new private file holding `text`, for the editor.
fn temp_file(text: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!("tlx-note-{}-{n}.md", std::process::id()));
        let mut open = std::fs::OpenOptions::new();
        open.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut open, 0o600);
        match open.open(&path) {
            Ok(mut f) => {
                f.write_all(text.as_bytes())?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Runs the editor on `text` and returns what the file holds when it exits, or why there
/// is nothing (the editor could not start, or exited with an error). The editor's
/// command is run by `sh`, so `EDITOR="code --wait"` works, as git does it.
pub fn edit(text: &str) -> Result<String, String> {
    let path = temp_file(text).map_err(|e| format!("cannot make a file for the note: {e}"))?;
    let cmd = editor();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{cmd} \"$1\""))
        .arg("tlx-note")
        .arg(&path)
        .status();
    let result = match status {
        Ok(s) if s.success() => {
            std::fs::read_to_string(&path).map_err(|e| format!("cannot read the note back: {e}"))
        }
        Ok(s) => Err(format!(
            "the editor ({}) exited with {s}: no note written",
            crate::text::sanitize(&cmd)
        )),
        Err(e) => Err(format!(
            "cannot run the editor ({}): {e}",
            crate::text::sanitize(&cmd)
        )),
    };
    let _ = std::fs::remove_file(&path);
    result
}
