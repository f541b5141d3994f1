//! The searchable text of an event: its fields ([`field_text_refs`]), and the text nucleo
//! reads, one `char` a grapheme cluster ([`EventText`]).

use std::borrow::Cow;

use nucleo_matcher::Utf32Str;

use crate::model::{DateStyle, EventIx, Timeline};

/// Which part of an event a piece of searchable text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Title,
    Summary,
    /// `item` is the position in the event's `tags`.
    Tag,
    /// `item` is the position in the event's `actors`.
    Actor,
    /// `item` is the position in the event's `actors`; the alias is found by text.
    Alias,
    /// `item` is the position in the event's `citations`.
    Publisher,
    SourceTitle,
    Quote,
    /// The date as written (`2024-06-20`).
    DateWritten,
    /// The date as shown (`20 Jun 2024`).
    DateShown,
    DisplayDate,
}

/// Where one field sits in an event's haystack, in grapheme clusters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpan {
    pub start: u32,
    pub len: u32,
    pub kind: FieldKind,
    pub item: u16,
}

/// One event's searchable text as nucleo reads it: its fields joined by line breaks, one
/// `char` per grapheme cluster (or one byte per character when all of it is ASCII).
///
/// It is not kept: most queries are answered from the folded text alone, and this is
/// built, into a buffer reused from event to event, only for what needs more (ranking,
/// highlighting, exact and anchored atoms, needles with capitals or accents) and only
/// for the events that get that far.
#[derive(Clone, Debug, Default)]
pub struct EventText {
    ascii: String,
    chars: Vec<char>,
    unicode: bool,
    fields: Vec<FieldSpan>,
}

/// The text of each searchable field of an event, borrowed where it can be.
pub fn field_text_refs(tl: &Timeline, ev: EventIx) -> Vec<(FieldKind, u16, Cow<'_, str>)> {
    let e = &tl.events[ev as usize];
    let mut out: Vec<(FieldKind, u16, Cow<'_, str>)> = Vec::with_capacity(16);
    out.push((FieldKind::Title, 0, Cow::Borrowed(&e.title)));
    if let Some(s) = &e.summary {
        out.push((FieldKind::Summary, 0, Cow::Borrowed(s)));
    }
    for (i, t) in e.tags.iter().enumerate() {
        out.push((FieldKind::Tag, i as u16, Cow::Borrowed(tl.tag(*t))));
    }
    for (i, a) in e.actors.iter().enumerate() {
        let actor = tl.actor(a.actor);
        out.push((FieldKind::Actor, i as u16, Cow::Borrowed(&actor.name)));
        for al in &actor.aliases {
            out.push((FieldKind::Alias, i as u16, Cow::Borrowed(al)));
        }
    }
    for (i, c) in e.citations.iter().enumerate() {
        let s = tl.source(c.source);
        out.push((FieldKind::Publisher, i as u16, Cow::Borrowed(&s.publisher)));
        if let Some(t) = &s.title {
            out.push((FieldKind::SourceTitle, i as u16, Cow::Borrowed(t)));
        }
        if let Some(q) = &c.quote {
            out.push((FieldKind::Quote, i as u16, Cow::Borrowed(q)));
        }
    }
    out.push((FieldKind::DateWritten, 0, Cow::Owned(e.date.as_written())));
    out.push((
        FieldKind::DateShown,
        0,
        Cow::Owned(e.date.display(DateStyle::Text)),
    ));
    if let Some(d) = &e.display_date {
        out.push((FieldKind::DisplayDate, 0, Cow::Borrowed(d)));
    }
    out
}

/// The text of one field of an event, as indexed.
pub fn field_texts(tl: &Timeline, ev: EventIx) -> Vec<(FieldKind, u16, String)> {
    field_text_refs(tl, ev)
        .into_iter()
        .map(|(k, i, t)| (k, i, t.into_owned()))
        .collect()
}

impl EventText {
    /// The text of event `ev`.
    pub fn of(tl: &Timeline, ev: EventIx) -> EventText {
        let mut t = EventText::default();
        t.fill(tl, ev);
        t
    }

    /// Replaces this text with that of event `ev`, reusing the buffers.
    pub fn fill(&mut self, tl: &Timeline, ev: EventIx) {
        self.fill_from(&field_text_refs(tl, ev));
    }

    /// How many characters the text of these fields has, without building it.
    pub(super) fn len_of(fields: &[(FieldKind, u16, Cow<'_, str>)]) -> usize {
        let breaks = fields.len().saturating_sub(1);
        if fields.iter().all(|(_, _, t)| t.is_ascii()) {
            breaks + fields.iter().map(|(_, _, t)| t.len()).sum::<usize>()
        } else {
            breaks
                + fields
                    .iter()
                    .map(|(_, _, t)| clusters(t).count())
                    .sum::<usize>()
        }
    }

    fn fill_from(&mut self, fields: &[(FieldKind, u16, Cow<'_, str>)]) {
        self.ascii.clear();
        self.chars.clear();
        self.fields.clear();
        self.unicode = !fields.iter().all(|(_, _, t)| t.is_ascii());
        let mut pos = 0u32;
        for (i, (kind, item, t)) in fields.iter().enumerate() {
            if i > 0 {
                if self.unicode {
                    self.chars.push('\n');
                } else {
                    self.ascii.push('\n');
                }
                pos += 1;
            }
            let len = if self.unicode {
                let before = self.chars.len();
                self.chars.extend(clusters(t));
                (self.chars.len() - before) as u32
            } else {
                self.ascii.push_str(t);
                t.len() as u32
            };
            self.fields.push(FieldSpan {
                start: pos,
                len,
                kind: *kind,
                item: *item,
            });
            pos += len;
        }
    }

    /// The whole text.
    pub fn hay(&self) -> Utf32Str<'_> {
        if self.unicode {
            Utf32Str::Unicode(&self.chars)
        } else {
            Utf32Str::Ascii(self.ascii.as_bytes())
        }
    }

    /// Characters `r` of the text.
    pub fn slice(&self, r: std::ops::Range<usize>) -> Utf32Str<'_> {
        self.hay().slice(r)
    }

    /// Where each field is in the text.
    pub fn fields(&self) -> &[FieldSpan] {
        &self.fields
    }

    /// The characters of one field.
    pub fn field(&self, f: &FieldSpan) -> Utf32Str<'_> {
        self.slice(f.start as usize..(f.start + f.len) as usize)
    }
}

/// The characters nucleo reads in a field of an event written outside ASCII: the first
/// of each grapheme cluster, found without the segmentation rules where each character
/// is a cluster of its own ([`each_char_a_cluster`]).
fn clusters(text: &str) -> impl Iterator<Item = char> + '_ {
    if each_char_a_cluster(text) {
        Clusters::Chars(text.chars())
    } else {
        Clusters::Rules(nucleo_matcher::chars::graphemes(text))
    }
}

/// The iterator of [`clusters`]: either way, passing on what makes `str::Chars` quick to
/// count and to extend a vector with.
enum Clusters<A, B> {
    Chars(A),
    Rules(B),
}

impl<A: Iterator<Item = char>, B: Iterator<Item = char>> Iterator for Clusters<A, B> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        match self {
            Clusters::Chars(a) => a.next(),
            Clusters::Rules(b) => b.next(),
        }
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Clusters::Chars(a) => a.size_hint(),
            Clusters::Rules(b) => b.size_hint(),
        }
    }
    fn count(self) -> usize {
        match self {
            Clusters::Chars(a) => a.count(),
            Clusters::Rules(b) => b.count(),
        }
    }
}

/// Whether every character of `text` is a grapheme cluster of its own, whatever is next
/// to it: then the clusters nucleo reads (the first character of each) are the
/// characters, found without the segmentation rules. True for text written only in
/// printable ASCII, Latin, Greek, Cyrillic, kana, CJK ideographs and common punctuation,
/// without combining marks; a test checks each character this allows.
pub fn each_char_a_cluster(text: &str) -> bool {
    text.chars().all(lone_cluster)
}

/// A character that neither joins the one before it nor the one after it in a
/// grapheme cluster (its cluster break property is "other"), from a few whole blocks.
fn lone_cluster(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\n'
        | '\u{a0}'..='\u{2ff}'
        | '\u{370}'..='\u{3ff}'
        | '\u{400}'..='\u{482}'
        | '\u{48a}'..='\u{52f}'
        | '\u{2010}'..='\u{2027}'
        | '\u{3001}'..='\u{3029}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30a1}'..='\u{30fa}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ff01}'..='\u{ff5e}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    /// Every character [`lone_cluster`] allows breaks from a letter before it, a letter
    /// after it and itself on either side (what an extending, prepended, Hangul or
    /// regional indicator character would not), and so from any other such character.
    #[test]
    fn each_allowed_character_is_a_cluster_of_its_own() {
        let mut allowed = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| lone_cluster(c))
        {
            allowed += 1;
            for probe in [format!("a{c}"), format!("{c}a"), format!("{c}{c}")] {
                assert_eq!(probe.graphemes(true).count(), 2, "U+{:04X}", c as u32);
            }
        }
        assert!(allowed > 20_000, "{allowed}");
        // And the text of an event built through them is the text built through the
        // segmentation rules.
        let text = "Zürich — Ωμέγα «Москва» 東京で 「会談」 ＡＢ\nline";
        assert!(each_char_a_cluster(text));
        let by_rules: Vec<char> = nucleo_matcher::chars::graphemes(text).collect();
        assert_eq!(text.chars().collect::<Vec<_>>(), by_rules);
        for mixed in ["e\u{301}", "a\r\nb", "한국", "🇫🇷", "क्षि", "\u{200d}"] {
            assert!(!each_char_a_cluster(mixed), "{mixed:?}");
        }
    }
}
