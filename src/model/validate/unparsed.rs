//! What is known of the inputs that did not parse, for references that name nothing
//! loaded: an id such an input never even spells cannot be defined in it, so the
//! reference is reported in the same pass as the input's own error, not after it is
//! fixed.

use std::collections::HashSet;

/// The inputs that did not parse, as far as references are concerned.
#[derive(Debug, Default)]
pub enum Unparsed {
    /// Every input parsed: the timeline is whole.
    #[default]
    None,
    /// Some did not; the words of their texts that could be ids.
    Words(HashSet<String>),
    /// Some input could not be read at all: it may define anything.
    Unread,
}

impl Unparsed {
    /// From the texts of the inputs that did not parse (`None` for one whose text is not
    /// at hand).
    pub fn of<'a>(texts: impl IntoIterator<Item = Option<&'a str>>) -> Unparsed {
        let mut words = HashSet::new();
        let mut any = false;
        for text in texts {
            any = true;
            let Some(text) = text else {
                return Unparsed::Unread;
            };
            let id_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
            words.extend(
                text.split(|c: char| !id_char(c))
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
        if any {
            Unparsed::Words(words)
        } else {
            Unparsed::None
        }
    }

    /// Did every input parse?
    pub fn is_whole(&self) -> bool {
        matches!(self, Unparsed::None)
    }

    /// Could an input that did not parse define `id`? Only if it spells it.
    pub fn may_define(&self, id: &str) -> bool {
        match self {
            Unparsed::None => false,
            Unparsed::Words(words) => words.contains(id),
            Unparsed::Unread => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_possible_only_where_it_is_spelled() {
        let u = Unparsed::of([Some("events:\n  - id: odni-2024\n    title: [Broken\n")]);
        assert!(!u.is_whole());
        assert!(u.may_define("odni-2024"));
        assert!(!u.may_define("odni"), "a part of a word is not the word");
        assert!(!u.may_define("nope"));
        assert!(Unparsed::of([Some("x"), None]).may_define("nope"));
        let whole = Unparsed::of([]);
        assert!(whole.is_whole());
        assert!(!whole.may_define("x"));
    }
}
