//! Tests of the fuzzy rule and the cheap tests, on their own and against a brute-force
//! statement of the rule.

use super::*;
use crate::query::fold::{
    FOLDED_OTHER, FOLDED_WORD, char_mask, fold_byte, fold_bytes, fold_char, needle_mask,
};
use nucleo_matcher::Utf32String;
use nucleo_matcher::chars::is_upper_case;

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
    assert!(w("ab", "x a-b").is_some(), "the gap '-' lies between words");
    // Inside a word the needle is one run: gaps only in a match that starts a word.
    assert!(w("ab", "xa-b").is_none());
    assert!(w("ban", "to obtain").is_none());
    assert!(w("ban", "Kaspersky Lab and").is_none());
    assert_eq!(w("ban", "the brand"), Some(vec![4, 6, 7]));
    assert_eq!(
        w("ban", "urban"),
        Some(vec![2, 3, 4]),
        "one run inside a word"
    );
    // Every place within the budget is tried, not only the earliest: here the
    // earliest 'b' leaves a gap "b-" that ends one word and starts no other.
    assert_eq!(w("abc", "abb-c"), Some(vec![0, 2, 4]));
    assert_eq!(w("abc", "a\u{e9}b-c"), Some(vec![0, 2, 4]));
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
    // Capitals that nucleo's table of diacritics lacks fold as their small letters do.
    let p = pf("lodz", true, true);
    for city in ["Łódź", "łódź", "ŁÓDŹ"] {
        let hay = Utf32String::from(city);
        assert!(p.mask_ok(char_mask(hay.slice(..))), "{city}");
        assert!(p.window(hay.slice(..), &mut Vec::new()), "{city}");
    }
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
                || (gap.len() == 1 && word(&gap[0]))
                || (!word(&gap[0]) && !word(&gap[gap.len() - 1]));
            if hay[q] == n[j] && ok && go(n, hay, j + 1, q, budget - gap.len()) {
                return true;
            }
        }
        false
    }
    // Gaps only in a match that starts a word.
    let budget = |s: usize| {
        if s == 0 || !hay[s - 1].is_alphanumeric() {
            MAX_GAPS
        } else {
            0
        }
    };
    (0..hay.len()).any(|s| hay[s] == needle[0] && go(needle, hay, 1, s, budget(s)))
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
}

/// For every character of Unicode, under each way of comparing, as the fuzzy rule
/// compares it with a needle character (`same`) and as nucleo's own atoms do: whenever
/// it equals an ASCII needle character, its folded byte is that character lower-cased
/// or a byte that [`Prefilter::subsequence_cheap`] lets stand for any character; and
/// whenever it equals a character a needle can hold, its character set holds what that
/// needle character asks of a set. So neither cheap test ever turns away an event the
/// needle matches.
#[test]
fn every_character_a_needle_matches_folds_to_a_byte_the_cheap_test_accepts() {
    let mut masks_checked = 0;
    for (ic, norm) in [(true, true), (true, false), (false, true), (false, false)] {
        let p = pf("a", ic, norm);
        for h in (0..=0x10FFFF).filter_map(char::from_u32) {
            // What `same` compares with the needle character.
            let t = if h.is_ascii() {
                if ic { h.to_ascii_lowercase() } else { h }
            } else if ic && norm {
                fold_char(h)
            } else {
                let n = if norm { normalize(h) } else { h };
                if ic { to_lower_case(n) } else { n }
            };
            assert!(p.same(h, t), "{h:?}");
            // What nucleo compares: normalised, then lower-cased.
            let by_nucleo = if h.is_ascii() {
                t
            } else {
                let n = if norm { normalize(h) } else { h };
                if ic { to_lower_case(n) } else { n }
            };
            let both = [t, by_nucleo];
            for &t in &both[..if t == by_nucleo { 1 } else { 2 }] {
                if t.is_ascii() {
                    let b = fold_byte(h);
                    assert!(
                        b == (t as u8).to_ascii_lowercase()
                            || b == FOLDED_WORD
                            || b == FOLDED_OTHER,
                        "{h:?} (U+{:04X}) equals {t:?} (ignore case {ic}, normalise {norm}) but folds to {b:#x}",
                        h as u32
                    );
                }
                // A needle holds `t` only if nucleo leaves it so: it normalises a needle
                // only when nothing in it normalises, and ignores case only without
                // capitals.
                if (norm && normalize(t) != t) || (ic && is_upper_case(t)) {
                    continue;
                }
                masks_checked += 1;
                let want = needle_mask(&[t], norm);
                let one = [h];
                let ascii = [h as u8];
                let hay = if h.is_ascii() {
                    Utf32Str::Ascii(&ascii)
                } else {
                    Utf32Str::Unicode(&one)
                };
                assert_eq!(
                    char_mask(hay) & want,
                    want,
                    "{h:?} (U+{:04X}) equals {t:?} (ignore case {ic}, normalise {norm}) but its set lacks the needle's",
                    h as u32
                );
            }
        }
    }
    assert!(masks_checked > 4_000_000, "{masks_checked}");
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
