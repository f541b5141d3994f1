//! The user's config file: theme, mouse, date style, default timeline paths, and key
//! bindings as patches over the embedded defaults.
//!
//! Where it is read from, first found wins:
//!
//! 1. `--config PATH` (an error if it cannot be read);
//! 2. `$TLX_CONFIG` (likewise);
//! 3. `$XDG_CONFIG_HOME/tlx/config.yaml`, or `~/.config/tlx/config.yaml` when
//!    `XDG_CONFIG_HOME` is unset or not absolute (no file there means the defaults).
//!
//! The file is read like a timeline (every problem at once, each with its line and column).
//! A bad value drops only itself (the setting keeps its default; a bad binding or path is
//! left out, the others are used); a config that cannot be read or parsed is not used at
//! all. The explorer says so in its status line and shows the problems in full in its
//! problems window (`D`); other commands warn on stderr and go on
//! (`commands::config_or_warn`). This module prints nothing: problems come back as a
//! [`ConfigError`] beside the config. `tlx generate config` prints [`default_text`], the
//! defaults with every key explained (`docs/config.md`).
//!
//! Only a regular file of at most 1 MiB is read: a named pipe, a device or a socket at the
//! config's path is refused without waiting on it.

mod keys;
mod locate;
mod problems;
mod raw;
mod template;

use std::path::{Path as FsPath, PathBuf};

use crate::model::DateStyle;
use crate::model::diag::{At, Diagnostic, Kind, Path};
use crate::model::load::{LoadOptions, parse_options};
use crate::model::raw::{Found, Lenient, List};
use crate::tui::keymap::Keymap;
use crate::tui::theme::ThemeChoice;
use locate::resolve_path;
pub use locate::{ConfigFile, Env, Origin, locate};
pub use problems::ConfigError;
use problems::Cx;
pub use raw::KEYS;
use raw::{Flag, RawConfig};
pub use template::default_text;

/// A config file larger than this is refused unread (a config is a few lines).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The settings a config file gives. `Config::default()` is what tlx does without one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `theme:` auto, light, dark or mono (colour being off always means mono).
    pub theme: ThemeChoice,
    /// `mouse:` whether the explorer captures the mouse.
    pub mouse: bool,
    /// `date_style:` text (`20 Jun 2024`) or iso (as written, `2024-06-20`).
    pub date_style: DateStyle,
    /// `tz:` the zone times of day are shown in (`None`: each as written).
    pub tz: Option<chrono_tz::Tz>,
    /// `paths:` timeline files and folders for commands given none (empty: the embedded
    /// timeline), resolved: `~` expanded, relative paths joined to the config's folder.
    pub paths: Vec<PathBuf>,
    /// `author:` who writes the notes (`None`: the login name).
    pub author: Option<String>,
    /// `workspace:` the workspace file, resolved as `paths:` are (`None`: the default).
    pub workspace: Option<PathBuf>,
    /// The embedded key bindings with the config's `keys:` patches applied.
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeChoice::Auto,
            mouse: true,
            date_style: DateStyle::Text,
            tz: None,
            paths: Vec::new(),
            author: None,
            workspace: None,
            keymap: Keymap::defaults(),
        }
    }
}

impl Config {
    /// Reads the config named by `--config` (`flag`), `$TLX_CONFIG` or the usual place (see
    /// [`locate`]). No file at the usual place means the defaults; a file named by the flag
    /// or the variable must exist. The config comes back with its problems, if any.
    pub fn load(flag: Option<&FsPath>, env: &Env) -> (Config, Option<ConfigError>) {
        let Some(file) = locate(flag, env) else {
            return (Config::default(), None);
        };
        match read_text(&file.path) {
            Ok(text) => Config::parse(&text, &file.path, env),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound && file.origin == Origin::Default =>
            {
                (Config::default(), None)
            }
            Err(e) => {
                let by = match file.origin {
                    Origin::Flag => Some("help: the file was named by --config"),
                    Origin::EnvVar => Some("help: the file was named by TLX_CONFIG"),
                    Origin::Default => None,
                };
                let mut d = Diagnostic::error(
                    Kind::Io,
                    At::File { input: 0 },
                    format!("cannot read the config file: {e}"),
                );
                d.file = Some(file.path.display().to_string());
                d.notes.extend(by.map(String::from));
                let e = ConfigError {
                    file: file.path,
                    diagnostics: vec![d],
                    whole: true,
                };
                (Config::default(), Some(e))
            }
        }
    }

    /// Parses a config's text; `file` names it in messages and anchors relative `paths:`.
    /// Every problem is reported, and a bad value drops only itself: the config comes back
    /// with the rest of its values, and its problems. One that does not parse, or is not a
    /// mapping, is the defaults.
    pub fn parse(text: &str, file: &FsPath, env: &Env) -> (Config, Option<ConfigError>) {
        let mut cx = Cx::new(text, file);
        let opts = parse_options(text.len(), &LoadOptions::default());
        let raw: Lenient<RawConfig> = match serde_saphyr::from_str_with_options(text, opts) {
            Ok(r) => r,
            Err(e) => {
                let e = ConfigError {
                    file: file.to_path_buf(),
                    diagnostics: vec![cx.parse_error(&e)],
                    whole: true,
                };
                return (Config::default(), Some(e));
            }
        };
        let mut config = Config::default();
        let raw = match raw {
            Lenient::Ok(r) => r,
            // An empty file, or only comments: the defaults.
            Lenient::Wrong(Found::Null) => return (config, None),
            Lenient::Wrong(found) => {
                cx.problem(
                    Kind::WrongType,
                    Path::root(),
                    format!(
                        "expected a config mapping (theme, mouse, date_style, paths, keys), found {}",
                        found.describe()
                    ),
                    None,
                );
                return (config, Some(cx.finish(true)));
            }
        };
        cx.extra(&raw.extra);
        let root = Path::root();
        if let Some(name) = cx.text_field(raw.theme, "theme", "auto, light, dark or mono") {
            match ThemeChoice::from_name(&name) {
                Some(t) => config.theme = t,
                None => cx.bad_keyword("theme", &name, &ThemeChoice::ALL.map(ThemeChoice::name)),
            }
        }
        match raw.mouse {
            None | Some(Lenient::Wrong(Found::Null)) => {}
            Some(Lenient::Ok(Flag(b))) => config.mouse = b,
            Some(Lenient::Wrong(found)) => cx.wrong_type("mouse", "true or false", found),
        }
        if let Some(name) = cx.text_field(raw.date_style, "date_style", "text or iso") {
            match name.as_str() {
                "text" => config.date_style = DateStyle::Text,
                "iso" => config.date_style = DateStyle::Iso,
                _ => cx.bad_keyword("date_style", &name, &["text", "iso"]),
            }
        }
        if let Some(name) = cx.text_field(raw.tz, "tz", "a time zone name") {
            match crate::model::date::zone_named(&name) {
                Ok(tz) => config.tz = Some(tz),
                Err(e) => cx.problem(
                    Kind::BadValue,
                    root.key("tz"),
                    format!("tz: {e}"),
                    Some(format!("help: {}", crate::model::date::ZONE_HELP)),
                ),
            }
        }
        match raw.paths {
            None | Some(Lenient::Wrong(Found::Null)) => {}
            Some(Lenient::Wrong(found)) => cx.problem(
                Kind::WrongType,
                root.key("paths"),
                format!(
                    "paths: expected a list of paths, found {}",
                    found.describe()
                ),
                Some("help: write `paths: [~/timelines, case.yaml]`".into()),
            ),
            Some(Lenient::Ok(List(items))) => {
                let base = file.parent().unwrap_or(FsPath::new(""));
                for (i, item) in items.into_iter().enumerate() {
                    let at = root.key("paths").index(i);
                    match item {
                        Lenient::Ok(t) if t.value.trim().is_empty() => {
                            cx.problem(Kind::MissingField, at, format!("paths[{i}] is empty"), None)
                        }
                        Lenient::Ok(t) => config.paths.push(resolve_path(&t.value, base, env)),
                        Lenient::Wrong(found) => cx.problem(
                            Kind::WrongType,
                            at,
                            format!(
                                "paths[{i}]: expected a path (a string), found {}",
                                found.describe()
                            ),
                            None,
                        ),
                    }
                }
            }
        }
        config.author = cx
            .text_field(raw.author, "author", "a name")
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
        if let Some(w) = cx.text_field(raw.workspace, "workspace", "a path") {
            let base = file.parent().unwrap_or(FsPath::new(""));
            config.workspace = (!w.trim().is_empty()).then(|| resolve_path(w.trim(), base, env));
        }
        keys::apply(&mut cx, &mut config.keymap, raw.keys, text);
        let problems = (!cx.is_empty()).then(|| cx.finish(false));
        (config, problems)
    }
}

/// Reads a config file's text: a regular file (a named pipe or a device is refused without
/// waiting on it) of at most [`MAX_CONFIG_BYTES`], in UTF-8; a byte-order mark is dropped.
fn read_text(path: &FsPath) -> std::io::Result<String> {
    let bytes = crate::fsutil::read_regular(path, MAX_CONFIG_BYTES)?;
    let text =
        String::from_utf8(bytes).map_err(|_| std::io::Error::other("it is not UTF-8 text"))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::keymap::{Key, Layer};

    /// The config, or its problems when it has any.
    fn parse(text: &str) -> Result<Config, ConfigError> {
        match Config::parse(text, FsPath::new("config.yaml"), &Env::default()) {
            (c, None) => Ok(c),
            (_, Some(e)) => Err(e),
        }
    }

    fn headlines(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .diagnostics
            .iter()
            .map(Diagnostic::headline)
            .collect()
    }

    #[test]
    fn empty_and_comment_only_configs_are_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("# nothing\n").unwrap(), Config::default());
        assert_eq!(parse("theme:\nkeys:\n").unwrap(), Config::default());
    }

    #[test]
    fn the_default_text_is_the_defaults() {
        assert_eq!(parse(&default_text()).unwrap(), Config::default());
    }

    #[test]
    fn settings_are_read() {
        let c =
            parse("theme: dark\nmouse: false\ndate_style: iso\npaths: [a.yaml, /abs]\n").unwrap();
        assert_eq!(c.theme, ThemeChoice::Dark);
        assert!(!c.mouse);
        assert_eq!(c.date_style, DateStyle::Iso);
        assert_eq!(c.paths, [PathBuf::from("a.yaml"), PathBuf::from("/abs")]);
    }

    #[test]
    fn paths_resolve_against_home_and_the_config_folder() {
        let env = Env {
            home: Some("/home/u".into()),
            ..Env::default()
        };
        let c = Config::parse(
            "paths: [~/t, case.yaml, \"~\"]\n",
            FsPath::new("/etc/tlx/config.yaml"),
            &env,
        )
        .0;
        assert_eq!(
            c.paths,
            [
                PathBuf::from("/home/u/t"),
                PathBuf::from("/etc/tlx/case.yaml"),
                PathBuf::from("/home/u")
            ]
        );
    }

    #[test]
    fn problems_have_lines_columns_and_suggestions() {
        assert_eq!(
            headlines("them: dark\nmouse: yes\ndate_style: ISO\n"),
            [
                "config.yaml:1:1: error: unknown key 'them' in the config (did you mean 'theme'?)",
                "config.yaml:2:8: error: mouse: expected true or false, found a string",
                "config.yaml:3:13: error: unknown date_style 'ISO' (did you mean 'iso'?)",
            ]
        );
        assert_eq!(
            headlines("theme: [dark]\npaths: x.yaml\n"),
            [
                "config.yaml:1:8: error: theme: expected auto, light, dark or mono, found a list",
                "config.yaml:2:8: error: paths: expected a list of paths, found a string",
            ]
        );
        assert_eq!(
            headlines("keys:\n  main:\n    x: mark\n    x: quit\n  mian:\n    y: up\n"),
            [
                "config.yaml:4:5: error: key 'x' is bound twice in screen 'main'",
                "config.yaml:5:3: error: unknown screen 'mian' (did you mean 'main'?)",
            ]
        );
        assert_eq!(
            headlines("theme: dark\ntheme: light\n"),
            ["config.yaml:2:1: error: key 'theme' is given twice in the config"]
        );
    }

    #[test]
    fn a_bad_value_drops_only_itself() {
        let text = "theme: drak\nmouse: false\ndate_style: iso\npaths: [a.yaml, {a: 1}]\nkeys:\n  main:\n    x: mrak\n    y: mark\n";
        let (c, e) = Config::parse(text, FsPath::new("config.yaml"), &Env::default());
        let e = e.expect("problems");
        assert!(!e.whole);
        assert_eq!(e.diagnostics.len(), 3, "{e:?}");
        assert_eq!(c.theme, ThemeChoice::Auto, "the bad theme is the default");
        assert!(!c.mouse);
        assert_eq!(c.date_style, DateStyle::Iso);
        assert_eq!(c.paths, [PathBuf::from("a.yaml")]);
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keymap.resolve(Layer::Main, key("y")), Some(Action::Mark));
        assert_eq!(c.keymap.resolve(Layer::Main, key("x")), None);
        // A config that does not parse is not used at all.
        let (c, e) = Config::parse(
            "mouse: false\ntheme: [dark\n",
            FsPath::new("c"),
            &Env::default(),
        );
        assert!(e.unwrap().whole);
        assert_eq!(c, Config::default());
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let h = headlines("theme: [dark\nmouse: true\n");
        assert_eq!(h.len(), 1);
        assert!(h[0].starts_with("config.yaml:"), "{h:?}");
        assert!(h[0].contains("error: invalid YAML"), "{h:?}");
    }

    #[test]
    fn key_patches_change_one_key_keep_the_rest_and_can_unbind() {
        let c = parse("keys:\n  main:\n    x: mark\n    q: none\n").unwrap();
        let key = |s| Key::parse(s).unwrap();
        assert_eq!(c.keymap.resolve(Layer::Main, key("x")), Some(Action::Mark));
        assert_eq!(c.keymap.resolve(Layer::Main, key("q")), None);
        assert_eq!(
            c.keymap.resolve(Layer::Main, key("space")),
            Some(Action::Mark)
        );
        assert_eq!(c.keymap.resolve(Layer::Event, key("q")), Some(Action::Back));
    }

    #[test]
    fn the_config_is_found_in_order() {
        let env = Env {
            tlx_config: Some("/env/c.yaml".into()),
            xdg_config_home: Some("/xdg".into()),
            home: Some("/home/u".into()),
        };
        let flag = FsPath::new("/flag/c.yaml");
        assert_eq!(locate(Some(flag), &env).unwrap().path, flag);
        assert_eq!(locate(Some(flag), &env).unwrap().origin, Origin::Flag);
        assert_eq!(locate(None, &env).unwrap().origin, Origin::EnvVar);
        let env = Env {
            tlx_config: None,
            ..env
        };
        assert_eq!(
            locate(None, &env).unwrap().path,
            PathBuf::from("/xdg/tlx/config.yaml")
        );
        // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
        let env = Env {
            xdg_config_home: Some("rel".into()),
            ..env
        };
        assert_eq!(
            locate(None, &env).unwrap().path,
            PathBuf::from("/home/u/.config/tlx/config.yaml")
        );
        assert_eq!(locate(None, &Env::default()), None);
    }
}
