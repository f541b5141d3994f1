//! An event in full, as lines: used by the detail pane and the event screen.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::model::EventIx;
use crate::query::{FieldKind, Highlights, split_by_positions};
use crate::text::{sanitize, sanitize_multiline};
use crate::tui::app::{App, Item};

/// Spans for a piece of text, with matched characters highlighted (positions index the
/// original text's grapheme clusters; each run is sanitized after the split, so the
/// positions still apply).
pub fn highlighted<'a>(
    text: &str,
    positions: &[u32],
    base: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    split_by_positions(text, positions)
        .into_iter()
        .map(|(hit, run)| {
            let s = sanitize(run).into_owned();
            Span::styled(s, if hit { base.patch(matched) } else { base })
        })
        .collect()
}

/// Wraps highlighted text to `width` cells, like [`crate::text::wrap`] but keeping each
/// character's style: at spaces where it can, inside a word only when the word alone is
/// too wide. Line breaks in the text start new lines; `indent` prefixes every line.
pub fn wrap_spans<'a>(spans: Vec<Span<'a>>, width: usize, indent: &str) -> Vec<Line<'a>> {
    wrap_hanging(spans, width, indent, indent)
}

/// [`wrap_spans`] with a different indent after the first line (a hanging indent, so a
/// labelled value wraps under itself).
pub fn wrap_hanging<'a>(
    spans: Vec<Span<'a>>,
    width: usize,
    first: &str,
    rest: &str,
) -> Vec<Line<'a>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut indent = first;
    let avail_for = |ind: &str| width.saturating_sub(crate::text::width(ind)).max(1);
    let mut avail = avail_for(indent);
    // (grapheme, style) cells, split into paragraphs at line breaks.
    let mut paras: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    for s in &spans {
        for g in s.content.graphemes(true) {
            if g == "\n" {
                paras.push(Vec::new());
            } else {
                paras
                    .last_mut()
                    .expect("one paragraph")
                    .push((g.to_string(), s.style));
            }
        }
    }
    let mut out: Vec<Line<'a>> = Vec::new();
    for para in paras {
        let mut line: Vec<(String, Style)> = Vec::new();
        let mut used = 0;
        let flush = |line: &mut Vec<(String, Style)>, out: &mut Vec<Line<'a>>, indent: &str| {
            let mut spans: Vec<Span<'a>> = Vec::new();
            if !indent.is_empty() {
                spans.push(Span::raw(indent.to_string()));
            }
            let first_own = spans.len();
            for (g, st) in line.drain(..) {
                // A no-break space keeps words together while wrapping; drawn, it is a space.
                let g = if g == "\u{a0}" { " ".to_string() } else { g };
                let n = spans.len();
                match spans.last_mut() {
                    Some(last) if n > first_own && last.style == st => {
                        last.content.to_mut().push_str(&g);
                    }
                    _ => spans.push(Span::styled(g, st)),
                }
            }
            out.push(Line::from(spans));
        };
        // Words, each with the style of the space that follows it.
        let mut words: Vec<(Vec<(String, Style)>, Style)> = Vec::new();
        let mut cur: Vec<(String, Style)> = Vec::new();
        for (g, st) in para {
            if g == " " {
                if !cur.is_empty() {
                    words.push((std::mem::take(&mut cur), st));
                }
            } else {
                cur.push((g, st));
            }
        }
        if !cur.is_empty() {
            words.push((cur, Style::default()));
        }
        let mut sep_style = Style::default();
        for (word, after) in words {
            let w: usize = word.iter().map(|(g, _)| crate::text::width(g)).sum();
            if used > 0 && used + 1 + w <= avail {
                line.push((" ".to_string(), sep_style));
                line.extend(word);
                used += 1 + w;
            } else {
                if used > 0 {
                    flush(&mut line, &mut out, indent);
                    indent = rest;
                    avail = avail_for(indent);
                    used = 0;
                }
                if w <= avail {
                    line.extend(word);
                    used = w;
                } else {
                    for (g, st) in word {
                        let gw = crate::text::width(&g);
                        if used + gw > avail && used > 0 {
                            flush(&mut line, &mut out, indent);
                            indent = rest;
                            avail = avail_for(indent);
                            used = 0;
                        }
                        line.push((g, st));
                        used += gw;
                    }
                }
            }
            sep_style = after;
        }
        flush(&mut line, &mut out, indent);
        indent = rest;
        avail = avail_for(indent);
    }
    out
}

/// The indent of a labelled value's continuation lines (the label column's width).
const HANG: &str = "           ";

/// Where the lines of each selectable item start (for keeping the selection in view).
pub struct Built<'a> {
    pub lines: Vec<Line<'a>>,
    pub item_lines: Vec<(Item, usize)>,
}

/// The lines of an event, `width` cells wide. `selected` marks an item (event screen).
pub fn event_lines<'a>(
    app: &App,
    ev: EventIx,
    width: usize,
    selected: Option<Item>,
    hl: &Highlights,
) -> Built<'a> {
    let th = &app.settings.theme;
    let tl = &app.tl;
    let e = &tl.events[ev as usize];
    let mut lines: Vec<Line<'a>> = Vec::new();
    let mut item_lines = Vec::new();
    let width = width.max(8);

    let mark = if app.ann.marks.contains(&ev) {
        "● "
    } else {
        ""
    };
    let mut title = vec![Span::styled(mark.to_string(), th.mark)];
    title.extend(highlighted(
        &e.title,
        hl.of(FieldKind::Title, 0),
        th.title,
        th.matched,
    ));
    lines.extend(wrap_spans(title, width, ""));

    let mut date = e.date.display_in(app.settings.date_style, app.settings.tz);
    if let Some(end) = &e.end {
        date = format!(
            "{date} – {}",
            end.display_in(app.settings.date_style, app.settings.tz)
        );
    }
    let written = match &e.end {
        Some(end) => format!("{} … {end}", e.date),
        None => e.date.to_string(),
    };
    let mut date_line = vec![Span::styled(date, th.date)];
    if let Some(d) = &e.display_date {
        date_line.push(Span::raw(format!("  “{}”", sanitize(d))));
    }
    date_line.push(Span::styled(format!("  ({written})"), th.muted));
    lines.extend(wrap_spans(date_line, width, ""));

    // Non-breaking spaces keep the label column when the line is wrapped.
    let label = |s: &str| Span::styled(format!("{s:\u{a0}<11}"), th.label);
    // The id: what `tlx show`, `related:` and a brief's provenance name the event by.
    lines.extend(wrap_hanging(
        vec![
            label("Id"),
            Span::styled(sanitize(&e.id).into_owned(), th.muted),
        ],
        width,
        "",
        HANG,
    ));
    let eras: Vec<String> = tl
        .eras_of(e)
        .map(|x| sanitize(&x.title).into_owned())
        .collect();
    if !eras.is_empty() {
        lines.extend(wrap_hanging(
            vec![label("Era"), Span::raw(eras.join("; "))],
            width,
            "",
            HANG,
        ));
    }
    for (i, a) in e.actors.iter().enumerate() {
        let actor = tl.actor(a.actor);
        let mut spans = vec![if i == 0 {
            label("Actors")
        } else {
            Span::raw("\u{a0}".repeat(11))
        }];
        spans.extend(highlighted(
            &actor.name,
            hl.of(FieldKind::Actor, i as u16),
            Style::default(),
            th.matched,
        ));
        if let Some(r) = &a.role {
            spans.push(Span::styled(format!(" ({})", sanitize(r)), th.muted));
        }
        lines.extend(wrap_hanging(spans, width, "", HANG));
    }
    if !e.tags.is_empty() {
        let mut spans = vec![label("Tags")];
        for (i, &t) in e.tags.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            spans.extend(highlighted(
                tl.tag(t),
                hl.of(FieldKind::Tag, i as u16),
                th.tag,
                th.matched,
            ));
            if let Some(title) = tl.tag_title(t) {
                spans.push(Span::styled(format!(" ({})", sanitize(title)), th.muted));
            }
        }
        lines.extend(wrap_hanging(spans, width, "", HANG));
    }
    if let Some(c) = e.confidence {
        lines.push(Line::from(vec![label("Confidence"), Span::raw(c.label())]));
    }
    let labels: Vec<&str> = app.work.labels(&e.id).collect();
    if !labels.is_empty() {
        lines.extend(wrap_hanging(
            vec![
                label("Labels"),
                Span::styled(sanitize(&labels.join(" ")).into_owned(), th.info),
            ],
            width,
            "",
            HANG,
        ));
    }
    if let Some(s) = &e.summary {
        lines.push(Line::raw(""));
        let spans = highlighted(
            s,
            hl.of(FieldKind::Summary, 0),
            Style::default(),
            th.matched,
        );
        let spans: Vec<Span> = spans
            .into_iter()
            .map(|sp| Span::styled(sanitize_multiline(&sp.content).into_owned(), sp.style))
            .collect();
        lines.extend(wrap_spans(spans, width, ""));
    }

    let item_style = |item: Item| {
        if selected == Some(item) {
            th.selected
        } else {
            Style::default()
        }
    };
    if !e.citations.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Sources", th.header));
        // One entry a source, numbered as the list shows them; each of its citations'
        // quotes under it.
        let firsts = (0..e.citations.len()).filter(|&n| e.first_citation_of_its_source(n));
        for (shown, n) in firsts.enumerate() {
            let c = &e.citations[n];
            let s = tl.source(c.source);
            let item = Item::Source(n);
            item_lines.push((item, lines.len()));
            let sel = item_style(item);
            let mut spans = vec![Span::styled(
                format!("[{}] ", shown + 1),
                th.label.patch(sel),
            )];
            spans.extend(highlighted(
                &s.publisher,
                hl.of(FieldKind::Publisher, n as u16),
                sel,
                th.matched,
            ));
            if let Some(t) = &s.title {
                spans.push(Span::styled(", “", sel));
                spans.extend(highlighted(
                    t,
                    hl.of(FieldKind::SourceTitle, n as u16),
                    sel,
                    th.matched,
                ));
                spans.push(Span::styled("”", sel));
            }
            if let Some(p) = &s.published {
                spans.push(Span::styled(
                    format!(", {}", p.display(app.settings.date_style)),
                    sel,
                ));
            }
            let grade = match (s.reliability, c.credibility) {
                (Some(r), Some(cr)) => format!(" · {r}{cr}"),
                (Some(r), None) => format!(" · {r}"),
                (None, Some(cr)) => format!(" · –{cr}"),
                (None, None) => String::new(),
            };
            spans.push(Span::styled(grade, th.muted.patch(sel)));
            lines.extend(wrap_spans(spans, width, ""));
            if selected.is_some()
                && let Some(u) = &s.url
            {
                lines.extend(wrap_spans(
                    vec![Span::styled(sanitize(u).into_owned(), th.link)],
                    width,
                    "    ",
                ));
            }
            let same = e
                .citations
                .iter()
                .enumerate()
                .filter(|(_, o)| o.source == c.source);
            for (k, cc) in same {
                let Some(q) = &cc.quote else { continue };
                let mut spans = vec![Span::styled("“", th.quote)];
                spans.extend(highlighted(
                    q,
                    hl.of(FieldKind::Quote, k as u16),
                    th.quote,
                    th.matched,
                ));
                spans.push(Span::styled("”", th.quote));
                if let Some(l) = &cc.locator {
                    spans.push(Span::styled(format!(" ({})", sanitize(l)), th.muted));
                }
                // A later citation's own grade, when it differs from the first's.
                if k != n
                    && cc.credibility != c.credibility
                    && let Some(cr) = cc.credibility
                {
                    spans.push(Span::styled(format!(" · credibility {cr}"), th.muted));
                }
                let spans: Vec<Span> = spans
                    .into_iter()
                    .map(|sp| Span::styled(sanitize_multiline(&sp.content).into_owned(), sp.style))
                    .collect();
                lines.extend(wrap_spans(spans, width, "    "));
            }
        }
    }
    if !e.media.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Media", th.header));
        for (n, m) in e.media.iter().enumerate() {
            let item = Item::Media(n);
            item_lines.push((item, lines.len()));
            let sel = item_style(item);
            // The caption, else what the file is (`Image`), then the URL on a line of its own.
            let what = match &m.caption {
                Some(c) => sanitize(c).into_owned(),
                None => crate::model::media_file_kind(&m.url)
                    .unwrap_or("Media")
                    .to_string(),
            };
            let mut spans = vec![
                Span::styled("▣ ", th.label.patch(sel)),
                Span::styled(what, sel),
            ];
            if let Some(c) = &m.credit {
                spans.push(Span::styled(
                    format!(" · {}", sanitize(c)),
                    th.muted.patch(sel),
                ));
            }
            lines.extend(wrap_spans(spans, width, "  "));
            let relative = if m.is_relative() { " (relative)" } else { "" };
            lines.extend(wrap_spans(
                vec![
                    Span::styled(sanitize(&m.url).into_owned(), th.link),
                    Span::styled(relative, th.muted),
                ],
                width,
                "  ",
            ));
        }
    }
    let link_line = |arrow: &str, kind: &str, target: EventIx, sel: Style| -> Vec<Span<'a>> {
        let t = &tl.events[target as usize];
        vec![
            Span::styled(format!("{arrow} {kind:<14} "), th.muted.patch(sel)),
            Span::styled(
                t.date.display_in(app.settings.date_style, app.settings.tz),
                th.date.patch(sel),
            ),
            Span::styled(format!("  {}", sanitize(&t.title)), sel),
        ]
    };
    if !e.related.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Related", th.header));
        for (n, l) in e.related.iter().enumerate() {
            let item = Item::Related(n);
            item_lines.push((item, lines.len()));
            lines.extend(wrap_spans(
                link_line("→", l.kind.label(), l.event, item_style(item)),
                width,
                "",
            ));
        }
    }
    let back = &tl.index.backlinks[ev as usize];
    if !back.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Linked from", th.header));
        for (n, l) in back.iter().enumerate() {
            let item = Item::Backlink(n);
            item_lines.push((item, lines.len()));
            lines.extend(wrap_spans(
                link_line("←", l.kind.back_label(), l.event, item_style(item)),
                width,
                "",
            ));
        }
    }
    // The analyst's notes: last, under a heading of their own, never with the sources.
    let notes = app.work.notes(&e.id);
    if !notes.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Your notes (not from the sources)", th.header));
        for (n, note) in notes.iter().enumerate() {
            let item = Item::Note(n);
            item_lines.push((item, lines.len()));
            let when = note.at.get(..16).unwrap_or(&note.at).replace('T', " ");
            let head = format!("✎ {} · {when} UTC", sanitize(&note.author));
            lines.extend(wrap_spans(
                vec![Span::styled(head, th.muted.patch(item_style(item)))],
                width,
                "",
            ));
            let text = sanitize_multiline(&note.text).into_owned();
            lines.extend(wrap_spans(vec![Span::styled(text, th.info)], width, "  "));
        }
    }
    Built { lines, item_lines }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn wrapping_keeps_styles_and_width() {
        let hot = Style::default().fg(Color::Red);
        let spans = vec![
            Span::raw("The quick "),
            Span::styled("brown", hot),
            Span::raw(" fox jumps over the lazy dog"),
        ];
        let lines = wrap_spans(spans, 12, "");
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(
            text,
            ["The quick", "brown fox", "jumps over", "the lazy dog"]
        );
        assert!(
            lines[1]
                .spans
                .iter()
                .any(|s| s.content == "brown" && s.style == hot)
        );
        for l in &lines {
            assert!(l.width() <= 12);
        }
        let m = Style::default().add_modifier(Modifier::BOLD);
        let lines = wrap_spans(
            highlighted("Zürich", &[0, 1], Style::default(), m),
            10,
            "  ",
        );
        assert_eq!(lines[0].spans[1].content, "Zü");
        assert_eq!(lines[0].spans[0].content, "  ");
        let lines = wrap_spans(vec![Span::raw("one\n\ntwo  three")], 20, "");
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(text, ["one", "", "two three"]);
    }
}
