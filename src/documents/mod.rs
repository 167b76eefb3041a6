//! Documents: each builds one [`View`](crate::view::View) of its data, and
//! serialises its data for JSON and YAML ([`crate::export::Document`]).
//! Adding a document is adding one builder here; every format then draws it.

pub mod check;
pub mod compare;
pub mod explain;
pub mod feedback;
pub mod history;
pub mod report;
pub mod stats;
pub mod team;

use crate::view::{Cell, Column, poles};

/// The complementarity point both source articles end on.
pub const CLOSING: &str = "Neither side is the better one. Managing keeps today's work reliable; \
leading keeps the team moving toward what comes next. Teams need both, and so does a career: use \
your leanings as strengths, and lean on colleagues who stand on the other side.";

/// The same point in a colleague's answers about someone else, which
/// speak to the reader, not to the person rated.
pub const OBSERVER_CLOSING: &str = "Neither side is the better one. Managing keeps today's work \
reliable; leading keeps the team moving toward what comes next. Teams need both, and so does a \
career: leanings are strengths, best used beside colleagues who stand on the other side.";

/// What "mixed" means, said once in a document that shows it; `whose` is
/// "your" or "the". The one place to change when the mixed flag changes.
pub fn mixed_meaning(whose: &str) -> String {
    format!(
        "mixed: no side shows, and {whose} answers leaned one way in some scenarios and the other \
         way in others, more than a consistent person's would (a test at the 5 % level): it \
         depends on the situation."
    )
}

/// What "no clear leaning" means, said once under a chart that shows it.
pub fn no_clear_leaning_meaning(whose: &str) -> String {
    format!(
        "no clear leaning: the score is past ±20, but within its margin of the middle; {whose} \
         answers do not yet show which side it is (a side shows from 1.645 margins)."
    )
}

/// The date and time of an RFC 3339 stamp, without the zone: `2026-11-26 13:20`.
pub fn when_short(created: &str) -> String {
    match created.get(..16) {
        Some(prefix) if created.as_bytes().get(10) == Some(&b'T') => prefix.replacen('T', " ", 1),
        _ => created.to_owned(),
    }
}

/// The date and time of an RFC 3339 stamp for people: `2026-11-26 13:20 UTC`.
pub fn when(created: &str) -> String {
    let short = when_short(created);
    if short != created && created.ends_with('Z') { format!("{short} UTC") } else { short }
}

/// The columns of a table with a row per contrast: first those that name
/// the contrast (its two sides for people; id, theme and each side's name
/// for machines), then `rest`.
pub fn contrast_columns(rest: Vec<Column>) -> Vec<Column> {
    let mut columns = vec![
        Column::text("contrast", "contrast").people().cuttable(),
        Column::text("id", "id").machines(),
        Column::text("theme", "theme").machines(),
        Column::text("manager", "manager").machines(),
        Column::text("leader", "leader").machines(),
    ];
    columns.extend(rest);
    columns
}

/// A row under [`contrast_columns`]: the contrast's names, then `rest`.
pub fn contrast_row(
    id: &str,
    theme: &str,
    manager: &str,
    leader: &str,
    rest: Vec<Cell>,
) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(poles(manager, leader)),
        Cell::Code(id.to_owned()),
        Cell::text(theme),
        Cell::text(manager),
        Cell::text(leader),
    ];
    row.extend(rest);
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_shortened_only_when_they_look_like_rfc3339() {
        assert_eq!(when("2025-01-10T09:30:00Z"), "2025-01-10 09:30 UTC");
        assert_eq!(when("yesterday"), "yesterday");
        assert_eq!(when("2025-01-10T09:30:00+01:00"), "2025-01-10 09:30");
        assert_eq!(when_short("2025-01-10T09:30:00Z"), "2025-01-10 09:30");
    }
}
