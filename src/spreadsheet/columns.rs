//! Which column holds what: the TimelineJS sheet template's columns by their names, else
//! a mapping given with `--map field=Column,…` (or a mapping file of `field: Column`
//! lines), else the usual names (`date`, `title`, `summary`… as `tlx export --format csv`
//! writes them).

/// A field of an event that a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Date,
    End,
    Id,
    Title,
    DisplayDate,
    Summary,
    Tags,
    Actors,
    /// The source's publisher.
    Source,
    SourceUrl,
    SourceTitle,
    /// A media URL (a picture, a video).
    Media,
    /// Read and left alone: `tlx export`'s counts and grades, which the registries hold.
    Derived,
}

impl Field {
    /// The names `--map` takes.
    pub const NAMES: &'static [(&'static str, Field)] = &[
        ("date", Field::Date),
        ("end", Field::End),
        ("id", Field::Id),
        ("title", Field::Title),
        ("display_date", Field::DisplayDate),
        ("summary", Field::Summary),
        ("tags", Field::Tags),
        ("actors", Field::Actors),
        ("source", Field::Source),
        ("source_url", Field::SourceUrl),
        ("source_title", Field::SourceTitle),
        ("media", Field::Media),
    ];

    pub fn name(self) -> &'static str {
        Field::NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("derived", |(n, _)| n)
    }
}

/// Headers a column is recognised by when no mapping is given (compared without case,
/// spaces or `_`).
const USUAL: &[(&str, Field)] = &[
    ("date", Field::Date),
    ("when", Field::Date),
    ("start", Field::Date),
    ("startdate", Field::Date),
    ("end", Field::End),
    ("enddate", Field::End),
    ("until", Field::End),
    ("id", Field::Id),
    ("title", Field::Title),
    ("headline", Field::Title),
    ("event", Field::Title),
    ("what", Field::Title),
    ("displaydate", Field::DisplayDate),
    ("summary", Field::Summary),
    ("description", Field::Summary),
    ("details", Field::Summary),
    ("text", Field::Summary),
    ("tags", Field::Tags),
    ("tag", Field::Tags),
    ("categories", Field::Tags),
    ("category", Field::Tags),
    ("actors", Field::Actors),
    ("actor", Field::Actors),
    ("who", Field::Actors),
    ("publisher", Field::Source),
    ("source", Field::Source),
    ("outlet", Field::Source),
    ("url", Field::SourceUrl),
    ("link", Field::SourceUrl),
    ("sourceurl", Field::SourceUrl),
    ("sourcetitle", Field::SourceTitle),
    ("media", Field::Media),
    ("image", Field::Media),
    ("picture", Field::Media),
    ("sources", Field::Derived),
    ("grade", Field::Derived),
];

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The TimelineJS Google Sheets template's columns, as its header row names them.
pub const TEMPLATE: &[&str] = &[
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Is this the TimelineJS template's header row (a `Year` and a `Headline` column)?
pub fn is_template(headers: &[String]) -> bool {
    let has = |n: &str| headers.iter().any(|h| squash(h) == squash(n));
    has("Year") && has("Headline")
}

/// The column of each template name, by index into [`TEMPLATE`].
pub fn template_columns(headers: &[String]) -> Vec<Option<usize>> {
    TEMPLATE
        .iter()
        .map(|name| headers.iter().position(|h| squash(h) == squash(name)))
        .collect()
}

/// A mapping as given: `date=When,title=What` (a field name, `=` or `:`, a header), or
/// a mapping file's lines (`title: What, exactly`; `#` starts a comment line).
pub fn parse_map(spec: &str) -> Result<Vec<(Field, String)>, String> {
    let mut out = Vec::new();
    // A mapping file has a field per line (a header may hold a comma); `--map`, commas.
    let sep: &[char] = if spec.contains('\n') { &['\n'] } else { &[','] };
    for part in spec.split(sep) {
        let part = part.trim();
        if part.is_empty() || part.starts_with('#') {
            continue;
        }
        let Some((field, column)) = part.split_once(['=', ':']) else {
            return Err(format!("`{part}` is not field=Column"));
        };
        let field = field.trim();
        let Some(&(_, f)) = Field::NAMES.iter().find(|(n, _)| *n == field) else {
            let names: Vec<&str> = Field::NAMES.iter().map(|(n, _)| *n).collect();
            let hint = crate::suggest::closest(field, names.iter().copied())
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err(format!(
                "no field `{field}`{hint}: fields are {}",
                names.join(", ")
            ));
        };
        out.push((f, column.trim().to_string()));
    }
    Ok(out)
}

/// The field of each column: from the mapping (every header it names must be there), or
/// from the usual names. The first column of a field wins; a later one is left unmapped.
pub fn assign(
    headers: &[String],
    map: Option<&[(Field, String)]>,
) -> Result<Vec<Option<Field>>, String> {
    let mut fields: Vec<Option<Field>> = vec![None; headers.len()];
    match map {
        Some(map) => {
            for (f, column) in map {
                let at = headers
                    .iter()
                    .position(|h| h.trim() == column)
                    .or_else(|| headers.iter().position(|h| squash(h) == squash(column)));
                let Some(at) = at else {
                    return Err(format!(
                        "--map {}={column}: no column `{column}`; the columns are {}",
                        f.name(),
                        list(headers)
                    ));
                };
                fields[at] = Some(*f);
            }
        }
        None => {
            for (i, h) in headers.iter().enumerate() {
                let key = squash(h);
                if let Some(&(_, f)) = USUAL.iter().find(|(n, _)| *n == key)
                    && (f == Field::Derived || !fields.contains(&Some(f)))
                {
                    fields[i] = Some(f);
                }
            }
        }
    }
    for need in [Field::Date, Field::Title] {
        if !fields.contains(&Some(need)) {
            return Err(format!(
                "no {} column among {}: name it with --map {}=COLUMN",
                need.name(),
                list(headers),
                need.name()
            ));
        }
    }
    Ok(fields)
}

fn list(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| format!("`{}`", crate::text::sanitize(h)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn usual_names_and_a_mapping() {
        let f = assign(&h(&["When", "What", "Notes", "Link"]), None).unwrap();
        assert_eq!(
            f,
            vec![
                Some(Field::Date),
                Some(Field::Title),
                None,
                Some(Field::SourceUrl)
            ]
        );
        let f = assign(&h(&["Date", "Headline", "Link", "Whatever"]), None).unwrap();
        assert_eq!(
            f,
            vec![
                Some(Field::Date),
                Some(Field::Title),
                Some(Field::SourceUrl),
                None
            ]
        );
        let map = parse_map("date=Wann, title = Was ,source_url=Quelle").unwrap();
        let f = assign(&h(&["Wann", "Was", "Quelle"]), Some(&map)).unwrap();
        assert_eq!(f[2], Some(Field::SourceUrl));
        let e = assign(&h(&["Wann"]), Some(&map)).unwrap_err();
        assert!(e.contains("no column `Was`"), "{e}");
        let e = parse_map("titel=Was").unwrap_err();
        assert!(e.contains("did you mean `title`"), "{e}");
        let e = assign(&h(&["a", "b"]), None).unwrap_err();
        assert!(e.contains("no date column among `a`, `b`"), "{e}");
        assert!(is_template(&h(&["Year", "Month", "Headline"])));
        assert!(!is_template(&h(&["Date", "Headline"])));
    }
}
