//! The little HTML that TimelineJS text holds, read into a tree and turned into the plain
//! text of the timeline format; and text escaped for HTML, for the export.
//!
//! The reader is tolerant, like a browser: unknown tags are read as inline elements, an end
//! tag without its start is ignored, `<p>` and `<li>` close themselves, and a `<` that does
//! not start a tag is text. It is not a full HTML5 parser, and does not need to be: the text
//! only has to come out as the same words, paragraphs and link targets.
//!
//! Plain text follows the format's rules ([`to_text`]): paragraphs are separated by one blank
//! line, `<br>` is a line break, runs of white space are one space (as HTML shows them), and
//! a link keeps its target as text after it: `Ada Lovelace (https://en.wikipedia.org/…)`.
//! Whatever cannot be kept (a `<script>`, a link to `javascript:`) is listed in
//! [`Text::dropped`], so that the import can report it.
//!
//! `tree` reads HTML, `text` turns it into plain text, and `entities` decodes and
//! escapes character references.

mod entities;
mod text;
mod tree;

pub use entities::{decode_entities, escape};
pub(crate) use text::clip;
pub use text::{Text, canonical, inner_text, nodes_to_text, one_line, to_line, to_text};
pub use tree::{Element, Node, find_in, parse};

#[cfg(test)]
mod tests {
    use super::*;

    fn text(h: &str) -> String {
        to_text(h).text
    }

    #[test]
    fn paragraphs_breaks_and_white_space() {
        assert_eq!(
            text("<p>One  two\nthree</p><p>Four<br/>five</p>"),
            "One two three\n\nFour\nfive"
        );
        assert_eq!(text("a<br><br><br><br>b"), "a\n\nb");
        assert_eq!(text("  lone text  "), "lone text");
        assert_eq!(text("x<p>y"), "x\n\ny");
        assert_eq!(text("<p>a</p> <span class=\"n\">b</span>"), "a\n\nb");
        assert_eq!(text("a&nbsp;&nbsp;b"), "a b");
        assert_eq!(text(""), "");
    }

    #[test]
    fn links_keep_their_target() {
        assert_eq!(
            text("Take <a href=\"https://en.wikipedia.org/wiki/Ada\">Ada</a>: first."),
            "Take Ada (https://en.wikipedia.org/wiki/Ada): first."
        );
        assert_eq!(
            text("<a href='http://example.com/'>example.com</a>"),
            "example.com"
        );
        assert_eq!(
            text("<a href='https://example.com/x'></a>"),
            "https://example.com/x"
        );
        let t = to_text("use our <a href='#make'>generator</a> now");
        assert_eq!(t.text, "use our generator now");
        assert_eq!(t.dropped.len(), 1, "{:?}", t.dropped);
        assert!(t.dropped[0].contains("#make"), "{:?}", t.dropped);
        let t = to_text("<a href=\"javascript:alert(1)\">x</a>");
        assert!(t.dropped[0].contains("javascript:"), "{:?}", t.dropped);
        assert_eq!(
            text("<a href='mailto:a@b.org'>write</a>"),
            "write (mailto:a@b.org)"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("&lt;blockquote&gt;&ldquo;Hi&rdquo; &amp; &#8217;&#x2019; &bogus; AT&T &#0;"),
            "<blockquote>“Hi” & ’’ &bogus; AT&T \u{fffd}"
        );
    }

    #[test]
    fn scripts_are_dropped_and_reported() {
        let t = to_text("a<script>alert('<p>')</script>b<style>p{}</style>");
        assert_eq!(t.text, "ab");
        assert_eq!(t.dropped.len(), 2);
    }

    #[test]
    fn quotes_lists_images_and_stray_angles() {
        assert_eq!(
            text("<blockquote>No demand. <cite>Edith Clarke</cite></blockquote>"),
            "No demand.\n— Edith Clarke"
        );
        assert_eq!(text("<ul><li>one<li>two</ul>"), "- one\n\n- two");
        assert_eq!(
            text("<img src='https://x.org/a.jpg' alt='A cat'>"),
            "A cat (https://x.org/a.jpg)"
        );
        assert_eq!(text("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(text("<q>hi</q>"), "“hi”");
        assert_eq!(text("</p>a</b>"), "a");
    }

    #[test]
    fn tree_and_classes() {
        let nodes = parse("<div class='tlx-sources x'><a href=\"u?a=1&amp;b=2\">t</a></div>");
        let div = find_in(&nodes, &|e| e.has_class("tlx-sources")).unwrap();
        let a = div.find(&|e| e.name == "a").unwrap();
        assert_eq!(a.attr("href"), Some("u?a=1&b=2"));
    }

    #[test]
    fn escape_round_trips() {
        let s = "<a href=\"x\">'&'</a>";
        assert_eq!(text(&escape(s)), s);
    }

    #[test]
    fn deep_nesting_is_bounded_and_keeps_the_text() {
        let deep = format!("{}x{}", "<b>".repeat(100_000), "</b>".repeat(100_000));
        assert_eq!(text(&deep), "x");
        let scripts = "<SCRIPT>a</Script>b".repeat(10_000);
        let t = to_text(&scripts);
        assert_eq!(t.text, "b".repeat(10_000));
        assert_eq!(t.dropped.len(), 10_000);
    }

    #[test]
    fn canonical_form() {
        assert_eq!(canonical("\n a  b \n\n\n c\n"), "a b\n\nc");
    }
}
