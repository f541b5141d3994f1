//! Ids made from text: `Karen Spärck Jones` → `karen-sparck-jones`.
//!
//! One rule for every id tlx makes from text — the import's ids from headlines, tags from
//! groups, and the loader's suggestion for an invalid id or tag — so that what it makes
//! always passes the format's id rule, `[a-z0-9][a-z0-9-]*`.
//!
//! The anchors of a brief's headings are not made here, and must not be: they follow the
//! Markdown renderer's rule (GitHub keeps letters of every script, `_` and repeated `-`,
//! and numbers repeated anchors), which links inside the brief depend on. That rule lives
//! with the brief, in `brief::escape::Slugger`.

/// An id made from text: lower-cased, Latin letters with diacritics folded to ASCII
/// (`ä` → `a`, `ß` → `ss`), apostrophes dropped so that they join their word (`It's` →
/// `its`), every run of anything else one `-`, and no `-` at either end. Empty when the
/// text has no letter or digit that folds to ASCII (`日本`).
pub fn id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in fold(text).chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if matches!(c, '\'' | '’' | 'ʼ') {
            // An apostrophe joins its word.
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Lower-cases and folds Latin letters with diacritics to ASCII (`Spärck` → `sparck`).
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let f = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ð' | 'ď' | 'đ' => "d",
            'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' | 'ŷ' => "y",
            'þ' => "th",
            'ß' => "ss",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ĥ' | 'ħ' => "h",
            'ĳ' => "ij",
            'ĵ' => "j",
            'ķ' | 'ĸ' => "k",
            'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
            'ŋ' => "ng",
            'œ' => "oe",
            'ŕ' | 'ŗ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
            'ţ' | 'ť' | 'ŧ' => "t",
            'ŵ' => "w",
            'ź' | 'ż' | 'ž' => "z",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fold_latin_letters_and_join_apostrophes() {
        assert_eq!(
            id("Rózsa Péter writes recursion"),
            "rozsa-peter-writes-recursion"
        );
        assert_eq!(id("Karen Spärck Jones"), "karen-sparck-jones");
        assert_eq!(id("Straße"), "strasse");
        assert_eq!(id("It's Easy, Arab Army’s"), "its-easy-arab-armys");
        assert_eq!(id("日本"), "");
    }

    #[test]
    fn ids_suggested_for_invalid_ids_and_tags() {
        assert_eq!(id("Kaspersky Lab"), "kaspersky-lab");
        assert_eq!(id("Policy Change"), "policy-change");
        assert_eq!(id("Bad \u{1b}[2J id"), "bad-2j-id");
        assert_eq!(id("\u{1b}[1A"), "1a");
        assert_eq!(id("--a--b--"), "a-b");
    }

    #[test]
    fn every_id_made_is_a_valid_id() {
        for text in [
            "Zürich 2024",
            "  x ",
            "ǅ",
            "İstanbul",
            "ﬁre",
            "Ⅻ",
            "a'b",
            "ÆØÅ",
            "-",
        ] {
            let s = id(text);
            assert!(
                s.is_empty() || crate::model::validate::is_valid_id(&s),
                "{text:?} → {s:?}"
            );
        }
    }
}
