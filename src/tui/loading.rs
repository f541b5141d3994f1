//! Loading a timeline off the UI thread, and the screen shown meanwhile when it takes a
//! while: what loads, how far it is, and how to stop it. The keys that stop it are the
//! keymap's `loading` screen (and Ctrl-C, always).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use super::action::Action;
use super::app::Settings;
use super::keymap::{INTERRUPT, Key, Keymap, Layer};
use super::terminal;
use crate::cache::StoredIndex;
use crate::model::Loaded;
use crate::model::load::Progress;

/// How a timeline is loaded (again, on a change), with the search index the cache holds.
pub type Loader = Arc<dyn Fn(&Progress) -> (Loaded, Option<StoredIndex>) + Send + Sync>;

pub enum Loading {
    /// Loaded, with the keys typed meanwhile.
    Done(Box<Loaded>, Vec<Event>),
    Quit,
    Signal(i32),
}

/// The most keys kept while a timeline loads.
const MAX_TYPED_EARLY: usize = 256;

/// Whether a key pressed on the loading screen stops the load. Ctrl-C always does; the
/// `loading` screen's keys for `quit` (q and Esc) only before anything else is typed:
/// after that they may be text (`/quit`) for the screen the typed keys go to.
fn stops(km: &Keymap, key: Key, typed: usize) -> bool {
    key == INTERRUPT || (typed == 0 && km.resolve(Layer::Loading, key) == Some(Action::Quit))
}

/// The loading screen's line about keys: which stop the load, and how many wait.
fn hint(km: &Keymap, typed: usize) -> String {
    let stop_keys: Vec<String> = if typed == 0 {
        km.keys_for(Layer::Loading, Action::Quit)
            .iter()
            .map(Key::to_string)
            .collect()
    } else {
        vec![INTERRUPT.to_string()]
    };
    let stop = match stop_keys.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => INTERRUPT.to_string(),
    };
    match typed {
        0 => format!("{stop} stops"),
        1 => format!("{stop} stops · 1 key waits for the timeline"),
        MAX_TYPED_EARLY => {
            format!("{stop} stops · {MAX_TYPED_EARLY} keys wait; more are not kept")
        }
        n => format!("{stop} stops · {n} keys wait for the timeline"),
    }
}

/// The screen shown while a big timeline loads: what, how far, and how to stop. Keys stay
/// live: Ctrl-c stops, and so do q and Esc before anything else is typed; other keys
/// (q and Esc among them, once something is typed) are kept, and applied in order once
/// the timeline is loaded: `/treaty` typed while it loads searches for "treaty", and an
/// Enter or Esc after it keeps or drops that search, as they would then.
pub fn loading_screen(
    guard: &mut terminal::Guard,
    rx: &mpsc::Receiver<Loaded>,
    progress: &Progress,
    what: &str,
    settings: &Settings,
    signal: &AtomicUsize,
) -> anyhow::Result<Loading> {
    use ratatui::text::{Line, Span};
    use ratatui::widgets::Paragraph;
    let th = &settings.theme;
    let km = &settings.keymap;
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
        let hint = hint(km, typed.len());
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
                if stops(km, Key::from_event(k), typed.len()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn q_and_esc_stop_before_anything_is_typed_and_ctrl_c_always() {
        let km = Keymap::defaults();
        for k in ["q", "esc", "ctrl-c"] {
            assert!(stops(&km, key(k), 0), "{k}");
        }
        assert!(
            !stops(&km, key("q"), 1),
            "q is text once something is typed"
        );
        assert!(!stops(&km, key("esc"), 3));
        assert!(stops(&km, key("ctrl-c"), 3));
        for k in ["/", "j", "enter", "?"] {
            assert!(!stops(&km, key(k), 0), "{k} waits for the timeline");
        }
    }

    #[test]
    fn the_keys_that_stop_follow_the_config() {
        let mut km = Keymap::defaults();
        let errors = km.patch_text("loading:\n  q: none\n  x: quit\n").unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert!(!stops(&km, key("q"), 0));
        assert!(stops(&km, key("x"), 0));
        assert!(stops(&km, key("ctrl-c"), 0));
        assert_eq!(hint(&km, 0), "Esc, x or Ctrl-c stops");
        // Without any binding of its own, Ctrl-C still stops, and says so.
        let mut km = Keymap::defaults();
        km.patch_text("loading:\n  q: none\n  esc: none\n").unwrap();
        assert_eq!(hint(&km, 0), "Ctrl-c stops");
    }

    #[test]
    fn the_hint_names_the_keys_and_counts_those_that_wait() {
        let km = Keymap::defaults();
        assert_eq!(hint(&km, 0), "q, Esc or Ctrl-c stops");
        assert_eq!(hint(&km, 1), "Ctrl-c stops · 1 key waits for the timeline");
        assert_eq!(hint(&km, 7), "Ctrl-c stops · 7 keys wait for the timeline");
        assert_eq!(
            hint(&km, MAX_TYPED_EARLY),
            "Ctrl-c stops · 256 keys wait; more are not kept"
        );
    }
}
