//! `tlx lint`: the ICD 203 estimative-language check, on a brief draft of the workspace
//! (language, and what each key judgment rests on) or on a written brief (its bottom
//! line and key judgments). Exit 0 without warnings, 1 with, 2 when there is nothing to
//! check.

use super::{EXIT_INVALID_OR_NO_MATCH, EXIT_OK, EXIT_USAGE_OR_IO, load_valid};
use crate::brief::lint::{Lint, lint_text};
use crate::cli::{Global, LintArgs};
use crate::text::sanitize;

pub fn run(args: &LintArgs, global: &Global) -> anyhow::Result<u8> {
    let (what, lints) = if let Some(file) = &args.brief {
        let text = match crate::fsutil::read_regular(file, 64 << 20) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!(
                    "tlx: cannot read {}: {e}",
                    sanitize(&file.display().to_string())
                );
                return Ok(EXIT_USAGE_OR_IO);
            }
        };
        (file.display().to_string(), lint_brief(&text))
    } else {
        let name = args.draft.clone().unwrap_or_default().trim().to_lowercase();
        let (tl, _) = match load_valid(&args.paths, global) {
            Ok(x) => x,
            Err(code) => return Ok(code),
        };
        let work = super::work::read_or_warn(global, &args.paths);
        let Some(d) = work.drafts.get(&name) else {
            let names = work.drafts.keys().map(String::as_str);
            let mean = crate::suggest::did_you_mean(&name, names);
            eprintln!("tlx: no brief draft '{}'{mean}", sanitize(&name));
            return Ok(EXIT_USAGE_OR_IO);
        };
        (
            format!("draft '{name}'"),
            crate::brief::lint::lint_draft(&tl, d),
        )
    };
    for l in &lints {
        println!("{}: warning: {}", sanitize(&what), sanitize(&l.to_string()));
    }
    let n = lints.len();
    eprintln!(
        "{}: {n} warning{}",
        sanitize(&what),
        if n == 1 { "" } else { "s" }
    );
    Ok(if n == 0 {
        EXIT_OK
    } else {
        EXIT_INVALID_OR_NO_MATCH
    })
}

/// The language checks on a brief's bottom line and key judgments (the sections the
/// analyst writes), and a judgment that says it rests on no event.
pub fn lint_brief(md: &str) -> Vec<Lint> {
    let section = |head: &str| -> String {
        let start = format!("## {head}\n");
        let Some(i) = md.find(&start) else {
            return String::new();
        };
        let rest = &md[i + start.len()..];
        let end = rest.find("\n## ").map_or(rest.len(), |j| j + 1);
        rest[..end].to_string()
    };
    let bluf = section("Bottom line up front");
    let mut out = if bluf.starts_with("\nGenerated summary of the selection") {
        Vec::new()
    } else {
        lint_text("bottom line", &bluf)
    };
    let judgments = section("Key judgments");
    for (n, line) in judgments
        .lines()
        .filter(|l| {
            l.split_once(". ")
                .is_some_and(|(k, _)| k.chars().all(|c| c.is_ascii_digit()) && !k.is_empty())
        })
        .enumerate()
    {
        let place = format!("judgment {}", n + 1);
        // The sentence, without the likelihood and confidence the brief puts after it.
        let sentence = line.split(" *(").next().unwrap_or(line);
        out.extend(lint_text(&place, sentence));
        if line.ends_with("Rests on no event of the timeline.") {
            out.push(Lint {
                place,
                message: "rests on no event: name the events it stands on".into(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brief_is_checked_where_the_analyst_wrote() {
        let md = "# T\n\n*Generated…*\n\n## Bottom line up front\n\nIt will perhaps hold.\n\n## Key judgments\n\n1. It holds. *(likely; moderate confidence)* Rests on: [A](#a).\n2. It maybe ends. *(unlikely)* Rests on no event of the timeline.\n\n## Key events\n\nPossibly not checked here.\n";
        let l: Vec<String> = lint_brief(md).iter().map(Lint::to_string).collect();
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(l[0].starts_with("bottom line: 'perhaps'"));
        assert!(l[1].starts_with("judgment 2: 'maybe'"));
        assert_eq!(
            l[2],
            "judgment 2: rests on no event: name the events it stands on"
        );
        let generated = "## Bottom line up front\n\nGenerated summary of the selection (no bottom line was written for this brief): possibly.\n";
        assert!(
            lint_brief(generated).is_empty(),
            "a generated bottom line is not the analyst's"
        );
    }
}
