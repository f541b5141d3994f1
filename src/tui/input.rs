//! A one-line text field with a cursor, edited by actions and typed characters.

use super::action::Action;

/// Longest text a field accepts: a pasted flood is cut here.
pub const MAX_INPUT: usize = 4096;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Cursor position, in chars.
    cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        let mut i = LineInput::default();
        i.set(text);
        i
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn cursor(&self) -> usize {
        self.cursor
    }
    /// Replaces the text and puts the cursor at the end.
    pub fn set(&mut self, text: &str) {
        self.text = clean(text);
        self.cursor = self.text.chars().count();
    }
    /// Replaces the text and puts the cursor after its first `cursor` chars.
    pub fn set_at(&mut self, text: &str, cursor: usize) {
        self.set(text);
        self.cursor = cursor.min(self.cursor);
    }
    /// The text before the cursor.
    pub fn before_cursor(&self) -> &str {
        &self.text[..self.byte_at(self.cursor)]
    }
    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map_or(self.text.len(), |(b, _)| b)
    }
    /// Inserts typed or pasted text at the cursor (line breaks and controls become
    /// spaces; the field never grows past [`MAX_INPUT`] chars).
    pub fn insert(&mut self, s: &str) {
        let s = clean(s);
        let room = MAX_INPUT.saturating_sub(self.text.chars().count());
        let s: String = s.chars().take(room).collect();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &s);
        self.cursor += s.chars().count();
    }
    /// Applies an editing action; returns whether the text changed.
    pub fn edit(&mut self, a: Action) -> bool {
        let len = self.text.chars().count();
        match a {
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorStart => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                return true;
            }
            Action::DeleteForward if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                return true;
            }
            Action::DeleteWord if self.cursor > 0 => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
                return true;
            }
            Action::ClearLine if !self.text.is_empty() => {
                self.text.clear();
                self.cursor = 0;
                return true;
            }
            _ => {}
        }
        false
    }
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_INPUT)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing() {
        let mut i = LineInput::new("tag:policy");
        assert_eq!(i.cursor(), 10);
        i.insert(" zür");
        assert_eq!(i.text(), "tag:policy zür");
        assert!(i.edit(Action::DeleteWord));
        assert_eq!(i.text(), "tag:policy ");
        i.edit(Action::CursorStart);
        i.insert("!");
        assert_eq!(i.text(), "!tag:policy ");
        i.edit(Action::CursorEnd);
        assert!(i.edit(Action::DeleteBack));
        assert_eq!(i.text(), "!tag:policy");
        i.edit(Action::CursorLeft);
        assert!(i.edit(Action::DeleteForward));
        assert_eq!(i.text(), "!tag:polic");
        assert!(i.edit(Action::ClearLine));
        assert_eq!(i.text(), "");
        assert!(!i.edit(Action::DeleteBack));
    }

    #[test]
    fn pasted_floods_and_controls_are_tamed() {
        let mut i = LineInput::default();
        i.insert("line one\nline\ttwo\x1b[2J");
        assert_eq!(i.text(), "line one line two [2J");
        i.insert(&"x".repeat(100_000));
        assert_eq!(i.text().chars().count(), MAX_INPUT);
    }
}
