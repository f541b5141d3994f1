//! The command line, declared with clap's derive API. No logic lives here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
With no command, tlx opens the full-screen explorer on the given files and folders,
or on the embedded timeline (the U.S. government and Kaspersky, 2017-2025).

Queries (-q) use one language everywhere: `word` fuzzy, `'word` exact, `^word` prefix,
`word$` suffix, `!word` not; facets tag:, actor:, source:, era:, from:, to:, rel:, is:.
Example: tlx list -q 'tag:sanctions from:2024 kaspersky'

Exit status: 0 ok, 1 invalid data or nothing matched, 2 usage or I/O error.";

/// A terminal timeline explorer: browse, search, filter and brief a sourced timeline.
#[derive(Debug, Parser)]
#[command(name = "tlx", version, about, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Timeline files and folders for the explorer (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub global: Global,
}

/// Options every command takes.
#[derive(Debug, Args, Clone)]
pub struct Global {
    /// When to use colour: auto (only on a terminal, and not with NO_COLOR or TERM=dumb), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, help_heading = "Output")]
    pub color: ColorChoice,

    /// Print what was read and how long loading and querying took (to stderr).
    #[arg(long, global = true, help_heading = "Output")]
    pub stats: bool,

    /// Largest timeline file accepted (bytes, or with a unit: 512MiB, 1G).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256MiB", global = true, help_heading = "Limits")]
    pub max_file_size: u64,

    /// Do not read or write the cache of parsed timelines (see the README).
    #[arg(long, global = true, help_heading = "Limits")]
    pub no_cache: bool,

    /// Show times of day in this time zone (an IANA name: UTC, Europe/Berlin), not each as
    /// written; the config's `tz:` is the default. Days stay as written.
    #[arg(long, value_name = "ZONE", value_parser = crate::model::date::zone_named, global = true, help_heading = "Output")]
    pub tz: Option<chrono_tz::Tz>,

    /// The config file (default: $TLX_CONFIG, else $XDG_CONFIG_HOME/tlx/config.yaml).
    #[arg(long, value_name = "PATH", global = true, help_heading = "Output")]
    pub config: Option<PathBuf>,

    /// The workspace file: marks, notes, labels and saved views (default: $TLX_WORKSPACE, the
    /// config's `workspace:`, else one per timeline under $XDG_DATA_HOME/tlx/workspaces/).
    #[arg(
        long,
        value_name = "PATH",
        global = true,
        help_heading = "Workspace",
        conflicts_with = "no_workspace"
    )]
    pub workspace: Option<PathBuf>,

    /// Keep nothing this session: no workspace is read or written, and no session state.
    #[arg(long, global = true, help_heading = "Workspace")]
    pub no_workspace: bool,

    /// How many times its own size a file may grow through YAML aliases before it is refused.
    #[arg(long, value_name = "FACTOR", default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=1000), global = true, help_heading = "Limits")]
    pub max_expansion: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List events, one per line, in chronological order (or by match quality).
    #[command(visible_alias = "ls")]
    List(ListArgs),
    /// Show one event in full: every field, its sources, related events and backlinks.
    Show(ShowArgs),
    /// Check timeline files and report every error and warning.
    Validate(ValidateArgs),
    /// Count events by year, tag, actor, publisher and reliability grade.
    Stats(StatsArgs),
    /// Write a Markdown brief (or JSON, CSV or TimelineJS) of the events a query or an id list selects.
    Export(ExportArgs),
    /// Convert a timeline from another format into tlx's YAML.
    Import(ImportArgs),
    /// List the values of a facet with how many events have each (tags, actors, publishers, eras; labels and views of the workspace).
    Facets(FacetsArgs),
    /// List or export the notes of the workspace (see --workspace), by event.
    Notes(NotesArgs),
    /// Check a brief draft of the workspace, or a written brief, for ICD 203 estimative language.
    Lint(LintArgs),
    /// What changed between two versions of a timeline (files, folders or git revisions).
    Diff(DiffArgs),
    /// Write a small, valid timeline to start from (an era, an actor, a source, two related events).
    New(NewArgs),
    /// Print shell completions, the man page, the default config, the format's JSON Schema or the embedded timeline.
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DateOrderArg {
    /// Month, day, year: 6/20/2024.
    Mdy,
    /// Day, month, year: 20/6/2024.
    Dmy,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The file to write (`-` for standard output). An existing file is never replaced
    /// without --force.
    #[arg(value_name = "FILE", default_value = "timeline.yaml")]
    pub file: PathBuf,

    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
OLD and NEW are timeline files or folders, or git revisions of them: `REV:PATH`
(v1.2:events.yaml), or a revision alone for the other side's path (HEAD~3 events.yaml).
Exit status: 0 nothing differs, 1 something does, 2 an input is missing or invalid.")]
pub struct DiffArgs {
    /// The old version: a file, a folder, REV:PATH, or a revision (of NEW's path).
    #[arg(value_name = "OLD")]
    pub old: String,

    /// The new version: a file, a folder, REV:PATH, or a revision (of OLD's path).
    #[arg(value_name = "NEW")]
    pub new: String,

    /// Output format: text (aligned, coloured on a terminal), json (docs/diff.md) or md
    /// (a section a brief can carry).
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// Which facet.
    #[arg(value_enum)]
    pub kind: FacetKind,

    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format: text is one value a line, tab-separated: the value a query writes, the number of events, the name.
    #[arg(long, value_enum, default_value_t = FacetsFormat::Text)]
    pub format: FacetsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetKind {
    /// `tag:` values.
    Tag,
    /// `actor:` values (ids), with the actors' names.
    Actor,
    /// `source:` values: publishers.
    Source,
    /// `era:` values (ids), with the eras' titles.
    Era,
    /// `label:` values of the workspace.
    Label,
    /// `view:` names of the workspace, with their queries (the count is of the events each matches).
    View,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetsFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct NotesArgs {
    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = NotesFormat::Text)]
    pub format: NotesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NotesFormat {
    /// For reading on a terminal.
    Text,
    /// A Markdown section per event.
    Md,
    /// One object per event with notes (see docs/workspace.md).
    Json,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Timeline files and folders the draft's events are in (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// The workspace's brief draft to check.
    #[arg(
        long,
        value_name = "NAME",
        required_unless_present = "brief",
        conflicts_with = "brief"
    )]
    pub draft: Option<String>,

    /// A written brief (Markdown) to check: its bottom line and key judgments.
    #[arg(long, value_name = "FILE")]
    pub brief: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub from: ImportFrom,
}

#[derive(Debug, Subcommand)]
pub enum ImportFrom {
    /// TimelineJS3 JSON (the newsroom format), including the older {"timeline": …} wrapper.
    Timelinejs {
        /// The TimelineJS JSON file.
        file: PathBuf,
        /// Make relative media paths (./media/x.jpg) absolute links against this URL: the
        /// folder the timeline was published from.
        #[arg(long, value_name = "URL")]
        media_base: Option<String>,
        /// Where to write the YAML timeline: a file, or - for standard output (the default).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A spreadsheet as CSV or TSV: the TimelineJS sheet template, or columns named with --map (docs/csv.md).
    #[command(after_help = "\
Columns: the TimelineJS template's (Year, Month, Day, Time, …, Headline, Text, Media, Group) are
recognised by name; so are date, end, id, title, summary, tags, actors, publisher and url (as
`tlx export --format csv` writes them). Otherwise name them:
  tlx import csv notes.csv --map date=When,title=What,summary=Details,tags=Tags,source_url=Link,source=Outlet
Fields: date, end, id, title, display_date, summary, tags, actors, source, source_url, source_title, media.
Exit status: 0 every row converted, 1 something was not (listed), 2 the file could not be read.")]
    Csv {
        /// The CSV or TSV file.
        file: PathBuf,
        /// Where to write the YAML timeline: a file, or - for standard output (the default).
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// Which column holds which field: field=Column,… (a header as written).
        #[arg(long, value_name = "SPEC", conflicts_with = "map_file")]
        map: Option<String>,
        /// The mapping in a file: one `field: Column` (or field=Column) per line, # for comments.
        #[arg(long, value_name = "FILE")]
        map_file: Option<PathBuf>,
        /// The order of day and month in dates such as 6/7/2024 (default: what the file's dates show).
        #[arg(long, value_enum, value_name = "ORDER")]
        date_order: Option<DateOrderArg>,
        /// The field separator (default: a tab for .tsv, else the commonest of , ; and tab in the header row).
        #[arg(long, value_name = "CHAR")]
        delimiter: Option<char>,
        /// Show the first rows as events and every row that could not be converted; write nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: Generate,
}

#[derive(Debug, Subcommand)]
pub enum Generate {
    /// Shell completions: tlx generate completions bash > ~/.local/share/bash-completion/completions/tlx
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The man page (roff): tlx generate man > ~/.local/share/man/man1/tlx.1
    Man,
    /// The default config file, every key commented.
    Config,
    /// The JSON Schema of the timeline format (for editors).
    Schema,
    /// The JSON Schema of the workspace file (for editors).
    WorkspaceSchema,
    /// The embedded timeline, as a file to build on: tlx generate timeline > kaspersky.yaml
    Timeline,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Only events matching this query.
    #[arg(short, long, value_name = "QUERY")]
    pub query: Option<String>,

    /// Order of results: date (chronological) or score (best match first).
    #[arg(long, value_enum, default_value_t = SortArg::Date)]
    pub sort: SortArg,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,

    /// Print at most N events.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,

    /// The table's columns, in order, separated by commas: date, title, id, tags, actors,
    /// eras, publishers, grade (default: date,title,id,tags; on a narrow terminal the tags,
    /// then the id, give way to the title unless they are asked for).
    #[arg(long, value_name = "LIST")]
    pub columns: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Date,
    Score,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns: date, title, id, tags (see --columns).
    Table,
    /// A JSON document (schema in docs/json.md).
    Json,
    /// One event id per line.
    Ids,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The event's id.
    pub id: String,

    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    /// The event as in `tlx list --format json`, with backlinks.
    Json,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Only count events matching this query.
    #[arg(short, long, value_name = "QUERY")]
    pub query: Option<String>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Timeline files and folders (default: the embedded timeline).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Only events matching this query (default: every event).
    #[arg(short, long, value_name = "QUERY", conflicts_with = "ids")]
    pub query: Option<String>,

    /// Exactly these events, by id, in chronological order.
    #[arg(long, value_name = "ID,ID...", value_delimiter = ',')]
    pub ids: Vec<String>,

    /// The events marked in the workspace (see --workspace).
    #[arg(long, conflicts_with_all = ["query", "ids"])]
    pub marked: bool,

    /// The events of a view saved in the workspace.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["query", "ids", "marked"])]
    pub view: Option<String>,

    /// A brief draft of the workspace (the explorer's composer): its events, title, bottom
    /// line, key judgments and notes (--title and --bluf still win).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["query", "ids", "marked", "view"])]
    pub draft: Option<String>,

    /// With --draft: add "Changes since the brief of DATE" (what changed in the events
    /// since the draft's last brief, and the key judgments to review).
    #[arg(long, requires = "draft")]
    pub changes: bool,

    /// Where to write: a file, or - for standard output (the default).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
    pub format: ExportFormat,

    /// The brief's title (default: the timeline's title).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// The bottom line up front, in the analyst's words (default: generated).
    #[arg(long, value_name = "TEXT")]
    pub bluf: Option<String>,

    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,

    /// The generation time to record (RFC 3339), for reproducible output; SOURCE_DATE_EPOCH
    /// is honoured when this is absent.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A Markdown brief (CommonMark with GFM tables and footnotes).
    Md,
    /// The selection with its sources resolved (schema in docs/json.md).
    Json,
    /// One row per event, RFC 4180, for spreadsheets.
    Csv,
    /// TimelineJS3 JSON, to publish the timeline as a web page.
    Timelinejs,
}

/// Parses `1048576`, `512KiB`, `300MB`, `1G`, `2GiB` (K/M/G are powers of 1024).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num.parse().map_err(|_| {
        format!("'{s}' is not a size: write bytes, or a number with K, M or G (512MiB)")
    })?;
    let mult: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit '{other}': use K, M or G (512MiB)"
            ));
        }
    };
    n.checked_mul(mult)
        .ok_or_else(|| format!("'{s}' is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("512MiB"), Ok(512 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("3kb"), Ok(3072));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("5TB").is_err());
    }

    #[test]
    fn subcommands_and_paths() {
        let c = Cli::try_parse_from(["tlx", "list", "-q", "tag:policy", "a.yaml"]).unwrap();
        assert!(
            matches!(c.command, Some(Command::List(ListArgs { ref query, .. })) if query.as_deref() == Some("tag:policy"))
        );
        let c = Cli::try_parse_from(["tlx", "some.yaml"]).unwrap();
        assert!(c.command.is_none());
        assert_eq!(c.paths, [PathBuf::from("some.yaml")]);
        assert!(Cli::try_parse_from(["tlx", "list", "--sort", "nope"]).is_err());
        let c = Cli::try_parse_from(["tlx", "show", "x", "--color", "never"]).unwrap();
        assert_eq!(c.global.color, ColorChoice::Never);
    }
}
