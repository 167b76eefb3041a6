//! `itlead history`, as pure functions: a saved result becomes one
//! [`HistoryEntry`], numbered oldest first, with a handle `itlead report`
//! takes (`itlead report 3`, `itlead report latest`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::result::{AxisResult, ResultDocument};

/// One saved result, as `history` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Position, oldest first, from 1: `itlead report NUMBER` shows it.
    pub number: usize,
    /// Path of the result file.
    pub file: String,
    /// When the result was made (RFC 3339).
    pub created: String,
    /// Who answered, when the result names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The person rated, for an observer's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Content title.
    pub content_title: String,
    /// Content version.
    pub content_version: String,
    /// `full`, `quick` or `axes`.
    pub mode: String,
    /// The axis leaning furthest toward the manager side.
    pub clearest_manager: Option<String>,
    /// The manager pole of that axis (`Status quo`).
    pub clearest_manager_pole: Option<String>,
    /// The axis leaning furthest toward the leader side.
    pub clearest_leader: Option<String>,
    /// The leader pole of that axis (`Vision`).
    pub clearest_leader_pole: Option<String>,
}

/// The entry for `result`, saved at `file`; numbered by [`number`].
pub fn entry(file: &Path, result: &ResultDocument) -> HistoryEntry {
    HistoryEntry {
        number: 0,
        file: file.display().to_string(),
        created: result.created.clone(),
        name: result.name.clone(),
        about: result.about.as_ref().map(|about| about.name.clone()),
        content_title: result.content.title.clone(),
        content_version: result.content.version.clone(),
        mode: result.selection.mode().to_owned(),
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

/// Sorts oldest first and numbers the entries from 1. Results made in the
/// same second are saved as `STAMP.json`, `STAMP-2.json`, `STAMP-3.json` …,
/// so they follow that count rather than plain string order (which would
/// put `-2` before `.json`).
pub fn number(entries: &mut [HistoryEntry]) {
    entries.sort_by(|a, b| {
        (&a.created, same_second_order(&a.file), &a.file).cmp(&(
            &b.created,
            same_second_order(&b.file),
            &b.file,
        ))
    });
    for (index, entry) in entries.iter_mut().enumerate() {
        entry.number = index + 1;
    }
}

/// A file's stem without its `-N` count, and the count (1 without one).
pub fn same_second_order(file: &str) -> (&str, u64) {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match stem.rsplit_once('-') {
        Some((base, count))
            if !count.is_empty() && count.bytes().all(|byte| byte.is_ascii_digit()) =>
        {
            (base, count.parse().unwrap_or(u64::MAX))
        }
        _ => (stem, 1),
    }
}

/// The entry a handle names: `latest`, a number from `history`, or a file
/// name with or without its extension.
pub fn find<'a>(entries: &'a [HistoryEntry], handle: &str) -> Option<&'a HistoryEntry> {
    if handle == "latest" {
        return entries.last();
    }
    if let Ok(number) = handle.trim_start_matches('#').parse::<usize>() {
        return entries.iter().find(|entry| entry.number == number);
    }
    entries.iter().find(|entry| {
        let path = Path::new(&entry.file);
        path.file_name().is_some_and(|name| name == handle)
            || path.file_stem().is_some_and(|stem| stem == handle)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, created: &str) -> HistoryEntry {
        HistoryEntry {
            number: 0,
            file: file.to_owned(),
            created: created.to_owned(),
            name: None,
            about: None,
            content_title: String::from("T"),
            content_version: String::from("2.0.0"),
            mode: String::from("full"),
            clearest_manager: None,
            clearest_manager_pole: None,
            clearest_leader: None,
            clearest_leader_pole: None,
        }
    }

    #[test]
    fn handles_find_entries() {
        let mut entries = vec![
            entry("/r/b.json", "2026-02-01T00:00:00Z"),
            entry("/r/a.json", "2026-01-01T00:00:00Z"),
        ];
        number(&mut entries);
        assert_eq!(entries[0].file, "/r/a.json");
        assert_eq!(find(&entries, "latest").map(|e| e.number), Some(2));
        assert_eq!(find(&entries, "1").map(|e| e.file.as_str()), Some("/r/a.json"));
        assert_eq!(find(&entries, "#2").map(|e| e.file.as_str()), Some("/r/b.json"));
        assert_eq!(find(&entries, "b").map(|e| e.number), Some(2));
        assert_eq!(find(&entries, "a.json").map(|e| e.number), Some(1));
        assert!(find(&entries, "3").is_none());
    }

    #[test]
    fn results_of_one_second_follow_their_count() {
        let second = "2026-01-01T00:00:00Z";
        let mut entries = vec![
            entry("/r/2026-01-01T00-00-00Z-10.json", second),
            entry("/r/2026-01-01T00-00-00Z-2.json", second),
            entry("/r/2026-01-01T00-00-00Z.json", second),
            entry("/r/2026-01-01T00-00-00Z-3.json", second),
        ];
        number(&mut entries);
        let files: Vec<&str> = entries.iter().map(|entry| entry.file.as_str()).collect();
        assert_eq!(
            files,
            [
                "/r/2026-01-01T00-00-00Z.json",
                "/r/2026-01-01T00-00-00Z-2.json",
                "/r/2026-01-01T00-00-00Z-3.json",
                "/r/2026-01-01T00-00-00Z-10.json",
            ]
        );
    }
}
