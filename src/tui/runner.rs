//! The event loop: terminal events in, messages to the app, effects performed, frames
//! drawn when something changed. The only place that sees crossterm events or does I/O.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::{Arc, mpsc};
use std::time::Duration;

use chrono::Local;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Effect, Msg};
use super::app::{App, Settings};
use super::copy::{Reopen, switch_to_copy};
use super::keeper::{Keeper, WorkSetup};
use super::keymap::Key;
use super::loading::{Loader, Loading, loading_screen};
use super::reload::{Reload, Reloaded};
use super::terminal;
use super::view;
use crate::cache::{StoredIndex, index_for};
use crate::model::Loaded;
use crate::model::load::Progress;
use crate::query::SearchIndex;

/// How often the loop wakes without input (status messages expire on these ticks).
const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for the hits of a search running in the background.
const SEARCH_POLL: Duration = Duration::from_millis(5);

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
            MouseEventKind::Drag(MouseButton::Left) => vec![Msg::Drag {
                col: m.column,
                row: m.row,
            }],
            MouseEventKind::Up(MouseButton::Left) => vec![Msg::Release {
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
        // The loop opens the editor (see `handle`).
        Effect::Quit
        | Effect::Edit { .. }
        | Effect::EditEvent { .. }
        | Effect::CopyTimeline { .. } => None,
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
            let ok = super::clipboard::copy(out, &text).is_ok();
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
        Effect::ReadRevision(rev) => {
            // git and the loader take a moment on a big timeline: off the UI thread.
            let tl = Arc::clone(&app.tl);
            let opts = app.settings.limits.clone();
            let tx = tx.clone();
            std::thread::spawn(move || {
                let read = crate::revision::timeline_at(&rev, &tl, &opts)
                    .map(|(old, missing)| (Arc::new(old), missing))
                    .map_err(|e| e.to_string());
                let _ = tx.send(Msg::RevisionRead { rev, read });
            });
            None
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
                    Ok(()) => Msg::BriefWritten {
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
/// What is to be edited is left in `notes`: the loop opens the editor, which needs the
/// terminal.
fn handle(
    app: &mut App,
    msg: Msg,
    tx: &mpsc::Sender<Msg>,
    dirty: &mut bool,
    notes: &mut Vec<Effect>,
) -> bool {
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
            if matches!(
                e,
                Effect::Edit { .. } | Effect::EditEvent { .. } | Effect::CopyTimeline { .. }
            ) {
                notes.push(e);
                continue;
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
    /// A signal (SIGTERM, SIGINT, SIGHUP …) ended it; the terminal was restored.
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
    work: WorkSetup,
    reopen: Reopen,
) -> anyhow::Result<Outcome> {
    let signal = super::watchdog::catch_signals();
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
    let early = load_rx.recv_timeout(LOAD_GRACE);
    // A signal that came before the screen was taken (Ctrl-C then is still a signal).
    let sig = signal.load(Ordering::Relaxed);
    if sig != 0 {
        return Ok(Outcome::Signal(sig as i32));
    }
    let loaded = match early {
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
    let mut keeper = Keeper::start(work, &mut app);
    let mut notes: Vec<Effect> = Vec::new();
    let outcome = (|| -> anyhow::Result<Outcome> {
        // Live reload: the files are watched; a change reloads them in the background.
        let mut reload = Reload::watch(Arc::clone(&load), watch, &app.tl);
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
                if handle(&mut app, msg, &tx, &mut dirty, &mut notes) {
                    return Ok(Outcome::Quit);
                }
            }
        }
        loop {
            let sig = signal.load(Ordering::Relaxed);
            if sig != 0 {
                return Ok(Outcome::Signal(sig as i32));
            }
            if app.poll_search() {
                dirty = true;
            }
            if keeper.tick(&mut app) {
                dirty = true;
            }
            for e in std::mem::take(&mut notes) {
                let msg = match e {
                    Effect::Edit { what, text } => {
                        match guard.outside(mouse, || super::editor::edit(&text))? {
                            Ok(text) => Msg::Edited { what, text },
                            Err(why) => Msg::Done {
                                ok: false,
                                text: why,
                            },
                        }
                    }
                    Effect::EditEvent { path, id } => {
                        let line = super::editor::event_line(&path, &id, &app.settings.limits);
                        let edited =
                            guard.outside(mouse, || super::editor::edit_at(&path, line))?;
                        // The watch would see the change too; this does not wait for it.
                        reload.soon();
                        edited_msg(edited, &path)
                    }
                    Effect::CopyTimeline { path, id } => {
                        match switch_to_copy(&path, &mut app, &mut keeper, &reopen) {
                            Ok((watch, lost)) => {
                                reload = watch;
                                app.copy = Some(path.clone());
                                let line =
                                    super::editor::event_line(&path, &id, &app.settings.limits);
                                let edited =
                                    guard.outside(mouse, || super::editor::edit_at(&path, line))?;
                                match lost {
                                    Some(why) => Msg::Done {
                                        ok: false,
                                        text: why,
                                    },
                                    None => edited_msg(edited, &path),
                                }
                            }
                            Err(why) => Msg::Done {
                                ok: false,
                                text: why,
                            },
                        }
                    }
                    _ => continue,
                };
                dirty = true;
                if handle(&mut app, msg, &tx, &mut dirty, &mut notes) {
                    return Ok(Outcome::Quit);
                }
            }
            if let Ok(index) = index_rx.try_recv() {
                app.set_index(Arc::new(index));
                crate::alloc::settle();
                dirty = true;
            }
            match reload.poll() {
                Some(Reloaded::Failed(lines)) => {
                    app.reload_failed(lines);
                    dirty = true;
                }
                Some(Reloaded::Timeline(tl, index)) => {
                    app.replace_timeline(*tl, index.map(Arc::new));
                    // The first timeline's index, if it is still being built, is of no use
                    // now: its message is never read.
                    index_job = None;
                    index_rx = mpsc::channel().1;
                    dirty = true;
                }
                None => {}
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
                if handle(&mut app, msg, &tx, &mut dirty, &mut notes) {
                    return Ok(Outcome::Quit);
                }
            }
            // While a search runs on its worker, wake often enough to show its hits at once.
            let wait = if app.searching() { SEARCH_POLL } else { TICK };
            if event::poll(wait)? {
                loop {
                    app.now = Local::now();
                    let ev = event::read()?;
                    test_panic(&ev);
                    for msg in translate(&app, ev) {
                        if handle(&mut app, msg, &tx, &mut dirty, &mut notes) {
                            return Ok(Outcome::Quit);
                        }
                    }
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                }
            } else {
                app.now = Local::now();
                if handle(&mut app, Msg::Tick, &tx, &mut dirty, &mut notes) {
                    return Ok(Outcome::Quit);
                }
            }
        }
    })();
    let lost = keeper.finish(&mut app);
    drop(guard);
    for l in lost {
        eprintln!("{l}");
    }
    outcome
}

/// The status line's word when the editor closed on a timeline file.
fn edited_msg(edited: Result<(), String>, path: &std::path::Path) -> Msg {
    let shown = crate::text::sanitize(&path.display().to_string()).into_owned();
    match edited {
        Ok(()) => Msg::Done {
            ok: true,
            text: format!("back from the editor: reloading {shown}"),
        },
        Err(why) => Msg::Done {
            ok: false,
            text: format!("{why}; reloading {shown}"),
        },
    }
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
