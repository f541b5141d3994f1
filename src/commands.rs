//! The non-interactive commands. Each writes to a `Write` it is given, so tests and pipes
//! see the same bytes; only this module decides colours and exit codes.

pub mod export;
pub mod generate;
pub mod import;
pub mod list;
pub mod show;
pub mod stats;
pub mod validate;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use crate::cache::StoredIndex;
use crate::cli::{ColorChoice, Global};
use crate::model::{LoadOptions, LoadStats, Loaded, Timeline, load_embedded, load_paths};
use crate::query::QueryError;

/// Exit statuses, as documented in `--help`.
pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID_OR_NO_MATCH: u8 = 1;
pub const EXIT_USAGE_OR_IO: u8 = 2;

/// Whether to colour a stream, following ripgrep: never when asked, always when asked,
/// otherwise only on a terminal and not when `NO_COLOR` is set or `TERM` is `dumb`/unset.
pub fn use_color(choice: ColorChoice, is_tty: bool) -> bool {
    match choice {
        ColorChoice::Never => false,
        ColorChoice::Always => true,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let term = std::env::var("TERM").unwrap_or_default();
            is_tty && !no_color && !term.is_empty() && term != "dumb"
        }
    }
}

/// How output should look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// The terminal's width when stdout is one (tables are cut to it); `None` when piped.
    pub width: Option<usize>,
}

impl Style {
    pub fn for_stdout(global: &Global) -> Style {
        let tty = io::stdout().is_terminal();
        Style {
            color: use_color(global.color, tty),
            width: tty.then(terminal_width).flatten(),
        }
    }
    /// Wraps `s` in an SGR sequence when colour is on.
    pub fn paint(&self, sgr: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{sgr}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn terminal_width() -> Option<usize> {
    if let Ok(c) = std::env::var("COLUMNS")
        && let Ok(n) = c.trim().parse::<usize>()
        && n > 0
    {
        return Some(n);
    }
    ratatui::crossterm::terminal::size()
        .ok()
        .map(|(w, _)| w as usize)
        .filter(|&w| w > 0)
}

/// Loads the given paths; without any, the config's default `paths`, else the embedded
/// timeline.
pub fn load(paths: &[PathBuf], global: &Global) -> Loaded {
    load_from(paths, global, true)
}

/// Like [`load`]; `use_config: false` skips the config (the caller already read it).
pub fn load_from(paths: &[PathBuf], global: &Global, use_config: bool) -> Loaded {
    load_indexed(paths, global, use_config).0
}

/// [`load_from`], with the search index the cache holds for the timeline (when it came
/// from the cache, or was just stored in it).
fn load_indexed(
    paths: &[PathBuf],
    global: &Global,
    use_config: bool,
) -> (Loaded, Option<StoredIndex>) {
    let opts = LoadOptions {
        max_file_size: global.max_file_size,
        max_expansion: global.max_expansion,
    };
    // Files (never the embedded timeline) go through the cache of parsed timelines. With
    // `--stats`, a `cache:` line on stderr says whether it was used (and where the time
    // went).
    let cached = |paths: &[PathBuf]| {
        let cache = crate::cache::Cache::from_env(global.no_cache);
        let c = crate::cache::load_with(paths, &opts, &cache, || load_paths(paths, &opts));
        if global.stats {
            eprintln!("cache:         {}", crate::text::sanitize(&c.describe()));
        }
        (c.loaded, c.index)
    };
    if !paths.is_empty() {
        return cached(paths);
    }
    let configured = if use_config {
        crate::config::Config::load_or_warn(global).paths
    } else {
        Vec::new()
    };
    if configured.is_empty() {
        (load_embedded(&opts), None)
    } else {
        cached(&configured)
    }
}

/// Most errors printed for one load; the rest are counted.
const MAX_SHOWN: usize = 50;

/// Prints diagnostics (rendered with the line and caret) to `w`.
pub fn print_diagnostics<'a>(
    w: &mut dyn Write,
    diags: impl Iterator<Item = &'a crate::model::Diagnostic>,
    color: bool,
) -> io::Result<()> {
    let diags: Vec<_> = diags.collect();
    for d in diags.iter().take(MAX_SHOWN) {
        write!(w, "{}", d.render(color))?;
    }
    if diags.len() > MAX_SHOWN {
        writeln!(w, "… and {} more", diags.len() - MAX_SHOWN)?;
    }
    Ok(())
}

/// Loads for a command that needs a valid timeline: on errors, prints them to stderr and
/// returns the exit code to stop with.
pub fn load_valid(paths: &[PathBuf], global: &Global) -> Result<(Timeline, LoadStats), u8> {
    load_valid_from(paths, global, true)
}

/// [`load_valid`] for a command that may search: with the search index the cache holds
/// (see [`crate::cache::index_for`]).
pub fn load_valid_indexed(paths: &[PathBuf], global: &Global) -> Result<Indexed, u8> {
    load_valid_indexed_from(paths, global, true)
}

/// A valid timeline, its load's stats and the search index the cache holds for it.
pub type Indexed = (Timeline, LoadStats, Option<StoredIndex>);

/// [`load_valid`] with the choice of [`load_from`].
pub fn load_valid_from(
    paths: &[PathBuf],
    global: &Global,
    use_config: bool,
) -> Result<(Timeline, LoadStats), u8> {
    load_valid_indexed_from(paths, global, use_config).map(|(tl, stats, _)| (tl, stats))
}

fn load_valid_indexed_from(
    paths: &[PathBuf],
    global: &Global,
    use_config: bool,
) -> Result<Indexed, u8> {
    let (loaded, index) = load_indexed(paths, global, use_config);
    if loaded.has_errors() {
        return Err(report_load_errors(&loaded, global));
    }
    Ok((loaded.timeline, loaded.stats, index))
}

/// Prints a failed load's errors to stderr; returns the exit code to stop with.
pub fn report_load_errors(loaded: &Loaded, global: &Global) -> u8 {
    let color = use_color(global.color, io::stderr().is_terminal());
    let mut err = io::stderr().lock();
    let _ = print_diagnostics(&mut err, loaded.errors(), color);
    let n = loaded.errors().count();
    let _ = writeln!(
        err,
        "tlx: the timeline was not loaded: {n} error{}",
        if n == 1 { "" } else { "s" }
    );
    loaded.exit_code()
}

/// Prints a bad query with a caret under the term, to stderr.
pub fn report_query_error(query: &str, e: &QueryError, global: &Global) {
    let color = use_color(global.color, io::stderr().is_terminal());
    let text = e.render(query);
    let text = if color {
        text.replacen("error", "\x1b[1;31merror\x1b[0m", 1)
    } else {
        text
    };
    eprint!("{text}");
}

/// What `--stats` prints, like ripgrep's: to stderr, after the output.
pub struct RunStats {
    pub load: LoadStats,
    pub embedded: bool,
    /// Building the search index (converting every event's text), when a query needed it.
    pub index: Option<Duration>,
    /// Selecting the events, building the index included (shown without it).
    pub query: Option<Duration>,
    pub matches: Option<usize>,
}

impl RunStats {
    pub fn print(&self) {
        let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
        let mut s = String::new();
        s.push_str(&format!(
            "files read:    {}{}\nbytes read:    {}\nevents loaded: {}\nload time:     {}\n",
            self.load.files,
            if self.embedded { " (embedded)" } else { "" },
            self.load.bytes,
            self.load.events,
            ms(self.load.elapsed)
        ));
        if let Some(i) = self.index {
            s.push_str(&format!("index time:    {}\n", ms(i)));
        }
        if let Some(q) = self.query {
            let q = q.saturating_sub(self.index.unwrap_or_default());
            s.push_str(&format!("query time:    {}\n", ms(q)));
        }
        if let Some(m) = self.matches {
            s.push_str(&format!("matches:       {m}\n"));
        }
        eprint!("{s}");
    }
}

/// True when an error is a closed pipe (`tlx list | head -1`): that is success.
/// Standard output for a command's results, whose write errors say where they happened
/// ("cannot write to standard output: No space left on device"); the error kind is kept,
/// so a closed pipe is still recognised and ends the command quietly.
pub struct Stdout(io::StdoutLock<'static>);

/// The locked standard output, for a command's results.
pub fn stdout() -> Stdout {
    Stdout(io::stdout().lock())
}

fn name_stdout(e: io::Error) -> io::Error {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return e;
    }
    io::Error::new(e.kind(), format!("cannot write to standard output: {e}"))
}

impl io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(name_stdout)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.0.write_all(buf).map_err(name_stdout)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(name_stdout)
    }
}

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Runs a parsed command line and returns the process's exit status.
pub fn run(cli: crate::cli::Cli) -> ExitCode {
    use crate::cli::Command;
    let global = cli.global.clone();
    let result: anyhow::Result<u8> = match cli.command {
        Some(Command::List(a)) => list::run(&a, &global),
        Some(Command::Show(a)) => show::run(&a, &global),
        Some(Command::Validate(a)) => validate::run(&a, &global),
        Some(Command::Stats(a)) => stats::run(&a, &global),
        Some(Command::Export(a)) => export::run(&a, &global),
        Some(Command::Import(a)) => import::run(&a, &global),
        Some(Command::Generate(a)) => generate::run(&a, &global),
        None => crate::tui_entry(&cli.paths, &global),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("tlx: {}", crate::text::sanitize(&format!("{e:#}")));
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}
