//! What the terminal a stream goes to can show: colour, and its width.

use crate::cli::ColorChoice;

/// Whether to colour a stream, following ripgrep: never when asked, always when asked,
/// otherwise only on a terminal and not when `NO_COLOR` is set or `TERM` is `dumb`/unset.
pub fn use_color(choice: ColorChoice, is_tty: bool) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let term = std::env::var("TERM").unwrap_or_default();
            is_tty && !no_color && !term.is_empty() && term != "dumb"
        }
    }
}

/// The terminal's width in cells: `COLUMNS` when set, else what the terminal reports.
pub fn width() -> Option<usize> {
    if let Ok(c) = std::env::var("COLUMNS")
        && let Ok(n) = c.trim().parse::<usize>()
        && n > 0
    {
        return Some(n);
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
        .filter(|&w| w > 0)
}
