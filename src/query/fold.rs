//! The diacritic fold, in one place: lower case with diacritics folded (`Zürich` →
//! `zurich`), as nucleo compares a lower-case needle.
//!
//! - [`fold_char`] folds one character, [`fold_str`] a name (for facet prefixes).
//! - Every event's text is kept folded, one byte a character ([`fold_bytes`]): ASCII
//!   lower-cased, other characters folded when they fold to ASCII, otherwise one of two
//!   markers, so that a lower-case ASCII needle (by far the most common kind) runs over
//!   the same bytes on every event, whatever its script.
//! - [`char_mask`] is the set of folded characters a text holds, 64 bits, for rejecting
//!   an event with one AND.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};

/// One character folded: diacritics removed and lower-cased (`Ü` → `u`, `Ł` → `l`).
///
/// nucleo's order (remove diacritics, then lower-case) decides wherever it gives ASCII,
/// so that what nucleo's own atoms (exact, anchored) find equal, the fold does too and
/// the cheap tests never turn it away. Elsewhere the other order decides: nucleo's table
/// of diacritics holds the small letters of Latin Extended-A and B but not their
/// capitals, so `Ł`, `Š` or `Ō` fold only once lower-cased (and lower-cased again
/// after, as a few fold to capitals).
pub fn fold_char(c: char) -> char {
    let f = to_lower_case(normalize(c));
    if f.is_ascii() {
        f
    } else {
        to_lower_case(normalize(to_lower_case(c)))
    }
}

/// A name folded for comparing prefixes (`actor:zurich` finds `Zürich Council`): each
/// character by [`fold_char`], then lower-cased in full (`İ` becomes two characters).
pub fn fold_str(s: &str) -> String {
    s.chars()
        .map(fold_char)
        .flat_map(char::to_lowercase)
        .collect()
}

/// The bit of a folded character.
fn bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        c if c.is_ascii() => 1 << (36 + (c as u32 % 26)),
        _ => 1 << 62,
    }
}

/// Non-ASCII characters always set this bit as well as their folded one.
const NON_ASCII: u64 = 1 << 63;

/// Whether a text whose character set is `mask` ([`char_mask`]) is all ASCII.
pub fn mask_is_ascii(mask: u64) -> bool {
    mask & NON_ASCII == 0
}

/// The character set of a haystack: each character folded, and a character outside
/// ASCII also as itself lower-cased (what a needle that does not normalise compares).
pub fn char_mask(hay: Utf32Str<'_>) -> u64 {
    let mut m = 0;
    match hay {
        Utf32Str::Ascii(bytes) => {
            for &b in bytes {
                m |= bit((b as char).to_ascii_lowercase());
            }
        }
        Utf32Str::Unicode(chars) => {
            for &c in chars {
                m |= bit(fold_char(c));
                if !c.is_ascii() {
                    m |= NON_ASCII | bit(to_lower_case(c));
                }
            }
        }
    }
    m
}

/// The characters a haystack's set must hold for a needle to match it: each needle
/// character folded, or, for one outside ASCII that must be found as itself (the needle
/// does not normalise, or it folds to itself), only some character outside ASCII.
pub fn needle_mask(needle: &[char], normalize: bool) -> u64 {
    let mut mask = 0;
    for &c in needle {
        let f = fold_char(c);
        if !c.is_ascii() && (!normalize || f == c) {
            mask |= NON_ASCII;
        } else {
            mask |= bit(f);
        }
    }
    mask
}

/// The folded byte of a character outside ASCII that folds to none: a letter or digit.
pub const FOLDED_WORD: u8 = 0x80;
/// The folded byte of a character outside ASCII that folds to none: anything else.
pub const FOLDED_OTHER: u8 = 0x81;

/// Appends one byte per character of `hay` to `out`, as a lower-case, normalising needle
/// compares it: ASCII lower-cased; other characters folded (`Ü` → `u`) when they fold
/// to ASCII, otherwise [`FOLDED_WORD`] or [`FOLDED_OTHER`], so a byte's place, whether
/// it is part of a word and whether it ends a line are those of its character.
pub fn fold_bytes(hay: Utf32Str<'_>, out: &mut Vec<u8>) {
    let start = out.len();
    out.resize(start + hay.len(), 0);
    fold_into(hay, &mut out[start..]);
}

/// [`fold_bytes`] into `out`, exactly as long as `hay`.
pub fn fold_into(hay: Utf32Str<'_>, out: &mut [u8]) {
    match hay {
        Utf32Str::Ascii(bytes) => {
            for (o, b) in out.iter_mut().zip(bytes) {
                *o = b.to_ascii_lowercase();
            }
        }
        Utf32Str::Unicode(chars) => {
            for (o, &c) in out.iter_mut().zip(chars) {
                *o = fold_byte(c);
            }
        }
    }
}

/// The folded byte of one character ([`fold_bytes`]).
pub fn fold_byte(c: char) -> u8 {
    if c.is_ascii() {
        return (c as u8).to_ascii_lowercase();
    }
    let f = fold_char(c);
    let word = c.is_alphanumeric();
    if f.is_ascii() && (f as u8).is_ascii_alphanumeric() == word && f != '\n' {
        f as u8
    } else if word {
        FOLDED_WORD
    } else {
        FOLDED_OTHER
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_and_names_fold_as_nucleo_compares_them() {
        assert_eq!(fold_char('Ü'), 'u');
        assert_eq!(fold_char('Д'), 'д');
        assert_eq!(fold_str("Zürich Straße"), "zurich strase");
        assert_eq!(fold_byte('Ü'), b'u');
        assert_eq!(fold_byte('東'), FOLDED_WORD);
        assert_eq!(fold_byte('—'), FOLDED_OTHER);
        // Capitals that nucleo's table lacks fold too, as their small letters do.
        assert_eq!(fold_char('Ł'), 'l');
        assert_eq!(fold_char('Š'), 's');
        assert_eq!(fold_str("ŁÓDŹ"), "lodz");
        // The Kelvin sign is the letter k, as nucleo reads it.
        assert_eq!(fold_char('\u{212a}'), 'k');
    }
}
