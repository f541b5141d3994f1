//! Keys to actions, per screen. The defaults are `assets/keymap.yaml`, embedded; the help
//! screen and the footer hints are generated from the same table, so they never disagree
//! with what the keys do.

use std::collections::HashMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::model::diag::Path;
use crate::model::raw::{Found, IdMap, Lenient, Text};

/// The embedded default bindings.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.yaml");

/// A screen or overlay that has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Layer {
    Global,
    Main,
    Event,
    Source,
    Search,
    Filters,
    /// The filter panel while a find narrows its lists (`/`).
    FilterFind,
    Help,
    Prompt,
    /// The question before a file is replaced.
    Confirm,
    /// The screen shown while a big timeline loads.
    Loading,
    /// The list of saved views.
    Views,
    /// The brief composer.
    Composer,
    /// The list of changes.
    Changes,
}

impl Layer {
    pub const ALL: [Layer; 14] = [
        Layer::Global,
        Layer::Main,
        Layer::Event,
        Layer::Source,
        Layer::Search,
        Layer::Filters,
        Layer::FilterFind,
        Layer::Help,
        Layer::Prompt,
        Layer::Confirm,
        Layer::Loading,
        Layer::Views,
        Layer::Composer,
        Layer::Changes,
    ];
    pub fn name(self) -> &'static str {
        match self {
            Layer::Global => "global",
            Layer::Main => "main",
            Layer::Event => "event",
            Layer::Source => "source",
            Layer::Search => "search",
            Layer::Filters => "filters",
            Layer::FilterFind => "filter-find",
            Layer::Help => "help",
            Layer::Prompt => "prompt",
            Layer::Confirm => "confirm",
            Layer::Loading => "loading",
            Layer::Views => "views",
            Layer::Composer => "composer",
            Layer::Changes => "changes",
        }
    }
    pub fn from_name(s: &str) -> Option<Layer> {
        Layer::ALL.into_iter().find(|l| l.name() == s)
    }
    /// Layers where typing enters text (or, for a question, answers it): unbound
    /// printable keys are input, and the global single-character bindings (`?`) do not
    /// apply.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Layer::Search | Layer::Prompt | Layer::Filters | Layer::FilterFind | Layer::Confirm
        )
    }
}

/// A key with its modifiers, normalised (a typed `G` is `G`, not shift-`g`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Ctrl-C: it quits on every screen, whatever the config says, so that no config can
/// leave the explorer without a way out (raw mode turns Ctrl-C into a key, not a signal).
pub const INTERRUPT: Key = Key {
    code: KeyCode::Char('c'),
    mods: KeyModifiers::CONTROL,
};

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            // The character already carries the shift.
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        Key::new(e.code, e.modifiers)
    }

    /// Parses `j`, `G`, `?`, `ctrl-d`, `shift-tab`, `enter`, `pagedown`, `f1`.
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1 && lower.starts_with("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[5..];
            } else if rest.chars().count() > 1 && lower.starts_with("alt-") {
                mods |= KeyModifiers::ALT;
                rest = &rest[4..];
            } else if rest.chars().count() > 1 && lower.starts_with("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" => KeyCode::Insert,
                "space" => KeyCode::Char(' '),
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().expect("checked"))
                }
                _ => return Err(format!("unknown key '{s}'")),
            },
        };
        // A typed character already carries its shift: `shift-j` is `J`. Terminals send
        // the same for ctrl-shift-j as for ctrl-j, and what shift gives on a digit or a
        // sign depends on the keyboard, so those are refused rather than guessed.
        let code = match code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::SHIFT) && c != ' ' => {
                if !c.is_alphabetic() {
                    return Err(format!(
                        "'{s}': write the character that shift gives on your keyboard (for example '!' rather than 'shift-1')"
                    ));
                }
                if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) {
                    let lower: String = c.to_lowercase().collect();
                    return Err(format!(
                        "'{s}' cannot be told apart from '{}' in most terminals",
                        s[..s.len() - rest.len()]
                            .to_ascii_lowercase()
                            .replace("shift-", "")
                            + &lower
                    ));
                }
                let mut upper = c.to_uppercase();
                match (upper.next(), upper.next()) {
                    (Some(u), None) => KeyCode::Char(u),
                    _ => return Err(format!("'{s}': write the upper-case character itself")),
                }
            }
            other => other,
        };
        if mods.contains(KeyModifiers::CONTROL)
            && matches!(code, KeyCode::Char('h' | 'i' | 'm' | '['))
        {
            return Err(format!(
                "'{s}' cannot be told apart from backspace, tab, enter or esc in most terminals"
            ));
        }
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Bksp"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A problem in a keymap file, with the key it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    pub layer: String,
    pub key: String,
    pub message: String,
    /// Where the problem is in the document the keymap was read from (the screen's name,
    /// or the key of a binding), for [`crate::model::locate::Locator`]: line and column.
    pub path: Path,
}

/// The bindings of every layer, in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    layers: Vec<(Layer, Vec<(Key, Action)>)>,
}

/// A keymap document as read: screens to `key: action` mappings, in file order.
pub type RawKeymap = IdMap<Lenient<IdMap<Lenient<Text>>>>;

/// The action name that removes a key's binding from a screen (in a patch).
pub const UNBIND: &str = "none";

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Keymap {
        Keymap::parse(DEFAULT_KEYMAP).expect("the embedded keymap is valid (tested)")
    }

    /// Parses a keymap in the file format; every problem is reported.
    pub fn parse(text: &str) -> Result<Keymap, Vec<KeymapError>> {
        let mut km = Keymap { layers: Vec::new() };
        let errors = km.patch_text(text)?;
        if errors.is_empty() {
            Ok(km)
        } else {
            Err(errors)
        }
    }

    /// Applies `key: action` lines over the current bindings (a user's patch). A key that
    /// is bound twice within one screen of the patch is an error.
    pub fn patch_text(&mut self, text: &str) -> Result<Vec<KeymapError>, Vec<KeymapError>> {
        let raw: Lenient<RawKeymap> = serde_saphyr::from_str_with_options(
            text,
            crate::model::load::parse_options(text.len(), &Default::default()),
        )
        .map_err(|e| {
            vec![KeymapError {
                layer: String::new(),
                key: String::new(),
                message: format!("invalid YAML: {}", e.without_snippet()),
                path: Path::root(),
            }]
        })?;
        Ok(match raw {
            Lenient::Ok(raw) => self.patch(raw, &Path::root()),
            // An empty document patches nothing.
            Lenient::Wrong(Found::Null) => Vec::new(),
            Lenient::Wrong(found) => vec![KeymapError {
                layer: String::new(),
                key: String::new(),
                message: format!(
                    "expected a mapping of screens to key bindings, found {}",
                    found.describe()
                ),
                path: Path::root(),
            }],
        })
    }

    /// Applies a keymap document read elsewhere (the `keys:` of the config, at `at`) over
    /// the current bindings, and returns every problem. Bindings without a problem are
    /// applied; `key: none` removes the key's binding from that screen.
    pub fn patch(&mut self, raw: RawKeymap, at: &Path) -> Vec<KeymapError> {
        let mut errors = Vec::new();
        let mut screen_seen: HashMap<String, usize> = HashMap::new();
        for (name, bindings) in raw.0 {
            let Lenient::Ok(name) = name else {
                errors.push(KeymapError {
                    layer: String::new(),
                    key: String::new(),
                    message: "screen names must be strings".into(),
                    path: at.clone(),
                });
                continue;
            };
            let nth = screen_seen.entry(name.value.clone()).or_default();
            let name_at = at.key_name(&name.value, *nth);
            *nth += 1;
            let Some(layer) = Layer::from_name(&name.value) else {
                errors.push(KeymapError {
                    layer: name.value.clone(),
                    key: String::new(),
                    message: format!(
                        "unknown screen '{}'{}",
                        name.value,
                        crate::suggest::did_you_mean(&name.value, Layer::ALL.map(Layer::name))
                    ),
                    path: name_at,
                });
                continue;
            };
            let layer_at = at.key(&name.value);
            let bindings = match bindings {
                Lenient::Ok(IdMap(b)) => b,
                Lenient::Wrong(Found::Null) => continue,
                Lenient::Wrong(found) => {
                    errors.push(KeymapError {
                        layer: layer.name().to_string(),
                        key: String::new(),
                        message: format!(
                            "screen '{}': expected a mapping of keys to actions, found {}",
                            layer.name(),
                            found.describe()
                        ),
                        path: layer_at,
                    });
                    continue;
                }
            };
            let mut seen: Vec<Key> = Vec::new();
            let mut spelled: HashMap<String, usize> = HashMap::new();
            for (key, action) in bindings {
                let Lenient::Ok(key) = key else {
                    errors.push(KeymapError {
                        layer: layer.name().to_string(),
                        key: String::new(),
                        message: format!("screen '{}': keys must be strings", layer.name()),
                        path: layer_at.clone(),
                    });
                    continue;
                };
                let nth = spelled.entry(key.value.clone()).or_default();
                let key_at = layer_at.key_name(&key.value, *nth);
                *nth += 1;
                let err = |message: String| KeymapError {
                    layer: layer.name().to_string(),
                    key: key.value.clone(),
                    message,
                    path: key_at.clone(),
                };
                let k = match Key::parse(&key.value) {
                    Ok(k) => k,
                    Err(m) => {
                        errors.push(err(m));
                        continue;
                    }
                };
                if seen.contains(&k) {
                    errors.push(err(format!(
                        "key '{}' is bound twice in screen '{}'",
                        key.value,
                        layer.name()
                    )));
                    continue;
                }
                seen.push(k);
                // Problems of the action point at the action.
                let action_err = |message: String| KeymapError {
                    path: layer_at.key(&key.value),
                    ..err(message)
                };
                let action = match action {
                    Lenient::Ok(a) => a.value,
                    Lenient::Wrong(found) => {
                        errors.push(action_err(format!(
                            "key '{}' in screen '{}': expected an action name (or `{UNBIND}`), found {}",
                            key.value,
                            layer.name(),
                            found.describe()
                        )));
                        continue;
                    }
                };
                if k == INTERRUPT && action != Action::Quit.name() {
                    let what = if action == UNBIND {
                        "unbound".to_string()
                    } else {
                        format!("bound to '{action}'")
                    };
                    errors.push(action_err(format!(
                        "'{}' always quits tlx, on every screen; it cannot be {what}",
                        key.value
                    )));
                    continue;
                }
                if action == UNBIND {
                    self.unbind(layer, k);
                    continue;
                }
                let Some(a) = Action::from_name(&action) else {
                    errors.push(action_err(format!(
                        "unknown action '{action}'{}",
                        crate::suggest::did_you_mean(
                            &action,
                            Action::ALL.iter().map(|a| a.name()).chain([UNBIND])
                        )
                    )));
                    continue;
                };
                self.bind(layer, k, a);
            }
        }
        errors
    }

    fn unbind(&mut self, layer: Layer, key: Key) {
        if let Some((_, list)) = self.layers.iter_mut().find(|(l, _)| *l == layer) {
            list.retain(|(k, _)| *k != key);
        }
    }

    fn bind(&mut self, layer: Layer, key: Key, action: Action) {
        let idx = match self.layers.iter().position(|(l, _)| *l == layer) {
            Some(i) => i,
            None => {
                self.layers.push((layer, Vec::new()));
                self.layers.len() - 1
            }
        };
        let list = &mut self.layers[idx].1;
        match list.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = action,
            None => list.push((key, action)),
        }
    }

    fn layer(&self, layer: Layer) -> &[(Key, Action)] {
        self.layers
            .iter()
            .find(|(l, _)| *l == layer)
            .map_or(&[], |(_, v)| v.as_slice())
    }

    /// The action a key means on a layer (the layer's own binding first, then global).
    /// [`INTERRUPT`] always means quit.
    pub fn resolve(&self, layer: Layer, key: Key) -> Option<Action> {
        if key == INTERRUPT {
            return Some(Action::Quit);
        }
        if let Some((_, a)) = self.layer(layer).iter().find(|(k, _)| *k == key) {
            return Some(*a);
        }
        let printable = matches!(key.code, KeyCode::Char(_)) && key.mods.is_empty();
        if layer.takes_text() && printable {
            return None;
        }
        self.layer(Layer::Global)
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, a)| *a)
    }

    /// The keys bound to an action on a layer (the layer's own first, then global ones
    /// that the layer does not override).
    pub fn keys_for(&self, layer: Layer, action: Action) -> Vec<Key> {
        let own: Vec<Key> = self
            .layer(layer)
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect();
        let global = self.layer(Layer::Global).iter().filter(|(k, a)| {
            *a == action && self.resolve(layer, *k) == Some(action) && !own.contains(k)
        });
        let mut keys: Vec<Key> = own.iter().copied().chain(global.map(|(k, _)| *k)).collect();
        if action == Action::Quit && !keys.contains(&INTERRUPT) {
            keys.push(INTERRUPT);
        }
        keys
    }

    /// One row per action of a layer (global ones last): its keys and what it does.
    pub fn help_rows(&self, layer: Layer) -> Vec<(String, &'static str)> {
        let mut actions: Vec<Action> = Vec::new();
        for (_, a) in self.layer(layer).iter().chain(self.layer(Layer::Global)) {
            if !actions.contains(a) {
                actions.push(*a);
            }
        }
        actions
            .into_iter()
            .filter_map(|a| {
                let keys = self.keys_for(layer, a);
                (!keys.is_empty()).then(|| {
                    let names: Vec<String> = keys.iter().map(Key::to_string).collect();
                    (names.join(" "), a.help())
                })
            })
            .collect()
    }

    /// A short hint for the footer: the first key of each action, `key label`.
    pub fn hint(&self, layer: Layer, items: &[(Action, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .filter_map(|(a, label)| {
                self.keys_for(layer, *a)
                    .first()
                    .map(|k| (k.to_string(), (*label).to_string()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> Key {
        Key::parse(s).unwrap()
    }

    #[test]
    fn the_embedded_defaults_parse_without_conflicts() {
        Keymap::parse(DEFAULT_KEYMAP).unwrap();
    }

    #[test]
    fn default_bindings_resolve() {
        let km = Keymap::defaults();
        let cases = [
            (Layer::Main, "j", Action::Down),
            (Layer::Main, "down", Action::Down),
            (Layer::Main, "G", Action::Bottom),
            (Layer::Main, "ctrl-d", Action::HalfPageDown),
            (Layer::Main, "/", Action::Search),
            (Layer::Main, "?", Action::Help),
            (Layer::Main, "f1", Action::Help),
            (Layer::Main, "ctrl-c", Action::Quit),
            (Layer::Main, "space", Action::Mark),
            (Layer::Event, "backspace", Action::Back),
            (Layer::Event, "q", Action::Back),
            (Layer::Search, "enter", Action::Accept),
            (Layer::Search, "ctrl-c", Action::Quit),
        ];
        for (layer, k, a) in cases {
            assert_eq!(km.resolve(layer, key(k)), Some(a), "{k} on {layer:?}");
        }
        // Typing `?` or `q` in the query line is text, not a command.
        assert_eq!(km.resolve(Layer::Search, key("?")), None);
        assert_eq!(km.resolve(Layer::Search, key("q")), None);
    }

    #[test]
    fn keys_normalise_shift() {
        let shifted = Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(shifted, key("G"));
        // `shift-j` means the key a user presses for J, never a plain j.
        assert_eq!(key("shift-j"), key("J"));
        assert_eq!(key("Shift-g"), shifted);
        assert_eq!(
            Key::parse("shift-1").unwrap_err(),
            "'shift-1': write the character that shift gives on your keyboard (for example '!' rather than 'shift-1')"
        );
        assert_eq!(
            Key::parse("ctrl-shift-j").unwrap_err(),
            "'ctrl-shift-j' cannot be told apart from 'ctrl-j' in most terminals"
        );
        assert_eq!(key("shift-space"), key("space"));
        let backtab = Key::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(backtab, key("shift-tab"));
        assert_eq!(key("ctrl-D"), key("ctrl-d"));
    }

    #[test]
    fn unusable_and_unknown_keys_are_refused() {
        assert!(Key::parse("ctrl-h").is_err());
        assert!(Key::parse("ctrl-i").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
    }

    #[test]
    fn patches_override_one_key_and_keep_the_rest() {
        let mut km = Keymap::defaults();
        let errors = km.patch_text("main:\n  x: mark\n  j: up\n").unwrap();
        assert!(errors.is_empty());
        assert_eq!(km.resolve(Layer::Main, key("x")), Some(Action::Mark));
        assert_eq!(km.resolve(Layer::Main, key("j")), Some(Action::Up));
        assert_eq!(km.resolve(Layer::Main, key("space")), Some(Action::Mark));
        assert_eq!(km.resolve(Layer::Main, key("k")), Some(Action::Up));
    }

    #[test]
    fn conflicts_and_unknown_names_are_reported() {
        let mut km = Keymap::defaults();
        let errors = km
            .patch_text("main:\n  x: mark\n  x: quit\n  y: jump\nlsit:\n  a: quit\n")
            .unwrap();
        let msgs: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "key 'x' is bound twice in screen 'main'",
                "unknown action 'jump'",
                "unknown screen 'lsit' (did you mean 'list'?)"
            ]
            .map(|m| m.replace(" (did you mean 'list'?)", ""))
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
        );
    }

    #[test]
    fn errors_carry_the_path_of_the_key_or_the_action() {
        let mut km = Keymap::defaults();
        let errors = km
            .patch_text("main:\n  x: mark\n  x: quit\n  y: jmup\nmian:\n  a: quit\n")
            .unwrap();
        let paths: Vec<String> = errors.iter().map(|e| e.path.to_string()).collect();
        // The second `x` (a key name), the value of `y`, the screen name.
        assert_eq!(paths, ["main.x", "main.y", "mian"]);
        assert_eq!(errors[0].path, Path::root().key("main").key_name("x", 1));
        assert_eq!(errors[1].message, "unknown action 'jmup'");
        assert_eq!(
            errors[2].message,
            "unknown screen 'mian' (did you mean 'main'?)"
        );
    }

    #[test]
    fn none_removes_a_binding_from_one_screen() {
        let mut km = Keymap::defaults();
        let errors = km.patch_text("main:\n  q: none\n  f1: none\n").unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(km.resolve(Layer::Main, key("q")), None);
        // A global binding still applies where the screen does not bind the key.
        assert_eq!(km.resolve(Layer::Main, key("f1")), Some(Action::Help));
        assert_eq!(km.resolve(Layer::Event, key("q")), Some(Action::Back));
    }

    #[test]
    fn wrong_types_are_reported() {
        let mut km = Keymap::defaults();
        let errors = km.patch_text("main: [x]\nevent:\n  x: [back]\n").unwrap();
        let msgs: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "screen 'main': expected a mapping of keys to actions, found a list",
                "key 'x' in screen 'event': expected an action name (or `none`), found a list",
            ]
        );
        assert!(Keymap::parse("[a]").is_err());
        assert_eq!(Keymap::parse("").unwrap(), Keymap { layers: Vec::new() });
    }

    #[test]
    fn help_is_generated_from_the_bindings() {
        let km = Keymap::defaults();
        let rows = km.help_rows(Layer::Main);
        let down = rows
            .iter()
            .find(|(_, h)| *h == Action::Down.help())
            .unwrap();
        assert_eq!(down.0, "j ↓");
        assert!(
            rows.iter()
                .any(|(k, h)| k == "? F1" && *h == Action::Help.help())
        );
    }
}
