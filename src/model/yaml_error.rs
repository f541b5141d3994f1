//! YAML errors in the timeline's words: a parser error or a breached budget becomes a
//! diagnostic with its place, a plain message and a hint.

use serde_saphyr::budget::BudgetBreach;

use super::diag::{At, Diagnostic, Kind};
use super::locate::line_text;
use super::options::LoadOptions;
use super::read::human_size;

/// Turns a serde-saphyr error into a diagnostic with a position and a plain message.
pub fn parse_error(
    input: u16,
    err: &serde_saphyr::Error,
    src: &str,
    opts: &LoadOptions,
) -> Diagnostic {
    let loc = err.location().filter(|l| l.line() > 0);
    let at = match loc {
        Some(l) => At::Span {
            input,
            line: l.line() as u32,
            column: l.column() as u32,
            length: 1,
        },
        None => At::File { input },
    };
    let factor = opts.max_expansion;
    let size = human_size(src.len() as u64);
    let expansion_help = format!(
        "help: the limits scale with the file's size ({factor}x); if this file is trusted, raise them with --max-expansion <FACTOR>"
    );
    let mut inner = err;
    while let serde_saphyr::Error::AliasError { error, .. }
    | serde_saphyr::Error::WithSnippet { error, .. } = inner
    {
        inner = error;
    }
    let (kind, message, note) = match inner {
        serde_saphyr::Error::Budget { breach, .. } => {
            let (msg, note) = match breach {
                BudgetBreach::Events { events } => (
                    format!("the file expands past the parser's event budget ({events} YAML events for a {size} file): YAML aliases (*name) repeating large anchors (&name) are the usual cause"),
                    expansion_help,
                ),
                BudgetBreach::Nodes { nodes } => (
                    format!("the file expands past the parser's node budget ({nodes} nodes for a {size} file): YAML aliases (*name) repeating large anchors (&name) are the usual cause"),
                    expansion_help,
                ),
                BudgetBreach::ScalarBytes { total_scalar_bytes } => (
                    format!("the file expands past the parser's text budget ({total_scalar_bytes} bytes of text for a {size} file)"),
                    expansion_help,
                ),
                BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => (
                    format!("the file's anchors (&name) hold more than the parser's anchor budget allows for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::Aliases { aliases } => (
                    format!("the file uses too many YAML aliases (*name): {aliases}, over the alias budget for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::Anchors { anchors } => (
                    format!("the file defines too many YAML anchors (&name): {anchors}, over the anchor budget for a {size} file"),
                    expansion_help,
                ),
                BudgetBreach::AliasAnchorRatio { aliases, anchors } => (
                    format!("the file repeats YAML aliases far more than it defines anchors ({aliases} aliases for {anchors} anchors, over the limit of 10 uses per anchor): it looks like an alias bomb"),
                    "help: write the repeated content out, or use fewer aliases".to_string(),
                ),
                BudgetBreach::Depth { depth } => (
                    format!("the file nests deeper than the parser's depth budget of 64 levels (reached {depth})"),
                    "help: a timeline needs only a few levels of nesting".to_string(),
                ),
                BudgetBreach::Documents { .. } => (
                    "the file holds more than one YAML document (`---`): a timeline file is one document".to_string(),
                    "help: split the documents into separate files, which tlx merges".to_string(),
                ),
                BudgetBreach::InputBytes { input_bytes } => (
                    format!("the file is over the size limit ({input_bytes} bytes read)"),
                    "help: raise the limit with --max-file-size <BYTES>".to_string(),
                ),
                other => (
                    format!("the file breaks a parser budget: {other:?}"),
                    expansion_help,
                ),
            };
            (Kind::Budget, msg, Some(note))
        }
        serde_saphyr::Error::MultipleDocuments { .. } => (
            Kind::Syntax,
            "the file holds more than one YAML document (`---`): a timeline file is one document"
                .to_string(),
            Some("help: split the documents into separate files, which tlx merges".to_string()),
        ),
        other => {
            let mut msg = other.render_with_options(serde_saphyr::render_options! {
                snippets: serde_saphyr::SnippetMode::Off,
            });
            msg = clean_parser_message(&msg);
            if msg.contains("recursion limit exceeded") {
                (
                    Kind::Budget,
                    "the file nests flow collections ([ and {) deeper than the parser's limit of 255 levels".to_string(),
                    Some("help: a timeline needs only a few levels of nesting".to_string()),
                )
            } else {
                (Kind::Syntax, format!("invalid YAML: {msg}"), None)
            }
        }
    };
    let mut d = Diagnostic::error(kind, at, message);
    if let Some(n) = note {
        d.notes.push(n);
    }
    if kind == Kind::Syntax
        && let Some(l) = loc
        && let Some((line, col, c)) = unclosed_flow(src, l.line() as u32)
    {
        d.notes.push(format!(
            "help: the '{c}' at line {line}, column {col} is never closed; close it with '{}'",
            if c == '[' { ']' } else { '}' }
        ));
    }
    if let Some(l) = loc {
        let text = line_text(src, l.line() as u32).unwrap_or("");
        // The parser may report a tab that indents a key on the line before it.
        let tabbed =
            |n: u32| line_text(src, n).is_some_and(|t| t.trim_start_matches(' ').starts_with('\t'));
        if tabbed(l.line() as u32) || tabbed(l.line() as u32 + 1) {
            d.notes
                .push("help: YAML does not allow tabs for indentation; indent with spaces".into());
        }
        d.line_text = Some(text.to_string());
    }
    d
}

/// The innermost flow collection (`[` or `{`) still open at the start of line `upto`,
/// if any: the usual cause of a confusing YAML error a few lines further down.
fn unclosed_flow(src: &str, upto: u32) -> Option<(u32, u32, char)> {
    let mut stack: Vec<(u32, u32, char)> = Vec::new();
    for (n, line) in src.split('\n').enumerate() {
        let n = n as u32 + 1;
        if n >= upto {
            break;
        }
        let mut quote: Option<char> = None;
        // Where a flow collection may begin: at a value start, or anywhere inside one.
        let mut value_start = true;
        for (col, c) in line.chars().enumerate() {
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '#' if col == 0
                    || line[..line.char_indices().nth(col).map_or(0, |(b, _)| b)]
                        .ends_with(' ') =>
                {
                    break;
                }
                '"' | '\'' if value_start || !stack.is_empty() => quote = Some(c),
                '[' | '{' if value_start || !stack.is_empty() => {
                    stack.push((n, col as u32 + 1, c));
                    value_start = true;
                    continue;
                }
                ']' | '}' if !stack.is_empty() => {
                    stack.pop();
                }
                ':' | '-' | ',' => {
                    value_start = true;
                    continue;
                }
                ' ' => continue,
                _ => {}
            }
            value_start = false;
        }
    }
    stack.pop()
}

/// Drops the parser's own "error: line 3 column 5:" prefix and trailing location.
fn clean_parser_message(msg: &str) -> String {
    let mut m = msg.trim().to_string();
    if let Some(rest) = m.strip_prefix("error: ") {
        m = rest.to_string();
    }
    if let Some(rest) = m.strip_prefix("line ")
        && let Some(idx) = rest.find(": ")
        && rest[..idx].contains("column")
    {
        m = rest[idx + 2..].to_string();
    }
    if let Some(idx) = m.find(" at line ") {
        m.truncate(idx);
    }
    m.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_message_prefixes_are_dropped() {
        assert_eq!(
            clean_parser_message("error: line 2 column 2: illegal placement of ':' indicator"),
            "illegal placement of ':' indicator"
        );
        assert_eq!(
            clean_parser_message("unexpected end at line 3 column 1"),
            "unexpected end"
        );
    }

    #[test]
    fn unclosed_flow_collections_are_found() {
        let src = "a: 1\nb: [x, y\nc: 2\n";
        assert_eq!(unclosed_flow(src, 3), Some((2, 4, '[')));
        assert_eq!(unclosed_flow("a: [x]\nb: {c: [1]}\nd: e\n", 3), None);
        assert_eq!(unclosed_flow("t: see [1] and [2\nx: y\n", 2), None);
        assert_eq!(unclosed_flow("t: \"[\"\nx: y\n", 2), None);
    }
}
