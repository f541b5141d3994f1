//! The columns of `tlx list`'s table: their names for `--columns`, what each cell holds,
//! and how a row is fitted to a terminal (the title keeps its room; the tags, then the id,
//! give way when the columns are the default ones).

use crate::model::{DateStyle, EventIx, Timeline};
use crate::text::sanitize;

/// A column of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Date,
    Title,
    Id,
    Tags,
    Actors,
    Eras,
    Publishers,
    Grade,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Date,
        Column::Title,
        Column::Id,
        Column::Tags,
        Column::Actors,
        Column::Eras,
        Column::Publishers,
        Column::Grade,
    ];

    /// The columns without `--columns`.
    pub const DEFAULT: [Column; 4] = [Column::Date, Column::Title, Column::Id, Column::Tags];

    pub fn name(self) -> &'static str {
        match self {
            Column::Date => "date",
            Column::Title => "title",
            Column::Id => "id",
            Column::Tags => "tags",
            Column::Actors => "actors",
            Column::Eras => "eras",
            Column::Publishers => "publishers",
            Column::Grade => "grade",
        }
    }

    /// The SGR colour of the column's text on a terminal (`None`: plain).
    pub fn sgr(self) -> Option<&'static str> {
        match self {
            Column::Date => Some("2"),
            Column::Id => Some("36"),
            Column::Tags => Some("33"),
            _ => None,
        }
    }

    /// The cell of event `ix` in this column, one line of text (the title's is its text:
    /// it is drawn with its highlights).
    pub fn cell(self, tl: &Timeline, ix: EventIx, tz: Option<chrono_tz::Tz>) -> String {
        let e = &tl.events[ix as usize];
        let joined = |items: Vec<&str>, sep: &str| sanitize(&items.join(sep)).into_owned();
        match self {
            Column::Date => sanitize(&e.date_label(DateStyle::Text, tz)).into_owned(),
            Column::Title => sanitize(&e.title).into_owned(),
            Column::Id => sanitize(&e.id).into_owned(),
            Column::Tags => joined(e.tags.iter().map(|&t| tl.tag(t)).collect(), ","),
            Column::Actors => joined(
                e.actors
                    .iter()
                    .map(|a| tl.actor(a.actor).id.as_str())
                    .collect(),
                ",",
            ),
            Column::Eras => joined(tl.eras_of(e).map(|x| x.id.as_str()).collect(), ","),
            Column::Publishers => {
                let mut names: Vec<&str> = Vec::new();
                for c in &e.citations {
                    let p = tl.source(c.source).publisher.as_str();
                    if !names.contains(&p) {
                        names.push(p);
                    }
                }
                joined(names, "; ")
            }
            Column::Grade => tl
                .best_reliability(e)
                .map(|r| r.to_string())
                .unwrap_or_default(),
        }
    }
}

/// `--columns date,title,id`: the columns named, in order; an unknown name is an error
/// that lists the valid ones and suggests the nearest.
pub fn parse(list: &str) -> Result<Vec<Column>, String> {
    let names = Column::ALL.map(Column::name);
    let mut columns = Vec::new();
    for name in list.split(',').map(str::trim) {
        if name.is_empty() {
            return Err(format!(
                "--columns: an empty column name in '{list}'\n  = help: the columns are: {}",
                names.join(", ")
            ));
        }
        match Column::ALL
            .into_iter()
            .find(|c| c.name() == name.to_lowercase())
        {
            Some(c) => columns.push(c),
            None => {
                return Err(format!(
                    "--columns: unknown column '{}'{}\n  = help: the columns are: {}",
                    sanitize(name),
                    crate::suggest::did_you_mean(name, names),
                    names.join(", ")
                ));
            }
        }
    }
    Ok(columns)
}

/// The widest a list column (tags, actors, eras, publishers) is on a terminal.
const LIST_CAP: usize = 24;
/// The room a title gets on a terminal before a default column gives way (or all of it,
/// when it is shorter).
const TITLE_ROOM: usize = 40;
/// The least room a title is cut to.
const TITLE_MIN: usize = 10;

/// The columns shown and the width of each, from the widest cell of each column: piped
/// (`width: None`), every column at its widest; on a terminal of `width` cells, list
/// columns are capped, and when the title would get less than its room the tags, then
/// the id, are left out if the columns are the default ones (`droppable`). The title
/// takes what is left, never less than a few cells.
pub fn fit(
    columns: &[Column],
    widest: &[usize],
    width: Option<usize>,
    droppable: bool,
) -> Vec<(Column, usize)> {
    let mut shown: Vec<(Column, usize)> = columns
        .iter()
        .copied()
        .zip(widest.iter().copied())
        .collect();
    let Some(w) = width else {
        return shown;
    };
    for (c, cells) in &mut shown {
        if matches!(
            c,
            Column::Tags | Column::Actors | Column::Eras | Column::Publishers
        ) {
            *cells = (*cells).min(LIST_CAP);
        }
    }
    let title_w = shown
        .iter()
        .find(|(c, _)| *c == Column::Title)
        .map(|&(_, n)| n);
    let Some(title_w) = title_w else {
        return shown;
    };
    let room = |shown: &[(Column, usize)]| {
        let others: usize = shown
            .iter()
            .filter(|(c, _)| *c != Column::Title)
            .map(|&(_, n)| n + 2)
            .sum();
        w.saturating_sub(others)
    };
    let want = title_w.min(TITLE_ROOM);
    if droppable {
        for gone in [Column::Tags, Column::Id] {
            if room(&shown) >= want {
                break;
            }
            shown.retain(|(c, _)| *c != gone);
        }
    }
    let title = room(&shown).min(title_w).max(TITLE_MIN.min(title_w));
    for (c, cells) in &mut shown {
        if *c == Column::Title {
            *cells = title;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_in_order_and_a_typo_is_named_with_the_nearest() {
        assert_eq!(
            parse("title,date,grade").unwrap(),
            [Column::Title, Column::Date, Column::Grade]
        );
        assert_eq!(parse(" Id , TAGS").unwrap(), [Column::Id, Column::Tags]);
        let e = parse("date,titel").unwrap_err();
        assert!(
            e.starts_with("--columns: unknown column 'titel' (did you mean 'title'?)"),
            "{e}"
        );
        assert!(
            e.ends_with("the columns are: date, title, id, tags, actors, eras, publishers, grade"),
            "{e}"
        );
        assert!(
            parse("date,,id")
                .unwrap_err()
                .contains("an empty column name")
        );
    }

    #[test]
    fn on_a_terminal_the_tags_then_the_id_give_way_to_the_title() {
        let d = &Column::DEFAULT;
        // date 11, title 70, id 43, tags 30.
        let widest = [11, 70, 43, 30];
        assert_eq!(
            fit(d, &widest, None, true),
            [
                (Column::Date, 11),
                (Column::Title, 70),
                (Column::Id, 43),
                (Column::Tags, 30)
            ]
        );
        // 200 cells: all of it, the tags capped.
        assert_eq!(
            fit(d, &widest, Some(200), true),
            [
                (Column::Date, 11),
                (Column::Title, 70),
                (Column::Id, 43),
                (Column::Tags, 24)
            ]
        );
        // 120: the tags go, the id stays, the title gets the rest.
        assert_eq!(
            fit(d, &widest, Some(120), true),
            [(Column::Date, 11), (Column::Title, 62), (Column::Id, 43)]
        );
        // 80: the id goes too.
        assert_eq!(
            fit(d, &widest, Some(80), true),
            [(Column::Date, 11), (Column::Title, 67)]
        );
        // Columns asked for are kept: the title is cut instead.
        assert_eq!(
            fit(d, &widest, Some(80), false),
            [
                (Column::Date, 11),
                (Column::Title, 10),
                (Column::Id, 43),
                (Column::Tags, 24)
            ]
        );
    }
}
