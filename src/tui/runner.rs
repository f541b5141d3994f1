//! The event loop: terminal events in, messages to the app, effects performed, frames
//! drawn when something changed. The only place that sees crossterm events or does I/O.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use chrono::Local;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};

use super::action::{Effect, Msg};
use super::app::{App, Settings};
use super::keymap::Key;
use super::terminal;
use super::view;
use crate::model::Timeline;

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
            let shown2 = shown.clone();
            match super::open::open(&url, move |ok| {
                if !ok {
                    let _ = tx.send(Msg::Done {
                        ok: false,
                        text: format!("the opener failed; the URL is {shown2}"),
                    });
                }
            }) {
                Ok(()) => Some(Msg::Done {
                    ok: true,
                    text: format!("opening {shown}"),
                }),
                Err(e) => Some(Msg::Done {
                    ok: false,
                    text: format!("{e}; the URL is {shown}"),
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

/// Runs the explorer until the user quits.
pub fn run(tl: Timeline, settings: Settings) -> anyhow::Result<()> {
    let mouse = settings.mouse;
    let mut app = App::new(tl, settings, Local::now());
    let mut guard = terminal::init(mouse)?;
    let (tx, rx) = mpsc::channel::<Msg>();
    let mut dirty = true;
    loop {
        if dirty {
            let mut info = app.layout;
            guard.terminal.draw(|f| info = view::draw(f, &app))?;
            let relayout = info != app.layout;
            app.layout = info;
            dirty = false;
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
                return Ok(());
            }
        }
        if event::poll(TICK)? {
            loop {
                app.now = Local::now();
                for msg in translate(&app, event::read()?) {
                    if handle(&mut app, msg, &tx, &mut dirty) {
                        return Ok(());
                    }
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        } else {
            app.now = Local::now();
            if handle(&mut app, Msg::Tick, &tx, &mut dirty) {
                return Ok(());
            }
        }
    }
}
