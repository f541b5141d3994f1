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
//! which also gives the exact error.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::load::{LoadOptions, Meter, Progress, parse_options};
use super::raw::{EventList, Lenient, RawFile};
use std::sync::Arc;

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
    items: Vec<usize>,
}

impl Plan {
    /// How many pieces the text is cut into.
    pub fn pieces(&self) -> usize {
        self.starts.len()
    }
}

/// How many threads a split parse uses.
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
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

/// Cuts `text` (file `input`) for this machine's cores and parses the pieces: the
/// loader's way in for a text it borrows. `None` when it is not cut, or a piece fails:
/// parse it whole.
pub fn parse_cut(
    input: u16,
    text: &str,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Option<Lenient<RawFile>> {
    let threads = threads();
    let plan = plan(text, pieces_for(text.len(), threads))?;
    parse(input, text, &plan, threads, opts, progress, meter).map(|(file, _)| file)
}

/// Why [`parse_cut_owned`] gave no file.
#[derive(Debug)]
pub enum NotCut {
    /// The text cannot be cut: here it is back, to parse whole.
    Whole(String),
    /// A piece failed, and the text is gone (each piece was freed once parsed): read it
    /// again to parse it whole.
    Failed,
}

/// [`parse_cut`] for a text the loader owns: the text is cut into pieces of their own at
/// once, and each piece is freed as soon as it is parsed, so the file's text is not held
/// next to all of its events.
pub fn parse_cut_owned(
    input: u16,
    text: String,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Result<Lenient<RawFile>, NotCut> {
    let threads = threads();
    let Some(plan) = plan(&text, pieces_for(text.len(), threads)) else {
        return Err(NotCut::Whole(text));
    };
    let len = text.len();
    let texts = Texts::Owned(
        (0..plan.pieces())
            .map(|i| std::sync::Mutex::new(Some(piece_text(&text, &plan, i).into_owned())))
            .collect(),
    );
    drop(text);
    // The whole text, now in pieces, goes back to the system at once.
    crate::alloc::collect();
    run(input, &texts, len, &plan, threads, opts, progress, meter)
        .map(|(file, _)| file)
        .ok_or(NotCut::Failed)
}

/// The texts of a cut's pieces.
enum Texts<'a> {
    /// Cut from one text as each piece is parsed.
    Borrowed(&'a str),
    /// Cut beforehand; each is taken (and freed) by the thread that parses it.
    Owned(Vec<std::sync::Mutex<Option<String>>>),
}

/// Piece `i` of `text` as a file of its own: the first as it stands, the others after
/// [`PREFIX`].
fn piece_text<'t>(text: &'t str, plan: &Plan, i: usize) -> std::borrow::Cow<'t, str> {
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
    fn bounds(&self, i: usize, len: usize) -> (usize, usize) {
        (
            self.starts[i],
            self.starts.get(i + 1).copied().unwrap_or(len),
        )
    }
}

/// Parses the pieces of `text` on `threads` threads and joins their events, adding each
/// piece's bytes to `progress` as it is parsed. `None` when any piece fails, or gives
/// other than its number of items.
pub fn parse(
    input: u16,
    text: &str,
    plan: &Plan,
    threads: usize,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Option<(Lenient<RawFile>, u64)> {
    run(
        input,
        &Texts::Borrowed(text),
        text.len(),
        plan,
        threads,
        opts,
        progress,
        meter,
    )
}

/// [`parse`] over the pieces of a text of `len` bytes.
#[allow(clippy::too_many_arguments)]
fn run(
    input: u16,
    texts: &Texts<'_>,
    len: usize,
    plan: &Plan,
    threads: usize,
    opts: &LoadOptions,
    progress: Option<&Progress>,
    meter: &Arc<Meter>,
) -> Option<(Lenient<RawFile>, u64)> {
    let n = plan.pieces();
    // The index in the file's list of each piece's first event.
    let firsts: Vec<usize> = plan
        .items
        .iter()
        .scan(0, |sum, &k| {
            let first = *sum;
            *sum += k;
            Some(first)
        })
        .collect();
    let next = AtomicUsize::new(0);
    let counted = std::sync::atomic::AtomicU64::new(0);
    let results: std::sync::Mutex<Vec<Option<Lenient<RawFile>>>> =
        std::sync::Mutex::new((0..n).map(|_| None).collect());
    let failed = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|s| {
        for _ in 0..threads.min(n) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n || failed.load(Ordering::Relaxed) {
                        break;
                    }
                    let (from, to) = plan.bounds(i, len);
                    let piece = match texts {
                        Texts::Borrowed(text) => piece_text(text, plan, i),
                        Texts::Owned(pieces) => std::borrow::Cow::Owned(
                            pieces[i]
                                .lock()
                                .expect("no panics while holding")
                                .take()
                                .unwrap_or_default(),
                        ),
                    };
                    let parsed = parse_piece(input, firsts[i], &piece, opts, meter);
                    drop(piece);
                    if matches!(texts, Texts::Owned(_)) {
                        // The piece's text is not needed again: give it back now.
                        crate::alloc::collect();
                    }
                    match parsed {
                        Some(f) if events_of(&f) == Some(plan.items[i]) => {
                            if let Some(p) = progress {
                                p.done.fetch_add((to - from) as u64, Ordering::Relaxed);
                            }
                            counted.fetch_add((to - from) as u64, Ordering::Relaxed);
                            results.lock().expect("no panics while holding")[i] = Some(f);
                        }
                        _ => failed.store(true, Ordering::Relaxed),
                    }
                }
            });
        }
    });
    let counted = counted.into_inner();
    if failed.into_inner() {
        if let Some(p) = progress {
            p.done.fetch_sub(counted, Ordering::Relaxed);
        }
        return None;
    }
    let mut parts = results
        .into_inner()
        .expect("no panics while holding")
        .into_iter();
    let mut whole = parts.next()??;
    let Lenient::Ok(file) = &mut whole else {
        return None;
    };
    let Some(Lenient::Ok(EventList(events))) = &mut file.events else {
        return None;
    };
    events.reserve(plan.items.iter().skip(1).sum());
    for part in parts {
        // A piece after the first holds its items and nothing else; anything more means
        // the cut saw the text differently from the parser.
        let Lenient::Ok(RawFile {
            version: None,
            title: None,
            summary: None,
            updated: None,
            eras: None,
            actors: None,
            sources: None,
            events: Some(Lenient::Ok(EventList(more))),
            extra,
        }) = part?
        else {
            return None;
        };
        if !extra.unknown.is_empty() || !extra.repeated.is_empty() {
            return None;
        }
        events.extend(more);
    }
    Some((whole, counted))
}

/// A text parsed whole, as the loader parses a file it does not cut; `None` on any error.
/// (The tests compare the pieces' result with it.)
pub fn parse_alone(input: u16, text: &str, opts: &LoadOptions) -> Option<Lenient<RawFile>> {
    parse_piece(input, 0, text, opts, &Arc::default())
}

/// One piece, parsed as a file of its own (its events converted as they are read, the
/// first being event `first` of the file), with spellings restored; `None` on any error.
fn parse_piece(
    input: u16,
    first: usize,
    text: &str,
    opts: &LoadOptions,
    meter: &Arc<Meter>,
) -> Option<Lenient<RawFile>> {
    let mut file: Lenient<RawFile> = super::validate::converting(input, first, || {
        serde_saphyr::from_str_with_options(text, meter.count(parse_options(text.len(), opts)))
    })
    .ok()?;
    super::load::restore_spellings(&mut file, text, opts, meter);
    Some(file)
}

/// How many items a parsed piece's `events` list has.
fn events_of(f: &Lenient<RawFile>) -> Option<usize> {
    match f {
        Lenient::Ok(RawFile {
            events: Some(Lenient::Ok(EventList(v))),
            ..
        }) => Some(v.len()),
        _ => None,
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
