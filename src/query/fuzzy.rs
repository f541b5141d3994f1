//! The fuzzy rule, and a needle prepared for it ([`Prefilter`]): most events cannot
//! match a text atom, and proving so must cost far less than scoring them.
//!
//! - Each event keeps a 64-bit set of the (folded) characters its text holds
//!   ([`char_mask`](super::fold::char_mask)); an atom whose characters are not all in
//!   the set is rejected with one AND.
//! - An atom's characters must then appear, in order, somewhere in the text (a
//!   subsequence test that jumps with `memchr` on ASCII text).
//!
//! - Then the fuzzy rule itself ([`Prefilter::window`]): within one field, the needle's
//!   characters in order, with at most [`MAX_GAPS`] other characters between them in all,
//!   gaps only in a match that starts a word (inside a word the needle is one run), a gap
//!   inside a word of one letter, and a gap that leaves a word skips whole words. Typos, a missing letter and
//!   run-together words match; letters picked from across a sentence, or from the ends
//!   of neighbouring words, do not. It needs no score.
//!
//! - A lower-case ASCII needle (by far the most common kind) runs the rule over each
//!   event's folded text ([`fold_bytes`](super::fold::fold_bytes)), the same on every
//!   event, whatever its script.
//!
//! All of these are monotone: a longer needle matches a subset of what a shorter one
//! matches, which makes narrowing while typing exact.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};

use super::fold::{FOLDED_OTHER, FOLDED_WORD, fold_char, needle_mask};

/// The index of the needle character least likely to occur in English text (ties: the
/// first); a character outside ASCII counts as rarest.
fn rarest(nb: &[char]) -> usize {
    const COMMON: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    let rank = |c: char| {
        if !c.is_ascii() {
            return COMMON.len() + 1;
        }
        let l = c.to_ascii_lowercase() as u8;
        COMMON.iter().position(|&x| x == l).unwrap_or(COMMON.len())
    };
    let mut best = 0;
    for (i, &b) in nb.iter().enumerate() {
        if rank(b) > rank(nb[best]) {
            best = i;
        }
    }
    best
}

/// Other characters allowed between a fuzzy needle's characters, in all.
pub const MAX_GAPS: usize = 4;

/// Whether each byte of `needle`, in order, is found in `hay` by `find` (which gives
/// where in the rest of `hay` it found one).
fn in_order(hay: &[u8], needle: &[u8], find: impl Fn(u8, &[u8]) -> Option<usize>) -> bool {
    let mut pos = 0;
    for &n in needle {
        match find(n, &hay[pos..]) {
            Some(i) => pos += i + 1,
            None => return false,
        }
    }
    true
}

/// A haystack as the fuzzy rule sees it: whether the character at a place equals the
/// needle's `j`th, is part of a word (a letter or digit), or ends a line.
struct Hay<E, W, L> {
    len: usize,
    eq: E,
    word: W,
    line: L,
}

impl<E, W, L> Hay<E, W, L>
where
    E: Fn(usize, usize) -> bool,
    W: Fn(usize) -> bool,
    L: Fn(usize) -> bool,
{
    /// Whether a needle of `n` characters matches around any of `anchors`, the places
    /// (in order) of its `k`th character, which every match holds: the match's first
    /// character is then at most [`MAX_GAPS`] places before where it would be without
    /// gaps, so few starts are tried, however common the first letter is. Nearest first:
    /// the match with the fewest gaps before the anchor.
    fn around(
        &self,
        n: usize,
        k: usize,
        anchors: impl Iterator<Item = usize>,
        positions: &mut Vec<u32>,
    ) -> bool {
        let mut next_start = 0usize;
        for p in anchors {
            if p < k {
                continue;
            }
            let first = (p - k).saturating_sub(MAX_GAPS).max(next_start);
            for s in (first..=p - k).rev() {
                if self.starts(s, n, positions) {
                    return true;
                }
            }
            next_start = p - k + 1;
        }
        positions.clear();
        false
    }

    /// Whether a needle of `n` characters matches with its first one at `s`; if so,
    /// `positions` holds the places, each as early as the rule allows. Only a match that
    /// starts a word may have gaps: inside a word the needle is one run of characters, so
    /// `ban` finds "brand" but not "obtain", "began" with its gaps but not "Lab and".
    fn starts(&self, s: usize, n: usize, positions: &mut Vec<u32>) -> bool {
        positions.clear();
        if !(self.eq)(s, 0) {
            return false;
        }
        positions.push(s as u32);
        let budget = if s == 0 || !(self.word)(s - 1) {
            MAX_GAPS
        } else {
            0
        };
        if self.extend(1, s, budget, n, positions) {
            return true;
        }
        positions.clear();
        false
    }

    /// Places needle characters `j..n` after `prev` with at most `budget` gaps. Every
    /// place within the budget is tried (earliest first), so a match is found whenever
    /// one exists: that keeps the rule monotone (a longer needle never matches where a
    /// shorter one fails), which narrowing while typing relies on.
    fn extend(&self, j: usize, prev: usize, budget: usize, n: usize, pos: &mut Vec<u32>) -> bool {
        if j == n {
            return true;
        }
        let gap_start = prev + 1;
        let end = (gap_start + budget + 1).min(self.len);
        for q in gap_start..end {
            if (self.line)(q) {
                return false;
            }
            if (self.eq)(q, j) && self.gap_ok(gap_start, q) {
                pos.push(q as u32);
                if self.extend(j + 1, q, budget - (q - gap_start), n, pos) {
                    return true;
                }
                pos.pop();
            }
        }
        false
    }

    /// A gap inside a word is one letter (a typo, a letter left out); a gap that crosses
    /// from one word into another must skip whole words (begin and end between words),
    /// so `treatyofberlin` finds "Treaty of Berlin" but `ban` does not find "BIS) an", nor
    /// "began".
    fn gap_ok(&self, from: usize, to: usize) -> bool {
        if from == to || (to - from == 1 && (self.word)(from)) {
            return true;
        }
        !(self.word)(from) && !(self.word)(to - 1)
    }
}

/// The fuzzy rule over bytes (ASCII text, or folded text), from the needle character at
/// `anchor`; `ignore_case` compares ASCII letters without case.
fn window_bytes(
    bytes: &[u8],
    nb: &[u8],
    anchor: usize,
    ignore_case: bool,
    positions: &mut Vec<u32>,
) -> bool {
    if nb.is_empty() {
        return false;
    }
    let lower = |b: u8| {
        if ignore_case {
            b.to_ascii_lowercase()
        } else {
            b
        }
    };
    let hay = Hay {
        len: bytes.len(),
        eq: |pos: usize, j: usize| lower(bytes[pos]) == nb[j],
        // Folded bytes of letters outside ASCII (FOLDED_WORD) are part of words.
        word: |pos: usize| bytes[pos].is_ascii_alphanumeric() || bytes[pos] == FOLDED_WORD,
        line: |pos: usize| bytes[pos] == b'\n',
    };
    // Search from the needle's rarest character, found with memchr.
    let a = nb[anchor];
    if ignore_case && a.is_ascii_alphabetic() {
        let (lo, up) = (a.to_ascii_lowercase(), a.to_ascii_uppercase());
        hay.around(
            nb.len(),
            anchor,
            memchr::memchr2_iter(lo, up, bytes),
            positions,
        )
    } else {
        hay.around(nb.len(), anchor, memchr::memchr_iter(a, bytes), positions)
    }
}

/// Whether a gap of folded text `from..to` may lie between two needle characters: the
/// rule of [`Hay::gap_ok`] on folded bytes.
pub(super) fn folded_gap_ok(folded: &[u8], from: usize, to: usize) -> bool {
    let word = |p: usize| folded_is_word(folded[p]);
    from == to || (to - from == 1 && word(from)) || (!word(from) && !word(to - 1))
}

/// Whether a folded byte is part of a word (a letter or digit, in ASCII or not).
pub(super) fn folded_is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == FOLDED_WORD
}

/// A needle prepared for the cheap tests.
#[derive(Clone, Debug)]
pub struct Prefilter {
    /// The needle as the matcher compares it (lower-cased when case is ignored,
    /// normalised when normalising).
    chars: Vec<char>,
    /// The needle as bytes, when it is ASCII (lower-cased when case is ignored).
    ascii: Option<Vec<u8>>,
    ignore_case: bool,
    normalize: bool,
    mask: u64,
    /// The needle's rarest character (where searches start).
    anchor: usize,
    /// The needle as bytes when it can run over folded text
    /// ([`fold_bytes`](super::fold::fold_bytes)): ASCII, ignoring case, normalising.
    folded: Option<Vec<u8>>,
    /// The needle's ASCII characters, lower-cased, for [`Prefilter::subsequence_cheap`].
    loose: Vec<u8>,
}

impl Prefilter {
    /// `needle` is the atom's needle text (already folded by nucleo as needed).
    pub fn new(needle: Utf32Str<'_>, ignore_case: bool, normalize: bool) -> Prefilter {
        let chars: Vec<char> = needle.chars().collect();
        let mask = needle_mask(&chars, normalize);
        let ascii = chars.iter().all(char::is_ascii).then(|| {
            chars
                .iter()
                .map(|&c| if ignore_case { c.to_ascii_lowercase() } else { c } as u8)
                .collect()
        });
        let anchor = rarest(&chars);
        let folded = ascii.clone().filter(|_| ignore_case && normalize);
        let loose = chars
            .iter()
            .filter(|c| c.is_ascii())
            .map(|&c| (c as u8).to_ascii_lowercase())
            .collect();
        Prefilter {
            loose,
            chars,
            anchor,
            folded,
            ascii,
            ignore_case,
            normalize,
            mask,
        }
    }

    pub fn ignore_case(&self) -> bool {
        self.ignore_case
    }
    pub fn normalizes(&self) -> bool {
        self.normalize
    }

    /// True when every character of the needle is in the haystack's set.
    pub fn mask_ok(&self, hay_mask: u64) -> bool {
        hay_mask & self.mask == self.mask
    }

    /// Whether haystack character `h` equals needle character `n`: as folded
    /// ([`fold_char`]) when the needle ignores case and normalises, otherwise as nucleo
    /// compares them.
    #[inline(always)]
    fn same(&self, h: char, n: char) -> bool {
        if h.is_ascii() {
            let h = if self.ignore_case {
                h.to_ascii_lowercase()
            } else {
                h
            };
            return h == n;
        }
        let h = match (self.normalize, self.ignore_case) {
            (true, true) => fold_char(h),
            (true, false) => normalize(h),
            (false, true) => to_lower_case(h),
            (false, false) => h,
        };
        h == n
    }

    /// Whether the needle matches by the fuzzy rule somewhere in `hay` (a field, or a
    /// whole event whose fields are joined by line breaks: a match never crosses one).
    /// When it does, `positions` holds where each needle character matched, at the first
    /// place where they fit with at most [`MAX_GAPS`] other characters between them.
    pub fn window(&self, hay: Utf32Str<'_>, positions: &mut Vec<u32>) -> bool {
        positions.clear();
        match hay {
            Utf32Str::Ascii(bytes) => match &self.ascii {
                Some(nb) => self.window_ascii(bytes, nb, positions),
                None => false,
            },
            Utf32Str::Unicode(chars) => self.window_unicode(chars, positions),
        }
    }

    /// Whether the needle can run over folded text ([`Prefilter::window_folded`]).
    pub fn folds(&self) -> bool {
        self.folded.is_some()
    }

    /// The needle as folded bytes, when it can run over folded text.
    pub fn folded_needle(&self) -> Option<&[u8]> {
        self.folded.as_deref()
    }

    /// [`Prefilter::window`] over the folded bytes of the same haystack
    /// ([`fold_bytes`](super::fold::fold_bytes)), with the same answer and positions;
    /// `None` when this needle cannot use them (see [`Prefilter::folds`]).
    pub fn window_folded(&self, folded: &[u8], positions: &mut Vec<u32>) -> Option<bool> {
        positions.clear();
        let nb = self.folded.as_deref()?;
        Some(window_bytes(folded, nb, self.anchor, false, positions))
    }

    /// [`Prefilter::subsequence`] over folded bytes; `None` when the needle cannot use
    /// them.
    pub fn subsequence_folded(&self, folded: &[u8]) -> Option<bool> {
        let nb = self.folded.as_deref()?;
        Some(in_order(folded, nb, memchr::memchr))
    }

    /// A test over folded bytes that every text the needle matches passes, whatever the
    /// needle: [`Prefilter::subsequence_folded`] when it can use folded text; otherwise
    /// its ASCII characters, lower-cased, in order, where a byte that stands for a
    /// character outside ASCII ([`FOLDED_WORD`], [`FOLDED_OTHER`]) may stand for any of
    /// them. A needle with capitals or accents so looks at the text of few events.
    pub fn subsequence_cheap(&self, folded: &[u8]) -> bool {
        if let Some(found) = self.subsequence_folded(folded) {
            return found;
        }
        in_order(folded, &self.loose, |n, rest| {
            memchr::memchr3(n, FOLDED_WORD, FOLDED_OTHER, rest)
        })
    }

    /// A test over folded bytes that every text the fuzzy rule matches passes, whatever
    /// the needle: [`Prefilter::window_folded`] when the needle can use folded text;
    /// for another ASCII needle (one with capitals), the rule for the needle lower-cased,
    /// which holds wherever the needle itself does (a character equal to a needle
    /// character folds to it lower-cased); otherwise [`Prefilter::subsequence_cheap`].
    pub fn window_cheap(&self, folded: &[u8], positions: &mut Vec<u32>) -> bool {
        if let Some(found) = self.window_folded(folded, positions) {
            return found;
        }
        if self.ascii.is_some() {
            positions.clear();
            return window_bytes(folded, &self.loose, self.anchor, false, positions);
        }
        self.subsequence_cheap(folded)
    }

    /// A test over folded bytes that every text holding the needle as one run of
    /// characters passes (what exact, prefix, suffix and whole atoms need): for an ASCII
    /// needle without spaces and a text all in ASCII (`ascii_text`, see
    /// [`mask_is_ascii`]), the needle lower-cased is in the folded bytes; otherwise
    /// [`Prefilter::subsequence_cheap`].
    pub fn substring_cheap(&self, folded: &[u8], ascii_text: bool) -> bool {
        if ascii_text && self.ascii.is_some() && !self.loose.contains(&b' ') {
            return memchr::memmem::find(folded, &self.loose).is_some();
        }
        self.subsequence_cheap(folded)
    }

    fn window_ascii(&self, bytes: &[u8], nb: &[u8], positions: &mut Vec<u32>) -> bool {
        window_bytes(bytes, nb, self.anchor, self.ignore_case, positions)
    }

    fn window_unicode(&self, chars: &[char], positions: &mut Vec<u32>) -> bool {
        let nc = &self.chars;
        if nc.is_empty() {
            return false;
        }
        let k = self.anchor;
        let anchor = nc[k];
        // Most characters of a mostly-Latin text are ASCII: compare those directly.
        let (alo, ahi) = if anchor.is_ascii() && self.ignore_case {
            (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase())
        } else {
            (anchor, anchor)
        };
        let is_anchor = |h: char| {
            if h.is_ascii() {
                h == alo || h == ahi
            } else {
                self.same(h, anchor)
            }
        };
        let hay = Hay {
            len: chars.len(),
            eq: |pos: usize, j: usize| self.same(chars[pos], nc[j]),
            word: |pos: usize| chars[pos].is_alphanumeric(),
            line: |pos: usize| chars[pos] == '\n',
        };
        let anchors = (0..chars.len()).filter(|&i| is_anchor(chars[i]));
        hay.around(nc.len(), k, anchors, positions)
    }

    /// True when the needle's characters appear in order in the haystack.
    pub fn subsequence(&self, hay: Utf32Str<'_>) -> bool {
        match hay {
            Utf32Str::Ascii(bytes) => {
                let mut pos = 0;
                for &n in &self.chars {
                    if !n.is_ascii() {
                        return false;
                    }
                    let n = n as u8;
                    let rest = &bytes[pos..];
                    let found = if self.ignore_case && n.is_ascii_alphabetic() {
                        memchr::memchr2(n.to_ascii_lowercase(), n.to_ascii_uppercase(), rest)
                    } else {
                        memchr::memchr(n, rest)
                    };
                    match found {
                        Some(i) => pos += i + 1,
                        None => return false,
                    }
                }
                true
            }
            Utf32Str::Unicode(chars) => {
                let mut it = chars.iter();
                'needle: for &n in &self.chars {
                    for &h in it.by_ref() {
                        if self.same(h, n) {
                            continue 'needle;
                        }
                    }
                    return false;
                }
                true
            }
        }
    }
}

#[cfg(test)]
mod tests;
