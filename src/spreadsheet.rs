//! Spreadsheets in: CSV and TSV (RFC 4180, quoted line breaks, a byte-order mark, `;`
//! from European spreadsheets) into a timeline file.
//!
//! The columns are the TimelineJS sheet template's (recognised by their names and
//! converted as the TimelineJS import converts its JSON), or named by a mapping, or
//! recognised by the usual names (`date`, `title`, … as `tlx export --format csv` writes
//! them). Every row that cannot be converted, wholly or in part, is a [`RowProblem`] with
//! its row and column; the YAML returned loads without errors. `docs/csv.md` documents it.

mod columns;
mod dates;
mod rows;
mod template;

use std::fmt::Write as _;

pub use columns::{Field, parse_map};
pub use dates::DateOrder;

use crate::model::{LoadOptions, load_texts};
use crate::timelinejs::yaml::Doc;
use crate::timelinejs::{ImportError, ProblemKind};

/// How to read the file.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Which column holds which field (`--map`); without it, the template's names or the
    /// usual ones.
    pub map: Option<Vec<(Field, String)>>,
    /// Day and month order of `6/7/2024` (`--date-order`); without it, what the file's
    /// dates show.
    pub date_order: Option<DateOrder>,
    /// The field separator; without it, a tab for a `.tsv` file, else the one of `,`, `;`
    /// and tab the header row has most of.
    pub delimiter: Option<u8>,
}

/// One row of the file: where it starts, its number as a spreadsheet shows it (the
/// header is row 1), and its cells.
#[derive(Clone, Debug)]
pub struct Row {
    pub line: u64,
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// Cell `i`, empty past the row's end; a leading `'` that keeps a spreadsheet from
    /// reading text as a formula (`'=x`, as `tlx export` writes it) is taken off.
    pub fn cell(&self, i: usize) -> &str {
        let c = self.cells.get(i).map_or("", String::as_str);
        match c.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => c,
        }
    }
}

/// Something in a row (or the file) that was not converted as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The line the row starts on, and its number (none for the file as a whole).
    pub at: Option<(u64, usize)>,
    /// The column, counted from 1, and its header.
    pub column: Option<(usize, String)>,
    pub kind: ProblemKind,
    pub message: String,
}

impl RowProblem {
    /// `FILE:LINE: row 12, column 3 (Date): skipped: …`, control characters made visible.
    pub fn render(&self, file: &str) -> String {
        let mut s = file.to_string();
        if let Some((line, row)) = self.at {
            let _ = write!(s, ":{line}: row {row}");
            if let Some((n, name)) = &self.column {
                let _ = write!(s, ", column {n} ({name})");
            }
        } else if let Some((n, name)) = &self.column {
            let _ = write!(s, ": column {n} ({name})");
        }
        let _ = write!(s, ": {}: {}", self.kind, self.message);
        crate::text::sanitize(&s).into_owned()
    }
}

/// The problems found so far, and the headers to name columns by.
pub struct Problems {
    headers: Vec<String>,
    pub list: Vec<RowProblem>,
}

impl Problems {
    fn push(
        &mut self,
        row: Option<&Row>,
        column: Option<usize>,
        kind: ProblemKind,
        message: String,
    ) {
        self.list.push(RowProblem {
            at: row.map(|r| (r.line, r.number)),
            column: column.map(|c| (c + 1, self.headers.get(c).cloned().unwrap_or_default())),
            kind,
            message,
        });
    }
    fn skipped(&mut self, row: &Row, column: Option<usize>, message: impl Into<String>) {
        self.push(Some(row), column, ProblemKind::Skipped, message.into());
    }
    fn not_converted(&mut self, row: &Row, column: Option<usize>, message: impl Into<String>) {
        self.push(Some(row), column, ProblemKind::NotConverted, message.into());
    }
}

/// What an import gives.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The timeline file; it loads without errors.
    pub yaml: String,
    pub problems: Vec<RowProblem>,
    /// Events written, and the data rows read.
    pub events: usize,
    pub rows: usize,
    /// Was the file the TimelineJS sheet template?
    pub template: bool,
}

impl Imported {
    /// Was every row converted whole (notes allowed)?
    pub fn is_complete(&self) -> bool {
        self.problems.iter().all(|p| p.kind == ProblemKind::Note)
    }
    pub fn count(&self, kind: ProblemKind) -> usize {
        self.problems.iter().filter(|p| p.kind == kind).count()
    }
}

/// Why a file could not be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("{line}: {message}")]
    Csv { line: u64, message: String },
    #[error("the file has no header row")]
    Empty,
    #[error("{0}")]
    Columns(String),
    #[error("{0}")]
    Convert(String),
}

/// Reads `text` (the file named `name`) as a spreadsheet and converts it. `progress` is
/// told how many rows have been read, every few thousand.
pub fn import(
    text: &str,
    name: &str,
    opts: &Options,
    progress: &mut dyn FnMut(usize),
) -> Result<Imported, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = opts.delimiter.unwrap_or_else(|| sniff(text, name));
    let (headers, rows) = read(text, delimiter, progress)?;
    let mut p = Problems {
        headers: headers.clone(),
        list: Vec::new(),
    };
    let template = opts.map.is_none() && columns::is_template(&headers);
    let (yaml, events) = if template {
        // Columns the template does not have are reported, as mapped files' are.
        let known = columns::template_columns(&headers);
        let fields: Vec<Option<Field>> = (0..headers.len())
            .map(|i| known.contains(&Some(i)).then_some(Field::Derived))
            .collect();
        unmapped(&headers, &fields, &rows, &mut p);
        let imported = template::convert(&headers, &rows, name, &mut p).map_err(|e| match e {
            ImportError::Internal(m) => CsvError::Convert(m),
            other => CsvError::Convert(other.to_string()),
        })?;
        (imported.yaml, imported.events)
    } else {
        let fields = columns::assign(&headers, opts.map.as_deref()).map_err(CsvError::Columns)?;
        unmapped(&headers, &fields, &rows, &mut p);
        let order = match opts.date_order {
            Some(o) => dates::Orders {
                given: Some(o),
                shown: None,
            },
            None => {
                let date = fields.iter().position(|f| *f == Some(Field::Date));
                let end = fields.iter().position(|f| *f == Some(Field::End));
                dates::Orders {
                    given: None,
                    shown: dates::infer_order(
                        rows.iter()
                            .flat_map(|r| [date, end].into_iter().flatten().map(|i| r.cell(i))),
                    ),
                }
            }
        };
        let (events, actors) = rows::convert(&rows, &fields, order, &mut p);
        let doc = Doc {
            header: vec![
                format!(
                    "Converted from {} (CSV) by tlx {} (tlx import csv).",
                    crate::timelinejs::html::one_line(name),
                    env!("CARGO_PKG_VERSION")
                ),
                "Check it with `tlx validate`; docs/csv.md says how each column was read.".into(),
            ],
            title: title_from(name),
            actors,
            events,
            ..Doc::default()
        };
        let n = doc.events.len();
        let yaml = doc.to_yaml();
        let loaded = load_texts(&[("converted.yaml", &yaml)], &LoadOptions::default());
        if loaded.has_errors() {
            let msgs: Vec<String> = loaded.errors().map(|d| d.headline()).collect();
            return Err(CsvError::Convert(msgs.join("; ")));
        }
        (yaml, n)
    };
    // By row, the file's own problems first, as the rows were read.
    p.list.sort_by_key(|q| q.at.map_or(0, |(line, _)| line));
    Ok(Imported {
        yaml,
        problems: p.list,
        events,
        rows: rows.len(),
        template,
    })
}

/// A title from the file's name: `my_timeline.csv` → `my timeline`.
fn title_from(name: &str) -> String {
    let file = std::path::Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name);
    let t = file.replace(['_', '-'], " ");
    let t = t.trim();
    if t.is_empty() {
        "Imported timeline".into()
    } else {
        t.to_string()
    }
}

/// The separator: a tab for `.tsv`, else whichever of `,`, `;` and tab the header row
/// (outside quotes) has most of, `,` on a tie.
fn sniff(text: &str, name: &str) -> u8 {
    if name.to_ascii_lowercase().ends_with(".tsv") {
        return b'\t';
    }
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// The header row and the data rows (rows with every cell empty left out).
fn read(
    text: &str,
    delimiter: u8,
    progress: &mut dyn FnMut(usize),
) -> Result<(Vec<String>, Vec<Row>), CsvError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let error = |e: csv::Error| CsvError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    };
    let headers: Vec<String> = match records.next() {
        Some(r) => r
            .map_err(error)?
            .iter()
            .map(|h| h.trim().to_string())
            .collect(),
        None => return Err(CsvError::Empty),
    };
    if headers.iter().all(|h| h.is_empty()) {
        return Err(CsvError::Empty);
    }
    let mut rows = Vec::new();
    let mut number = 1;
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    for (i, r) in records.enumerate() {
        let r = r.map_err(error)?;
        if (i + 1) % 5_000 == 0 {
            progress(i + 1);
        }
        // The reader skips blank lines, which a spreadsheet counts as rows, and places a
        // record before the line break that ends the one before it.
        let (line, blank) = r
            .position()
            .map_or((0, 0), |p| lines.place(p.byte() as usize));
        number += 1 + blank;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows.push(Row {
            line,
            number,
            // A line break inside a cell, as CRLF or LF, is a line break.
            cells: r.iter().map(|c| c.replace("\r\n", "\n")).collect(),
        });
    }
    Ok((headers, rows))
}

/// Line numbers for records read in order: counted on from the last record's, so that a
/// big file is scanned once.
struct Lines<'a> {
    text: &'a [u8],
    /// A byte offset, and the line it is on.
    at: usize,
    line: u64,
}

impl Lines<'_> {
    /// Where a record that the reader says starts at byte `at` really starts (the reader
    /// places it before the line break that ends the record before): its line, from 1,
    /// and how many blank lines come right before it.
    fn place(&mut self, at: usize) -> (u64, usize) {
        let bytes = self.text;
        let mut start = at.min(bytes.len()).max(self.at);
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        self.line += memchr::memchr_iter(b'\n', &bytes[self.at..start]).count() as u64;
        self.at = start;
        // Before the record: the line break that ends the line before, then any empty
        // lines (a quoted field's own empty lines end in its closing quote, not here).
        let mut before = &bytes[..start];
        let strip = |b: &mut &[u8]| match b.strip_suffix(b"\n") {
            Some(rest) => {
                *b = rest.strip_suffix(b"\r").unwrap_or(rest);
                true
            }
            None => false,
        };
        let mut blank = 0;
        if strip(&mut before) {
            while before.ends_with(b"\n") && strip(&mut before) {
                blank += 1;
            }
        }
        (self.line, blank)
    }
}

/// Columns no field takes, that hold something: not converted, once each; cells past
/// the header's columns, once per row.
fn unmapped(headers: &[String], fields: &[Option<Field>], rows: &[Row], p: &mut Problems) {
    for (i, f) in fields.iter().enumerate() {
        if f.is_some() || headers[i].is_empty() && rows.iter().all(|r| r.cell(i).trim().is_empty())
        {
            continue;
        }
        let used = rows.iter().filter(|r| !r.cell(i).trim().is_empty()).count();
        if used == 0 {
            continue;
        }
        p.push(
            None,
            Some(i),
            ProblemKind::NotConverted,
            format!(
                "{used} row{} of text not converted: no field takes this column (--map FIELD=COLUMN, fields: {})",
                if used == 1 { "" } else { "s" },
                Field::NAMES.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            ),
        );
    }
    for r in rows {
        let extra = r
            .cells
            .iter()
            .skip(headers.len())
            .filter(|c| !c.trim().is_empty())
            .count();
        if extra > 0 {
            p.push(
                Some(r),
                None,
                ProblemKind::NotConverted,
                format!(
                    "{extra} cell{} past the header's {} columns",
                    if extra == 1 { "" } else { "s" },
                    headers.len()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_rows(text: &str) -> Vec<(u64, usize)> {
        let (_, rows) = read(text, b',', &mut |_| {}).unwrap();
        rows.iter().map(|r| (r.line, r.number)).collect()
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        assert_eq!(lines_and_rows("d,t\n1,a\n2,b\n"), [(2, 2), (3, 3)]);
        assert_eq!(lines_and_rows("d,t\r\n1,a\r\n2,b\r\n"), [(2, 2), (3, 3)]);
        // Blank lines are blank rows; a quoted line break is one row on two lines.
        assert_eq!(lines_and_rows("d,t\n\n\n1,a\n"), [(4, 4)]);
        assert_eq!(lines_and_rows("d,t\r\n\r\n1,a\r\n"), [(3, 3)]);
        assert_eq!(lines_and_rows("d,t\n1,\"a\n\nb\"\n2,c\n"), [(2, 2), (5, 3)]);
        // A row of empty cells is a row, not an event.
        assert_eq!(lines_and_rows("d,t\n,\n2,c\n"), [(3, 3)]);
    }
}
