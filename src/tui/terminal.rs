//! Taking the terminal over and always giving it back: raw mode, the alternate screen,
//! mouse capture and bracketed paste are undone on quit, on an error return (the guard's
//! `Drop`), and on a panic (a hook that restores before the panic message is printed).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};

/// Whether the terminal is currently taken over (so restoring happens once).
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub type Term = Terminal<CrosstermBackend<io::Stdout>>;

/// Owns the terminal while the explorer runs; dropping it restores the terminal.
pub struct Guard {
    pub terminal: Term,
}

/// Writes the sequences that undo what `init` did: mouse capture off, bracketed paste
/// off, the alternate screen left, the cursor shown. (Raw mode is a terminal setting, not
/// a sequence: `restore` turns it off separately.)
pub fn restore_sequence(w: &mut impl Write) -> io::Result<()> {
    queue!(
        w,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    )?;
    w.flush()
}

/// Gives the terminal back. Safe to call more than once, and from a panic hook: each step
/// is tried even when an earlier one fails.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = restore_sequence(&mut out);
}

/// Takes the terminal over. Installs a panic hook first, so a panic anywhere afterwards
/// restores the terminal before its message is printed.
pub fn init(mouse: bool) -> io::Result<Guard> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    ACTIVE.store(true, Ordering::SeqCst);
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    terminal.clear()?;
    Ok(Guard { terminal })
}

impl Guard {
    /// Gives the terminal back while `f` runs (an editor, say), then takes it over again
    /// and clears it, so the next frame is drawn whole.
    pub fn outside<T>(&mut self, mouse: bool, f: impl FnOnce() -> T) -> io::Result<T> {
        restore();
        let out = f();
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut stdout = io::stdout();
        execute!(stdout, EnterAlternateScreen, EnableBracketedPaste)?;
        if mouse {
            execute!(stdout, EnableMouseCapture)?;
        }
        self.terminal.clear()?;
        Ok(out)
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_restore_sequence_undoes_everything_init_does() {
        let mut buf = Vec::new();
        restore_sequence(&mut buf).unwrap();
        let s = String::from_utf8(buf).unwrap();
        for (what, seq) in [
            ("mouse capture off", "\x1b[?1000l"),
            ("bracketed paste off", "\x1b[?2004l"),
            ("alternate screen left", "\x1b[?1049l"),
            ("cursor shown", "\x1b[?25h"),
        ] {
            assert!(s.contains(seq), "{what}: {s:?}");
        }
    }
}
