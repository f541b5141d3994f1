//! Text for terminals: nothing from a file reaches the terminal raw, and everything is
//! measured in display cells (CJK is two cells, combining marks none), never in bytes.
//!
//! - [`sanitize`] replaces every control character (C0, DEL, C1: so ESC, CSI, OSC, DCS,
//!   BEL, backspace, carriage return) and bidirectional overrides with visible stand-ins.
//! - [`width`], [`truncate`], [`pad`] and [`wrap`] work on grapheme clusters, so a cut never
//!   splits a character and a truncated text ends with `…`.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The visible stand-in for a character that must not reach a terminal, or `None` when
/// the character is safe. `keep_newlines` leaves `\n` alone (multi-line text).
fn replacement(c: char, keep_newlines: bool) -> Option<char> {
    match c {
        '\n' if keep_newlines => None,
        '\t' => Some(' '),
        // C0 controls: the Unicode "control pictures" (ESC shows as ␛, CR as ␍, BEL as ␇).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('␡'),
        // C1 controls (0x9B is a one-byte CSI on some terminals, 0x9D an OSC).
        '\u{80}'..='\u{9f}' => Some('�'),
        // Bidirectional embeddings, overrides and isolates (Trojan Source).
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('�'),
        // Line and paragraph separators would break a row.
        '\u{2028}' | '\u{2029}' => Some(' '),
        // A byte-order mark inside text is invisible and zero-width.
        '\u{feff}' => Some('�'),
        _ => None,
    }
}

fn sanitize_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let Some(first) = s.find(|c| replacement(c, keep_newlines).is_some()) else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        out.push(replacement(c, keep_newlines).unwrap_or(c));
    }
    Cow::Owned(out)
}

/// One line of text that is safe to print: every control character and bidi override is
/// replaced by a visible stand-in (a newline shows as `␊`, ESC as `␛`).
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_with(s, false)
}

/// Like [`sanitize`], but keeps line breaks (`\n`). Every other character maps to exactly
/// one character, so positions found in the original text still apply.
pub fn sanitize_multiline(s: &str) -> Cow<'_, str> {
    sanitize_with(s, true)
}

/// True when `s` needs no replacement to be printed on one line.
pub fn is_clean(s: &str) -> bool {
    !s.chars().any(|c| replacement(c, false).is_some())
}

/// Serialized JSON made inert for a terminal without changing the data it holds: JSON
/// escapes C0 controls (ESC is written `\u001b`) but leaves C1 controls (0x9B is a
/// one-byte CSI on some terminals), bidirectional controls, line separators and
/// byte-order marks raw. Those can only stand inside strings, so each is written as a
/// `\uXXXX` escape, which any JSON reader turns back into the same character.
pub fn json_inert(json: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| !matches!(c, '\n' | '\t' | '\r') && replacement(c, false).is_some();
    let Some(first) = json.find(unsafe_char) else {
        return Cow::Borrowed(json);
    };
    let mut out = String::with_capacity(json.len() + 16);
    out.push_str(&json[..first]);
    for c in json[first..].chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Display width in terminal cells, of text that is already sanitized.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The width of one grapheme cluster. An emoji presentation sequence (VS16) is two cells.
fn grapheme_width(g: &str) -> usize {
    UnicodeWidthStr::width(g)
}

/// Cuts sanitized text to at most `max` cells, ending with `…` when anything was cut.
/// Never splits a grapheme cluster.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    if width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    Cow::Owned(out)
}

/// Cuts a sequence of styled runs (sanitized text) to at most `max` cells, ending with
/// `…` (in the style of the run that was cut) when anything was cut.
pub fn truncate_runs<T: Copy>(runs: &[(T, String)], max: usize) -> Vec<(T, String)> {
    let total: usize = runs.iter().map(|(_, s)| width(s)).sum();
    if total <= max {
        return runs.to_vec();
    }
    let mut out = Vec::new();
    let mut used = 0;
    let limit = max.saturating_sub(1);
    for (style, s) in runs {
        let mut piece = String::new();
        for g in s.graphemes(true) {
            let w = grapheme_width(g);
            if used + w > limit {
                if max > 0 {
                    piece.push('…');
                }
                out.push((*style, piece));
                return out;
            }
            piece.push_str(g);
            used += w;
        }
        out.push((*style, piece));
    }
    out
}

/// [`truncate_runs`], keeping the cells `focus` (start, end) visible: when they would be
/// cut, the text starts with `…` and as much as fits before them instead (the style of
/// `…` is `lead`'s).
pub fn window_runs<T: Copy>(
    runs: &[(T, String)],
    max: usize,
    focus: (usize, usize),
    lead: T,
) -> Vec<(T, String)> {
    let (start, end) = focus;
    let total: usize = runs.iter().map(|(_, s)| width(s)).sum();
    if total <= max || end < max || max < 4 {
        return truncate_runs(runs, max);
    }
    // `…` + what is kept + `…`: the focus must end within `max - 1` cells.
    let skip = (end + 2).saturating_sub(max).min(start);
    let mut kept = Vec::new();
    let mut seen = 0;
    for (style, s) in runs {
        let mut piece = String::new();
        for g in s.graphemes(true) {
            if seen >= skip {
                piece.push_str(g);
            }
            seen += grapheme_width(g);
        }
        if !piece.is_empty() {
            kept.push((*style, piece));
        }
    }
    let mut out = vec![(lead, "…".to_string())];
    out.extend(truncate_runs(&kept, max - 1));
    out
}

/// Truncates and pads with spaces to exactly `cells` cells.
pub fn pad(s: &str, cells: usize) -> String {
    let t = truncate(s, cells);
    let w = width(&t);
    let mut out = t.into_owned();
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

/// Wraps sanitized text into lines of at most `max` cells: at spaces where it can, and
/// inside a word (between grapheme clusters) only when the word alone is too wide.
/// Line breaks in the text are kept; blank lines separate paragraphs.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let w = width(word);
            if used > 0 && used + 1 + w <= max {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= max {
                line.push_str(word);
                used = w;
                continue;
            }
            // A word wider than the line: break it between grapheme clusters.
            for g in word.graphemes(true) {
                let gw = grapheme_width(g);
                if used + gw > max && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push_str(g);
                used += gw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Byte offset of each char in `s` (the last entry is `s.len()`): turns char indices
/// from the matcher into byte ranges without slicing by guesswork.
pub fn char_byte_offsets(s: &str) -> Vec<usize> {
    let mut v: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    v.push(s.len());
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_replaced_visibly() {
        assert_eq!(sanitize("a\x1b[31mred"), "a␛[31mred");
        assert_eq!(sanitize("bell\x07"), "bell␇");
        assert_eq!(sanitize("cr\rlf\n"), "cr␍lf␊");
        assert_eq!(sanitize("tab\there"), "tab here");
        assert_eq!(sanitize("c1\u{9b}31m"), "c1�31m");
        assert_eq!(sanitize("osc\u{9d}0;x"), "osc�0;x");
        assert_eq!(sanitize("del\u{7f}"), "del␡");
        assert_eq!(sanitize("bidi\u{202e}txt\u{2066}"), "bidi�txt�");
        assert_eq!(sanitize_multiline("a\r\nb\x1b"), "a␍\nb␛");
        assert!(matches!(sanitize("plain text"), Cow::Borrowed(_)));
        assert!(is_clean("Zürich 東京 🙂"));
        assert!(!is_clean("x\u{1b}"));
    }

    #[test]
    fn every_control_up_to_the_edges_of_each_range_is_replaced() {
        // C0 (with backspace, carriage return, BEL), DEL, both ends of C1, both ends of
        // each bidirectional range.
        for (c, shown) in [
            ('\u{0}', '␀'),
            ('\u{7}', '␇'),
            ('\u{8}', '␈'),
            ('\r', '␍'),
            ('\u{1b}', '␛'),
            ('\u{1f}', '␟'),
            ('\u{7f}', '␡'),
            ('\u{80}', '�'),
            ('\u{9f}', '�'),
            ('\u{202a}', '�'),
            ('\u{202e}', '�'),
            ('\u{2066}', '�'),
            ('\u{2069}', '�'),
        ] {
            let s = format!("a{c}b");
            assert_eq!(sanitize(&s), format!("a{shown}b"), "{:?}", c);
            assert_eq!(sanitize_multiline(&s), format!("a{shown}b"), "{:?}", c);
            assert!(!is_clean(&s), "{c:?}");
        }
        // Just outside the ranges: left alone.
        for c in [
            '\u{20}', '\u{7e}', '\u{a0}', '\u{2027}', '\u{202f}', '\u{206a}',
        ] {
            assert!(is_clean(&c.to_string()), "{c:?}");
        }
        // Every C0 but the newline kept by the multi-line form, every C1 and every bidi
        // control: none is left.
        let all: String = ('\u{0}'..='\u{1f}')
            .chain('\u{7f}'..='\u{9f}')
            .chain('\u{202a}'..='\u{202e}')
            .chain('\u{2066}'..='\u{2069}')
            .collect();
        assert!(sanitize(&all).chars().all(|c| is_clean(&c.to_string())));
        assert_eq!(sanitize(&all).chars().count(), all.chars().count());
        assert!(
            sanitize_multiline(&all)
                .chars()
                .all(|c| c == '\n' || is_clean(&c.to_string()))
        );
        // A DCS string (ESC P … ESC \\) and its one-byte form (0x90 … 0x9C).
        assert_eq!(sanitize("x\u{1b}P1$qm\u{1b}\\y"), "x␛P1$qm␛\\y");
        assert_eq!(sanitize("x\u{90}1$qm\u{9c}y"), "x�1$qm�y");
    }

    #[test]
    fn json_is_made_inert_without_changing_its_data() {
        let json = "{\n\t\"a\": \"c1 \u{9b}31m bidi \u{202e} sep \u{2028} bom \u{feff} ok é\"\n}";
        let inert = json_inert(json);
        assert_eq!(
            inert,
            "{\n\t\"a\": \"c1 \\u009b31m bidi \\u202e sep \\u2028 bom \\ufeff ok é\"\n}"
        );
        let a: serde_json::Value = serde_json::from_str(json).unwrap();
        let b: serde_json::Value = serde_json::from_str(&inert).unwrap();
        assert_eq!(a, b);
        assert!(matches!(json_inert("{\"a\": 1}"), Cow::Borrowed(_)));
    }

    #[test]
    fn widths_are_display_cells() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("東京"), 4);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(width("🙂"), 2);
    }

    #[test]
    fn truncation_ends_with_ellipsis_and_never_splits() {
        assert_eq!(truncate("hello world", 20), "hello world");
        assert_eq!(truncate("hello world", 8), "hello w…");
        assert_eq!(truncate("東京都庁舎", 6), "東京…");
        assert_eq!(truncate("東京都庁舎", 5), "東京…");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("abc", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        for max in 0..12 {
            for s in [
                "東京都庁舎です",
                "a🙂b🙂c🙂",
                "👨‍👩‍👧 family",
                "plain ascii text",
            ] {
                assert!(width(&truncate(s, max)) <= max, "{s} at {max}");
            }
        }
    }

    #[test]
    fn styled_runs_are_cut_like_plain_text() {
        let runs = vec![(false, "hello ".to_string()), (true, "world".to_string())];
        assert_eq!(truncate_runs(&runs, 20), runs);
        assert_eq!(
            truncate_runs(&runs, 8),
            vec![(false, "hello ".to_string()), (true, "w…".to_string())]
        );
        assert_eq!(truncate_runs(&runs, 3), vec![(false, "he…".to_string())]);
    }

    #[test]
    fn a_window_keeps_the_focus_in_sight() {
        let runs = vec![
            (
                false,
                "Kaspersky says it will wind down U.S. operations and ".to_string(),
            ),
            (true, "lay".to_string()),
            (false, " off staff".to_string()),
        ];
        // The focus fits: cut at the end, as truncate_runs does.
        assert_eq!(
            window_runs(&runs, 60, (0, 5), false),
            truncate_runs(&runs, 60)
        );
        let got = window_runs(&runs, 30, (53, 56), false);
        let text: String = got.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(text, "…down U.S. operations and lay…");
        assert!(got.contains(&(true, "lay".to_string())));
        assert!(width(&text) <= 30);
        // Too little room for a window: plain truncation.
        assert_eq!(
            window_runs(&runs, 3, (53, 56), false),
            truncate_runs(&runs, 3)
        );
    }

    #[test]
    fn padding_is_exact() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(width(&pad("東京都", 5)), 5);
        assert_eq!(pad("abcdef", 4), "abc…");
    }

    #[test]
    fn wrapping_respects_width_and_paragraphs() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 10);
        assert_eq!(
            lines,
            ["the quick", "brown fox", "jumps over", "the lazy", "dog"]
        );
        assert!(
            wrap("aaaaaaaaaaaaaaaaaaaaaaaaa", 10)
                .iter()
                .all(|l| width(l) <= 10)
        );
        assert_eq!(wrap("one\n\ntwo", 10), ["one", "", "two"]);
        assert!(
            wrap("東京都庁舎東京都庁舎", 5)
                .iter()
                .all(|l| width(l) <= 5)
        );
    }
}
