//! End-to-end: the real binary in a real terminal (a tmux pane), driven by keys, read
//! from the screen; and the terminal state after it exits. Where tmux is not installed
//! they are skipped with a note on stderr, except under `CI=true`, where a missing tmux
//! fails them (`.ci/run` installs it, so CI always runs these).

use std::path::{Path, PathBuf};
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
    /// The pane's own `XDG_DATA_HOME` and `XDG_STATE_HOME` (`data/`, `state/`): each test
    /// starts with no workspace and no session of another.
    pub xdg: tempfile::TempDir,
}

impl Tmux {
    /// A tmux server of our own (its own socket), with one pane running a plain shell in
    /// `dir`, `w`×`h` cells. `None` when tmux is not installed (the test then passes
    /// without running, and says so on stderr); under `CI=true` that fails the test.
    pub fn start(name: &str, dir: &Path, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            let ci = std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1");
            assert!(
                !ci,
                "tmux is not installed, and CI=true: the end-to-end test {name} must run (install tmux)"
            );
            skipped(name);
            return None;
        }
        let socket = format!("tlx-test-{name}-{}", std::process::id());
        let xdg = tempfile::tempdir().unwrap();
        let t = Tmux { socket, xdg };
        let data = format!("XDG_DATA_HOME={}", t.xdg.path().join("data").display());
        let state = format!("XDG_STATE_HOME={}", t.xdg.path().join("state").display());
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
                &data,
                &state,
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

    /// The text of tmux's newest paste buffer, if there is one.
    pub fn paste_buffer(&self) -> Option<String> {
        let o = self.cmd().args(["show-buffer"]).output().unwrap();
        o.status
            .success()
            .then(|| String::from_utf8_lossy(&o.stdout).into_owned())
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

/// Says on the test's stderr that it did not run. Written to the stream itself rather
/// than with `eprintln!`, which the test harness keeps to itself for a test that passes.
fn skipped(name: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "note: tmux is not installed: end-to-end test {name} SKIPPED (it passes without running; CI=true makes it fail)"
    );
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
    t.wait_for("Brief composer: draft 'brief'");
    t.keys(&["w"]);
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
    t.wait_for("Brief composer: draft 'brief'");
    t.keys(&["w"]);
    t.wait_for("Brief of 6 listed events to:");
    t.keys(&["C-u"]);
    t.type_text("out.md");
    t.keys(&["Enter"]);
    t.wait_for("out.md exists. Replace it? (y/n)");
    // No: back to the file name, to change it; Esc then gives up. The file is as it was.
    t.type_text("n");
    t.wait_for("Brief of 6 listed events to: out.md");
    t.keys(&["Escape"]);
    t.wait_for("no brief written");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.md")).unwrap(),
        brief
    );

    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

/// Issue 17: `/` on a kept query used to glue the next letter to its last term, and Esc
/// threw the whole query away.
#[test]
fn typing_after_a_kept_query_adds_a_term_and_esc_puts_the_query_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("keptquery", dir.path(), 80, 24) else {
        return;
    };
    t.run(&format!("'{}'", tlx_bin()));
    t.wait_for("39/39 events");
    t.type_text("/triangulation");
    t.wait_for("6/39 events");
    t.keys(&["Enter"]);
    t.wait_gone("/ triangulation");
    // `/` again and a word: a second term, not `triangulationfsb`.
    t.type_text("/fsb");
    let s = t.wait_for("/ triangulation fsb");
    let s = if s.contains("2/39 events") {
        s
    } else {
        t.wait_for("2/39 events")
    };
    assert!(!s.contains("no event"), "{s}");
    // Esc: the query as it was before `/`.
    t.keys(&["Escape"]);
    let s = t.wait_for("6/39 events");
    assert!(s.contains("triangulation"), "the kept query is back: {s}");
    assert!(!s.contains("fsb"), "{s}");
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

/// Sends `sig` to the explorer while its query line is open: it must end with `code`
/// (128 + the signal's number) and give the terminal back.
fn a_signal_gives_the_terminal_back(sig: &str, code: i32) {
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

#[test]
fn sigterm_and_sighup_give_the_terminal_back() {
    for (sig, code) in [("TERM", 143), ("HUP", 129)] {
        a_signal_gives_the_terminal_back(sig, code);
    }
}

/// Issue 21, item 8: SIGINT (what `timeout -s INT` and supervisors send), SIGQUIT,
/// SIGUSR1, SIGALRM and SIGXCPU ended the explorer with the alternate screen still on,
/// the cursor hidden and the mouse captured. Every signal that ends a process by default
/// is now caught and handled like SIGTERM.
#[test]
fn sigint_sigquit_sigusr1_sigalrm_and_sigxcpu_give_the_terminal_back() {
    for (sig, code) in [
        ("INT", 130),
        ("QUIT", 131),
        ("USR1", 138),
        ("ALRM", 142),
        ("XCPU", 152),
    ] {
        a_signal_gives_the_terminal_back(sig, code);
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
    assert!(s.contains("q, Esc or Ctrl-c stops"), "{s}");
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

/// The sample timeline as `t.yaml` in a temporary folder, open in the explorer in a
/// 120×40 pane: the folder, the file, the sample's text and the pane (`None` without
/// tmux).
fn explore_sample(name: &str) -> Option<(tempfile::TempDir, PathBuf, String, Tmux)> {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string("tests/fixtures/sample.yaml").unwrap();
    let file = dir.path().join("t.yaml");
    std::fs::write(&file, &sample).unwrap();
    let t = Tmux::start(name, dir.path(), 120, 40)?;
    t.run(&format!("'{}' t.yaml", tlx_bin()));
    t.wait_for("6/6 events");
    Some((dir, file, sample, t))
}

/// The sample with one event more (7 in all).
fn with_an_event_added(sample: &str) -> String {
    sample.replace(
        "  - id: cutoff\n",
        "  - id: added-later\n    date: 2024-08\n    title: An event added while tlx runs\n    tags: [policy, statement]\n    sources: [wire]\n\n  - id: cutoff\n",
    )
}

/// Saves as vim and VS Code do: a new file beside the old one, moved over it.
fn save_by_rename(file: &Path, text: &str) {
    let tmp = file.with_file_name(".t.yaml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

#[test]
fn edits_reload_live_keeping_place_and_bad_edits_keep_the_last_good_timeline() {
    let Some((_dir, file, sample, t)) = explore_sample("reload") else {
        return;
    };
    // Mark the Zürich summit, open the ban's screen.
    t.keys(&["j"]);
    t.keys(&["Space"]);
    t.wait_for("1 marked");
    t.keys(&["j", "j", "Enter"]);
    t.wait_for("╭ Event");
    // Save by rename, as vim and VS Code do: a new file moved over the old one.
    let added = with_an_event_added(&sample);
    save_by_rename(&file, &added);
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

/// Issue 15, item 9: `y` wrapped its OSC 52 in a tmux passthrough, which tmux 3.3 drops by
/// default, while the status line said "copied". Sent plain, it reaches tmux, which keeps
/// the text as a paste buffer (and passes it on) when `set-clipboard` is on.
#[test]
fn y_copies_into_tmux_with_set_clipboard_on() {
    let dir = tempfile::tempdir().unwrap();
    let Some(t) = Tmux::start("copy", dir.path(), 200, 40) else {
        return;
    };
    assert!(
        t.cmd()
            .args(["set-option", "-g", "set-clipboard", "on"])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(t.paste_buffer(), None, "no paste buffer to begin with");
    // With TMUX set, as in any tmux pane (this pane's shell starts from a clean
    // environment): the explorer must not wrap the sequence for tmux.
    t.run(&format!("TMUX=/tmp/tmux-1000/default,1,0 '{}'", tlx_bin()));
    t.wait_for("39/39 events");
    // The first event's source URL.
    t.keys(&["y"]);
    let s = t.wait_for("copied URL: ");
    let shown: String = s
        .split("copied URL: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap()
        .to_string();
    assert!(shown.starts_with("https://"), "{s}");
    let start = Instant::now();
    while t.paste_buffer().is_none() && start.elapsed() < timeout() {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(t.paste_buffer().as_deref(), Some(shown.as_str()));
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

/// Issue 21, item 2: a named pipe put at a watched path blocked the reload in `open()` for
/// good: the "files have errors" banner never cleared and no later edit was read. It is
/// now refused as a problem of the files, and the watch goes on.
#[test]
fn a_named_pipe_at_a_watched_path_does_not_stop_live_reload() {
    let Some((dir, file, sample, t)) = explore_sample("fifo") else {
        return;
    };
    // A named pipe takes the file's place (made beside it, moved over it).
    let fifo = dir.path().join(".t.fifo");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    std::fs::rename(&fifo, &file).unwrap();
    let s = t.wait_for("the files have errors: showing the last good timeline");
    assert!(s.contains("6/6 events"), "{s}");
    t.keys(&["D"]);
    let s = t.wait_for("Problems: the files no longer load");
    assert!(
        s.contains("cannot read t.yaml again: it is a named pipe, not a regular file"),
        "{s}"
    );
    t.keys(&["Escape"]);
    t.wait_gone("Problems: the files no longer load");
    // A regular file back: it is read, and the banner goes.
    save_by_rename(&file, &with_an_event_added(&sample));
    t.wait_for("7/7 events");
    let s = t.wait_gone("the files have errors: showing");
    assert!(s.contains("reloaded (7 events)"), "{s}");
    // And the edits after it too.
    std::fs::write(&file, &sample).unwrap();
    t.wait_for("6/6 events");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}

/// Issue 21, item 3: many one-letter terms in best-match order froze the screen for
/// seconds on a big timeline, and keys typed meanwhile were read together (`Esc` then `q`
/// as Alt-q). The search now runs off the UI thread: the screen says it is searching while
/// it does (a frame no frozen loop could draw), and Esc calls it off.
#[test]
fn a_long_search_keeps_the_screen_live_and_esc_calls_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("title: Big\nsources:\n  s: {publisher: P}\nevents:\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  - id: e{i}\n    date: 2001-01-01\n    title: Event number {i} with a longer title\n    summary: Words of every kind, to be weighed letter by letter.\n    sources: [s]\n"
        ));
    }
    std::fs::write(dir.path().join("big.yaml"), text).unwrap();
    let Some(t) = Tmux::start("longsearch", dir.path(), 120, 30) else {
        return;
    };
    t.run(&format!("'{}' big.yaml", tlx_bin()));
    t.wait_for(" 20000/20000 events");
    t.keys(&["s"]);
    t.type_text("/e v n t u m b r w i h a l o g s d k y");
    t.wait_for("searching 20000 events…");
    t.keys(&["Escape"]);
    let s = t.wait_for(" 20000/20000 events");
    assert!(!s.contains("searching"), "{s}");
    t.keys(&["q"]);
    t.wait_for("exit=0");
    t.assert_restored();
}
