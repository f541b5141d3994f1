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

/// An id made from text: transliterated to ASCII with [`any_ascii`] (`Spärck` →
/// `Sparck`, `СССР` → `SSSR`, `日本` → `RiBen`), lower-cased, apostrophes dropped
/// so that they join their word (`It's` → `its`), every run of anything else one `-`,
/// and no `-` at either end. Empty when nothing is left (a text of punctuation).
pub fn id(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if matches!(c, '\'' | '’' | 'ʼ') {
            // An apostrophe joins its word.
            continue;
        }
        let ascii: &str = if c.is_ascii() {
            c.encode_utf8(&mut buf)
        } else {
            any_ascii::any_ascii_char(c)
        };
        for a in ascii.chars().map(|a| a.to_ascii_lowercase()) {
            if a.is_ascii_lowercase() || a.is_ascii_digit() {
                out.push(a);
            } else if a == '\'' {
                // A transliteration's own apostrophe (`ʼ`) joins its word too.
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_fold_latin_letters_and_join_apostrophes_as_before() {
        assert_eq!(
            id("Rózsa Péter writes recursion"),
            "rozsa-peter-writes-recursion"
        );
        assert_eq!(id("Karen Spärck Jones"), "karen-sparck-jones");
        assert_eq!(id("Straße"), "strasse");
        assert_eq!(id("It's Easy, Arab Army’s"), "its-easy-arab-armys");
        assert_eq!(id("—…!"), "");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(id("СССР"), "sssr");
        assert_eq!(
            id("Великая Отечественная война"),
            "velikaya-otechestvennaya-voyna"
        );
        assert_eq!(id("Αθήνα"), "athina");
        assert_eq!(id("กรุงเทพ"), "krungethph", "letter by letter, but stable");
        assert_eq!(id("日本"), "riben");
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
