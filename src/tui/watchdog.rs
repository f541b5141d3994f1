//! The signals that end the explorer, and a watchdog that ends it when its terminal is
//! gone or a signal goes unanswered.
//!
//! Every signal whose default is to end the process and that is not a fault of the
//! program itself is caught ([`FATAL`]): the handler only sets a flag, the main loop sees
//! it within a tick and returns, and the terminal is given back on the way out (raw mode,
//! the alternate screen, the cursor, the mouse), with the exit status the signal would
//! have given (128 + its number).
//!
//! crossterm's reader loops for ever when the terminal hangs up (a closed pane, a killed
//! tmux session, a dropped ssh connection): reading the terminal then gives zero bytes,
//! which it does not take as an end. The main loop, stuck inside it, never sees the
//! signal flag, and the process would spin on a CPU with nobody to see it. This thread
//! does not depend on the main loop: it ends the process when standard input stops
//! being a terminal (what a hung-up terminal reports), and when a caught signal has not
//! been acted on within [`GRACE`], after giving the terminal back as well as it can.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use signal_hook::consts::{
    SIGALRM, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU, SIGXFSZ,
};

/// How often the terminal and the signal flag are looked at.
const TICK: Duration = Duration::from_millis(200);

/// How long the main loop has to act on a signal before the watchdog does.
pub const GRACE: Duration = Duration::from_secs(1);

/// The exit status after a hang-up: as if killed by SIGHUP.
const HUNG_UP: i32 = 128 + 1;

/// The signals caught: those a user, a shell or a supervisor sends to stop a program
/// (SIGINT from `timeout -s INT` or `kill -INT`, SIGTERM, SIGHUP, SIGQUIT), and the
/// others that end a process by default: user signals, timers, CPU and file size
/// limits. Left to the system: faults of the program itself (SIGSEGV, SIGBUS, SIGILL,
/// SIGFPE, SIGABRT, SIGTRAP, SIGSYS), which a handler that only sets a flag would turn
/// into a loop, and SIGPIPE, which Rust programs ignore.
pub const FATAL: &[i32] = &[
    SIGHUP,
    SIGINT,
    SIGQUIT,
    SIGTERM,
    SIGUSR1,
    SIGUSR2,
    SIGALRM,
    SIGVTALRM,
    SIGPROF,
    SIGXCPU,
    SIGXFSZ,
    SIGIO,
    #[cfg(target_os = "linux")]
    libc::SIGPWR,
    #[cfg(target_os = "linux")]
    libc::SIGSTKFLT,
];

/// Catches the [`FATAL`] signals for the rest of the process's life; the flag returned
/// holds the number of the last one that arrived (0: none).
pub fn catch_signals() -> Arc<AtomicUsize> {
    let signal = Arc::new(AtomicUsize::new(0));
    for &sig in FATAL {
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize);
    }
    signal
}

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

    #[test]
    fn the_signals_that_end_a_program_from_outside_are_caught_and_faults_are_not() {
        use signal_hook::consts::{SIGABRT, SIGBUS, SIGPIPE, SIGSEGV, SIGTRAP};
        for sig in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGUSR1, SIGALRM, SIGXCPU] {
            assert!(FATAL.contains(&sig), "signal {sig} is caught");
        }
        for sig in [SIGSEGV, SIGBUS, SIGABRT, SIGTRAP, SIGPIPE] {
            assert!(!FATAL.contains(&sig), "signal {sig} is left to the system");
        }
        // None that signal-hook refuses to register.
        for sig in FATAL {
            assert!(!signal_hook::consts::FORBIDDEN.contains(sig), "{sig}");
        }
    }
}
