//! What was wrong with a config: every problem, each with its file, line and column, in
//! the words the loader uses for a timeline.

use std::fmt;
use std::path::{Path as FsPath, PathBuf};

use serde_saphyr::budget::BudgetBreach;

use super::raw::KEYS;
use crate::model::diag::{At, Diagnostic, Kind, Path};
use crate::model::load::{LoadOptions, parse_options};
use crate::model::locate::{Locator, line_text};
use crate::model::raw::{Extra, Found, Lenient, Text};
use crate::suggest::did_you_mean;

/// What was wrong with a config: every problem, each with its file, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
    /// The config was not used at all (it could not be read or parsed); otherwise only
    /// the values with problems were left out.
    pub whole: bool,
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
            "{first}{more}; {} (D shows the problems)",
            self.outcome()
        ))
        .into_owned()
    }

    /// What tlx did about the problems.
    pub fn outcome(&self) -> &'static str {
        match (self.whole, self.diagnostics.len()) {
            (true, _) => "the config was not used: started with the defaults",
            (false, 0 | 1) => "that value was not used, the rest of the config was",
            (false, _) => "those values were not used, the rest of the config was",
        }
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
        out.push_str(if self.whole {
            "tlx: the config was not used: continuing with the defaults\n"
        } else {
            "tlx: the config's values with problems were not used: continuing with the rest\n"
        });
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

/// Problems found while reading one config, located at the end.
pub struct Cx<'a> {
    text: &'a str,
    file: &'a FsPath,
    problems: Vec<Problem>,
}

/// Where a problem is: a path through the config (located at the end), or a place the
/// parser gave.
pub enum Spot {
    Path(Path),
    Span { line: u32, column: u32, length: u32 },
}

struct Problem {
    kind: Kind,
    spot: Spot,
    message: String,
    note: Option<String>,
}

impl<'a> Cx<'a> {
    pub fn new(text: &'a str, file: &'a FsPath) -> Cx<'a> {
        Cx {
            text,
            file,
            problems: Vec::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn problem(&mut self, kind: Kind, path: Path, message: String, note: Option<String>) {
        self.at(kind, Spot::Path(path), message, note);
    }

    pub fn at(&mut self, kind: Kind, spot: Spot, message: String, note: Option<String>) {
        self.problems.push(Problem {
            kind,
            spot,
            message,
            note,
        });
    }

    pub fn wrong_type(&mut self, key: &str, expected: &str, found: Found) {
        self.problem(
            Kind::WrongType,
            Path::root().key(key),
            format!("{key}: expected {expected}, found {}", found.describe()),
            None,
        );
    }

    /// A text field's value, or `None` (absent, null, or a wrong type, which is reported).
    pub fn text_field(
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

    pub fn bad_keyword(&mut self, key: &str, value: &str, expected: &[&str]) {
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

    pub fn extra(&mut self, extra: &Extra) {
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

    /// A config the parser refused, with the parser's position: a budget it breaks, in
    /// the words the loader uses for a timeline, or invalid YAML.
    pub fn parse_error(&self, err: &serde_saphyr::Error) -> Diagnostic {
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
        let (kind, message, note) = match refusal(err, self.text.len()) {
            Some((message, note)) => (Kind::Budget, message, Some(note)),
            None => (
                Kind::Syntax,
                format!("invalid YAML: {}", syntax_message(err)),
                None,
            ),
        };
        let mut d = Diagnostic::error(kind, at, message);
        d.file = Some(self.file.display().to_string());
        d.line_text = loc.and_then(|l| line_text(self.text, l.line() as u32).map(String::from));
        d.notes.extend(note);
        d
    }

    /// Every problem with its line and column, in file order; `whole`: the config is not
    /// used at all.
    pub fn finish(self, whole: bool) -> ConfigError {
        let opts = parse_options(self.text.len(), &LoadOptions::default());
        let locator = Locator::new(self.text, opts);
        let name = self.file.display().to_string();
        let mut diagnostics: Vec<Diagnostic> = self
            .problems
            .into_iter()
            .map(
                |Problem {
                     kind,
                     spot,
                     message,
                     note,
                 }| {
                    let place = match spot {
                        Spot::Path(path) => {
                            locator.locate(&path).map(|p| (p.line, p.column, p.length))
                        }
                        Spot::Span {
                            line,
                            column,
                            length,
                        } => Some((line, column, length)),
                    };
                    let (at, line) = match place {
                        Some((line, column, length)) => (
                            At::Span {
                                input: 0,
                                line,
                                column,
                                length: length.max(1),
                            },
                            locator.line_text(line).map(String::from),
                        ),
                        None => (At::File { input: 0 }, None),
                    };
                    let mut d = Diagnostic::error(kind, at, message);
                    d.file = Some(name.clone());
                    d.line_text = line;
                    d.notes.extend(note);
                    d
                },
            )
            .collect();
        diagnostics.sort_by_key(|d| match d.at {
            At::Span { line, column, .. } => (line, column),
            _ => (0, 0),
        });
        ConfigError {
            file: self.file.to_path_buf(),
            diagnostics,
            whole,
        }
    }
}

/// The parser's own words for invalid YAML, without its position (the diagnostic has it).
fn syntax_message(err: &serde_saphyr::Error) -> String {
    let msg = err.render_with_options(serde_saphyr::render_options! {
        snippets: serde_saphyr::SnippetMode::Off,
    });
    let mut msg = msg.trim().trim_start_matches("error: ").to_string();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    msg.lines().next().unwrap_or("").trim().to_string()
}

/// A budget the config breaks, or its second document, as a message and a hint; `None`
/// for plain invalid YAML. A config is a few lines: none of these is ever needed.
fn refusal(err: &serde_saphyr::Error, bytes: usize) -> Option<(String, String)> {
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    let size = format!("{bytes}-byte config");
    let aliases = || "help: a config needs no aliases (*name): write the values out".to_string();
    let expands = |budget: &str, n: usize, unit: &str| {
        (
            format!(
                "the config expands past the parser's {budget} budget ({n} {unit} for a {size}): YAML aliases (*name) repeating anchors (&name) are the usual cause"
            ),
            aliases(),
        )
    };
    let one_document = || {
        (
            "the config holds more than one YAML document (`---`): a config is one document"
                .to_string(),
            "help: keep one document, and remove the `---` line".to_string(),
        )
    };
    let breach = match inner {
        serde_saphyr::Error::MultipleDocuments { .. } => return Some(one_document()),
        serde_saphyr::Error::Budget { breach, .. } => breach,
        _ => return None,
    };
    Some(match breach {
        BudgetBreach::Events { events } => expands("event", *events, "YAML events"),
        BudgetBreach::Nodes { nodes } => expands("node", *nodes, "nodes"),
        BudgetBreach::ScalarBytes { total_scalar_bytes } => {
            expands("text", *total_scalar_bytes, "bytes of text")
        }
        BudgetBreach::Aliases { aliases: n } => (
            format!(
                "the config uses too many YAML aliases (*name): {n}, over the alias budget for a {size}"
            ),
            aliases(),
        ),
        BudgetBreach::AliasAnchorRatio {
            aliases: n,
            anchors,
        } => (
            format!(
                "the config repeats YAML aliases far more than it defines anchors ({n} aliases for {anchors} anchors): it looks like an alias bomb"
            ),
            aliases(),
        ),
        BudgetBreach::Depth { depth } => (
            format!(
                "the config nests deeper than the parser's depth budget of 64 levels (reached {depth})"
            ),
            "help: a config needs only a few levels of nesting".to_string(),
        ),
        BudgetBreach::Documents { .. } => one_document(),
        _ => (
            "the config's anchors or size are over what the parser allows for a config".to_string(),
            aliases(),
        ),
    })
}
