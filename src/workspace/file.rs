//! The workspace file: reading it with every problem's line and column, and writing it
//! in one fixed order (`docs/workspace.md`).
//!
//! ```yaml
//! # tlx workspace (docs/workspace.md)
//! version: 1
//! events:
//!   commerce-final-determination:
//!     marked: true
//!     labels: [followup]
//!     notes:
//!     - at: 2026-12-02T17:03:05Z
//!       author: ana
//!       text: |-
//!         Check the Federal Register notice.
//!         Two lines.
//! views:
//!   bans:
//!     query: tag:ban
//! ```
//!
//! Maps are written in key order, notes oldest first, one block per event id: two
//! analysts' edits to different events touch different lines, and git merges them.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize, Serializer};

use super::briefs::BriefRecord;
use super::{Draft, Entry, Note, VERSION, View, Workspace};
use crate::model::diag::{At, Diagnostic, Kind, Path as YamlPath};
use crate::model::load::{LoadOptions, parse_options};
use crate::model::locate::Locator;

/// A workspace file larger than this is refused unread.
pub const MAX_WORKSPACE_BYTES: u64 = 64 << 20;

/// The first line of every workspace file tlx writes.
pub const HEADER: &str =
    "# tlx workspace: marks, notes, labels, saved views and brief drafts (docs/workspace.md)\n";

/// A workspace that could not be read: every problem, each with its file, line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceError {
    pub file: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl WorkspaceError {
    fn io(file: &Path, message: String) -> WorkspaceError {
        let mut d = Diagnostic::error(Kind::Io, At::File { input: 0 }, message);
        d.file = Some(file.display().to_string());
        WorkspaceError {
            file: file.to_path_buf(),
            diagnostics: vec![d],
        }
    }

    /// Every problem in full: headline, the line with a caret, hints.
    pub fn render(&self, color: bool) -> String {
        self.diagnostics.iter().map(|d| d.render(color)).collect()
    }

    /// One line for a status bar or a banner: the first problem and how many more.
    pub fn summary(&self) -> String {
        let first = self.diagnostics.first().map(Diagnostic::headline);
        let first = first.unwrap_or_else(|| format!("{}: error", self.file.display()));
        let more = match self.diagnostics.len() {
            0 | 1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        crate::text::sanitize(&format!("{first}{more}")).into_owned()
    }
}

impl fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.diagnostics.iter().map(Diagnostic::headline).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for WorkspaceError {}

/// The file as serde reads and writes it.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    version: u32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    events: BTreeMap<String, Entry>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    views: BTreeMap<String, View>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    drafts: BTreeMap<String, Draft>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    briefs: Vec<BriefRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteForm {
    at: String,
    author: String,
    text: String,
}

impl Serialize for Note {
    /// A note of several lines is written as a block (`|-`), as a person would.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Note", 3)?;
        st.serialize_field("at", &self.at)?;
        st.serialize_field("author", &self.author)?;
        if block_safe(&self.text) {
            st.serialize_field("text", &serde_saphyr::LitStr(&self.text))?;
        } else {
            st.serialize_field("text", &self.text)?;
        }
        st.end()
    }
}

impl<'de> Deserialize<'de> for Note {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Note, D::Error> {
        let f = NoteForm::deserialize(d)?;
        Ok(Note {
            at: f.at,
            author: f.author,
            text: f.text,
        })
    }
}

/// Text that a literal block holds exactly: several lines, no tabs or control
/// characters, no line that starts with a space, and not ending in a newline or a space.
fn block_safe(text: &str) -> bool {
    text.contains('\n')
        && !text.ends_with(['\n', ' '])
        && !text.chars().any(|c| c.is_control() && c != '\n')
        && text
            .lines()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
}

/// The text of `ws` as tlx writes it.
pub fn to_text(ws: &Workspace) -> String {
    let form = Form {
        version: VERSION,
        events: ws.events.clone(),
        views: ws.views.clone(),
        drafts: ws.drafts.clone(),
        briefs: ws.briefs.clone(),
    };
    let body = serde_saphyr::to_string(&form).unwrap_or_else(|e| {
        // Only plain strings, numbers and booleans are written: this cannot fail.
        unreachable!("the workspace could not be written as YAML: {e}")
    });
    format!("{HEADER}{body}")
}

/// Reads the workspace at `path`; a missing file is an empty workspace.
pub fn read(path: &Path) -> Result<Workspace, WorkspaceError> {
    match crate::fsutil::read_regular(path, MAX_WORKSPACE_BYTES) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, path),
            Err(e) => Err(WorkspaceError::io(
                path,
                format!(
                    "the workspace is not UTF-8 text (byte {})",
                    e.utf8_error().valid_up_to()
                ),
            )),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Workspace::default()),
        Err(e) => Err(WorkspaceError::io(
            path,
            format!("cannot read the workspace: {e}"),
        )),
    }
}

/// Parses a workspace's text; `file` names it in messages. A workspace with any problem
/// is refused as a whole (the explorer then opens it read-only, and never writes over it).
pub fn parse(text: &str, file: &Path) -> Result<Workspace, WorkspaceError> {
    let mut opts = parse_options(text.len(), &LoadOptions::default());
    opts.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    if text.trim().is_empty() {
        return Ok(Workspace::default());
    }
    let tree: serde_json::Value = match serde_saphyr::from_str_with_options(text, opts.clone()) {
        Ok(t) => t,
        Err(e) => return Err(parse_error(text, file, &e)),
    };
    let mut problems = Problems::new(text, file, opts);
    let mut found = super::check::shape(&tree);
    found.extend(super::check::content(&tree));
    if !found.is_empty() {
        problems.list = found;
        return Err(problems.finish());
    }
    let form: Form = match serde_json::from_value(tree) {
        Ok(f) => f,
        // The checks above let nothing through that does not read; should one, it is said.
        Err(e) => {
            problems.at(
                Kind::Syntax,
                YamlPath::root(),
                format!("bad workspace: {e}"),
            );
            return Err(problems.finish());
        }
    };
    let mut ws = Workspace {
        events: form.events,
        views: form.views,
        drafts: form.drafts,
        briefs: form.briefs,
    };
    ws.tidy();
    Ok(ws)
}

/// Problems found after parsing, located at the end.
struct Problems<'a> {
    text: &'a str,
    file: &'a Path,
    opts: serde_saphyr::Options,
    list: Vec<(Kind, YamlPath, String)>,
}

impl<'a> Problems<'a> {
    fn new(text: &'a str, file: &'a Path, opts: serde_saphyr::Options) -> Problems<'a> {
        Problems {
            text,
            file,
            opts,
            list: Vec::new(),
        }
    }
    fn at(&mut self, kind: Kind, path: YamlPath, message: String) {
        self.list.push((kind, path, message));
    }
    fn finish(self) -> WorkspaceError {
        let locator = Locator::new(self.text, self.opts);
        let diagnostics = self
            .list
            .into_iter()
            .map(|(kind, path, message)| {
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
                d.file = Some(self.file.display().to_string());
                d.line_text = line;
                d
            })
            .collect::<Vec<_>>();
        // In file order.
        let mut diagnostics = diagnostics;
        diagnostics.sort_by_key(|d| match d.at {
            At::Span { line, column, .. } => (line, column),
            _ => (0, 0),
        });
        WorkspaceError {
            file: self.file.to_path_buf(),
            diagnostics,
        }
    }
}

/// A file the parser refused (not YAML, a repeated key, a budget broken), at the
/// parser's position and in the words the loader uses for a timeline.
fn parse_error(text: &str, file: &Path, err: &serde_saphyr::Error) -> WorkspaceError {
    let mut d = crate::model::yaml_error::parse_error(0, err, text, &LoadOptions::default());
    d.file = Some(file.display().to_string());
    d.notes.push(
        "help: the format is in docs/workspace.md; fix the file, and tlx reads it again".into(),
    );
    WorkspaceError {
        file: file.to_path_buf(),
        diagnostics: vec![d],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workspace {
        let mut w = Workspace::default();
        w.set_marked("b-event", true);
        w.set_marked("a-event", true);
        w.add_note(
            "a-event",
            Note {
                at: "2026-12-02T17:03:05Z".into(),
                author: "ana".into(),
                text: "Check the notice.\nSecond line: with a colon".into(),
            },
        );
        w.add_note(
            "a-event",
            Note {
                at: "2026-12-01T09:00:00Z".into(),
                author: "bo".into(),
                text: "  starts with spaces\n\tand a tab \n".into(),
            },
        );
        w.set_labels("b-event", ["followup".into(), "disputed".into()].into());
        w.views.insert(
            "bans".into(),
            View {
                query: "tag:ban 'federal".into(),
                sort: super::super::ViewSort::Score,
                context: true,
            },
        );
        w
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let w = sample();
        let text = to_text(&w);
        assert_eq!(parse(&text, Path::new("w.yaml")).unwrap(), w);
        // Written again, byte for byte the same.
        assert_eq!(to_text(&parse(&text, Path::new("w.yaml")).unwrap()), text);
    }

    #[test]
    fn the_file_is_in_a_fixed_order_with_notes_as_blocks() {
        let text = to_text(&sample());
        insta::assert_snapshot!(text);
    }

    #[test]
    fn a_bad_file_is_refused_with_its_line_and_column() {
        let text = "version: 1\nevents:\n  a:\n    marked: yes\n";
        let e = parse(text, Path::new("w.yaml")).unwrap_err();
        let d = &e.diagnostics[0];
        assert_eq!(d.location(), "w.yaml:4:13", "{}", e.render(false));
        let e = parse("version: 1\nevnts: {}\n", Path::new("w.yaml")).unwrap_err();
        assert!(e.summary().contains("w.yaml:2:1"), "{}", e.summary());
        assert!(e.summary().contains("evnts"), "{}", e.summary());
    }

    #[test]
    fn every_checked_problem_is_reported_in_one_pass() {
        let text = "version: 2\nevents:\n  a:\n    labels: [Two Words]\n    notes:\n    - at: yesterday\n      author: ana\n      text: x\nviews:\n  v:\n    query: 'tag:'\n";
        let e = parse(text, Path::new("w.yaml")).unwrap_err();
        let locs: Vec<String> = e.diagnostics.iter().map(Diagnostic::location).collect();
        assert_eq!(
            locs,
            ["w.yaml:1:10", "w.yaml:4:13", "w.yaml:6:11", "w.yaml:11:12"],
            "{}",
            e.render(false)
        );
    }

    #[test]
    fn unknown_keys_wrong_types_and_bad_values_all_come_in_one_pass() {
        let text = "version: 1\nevents:\n  a:\n    markd: true\n    labels: followup\n    notes:\n    - at: 2026-12-02T10:00:00Z\n      text: no author\nviews:\n  v:\n    query: ok\n    sort: newest\ndrafts:\n  d:\n    judgments: [{likelihood: likely}]\nextra: 1\n";
        let e = parse(text, Path::new("w.yaml")).unwrap_err();
        let got: Vec<String> = e.diagnostics.iter().map(Diagnostic::headline).collect();
        assert_eq!(
            got,
            [
                "w.yaml:4:5: error: unknown key 'markd' in an event's entry (did you mean 'marked'?); expected one of: marked, labels, notes",
                "w.yaml:5:13: error: labels: expected a list of texts, found text",
                "w.yaml:7:7: error: a note has no `author`",
                "w.yaml:12:11: error: sort 'newest' is not date or score",
                "w.yaml:15:17: error: a key judgment has no `text`",
                "w.yaml:16:1: error: unknown key 'extra' in the workspace; expected one of: version, events, views, drafts, briefs",
            ],
            "{}",
            e.render(false)
        );
    }

    #[test]
    fn brief_records_read_back_and_a_bad_one_is_located() {
        use crate::workspace::briefs::{BriefRecord, EventDigest, InputDigest, SourceDigest};
        let mut w = sample();
        w.record_brief(BriefRecord {
            draft: "weekly".into(),
            at: "2026-12-02T17:03:05Z".into(),
            inputs: vec![InputDigest {
                name: "t.yaml".into(),
                sha256: "ab".repeat(32),
            }],
            events: vec![EventDigest {
                id: "a-event".into(),
                date: "2024-09-17/2024-09-19".into(),
                title: "A: title".into(),
                summary: "0123456789abcdef".into(),
                sources: vec![SourceDigest {
                    id: "bis".into(),
                    reliability: "A".into(),
                    credibility: "1".into(),
                }],
            }],
        });
        let text = to_text(&w);
        assert_eq!(parse(&text, Path::new("w.yaml")).unwrap(), w);
        let bad = "version: 1\nbriefs:\n- draft: Weekly Two\n  at: yesterday\n  inputs: []\n  events:\n  - id: a\n    title: t\n    colour: red\n";
        let e = parse(bad, Path::new("w.yaml")).unwrap_err();
        let locs: Vec<String> = e.diagnostics.iter().map(Diagnostic::location).collect();
        assert_eq!(
            locs,
            ["w.yaml:3:10", "w.yaml:4:7", "w.yaml:7:5", "w.yaml:9:5"],
            "{}",
            e.render(false)
        );
    }

    #[test]
    fn a_repeated_key_is_an_error_not_a_silent_loss() {
        let text = "version: 1\nevents:\n  a: {marked: true}\n  a: {labels: [x]}\n";
        let e = parse(text, Path::new("w.yaml")).unwrap_err();
        assert!(e.summary().contains("w.yaml:4:"), "{}", e.summary());
    }

    #[test]
    fn a_missing_file_is_an_empty_workspace() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            read(&dir.path().join("none.yaml")).unwrap(),
            Workspace::default()
        );
        assert!(read(dir.path()).is_err(), "a folder is not a workspace");
    }
}
