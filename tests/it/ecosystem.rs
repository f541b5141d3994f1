//! Fitting the ecosystem: shell completions, the man page, the config file (with key
//! binding patches) and the JSON Schema of the format.

use std::path::{Path, PathBuf};

use tlx::cli::{ColorChoice, Global};
use tlx::config::{Config, ConfigError, Env, KEYS, default_text};
use tlx::model::load::parse_options;
use tlx::model::{DateStyle, LoadOptions, load_paths};
use tlx::tui::action::Action;
use tlx::tui::keymap::{Key, Keymap, Layer};
use tlx::tui::theme::{ThemeChoice, ThemeName};

use crate::util::{stderr, stdout, tlx};

// ---------------------------------------------------------------------------------------
// Completions and the man page

#[test]
fn completions_for_every_shell_are_non_empty() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = tlx()
            .args(["generate", "completions", shell])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.len() > 1000, "{shell}: {} bytes", script.len());
        // Every subcommand is completed.
        for sub in ["list", "show", "validate", "export", "generate"] {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
    }
}

#[test]
fn bash_accepts_the_completion_script() {
    let o = tlx()
        .args(["generate", "completions", "bash"])
        .output()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tlx.bash");
    std::fs::write(&file, &o.stdout).unwrap();
    let check = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .output()
        .expect("bash is installed");
    assert!(
        check.status.success(),
        "bash -n: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let o = tlx()
        .args(["generate", "completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("possible values"), "{}", stderr(&o));
}

#[test]
fn the_man_page_has_a_title_and_the_config_sections() {
    let o = tlx().args(["generate", "man"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH "))
        .expect("a .TH header");
    assert!(th.starts_with(".TH tlx 1"), "{th}");
    for section in [
        ".SH NAME",
        ".SH SYNOPSIS",
        ".SH OPTIONS",
        ".SH SUBCOMMANDS",
        ".SH ENVIRONMENT",
        ".SH FILES",
    ] {
        assert!(page.contains(section), "no {section}");
    }
    assert!(page.contains("TLX_CONFIG"));
    // ENVIRONMENT and FILES come before VERSION, as man pages order them.
    if let Some(v) = page.find(".SH VERSION") {
        assert!(page.find(".SH FILES").unwrap() < v);
    }
}

// ---------------------------------------------------------------------------------------
// The config file

fn parse(text: &str) -> Result<Config, ConfigError> {
    crate::util::checked(Config::parse(
        text,
        Path::new("config.yaml"),
        &Env::default(),
    ))
}

fn headlines(e: &ConfigError) -> Vec<String> {
    e.diagnostics.iter().map(|d| d.headline()).collect()
}

/// A config file in a fresh folder.
fn config_file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn global(config: Option<PathBuf>) -> Global {
    Global {
        workspace: None,
        tz: None,
        no_workspace: false,
        color: ColorChoice::Auto,
        stats: false,
        max_file_size: 256 << 20,
        no_cache: false,
        config,
        max_expansion: 4,
    }
}

fn key(s: &str) -> Key {
    Key::parse(s).unwrap()
}

#[test]
fn generate_config_prints_the_defaults_with_every_key_commented() {
    let o = tlx().args(["generate", "config"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert_eq!(text, default_text());
    assert_eq!(parse(&text).unwrap(), Config::default());
    let lines: Vec<&str> = text.lines().collect();
    for k in KEYS {
        let i = lines
            .iter()
            .position(|l| l.starts_with(&format!("{k}:")))
            .unwrap_or_else(|| panic!("no `{k}:` line"));
        assert!(
            i > 0 && lines[i - 1].starts_with("# "),
            "`{k}:` has no comment above it"
        );
    }
    // The default bindings are listed, commented out, ready to uncomment.
    assert!(text.contains("\n#     j: down\n"));
    let uncommented = text.replace("#   main:\n#     j: down\n", "  main:\n    j: up\n");
    let c = parse(&uncommented).unwrap();
    assert_eq!(c.keymap.resolve(Layer::Main, key("j")), Some(Action::Up));
    // Every action is named.
    for a in Action::ALL {
        assert!(text.contains(a.name()), "{} is not listed", a.name());
    }
}

#[test]
fn the_config_is_found_by_flag_then_tlx_config_then_xdg() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let flag = config_file(d, "flag.yaml", "theme: light\n");
    let var = config_file(d, "var.yaml", "theme: dark\n");
    config_file(d, "xdg/tlx/config.yaml", "theme: mono\n");
    config_file(d, "home/.config/tlx/config.yaml", "date_style: iso\n");
    let env = Env {
        tlx_config: Some(var.clone()),
        xdg_config_home: Some(d.join("xdg")),
        home: Some(d.join("home")),
    };
    let theme = |flag: Option<&Path>, env: &Env| {
        crate::util::checked(Config::load(flag, env)).unwrap().theme
    };
    assert_eq!(theme(Some(&flag), &env), ThemeChoice::Light);
    assert_eq!(theme(None, &env), ThemeChoice::Dark);
    let env = Env {
        tlx_config: None,
        ..env
    };
    assert_eq!(theme(None, &env), ThemeChoice::Mono);
    let env = Env {
        xdg_config_home: None,
        ..env
    };
    let c = crate::util::checked(Config::load(None, &env)).unwrap();
    assert_eq!(c.date_style, DateStyle::Iso);
    // No file at the usual place: the defaults, silently.
    let env = Env {
        home: Some(d.join("nobody")),
        ..env
    };
    assert_eq!(
        crate::util::checked(Config::load(None, &env)).unwrap(),
        Config::default()
    );
}

#[test]
fn a_named_config_that_is_missing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let e = crate::util::checked(Config::load(Some(&missing), &Env::default())).unwrap_err();
    let h = headlines(&e);
    assert_eq!(h.len(), 1);
    assert!(
        h[0].starts_with(&format!(
            "{}: error: cannot read the config file",
            missing.display()
        )),
        "{h:?}"
    );
    assert!(e.render(false).contains("named by --config"));
    let env = Env {
        tlx_config: Some(missing),
        ..Env::default()
    };
    let e = crate::util::checked(Config::load(None, &env)).unwrap_err();
    assert!(e.render(false).contains("named by TLX_CONFIG"));
}

#[test]
fn theme_mouse_date_style_and_paths_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "config.yaml",
        "theme: dark\nmouse: false\ndate_style: iso\npaths: [cases, /srv/timelines]\n",
    );
    let c = crate::util::checked(Config::load(Some(&file), &Env::default())).unwrap();
    assert_eq!(c.theme, ThemeChoice::Dark);
    assert!(!c.mouse);
    assert_eq!(c.date_style, DateStyle::Iso);
    assert_eq!(
        c.paths,
        [dir.path().join("cases"), PathBuf::from("/srv/timelines")]
    );
    assert_eq!(c.keymap, Keymap::defaults());
}

#[test]
fn a_key_patch_changes_one_key_and_keeps_the_rest() {
    let c = parse("keys:\n  main:\n    x: mark\n    j: up\n  event:\n    q: none\n").unwrap();
    let km = &c.keymap;
    assert_eq!(km.resolve(Layer::Main, key("x")), Some(Action::Mark));
    assert_eq!(km.resolve(Layer::Main, key("j")), Some(Action::Up));
    // The rest is untouched.
    assert_eq!(km.resolve(Layer::Main, key("space")), Some(Action::Mark));
    assert_eq!(km.resolve(Layer::Main, key("k")), Some(Action::Up));
    assert_eq!(km.resolve(Layer::Main, key("down")), Some(Action::Down));
    assert_eq!(km.resolve(Layer::Event, key("esc")), Some(Action::Back));
    // `none` removes a binding.
    assert_eq!(km.resolve(Layer::Event, key("q")), None);
    // The help screen follows the patched bindings.
    let rows = km.help_rows(Layer::Main);
    assert!(
        rows.contains(&("j k ↑".to_string(), Action::Up.help())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("↓".to_string(), Action::Down.help())),
        "{rows:?}"
    );
}

#[test]
fn a_key_bound_twice_in_a_screen_is_reported_with_its_line() {
    let text = "theme: auto\nkeys:\n  main:\n    x: mark\n    x: quit\n";
    let e = parse(text).unwrap_err();
    assert_eq!(
        headlines(&e),
        ["config.yaml:5:5: error: key 'x' is bound twice in screen 'main'"]
    );
    // Two spellings of one key are the same key.
    let e = parse("keys:\n  main:\n    ctrl-d: top\n    ctrl-D: bottom\n").unwrap_err();
    assert_eq!(
        headlines(&e),
        ["config.yaml:4:5: error: key 'ctrl-D' is bound twice in screen 'main'"]
    );
}

#[test]
fn unknown_keys_screens_and_actions_get_suggestions() {
    let e =
        parse("them: dark\nkeys:\n  main:\n    x: mrak\n  serch:\n    a: accept\n").unwrap_err();
    assert_eq!(
        headlines(&e),
        [
            "config.yaml:1:1: error: unknown key 'them' in the config (did you mean 'theme'?)",
            "config.yaml:4:8: error: unknown action 'mrak' (did you mean 'mark'?)",
            "config.yaml:5:3: error: unknown screen 'serch' (did you mean 'search'?)",
        ]
    );
    insta::assert_snapshot!(e.render(false));
}

#[test]
fn wrong_types_and_values_name_the_path() {
    let e = parse(
        "theme: drak\nmouse: \"yes\"\ndate_style: [iso]\npaths:\n  - ok.yaml\n  - {a: 1}\nkeys:\n  main: [x]\n  event:\n    hyper-x: back\n",
    )
    .unwrap_err();
    assert_eq!(
        headlines(&e),
        [
            "config.yaml:1:8: error: unknown theme 'drak' (did you mean 'dark'?)",
            "config.yaml:2:8: error: mouse: expected true or false, found a string",
            "config.yaml:3:13: error: date_style: expected text or iso, found a list",
            "config.yaml:6:5: error: paths[1]: expected a path (a string), found a mapping",
            "config.yaml:8:9: error: screen 'main': expected a mapping of keys to actions, found a list",
            "config.yaml:10:5: error: unknown key 'hyper-x'",
        ]
    );
}

#[test]
fn a_bad_config_value_in_the_explorer_drops_itself_with_a_notice_and_the_problem_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "config.yaml",
        "theme: dark\npaths: [mine.yaml]\nkeys:\n  main:\n    x: mark\n    x: quit\n    y: mrak\n",
    );
    let (settings, paths) =
        tlx::tui::settings_from(&global(Some(file.clone())), &Env::default(), true);
    let notice = settings.startup_notice.expect("a notice");
    assert!(
        notice.starts_with(&format!(
            "{}:6:5: warning: key 'x' is bound twice in screen 'main'",
            file.display()
        )),
        "{notice}"
    );
    assert!(
        notice.ends_with("(and 1 more); those values were not used, the rest of the config was (D shows the problems)"),
        "{notice}"
    );
    // The rest of the config is used.
    assert_eq!(settings.theme.name, ThemeName::Dark);
    assert_eq!(paths, [dir.path().join("mine.yaml")]);
    assert_eq!(
        settings.keymap.resolve(Layer::Main, key("y")),
        Keymap::defaults().resolve(Layer::Main, key("y"))
    );
    // The problems in full, for the problems window: the line and its caret.
    let lines = &settings.config_problems;
    assert!(lines[0].ends_with("those values were not used, the rest of the config was; it is read again when tlx starts."), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(":7:8: warning: unknown action 'mrak' (did you mean 'mark'?)")),
        "{lines:#?}"
    );
    assert!(
        lines.iter().any(|l| l.trim_end() == "7 |     y: mrak"),
        "{lines:#?}"
    );
    // A config that does not parse is not used at all.
    let broken = config_file(dir.path(), "broken.yaml", "theme: dark\nmouse: [false\n");
    let (settings, paths) = tlx::tui::settings_from(&global(Some(broken)), &Env::default(), true);
    assert!(
        settings
            .startup_notice
            .unwrap()
            .ends_with("the config was not used: started with the defaults (D shows the problems)")
    );
    assert_eq!(settings.theme.name, ThemeName::Ansi);
    assert!(paths.is_empty());
    assert!(
        settings.config_problems[1].contains(": warning: invalid YAML"),
        "{:#?}",
        settings.config_problems
    );
}

#[test]
fn a_good_config_sets_up_the_explorer_and_no_colour_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "config.yaml",
        "theme: light\nmouse: false\ndate_style: iso\npaths: [mine.yaml]\nkeys:\n  main:\n    x: quit\n",
    );
    let g = global(Some(file));
    let (settings, paths) = tlx::tui::settings_from(&g, &Env::default(), true);
    assert_eq!(settings.startup_notice, None);
    assert_eq!(settings.theme.name, ThemeName::Light);
    assert!(!settings.mouse);
    assert_eq!(settings.date_style, DateStyle::Iso);
    assert_eq!(
        settings.keymap.resolve(Layer::Main, key("x")),
        Some(Action::Quit)
    );
    assert_eq!(paths, [dir.path().join("mine.yaml")]);
    // NO_COLOR or --color never: mono, whatever the config asks.
    let (settings, _) = tlx::tui::settings_from(&g, &Env::default(), false);
    assert_eq!(settings.theme.name, ThemeName::Mono);
    // Without a config: the defaults, no notice.
    let (settings, paths) = tlx::tui::settings_from(&global(None), &Env::default(), true);
    assert_eq!(settings.startup_notice, None);
    assert_eq!(settings.theme.name, ThemeName::Ansi);
    assert!(paths.is_empty());
}

/// Issue 17: one bad value of the config drops that value, not the config: `paths:` is
/// still used, and the problem is on stderr at its line and column.
#[test]
fn a_bad_config_value_on_the_command_line_drops_only_itself() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::canonicalize("tests/fixtures/sample.yaml").unwrap();
    let file = config_file(
        dir.path(),
        "config.yaml",
        &format!("mouse: maybe\npaths: [{}]\n", sample.display()),
    );
    let o = crate::util::tlx()
        .args(["list", "--format", "ids", "--config"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = crate::util::stdout(&o);
    assert!(
        out.starts_with("treaty-berlin\n"),
        "the config's paths are used: {out}"
    );
    let err = crate::util::stderr(&o);
    assert!(
        err.starts_with(&format!(
            "{}:1:8: warning: mouse: expected true or false, found a string\n",
            file.display()
        )),
        "{err}"
    );
    assert!(
        err.ends_with(
            "tlx: the config's values with problems were not used: continuing with the rest\n"
        ),
        "{err}"
    );
}

#[test]
fn other_commands_warn_about_a_bad_config_and_go_on() {
    let e = parse("theme: drak\n").unwrap_err();
    let w = e.warning(false);
    assert!(
        w.starts_with("config.yaml:1:8: warning: unknown theme 'drak' (did you mean 'dark'?)"),
        "{w}"
    );
    assert!(w.ends_with(
        "tlx: the config's values with problems were not used: continuing with the rest\n"
    ));
    let (_, e) = Config::parse("theme: [dark\n", Path::new("c.yaml"), &Env::default());
    assert!(
        e.unwrap()
            .warning(false)
            .ends_with("tlx: the config was not used: continuing with the defaults\n")
    );
}

/// Loads the config at `path` in another thread, failing the test if that does not finish
/// within a minute (a read that waits for ever on a pipe nobody writes to).
fn load_config_guarded(path: &Path) -> Result<Config, ConfigError> {
    let path = path.to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(crate::util::checked(Config::load(
            Some(&path),
            &Env::default(),
        )));
    });
    rx.recv_timeout(std::time::Duration::from_secs(60))
        .expect("reading the config did not finish")
}

#[cfg(unix)]
#[test]
fn issue_21_4_a_named_pipe_or_a_device_at_the_config_path_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let pipe = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let h = headlines(&load_config_guarded(&pipe).unwrap_err());
    assert_eq!(
        h,
        [format!(
            "{}: error: cannot read the config file: it is a named pipe, not a regular file",
            pipe.display()
        )]
    );
    // A link to an endless device is followed and refused before a byte is read.
    let zero = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let h = headlines(&load_config_guarded(&zero).unwrap_err());
    assert_eq!(
        h,
        [format!(
            "{}: error: cannot read the config file: it is a character device, not a regular file",
            zero.display()
        )]
    );
    // A regular file over the limit is refused unread, and a folder is no file.
    let big = config_file(dir.path(), "big.yaml", &"# x\n".repeat(300_000));
    let h = headlines(&load_config_guarded(&big).unwrap_err());
    assert_eq!(
        h,
        [format!(
            "{}: error: cannot read the config file: it is 1200000 bytes, over the limit of 1048576 bytes",
            big.display()
        )]
    );
    let h = headlines(&load_config_guarded(dir.path()).unwrap_err());
    assert!(h[0].ends_with("it is a folder, not a file"), "{h:?}");
    // A command that reads the config (it is given no timeline) warns, and goes on with
    // the defaults: the embedded timeline.
    let o = tlx()
        .arg("--config")
        .arg(&pipe)
        .args(["list", "--format", "ids"])
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: cannot read the config file: it is a named pipe"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn issue_21_10_a_config_that_breaks_a_parser_budget_is_told_so_in_words() {
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    let e = parse(bomb).unwrap_err();
    let h = headlines(&e);
    assert_eq!(h.len(), 1, "{h:?}");
    assert!(
        h[0].starts_with("config.yaml:4:")
            && h[0].contains("error: the config expands past the parser's event budget (")
            && h[0].ends_with(
                "-byte config): YAML aliases (*name) repeating anchors (&name) are the usual cause"
            ),
        "{h:?}"
    );
    assert_eq!(
        e.diagnostics[0].notes,
        ["help: a config needs no aliases (*name): write the values out"]
    );
    let e = parse("theme: dark\n---\ntheme: light\n").unwrap_err();
    assert_eq!(
        headlines(&e),
        [
            "config.yaml:2:1: error: the config holds more than one YAML document (`---`): a config is one document"
        ]
    );
    // No parser's debug text in any of it.
    for text in [bomb, "theme: dark\n---\ntheme: light\n"] {
        let shown = parse(text).unwrap_err().render(false);
        assert!(
            !shown.contains("budget breached") && !shown.contains(" { "),
            "{shown}"
        );
    }
}

#[test]
fn issue_21_10_a_key_that_is_not_text_is_reported_at_that_key_once() {
    let e = parse("keys:\n  main:\n    x: mark\n    null: mark\n").unwrap_err();
    assert_eq!(
        headlines(&e),
        [
            "config.yaml:4:5: error: screen 'main': expected a key (such as `x` or `ctrl-c`), found null"
        ]
    );
    let e = parse(
        "keys:\n  main:\n    x: mark\n    ~: quit\n  event:\n    [a, b]: back\n  ? [s]\n  : {x: up}\n",
    )
    .unwrap_err();
    assert_eq!(
        headlines(&e),
        [
            "config.yaml:4:5: error: screen 'main': expected a key (such as `x` or `ctrl-c`), found null",
            "config.yaml:6:5: error: screen 'event': expected a key (such as `x` or `ctrl-c`), found a list",
            "config.yaml:7:5: error: keys: expected a screen name, found a list",
        ]
    );
}

// ---------------------------------------------------------------------------------------
// The JSON Schema

const SCHEMA_FILE: &str = "assets/timeline.schema.json";

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&tlx::schema::schema_json()).unwrap();
    jsonschema::draft7::new(&schema).expect("the schema is valid draft 7")
}

/// A YAML file as an editor's YAML language server hands it to the schema (plain scalars
/// that look like numbers are numbers; `2024-06-20` stays a string).
fn yaml_to_json(text: &str) -> serde_json::Value {
    serde_saphyr::from_str_with_options(text, parse_options(text.len(), &LoadOptions::default()))
        .expect("YAML")
}

/// The schema's complaints about a file, one line each.
fn schema_errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
    let instance = yaml_to_json(text);
    v.iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// Does the loader accept a file on its own?
fn loader_accepts(text: &str) -> bool {
    !tlx::model::load_texts(&[("t.yaml", text)], &LoadOptions::default()).has_errors()
}

#[test]
fn the_committed_schema_is_fresh() {
    let committed = std::fs::read_to_string(SCHEMA_FILE).unwrap_or_default();
    assert!(
        committed == tlx::schema::schema_json(),
        "{SCHEMA_FILE} is stale: run `cargo run -- generate schema > {SCHEMA_FILE}`"
    );
    let o = tlx().args(["generate", "schema"]).output().unwrap();
    assert_eq!(stdout(&o), committed);
}

#[test]
fn the_curated_timeline_passes_the_schema() {
    let v = validator();
    let text = std::fs::read_to_string("events.yaml").unwrap();
    assert_eq!(schema_errors(&v, &text), Vec::<String>::new());
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_the_loader_accepts_passes_the_schema() {
    let v = validator();
    let opts = LoadOptions::default();
    let mut files = Vec::new();
    yaml_files(Path::new("tests/fixtures"), &mut files);
    let mut checked = 0;
    for f in &files {
        // Files meant to load together (a folder of them) count as accepted when the
        // folder loads.
        let alone = !load_paths(std::slice::from_ref(f), &opts).has_errors();
        let together = !load_paths(&[f.parent().unwrap().to_path_buf()], &opts).has_errors();
        if !(alone || together) {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        assert_eq!(
            schema_errors(&v, &text),
            Vec::<String>::new(),
            "{} loads but fails the schema",
            f.display()
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} fixtures were checked");
}

#[test]
fn fixtures_the_loader_rejects_for_fields_and_values_fail_the_schema() {
    let v = validator();
    for name in [
        "unknown-field",
        "bad-value",
        "grade-out-of-range",
        "bad-id",
        "bad-url",
        "wrong-type",
        "missing-field",
        "version",
    ] {
        let path = format!("tests/fixtures/errors/{name}.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!loader_accepts(&text), "{name} loads");
        assert!(
            !schema_errors(&v, &text).is_empty(),
            "{name} passes the schema"
        );
    }
}

#[test]
fn the_schema_and_the_loader_agree_on_single_fields() {
    let v = validator();
    // One event with its `id`, `date` and `title`, then more fields (an event without a
    // source is only a warning).
    let ev = |id: &str, date: &str, title: &str, fields: &str| {
        format!(
            "title: T\nactors:\n  a:\n    name: A\nsources:\n  s:\n    publisher: P\nevents:\n  - id: {id}\n    date: {date}\n    title: {title}\n{fields}"
        )
    };
    let event = |fields: &str| ev("e", "2024-06-20", "E", fields);
    let cases: Vec<(String, bool)> = vec![
        // Accepted by both.
        (event(""), true),
        (event("    end: 2024-06\n"), true),
        (event("    end:\n"), true),
        (event("    summary: 1.50\n"), true),
        (event("    tags: [policy, 2024]\n"), true),
        (event("    confidence: likely\n"), true),
        (
            event(
                "    related: [{id: e2, type: response}]\n  - id: e2\n    date: 2024\n    title: 2\n    sources: [s]\n",
            ),
            true,
        ),
        (event("    actors: [a, {id: a, role: target}]\n"), true),
        (
            event("    sources:\n      - ref: s\n        quote: q\n        credibility: 2\n"),
            true,
        ),
        (
            event(
                "    sources:\n      - publisher: Wire\n        url: https://example.org/x\n        reliability: C\n",
            ),
            true,
        ),
        (ev("e", "2024-06~", "E", ""), true),
        (ev("e", "-0043-03-15%", "E", ""), true),
        (ev("e", "2024", "1.50", ""), true),
        (ev("2024", "2024", "E", ""), true),
        (
            ev("e", "2024-06-20", ">\n      Folded\n      title", ""),
            true,
        ),
        (event("    display_date: >\n      Summer\n"), true),
        ("title: T\nevents: []\n".to_string(), true),
        (ev("e", "2024-06-20T14:30", "E", ""), true),
        (ev("e", "2024-06-20T14:30:05.250Z", "E", ""), true),
        (ev("e", "\"2024-06-20T14:30-04:00?\"", "E", ""), true),
        (event("    timezone: America/New_York\n"), true),
        (
            "title: T\ntimezone: Europe/Berlin\nevents: []\n".to_string(),
            true,
        ),
        // Rejected by both.
        (event("    confidence: likly\n"), false),
        (event("    tags: [Policy]\n"), false),
        (event("    tags: policy\n"), false),
        (event("    sumary: x\n"), false),
        (event("    related: [{id: e, type: reply}]\n"), false),
        (
            event("    sources:\n      - ref: s\n        credibility: 7\n"),
            false,
        ),
        (
            event("    sources:\n      - ref: s\n        url: https://example.org\n"),
            false,
        ),
        (
            event("    sources:\n      - publisher: Wire\n        url: ftp://example.org\n"),
            false,
        ),
        (
            event("    sources:\n      - publisher: Wire\n        reliability: G\n"),
            false,
        ),
        (event("    sources:\n      - quote: q\n"), false),
        (
            event(
                "    sources:\n      - publisher: Wire\n        url: \"https://example.org/a b\"\n",
            ),
            false,
        ),
        (ev("e", "24-06-20", "E", ""), false),
        (ev("e", "2024-06-20T25:00", "E", ""), false),
        (ev("e", "2024-06-20T14:30-04:61", "E", ""), false),
        (ev("e", "2024-06T14:30", "E", ""), false),
        (ev("e", "\"2024-06-20 14:30\"", "E", ""), false),
        (event("    timezone: New York\n"), false),
        (ev("e", "2024-13", "E", ""), false),
        (ev("e", "2024-06-20", "\"two\\nlines\"", ""), false),
        (ev("e", "2024-06-20", "\"  \"", ""), false),
        (ev("Not An Id", "2024", "E", ""), false),
        ("title: T\n".to_string(), false),
        ("title: T\nversion: 2\nevents: []\n".to_string(), false),
        (
            "title: T\nevents: []\nactors:\n  a:\n    name: A\n    kind: goverment\n".to_string(),
            false,
        ),
        (
            "title: T\nevents: []\nactors:\n  a:\n    name: A\n    country: usa\n".to_string(),
            false,
        ),
        (
            "title: T\nevents: []\nactors:\n  Bad Id:\n    name: A\n".to_string(),
            false,
        ),
        (
            "title: T\nevents: []\nsources:\n  s:\n    url: https://example.org\n".to_string(),
            false,
        ),
        (
            "title: T\nevents: []\neras:\n  - id: x\n    title: X\n".to_string(),
            false,
        ),
    ];
    for (text, ok) in cases {
        assert_eq!(loader_accepts(&text), ok, "loader on:\n{text}");
        let errors = schema_errors(&v, &text);
        assert_eq!(errors.is_empty(), ok, "schema on:\n{text}\n{errors:?}");
    }
}

mod starting {
    use crate::util::{stderr, stdout, tlx};

    #[test]
    fn tlx_new_writes_a_valid_timeline_without_a_warning_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let o = tlx().current_dir(dir.path()).arg("new").output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stderr(&o).contains("wrote timeline.yaml"), "{}", stderr(&o));
        let file = dir.path().join("timeline.yaml");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=./timeline.schema.json\n"),
            "the schema line for editors comes first"
        );
        let v = tlx().arg("validate").arg(&file).output().unwrap();
        assert_eq!(v.status.code(), Some(0), "{}", stderr(&v));
        assert!(
            stdout(&v).ends_with("timeline.yaml: 2 events, 0 errors, 0 warnings\n"),
            "{}",
            stdout(&v)
        );
        // One era, one actor, one source, and the second event related to the first.
        let l = tlx::model::load_paths(std::slice::from_ref(&file), &Default::default());
        assert!(!l.has_errors());
        let tl = &l.timeline;
        assert_eq!(
            (
                tl.eras.len(),
                tl.actors.len(),
                tl.sources.len(),
                tl.events.len()
            ),
            (1, 1, 1, 2)
        );
        assert_eq!(tl.events[1].related.len(), 1);
        // Again: refused, the file untouched; --force replaces it.
        std::fs::write(&file, "mine").unwrap();
        let o = tlx().current_dir(dir.path()).arg("new").output().unwrap();
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("timeline.yaml already exists"),
            "{}",
            stderr(&o)
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
        let o = tlx()
            .current_dir(dir.path())
            .args(["new", "--force"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
        // `-`: standard output.
        let o = tlx().args(["new", "-"]).output().unwrap();
        assert_eq!(stdout(&o), text);
    }

    #[test]
    fn generate_timeline_writes_the_embedded_timeline_out() {
        let o = tlx().args(["generate", "timeline"]).output().unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o), tlx::model::load::EMBEDDED);
    }
}
