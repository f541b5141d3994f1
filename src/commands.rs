//! The non-interactive commands. Each writes to a `Write` it is given, so tests and pipes
//! see the same bytes; only this module decides colours and exit codes.

pub mod diff;
pub mod export;
pub mod facets;
pub mod generate;
pub mod import;
pub mod lint;
pub mod list;
pub mod new;
pub mod notes;
pub mod show;
pub mod stats;
pub mod validate;
pub mod work;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::cache::StoredIndex;
use crate::cli::Global;
use crate::config::{Config, Env};
use crate::fsutil::{WriteError, write_new_or_replace_until};
use crate::model::{LoadOptions, LoadStats, Loaded, Timeline, load_embedded, load_paths};
use crate::query::QueryError;
use crate::term::use_color;

/// Exit statuses, as documented in `--help`.
pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID_OR_NO_MATCH: u8 = 1;
pub const EXIT_USAGE_OR_IO: u8 = 2;

/// How output should look.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// The terminal's width when stdout is one (tables are cut to it); `None` when piped.
    pub width: Option<usize>,
    /// The zone times of day are shown in (`--tz`, the config's `tz:`); `None`: as written.
    pub tz: Option<chrono_tz::Tz>,
}

impl Style {
    pub fn for_stdout(global: &Global) -> Style {
        let tty = io::stdout().is_terminal();
        Style {
            color: use_color(global.color, tty),
            width: tty.then(crate::term::width).flatten(),
            tz: display_zone(global),
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
        config_or_warn(global).paths
    } else {
        Vec::new()
    };
    if configured.is_empty() {
        (load_embedded(&opts), None)
    } else {
        cached(&configured)
    }
}

/// The zone times of day are shown in: `--tz`, else the config's `tz:` (a config's
/// problems are reported where it is used for its `paths:`).
pub fn display_zone(global: &Global) -> Option<chrono_tz::Tz> {
    global.tz.or_else(|| {
        Config::load(global.config.as_deref(), &Env::from_process())
            .0
            .tz
    })
}

/// For commands other than the explorer: the config, without the values that have a
/// problem (the defaults when it cannot be read or parsed), after a warning on stderr for
/// each problem. Read it only when it is needed (no PATHS given), so a command that does
/// not use it never warns about it.
pub fn config_or_warn(global: &Global) -> Config {
    let (config, problems) = Config::load(global.config.as_deref(), &Env::from_process());
    if let Some(e) = problems {
        let color = use_color(global.color, io::stderr().is_terminal());
        eprint!("{}", e.warning(color));
    }
    config
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
    /// The statistics of the load that gave `tl`.
    pub fn of(tl: &Timeline, load: LoadStats) -> RunStats {
        RunStats {
            load,
            embedded: !tl.inputs.is_empty() && tl.inputs.iter().all(|i| i.is_embedded()),
            index: None,
            query: None,
            matches: None,
        }
    }

    /// With the time selecting took, and the part of it spent building the index.
    pub fn timed(self, index: Option<Duration>, query: Duration) -> RunStats {
        RunStats {
            index,
            query: Some(query),
            ..self
        }
    }

    /// With how many events the command selected.
    pub fn matched(self, matches: usize) -> RunStats {
        RunStats {
            matches: Some(matches),
            ..self
        }
    }

    /// Prints the statistics to stderr when `--stats` was given.
    pub fn print_if(&self, global: &Global) {
        if global.stats {
            eprint!("{}", self.render());
        }
    }

    /// The lines `--stats` prints.
    pub fn render(&self) -> String {
        let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
        let mut s = format!(
            "files read:    {}{}\nbytes read:    {}\nevents loaded: {}\nload time:     {}\n",
            self.load.files,
            if self.embedded { " (embedded)" } else { "" },
            self.load.bytes,
            self.load.events,
            ms(self.load.elapsed)
        );
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
        s
    }
}

/// Writes a command's result to the file `path` ([`crate::fsutil`]: never over a file
/// without `force`, atomically), with SIGINT, SIGTERM and SIGHUP caught meanwhile: one of
/// them stops the write and removes its temporary file, and tlx then ends as the signal
/// would have ended it. On an error, prints it and returns the exit code to stop with.
pub fn write_output(path: &Path, bytes: &[u8], force: bool) -> Result<(), u8> {
    let stop = Arc::new(AtomicUsize::new(0));
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        // Only stores the signal's number: safe in a signal handler.
        let _ = signal_hook::flag::register_usize(sig, Arc::clone(&stop), sig as usize);
    }
    let written = write_new_or_replace_until(path, bytes, force, &stop);
    let caught = stop.load(Ordering::SeqCst);
    if caught != 0 {
        // Nothing is left behind: end by the signal, as a shell expects of an interrupted
        // command (a loop in a script stops on it).
        let _ = signal_hook::low_level::emulate_default_handler(caught as i32);
        return Err(128u8.saturating_add(caught as u8));
    }
    written.map_err(|e| {
        eprintln!("tlx: {}", crate::text::sanitize(&e.to_string()));
        if let WriteError::Exists { .. } = e {
            eprintln!("  = help: use --force to replace it, or -o another file");
        }
        EXIT_USAGE_OR_IO
    })
}

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

/// True when an error is a closed pipe (`tlx list | head -1`): that is success.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
