//! The event loop: terminal events in, messages to the app, effects performed, frames
//! drawn when something changed. The only place that sees crossterm events or does I/O.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use chrono::Local;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Effect, Msg};
use super::app::{App, Settings};
use super::keymap::Key;
use super::terminal;
use super::view;
use crate::cache::{StoredIndex, index_for};
use crate::model::Loaded;
use crate::model::load::Progress;
use crate::query::SearchIndex;
use signal_hook::consts::{SIGHUP, SIGTERM};

/// How often the loop wakes without input (status messages expire on these ticks).
const TICK: Duration = Duration::from_millis(250);

/// Turns a terminal event into messages for the app.
pub fn translate(app: &App, ev: Event) -> Vec<Msg> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let key = Key::from_event(&k);
            let layer = app.layer();
            if let Some(a) = app.settings.keymap.resolve(layer, key) {
                return vec![Msg::Action(a)];
            }
            if layer.takes_text()
                && let event::KeyCode::Char(c) = key.code
                && key.mods.is_empty()
            {
                return vec![Msg::Input(c)];
            }
            Vec::new()
        }
        Event::Paste(s) => vec![Msg::Paste(s)],
        Event::Mouse(m) if app.settings.mouse => match m.kind {
            MouseEventKind::ScrollDown => vec![Msg::Scroll {
                col: m.column,
                row: m.row,
                lines: 3,
            }],
            MouseEventKind::ScrollUp => vec![Msg::Scroll {
                col: m.column,
                row: m.row,
                lines: -3,
            }],
            MouseEventKind::Down(MouseButton::Left) => vec![Msg::Click {
                col: m.column,
                row: m.row,
            }],
            _ => Vec::new(),
        },
        Event::Resize(width, height) => vec![Msg::Resize { width, height }],
        _ => Vec::new(),
    }
}

/// Performs one effect; quick ones report back at once, slow ones through `tx`.
fn perform(
    app: &mut App,
    effect: Effect,
    out: &mut impl Write,
    tx: &mpsc::Sender<Msg>,
) -> Option<Msg> {
    match effect {
        Effect::Quit => None,
        Effect::OpenUrl(url) => {
            let shown = crate::text::sanitize(&url).into_owned();
            let tx = tx.clone();
            let failed = url.clone();
            let program = super::open::opener();
            match super::open::open(&url, move |ok| {
                if !ok {
                    let _ = tx.send(Msg::OpenFailed {
                        url: failed,
                        reason: format!("{program} failed"),
                    });
                }
            }) {
                Ok(()) => Some(Msg::Done {
                    ok: true,
                    text: format!("opening {shown}"),
                }),
                Err(e) => Some(Msg::OpenFailed {
                    url,
                    reason: e.short(),
                }),
            }
        }
        Effect::Copy { text, what } => {
            let tmux = std::env::var_os("TMUX").is_some();
            let ok = out
                .write_all(&super::clipboard::osc52(&text, tmux))
                .and_then(|()| out.flush())
                .is_ok();
            let shown = crate::text::sanitize(&text).into_owned();
            Some(if ok {
                Msg::Done {
                    ok: true,
                    text: format!("copied {what}: {shown}"),
                }
            } else {
                Msg::Done {
                    ok: false,
                    text: format!("could not copy; the {what} is {shown}"),
                }
            })
        }
        Effect::WriteBrief {
            path,
            content,
            events,
            force,
        } => {
            if !force && std::fs::symlink_metadata(&path).is_ok() {
                app.confirm_overwrite(path, content, events);
                return None;
            }
            let shown = crate::text::sanitize(&path.display().to_string()).into_owned();
            Some(
                match crate::fsutil::write_file(&path, content.as_bytes(), force) {
                    Ok(()) => Msg::Done {
                        ok: true,
                        text: format!(
                            "wrote a brief of {events} event{} to {shown}",
                            if events == 1 { "" } else { "s" }
                        ),
                    },
                    Err(e) => Msg::Done {
                        ok: false,
                        text: format!("brief not written: {e}"),
                    },
                },
            )
        }
    }
}

/// Gives one message to the app and performs its effects; true when the app quits.
fn handle(app: &mut App, msg: Msg, tx: &mpsc::Sender<Msg>, dirty: &mut bool) -> bool {
    let mut queue = std::collections::VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        let status_before = app.status.clone();
        let is_tick = msg == Msg::Tick;
        let effects = app.update(msg);
        if !is_tick || app.status != status_before {
            *dirty = true;
        }
        for e in effects {
            if e == Effect::Quit {
                return true;
            }
            let mut out = std::io::stdout();
            if let Some(m) = perform(app, e, &mut out, tx) {
                queue.push_back(m);
            }
            *dirty = true;
        }
        if app.quit {
            return true;
        }
    }
    false
}

/// How the explorer ended.
#[derive(Debug)]
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP) ended it; the terminal was restored.
    Signal(i32),
    /// The timeline did not load: the caller reports the errors (the screen was given
    /// back first, if it had been taken).
    LoadFailed(Box<Loaded>),
}

/// Loads that take longer than this show a progress screen; quicker ones report their
/// errors before the screen is ever taken over.
const LOAD_GRACE: Duration = Duration::from_millis(200);
/// Timelines with more events than this get their search index built in the background.
const BACKGROUND_INDEX: usize = 5_000;

/// Runs the explorer: loads (off the UI thread), then lets the user explore until they
/// quit or a signal arrives.
pub fn run(
    load: Loader,
    what: String,
    watch: Vec<PathBuf>,
    settings: Settings,
) -> anyhow::Result<Outcome> {
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [SIGTERM, SIGHUP] {
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize);
    }
    super::watchdog::spawn(Arc::clone(&signal));
    let progress = Arc::new(Progress::default());
    let (load_tx, load_rx) = mpsc::channel::<Loaded>();
    let (stored_tx, stored_rx) = mpsc::channel::<Option<StoredIndex>>();
    {
        let progress = Arc::clone(&progress);
        let load = Arc::clone(&load);
        std::thread::spawn(move || {
            let (loaded, stored) = load(&progress);
            let _ = stored_tx.send(stored);
            let _ = load_tx.send(loaded);
        });
    }
    let mouse = settings.mouse;
    let mut guard: Option<terminal::Guard> = None;
    // Keys typed on the loading screen, applied once the timeline is there.
    let mut typed_early: Vec<Event> = Vec::new();
    let loaded = match load_rx.recv_timeout(LOAD_GRACE) {
        Ok(l) => l,
        Err(_) => {
            let mut g = terminal::init(mouse)?;
            let result = loading_screen(&mut g, &load_rx, &progress, &what, &settings, &signal)?;
            match result {
                Loading::Done(l, keys) => {
                    let l = *l;
                    guard = Some(g);
                    typed_early = keys;
                    l
                }
                Loading::Quit => return Ok(Outcome::Quit),
                Loading::Signal(s) => return Ok(Outcome::Signal(s)),
            }
        }
    };
    if loaded.has_errors() {
        drop(guard);
        return Ok(Outcome::LoadFailed(Box::new(loaded)));
    }
    let tl = Arc::new(loaded.timeline);
    let (index_tx, mut index_rx) = mpsc::channel::<SearchIndex>();
    // A big timeline's search index is built in the background, started once the first
    // frame is drawn so that it does not compete with it.
    let mut index_job = None;
    let mut app = if tl.events.len() > BACKGROUND_INDEX {
        index_job = Some((
            Arc::clone(&tl),
            index_tx,
            stored_rx.try_recv().ok().flatten(),
        ));
        App::without_index(tl, settings, Local::now())
    } else {
        App::new(Arc::unwrap_or_clone(tl), settings, Local::now())
    };
    let mut guard = match guard {
        Some(g) => g,
        None => terminal::init(mouse)?,
    };
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut dirty = true;
    // Live reload: the files are watched; a change reloads them in the background.
    let (change_tx, change_rx) = mpsc::channel::<()>();
    let _watcher = watch_files(&watch, &app.tl, change_tx);
    let mut reload_due: Option<std::time::Instant> = None;
    let mut reloading = false;
    let (reload_tx, reload_rx) = mpsc::channel::<(Loaded, Option<SearchIndex>)>();
    // What was typed while loading, as if typed now: on the screen as drawn, so that keys
    // that move by a page know its size.
    if !typed_early.is_empty() {
        let mut info = app.layout;
        guard.terminal.draw(|f| info = view::draw(f, &app))?;
        app.layout = info;
        app.update(Msg::Resize {
            width: 0,
            height: 0,
        });
    }
    for ev in typed_early {
        for msg in translate(&app, ev) {
            if handle(&mut app, msg, &tx, &mut dirty) {
                return Ok(Outcome::Quit);
            }
        }
    }
    loop {
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Outcome::Signal(sig as i32));
        }
        if let Ok(index) = index_rx.try_recv() {
            app.set_index(Arc::new(index));
            crate::alloc::settle();
            dirty = true;
        }
        if change_rx.try_iter().count() > 0 {
            // Editors write in several steps: wait for the files to settle.
            reload_due = Some(std::time::Instant::now() + RELOAD_SETTLE);
        }
        if !reloading && reload_due.is_some_and(|t| t <= std::time::Instant::now()) {
            reload_due = None;
            reloading = true;
            let load = Arc::clone(&load);
            let tx = reload_tx.clone();
            std::thread::spawn(move || {
                let (loaded, stored) = load(&Progress::default());
                let index = (!loaded.has_errors()).then(|| index_for(stored, &loaded.timeline));
                let _ = tx.send((loaded, index));
            });
        }
        if let Ok((loaded, index)) = reload_rx.try_recv() {
            reloading = false;
            if loaded.has_errors() {
                let lines = loaded
                    .diagnostics
                    .iter()
                    .flat_map(|d| {
                        d.render(false)
                            .lines()
                            .map(str::to_string)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                app.reload_failed(lines);
            } else {
                app.replace_timeline(loaded.timeline, index.map(Arc::new));
                // The first timeline's index, if it is still being built, is of no use
                // now: its message is never read.
                index_job = None;
                index_rx = mpsc::channel().1;
            }
            dirty = true;
        }
        if dirty {
            let mut info = app.layout;
            guard.terminal.draw(|f| info = view::draw(f, &app))?;
            let relayout = info != app.layout;
            app.layout = info;
            dirty = false;
            if let Some((tl, tx, stored)) = index_job.take() {
                std::thread::spawn(move || {
                    let _ = tx.send(index_for(stored, &tl));
                });
            }
            if relayout {
                // Page sizes changed: let the app re-check what is in view, then redraw.
                app.update(Msg::Resize {
                    width: 0,
                    height: 0,
                });
                dirty = true;
                continue;
            }
        }
        // Results of slow effects, then terminal events one at a time: each is translated
        // with the keymap layer the previous one left (a `/` opens the query line, so the
        // letters typed after it are text).
        for msg in rx.try_iter().collect::<Vec<_>>() {
            if handle(&mut app, msg, &tx, &mut dirty) {
                return Ok(Outcome::Quit);
            }
        }
        if event::poll(TICK)? {
            loop {
                app.now = Local::now();
                let ev = event::read()?;
                test_panic(&ev);
                for msg in translate(&app, ev) {
                    if handle(&mut app, msg, &tx, &mut dirty) {
                        return Ok(Outcome::Quit);
                    }
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else {
            app.now = Local::now();
            if handle(&mut app, Msg::Tick, &tx, &mut dirty) {
                return Ok(Outcome::Quit);
            }
        }
    }
}

/// How a timeline is loaded (again, on a change), with the search index the cache holds.
pub type Loader = Arc<dyn Fn(&Progress) -> (Loaded, Option<StoredIndex>) + Send + Sync>;

/// How long the files must stay quiet after a change before they are reloaded.
const RELOAD_SETTLE: Duration = Duration::from_millis(300);

/// Watches what was loaded: each file's folder (editors that save by writing a new file
/// and renaming it over the old one replace the file, so the file itself cannot be
/// watched), and the folders given, recursively. A change to a timeline file sends `()`.
fn watch_files(
    given: &[PathBuf],
    tl: &crate::model::Timeline,
    tx: mpsc::Sender<()>,
) -> Option<notify::RecommendedWatcher> {
    use notify::{RecursiveMode, Watcher};
    if given.is_empty() {
        return None;
    }
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let files: Vec<PathBuf> = tl
        .inputs
        .iter()
        .filter_map(|i| i.path.as_deref().map(canon))
        .collect();
    let folders: Vec<PathBuf> = given
        .iter()
        .filter(|p| p.is_dir())
        .map(|p| canon(p))
        .collect();
    let relevant = {
        let files = files.clone();
        let folders = folders.clone();
        move |p: &std::path::Path| {
            let yaml = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
            files
                .iter()
                .any(|f| f == p || p.file_name() == f.file_name() && p.parent() == f.parent())
                || (yaml && folders.iter().any(|d| p.starts_with(d)))
        }
    };
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        if let Ok(ev) = res
            && !ev.kind.is_access()
            && ev.paths.iter().any(|p| relevant(p))
        {
            let _ = tx.send(());
        }
    })
    .ok()?;
    let mut watched = std::collections::HashSet::new();
    for f in &files {
        if let Some(dir) = f.parent()
            && watched.insert(dir.to_path_buf())
        {
            let _ = watcher.watch(dir, RecursiveMode::NonRecursive);
        }
    }
    for d in &folders {
        let _ = watcher.watch(d, RecursiveMode::Recursive);
    }
    Some(watcher)
}

/// In debug builds only (the ones the tests run), `TLX_TEST_PANIC=1` makes `!` panic, so
/// the tests can check that a panic gives the terminal back.
fn test_panic(ev: &Event) {
    #[cfg(debug_assertions)]
    if let Event::Key(k) = ev
        && k.code == event::KeyCode::Char('!')
        && std::env::var_os("TLX_TEST_PANIC").is_some()
    {
        panic!("a panic requested by TLX_TEST_PANIC");
    }
    let _ = ev;
}

enum Loading {
    /// Loaded, with the keys typed meanwhile.
    Done(Box<Loaded>, Vec<Event>),
    Quit,
    Signal(i32),
}

/// The most keys kept while a timeline loads.
const MAX_TYPED_EARLY: usize = 256;

/// The screen shown while a big timeline loads: what, how far, and how to stop. Keys stay
/// live: Ctrl-C stops, and so do q and Esc before anything else is typed; other keys
/// (q and Esc among them, once something is typed) are kept, and applied in order once
/// the timeline is loaded: `/treaty` typed while it loads searches for "treaty", and an
/// Enter or Esc after it keeps or drops that search, as they would then.
fn loading_screen(
    guard: &mut terminal::Guard,
    rx: &mpsc::Receiver<Loaded>,
    progress: &Progress,
    what: &str,
    settings: &Settings,
    signal: &AtomicUsize,
) -> anyhow::Result<Loading> {
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;
    let th = &settings.theme;
    let mut typed: Vec<Event> = Vec::new();
    loop {
        if let Ok(l) = rx.try_recv() {
            return Ok(Loading::Done(Box::new(l), typed));
        }
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Loading::Signal(sig as i32));
        }
        let total = progress.total.load(Ordering::Relaxed);
        let done = progress.done.load(Ordering::Relaxed).min(total);
        let hint = match typed.len() {
            0 => "q, Esc or Ctrl-C stops".to_string(),
            1 => "Ctrl-C stops · 1 key waits for the timeline".to_string(),
            MAX_TYPED_EARLY => {
                format!("Ctrl-C stops · {MAX_TYPED_EARLY} keys wait; more are not kept")
            }
            n => format!("Ctrl-C stops · {n} keys wait for the timeline"),
        };
        guard.terminal.draw(|f| {
            let area = f.area();
            let w = area.width.saturating_sub(4).clamp(1, 60) as usize;
            let frac = if total > 0 {
                done as f64 / total as f64
            } else {
                0.0
            };
            let filled = ((w as f64) * frac).round() as usize;
            let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
            let status = if total > 0 && done >= total {
                "checking and indexing…".to_string()
            } else if total > 0 {
                format!(
                    "{:.1} MB of {:.1} MB parsed ({:.0}%)",
                    mb(done),
                    mb(total),
                    frac * 100.0
                )
            } else {
                "reading…".to_string()
            };
            let lines = vec![
                Line::styled(
                    crate::text::truncate(&format!("Loading {}", crate::text::sanitize(what)), w)
                        .into_owned(),
                    th.header,
                ),
                Line::raw(""),
                Line::from(vec![
                    Span::styled("█".repeat(filled), th.axis_kept),
                    Span::styled("░".repeat(w.saturating_sub(filled)), th.muted),
                ]),
                Line::raw(crate::text::truncate(&status, w).into_owned()),
                Line::raw(""),
                Line::styled(crate::text::truncate(&hint, w).into_owned(), th.muted),
            ];
            let h = (lines.len() as u16).min(area.height);
            let r = ratatui::layout::Rect {
                x: area.x + area.width.saturating_sub(w as u16) / 2,
                y: area.y + area.height.saturating_sub(h) / 2,
                width: (w as u16).min(area.width),
                height: h,
            };
            f.render_widget(Paragraph::new(lines), r);
        })?;
        if event::poll(Duration::from_millis(100))? {
            let ev = event::read()?;
            if let Event::Key(k) = &ev
                && k.kind != KeyEventKind::Release
            {
                let quit_key =
                    matches!(k.code, KeyCode::Char('q') | KeyCode::Esc) && k.modifiers.is_empty();
                let stop = (quit_key && typed.is_empty())
                    || (k.code == KeyCode::Char('c')
                        && k.modifiers.contains(KeyModifiers::CONTROL));
                if stop {
                    return Ok(Loading::Quit);
                }
                if typed.len() < MAX_TYPED_EARLY {
                    typed.push(ev);
                }
            } else if matches!(ev, Event::Paste(_)) && typed.len() < MAX_TYPED_EARLY {
                typed.push(ev);
            }
        }
    }
}
