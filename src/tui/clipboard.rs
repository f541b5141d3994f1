//! Copying with OSC 52: the terminal puts the text on the clipboard, which works over
//! SSH and needs no clipboard program. The sequence goes out plain, inside tmux too: tmux
//! with `set -g set-clipboard on` keeps the text as a paste buffer and passes it on to
//! the terminal it runs in. (Wrapped for tmux's passthrough instead, it is dropped by
//! tmux 3.3 and later unless `allow-passthrough` is on.)

use std::io::{self, Write};

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::queue;

/// Asks the terminal to put `text` on the clipboard.
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    queue!(out, CopyToClipboard::to_clipboard_from(text))?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        copy(&mut out, text).unwrap();
        out
    }

    #[test]
    fn the_sequence_is_plain_osc52_with_standard_base64() {
        assert_eq!(bytes("foo"), b"\x1b]52;c;Zm9v\x1b\\");
        assert_eq!(bytes("fo"), b"\x1b]52;c;Zm8=\x1b\\");
        assert_eq!(bytes("Zürich"), b"\x1b]52;c;WsO8cmljaA==\x1b\\");
        assert_eq!(bytes(""), b"\x1b]52;c;\x1b\\");
        // Never wrapped in a tmux passthrough (`ESC P tmux;`), which tmux drops.
        assert!(!bytes("https://example.org/x").starts_with(b"\x1bP"));
    }
}
