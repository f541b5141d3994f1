//! End-to-end: the real binary in a real terminal (a tmux pane), driven by keys, read
//! from the screen; and the terminal state after it exits. Skipped, with a note, where
//! tmux is not installed (`.ci/run` installs it, so CI always runs these).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Waits are generous for a loaded machine; they end as soon as the screen is right.
fn timeout() -> Duration {
    let ms = std::env::var("TLX_TEST_WAIT_MS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    Duration::from_millis(ms)
}

pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A tmux server of our own (its own socket), with one pane running a plain shell in
    /// `dir`, `w`×`h` cells. `None` when tmux is not installed.
    pub fn start(name: &str, dir: &Path, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            eprintln!("note: tmux is not installed; end-to-end test {name} skipped");
            return None;
        }
        let socket = format!("tlx-test-{name}-{}", std::process::id());
        let t = Tmux { socket };
        let ok = t
            .cmd()
            .args([
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                "main",
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                "-c",
            ])
            .arg(dir)
            .args([
                "env",
                "-i",
                "PATH=/usr/bin:/bin",
                "HOME=/tmp",
                "TERM=xterm-256color",
                "PS1=$ ",
                "bash",
                "--norc",
                "--noprofile",
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok, "tmux started");
        t.wait_for("$");
        Some(t)
    }

    pub(crate) fn cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    /// Types literal text.
    pub fn type_text(&self, s: &str) {
        assert!(
            self.cmd()
                .args(["send-keys", "-t", "main", "-l", s])
                .status()
                .unwrap()
                .success()
        );
    }

    /// Sends named keys (Enter, Escape, BSpace, C-c …).
    pub fn keys(&self, keys: &[&str]) {
        let mut c = self.cmd();
        c.args(["send-keys", "-t", "main"]);
        c.args(keys);
        assert!(c.status().unwrap().success());
    }

    pub fn screen(&self) -> String {
        let o = self
            .cmd()
            .args(["capture-pane", "-p", "-t", "main"])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(true, text)
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(false, text)
    }

    /// Waits until whether the screen shows `text` is `shown`.
    ///
    /// A look can catch a frame half drawn (the top of the new one over the bottom of the
    /// old one), so the screen is returned once two looks in a row agree; a screen that
    /// keeps changing (a progress bar) is returned as it is when time runs out.
    fn wait_until(&self, shown: bool, text: &str) -> String {
        let start = Instant::now();
        let mut seen: Option<String> = None;
        loop {
            let s = self.screen();
            if s.contains(text) == shown {
                if seen.as_deref() == Some(s.as_str()) || start.elapsed() > timeout() {
                    return s;
                }
                seen = Some(s);
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            seen = None;
            if start.elapsed() > timeout() {
                let what = if shown { "to show" } else { "to stop showing" };
                panic!("timed out waiting for the screen {what} {text:?}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format variable of the pane (`alternate_on`, `cursor_flag`, …).
    pub fn var(&self, name: &str) -> String {
        let o = self
            .cmd()
            .args([
                "display-message",
                "-p",
                "-t",
                "main",
                &format!("#{{{name}}}"),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout).trim().to_string()
    }

    /// Runs a command line in the pane's shell, then prints its exit status and whether
    /// the terminal's settings (`stty -g`: raw mode, echo, line editing) are the ones the
    /// shell had before it: `exit=N tty=kept` or `exit=N tty=changed`.
    pub fn run(&self, command: &str) {
        self.type_text(&format!(
            "s0=$(stty -g); {command}; echo exit=$? tty=$(test \"$(stty -g)\" = \"$s0\" && echo kept || echo changed)"
        ));
        self.keys(&["Enter"]);
    }

    /// Checks the terminal was given back: main screen, cursor shown, no mouse mode, and
    /// (for a command started with [`Tmux::run`]) the terminal settings as they were.
    pub fn assert_restored(&self) {
        let start = Instant::now();
        while self.var("alternate_on") != "0" && start.elapsed() < timeout() {
            std::thread::sleep(Duration::from_millis(50));
        }
        assert_eq!(self.var("alternate_on"), "0", "alternate screen left");
        assert_eq!(self.var("cursor_flag"), "1", "cursor visible");
        assert_eq!(self.var("mouse_any_flag"), "0", "mouse capture off");
        let s = self.wait_for("tty=");
        assert!(
            s.contains("tty=kept"),
            "raw mode off, echo and line editing back as before: {s}"
        );
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd().arg("kill-server").status();
    }
}

pub fn tlx_bin() -> String {
    assert_cmd::cargo::cargo_bin("tlx").display().to_string()
}

#[test]
fn search_drill_down_brief_and_quit_in_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("flow", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    let s = t.wait_for("39/39 events");
    assert!(s.contains("Kaspersky and the U.S. government, 2017–2025"));
    assert!(s.contains("Events by date"));
    assert_eq!(t.var("alternate_on"), "1");
    assert_eq!(
        t.var("mouse_any_flag"),
        "1",
        "the mouse is captured while running"
    );

    // Search narrows as you type.
    t.type_text("/triangulation");
    let s = t.wait_for("6/39 events");
    assert!(s.contains("/ triangulation"), "{s}");
    assert!(
        s.contains("Kaspersky discloses \"Operation Triangulation"),
        "{s}"
    );
    t.keys(&["Enter"]);
    t.wait_gone("/ triangulation");

    // Open an event, then its first source.
    t.keys(&["j"]);
    t.keys(&["Enter"]);
    let s = t.wait_for("╭ Event");
    assert!(
        s.contains("Kaspersky discloses \"Operation Triangulation\""),
        "{s}"
    );
    assert!(s.contains("Sources"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("╭ Source");
    assert!(s.contains("Cited by"), "{s}");
    assert!(s.contains("Reliability"), "{s}");

    // Back twice: the list, with the search and the selection kept.
    t.keys(&["BSpace"]);
    t.wait_for("╭ Event");
    t.keys(&["Escape"]);
    let s = t.wait_for("Events by date");
    assert!(s.contains("6/39 events"), "{s}");

    // A brief of the listed events, into the temporary folder.
    t.keys(&["e"]);
    t.wait_for("Brief of 6 listed events to:");
    t.keys(&["C-u"]);
    t.type_text("out.md");
    t.keys(&["Enter"]);
    t.wait_for("wrote a brief of 6 events to out.md");
    let brief = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
    assert!(brief.starts_with("# Kaspersky and the U.S. government, 2017–2025"));
    assert!(brief.contains("6 of 39 events"), "{brief}");

    // Again to the same name: the file is never replaced without a yes.
    t.keys(&["e"]);
    t.wait_for("Brief of 6 listed events to:");
    t.keys(&["C-u"]);
    t.type_text("out.md");
    t.keys(&["Enter"]);
    t.wait_for("out.md exists. Replace it? (y/n)");
    t.type_text("n");
    t.wait_for("the file was kept");

    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn ctrl_c_quits_and_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("ctrlc", dir.path(), 80, 24) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    t.wait_for("39/39 events");
    t.type_text("/kasp");
    t.wait_for("/ kasp");
    t.keys(&["C-c"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn narrow_terminals_show_one_pane_and_tiny_ones_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("sizes", dir.path(), 80, 24) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    let s = t.wait_for("39/39 events");
    assert!(!s.contains("Detail"), "one pane at 80 columns: {s}");
    t.cmd()
        .args(["resize-window", "-t", "main", "-x", "120", "-y", "40"])
        .status()
        .unwrap();
    t.wait_for("Detail");
    t.cmd()
        .args(["resize-window", "-t", "main", "-x", "30", "-y", "8"])
        .status()
        .unwrap();
    t.wait_for("Terminal too small");
    t.cmd()
        .args(["resize-window", "-t", "main", "-x", "100", "-y", "30"])
        .status()
        .unwrap();
    t.wait_for("Detail");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn refuses_without_a_terminal() {
    let o = crate::util::tlx().output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = crate::util::stderr(&o);
    assert!(err.contains("the explorer needs a terminal"), "{err}");
    assert!(err.contains("tlx list"), "{err}");
}

#[test]
fn a_load_error_is_reported_before_the_screen_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("loaderr", dir.path(), 100, 30) else {
        return;
    };
    std::fs::write(
        dir.path().join("bad.yaml"),
        "title: x\nevents:\n  - id: a\n    date: 2024-13\n    title: A\n",
    )
    .unwrap();
    t.run(&format!("'{}' bad.yaml", tlx_bin()));
    let s = t.wait_for("exit=1");
    assert!(s.contains("bad.yaml:4:11: error: invalid date"), "{s}");
    t.assert_restored();
}

/// The pid of the program running in the pane's shell.
fn child_pid(t: &Tmux) -> String {
    let shell = t.var("pane_pid");
    let start = Instant::now();
    loop {
        let o = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
        let pid = String::from_utf8_lossy(&o.stdout).trim().to_string();
        if !pid.is_empty() {
            return pid.lines().next().unwrap().to_string();
        }
        assert!(start.elapsed() < timeout(), "no child of the pane's shell");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        let dir = tempfile::tempdir().unwrap();
        let Some(t) = Tmux::start(&format!("sig{sig}"), dir.path(), 100, 30) else {
            return;
        };
        t.run(&format!("'{}'", tlx_bin()));
        t.wait_for("39/39 events");
        t.type_text("/kasp");
        t.wait_for("/ kasp");
        assert_eq!(t.var("mouse_any_flag"), "1");
        let pid = child_pid(&t);
        assert!(
            Command::new("kill")
                .args(["-s", sig, &pid])
                .status()
                .unwrap()
                .success()
        );
        t.wait_for(&format!("exit={code}"));
        t.assert_restored();
    }
}

#[test]
fn a_panic_gives_the_terminal_back_and_says_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("panic", dir.path(), 100, 30) else {
        return;
    };
    // The panic path exists only in debug builds, which the tests use.
    t.run(&format!("TLX_TEST_PANIC=1 '{}'", tlx_bin()));
    t.wait_for("39/39 events");
    t.type_text("!");
    let s = t.wait_for("exit=101");
    assert!(s.contains("a panic requested by TLX_TEST_PANIC"), "{s}");
    t.assert_restored();
}

/// A timeline of 60,000 events, big enough to load well past the 200 ms grace in a debug
/// build, with `more` (further items of its `events`) at the end.
fn slow_timeline(more: &str) -> String {
    let mut text = String::from("title: Big\nsources:\n  s: {publisher: P}\nevents:\n");
    for i in 0..60_000 {
        text.push_str(&format!(
            "  - id: e{i}\n    date: 2001-01-01\n    title: Event number {i} with a longer title\n    summary: A summary long enough to make the file heavier than it would otherwise be.\n    sources: [s]\n"
        ));
    }
    text.push_str(more);
    text
}

#[test]
fn a_slow_load_shows_progress_and_ctrl_c_stops_it_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.yaml"), slow_timeline("")).unwrap();
    let Some(t) = Tmux::start("slowload", dir.path(), 100, 30) else {
        return;
    };
    t.run(&format!("'{}' big.yaml", tlx_bin()));
    let s = t.wait_for("Loading big.yaml");
    assert!(s.contains("Ctrl-C stops"), "{s}");
    t.keys(&["C-c"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn keys_typed_while_loading_apply_once_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let needle =
        "  - id: needle\n    date: 2002-02-02\n    title: The quokka event\n    sources: [s]\n";
    std::fs::write(dir.path().join("big.yaml"), slow_timeline(needle)).unwrap();
    let Some(t) = Tmux::start("typedearly", dir.path(), 100, 30) else {
        return;
    };
    t.run(&format!("'{}' big.yaml", tlx_bin()));
    t.wait_for("Loading big.yaml");
    // A search typed before the timeline is there, then Enter: after the first key, `q`
    // is text, not a way out.
    t.type_text("/quokka");
    t.keys(&["Enter"]);
    let s = t.wait_for(" 1/60001 events");
    assert!(s.contains("The quokka event"), "{s}");
    t.wait_for("j move");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn edits_reload_live_keeping_place_and_bad_edits_keep_the_last_good_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string("tests/fixtures/sample.yaml").unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, &sample).unwrap();
    let Some(t) = Tmux::start("reload", dir.path(), 120, 40) else {
        return;
    };
    t.run(&format!("'{}' t.yaml", tlx_bin()));
    t.wait_for("6/6 events");
    // Mark the Zürich summit, open the ban's screen.
    t.keys(&["j"]);
    t.keys(&["Space"]);
    t.wait_for("1 marked");
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("╭ Event");
    // Save by rename, as vim and VS Code do: a new file moved over the old one.
    let added = sample.replace(
        "  - id: cutoff\n",
        "  - id: added-later\n    date: 2024-08\n    title: An event added while tlx runs\n    tags: [policy, statement]\n    sources: [wire]\n\n  - id: cutoff\n",
    );
    let tmp = dir.path().join(".t.yaml.swp");
    std::fs::write(&tmp, &added).unwrap();
    std::fs::rename(&tmp, &file).unwrap();
    let s = t.wait_for("reloaded (7 events)");
    assert!(
        s.contains("Commerce bans Kaspersky software"),
        "the event screen stays: {s}"
    );
    assert!(s.contains("1 marked"), "marks stay: {s}");
    t.keys(&["Escape"]);
    t.wait_for("7/7 events");
    // An edit that breaks the file: the last good timeline stays, with a banner.
    std::fs::write(&file, added.replace("date: 2024-08\n", "date: 2024-13\n")).unwrap();
    let s = t.wait_for("the files have errors: showing the last good timeline");
    assert!(
        s.contains("7/7 events"),
        "the header stays under the banner: {s}"
    );
    t.keys(&["D"]);
    let s = t.wait_for("Problems: the files no longer load");
    assert!(s.contains("t.yaml:"), "{s}");
    assert!(s.contains("month 13 does not exist"), "{s}");
    t.keys(&["Escape"]);
    // Fixing it clears the banner.
    std::fs::write(&file, &added).unwrap();
    t.wait_for("7/7 events");
    let s = t.wait_gone("the files have errors: showing");
    assert!(s.contains("reloaded (7 events)"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

#[test]
fn a_terminal_that_goes_away_ends_the_explorer() {
    // A killed tmux server (like a closed window or a dropped ssh connection) leaves the
    // explorer reading a terminal that is gone: it must end, not spin on a CPU.
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("hangup", dir.path(), 100, 30) else {
        return;
    };
    t.type_text(&format!("exec '{}'", tlx_bin()));
    t.keys(&["Enter"]);
    t.wait_for("39/39 events");
    let pid = t.var("pane_pid");
    assert!(Path::new(&format!("/proc/{pid}")).exists());
    assert!(t.cmd().arg("kill-server").status().unwrap().success());
    let start = Instant::now();
    while Path::new(&format!("/proc/{pid}")).exists() {
        let state = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // A zombie has ended; only its parent has not collected it yet.
        if state.split_whitespace().nth(2) == Some("Z") {
            break;
        }
        assert!(
            start.elapsed() < timeout(),
            "the explorer (pid {pid}) still runs after its terminal went away: {state}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
