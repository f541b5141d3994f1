//! Cheap rejection before scoring: most events cannot match a text atom, and proving so
//! must cost far less than scoring them.
//!
//! - Each event keeps a 64-bit set of the (folded) characters its text holds; an atom
//!   whose characters are not all in the set is rejected with one AND.
//! - An atom's characters must then appear, in order, somewhere in the text (a
//!   subsequence test that jumps with `memchr` on ASCII text).
//!
//! - Then the fuzzy rule itself ([`Prefilter::window`]): within one field, the needle's
//!   characters in order, with at most [`MAX_GAPS`] other characters between them in all,
//!   and a gap that leaves a word skips whole words. Typos, a missing letter and
//!   run-together words match; letters picked from across a sentence, or from the ends
//!   of neighbouring words, do not. It needs no score.
//!
//! - Every event's text is also kept folded, one byte a character
//!   ([`fold_bytes`]): lower case, diacritics folded (`Zürich` → `zurich`), other
//!   characters as one of two markers. A lower-case ASCII needle (by far the most common
//!   kind) runs the rule over those bytes, the same on every event, whatever its script.
//!
//! All of these are monotone: a longer needle matches a subset of what a shorter one
//! matches, which makes narrowing while typing exact.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars::{normalize, to_lower_case};

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

fn fold(c: char) -> char {
    normalize(to_lower_case(c))
}

/// The character set of a haystack.
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
                m |= bit(fold(c));
                if !c.is_ascii() {
                    m |= NON_ASCII | bit(to_lower_case(c));
                }
            }
        }
    }
    m
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
                *o = fold_char(c);
            }
        }
    }
}

/// The folded byte of one character ([`fold_bytes`]).
fn fold_char(c: char) -> u8 {
    if c.is_ascii() {
        return (c as u8).to_ascii_lowercase();
    }
    // The order of `Prefilter::same`: normalise, then lower-case.
    let f = to_lower_case(normalize(c));
    let word = c.is_alphanumeric();
    if f.is_ascii() && (f as u8).is_ascii_alphanumeric() == word && f != '\n' {
        f as u8
    } else if word {
        FOLDED_WORD
    } else {
        FOLDED_OTHER
    }
}

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
    /// `positions` holds the places, each as early as the rule allows.
    fn starts(&self, s: usize, n: usize, positions: &mut Vec<u32>) -> bool {
        positions.clear();
        if !(self.eq)(s, 0) {
            return false;
        }
        positions.push(s as u32);
        if self.extend(1, s, MAX_GAPS, n, positions) {
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

    /// A gap inside a word is a typo or a missing letter; a gap that crosses from one
    /// word into another must skip whole words (begin and end between words), so
    /// `treatyofberlin` finds "Treaty of Berlin" but `ban` does not find "BIS) an".
    fn gap_ok(&self, from: usize, to: usize) -> bool {
        if from == to || (from..to).all(|i| (self.word)(i)) {
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
    let fold = |b: u8| {
        if ignore_case {
            b.to_ascii_lowercase()
        } else {
            b
        }
    };
    let hay = Hay {
        len: bytes.len(),
        eq: |pos: usize, j: usize| fold(bytes[pos]) == nb[j],
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
fn folded_gap_ok(folded: &[u8], from: usize, to: usize) -> bool {
    let word = |p: usize| folded[p].is_ascii_alphanumeric() || folded[p] == FOLDED_WORD;
    from == to || (from..to).all(word) || (!word(from) && !word(to - 1))
}

/// Whether `c` is among the `n` (at most 8) bytes from `from` on: eight bytes compared
/// at once, so that most partial matches, which cannot go on, cost no loop.
#[inline]
fn among(folded: &[u8], from: usize, n: usize, c: u8) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    match folded.get(from..from + 8) {
        Some(w) => {
            let v = u64::from_le_bytes(w.try_into().expect("eight bytes")) ^ (LO * u64::from(c));
            let first = if n >= 8 {
                u64::MAX
            } else {
                (1u64 << (8 * n)) - 1
            };
            // Non-zero exactly when a byte of `v` among the first `n` is zero.
            v.wrapping_sub(LO) & !v & HI & first != 0
        }
        None => folded[from.min(folded.len())..(from + n).min(folded.len())].contains(&c),
    }
}

/// The partial matches of a needle's first two characters `c0` and `c1` (see
/// [`trail_extend`]): from every place of `c0`, with no gaps used, extended by `c1`, in
/// one pass.
pub fn trail_pair(folded: &[u8], c0: u8, c1: u8, out: &mut Vec<u32>) {
    let start = out.len();
    for e in memchr::memchr_iter(c0, folded) {
        let gap_start = e + 1;
        if !among(folded, gap_start, MAX_GAPS + 1, c1) {
            continue;
        }
        let end = (gap_start + MAX_GAPS + 1).min(folded.len());
        for q in gap_start..end {
            let b = folded[q];
            if b == b'\n' {
                break;
            }
            if b == c1 && (q == gap_start || folded_gap_ok(folded, gap_start, q)) {
                out.push(((q as u32) << 3) | (q - gap_start) as u32);
            }
        }
    }
    keep_fewest_gaps(out, start);
}

/// Sorts `out[start..]` by end and keeps, for each end, the entry with the fewest gaps.
fn keep_fewest_gaps(out: &mut Vec<u32>, start: usize) {
    let new = &mut out[start..];
    if !new.is_sorted() {
        new.sort_unstable();
    }
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[kept - 1] >> 3 != out[i] >> 3 {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Extends partial matches of a needle by its next character `c`.
///
/// A partial match is where a match of the needle so far can end in the folded text,
/// with the fewest gaps (other characters between needle characters) used to get there,
/// packed as `end << 3 | gaps`, in order of `end`. From each, `c` is looked for within
/// the gaps left, by the rule of [`Prefilter::window_folded`] (a gap never crosses a line
/// break, and one that leaves a word skips whole words). A needle matches exactly when
/// its partial matches are not empty; fewer gaps to the same end allow all that more
/// gaps do, so only the fewest are kept. Typing one more letter then costs a look at a
/// few places per event instead of a search.
pub fn trail_extend(folded: &[u8], from: &[u32], c: u8, out: &mut Vec<u32>) {
    let start = out.len();
    for &packed in from {
        let (e, g) = ((packed >> 3) as usize, (packed & 7) as usize);
        let gap_start = e + 1;
        if !among(folded, gap_start, MAX_GAPS - g + 1, c) {
            continue;
        }
        let end = (gap_start + (MAX_GAPS - g) + 1).min(folded.len());
        for q in gap_start..end {
            let b = folded[q];
            if b == b'\n' {
                break;
            }
            if b == c && (q == gap_start || folded_gap_ok(folded, gap_start, q)) {
                out.push(((q as u32) << 3) | (g + q - gap_start) as u32);
            }
        }
    }
    keep_fewest_gaps(out, start);
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
    /// The needle as bytes when it can run over folded text ([`fold_bytes`]): ASCII,
    /// ignoring case, normalising.
    folded: Option<Vec<u8>>,
    /// The needle's ASCII characters, lower-cased, for [`Prefilter::subsequence_cheap`].
    loose: Vec<u8>,
}

impl Prefilter {
    /// `needle` is the atom's needle text (already folded by nucleo as needed).
    pub fn new(needle: Utf32Str<'_>, ignore_case: bool, normalize: bool) -> Prefilter {
        let chars: Vec<char> = needle.chars().collect();
        let mut mask = 0;
        for &c in &chars {
            let f = fold(c);
            // A needle character that is not normalised away must be found as itself.
            if !c.is_ascii() && (!normalize || f == c) {
                mask |= NON_ASCII;
            } else {
                mask |= bit(f);
            }
        }
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
        let mut h = h;
        if self.normalize {
            h = normalize(h);
        }
        if self.ignore_case {
            h = to_lower_case(h);
        }
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
    /// ([`fold_bytes`]), with the same answer and positions; `None` when this needle
    /// cannot use them (see [`Prefilter::folds`]).
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
mod tests {
    use super::*;
    use nucleo_matcher::Utf32String;

    /// The partial matches of a needle's first character: every place of it.
    fn trail_start(folded: &[u8], c: u8, out: &mut Vec<u32>) {
        out.extend(memchr::memchr_iter(c, folded).map(|q| (q as u32) << 3));
    }

    /// Text of up to 40 characters, mostly letters of both cases, with characters that
    /// fold to ASCII, that do not, marks, controls, the Kelvin sign, and any character.
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(
            proptest::prop_oneof![
                4 => proptest::char::range('a', 'z'),
                2 => proptest::char::range('A', 'Z'),
                1 => proptest::sample::select(vec![
                    ' ', '-', '.', '\n', '0', '1', '7', 'é', 'É', 'ü', 'Ü', 'ß', 'ø', 'Ł', 'ı',
                    'İ', 'ﬁ', 'Д', 'д', '東', '京', '¹', '½', '\u{212a}', '\u{301}', '\u{200b}',
                    '\u{a0}',
                ]),
                1 => proptest::prelude::any::<char>(),
            ],
            0..40,
        )
        .prop_map(|chars| chars.into_iter().collect())
    }

    fn pf(n: &str, ic: bool, norm: bool) -> Prefilter {
        let u = Utf32String::from(n);
        Prefilter::new(u.slice(..), ic, norm)
    }

    #[test]
    fn masks_and_subsequences() {
        let hay = Utf32String::from("Treaty of Berlin");
        let m = char_mask(hay.slice(..));
        let p = pf("treatyberlin", true, true);
        assert!(p.mask_ok(m));
        assert!(p.subsequence(hay.slice(..)));
        let p = pf("berlintreaty", true, true);
        assert!(p.mask_ok(m));
        assert!(!p.subsequence(hay.slice(..)));
        assert!(!pf("zurich", true, true).mask_ok(m));
        // Case-sensitive needles need the case.
        assert!(pf("Treaty", false, true).subsequence(hay.slice(..)));
        assert!(!pf("TREATY", false, true).subsequence(hay.slice(..)));
    }

    #[test]
    fn the_fuzzy_window_allows_a_few_gaps_and_never_crosses_a_line() {
        let w = |n: &str, h: &str| {
            let hay = Utf32String::from(h);
            let mut pos = Vec::new();
            let ok = pf(n, true, true).window(hay.slice(..), &mut pos);
            ok.then_some(pos)
        };
        assert_eq!(
            w("treaty", "The Treaty of Berlin"),
            Some(vec![4, 5, 6, 7, 8, 9])
        );
        assert_eq!(w("trety", "a treaty"), Some(vec![2, 3, 4, 6, 7]));
        assert!(
            w("treatyberlin", "Treaty of Berlin").is_some(),
            "four gaps: ' of '"
        );
        assert!(
            w("treatyberlin", "Treaty, or Berlin").is_none(),
            "five gaps"
        );
        assert!(w("triang", "the Russian government").is_none());
        // A gap that leaves a word skips whole words: not the tail of one word and the
        // head of the next.
        assert!(w("ban", "Industry and Security (BIS) and").is_none());
        assert_eq!(w("ban", "(BIS) bans"), Some(vec![6, 7, 8]));
        assert!(w("treatyberlin", "Treatys Berlin").is_none());
        assert!(w("usgov", "the U.S. government").is_some());
        assert!(w("odniassess", "ODNI's assessment").is_some());
        assert!(w("ab", "xa-b").is_some(), "the gap '-' lies between words");
        // Every place within the budget is tried, not only the earliest: here the
        // earliest 'b' leaves a gap "b-" that ends one word and starts no other.
        assert_eq!(w("abc", "abb-c"), Some(vec![0, 2, 4]));
        assert_eq!(w("abc", "ab\u{e9}b-c"), Some(vec![0, 3, 5]));
        assert!(w("treaty", "trea\nty").is_none(), "not across a line break");
        // A scattered start does not hide a later match.
        assert_eq!(
            w("kasp", "keep a sharp eye on Kaspersky"),
            Some(vec![20, 21, 22, 23])
        );
        // Unicode haystacks: diacritics fold.
        assert_eq!(
            w("zurich", "Summit in Zürich"),
            Some(vec![10, 11, 12, 13, 14, 15])
        );
        assert!(
            w("zuerich", "Zürich").is_none(),
            "every letter typed must be there"
        );
    }

    #[test]
    fn diacritics_fold_in_both_tests() {
        let hay = Utf32String::from("Summit in Zürich");
        let m = char_mask(hay.slice(..));
        let p = pf("zurich", true, true);
        assert!(p.mask_ok(m));
        assert!(p.subsequence(hay.slice(..)));
        // A needle with ü matches only ü (nucleo does not normalise it).
        let p = pf("zü", true, false);
        assert!(p.mask_ok(m));
        assert!(p.subsequence(hay.slice(..)));
        let plain = Utf32String::from("Zurich");
        assert!(!p.mask_ok(char_mask(plain.slice(..))));
    }

    /// The rule, written the slow way: every choice of places is tried.
    fn brute(needle: &[char], hay: &[char]) -> bool {
        fn go(n: &[char], hay: &[char], j: usize, prev: usize, budget: usize) -> bool {
            if j == n.len() {
                return true;
            }
            for q in prev + 1..hay.len() {
                let gap = &hay[prev + 1..q];
                if gap.len() > budget || gap.contains(&'\n') {
                    return false;
                }
                let word = |c: &char| c.is_alphanumeric();
                let ok = gap.is_empty()
                    || gap.iter().all(word)
                    || (!word(&gap[0]) && !word(&gap[gap.len() - 1]));
                if hay[q] == n[j] && ok && go(n, hay, j + 1, q, budget - gap.len()) {
                    return true;
                }
            }
            false
        }
        (0..hay.len()).any(|s| hay[s] == needle[0] && go(needle, hay, 1, s, MAX_GAPS))
    }

    /// Every needle of up to 3 characters against every haystack of up to 7, over a
    /// small alphabet of letters and separators.
    #[test]
    fn the_window_agrees_with_the_rule_on_every_small_case() {
        fn all(alphabet: &[char], max: usize) -> Vec<Vec<char>> {
            let mut out = vec![vec![]];
            let mut layer = vec![vec![]];
            for _ in 0..max {
                let mut next = Vec::new();
                for w in &layer {
                    for &c in alphabet {
                        let mut v: Vec<char> = w.clone();
                        v.push(c);
                        next.push(v);
                    }
                }
                out.extend(next.iter().cloned());
                layer = next;
            }
            out
        }
        let needles = all(&['a', 'b', '-'], 3);
        let hays = all(&['a', 'b', '-', ' '], 7);
        let mut pos = Vec::new();
        for n in needles.iter().filter(|n| !n.is_empty()) {
            let needle: String = n.iter().collect();
            let p = pf(&needle, true, true);
            for h in &hays {
                let hay: String = h.iter().collect();
                let u = Utf32String::from(hay.as_str());
                let found = p.window(u.slice(..), &mut pos);
                assert_eq!(found, brute(n, h), "{needle:?} in {hay:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_window_finds_a_match_exactly_when_one_exists(
            needle in "[ab-]{1,5}",
            hay in "[ab\\- \n\u{e9}]{0,24}",
        ) {
            let n: Vec<char> = needle.chars().collect();
            let h: Vec<char> = hay.chars().collect();
            let u = Utf32String::from(hay.as_str());
            let mut pos = Vec::new();
            let found = pf(&needle, true, true).window(u.slice(..), &mut pos);
            proptest::prop_assert_eq!(found, brute(&n, &h));
            if found {
                // The places spell the needle, in order.
                let got: String = pos.iter().map(|&i| h[i as usize]).collect();
                proptest::prop_assert_eq!(got, needle.clone());
                proptest::prop_assert!(pos.windows(2).all(|w| w[0] < w[1]));
            }
            // Monotone: a longer needle never matches where its prefix fails.
            let longer = format!("{needle}a");
            if pf(&longer, true, true).window(u.slice(..), &mut pos) {
                proptest::prop_assert!(found);
            }
        }

        /// The folded bytes give exactly the answers (and places) of the characters, in
        /// any script: letters that fold to ASCII, letters that do not, marks, controls.
        #[test]
        fn folded_text_answers_as_the_characters_do(
            needle in "[a-z0-9 .-]{1,5}",
            hay in mixed_text(),
        ) {
            let u = Utf32String::from(hay.as_str());
            let mut folded = Vec::new();
            fold_bytes(u.slice(..), &mut folded);
            proptest::prop_assert_eq!(folded.len(), u.len());
            let p = pf(&needle, true, true);
            proptest::prop_assert!(p.folds());
            let (mut a, mut b) = (Vec::new(), Vec::new());
            let plain = p.window(u.slice(..), &mut a);
            let fast = p.window_folded(&folded, &mut b);
            proptest::prop_assert_eq!(fast, Some(plain), "{:?} in {:?}", needle, hay);
            proptest::prop_assert_eq!(&a, &b);
            proptest::prop_assert_eq!(p.subsequence_folded(&folded), Some(p.subsequence(u.slice(..))));
        }

        /// The cheap tests over folded bytes pass wherever the needle's characters are a
        /// subsequence of the text, and wherever the fuzzy rule matches, for needles of
        /// any case and script.
        #[test]
        fn the_cheap_folded_test_passes_wherever_the_characters_do(
            needle in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => proptest::char::range('a', 'z'),
                    2 => proptest::char::range('A', 'Z'),
                    1 => proptest::sample::select(vec!['é', 'É', 'ü', 'Д', '東', '-', '1']),
                ],
                1..5,
            ),
            ic in proptest::prelude::any::<bool>(),
            norm in proptest::prelude::any::<bool>(),
            hay in mixed_text(),
        ) {
            let needle: String = needle.into_iter().collect();
            let u = Utf32String::from(hay.as_str());
            let mut folded = Vec::new();
            fold_bytes(u.slice(..), &mut folded);
            let p = pf(&needle, ic, norm);
            if p.subsequence(u.slice(..)) {
                proptest::prop_assert!(p.subsequence_cheap(&folded), "{:?} in {:?}", needle, hay);
            }
            let mut pos = Vec::new();
            if p.window(u.slice(..), &mut pos) {
                proptest::prop_assert!(p.window_cheap(&folded, &mut pos), "{:?} in {:?}", needle, hay);
            }
            if let Some(exact) = p.subsequence_folded(&folded) {
                proptest::prop_assert_eq!(p.subsequence_cheap(&folded), exact);
            }
        }

        /// Extending partial matches a letter at a time answers exactly as the rule
        /// does for every prefix of the needle, and keeps one entry per end, in order.
        #[test]
        fn trails_answer_as_the_window_does(
            needle in "[ab.-]{1,6}",
            hay in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b'b', b'.', b'-', b' ', b'\n', FOLDED_WORD, FOLDED_OTHER]),
                0..48,
            ),
        ) {
            let nb = needle.as_bytes();
            let mut trail = Vec::new();
            trail_start(&hay, nb[0], &mut trail);
            if nb.len() > 1 {
                let (mut two, mut pair) = (Vec::new(), Vec::new());
                trail_extend(&hay, &trail, nb[1], &mut two);
                trail_pair(&hay, nb[0], nb[1], &mut pair);
                proptest::prop_assert_eq!(two, pair);
            }
            let mut pos = Vec::new();
            for k in 1..=nb.len() {
                if k > 1 {
                    let mut next = Vec::new();
                    trail_extend(&hay, &trail, nb[k - 1], &mut next);
                    trail = next;
                }
                let p = pf(&needle[..k], true, true);
                let want = p.window_folded(&hay, &mut pos).expect("folds");
                proptest::prop_assert_eq!(!trail.is_empty(), want, "{:?} in {:?}", &needle[..k], hay);
                proptest::prop_assert!(trail.windows(2).all(|w| w[0] >> 3 < w[1] >> 3));
                for &t in &trail {
                    proptest::prop_assert_eq!(hay[(t >> 3) as usize], nb[k - 1]);
                    proptest::prop_assert!((t & 7) as usize <= MAX_GAPS);
                }
            }
        }
    }

    /// For every character of Unicode, under each way of comparing: whenever it equals
    /// an ASCII needle character, its folded byte is that character lower-cased or a
    /// byte that [`Prefilter::subsequence_cheap`] lets stand for any character. So that
    /// test never turns away an event the needle matches.
    #[test]
    fn every_character_a_needle_matches_folds_to_a_byte_the_cheap_test_accepts() {
        for (ic, norm) in [(true, true), (true, false), (false, true), (false, false)] {
            let p = pf("a", ic, norm);
            for h in (0..=0x10FFFF).filter_map(char::from_u32) {
                // What `same` compares with the needle character.
                let t = if h.is_ascii() {
                    if ic { h.to_ascii_lowercase() } else { h }
                } else {
                    let n = if norm { normalize(h) } else { h };
                    if ic { to_lower_case(n) } else { n }
                };
                assert!(p.same(h, t), "{h:?}");
                if t.is_ascii() {
                    let b = fold_char(h);
                    assert!(
                        b == (t as u8).to_ascii_lowercase()
                            || b == FOLDED_WORD
                            || b == FOLDED_OTHER,
                        "{h:?} (U+{:04X}) equals {t:?} (ignore case {ic}, normalise {norm}) but folds to {b:#x}",
                        h as u32
                    );
                }
            }
        }
    }

    #[test]
    fn only_lower_case_ascii_needles_use_folded_text() {
        assert!(pf("treaty", true, true).folds());
        assert!(
            !pf("Treaty", false, true).folds(),
            "smart case: upper case is exact"
        );
        assert!(!pf("zürich", true, true).folds(), "a needle outside ASCII");
        let mut folded = Vec::new();
        fold_bytes(Utf32String::from("Zürich 東京\n").slice(..), &mut folded);
        assert_eq!(folded, b"zurich \x80\x80\n");
    }
}
