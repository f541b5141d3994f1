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
//! The file is read like a timeline (every problem at once, each with its line and column),
//! and it is all or nothing: a config with a problem is not used. The explorer then starts
//! with the defaults and says so in its status line; other commands warn on stderr and go on
//! with the defaults ([`Config::load_or_warn`]). `tlx generate config` prints
//! [`default_text`], the defaults with every key explained (`docs/config.md`).

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path as FsPath, PathBuf};

use serde::de::MapAccess;

use crate::cli::Global;
use crate::model::DateStyle;
use crate::model::diag::{At, Diagnostic, Kind, Path};
use crate::model::load::{LoadOptions, parse_options};
use crate::model::locate::{Locator, line_text};
use crate::model::raw::{Accept, Extra, Fields, Found, Lenient, List, Text, set_field};
use crate::suggest::did_you_mean;
use crate::tui::action::Action;
use crate::tui::keymap::{DEFAULT_KEYMAP, Keymap, RawKeymap, UNBIND};
use crate::tui::theme::ThemeChoice;

/// The commented template of the default config; [`default_text`] appends the default key
/// bindings, commented out.
const TEMPLATE: &str = include_str!("../assets/config.yaml");

/// A config file larger than this is refused unread (a config is a few lines).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The config keys, in the order `tlx generate config` writes them.
pub const KEYS: &[&str] = &["theme", "mouse", "date_style", "paths", "keys"];

/// The settings a config file gives. `Config::default()` is what tlx does without one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// `theme:` auto, light, dark or mono (colour being off always means mono).
    pub theme: ThemeChoice,
    /// `mouse:` whether the explorer captures the mouse.
    pub mouse: bool,
    /// `date_style:` text (`20 Jun 2024`) or iso (as written, `2024-06-20`).
    pub date_style: DateStyle,
    /// `paths:` timeline files and folders for commands given none (empty: the embedded
    /// timeline), resolved: `~` expanded, relative paths joined to the config's folder.
    pub paths: Vec<PathBuf>,
    /// The embedded key bindings with the config's `keys:` patches applied.
    pub keymap: Keymap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeChoice::Auto,
            mouse: true,
            date_style: DateStyle::Text,
            paths: Vec::new(),
            keymap: Keymap::defaults(),
        }
    }
}

/// The parts of the process environment the config depends on, read once; tests build
/// their own. Empty variables count as unset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Env {
    /// `$TLX_CONFIG`.
    pub tlx_config: Option<PathBuf>,
    /// `$XDG_CONFIG_HOME`.
    pub xdg_config_home: Option<PathBuf>,
    /// `$HOME`: for `~/.config` and for `~` in `paths:`.
    pub home: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |name: &str| {
            std::env::var_os(name)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        Env {
            tlx_config: var("TLX_CONFIG"),
            xdg_config_home: var("XDG_CONFIG_HOME"),
            home: var("HOME").or_else(std::env::home_dir),
        }
    }
}

/// What named the config file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `--config PATH`.
    Flag,
    /// `$TLX_CONFIG`.
    EnvVar,
    /// The usual place under `$XDG_CONFIG_HOME` or `~/.config`.
    Default,
}

/// The config file to read, and what named it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub origin: Origin,
}

/// Where the config is: `--config`, else `$TLX_CONFIG`, else `$XDG_CONFIG_HOME/tlx/config.yaml`
/// (when that variable is an absolute path), else `~/.config/tlx/config.yaml`. `None` when
/// no home is known either.
pub fn locate(flag: Option<&FsPath>, env: &Env) -> Option<ConfigFile> {
    if let Some(p) = flag.filter(|p| !p.as_os_str().is_empty()) {
        return Some(ConfigFile {
            path: p.to_path_buf(),
            origin: Origin::Flag,
        });
    }
    if let Some(p) = &env.tlx_config {
        return Some(ConfigFile {
            path: p.clone(),
            origin: Origin::EnvVar,
        });
    }
    let base = match &env.xdg_config_home {
        Some(x) if x.is_absolute() => x.clone(),
        _ => env.home.as_ref()?.join(".config"),
    };
    Some(ConfigFile {
        path: base.join("tlx").join("config.yaml"),
        origin: Origin::Default,
    })
}

/// A config that was not used: every problem, each with its file, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl ConfigError {
    /// Every problem in full: headline, the line with a caret, hints.
    pub fn render(&self, color: bool) -> String {
        self.diagnostics.iter().map(|d| d.render(color)).collect()
    }

    /// One line for a status bar: the first problem, how many more, and what tlx did.
    pub fn summary(&self) -> String {
        let first = self
            .diagnostics
            .first()
            .map(Diagnostic::headline)
            .unwrap_or_else(|| format!("{}: error: the config is invalid", self.file.display()));
        let more = match self.diagnostics.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        crate::text::sanitize(&format!(
            "{first}{more}; the config was not used: started with the defaults"
        ))
        .into_owned()
    }

    /// What a command other than the explorer prints to stderr: the problems as warnings,
    /// then what it does about them.
    pub fn warning(&self, color: bool) -> String {
        let mut out: String = self
            .diagnostics
            .iter()
            .map(|d| {
                let mut d = d.clone();
                d.severity = crate::model::Severity::Warning;
                d.render(color)
            })
            .collect();
        out.push_str("tlx: the config was not used: continuing with the defaults\n");
        out
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.diagnostics.iter().map(Diagnostic::headline).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Reads the config named by `--config` (`flag`), `$TLX_CONFIG` or the usual place (see
    /// [`locate`]). No file at the usual place means the defaults; a file named by the flag
    /// or the variable must exist.
    pub fn load(flag: Option<&FsPath>, env: &Env) -> Result<Config, ConfigError> {
        let Some(file) = locate(flag, env) else {
            return Ok(Config::default());
        };
        match read_text(&file.path) {
            Ok(text) => Config::parse(&text, &file.path, env),
            Err(e)
                if e.kind() == std::io::ErrorKind::NotFound && file.origin == Origin::Default =>
            {
                Ok(Config::default())
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
                Err(ConfigError {
                    file: file.path,
                    diagnostics: vec![d],
                })
            }
        }
    }

    /// For commands other than the explorer: the config, or the defaults after a warning
    /// on stderr when it has a problem. Read it only when it is needed (no PATHS given),
    /// so a command that does not use it never warns about it.
    pub fn load_or_warn(global: &Global) -> Config {
        match Config::load(global.config.as_deref(), &Env::from_process()) {
            Ok(c) => c,
            Err(e) => {
                let color =
                    crate::commands::use_color(global.color, std::io::stderr().is_terminal());
                eprint!("{}", e.warning(color));
                Config::default()
            }
        }
    }

    /// Parses a config's text; `file` names it in messages and anchors relative `paths:`.
    /// Every problem is reported; a config with any problem is refused as a whole.
    pub fn parse(text: &str, file: &FsPath, env: &Env) -> Result<Config, ConfigError> {
        let mut cx = Cx {
            text,
            file,
            problems: Vec::new(),
        };
        let opts = parse_options(text.len(), &LoadOptions::default());
        let raw: Lenient<RawConfig> = match serde_saphyr::from_str_with_options(text, opts) {
            Ok(r) => r,
            Err(e) => {
                return Err(ConfigError {
                    file: file.to_path_buf(),
                    diagnostics: vec![cx.syntax(&e)],
                });
            }
        };
        let mut config = Config::default();
        let raw = match raw {
            Lenient::Ok(r) => r,
            // An empty file, or only comments: the defaults.
            Lenient::Wrong(Found::Null) => return Ok(config),
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
                return Err(cx.finish());
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
        match raw.keys {
            None | Some(Lenient::Wrong(Found::Null)) => {}
            Some(Lenient::Wrong(found)) => cx.problem(
                Kind::WrongType,
                root.key("keys"),
                format!(
                    "keys: expected a mapping of screens to `key: action` bindings, found {}",
                    found.describe()
                ),
                Some("help: write `keys:` then `  main:` then `    x: mark`".into()),
            ),
            Some(Lenient::Ok(keys)) => {
                for e in config.keymap.patch(keys, &root.key("keys")) {
                    let kind = if e.message.contains("bound twice") {
                        Kind::RepeatedKey
                    } else if e.message.starts_with("unknown screen") {
                        Kind::UnknownField
                    } else {
                        Kind::BadValue
                    };
                    let note = e.message.starts_with("unknown action").then(|| {
                        format!(
                            "help: actions are listed by `tlx generate config`; `{UNBIND}` removes a binding"
                        )
                    });
                    cx.problem(kind, e.path, e.message, note);
                }
            }
        }
        if cx.problems.is_empty() {
            Ok(config)
        } else {
            Err(cx.finish())
        }
    }
}

/// Reads a config file's text, refusing one too large to be a config.
fn read_text(path: &FsPath) -> std::io::Result<String> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(std::io::Error::other("it is a folder, not a file"));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other(format!(
            "it is {} bytes, over the limit of {MAX_CONFIG_BYTES} for a config",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path)?;
    let text =
        String::from_utf8(bytes).map_err(|_| std::io::Error::other("it is not UTF-8 text"))?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// `~` and `~/x` against the home folder; a relative path against the config's folder.
fn resolve_path(s: &str, base: &FsPath, env: &Env) -> PathBuf {
    let home_rel = if s == "~" {
        Some("")
    } else {
        s.strip_prefix("~/")
    };
    if let (Some(rest), Some(home)) = (home_rel, &env.home) {
        return home.join(rest);
    }
    let p = PathBuf::from(s);
    if p.is_absolute() { p } else { base.join(p) }
}

/// The default config, every key explained: the template, then the default key bindings
/// commented out (uncomment a line to change it). `tlx generate config` prints this.
pub fn default_text() -> String {
    let mut out = TEMPLATE.to_string();
    let actions: Vec<&str> = Action::ALL
        .iter()
        .map(|a| a.name())
        .chain([UNBIND])
        .collect();
    out.push_str("#\n# Actions:");
    let mut width = 10;
    for (i, a) in actions.iter().enumerate() {
        let sep = if i + 1 < actions.len() { "," } else { "." };
        if width + a.len() + 2 > 90 {
            out.push_str("\n#  ");
            width = 3;
        }
        out.push(' ');
        out.push_str(a);
        out.push_str(sep);
        width += a.len() + 2;
    }
    out.push_str(
        "\n#\n# The defaults follow, commented out: uncomment a screen and a line, and change it.\nkeys:\n",
    );
    // The embedded keymap without its header comment, commented out under `keys:`.
    let body = DEFAULT_KEYMAP
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty());
    for line in body {
        if line.trim().is_empty() {
            out.push_str("#\n");
        } else {
            out.push_str("#   ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Problems found while reading one config, located at the end.
struct Cx<'a> {
    text: &'a str,
    file: &'a FsPath,
    problems: Vec<(Kind, Path, String, Option<String>)>,
}

impl Cx<'_> {
    fn problem(&mut self, kind: Kind, path: Path, message: String, note: Option<String>) {
        self.problems.push((kind, path, message, note));
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: Found) {
        self.problem(
            Kind::WrongType,
            Path::root().key(key),
            format!("{key}: expected {expected}, found {}", found.describe()),
            None,
        );
    }

    /// A text field's value, or `None` (absent, null, or a wrong type, which is reported).
    fn text_field(
        &mut self,
        v: Option<Lenient<Text>>,
        key: &str,
        expected: &str,
    ) -> Option<String> {
        match v {
            None | Some(Lenient::Wrong(Found::Null)) => None,
            Some(Lenient::Ok(t)) => Some(t.value),
            Some(Lenient::Wrong(found)) => {
                self.wrong_type(key, expected, found);
                None
            }
        }
    }

    fn bad_keyword(&mut self, key: &str, value: &str, expected: &[&str]) {
        self.problem(
            Kind::BadValue,
            Path::root().key(key),
            format!(
                "unknown {key} '{value}'{}",
                did_you_mean(value, expected.iter().copied())
            ),
            Some(format!("help: expected one of: {}", expected.join(", "))),
        );
    }

    fn extra(&mut self, extra: &Extra) {
        let mut counts = std::collections::HashMap::<&str, usize>::new();
        for k in &extra.unknown {
            let nth = counts.entry(k.as_str()).or_default();
            let path = Path::root().key_name(k, *nth);
            *nth += 1;
            self.problem(
                Kind::UnknownField,
                path,
                format!(
                    "unknown key '{k}' in the config{}",
                    did_you_mean(k, KEYS.iter().copied())
                ),
                Some(format!("help: expected one of: {}", KEYS.join(", "))),
            );
        }
        for k in &extra.repeated {
            self.problem(
                Kind::RepeatedKey,
                Path::root().key_name(k, 1),
                format!("key '{k}' is given twice in the config"),
                None,
            );
        }
    }

    /// A YAML syntax error, at the parser's position.
    fn syntax(&self, err: &serde_saphyr::Error) -> Diagnostic {
        let msg = err.render_with_options(serde_saphyr::render_options! {
            snippets: serde_saphyr::SnippetMode::Off,
        });
        let mut msg = msg.trim().trim_start_matches("error: ").to_string();
        if let Some(i) = msg.find(" at line ") {
            msg.truncate(i);
        }
        let msg = msg.lines().next().unwrap_or("").trim().to_string();
        let loc = err.location().filter(|l| l.line() > 0);
        let at = match loc {
            Some(l) => At::Span {
                input: 0,
                line: l.line() as u32,
                column: l.column() as u32,
                length: 1,
            },
            None => At::File { input: 0 },
        };
        let mut d = Diagnostic::error(Kind::Syntax, at, format!("invalid YAML: {msg}"));
        d.file = Some(self.file.display().to_string());
        d.line_text = loc.and_then(|l| line_text(self.text, l.line() as u32).map(String::from));
        d
    }

    /// Every problem with its line and column, in file order.
    fn finish(self) -> ConfigError {
        let opts = parse_options(self.text.len(), &LoadOptions::default());
        let locator = Locator::new(self.text, opts);
        let name = self.file.display().to_string();
        let mut diagnostics: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .map(|(kind, path, message, note)| {
                let (at, line) = match locator.locate(&path) {
                    Some(p) => (
                        At::Span {
                            input: 0,
                            line: p.line,
                            column: p.column,
                            length: p.length.max(1),
                        },
                        locator.line_text(p.line).map(String::from),
                    ),
                    None => (At::File { input: 0 }, None),
                };
                let mut d = Diagnostic::error(kind, at, message);
                d.file = Some(name.clone());
                d.line_text = line;
                d.notes.extend(note);
                d
            })
            .collect();
        diagnostics.sort_by_key(|d| match d.at {
            At::Span { line, column, .. } => (line, column),
            _ => (0, 0),
        });
        ConfigError {
            file: self.file.to_path_buf(),
            diagnostics,
        }
    }
}

/// `true` or `false`, nothing else (a quoted "true" is a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Flag(bool);

impl<'de> Accept<'de> for Flag {
    const EXPECTING: &'static str = "true or false";
    fn from_coerced(v: String) -> Option<Self> {
        match v.as_str() {
            "true" => Some(Flag(true)),
            "false" => Some(Flag(false)),
            _ => None,
        }
    }
}

/// The config file as YAML wrote it, read leniently so every problem is found.
#[derive(Debug, Default)]
struct RawConfig {
    theme: Option<Lenient<Text>>,
    mouse: Option<Lenient<Flag>>,
    date_style: Option<Lenient<Text>>,
    paths: Option<Lenient<List<Lenient<Text>>>>,
    keys: Option<Lenient<RawKeymap>>,
    extra: Extra,
}

impl<'de> Fields<'de> for RawConfig {
    const NAMES: &'static [&'static str] = KEYS;
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        let extra = &mut self.extra;
        match key {
            "theme" => set_field(&mut self.theme, extra, key, map)?,
            "mouse" => set_field(&mut self.mouse, extra, key, map)?,
            "date_style" => set_field(&mut self.date_style, extra, key, map)?,
            "paths" => set_field(&mut self.paths, extra, key, map)?,
            "keys" => set_field(&mut self.keys, extra, key, map)?,
            _ => return Ok(false),
        }
        Ok(true)
    }
    fn extra_mut(&mut self) -> &mut Extra {
        &mut self.extra
    }
}

impl<'de> Accept<'de> for RawConfig {
    const EXPECTING: &'static str = "a config mapping";
    fn from_map<A: MapAccess<'de>>(a: A) -> Result<Option<Self>, A::Error> {
        <Self as Fields>::fill(a).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Key, Layer};

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, FsPath::new("config.yaml"), &Env::default())
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
        .unwrap();
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
