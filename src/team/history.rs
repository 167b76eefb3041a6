//! `itlead history`, as pure functions: a saved result becomes one
//! [`HistoryEntry`], and entries become a table or JSON.

use std::fmt::Write as _;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::format::{Column, Table, missing};
use crate::render::report::Layout;
use crate::render::{dim, heading, wrap};
use crate::result::{AxisResult, ResultDocument};
use crate::score::Band;

/// One saved result, as `history` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Path of the result file.
    pub file: String,
    /// When the result was made (RFC 3339).
    pub created: String,
    /// Content title.
    pub content_title: String,
    /// Content version.
    pub content_version: String,
    /// `full`, `quick` or `axes`.
    pub mode: String,
    /// Mean of all axis scores.
    pub overall_score: Option<i32>,
    /// Band of the mean.
    pub overall_band: Band,
    /// The axis with the lowest negative score.
    pub clearest_manager: Option<String>,
    /// The manager pole of that axis (`Status quo`).
    pub clearest_manager_pole: Option<String>,
    /// The axis with the highest positive score.
    pub clearest_leader: Option<String>,
    /// The leader pole of that axis (`Vision`).
    pub clearest_leader_pole: Option<String>,
}

/// The entry for `result`, saved at `file`.
pub fn entry(file: &Path, result: &ResultDocument) -> HistoryEntry {
    HistoryEntry {
        file: file.display().to_string(),
        created: result.created.clone(),
        content_title: result.content.title.clone(),
        content_version: result.content.version.clone(),
        mode: result.mode.clone(),
        overall_score: result.overall.score,
        overall_band: result.overall.band,
        clearest_manager: result.overall.clearest_manager.clone(),
        clearest_manager_pole: pole(result, result.overall.clearest_manager.as_deref(), |axis| {
            &axis.manager
        }),
        clearest_leader: result.overall.clearest_leader.clone(),
        clearest_leader_pole: pole(result, result.overall.clearest_leader.as_deref(), |axis| {
            &axis.leader
        }),
    }
}

fn pole(
    result: &ResultDocument,
    id: Option<&str>,
    name: impl Fn(&AxisResult) -> &String,
) -> Option<String> {
    id.and_then(|id| result.axis(id)).map(|axis| name(axis).clone())
}

/// Oldest first; results made in the same second by file name.
pub fn sort(entries: &mut [HistoryEntry]) {
    entries.sort_by(|a, b| (&a.created, &a.file).cmp(&(&b.created, &b.file)));
}

/// `2025-01-10T09:30:00Z` as `2025-01-10 09:30`; anything else as it is.
fn short_date(created: &str) -> String {
    match created.get(..16) {
        Some(prefix) if created.as_bytes().get(10) == Some(&b'T') => prefix.replacen('T', " ", 1),
        _ => created.to_owned(),
    }
}

/// The line shown when there is nothing to list.
pub fn empty_text(directory: &Path, layout: Layout) -> String {
    let mut out = wrap(
        &format!(
            "No saved results yet in {}. `itlead assess` saves one each time it finishes.",
            directory.display()
        ),
        layout.width,
        "",
    );
    out.push('\n');
    out
}

/// The listing as a table, oldest first.
pub fn text(entries: &[HistoryEntry], directory: &Path, layout: Layout) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        heading(&wrap(
            &format!("{} saved result{}", entries.len(), if entries.len() == 1 { "" } else { "s" }),
            layout.width,
            ""
        ))
    );
    out.push_str(&dim(&wrap(&format!("in {}", directory.display()), layout.width, "")));
    out.push_str("\n\n");
    let none = missing(layout.ascii);
    let mut table = Table::new(vec![
        Column::text("date"),
        Column::cuttable("version"),
        Column::text("mode"),
        Column::cuttable("leans manager"),
        Column::cuttable("leans leader"),
        Column::text("file"),
    ]);
    for entry in entries {
        let file = Path::new(&entry.file)
            .file_name()
            .map_or_else(|| entry.file.clone(), |name| name.to_string_lossy().into_owned());
        table.row(vec![
            short_date(&entry.created),
            entry.content_version.clone(),
            entry.mode.clone(),
            entry.clearest_manager_pole.clone().unwrap_or_else(|| none.to_owned()),
            entry.clearest_leader_pole.clone().unwrap_or_else(|| none.to_owned()),
            file,
        ]);
    }
    out.push_str(&table.render(layout.width));
    out.push_str(&dim(&wrap(
        "leans manager, leans leader: the clearest leaning on each side.",
        layout.width,
        "  ",
    )));
    out.push_str("\n\n");
    out.push_str(&dim(&wrap(
        "`itlead report FILE` shows one again; `itlead compare OLD NEW` shows what moved.",
        layout.width,
        "",
    )));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shortened_only_when_they_look_like_rfc3339() {
        assert_eq!(short_date("2025-01-10T09:30:00Z"), "2025-01-10 09:30");
        assert_eq!(short_date("yesterday"), "yesterday");
        assert_eq!(short_date("2025-01-10 09:30:00+01:00"), "2025-01-10 09:30:00+01:00");
    }
}
