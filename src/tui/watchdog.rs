//! Ends the explorer when its terminal is gone or a signal goes unanswered.
//!
//! crossterm's reader loops for ever when the terminal hangs up (a closed pane, a killed
//! tmux session, a dropped ssh connection): reading the terminal then gives zero bytes,
//! which it does not take as an end. The main loop, stuck inside it, never sees the
//! signal flag, and the process would spin on a CPU with nobody to see it. This thread
//! does not depend on the main loop: it ends the process when standard input stops
//! being a terminal (what a hung-up terminal reports), and when SIGTERM or SIGHUP has
//! not been acted on within [`GRACE`], after giving the terminal back as well as it can.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How often the terminal and the signal flag are looked at.
const TICK: Duration = Duration::from_millis(200);

/// How long the main loop has to act on a signal before the watchdog does.
pub const GRACE: Duration = Duration::from_secs(1);

/// The exit status after a hang-up: as if killed by SIGHUP.
const HUNG_UP: i32 = 128 + 1;

/// Starts the watchdog for the rest of the process's life. `signal` is the flag the
/// signal handlers set (to the signal's number).
pub fn spawn(signal: Arc<AtomicUsize>) {
    let _ = std::thread::Builder::new()
        .name("tlx-watchdog".into())
        .spawn(move || watch(&signal, &|| std::io::stdin().is_terminal()));
}

/// What the watchdog decided.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// All is well: look again later.
    Wait,
    /// End the process with this status.
    Exit(i32),
}

/// One look: `terminal` is whether the terminal is still there, `signal` the flag,
/// `since` when the flag was first seen set (kept between looks).
pub fn judge(terminal: bool, signal: usize, since: &mut Option<Instant>, now: Instant) -> Verdict {
    if !terminal {
        return Verdict::Exit(HUNG_UP);
    }
    if signal == 0 {
        *since = None;
        return Verdict::Wait;
    }
    let first = *since.get_or_insert(now);
    if now.duration_since(first) >= GRACE {
        Verdict::Exit(128 + signal as i32)
    } else {
        Verdict::Wait
    }
}

fn watch(signal: &AtomicUsize, terminal: &dyn Fn() -> bool) {
    let mut since = None;
    loop {
        std::thread::sleep(TICK);
        let verdict = judge(
            terminal(),
            signal.load(Ordering::Relaxed),
            &mut since,
            Instant::now(),
        );
        if let Verdict::Exit(code) = verdict {
            // Harmless when the terminal is gone; needed when it is not.
            super::terminal::restore();
            std::process::exit(code);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_terminal_ends_at_once_and_a_signal_after_the_grace() {
        let t0 = Instant::now();
        let mut since = None;
        assert_eq!(judge(true, 0, &mut since, t0), Verdict::Wait);
        assert_eq!(judge(false, 0, &mut since, t0), Verdict::Exit(129));
        // SIGTERM: the main loop gets the grace period to act on it first.
        assert_eq!(judge(true, 15, &mut since, t0), Verdict::Wait);
        let half = t0 + GRACE / 2;
        assert_eq!(judge(true, 15, &mut since, half), Verdict::Wait);
        assert_eq!(judge(true, 15, &mut since, t0 + GRACE), Verdict::Exit(143));
        // A flag that clears (never, in practice) starts the count again.
        let mut since = Some(t0);
        assert_eq!(judge(true, 0, &mut since, t0 + GRACE), Verdict::Wait);
        assert_eq!(since, None);
    }
}
