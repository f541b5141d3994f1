//! One big file parsed on several cores.
//!
//! serde-saphyr parses on one core, and a big timeline is almost all `events` items. So
//! the text is cut between two items of the top-level `events` list into pieces: the
//! first piece is the text up to the first cut, as it stands; every other piece is
//! `events:` followed by its items, a small timeline of its own. The pieces parse at the
//! same time, and the events of the pieces, in order, are the file's events.
//!
//! A cut is made only where it cannot change the answer. The text after `events:` must be
//! items of one list and nothing else (blank lines and comments aside): no key after the
//! list, no document marker, no tab where indentation goes, no carriage return that ends
//! a line alone, and no anchor or alias (an
//! alias in one piece may name an anchor in another, and the parser's alias budgets are
//! counted per parse). A cut line must start an item at the list's indentation: a block
//! scalar's lines are indented deeper, so it cannot hold one; a quoted scalar or a flow
//! collection spanning the cut leaves the piece before it unclosed, which fails to parse.
//! As a last check, each piece must give exactly as many events as it has item lines,
//! and every piece after the first nothing but its events.
//!
//! Whatever does not meet all of this, or fails to parse, is parsed whole by the caller,
//! which also gives the exact error. This module only plans the cut; `parse.rs` parses
//! the pieces.

/// Below this size a file parses whole: a piece must be big enough to pay for a thread.
pub const MIN_BYTES: usize = 1 << 20;
/// Pieces are about this size, so progress moves as they finish.
const PIECE_BYTES: usize = 4 << 20;
/// The most pieces a file is cut into.
const MAX_PIECES: usize = 64;
/// What precedes the items of every piece but the first.
const PREFIX: &str = "events:\n";

/// Where a text is cut: byte offsets of item lines, the first piece starting at 0.
#[derive(Debug, PartialEq, Eq)]
pub struct Plan {
    /// Where each piece starts (the first at 0); each ends where the next starts.
    starts: Vec<usize>,
    /// How many item lines each piece holds.
    pub items: Vec<usize>,
}

impl Plan {
    /// How many pieces the text is cut into.
    pub fn pieces(&self) -> usize {
        self.starts.len()
    }
}

/// Plans the cut of `text` into about `pieces` pieces, or `None` when it cannot be cut
/// safely (see the module's documentation) or is not worth cutting.
pub fn plan(text: &str, pieces: usize) -> Option<Plan> {
    if pieces < 2 || text.len() < MIN_BYTES {
        return None;
    }
    let b = text.as_bytes();
    let body = events_line(b)?;
    if has_node_property(&b[body..], b'*') || has_node_property(&b[body..], b'&') {
        return None;
    }
    // YAML also ends a line at a carriage return alone, which the lines below do not.
    if memchr::memchr_iter(b'\r', &b[body..]).any(|i| b.get(body + i + 1) != Some(&b'\n')) {
        return None;
    }
    // Every item line of the list; anything at or left of the items' indentation that is
    // not an item ends the plan.
    let mut items: Vec<usize> = Vec::new();
    let mut indent: Option<usize> = None;
    let mut pos = body;
    while pos < b.len() {
        let end = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i + 1);
        let line = trim_eol(&b[pos..end]);
        let spaces = line.iter().take_while(|&&c| c == b' ').count();
        let rest = &line[spaces..];
        match rest.first() {
            None | Some(b'#') => {}
            Some(b'\t') => return None,
            Some(_) => {
                let item = rest[0] == b'-' && (rest.len() == 1 || rest[1] == b' ');
                match indent {
                    None if item => {
                        indent = Some(spaces);
                        items.push(pos);
                    }
                    None => return None,
                    Some(n) if spaces == n && item => items.push(pos),
                    Some(n) if spaces <= n => return None,
                    Some(_) => {}
                }
            }
        }
        pos = end;
    }
    if items.len() < 2 * pieces {
        return None;
    }
    // Cut at the item nearest each even share of the list's bytes.
    let first = items[0];
    let share = (b.len() - first) / pieces;
    let mut starts = vec![0];
    let mut counts = Vec::new();
    let mut taken = 0;
    for k in 1..pieces {
        let target = first + k * share;
        let at = items.partition_point(|&p| p < target);
        if at <= taken || at >= items.len() {
            continue;
        }
        counts.push(at - taken);
        starts.push(items[at]);
        taken = at;
    }
    counts.push(items.len() - taken);
    (starts.len() >= 2).then_some(Plan {
        starts,
        items: counts,
    })
}

/// How many pieces a text of `bytes` bytes is cut into on `threads` threads.
pub fn pieces_for(bytes: usize, threads: usize) -> usize {
    if threads < 2 {
        return 1;
    }
    (bytes / PIECE_BYTES).max(threads).min(MAX_PIECES)
}

/// Piece `i` of `text` as a file of its own: the first as it stands, the others after
/// [`PREFIX`].
pub fn piece_text<'t>(text: &'t str, plan: &Plan, i: usize) -> std::borrow::Cow<'t, str> {
    let (from, to) = plan.bounds(i, text.len());
    if i == 0 {
        std::borrow::Cow::Borrowed(&text[..to])
    } else {
        let mut piece = String::with_capacity(PREFIX.len() + to - from);
        piece.push_str(PREFIX);
        piece.push_str(&text[from..to]);
        std::borrow::Cow::Owned(piece)
    }
}

impl Plan {
    /// Where piece `i` of a text of `len` bytes starts and ends.
    pub fn bounds(&self, i: usize, len: usize) -> (usize, usize) {
        (
            self.starts[i],
            self.starts.get(i + 1).copied().unwrap_or(len),
        )
    }
}

/// Where the line after the top-level `events:` line starts. `None` when there is none, or it carries anything but a comment (a flow list, an
/// anchor, a tag), or a directive (`%TAG`) could change how the pieces read.
fn events_line(b: &[u8]) -> Option<usize> {
    let mut pos = 0;
    while pos < b.len() {
        let end = memchr::memchr(b'\n', &b[pos..]).map_or(b.len(), |i| pos + i + 1);
        let line = trim_eol(&b[pos..end]);
        if line.first() == Some(&b'%') {
            return None;
        }
        if let Some(rest) = line.strip_prefix(b"events:") {
            // Nothing after the key but spaces and a comment (a `#` after a space).
            let after = rest.trim_ascii_start();
            let spaced = after.len() < rest.len();
            let ok = rest.is_empty() || (spaced && (after.is_empty() || after[0] == b'#'));
            return ok.then_some(end);
        }
        pos = end;
    }
    None
}

/// Does `b` hold `mark` (`*` or `&`) where a node's alias or anchor could start: at the
/// start of a line or after a space or a flow indicator, followed by a name.
fn has_node_property(b: &[u8], mark: u8) -> bool {
    memchr::memchr_iter(mark, b).any(|i| {
        let before = if i == 0 { b'\n' } else { b[i - 1] };
        let after = b.get(i + 1).copied().unwrap_or(b' ');
        matches!(
            before,
            b'\n' | b' ' | b'\t' | b'[' | b'{' | b',' | b'-' | b':'
        ) && !matches!(after, b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}')
    })
}

fn trim_eol(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}
