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

/// The shell command (file in `$1`, line in `$2`) that opens the file at the line in the
/// editor `cmd`: `+LINE FILE`, which vi, vim, nvim, nano, emacs, micro and helix accept, or
/// `-g FILE:LINE` for VS Code and its builds.
pub fn at_line(cmd: &str) -> String {
    let program = cmd.split_whitespace().next().unwrap_or("");
    let name = std::path::Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if matches!(name, "code" | "code-insiders" | "codium" | "vscodium") {
        format!("{cmd} -g \"$1:$2\"")
    } else {
        format!("{cmd} +\"$2\" \"$1\"")
    }
}

/// The line where event `id` starts in the file at `path` (1 when it cannot be found:
/// the file was changed meanwhile, say).
pub fn event_line(path: &std::path::Path, id: &str, limits: &crate::model::LoadOptions) -> u32 {
    let Ok(bytes) = crate::fsutil::read_regular(path, limits.max_file_size) else {
        return 1;
    };
    let text = String::from_utf8_lossy(&bytes);
    // Events are written `- id: ID` as a rule: one such line is the answer, found in a
    // scan of the text (a parse with positions takes seconds at 100,000 events).
    let mut written = text.lines().enumerate().filter(|(_, l)| {
        l.trim_start()
            .strip_prefix("- id:")
            .map(|v| v.trim().trim_matches(['"', '\'']))
            == Some(id)
    });
    if let (Some((n, _)), None) = (written.next(), written.next()) {
        return n as u32 + 1;
    }
    let options = crate::model::options::parse_options(bytes.len(), limits);
    crate::model::locate::Locator::new(&text, options)
        .event_line(id)
        .unwrap_or(1)
}

/// Opens the editor on the timeline file at `path`, at `line`, and waits for it.
pub fn edit_at(path: &std::path::Path, line: u32) -> Result<(), String> {
    // An absolute path: a file named `-x` is not an option to the editor.
    let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let cmd = editor();
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(at_line(&cmd))
        .arg("tlx-edit")
        .arg(&path)
        .arg(line.to_string())
        .status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!(
            "the editor ({}) exited with {s}",
            crate::text::sanitize(&cmd)
        )),
        Err(e) => Err(format!(
            "cannot run the editor ({}): {e}",
            crate::text::sanitize(&cmd)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_line_is_found_as_written_or_by_parsing() {
        let dir = std::env::temp_dir().join(format!("tlx-editor-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("t.yaml");
        let text = "version: 1\ntitle: T\nevents:\n  - id: \"a\"\n    date: 2024\n    title: A\n\n  - title: B\n    id: b\n    date: 2024\n";
        std::fs::write(&f, text).unwrap();
        let limits = crate::model::LoadOptions::default();
        // `- id: "a"` is found in the text; `b`, whose id is not first, by parsing.
        assert_eq!(event_line(&f, "a", &limits), 4);
        assert_eq!(event_line(&f, "b", &limits), 8);
        assert_eq!(event_line(&f, "gone", &limits), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_line_goes_where_each_editor_takes_it() {
        assert_eq!(at_line("vi"), "vi +\"$2\" \"$1\"");
        assert_eq!(at_line("nvim -u NONE"), "nvim -u NONE +\"$2\" \"$1\"");
        assert_eq!(at_line("hx"), "hx +\"$2\" \"$1\"");
        assert_eq!(at_line("code --wait"), "code --wait -g \"$1:$2\"");
        assert_eq!(
            at_line("/usr/bin/codium --wait"),
            "/usr/bin/codium --wait -g \"$1:$2\""
        );
    }
}
